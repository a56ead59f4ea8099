"""The session cookie's signature (itsdangerous) and the CSRF tokens derived from it."""

from __future__ import annotations

import time
from unittest import mock

from frontend.session import SESSION_MAX_AGE, Signer

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def test_a_signed_session_reads_back() -> None:
    signer = Signer("a secret")
    payload = {"sid": "abc", "role": "organiser", "exporter_id": None, "account": "née@example.ma"}
    assert signer.unsign(signer.sign(payload)) == payload


def test_any_altered_byte_is_no_session() -> None:
    signer = Signer("a secret")
    value = signer.sign({"sid": "abc", "role": "exporter"})
    for i, char in enumerate(value):
        # Flip the high bit of the base64 digit: a low bit can be padding that decodes the same.
        other = B64[B64.index(char) ^ 32] if char in B64 else "A"
        assert signer.unsign(value[:i] + other + value[i + 1 :]) is None, i
    assert signer.unsign("") is None
    assert signer.unsign("not.a.cookie") is None
    assert Signer("another secret").unsign(value) is None


def test_a_session_older_than_the_max_age_is_no_session() -> None:
    signer = Signer("a secret")
    with mock.patch("time.time", return_value=time.time() - SESSION_MAX_AGE - 5):
        old = signer.sign({"sid": "abc"})
    with mock.patch("time.time", return_value=time.time() - SESSION_MAX_AGE + 60):
        recent = signer.sign({"sid": "abc"})
    assert signer.unsign(old) is None
    assert signer.unsign(recent) == {"sid": "abc"}


def test_a_new_key_still_reads_cookies_signed_with_the_old_one() -> None:
    old = Signer("old secret").sign({"sid": "abc"})
    rotated = Signer(["old secret", "new secret"])
    assert rotated.unsign(old) == {"sid": "abc"}
    assert Signer("new secret").unsign(rotated.sign({"sid": "x"})) == {"sid": "x"}


def test_csrf_tokens_are_bound_to_the_session_id_the_purpose_and_the_key() -> None:
    signer = Signer("a secret")
    token = signer.token("csrf", "sid-1")
    assert token == Signer("a secret").token("csrf", "sid-1")
    assert token != signer.token("csrf", "sid-2")
    assert token != signer.token("other", "sid-1")
    assert token != Signer("another secret").token("csrf", "sid-1")
