"""One OpenAPI document for the platform: valid, complete, and good enough to generate a client
that is then used, for real, against the running platform."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

from tests.support.http import http
from tests.support.servers import PROJECT_ROOT
from tests.support.stack import Stack

VENV_BIN = Path(sys.executable).parent
ADMIN = ("integrator-admin@example.ma", "a long enough password")


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"]} if isinstance(node.get("$ref"), str) else set()
        for value in node.values():
            found |= _refs(value)
        return found
    if isinstance(node, list):
        return set().union(*(_refs(v) for v in node)) if node else set()
    return set()


@pytest.fixture(scope="module")
def document(platform: Stack) -> dict[str, Any]:
    response = http.get(f"{platform.gateway}/openapi.json", timeout=60)
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def test_the_merged_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_operation_is_under_its_public_path(document: dict[str, Any]) -> None:
    paths = document["paths"]
    assert all(
        p.startswith(("/api/registry/", "/api/events/", "/api/auth/", "/api/webhooks/")) for p in paths
    ), list(paths)
    for expected in ("/api/registry/exporters", "/api/registry/exporters/{slug}", "/api/auth/token"):
        assert expected in paths
    assert "/api/events/events" in paths
    assert not any(p.endswith(("/healthz", "/readyz")) for p in paths)


def test_operation_ids_unique_refs_resolve_security_declared(document: dict[str, Any]) -> None:
    ids = [
        op["operationId"]
        for item in document["paths"].values()
        for op in item.values()
        if "operationId" in op
    ]
    assert len(ids) == len(set(ids))
    schemas = document["components"]["schemas"]
    for ref in _refs(document):
        _hash, components, kind, name = ref.split("/")
        assert components == "components" and name in document["components"][kind], ref
    # Generators name classes after titles: two schemas may not share one.
    titles = [s.get("title", name) for name, s in schemas.items()]
    assert len(titles) == len(set(titles))
    schemes = document["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["apiKeyAuth"] == {**schemes["apiKeyAuth"], "in": "header", "name": "X-API-Key"}
    create = document["paths"]["/api/auth/accounts"]["post"]
    assert {"bearerAuth": []} in create["security"] and {"apiKeyAuth": []} in create["security"]


# pydantic's names for bounds; JSON Schema's are minimum/maximum/minLength... A bound written
# after a BeforeValidator lands in the document under pydantic's name, which no client reads.
PYDANTIC_ONLY_KEYS = {"ge", "le", "gt", "lt", "min_length", "max_length", "multiple_of", "strict"}


def _leaked(node: Any, path: str = "") -> list[str]:
    if isinstance(node, dict):
        found = [
            f"{path}/{k}" for k, v in node.items() if k in PYDANTIC_ONLY_KEYS and not isinstance(v, dict)
        ]
        for key, value in node.items():
            if key != "properties":
                found += _leaked(value, f"{path}/{key}")
            else:
                found += [p for name, v in value.items() for p in _leaked(v, f"{path}/properties/{name}")]
        return found
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaked(v, f"{path}/{i}")]
    return []


def test_every_bound_is_stated_in_json_schema_terms(document: dict[str, Any]) -> None:
    assert _leaked(document) == []
    schemas = document["components"]["schemas"]
    capacity = schemas["EventCreate"]["properties"]["capacity"]
    assert (capacity["minimum"], capacity["maximum"]) == (0, 100_000)
    product = schemas["LabelApplicationCreate"]["properties"]["product_id"]
    assert (product["minimum"], product["maximum"]) == (1, 2**31 - 1)


def test_every_problem_answer_is_documented_as_problem_json(document: dict[str, Any]) -> None:
    # An operation's own `responses` replace its router's: a 403 declared with only a model was
    # documented as application/json while the server answers application/problem+json.
    missing = [
        f"{method.upper()} {path} {code}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict)
        for code, response in operation.get("responses", {}).items()
        if code.startswith("4") and "application/problem+json" not in response.get("content", {})
    ]
    assert missing == []


def test_swagger_ui_is_served_offline(platform: Stack) -> None:
    page = http.get(f"{platform.gateway}/docs")
    assert page.status_code == 200 and "/openapi.json" in http.get(f"{platform.gateway}/docs/init.js").text
    assert "https://" not in page.text  # no CDN
    bundle = http.get(f"{platform.gateway}/docs/assets/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 100_000
    assert http.get(f"{platform.gateway}/docs/assets/swagger-ui.css").status_code == 200
    assert http.get(f"{platform.gateway}/docs/assets/../../etc/passwd").status_code == 404


def test_a_generated_client_works_against_the_platform(
    platform: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = subprocess.run(
        [sys.executable, "-m", "services.cli", "createadmin", "--email", ADMIN[0]],
        cwd=PROJECT_ROOT,
        env={**os.environ, **platform.env, "MIM_ADMIN_PASSWORD": ADMIN[1]},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert created.returncode == 0, created.stderr
    spec = tmp_path / "openapi.json"
    spec.write_bytes(http.get(f"{platform.gateway}/openapi.json").content)
    config = tmp_path / "config.yaml"
    config.write_text("project_name_override: mim-client\npackage_name_override: mim_client\n")
    generated = subprocess.run(
        [
            str(VENV_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--config",
            str(config),
            "--output-path",
            str(tmp_path / "mim_client"),
            "--meta",
            "none",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}"},
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Unable to" not in generated.stdout + generated.stderr, generated.stdout
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        _use_generated_client(platform)
    finally:
        for name in [m for m in sys.modules if m == "mim_client" or m.startswith("mim_client.")]:
            del sys.modules[name]


def _use_generated_client(platform: Stack) -> None:
    client_mod = importlib.import_module("mim_client.client")
    models = importlib.import_module("mim_client.models")
    anonymous = client_mod.Client(base_url=platform.gateway, raise_on_unexpected_status=True)

    # Sign in.
    sign_in = _find_operation("auth_sign_in")
    pair = sign_in.sync(client=anonymous, body=models.SignIn(email=ADMIN[0], password=ADMIN[1]))
    assert isinstance(pair, models.TokenPair), pair
    client = client_mod.AuthenticatedClient(
        base_url=platform.gateway, token=pair.access_token, raise_on_unexpected_status=True
    )
    me = _find_operation("auth_me").sync(client=client)
    assert me.email == ADMIN[0] and me.role.value == "admin"

    # Search the exporters.
    search_exporters = _find_operation("exporters_search")
    assert "q" in inspect.signature(search_exporters.sync).parameters
    page = search_exporters.sync(client=client, per_page=5, q="zellige")
    assert page.total >= 1 and 1 <= len(page.items) <= 5
    assert any("Zellige" in e.trade_name for e in page.items)
    slug = page.items[0].slug
    profile = _find_operation("exporters_get").sync(client=client, slug=slug)
    assert profile.slug == slug

    # Events: list them; RSVP to one, confirm and cancel it.
    events = _find_operation("events_list").sync(client=anonymous, when=models.When("upcoming"))
    assert events.total >= 1
    create_rsvp = _find_operation("rsvps_create")
    cancel_rsvp = _find_operation("rsvps_cancel")
    assert create_rsvp is not None and cancel_rsvp is not None, "the client has the RSVP operations"
    event = next(e for e in events.items if e.status.value == "published")
    rsvp = create_rsvp.sync(
        client=anonymous,
        event_id=event.id,
        body=models.RsvpCreate(name="Salma Bennani", email="salma.bennani@example.ma", consent=True),
    )
    # Double opt-in: the answer carries nothing of the RSVP; the token reaches the mailbox only.
    assert rsvp.status == "check_your_inbox" and not hasattr(rsvp, "manage_token"), rsvp
    from tests.events.conftest import manage_tokens_in

    token = manage_tokens_in(platform.database_urls["events"], event.id)["salma.bennani@example.ma"]
    confirmed = _find_operation("rsvps_confirm").sync(client=anonymous, token=token)
    assert confirmed.status.value in ("confirmed", "waitlisted"), confirmed
    cancelled = cancel_rsvp.sync(client=anonymous, token=token)
    assert cancelled.status.value == "cancelled"


def _find_operation(prefix: str) -> Any:
    api = Path(importlib.import_module("mim_client.api").__file__).parent
    for path in sorted(api.rglob(f"{prefix}.py")):  # operationId `auth.signIn` -> auth_sign_in.py
        return importlib.import_module(f"mim_client.api.{path.parent.name}.{path.stem}")
    return None
