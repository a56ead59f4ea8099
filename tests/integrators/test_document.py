"""The merged OpenAPI document, as the real gateway publishes it, is one clients can be generated
from: short stable operation ids, problem+json errors, the gateway's 429 and security stated,
files with their real media types; Redocly finds no error and Spectral no warning."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.integrators.conftest import NODE_DIR, node_tool
from tests.support.stack import Stack

OPERATION_ID = re.compile(r"^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$")
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_operation_id_is_resource_dot_verb_and_unique(document: dict[str, Any]) -> None:
    ids = [operation.get("operationId", f"<none: {m} {p}>") for m, p, operation in _operations(document)]
    assert [i for i in ids if not OPERATION_ID.fullmatch(i)] == []
    assert sorted(i for i in ids if ids.count(i) > 1) == []
    by_route = {(m, p): op["operationId"] for m, p, op in _operations(document)}
    # The names integrators write in their code: stable whatever the path prefix.
    assert by_route["GET", "/api/registry/exporters"] == "exporters.search"
    assert by_route["GET", "/api/registry/exporters/{slug}"] == "exporters.get"
    assert by_route["GET", "/api/registry/products"] == "products.list"
    assert by_route["POST", "/api/events/events/{event_id}/rsvps"] == "rsvps.create"
    assert by_route["POST", "/api/events/rsvps/{token}/cancel"] == "rsvps.cancel"
    assert by_route["GET", "/api/registry/labels/{certificate_number}"] == "labels.verify"
    assert by_route["GET", "/api/events/events"] == "events.list"
    assert by_route["POST", "/api/auth/token"] == "auth.signIn"


def test_every_error_is_a_problem_detail_as_problem_json_only(document: dict[str, Any]) -> None:
    wrong = [
        f"{m} {p} {code}: {sorted(response.get('content', {}))}"
        for m, p, operation in _operations(document)
        for code, response in operation["responses"].items()
        if code[0] in "45" and response.get("content") != PROBLEM
    ]
    assert wrong == []
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    problem = schemas["ProblemDetail"]["properties"]
    assert {"type", "title", "status", "detail", "errors"} <= set(problem)
    assert problem["errors"]["anyOf"][0]["items"] == {"$ref": "#/components/schemas/FieldError"}
    for m, p, operation in _operations(document):
        has_input = operation.get("parameters") or operation.get("requestBody")
        assert not has_input or "422" in operation["responses"], f"{m} {p} takes input but has no 422"


def test_every_operation_documents_the_rate_limit(document: dict[str, Any]) -> None:
    """The gateway counts every /api/ request (services/gateway/edge.py)."""
    missing = [
        f"{m} {p}"
        for m, p, operation in _operations(document)
        if operation["responses"].get("429", {}).get("headers", {}).get("Retry-After", {}).get("schema")
        != {"type": "string", "pattern": "^[0-9]+$", "examples": ["30"]}
    ]
    assert missing == []


def test_security_public_operations_say_so(document: dict[str, Any]) -> None:
    operations = {(m, p): op for m, p, op in _operations(document)}
    assert all("security" in op for op in operations.values())
    assert operations["GET", "/api/registry/exporters"]["security"] == []
    assert operations["GET", "/api/registry/labels/{certificate_number}"]["security"] == []
    assert operations["POST", "/api/auth/token"]["security"] == []
    needs = operations["POST", "/api/registry/exporters"]["security"]
    assert {"bearerAuth": []} in needs and {"apiKeyAuth": []} in needs and {} not in needs
    # Anonymous callers are answered, a credential shows more (drafts to organisers): public,
    # so that generated clients call it without one; the description says what a token adds.
    events = operations["GET", "/api/events/events"]
    assert events["security"] == [] and "a bearer token or an API key shows more" in events["description"]
    assert all({} not in op["security"] for op in operations.values())
    schemes = set(document["components"]["securitySchemes"])
    for (m, p), op in operations.items():
        for requirement in op["security"]:
            assert set(requirement) <= schemes, f"{m} {p}"


def test_files_declare_only_their_real_media_types(document: dict[str, Any]) -> None:
    def media(path: str, method: str = "get") -> list[str]:
        return sorted(document["paths"][path][method]["responses"]["200"]["content"])

    assert media("/api/events/events/{event_id}/calendar.ics") == ["text/calendar"]
    assert media("/api/events/series/{slug}/calendar.ics") == ["text/calendar"]
    assert media("/api/events/rsvps/{token}/calendar.ics") == ["text/calendar"]
    assert media("/api/events/events/{event_id}/attendees.csv") == ["text/csv"]
    assert media("/api/registry/open-data/exporters.csv") == ["text/csv"]
    assert media("/api/events/rsvps/{token}/qr.svg") == ["image/svg+xml"]
    assert media("/api/events/rsvps/{token}/qr.png") == ["image/png"]
    assert media("/api/registry/labels/{certificate_number}/qr.{kind}") == ["image/png", "image/svg+xml"]
    assert media("/api/registry/exporters/{slug}") == ["application/json"]


def test_tags_servers_contact_and_license(document: dict[str, Any], platform: Stack) -> None:
    declared = {tag["name"]: tag.get("description", "") for tag in document["tags"]}
    used = {tag for _m, _p, op in _operations(document) for tag in op["tags"]}
    assert used == set(declared)
    assert all(len(description) > 10 for description in declared.values()), declared
    assert document["servers"] == [{"url": platform.gateway, "description": "The Made in Morocco public API"}]
    assert document["info"]["contact"]["email"].endswith("@made-in-morocco.ma")
    assert document["info"]["license"]["name"] and document["info"]["license"]["url"].startswith("https://")


def _lint(tmp_path: Path, document: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document))
    redocly = subprocess.run(
        [
            node_tool("redocly"),
            "lint",
            "--config",
            str(NODE_DIR / "redocly.yaml"),
            "--format",
            "json",
            str(spec),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"},
    )
    report = json.loads(redocly.stdout[redocly.stdout.index("{") :])
    spectral = subprocess.run(
        [
            node_tool("spectral"),
            "lint",
            "--ruleset",
            str(NODE_DIR / ".spectral.yaml"),
            "--format",
            "json",
            "--quiet",
            str(spec),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert spectral.stdout.strip().startswith("["), spectral.stdout + spectral.stderr
    return report["problems"], json.loads(spectral.stdout)


@pytest.mark.long  # two node linters: ~20 s on a loaded 2-core machine
def test_redocly_finds_no_error_and_spectral_no_warning(document: dict[str, Any], tmp_path: Path) -> None:
    redocly, spectral = _lint(tmp_path, document)
    errors = [f"{p['ruleId']}: {p['message']}" for p in redocly if p["severity"] == "error"]
    assert errors == []
    # Spectral severities: 0 error, 1 warning, 2 info, 3 hint.
    warnings = [
        f"{p['code']} at {'.'.join(map(str, p['path']))}: {p['message']}"
        for p in spectral
        if p["severity"] <= 1
    ]
    assert warnings == []


@pytest.mark.long
def test_the_linters_do_fail_on_a_broken_document(document: dict[str, Any], tmp_path: Path) -> None:
    """The check above can fail: a document with the classic mistakes is refused by both."""
    broken = json.loads(json.dumps(document))
    operation = broken["paths"]["/api/registry/exporters"]["get"]
    del operation["security"], operation["description"]
    operation["tags"] = ["undeclared"]
    del broken["servers"]
    redocly, spectral = _lint(tmp_path, broken)
    assert {p["ruleId"] for p in redocly if p["severity"] == "error"} >= {
        "security-defined",
        "no-empty-servers",
    }
    assert {p["code"] for p in spectral if p["severity"] <= 1} >= {
        "operation-tag-defined",
        "operation-description",
    }
