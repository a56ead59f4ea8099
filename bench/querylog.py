"""A deterministic log of catalogue searches, replayed by wrk with a Zipf-like repetition.

The vocabulary is the synthetic catalogue's (``services/registry/synthetic.py``): trade-name
words, product names in French, English and Arabic, cities, sectors, regions, export markets,
size bands and HS chapters. Each distinct query is one of these kinds:

- ``text``: one or two words (names, products, cities), fr/en/ar, sometimes a prefix being typed;
- ``text+filters``: the same with one or two filters (region, sector, market, size);
- ``filters``: filters only, no text;
- ``paging``: a text or filter search at page 2 to 5;
- ``products``: the products search (``/products``), text and/or HS chapter / sector;
- ``typo``: a word with one letter changed, dropped, doubled or swapped (the typo fallback).

``distinct_queries`` draws them with a seeded generator until it has ``count`` distinct
request paths. ``replay_log`` then builds the log: every distinct query once, plus draws
weighted 1/rank^s (a Zipf law: a few searches are very frequent, most are rare), shuffled
with the same seed. Same arguments, same log, byte for byte.

    python -m bench.querylog --out var/querylog.txt    # writes the log, prints its summary
"""

from __future__ import annotations

import argparse
import itertools
import random
import unicodedata
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from services.registry import synthetic

SEED = 2035
DISTINCT = 12_000
LENGTH = 120_000
ZIPF_S = 1.05
KINDS = ("text", "text+filters", "filters", "paging", "products", "typo")
# How often each kind is drawn (the mix of a catalogue's visitors, as a guess made explicit).
KIND_WEIGHTS = (30, 25, 10, 10, 15, 10)
SIZES = ("micro", "small", "medium", "large")
NAME_QUALIFIERS = ("premium", "bio", "traditionnel", "export", "artisanal", "extra")


