"""Every service's migrations: upgrade to head, downgrade to base, and no drift from the models."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from services.common import migrate
from services.common.db import make_sync_engine
from services.processes import DATABASE_SERVICES, service_metadata
from tests.support.databases import DatabaseFactory


def _metadata(service: str):  # type: ignore[no-untyped-def]
    return service_metadata(service)


SERVICES = list(DATABASE_SERVICES)


@pytest.mark.parametrize("service", SERVICES)
def test_upgrade_head_then_downgrade_base(service: str, databases: DatabaseFactory) -> None:
    url = databases.fresh_url(service, migrated=False)
    migrate.upgrade(service, url)
    engine = make_sync_engine(url)
    tables = set(inspect(engine).get_table_names())
    assert migrate.version_table(service) in tables
    assert set(_metadata(service).tables) <= tables
    engine.dispose()
    migrate.downgrade(service, url, "base")
    engine = make_sync_engine(url)
    assert set(inspect(engine).get_table_names()) <= {migrate.version_table(service)}
    engine.dispose()


@pytest.mark.parametrize("service", SERVICES)
def test_models_and_migrations_do_not_drift(service: str, databases: DatabaseFactory) -> None:
    url = databases.fresh_url(service)
    engine = make_sync_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "version_table": migrate.version_table(service),
                "include_name": migrate.include_name,
            },
        )
        diff = compare_metadata(context, _metadata(service))
    engine.dispose()
    assert diff == [], f"{service}: models differ from migrations; run `mim makemigration {service}`"


def test_each_service_sees_only_its_own_tables() -> None:
    seen: dict[str, str] = {}
    for service in SERVICES:
        for table in _metadata(service).tables:
            assert table not in seen, f"{table} is in both {seen.get(table)} and {service}"
            seen[table] = service


def test_migrate_check_tells_pending_from_head(databases: DatabaseFactory) -> None:
    """`mim migrate --check` (what the Kubernetes init containers wait on) applies nothing and
    exits 1 while a migration is pending, 0 once every database is at head."""
    urls = {service: databases.fresh_url(service, migrated=False) for service in SERVICES}
    env = {**os.environ, **{f"{s.upper()}_DATABASE_URL": url for s, url in urls.items()}}

    def check() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "services.cli", "migrate", "--check"]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)

    before = check()
    assert before.returncode == 1, before.stderr
    assert all(f"{s}: migrations pending" in before.stderr for s in SERVICES)
    assert not migrate.is_at_head(SERVICES[0], urls[SERVICES[0]])  # nothing was applied
    for service, url in urls.items():
        migrate.upgrade(service, url)
    migrate.downgrade(SERVICES[0], urls[SERVICES[0]], "-1")  # one service one step behind
    behind = check()
    assert behind.returncode == 1 and behind.stderr.strip() == f"{SERVICES[0]}: migrations pending"
    migrate.upgrade(SERVICES[0], urls[SERVICES[0]])
    assert check().returncode == 0
