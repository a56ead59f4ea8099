"""Schemathesis with every check and its stateful phase, anonymously and as an organiser (#19.2).

The real platform (tests/support/stack.py), the gateway's merged OpenAPI document, rate
limits raised for the run (SHARED_ENV) so that every operation is reached. Every check
schemathesis has is on: no 5xx, every answer in its declared schema, status code, content
type and headers; schema-valid data accepted, schema-invalid data refused; and the
stateful phase, which follows the document's links (create -> read -> update -> delete).

What runs, and why (issue #20 item 9: the same proof for half the CPU). Two runs, each ends by
itself when its cases are done (no --max-time: a time budget is spent whatever happens, and on a
loaded machine it silently tests less: the coverage phase was cut to a slice per operation, the
fuzzing phase reached 12 of 98 operations):

- anonymously: the 38 operations an anonymous caller may use (``security: []``), the coverage
  phase's *negative* cases, deterministic: the document's boundaries broken one at a time, each
  of which must be a 4xx problem, never a 500. Of the 60 secured operations a sample, one request
  each, for their 401 answer against the document (tests/hardening/test_authorisation.py asserts
  the 401 of every write operation for an anonymous caller); the 401s of every coverage case of
  every secured operation were most of this run's cost and proved nothing more.
- as an organiser: every operation, the coverage phase's *positive* cases (the happy path and every
  valid boundary: minimum, maximum, each enum value, optional fields left out), then the stateful
  phase. The organiser's negative cases would go through the same validation (the services'
  request models and problem handler) as the anonymous ones.
- the fuzzing phase (random data) is left out: it cost ~0.4 s of CPU per operation before the
  first request (building its strategies) and, bounded by time, never reached most operations.
  test_fuzzing.py keeps a fuzzing run over the admin's own operations.

Known refusals that no schema can state are switched off per operation (KNOWN), not tolerated
after the fact: every other check still runs on those operations, and any failure fails the test.
A longer run, for a release (both modes in both runs):

    MIM_SCHEMATHESIS_EXAMPLES=20 MIM_SCHEMATHESIS_SEED=777 MIM_SCHEMATHESIS_ARGS="--mode all" \\
        .venv/bin/pytest tests/hardening/test_schemathesis.py -q -s

(MIM_SCHEMATHESIS_ARGS adds flags, e.g. ``--include-path-regex`` to triage one operation.)
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.conftest import Callers
from tests.support.databases import DatabaseFactory
from tests.support.stack import API_PROCESSES, SHARED_ENV, Stack, running_stack

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
EXAMPLES = int(os.environ.get("MIM_SCHEMATHESIS_EXAMPLES", "4"))
SEED = os.environ.get("MIM_SCHEMATHESIS_SEED", "20261201")

# The platform's start (first test) plus two runs that end by themselves, on a loaded 2-core machine.
pytestmark = [pytest.mark.long, pytest.mark.timeout(900)]

# `security: []` marks the operations an anonymous caller may use (the optional-auth reads among them).
PUBLIC = "/security == []"
SECURED = "/security != []"
# Secured operations the anonymous run still calls once each: their 401 answer checked against the
# document (status, problem+json body, headers). The 401 of every write operation for an anonymous
# caller is asserted by tests/hardening/test_authorisation.py; these add reads of every service and
# DELETE /api/auth/sessions/current, which the organiser's run cannot call (it would end its session).
ANONYMOUS_SAMPLE = (
    "DELETE /api/auth/sessions/current",
    "GET /api/auth/me",
    "GET /api/events/events/{event_id}/attendees",
    "GET /api/registry/label-applications",
    "GET /api/webhooks/endpoints",
)

# Checks switched off for one operation, each with its reason: data the document calls valid that
# the server refuses with a 422 naming the field (positive_data_acceptance, ST202), for rules no
# schema can state. Every other check stays on for these operations; any failure fails the test.
# A server error or a response outside the document (the ST1xx checks) is never in this list.
KNOWN: dict[tuple[str, str], str] = {
    # The body of a CSV import is text/csv: its columns cannot be stated in OpenAPI.
    (
        "positive_data_acceptance",
        "POST /api/registry/exporters/import",
    ): "CSV content rules are not expressible",
    # A reference to a row that does not exist (a product id, a series slug) is a 422 naming the
    # field: whether a row exists is the database's to say, and no schema can state it.
    (
        "positive_data_acceptance",
        "POST /api/registry/label-applications",
    ): "product_id of no product: 422 product_id",
    (
        "positive_data_acceptance",
        "PATCH /api/events/events/{event_id}",
    ): "series slug of no series: 422 series",
    ("positive_data_acceptance", "POST /api/events/events"): "series slug of no series: 422 series",
    (
        "positive_data_acceptance",
        "POST /api/registry/contact-requests",
    ): "slug of no exporter; special-use e-mail domains",
    # A check-in names its guest by exactly one of `token` and `rsvp_id` (both, or neither, is a
    # 422 naming them): said in the description; "exactly one of two nullable fields" has no
    # schema that the generated clients and schemathesis read alike.
    (
        "positive_data_acceptance",
        "POST /api/events/events/{event_id}/checkins",
    ): "exactly one of token and rsvp_id",
    (
        "positive_data_acceptance",
        "POST /api/events/events/{event_id}/checkins/sync",
    ): "exactly one of token and rsvp_id",
    # An upload's bytes are judged by what they are (sniffed JPEG/PNG/WebP, decodable, nothing
    # appended), which no schema states: schema-valid random bytes get 415/422 on `file`.
    (
        "positive_data_acceptance",
        "PUT /api/registry/exporters/{slug}/logo",
    ): "image bytes are sniffed and decoded",
    (
        "positive_data_acceptance",
        "POST /api/registry/products/{product_id}/photos",
    ): "image bytes are sniffed and decoded",
    # `format: email` is the address's shape; email-validator also refuses domains that can
    # never receive mail (RFC 6761 special-use names: .test, .invalid, localhost...), a 422
    # `invalid-email` on the field. Every operation that takes an address:
    ("positive_data_acceptance", "POST /api/auth/accounts"): "special-use e-mail domains are refused",
    ("positive_data_acceptance", "POST /api/auth/sessions"): "special-use e-mail domains are refused",
    ("positive_data_acceptance", "POST /api/auth/token"): "special-use e-mail domains are refused",
    (
        "positive_data_acceptance",
        "POST /api/events/events/{event_id}/guests",
    ): "special-use e-mail domains are refused",
    (
        "positive_data_acceptance",
        "POST /api/events/events/{event_id}/rsvps",
    ): "special-use e-mail domains are refused",
    (
        "positive_data_acceptance",
        "POST /api/events/events/{event_id}/walk-ins",
    ): "special-use e-mail domains are refused",
    ("positive_data_acceptance", "POST /api/registry/exporters"): "special-use e-mail domains are refused",
    (
        "positive_data_acceptance",
        "POST /api/registry/exporters/{slug}/contact",
    ): "special-use e-mail domains are refused",
    # Export markets are ISO 3166-1 codes (any case, Morocco excluded): the schema says string;
    # the address as above.
    (
        "positive_data_acceptance",
        "PATCH /api/registry/exporters/{slug}",
    ): "ISO 3166-1 markets; special-use e-mail domains",
    # A webhook URL must be https to a public address in production (http to 127.0.0.1 only
    # outside it), decided by resolving its host: the document states the shape, not the DNS.
    (
        "positive_data_acceptance",
        "POST /api/webhooks/endpoints",
    ): "the URL's host is judged by DNS at the server",
    (
        "positive_data_acceptance",
        "PATCH /api/webhooks/endpoints/{endpoint_id}",
    ): "the URL's host is judged by DNS at the server",
    # GET /labels/{certificate_number} answers /labels/verify too (a 404 for that number), so the
    # 405 for OPTIONS (an unexpected method) truthfully allows GET beside the documented POST.
    (
        "allow_header_conformance",
        "POST /api/registry/labels/verify",
    ): "GET /labels/{certificate_number} matches it",
}


@pytest.fixture(scope="module")
def platform(databases: DatabaseFactory, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A platform of its own, not the shared one: signed in as an organiser, the fuzzer changes
    whatever an organiser may, the demo labels and events included, which the tests sharing
    ``shared_stack`` read (run first, it made them fail)."""
    logs = tmp_path_factory.mktemp("schemathesis-logs")
    with running_stack(databases, logs, processes=API_PROCESSES, extra_env=SHARED_ENV) as stack:
        yield stack


