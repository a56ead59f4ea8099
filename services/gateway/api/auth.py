"""Sign in, refresh, sign out, who am I: `/api/auth/...`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.responses import Response

from services.common.auth import CurrentPrincipal
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES, Unauthorized, UnprocessableContent, problem_response
from services.gateway import accounts
from services.gateway.schemas import AccountPublic, PasswordForm, RefreshRequest, SignIn, TokenPair

router = APIRouter(prefix="/api/auth", tags=["auth"], responses=PROBLEM_RESPONSES)

# Only JSON is declared: client generators stumble on a body with two media types. The
# form is the `oauth2Password` security scheme's token URL (Swagger UI's Authorize).
_SIGN_IN_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/SignIn"}},
        },
    }
}


def _validate(model: type[BaseModel], data: Any, *, json: bool) -> Any:
    try:
        return model.model_validate_json(data) if json else model.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


@router.post(
    "/token",
    summary="Sign in with e-mail and password",
    description="JSON `{email, password}`, or the OAuth2 password form (`username`, `password`) "
    "as Swagger UI's Authorize sends it. Answers a short-lived access token and a single-use "
    "refresh token.",
    openapi_extra=_SIGN_IN_BODY,
    response_model=TokenPair,
)
async def sign_in(request: Request, session: SessionDep) -> TokenPair:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        form = _validate(PasswordForm, dict((await request.form()).items()), json=False)
        email, password = form.username, form.password
    elif content_type in ("application/json", ""):
        body = _validate(SignIn, await request.body() or b"{}", json=True)
        email, password = body.email, body.password
    else:
        raise UnprocessableContent(
            "Send JSON {email, password} or the OAuth2 password form.",
            status=415,
            slug="unsupported-media-type",
        )
    account = await accounts.authenticate(session=session, email=email, password=password)
    return await accounts.start_session(session=session, account=account, settings=request.app.state.settings)


@router.post(
    "/refresh",
    summary="Trade a refresh token for a new pair (the old one is used up)",
    response_model=TokenPair,
)
async def refresh(request: Request, body: RefreshRequest, session: SessionDep) -> TokenPair | Response:
    try:
        return await accounts.refresh(
            session=session, raw_token=body.refresh_token, settings=request.app.state.settings
        )
    except accounts.RefreshTokenReused as reused:
        # Answered, not raised: the family's revocation must be committed with this request.
        return problem_response(
            status=reused.status,
            detail=reused.detail,
            slug=reused.slug,
            instance=request.url.path,
            headers=reused.headers,
        )


@router.post(
    "/signout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out: revoke the refresh token (and every token refreshed from it)",
)
async def sign_out(body: RefreshRequest, session: SessionDep) -> None:
    await accounts.sign_out(session=session, raw_token=body.refresh_token)


@router.get("/me", summary="The signed-in account")
async def me(principal: CurrentPrincipal, session: SessionDep) -> AccountPublic:
    kind, _, raw_id = principal.sub.partition(":")
    if kind != "account" or not raw_id.isdigit():
        raise Unauthorized("This credential is not an account's (API keys have no profile).")
    account = await accounts.get_account(session=session, account_id=int(raw_id))
    if account is None or not account.active:
        raise Unauthorized("This account no longer exists or is deactivated.")
    return AccountPublic.model_validate(account)
