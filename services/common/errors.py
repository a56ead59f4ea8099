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
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from services.common.context import REQUEST_ID_HEADER, current_request_id
from services.common.middleware import loggable_path

logger = logging.getLogger("mim.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://made-in-morocco.ma/problems/"


# Every machine code a field error can carry, with what it means. A client shows its own
# words for a code (the website does, in fr/en/ar); `message` is English for developers.
FIELD_CODES: dict[str, str] = {
    "missing": "the field is required and was not sent, or sent empty",
    "too-short": "text shorter than `params.min_length`",
    "too-long": "text longer than `params.max_length`",
    "too-few": "a list with fewer than `params.min_length` items",
    "too-many": "a list with more than `params.max_length` items",
    "too-small": "a number below `params.ge` / `params.gt`",
    "too-large": "a number above `params.le` / `params.lt`",
    "not-a-number": "a number was expected",
    "not-an-integer": "a whole number was expected",
    "not-a-boolean": "true or false was expected",
    "invalid-date": "not a date or date-time in ISO 8601",
    "invalid-url": "not an absolute http(s) URL",
    "invalid-email": "not an e-mail address",
    "invalid-phone": "not a valid phone number",
    "invalid-ice": "not a valid ICE (15 digits with a valid checksum)",
    "invalid-slug": "not a slug (lower-case letters, digits and hyphens)",
    "invalid-format": "does not match the expected format",
    "invalid-character": "a control or invisible character that text may not hold",
    "invalid-choice": "not one of the allowed values",
    "invalid-json": "the body is not valid JSON",
    "wrong-type": "a value of another type was expected",
    "unknown-field": "a field the operation does not accept",
    "hs-code-format": "an HS code has 6 to 10 digits",
    "hs-chapter-format": "an HS chapter has two digits",
    "unknown-country": "not an ISO 3166-1 alpha-2 country code",
    "market-is-morocco": "an export market is a country other than Morocco",
    "unknown-region": "no region with this code",
    "unknown-sector": "no sector with this slug",
    "unknown-series": "no event series with this slug",
    "unknown-exporter": "no exporter with this id",
    "unknown-product": "no product with this id",
    "exporter-not-yours": "the exporter is not the caller's",
    "duplicate": "the value must be unique and is already used",
    "duplicates": "a list repeats a value",
    "reserved": "the value is reserved",
    "not-null": "the field may not be null",
    "forbidden-field": "the caller may not change this field",
    "invalid-times": "the times are not in order (e.g. an end before its start)",
    "coordinates-pair": "a latitude without a longitude, or the other way round",
    "year-out-of-range": "a year before 1800 or in the future",
    "not-utf8": "the file is not UTF-8 text",
    "invalid-csv": "the file is not valid CSV",
    "missing-column": "a required CSV column is missing",
    "unknown-column": "a CSV column that is not expected",
    "idempotency-key-reused": "this Idempotency-Key was used with another request",
    "label-rule": "the product does not meet a rule of the label",
    "file-too-large": "the file is larger than `params.max_bytes` (`params.max_mb` MiB)",
    "image-type": "not a JPEG, PNG or WebP image, judged by its bytes (SVG, HTML... are refused)",
    "image-too-many-pixels": "more than `params.max_pixels` pixels (`params.max_megapixels` MP)",
    "image-trailing-data": "bytes after the image's end (a polyglot file)",
    "image-damaged": "a truncated or damaged image",
    "invalid": "any other invalid value",
}


def _codes_doc(codes: dict[str, str]) -> str:
    return "; ".join(f"`{code}`: {meaning}" for code, meaning in codes.items())


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `email` or `items.0.ice`")
    message: str = Field(description="English, for developers; show your own words for `code`")
    type: str = "value_error"
    code: str = Field(
        "invalid",
        description="Machine code of the error, stable across releases: " + _codes_doc(FIELD_CODES),
        examples=["too-long"],
    )
    params: dict[str, str | int | float] | None = Field(
        None,
        description="Values to put in a message for `code` "
        "(`min_length`, `max_length`, `ge`, `le`, `value`...)",
    )


# Every machine code a problem can carry (the last part of its `type` URL).
PROBLEM_CODES: dict[str, str] = {
    "bad-request": "the request is malformed",
    "unauthorized": "no valid credential",
    "forbidden": "the credential may not do this",
    "not-found": "no such resource",
    "method-not-allowed": "the path does not answer this method",
    "conflict": "the change conflicts with the current state",
    "gone": "the resource is no longer available",
    "payload-too-large": "the body is too large",
    "unsupported-media-type": "the body's media type is not accepted",
    "validation-error": "some fields are not valid: see `errors`",
    "too-many-requests": "too many requests: retry after `Retry-After`",
    "service-unavailable": "a service is down: retry later",
    "database-unavailable": "the database is busy: retry",
    "internal-error": "an unexpected error, logged with the request id",
    "bad-gateway": "a service behind the gateway gave no valid answer: retry",
    "gateway-timeout": "a service behind the gateway did not answer in time",
    "rsvp-not-open": "RSVPs are not open yet: they open at `opens_at`",
    "rsvp-closed": "RSVPs are closed for this event",
    "event-not-published": "the event is not published",
    "event-past": "the event is over",
    "event-cancelled": "the event has been cancelled",
    "confirmation-expired": "the confirmation link has expired: RSVP again",
    "already-checked-in": "the guest is already checked in",
    "not-confirmed": "the RSVP is not confirmed: the guest has no seat",
    "no-entry-pass": "the RSVP has no entry pass",
    "too-many-pending": "too many unconfirmed RSVPs from this address",
    "exporter-not-yours": "the exporter is not the caller's",
    "open-application": "the product already has an open label application",
    "invalid-transition": "the application cannot move to this status",
    "label-rule": "the product does not meet the label's rules",
    "label-held": "a labelled exporter or product cannot be deleted: withdraw the label",
    "already-labelled": "the product already holds a live label",
    "session-ended": "the session has ended: sign in again",
    "idempotency-key-reused": "this Idempotency-Key was used with another request",
    "signin-locked": "too many failed sign-ins: retry after `Retry-After`",
    "contact-expired": "the contact request's link has expired: write the message again",
    "too-many-photos": "the product has its `params.max_photos` photos already",
}


class ProblemDetail(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = Field(None, description="English, for developers; show your own words for `code`")
    instance: str | None = None
    request_id: str | None = None
    code: str | None = Field(
        None,
        description="Machine code of the problem (the last part of `type`), stable across releases: "
        + _codes_doc(PROBLEM_CODES),
        examples=["rsvp-not-open"],
    )
    params: dict[str, str | int | float] | None = Field(
        None,
        description="Values to put in a message for `code`, e.g. `opens_at` (ISO 8601, UTC) for "
        "`rsvp-not-open`",
    )
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
        params: dict[str, str | int | float] | None = None,
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
        self.params = params or None

    def to_response(self, *, instance: str | None = None) -> Response:
        """This problem as an ``application/problem+json`` answer (also for pure ASGI code)."""
        return problem_response(
            status=self.status,
            title=self.title,
            detail=self.detail,
            slug=self.slug or _STATUS_SLUGS.get(self.status),
            errors=self.errors,
            instance=instance,
            headers=self.headers,
            extra=self.extra,
            params=self.params,
        )

    @classmethod
    def for_field(
        cls,
        field: str,
        message: str,
        *,
        code: str = "invalid",
        status: int | None = None,
        field_params: dict[str, str | int | float] | None = None,
        **kw: Any,
    ) -> Problem:
        error = FieldError(field=field, message=message, code=code, params=field_params)
        return cls(message, status=status, errors=[error], **kw)


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
    params: dict[str, str | int | float] | None = None,
) -> Response:
    request_id = current_request_id()
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + slug if slug else "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
    }
    code = slug or _STATUS_SLUGS.get(status)
    if code:
        body["code"] = code
    if params:
        body["params"] = params
    if detail:
        body["detail"] = detail
    if instance:
        body["instance"] = instance
    if request_id:
        body["request_id"] = request_id
    if errors:
        body["errors"] = [e.model_dump(exclude_none=True) for e in errors]
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


