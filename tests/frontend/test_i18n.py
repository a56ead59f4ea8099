"""The message catalogs are complete and compiled; formats follow the language."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from frontend import i18n
from tests.support.servers import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "frontend" / "translations"


def _ids(catalog) -> set:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> set:  # type: ignore[type-arg]
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "frontend/babel.cfg",
         "-k", "_", "-k", "gettext_", "-k", "ngettext_:1,2", "--no-location", "-o", str(pot), "."],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )  # fmt: skip
    with pot.open("rb") as fh:
        return _ids(read_po(fh))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_catalog_translates_every_string_of_the_site(lang: str, extracted: set) -> None:  # type: ignore[type-arg]
    po_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    assert extracted - _ids(catalog) == set(), "run pybabel update (see frontend/translations/README.md)"
    untranslated = [m.id for m in catalog if m.id and m.id in extracted and not m.string]
    assert untranslated == []


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_compiled_catalog_matches_its_source(lang: str) -> None:
    folder = TRANSLATIONS / lang / "LC_MESSAGES"
    with (folder / "messages.po").open("rb") as fh:
        po = {_key(m.id): _key(m.string) for m in read_po(fh, locale=lang) if m.id and m.string}
    with (folder / "messages.mo").open("rb") as fh:
        mo = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
    assert po == mo, "run pybabel compile -d frontend/translations"


def _key(value):  # type: ignore[no-untyped-def]
    return value if isinstance(value, str) else tuple(value)


def _in(lang: str, fn, *args):  # type: ignore[no-untyped-def]
    token = i18n.current_language.set(lang)
    try:
        return fn(*args)
    finally:
        i18n.current_language.reset(token)


def test_times_are_shown_in_casablanca_across_the_ramadan_switch() -> None:
    # 2026: Morocco is on UTC+1 except during Ramadan (about 15 Feb - 22 Mar), when it is UTC+0.
    outside = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
    during = datetime(2026, 3, 5, 8, 30, tzinfo=UTC)
    assert _in("fr", i18n.fmt_time, outside) == "09:30"
    assert _in("fr", i18n.fmt_time, during) == "08:30"


def test_numbers_dates_and_money_follow_the_language() -> None:
    assert _in("fr", i18n.fmt_number, 12000).replace("\u202f", " ").replace("\xa0", " ") == "12 000"
    assert _in("en", i18n.fmt_number, 12000) == "12,000"
    assert _in("en", i18n.fmt_date, "2026-03-05T08:30:00Z") == "5 March 2026"
    assert "mars" in _in("fr", i18n.fmt_date, "2026-03-05T08:30:00Z")
    assert "مارس" in _in("ar", i18n.fmt_date, "2026-03-05T08:30:00Z")
    assert "MAD" in _in("fr", i18n.fmt_money, 1500) or "DH" in _in("fr", i18n.fmt_money, 1500)
    assert "1,500" in _in("en", i18n.fmt_money, 1500)


def test_translations_are_used_in_each_language() -> None:
    assert _in("fr", i18n.gettext_, "Exporter catalogue") == "Catalogue des exportateurs"
    assert _in("ar", i18n.gettext_, "Exporter catalogue") == "دليل المصدّرين"
    assert _in("en", i18n.gettext_, "Exporter catalogue") == "Exporter catalogue"


def test_mo_files_are_committed_next_to_po() -> None:
    for lang in ("fr", "ar"):
        assert (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo").is_file()
    assert Path(i18n.TRANSLATIONS_DIR) == TRANSLATIONS
