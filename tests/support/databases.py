"""A clean, migrated database per test, on SQLite (default) or PostgreSQL.

SQLite: each service's schema is migrated once per session into a template
file, which every test copies; under pytest-xdist each worker has its own
temporary directory. PostgreSQL (``MIM_TEST_DB=postgres``): the template is a
database, cloned per test with ``CREATE DATABASE ... TEMPLATE``; names carry the
xdist worker id and a session tag, so workers sharing one server never collide.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from services.common import migrate

DEFAULT_PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def backend() -> str:
    value = os.environ.get("MIM_TEST_DB", "sqlite")
    if value not in ("sqlite", "postgres"):
        raise RuntimeError(f"MIM_TEST_DB must be sqlite or postgres, not {value!r}")
    return value


def pg_admin_url() -> str:
    return os.environ.get("MIM_TEST_PG_URL", DEFAULT_PG_ADMIN_URL)


def _pg_url_for(database: str) -> str:
    return make_url(pg_admin_url()).set(database=database).render_as_string(hide_password=False)


def _pg_admin_execute(*statements: str) -> None:
    url = make_url(pg_admin_url())
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


class DatabaseFactory:
    """Hands out fresh migrated databases for one pytest session."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.backend = backend()
        self._templates: dict[str, str] = {}
        self._created: list[str] = []
        # Unique per pytest-xdist worker and session: the workers share one PostgreSQL server.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self._session_tag = f"{worker}_{uuid.uuid4().hex[:8]}"

    def _template(self, service: str) -> str:
        if service in self._templates:
            return self._templates[service]
        if self.backend == "sqlite":
            path = self.workdir / f"template_{service}.db"
            migrate.upgrade(service, f"sqlite:///{path}")
            self._templates[service] = str(path)
        else:
            name = f"mimtpl_{service}_{self._session_tag}"
            _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
            self._created.append(name)
            migrate.upgrade(service, _pg_url_for(name))
            self._templates[service] = name
        return self._templates[service]

    def fresh_url(self, service: str, *, migrated: bool = True) -> str:
        """A new database for ``service``: migrated to head, or empty."""
        tag = uuid.uuid4().hex[:10]
        if self.backend == "sqlite":
            path = self.workdir / f"{service}_{tag}.db"
            if migrated:
                shutil.copyfile(self._template(service), path)
            return f"sqlite:///{path}"
        name = f"mimtest_{service}_{self._session_tag}_{tag}"
        if migrated:
            template = self._template(service)
            _pg_admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        else:
            _pg_admin_execute(f'CREATE DATABASE "{name}"')
        self._created.append(name)
        return _pg_url_for(name)

    def clone_url(self, service: str, source_url: str) -> str:
        """A new database for ``service`` holding a copy of ``source_url`` (which must be idle)."""
        tag = uuid.uuid4().hex[:10]
        if self.backend == "sqlite":
            path = self.workdir / f"{service}_{tag}.db"
            shutil.copyfile(make_url(source_url).database or "", path)
            return f"sqlite:///{path}"
        name = f"mimtest_{service}_{self._session_tag}_{tag}"
        source = make_url(source_url).database
        _pg_admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
        self._created.append(name)
        return _pg_url_for(name)

    def drop_all(self) -> None:
        if self.backend == "sqlite":
            return
        for name in reversed(self._created):
            _pg_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._created.clear()
