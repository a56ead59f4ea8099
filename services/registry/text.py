"""Text normalisation shared by indexing and querying, so both sides agree.

Latin script: case folded, accents removed (``Fès`` -> ``fes``, ``Coopérative`` ->
``cooperative``), ligatures opened (``œ`` -> ``oe``). Arabic: diacritics (tashkeel) and
tatweel removed, alef forms (أ إ آ ٱ) -> ا, alef maqsura ى -> ي, teh marbuta ة -> ه.

Arabic words also carry their article and one-letter prefixes (ال، وال، بال، لل، و، ب...):
"الأركان" and "وأركان" are "أركان" with a prefix. :func:`forms` gives a word and its bare
form; a search document holds both (:func:`document`), and a query word matches either
(:func:`forms` again), so "أركان", "الأركان" and "وأركان" all find "زيت الأركان".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_MAP = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",  # ئ -> ي
}
_LATIN_MAP = {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i"}
# str.translate with a dict is slow on non-ASCII text; a regex touches only what it finds.
_ARABIC_FOLD_RE = re.compile("[" + "".join(_ARABIC_MAP) + "]")
_LATIN_FOLD_RE = re.compile("[" + "".join(_LATIN_MAP) + "]")


def _fold_arabic(text: str) -> str:
    return _ARABIC_FOLD_RE.sub(lambda m: _ARABIC_MAP[m.group()], text)


_WORD = re.compile(r"\w+")
# Combining marks left by NFKD (accents of Latin and other scripts; Arabic ones go above).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_SLUG_SEP = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """Case-, accent- and Arabic-form-insensitive form of ``text`` (words kept apart)."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    text = _ARABIC_DIACRITICS.sub("", text)
    text = _fold_arabic(text).casefold()
    text = _LATIN_FOLD_RE.sub(lambda m: _LATIN_MAP[m.group()], text)
    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    # NFKD can reintroduce composed Arabic forms' parts; fold again after stripping marks.
    stripped = _fold_arabic(stripped)
    return stripped


def tokens(text: str) -> list[str]:
    """The searchable words of ``text`` after normalisation (punctuation dropped)."""
    return [t for t in _WORD.findall(normalise(text).replace("_", " ")) if t]


# The article with its one-letter prefixes, longest first; then the one-letter prefixes alone
# (and, by, for, then, like). A bare form keeps at least 2 letters after an article, 3 after a
# single letter ("بيت", "ورق" and "فاس" are words, not prefixed ones).
_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ONE_LETTER = frozenset("وبلفك")


def bare(word: str) -> str | None:
    """A normalised Arabic word without its article or one-letter prefix (None: it has none)."""
    if not word or not "\u0600" <= word[0] <= "\u06ff":
        return None
    for article in _ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    if word[0] in _ONE_LETTER and len(word) >= 4:
        return word[1:]
    return None


def forms(word: str) -> list[str]:
    """A normalised word and, for an Arabic word with a prefix, its bare form."""
    stripped = bare(word)
    return [word] if stripped is None else [word, stripped]


def document(*parts: str | None) -> str:
    """A search document: the normalised words of every part (with their bare forms), space-separated."""
    return " ".join(f for part in parts if part for w in tokens(part) for f in forms(w))


def sort_text(*parts: str | None) -> str:
    """The normalised words of every part, as written (a sort key)."""
    return " ".join(w for part in parts if part for w in tokens(part))


def slugify(text: str) -> str:
    ascii_text = normalise(text).encode("ascii", "ignore").decode()
    return _SLUG_SEP.sub("-", ascii_text).strip("-")[:120].strip("-")


def damerau_distance_at_most_one(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one edit (insert, delete, substitute, swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    # b is one longer: removing one character of b gives a.
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"
ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def one_edit_variants(word: str) -> set[str]:
    """Every word at one edit (Damerau) from ``word``, over the alphabet of its script."""
    alphabet = ARABIC_ALPHABET if any("\u0600" <= ch <= "\u06ff" for ch in word) else LATIN_ALPHABET
    out: set[str] = set()
    n = len(word)
    for i in range(n):
        out.add(word[:i] + word[i + 1 :])
        if i + 1 < n:
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
        for ch in alphabet:
            out.add(word[:i] + ch + word[i + 1 :])
    for i in range(n + 1):
        for ch in alphabet:
            out.add(word[:i] + ch + word[i:])
    out.discard(word)
    return out
