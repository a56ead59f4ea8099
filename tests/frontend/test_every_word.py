"""Every word the website shows a person is in their language.

The API's refusals reach the website as machine codes (problem `code`, field error `code`, with
`params`); the website words them in fr/en/ar and never shows the API's English `detail` or a
validation library's message. These tests trigger each public form's errors and each state
message in Arabic and French, and fail on any message that is the English one, or that carries
English words of the API. A unit test collects every code the services can emit, from their
source, and checks the website has a French and an Arabic message for it.
"""

from __future__ import annotations

import html as html_lib
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from frontend import i18n
from frontend.messages_catalogue import FIELD_CODES, PROBLEM_MESSAGES, field_message, problem_message
from services.common import errors as kernel_errors
from tests.frontend.conftest import Platform, create_account, create_event, csrf_from
from tests.support.http import http
from tests.support.servers import PROJECT_ROOT
from tests.support.tokens import bearer

PASSWORD = "correct horse battery"
LANGS = ("fr", "ar")

# Fragments of the API's English (details, pydantic messages) seen on French and Arabic pages.
API_ENGLISH = (
    "Check these fields", "Input should", "valid URL", "RSVPs", "Casablanca time", "The event is over",
    "HS code has", "ISO 3166", "String should", "value is not", "Value error", "not a valid",
    "Field required", "has been cancelled", "No RSVP", "No event", "checked in at the door",
)  # fmt: skip
ENGLISH_WORDS = frozenset(
    {"the", "is", "are", "should", "has", "have", "please", "field", "fields", "valid", "over", "open",
     "opens", "closed", "digits", "must", "this", "not", "value", "enter", "characters", "most", "least"}
)  # fmt: skip
# ASCII a message may hold in Arabic: names and codes written in Latin letters.
ASCII_ALLOWED = frozenset({"https", "CSV", "UTF", "ICE", "MIM", "ES", "AE"})


def _in(lang: str, fn, *args):  # type: ignore[no-untyped-def]
    token = i18n.current_language.set(lang)
    try:
        return fn(*args)
    finally:
        i18n.current_language.reset(token)


def _text(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def messages_in(page: str) -> list[str]:
    """The texts of every error and notice a page shows."""
    found = re.findall(r'<p class="field-error">(.*?)</p>', page, re.S)
    found += re.findall(r'<p class="notice[^"]*"[^>]*>(.*?)</p>', page, re.S)
    found += re.findall(r'<p class="checkin-result[^"]*"[^>]*>(.*?)</p>', page, re.S)
    found += re.findall(r'<section class="error-page"[^>]*>(.*?)</section>', page, re.S)
    return [t for t in (_text(f) for f in found) if t]


def assert_in_language(text: str, lang: str) -> None:
    assert not any(fragment in text for fragment in API_ENGLISH), f"API English on a {lang} page: {text!r}"
    # What the person typed comes back quoted: it is theirs, not the website's words.
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"«[^»]*»", "", text))
    if lang == "ar":
        stray = [w for w in words if w not in ASCII_ALLOWED]
        assert stray == [], f"English words on an Arabic page: {text!r}"
    else:
        stray = [w for w in words if w.lower() in ENGLISH_WORDS]
        assert stray == [], f"English words on a French page: {text!r}"


def assert_page_in_language(page: str, lang: str, *, expect: int = 1) -> list[str]:
    found = messages_in(page)
    assert len(found) >= expect, f"expected at least {expect} message(s), found {found}"
    for text in found:
        assert_in_language(text, lang)
    return found


# ---- every code the services can emit has its words -------------------------------------------

_LITERAL = r'"([a-z0-9]+(?:-[a-z0-9]+)+|[a-z]+)"'


def _service_sources() -> list[tuple[Path, str]]:
    root = PROJECT_ROOT / "services"
    skip = {"demo.py", "demo_data.py", "synthetic.py"}
    return [(p, p.read_text()) for p in sorted(root.rglob("*.py")) if p.name not in skip]


def emitted_problem_codes() -> set[str]:
    codes: set[str] = set(kernel_errors._STATUS_SLUGS.values())
    for path, text in _service_sources():
        codes |= set(re.findall(r"\bslug\s*=\s*" + _LITERAL, text))
        codes |= set(re.findall(r"UpstreamFailure\([^)]*?" + _LITERAL + r"[,)\s]", text, re.S))
        if path.name == "presenters.py":  # closed_slug's answers
            codes |= set(re.findall(r"return " + _LITERAL, text))
    return {c for c in codes if c != "about"}


