"""py-spy summaries name where a busy process spends its time."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bench.profile import py_spy, summarise
from tests.support.tools import missing_tool

SPIN = """
import time
def crunch_numbers():
    return sum(i * i for i in range(20000))
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    crunch_numbers()
"""


def test_summarise_parses_collapsed_stacks() -> None:
    raw = (
        "<module> (app.py:1);handle (services/registry/api/catalogue.py:70);"
        "execute (sqlalchemy/engine/base.py:9) 30\n"
        "<module> (app.py:1);dumps (orjson.py:1) 10\n"
    )
    summary = summarise(raw, seconds=1)
    assert summary["samples"] == 40
    assert summary["busy_share"] == 0.4
    assert summary["packages"][0] == ("sqlalchemy", 0.75)
    assert summary["functions"][0] == ("execute (sqlalchemy/engine/base.py)", 0.75)


def test_profile_of_a_real_process(tmp_path: Path) -> None:
    from bench.profile import profile

    assert py_spy() is not None, "py-spy is a dev dependency of the project (uv sync installs it)"
    script = tmp_path / "spin.py"
    script.write_text(SPIN)
    proc = subprocess.Popen([sys.executable, str(script)])
    try:
        time.sleep(0.3)
        result = profile({"spinner": proc.pid}, 1, lambda: time.sleep(1), tmp_path)
    finally:
        proc.kill()
        proc.wait()
    summary = result["spinner"]
    if "error" in summary and "ermission" in summary["error"]:
        missing_tool(f"py-spy may not attach to a process here (ptrace): {summary['error']}")
    assert summary["samples"] > 20
    assert any("crunch_numbers" in name or "<genexpr>" in name for name, _ in summary["functions"])