def _plain(text: str) -> str:
    """Lower case without accents (what a visitor often types)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def vocabulary() -> dict[str, list[str]]:
    """Words and phrases of the synthetic catalogue, by language."""
    fr: list[str] = []
    en: list[str] = []
    ar: list[str] = []
    for products in synthetic.PRODUCTS.values():
        for name_fr, name_en, name_ar, _hs in products:
            fr += [name_fr, _plain(name_fr)]
            en.append(name_en.lower())
            ar.append(name_ar)
    cities = [c for group in synthetic.CITIES.values() for c in group]
    names = [*synthetic.PREFIXES, *synthetic.KINDS]
    fr += [*cities, *(_plain(c) for c in cities), *names, *(_plain(n) for n in names), *NAME_QUALIFIERS]
    en += [_plain(c) for c in cities] + [_plain(n) for n in synthetic.PREFIXES] + ["export", "trading"]
    return {
        "fr": sorted(set(fr)),
        "en": sorted(set(en)),
        "ar": sorted(set(ar)),
        "prefixes": [_plain(p) for p in synthetic.PREFIXES],
    }


def _typo(rng: random.Random, word: str) -> str:
    letters = list(word)
    if len(letters) < 4:
        return word + word[-1]
    i = rng.randrange(1, len(letters) - 1)
    how = rng.choice(("swap", "drop", "double", "change"))
    if how == "swap":
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    elif how == "drop":
        del letters[i]
    elif how == "double":
        letters.insert(i, letters[i])
    else:
        pool = "اأبتثجحخدذرزسشصضطظعغفقكلمنهوي" if "\u0600" <= letters[i] <= "\u06ff" else "aeiourstnl"
        letters[i] = rng.choice(pool)
    return "".join(letters)


class _Draw:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary()
        self.regions = sorted(synthetic.CITIES)
        self.sectors = sorted(synthetic.PRODUCTS)
        self.markets = list(synthetic.MARKETS)
        self.chapters = sorted({hs[:2] for ps in synthetic.PRODUCTS.values() for *_n, hs in ps})

    def language(self) -> str:
        return self.rng.choices(("fr", "en", "ar"), weights=(55, 25, 20))[0]

    def text(self) -> str:
        rng = self.rng
        lang = self.language()
        words = self.words[lang]
        shape = rng.random()
        if shape < 0.45:
            q = rng.choice(words)
        elif shape < 0.7:
            q = f"{rng.choice(words)} {rng.choice(words)}"
        elif shape < 0.85 and lang != "ar":
            # A trade name as the synthetic catalogue makes them: "Atlas Export 1234".
            q = f"{rng.choice(self.words['prefixes'])} {rng.randint(1, 99_999)}"
        else:
            # Still typing: a prefix of three letters or more.
            word = rng.choice(words).split()[0]
            q = word[: rng.randint(min(3, len(word)), len(word))]
        return q

    def filters(self, count: int) -> dict[str, str]:
        rng = self.rng
        chosen = rng.sample(("region", "sector", "market", "size"), count)
        values = {
            "region": lambda: rng.choice(self.regions),
            "sector": lambda: rng.choice(self.sectors),
            "market": lambda: rng.choice(self.markets),
            "size": lambda: rng.choice(SIZES),
        }
        return {name: values[name]() for name in sorted(chosen)}

    def query(self, kind: str) -> str:
        rng = self.rng
        params: dict[str, str | int]
        path = "/exporters"
        if kind == "text":
            params = {"q": self.text()}
        elif kind == "text+filters":
            params = {"q": self.text(), **self.filters(rng.choice((1, 2, 2)))}
        elif kind == "filters":
            params = dict(self.filters(rng.choice((1, 2, 2, 3))))
        elif kind == "paging":
            base = {"q": self.text()} if rng.random() < 0.6 else self.filters(1)
            params = {**base, "page": rng.randint(2, 5)}
        elif kind == "products":
            path = "/products"
            params = {}
            if rng.random() < 0.8:
                params["q"] = self.text()
            if rng.random() < 0.4 or not params:
                params["hs_chapter"] = rng.choice(self.chapters)
            if rng.random() < 0.2:
                params["sector"] = rng.choice(self.sectors)
        elif kind == "typo":
            lang = self.language()
            word = rng.choice([w for w in self.words[lang] if len(w.split()[0]) >= 5] or self.words["fr"])
            params = {"q": _typo(rng, word.split()[0])}
            if rng.random() < 0.3:
                params.update(self.filters(1))
        else:
            raise ValueError(kind)
        return f"{path}?{urlencode(params)}" if params else path


def distinct_queries(count: int = DISTINCT, *, seed: int = SEED) -> list[tuple[str, str]]:
    """``count`` distinct (kind, path) pairs, in the order drawn (rank 1 first)."""
    rng = random.Random(seed)
    draw = _Draw(rng)
    seen: dict[str, str] = {}
    for _ in range(count * 50):
        kind = rng.choices(KINDS, weights=KIND_WEIGHTS)[0]
        path = draw.query(kind)
        seen.setdefault(path, kind)
        if len(seen) >= count:
            break
    if len(seen) < count:
        raise RuntimeError(f"only {len(seen)} distinct queries from the vocabulary")
    return [(kind, path) for path, kind in seen.items()]


def replay_log(
    queries: list[tuple[str, str]], *, length: int = LENGTH, s: float = ZIPF_S, seed: int = SEED
) -> list[str]:
    """Every query once, plus ``length - len(queries)`` Zipf draws (rank r weighs 1/r^s), shuffled."""
    rng = random.Random(seed + 1)
    paths = [path for _kind, path in queries]
    weights = list(itertools.accumulate(1 / rank**s for rank in range(1, len(paths) + 1)))
    log = paths + rng.choices(paths, cum_weights=weights, k=max(0, length - len(paths)))
    rng.shuffle(log)
    return log


def summary(queries: list[tuple[str, str]], log: list[str]) -> dict[str, object]:
    kinds = dict(Counter(kind for kind, _path in queries))
    counts = Counter(log)
    top = counts.most_common(max(1, len(counts) // 100))
    arabic = sum(1 for _k, p in queries if "%D8" in p or "%D9" in p)
    return {
        "distinct": len(counts),
        "length": len(log),
        "kinds": kinds,
        "arabic_queries": arabic,
        "zipf_s": ZIPF_S,
        "seed": SEED,
        "top_1pct_share": round(sum(n for _p, n in top) / len(log), 3),
        "seen_once": sum(1 for n in counts.values() if n == 1),
    }


def write_log(path: Path, *, distinct: int = DISTINCT, length: int = LENGTH) -> dict[str, object]:
    """Write the replay log (one request path a line); returns its summary."""
    queries = distinct_queries(distinct)
    log = replay_log(queries, length=max(length, distinct))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(log) + "\n")
    return {**summary(queries, log), "file": str(path)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.querylog", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--distinct", type=int, default=DISTINCT)
    parser.add_argument("--length", type=int, default=LENGTH)
    args = parser.parse_args(argv)
    print(write_log(args.out, distinct=args.distinct, length=args.length))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
