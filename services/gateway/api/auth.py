"""Sign in, refresh, sign out, who am I: `/api/auth/...`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, BackgroundTasks, Request, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.responses import Response

from services.common.auth import CurrentPrincipal
from services.common.deps import SessionDep
from services.common.errors import (
    PROBLEM_MEDIA_TYPE,
    PROBLEM_RESPONSES,
    Problem,
    ProblemDetail,
    Unauthorized,
    UnprocessableContent,
    problem_response,
)
from services.gateway import accounts
from services.gateway.schemas import (
    AccountPublic,
    PasswordForm,
    RefreshRequest,
    SignIn,
    TokenPair,
    WebSessionStarted,
)

# Sign-in back-off (`signin-locked`) and the edge's rate limits answer 429 problems.
router = APIRouter(
    prefix="/api/auth",
    tags=["auth"],
    responses={
        **PROBLEM_RESPONSES,
        429: {
            "model": ProblemDetail,
            "content": {PROBLEM_MEDIA_TYPE: {}},
            "description": "`signin-locked` or `too-many-requests`: retry after Retry-After seconds",
        },
    },
)

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
    operation_id="auth.signIn",
    summary="Sign in with e-mail and password",
    description="JSON `{email, password}`, or the OAuth2 password form (`username`, `password`) "
    "as Swagger UI's Authorize sends it. Answers a short-lived access token and a single-use "
    "refresh token.",
    openapi_extra=_SIGN_IN_BODY,
    response_model=TokenPair,
)
async def sign_in(request: Request, session: SessionDep) -> TokenPair | Response:
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
    settings = request.app.state.settings
    try:
        account = await accounts.authenticate(
            session=session, email=email, password=password, settings=settings
        )
    except accounts.SigninFailed as failed:
        # Answered, not raised: the failure count must be committed with this request.
        return _answer(failed, request)
    return await accounts.start_session(session=session, account=account, settings=settings)


def _answer(problem: Problem, request: Request) -> Response:
    return problem_response(
        status=problem.status,
        detail=problem.detail,
        slug=problem.slug,
        instance=request.url.path,
        headers=problem.headers,
        extra=problem.extra,
        params=problem.params,
    )


@router.post(
    "/refresh",
    operation_id="auth.refresh",
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
    operation_id="auth.signOut",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out: revoke the refresh token (and every token refreshed from it)",
    description="The access tokens of that session are refused from the next call on.",
)
async def sign_out(
    request: Request, body: RefreshRequest, session: SessionDep, background: BackgroundTasks
) -> None:
    await accounts.sign_out(session=session, raw_token=body.refresh_token)
    forget_sessions(request, background)


def forget_sessions(request: Request, background: BackgroundTasks) -> None:
    """Drop the gateway's cached session checks now and again once the change is committed."""
    guard = request.app.state.session_guard
    guard.forget()
    background.add_task(guard.forget)


@router.post(
    "/sessions",
    operation_id="auth.startSession",
    status_code=status.HTTP_201_CREATED,
    summary="Sign in for a website session (the website keeps only the session id)",
    description="The session id is sent as `Authorization: Session <id>`; signing out "
    "(`DELETE /api/auth/sessions/current`) or deactivating the account ends it at once.",
    response_model=WebSessionStarted,
)
async def start_web_session(
    request: Request, body: SignIn, session: SessionDep
) -> WebSessionStarted | Response:
    settings = request.app.state.settings
    try:
        account = await accounts.authenticate(
            session=session, email=body.email, password=body.password, settings=settings
        )
    except accounts.SigninFailed as failed:
        return _answer(failed, request)
    raw, _web = await accounts.start_web_session(session=session, account=account, settings=settings)
    return WebSessionStarted(
        session=raw,
        expires_in=settings.web_session_ttl_seconds,
        account=AccountPublic.model_validate(account),
    )


@router.delete(
    "/sessions/current",
    operation_id="auth.endSession",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out the session this call is made with",
)
async def end_current_session(
    request: Request, principal: CurrentPrincipal, session: SessionDep, background: BackgroundTasks
) -> None:
    if principal.sid is None:
        raise Unauthorized("This credential is not a session's.")
    await accounts.end_session(session=session, sid=principal.sid)
    forget_sessions(request, background)


@router.get("/me", operation_id="auth.me", summary="The signed-in account")
async def me(principal: CurrentPrincipal, session: SessionDep) -> AccountPublic:
    kind, _, raw_id = principal.sub.partition(":")
    if kind != "account" or not raw_id.isdigit():
        raise Unauthorized("This credential is not an account's (API keys have no profile).")
    account = await accounts.get_account(session=session, account_id=int(raw_id))
    if account is None or not account.active:
        raise Unauthorized("This account no longer exists or is deactivated.")
    return AccountPublic.model_validate(account)
