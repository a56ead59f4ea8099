"""The RSVP burst's verdict: a round that is not seat-exact is never reported exact.

``judge_rsvp_round`` is what the bench (and so its smoke test) relies on to call a round
exact; here it is fed rounds that went wrong in each way the seats can go wrong.
"""

from __future__ import annotations

from typing import Any

from bench.scenarios import judge_rsvp_round

GUESTS, SEATS = 10, 4


def phase(outcomes: dict[str, int], *, non_2xx: int = 0, socket_errors: int = 0) -> dict[str, Any]:
    return {"outcomes": outcomes, "non_2xx": non_2xx, "socket_errors": socket_errors}


def good_round() -> dict[str, Any]:
    rows = [
        {"id": i, "email_normalised": f"g{i}@x.ma", "status": "confirmed" if i < SEATS else "waitlisted"}
        for i in range(GUESTS)
    ]
    return {
        "guests": GUESTS,
        "seats": SEATS,
        "ask": phase({"check_your_inbox": GUESTS}),
        "confirm": phase({"confirmed": SEATS, "waitlisted": GUESTS - SEATS}),
        "confirm_answers": [(i, {"id": i, "status": r["status"]}) for i, r in enumerate(rows)],
        "seats_after_ask": {"confirmed": 0, "waitlisted": 0},
        "rows": rows,
        "server_seats": {"confirmed": SEATS, "waitlisted": GUESTS - SEATS},
    }


def test_an_exact_round_is_exact_and_complete() -> None:
    verdict = judge_rsvp_round(**good_round())
    assert verdict["exact"] is True and verdict["complete"] is True, verdict["checks"]
    assert (verdict["confirmed"], verdict["waitlisted"], verdict["duplicates"]) == (SEATS, GUESTS - SEATS, 0)


def test_overbooking_is_not_exact() -> None:
    case = good_round()
    case["rows"][SEATS]["status"] = "confirmed"
    case["confirm"] = phase({"confirmed": SEATS + 1, "waitlisted": GUESTS - SEATS - 1})
    case["server_seats"] = {"confirmed": SEATS + 1, "waitlisted": GUESTS - SEATS - 1}
    verdict = judge_rsvp_round(**case)
    assert verdict["exact"] is False
    assert not verdict["checks"]["service counts exactly the seats"]
    assert not verdict["checks"]["no answer claims more seats"]


def test_answers_claiming_a_seat_the_service_did_not_give_are_not_exact() -> None:
    case = good_round()
    case["confirm"] = phase({"confirmed": SEATS + 1, "waitlisted": GUESTS - SEATS - 1})
    assert judge_rsvp_round(**case)["exact"] is False


def test_counters_that_disagree_with_the_rows_are_not_exact() -> None:
    case = good_round()
    case["rows"][0]["status"] = "pending"  # the counter says 4 confirmed, the rows 3
    assert judge_rsvp_round(**case)["checks"]["rows agree with the counts"] is False


def test_a_seat_taken_by_asking_is_not_exact() -> None:
    case = good_round()
    case["seats_after_ask"] = {"confirmed": 1, "waitlisted": 0}
    assert judge_rsvp_round(**case)["exact"] is False


def test_a_duplicate_rsvp_or_answer_is_not_exact() -> None:
    case = good_round()
    case["rows"].append({"id": 99, "email_normalised": "g0@x.ma", "status": "waitlisted"})
    assert judge_rsvp_round(**case)["checks"]["one RSVP per e-mail"] is False
    case = good_round()
    case["confirm_answers"][1] = (1, {"id": 0, "status": "confirmed"})
    assert judge_rsvp_round(**case)["checks"]["no RSVP answered twice"] is False


def test_an_honest_time_out_is_exact_but_not_complete() -> None:
    """A proxy time-out on one confirm: the service may have confirmed it; seats still exact."""
    case = good_round()
    case["confirm"] = phase({"confirmed": SEATS, "waitlisted": GUESTS - SEATS - 1}, non_2xx=1)
    case["confirm_answers"] = case["confirm_answers"][:-1]
    verdict = judge_rsvp_round(**case)
    assert verdict["exact"] is True and verdict["complete"] is False