def emitted_field_codes() -> set[str]:
    codes = set(kernel_errors.VALIDATION_CODES.values()) | set(kernel_errors.PATTERN_CODES.values())
    for path, text in _service_sources():
        codes |= set(re.findall(r"\bcode\s*=\s*" + _LITERAL, text))
        if path.name == "errors.py":  # validation_code's own answers (invalid-email...)
            codes |= set(re.findall(r"return " + _LITERAL, text))
        for raised in re.findall(r"PydanticCustomError\(\s*" + _LITERAL, text):
            codes.add(kernel_errors.validation_code(raised))
    return codes


def test_the_collection_finds_the_codes_it_should() -> None:
    # The collector itself is checked, so a changed source layout cannot make this test pass empty.
    assert {"rsvp-not-open", "event-past", "event-cancelled", "already-checked-in", "not-found",
            "label-held", "bad-gateway", "signin-locked"} <= emitted_problem_codes()  # fmt: skip
    assert {"too-long", "missing", "invalid-url", "invalid-email", "hs-code-format", "unknown-country",
            "duplicate", "invalid-character"} <= emitted_field_codes()  # fmt: skip


SAMPLE_PARAMS = {
    "opens_at": "2026-06-15T07:30:00Z", "ge": 40, "le": 100, "min_length": 2, "max_length": 200,
    "retry_after": 30, "value": "Atlantis",
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(emitted_problem_codes()))
def test_every_problem_code_has_french_and_arabic_words(code: str) -> None:
    assert code in PROBLEM_MESSAGES, (
        f"no message for the problem code {code!r} (frontend/messages_catalogue.py)"
    )
    problem = {"code": code, "params": SAMPLE_PARAMS, "detail": "English detail for developers"}
    english = _in("en", problem_message, problem, 409)
    for lang in LANGS:
        text = _in(lang, problem_message, problem, 409)
        assert text != english and "%(" not in text, (lang, code, text)
        assert_in_language(text, lang)


@pytest.mark.parametrize("code", sorted(emitted_field_codes()))
def test_every_field_code_has_french_and_arabic_words(code: str) -> None:
    assert code in FIELD_CODES, f"no message for the field code {code!r} (frontend/messages_catalogue.py)"
    english = _in("en", field_message, code, SAMPLE_PARAMS)
    for lang in LANGS:
        text = _in(lang, field_message, code, SAMPLE_PARAMS)
        assert text != english and "%(" not in text, (lang, code, text)
        assert_in_language(text, lang)


def test_every_documented_code_has_words() -> None:
    assert set(kernel_errors.PROBLEM_CODES) <= set(PROBLEM_MESSAGES)
    assert set(kernel_errors.FIELD_CODES) <= set(FIELD_CODES)


def test_an_unknown_code_falls_back_to_words_for_its_status() -> None:
    problem = {"code": "from-a-later-release", "detail": "Something in English"}
    for lang in LANGS:
        for status in (400, 403, 404, 409, 422, 429, 503):
            text = _in(lang, problem_message, problem, status)
            assert "English" not in text
            assert_in_language(text, lang)


def test_plurals_and_dates_follow_the_language() -> None:
    assert _in("fr", field_message, "too-long", {"max_length": 1}) == "1 caractère au plus."
    assert _in("fr", field_message, "too-long", {"max_length": 200}) == "200 caractères au plus."
    assert _in("ar", field_message, "too-long", {"max_length": 2}) == "حرفان على الأكثر."
    opens = {"code": "rsvp-not-open", "params": {"opens_at": "2026-06-15T07:30:00Z"}}
    french = _in("fr", problem_message, opens, 409)
    assert "15 juin 2026" in french and "08:30" in french and "jui." not in french
    assert "يونيو" in _in("ar", problem_message, opens, 409)
    # June and July are told apart in French: CLDR's abbreviated "jui." is never used.
    assert _in("fr", i18n.fmt_date, "2026-06-15T10:00:00Z", "medium") == "15 juin 2026"
    assert _in("fr", i18n.fmt_date, "2026-07-15T10:00:00Z", "medium") == "15 juillet 2026"


def test_french_typography() -> None:
    nnbsp = "\u202f"
    assert _in("fr", i18n.gettext_, "Keep this link to see or cancel your reservation:").endswith(nnbsp + ":")
    text = _in("fr", field_message, "unknown-country", {"value": "Atlantis"})
    assert f"«{nnbsp}Atlantis{nnbsp}»" in text and f"inconnu{nnbsp}:" in text
    assert _in("en", i18n.colon, "City") == "City:" and _in("fr", i18n.colon, "Ville") == f"Ville{nnbsp}:"


# ---- the pages, in Arabic and French ---------------------------------------------------------


