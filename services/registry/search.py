# ruff: noqa: S608  -- SQL here is assembled from fixed fragments; every user value is a bound parameter.
"""Catalogue search: one interface, two engines (SQLite FTS5 and PostgreSQL full-text).

Both sides index the same normalised text (``text.normalise``: no case, no accents,
Arabic folded) held in the ``search_name`` / ``search_text`` columns:

- SQLite: external-content FTS5 tables ``fts_exporter`` / ``fts_product`` kept in sync by
  triggers on those columns; ``fts_*_vocab`` (fts5vocab) lists the indexed words.
- PostgreSQL: a generated ``fts_document`` tsvector (text search configurations
  ``fts_simple`` and ``fts_fr``, both with unaccent) with a GIN index; the vocabulary
  ``fts_term`` (filled by a trigger) has a pg_trgm index for the typo fallback.

A query is split into normalised words; every word matches as a prefix (as-you-type).
When nothing matches, each word of five letters or more is widened to the indexed
words at one edit from it (one typo forgiven). The user's text never reaches the engine's
query syntax: words are reduced to letters and digits first, so ``AND``, ``*`` or ``"``
are just text.

This module also holds the writers of the search columns (``index_exporter``...).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text as sql
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registry import text as txt
from services.registry.models import Exporter, Product

MIN_TYPO_LENGTH = 5
MAX_TYPO_LENGTH = 24
MAX_QUERY_WORDS = 8


async def run_sql(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> Any:
    """Execute a textual statement on the session's connection (same transaction)."""
    connection = await session.connection()
    return await connection.execute(statement, params or {})


def dialect_of(session: AsyncSession) -> str:
    return session.bind.dialect.name  # type: ignore[union-attr]


# --------------------------------------------------------------------------- indexing


def index_exporter(exporter: Exporter, *, region_names: Sequence[str], sector_names: Sequence[str]) -> None:
    """Rewrite the exporter's search columns (products must be loaded)."""
    exporter.search_name = txt.document(exporter.trade_name, exporter.legal_name)
    exporter.sort_key = txt.document(exporter.trade_name)[:200]
    product_parts: list[str] = []
    for product in exporter.products:
        product_parts += [product.name_fr, product.name_en, product.name_ar, product.description_fr]
        product_parts += [product.description_en, product.description_ar]
    exporter.search_text = txt.document(
        exporter.city,
        *region_names,
        *sector_names,
        exporter.description_fr,
        exporter.description_en,
        exporter.description_ar,
        *product_parts,
    )


def index_product(product: Product, exporter: Exporter) -> None:
    product.search_name = txt.document(product.name_fr, product.name_en, product.name_ar)
    product.sort_key = txt.document(product.name_fr)[:200]
    product.search_text = txt.document(
        product.description_fr,
        product.description_en,
        product.description_ar,
        product.hs_code,
        exporter.trade_name,
        exporter.city,
    )


# --------------------------------------------------------------------------- queries


@dataclass
class Filters:
    regions: list[str] = field(default_factory=list)
    sector_ids: list[int] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    hs_chapters: list[str] = field(default_factory=list)
    label_statuses: list[str] = field(default_factory=list)
    labelled: bool | None = None
    verified: bool | None = None
    exporter_id: int | None = None


@dataclass
class Hits:
    ids: list[int]
    total: int
    facets: dict[str, dict[str, int]]
    typo_corrected: bool = False


class _Sql:
    """A tiny builder: WHERE fragments and their bound parameters."""

    def __init__(self) -> None:
        self.where: list[str] = []
        self.params: dict[str, Any] = {}
        self._n = 0

    def param(self, value: Any) -> str:
        self._n += 1
        name = f"p{self._n}"
        self.params[name] = value
        return f":{name}"

    def in_list(self, values: Iterable[Any]) -> str:
        return "(" + ", ".join(self.param(v) for v in values) + ")"


def effective_status_sql(alias: str) -> str:
    return (
        f"CASE WHEN {alias}.label_status = 'active' AND {alias}.label_valid_until < :today "
        f"THEN 'expired' ELSE {alias}.label_status END"
    )


