"""THE seat rule: who is seated and who waits. Every path that moves a guest calls it.

An event has ``capacity`` seats, ``taken`` of them held by confirmed guests, and a waitlist of
``waiting`` guests in arrival order. When guests arrive (they confirm their RSVP, in order) or
seats free up (a cancel, a larger capacity), the rule is the same:

- free seats go first to the waitlist, head first (first come, first served),
- then to the arriving guests, in arrival order,
- whoever is left joins the end of the waitlist.

So nobody ever waits while a seat is free, and nobody overtakes someone who waits. The rule
is arithmetic on counts, not rows: the callers read the counts under the event's lock (the
row lock on PostgreSQL, the write lock on SQLite) and write the outcome in the same
transaction, and the ``confirmed_count <= capacity`` CHECK constraint backs the database up.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Allocation:
    """What the rule decides: counts, each a prefix of its line."""

    promoted: int  # the first ``promoted`` guests of the waitlist take a seat
    seated: int  # the first ``seated`` arriving guests take a seat
    waitlisted: int  # the remaining arriving guests join the end of the waitlist


def allocate(*, capacity: int, taken: int, waiting: int, arriving: int = 0) -> Allocation:
    """Who gets a seat: the waitlist's head first, then the arrivals in order; the rest wait.

    ``capacity`` may be below ``taken`` (a seat is never taken back): then nobody is seated.
    """
    if min(capacity, taken, waiting, arriving) < 0:
        raise ValueError("seat counts cannot be negative")
    free = max(capacity - taken, 0)
    promoted = min(free, waiting)
    seated = min(free - promoted, arriving)
    return Allocation(promoted=promoted, seated=seated, waitlisted=arriving - seated)
