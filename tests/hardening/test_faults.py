"""Faults: a service killed under load, SMTP down, a locked database. Nothing lost, nothing twice.

Every test runs its own real processes (they get killed or starved here).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, make_url

from services.common.db import is_sqlite, make_sync_engine
from tests.events.conftest import manage_tokens_in
from tests.hardening.conftest import HARDENING_ENV
from tests.support.databases import DatabaseFactory
from tests.support.mailbox import Inbox
from tests.support.servers import RunningServer, free_port, start_process
from tests.support.stack import Stack, running_stack
from tests.support.tokens import bearer
from tests.support.waiting import wait_until

pytestmark = pytest.mark.long

EVENTS_TIMEOUT = float(HARDENING_ENV["GATEWAY_EVENTS_TIMEOUT"])


def _new_event(base_url: str, *, capacity: int, prefix: str = "/api/events") -> int:
    from datetime import UTC, datetime, timedelta

    start = datetime.now(UTC) + timedelta(days=10)
    body = {
        "title": {"fr": "Matinale sous contrainte"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "capacity": capacity,
    }
    with httpx.Client(base_url=base_url, timeout=30, headers=bearer("organiser")) as client:
        created = client.post(f"{prefix}/events", json=body)
        assert created.status_code == 201, created.text
        event_id = int(created.json()["id"])
        assert client.post(f"{prefix}/events/{event_id}/publish").status_code == 200
    return event_id


def _rsvp(email_address: str) -> dict[str, Any]:
    return {"name": "Invité", "email": email_address, "consent": True}


@contextmanager
def _connection(database_url: str) -> Iterator[Connection]:
    """A connection of the test's own to a service's database (its engine disposed after)."""
    engine = make_sync_engine(database_url)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def _rows(database_url: str, event_id: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    with _connection(database_url) as conn:
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                text("SELECT email_normalised, status, queue_position FROM rsvp WHERE event_id = :e"),
                {"e": event_id},
            )
        ]
        event = dict(
            conn.execute(
                text("SELECT capacity, confirmed_count, waitlisted_count FROM event WHERE id = :e"),
                {"e": event_id},
            )
            .one()
            ._mapping
        )
    return rows, event


def _assert_seats_exact(rows: list[dict[str, Any]], event: dict[str, Any]) -> None:
    emails = [r["email_normalised"] for r in rows]
    assert len(emails) == len(set(emails)), "an RSVP was written twice"
    rows = [r for r in rows if r["status"] != "pending"]  # asked for, not confirmed: no seat, no place
    confirmed = sum(r["status"] == "confirmed" for r in rows)
    waitlisted = sum(r["status"] == "waitlisted" for r in rows)
    assert event["confirmed_count"] == confirmed <= event["capacity"], (event, confirmed)
    assert event["waitlisted_count"] == waitlisted, (event, waitlisted)
    assert confirmed == min(event["capacity"], len(rows)), "a seat was lost or double-counted"
    positions = [r["queue_position"] for r in rows]
    assert len(positions) == len(set(positions)), "two RSVPs share an arrival number"
    emails = [r["email_normalised"] for r in rows]
    assert len(emails) == len(set(emails)), "an RSVP was written twice"


# --------------------------------------------------------------------------- kill under load


@dataclass
class Answer:
    email: str
    status: int
    seconds: float
    body: dict[str, Any] | None
    problem: bool
    at: float


def _load(gateway: str, event_id: int, worker: int, stop: threading.Event, out: list[Answer]) -> None:
    """One guest after another; a guest whose RSVP failed tries again, like a person would."""
    with httpx.Client(base_url=gateway, timeout=EVENTS_TIMEOUT + 10) as client:
        n = 0
        address: str | None = None
        while not stop.is_set():
            if address is None:
                n += 1
                address = f"load-{worker}-{n}@example.ma"
            started = time.monotonic()
            try:
                response = client.post(f"/api/events/events/{event_id}/rsvps", json=_rsvp(address))
            except httpx.HTTPError as exc:  # the gateway must always answer
                out.append(
                    Answer(address, 0, time.monotonic() - started, {"error": repr(exc)}, False, started)
                )
                continue
            is_problem = response.headers.get("content-type", "").startswith("application/problem+json")
            out.append(
                Answer(
                    address,
                    response.status_code,
                    time.monotonic() - started,
                    response.json() if response.content else None,
                    is_problem,
                    started,
                )
            )
            if response.status_code == 202:
                address = None
            else:
                time.sleep(0.2)


def test_killing_the_events_service_under_rsvp_load_loses_nothing(
    databases: DatabaseFactory, log_dir: Path
) -> None:
    with running_stack(
        databases, log_dir, processes=("registry", "events", "gateway"), demo=False, extra_env=HARDENING_ENV
    ) as stack:
        capacity = 40
        event_id = _new_event(stack.gateway, capacity=capacity)
        answers: list[Answer] = []
        stop = threading.Event()
        workers = [
            threading.Thread(target=_load, args=(stack.gateway, event_id, i, stop, answers)) for i in range(6)
        ]
        for thread in workers:
            thread.start()
        try:
            _wait_for(lambda: sum(a.status == 202 for a in answers) >= 25, 60)
            stack.servers["events"].kill()  # SIGKILL: no graceful shutdown, no commit in flight saved
            killed_at = time.monotonic()
            # While it is down, the gateway answers at once: 503 problem+json (breaker or refused).
            time.sleep(1.5)
            with httpx.Client(base_url=stack.gateway, timeout=EVENTS_TIMEOUT + 5) as client:
                started = time.monotonic()
                down = client.get(f"/api/events/events/{event_id}")
                probe_seconds = time.monotonic() - started
            assert down.status_code == 503, down.text
            assert down.headers["content-type"].startswith("application/problem+json")
            assert probe_seconds < EVENTS_TIMEOUT, probe_seconds
            stack.restart("events")
            restarted_at = time.monotonic()
            _wait_for(
                lambda: sum(a.status == 202 and a.at > restarted_at for a in answers) >= 10,
                60,
            )
        finally:
            stop.set()
            for thread in workers:
                thread.join(timeout=60)

        assert not [a for a in answers if a.status == 0], "the gateway left a request unanswered"
        failures = [a for a in answers if a.status != 202]
        assert {a.status for a in failures} <= {502, 503, 504}, {a.status for a in failures}
        assert all(a.problem for a in failures), "every failure is problem+json"
        assert any(a.status == 503 and a.at > killed_at for a in failures), (
            "no 503 while the service was down"
        )
        # Within its time-out: nothing hung longer than the gateway's upstream limit.
        assert max(a.seconds for a in answers) < EVENTS_TIMEOUT + 2, max(a.seconds for a in answers)

        rows, event = _rows(stack.database_urls["events"], event_id)
        stored = {r["email_normalised"]: r for r in rows}
        accepted = [a for a in answers if a.status == 202]
        for answer in accepted:
            assert answer.email in stored, f"{answer.email} was answered {answer.status} but is not stored"
            assert stored[answer.email]["status"] == "pending", "asking takes no seat"
        _assert_seats_exact(rows, event)

        # The guests still waiting when the load stopped try once more (a request that was in
        # fact written is taken again without a second RSVP).
        last = {a.email: a for a in sorted(answers, key=lambda a: a.at)}
        with httpx.Client(base_url=stack.gateway, timeout=30) as client:
            for address, answer in last.items():
                if answer.status != 202:
                    again = client.post(f"/api/events/events/{event_id}/rsvps", json=_rsvp(address))
                    assert again.status_code == 202, again.text
            rows, event = _rows(stack.database_urls["events"], event_id)
            _assert_seats_exact(rows, event)
            assert {r["email_normalised"] for r in rows} == set(last), "every guest holds exactly one RSVP"
            # Everyone confirms from their mailbox: the seats go exactly.
            for token in manage_tokens_in(stack.database_urls["events"], event_id).values():
                assert client.post(f"/api/events/rsvps/{token}/confirm").status_code == 200
        rows, event = _rows(stack.database_urls["events"], event_id)
        assert {r["status"] for r in rows} <= {"confirmed", "waitlisted"}
        _assert_seats_exact(rows, event)


def _wait_for(condition: Callable[[], object], seconds: float) -> None:
    wait_until(condition, seconds, message="timed out waiting")


# --------------------------------------------------------------------------- SMTP down


@pytest.fixture(scope="module")
def events_only(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The events service alone, shared by the SMTP and the locked-database tests: each makes its
    own event and guests, and the SMTP test expects every message queued before it too."""
    with running_stack(
        databases,
        tmp_path_factory.mktemp("logs"),
        processes=("events",),
        demo=False,
        extra_env=HARDENING_ENV,
    ) as stack:
        yield stack


