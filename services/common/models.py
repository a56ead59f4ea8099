"""Column types and helpers shared by every service's tables."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any

from sqlalchemy import DateTime, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# Stable constraint names: Alembic can drop/alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def service_metadata() -> MetaData:
    """A MetaData of one service's own: its migrations see only its tables."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_row(model: Any, **values: Any) -> dict[str, Any]:
    """The column values of a new row of ``model`` for a Core INSERT: its defaults, then ``values``.

    What ``model(**values)`` would insert through the ORM, without building an instance
    (a table model's constructor costs ~0.2 ms: too much inside a lock). An unset
    primary key is left out, for the database to assign.
    """
    constants, factories = _column_defaults(model)
    row = dict(constants)
    for name, factory in factories:
        if name not in values:
            row[name] = factory()
    row.update(values)
    return row


@cache
def _column_defaults(model: Any) -> tuple[dict[str, Any], tuple[tuple[str, Callable[[], Any]], ...]]:
    """A table model's column defaults, read once: constants, and factories to call per row."""
    columns = model.__table__.columns
    constants: dict[str, Any] = {}
    factories: list[tuple[str, Callable[[], Any]]] = []
    for name, field in model.model_fields.items():
        if name not in columns or field.is_required():
            continue
        if field.default_factory is not None:
            factories.append((name, field.default_factory))
        elif isinstance(field.default, list | dict | set):  # never one object shared by rows
            factories.append((name, partial(deepcopy, field.default)))
        elif not (field.default is None and columns[name].primary_key):
            constants[name] = field.default
    return constants, tuple(factories)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so naive values read from it are UTC by construction;
    an aware value from a caller is converted to UTC before it is stored.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store timezone-aware values")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
