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
  ``fts_term`` (filled by a trigger) has a pg_trgm index for the typo fallback. The same
  ``search_tags`` words have a GIN index of their own (``fts_exporter_tags``, migration 0012):
  a text search ANDs the filters' index rows with the text's before reading any exporter.

A query is split into normalised words; every word of two characters or more matches as a
prefix (as-you-type), a one-character word as a whole word only (``MIN_PREFIX_LENGTH``).
An Arabic word also matches through its bare form, without article or one-letter prefix
(``text.forms``: "الأركان", "وأركان" -> "اركان"); the indexed text holds both forms.
When nothing matches, each word of five letters or more is widened to the indexed
words at one edit from it (one typo forgiven). The user's text never reaches the engine's
query syntax: words are reduced to letters and digits first, so ``AND``, ``*`` or ``"``
are just text.

Facets are disjunctive: the values of one group (sectors, regions, markets, size bands, label
statuses, HS chapters) are alternatives, and each group is counted with every other filter
but not its own (``Filter.facet``): one more matched set and one grouped count per filtered
group, none when its counts are already in the memo. The whole catalogue's counts (no text,
no filter: what a search with no text and one filter shows for that filter's group too) are
counted once per data version and day, whatever the answer cache's size (``Memo.catalogue_value``).

This module also holds the writers of the search columns (``index_exporter``...).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from cachetools import LRUCache
from sqlalchemy import (
    String,
    Table,
    Text,
    and_,
    bindparam,
    case,
    column,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy import cast as sa_cast
from sqlalchemy import text as sql
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.selectable import CompoundSelect, FromClause, Join, NamedFromClause, TableClause
from sqlmodel.ext.asyncio.session import AsyncSession

from services.registry import text as txt
from services.registry.models import Exporter, Product
from services.registry.search_cache import NO_MEMO, Memo

MIN_TYPO_LENGTH = 5
# A word this long or longer matches as a prefix; a shorter one (one letter or digit) only as
# a whole word: "a*" would expand to most of the vocabulary and match the whole catalogue
# (edge n-gram search-as-you-type starts at two characters for the same reason).
MIN_PREFIX_LENGTH = 2
MAX_TYPO_LENGTH = 24
MAX_QUERY_WORDS = 8


async def run_sql(session: AsyncSession, statement: Any, params: dict[str, Any] | None = None) -> Any:
    """Execute a Core or textual statement on the session's connection (same transaction)."""
    connection = await session.connection()
    return await connection.execute(statement, params or {})


def dialect_of(session: AsyncSession) -> str:
    return session.bind.dialect.name  # type: ignore[union-attr]


# --------------------------------------------------------------------------- indexing


def filter_tags(*, region_code: str | None, sector_ids: Iterable[int], markets: Iterable[str]) -> str:
    """An exporter's region, sectors and markets as words of its own column of the text index.

    A text search with filters reads them: on SQLite it becomes a single lookup in the text
    index, which intersects the words' lists of exporters (12,000 exporters match "huile",
    423 of them in Casablanca-Settat and in agrifood: the filters no longer probe 12,000 rows);
    on PostgreSQL the tags' GIN index gives the filters' rows, ANDed with the text index's.
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
    exporter.sort_key = txt.sort_text(exporter.trade_name)[:200]
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
    product.sort_key = txt.sort_text(product.name_fr)[:200]
    product.search_text = txt.document(
        product.description_fr,
        product.description_en,
        product.description_ar,
        product.hs_code,
        exporter.trade_name,
        exporter.city,
    )


# --------------------------------------------------------------------------- filters


@dataclass
class Filters:
    """The filters of one search, resolved (sector slugs are ids here, markets upper case)."""

    regions: list[str] = field(default_factory=list)
    sector_ids: list[int] = field(default_factory=list)
    markets: list[str] = field(default_factory=list)
    sizes: list[str] = field(default_factory=list)
    hs_chapters: list[str] = field(default_factory=list)
    label_statuses: list[str] = field(default_factory=list)
    labelled: bool | None = None
    verified: bool | None = None
    certified: bool | None = None
    exporter_id: int | None = None

    def without(self, name: str) -> Filters:
        """These filters less one (its group's facet counts are read without it)."""
        cleared: dict[str, Any] = {name: [] if isinstance(getattr(self, name), list) else None}
        return replace(self, **cleared)

    def key(self) -> tuple[Any, ...]:
        """Hashable and order-free: the filters' part of a cache key."""
        return tuple(
            tuple(sorted(str(v) for v in value)) if isinstance(value, list) else value
            for value in (getattr(self, f.name) for f in fields(self))
        )


_TABLES = Exporter.metadata.tables  # the registry's own metadata
EXPORTER, PRODUCT = _TABLES["exporter"], _TABLES["product"]
EXPORTER_SECTOR, EXPORTER_MARKET = _TABLES["exporter_sector"], _TABLES["exporter_market"]
CERTIFICATION = _TABLES["certification"]
# The aliases a search reads through, made once: an alias lists its columns on first use, and
# a search would otherwise pay for that on every request.
E, P = EXPORTER.alias("e"), PRODUCT.alias("p")  # the rows searched
X = EXPORTER.alias("x")  # the exporters a product's must be among
EX = EXPORTER.alias("ex")  # a product's exporter, for the region facet
ES, EM = EXPORTER_SECTOR.alias("es"), EXPORTER_MARKET.alias("em")
C = CERTIFICATION.alias("c")  # an exporter's certifications (a correlated EXISTS)

Clause = ColumnElement[bool]


@dataclass(frozen=True)
class _Rows:
    """What a filter's clause is written against: the row's table (alias), the day label expiry
    is judged on, and ``probe``: the rows come from the text index, so check each one's links by
    primary key (EXISTS) rather than list every linked exporter."""

    table: NamedFromClause
    today: date
    probe: bool = False


def _linked(link: Table, column: str) -> Callable[[_Rows, list[Any]], Clause]:
    """An exporter filter on a link table (sectors, markets)."""

    lt = link.alias("lt")

    def clause(rows: _Rows, values: list[Any]) -> Clause:
        exporter_id = rows.table.c.id
        if rows.probe:
            return exists().where(lt.c.exporter_id == exporter_id, lt.c[column].in_(values))
        return exporter_id.in_(select(link.c.exporter_id).where(link.c[column].in_(values)))

    return clause


def _live_label(rows: _Rows) -> Clause:
    t = rows.table
    return and_(t.c.label_status == "active", t.c.label_valid_until >= rows.today)


def effective_status(rows: _Rows) -> ColumnElement[str]:
    """A row's label status as clients see it: "active" past its end date reads "expired"."""
    t = rows.table
    expired = and_(t.c.label_status == "active", t.c.label_valid_until < rows.today)
    return case((expired, "expired"), else_=t.c.label_status)


def _labelled(rows: _Rows, value: bool) -> Clause:
    return _live_label(rows) if value else not_(_live_label(rows))


def _certified(rows: _Rows, value: bool) -> Clause:
    """Holds a certification today (one without an end date counts)."""
    c = C
    valid = exists().where(
        c.c.exporter_id == rows.table.c.id,
        (c.c.valid_until.is_(None)) | (c.c.valid_until >= rows.today),
    )
    return valid if value else not_(valid)


def _exporter_hs_chapters(rows: _Rows, values: list[str]) -> Clause:
    return rows.table.c.id.in_(select(PRODUCT.c.exporter_id).where(PRODUCT.c.hs_chapter.in_(values)))


@dataclass(frozen=True)
class Filter:
    """One filter, declared once: the ``Filters`` field it reads and the clause it adds.

    ``exporter``: its clause on an exporter row (None: not an exporter filter).
    ``product``: its clause on a product row; None: a product passes when its exporter does.
    ``tag``: exporters: the kind of its words in ``search_tags`` (:func:`filter_tags`), so a
    text search applies it inside an index (SQLite's text index, PostgreSQL's tags index).
    ``facet``: the facet group it filters. Its values are alternatives (OR), and that group's
    counts are read with every other filter but not this one (disjunctive facets, as
    Algolia and Meilisearch count them): a count is what ticking that value would add.
    """

    name: str
    exporter: Callable[[_Rows, Any], Clause] | None
    product: Callable[[_Rows, Any], Clause] | None = None
    tag: str | None = None
    facet: str | None = None


FILTERS = (
    Filter("regions", lambda rows, v: rows.table.c.region_code.in_(v), tag="region", facet="region"),
    Filter("sizes", lambda rows, v: rows.table.c.size_band.in_(v), facet="size"),
    Filter("sector_ids", _linked(EXPORTER_SECTOR, "sector_id"), tag="sector", facet="sector"),
    Filter("markets", _linked(EXPORTER_MARKET, "country_code"), tag="market", facet="market"),
    Filter("verified", lambda rows, v: rows.table.c.verified == v),
    Filter("certified", _certified),
    Filter(
        "label_statuses",
        exporter=lambda rows, v: effective_status(rows).in_(v),
        product=lambda rows, v: effective_status(rows).in_(v),
        facet="label_status",
    ),
    Filter("labelled", exporter=_labelled, product=_labelled),
    Filter(
        "hs_chapters",
        exporter=_exporter_hs_chapters,
        product=lambda rows, v: rows.table.c.hs_chapter.in_(v),
        facet="hs_chapter",
    ),
    Filter("exporter_id", exporter=None, product=lambda rows, v: rows.table.c.exporter_id == v),
)


def _set(filters: Filters) -> list[tuple[Filter, Any]]:
    """The filters in use (a list left empty or a None is no filter), with their values."""
    chosen = [(f, getattr(filters, f.name)) for f in FILTERS]
    return [(f, value) for f, value in chosen if value is not None and value != []]


def _tag_groups(used: list[tuple[Filter, Any]]) -> list[list[str]]:
    """The tagged filters as tag words: per filter, the words of which one must be there."""
    return [[_tag(f.tag, v) for v in values] for f, values in used if f.tag]


def _where(kind: str, rows: _Rows, used: list[tuple[Filter, Any]]) -> list[Clause]:
    if kind == "exporter":
        return [f.exporter(rows, value) for f, value in used if f.exporter]
    clauses = [f.product(rows, value) for f, value in used if f.product]
    # The exporters that pass are listed once (an index range), then each product is checked
    # against that list: cheaper than probing every product's exporter, even under a text match.
    through = _Rows(X, rows.today)
    by_exporter = [f.exporter(through, value) for f, value in used if f.exporter and not f.product]
    if by_exporter:
        exporter_id: ColumnElement[Any] = rows.table.c.exporter_id
        if rows.probe:
            # Under a text match the text index's rows lead: each is checked against the list.
            # As a bare column, SQLite may instead look every product of the list up in the
            # product index, once per matched row (q=draa&sector=...: 9 s instead of 50 ms).
            exporter_id = exporter_id + literal_column("0")
        clauses.append(exporter_id.in_(select(X.c.id).where(*by_exporter)))
    return clauses


# --------------------------------------------------------------------------- the text match


def query_words(q: str | None) -> list[str]:
    return txt.tokens(q or "")[:MAX_QUERY_WORDS]


async def _similar_words(session: AsyncSession, *, kind: str, word: str) -> list[str]:
    """Indexed words at one edit from ``word`` (the typo fallback)."""
    if dialect_of(session) == "sqlite":
        vocab = table(f"fts_{kind}_vocab", column("term"))
        statement = select(vocab.c.term).where(vocab.c.term.in_(sorted(txt.one_edit_variants(word))))
    else:
        await run_sql(session, sql("SET LOCAL pg_trgm.similarity_threshold = 0.2"))
        term = column("term", Text)
        statement = (
            select(term)
            .select_from(table("fts_term", term))
            .where(term.op("%")(word), func.length(term).between(len(word) - 1, len(word) + 1))
            .order_by(func.similarity(term, word).desc())
            .limit(50)
        )
    found = (await run_sql(session, statement)).scalars()
    return sorted({t for t in found if t != word and txt.damerau_distance_at_most_one(t, word)})[:20]


def _as_prefix(word: str) -> bool:
    """Does this query word match as a prefix (else: as a whole word)? See MIN_PREFIX_LENGTH."""
    return len(word) >= MIN_PREFIX_LENGTH


@dataclass(frozen=True)
class Alternatives:
    """What one query word matches: ``prefixes`` (the word and, Arabic, its bare form without
    article or one-letter prefix: :func:`text.forms`), as prefixes; ``variants``, its typo
    variants, as whole words."""

    prefixes: list[str]
    variants: list[str] = field(default_factory=list)


async def _alternatives(
    session: AsyncSession, *, kind: str, words: list[str], widen: bool, memo: Memo
) -> list[Alternatives] | None:
    """Per word, what it matches.

    ``widen``: with the typo variants of the long words; None when none has any.
    """
    if not widen:
        return [Alternatives(txt.forms(word)) for word in words]
    alternatives: list[Alternatives] = []
    for word in words:
        variants: list[str] = []
        if MIN_TYPO_LENGTH <= len(word) <= MAX_TYPO_LENGTH:
            key = ("similar", kind, word)
            variants = memo.get(key)
            if variants is None:
                variants = await _similar_words(session, kind=kind, word=word)
                memo.put(key, variants, size=64 + sum(len(v) for v in variants))
        alternatives.append(Alternatives(txt.forms(word), variants))
    return alternatives if any(a.variants for a in alternatives) else None


@dataclass
class _Query:
    """One search as SQLAlchemy Core: the rows (with the text index joined), WHERE, and the
    rank (ascending = best first) when there is text."""

    kind: str
    rows: _Rows
    source: FromClause
    where: list[Clause]
    rank: ColumnElement[Any] | None
    alternatives: list[Alternatives] = field(default_factory=list)
    # The text's values, bound by name (``slot``...): a statement made for another text of the
    # same shape runs with these instead (``_facets_statement``).
    params: dict[str, Any] = field(default_factory=dict)
    # SQLite, exporters: the text index alone, when the WHERE reads nothing else (text and tagged
    # filters only); its rowid is the exporter's id. A count that reads no exporter column
    # (sectors, markets, certifications) skips the exporter rows then (``_matched``).
    index_only: FromClause | None = None
    # SQLite, exporters with text: the region filter's values, which the MATCH applies (tags).
    tagged_regions: list[str] = field(default_factory=list)


def _sqlite_match(
    kind: str, rows: _Rows, alternatives: list[Alternatives], tags: list[list[str]], slot: str
) -> _Query:
    parts = []
    for alternative in alternatives:
        options = [f'"{p}"*' if _as_prefix(p) else f'"{p}"' for p in alternative.prefixes]
        options += [f'"{v}"' for v in alternative.variants]
        parts.append("(" + " OR ".join(options) + ")" if len(options) > 1 else options[0])
    query = " AND ".join(parts)
    if kind == "exporter":  # the user's words never meet the filter words
        query = f"{{search_name search_text}}: ({query})" + "".join(
            f" AND search_tags: ({' OR '.join(group)})" for group in tags
        )
    index, whole_row, weights = _FTS[kind]
    return _Query(
        kind=kind,
        rows=rows,
        source=rows.table.join(index, index.c.rowid == rows.table.c.id),
        where=[whole_row.op("MATCH")(bindparam(slot, query))],
        rank=func.bm25(whole_row, *weights),
        alternatives=alternatives,
        params={slot: query},
    )


def _fts(kind: str, weights: tuple[float, ...]) -> tuple[TableClause, ColumnElement[Any], list[Any]]:
    """SQLite's text index of ``kind``; its name stands for its whole row (in MATCH and bm25);
    the bm25 weights of its columns."""
    name = f"fts_{kind}"
    return table(name, column("rowid")), literal_column(name), [literal_column(repr(w)) for w in weights]


_FTS = {"exporter": _fts("exporter", (10.0, 1.0, 0.0)), "product": _fts("product", (10.0, 1.0))}


def _postgres_match(kind: str, rows: _Rows, alternatives: list[Alternatives], slot: str) -> _Query:
    simple: ColumnElement[str] = literal_column("'fts_simple'")
    french: ColumnElement[str] = literal_column("'fts_fr'")
    params: dict[str, Any] = {}
    pieces = []
    for number, a in enumerate(alternatives):
        words = " | ".join([f"{p}:*" if _as_prefix(p) else p for p in a.prefixes] + a.variants)
        params[f"{slot}_{number}"], params[f"{slot}_fr{number}"] = words, a.prefixes[0]
        prefixes: ColumnElement[str] = bindparam(f"{slot}_{number}", words)
        french_word: ColumnElement[str] = bindparam(f"{slot}_fr{number}", a.prefixes[0])
        pieces.append(func.to_tsquery(simple, prefixes).op("||")(func.plainto_tsquery(french, french_word)))
    query = pieces[0]
    for piece in pieces[1:]:
        query = query.op("&&")(piece)
    # A generated column, made by the migration and not in the model.
    document: ColumnElement[Any] = literal_column(f"{rows.table.name}.fts_document")
    return _Query(
        kind=kind,
        rows=rows,
        source=rows.table,
        where=[document.op("@@")(query)],
        rank=-func.ts_rank(document, query),
        alternatives=alternatives,
        params=params,
    )


def _postgres_tags(rows: _Rows, group: list[str], name: str) -> Clause:
    """PostgreSQL: the exporter has one of these tags (the GIN index of migration 0012; its
    expression, ``string_to_array(search_tags, ' ')``, written as the index has it), bound as
    one array by ``name``: a statement made for other tags serves these (``_statement_shape``)."""
    words = func.string_to_array(rows.table.c.search_tags, literal_column("' '"))
    return words.op("&&")(bindparam(name, group, type_=postgresql.ARRAY(Text)))


async def _query(
    session: AsyncSession,
    *,
    kind: str,
    words: list[str],
    filters: Filters,
    widen: bool,
    today: date,
    memo: Memo,
    slot: str = "match",
) -> _Query | None:
    """The search as a query (None: widened for typos, yet no word has a variant).

    ``slot``: the name its text is bound by (one per query of a statement, see ``_Query.params``).
    """
    dialect = dialect_of(session)
    rows = _Rows(E if kind == "exporter" else P, today, probe=bool(words))
    used = _set(filters)
    if not words:
        return _Query(kind=kind, rows=rows, source=rows.table, where=_where(kind, rows, used), rank=None)
    alternatives = await _alternatives(session, kind=kind, words=words, widen=widen, memo=memo)
    if alternatives is None:
        return None
    if kind == "exporter":
        # A text search of exporters takes its tagged filters (region, sectors, markets) from
        # the exporters' tags (filter_tags): SQLite, in the text index itself; PostgreSQL, in
        # the tags' own index, which it combines with the text index's rows.
        tags, used = _tag_groups(used), [(f, value) for f, value in used if not f.tag]
    else:
        tags = []
    if dialect != "sqlite":
        query = _postgres_match(kind, rows, alternatives, slot)
        for number, group in enumerate(tags):
            query.where.append(_postgres_tags(rows, group, f"{slot}_tags{number}"))
            query.params[f"{slot}_tags{number}"] = group
    else:
        query = _sqlite_match(kind, rows, alternatives, tags, slot)
    query.where += _where(kind, rows, used)
    if dialect == "sqlite" and kind == "exporter":
        query.tagged_regions = list(filters.regions)
        if filters.regions:
            query.params["tagged_regions"] = query.tagged_regions
        if len(query.where) == 1:
            query.index_only = _FTS[kind][0]
    return query


# --------------------------------------------------------------------------- results


@dataclass
class Hits:
    ids: list[int]
    total: int
    facets: dict[str, dict[str, int]]
    typo_corrected: bool = False
    # With typo_corrected: the query's words as searched, each corrected one replaced by
    # the indexed word it was taken for.
    corrected_words: list[str] | None = None


FACETS = ("region", "sector", "market", "size", "label_status", "certified")


def _empty_facets(kind: str) -> dict[str, dict[str, int]]:
    if kind == "product":
        return {k: {} for k in ("region", "sector", "market", "label_status", "hs_chapter")}
    return {k: {} for k in FACETS}


def _no_hits(kind: str) -> Hits:
    return Hits(ids=[], total=0, facets=_empty_facets(kind))


def _sort(query: _Query, sort: str | None) -> list[ColumnElement[Any]]:
    t = query.rows.table.c
    if query.kind == "exporter":
        orders: dict[str, list[ColumnElement[Any]]] = {
            "-name": [t.sort_key.desc(), t.id.desc()],
            "newest": [t.created_at.desc(), t.id.desc()],
            "oldest": [t.created_at, t.id],
        }
    else:
        orders = {
            "-name": [t.sort_key.desc(), t.id.desc()],
            "newest": [t.created_at.desc(), t.id.desc()],
            "value_added": [t.value_added_pct.desc(), t.id],
        }
    return orders.get(sort or "name", [t.sort_key, t.id])


async def _page(
    session: AsyncSession, query: _Query, *, sort: str | None, by_rank: bool, limit: int, offset: int
) -> list[int]:
    t = query.rows.table
    order = [query.rank, t.c.id] if by_rank and query.rank is not None else _sort(query, sort)
    statement = (
        select(t.c.id)
        .select_from(query.source)
        .where(*query.where)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return list((await run_sql(session, statement)).scalars())


class _LoopJoin(Join):
    """A join whose left side is the outer loop. The matched set is small next to the link
    tables: SQLite must loop over it and probe the links by primary key, and its CROSS JOIN
    fixes that order; PostgreSQL plans a plain JOIN well itself."""

    inherit_cache = True


@compiles(_LoopJoin, "sqlite")
def _sqlite_loop_join(join: _LoopJoin, compiler: SQLCompiler, **kw: Any) -> str:
    assert join.onclause is not None
    kw.pop("asfrom", None)
    left = join.left._compiler_dispatch(compiler, asfrom=True, **kw)
    right = join.right._compiler_dispatch(compiler, asfrom=True, **kw)
    return f"{left} CROSS JOIN {right} ON {join.onclause._compiler_dispatch(compiler, **kw)}"


def _name(facet: str) -> ColumnElement[str]:
    return literal_column(f"'{facet}'", String)


def _as_text(value: ColumnElement[Any]) -> ColumnElement[str]:
    return sa_cast(value, Text)


def _matched(
    query: _Query,
    name: str,
    *,
    rank: bool = False,
    for_facet: str | None = None,
    rank_if: Clause | None = None,
) -> Any:
    """The rows a query matches, computed once (a materialised CTE) with what the counts read:
    the exporter they count under, region (exporters) or HS chapter (products), size band
    (exporters), effective label status and, with ``rank``, the text rank.

    ``for_facet``: read by that facet group's count only (the search without the group's own
    filter): only the columns that count reads, in a plain CTE, which both engines fold into
    the count (materialised, every column of every row was written to a temporary table first).
    ``rank_if``: the rank of those rows only (the others' is NULL).
    """
    t = query.rows.table.c
    product = query.kind == "product"
    if for_facet is not None and _READS[for_facet] in ("id", "exporter_id") and query.index_only is not None:
        rowid = query.index_only.c.rowid
        ids = select(rowid.label("id"), rowid.label("exporter_id")).select_from(query.index_only)
        return ids.where(*query.where).cte(name)
    columns = [t.id.label("id"), (t.exporter_id if product else t.id).label("exporter_id")]
    wanted = {"region_code", "hs_chapter", "ls", "size_band"} if for_facet is None else {_READS[for_facet]}
    if "hs_chapter" in wanted and product:
        columns.append(t.hs_chapter.label("hs_chapter"))
    if "region_code" in wanted and not product:
        columns.append(t.region_code.label("region_code"))
    if "ls" in wanted:
        columns.append(effective_status(query.rows).label("ls"))
    if "size_band" in wanted and not product:
        columns.append(t.size_band.label("size_band"))
    if rank and query.rank is not None:
        columns.append((query.rank if rank_if is None else case((rank_if, query.rank))).label("rank"))
    statement = select(*columns).select_from(query.source).where(*query.where)
    if for_facet is not None:
        return statement.cte(name)
    return statement.cte(name).prefix_with("MATERIALIZED")


# The column of the matched rows each facet group's count reads (besides id and exporter_id).
_READS = {
    "region": "region_code",
    "sector": "exporter_id",
    "market": "exporter_id",
    "size": "size_band",
    "label_status": "ls",
    "hs_chapter": "hs_chapter",
    "certified": "id",
}


def _facet_arm(facet: str, m: Any, today: date) -> Any:
    """One facet group's counts over the matched rows ``m``: one grouped count."""
    es, em = ES, EM
    if facet == "region" and "region_code" not in m.c:
        ex = EX
        region = select(_name("region"), ex.c.region_code, func.count()).select_from(
            _LoopJoin(m, ex, ex.c.id == m.c.exporter_id)
        )
        return region.group_by(ex.c.region_code)
    if facet == "region":
        return select(_name("region"), m.c.region_code, func.count()).group_by(m.c.region_code)
    if facet == "sector":
        return (
            select(_name("sector"), _as_text(es.c.sector_id), func.count())
            .select_from(_LoopJoin(m, es, es.c.exporter_id == m.c.exporter_id))
            .group_by(es.c.sector_id)
        )
    if facet == "market":
        return (
            select(_name("market"), em.c.country_code, func.count())
            .select_from(_LoopJoin(m, em, em.c.exporter_id == m.c.exporter_id))
            .group_by(em.c.country_code)
        )
    if facet == "size":
        return select(_name("size"), m.c.size_band, func.count()).group_by(m.c.size_band)
    if facet == "label_status":
        return select(_name("label_status"), m.c.ls, func.count()).group_by(m.c.ls)
    if facet == "hs_chapter":
        return select(_name("hs_chapter"), m.c.hs_chapter, func.count()).group_by(m.c.hs_chapter)
    assert facet == "certified", facet
    certified = _certified(_Rows(m, today), True)
    return select(_name("certified"), _name("true"), func.count()).select_from(m).where(certified)


async def _facets(
    session: AsyncSession,
    query: _Query,
    *,
    others: dict[str, _Query],
    known: dict[str, dict[str, int]],
    page: tuple[int, int] | None,
    memo: Memo,
    shape: tuple[Any, ...] | None = None,
) -> tuple[dict[str, dict[str, int]], int, list[int] | None]:
    """Facets (counts per region, sector, market, size band, label status, certification, and
    HS chapter for products) of the whole result, its total, and with ``page`` (limit, offset)
    also that page by rank, in one statement: the matched set is computed once, with its
    rank, and every count and the page are read from it.

    ``others``: per facet group with a filter on, the search without that filter; the
    group's counts are read from its rows instead (one more matched set, one grouped count).
    ``known``: groups whose counts are known already (not counted again).
    ``shape``: what the statement depends on besides the texts (``_Query.params``) and the page
    (:func:`_statement_shape`); the statement made for an earlier search of that shape is run
    again with this search's values (None: made for this search only).
    """
    if not query.where:  # no text and no filter: the whole catalogue
        facets = await _catalogue_facets(session, query, memo)
        return facets, sum(facets["label_status"].values()), None
    facets = _empty_facets(query.kind)
    for facet in facets:
        if facet in known:
            facets[facet] = dict(known[facet])
    params = dict(query.params)
    for other in others.values():
        params.update(other.params)
    if page is not None:
        params["page_limit"], params["page_offset"] = page
    key = None if shape is None else (shape, page is not None, tuple(sorted(known)), tuple(sorted(others)))
    statement = _FACETS_STATEMENTS.get(key) if key is not None else None
    if statement is None:
        statement = _facets_statement(query, others=others, known=known, page=page)
        if key is not None:
            _FACETS_STATEMENTS[key] = statement
    total = 0
    ranked: list[tuple[float, int]] = []
    for facet, value, count in await run_sql(session, statement, params):
        if facet == "page":
            ranked.append((float(count), int(value)))
        elif facet == "total":
            total = int(count)
        elif count:
            facets[facet][str(value)] = int(count)
    ranked.sort()
    return facets, total, ([i for _, i in ranked] if page is not None else None)


def _facets_statement(
    query: _Query,
    *,
    others: dict[str, _Query],
    known: dict[str, dict[str, int]],
    page: tuple[int, int] | None,
) -> CompoundSelect[Any]:
    """The statement of :func:`_facets`: its texts bound by name (``_Query.params``), the page
    as ``:page_limit`` and ``:page_offset``."""
    by_region = others.get("region")
    if by_region is not None and query.tagged_regions and by_region.rank is not None:
        # SQLite, text and a region filter: the search's rows are those of the search without
        # its region (read for the region counts anyway) in that region. One text match less,
        # and bm25 reads no region tag; the rank (the region tag's weight is 0) is the same.
        regions: ColumnElement[Any] = bindparam("tagged_regions", query.tagged_regions, expanding=True)
        in_region = by_region.rows.table.c.region_code.in_(regions)
        region_rows = _matched(by_region, "mr", rank=page is not None, rank_if=in_region)
        in_region_rows = select(region_rows).where(region_rows.c.region_code.in_(regions))
        m: Any = in_region_rows.cte("m").prefix_with("MATERIALIZED")
    else:
        region_rows = None
        m = _matched(query, "m", rank=page is not None)
    arms = [select(_name("total"), _name("all"), func.count()).select_from(m)]
    if page is not None:
        limit: ColumnElement[int] = bindparam("page_limit", page[0])
        offset: ColumnElement[int] = bindparam("page_offset", page[1])
        pg = select(m.c.id, m.c.rank).order_by(m.c.rank, m.c.id).limit(limit).offset(offset).subquery("pg")
        arms.append(select(_name("page"), _as_text(pg.c.id), pg.c.rank))
    for number, facet in enumerate(_empty_facets(query.kind)):
        if facet in known:
            continue
        other = others.get(facet)
        if facet == "region" and region_rows is not None:
            source = region_rows
        else:
            source = m if other is None else _matched(other, f"m{number}", for_facet=facet)
        arms.append(_facet_arm(facet, source, query.rows.today))
    return union_all(*arms)


# The facets statements last made, by shape (one per combination of filters in use, and on
# PostgreSQL number of words; see _statement_shape). Making one (a dozen CTEs and selects in
# SQLAlchemy's objects) took as much CPU as SQLite running it for a typical text and two
# filters; the same shape with another text makes the same statement, only its bound texts
# differ. One entry keeps ~100 KB (tracemalloc, a text + region + sector search at 100k, kept
# less freed once dropped: 97-100 KiB): 48 of them keep the registry's extra memory under 5 MB.
# No lock: the registry searches in one thread (asyncio), and no await falls between this
# cache's get and set.
_FACETS_STATEMENTS: LRUCache[tuple[Any, ...], CompoundSelect[Any]] = LRUCache(maxsize=48)


def _statement_shape(dialect: str, query: _Query, filters: Filters) -> tuple[Any, ...]:
    """All that the statement of a search's facets depends on, except its texts (bound by name):
    the filters' values (written into the statement), the day (label expiry), whether there is
    text (the text index joined) and, on PostgreSQL, how many words (one tsquery each).

    Exporters with text: the tagged filters' values are bound by name (SQLite: in the MATCH
    texts, and the regions; PostgreSQL: the tags' arrays), so only which of them are on counts:
    one statement serves every region and sector of a text + region + sector search."""
    words = len(query.alternatives) if dialect != "sqlite" else query.rank is not None
    if query.kind == "exporter" and query.rank is not None:
        tagged = [f.name for f in FILTERS if f.tag]
        on = tuple(bool(getattr(filters, name)) for name in tagged)
        cleared: dict[str, Any] = {name: [] for name in tagged}
        untagged = replace(filters, **cleared)
        return (dialect, query.kind, untagged.key(), query.rows.today, words, on)
    return (dialect, query.kind, filters.key(), query.rows.today, words)


@functools.cache
def _catalogue_facets_statement(kind: str) -> CompoundSelect[Any]:
    """The whole catalogue's facet counts, and how many "active" labels are past ``:today``
    (made once: only the day changes)."""
    t = E if kind == "exporter" else P
    expired = and_(t.c.label_status == "active", t.c.label_valid_until < bindparam("today"))
    es, em = ES, EM
    if kind == "exporter":
        c = CERTIFICATION
        valid = or_(c.c.valid_until.is_(None), c.c.valid_until >= bindparam("today"))
        arms = [
            select(_name("region"), t.c.region_code, func.count()).group_by(t.c.region_code),
            select(_name("sector"), _as_text(es.c.sector_id), func.count()).group_by(es.c.sector_id),
            select(_name("market"), em.c.country_code, func.count()).group_by(em.c.country_code),
            select(_name("size"), t.c.size_band, func.count()).group_by(t.c.size_band),
            select(_name("certified"), _name("true"), func.count(c.c.exporter_id.distinct())).where(valid),
        ]
    else:
        # Products count under their exporter's region, sectors and markets: count them per
        # exporter first (an index scan), then spread those counts.
        pc = (
            select(PRODUCT.c.exporter_id, func.count().label("n"))
            .group_by(PRODUCT.c.exporter_id)
            .cte("pc")
            .prefix_with("MATERIALIZED")
        )
        e = EX
        arms = [
            select(_name("region"), e.c.region_code, func.sum(pc.c.n))
            .select_from(pc.join(e, e.c.id == pc.c.exporter_id))
            .group_by(e.c.region_code),
            select(_name("sector"), _as_text(es.c.sector_id), func.sum(pc.c.n))
            .select_from(pc.join(es, es.c.exporter_id == pc.c.exporter_id))
            .group_by(es.c.sector_id),
            select(_name("market"), em.c.country_code, func.sum(pc.c.n))
            .select_from(pc.join(em, em.c.exporter_id == pc.c.exporter_id))
            .group_by(em.c.country_code),
            select(_name("hs_chapter"), t.c.hs_chapter, func.count()).group_by(t.c.hs_chapter),
        ]
    arms += [
        select(_name("label_status"), t.c.label_status, func.count()).group_by(t.c.label_status),
        select(_name("expired"), _name("expired"), func.count()).where(expired),
    ]
    return union_all(*arms)


async def _catalogue_facets(session: AsyncSession, query: _Query, memo: Memo) -> dict[str, dict[str, int]]:
    """Facets of the whole catalogue: counted once per data version and day (``Memo.catalogue_value``),
    straight from the tables and their indexes."""
    key = ("catalogue facets", query.kind, query.rows.today)
    known = await memo.catalogue_value(key, lambda: _count_catalogue_facets(session, query), size=_memo_size)
    return {group: dict(counts) for group, counts in known.items()}  # the caller's to change


async def _count_catalogue_facets(session: AsyncSession, query: _Query) -> dict[str, dict[str, int]]:
    statement = _catalogue_facets_statement(query.kind)
    rows = await run_sql(session, statement, {"today": query.rows.today})
    facets = _empty_facets(query.kind)
    expired_count = 0
    for facet, value, number in rows:
        if facet == "expired":
            expired_count = int(number)
        else:
            facets[facet][str(value)] = int(number)
    if expired_count:
        statuses = facets["label_status"]
        statuses["active"] -= expired_count
        if not statuses["active"]:
            del statuses["active"]
        statuses["expired"] = statuses.get("expired", 0) + expired_count
    return facets


# --------------------------------------------------------------------------- the search


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
    memo: Memo = NO_MEMO,
    exact: bool = False,
) -> Hits:
    """Ids of the matching exporters (``kind="exporter"``) or products, best first, with facets.

    The words match as prefixes; when nothing matches, the search runs once more with each
    long word widened to the indexed words at one edit from it. ``memo`` (the search cache
    at the catalogue version read before this search) keeps the facets and total of a query
    for every page and sort of it, and the typo variants of a word. ``exact``: no typo
    fallback (the user chose "search instead for" their own words).
    """
    words = query_words(q)
    if q and q.strip() and not words:
        return _no_hits(kind)  # only punctuation or operators: as text, it matches no word
    if words and dialect_of(session) != "sqlite":
        await _plan_for_each_text(session)
    for widen in (False,) if exact else (False, True):
        if widen and not any(len(w) >= MIN_TYPO_LENGTH for w in words):
            break
        query = await _query(
            session, kind=kind, words=words, filters=filters, widen=widen, today=today, memo=memo
        )
        if query is None:
            break
        by_rank = query.rank is not None and sort in (None, "relevance")
        # Facets and total depend on neither page nor sort: kept apart, they serve every page.
        facets_key = _facets_key(kind, words, widen, filters, today)
        counted = memo.get(facets_key)
        ids: list[int] | None = None
        if counted is None:
            others, known = await _without_own_filter(
                session, kind=kind, words=words, filters=filters, widen=widen, today=today, memo=memo
            )
            page = (limit, offset) if by_rank else None
            shape = _statement_shape(dialect_of(session), query, filters)
            facets, total, ids = await _facets(
                session, query, others=others, known=known, page=page, memo=memo, shape=shape
            )
            counted = (facets, total)
            memo.put(facets_key, counted, size=_memo_size(facets))
        facets, total = counted
        if total == 0 and words and not widen:
            continue
        if ids is None:
            ids = await _page(session, query, sort=sort, by_rank=by_rank, limit=limit, offset=offset)
        corrected = [a.variants[0] if a.variants else a.prefixes[0] for a in query.alternatives]
        return Hits(
            ids=ids,
            total=total,
            facets=facets,
            typo_corrected=widen,
            corrected_words=corrected if widen else None,
        )
    return _no_hits(kind)


async def _plan_for_each_text(session: AsyncSession) -> None:
    """PostgreSQL: this transaction's statements are planned for their values, also once
    prepared.

    A search's statement has the same text for every text of its shape (its values bound), so
    psycopg prepares it after 5 runs on a connection (``prepare_threshold``) and PostgreSQL
    then runs it with a generic plan (``plan_cache_mode=auto`` picks one after 5 custom
    plans), which does not know the text's tsquery: it reads the text index for a word that
    matches half the catalogue ("export") as for a rare one, and computes the tsquery again in
    every row's recheck. The 20 text + region + sector searches of ``bench.searchprobe`` at 100k ran
    in 553 ms generic, 484 ms custom (execution and planning, PostgreSQL 15); a filter-only
    search keeps its custom plans under ``auto`` anyway. ``SET LOCAL``: this transaction only
    (PgBouncer in transaction mode hands its server connection to others after it).
    """
    await run_sql(session, sql("SET LOCAL plan_cache_mode = force_custom_plan"))


async def _without_own_filter(
    session: AsyncSession,
    *,
    kind: str,
    words: list[str],
    filters: Filters,
    widen: bool,
    today: date,
    memo: Memo,
) -> tuple[dict[str, _Query], dict[str, dict[str, int]]]:
    """Per facet group with a filter on, the search without that filter (see ``Filter.facet``),
    or that group's counts when they are known already: in the memo (that search was made,
    often the one just before this filter was ticked), or, when nothing else is left, the
    whole catalogue's counts, read straight from the tables."""
    groups = _empty_facets(kind)
    others: dict[str, _Query] = {}
    known: dict[str, dict[str, int]] = {}
    for f, _value in _set(filters):
        if f.facet not in groups:
            continue
        without = filters.without(f.name)
        key = _facets_key(kind, words, widen, without, today)
        counted = memo.get(key)
        if counted is not None:
            known[f.facet] = counted[0][f.facet]
            continue
        other = await _query(
            session,
            kind=kind,
            words=words,
            filters=without,
            widen=widen,
            today=today,
            memo=memo,
            slot=f"match_{f.facet}",
        )
        if other is None:
            continue
        if other.where:
            others[f.facet] = other
            continue
        facets = await _catalogue_facets(session, other, memo)
        memo.put(key, (facets, sum(facets["label_status"].values())), size=_memo_size(facets))
        known[f.facet] = facets[f.facet]
    return others, known


def _facets_key(kind: str, words: list[str], widen: bool, filters: Filters, today: date) -> tuple[Any, ...]:
    return ("facets", kind, tuple(words), widen, filters.key(), today)


def _memo_size(facets: dict[str, dict[str, int]]) -> int:
    return 64 * sum(len(v) for v in facets.values()) + 256


async def rebuild(*, session: AsyncSession) -> None:
    """Rebuild the full-text indexes from the search columns (after bulk loads)."""
    if dialect_of(session) == "sqlite":
        await run_sql(session, sql("INSERT INTO fts_exporter(fts_exporter) VALUES ('rebuild')"))
        await run_sql(session, sql("INSERT INTO fts_product(fts_product) VALUES ('rebuild')"))
    else:
        for name in ("exporter", "product"):
            await run_sql(
                session,
                sql(
                    "INSERT INTO fts_term(term) SELECT DISTINCT w FROM "  # noqa: S608 -- fixed table names
                    "(SELECT regexp_split_to_table(search_name || ' ' || search_text, '\\s+') AS w "
                    f"FROM {name}) t "
                    "WHERE length(w) >= 4 ON CONFLICT DO NOTHING"
                ),
            )