def test_smtp_down_then_back_delivers_every_message_once(events_only: Stack, log_dir: Path) -> None:
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    worker: RunningServer | None = None
    database_url = events_only.database_urls["events"]
    # Messages another test on this stack queued (and no worker sent): due to go out once as well.
    queued_before = _outbox_recipients(database_url)
    try:
        # The worker starts while SMTP is down.
        worker = start_process(
            "events-worker",
            env={
                **events_only.env,
                "EVENTS_SMTP_HOST": "127.0.0.1",
                "EVENTS_SMTP_PORT": str(smtp_port),
                "EVENTS_SMTP_TIMEOUT_SECONDS": "2",
                "EVENTS_OUTBOX_POLL_SECONDS": "0.2",
                "EVENTS_OUTBOX_BACKOFF_BASE_SECONDS": "0.2",
                "EVENTS_OUTBOX_BACKOFF_MAX_SECONDS": "1",
                "EVENTS_OUTBOX_MAX_ATTEMPTS": "1000",
            },
            log_dir=log_dir,
            argv=["events-worker"],
            wait=False,
        )
        base = events_only.url("events")
        event_id = _new_event(base, capacity=100, prefix="")
        addresses = [f"mail-{i}@example.ma" for i in range(12)]
        with httpx.Client(base_url=base, timeout=30) as client:
            for address in addresses[:6]:
                assert client.post(f"/events/{event_id}/rsvps", json=_rsvp(address)).status_code == 202
            # Let the worker fail a few rounds against the closed port.
            _wait_for(lambda: _attempts(database_url, addresses[:6]) >= 6, 60)
            assert inbox.messages == []
            controller.start()
            for address in addresses[6:]:
                assert client.post(f"/events/{event_id}/rsvps", json=_rsvp(address)).status_code == 202
            expected = addresses + queued_before
            _wait_for(lambda: len(inbox.messages) >= len(expected), 60)
            # SMTP goes down again and comes back on the same port, once the worker has met the
            # closed port with every message queued meanwhile.
            controller.stop()
            more = [f"later-{i}@example.ma" for i in range(4)]
            for address in more:
                assert client.post(f"/events/{event_id}/rsvps", json=_rsvp(address)).status_code == 202
            _wait_for(lambda: _attempts(database_url, more) >= len(more), 60)
            assert len(inbox.messages) == len(expected)
            controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
            controller.start()
            expected += more
            _wait_for(lambda: len(inbox.messages) >= len(expected), 60)
        time.sleep(1.5)  # would a duplicate still arrive?
        recipients = sorted(str(m["To"]) for m in inbox.messages)
        assert recipients == sorted(expected), recipients
        message_ids = [m["Message-ID"] for m in inbox.messages]
        assert len(message_ids) == len(set(message_ids)), "a message was delivered twice"
        assert _pending(database_url) == 0
        assert worker.process.poll() is None, worker.log()[-2000:]
    finally:
        controller.stop()
        if worker is not None:
            worker.stop()


