"""The website checks forms with the API's own rules and shows the API's field errors translated."""

from __future__ import annotations

import pytest

from frontend.forms import api_field_errors
from frontend.gateway import ApiError
from frontend.i18n import current_language
from frontend.pages.desk.event_forms import EVENT_MESSAGES
from frontend.pages.events import RSVP_MESSAGES, validate_rsvp

GUEST = {"name": "Ali", "email": "ali@example.ma", "consent": "on"}


@pytest.fixture(autouse=True)
def english() -> None:
    current_language.set("en")


def test_the_rsvp_form_follows_the_apis_rules() -> None:
    assert validate_rsvp(GUEST, final=True) == {}
    # The API takes a one-letter name (the website used to ask for two).
    assert validate_rsvp({**GUEST, "name": "A"}, final=True) == {}
    assert validate_rsvp({**GUEST, "phone": "+212 6 12 34 56 78"}, final=True) == {}
    errors = validate_rsvp({**GUEST, "phone": "06 12 ab", "name": "x" * 201}, final=True)
    assert errors == {
        "phone": "This phone number does not look valid.",
        "name": "Please enter your full name.",
    }


def test_an_empty_field_is_missing_and_only_filled_fields_are_judged_while_typing() -> None:
    errors = validate_rsvp({"name": "", "email": ""}, final=True)
    assert errors == {
        "name": "Please enter your full name.",
        "email": "Please enter your e-mail address.",
        "consent": "Please accept that we keep your details for this event.",
    }
    assert validate_rsvp({"name": "", "email": "nope"}, final=False) == {
        "email": "This e-mail address does not look valid."
    }


def test_the_apis_field_errors_are_shown_in_the_readers_language() -> None:
    problem = {
        "status": 422,
        "title": "Unprocessable Content",
        "errors": [
            {"field": "email", "message": "value is not a valid email address", "type": "value_error"},
            {"field": "organisation", "message": "String should have at most 200 characters",
             "type": "string_too_long", "code": "too-long", "params": {"max_length": 200}},
            {"field": "website", "message": "Some English the API may say", "type": "whatever",
             "code": "a-code-from-the-future"},
        ],
    }  # fmt: skip
    errors = api_field_errors(ApiError(422, problem), RSVP_MESSAGES)
    assert errors["email"] == "This e-mail address does not look valid."
    # No page message for this pair: the code's own, with its number; never the API's English.
    assert errors["organisation"] == "At most 200 characters."
    assert errors["website"] == "This value is not valid."
    current_language.set("fr")
    errors = api_field_errors(ApiError(422, problem), RSVP_MESSAGES)
    assert errors["email"] == "Cette adresse e-mail ne semble pas valide."
    assert errors["organisation"] == "200\u00a0caractères au plus." or errors["organisation"].startswith(
        "200"
    )
    assert (
        "String should" not in errors["organisation"]
        and errors["website"] == "Cette valeur n'est pas valide."
    )


def test_a_nested_api_field_lands_on_its_input() -> None:
    problem = {
        "status": 422,
        "title": "x",
        "errors": [{"field": "title.fr", "message": "m", "type": "missing"}],
    }
    assert api_field_errors(ApiError(422, problem), EVENT_MESSAGES) == {
        "title_fr": "A French title is required."
    }
    assert api_field_errors(ApiError(400, {"status": 400, "detail": "plain"})) == {}
