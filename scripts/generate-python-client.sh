#!/bin/sh
# Regenerate clients/python/ (the installable `mim-client` package) from the merged OpenAPI
# document the gateway publishes (built in-process by `mim openapi`: no server needed).
# Run from the repository root after changing an API shape:  make clients
# tests/integrators/test_python_client.py generates into a temporary folder and fails when the
# committed package differs, so the package integrators install never lags the API.
set -eu
out="${1:-clients/python}"
bin="${VENV_BIN:-.venv/bin}"
bin="$(cd "$bin" && pwd)"
config="$(pwd)/clients/python/openapi-python-client.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin/mim" openapi > "$work/openapi.json"
# The post hooks (ruff) come from the project's virtualenv: the same output everywhere.
PATH="$bin:$PATH" "$bin/openapi-python-client" generate \
    --path "$work/openapi.json" --config "$config" --output-path "$work/client" --meta uv \
    > "$work/log.txt" 2>&1 || { cat "$work/log.txt" >&2; exit 1; }
if grep -q "WARNING" "$work/log.txt"; then cat "$work/log.txt" >&2; exit 1; fi
mkdir -p "$out"
rm -rf "$out/mim_client" "$out/pyproject.toml"
cp -R "$work/client/mim_client" "$work/client/pyproject.toml" "$out/"
