"""Logos and photos on the website: desk uploads (exporter and organiser), refusals in the
reader's language, and the profile, card and product pages showing them (#15.3, #15.4).

The real platform runs (registry, events, gateway as processes); the website is called in-process.
"""

from __future__ import annotations

import io
import re
import uuid
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.frontend.conftest import Platform, create_account, csrf_from
from tests.registry.test_media import HTML, SVG, bomb_png, jpeg_with_gps, png_with_alpha
from tests.support.http import http
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"


async def _sign_in(site: httpx.AsyncClient, email: str) -> None:
    form = (await site.get("/signin")).text
    response = await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD, "next": "/desk"}
    )
    assert response.status_code == 303


def _new_exporter(gw: str, name: str) -> dict[str, Any]:
    from services.registry.demo import make_ice

    serial = uuid.uuid4().int % 900_000
    body = {
        "ice": make_ice(5_000_000 + serial),
        "legal_name": f"{name} SARL",
        "trade_name": name,
        "region": "MA-06",
        "city": "Casablanca",
        "sectors": ["textile"],
        "export_markets": ["FR"],
        "website": "https://example.ma",
        "phone": "+212522123456",
        "description_fr": "Tapis tissés à la main.",
        "description_ar": "زرابي منسوجة يدويا.",
    }
    response = http.post(f"{gw}/api/registry/exporters", json=body, headers=bearer("organiser"), timeout=30)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _new_product(gw: str, slug: str, name: str) -> int:
    body = {"name_fr": name, "hs_code": "570110", "value_added_pct": 70, "description_fr": f"{name}, laine."}
    response = http.post(
        f"{gw}/api/registry/exporters/{slug}/products", json=body, headers=bearer("organiser"), timeout=30
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _grant(gw: str, product_id: int) -> None:
    with httpx.Client(base_url=gw, headers=bearer("organiser"), timeout=30) as client:
        application = client.post("/api/registry/label-applications", json={"product_id": product_id})
        assert application.status_code == 201, application.text
        app_id = application.json()["id"]
        assert client.post(f"/api/registry/label-applications/{app_id}/review", json={}).status_code == 200
        granted = client.post(f"/api/registry/label-applications/{app_id}/grant", json={"reason": "audit ok"})
        assert granted.status_code == 200, granted.text


@pytest.fixture
async def exporter_site(
    site: httpx.AsyncClient, platform: Platform
) -> tuple[httpx.AsyncClient, dict[str, Any]]:
    exporter = _new_exporter(platform.gateway_url, f"Tapis {uuid.uuid4().hex[:6]}")
    email = f"media-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(
        platform.gateway_url, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"]
    )
    await _sign_in(site, email)
    return site, exporter


def _upload(token: str, data: bytes, name: str = "logo.jpg", kind: str = "image/jpeg", **alt: str) -> Any:
    return {"data": {"csrf_token": token, **alt}, "files": {"file": (name, data, kind)}}


def _media_urls(html: str) -> list[str]:
    return re.findall(r"/media/[0-9a-f]{32}-\d+\.(?:avif|webp|jpg|png)", html)


