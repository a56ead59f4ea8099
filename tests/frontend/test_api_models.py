"""The website's API models are generated from the merged OpenAPI: CI fails when they are stale."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED_IN = ROOT / "frontend" / "api_models.py"


def test_the_checked_in_api_models_match_the_api(tmp_path: Path) -> None:
    fresh = tmp_path / "api_models.py"
    subprocess.run(
        ["sh", "scripts/generate-api-models.sh", str(fresh)],
        cwd=ROOT,
        env={**os.environ, "VENV_BIN": str(Path(sys.executable).parent)},
        check=True,
        timeout=600,
    )
    expected, actual = fresh.read_text(), CHECKED_IN.read_text()
    diff = "".join(difflib.unified_diff(actual.splitlines(True), expected.splitlines(True), n=1))
    assert actual == expected, (
        "frontend/api_models.py is out of date with the API: run scripts/generate-api-models.sh\n"
        + diff[:4000]
    )
