"""Logos and product photos on the website: the images themselves, served from this origin.

The page's Content-Security-Policy allows images from this origin only, so a rendition
(`/api/registry/media/<name>` on the gateway) is shown at `/media/<name>` here, relayed with
the registry's immutable cache lifetime and tag. Names are content hashes: a browser or a CDN
keeps each one for a year and never asks again.
"""

from __future__ import annotations

import re

from fastapi import APIRouter
from starlette.responses import Response

from frontend.gateway import ApiError
from frontend.web import Gateway

router = APIRouter()

NAME = re.compile(r"^[0-9a-f]{32}-[1-9][0-9]{0,3}\.(?:avif|webp|jpg|png)$")
_MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}
_KEPT = ("cache-control", "etag")


def local_url(api_url: str) -> str:
    """A rendition's URL on this site (from the path the API gives)."""
    return "/media/" + api_url.rsplit("/", 1)[-1]


@router.get("/media/{name}")
async def media_file(name: str, gateway: Gateway) -> Response:
    if not NAME.fullmatch(name):
        raise ApiError(404, {"code": "not-found"})
    upstream = await gateway.request("GET", f"/api/registry/media/{name}", accept="image/*")
    headers = {k: v for k, v in upstream.headers.items() if k in _KEPT}
    media_type = _MEDIA_TYPES[name.rsplit(".", 1)[-1]]
    return Response(upstream.body, media_type=media_type, headers=headers)
