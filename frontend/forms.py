"""Forms checked with the API's own rules, and the API's field errors in the reader's language.

The rules come from the request models generated from the API (`frontend.api_models`), so
the website never keeps a second, drifting copy of them. A field error (ours or the API's
problem+json `errors`) is a field and a machine code (the API's `code`; pydantic's error type
mapped to the same codes by `services.common.errors.validation_code`); a page may name its
own message for a (field, code) pair, else the code's message in
`frontend.messages_catalogue` is shown. The API's English `message` is never shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from frontend.api_models import ProblemDetail
from frontend.gateway import ApiError
from frontend.i18n import gettext_ as _
from frontend.messages_catalogue import field_message, problem_message
from services.common.errors import validation_code, validation_params

ANY_CODE = "*"
MISSING = "missing"
# (field, code) -> English message id; (field, "*") for any other code of that field.
FieldMessages = Mapping[tuple[str, str], str]


def input_name(field: str) -> str:
    """The API's dotted field path as the form's input name: `title.fr` -> `title_fr`."""
    return field.replace(".", "_") or "form"


def message_for(
    messages: FieldMessages, field: str, code: str, params: Mapping[str, Any] | None = None
) -> str:
    msgid = messages.get((field, code)) or messages.get((field, ANY_CODE))
    return _(msgid) if msgid else field_message(code, params)


def model_errors(model: type[BaseModel], data: Mapping[str, Any], messages: FieldMessages) -> dict[str, str]:
    """The form's errors under the API's rules for `model`, one per input, translated.

    An empty value counts as missing (an empty e-mail is "enter your e-mail", not "invalid").
    """
    try:
        model.model_validate(dict(data))
    except ValidationError as exc:
        out: dict[str, str] = {}
        for error in exc.errors(include_url=False):
            field = ".".join(str(part) for part in error["loc"])
            ctx = error.get("ctx")
            if data.get(str(error["loc"][0])) in ("", None):
                code = MISSING
            else:
                code = validation_code(error["type"], ctx, str(error.get("msg", "")))
            out.setdefault(input_name(field), message_for(messages, field, code, validation_params(ctx)))
        return out
    return {}


def api_problem(exc: ApiError) -> ProblemDetail | None:
    """The API's problem+json as its typed model (None when the body was not one)."""
    try:
        return ProblemDetail.model_validate(exc.problem)
    except ValidationError:
        return None


def api_field_errors(exc: ApiError, messages: FieldMessages | None = None) -> dict[str, str]:
    """The API's field errors by input name, in the reader's language (never the API's English)."""
    problem = api_problem(exc)
    out: dict[str, str] = {}
    for error in (problem.errors if problem else None) or []:
        code = error.code if error.code and error.code != "invalid" else None
        if code is None:  # an answer without our code: map pydantic's type as the API does
            code = validation_code(error.type or "", None, error.message)
        out.setdefault(input_name(error.field), message_for(messages or {}, error.field, code, error.params))
    return out


def api_message(exc: ApiError) -> str:
    """What to tell a person of a refused request: its code in their words, never `detail`."""
    return problem_message(exc.problem, exc.status)
