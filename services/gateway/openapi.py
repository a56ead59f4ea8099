"""One OpenAPI 3.1 document for the whole platform, merged from the services' own.

Every operation appears under its public path (``/api/<service>/...``); schema
names that clash between services with different content get the service's
name as prefix (and every ``$ref`` of that service is rewritten); identical
schemas are shared; the security schemes the gateway accepts are declared once.

The document is written for client generators and linters (Redocly, Spectral; see
tests/integrators/): every operation keeps the ``operationId`` its route declares
(``resource.verb``, the same whatever the path prefix); every error answer is the kernel's
``ProblemDetail`` as ``application/problem+json`` only; every operation documents the
gateway's 429 with ``Retry-After``; public operations say ``security: []``; a file answer
(calendar, CSV, QR code) declares only its real media types; tags carry descriptions.
"""

from __future__ import annotations

import copy
import re
from typing import Any

REF_PREFIX = "#/components/schemas/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_SCHEMA = "ProblemDetail"
API_CONTACT: dict[str, str] = {
    "name": "Club Made in Morocco — platform team",
    "email": "security@made-in-morocco.ma",
    "url": "https://made-in-morocco.ma/",
}
API_LICENSE: dict[str, str] = {
    "name": "Proprietary — Club Made in Morocco",
    "url": "https://made-in-morocco.ma/",
}

# What each tag groups, for the documentation and the generated clients. A tag no entry
# describes still gets a description (TAG_FALLBACK), so every tag is declared.
TAG_DESCRIPTIONS: dict[str, str] = {
    "auth": "Signing in and out: access and refresh tokens, website sessions.",
    "accounts": "Accounts of organisers, exporters and administrators (administrators only).",
    "api keys": "Integrator API keys: create, list and revoke them (administrators only).",
    "exporters": "The exporter registry: search the catalogue, read and maintain profiles.",
    "products": "Products of the exporters, searchable across the catalogue.",
    "label": "The Made in Morocco label: applications, their review, and label verification.",
    "labels": "The Made in Morocco label: verification of a label by its certificate number.",
    "media": "Logos and product photos: uploads (re-encoded, metadata removed) and their renditions.",
    "open data": "The registry as open data (CSV, JSON) and bulk CSV imports.",
    "reference": "Reference lists: regions, sectors, countries.",
    "catalogue": "Figures about the catalogue.",
    "events": "Club events: the public programme and one event's details.",
    "series": "Event series (a recurring meeting), with their subscribable calendars.",
    "calendars": "iCalendar files of events and series.",
    "rsvps": "RSVPs, double opt-in: request, confirm by the e-mailed link, cancel, erase.",
    "organisers": "What organisers do: create and publish events, attendees, check-in, purges.",
    "checkins": "Checking guests in at the door.",
    "webhooks": "Webhook endpoints and their deliveries.",
    "contact": "Buyers write to exporters (one, or several at once): confirmed by e-mail, delivered by "
    "e-mail; exporters read what they received.",
}
TAG_FALLBACK = "Operations on {name}."

RETRY_AFTER: dict[str, Any] = {
    "description": "Seconds to wait before the next request is accepted.",
    "schema": {"type": "string", "pattern": "^[0-9]+$", "examples": ["30"]},
}
# Media types whose body is not JSON: their schema, for the generators.
FILE_SCHEMAS: dict[str, dict[str, Any]] = {
    "image/png": {"type": "string", "format": "binary", "contentMediaType": "image/png"},
}
TEXT_SCHEMA: dict[str, Any] = {"type": "string"}
HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
INTERNAL_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})

SECURITY_SCHEMES: dict[str, Any] = {
    "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "Access token from `POST /api/auth/token` (or `/api/auth/refresh`).",
    },
    "apiKeyAuth": {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "Integrator API key (also accepted as `Authorization: ApiKey <key>`).",
    },
    "oauth2Password": {
        "type": "oauth2",
        "description": "E-mail and password, for Swagger UI's Authorize button.",
        "flows": {"password": {"tokenUrl": "/api/auth/token", "scopes": {}}},
    },
}
# Any credential the gateway accepts satisfies an operation that needs one.
OPERATION_SECURITY: list[dict[str, list[str]]] = [
    {"bearerAuth": []},
    {"apiKeyAuth": []},
    {"oauth2Password": []},
]


