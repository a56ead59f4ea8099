"""The gateway is assembled by the shared app factory: the kernel's handlers and middleware order."""

from __future__ import annotations

import httpx
from fastapi import APIRouter, FastAPI, Request

from services.common.db import transaction
from services.gateway.models import Account


async def test_a_unique_value_race_is_a_409_problem_on_the_gateway_too(
    gateway_app: FastAPI, client: httpx.AsyncClient
) -> None:
    """IntegrityError -> 409 lives in the shared kernel, so the gateway's own database has it too.

    The route stands for the loser of a race: two writes of one unique e-mail reach the
    database (a real SQLite UNIQUE constraint), nothing is written, the client is told.
    """
    router = APIRouter()

    @router.post("/_test/same-email-twice")
    async def same_email_twice(request: Request) -> None:
        async with transaction(request.app.state.sessionmaker, write=True) as session:
            for _ in range(2):
                session.add(Account(email="twice@example.ma", password_hash="x", role="admin"))

    gateway_app.include_router(router)
    response = await client.post("/_test/same-email-twice", headers={"X-Request-ID": "race-1"})
    assert response.status_code == 409, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"].endswith("/conflict") and body["request_id"] == "race-1"
    # The request context is the outermost layer and the edge's security headers are inside it.
    assert response.headers["x-request-id"] == "race-1"
    assert response.headers["x-content-type-options"] == "nosniff"
    async with transaction(gateway_app.state.sessionmaker, write=False) as session:
        from sqlmodel import select

        found = await session.exec(select(Account).where(Account.email == "twice@example.ma"))
        assert found.all() == []