# pydantic's error types -> our field codes (the one place they are mapped; the website
# maps its own form checks through it too).
VALIDATION_CODES: dict[str, str] = {
    "missing": "missing",
    "string_too_short": "too-short",
    "string_too_long": "too-long",
    "too_short": "too-few",
    "too_long": "too-many",
    "greater_than": "too-small",
    "greater_than_equal": "too-small",
    "less_than": "too-large",
    "less_than_equal": "too-large",
    "int_parsing": "not-an-integer",
    "int_type": "not-an-integer",
    "int_from_float": "not-an-integer",
    "float_parsing": "not-a-number",
    "float_type": "not-a-number",
    "decimal_parsing": "not-a-number",
    "finite_number": "not-a-number",
    "bool_parsing": "not-a-boolean",
    "bool_type": "not-a-boolean",
    "date_parsing": "invalid-date",
    "date_from_datetime_parsing": "invalid-date",
    "date_type": "invalid-date",
    "datetime_parsing": "invalid-date",
    "datetime_from_date_parsing": "invalid-date",
    "datetime_type": "invalid-date",
    "timezone_aware": "invalid-date",
    "url_parsing": "invalid-url",
    "url_scheme": "invalid-url",
    "url_syntax_violation": "invalid-url",
    "url_too_long": "too-long",
    "url_type": "invalid-url",
    "enum": "invalid-choice",
    "literal_error": "invalid-choice",
    "json_invalid": "invalid-json",
    "extra_forbidden": "unknown-field",
    "string_type": "wrong-type",
    "list_type": "wrong-type",
    "dict_type": "wrong-type",
    "model_type": "wrong-type",
    "model_attributes_type": "wrong-type",
    "none_required": "wrong-type",
    "string_pattern_mismatch": "invalid-format",
    "value_error": "invalid",
    "assertion_error": "invalid",
    "control_character": "invalid-character",
    "format_character": "invalid-character",
    "invalid_character": "invalid-character",
    "date_out_of_range": "invalid-date",
}
# A pattern mismatch says more when the pattern is one we know.
PATTERN_CODES: dict[str, str] = {
    r"^\d{6,10}$": "hs-code-format",
    r"^\d{15}$": "invalid-ice",
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "invalid-slug",
}
_PARAM_KEYS = ("min_length", "max_length", "ge", "gt", "le", "lt")


