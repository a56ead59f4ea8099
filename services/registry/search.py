# ruff: noqa: S608  -- SQL here is assembled from fixed fragments; every user value is a bound parameter.
"""Catalogue search: one interface, two engines (SQLite FTS5 and PostgreSQL full-text).

Both sides index the same normalised text (``text.normalise``: no case, no accents,
Arabic folded) held in the ``search_name`` / ``search_text`` columns:

- SQLite: external-content FTS5 tables ``fts_exporter`` / ``fts_product`` kept in sync by
  triggers on those columns; ``fts_*_vocab`` (fts5vocab) lists the indexed words.
  ``fts_exporter`` has a third column, ``search_tags``: the exporter's region, sectors and
  markets as words (:func:`filter_tags`), so a text search applies those filters inside
  the index; the user's words only ever match the name and text columns.
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
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import text as sql
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registry import text as txt
from services.registry.models import Exporter, Product
from services.registry.search_cache import SearchCache

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


def filter_tags(*, region_code: str | None, sector_ids: Iterable[int], markets: Iterable[str]) -> str:
    """An exporter's region, sectors and markets as words of its own column of the text index.

    SQLite only reads them: there, a text search with filters becomes a single lookup in the
    index, which intersects the words' lists of exporters (12,000 exporters match "huile",
    423 of them in Casablanca-Settat and in agrifood: the filters no longer probe 12,000 rows).
    """
    words = [_tag("region", region_code)] if region_code else []
    words += [_tag("sector", sector_id) for sector_id in sorted(sector_ids)]
    words += [_tag("market", market) for market in sorted(markets)]
    return " ".join(words)


def _tag(kind: str, value: object) -> str:
    # Letters and digits only (one token for FTS5's unicode61); the prefix keeps them apart
    # from the words of names and descriptions, which are searched in their own columns.
    return f"zz{kind}" + "".join(c for c in str(value).lower() if c.isascii() and c.isalnum())


def index_exporter(exporter: Exporter, *, region_names: Sequence[str], sector_names: Sequence[str]) -> None:
    """Rewrite the exporter's search columns (sectors, markets and products must be loaded)."""
    exporter.search_tags = filter_tags(
        region_code=exporter.region_code,
        sector_ids=[s.id for s in exporter.sectors if s.id is not None],
        markets=[m.country_code for m in exporter.markets],
    )
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

    def apply(self, b: _Sql, tags: Sequence[Sequence[str]] = ()) -> tuple[str, str]:
        """Returns (join clause, rank expression ascending = best first).

        ``tags`` (SQLite, exporters): per filter, the tag words of which one must be there.
        """
        if self.dialect == "sqlite":
            parts = []
            for word, *variants in self.alternatives:
                options = [f'"{word}"*'] + [f'"{v}"' for v in variants]
                parts.append("(" + " OR ".join(options) + ")" if len(options) > 1 else options[0])
            query = " AND ".join(parts)
            if self.kind == "exporter":  # the user's words never meet the filter words
                query = f"{{search_name search_text}}: ({query})" + "".join(
                    f" AND search_tags: ({' OR '.join(group)})" for group in tags
                )
            b.where.append(f"fts_{self.kind} MATCH {b.param(query)}")
            join = f"JOIN fts_{self.kind} ON fts_{self.kind}.rowid = {self.alias}.id"
            weights = "10.0, 1.0, 0.0" if self.kind == "exporter" else "10.0, 1.0"
            return join, f"bm25(fts_{self.kind}, {weights})"
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
    session: AsyncSession,
    *,
    kind: str,
    alias: str,
    words: list[str],
    widen: bool,
    cache: SearchCache | None = None,
    version: int | None = None,
) -> _TextMatch | None:
    alternatives: list[list[str]] = []
    widened = False
    for word in words:
        variants: list[str] = []
        if widen and MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
            key = ("similar", kind, word)
            cached = cache.get(key, version) if cache is not None else None
            if cached is None:
                cached = await _similar_words(session, kind=kind, word=word)
                if cache is not None:
                    cache.put(key, version, cached, size=64 + sum(len(v) for v in cached))
            variants = list(cached)
            widened = widened or bool(variants)
        alternatives.append([word, *variants])
    if widen and not widened:
        return None
    return _TextMatch(dialect_of(session), kind, alias, alternatives)


