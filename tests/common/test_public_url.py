"""One public address: every link that leaves the system is built from MIM_PUBLIC_URL.

Label QR codes are read back with a real decoder (``zbarimg``, Debian zbar-tools); the SVG is
first drawn by Chromium, as a browser or a print shop would, then decoded from the screenshot.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlmodel import select

from services.common.config import ServiceSettings
from services.events.config import EventsSettings
from services.events.main import create_app as create_events_app
from services.events.models import OutboxMessage
from services.gateway.config import GatewaySettings
from services.registry.config import RegistrySettings
from services.registry.main import create_app as create_registry_app
from tests.conftest import asgi_client, run_in_session
from tests.events.conftest import create_published_event, guest
from tests.registry.test_labels import _granted
from tests.support.databases import DatabaseFactory
from tests.support.servers import PROJECT_ROOT, free_port
from tests.support.tools import missing_tool

PUBLIC = "https://www.club-mim.example"
PUBLIC_HOST = "www.club-mim.example"
CHROMIUM = "/usr/bin/chromium"


def _frontend_settings() -> type[ServiceSettings]:
    from frontend.config import FrontendSettings

    return FrontendSettings


SETTINGS: dict[str, Callable[[], type[ServiceSettings]]] = {
    "registry": lambda: RegistrySettings,
    "events": lambda: EventsSettings,
    "gateway": lambda: GatewaySettings,
    "frontend": _frontend_settings,
}


def _tool(path: str | None, what: str) -> str:
    if path is None:
        missing_tool(f"{what} is not installed (.ci/run installs it)")
    assert path is not None
    return path


def zbar_decode(png: bytes, tmp_path: Path) -> list[str]:
    """Every QR payload ``zbarimg`` reads in the PNG image.

    Only the QR decoder runs (``-Sdisable`` first): zbarimg's linear decoders (EAN, I25,
    DataBar...) are on by default, and about one QR code in a hundred holds a run of modules
    that one of them reads as a short number ("220974", "0149937782868674"), a second
    "payload" that never was in the image."""
    zbarimg = _tool(shutil.which("zbarimg"), "zbarimg (Debian zbar-tools)")
    image = tmp_path / f"qr-{uuid.uuid4().hex}.png"
    image.write_bytes(png)
    result = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],
        capture_output=True,
        timeout=30,
        check=False,
    )
    return [line for line in result.stdout.decode().splitlines() if line]


def render_svg(svg: bytes, width: int = 400) -> bytes:
    """The SVG drawn by Chromium on a dark page as an <img> of ``width`` pixels, as a PNG screenshot."""
    _tool(CHROMIUM if Path(CHROMIUM).exists() else None, "chromium")
    from base64 import b64encode

    from playwright.sync_api import sync_playwright

    data = "data:image/svg+xml;base64," + b64encode(svg).decode()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--headless"])
        try:
            page = browser.new_page(viewport={"width": width + 80, "height": width + 80})
            # A dark page: a transparent QR code would lose its light modules and quiet zone on it.
            page.set_content(
                f'<body style="margin:40px;background:#222"><img id="qr" src="{data}" width="{width}"></body>'
            )
            page.wait_for_function("document.getElementById('qr').complete")
            return page.locator("#qr").screenshot()
        finally:
            browser.close()


# --------------------------------------------------------------------------- the setting


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_every_process_reads_the_one_public_url(service: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MIM_PUBLIC_URL", PUBLIC + "/")
    assert SETTINGS[service]()().public_url == PUBLIC  # type: ignore[call-arg]


@pytest.mark.parametrize("service", sorted(SETTINGS))
@pytest.mark.parametrize(
    "value",
    [
        None,
        "http://127.0.0.1:8080",
        "http://127.3.4.5",
        "http://localhost:8080",
        "https://LOCALHOST.",
        "http://app.localhost",
        "http://[::1]:8080",
        "http://0.0.0.0:8080",
        "http://[::]",
        "www.made-in-morocco.ma",
        "",
    ],
)
def test_production_refuses_an_unset_or_loopback_public_url(
    service: str, value: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIM_ENV", "production")
    monkeypatch.setenv("MIM_JWT_SECRET", "j" * 48)
    monkeypatch.setenv("FRONTEND_SECRET_KEY", "f" * 48)
    monkeypatch.setenv("GATEWAY_TRUSTED_PROXIES", "")
    monkeypatch.setenv("REGISTRY_LABEL_SIGNING_KEYS", "prod-1:" + "k" * 43)
    if value is None:
        monkeypatch.delenv("MIM_PUBLIC_URL", raising=False)
    else:
        monkeypatch.setenv("MIM_PUBLIC_URL", value)
    with pytest.raises(ValueError, match="MIM_PUBLIC_URL"):
        SETTINGS[service]()()
    monkeypatch.setenv("MIM_PUBLIC_URL", PUBLIC)
    assert SETTINGS[service]()().public_url == PUBLIC  # type: ignore[call-arg]


def test_a_production_process_with_a_loopback_public_url_does_not_start() -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MIM_", "FRONTEND_", "REGISTRY_"))}
    env = {**clean, "MIM_ENV": "production", "MIM_JWT_SECRET": "j" * 48, "MIM_PUBLIC_URL": "http://localhost"}
    process = subprocess.run(
        [sys.executable, "-m", "services.cli", "serve", "registry", "--port", str(free_port())],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = process.stdout + process.stderr
    assert process.returncode not in (0, None), output
    assert "MIM_PUBLIC_URL" in output and "Traceback" not in output, output[-2000:]


# --------------------------------------------------------------------------- label QR codes


@pytest.fixture
async def public_registry(databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MIM_PUBLIC_URL", PUBLIC)
    app = create_registry_app(
        RegistrySettings(database_url=databases.fresh_url("registry"), log_level="WARNING")
    )
    async with asgi_client(app) as client:
        yield client
    await app.state.engine.dispose()


async def test_label_verification_url_uses_the_public_url(public_registry) -> None:  # type: ignore[no-untyped-def]
    number = await _granted(public_registry)
    assert (await public_registry.get(f"/labels/{number}")).json()["verification_url"] == (
        f"{PUBLIC}/labels/{number}"
    )


async def test_label_png_qr_decodes_to_the_public_site(public_registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    number = await _granted(public_registry)
    response = await public_registry.get(f"/labels/{number}/qr.png")
    assert response.status_code == 200 and response.headers["content-type"] == "image/png"
    # The fragment is the signed offline statement (tests/registry/test_label_statement.py).
    assert [url.partition("#")[0] for url in zbar_decode(response.content, tmp_path)] == [
        f"{PUBLIC}/labels/{number}"
    ]


async def test_label_svg_qr_decodes_to_the_public_site(public_registry, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    number = await _granted(public_registry)
    response = await public_registry.get(f"/labels/{number}/qr.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    decoded = zbar_decode(await asyncio.to_thread(render_svg, response.content), tmp_path)
    assert [url.partition("#")[0] for url in decoded] == [f"{PUBLIC}/labels/{number}"]
    assert urlsplit(decoded[0]).hostname == PUBLIC_HOST
    # Small, as printed on a label: still read.
    small = await asyncio.to_thread(render_svg, response.content, 140)
    assert zbar_decode(small, tmp_path) == decoded


def _dark_cells(path_d: str) -> set[tuple[int, int]]:
    """The dark modules of segno's SVG path (``M x y.5`` / ``m dx dy`` moves, ``h n`` runs)."""
    cells: set[tuple[int, int]] = set()
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path_d):
        if op in "Mm":
            x, y = (float(a), float(b)) if op == "M" else (x + float(a), y + float(b))
        else:
            run = float(a)
            start, end = (x, x + run) if op == "h" else (x, float(a))
            for column in range(int(min(start, end)), int(max(start, end))):
                cells.add((column, int(y)))
            x = end
    return cells