async def test_exporter_uploads_a_logo_and_the_profile_shows_it(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    site, exporter = exporter_site
    desk = (await site.get("/desk")).text
    assert 'enctype="multipart/form-data"' in desk
    token = csrf_from(desk)
    sent = await site.post(
        f"/desk/exporters/{exporter['slug']}/logo",
        **_upload(token, jpeg_with_gps(), alt_fr="Logo Tapis", alt_ar="شعار الزرابي"),
    )
    assert sent.status_code == 303 and sent.headers["location"].startswith("/desk?done=media")

    for lang, alt in (("fr", "Logo Tapis"), ("ar", "شعار الزرابي")):
        page = (await site.get(f"/exporters/{exporter['slug']}?lang={lang}")).text
        assert f'alt="{alt}"' in page
        assert 'srcset="/media/' in page and 'type="image/webp"' in page
        assert re.search(r'<img [^>]*width="\d+" height="\d+"', page)
        urls = _media_urls(page)
        assert urls
        answer = await site.get(urls[0])
        assert answer.status_code == 200
        assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert answer.headers["etag"]
        assert b"SecretCam" not in answer.content and b"Exif" not in answer.content
        assert not Image.open(io.BytesIO(answer.content)).getexif()
        revalidated = await site.get(urls[0], headers={"If-None-Match": answer.headers["etag"]})
        assert revalidated.status_code == 304
    # The catalogue card has it too.
    catalogue = (await site.get("/exporters", params={"q": exporter["trade_name"], "lang": "fr"})).text
    assert 'alt="Logo Tapis"' in catalogue


async def test_refused_files_come_back_on_the_form_in_the_readers_language(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    site, exporter = exporter_site
    token = csrf_from((await site.get("/desk")).text)
    path = f"/desk/exporters/{exporter['slug']}/logo"
    cases = [
        (SVG, "logo.svg", "image/svg+xml", {"fr": "JPEG, PNG ou WebP", "ar": "JPEG أو PNG أو WebP"}),
        (HTML, "logo.png", "image/png", {"fr": "JPEG, PNG ou WebP", "ar": "JPEG أو PNG أو WebP"}),
        (jpeg_with_gps(300, 300) + HTML, "logo.jpg", "image/jpeg", {"fr": "après la fin", "ar": "بعد نهاية"}),
        (bomb_png(), "logo.png", "image/png", {"fr": "trop de pixels", "ar": "بكسل"}),
        (
            jpeg_with_gps()[:4000],
            "logo.jpg",
            "image/jpeg",
            {"fr": "tronquée ou abîmée", "ar": "مقطوعة أو تالفة"},
        ),
    ]
    for data, name, kind, expected in cases:
        for lang, words in expected.items():
            answer = await site.post(f"{path}?lang={lang}", **_upload(token, data, name, kind))
            assert answer.status_code == 422, (name, lang)
            error = re.search(r'id="err-logo_file"[^>]*><p class="field-error">([^<]+)</p>', answer.text)
            assert error, (name, lang)
            assert words in error.group(1), (name, lang, error.group(1))
    page = (await site.get(f"/exporters/{exporter['slug']}")).text
    assert _media_urls(page) == []


async def test_a_file_over_the_websites_limit_is_refused_before_it_is_read(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    site, exporter = exporter_site
    token = csrf_from((await site.get("/desk")).text)
    big = b"\xff\xd8\xff" + b"\x00" * (9 * 1024 * 1024 + 10)
    answer = await site.post(f"/desk/exporters/{exporter['slug']}/logo?lang=fr", **_upload(token, big))
    assert answer.status_code == 422
    assert "Mo" in answer.text and "trop volumineux" in answer.text


async def test_a_file_over_the_registrys_limit_is_refused_on_the_form(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    site, exporter = exporter_site
    token = csrf_from((await site.get("/desk")).text)
    big = b"\xff\xd8\xff" + b"\x00" * (8 * 1024 * 1024 + 10)  # under the website's 9 MiB, over 8 MiB
    answer = await site.post(f"/desk/exporters/{exporter['slug']}/logo?lang=ar", **_upload(token, big))
    assert answer.status_code == 422
    assert "كبير" in answer.text


async def test_upload_without_csrf_is_refused(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]],
) -> None:
    site, exporter = exporter_site
    answer = await site.post(
        f"/desk/exporters/{exporter['slug']}/logo", **_upload("forged", jpeg_with_gps(200, 200))
    )
    assert answer.status_code == 403
    assert _media_urls((await site.get(f"/exporters/{exporter['slug']}")).text) == []


async def test_an_exporter_cannot_upload_for_another_company(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]], platform: Platform
) -> None:
    site, _ = exporter_site
    other = _new_exporter(platform.gateway_url, f"Autre {uuid.uuid4().hex[:6]}")
    token = csrf_from((await site.get("/desk")).text)
    answer = await site.post(
        f"/desk/exporters/{other['slug']}/logo", **_upload(token, jpeg_with_gps(200, 200))
    )
    assert answer.status_code == 403
    assert (await site.get(f"/desk/exporters/{other['slug']}/media")).status_code == 403