def _tag_filters(f: Filters) -> list[list[str]]:
    """The region, sector and market filters as tag words (see :func:`filter_tags`)."""
    groups = [[_tag("region", r) for r in f.regions], [_tag("sector", s) for s in f.sector_ids]]
    groups.append([_tag("market", m) for m in f.markets])
    return [group for group in groups if group]


def _exporter_filters(
    b: _Sql, f: Filters, alias: str = "e", *, probe: bool = False, tagged: bool = False
) -> None:
    """Filters on the exporter ``alias``. ``probe``: the rows come from the text index, so
    check each one's links by primary key (EXISTS) rather than list every linked exporter.
    ``tagged``: the text index already applies region, sectors and markets."""
    if tagged:
        f = replace(f, regions=[], sector_ids=[], markets=[])
    if f.regions:
        b.where.append(f"{alias}.region_code IN {b.in_list(f.regions)}")
    if f.sizes:
        b.where.append(f"{alias}.size_band IN {b.in_list(f.sizes)}")
    for values, table, column in (
        (f.sector_ids, "exporter_sector", "sector_id"),
        (f.markets, "exporter_market", "country_code"),
    ):
        if not values:
            continue
        if probe:
            b.where.append(
                f"EXISTS (SELECT 1 FROM {table} lt WHERE lt.exporter_id = {alias}.id "
                f"AND lt.{column} IN {b.in_list(values)})"
            )
        else:
            b.where.append(
                f"{alias}.id IN (SELECT exporter_id FROM {table} WHERE {column} IN {b.in_list(values)})"
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


EMPTY_FACETS = ("region", "sector", "market", "label_status")


def _empty_facets(kind: str) -> dict[str, dict[str, int]]:
    facets: dict[str, dict[str, int]] = {k: {} for k in EMPTY_FACETS}
    if kind == "product":
        facets["hs_chapter"] = {}
    return facets


@dataclass
class _Query:
    """One search as SQL: FROM (with the text join), WHERE, parameters and rank (or '')."""

    kind: str
    alias: str
    base_from: str
    where: str
    params: dict[str, Any]
    rank: str

    @property
    def everything(self) -> bool:
        """No text and no filter: facets are whole-catalogue counts."""
        return not self.where


async def _build(
    session: AsyncSession,
    *,
    kind: str,
    words: list[str],
    filters: Filters,
    widen: bool,
    today: date,
    cache: SearchCache | None = None,
    version: int | None = None,
) -> _Query | None:
    dialect = dialect_of(session)
    b = _Sql()
    b.params["today"] = _today_param(dialect, today)
    alias = "e" if kind == "exporter" else "p"
    join, rank = "", ""
    # SQLite: a text search of exporters takes its region, sector and market filters from the
    # text index itself (filter_tags).
    tags = _tag_filters(filters) if words and kind == "exporter" and dialect == "sqlite" else []
    if words:
        match = await _text_match(
            session, kind=kind, alias=alias, words=words, widen=widen, cache=cache, version=version
        )
        if match is None:
            return None
        join, rank = match.apply(b, tags)
    if kind == "exporter":
        _exporter_filters(b, filters, "e", probe=bool(words), tagged=bool(tags))
        _label_filters(b, filters, "e")
        if filters.hs_chapters:
            b.where.append(
                "e.id IN (SELECT exporter_id FROM product "
                f"WHERE hs_chapter IN {b.in_list(filters.hs_chapters)})"
            )
        base_from = f"exporter e {join}"
    else:
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
        # The exporters that pass are listed once (an index range), then each product is checked
        # against that list: cheaper than probing every product's exporter, even under a text match.
        _exporter_filters(sub, sub_filters, "x")
        if sub.where:
            b.where.append(f"p.exporter_id IN (SELECT x.id FROM exporter x WHERE {' AND '.join(sub.where)})")
        base_from = f"product p {join}"
    where = (" WHERE " + " AND ".join(b.where)) if b.where else ""
    return _Query(kind=kind, alias=alias, base_from=base_from, where=where, params=b.params, rank=rank)


def _filters_key(filters: Filters) -> tuple[Any, ...]:
    return tuple(
        tuple(sorted(str(v) for v in value)) if isinstance(value, list) else value
        for value in (getattr(filters, f.name) for f in fields(filters))
    )


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
    cache: SearchCache | None,
    version: int | None,
) -> Hits:
    for widen in (False, True):
        if widen and not any(len(w) >= MIN_TYPO_LENGTH for w in words):
            break
        query = await _build(
            session,
            kind=kind,
            words=words,
            filters=filters,
            widen=widen,
            today=today,
            cache=cache,
            version=version,
        )
        if query is None:
            break
        by_rank = bool(query.rank) and sort in (None, "relevance")
        # Facets and total depend on neither page nor sort: cached apart, they serve every page.
        facets_key = ("facets", kind, tuple(words), widen, _filters_key(filters), today)
        facets = cache.get(facets_key, version) if cache is not None else None
        ids: list[int] | None = None
        if facets is None:
            page = (limit, offset) if by_rank else None
            facets, ids = await _count(session, query, page=page)
            if cache is not None:
                cache.put(facets_key, version, facets, size=64 * sum(len(v) for v in facets.values()) + 256)
        total = sum(facets["label_status"].values())
        if total == 0 and words and not widen:
            continue
        if ids is None:
            ids = await _page(session, query, sort=sort, by_rank=by_rank, limit=limit, offset=offset)
        return Hits(ids=ids, total=total, facets=facets, typo_corrected=widen)
    return Hits(ids=[], total=0, facets=_empty_facets(kind))


