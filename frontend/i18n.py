"""Languages: French by default, English and Arabic (right to left).

The current language lives in a context variable set per request by
:class:`frontend.session.SiteMiddleware`; templates call the gettext functions
installed on the Jinja environment, which read it. Message catalogs are in
frontend/translations (source strings in English; `.po` and compiled `.mo`
committed, see frontend/translations/README.md).
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal, format_percent
from babel.support import Translations
from markupsafe import Markup
from pydantic import BaseModel

from services.common.text import fold

TRANSLATIONS_DIR = Path(__file__).parent / "translations"
LANGUAGES: dict[str, dict[str, str]] = {
    "fr": {"name": "Français", "dir": "ltr", "babel": "fr_MA"},
    "en": {"name": "English", "dir": "ltr", "babel": "en_GB"},
    "ar": {"name": "العربية", "dir": "rtl", "babel": "ar_MA"},
}
DEFAULT_LANGUAGE = "fr"
TIMEZONE = ZoneInfo("Africa/Casablanca")

current_language: ContextVar[str] = ContextVar("current_language", default=DEFAULT_LANGUAGE)


def normalize_language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower()[:2]
    return code if code in LANGUAGES else None


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return Translations.load(str(TRANSLATIONS_DIR), [lang], domain="messages")


@cache
def babel_locale(lang: str) -> Locale:
    return Locale.parse(LANGUAGES[lang]["babel"])


def lang() -> str:
    return current_language.get()


# French typography: a narrow no-break space before ; : ! ? and inside « » (a plain or
# no-break space typed in a catalog is replaced; none is added where the text has none).
_FR_BEFORE = re.compile(r"[ \u00a0]+([;:!?»])")
_FR_AFTER = re.compile(r"«[ \u00a0]+")
NNBSP = "\u202f"


def french_typography(text: str) -> str:
    if " " not in text and "\u00a0" not in text:
        return text
    return _FR_AFTER.sub("«" + NNBSP, _FR_BEFORE.sub(NNBSP + r"\1", text))


@lru_cache(maxsize=4096)
def _gettext(language: str, message: str) -> str:
    text = translations(language).gettext(message)
    return french_typography(text) if language == "fr" else text


def gettext_(message: str) -> str:
    return _gettext(lang(), message)


def colon(label: str) -> str:
    """`label` followed by a colon, as the language writes it ("Ville\u202f:", "City:")."""
    return f"{label}{NNBSP}:" if lang() == "fr" else f"{label}:"


def N_(message: str) -> str:
    """Marks a message for extraction; it is translated where it is shown (`gettext_`)."""
    return message


def ngettext_(singular: str, plural: str, n: int) -> str:
    language = lang()
    text = translations(language).ngettext(singular, plural, n)
    return french_typography(text) if language == "fr" else text


def text_dir(code: str | None = None) -> str:
    return LANGUAGES[code or lang()]["dir"]


def localized(value: Any, code: str | None = None) -> str:
    """Pick the current language from a `{"fr":..., "en":..., "ar":...}` value or model (French fallback)."""
    if value is None:
        return ""
    if isinstance(value, BaseModel):  # a LocalizedText of the API's models
        value = value.model_dump()
    if isinstance(value, Mapping):
        code = code or lang()
        return str(value.get(code) or value.get(DEFAULT_LANGUAGE) or next(iter(value.values()), ""))
    return str(value)


_FALLBACK_NOTES = {"fr": N_("(in French)"), "en": N_("(in English)"), "ar": N_("(in Arabic)")}


def localized_html(value: Any) -> Markup:
    """`localized` for a page's body: a text in another language than the reader's is marked
    with its `lang` and a visible note ("(in French)"), so an Arabic reader knows why."""
    if value is None:
        return Markup("")
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if not isinstance(value, Mapping):
        return Markup('<span dir="auto">{}</span>').format(str(value))
    current = lang()
    for code in (current, DEFAULT_LANGUAGE, *LANGUAGES):
        text = value.get(code)
        if text:
            break
    else:
        return Markup("")
    if code == current:
        return Markup('<span dir="auto">{}</span>').format(str(text))
    note = gettext_(_FALLBACK_NOTES[code])
    return Markup('<span lang="{}" dir="auto">{}</span> <small class="meta fallback-lang">{}</small>').format(
        code, str(text), note
    )


def _as_datetime(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    text = str(value).replace("Z", "+00:00")
    return datetime.fromisoformat(text)


def local_datetime(value: Any) -> datetime | None:
    dt = _as_datetime(value)
    return dt.astimezone(TIMEZONE) if dt is not None else None


def fmt_datetime(value: Any, format: str = "medium") -> str:
    """A date and time in Casablanca; "medium" is the long date (month in words) and the short time."""
    dt = _as_datetime(value)
    if dt is None:
        return ""
    locale = babel_locale(lang())
    if format == "medium":
        pattern = str(locale.datetime_formats["long"])
        return pattern.replace("'", "").format(fmt_time(dt), fmt_date(dt, "long"))
    return format_datetime(dt, format=format, tzinfo=TIMEZONE, locale=locale)


def fmt_date(value: Any, format: str = "long") -> str:
    """A date in the reader's language. "medium" is the long form: CLDR's abbreviated French
    months are ambiguous ("jui." for juin) and its Arabic medium date is all digits."""
    if value is None or value == "":
        return ""
    if format == "medium":
        format = "long"
    if isinstance(value, date) and not isinstance(value, datetime):
        return format_date(value, format=format, locale=babel_locale(lang()))
    dt = local_datetime(value)
    assert dt is not None
    return format_date(dt.date(), format=format, locale=babel_locale(lang()))


def fmt_time(value: Any, format: str = "short") -> str:
    dt = _as_datetime(value)
    if dt is None:
        return ""
    return format_time(dt, format=format, tzinfo=TIMEZONE, locale=babel_locale(lang()))


def fmt_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int):  # counts: the same few values on every page, Babel is slow
        return _fmt_int(value, lang())
    return format_decimal(value, locale=babel_locale(lang()))


@lru_cache(maxsize=8192)
def _fmt_int(value: int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))


def fmt_percent(value: Any, digits: int = 0) -> str:
    if value is None:
        return ""
    pattern = "#,##0%" if digits == 0 else "#,##0." + "0" * digits + "%"
    return format_percent(value, format=pattern, locale=babel_locale(lang()))


def fmt_money(value: Any, currency: str = "MAD") -> str:
    if value is None:
        return ""
    return format_currency(value, currency, locale=babel_locale(lang()))


def _fold_country(text: str) -> str:
    """A country name as typed, compared without case, accents, hyphens or Arabic diacritics."""
    return " ".join(re.sub(r"[-'’.ـ]", " ", fold(text)).split())


@cache
def _country_codes() -> dict[str, str]:
    """Folded country name (fr, en, ar) or ISO code -> ISO 3166-1 alpha-2 code."""
    names: dict[str, str] = {}
    for language in LANGUAGES:
        for code, name in babel_locale(language).territories.items():
            if len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ", "QO"):
                names.setdefault(_fold_country(name), code)
                names.setdefault(_fold_country(code), code)
    return names


def country_code(typed: str) -> str | None:
    """The ISO code of a country typed as a name in fr, en or ar ("Espagne", "إسبانيا") or as a
    code; None when unknown."""
    return _country_codes().get(_fold_country(typed)) if typed.strip() else None


def country_name(code: str) -> str:
    return babel_locale(lang()).territories.get(str(code).upper(), str(code))


def template_globals() -> dict[str, Any]:
    return {
        "LANGUAGES": LANGUAGES,
        "localized": localized,
        "localized_html": localized_html,
        "fmt_datetime": fmt_datetime,
        "fmt_date": fmt_date,
        "fmt_time": fmt_time,
        "fmt_number": fmt_number,
        "fmt_percent": fmt_percent,
        "fmt_money": fmt_money,
        "text_dir": text_dir,
        "country_name": country_name,
        "colon": colon,
    }
