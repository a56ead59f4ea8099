"""The PostgreSQL generation row of the answer cache (services/common/answer_cache.py), for the
migrations that create it: registry 0011, events 0010. One row, bumped by a statement trigger
on each table the cached answers read, in the writing transaction. Named ``fts_*``: dialect-
specific, outside the models (``migrate.include_name``). SQLite needs none (``data_version``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def create(execute: Callable[[str], object], tables: Iterable[str]) -> None:
    execute("CREATE TABLE fts_answer_generation (generation bigint NOT NULL)")
    execute("INSERT INTO fts_answer_generation (generation) VALUES (1)")
    execute(
        """CREATE FUNCTION answer_bump_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE fts_answer_generation SET generation = generation + 1;
    RETURN NULL;
END $$"""
    )
    for table in tables:
        execute(
            f"CREATE TRIGGER answer_{table}_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION answer_bump_generation()"
        )


def drop(execute: Callable[[str], object], tables: Iterable[str]) -> None:
    for table in tables:
        execute(f"DROP TRIGGER IF EXISTS answer_{table}_generation ON {table}")
    execute("DROP FUNCTION IF EXISTS answer_bump_generation()")
    execute("DROP TABLE IF EXISTS fts_answer_generation")
