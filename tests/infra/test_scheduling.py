"""The order the xdist workers take the suite's work in (tests/support/scheduling.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.scheduling import UNKNOWN_TEST_SECONDS, longest_first, recorded_costs, unit_of


def test_a_unit_is_a_module_except_for_a_package_run_as_one() -> None:
    assert unit_of("tests/e2e/test_lighthouse.py::test_scores") == "tests/e2e/test_lighthouse.py"
    assert unit_of("tests/registry/test_search.py::test_x[fr-a::b]") == "tests/registry/test_search.py"
    assert unit_of("tests/webhooks/test_delivery.py::test_y") == "tests/webhooks/"
    assert unit_of("tests/webhooks/test_desk_page.py::test_z") == "tests/webhooks/"


def test_the_costliest_unit_comes_first_and_each_keeps_its_own_order() -> None:
    nodeids = [
        "tests/a.py::t1",
        "tests/a.py::t2",
        "tests/a.py::t3",
        "tests/b.py::only",
        "tests/webhooks/test_one.py::w1",
        "tests/c.py::t1",
        "tests/webhooks/test_two.py::w2",
    ]
    costs = {"tests/b.py": 100.0, "tests/webhooks/": 50.0, "tests/a.py": 1.0}
    assert longest_first(nodeids, costs) == [
        "tests/b.py::only",
        "tests/webhooks/test_one.py::w1",
        "tests/webhooks/test_two.py::w2",
        "tests/a.py::t1",
        "tests/a.py::t2",
        "tests/a.py::t3",
        "tests/c.py::t1",
    ]


def test_an_unrecorded_unit_counts_by_its_number_of_tests() -> None:
    nodeids = ["tests/new_small.py::t", *(f"tests/new_big.py::t{i}" for i in range(4)), "tests/old.py::t"]
    costs = {"tests/old.py": 3 * UNKNOWN_TEST_SECONDS}
    units = [unit_of(n) for n in longest_first(nodeids, costs)]
    assert list(dict.fromkeys(units)) == ["tests/new_big.py", "tests/old.py", "tests/new_small.py"]


def test_a_missing_or_broken_durations_file_is_no_order_at_all(tmp_path: Path) -> None:
    assert recorded_costs(tmp_path / "absent.json") == {}
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert recorded_costs(broken) == {}
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([1, 2]))
    assert recorded_costs(listed) == {}
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"tests/a.py": 2}))
    assert recorded_costs(good) == {"tests/a.py": 2.0}