def _event(gateway_url: str, **fields) -> dict:  # type: ignore[no-untyped-def,type-arg]
    start = (datetime.now(UTC) + timedelta(days=30)).replace(hour=8, minute=30, second=0, microsecond=0)
    body = {
        "series": "mornings-les-imperiales",
        "title": {"fr": "Morning des mots", "en": "Morning of words", "ar": "لقاء الكلمات"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "venue": "Hôtel Test", "city": "Casablanca", "region_code": "MA-06", "capacity": 20,
        **fields,
    }  # fmt: skip
    headers = bearer("organiser")
    created = http.post(f"{gateway_url}/api/events/events", json=body, headers=headers, timeout=30)
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    published = http.post(f"{gateway_url}/api/events/events/{event_id}/publish", headers=headers, timeout=30)
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


GUEST = {"name": "Salma", "email": "salma@example.ma", "organisation": "", "phone": "", "consent": "on"}


async def _rsvp(site: httpx.AsyncClient, event_id: int, lang: str, data: dict, **kw) -> httpx.Response:  # type: ignore[no-untyped-def,type-arg]
    page = (await site.get(f"/events/{event_id}", params={"lang": lang})).text
    return await site.post(
        f"/events/{event_id}/rsvp?lang={lang}", data={"csrf_token": csrf_from(page), **data}, **kw
    )


@pytest.mark.parametrize("lang", LANGS)
async def test_rsvp_form_errors_are_in_the_readers_language(
    site: httpx.AsyncClient, platform: Platform, lang: str
) -> None:
    event = create_event(platform.gateway_url, capacity=5)
    bad = {
        "name": "",
        "email": "not-an-address",
        "organisation": "x" * 250,
        "phone": "06 12 ab",
        "website": "",
    }
    response = await _rsvp(site, event["id"], lang, bad)
    assert response.status_code == 422
    found = assert_page_in_language(response.text, lang, expect=5)
    english = messages_in((await _rsvp(site, event["id"], "en", bad)).text)
    assert not set(found) & set(english), "a message is the English one"
    # The form comes back as typed, each refused field marked.
    assert 'value="not-an-address"' in response.text
    assert response.text.count('aria-invalid="true"') >= 4
    # The inline check as one types answers in the same language.
    page = (await site.get(f"/events/{event['id']}", params={"lang": lang})).text
    inline = await site.post(
        f"/events/{event['id']}/rsvp/validate?lang={lang}",
        data={"csrf_token": csrf_from(page), "field": "email", "email": "nope"},
    )
    assert_page_in_language(inline.text, lang)


@pytest.mark.parametrize("lang", LANGS)
async def test_rsvp_state_messages_are_in_the_readers_language(
    site: httpx.AsyncClient, platform: Platform, lang: str
) -> None:
    gw = platform.gateway_url
    now = datetime.now(UTC)
    not_yet = _event(gw, rsvp_opens_at=(now + timedelta(days=10)).replace(microsecond=0).isoformat())
    closed = _event(gw, rsvp_closes_at=(now - timedelta(hours=1)).replace(microsecond=0).isoformat(),
                    rsvp_opens_at=(now - timedelta(days=2)).replace(microsecond=0).isoformat())  # fmt: skip
    cancelled = _event(gw)
    refused = http.post(
        f"{gw}/api/events/events/{cancelled['id']}/cancel", json={"reason": ""}, headers=bearer("organiser"),
        timeout=30,
    )  # fmt: skip
    assert refused.status_code == 200, refused.text
    past = http.get(f"{gw}/api/events/events", params={"when": "past", "per_page": 1}, timeout=30).json()
    past_id = past["items"][0]["id"]

    # A closed event's page has no form: the token comes from an open one (an old tab).
    open_event = create_event(gw, capacity=5)
    token = csrf_from((await site.get(f"/events/{open_event['id']}")).text)
    seen: dict[str, str] = {}
    for name, event_id in (("not_yet", not_yet["id"]), ("closed", closed["id"]),
                           ("cancelled", cancelled["id"]), ("past", past_id)):  # fmt: skip
        page = (await site.get(f"/events/{event_id}", params={"lang": lang})).text
        notice = re.search(r'<p class="notice warn" id="rsvp-closed">(.*?)</p>', page, re.S)
        assert notice, f"{name}: the page says why reservations are not open"
        seen[name] = _text(notice.group(1))
        assert_in_language(seen[name], lang)
        assert_page_in_language(page, lang)
        # Posting anyway (an old tab): the API's refusal, in the reader's words.
        answer = await site.post(
            f"/events/{event_id}/rsvp?lang={lang}",
            data={"csrf_token": token, **GUEST},
            headers={"HX-Request": "true"},
        )
        assert answer.status_code == 409
        assert_page_in_language(answer.text, lang)
    assert len(set(seen.values())) == 4, "each state has its own message"
    month = {"fr": i18n.fmt_date, "ar": i18n.fmt_date}[lang]
    opens = datetime.fromisoformat(not_yet["rsvp"]["opens_at"].replace("Z", "+00:00"))
    assert _in(lang, month, opens) in seen["not_yet"], "the opening date in the reader's calendar words"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_mistyped_reservation_link_and_a_missing_page(site: httpx.AsyncClient, lang: str) -> None:
    for path in (
        "/rsvps/x",
        "/rsvps/" + "a" * 43,
        "/events/999999",
        "/products/99999999",
        "/exporters/nobody",
    ):
        response = await site.get(path, params={"lang": lang})
        assert response.status_code == 404, path
        assert_page_in_language(response.text, lang)


@pytest.mark.parametrize("lang", LANGS)
async def test_check_in_refusals_are_in_the_readers_language(
    site: httpx.AsyncClient, platform: Platform, lang: str
) -> None:
    gw = platform.gateway_url
    email = f"org-{uuid.uuid4().hex[:8]}@imperiales.ma"
    create_account(gw, email=email, password=PASSWORD, role="organiser")
    form = (await site.get("/signin")).text
    signed = await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD}
    )
    assert signed.status_code == 303
    event = create_event(gw, capacity=1)
    page = (await site.get(f"/desk/events/{event['id']}/checkin", params={"lang": lang})).text
    token = csrf_from(page)
    for ticket in ("nope-nope-nope", "x" * 43):
        refused = await site.post(
            f"/desk/events/{event['id']}/checkin?lang={lang}", data={"csrf_token": token, "token": ticket},
            headers={"HX-Request": "true"},
        )  # fmt: skip
        assert 'data-result="refused"' in refused.text
        assert_page_in_language(refused.text, lang)


