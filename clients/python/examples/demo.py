"""An integrator's first program with the `mim-client` package: the same tour as the TypeScript
demo (tests/integrators/ts/demo.ts).

    MIM_API=http://127.0.0.1:8000 MIM_EMAIL=guest@example.ma python demo.py one
        search the catalogue, read a profile, verify a label, meet a 404 and a 422, RSVP
    MIM_API=... MIM_TOKEN=<the token from the confirmation e-mail> python demo.py two
        confirm the RSVP, read it back, cancel it

Each step prints one JSON line; any surprise raises (exit code 1).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, TypeVar

import httpx

from mim_client import Client
from mim_client.api.events import events_list
from mim_client.api.exporters import exporters_get, exporters_search
from mim_client.api.label import labels_verify
from mim_client.api.rsvps import rsvps_cancel, rsvps_confirm, rsvps_create, rsvps_get
from mim_client.models import (
    ExporterPage,
    ExporterPublic,
    LabelVerification,
    PageEventSummary,
    ProblemDetail,
    RsvpAccepted,
    RsvpCreate,
    RsvpPublic,
    When,
)

PROBLEM_TYPES = "https://made-in-morocco.ma/problems/"
T = TypeVar("T")


def report(step: str, **facts: Any) -> None:
    print(json.dumps({"step": step, **facts}), flush=True)


def code(problem: ProblemDetail) -> str:
    """The machine code of a problem (`not-found`, `validation-error`...), from its `type` URI."""
    return problem.type_.removeprefix(PROBLEM_TYPES) if isinstance(problem.type_, str) else "about:blank"


def expect(answer: T | ProblemDetail | None, kind: type[T], what: str) -> T:
    if isinstance(answer, ProblemDetail):
        raise SystemExit(f"{what}: {answer.status} {code(answer)}: {answer.detail}")
    if not isinstance(answer, kind):
        raise SystemExit(f"{what}: unexpected answer {answer!r}")
    return answer


def phase_one(api: Client, email: str) -> None:
    # 1. Search the catalogue.
    page = expect(exporters_search.sync(client=api, q="zellige", per_page=5), ExporterPage, "search")
    if not page.items:
        raise SystemExit("search: no exporter found for 'zellige'")
    first = page.items[0]
    report("search", total=page.total, count=len(page.items), first=first.trade_name)

    # 2. An exporter's profile.
    profile = expect(exporters_get.sync(client=api, slug=first.slug), ExporterPublic, "profile")
    report("profile", slug=profile.slug, trade_name=profile.trade_name, city=profile.city)

    # 3. Verify a label, taken from a labelled exporter's profile.
    labelled = expect(exporters_search.sync(client=api, labelled=True, per_page=1), ExporterPage, "labelled")
    holder = expect(exporters_get.sync(client=api, slug=labelled.items[0].slug), ExporterPublic, "holder")
    number = holder.labels[0].certificate_number
    label = expect(labels_verify.sync(client=api, certificate_number=number), LabelVerification, "verify")
    report(
        "label",
        certificate_number=label.certificate_number,
        status=str(label.status),
        valid=label.valid,
        exporter=label.exporter.slug,
    )

    # 4. A 404: the answer is a ProblemDetail, told apart by its type.
    missing = exporters_get.sync_detailed(client=api, slug="no-such-exporter-anywhere")
    if not isinstance(missing.parsed, ProblemDetail) or code(missing.parsed) != "not-found":
        raise SystemExit(f"404: unexpected answer {missing.parsed!r}")
    report("not-found", status=int(missing.status_code), code=code(missing.parsed), title=missing.parsed.title)

    # 5. A 422 (per_page is at most 100): the problem names the field.
    invalid = exporters_search.sync_detailed(client=api, per_page=1000)
    if not isinstance(invalid.parsed, ProblemDetail) or code(invalid.parsed) != "validation-error":
        raise SystemExit(f"422: unexpected answer {invalid.parsed!r}")
    fields = [error.field for error in invalid.parsed.errors or []]
    report("invalid", status=int(invalid.status_code), code=code(invalid.parsed), fields=fields)

    # 6. RSVP to an upcoming event that takes RSVPs: double opt-in, the answer says nothing more.
    events = expect(events_list.sync(client=api, when=When.UPCOMING, per_page=50), PageEventSummary, "events")
    event = next(e for e in events.items if str(e.status) == "published" and e.rsvp.is_open)
    body = RsvpCreate(name="Youssef Alami", email=email, consent=True)
    accepted = rsvps_create.sync_detailed(client=api, event_id=event.id, body=body)
    answer = expect(accepted.parsed, RsvpAccepted, "rsvp")
    report("rsvp", status=int(accepted.status_code), answer=str(answer.status), event_id=answer.event_id)


def phase_two(api: Client, token: str) -> None:
    confirmed = expect(rsvps_confirm.sync(client=api, token=token), RsvpPublic, "confirm")
    report("confirm", status=str(confirmed.status), event_id=confirmed.event.id)
    cancelled = expect(rsvps_cancel.sync(client=api, token=token), RsvpPublic, "cancel")
    again = expect(rsvps_get.sync(client=api, token=token), RsvpPublic, "read back")
    report("cancel", status=str(cancelled.status), read_back=str(again.status))


def main() -> None:
    api = Client(base_url=os.environ["MIM_API"], timeout=httpx.Timeout(60))
    phase = sys.argv[1] if len(sys.argv) > 1 else "one"
    if phase == "one":
        phase_one(api, os.environ["MIM_EMAIL"])
    elif phase == "two":
        phase_two(api, os.environ["MIM_TOKEN"])
    else:
        raise SystemExit(f"unknown phase {phase}")


if __name__ == "__main__":
    main()