def _walk_refs(node: Any, rename: dict[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                name = value[len(REF_PREFIX) :]
                out[key] = REF_PREFIX + rename.get(name, name)
            else:
                out[key] = _walk_refs(value, rename)
        return out
    if isinstance(node, list):
        return [_walk_refs(item, rename) for item in node]
    return node


def _refs_in(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "$ref" and isinstance(value, str) and value.startswith(REF_PREFIX):
                    found.add(value[len(REF_PREFIX) :])
                else:
                    stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _closure(schemas: dict[str, Any], name: str) -> dict[str, Any]:
    """``name`` and every schema it reaches through $refs, as they are written."""
    seen: dict[str, Any] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in schemas:
            continue
        seen[current] = schemas[current]
        todo.extend(_refs_in(schemas[current]))
    return seen


def _pascal(service: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", service) if part)


def merge_documents(
    sources: list[tuple[str, str, dict[str, Any]]],
    *,
    title: str,
    version: str,
    description: str,
    servers: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """``sources``: (service name, public path prefix, its OpenAPI document), gateway first.

    ``servers``: where the API answers (the gateway serving the document puts its own origin).
    """
    schemas, renames = _merge_schemas(sources)
    paths: dict[str, Any] = {}
    tags: dict[str, dict[str, Any]] = {}
    for service, prefix, doc in sources:
        for tag in doc.get("tags", []) or []:
            tags.setdefault(tag["name"], tag)
        for path, item in (doc.get("paths") or {}).items():
            if path in INTERNAL_PATHS:
                continue
            public = prefix + path if path != "/" or not prefix else prefix
            paths[public] = {
                method: _public_operation(operation, service, renames[service], tags)
                if method in HTTP_METHODS
                else _walk_refs(copy.deepcopy(operation), renames[service])
                for method, operation in item.items()
            }
    # Keep only schemas some published operation reaches (the services' health shapes go).
    reachable = _reachable(_refs_in(paths), schemas)
    schemas = {k: v for k, v in schemas.items() if k in reachable}
    for tag in tags.values():
        tag.setdefault(
            "description", TAG_DESCRIPTIONS.get(tag["name"], TAG_FALLBACK.format(name=tag["name"]))
        )
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": title,
            "version": version,
            "description": description,
            "contact": API_CONTACT,
            "license": API_LICENSE,
        },
    }
    if servers:
        document["servers"] = servers
    document |= {
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": dict(sorted(schemas.items())),
            "securitySchemes": SECURITY_SCHEMES,
        },
        "tags": sorted(tags.values(), key=lambda tag: str(tag["name"])),
    }
    return document


def _merge_schemas(
    sources: list[tuple[str, str, dict[str, Any]]],
) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    """Every service's schemas in one namespace, and per service how its names were renamed."""
    merged: dict[str, Any] = {}
    owners: dict[str, tuple[str, dict[str, Any]]] = {}  # schema name -> (service, its closure)
    renames: dict[str, dict[str, str]] = {}
    for service, _prefix, doc in sources:
        schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {}) or {}
        rename = renames[service] = _schema_names(service, schemas, owners)
        for name, schema in schemas.items():
            new_name = rename[name]
            if new_name in merged:
                continue
            rewritten = _walk_refs(schema, rename)
            if new_name != name and isinstance(rewritten, dict):
                # Generators name classes after "title": it must follow the rename.
                rewritten["title"] = new_name
            merged[new_name] = rewritten
    return merged, renames


def _schema_names(
    service: str, schemas: dict[str, Any], owners: dict[str, tuple[str, dict[str, Any]]]
) -> dict[str, str]:
    """A service's schema name -> its merged name: shared when identical, else prefixed."""
    rename: dict[str, str] = {}
    for name in schemas:
        closure = _closure(schemas, name)
        if name not in owners:
            owners[name] = (service, closure)
            rename[name] = name
        elif owners[name][1] == closure:
            rename[name] = name  # the same schema (and everything it refers to): share it
        else:
            candidate = f"{_pascal(service)}{name}"
            while candidate in owners or candidate in schemas:
                candidate = f"{_pascal(service)}_{candidate}"
            owners[candidate] = (service, closure)
            rename[name] = candidate
    return rename


def _public_operation(
    operation: dict[str, Any],
    service: str,
    rename: dict[str, str],
    tags: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """One operation as published: renamed refs, tags, problem answers, the gateway's security."""
    op: dict[str, Any] = _walk_refs(copy.deepcopy(operation), rename)
    if not op.get("tags"):
        op["tags"] = [service]
    for tag in op["tags"]:
        tags.setdefault(tag, {"name": tag})
    security = op.get("security") or []
    if {} in security:
        # Anonymous callers are answered (a token shows more): public, so that generated
        # clients take an anonymous client for it; the description says what a token adds.
        op["security"] = []
        access = "Public; a bearer token or an API key shows more."
    elif security:
        op["security"] = list(OPERATION_SECURITY)
        access = "Needs a bearer token or an API key."
    else:
        op["security"] = []
        access = "Public: no credential needed."
    # The route's docstring, if any, then who may call it (the summary stays the summary).
    lead = str(op.get("description") or "").strip()
    op["description"] = f"{lead}\n\n{access}" if lead else access
    op["responses"] = _public_responses(op.get("responses") or {})
    return op


def _problem_content() -> dict[str, Any]:
    return {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": REF_PREFIX + PROBLEM_SCHEMA}}}


def _public_responses(responses: dict[str, Any]) -> dict[str, Any]:
    """Errors as problem+json only, the gateway's 429, and files with their real media types."""
    out: dict[str, Any] = {}
    for code, response in responses.items():
        response = dict(response)
        if code[:1] in ("4", "5"):
            response["content"] = _problem_content()
            if code == "422":
                response["description"] = "The request is not valid: `errors` names each field."
        elif response.get("content"):
            response["content"] = _real_media_types(response["content"])
        out[code] = response
    limited = dict(out.get("429") or {"description": "Too many requests: retry after `Retry-After` seconds."})
    limited["headers"] = {"Retry-After": copy.deepcopy(RETRY_AFTER)}
    limited["content"] = _problem_content()
    out["429"] = limited
    return dict(sorted(out.items()))


def _real_media_types(content: dict[str, Any]) -> dict[str, Any]:
    """FastAPI adds ``application/json`` (any schema) beside a file's own media types: drop it."""
    others = {media: dict(value) for media, value in content.items() if media != "application/json"}
    json = content.get("application/json")
    if not others:
        return content
    if json is not None and json.get("schema"):
        others["application/json"] = json
    for media, value in others.items():
        if not value.get("schema"):
            value["schema"] = FILE_SCHEMAS.get(media, TEXT_SCHEMA)
    return dict(sorted(others.items()))


def _reachable(names: set[str], schemas: dict[str, Any]) -> set[str]:
    """``names`` and every schema they reach through $refs."""
    reachable: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in reachable or name not in schemas:
            continue
        reachable.add(name)
        todo.extend(_refs_in(schemas[name]))
    return reachable
