"""The labels' expiry job: each active label past its end date is announced once (``label.expired``).

Runs in the registry's lifespan every ``REGISTRY_LABEL_EXPIRY_INTERVAL_SECONDS`` (0 turns it off);
several workers may run it at once: the change log's once-only key (and, on PostgreSQL, its
advisory lock) keeps it to one announcement per label.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.db import transaction
from services.registry.changes import record_expired_labels
from services.registry.search_cache import today_in_morocco

logger = logging.getLogger("mim.registry.expiry")


async def expire_labels(sessionmaker: async_sessionmaker[AsyncSession]) -> int:
    """One pass: the number of labels announced as expired."""
    try:
        async with transaction(sessionmaker, write=True) as session:
            return await record_expired_labels(session, today_in_morocco())
    except IntegrityError:  # another worker announced the same label first: nothing lost
        return 0


async def run_expiry(sessionmaker: async_sessionmaker[AsyncSession], interval: float) -> None:
    while True:
        try:
            count = await expire_labels(sessionmaker)
            if count:
                logger.info("labels expired", extra={"count": count})
        except Exception:  # never let the job die
            logger.exception("label expiry pass failed")
        await asyncio.sleep(interval)
