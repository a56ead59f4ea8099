"""The gateway's one body limit, and the larger one for image uploads (GATEWAY_MAX_UPLOAD_BYTES),
against the real registry; and images served through it with their immutable cache headers."""

from __future__ import annotations

import io
import os
import uuid

import httpx
from PIL import Image

from services.gateway.edge import _UPLOAD
from tests.registry.conftest import exporter_payload
from tests.support.tokens import bearer

STAFF = bearer("organiser")


def _noisy_jpeg(width: int, height: int) -> bytes:
    """A photo-like JPEG that does not compress: a few megabytes."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def _exporter(gw: httpx.Client) -> dict[str, str]:
    body = exporter_payload(uuid.uuid4().int % 900_000 + 50_000, trade_name=f"Upload {uuid.uuid4().hex[:6]}")
    response = gw.post("/api/registry/exporters", json=body, headers=STAFF)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_only_image_uploads_get_the_upload_limit() -> None:
    assert _UPLOAD.fullmatch(b"/api/registry/exporters/atlas-argan/logo")
    assert _UPLOAD.fullmatch(b"/api/registry/products/42/photos")
    for path in (
        b"/api/registry/exporters/atlas-argan",
        b"/api/registry/exporters/a/b/logo",
        b"/api/registry/products/42/photos/7",
        b"/api/registry/exporters/import",
        b"/api/events/exporters/x/logo",
    ):
        assert not _UPLOAD.fullmatch(path), path


def test_a_photo_over_the_body_limit_passes_on_its_own_path_only(gw: httpx.Client) -> None:
    exporter = _exporter(gw)
    photo = _noisy_jpeg(1400, 1000)
    assert 1_048_576 < len(photo) < 8 * 1_048_576
    files = {"file": ("photo.jpg", photo, "image/jpeg")}
    uploaded = gw.put(f"/api/registry/exporters/{exporter['slug']}/logo", files=files, headers=STAFF)
    assert uploaded.status_code == 200, uploaded.text
    # The same size anywhere else is still over the one body limit.
    elsewhere = gw.patch(
        f"/api/registry/exporters/{exporter['slug']}",
        content=photo,
        headers={**STAFF, "Content-Type": "application/json"},
    )
    assert elsewhere.status_code == 413

    # Served through the gateway: immutable for a year, tagged, revalidated with a 304.
    url = uploaded.json()["renditions"][0]["url"]
    served = gw.get(url)
    assert served.status_code == 200
    assert served.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert served.headers["content-type"] == uploaded.json()["renditions"][0]["media_type"]
    assert served.headers["x-content-type-options"] == "nosniff"
    again = gw.get(url, headers={"If-None-Match": served.headers["etag"]})
    assert again.status_code == 304


def test_an_upload_over_the_upload_limit_is_413_at_the_gateway(gw: httpx.Client) -> None:
    exporter = _exporter(gw)
    huge = b"\xff\xd8\xff" + b"\x00" * (9 * 1_048_576 + 1)
    files = {"file": ("huge.jpg", huge, "image/jpeg")}
    refused = gw.put(f"/api/registry/exporters/{exporter['slug']}/logo", files=files, headers=STAFF)
    assert refused.status_code == 413
    assert refused.json()["code"] == "payload-too-large"
    # Between the registry's 8 MiB and the gateway's 9 MiB: the registry names the file.
    big = b"\xff\xd8\xff" + b"\x00" * (8 * 1_048_576 + 1)
    files = {"file": ("big.jpg", big, "image/jpeg")}
    refused = gw.put(f"/api/registry/exporters/{exporter['slug']}/logo", files=files, headers=STAFF)
    assert refused.status_code == 413
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("file", "file-too-large")]
