"""RSVP requests are taken in batches: one transaction for all who arrive together.

When a Morning's invitation goes out, hundreds of guests RSVP within seconds and every one
of them needs the same lock: the event's row (on SQLite, the database's write lock). Taken
one transaction per guest, the lock is spent on round trips to the database, not on the
few microseconds of work each guest needs, and guests queue for seconds.

So requests queue here instead. While one batch of an event is being written, the requests
that arrive wait for the next one; each batch is a single transaction whatever its size.

A request takes no seat (double opt-in): a new e-mail gets a *pending* RSVP and a message
asking to confirm it from the mailbox; an e-mail the event already knows gets its manage
link again. Both go through the same statements in the same transaction, and the caller
answers both the same way, so nothing tells a registered address from a new one. Seats are
taken when the guest confirms (rsvp_service.confirm_rsvp), by the seat rule
(services/events/seating.py).

The service's own limits are applied here, under the event's lock, from the request rows
the batch writes: requests per client address, the "check your inbox" e-mail at most once
per address and window, and the number of unconfirmed RSVPs an event takes at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.common.errors import Conflict, NotFound, Problem
from services.events import clock
from services.events.config import EventsSettings
from services.events.confirmations import ConfirmDesk
from services.events.messages import MessageKind, compose
from services.events.models import (
    Event,
    EventStatus,
    NewRsvp,
    OutboxMessage,
    Rsvp,
    RsvpRequest,
    RsvpStatus,
)
from services.events.presenters import closed_params, closed_slug, rsvp_closed_reason

# Bounds the time one batch holds the lock and the size of its statements.
MAX_BATCH = 250


@dataclass(eq=False)
class _Arrival:
    guest: NewRsvp
    client: str
    future: asyncio.Future[None] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class TooManyRequests(Problem):
    status = 429
    slug = "too-many-requests"


def email_key(settings: EventsSettings, event_id: int, email_normalised: str) -> str:
    """The address as the rate limits keep it: a keyed hash, useless without the service's secret."""
    secret = settings.jwt_secret.get_secret_value().encode()
    return hmac.new(secret, f"{event_id}:{email_normalised}".encode(), hashlib.sha256).hexdigest()[:40]


def confirm_deadline(event: Event, now: datetime, settings: EventsSettings) -> datetime:
    """A pending RSVP confirms within the time-out, and never after RSVPs close."""
    closes = event.rsvp_closes_at or event.starts_at
    return min(now + timedelta(seconds=settings.rsvp_confirm_ttl_seconds), closes)


class _Refused(Exception):
    """The event turns every guest away (unknown, draft, closed): each gets a problem of their own."""

    def __init__(self, problem: Callable[[], Problem]) -> None:
        super().__init__()
        self.problem = problem


_EVENTS: Table = Event.__table__  # type: ignore[attr-defined]
_RSVPS: Table = Rsvp.__table__  # type: ignore[attr-defined]
_OUTBOX: Table = OutboxMessage.__table__  # type: ignore[attr-defined]

# Built once: under the lock only their parameters change.
_LOCK_EVENT = (
    select(_EVENTS)
    .where(_EVENTS.c.id == bindparam("event"), _EVENTS.c.status != EventStatus.draft)
    .with_for_update()  # the row lock on PostgreSQL; SQLite's write lock is already held
)
_REQUESTS: Table = RsvpRequest.__table__  # type: ignore[attr-defined]
_KNOWN_RSVPS = select(_RSVPS).where(
    _RSVPS.c.event_id == bindparam("event"),
    _RSVPS.c.email_normalised.in_(bindparam("emails", expanding=True)),
)
_RECENT_BY_CLIENT = (
    select(_REQUESTS.c.client, func.count())
    .where(
        _REQUESTS.c.event_id == bindparam("event"),
        _REQUESTS.c.client.in_(bindparam("clients", expanding=True)),
        _REQUESTS.c.created_at >= bindparam("since"),
    )
    .group_by(_REQUESTS.c.client)
)
_RECENTLY_MAILED = select(_REQUESTS.c.email_key).where(
    _REQUESTS.c.event_id == bindparam("event"),
    _REQUESTS.c.email_key.in_(bindparam("keys", expanding=True)),
    _REQUESTS.c.created_at >= bindparam("since"),
)
_PENDING = select(func.count()).where(
    _RSVPS.c.event_id == bindparam("event"),
    _RSVPS.c.status == RsvpStatus.pending,
    _RSVPS.c.confirm_by > bindparam("now"),
)
_FORGET_REQUESTS = delete(_REQUESTS).where(
    _REQUESTS.c.event_id == bindparam("event"), _REQUESTS.c.created_at < bindparam("before")
)
_TOUCH_KNOWN = (
    update(_RSVPS)
    .where(_RSVPS.c.id.in_(bindparam("ids", expanding=True)))
    .values(last_requested_at=bindparam("now"))
)
_ADD_GUESTS = insert(_RSVPS).returning(_RSVPS.c.id, sort_by_parameter_order=True)
_ADD_REQUESTS = insert(_REQUESTS)
_QUEUE_MESSAGES = insert(_OUTBOX)


