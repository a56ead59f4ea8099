"""One OpenAPI 3.1 document for the whole platform, merged from the services' own.

Every operation appears under its public path (``/api/<service>/...``); schema
names that clash between services with different content get the service's
name as prefix (and every ``$ref`` of that service is rewritten); identical
schemas are shared; operationIds are made unique; the security schemes the
gateway accepts are declared once.
"""

from __future__ import annotations

import copy
import re
from typing import Any

REF_PREFIX = "#/components/schemas/"
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
OPERATION_SECURITY = [{"bearerAuth": []}, {"apiKeyAuth": []}, {"oauth2Password": []}]


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
) -> dict[str, Any]:
    """``sources``: (service name, public path prefix, its OpenAPI document), gateway first."""
    merged_schemas: dict[str, Any] = {}
    owners: dict[str, tuple[str, dict[str, Any]]] = {}  # schema name -> (service, its closure)
    renames: dict[str, dict[str, str]] = {}
    for service, _prefix, doc in sources:
        schemas: dict[str, Any] = doc.get("components", {}).get("schemas", {}) or {}
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
        renames[service] = rename
        for name, schema in schemas.items():
            new_name = rename[name]
            if new_name in merged_schemas:
                continue
            rewritten = _walk_refs(schema, rename)
            if new_name != name and isinstance(rewritten, dict):
                # Generators name classes after "title": it must follow the rename.
                rewritten["title"] = new_name
            merged_schemas[new_name] = rewritten

    paths: dict[str, Any] = {}
    operation_ids: set[str] = set()
    tags: dict[str, dict[str, Any]] = {}
    for service, prefix, doc in sources:
        for tag in doc.get("tags", []) or []:
            tags.setdefault(tag["name"], tag)
        for path, item in (doc.get("paths") or {}).items():
            if path in INTERNAL_PATHS:
                continue
            public = prefix + path if path != "/" or not prefix else prefix
            new_item: dict[str, Any] = {}
            for method, operation in item.items():
                if method not in HTTP_METHODS:
                    new_item[method] = _walk_refs(copy.deepcopy(operation), renames[service])
                    continue
                op = _walk_refs(copy.deepcopy(operation), renames[service])
                op_id = op.get("operationId") or f"{method}_{public}"
                if op_id in operation_ids:
                    op_id = f"{service}_{op_id}"
                while op_id in operation_ids:
                    op_id = f"{op_id}_"
                operation_ids.add(op_id)
                op["operationId"] = op_id
                if not op.get("tags"):
                    op["tags"] = [service]
                    tags.setdefault(service, {"name": service})
                if op.get("security"):
                    op["security"] = OPERATION_SECURITY
                new_item[method] = op
            paths[public] = new_item

    # Keep only schemas some published operation reaches (the services' health shapes go).
    reachable: set[str] = set()
    todo = list(_refs_in(paths))
    while todo:
        name = todo.pop()
        if name in reachable or name not in merged_schemas:
            continue
        reachable.add(name)
        todo.extend(_refs_in(merged_schemas[name]))
    merged_schemas = {k: v for k, v in merged_schemas.items() if k in reachable}

    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version, "description": description},
        "paths": dict(sorted(paths.items())),
        "components": {"schemas": dict(sorted(merged_schemas.items())), "securitySchemes": SECURITY_SCHEMES},
        "tags": list(tags.values()),
    }