async def _page(
    session: AsyncSession, query: _Query, *, sort: str | None, by_rank: bool, limit: int, offset: int
) -> list[int]:
    alias = query.alias
    sorts = EXPORTER_SORTS if query.kind == "exporter" else PRODUCT_SORTS
    order = f"{query.rank}, {alias}.id" if by_rank else sorts.get(sort or "name", sorts["name"])
    params = {**query.params, "limit": limit, "offset": offset}
    rows = await run_sql(
        session,
        sql(
            f"SELECT {alias}.id FROM {query.base_from}{query.where} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset"
        ),
        params,
    )
    return [r[0] for r in rows]


async def _count(
    session: AsyncSession, query: _Query, *, page: tuple[int, int] | None
) -> tuple[dict[str, dict[str, int]], list[int] | None]:
    """Facets (counts per region, sector, market, label status, and HS chapter for products)
    of the whole result, and with ``page`` (limit, offset) also that page by rank, in one
    statement: the matched set is computed once, with its rank, and every count and the
    page are read from it."""
    if query.everything:
        return await _count_everything(session, query), None
    dialect = dialect_of(session)
    kind = query.kind
    rank_column = f", {query.rank} AS rank" if page is not None else ""
    if kind == "exporter":
        matched = (
            f"SELECT e.id AS id, e.id AS exporter_id, e.region_code AS region_code, "
            f"{effective_status_sql('e')} AS ls{rank_column} FROM {query.base_from}{query.where}"
        )
        extra = ""
        join_exporter = ""
    else:
        matched = (
            "SELECT p.id AS id, p.exporter_id AS exporter_id, p.hs_chapter AS hs_chapter, "
            f"{effective_status_sql('p')} AS ls{rank_column} FROM {query.base_from}{query.where}"
        )
        extra = " UNION ALL SELECT 'hs_chapter', m.hs_chapter, count(*) FROM m GROUP BY m.hs_chapter"
        join_exporter = (
            " CROSS JOIN exporter ex ON ex.id = m.exporter_id"
            if dialect == "sqlite"
            else " JOIN exporter ex ON ex.id = m.exporter_id"
        )
    region_expr = "m.region_code" if kind == "exporter" else "ex.region_code"
    # The matched set is small next to the link tables: SQLite must loop over it and probe
    # the links by primary key (CROSS JOIN fixes that order); PostgreSQL plans this itself.
    join = "CROSS JOIN" if dialect == "sqlite" else "JOIN"
    params = dict(query.params)
    page_arm = ""
    if page is not None:
        params["limit"], params["offset"] = page
        page_arm = (
            "SELECT 'page', CAST(pg.id AS TEXT), pg.rank FROM "
            "(SELECT m.id, m.rank FROM m ORDER BY m.rank, m.id LIMIT :limit OFFSET :offset) pg UNION ALL "
        )
    statement = (
        f"WITH m AS MATERIALIZED ({matched}) {page_arm}"
        f"SELECT 'region', {region_expr}, count(*) FROM m{join_exporter} GROUP BY {region_expr} "
        f"UNION ALL SELECT 'sector', CAST(es.sector_id AS TEXT), count(*) FROM m {join} exporter_sector es "
        "ON es.exporter_id = m.exporter_id GROUP BY es.sector_id "
        f"UNION ALL SELECT 'market', em.country_code, count(*) FROM m {join} exporter_market em "
        "ON em.exporter_id = m.exporter_id GROUP BY em.country_code "
        "UNION ALL SELECT 'label_status', m.ls, count(*) FROM m GROUP BY m.ls" + extra
    )
    facets = _empty_facets(kind)
    ranked: list[tuple[float, int]] = []
    for facet, value, number in await run_sql(session, sql(statement), params):
        if facet == "page":
            ranked.append((float(number), int(value)))
        else:
            facets[facet][str(value)] = int(number)
    ranked.sort()
    return facets, ([i for _, i in ranked] if page is not None else None)


