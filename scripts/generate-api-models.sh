#!/bin/sh
# Regenerate frontend/api_models.py, the website's typed view of the API, from the merged
# OpenAPI document the gateway publishes (built in-process by `mim openapi`: no server needed).
# Run from the repository root after changing an API shape:  scripts/generate-api-models.sh
# tests/frontend/test_api_models.py runs this into a temporary file and fails when the
# checked-in module differs, so a changed API breaks the build, not a page in production.
set -eu
out="${1:-frontend/api_models.py}"
bin="${VENV_BIN:-.venv/bin}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/mim" openapi > "$work/openapi.json"
# Every option is pinned: the same document gives the same file, byte for byte.
"$bin/datamodel-codegen" \
    --input "$work/openapi.json" \
    --input-file-type openapi \
    --openapi-scopes schemas \
    --output "$work/api_models.py" \
    --output-model-type pydantic_v2.BaseModel \
    --target-python-version 3.11 \
    --use-standard-collections \
    --use-union-operator \
    --field-constraints \
    --collapse-root-models \
    --enum-field-as-literal all \
    --use-default-kwarg \
    --use-double-quotes \
    --disable-timestamp \
    --formatters ruff-format \
    --custom-file-header "# Generated from the merged OpenAPI by scripts/generate-api-models.sh: do not edit.
# ruff: noqa: E501, S105" \
    2>"$work/warnings.txt" || { cat "$work/warnings.txt" >&2; exit 1; }
# The house style (pyproject.toml's ruff settings), so `make lint` passes on the generated file.
"$bin/ruff" check --quiet --fix --config pyproject.toml "$work/api_models.py"
"$bin/ruff" format --quiet --config pyproject.toml "$work/api_models.py"
mv "$work/api_models.py" "$out"
