"""RFC 9457 problem details for every error a service can answer.

Raise :class:`Problem` (or one of its named subclasses) from service code; the
handlers installed by :func:`install_problem_handlers` turn it, HTTP errors,
validation errors and anything unexpected into ``application/problem+json``
with the request id. A traceback never reaches the client.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from services.common.context import REQUEST_ID_HEADER, current_request_id
from services.common.middleware import loggable_path

logger = logging.getLogger("mim.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://made-in-morocco.ma/problems/"


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `email` or `items.0.ice`")
    message: str
    type: str = "value_error"


class ProblemDetail(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


class Problem(Exception):
    """An error with an HTTP status that becomes a problem+json answer."""

    status: int = 400
    slug: str | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
        slug: str | None = None,
        errors: Sequence[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or title or "")
        if status is not None:
            self.status = status
        if slug is not None:
            self.slug = slug
        self.detail = detail
        self.title = title or HTTPStatus(self.status).phrase
        self.errors = list(errors) if errors else None
        self.headers = headers or {}
        self.extra = extra or {}

    @classmethod
    def for_field(cls, field: str, message: str, *, status: int | None = None, **kw: Any) -> Problem:
        return cls(message, status=status, errors=[FieldError(field=field, message=message)], **kw)


class NotFound(Problem):
    status = 404
    slug = "not-found"


class Conflict(Problem):
    status = 409
    slug = "conflict"


class Unauthorized(Problem):
    status = 401
    slug = "unauthorized"

    def __init__(self, detail: str | None = None, **kw: Any) -> None:
        kw.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="made-in-morocco"'})
        super().__init__(detail, **kw)


class Forbidden(Problem):
    status = 403
    slug = "forbidden"


class UnprocessableContent(Problem):
    status = 422
    slug = "validation-error"


class ServiceUnavailable(Problem):
    status = 503
    slug = "service-unavailable"


def problem_response(
    *,
    status: int,
    title: str | None = None,
    detail: str | None = None,
    slug: str | None = None,
    errors: Sequence[FieldError] | None = None,
    instance: str | None = None,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    request_id = current_request_id()
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = [e.model_dump() for e in errors]
    if extra:
        body.update(extra)
    response_headers = dict(headers or {})
    if request_id:
        response_headers.setdefault(REQUEST_ID_HEADER, request_id)
    return Response(
        orjson.dumps(body),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=response_headers,
    )


def _field_path(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or str(loc[0] if loc else "")


def validation_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid value"))
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        out.append(
            FieldError(
                field=_field_path(err.get("loc", ())),
                message=message,
                type=str(err.get("type", "value_error")),
            )
        )
    return out


_STATUS_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return problem_response(
            status=exc.status,
            title=exc.title,
            detail=exc.detail,
            slug=exc.slug or _STATUS_SLUGS.get(exc.status),
            errors=exc.errors,
            instance=request.url.path,
            headers=exc.headers,
            extra=exc.extra,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}"
        return problem_response(
            status=exc.status_code,
            detail=detail,
            slug=_STATUS_SLUGS.get(exc.status_code),
            instance=request.url.path,
            headers=dict(exc.headers or {}),
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = validation_errors(exc)
        fields = ", ".join(sorted({e.field for e in errors})) or "request"
        return problem_response(
            status=422,
            title="Your request is not valid",
            detail=f"Check these fields: {fields}",
            slug="validation-error",
            errors=errors,
            instance=request.url.path,
        )

    @app.exception_handler(OperationalError)
    async def _database_busy(request: Request, exc: OperationalError) -> Response:
        # Locked/busy database or lost connection: the transaction was rolled back,
        # nothing was written; the client may retry.
        logger.warning(
            "database unavailable",
            extra={"error": str(exc.orig)[:200], "path": loggable_path(request.url.path)},
        )
        return problem_response(
            status=503,
            detail="The database is busy or unreachable; nothing was changed. Please retry.",
            slug="database-unavailable",
            instance=request.url.path,
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        logger.exception("unhandled error", extra={"path": loggable_path(request.url.path)})
        return problem_response(
            status=500,
            detail="An unexpected error occurred; it has been logged with this request id.",
            slug="internal-error",
            instance=request.url.path,
        )


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {
        "model": ProblemDetail,
        "content": {PROBLEM_MEDIA_TYPE: {}},
        "description": HTTPStatus(status).phrase,
    }
    for status in (400, 401, 403, 404, 409, 422)
}
"""Pass to ``responses=`` on routers so the OpenAPI document declares problem answers."""
