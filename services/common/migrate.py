"""Alembic, driven from code: one environment per service under ``migrations/<service>``.

Alembic is imported inside the functions that use it: importing it costs about a second of CPU
(every dialect's DDL module), and every process imports this module through `services.cli`
although only `mim migrate`/`mim up` need it (issue #18, start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from services.common.config import PROJECT_ROOT
from services.common.db import is_sqlite, make_sync_engine, sync_url

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import MetaData

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def version_table(service: str) -> str:
    return f"alembic_version_{service}"


def alembic_config(service: str, database_url: str) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR / service))
    # ConfigParser interpolation: a literal % in a password must be doubled.
    cfg.set_main_option("sqlalchemy.url", sync_url(database_url).replace("%", "%%"))
    cfg.attributes["service"] = service
    return cfg


def upgrade(service: str, database_url: str, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(service, database_url), revision)


def is_at_head(service: str, database_url: str) -> bool:
    """True when the service's database holds every migration (nothing to apply); an unreachable
    database raises. Used by `mim migrate --check` (Kubernetes init containers wait on it)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(alembic_config(service, database_url)).get_heads())
    engine = make_sync_engine(database_url)
    try:
        with engine.connect() as connection:
            current = MigrationContext.configure(
                connection, opts={"version_table": version_table(service)}
            ).get_current_heads()
    finally:
        engine.dispose()
    return set(current) == heads


def downgrade(service: str, database_url: str, revision: str = "base") -> None:
    from alembic import command

    command.downgrade(alembic_config(service, database_url), revision)


DIALECT_SPECIFIC_PREFIX = "fts_"


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Autogenerate filter: objects named ``fts_*`` are dialect-specific (full-text search
    tables, columns, indexes) created by hand in migrations, outside the models."""
    return not (type_ in ("table", "column", "index") and name and name.startswith(DIALECT_SPECIFIC_PREFIX))


def run_env(*, service: str, target_metadata: MetaData) -> None:
    """Body of every ``migrations/<service>/env.py``."""
    from alembic import context

    config = context.config
    url = config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is set by alembic_config()"
    options: dict[str, Any] = {
        "target_metadata": target_metadata,
        "version_table": version_table(service),
        "render_as_batch": is_sqlite(url),
        "compare_type": True,
        "include_name": include_name,
    }
    if context.is_offline_mode():
        context.configure(url=url, literal_binds=True, **options)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_sync_engine(url)
    with engine.connect() as connection:
        context.configure(connection=connection, **options)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()
