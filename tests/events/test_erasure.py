"""Erased means erased: after a guest erases their RSVP (or a purge runs), nothing of it is on disk.

The guest's e-mail, name, phone and organisation are unique marker strings. The RSVP is made,
its e-mail is sent through the development mail sink (a real aiosmtpd server writing .eml
files), after a first attempt refused by the relay with the address in its error, and every
log line of the test is written to a file. After the erasure, the raw bytes of the SQLite
database file, its WAL, the mail files and the log hold none of the markers. Before it, they
do: the search looks in the right places.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
import string
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import update
from sqlalchemy.engine import make_url
from sqlmodel import col, select

from services.common.logging import JsonFormatter
from services.events import clock, outbox
from services.events.models import Event, OutboxMessage, Rsvp
from tests.conftest import run_in_session
from tests.events.conftest import STAFF, create_published_event
from tests.support.databases import backend


def _letters(n: int = 12) -> str:
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(n))


@pytest.fixture
def markers() -> dict[str, str]:
    digits = "".join(secrets.choice(string.digits) for _ in range(8))
    return {
        "email": f"zq{_letters()}@example.ma",
        "name": f"Zq{_letters()} Xv{_letters()}",
        "phone": f"+2126{digits}",
        "organisation": f"Coop Wk{_letters()}",
    }


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """Every log record of the test (all loggers, INFO and up) as JSON lines in a file."""
    path = tmp_path / "events.log"
    handler = logging.FileHandler(path)
    handler.setFormatter(JsonFormatter("events"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()


def _database_files(events_app) -> list[Path]:  # type: ignore[no-untyped-def]
    database = Path(make_url(str(events_app.state.settings.effective_database_url)).database or "")
    return [database, Path(f"{database}-wal")]


def _hits(paths: list[Path], markers: dict[str, str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in paths:
        if not path.is_file():
            continue
        raw = path.read_bytes().lower()
        for key, value in markers.items():
            if value.lower().encode() in raw:
                found.setdefault(path.name, []).append(key)
    return found


def _files(events_app, log_file: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    mail_dir = Path(events_app.state.settings.mail_dir)
    mails = sorted(mail_dir.glob("*")) if mail_dir.exists() else []
    return [*_database_files(events_app), *mails, log_file]


def _refusing_sender(address: str):  # type: ignore[no-untyped-def]
    def send(_email) -> None:  # type: ignore[no-untyped-def]
        # A temporary refusal (4xx): retried later. A 5xx parks the message at once (outbox.py).
        raise smtplib.SMTPRecipientsRefused(
            {address: (450, f"4.2.1 <{address}>: Recipient address rejected, try later".encode())}
        )

    return send


async def _rsvp_and_mail(events_app, client: httpx.AsyncClient, markers: dict[str, str]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    event = await create_published_event(client)
    body = {**markers, "language": "fr", "consent": True}
    answer = await client.post(f"/events/{event['id']}/rsvps", json=body)
    assert answer.status_code in (200, 201, 202), answer.text

    async def token(session):  # type: ignore[no-untyped-def]
        return (await session.exec(select(Rsvp.manage_token))).one()

    manage_token = await run_in_session(events_app, token)
    settings = events_app.state.settings
    sessionmaker = events_app.state.sessionmaker
    # First the relay refuses, quoting the address (logged, stored as the last error)...
    refused = await outbox.process_batch(
        sessionmaker=sessionmaker, settings=settings, sender=_refusing_sender(markers["email"])
    )
    assert refused.retried >= 1
    # ...then the development sink accepts it and writes the .eml file.
    sink = outbox.MailDirSink(Path(settings.mail_dir))
    host, port = sink.start()
    try:
        sent = await outbox.process_batch(
            sessionmaker=sessionmaker,
            settings=settings,
            sender=outbox.smtp_sender(settings, host, port),
            now=clock.now() + timedelta(days=1),
        )
    finally:
        sink.stop()
    assert sent.sent >= 1
    return int(event["id"]), manage_token


needs_sqlite = pytest.mark.skipif(backend() != "sqlite", reason="reads the SQLite files; PostgreSQL below")


@needs_sqlite
async def test_an_erased_rsvp_leaves_nothing_on_disk(
    events_app, events_client: httpx.AsyncClient, markers: dict[str, str], log_file: Path
) -> None:  # type: ignore[no-untyped-def]
    _, token = await _rsvp_and_mail(events_app, events_client, markers)
    before = _hits(_files(events_app, log_file), markers)
    in_database = {key for name, keys in before.items() if ".db" in name for key in keys}
    assert in_database == set(markers), before
    assert any(name.endswith(".eml") for name in before), before

    erased = await events_client.post(f"/rsvps/{token}/erase")
    assert erased.status_code == 200, erased.text

    assert _hits(_files(events_app, log_file), markers) == {}


@needs_sqlite
async def test_a_purge_leaves_nothing_on_disk(
    events_app, events_client: httpx.AsyncClient, markers: dict[str, str], log_file: Path
) -> None:  # type: ignore[no-untyped-def]
    event_id, _ = await _rsvp_and_mail(events_app, events_client, markers)
    assert _hits(_files(events_app, log_file), markers)

    async def into_the_past(session):  # type: ignore[no-untyped-def]
        ended = clock.now() - timedelta(days=2)
        await session.exec(
            update(Event)
            .where(col(Event.id) == event_id)
            .values(starts_at=ended - timedelta(hours=2), ends_at=ended)
        )

    await run_in_session(events_app, into_the_past)
    purged = await events_client.post("/personal-data-purges", json={"older_than_days": 1}, headers=STAFF)
    assert purged.status_code == 200, purged.text
    assert purged.json()["rsvps"] == 1

    assert _hits(_files(events_app, log_file), markers) == {}


async def test_erasure_scrubs_the_outbox_rows(
    events_app, events_client: httpx.AsyncClient, markers: dict[str, str], log_file: Path
) -> None:  # type: ignore[no-untyped-def]
    _, token = await _rsvp_and_mail(events_app, events_client, markers)
    assert (await events_client.post(f"/rsvps/{token}/erase")).status_code == 200

    async def rows(session):  # type: ignore[no-untyped-def]
        return (await session.exec(select(OutboxMessage))).all()

    for message in await run_in_session(events_app, rows):
        text = " ".join([message.to_address, message.subject, message.body_text, message.last_error]).lower()
        assert not any(value.lower() in text for value in markers.values()), message
    log = log_file.read_text().lower()
    assert not any(value.lower() in log for value in markers.values())
    assert "[address]" in log, "the relay's refusal is still logged, without the address"


@pytest.mark.skipif(backend() != "postgres", reason="PostgreSQL only")
async def test_postgres_vacuums_the_erased_tables(
    events_app, events_client: httpx.AsyncClient, markers: dict[str, str], log_file: Path
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    _, token = await _rsvp_and_mail(events_app, events_client, markers)
    assert (await events_client.post(f"/rsvps/{token}/erase")).status_code == 200
    async with events_app.state.engine.connect() as conn:
        vacuumed = (
            await conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables "
                    "WHERE relname IN ('rsvp', 'outbox_message') AND last_vacuum IS NOT NULL"
                )
            )
        ).all()
    assert {row[0] for row in vacuumed} == {"rsvp", "outbox_message"}
