"""The bench harness on a tiny dataset, so that it cannot rot.

Runs `python -m bench.run` for real (services, nginx, wrk, the RSVP burst) with
one-second runs, then checks the report: produced, every scenario present,
measured wherever this build has what it needs, no error answers, the RSVP
burst exact, and every process it started stopped. Not the speed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from bench.infra import pid_alive, process_exists
from bench.scenarios import SCENARIOS, VARIANTS
from tests.support import databases
from tests.support.servers import PROJECT_ROOT

pytestmark = pytest.mark.slow

# What each scenario needs from the build.
NEEDS = {
    "regions": ("registry",),
    "search": ("registry",),
    "profile": ("registry",),
    "event": ("events",),
    "rsvp": ("events",),
    "page": ("frontend", "gateway", "registry"),
    "fragment": ("frontend", "gateway", "registry"),
}
VIA_GATEWAY = {"regions", "search", "profile", "event", "rsvp"}
GUESTS, SEATS = 150, 40


def registry_has_search() -> bool:
    from services.registry.main import create_app

    params = create_app().openapi()["paths"]["/exporters"]["get"].get("parameters", [])
    return any(p["name"] == "q" for p in params)


def expected_available(key: str) -> bool:
    if key == "search" and not registry_has_search():
        return False
    return all(process_exists(name) for name in NEEDS[key])


@pytest.fixture(scope="module")
def bench_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, float]:
    out = tmp_path_factory.mktemp("bench")
    argv = [
        sys.executable, "-m", "bench.run",
        "--exporters", "300", "--duration", "2", "--warmup", "0",
        "--connections", "8", "--threads", "1",
        "--guests", str(GUESTS), "--seats", str(SEATS),
        "--profile-seconds", "0", "--no-cache", "--out", str(out),
    ]  # fmt: skip
    if databases.backend() == "postgres":
        argv += ["--db", "postgres", "--pg-url", databases.pg_admin_url()]
    started = time.monotonic()
    proc = subprocess.run(
        argv, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=420, env={**os.environ}, check=False
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-4000:]
    report = json.loads((out / "report.json").read_text())
    markdown = (out / "report.md").read_text()
    return report, markdown, elapsed


def test_report_lists_every_scenario(bench_report: tuple[dict, str, float]) -> None:
    report, markdown, elapsed = bench_report
    keys = [s["key"] for s in report["scenarios"]]
    assert keys == [s.key for s in SCENARIOS]
    for scenario in report["scenarios"]:
        assert scenario["title"] in markdown
        assert scenario["available"] is expected_available(scenario["key"]), scenario
    assert "## Targets" in markdown and "## Memory" in markdown


def test_measured_scenarios_have_clean_numbers(bench_report: tuple[dict, str, float]) -> None:
    report, _, _ = bench_report
    for scenario in report["scenarios"]:
        if not scenario["available"]:
            continue
        variants = scenario["variants"]
        assert set(variants) == set(VARIANTS)
        assert variants["direct"]["available"], scenario["key"]
        assert variants["nginx"]["available"], scenario["key"]
        if scenario["key"] in VIA_GATEWAY and process_exists("gateway"):
            assert variants["gateway"]["available"], scenario["key"]
        for via, data in variants.items():
            if not data["available"]:
                assert data["reason"]
                continue
            assert data["requests"] > 0, (scenario["key"], via)
            assert data["non_2xx"] == 0, (scenario["key"], via, data)
            assert 0 < data["p50_ms"] <= data["p99_ms"], (scenario["key"], via)


def test_rsvp_burst_is_exact(bench_report: tuple[dict, str, float]) -> None:
    report, _, _ = bench_report
    burst = next(s for s in report["scenarios"] if s["key"] == "rsvp")
    if not expected_available("rsvp"):
        assert "not available in this build" in burst["reason"]
        pytest.skip("the events service is not in this build")
    for via, data in burst["variants"].items():
        if not data["available"]:
            continue
        assert data["guests"] == GUESTS and data["seats"] == SEATS
        # Exactly SEATS confirmed, by the answers and by the service's own count; every accepted
        # RSVP accounted for. (Under heavy load a guest may get an honest 503/504, never a 500.)
        assert data["confirmed"] == SEATS, (via, data)
        assert data["server_seats"]["confirmed"] == SEATS, (via, data)
        assert data["server_seats"]["waitlisted"] == data["waitlisted"], (via, data)
        assert data["exact"] is True
        assert data["complete"] is (data["confirmed"] + data["waitlisted"] == GUESTS)
        assert set(data["status_codes"]) <= {"200", "201", "503", "504"}, (via, data["status_codes"])


def test_every_process_was_stopped_and_measured(bench_report: tuple[dict, str, float]) -> None:
    report, _, _ = bench_report
    assert report["pids_stopped"]
    assert not [pid for pid in report["pids_stopped"] if pid_alive(pid)]
    names = set(report["processes"])
    assert {"nginx master", "registry"} <= names
    for info in report["processes"].values():
        assert info["peak_rss_kb"] and info["peak_rss_kb"] > 0
    assert any(t["target"].endswith("peak RSS < 150 MB") for t in report["targets"])
