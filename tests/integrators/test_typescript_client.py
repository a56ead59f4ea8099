"""A TypeScript integrator's path, end to end: generate a client from the real gateway's
/openapi.json with @hey-api/openapi-ts, compile tests/integrators/ts/demo.ts against it with
`tsc --strict` (no `!`, no `as`), and run it with node against the real platform: search,
profile, label verification, a 404 and a 422 through the typed error, and an RSVP confirmed
with the token from the e-mail (read from the events database) and cancelled."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.events.conftest import manage_tokens_in
from tests.integrators.conftest import NODE_DIR, node_tool
from tests.support.http import http
from tests.support.stack import Stack
from tests.support.tools import require_tool

DEMO = Path(__file__).resolve().parent / "ts" / "demo.ts"
TSCONFIG: dict[str, Any] = {
    "compilerOptions": {
        "strict": True,
        "noUncheckedIndexedAccess": True,
        "target": "ES2022",
        "lib": ["ES2022", "DOM", "DOM.Iterable"],
        "module": "commonjs",
        "moduleResolution": "node10",
        "types": ["node"],
        "typeRoots": [str(NODE_DIR / "node_modules" / "@types")],
        "skipLibCheck": True,
        "outDir": "out",
    },
    "files": ["demo.ts"],
}


def _code_only(source: str) -> str:
    """The script without comments and string literals (where `!` and `as` are just words)."""
    source = re.sub(r"//[^\n]*|/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r'"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`', '""', source)


def test_the_demo_uses_no_non_null_assertion_and_no_cast() -> None:
    code = _code_only(DEMO.read_text())
    assert re.findall(r"[\w)\]]!(?!=)", code) == []
    assert re.findall(r"\bas\b", code) == []
    # The check itself can fail.
    assert re.findall(r"[\w)\]]!(?!=)", _code_only("const a = b!.c; if (a !== b) {}")) == ["b!"]
    assert re.findall(r"\bas\b", _code_only('const a = b as string; // as "as"')) == ["as"]


def _run(node: str, script: Path, *args: str, env: dict[str, str]) -> list[dict[str, Any]]:
    run = subprocess.run(
        [node, str(script), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


@pytest.mark.long  # generation, tsc and node: ~45 s on a 2-core machine
def test_a_generated_typescript_client_works_against_the_platform(platform: Stack, tmp_path: Path) -> None:
    node = require_tool("node")
    spec = tmp_path / "openapi.json"
    spec.write_bytes(http.get(f"{platform.gateway}/openapi.json", timeout=60).content)
    generated = subprocess.run(
        [
            node_tool("openapi-ts"),
            "-i",
            str(spec),
            "-o",
            "client",
            "-c",
            "@hey-api/client-fetch",
            "--no-log-file",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    shutil.copy(DEMO, tmp_path / "demo.ts")
    (tmp_path / "tsconfig.json").write_text(json.dumps(TSCONFIG))
    compiled = subprocess.run(
        [node_tool("tsc"), "-p", "tsconfig.json", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    script = tmp_path / "out" / "demo.js"

    email = f"nadia.tazi.{uuid.uuid4().hex[:8]}@example.ma"
    steps = {
        s["step"]: s for s in _run(node, script, "one", env={"MIM_API": platform.gateway, "MIM_EMAIL": email})
    }
    assert steps["search"]["total"] >= 1 and "Zellige" in steps["search"]["first"]
    assert steps["profile"]["slug"] and steps["profile"]["trade_name"]
    assert steps["label"]["certificate_number"].startswith("MIM-") and steps["label"]["status"]
    assert steps["not-found"] == {**steps["not-found"], "status": 404, "code": "not-found"}
    assert steps["invalid"]["status"] == 422 and steps["invalid"]["code"] == "validation-error"
    assert any("per_page" in field for field in steps["invalid"]["fields"]), steps["invalid"]
    assert steps["rsvp"]["status"] == 202 and steps["rsvp"]["answer"] == "check_your_inbox"

    # Double opt-in: the token is in the e-mail only (here, the events database that sent it).
    event_id = steps["rsvp"]["event_id"]
    token = manage_tokens_in(platform.database_urls["events"], event_id)[email]
    second = {
        s["step"]: s for s in _run(node, script, "two", env={"MIM_API": platform.gateway, "MIM_TOKEN": token})
    }
    assert (
        second["confirm"]["status"] in ("confirmed", "waitlisted")
        and second["confirm"]["event_id"] == event_id
    )
    assert second["cancel"] == {**second["cancel"], "status": "cancelled", "read_back": "cancelled"}
