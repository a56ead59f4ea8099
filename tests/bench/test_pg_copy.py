"""The bench's PostgreSQL dataset: the SQLite one copied with COPY (bench/infra.py).

The copy must leave a registry that behaves as if the rows had been written one by one:
the same rows, the computed tsvector, every index, the search vocabulary (typo fallback),
a new search generation, sequences past the copied ids, and the same top hit as SQLite.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import text

from bench.infra import Databases, copy_registry_to_postgres, pg_conninfo, registry_tables
from services.common import migrate
from services.common.db import make_sync_engine
from services.registry.synthetic import seed_synthetic
from tests.registry.conftest import create_exporter, create_product

pytestmark = pytest.mark.timeout(300)

EXPORTERS = 300


def _pg_rows(url: str, query: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(pg_conninfo(url)) as conn:
        return conn.execute(query).fetchall()  # type: ignore[arg-type]


def _indexes(url: str) -> set[str]:
    return {
        str(r[0])
        for r in _pg_rows(url, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    }


class Copied:
    def __init__(self, sqlite_url: str, pg_url: str, counts: dict[str, int], indexes: set[str]) -> None:
        self.sqlite_url = sqlite_url
        self.pg_url = pg_url
        self.counts = counts
        self.migrated_indexes = indexes


@pytest.fixture(scope="module")
def copied(pg_admin_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Copied]:
    tmp: Path = tmp_path_factory.mktemp("pgcopy")
    sqlite_path = tmp / "registry.db"
    sqlite_url = f"sqlite:///{sqlite_path}"
    migrate.upgrade("registry", sqlite_url)
    seed_synthetic(sqlite_url, EXPORTERS, echo=False)
    target = Databases("postgres", tmp, pg_admin_url)
    try:
        target.create("registry")
        target.migrate("registry")
        url = target.url("registry")
        indexes = _indexes(url)
        counts = copy_registry_to_postgres(sqlite_path, url)
        yield Copied(sqlite_url, url, counts, indexes)
    finally:
        target.drop_all()


@asynccontextmanager
async def registry_client(url: str) -> AsyncIterator[httpx.AsyncClient]:
    from services.registry.config import RegistrySettings
    from services.registry.main import create_app

    app = create_app(RegistrySettings(database_url=url, log_level="WARNING"))
    try:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield client
    finally:
        await app.state.engine.dispose()


def test_every_row_is_copied(copied: Copied) -> None:
    engine = make_sync_engine(copied.sqlite_url)
    try:
        with engine.connect() as conn:
            for table in registry_tables():
                expected = conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                (found,) = _pg_rows(copied.pg_url, f'SELECT count(*) FROM "{table}"')[0]
                assert found == expected == copied.counts[table], table
    finally:
        engine.dispose()
    assert copied.counts["exporter"] == EXPORTERS
    assert copied.counts["product"] >= 2 * EXPORTERS


def test_search_objects_are_rebuilt(copied: Copied) -> None:
    # The generated tsvector computed itself for every row; the dropped indexes are back.
    for table in ("exporter", "product"):
        empty = _pg_rows(copied.pg_url, f"SELECT count(*) FROM {table} WHERE length(fts_document) = 0")
        assert empty[0][0] == 0, table
    assert _indexes(copied.pg_url) == copied.migrated_indexes
    assert {"fts_exporter_document", "fts_product_document", "fts_term_trgm"} <= copied.migrated_indexes
    # The vocabulary the typo fallback reads, and a search generation newer than the migration's.
    terms = {str(r[0]) for r in _pg_rows(copied.pg_url, "SELECT term FROM fts_term")}
    assert "casablanca" in terms or "marrakech" in terms
    assert _pg_rows(copied.pg_url, "SELECT generation FROM fts_generation")[0][0] > 1
    # The vocabulary trigger is enabled again.
    states = _pg_rows(
        copied.pg_url, "SELECT tgname, tgenabled FROM pg_trigger WHERE tgname LIKE 'fts_%_terms' ORDER BY 1"
    )
    assert states == [("fts_exporter_terms", "O"), ("fts_product_terms", "O")]


def test_sequences_continue_after_the_copied_ids(copied: Copied) -> None:
    for table in ("exporter", "product", "label_application", "label", "label_event"):
        ((largest, last),) = _pg_rows(
            copied.pg_url,
            f"SELECT max(id), pg_sequence_last_value(pg_get_serial_sequence('{table}', 'id')::regclass) "
            f"FROM {table}",
        )
        assert largest is not None and last == largest, table


async def test_same_top_hit_on_both_databases_and_new_writes_work(copied: Copied) -> None:
    async with registry_client(copied.sqlite_url) as lite, registry_client(copied.pg_url) as pg:
        for exporter_id in (7, 150, EXPORTERS - 1):
            profile = (await lite.get("/exporters", params={"per_page": 1, "page": exporter_id})).json()
            assert profile["items"], profile
            name = profile["items"][0]["trade_name"]
            answers = [(await client.get("/exporters", params={"q": name})).json() for client in (lite, pg)]
            assert [a["items"][0]["trade_name"] for a in answers] == [name, name]
            assert answers[0]["items"][0]["id"] == answers[1]["items"][0]["id"]
        # The typo fallback works on PostgreSQL (it reads the copied vocabulary).
        city = profile["items"][0]["city"].lower()
        if len(city) >= 5:
            typo = city[:2] + city[3] + city[2] + city[4:]  # two letters swapped
            found = (await pg.get("/exporters", params={"q": typo})).json()
            assert found["total"] > 0 and found["typo_corrected"] is True, (typo, found["total"])
        # New rows get new ids (the sequences were moved) and are searchable at once.
        created = await create_exporter(pg, 1, trade_name="Après Chargement", slug="apres-chargement")
        assert created["id"] == EXPORTERS + 1
        await create_product(pg, created["slug"], name_fr="Zellige après chargement")
        found = (await pg.get("/exporters", params={"q": "apres chargement"})).json()
        assert [item["id"] for item in found["items"]] == [created["id"]]


def test_labels_are_kept_again_after_the_load(copied: Copied) -> None:
    """The keep-triggers (labels are never deleted) are off only for the load's TRUNCATE."""
    triggers = _pg_rows(
        copied.pg_url,
        "SELECT c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND t.tgname LIKE 'keep_%'",
    )
    assert {name for name, _ in triggers} == {"label", "label_event"}
    assert {state for _, state in triggers} == {"O"}  # enabled (origin)
    with pytest.raises(psycopg.errors.RestrictViolation), psycopg.connect(pg_conninfo(copied.pg_url)) as conn:
        conn.execute("TRUNCATE label_event")
