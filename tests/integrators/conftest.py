"""What an integrator meets: the merged OpenAPI document, the linters' verdict on it, and clients
generated from it (TypeScript, Python) used end to end against the real platform."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.http import http
from tests.support.stack import Stack
from tests.support.tools import require_tool

NODE_DIR = Path(__file__).resolve().parents[1] / "tools" / "node"


@pytest.fixture(scope="session")
def platform(shared_stack: Stack) -> Stack:
    """The session's shared platform: tests here only read, or write rows of their own."""
    return shared_stack


@pytest.fixture(scope="module")
def document(platform: Stack) -> dict[str, Any]:
    """The document the real gateway publishes at /openapi.json."""
    response = http.get(f"{platform.gateway}/openapi.json", timeout=60)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def node_tool(name: str) -> str:
    """The path of ``name`` in tests/tools/node/node_modules/.bin (installed by ``npm ci``)."""
    require_tool("node")
    tool = NODE_DIR / "node_modules" / ".bin" / name
    if not tool.exists():
        npm = shutil.which("npm")
        assert npm, "npm is missing: npm ci --prefix tests/tools/node"
        subprocess.run(
            [npm, "ci", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund"],
            check=True,
            capture_output=True,
            timeout=600,
        )
    assert tool.exists(), f"{tool} is missing after npm ci --prefix tests/tools/node"
    return str(tool)