class AdmissionDesk:
    """One per process: the queue of new guests, per event, and the task writing each batch."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: EventsSettings) -> None:
        self._sessionmaker = sessionmaker
        self._settings = settings
        self._waiting: dict[int, list[_Arrival]] = {}
        self._writers: dict[int, asyncio.Task[None]] = {}
        # The guests' confirms from their mailbox, batched the same way (services/events/confirmations.py).
        self.confirmations = ConfirmDesk(sessionmaker, settings)

    async def admit(self, guest: NewRsvp, *, client: str) -> None:
        """Take an RSVP request: a pending RSVP and its confirm e-mail, or the manage link again.

        Answers the same whether the e-mail was known or not; raises a problem when the event
        refuses RSVPs or a limit is reached. A request cancelled before its batch starts is not
        written.
        """
        arrival = _Arrival(guest, client)
        event_id = guest.event_id
        self._waiting.setdefault(event_id, []).append(arrival)
        if event_id not in self._writers:
            self._writers[event_id] = asyncio.create_task(self._write(event_id))
        return await arrival.future

    async def _write(self, event_id: int) -> None:
        try:
            while batch := self._next_batch(event_id):
                await self._write_batch(event_id, batch)
        finally:
            # No await between the last look at the queue and this: no guest can be left behind.
            del self._writers[event_id]

    def _next_batch(self, event_id: int) -> list[_Arrival]:
        waiting = self._waiting.pop(event_id, [])
        if len(waiting) > MAX_BATCH:
            self._waiting[event_id] = waiting[MAX_BATCH:]
            waiting = waiting[:MAX_BATCH]
        return [arrival for arrival in waiting if not arrival.future.done()]

    async def _write_batch(self, event_id: int, batch: list[_Arrival]) -> None:
        try:
            async with transaction(self._sessionmaker, write=True) as session:
                outcomes = await _admit(session, event_id, batch, self._settings)
        except _Refused as refused:
            for arrival in batch:
                _settle(arrival, error=refused.problem())
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0], error=error)
                return
            # Something unexpected (a constraint, the database): guest by guest, so that an
            # error is only ever the answer to the guest it belongs to.
            for arrival in batch:
                await self._write_batch(event_id, [arrival])
        except BaseException:
            for arrival in batch:
                arrival.future.cancel()
            raise
        else:
            for arrival, refusal in zip(batch, outcomes, strict=True):
                _settle(arrival, error=refusal)


def _settle(arrival: _Arrival, *, error: BaseException | None = None) -> None:
    if arrival.future.done():  # the guest's request was cancelled meanwhile
        return
    if error is not None:
        arrival.future.set_exception(error)
    else:
        arrival.future.set_result(None)


async def _admit(
    session: AsyncSession, event_id: int, batch: list[_Arrival], settings: EventsSettings
) -> list[Problem | None]:
    """Each request's refusal, or None when taken; one transaction for the whole batch."""
    connection = await session.connection()
    found = (await connection.execute(_LOCK_EVENT, {"event": event_id})).one_or_none()
    if found is None:
        raise _Refused(lambda: NotFound(f"No event with id {event_id}."))
    # A row of the event table reads like an Event; building models under the lock would cost
    # more than the statements.
    event = cast(Event, found)
    now = clock.now()
    reason = rsvp_closed_reason(event, now)
    if reason is not None:
        slug = closed_slug(event, now)
        params = closed_params(event, now)
        raise _Refused(
            lambda: Conflict(reason, title="RSVPs are not open for this event", slug=slug, params=params)
        )

    outcomes = await _apply_limits(connection, event_id, batch, settings, now)
    taken = [a for a, refusal in zip(batch, outcomes, strict=True) if refusal is None]
    if not taken:
        return outcomes
    keys = {a.guest.email_normalised: email_key(settings, event_id, a.guest.email_normalised) for a in taken}
    mail_since = now - timedelta(seconds=settings.rsvp_mail_interval_seconds)
    mailed = set(
        (
            await connection.execute(
                _RECENTLY_MAILED, {"event": event_id, "keys": list(keys.values()), "since": mail_since}
            )
        ).scalars()
    )
    known: dict[str, Any] = {
        row.email_normalised: row
        for row in await connection.execute(_KNOWN_RSVPS, {"event": event_id, "emails": list(keys)})
    }
    deadline = confirm_deadline(event, now, settings)
    new_rows: list[NewRsvp] = []
    touched: list[int] = []
    messages: list[tuple[MessageKind, NewRsvp | Any]] = []
    for arrival in taken:
        guest = arrival.guest
        key = keys[guest.email_normalised]
        send = key not in mailed
        mailed.add(key)
        row = known.get(guest.email_normalised)
        if row is None:
            guest.confirm_by = deadline
            guest.last_requested_at = now
            new_rows.append(guest)
            known[guest.email_normalised] = guest
            if send:
                messages.append((MessageKind.confirm_request, guest))
            continue
        if row.id is not None:
            touched.append(row.id)
        if _lapsed(row, now):
            # Cancelled, or never confirmed in time: asked again, it is pending again.
            renewed = await _renew(connection, row, guest, deadline)
            known[guest.email_normalised] = renewed
            if send:
                messages.append((MessageKind.confirm_request, renewed))
        elif send:
            kind = (
                MessageKind.confirm_request if row.status == RsvpStatus.pending else MessageKind.manage_link
            )
            messages.append((kind, row))
    # A known e-mail's row is written as a new one's is: the same work for both, so the time
    # of the answer does not tell them apart either.
    if touched:
        await connection.execute(_TOUCH_KNOWN, {"ids": touched, "now": now})
    if new_rows:
        ids = (await connection.execute(_ADD_GUESTS, [g.columns() for g in new_rows])).scalars().all()
        for guest, rsvp_id in zip(new_rows, ids, strict=True):
            guest.id = rsvp_id
    await connection.execute(
        _ADD_REQUESTS,
        [
            {
                "event_id": event_id,
                "client": a.client[:64],
                "email_key": keys[a.guest.email_normalised],
                "created_at": now,
            }
            for a in taken
        ],
    )
    if messages:
        await connection.execute(
            _QUEUE_MESSAGES,
            [compose(kind, event=event, rsvp=rsvp, settings=settings) for kind, rsvp in messages],
        )
    return outcomes