async def _exporter_desk(site: httpx.AsyncClient, platform: Platform, slug: str) -> str:
    gw = platform.gateway_url
    exporter = http.get(f"{gw}/api/registry/exporters/{slug}", timeout=30).json()
    email = f"exp-{uuid.uuid4().hex[:8]}@example.ma"
    create_account(gw, email=email, password=PASSWORD, role="exporter", exporter_id=exporter["id"])
    form = (await site.get("/signin")).text
    signed = await site.post(
        "/signin", data={"csrf_token": csrf_from(form), "email": email, "password": PASSWORD}
    )
    assert signed.status_code == 303
    return csrf_from((await site.get("/desk")).text)


def _field_error(page: str, name: str) -> str:
    match = re.search(rf'<div id="err-{name}" aria-live="polite">(.*?)</div>', page, re.S)
    assert match, f"no error slot for {name}"
    return _text(match.group(1))


@pytest.mark.parametrize("lang", LANGS)
async def test_the_exporter_desk_keeps_what_was_typed_and_flags_the_field(
    site: httpx.AsyncClient, platform: Platform, lang: str
) -> None:
    gw = platform.gateway_url
    token = await _exporter_desk(site, platform, "sefrou-cerises")

    # An HS code with a hyphen: the form comes back with everything typed, the HS code flagged.
    typed = {"product_name_fr": "Zellige « étoile »", "product_name_en": "Star tile",
             "product_name_ar": "زليج النجمة", "product_hs_code": "44-20",
             "product_value_added_pct": "abc"}  # fmt: skip
    bad = await site.post(f"/desk/products?lang={lang}", data={"csrf_token": token, **typed})
    assert bad.status_code == 422
    for name, value in typed.items():
        assert f'value="{html_lib.escape(value)}"' in bad.text, f"{name} was emptied"
    hs_error = _field_error(bad.text, "product_hs_code")
    assert hs_error == _in(lang, field_message, "hs-code-format", None)
    assert _field_error(bad.text, "product_value_added_pct") == _in(lang, field_message, "not-a-number", None)
    assert _field_error(bad.text, "product_name_fr") == ""
    assert_page_in_language(bad.text, lang, expect=2)

    # A market written as a country name in any of the three languages is taken.
    saved = await site.post(
        f"/desk/profile?lang={lang}",
        data={
            "csrf_token": token,
            "city": "Fès",
            "export_markets": "Espagne, Germany, الإمارات العربية المتحدة",
        },
    )
    assert saved.status_code == 303, _field_error(saved.text, "export_markets")
    profile = http.get(f"{gw}/api/registry/exporters/sefrou-cerises", timeout=30).json()
    assert sorted(profile["export_markets"]) == ["AE", "DE", "ES"]
    # An unknown one is flagged, with what was typed kept; nothing is written.
    bad = await site.post(
        f"/desk/profile?lang={lang}",
        data={"csrf_token": token, "city": "Fès", "export_markets": "Espagne, Atlantide",
              "website": "not a url", "description_ar": "وصف"},
    )  # fmt: skip
    assert bad.status_code == 422
    assert 'value="Espagne, Atlantide"' in bad.text and "وصف" in bad.text
    assert "Atlantide" in _field_error(bad.text, "export_markets")
    assert _field_error(bad.text, "website") == _in(lang, field_message, "invalid-url", None)
    assert_page_in_language(bad.text, lang, expect=2)
    profile = http.get(f"{gw}/api/registry/exporters/sefrou-cerises", timeout=30).json()
    assert sorted(profile["export_markets"]) == ["AE", "DE", "ES"] and profile["description"]["ar"] != "وصف"
    # The API's own refusal of a field lands on that field (Morocco is no export market).
    morocco = await site.post(
        f"/desk/profile?lang={lang}", data={"csrf_token": token, "city": "Fès", "export_markets": "MA"}
    )
    assert morocco.status_code == 422
    assert _field_error(morocco.text, "export_markets") == _in(lang, field_message, "market-is-morocco", None)


