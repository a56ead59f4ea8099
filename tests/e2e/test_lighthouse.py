"""Lighthouse (Google's own auditor, run under node with Debian's Chromium) scores the public
pages a buyer and a guest open, in French and in Arabic.

Accessibility stays at 100 (issue #15). Best practices and SEO are held at the scores measured
when this test was written, so a change that lowers them fails here; the failing audits are
listed in the message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, Site
from tests.frontend.conftest import create_event
from tests.integrators.conftest import node_tool
from tests.support.http import http

# The floor for each category, 0..1 as Lighthouse reports them.
FLOORS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


PAGES_SCRIPT = Path(__file__).parent / "assets" / "lighthouse-pages.mjs"


def _audit(urls: list[str], outs: list[Path]) -> list[dict]:  # type: ignore[type-arg]
    """Lighthouse on each URL, one after the other, in one node process with one Chromium
    (assets/lighthouse-pages.mjs): the settings of ``lighthouse URL --form-factor=mobile
    --screenEmulation.mobile --throttling-method=simulate --disable-full-page-screenshot``, without
    starting node, loading Lighthouse and launching a browser again for every page (~3 s each).
    Lighthouse resets the audited origin's storage before each run."""
    tool = Path(node_tool("lighthouse"))  # installs tests/tools/node if needed
    node_modules = tool.parent.parent
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for out in outs:
        out.unlink(missing_ok=True)
    done = subprocess.run(
        [
            "node",
            str(PAGES_SCRIPT),
            str(node_modules),
            ",".join(FLOORS),
            json.dumps([[url, str(out)] for url, out in zip(urls, outs, strict=True)]),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120 * len(urls),
        env=env,
    )
    assert done.returncode == 0, f"lighthouse {urls}: {done.stderr[-2000:]}"
    return [json.loads(out.read_text()) for out in outs]


def _failing(report: dict, category: str) -> list[str]:  # type: ignore[type-arg]
    audits = report["audits"]
    refs = report["categories"][category]["auditRefs"]
    return [
        f"{r['id']}: {audits[r['id']].get('title')}"
        for r in refs
        if r["weight"] > 0 and audits[r["id"]].get("score") not in (None, 1)
    ]


@pytest.fixture(scope="module")
def pages(site: Site) -> list[str]:
    listing = http.get(f"{site.platform.gateway_url}/api/registry/exporters", timeout=30).json()
    slug = listing["items"][0]["slug"]
    event = create_event(site.platform.gateway_url, capacity=30, title="Morning Lighthouse")
    return [
        "/?lang=fr",
        "/events?lang=fr",
        "/exporters?lang=ar&q=argan",
        f"/exporters/{slug}?lang=fr",
        f"/events/{event['id']}?lang=ar",
    ]


def test_lighthouse_scores_hold_on_the_pages_people_open(site: Site, pages: list[str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    outs = [
        ARTIFACTS / f"lighthouse-{re.sub(r'[^a-z0-9-]+', '_', p.strip('/')) or 'home'}.json" for p in pages
    ]
    problems = _problems(site.url, pages, _audit([site.url + path for path in pages], outs))
    if problems:
        # Audited once more: Lighthouse fetches some resources with short time-outs of its own
        # (robots.txt), and under a loaded machine a fetch that times out scores as a fault of
        # the page (seen once: "robots.txt is not valid" on a static robots.txt). A page's own
        # fault fails both runs; the second run's findings are reported.
        again = list(problems)
        print("audited again:", problems)
        retried = _audit([site.url + path for path in again], [outs[pages.index(p)] for p in again])
        problems = _problems(site.url, again, retried)
    assert problems == {}


def _problems(base: str, pages: list[str], reports: list[dict]) -> dict[str, dict[str, object]]:  # type: ignore[type-arg]
    problems: dict[str, dict[str, object]] = {}
    for path, report in zip(pages, reports, strict=True):
        assert report["requestedUrl"] == base + path, report["requestedUrl"]
        scores = {c: report["categories"][c]["score"] for c in FLOORS}
        print(path, scores)
        low = {c: s for c, s in scores.items() if s is None or s < FLOORS[c]}
        if low:
            problems[path] = {"scores": low, "audits": [a for c in low for a in _failing(report, c)]}
    return problems
