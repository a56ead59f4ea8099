"""The status vocabularies: what the database accepts is what the enums say."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest
from sqlalchemy import CheckConstraint, Table

from services.registry.models import (
    ApplicationStatus,
    ImportJob,
    ImportJobStatus,
    Label,
    LabelApplication,
    LabelStatus,
)


def _allowed(table: Table) -> set[str]:
    (check,) = [c for c in table.constraints if isinstance(c, CheckConstraint) and c.name.endswith("status")]
    return set(re.findall(r"'([a-z_]+)'", str(check.sqltext)))


@pytest.mark.parametrize(
    ("table", "statuses", "derived"),
    [
        (LabelApplication.__table__, ApplicationStatus, set()),
        # "expired" is read from the date, never stored.
        (Label.__table__, LabelStatus, {LabelStatus.expired}),
        (ImportJob.__table__, ImportJobStatus, set()),
    ],
)
def test_the_database_accepts_exactly_the_stored_statuses(
    table: Table, statuses: type[StrEnum], derived: set[StrEnum]
) -> None:
    assert _allowed(table) == {s.value for s in statuses} - {d.value for d in derived}
