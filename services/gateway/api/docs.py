"""The merged OpenAPI document and Swagger UI, served from the installed package (works offline)."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import FileResponse, Response
from swagger_ui_bundle import swagger_ui_path

from services.common.errors import NotFound
from services.gateway.openapi import merge_documents
from services.gateway.upstream import fetch_openapi

router = APIRouter(include_in_schema=False)

_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-standalone-preset.js": "text/javascript",
    "favicon-32x32.png": "image/png",
}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Made in Morocco — Public API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

_INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis],
});
"""

DESCRIPTION = (
    "The whole Club Made in Morocco platform behind one origin: the exporter registry under "
    "`/api/registry`, events and RSVPs under `/api/events`, accounts and API keys under `/api/auth`.\n\n"
    "Reads of public data need no credential. Writes need either a bearer access token "
    "(`POST /api/auth/token`) or an API key sent as `X-API-Key: <key>` "
    "(or `Authorization: ApiKey <key>`). Errors are RFC 9457 problem+json."
)


async def merged_openapi(request: Request) -> dict[str, Any]:
    app = request.app
    missing = [u for u in app.state.upstreams.values() if u.openapi is None]
    for upstream in missing:  # a service that was down at start-up may be back
        document = await fetch_openapi(app.state.http, upstream, seconds=upstream.seconds)
        if document is not None:
            upstream.openapi = document
            app.state.merged_openapi = None
    if app.state.merged_openapi is None:
        from services.gateway.main import openapi_sources

        app.state.merged_openapi = merge_documents(
            openapi_sources(app), title=app.title, version=app.version, description=DESCRIPTION
        )
    return app.state.merged_openapi


def with_servers(document: dict[str, Any], origin: str) -> dict[str, Any]:
    """``document`` with ``servers`` naming ``origin``, the gateway's address as its caller sees it
    (behind the proxy, the public API host): a generated client's default base URL."""
    published = {key: value for key, value in document.items() if key not in ("paths", "components", "tags")}
    published["servers"] = [{"url": origin.rstrip("/"), "description": "The Made in Morocco public API"}]
    return published | {key: document[key] for key in ("paths", "components", "tags") if key in document}


@router.get("/openapi.json")
async def openapi_document(request: Request) -> Response:
    document = with_servers(await merged_openapi(request), str(request.base_url))
    return Response(orjson.dumps(document), media_type="application/json")


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    return HTMLResponse(_PAGE)


@router.get("/docs/init.js")
async def swagger_init() -> Response:
    return Response(_INIT, media_type="text/javascript")


@router.get("/docs/assets/{name}")
async def swagger_asset(name: str) -> FileResponse:
    if name not in _ASSETS:
        raise NotFound(f"No asset {name}.")
    return FileResponse(f"{swagger_ui_path}/{name}", media_type=_ASSETS[name])
