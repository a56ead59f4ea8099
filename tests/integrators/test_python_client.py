"""The Python client integrators install (clients/python, openapi-python-client): it is what the
API is today (regenerated into a temporary folder, it is the committed code), it builds into a
wheel and installs, and its example (clients/python/examples/demo.py) runs end to end against
the real platform, RSVP confirmed with the token from the e-mail (read from the events database)."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.events.conftest import manage_tokens_in
from tests.support.servers import PROJECT_ROOT
from tests.support.stack import Stack

CLIENT = PROJECT_ROOT / "clients" / "python"
VENV_BIN = Path(sys.executable).parent


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [f"only in the committed package: {n}" for n in compared.left_only]
    found += [f"only in a fresh generation: {n}" for n in compared.right_only]
    found += [f"differs: {n}" for n in compared.diff_files]
    # dircmp compares by size and time first: compare the common files by content.
    _match, mismatch, errors = filecmp.cmpfiles(left, right, compared.common_files, shallow=False)
    found += [f"differs: {n}" for n in [*mismatch, *errors] if f"differs: {n}" not in found]
    for sub in compared.common_dirs:
        found += [f"{sub}/{d}" for d in _differences(left / sub, right / sub)]
    return found


@pytest.mark.long  # `mim openapi` builds every app, then the generator: ~50 s on 2 cores
def test_the_committed_client_is_what_the_api_is_today(tmp_path: Path) -> None:
    fresh = tmp_path / "python"
    generated = subprocess.run(
        ["scripts/generate-python-client.sh", str(fresh)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "VENV_BIN": str(VENV_BIN)},
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr  # a warning fails it too
    stale = _differences(CLIENT / "mim_client", fresh / "mim_client")
    stale += (
        ["pyproject.toml"]
        if (CLIENT / "pyproject.toml").read_text() != (fresh / "pyproject.toml").read_text()
        else []
    )
    assert stale == [], "clients/python is stale: run `make clients` and commit"


def _run(site: Path, *args: str, env: dict[str, str]) -> list[dict[str, Any]]:
    run = subprocess.run(
        [sys.executable, str(CLIENT / "examples" / "demo.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=site,  # not the repository: `mim_client` comes from the installed wheel
        env={**os.environ, "PYTHONPATH": str(site), **env},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]


@pytest.mark.long  # the platform's start, a wheel, an install and the tour
def test_the_installed_client_works_against_the_platform(platform: Stack, tmp_path: Path) -> None:
    uv = str(VENV_BIN / "uv")
    built = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(CLIENT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("mim_client-*.whl")
    site = tmp_path / "site"
    installed = subprocess.run(
        [uv, "pip", "install", "--no-deps", "--target", str(site), "--python", sys.executable, str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert (site / "mim_client" / "api" / "exporters" / "exporters_search.py").exists()

    email = f"youssef.alami.{uuid.uuid4().hex[:8]}@example.ma"
    steps = {s["step"]: s for s in _run(site, "one", env={"MIM_API": platform.gateway, "MIM_EMAIL": email})}
    assert steps["search"]["total"] >= 1 and "Zellige" in steps["search"]["first"]
    assert steps["profile"]["slug"] and steps["profile"]["trade_name"]
    assert steps["label"]["certificate_number"].startswith("MIM-") and steps["label"]["status"]
    assert steps["not-found"] == {**steps["not-found"], "status": 404, "code": "not-found"}
    assert steps["invalid"]["status"] == 422 and steps["invalid"]["code"] == "validation-error"
    assert any("per_page" in field for field in steps["invalid"]["fields"]), steps["invalid"]
    assert steps["rsvp"]["status"] == 202 and steps["rsvp"]["answer"] == "check_your_inbox"

    event_id = steps["rsvp"]["event_id"]
    token = manage_tokens_in(platform.database_urls["events"], event_id)[email]
    second = {s["step"]: s for s in _run(site, "two", env={"MIM_API": platform.gateway, "MIM_TOKEN": token})}
    assert (
        second["confirm"]["status"] in ("confirmed", "waitlisted")
        and second["confirm"]["event_id"] == event_id
    )
    assert second["cancel"] == {**second["cancel"], "status": "cancelled", "read_back": "cancelled"}
