"""Migration 0010 gives the rows already there the Arabic bare forms, and takes them back."""

from __future__ import annotations

from sqlalchemy import text

from services.common import migrate
from services.common.db import make_sync_engine
from tests.registry.conftest import _load_demo_into
from tests.support.databases import DatabaseFactory

ARGAN = "atlas-argan-cooperative"


def _search_text(url: str) -> str:
    engine = make_sync_engine(url)
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(text("SELECT search_text FROM exporter WHERE slug = :s"), {"s": ARGAN}).scalar()
            )
    finally:
        engine.dispose()


def test_upgrade_adds_bare_forms_once_and_downgrade_removes_them(databases: DatabaseFactory) -> None:
    url = databases.fresh_url("registry")
    _load_demo_into(url)
    written = _search_text(url)
    assert "الاركان اركان" in written  # as the application writes it
    migrate.downgrade("registry", url, "0009")
    before = _search_text(url)
    assert "الاركان" in before.split() and "اركان" not in before.split()
    migrate.upgrade("registry", url)
    after = _search_text(url)
    assert after == written  # the same text the application writes today
    # A second run (down to 0010's parent and up again) neither loses nor doubles a word.
    migrate.downgrade("registry", url, "0009")
    migrate.upgrade("registry", url)
    assert _search_text(url) == written
