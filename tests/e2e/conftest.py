"""Browser tests: Playwright driving Debian's Chromium against the real platform.

The website runs as a real HTTP server in front of the gateway. Every request that would
leave this machine is aborted (`local_only`), so each test also proves the site needs no CDN.

Screenshots are artefacts (test-artifacts/, gitignored), not checks: a full-page PNG costs
Chromium 0.3-1 s of CPU. They are taken when asked for (``MIM_SCREENSHOTS=1``) and, for the
``page``, ``other_page`` and ``nojs_page`` fixtures, when a test fails.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.frontend.conftest import Platform
from tests.support.servers import PROJECT_ROOT, RunningServer
from tests.support.stack import Stack
from tests.support.tools import require_tool

CHROMIUM = os.environ.get("MIM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
SCREENSHOTS = os.environ.get("MIM_SCREENSHOTS", "") not in ("", "0")
AXE_JS = Path(__file__).parent / "assets" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser runs are e2e and long (a module-level ``pytestmark`` in a conftest marks nothing)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.long)


@pytest.fixture(autouse=True)
def _chromium() -> None:
    """Chromium is an external tool: missing, the test skips locally and fails in CI."""
    require_tool(CHROMIUM, "Chromium")


class Site:
    def __init__(self, url: str, platform: Platform) -> None:
        self.url = url
        self.platform = platform


@pytest.fixture(scope="session")
def site(shared_stack: Stack, shared_frontend: RunningServer) -> Site:
    """The website as a real server in front of the worker's shared platform (tests/conftest.py):
    tests make their own events, accounts and exporters, and stop no process."""
    return Site(
        shared_frontend.url,
        Platform(gateway_url=shared_stack.gateway, events_database_url=shared_stack.database_urls["events"]),
    )


@pytest.fixture(scope="module")
def browser() -> Iterator:  # type: ignore[type-arg]
    """Per module: sync Playwright runs an event loop in this thread while it is open, which
    the asyncio tests of later modules must not find running."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _is_elsewhere(url: str) -> bool:
    return urlsplit(url).hostname not in {"127.0.0.1", "localhost", None}


def local_only(context) -> None:  # type: ignore[no-untyped-def]
    """Abort any request that would leave this machine: every script, style and font is the
    site's own, as on a venue's Wi-Fi that reaches nothing else."""
    context.route(_is_elsewhere, lambda route: route.abort())


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:  # type: ignore[type-arg]
    """Mark a test whose body failed, for the page fixtures to keep a picture of what it saw."""
    outcome = yield
    if outcome.get_result().failed:  # type: ignore[attr-defined]
        item.stash[_FAILED] = True


def _visitor(browser, site: Site, request: pytest.FixtureRequest, role: str, **options) -> Iterator:  # type: ignore[no-untyped-def]
    """A visitor of its own (own context, so own cookies and storage), in French; a screenshot
    of the page as it was if the test failed."""
    context = browser.new_context(base_url=site.url, locale="fr-FR", **options)
    if options.get("java_script_enabled", True):
        local_only(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        if request.node.stash.get(_FAILED, False):
            _save_screenshot(page, f"failed-{request.node.name}-{role}")
        context.close()


@pytest.fixture
def page(browser, site: Site, request: pytest.FixtureRequest) -> Iterator:  # type: ignore[no-untyped-def]
    yield from _visitor(browser, site, request, "page", bypass_csp=True)


@pytest.fixture
def other_page(browser, site: Site, request: pytest.FixtureRequest) -> Iterator:  # type: ignore[no-untyped-def]
    """A second visitor (own cookies)."""
    yield from _visitor(browser, site, request, "other", bypass_csp=True)


@pytest.fixture
def nojs_page(browser, site: Site, request: pytest.FixtureRequest) -> Iterator:  # type: ignore[no-untyped-def]
    yield from _visitor(browser, site, request, "nojs", java_script_enabled=False)


def _save_screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        page.screenshot(path=str(ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"), full_page=True)
    except Exception as error:  # the page may be gone: the test's own failure is what counts
        print(f"no screenshot {name}: {error}")


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """An artefact to look at, only when asked for (MIM_SCREENSHOTS=1): nothing checks it."""
    if SCREENSHOTS:
        _save_screenshot(page, name)


def with_axe(context) -> None:  # type: ignore[no-untyped-def]
    """Load axe-core into every page of ``context`` as the page is made (before its own scripts),
    for contexts that audit many pages: not sent through Playwright again for each page."""
    context.add_init_script(path=str(AXE_JS))


def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """Serious and critical axe-core violations on the current page (axe-core added to the page
    unless its context loads it already, see ``with_axe``)."""
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def wait_htmx(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("() => window.htmx !== undefined")


__all__ = ["axe_violations", "json", "screenshot", "wait_htmx", "with_axe"]
