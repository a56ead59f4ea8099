"""fts_answer_generation: the data version of the events service's cached answers (PostgreSQL)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 20:00:00

The event page (``GET /events/{id}``) is kept whole for anonymous callers per data version
(services/common/answer_cache.py). On PostgreSQL the version is the one-row table
``fts_answer_generation``, bumped in the writing transaction by a statement trigger on every table
the page reads: the event (its seat counts included, kept on the row), its series, panels,
speakers and partners. RSVP rows are not read by the page; a seat taken or given back updates
the event's counts, which bumps the generation. SQLite needs nothing (``PRAGMA data_version``).
Named ``fts_*``: dialect-specific, outside the models (``migrate.include_name``).
"""

from collections.abc import Sequence

from alembic import op

from services.common import answer_generation

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("event_series", "event", "panel", "speaker", "partner")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        answer_generation.create(op.execute, TABLES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        answer_generation.drop(op.execute, TABLES)
