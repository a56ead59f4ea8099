"""What every page module uses: the templates, `HXRequest`, the gateway, rendering, CSRF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import Depends, Request
from jinja2_fragments.fastapi import Jinja2Blocks
from starlette.responses import Response

from frontend import i18n, seo
from frontend.config import HTMX_INTEGRITY
from frontend.gateway import GatewayClient
from frontend.session import CSRF_FIELD, CSRF_HEADER, Session, csrf_token, csrf_valid, get_session

TEMPLATES_DIR = Path(__file__).parent / "templates"

templates = Jinja2Blocks(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
)
templates.env.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=i18n.gettext_, ngettext=i18n.ngettext_, newstyle=True
)
templates.env.globals.update(i18n.template_globals())
templates.env.globals["urlencode"] = urlencode


def iso_datetime(value: Any) -> str:
    """A `<time datetime>` value written as the API writes it (UTC as `Z`), model or JSON string."""
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return str(value)


templates.env.filters["iso"] = iso_datetime


def is_htmx(request: Request) -> bool:
    """An HTMX request that swaps part of the page (a boosted one wants the whole page)."""
    headers = request.headers
    return headers.get("hx-request") == "true" and headers.get("hx-boosted") != "true"


# Dependencies are coroutines: FastAPI would run a plain function in its thread pool, a
# thread hand-off per request for what is an attribute read.
async def _hx_request(request: Request) -> bool:
    return is_htmx(request)


async def gateway_client(request: Request) -> GatewayClient:
    gateway: GatewayClient = request.app.state.gateway
    return gateway


async def _session(request: Request) -> Session:
    return get_session(request)


HXRequest = Annotated[bool, Depends(_hx_request)]
Gateway = Annotated[GatewayClient, Depends(gateway_client)]
SessionDep = Annotated[Session, Depends(_session)]


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    block: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The full page, or only `block` of the same template for an HTMX request."""
    ctx = page_context(request)
    ctx.update(context or {})
    kwargs: dict[str, Any] = {"status_code": status_code, "headers": headers}
    if block is not None:
        kwargs["block_name"] = block
    response = templates.TemplateResponse(request, template, ctx, **kwargs)
    response.headers["Vary"] = "HX-Request, Cookie"
    return response


def page_context(request: Request) -> dict[str, Any]:
    lang = request.state.language
    session = get_session(request)
    path_qs = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return {
        "lang_urls": language_urls(request),
        "head_links": seo.head_links(
            request.app.state.settings.public_url, request.url.path, request.query_params.multi_items(), lang
        ),
        "htmx_integrity": HTMX_INTEGRITY,
        "lang": lang,
        "dir": i18n.LANGUAGES[lang]["dir"],
        "csrf_token": csrf_token(request),
        "csrf_field": CSRF_FIELD,
        "settings": request.app.state.settings,
        "current_path": path_qs,
        "account": session.get("account"),
        "role": session.get("role"),
    }


def language_urls(request: Request) -> dict[str, str]:
    """The current page in each language (the switcher keeps the page and its query)."""
    query: list[tuple[str, str]] = []
    if request.method == "GET":
        query = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    base = request.url.path
    return {code: f"{base}?{urlencode([*query, ('lang', code)])}" for code in i18n.LANGUAGES}


async def check_csrf(request: Request) -> None:
    """Every POST carries the session's CSRF token (form field or X-CSRF-Token header)."""
    submitted = request.headers.get(CSRF_HEADER)
    if not submitted:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        submitted = value if isinstance(value, str) else None
    if not csrf_valid(request, submitted):
        raise CsrfFailed()


class CsrfFailed(Exception):
    pass


CsrfChecked = Depends(check_csrf)