def _lapsed(row: Any, now: datetime) -> bool:
    if row.status == RsvpStatus.cancelled:
        return row.erased_at is None
    return row.status == RsvpStatus.pending and row.confirm_by is not None and row.confirm_by <= now


async def _renew(connection: Any, row: Any, guest: NewRsvp, deadline: datetime) -> NewRsvp:
    """A lapsed RSVP asked for again: pending, with the new details, under its old id and links."""
    values = {
        "status": RsvpStatus.pending,
        "name": guest.name,
        "email": guest.email,
        "organisation": guest.organisation,
        "phone": guest.phone,
        "exporter_id": guest.exporter_id,
        "language": guest.language,
        "consent_at": guest.consent_at,
        "updated_at": guest.updated_at,
        "confirm_by": deadline,
        "confirmed_at": None,
        "cancelled_at": None,
    }
    await connection.execute(update(_RSVPS).where(_RSVPS.c.id == row.id).values(**values))
    guest.id = row.id
    guest.manage_token = row.manage_token
    guest.checkin_token = row.checkin_token
    guest.queue_position = row.queue_position
    guest.created_at = row.created_at
    guest.status = RsvpStatus.pending
    guest.confirm_by = deadline
    return guest


async def _apply_limits(
    connection: Any, event_id: int, batch: list[_Arrival], settings: EventsSettings, now: datetime
) -> list[Problem | None]:
    """Refuse, in arrival order, what goes over a limit; the same for a known e-mail as a new one.

    Forgets request rows older than every window, so they are kept no longer than needed.
    """
    window = timedelta(seconds=settings.rsvp_per_client_window_seconds)
    oldest = now - max(window, timedelta(seconds=settings.rsvp_mail_interval_seconds))
    await connection.execute(_FORGET_REQUESTS, {"event": event_id, "before": oldest})
    clients = sorted({a.client for a in batch})
    counts = dict(
        (
            await connection.execute(
                _RECENT_BY_CLIENT, {"event": event_id, "clients": clients, "since": now - window}
            )
        ).all()
    )
    pending = int((await connection.execute(_PENDING, {"event": event_id, "now": now})).scalar_one())
    outcomes: list[Problem | None] = []
    retry = {"Retry-After": str(settings.rsvp_per_client_window_seconds)}
    for arrival in batch:
        used = counts.get(arrival.client, 0)
        if used >= settings.rsvp_per_client_limit:
            outcomes.append(
                TooManyRequests("Too many RSVPs from this address; try again later.", headers=retry)
            )
            continue
        if pending >= settings.rsvp_pending_cap:
            outcomes.append(
                TooManyRequests(
                    "Too many RSVPs are waiting for confirmation for this event; try again later.",
                    slug="too-many-pending",
                    headers={"Retry-After": "600"},
                )
            )
            continue
        counts[arrival.client] = used + 1
        pending += 1
        outcomes.append(None)
    return outcomes
