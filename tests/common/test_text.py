"""Readable text: no control or format characters, NFC, and the rule stated in the schema."""

from __future__ import annotations

import json
import re

import pytest
from pydantic import BaseModel, ValidationError

from services.common.text import MultiLineText, SingleLineText, header_value, text_pattern


class Form(BaseModel):
    name: SingleLineText = ""
    notes: MultiLineText = ""


def _error(**fields: object) -> dict:  # type: ignore[type-arg]
    with pytest.raises(ValidationError) as caught:
        Form.model_validate(fields)
    (error,) = caught.value.errors()
    return error  # type: ignore[return-value]


@pytest.mark.parametrize(
    "value", ["T\r\nX", "T\nX", "T\rX", "a\tb", "nul\x00", "a\u2028b", "bell\x07", "a\x85b"]
)
def test_single_line_refuses_control_characters(value: str) -> None:
    error = _error(name=value)
    assert error["type"] == "control_character" and error["loc"] == ("name",)
    assert "U+" in error["msg"]


@pytest.mark.parametrize(
    "value",
    [
        "moc.\u202ekcatta",  # right-to-left override: reads as "attack.com"
        "Atlas\u2066Export\u2069",  # isolate
        "Atl\u200bas",  # zero-width space: looks like "Atlas"
        "\ufeffAtlas",  # BOM
        "Atlas\u2060",  # word joiner
        "\u061cAtlas",  # Arabic letter mark
        "tag\U000e0041",  # tag character
    ],
)
def test_single_and_multi_line_refuse_format_characters(value: str) -> None:
    assert _error(name=value)["type"] == "format_character"
    assert _error(notes=value)["type"] == "format_character"


def test_joiners_that_scripts_need_are_kept() -> None:
    persian = "می\u200cخواهم"  # ZWNJ inside a Persian word
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # ZWJ emoji sequence
    form = Form(name=persian, notes=family)
    assert form.name == persian and form.notes == family


def test_text_is_normalised_to_nfc_and_stripped() -> None:
    assert Form(name="  Cafe\u0301 ").name == "Caf\u00e9"


def test_multi_line_keeps_paragraphs_and_tabs_and_folds_cr() -> None:
    assert Form(notes="one\r\ntwo\rthree\n\tfour").notes == "one\ntwo\nthree\n\tfour"
    assert _error(notes="one\x0btwo")["type"] == "control_character"


def test_lone_surrogates_and_noncharacters_are_refused() -> None:
    assert _error(name=json.loads('"a\\ud800"'))["type"] == "invalid_character"
    assert _error(name="a\uffff")["type"] == "invalid_character"


def test_length_is_checked_again_after_normalisation() -> None:
    # U+0958 is a composition exclusion: NFC turns it into two characters.
    assert _error(name="\u0958" * 150)["type"] == "string_too_long"


def test_the_schema_states_the_rule_as_a_pattern() -> None:
    schema = Form.model_json_schema()["properties"]
    assert schema["name"]["pattern"] == text_pattern(multiline=False)
    assert schema["name"]["maxLength"] == 200
    single = re.compile(schema["name"]["pattern"])
    multi = re.compile(schema["notes"]["pattern"])
    for good in ("Atlas Export", "تعاونية أرگان", "می\u200cخواهم", "\U0001f600"):
        assert single.match(good) and multi.match(good)
    for bad in ("T\r\nX", "a\u202eb", "a\u200bb", "a\tb", "tag\U000e0041"):
        assert not single.match(bad)
    assert multi.match("a\r\nb\tc") and not multi.match("a\u202eb")


def test_header_value_folds_anything_to_one_line() -> None:
    assert header_value("RSVP: T\r\nBcc: victim@example.com") == "RSVP: T Bcc: victim@example.com"
    assert header_value("a\u202eb\u2028c") == "a b c"
    assert header_value("  Atelier   d'Agadir ") == "Atelier d'Agadir"
