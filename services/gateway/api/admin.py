"""Admins manage accounts and API keys: `/api/auth/accounts`, `/api/auth/keys`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Depends, Path, Request, status

from services.common.auth import Admin
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.common.pagination import Page, PageParams, page_params
from services.gateway import accounts, keys
from services.gateway.api.auth import forget_sessions
from services.gateway.schemas import AccountCreate, AccountPublic, ApiKeyCreate, ApiKeyCreated, ApiKeyPublic

router = APIRouter(prefix="/api/auth", responses=PROBLEM_RESPONSES)

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _account_id(principal_sub: str) -> int | None:
    kind, _, raw = principal_sub.partition(":")
    return int(raw) if kind == "account" and raw.isdigit() else None


@router.post(
    "/accounts",
    operation_id="accounts.create",
    status_code=status.HTTP_201_CREATED,
    tags=["accounts"],
    summary="Create an account",
)
async def create_account(body: AccountCreate, session: SessionDep, _admin: Admin) -> AccountPublic:
    account = await accounts.create_account(
        session=session,
        email=body.email,
        password=body.password,
        role=body.role,
        exporter_id=body.exporter_id,
    )
    return AccountPublic.model_validate(account)


@router.get("/accounts", operation_id="accounts.list", tags=["accounts"], summary="List accounts")
async def list_accounts(
    session: SessionDep, _admin: Admin, page: Annotated[PageParams, Depends(page_params)]
) -> Page[AccountPublic]:
    rows, total = await accounts.list_accounts(session=session, page=page)
    return Page(
        items=[AccountPublic.model_validate(a) for a in rows],
        total=total,
        page=page.page,
        per_page=page.per_page,
    )


@router.post(
    "/accounts/{account_id}/deactivate",
    operation_id="accounts.deactivate",
    tags=["accounts"],
    summary="Deactivate an account (its sessions end at once)",
)
async def deactivate_account(
    request: Request, account_id: Id, session: SessionDep, _admin: Admin, background: BackgroundTasks
) -> AccountPublic:
    account = await accounts.deactivate(session=session, account_id=account_id)
    forget_sessions(request, background)
    return AccountPublic.model_validate(account)


@router.post(
    "/keys",
    operation_id="apiKeys.create",
    status_code=status.HTTP_201_CREATED,
    tags=["api keys"],
    summary="Create an API key (the secret is shown once)",
)
async def create_key(body: ApiKeyCreate, session: SessionDep, admin: Admin) -> ApiKeyCreated:
    key, raw = await keys.create_key(
        session=session,
        name=body.name,
        role=body.role,
        scope=body.scope,
        exporter_id=body.exporter_id,
        created_by=_account_id(admin.sub),
    )
    return ApiKeyCreated(**ApiKeyPublic.model_validate(key).model_dump(), key=raw)


@router.get(
    "/keys", operation_id="apiKeys.list", tags=["api keys"], summary="List API keys (never their secrets)"
)
async def list_keys(
    session: SessionDep, _admin: Admin, page: Annotated[PageParams, Depends(page_params)]
) -> Page[ApiKeyPublic]:
    rows, total = await keys.list_keys(session=session, page=page)
    return Page(
        items=[ApiKeyPublic.model_validate(k) for k in rows],
        total=total,
        page=page.page,
        per_page=page.per_page,
    )


@router.delete(
    "/keys/{key_id}",
    operation_id="apiKeys.revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    tags=["api keys"],
    summary="Revoke an API key (refused from the next request on)",
)
async def revoke_key(key_id: Id, session: SessionDep, _admin: Admin) -> None:
    await keys.revoke_key(session=session, key_id=key_id)
