"""`mim createadmin`: the first admin account (others are created through the API)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from pydantic import EmailStr, TypeAdapter, ValidationError

from services.common.auth import Role
from services.common.db import make_async_engine, make_sessionmaker, transaction
from services.common.errors import Conflict

MIN_PASSWORD = 10


async def _create(email: str, password: str) -> None:
    from services.gateway import accounts
    from services.gateway.config import GatewaySettings

    settings = GatewaySettings()
    engine = make_async_engine(settings.effective_database_url)
    try:
        async with transaction(make_sessionmaker(engine), write=True) as session:
            await accounts.create_account(session=session, email=email, password=password, role=Role.admin)
    finally:
        await engine.dispose()


def register(app: typer.Typer) -> None:
    # Every `mim` command loads this module, `mim serve registry` too: the gateway's accounts
    # (argon2, its tables) are imported by the command that uses them, not here (RSS, issue #18).
    @app.command()
    def createadmin(
        email: Annotated[str, typer.Option(prompt=True, help="The admin's e-mail")],
        password: Annotated[
            str,
            typer.Option(
                prompt=True,
                hide_input=True,
                confirmation_prompt=True,
                envvar="MIM_ADMIN_PASSWORD",
                help="At least 10 characters (or MIM_ADMIN_PASSWORD)",
            ),
        ],
    ) -> None:
        """Create an admin account in the gateway's database."""
        try:
            TypeAdapter(EmailStr).validate_python(email)
        except ValidationError as exc:
            raise typer.BadParameter(f"not an e-mail address: {email}") from exc
        if len(password) < MIN_PASSWORD:
            raise typer.BadParameter(f"the password needs at least {MIN_PASSWORD} characters")
        try:
            asyncio.run(_create(email, password))
        except Conflict as exc:
            typer.echo(f"error: {exc.detail}", err=True)
            raise typer.Exit(1) from exc
        from services.gateway import accounts

        typer.echo(f"admin {accounts.normalise_email(email)} created")
