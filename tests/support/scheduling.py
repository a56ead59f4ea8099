"""How the suite's work is split over pytest-xdist workers (a pytest plugin, see tests/conftest.py).

Under ``--dist loadscope`` each module (each package in ``PACKAGE_SCOPES``) is one unit of work,
handed to the next free worker in the order of the work queue. xdist's own order is by number
of tests, most first, so the modules of one or two tests that take minutes (Lighthouse, the
bench smoke, ``mim up``) came last and one worker finished them alone while the other waited.

Here the queue is ordered by each unit's measured cost, longest first (the classic
longest-processing-time rule): the long units start at once and the many short ones fill the
gaps at the end. The costs are the seconds of setup + call + teardown of the last recorded run,
kept in ``tests/durations.json``; a unit missing from it counts ``UNKNOWN_TEST_SECONDS`` per
test. The file is a hint for the order only: a stale one costs time, never a result.
Recorded with ``pytest --record-durations`` (``make test PYTEST_ARGS=--record-durations``).
Any module may run first: a test that reads the shared stack finds its own data (or the demo's
by a filter), never "the first page of a list", which other modules' data can push it off.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

DURATIONS_FILE = Path(__file__).resolve().parents[1] / "durations.json"

# Packages whose stack is package-scoped (started once for all their modules): each is one unit
# of work, so its modules run one after the other on one worker. Split by module, they
# interleave with other packages' modules, and pytest tears the package's stack down and starts
# it again each time the package is left and re-entered.
PACKAGE_SCOPES = ("tests/webhooks/",)

UNKNOWN_TEST_SECONDS = 0.5


def unit_of(nodeid: str) -> str:
    """The unit of work a test belongs to: its package in ``PACKAGE_SCOPES``, else its module."""
    package = next((p for p in PACKAGE_SCOPES if nodeid.startswith(p)), None)
    return package or nodeid.split("::", 1)[0]


def recorded_costs(path: Path = DURATIONS_FILE) -> dict[str, float]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def longest_first(nodeids: list[str], costs: dict[str, float]) -> list[str]:
    """``nodeids`` grouped by unit, the costliest unit first; the order within a unit is kept,
    and units of equal cost keep their collection order."""
    units: dict[str, list[str]] = {}
    for nodeid in nodeids:
        units.setdefault(unit_of(nodeid), []).append(nodeid)

    def cost(unit: str) -> float:
        return costs.get(unit, UNKNOWN_TEST_SECONDS * len(units[unit]))

    ordered = sorted(units, key=cost, reverse=True)
    return [nodeid for unit in ordered for nodeid in units[unit]]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--record-durations",
        action="store_true",
        help=f"write each unit of work's seconds to {DURATIONS_FILE.name} (the workers' order)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Runs in every worker: each reorders its identical collection the same way, and the
    # controller keeps that order (see pytest_xdist_make_scheduler).
    order = longest_first([item.nodeid for item in items], recorded_costs())
    position = {nodeid: i for i, nodeid in enumerate(order)}
    items.sort(key=lambda item: position[item.nodeid])


def pytest_xdist_make_scheduler(config: pytest.Config, log):  # type: ignore[no-untyped-def]
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class UnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    # The collection arrives longest unit first; xdist would sort it by number of tests.
    config.option.loadscopereorder = False
    return UnitScheduling(config, log)


class _Recorder:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @pytest.hookimpl
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        # Called in the controller for every worker's reports (and in a serial run).
        self.seconds[unit_of(report.nodeid)] += report.duration

    @pytest.hookimpl
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.seconds:
            return
        merged = {**recorded_costs(), **{unit: round(s, 1) for unit, s in self.seconds.items()}}
        DURATIONS_FILE.write_text(json.dumps(dict(sorted(merged.items())), indent=1) + "\n")


def pytest_configure(config: pytest.Config) -> None:
    is_worker = getattr(config, "workerinput", None) is not None
    if config.getoption("record_durations") and not is_worker:
        config.pluginmanager.register(_Recorder(), "record-durations")