async def test_photos_on_the_product_page_and_labelled_products_first(
    exporter_site: tuple[httpx.AsyncClient, dict[str, Any]], platform: Platform
) -> None:
    site, exporter = exporter_site
    gw = platform.gateway_url
    first = _new_product(gw, exporter["slug"], "Tapis Azilal")
    second = _new_product(gw, exporter["slug"], "Tapis Boucherouite")
    token = csrf_from((await site.get("/desk")).text)
    base = f"/desk/exporters/{exporter['slug']}/products/{second}/photos"
    for colour in ((200, 30, 30), (30, 30, 200)):
        sent = await site.post(base, **_upload(token, jpeg_with_gps(900, 600, colour), alt_fr="Tapis tissé"))
        assert sent.status_code == 303
    png = await site.post(base, **_upload(token, png_with_alpha(), "photo.png", "image/png"))
    assert png.status_code == 303

    page = (await site.get(f"/products/{second}?lang=fr")).text
    assert 'alt="Tapis tissé"' in page
    assert "570110" in page and "57" in page and "70" in page
    assert f'href="/exporters/{exporter["slug"]}"' in page
    assert len({u.split("-")[0] for u in _media_urls(page)}) == 3
    assert 'loading="lazy"' in page  # the thumbnails

    # Labelled products come first on the profile (a label granted to the second product).
    _grant(gw, second)
    profile = (await site.get(f"/exporters/{exporter['slug']}")).text
    assert profile.index(f'href="/products/{second}"') < profile.index(f'href="/products/{first}"')

    # The desk lists the photos with a remove button; removing one takes it off the page.
    desk = (await site.get("/desk")).text
    photo_ids = re.findall(rf"/products/{second}/photos/(\d+)/delete", desk)
    assert len(photo_ids) == 3
    removed = await site.post(f"{base}/{photo_ids[0]}/delete", data={"csrf_token": token})
    assert removed.status_code == 303
    page = (await site.get(f"/products/{second}")).text
    assert len({u.split("-")[0] for u in _media_urls(page)}) == 2


async def test_an_organiser_manages_any_exporters_logo(site: httpx.AsyncClient, platform: Platform) -> None:
    exporter = _new_exporter(platform.gateway_url, f"Argan {uuid.uuid4().hex[:6]}")
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(platform.gateway_url, email=email, password=PASSWORD, role="organiser")
    await _sign_in(site, email)
    profile = (await site.get(f"/exporters/{exporter['slug']}")).text
    assert f'href="/desk/exporters/{exporter["slug"]}/media"' in profile
    page = (await site.get(f"/desk/exporters/{exporter['slug']}/media")).text
    token = csrf_from(page)
    sent = await site.post(
        f"/desk/exporters/{exporter['slug']}/logo", **_upload(token, jpeg_with_gps(400, 400))
    )
    assert sent.status_code == 303 and "/media?done=media" in sent.headers["location"]
    assert _media_urls((await site.get(f"/exporters/{exporter['slug']}")).text)
    refused = await site.post(
        f"/desk/exporters/{exporter['slug']}/logo?lang=ar", **_upload(token, SVG, "x.svg")
    )
    assert refused.status_code == 422 and "JPEG أو PNG أو WebP" in refused.text
    removed = await site.post(f"/desk/exporters/{exporter['slug']}/logo/delete", data={"csrf_token": token})
    assert removed.status_code == 303
    assert _media_urls((await site.get(f"/exporters/{exporter['slug']}")).text) == []


async def test_the_profile_shows_contact_and_certifications_with_validity(
    site: httpx.AsyncClient, platform: Platform
) -> None:
    exporter = _new_exporter(platform.gateway_url, f"Cert {uuid.uuid4().hex[:6]}")
    certifications = [
        {"name": "ISO 9001", "issuer": "Bureau Veritas", "valid_until": "2099-01-31"},
        {"name": "FSSC 22000", "issuer": "SGS", "valid_until": "2020-01-31"},
    ]
    patched = http.patch(
        f"{platform.gateway_url}/api/registry/exporters/{exporter['slug']}",
        json={"certifications": certifications, "show_contact": True},
        headers=bearer("organiser"),
        timeout=30,
    )
    assert patched.status_code == 200, patched.text
    for lang in ("fr", "ar"):
        page = (await site.get(f"/exporters/{exporter['slug']}?lang={lang}")).text
        assert 'class="panel contact-block"' in page
        assert 'href="tel:+212522123456"' in page and 'href="https://example.ma' in page
        assert 'class="cert is-expired"' in page and "ISO 9001" in page
    assert "valide jusqu" in (await site.get(f"/exporters/{exporter['slug']}?lang=fr")).text


async def test_unknown_media_names_are_404(site: httpx.AsyncClient) -> None:
    assert (await site.get("/media/" + "0" * 32 + "-160.webp")).status_code == 404
    assert (await site.get("/media/..%2Fsecret")).status_code == 404
    assert (await site.get("/media/logo.svg")).status_code == 404
