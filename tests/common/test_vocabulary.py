"""One vocabulary: the words the services share are defined once, in the kernel."""

from __future__ import annotations

import re
from typing import Any

import pytest

from services.common.vocabulary import SLUG_PATTERN, LocalizedText, spreadsheet_cell
from services.events.main import create_app as create_events_app
from services.gateway.openapi import merge_documents
from services.registry.main import create_app as create_registry_app


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+212600000000", "'+212600000000"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Atlas Argan", "Atlas Argan"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
        (-3, "'-3"),
    ],
)
def test_spreadsheet_cell_quotes_what_a_spreadsheet_would_run(value: Any, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


def test_slug_pattern_takes_lowercase_words_joined_by_single_hyphens() -> None:
    assert re.fullmatch(SLUG_PATTERN, "fes-zellige-atelier")
    for bad in ("Fes", "fes--zellige", "-fes", "fes-", "fès", "fes_zellige", ""):
        assert not re.fullmatch(SLUG_PATTERN, bad), bad


def test_localized_text_needs_every_language() -> None:
    assert LocalizedText(fr="Nom", en="Name", ar="اسم").model_dump() == {
        "fr": "Nom",
        "en": "Name",
        "ar": "اسم",
    }
    with pytest.raises(ValueError):
        LocalizedText(fr="Nom")  # type: ignore[call-arg]


def test_the_merged_openapi_has_one_localized_text() -> None:
    # Two services with their own copies got two schemas (LocalizedText, EventsLocalizedText).
    sources = [
        ("registry", "/api/registry", create_registry_app().openapi()),
        ("events", "/api/events", create_events_app().openapi()),
    ]
    merged = merge_documents(sources, title="t", version="1", description="d")
    names = [n for n in merged["components"]["schemas"] if n.endswith("LocalizedText")]
    assert names == ["LocalizedText"]