@pytest.mark.parametrize("lang", LANGS)
async def test_product_names_are_edited_in_three_languages(
    site: httpx.AsyncClient, platform: Platform, lang: str
) -> None:
    gw = platform.gateway_url
    token = await _exporter_desk(site, platform, "settat-semoulerie")
    added = await site.post(
        "/desk/products",
        data={"csrf_token": token, "product_name_fr": f"Logiciel {lang}", "product_hs_code": "852349",
              "product_value_added_pct": "85,5"},
    )  # fmt: skip
    assert added.status_code == 303
    desk = (await site.get("/desk", params={"lang": lang})).text
    product_id = re.findall(r'action="/desk/products/(\d+)/names"', desk)[-1]
    pre = f"p{product_id}_"
    long_en = "E" * 201
    refused = await site.post(
        f"/desk/products/{product_id}/names?lang={lang}",
        data={"csrf_token": token, pre + "name_fr": "", pre + "name_en": long_en, pre + "name_ar": "برنامج"},
    )
    assert refused.status_code == 422
    assert f'value="{long_en}"' in refused.text and 'value="برنامج"' in refused.text
    assert _field_error(refused.text, pre + "name_fr") != ""
    assert _field_error(refused.text, pre + "name_en") == _in(
        lang, field_message, "too-long", {"max_length": 200}
    )
    assert_page_in_language(refused.text, lang, expect=2)
    saved = await site.post(
        f"/desk/products/{product_id}/names",
        data={"csrf_token": token, pre + "name_fr": "Logiciel RH", pre + "name_en": "HR software",
              pre + "name_ar": "برنامج الموارد البشرية"},
    )  # fmt: skip
    assert saved.status_code == 303
    product = http.get(f"{gw}/api/registry/products/{product_id}", timeout=30).json()
    assert product["name"] == {"fr": "Logiciel RH", "en": "HR software", "ar": "برنامج الموارد البشرية"}
    # The Arabic product page shows the Arabic name; a text with no Arabic falls back visibly.
    page = (await site.get(f"/products/{product_id}", params={"lang": "ar"})).text
    assert '<h1><span dir="auto">برنامج الموارد البشرية</span></h1>' in page
    http.patch(
        f"{gw}/api/registry/products/{product_id}", json={"description_fr": "Paie et congés"},
        headers=bearer("organiser"), timeout=30,
    )  # fmt: skip
    page = (await site.get(f"/products/{product_id}", params={"lang": "ar"})).text
    fallback = '<span lang="fr" dir="auto">Paie et congés</span> <small class="meta fallback-lang">'
    assert fallback + "(بالفرنسية)</small>" in page


async def test_every_text_input_says_dir_auto(site: httpx.AsyncClient, platform: Platform) -> None:
    token_page = await _exporter_desk(site, platform, "safi-ceramiques")
    assert token_page
    event = create_event(platform.gateway_url, capacity=5)
    for path in ("/desk", f"/events/{event['id']}", "/", "/exporters"):
        page = (await site.get(path, params={"lang": "ar"})).text
        fields = re.findall(r"<(?:input|textarea)\b[^>]*>", page)
        texts = [f for f in fields if re.search(r'type="(?:hidden|checkbox|submit|radio)"', f) is None]
        assert texts, path
        assert [f for f in texts if 'dir="auto"' not in f] == [], path