Operations = list[dict[str, object]]


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return json.dumps(value)  # an int, or a string in TOML's basic-string syntax


def _config(operations: Operations) -> str:
    """schemathesis.toml: every check on, then one ``[[operations]]`` table per group of operations."""
    tables = ["[checks]\nenabled = true\n"]
    for operation in operations:
        tables.append(
            "[[operations]]\n" + "".join(f"{key} = {_toml(value)}\n" for key, value in operation.items())
        )
    return "\n".join(tables)


def _known() -> Operations:
    by_check: dict[str, list[str]] = {}
    for check, name in KNOWN:
        by_check.setdefault(check, []).append(name)
    return [{"include-name": names, f"checks.{check}.enabled": False} for check, names in by_check.items()]


def _anonymous() -> Operations:
    """The operations an anonymous caller may use: the coverage phase's negative cases, the document's
    boundaries broken one at a time (wrong types, out of range, missing required fields, unexpected
    methods), each of which must be a 4xx. Of the secured operations only the sample, one case each."""
    return [
        *_known(),
        {
            "include-by": PUBLIC,
            "phases.coverage.generation.mode": "negative",
            "phases.fuzzing.enabled": False,
        },
        {"include-by": SECURED, "exclude-name": list(ANONYMOUS_SAMPLE), "enabled": False},
        {
            "include-name": list(ANONYMOUS_SAMPLE),
            "phases.coverage.enabled": False,
            "generation.max-examples": 1,
        },
    ]


