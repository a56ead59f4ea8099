"""Commands of the events service, added to `mim` (see services/cli.py)."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import typer


def register(app: typer.Typer) -> None:
    @app.command("events-worker")
    def events_worker() -> None:
        """Send queued e-mails (outbox) over SMTP; with no EVENTS_SMTP_HOST, into var/mail/*.eml."""
        from services.common.logging import configure_logging
        from services.events.config import EventsSettings
        from services.events.outbox import run_worker

        settings = EventsSettings()
        configure_logging("events-worker", level=settings.log_level, json=settings.log_json)

        async def main() -> None:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(sig, stop.set)
            await run_worker(settings, stop=stop)

        asyncio.run(main())

    @app.command("events-purge")
    def events_purge(
        older_than_days: int = typer.Option(None, help="Defaults to EVENTS_PURGE_AFTER_DAYS"),
    ) -> None:
        """Erase guests' personal data of events that ended long ago (counts stay)."""
        from services.common.db import (
            make_async_engine,
            make_sessionmaker,
            release_erased_data,
            transaction,
        )
        from services.events.config import EventsSettings
        from services.events.rsvp_service import ERASED_TABLES, purge_personal_data

        settings = EventsSettings()
        days = settings.purge_after_days if older_than_days is None else older_than_days

        async def main() -> tuple[int, int]:
            engine = make_async_engine(settings.effective_database_url)
            try:
                async with transaction(make_sessionmaker(engine), write=True) as session:
                    purged = await purge_personal_data(
                        session=session, older_than_days=days, settings=settings
                    )
                await release_erased_data(engine, tables=ERASED_TABLES)
                return purged
            finally:
                await engine.dispose()

        events, rsvps = asyncio.run(main())
        typer.echo(f"purged personal data of {rsvps} RSVPs in {events} events older than {days} days")
