"""Logos and product photos: what is refused, what is stored, what is served (#15.3).

Uploads go to the real registry app (SQLite or PostgreSQL per MIM_TEST_DB) with its media
stored on disk in a temporary directory; the served bytes are decoded again with Pillow.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from services.common.storage import LocalDiskStorage
from services.registry import media
from tests.conftest import asgi_client, run_in_session
from tests.registry.conftest import STAFF, create_exporter, create_product
from tests.support.tokens import bearer

GPS_IFD = 0x8825


# ---------------------------------------------------------------------------- images


def jpeg_with_gps(
    width: int = 1200, height: int = 800, colour: tuple[int, int, int] = (200, 40, 40)
) -> bytes:
    """A camera-like JPEG: EXIF with a maker, a serial number, a comment and a GPS position."""
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):
        image.paste((20, 120, 200), (x, 0, x + 10, height))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam Inc."  # Make
    exif[0xA431] = "SERIAL-4242"  # BodySerialNumber
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (33.0, 35.0, 17.0)
    gps[3], gps[4] = "W", (7.0, 36.0, 42.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90, comment=b"taken at home")
    return out.getvalue()


def png_with_alpha(width: int = 300, height: int = 200) -> bytes:
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    image.paste((10, 150, 90, 255), (50, 50, 250, 150))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def bomb_png() -> bytes:
    """64 megapixels of one colour: a few kB on disk, 64 MB (or far more as RGB) once decoded."""
    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG", optimize=True)
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(document.cookie)</script>")
    return out.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.domain)</script></body></html>"


def multipart(data: bytes, filename: str = "logo.jpg", content_type: str = "image/jpeg", **alt: str) -> Any:
    return {"files": {"file": (filename, data, content_type)}, "data": alt}


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture
async def app(registry_url: str, tmp_path: Path) -> AsyncIterator[Any]:
    from services.registry.config import RegistrySettings
    from services.registry.main import create_app

    settings = RegistrySettings(
        database_url=registry_url,
        log_level="WARNING",
        media_root=tmp_path / "media",
        media_max_bytes=2_000_000,
    )
    application = create_app(settings)
    yield application
    await application.state.engine.dispose()


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with asgi_client(app) as c:
        yield c


def media_root(app: Any) -> Path:
    storage: LocalDiskStorage = app.state.media_storage
    return storage.root


def stored_files(app: Any) -> set[str]:
    root = media_root(app)
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


async def served(client: httpx.AsyncClient, url: str) -> httpx.Response:
    assert url.startswith("/api/registry/media/")
    return await client.get(url.removeprefix("/api/registry"))


# ---------------------------------------------------------------------------- logo


async def test_logo_is_re_encoded_without_metadata_and_served_immutable(
    client: httpx.AsyncClient, app: Any
) -> None:
    exporter = await create_exporter(client, 1)
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the upload has a position
    response = await client.put(
        f"/exporters/{exporter['slug']}/logo",
        headers=STAFF,
        **multipart(original, alt_fr="Logo de Test", alt_ar="شعار"),
    )
    assert response.status_code == 200, response.text
    logo = response.json()
    assert logo["alt"] == {"fr": "Logo de Test", "en": "", "ar": "شعار"}
    urls = [r["url"] for r in logo["renditions"]]
    assert len(urls) == len(set(urls))
    widths = sorted({r["width"] for r in logo["renditions"]})
    assert widths == [160, 480, 960]
    types = {r["media_type"] for r in logo["renditions"]}
    assert {"image/webp", "image/jpeg"} <= types
    for rendition in logo["renditions"]:
        answer = await served(client, rendition["url"])
        assert answer.status_code == 200
        assert answer.headers["content-type"] == rendition["media_type"]
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert answer.headers["etag"]
        body = answer.content
        for secret in (b"SecretCam", b"SERIAL-4242", b"taken at home", b"Exif", b"GPS"):
            assert secret not in body, (rendition["url"], secret)
        decoded = Image.open(io.BytesIO(body))
        assert decoded.size == (rendition["width"], rendition["height"])
        assert not decoded.getexif(), rendition["url"]
        assert "icc_profile" not in decoded.info and "exif" not in decoded.info
    # A revalidation costs a 304 with no body.
    first = logo["renditions"][0]["url"]
    tag = (await served(client, first)).headers["etag"]
    again = await client.get(first.removeprefix("/api/registry"), headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""

    profile = (await client.get(f"/exporters/{exporter['slug']}")).json()
    assert profile["logo"]["hash"] == logo["hash"]
    listing = (await client.get("/exporters", params={"q": exporter["trade_name"]})).json()
    assert [e["logo"]["hash"] for e in listing["items"] if e["id"] == exporter["id"]] == [logo["hash"]]


async def test_the_same_logo_twice_gives_the_same_urls_and_stores_nothing_more(
    client: httpx.AsyncClient, app: Any
) -> None:
    exporter = await create_exporter(client, 2)
    data = jpeg_with_gps(640, 480)
    first = await client.put(f"/exporters/{exporter['slug']}/logo", headers=STAFF, **multipart(data))
    files = stored_files(app)
    second = await client.put(f"/exporters/{exporter['slug']}/logo", headers=STAFF, **multipart(data))
    assert first.status_code == second.status_code == 200
    assert first.json()["renditions"] == second.json()["renditions"]
    assert stored_files(app) == files
    # The same bytes for another exporter: the same asset, stored once.
    other = await create_exporter(client, 3)
    third = await client.put(f"/exporters/{other['slug']}/logo", headers=STAFF, **multipart(data))
    assert third.json()["hash"] == first.json()["hash"] and stored_files(app) == files
    # A small image is not enlarged: its own width is the largest rendition.
    assert max(r["width"] for r in first.json()["renditions"]) == 640


async def test_the_same_new_image_uploaded_twice_at_once_is_stored_once(
    client: httpx.AsyncClient, app: Any
) -> None:
    import asyncio

    a, b = await create_exporter(client, 20), await create_exporter(client, 21)
    data = jpeg_with_gps(700, 500, (90, 60, 30))
    answers = await asyncio.gather(
        *(client.put(f"/exporters/{e['slug']}/logo", headers=STAFF, **multipart(data)) for e in (a, b))
    )
    assert [r.status_code for r in answers] == [200, 200], [r.text for r in answers]
    assert answers[0].json()["hash"] == answers[1].json()["hash"]
    for e in (a, b):
        assert (await client.get(f"/exporters/{e['slug']}")).json()["logo"]["hash"] == answers[0].json()[
            "hash"
        ]


async def test_replacing_and_removing_a_logo(client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(client, 4)
    path = f"/exporters/{exporter['slug']}/logo"
    a = (await client.put(path, headers=STAFF, **multipart(jpeg_with_gps(500, 500)))).json()
    b = await client.put(path, headers=STAFF, **multipart(png_with_alpha(), "logo.png", "image/png"))
    assert b.status_code == 200
    assert b.json()["hash"] != a["hash"]
    # Transparency is kept: the fallback is PNG, not JPEG.
    assert "image/png" in {r["media_type"] for r in b.json()["renditions"]}
    assert "image/jpeg" not in {r["media_type"] for r in b.json()["renditions"]}
    assert (await client.get(f"/exporters/{exporter['slug']}")).json()["logo"]["hash"] == b.json()["hash"]
    assert (await client.delete(path, headers=STAFF)).status_code == 204
    assert (await client.get(f"/exporters/{exporter['slug']}")).json()["logo"] is None
    assert (await client.delete(path, headers=STAFF)).status_code == 404


async def test_only_the_exporter_itself_or_staff_may_upload(client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(client, 5)
    other = await create_exporter(client, 6)
    path = f"/exporters/{exporter['slug']}/logo"
    data = jpeg_with_gps(300, 300)
    assert (await client.put(path, **multipart(data))).status_code == 401
    foreign = bearer("exporter", exporter_id=other["id"])
    assert (await client.put(path, headers=foreign, **multipart(data))).status_code == 403
    own = bearer("exporter", exporter_id=exporter["id"])
    assert (await client.put(path, headers=own, **multipart(data))).status_code == 200
    assert (await client.delete(path, headers=foreign)).status_code == 403


# ---------------------------------------------------------------------------- refusals


def _refusal(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [("file", code)], problem
    return problem  # type: ignore[no-any-return]


def _jpeg_with_appended(extra: bytes) -> bytes:
    return jpeg_with_gps(200, 200) + extra


REFUSED = {
    "svg-with-script": (SVG, "logo.svg", "image/svg+xml", 415, "image-type"),
    "html-named-png": (HTML, "logo.png", "image/png", 415, "image-type"),
    "jpeg-plus-zip": (_jpeg_with_appended(zip_bytes()), "logo.jpg", "image/jpeg", 422, "image-trailing-data"),
    "jpeg-plus-html": (_jpeg_with_appended(HTML), "logo.jpg", "image/jpeg", 422, "image-trailing-data"),
    "png-plus-html": (png_with_alpha() + HTML, "logo.png", "image/png", 422, "image-trailing-data"),
    "truncated-jpeg": (jpeg_with_gps()[:5000], "logo.jpg", "image/jpeg", 422, "image-damaged"),
    "truncated-png": (png_with_alpha()[:-40], "logo.png", "image/png", 422, "image-damaged"),
    "decompression-bomb": (bomb_png(), "logo.png", "image/png", 422, "image-too-many-pixels"),
    "too-large": (b"\xff\xd8\xff" + b"\x00" * 2_000_000, "logo.jpg", "image/jpeg", 413, "file-too-large"),
    "empty": (b"", "logo.jpg", "image/jpeg", 415, "image-type"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
async def test_hostile_uploads_get_a_clear_problem_and_store_nothing(
    client: httpx.AsyncClient, app: Any, case: str
) -> None:
    data, filename, content_type, status, code = REFUSED[case]
    exporter = await create_exporter(client, 7)
    product = await create_product(client, exporter["slug"])
    logo = await client.put(
        f"/exporters/{exporter['slug']}/logo", headers=STAFF, **multipart(data, filename, content_type)
    )
    _refusal(logo, status, code)
    photo = await client.post(
        f"/products/{product['id']}/photos", headers=STAFF, **multipart(data, filename, content_type)
    )
    _refusal(photo, status, code)
    assert stored_files(app) == set()
    assert (await client.get(f"/exporters/{exporter['slug']}")).json()["logo"] is None
    assert (await client.get(f"/products/{product['id']}")).json()["photos"] == []


def test_the_bomb_is_refused_before_it_is_decoded() -> None:
    """The pixel count is read from the header: refusing takes no decoding (and no memory)."""
    with pytest.raises(media.ImageRefused) as refused:
        media.process(bomb_png(), max_bytes=10_000_000, max_pixels=40_000_000)
    assert refused.value.errors and refused.value.errors[0].code == "image-too-many-pixels"
    # Under Pillow's own limit as well (set low here): its DecompressionBombError becomes ours.
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = 1000
    try:
        with pytest.raises(media.ImageRefused) as refused:
            media.process(jpeg_with_gps(300, 300), max_bytes=10_000_000, max_pixels=10**9)
        assert refused.value.errors and refused.value.errors[0].code == "image-too-many-pixels"
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def test_rendition_widths_never_enlarge_nor_repeat() -> None:
    assert media.rendition_widths(100) == [100]
    assert media.rendition_widths(300) == [160, 300]
    assert media.rendition_widths(960) == [160, 480, 960]
    assert media.rendition_widths(4000) == [160, 480, 960]


def test_a_big_photo_is_decoded_at_a_reduced_scale_and_rendered_once_per_width() -> None:
    processed = media.process(jpeg_with_gps(3000, 2000), max_bytes=10**8, max_pixels=10**8)
    names = [r.name for r in processed.renditions]
    assert len(names) == len(set(names)) == 3 * len(processed.formats)
    assert (processed.width, processed.height) == (960, 640)


@pytest.mark.parametrize("profile", ["srgb", "garbage"])
def test_a_colour_profile_is_applied_then_dropped(profile: str) -> None:
    from PIL import ImageCms

    icc = (
        ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        if profile == "srgb"
        else b"not an icc profile" * 10
    )
    out = io.BytesIO()
    Image.new("RGB", (200, 100), (10, 120, 200)).save(out, "PNG", icc_profile=icc)
    assert Image.open(io.BytesIO(out.getvalue())).info.get("icc_profile")
    processed = media.process(out.getvalue(), max_bytes=10**7, max_pixels=10**8)
    for rendition in processed.renditions:
        decoded = Image.open(io.BytesIO(rendition.data))
        assert "icc_profile" not in decoded.info, rendition.name
        if rendition.name.endswith(".jpg"):  # the colour survives (sRGB to sRGB is the identity)
            r, g, b = decoded.convert("RGB").getpixel((20, 20))  # type: ignore[misc]
            assert abs(r - 10) + abs(g - 120) + abs(b - 200) < 15, (r, g, b)
    assert any(r.name.endswith(".jpg") for r in processed.renditions)


def test_a_jpeg_padded_with_zeros_is_not_a_polyglot() -> None:
    processed = media.process(jpeg_with_gps(200, 100) + b"\x00" * 64, max_bytes=10**7, max_pixels=10**8)
    assert processed.widths == [160, 200]


# ---------------------------------------------------------------------------- photos


async def test_product_photos_are_ordered_idempotent_and_go_with_the_product(
    client: httpx.AsyncClient, app: Any
) -> None:
    exporter = await create_exporter(client, 8)
    product = await create_product(client, exporter["slug"])
    path = f"/products/{product['id']}/photos"
    red, blue = jpeg_with_gps(800, 600, (220, 30, 30)), jpeg_with_gps(800, 600, (30, 30, 220))
    first = await client.post(path, headers=STAFF, **multipart(red, alt_fr="Tapis rouge", alt_en="Red rug"))
    assert first.status_code == 201, first.text
    second = await client.post(path, headers=STAFF, **multipart(blue, alt_ar="سجاد أزرق"))
    assert second.status_code == 201
    again = await client.post(path, headers=STAFF, **multipart(red))
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["renditions"] == first.json()["renditions"]
    assert again.json()["alt"]["fr"] == "Tapis rouge"  # a re-upload without alt keeps it

    detail = (await client.get(f"/products/{product['id']}")).json()
    assert [p["id"] for p in detail["photos"]] == [first.json()["id"], second.json()["id"]]
    listed = (await client.get(f"/exporters/{exporter['slug']}/products")).json()["items"]
    assert [len(p["photos"]) for p in listed] == [2]

    # Removing one photo; the other stays.
    assert (await client.delete(f"{path}/{first.json()['id']}", headers=STAFF)).status_code == 204
    detail = (await client.get(f"/products/{product['id']}")).json()
    assert [p["id"] for p in detail["photos"]] == [second.json()["id"]]
    assert (await client.delete(f"{path}/{first.json()['id']}", headers=STAFF)).status_code == 404

    # Deleting the product takes its photos out of every listing; the bytes stay until collected.
    files = stored_files(app)
    assert (await client.delete(f"/products/{product['id']}", headers=STAFF)).status_code == 204
    assert (await client.get(f"/products/{product['id']}")).status_code == 404
    assert (await client.get(f"/exporters/{exporter['slug']}/products")).json()["items"] == []
    assert stored_files(app) == files
    blue_url = second.json()["renditions"][0]["url"]
    assert (await served(client, blue_url)).status_code == 200

    async def collect(session: Any) -> int:
        return await media.collect_unused(session=session, storage=app.state.media_storage)

    assert await run_in_session(app, collect) == 2  # red and blue: nothing points at them any more
    assert stored_files(app) == set()
    assert (await served(client, blue_url)).status_code == 404


async def test_collecting_keeps_what_is_still_used(client: httpx.AsyncClient, app: Any) -> None:
    exporter = await create_exporter(client, 9)
    product = await create_product(client, exporter["slug"])
    data = jpeg_with_gps(400, 300)
    await client.put(f"/exporters/{exporter['slug']}/logo", headers=STAFF, **multipart(data))
    await client.post(f"/products/{product['id']}/photos", headers=STAFF, **multipart(data))
    await client.delete(f"/products/{product['id']}", headers=STAFF)
    files = stored_files(app)

    async def collect(session: Any) -> int:
        return await media.collect_unused(session=session, storage=app.state.media_storage)

    assert await run_in_session(app, collect) == 0  # the logo still uses the same bytes
    assert stored_files(app) == files


async def test_a_product_takes_at_most_eight_photos(client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(client, 10)
    product = await create_product(client, exporter["slug"])
    path = f"/products/{product['id']}/photos"
    for shade in range(media.MAX_PHOTOS):
        data = jpeg_with_gps(200, 200, (shade * 20, 100, 100))
        assert (await client.post(path, headers=STAFF, **multipart(data))).status_code == 201
    ninth = await client.post(path, headers=STAFF, **multipart(jpeg_with_gps(200, 200, (0, 0, 0))))
    assert ninth.status_code == 409 and ninth.json()["code"] == "too-many-photos"


async def test_a_foreign_exporter_cannot_touch_photos(client: httpx.AsyncClient) -> None:
    exporter = await create_exporter(client, 11)
    other = await create_exporter(client, 12)
    product = await create_product(client, exporter["slug"])
    path = f"/products/{product['id']}/photos"
    foreign = bearer("exporter", exporter_id=other["id"])
    assert (await client.post(path, headers=foreign, **multipart(jpeg_with_gps(200, 200)))).status_code == 403
    photo = (await client.post(path, headers=STAFF, **multipart(jpeg_with_gps(200, 200)))).json()
    assert (await client.delete(f"{path}/{photo['id']}", headers=foreign)).status_code == 403
    own = bearer("exporter", exporter_id=exporter["id"])
    assert (await client.delete(f"{path}/{photo['id']}", headers=own)).status_code == 204


async def test_unknown_and_malformed_media_names_are_404(client: httpx.AsyncClient) -> None:
    assert (await client.get("/media/" + "0" * 32 + "-160.webp")).status_code == 404
    for name in ("..%2F..%2Fetc%2Fpasswd", "abc.webp", "0" * 32 + "-160.svg", "0" * 32 + "-0.jpg"):
        assert (await client.get(f"/media/{name}")).status_code in (404, 422), name


def test_local_storage_refuses_keys_that_are_paths(tmp_path: Path) -> None:
    from services.common.storage import InvalidKey

    storage = LocalDiskStorage(tmp_path)
    storage.put("ab12-160.webp", b"x")
    storage.put("ab12-160.webp", b"y")  # content-addressed: the second put is a no-op
    assert storage.get("ab12-160.webp") == b"x"
    for key in ("../escape", "a/b", "", ".hidden", "x" * 200):
        with pytest.raises(InvalidKey):
            storage.put(key, b"x")
    storage.delete("ab12-160.webp")
    storage.delete("ab12-160.webp")
    assert storage.get("ab12-160.webp") is None
