"""search_arabic: Arabic words in the search columns also carry their bare form

"الأركان" and "وأركان" are "أركان" behind an article or a one-letter prefix. The search
columns now hold, after such a word, its bare form (``services.registry.text.forms``), so a
search for "أركان" finds "زيت الأركان". This rewrites the columns of the rows already there;
the text indexes follow (SQLite: the FTS triggers; PostgreSQL: the generated tsvector and the
vocabulary trigger).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 16:30:00
"""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def _with_bare_forms(text: str) -> str:
    from services.registry.text import bare

    words = text.split()
    out: list[str] = []
    for i, word in enumerate(words):
        out.append(word)
        stripped = bare(word)
        following = words[i + 1] if i + 1 < len(words) else None
        if stripped is not None and stripped != following:  # not there yet (a second run)
            out.append(stripped)
    return " ".join(out)


def _without_bare_forms(text: str) -> str:
    from services.registry.text import bare

    out: list[str] = []
    for word in text.split():
        if out and bare(out[-1]) == word:
            continue
        out.append(word)
    return " ".join(out)


def _rows(bind: sa.Connection, name: str) -> Iterator[list[Any]]:
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                f"SELECT id, search_name, search_text FROM {name} "  # noqa: S608 -- fixed table names
                "WHERE id > :last ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1][0]


def _rewrite(change: Callable[[str], str]) -> None:
    bind = op.get_bind()
    for name in ("exporter", "product"):
        for rows in _rows(bind, name):
            updates = []
            for id_, search_name, search_text in rows:
                new_name = change(search_name or "")
                new_text = change(search_text or "")
                if new_name != (search_name or "") or new_text != (search_text or ""):
                    updates.append({"id": id_, "n": new_name, "t": new_text})
            if updates:
                bind.execute(
                    sa.text(f"UPDATE {name} SET search_name = :n, search_text = :t WHERE id = :id"),  # noqa: S608
                    updates,
                )


def upgrade() -> None:
    _rewrite(_with_bare_forms)


def downgrade() -> None:
    _rewrite(_without_bare_forms)
