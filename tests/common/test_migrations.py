"""Every service's migrations: upgrade to head, downgrade to base, and no drift from the models."""

from __future__ import annotations

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


def test_migrate_check_tells_pending_from_head(
    databases: DatabaseFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mim migrate --check` (what the Kubernetes init containers wait on) applies nothing and
    exits 1 while a migration is pending, 0 once every database is at head.

    Run as `python -m services.cli migrate --check` runs it (the CLI's ``app`` with those
    arguments, its exit status and stderr) but in this process: an interpreter per check only
    imported the CLI again, three times."""
    from services.cli import app

    urls = {service: databases.fresh_url(service, migrated=False) for service in SERVICES}
    for service, url in urls.items():
        monkeypatch.setenv(f"{service.upper()}_DATABASE_URL", url)

    def check() -> tuple[int | str | None, str]:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            app(args=["migrate", "--check"], prog_name="mim")
        return exited.value.code, capsys.readouterr().err

    status, stderr = check()
    assert status == 1, stderr
    assert all(f"{s}: migrations pending" in stderr for s in SERVICES)
    assert not migrate.is_at_head(SERVICES[0], urls[SERVICES[0]])  # nothing was applied
    for service, url in urls.items():
        migrate.upgrade(service, url)
    migrate.downgrade(SERVICES[0], urls[SERVICES[0]], "-1")  # one service one step behind
    status, stderr = check()
    assert status == 1 and stderr.strip() == f"{SERVICES[0]}: migrations pending", stderr
    migrate.upgrade(SERVICES[0], urls[SERVICES[0]])
    assert check() == (0, "")
