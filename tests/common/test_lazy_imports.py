"""Building an app must not load what only some requests need (RSS and start-up CPU, issue #18).

Each app is built in an interpreter that has loaded only what `mim serve <name>` loads before
the app (the CLI), and the modules made lazy must still be absent from ``sys.modules``
afterwards. One interpreter imports the CLI once and forks a child per app (as `mim up` forks
its children): each child starts from exactly the modules a fresh `mim serve` has at that
point, without paying the interpreter and the CLI's imports four times.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROCESSES = ("registry", "events", "gateway", "frontend")

# Imported at first use only: token checks (PyJWT, and cryptography through it), label statement
# keys (cryptography), uploads (Pillow), QR codes (segno), phone numbers, the events service's
# exporter check (httpx), and the gateway's accounts (argon2) for `mim` in every other process.
LAZY = ("jwt", "cryptography", "PIL", "segno", "phonenumbers", "httpx", "rich")
LAZY_OUTSIDE_GATEWAY = ("argon2", "services.gateway.accounts")

# argv: the process names. Prints one JSON object: name -> the sorted sys.modules of a fork that
# built that app, or null when the build failed (its traceback on stderr).
BUILD = """
import json, os, sys, tempfile, traceback
import services.cli  # what `mim serve` loads before the app
from services.processes import PROCESSES, resolve

def build(name):
    spec = PROCESSES[name]
    options = {"log_level": "WARNING"}
    if spec.has_database:
        options["database_url"] = f"sqlite:///{tempfile.mkdtemp()}/app.db"
    app = resolve(spec.app_factory)(spec.load_settings(**options))
    assert app.openapi_url is None or app.openapi()  # routes and schemas fully built
    return sorted(sys.modules)

results = {}
for name in sys.argv[1:]:
    read_end, write_end = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        code = 1
        try:
            with os.fdopen(write_end, "w") as out:
                json.dump(build(name), out)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    results[name] = json.loads(text) if os.waitstatus_to_exitcode(status) == 0 else None
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def modules_after_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, list[str] | None], str]:
    """Each app built once (one interpreter, a fork per app): its modules, and the stderr."""
    result = subprocess.run(
        [sys.executable, "-c", BUILD, *PROCESSES],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={"PATH": "/usr/bin:/bin", "MIM_ENV": "test", "HOME": str(tmp_path_factory.mktemp("home"))},
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr


@pytest.mark.parametrize("process", PROCESSES)
def test_building_an_app_loads_no_lazy_module(
    process: str, modules_after_build: tuple[dict[str, list[str] | None], str]
) -> None:
    built, stderr = modules_after_build
    assert built[process] is not None, f"building the {process} app failed:\n{stderr[-3000:]}"
    modules = set(built[process])
    lazy = LAZY + (LAZY_OUTSIDE_GATEWAY if process != "gateway" else ())
    loaded = sorted(name for name in lazy if name in modules)
    assert not loaded, f"building the {process} app imported {loaded}: import them where they are used"
