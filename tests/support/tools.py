"""External tools a test needs (Chromium, node, redis-server, ...).

The only reason a test may skip: a tool that lives outside the project is missing on a
developer's machine. In CI (``MIM_CI`` or ``CI`` set, as ``.ci/run`` does, which installs
every tool) a missing tool FAILS the test, so CI can never pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def in_ci() -> bool:
    return any(os.environ.get(name, "").lower() not in ("", "0", "false", "no") for name in ("MIM_CI", "CI"))


def missing_tool(message: str) -> None:
    """Skip the test locally, fail it in CI: ``message`` says what is missing and who installs it."""
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def require_tool(name: str, what: str | None = None) -> str:
    """The path of the executable ``name`` (a command or an absolute path), or skip/fail."""
    path = name if Path(name).is_absolute() and Path(name).exists() else shutil.which(name)
    if path is None:
        missing_tool(f"{what or name} is not installed (.ci/run installs it)")
    assert path is not None
    return path