def _today_param(dialect: str, today: date) -> Any:
    return today.isoformat() if dialect == "sqlite" else today


def query_words(q: str | None) -> list[str]:
    return txt.tokens(q or "")[:MAX_QUERY_WORDS]


async def _similar_words(session: AsyncSession, *, kind: str, word: str) -> list[str]:
    """Indexed words at one edit from ``word`` (the typo fallback)."""
    if dialect_of(session) == "sqlite":
        variants = sorted(txt.one_edit_variants(word))
        placeholders = ", ".join(f":v{i}" for i in range(len(variants)))
        rows = await run_sql(
            session,
            sql(f"SELECT term FROM fts_{kind}_vocab WHERE term IN ({placeholders})"),
            {f"v{i}": v for i, v in enumerate(variants)},
        )
        found = [r[0] for r in rows]
    else:
        await run_sql(session, sql("SET LOCAL pg_trgm.similarity_threshold = 0.2"))
        rows = await run_sql(
            session,
            sql(
                "SELECT term FROM fts_term WHERE term % :w AND length(term) BETWEEN :lo AND :hi "
                "ORDER BY similarity(term, :w) DESC LIMIT 50"
            ),
            {"w": word, "lo": len(word) - 1, "hi": len(word) + 1},
        )
        found = [r[0] for r in rows]
    return sorted({t for t in found if t != word and txt.damerau_distance_at_most_one(t, word)})[:20]


class _TextMatch:
    """The text part of a search, per dialect: FROM/WHERE fragments and a rank expression."""

    def __init__(self, dialect: str, kind: str, alias: str, alternatives: list[list[str]]) -> None:
        self.dialect = dialect
        self.kind = kind
        self.alias = alias
        self.alternatives = alternatives  # per word: [word (prefix), typo variants (exact)...]

    def apply(self, b: _Sql) -> tuple[str, str]:
        """Returns (join clause, rank expression ascending = best first)."""
        if self.dialect == "sqlite":
            parts = []
            for word, *variants in self.alternatives:
                options = [f'"{word}"*'] + [f'"{v}"' for v in variants]
                parts.append("(" + " OR ".join(options) + ")" if len(options) > 1 else options[0])
            b.where.append(f"fts_{self.kind} MATCH {b.param(' AND '.join(parts))}")
            join = f"JOIN fts_{self.kind} ON fts_{self.kind}.rowid = {self.alias}.id"
            return join, f"bm25(fts_{self.kind}, 10.0, 1.0)"
        pieces = []
        for word, *variants in self.alternatives:
            simple = " | ".join([f"{word}:*", *variants])
            pieces.append(
                f"(to_tsquery('fts_simple', {b.param(simple)}) || plainto_tsquery('fts_fr', {b.param(word)}))"
            )
        query = " && ".join(pieces)
        b.where.append(f"{self.alias}.fts_document @@ ({query})")
        return "", f"-ts_rank({self.alias}.fts_document, ({query}))"


async def _text_match(
    session: AsyncSession, *, kind: str, alias: str, words: list[str], widen: bool
) -> _TextMatch | None:
    alternatives: list[list[str]] = []
    widened = False
    for word in words:
        variants: list[str] = []
        if widen and MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
            variants = await _similar_words(session, kind=kind, word=word)
            widened = widened or bool(variants)
        alternatives.append([word, *variants])
    if widen and not widened:
        return None
    return _TextMatch(dialect_of(session), kind, alias, alternatives)


def _exporter_filters(b: _Sql, f: Filters, alias: str = "e") -> None:
    if f.regions:
        b.where.append(f"{alias}.region_code IN {b.in_list(f.regions)}")
    if f.sizes:
        b.where.append(f"{alias}.size_band IN {b.in_list(f.sizes)}")
    if f.sector_ids:
        b.where.append(
            f"{alias}.id IN (SELECT exporter_id FROM exporter_sector "
            f"WHERE sector_id IN {b.in_list(f.sector_ids)})"
        )
    if f.markets:
        b.where.append(
            f"{alias}.id IN (SELECT exporter_id FROM exporter_market "
            f"WHERE country_code IN {b.in_list(f.markets)})"
        )
    if f.verified is not None:
        b.where.append(f"{alias}.verified = {b.param(f.verified)}")


