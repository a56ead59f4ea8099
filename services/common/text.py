"""Text that people read: names, titles, descriptions, with nothing hidden in them.

A name or title is shown on pages, in e-mail subjects, in calendar files and on
badges. Two kinds of invisible character turn it against its reader:

- control characters (CR, LF, TAB, NUL, U+2028...): a line break in a title
  splits an e-mail header or a calendar line;
- Unicode "format" characters (category Cf): bidirectional overrides and
  isolates reverse how a name reads (``U+202E`` makes "moc.kcatta" read as
  "attack.com"), zero-width spaces make two different names look identical.

:data:`SingleLineText` refuses both; :data:`MultiLineText` (descriptions,
reasons) allows line feeds and tabs, turns CRLF and lone CR into LF, and
refuses the rest. Both normalise to NFC so that one name has one spelling.
The zero-width joiner and non-joiner (U+200D, U+200C) are Cf but kept: Arabic,
Persian and many Indic scripts need them to spell words correctly.

A refusal is a 422 whose field error ``type`` is ``control_character``,
``format_character`` or ``invalid_character`` (a lone surrogate or a
non-character), with the position of the first offending character.

The OpenAPI document states the rule as a ``pattern``, so a generated client
(and schemathesis) knows what the server refuses.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from functools import cache, partial
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

CONTROL_CHARACTER = "control_character"
FORMAT_CHARACTER = "format_character"
INVALID_CHARACTER = "invalid_character"

# Cf characters that scripts need: ZWNJ and ZWJ (Arabic, Persian, Indic, emoji sequences).
ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})
# Not category Cc, but they break lines all the same.
LINE_BREAKS = frozenset({"\u2028", "\u2029", "\x85"})
MULTILINE_CONTROLS = frozenset({"\n", "\t"})


def _refusal(char: str, *, multiline: bool) -> str | None:
    """The error code for one character, or None when it may be kept."""
    if char in LINE_BREAKS:
        return CONTROL_CHARACTER
    category = unicodedata.category(char)
    if category == "Cc":
        return None if multiline and char in MULTILINE_CONTROLS else CONTROL_CHARACTER
    if category == "Cf":
        return None if char in ALLOWED_FORMAT else FORMAT_CHARACTER
    if category == "Cs" or _is_noncharacter(char):
        return INVALID_CHARACTER
    return None


def _is_noncharacter(char: str) -> bool:
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


_MESSAGES = {
    CONTROL_CHARACTER: "must not contain control characters or line breaks "
    "(found {name} at position {position})",
    FORMAT_CHARACTER: "must not contain invisible formatting characters such as bidirectional "
    "overrides or zero-width spaces (found {name} at position {position})",
    INVALID_CHARACTER: "must not contain invalid Unicode characters (found {name} at position {position})",
}


def _check(value: str, *, multiline: bool, max_length: int | None = None) -> str:
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    for position, char in enumerate(value):
        code = _refusal(char, multiline=multiline)
        if code is not None:
            name = f"U+{ord(char):04X}"
            raise PydanticCustomError(code, _MESSAGES[code], {"name": name, "position": position})
    value = unicodedata.normalize("NFC", value)
    # A few characters (composition exclusions such as U+0958) grow under NFC.
    if max_length is not None and len(value) > max_length:
        raise PydanticCustomError(
            "string_too_long",
            "String should have at most {max_length} characters",
            {"max_length": max_length},
        )
    return value


def clean_single_line(value: str) -> str:
    """The value, NFC-normalised, or a ``PydanticCustomError`` naming the refused character."""
    return _check(value, multiline=False)


def clean_multi_line(value: str) -> str:
    return _check(value, multiline=True)


def _surrogate_safe(value: Any) -> Any:
    # json.loads accepts "\ud800" and gives a str that cannot be encoded: refuse it before
    # anything tries to write or log it.
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise PydanticCustomError(
                INVALID_CHARACTER,
                _MESSAGES[INVALID_CHARACTER],
                {"name": f"U+{ord(value[exc.start]):04X}", "position": exc.start},
            ) from None
    return value


def _ranges(points: list[int]) -> str:
    """A regex character-class body for these code points, as ranges."""
    out: list[str] = []
    start = prev = points[0]
    for point in [*points[1:], -2]:
        if point == prev + 1:
            prev = point
            continue
        out.append(_escape(start) if start == prev else f"{_escape(start)}-{_escape(prev)}")
        start = prev = point
    return "".join(out)


def _escape(point: int) -> str:
    # Beyond the BMP the character itself: "\\U" is Python-only, "\\u{...}" ECMA-only.
    return f"\\u{point:04x}" if point <= 0xFFFF else chr(point)


@cache
def text_pattern(*, multiline: bool) -> str:
    """The rule as a regular expression for the OpenAPI document (Python/JSON-Schema syntax)."""
    refused = [
        point
        for point in range(sys.maxunicode + 1)
        if _refusal(chr(point), multiline=multiline) is not None and unicodedata.category(chr(point)) != "Cs"
    ]
    if multiline:
        refused.remove(0x0D)  # CR is accepted, and stored as LF
    # One character class that every JSON Schema tool compiles: BMP characters as ranges;
    # characters beyond the BMP each as itself, never in a range (without the `u` flag,
    # JavaScript reads one as a surrogate pair, and a range of them is "out of order").
    # Python and ECMAScript with `u` read it exactly (and so schemathesis generates from it);
    # JavaScript without `u` refuses a little more (any character sharing a surrogate with a
    # refused one), never less. Lone surrogates are not in it (Rust's regex, which pydantic
    # uses, refuses them in a pattern); _check refuses them.
    bmp = [point for point in refused if point <= 0xFFFF]
    beyond = "".join(chr(point) for point in refused if point > 0xFFFF)
    return f"^[^{_ranges(bmp)}{beyond}]*$"


@dataclass(frozen=True)
class ReadableText:
    """``Annotated`` marker: the string is checked by :func:`_check` and its schema has the pattern.

    Put it after the length constraints (``StringConstraints``); their ``max_length`` is checked
    again after NFC normalisation.
    """

    multiline: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        inner = handler(source)
        max_length = inner.get("max_length") if inner.get("type") == "str" else None
        check = partial(_check, multiline=self.multiline, max_length=max_length)
        return core_schema.no_info_before_validator_function(
            _surrogate_safe, core_schema.no_info_after_validator_function(check, inner)
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["pattern"] = text_pattern(multiline=self.multiline)
        return json_schema


SINGLE_LINE = ReadableText(multiline=False)
MULTI_LINE = ReadableText(multiline=True)

SingleLineText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), SINGLE_LINE]
"""A name or title: stripped, NFC, one line, no control or format characters, at most 200 characters."""
MultiLineText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000), MULTI_LINE]
"""A description or a reason: like :data:`SingleLineText`, with line feeds and tabs, 5,000 characters."""


def header_value(value: str) -> str:
    """One line for an e-mail header: control and format characters become spaces, runs fold.

    Old rows (written before the API refused such titles) or any other source may
    carry a line break; an e-mail header must never be split by one.
    """
    kept = "".join(" " if _refusal(c, multiline=False) else c for c in value)
    return " ".join(kept.split())


def fold(text: str) -> str:
    """Text as a lookup compares it: case-folded, accents and Arabic vowel marks removed (NFKD)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