@pytest.mark.parametrize("data", ["https://www.club-mim.example/labels/MIM-2026-7K3Q-9XPD", "MIM-CHECKIN:x"])
def test_svg_qr_has_a_white_background_a_viewbox_and_a_four_module_quiet_zone(data: str) -> None:
    from services.common import qr
    from services.events import qr as checkin_qr

    for svg in (qr.svg(data), checkin_qr.svg(data.removeprefix("MIM-CHECKIN:"))):
        text = svg.decode()
        size = re.search(r'viewBox="0 0 (\d+) (\d+)"', text)
        assert size and size.group(1) == size.group(2), text[:300]
        side = int(size.group(1))
        assert f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>' in text, "no opaque white background"
        dark = _dark_cells(re.search(r'class="qrline" stroke="#000" d="([^"]+)"', text).group(1))  # type: ignore[union-attr]
        xs = {x for x, _ in dark}
        ys = {y for _, y in dark}
        assert min(xs) == min(ys) == 4 and max(xs) == max(ys) == side - 5, "quiet zone is not 4 modules"


# --------------------------------------------------------------------------- e-mails


async def test_manage_links_in_emails_use_the_public_url(
    databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("MIM_PUBLIC_URL", PUBLIC)
    settings = EventsSettings(
        database_url=databases.fresh_url("events"), log_level="WARNING", mail_dir=str(tmp_path / "mail")
    )
    app = create_events_app(settings)
    try:
        async with asgi_client(app) as client:
            event = await create_published_event(client)
            answer = await client.post(f"/events/{event['id']}/rsvps", json=guest(1))
            assert answer.status_code in (200, 201, 202), answer.text

        async def bodies(session):  # type: ignore[no-untyped-def]
            return [m.body_text for m in (await session.exec(select(OutboxMessage))).all()]

        texts = await run_in_session(app, bodies)
    finally:
        await app.state.engine.dispose()
    links = [u for text in texts for u in re.findall(r"https?://[^\s>\"']+", text)]
    assert links, texts
    assert all(urlsplit(u).hostname == PUBLIC_HOST for u in links), links