def _label_filters(b: _Sql, f: Filters, alias: str) -> None:
    if f.label_statuses:
        b.where.append(f"({effective_status_sql(alias)}) IN {b.in_list(f.label_statuses)}")
    if f.labelled is True:
        b.where.append(f"{alias}.label_status = 'active' AND {alias}.label_valid_until >= :today")
    elif f.labelled is False:
        b.where.append(f"NOT ({alias}.label_status = 'active' AND {alias}.label_valid_until >= :today)")


EXPORTER_SORTS = {
    "name": "e.sort_key, e.id",
    "-name": "e.sort_key DESC, e.id DESC",
    "newest": "e.created_at DESC, e.id DESC",
    "oldest": "e.created_at, e.id",
}
PRODUCT_SORTS = {
    "name": "p.sort_key, p.id",
    "-name": "p.sort_key DESC, p.id DESC",
    "newest": "p.created_at DESC, p.id DESC",
    "value_added": "p.value_added_pct DESC, p.id",
}


async def _run(
    session: AsyncSession,
    *,
    kind: str,
    words: list[str],
    filters: Filters,
    sort: str | None,
    limit: int,
    offset: int,
    today: date,
) -> Hits:
    dialect = dialect_of(session)
    for widen in (False, True):
        if widen and not any(len(w) >= MIN_TYPO_LENGTH for w in words):
            break
        b = _Sql()
        b.params["today"] = _today_param(dialect, today)
        alias = "e" if kind == "exporter" else "p"
        join, rank = "", ""
        if words:
            match = await _text_match(session, kind=kind, alias=alias, words=words, widen=widen)
            if match is None:
                break
            join, rank = match.apply(b)
        if kind == "exporter":
            _exporter_filters(b, filters, "e")
            _label_filters(b, filters, "e")
            if filters.hs_chapters:
                b.where.append(
                    "e.id IN (SELECT exporter_id FROM product "
                    f"WHERE hs_chapter IN {b.in_list(filters.hs_chapters)})"
                )
            base_from = f"exporter e {join}"
        else:
            needs_exporter = bool(filters.regions or filters.sizes or filters.verified is not None)
            _label_filters(b, filters, "p")
            if filters.hs_chapters:
                b.where.append(f"p.hs_chapter IN {b.in_list(filters.hs_chapters)}")
            if filters.exporter_id is not None:
                b.where.append(f"p.exporter_id = {b.param(filters.exporter_id)}")
            sub = _Sql()
            sub._n = 1000  # distinct parameter names from the outer builder
            sub.params = b.params
            sub_filters = Filters(
                sector_ids=filters.sector_ids,
                markets=filters.markets,
                regions=filters.regions,
                sizes=filters.sizes,
                verified=filters.verified,
            )
            if needs_exporter or filters.sector_ids or filters.markets:
                _exporter_filters(sub, sub_filters, "x")
                b.where.append(
                    "p.exporter_id IN (SELECT x.id FROM exporter x WHERE " + " AND ".join(sub.where) + ")"
                )
            base_from = f"product p {join}"
        where = (" WHERE " + " AND ".join(b.where)) if b.where else ""
        facets = await _facets(session, kind=kind, base_from=base_from, where=where, params=b.params)
        total = sum(facets["label_status"].values())
        if total == 0 and words and not widen:
            continue
        sorts = EXPORTER_SORTS if kind == "exporter" else PRODUCT_SORTS
        if sort in (None, "relevance") and rank:
            order = f"{rank}, {alias}.id"
        else:
            order = sorts.get(sort or "name", sorts["name"])
        b.params["limit"], b.params["offset"] = limit, offset
        rows = await run_sql(
            session,
            sql(f"SELECT {alias}.id FROM {base_from}{where} ORDER BY {order} LIMIT :limit OFFSET :offset"),
            b.params,
        )
        return Hits(ids=[r[0] for r in rows], total=total, facets=facets, typo_corrected=widen)
    return Hits(ids=[], total=0, facets={k: {} for k in ("region", "sector", "market", "label_status")})