def _attempts(database_url: str, recipients: list[str]) -> int:
    """Sending attempts so far on the messages to ``recipients``."""
    query = text(
        "SELECT COALESCE(SUM(attempts), 0) FROM outbox_message WHERE to_address IN :recipients"
    ).bindparams(bindparam("recipients", expanding=True))
    with _connection(database_url) as conn:
        return int(conn.execute(query, {"recipients": recipients}).scalar_one())


def _pending(database_url: str) -> int:
    with _connection(database_url) as conn:
        return int(
            conn.execute(text("SELECT COUNT(*) FROM outbox_message WHERE status != 'sent'")).scalar_one()
        )


# --------------------------------------------------------------------------- database locked


class _Lock:
    """Another client holding the write lock (SQLite) or the event row and rsvp table (PostgreSQL)."""

    def __init__(self, database_url: str, event_id: int) -> None:
        self.url = database_url
        self.event_id = event_id
        self.conn: Any = None

    def __enter__(self) -> _Lock:
        if is_sqlite(self.url):
            path = make_url(self.url).database
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("UPDATE event SET venue = venue WHERE id = ?", (self.event_id,))
        else:
            conninfo = make_url(self.url).set(drivername="postgresql").render_as_string(hide_password=False)
            self.conn = psycopg.connect(conninfo)
            self.conn.execute("SELECT id FROM event WHERE id = %s FOR UPDATE", (self.event_id,))
            self.conn.execute("LOCK TABLE rsvp IN EXCLUSIVE MODE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.rollback() if not is_sqlite(self.url) else self.conn.execute("ROLLBACK")
        self.conn.close()


def test_a_locked_database_means_wait_or_503_never_500_nor_half_written(events_only: Stack) -> None:
    base = events_only.url("events")
    database_url = events_only.database_urls["events"]
    event_id = _new_event(base, capacity=5, prefix="")
    with httpx.Client(base_url=base, timeout=60) as client:
        # Held briefly: the request waits for the lock and succeeds.
        with _Lock(database_url, event_id):
            result: dict[str, httpx.Response] = {}
            thread = threading.Thread(
                target=lambda: result.setdefault(
                    "r", client.post(f"/events/{event_id}/rsvps", json=_rsvp("patient@example.ma"))
                )
            )
            thread.start()
            time.sleep(1.5)
            assert "r" not in result, "the write did not wait for the lock"
        thread.join(30)
        assert result["r"].status_code == 202, result["r"].text

        if is_sqlite(database_url):
            # Held longer than the busy timeout: 503 problem+json, Retry-After, nothing written.
            with _Lock(database_url, event_id):
                started = time.monotonic()
                response = client.post(f"/events/{event_id}/rsvps", json=_rsvp("impatient@example.ma"))
                waited = time.monotonic() - started
            assert response.status_code == 503, response.text
            assert response.headers["content-type"].startswith("application/problem+json")
            assert response.headers["retry-after"]
            assert waited < 30
        rows, event = _rows(database_url, event_id)
        assert "impatient@example.ma" not in {r["email_normalised"] for r in rows}
        _assert_seats_exact(rows, event)
        outbox = _outbox_recipients(database_url)
        assert "impatient@example.ma" not in outbox, "a message was queued for a write that failed"
        assert outbox.count("patient@example.ma") == 1
        # Retried once the lock is gone: written once, message queued once.
        again = client.post(f"/events/{event_id}/rsvps", json=_rsvp("impatient@example.ma"))
        assert again.status_code == 202, again.text
        rows, event = _rows(database_url, event_id)
        _assert_seats_exact(rows, event)
        assert _outbox_recipients(database_url).count("impatient@example.ma") == 1


def _outbox_recipients(database_url: str) -> list[str]:
    with _connection(database_url) as conn:
        return [str(r[0]) for r in conn.execute(text("SELECT to_address FROM outbox_message"))]
