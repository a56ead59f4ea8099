"""Building an app must not load what only some requests need (RSS and start-up CPU, issue #18).

Each app is built in a fresh interpreter, as `mim serve <name>` builds it (the CLI imported
first), and the modules made lazy must still be absent from ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Imported at first use only: token checks (PyJWT, and cryptography through it), label statement
# keys (cryptography), uploads (Pillow), QR codes (segno), phone numbers, the events service's
# exporter check (httpx), and the gateway's accounts (argon2) for `mim` in every other process.
LAZY = ("jwt", "cryptography", "PIL", "segno", "phonenumbers", "httpx", "rich")
LAZY_OUTSIDE_GATEWAY = ("argon2", "services.gateway.accounts")

BUILD = """
import json, sys, tempfile
import services.cli  # what `mim serve` loads before the app
from services.processes import PROCESSES, resolve

spec = PROCESSES[sys.argv[1]]
options = {"log_level": "WARNING"}
if spec.has_database:
    options["database_url"] = f"sqlite:///{tempfile.mkdtemp()}/app.db"
app = resolve(spec.app_factory)(spec.load_settings(**options))
assert app.openapi_url is None or app.openapi()  # routes and schemas fully built
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("process", ["registry", "events", "gateway", "frontend"])
def test_building_an_app_loads_no_lazy_module(process: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", BUILD, process],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "MIM_ENV": "test", "HOME": str(tmp_path)},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    lazy = LAZY + (LAZY_OUTSIDE_GATEWAY if process != "gateway" else ())
    loaded = sorted(name for name in lazy if name in modules)
    assert not loaded, f"building the {process} app imported {loaded}: import them where they are used"