def validation_code(error_type: str, ctx: dict[str, Any] | None = None, message: str = "") -> str:
    """Our field code for one pydantic error (`type` and `ctx` as ``errors()`` gives them)."""
    if error_type in FIELD_CODES:  # a PydanticCustomError raised with one of our codes
        return error_type
    if error_type == "string_pattern_mismatch" and ctx:
        return PATTERN_CODES.get(str(ctx.get("pattern", "")), "invalid-format")
    if error_type == "value_error" and "email address" in message:
        return "invalid-email"
    return VALIDATION_CODES.get(error_type, "invalid")


def validation_params(ctx: dict[str, Any] | None) -> dict[str, str | int | float] | None:
    params: dict[str, str | int | float] = {}
    for key in _PARAM_KEYS:
        value = (ctx or {}).get(key)
        if isinstance(value, int | float | str) and not isinstance(value, bool):
            params[key] = value
    return params or None


def validation_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid value"))
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        error_type = str(err.get("type", "value_error"))
        ctx = err.get("ctx")
        out.append(
            FieldError(
                field=_field_path(err.get("loc", ())),
                message=message,
                type=error_type,
                code=validation_code(error_type, ctx, message),
                params=validation_params(ctx),
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
    410: "gone",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> str:
    """Every method the app answers at this path (RFC 9110: a 405 lists them in ``Allow``).

    Starlette's own 405 names only the first route that matched the path, so with GET and
    POST on one path in two routers, ``Allow`` said only GET.
    """
    methods = {
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL
            for route in request.app.router.routes
        )
    }
    if "GET" in methods:
        methods.add("HEAD")
    return ", ".join(sorted(methods))


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return exc.to_response(instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else None
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"No resource at {request.url.path}"
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(
            status=exc.status_code,
            detail=detail,
            slug=_STATUS_SLUGS.get(exc.status_code),
            instance=request.url.path,
            headers=headers,
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

    @app.exception_handler(IntegrityError)
    async def _constraint(request: Request, exc: IntegrityError) -> Response:
        # Two writers raced for the same unique value (a slug...): the loser is told, nothing is
        # written. Code that can name the field catches IntegrityError itself and says so.
        return problem_response(
            status=409,
            detail="This change conflicts with data written at the same moment; nothing was changed. "
            "Reload and try again.",
            slug="conflict",
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
