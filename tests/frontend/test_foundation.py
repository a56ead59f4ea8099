"""The website's skeleton: layout, htmx with its fallback, fragments, health, gateway failures."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import threading
import time

import httpx
import pytest
from markupsafe import escape
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

from frontend.config import HTMX_INTEGRITY, HTMX_VERSION
from frontend.web import TEMPLATES_DIR
from tests.conftest import asgi_client
from tests.frontend.conftest import Platform, _thread_server, site_app
from tests.support.http import http
from tests.support.servers import free_port


async def test_home_shows_exporters_in_french_by_default(site: httpx.AsyncClient, platform: Platform) -> None:
    # The home page shows the catalogue's first six; other tests may have added exporters that
    # sort before the demo's, so the six are read from the API the page reads.
    first = http.get(f"{platform.gateway_url}/api/registry/exporters", params={"per_page": 6}).json()
    names = [exporter["trade_name"] for exporter in first["items"]]
    assert len(names) == 6
    response = await site.get("/")
    assert response.status_code == 200
    html = response.text
    assert '<html lang="fr" dir="ltr">' in html
    assert "Club Made in Morocco" in html
    assert [name for name in names if str(escape(name)) not in html] == [], "six exporters on the home page"
    assert response.headers["x-request-id"]


async def test_layout_loads_htmx_from_the_site_itself_with_integrity(site: httpx.AsyncClient) -> None:
    response = await site.get("/")
    scripts = re.findall(r"<script\b[^>]*>", response.text)
    assert scripts == [f'<script src="/static/vendor/htmx.min.js" integrity="{HTMX_INTEGRITY}">']
    csp = response.headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert script_src.strip() == "script-src 'self'", "no third-party script origin"
    vendored = await site.get("/static/vendor/htmx.min.js")
    assert vendored.status_code == 200
    digest = base64.b64encode(hashlib.sha384(vendored.content).digest()).decode()
    assert f"sha384-{digest}" == HTMX_INTEGRITY, f"htmx {HTMX_VERSION} as published"


@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("en", "ltr"), ("ar", "rtl")])
async def test_language_sets_lang_and_dir_and_is_remembered(
    site: httpx.AsyncClient, lang: str, direction: str
) -> None:
    response = await site.get("/", params={"lang": lang})
    assert f'<html lang="{lang}" dir="{direction}">' in response.text
    assert f"mim_lang={lang}" in response.headers.get("set-cookie", "")
    again = await site.get("/exporters")
    assert f'<html lang="{lang}" dir="{direction}">' in again.text


async def test_language_switcher_keeps_the_page_and_query(site: httpx.AsyncClient) -> None:
    html = (await site.get("/exporters", params={"q": "argan", "region": "MA-09"})).text
    assert 'href="/exporters?q=argan&amp;region=MA-09&amp;lang=ar"' in html


async def test_htmx_request_gets_the_block_of_the_same_template(site: httpx.AsyncClient) -> None:
    full = await site.get("/exporters")
    fragment = await site.get("/exporters", headers={"HX-Request": "true"})
    assert full.status_code == fragment.status_code == 200
    assert "<html" in full.text and "<html" not in fragment.text
    assert fragment.text.lstrip().startswith('<div id="results"')
    assert 'id="results"' in full.text
    assert "HX-Request" in fragment.headers["vary"]


async def test_session_cookie_is_signed_httponly_and_samesite(site: httpx.AsyncClient) -> None:
    response = await site.get("/")
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("mim_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self';" in response.headers["content-security-policy"]


async def test_healthz_and_readyz_when_the_gateway_answers(site: httpx.AsyncClient) -> None:
    assert (await site.get("/healthz")).json()["status"] == "ok"
    ready = await site.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"gateway": "ok"}


async def test_unknown_page_is_a_friendly_404(site: httpx.AsyncClient) -> None:
    response = await site.get("/no-such-page")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "Page introuvable" in response.text or "Page not found" in response.text


async def test_unknown_exporter_is_a_friendly_404(site: httpx.AsyncClient) -> None:
    response = await site.get("/exporters/no-such-company")
    assert response.status_code == 404
    assert "Traceback" not in response.text


async def test_gateway_down_gives_a_friendly_page_fast() -> None:
    app = site_app(f"http://127.0.0.1:{free_port()}")
    async with asgi_client(app) as client:
        started = time.monotonic()
        response = await client.get("/")
        elapsed = time.monotonic() - started
        ready = await client.get("/readyz")
    await app.state.gateway.close()
    assert response.status_code == 503
    assert "<html" in response.text and "Traceback" not in response.text
    assert 'role="alert"' in response.text
    assert elapsed < 3
    assert ready.status_code == 503
    assert ready.headers["content-type"].startswith("application/problem+json")


async def test_slow_gateway_gives_the_friendly_page_within_the_timeout() -> None:
    answered = threading.Event()

    async def slow(_request):  # type: ignore[no-untyped-def]
        # Answers once the website has given up (or after 5 s), far past its 0.5 s time-out;
        # released at the end so the server's shutdown does not wait out the 5 s.
        await asyncio.to_thread(answered.wait, 5)
        return JSONResponse({"items": [], "total": 0, "page": 1, "per_page": 6})

    port = free_port()
    slow_app = Starlette(routes=[Route("/{path:path}", slow)])
    with _thread_server(slow_app, port):
        try:
            app = site_app(f"http://127.0.0.1:{port}", gateway_timeout_seconds=0.5)
            async with asgi_client(app) as client:
                started = time.monotonic()
                response = await client.get("/", headers={"HX-Request": "true"})
                elapsed = time.monotonic() - started
            await app.state.gateway.close()
        finally:
            answered.set()
    assert response.status_code == 503
    assert "<html" not in response.text, "an HTMX request gets the error block only"
    assert 'role="alert"' in response.text
    assert elapsed < 2


def test_every_template_parses() -> None:
    from frontend.web import templates

    names = [p.relative_to(TEMPLATES_DIR).as_posix() for p in TEMPLATES_DIR.rglob("*.html")]
    assert names
    for name in names:
        templates.env.get_template(name)
