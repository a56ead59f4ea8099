"""PostgreSQL for the bench tests: the server of `make test DB=postgres`, or MIM_TEST_PG_URL."""

from __future__ import annotations

import os

import psycopg
import pytest

from bench.infra import pg_conninfo
from tests.support import databases


def postgres_admin_url() -> str | None:
    """The admin URL of a PostgreSQL server that answers, if the suite was given one.

    Under `make test DB=postgres` there always is one (scripts/with-postgres.sh); on SQLite
    runs, MIM_TEST_PG_URL (e.g. a scratch server, see README) opts in.
    """
    if databases.backend() != "postgres" and not os.environ.get("MIM_TEST_PG_URL"):
        return None
    url = databases.pg_admin_url()
    try:
        psycopg.connect(pg_conninfo(url), connect_timeout=5).close()
    except psycopg.Error:
        if databases.backend() == "postgres":
            raise
        return None
    return url


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = postgres_admin_url()
    if url is None:
        pytest.skip("no PostgreSQL here (make test DB=postgres, or set MIM_TEST_PG_URL)")
    return url
