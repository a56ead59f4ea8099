"""API fuzzing of the admin's own operations, and the regressions fuzzing found.

The CI budget is small (a few examples per operation, fixed seed, under a
minute per caller on this machine). Checks: no 5xx, every answer matches the
schema the document declares for it, and its declared content type.

The runs over every operation, with every check, the stateful phase and a
longer release run, are in test_schemathesis.py; this file fuzzes the admin's own
operations.

Every failure found so far is kept below as a plain regression test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.hardening.conftest import Callers
from tests.support.stack import Stack
from tests.support.tokens import bearer

SCHEMATHESIS = str(Path(sys.executable).with_name("schemathesis"))
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


def _fuzz(
    platform: Stack,
    tmp_path: Path,
    *,
    headers: dict[str, str],
    phases: str,
    examples: int,
    extra: tuple[str, ...] = (),
) -> None:
    argv = [
        SCHEMATHESIS,
        "run",
        f"{platform.gateway}/openapi.json",
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-examples",
        str(examples),
        "--seed",
        "20260101",
        # One worker: the run stays deterministic for the seed (and schemathesis's
        # coverage phase is not thread-safe in every version).
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
        *extra,
    ]
    for name, value in headers.items():
        argv += ["-H", f"{name}: {value}"]
    result = subprocess.run(argv, capture_output=True, text=True, timeout=400, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"schemathesis found problems:\n{output[-12000:]}"
    assert "passed" in output and "Tested: " in output, output[-3000:]


# Every operation, anonymously and as a signed-in organiser, with every check, the coverage
# phase's cases and the stateful phase: tests/hardening/test_schemathesis.py (a superset of
# CHECKS). Here random data (the fuzzing phase) over the admin's own operations.


@pytest.mark.long
def test_fuzz_admin_operations_as_admin(platform: Stack, callers: Callers, tmp_path: Path) -> None:
    _fuzz(
        platform,
        tmp_path,
        headers=callers["admin"],
        phases="examples,fuzzing",
        examples=5,
        extra=("--include-path-regex", "^/api/auth/"),
    )


# --------------------------------------------------------------------------- regressions


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        # Found by the fuzzer: an id beyond SQLite's 64-bit INTEGER raised OverflowError (500).
        ("POST", "/api/registry/label-applications/167449398647500119736320/reject", {"reason": "x"}),
        ("POST", "/api/registry/label-applications/9223372036854775808/review", {}),
        ("GET", "/api/registry/label-applications/99999999999999999999", None),
        ("GET", "/api/registry/products/99999999999999999999", None),
        ("PATCH", "/api/registry/products/99999999999999999999", {"name": {"fr": "x"}}),
        ("DELETE", "/api/registry/products/99999999999999999999", None),
        ("GET", "/api/registry/exporters/by-id/99999999999999999999", None),
        ("POST", "/api/registry/label-applications", {"product_id": 99999999999999999999999}),
        ("GET", "/api/events/events/99999999999999999999", None),
        ("PATCH", "/api/events/events/1", {"capacity": 99999999999999999999999}),
        ("POST", "/api/events/events/1/rsvps", {"exporter_id": 99999999999999999999999}),
        ("DELETE", "/api/auth/keys/99999999999999999999", None),
        ("POST", "/api/auth/accounts/99999999999999999999/deactivate", None),
    ],
)
def test_huge_numbers_are_422_never_500(gw: httpx.Client, method: str, path: str, body: object) -> None:
    response = gw.request(method, path, json=body, headers=bearer("admin"))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"], response.text


def test_every_reference_in_the_merged_document_resolves(gw: httpx.Client) -> None:
    """A dangling $ref silently hides an operation's body from fuzzers and client generators."""
    document = gw.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    dangling: set[str] = set()
    stack: list[object] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.removeprefix("#/components/schemas/")
                if not ref.startswith("#/components/schemas/") or name not in schemas:
                    dangling.add(ref)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    assert not dangling, sorted(dangling)
