"""Registry commands added to `mim` (see services/cli.py `_register_service_commands`)."""

from __future__ import annotations

from typing import Annotated

import typer

from services.common import migrate as migrations


def register(app: typer.Typer) -> None:
    @app.command("label-key")
    def label_key(kid: Annotated[str, typer.Argument(help="Key id, e.g. 2026-01")]) -> None:
        """Print a new Ed25519 label signing key entry for REGISTRY_LABEL_SIGNING_KEYS."""
        from services.registry import statements

        if not statements.KID_RE.match(kid):
            raise typer.BadParameter("a key id is 1-32 of A-Z a-z 0-9 . _ -")
        typer.echo(statements.new_key_entry(kid))

    @app.command("seed-registry")
    def seed_registry(
        exporters: Annotated[
            int, typer.Option(min=1, help="Number of synthetic exporters (~3 products each)")
        ],
        seed: Annotated[int, typer.Option(help="Random seed: same N and seed, same catalogue")] = 2035,
    ) -> None:
        """Generate a deterministic synthetic catalogue for benchmarks (into an empty registry)."""
        from services.registry.config import RegistrySettings
        from services.registry.synthetic import seed_synthetic

        url = RegistrySettings().effective_database_url
        migrations.upgrade("registry", url)
        try:
            n, products = seed_synthetic(url, exporters, seed=seed)
        except RuntimeError as exc:
            raise typer.BadParameter(str(exc)) from exc
        typer.echo(f"registry: {n} synthetic exporters, {products} products")

    @app.command("media-collect")
    def media_collect() -> None:
        """Delete the stored logos and photos that no exporter or product uses any more."""
        import asyncio

        from services.common.db import make_async_engine, make_sessionmaker, transaction
        from services.common.storage import LocalDiskStorage
        from services.registry import media
        from services.registry.config import RegistrySettings

        settings = RegistrySettings()

        async def run() -> int:
            engine = make_async_engine(settings.effective_database_url)
            try:
                async with transaction(make_sessionmaker(engine), write=True) as session:
                    storage = LocalDiskStorage(settings.media_root)
                    return await media.collect_unused(session=session, storage=storage)
            finally:
                await engine.dispose()

        typer.echo(f"registry: {asyncio.run(run())} unused images deleted")
