"""Guests confirm their RSVP in batches: one transaction for all who confirm together.

When a Morning's invitation goes out, hundreds of guests ask for a seat within seconds
(services/events/admissions.py), and then, within seconds too, click the link of their
e-mail. Every confirm needs its event's lock (on SQLite, the database's write lock); taken
one transaction per guest, the lock is spent on round trips and per-request set-up rather
than on the few microseconds of arithmetic each guest needs, and a burst of 1,000 confirms
queues for many seconds.

So confirms queue here instead, one queue per process (the event is only known once the
token is looked up). While one batch is written, the confirms that arrive wait for the next
one; each batch is a single transaction whatever its size, and the seat rule is asked once
per event for all of its guests, in arrival order (rsvp_service.confirm_many). The answer
is sent only after the batch commits. A guest's problem (unknown link, RSVPs closed, expired
link) is theirs alone and writes nothing; an unexpected error in a batch (a constraint, a bug)
makes it run again guest by guest, so that an error only ever answers the guest it belongs
to. A database that is locked or unreachable answers the whole batch (503, nothing written).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.events.config import EventsSettings
from services.events.rsvp_service import Confirmation, confirm_many

# Bounds the time one batch holds the lock and the size of its statements.
MAX_BATCH = 250


@dataclass(eq=False)
class _Confirm:
    token: str
    future: asyncio.Future[Confirmation] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


class ConfirmDesk:
    """One per process: the queue of confirms and the task writing each batch."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], settings: EventsSettings) -> None:
        self._sessionmaker = sessionmaker
        self._settings = settings
        self._waiting: list[_Confirm] = []
        self._writer: asyncio.Task[None] | None = None

    async def confirm(self, token: str) -> Confirmation:
        """The guest's RSVP once their confirm is committed; raises the problem that is theirs."""
        arrival = _Confirm(token)
        self._waiting.append(arrival)
        if self._writer is None:
            self._writer = asyncio.create_task(self._write())
        return await arrival.future

    async def _write(self) -> None:
        try:
            while batch := self._next_batch():
                await self._write_batch(batch)
        finally:
            # No await between the last look at the queue and this: no guest can be left behind.
            self._writer = None

    def _next_batch(self) -> list[_Confirm]:
        waiting, self._waiting = self._waiting[:MAX_BATCH], self._waiting[MAX_BATCH:]
        return [arrival for arrival in waiting if not arrival.future.done()]

    async def _write_batch(self, batch: list[_Confirm]) -> None:
        try:
            async with transaction(self._sessionmaker, write=True) as session:
                outcomes = await confirm_many(
                    session=session, tokens=[a.token for a in batch], settings=self._settings
                )
        except OperationalError as error:
            # The database is locked or unreachable: the same for every guest of the batch (a 503,
            # nothing written). Trying them one by one would make the last wait once per guest.
            for arrival in batch:
                _settle(arrival, error)
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0], error)
                return
            for arrival in batch:
                await self._write_batch([arrival])
        except BaseException:
            for arrival in batch:
                arrival.future.cancel()
            raise
        else:
            for arrival, outcome in zip(batch, outcomes, strict=True):
                _settle(arrival, outcome)


def _settle(arrival: _Confirm, outcome: Confirmation | BaseException) -> None:
    if arrival.future.done():  # the guest's request was cancelled meanwhile
        return
    if isinstance(outcome, BaseException):
        arrival.future.set_exception(outcome)
    else:
        arrival.future.set_result(outcome)


__all__ = ["MAX_BATCH", "ConfirmDesk"]