async def _count_everything(session: AsyncSession, query: _Query) -> dict[str, dict[str, int]]:
    """Facets of the whole catalogue, straight from the tables and their indexes."""
    if query.kind == "exporter":
        statement = (
            "SELECT 'region', region_code, count(*) FROM exporter GROUP BY region_code "
            "UNION ALL SELECT 'sector', CAST(sector_id AS TEXT), count(*) FROM exporter_sector "
            "GROUP BY sector_id "
            "UNION ALL SELECT 'market', country_code, count(*) FROM exporter_market GROUP BY country_code "
            "UNION ALL SELECT 'label_status', label_status, count(*) FROM exporter GROUP BY label_status "
            "UNION ALL SELECT 'expired', 'expired', count(*) FROM exporter "
            "WHERE label_status = 'active' AND label_valid_until < :today"
        )
    else:
        # Products count under their exporter's region, sectors and markets: count them per
        # exporter first (an index scan), then spread those counts.
        statement = (
            "WITH pc AS MATERIALIZED (SELECT exporter_id, count(*) AS n FROM product GROUP BY exporter_id) "
            "SELECT 'region', e.region_code, sum(pc.n) FROM pc JOIN exporter e ON e.id = pc.exporter_id "
            "GROUP BY e.region_code "
            "UNION ALL SELECT 'sector', CAST(es.sector_id AS TEXT), sum(pc.n) FROM pc "
            "JOIN exporter_sector es ON es.exporter_id = pc.exporter_id GROUP BY es.sector_id "
            "UNION ALL SELECT 'market', em.country_code, sum(pc.n) FROM pc "
            "JOIN exporter_market em ON em.exporter_id = pc.exporter_id GROUP BY em.country_code "
            "UNION ALL SELECT 'label_status', label_status, count(*) FROM product GROUP BY label_status "
            "UNION ALL SELECT 'hs_chapter', hs_chapter, count(*) FROM product GROUP BY hs_chapter "
            "UNION ALL SELECT 'expired', 'expired', count(*) FROM product "
            "WHERE label_status = 'active' AND label_valid_until < :today"
        )
    facets = _empty_facets(query.kind)
    expired = 0
    for facet, value, number in await run_sql(session, sql(statement), {"today": query.params["today"]}):
        if facet == "expired":
            expired = int(number)
        else:
            facets[facet][str(value)] = int(number)
    statuses = facets["label_status"]
    if expired:
        statuses["active"] -= expired
        if not statuses["active"]:
            del statuses["active"]
        statuses["expired"] = statuses.get("expired", 0) + expired
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
    cache: SearchCache | None = None,
    version: int | None = None,
) -> Hits:
    """Ids of the matching exporters (``kind="exporter"``) or products, best first, with facets.

    With a ``cache`` (and the catalogue ``version`` read before this search), the facets and
    total of a query are kept for every page and sort of it.
    """
    words = query_words(q)
    if q and q.strip() and not words:
        # Only punctuation or operators: as text, it matches no word.
        return Hits(ids=[], total=0, facets=_empty_facets(kind))
    return await _run(
        session,
        kind=kind,
        words=words,
        filters=filters,
        sort=sort,
        limit=limit,
        offset=offset,
        today=today,
        cache=cache,
        version=version,
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
