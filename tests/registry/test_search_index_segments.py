"""SQLite: the synthetic seed leaves each full-text index in one segment (FTS5 ``optimize``
after its ``rebuild``). A rebuild writes a segment each time its in-memory table fills (14 for
the exporters at 100k); every lookup reads every segment, a word absent from all of them too
(the typo fallback's first, zero-result search)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from services.common.db import make_sync_engine
from services.registry.synthetic import seed_synthetic
from tests.support.databases import backend

pytestmark = pytest.mark.skipif(backend() != "sqlite", reason="SQLite's FTS5 index")

TABLES = ("fts_exporter", "fts_product")


def _segments(url: str) -> dict[str, int]:
    engine = make_sync_engine(url)
    with engine.connect() as conn:
        counts = {
            t: conn.execute(text(f"SELECT count(DISTINCT segid) FROM {t}_idx")).scalar_one() for t in TABLES
        }
    engine.dispose()
    return counts


def test_seed_leaves_one_segment_per_text_index(registry_url: str) -> None:
    engine = make_sync_engine(registry_url)
    with engine.begin() as conn:
        for name in TABLES:
            # A 4 KB in-memory table instead of 1 MB: 60 exporters' rebuild writes several
            # segments (11 for the products), as 100,000 exporters' does with the default (14).
            conn.execute(text(f"INSERT INTO {name}({name}, rank) VALUES ('hashsize', 4096)"))
    engine.dispose()
    seed_synthetic(registry_url, 60, echo=False)
    assert _segments(registry_url) == {t: 1 for t in TABLES}
