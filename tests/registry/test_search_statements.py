"""The facets statement is made once per shape and run again with another search's values
(``search._FACETS_STATEMENTS``); on SQLite, a text search with a region filter reads its rows
from those of the search without the region. Both must answer as a statement made afresh.

Runs on SQLite and, with MIM_TEST_DB=postgres, on PostgreSQL.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import text as sql_text
from sqlmodel import col, select

from services.registry import search
from services.registry.models import Exporter, Sector
from tests.conftest import run_in_session
from tests.support.databases import backend

pytestmark = pytest.mark.usefixtures("registry_demo")

TODAY = date(2026, 6, 1)


async def _sector_id(app: Any, slug: str) -> int:
    async def read(session: Any) -> int:
        sector = (await session.exec(select(Sector).where(col(Sector.slug) == slug))).one()
        return int(sector.id)

    return await run_in_session(app, read)


async def _search(
    app: Any, q: str | None, filters: search.Filters, *, limit: int = 100, offset: int = 0
) -> Any:
    async def run(session: Any) -> search.Hits:
        return await search.search(
            session=session,
            kind="exporter",
            q=q,
            filters=filters,
            sort=None,
            limit=limit,
            offset=offset,
            today=TODAY,
        )

    return await run_in_session(app, run)


async def test_a_statement_made_for_one_text_serves_another(registry_app: Any) -> None:
    sector_id = await _sector_id(registry_app, "agrifood")
    filters = search.Filters(regions=["MA-03", "MA-06"], sector_ids=[sector_id])
    search._FACETS_STATEMENTS.clear()
    fresh = await _search(registry_app, "de", filters, limit=2, offset=1)
    search._FACETS_STATEMENTS.clear()
    # Another text, other regions (how many too) and another sector: on SQLite, the same shape.
    crafts = search.Filters(regions=["MA-07"], sector_ids=[await _sector_id(registry_app, "crafts")])
    other = await _search(registry_app, "huile", filters, limit=3, offset=0)
    other_filters = await _search(registry_app, "de", crafts, limit=3, offset=0)
    reused = await _search(registry_app, "de", filters, limit=2, offset=1)
    # One shape (as many words, the same filters on): the later searches ran the first's statement.
    assert len(search._FACETS_STATEMENTS) == 1
    assert fresh.total > 2 and len(fresh.ids) == 2 and other.total > 0 and other_filters.total > 0
    assert (other.ids, other.total, other.facets) != (fresh.ids, fresh.total, fresh.facets)
    assert (other_filters.ids, other_filters.total) != (fresh.ids, fresh.total)
    assert (reused.ids, reused.total, reused.facets) == (fresh.ids, fresh.total, fresh.facets)


async def test_text_and_region_rank_as_the_search_without_region_in_that_region(registry_app: Any) -> None:
    sector_id = await _sector_id(registry_app, "agrifood")
    without_region = await _search(registry_app, "de", search.Filters(sector_ids=[sector_id]))

    async def regions(session: Any) -> dict[int, str]:
        rows = await session.exec(
            select(Exporter.id, Exporter.region_code).where(col(Exporter.id).in_(without_region.ids))
        )
        return {int(i): r for i, r in rows}

    region_of = await run_in_session(registry_app, regions)
    assert without_region.total == len(without_region.ids)  # the whole result on one page
    chosen = ["MA-03", "MA-05", "MA-06"]
    expected = [i for i in without_region.ids if region_of[i] in chosen]
    assert len(expected) > 2 and len(expected) < len(without_region.ids)
    both = await _search(registry_app, "de", search.Filters(regions=chosen, sector_ids=[sector_id]))
    assert both.ids == expected  # same rows, same order
    assert both.total == len(expected) == sum(without_region.facets["region"][r] for r in chosen)
    assert both.facets["region"] == without_region.facets["region"]


@pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL's plan cache")
async def test_postgres_plans_every_text_search_for_its_values(registry_app: Any) -> None:
    """Run a dozen times on one connection, a text search's statement is prepared by psycopg
    (after 5 runs) and would get a generic plan from PostgreSQL after 5 more: it gets none."""
    sector_id = await _sector_id(registry_app, "agrifood")
    texts = ["de", "huile", "argan", "maroc"] * 4

    async def run(session: Any) -> tuple[list[search.Hits], int, int, int]:
        hits = []
        for q in texts:
            hits.append(
                await search.search(
                    session=session,
                    kind="exporter",
                    q=q,
                    filters=search.Filters(regions=["MA-03", "MA-06"], sector_ids=[sector_id]),
                    sort=None,
                    limit=5,
                    offset=0,
                    today=TODAY,
                )
            )
        rows = await session.exec(
            sql_text(
                "SELECT count(*), coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0)"
                " FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE '%fts_document @@%'"
            )
        )
        prepared, generic, custom = rows.one()
        return hits, int(prepared), int(generic), int(custom)

    search._FACETS_STATEMENTS.clear()
    hits, prepared, generic, custom = await run_in_session(registry_app, run)
    assert prepared >= 1
    assert generic == 0  # auto: generic plans from the 6th run of the prepared statement
    assert custom >= len(texts) - 5  # every run once prepared (after the 5th) planned for its text
    assert any(h.total for h in hits)
    assert [h.total for h in hits[:4]] == [h.total for h in hits[4:8]]