def _organiser() -> Operations:
    """Every operation with the organiser's token: the coverage phase's positive cases (the happy
    path and every valid boundary: minimum, maximum, each enum value, optional fields left out),
    then the stateful phase's create -> read -> update -> delete along the document's links."""
    return _known()


def _argv(
    platform: Stack,
    tmp_path: Path,
    headers: dict[str, str],
    operations: Operations,
    *,
    phases: str,
    mode: str,
) -> list[str]:
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(operations))
    argv = [
        SCHEMATHESIS,
        "--config-file",
        str(config),
        "run",
        f"{platform.gateway}/openapi.json",
        "--phases",
        phases,
        "--mode",
        mode,
        "--max-examples",
        str(EXAMPLES),
        "--seed",
        SEED,
        "--workers",
        "1",
        "--generation-database",
        "none",
        "--request-timeout",
        "15",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(tmp_path),
    ]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    # To triage one operation: MIM_SCHEMATHESIS_ARGS="--include-path-regex ^/api/events/events$"
    return argv + shlex.split(os.environ.get("MIM_SCHEMATHESIS_ARGS", ""))


def failures(output: str) -> set[tuple[str, str]]:
    """(check code, "METHOD /path") for each failure in schemathesis's text report."""
    found: set[tuple[str, str]] = set()
    operation = ""
    for line in output.splitlines():
        heading = re.fullmatch(r"_{3,} (\S+ \S+) _{3,}", line.strip())
        if heading:
            operation = heading.group(1)
            continue
        check = re.match(r"- (ST\d{3}) ", line.strip())
        if check and operation:
            found.add((check.group(1), operation))
    return found


def _schemathesis(
    platform: Stack,
    tmp_path: Path,
    headers: dict[str, str],
    operations: Operations,
    *,
    phases: str,
    mode: str,
) -> str:
    argv = _argv(platform, tmp_path, headers, operations, phases=phases, mode=mode)
    # schemathesis and hypothesis (~900 modules) start from the bytecode `make install` compiled.
    result = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    output = result.stdout + result.stderr
    summary = output[-12000:]
    # The figures of the run (shown with -s): operations, phases, cases generated, failures.
    print(f"--- {phases}\n" + output[output.find("Examples (") :])
    assert "Tested: " in output, summary
    assert result.returncode == 0, f"schemathesis found {sorted(failures(output))}:\n{summary}"
    return output


def test_schemathesis_every_check_anonymously(platform: Stack, tmp_path: Path) -> None:
    # No stateful phase: its links lead from a create to a read/update/delete, and an anonymous
    # caller may create nothing but a pending RSVP (whose token only the mailbox gets). The
    # organiser's run below follows the links.
    _schemathesis(platform, tmp_path, {}, _anonymous(), phases="examples,coverage,fuzzing", mode="negative")


def test_schemathesis_every_check_as_an_organiser(platform: Stack, callers: Callers, tmp_path: Path) -> None:
    # DELETE /api/auth/sessions/current ends the caller's own session: called with the organiser's
    # token, every later request would be a 401 (the anonymous run calls it).
    operations = [*_organiser(), {"include-name": "DELETE /api/auth/sessions/current", "enabled": False}]
    output = _schemathesis(
        platform,
        tmp_path,
        callers["organiser"],
        operations,
        phases="examples,coverage,stateful",
        mode="positive",
    )
    scenarios = re.search(r"Scenarios:\s+(\d+)", output)
    assert scenarios and int(scenarios.group(1)) > 0, "the stateful phase ran no scenario:\n" + output[-3000:]