async def _facets(
    session: AsyncSession, *, kind: str, base_from: str, where: str, params: dict[str, Any]
) -> dict[str, dict[str, int]]:
    """Counts per region, sector, market and label status (and HS chapter for products)."""
    if kind == "exporter":
        matched = (
            "SELECT e.id AS exporter_id, e.region_code AS region_code, "
            f"{effective_status_sql('e')} AS ls FROM {base_from}{where}"
        )
        extra = ""
        join_exporter = ""
    else:
        matched = (
            "SELECT p.exporter_id AS exporter_id, p.hs_chapter AS hs_chapter, "
            f"{effective_status_sql('p')} AS ls "
            f"FROM {base_from}{where}"
        )
        extra = " UNION ALL SELECT 'hs_chapter', m.hs_chapter, count(*) FROM m GROUP BY m.hs_chapter"
        join_exporter = (
            " CROSS JOIN exporter ex ON ex.id = m.exporter_id"
            if dialect_of(session) == "sqlite"
            else " JOIN exporter ex ON ex.id = m.exporter_id"
        )
    region_expr = "m.region_code" if kind == "exporter" else "ex.region_code"
    # The matched set is small next to the link tables: SQLite must loop over it and probe
    # the links by primary key (CROSS JOIN fixes that order); PostgreSQL plans this itself.
    join = "CROSS JOIN" if dialect_of(session) == "sqlite" else "JOIN"
    statement = (
        f"WITH m AS MATERIALIZED ({matched}) "
        f"SELECT 'region', {region_expr}, count(*) FROM m{join_exporter} GROUP BY {region_expr} "
        f"UNION ALL SELECT 'sector', CAST(es.sector_id AS TEXT), count(*) FROM m {join} exporter_sector es "
        "ON es.exporter_id = m.exporter_id GROUP BY es.sector_id "
        f"UNION ALL SELECT 'market', em.country_code, count(*) FROM m {join} exporter_market em "
        "ON em.exporter_id = m.exporter_id GROUP BY em.country_code "
        "UNION ALL SELECT 'label_status', m.ls, count(*) FROM m GROUP BY m.ls" + extra
    )
    facets: dict[str, dict[str, int]] = {"region": {}, "sector": {}, "market": {}, "label_status": {}}
    if kind == "product":
        facets["hs_chapter"] = {}
    for facet, value, count in await run_sql(session, sql(statement), params):
        facets[facet][str(value)] = int(count)
    return facets


async def search(
    *,
    session: AsyncSession,
    kind: str,
    q: str | None,
    filters: Filters,
    sort: str | None,
    limit: int,
    offset: int,
    today: date,
) -> Hits:
    """Ids of the matching exporters (``kind="exporter"``) or products, best first, with facets."""
    words = query_words(q)
    if q and q.strip() and not words:
        # Only punctuation or operators: as text, it matches no word.
        return Hits(ids=[], total=0, facets={k: {} for k in ("region", "sector", "market", "label_status")})
    return await _run(
        session, kind=kind, words=words, filters=filters, sort=sort, limit=limit, offset=offset, today=today
    )


async def rebuild(*, session: AsyncSession) -> None:
    """Rebuild the full-text indexes from the search columns (after bulk loads)."""
    if dialect_of(session) == "sqlite":
        await run_sql(session, sql("INSERT INTO fts_exporter(fts_exporter) VALUES ('rebuild')"))
        await run_sql(session, sql("INSERT INTO fts_product(fts_product) VALUES ('rebuild')"))
    else:
        for table in ("exporter", "product"):
            await run_sql(
                session,
                sql(
                    "INSERT INTO fts_term(term) SELECT DISTINCT w FROM "
                    "(SELECT regexp_split_to_table(search_name || ' ' || search_text, '\\s+') AS w "
                    f"FROM {table}) t "
                    "WHERE length(w) >= 4 ON CONFLICT DO NOTHING"
                ),
            )
