"""The event form's repeated rows: panels (with times), speakers, partners; the venue's place.

Without JavaScript a row is added by a submit button (``add=panel``) that re-renders the form
with one more empty row; an empty row is left out of what is sent. Inputs are named
``panel-3-title_fr``; the API's field errors (``panels.0.speakers.1.photo_url``) come back on
the row they were typed in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from frontend.api_models import EventPublic
from frontend.forms import ANY_CODE, FieldMessages, api_problem, message_for
from frontend.gateway import ApiError
from frontend.i18n import N_, TIMEZONE
from frontend.i18n import gettext_ as _

LANGS = ("fr", "en", "ar")
# The API's limits (services/events/schemas.py: EventFields); the form offers no more rows.
MAX_ROWS = {"panel": 30, "speaker": 50, "partner": 50}
PARTNER_KINDS = ("organiser", "partner", "sponsor", "host", "media")
ROW_FIELDS = {
    "panel": ("title_fr", "title_en", "title_ar", "starts", "ends"),
    "speaker": ("name", "role_fr", "role_en", "role_ar", "organisation", "exporter_id", "photo_url", "panel"),
    "partner": ("name", "kind", "url"),
}
# Inputs whose value alone does not make a row worth sending (a select's default).
_DEFAULTS = {"kind": "partner", "panel": "0"}
ROW_MESSAGES: FieldMessages = {
    ("panels.*.title.fr", ANY_CODE): N_("A French title is required."),
    ("panels.*.starts_at", ANY_CODE): N_("Enter a time (hh:mm)."),
    ("panels.*.ends_at", ANY_CODE): N_("Enter a time (hh:mm)."),
    ("speakers.*.name", ANY_CODE): N_("Enter the speaker's name."),
    ("speakers.*.photo_url", ANY_CODE): N_("Enter an address that starts with https://."),
    ("partners.*.name", ANY_CODE): N_("Enter the partner's name."),
    ("partners.*.url", ANY_CODE): N_("Enter an address that starts with https:// or http://."),
    ("latitude", ANY_CODE): N_("Enter a latitude between -90 and 90."),
    ("longitude", ANY_CODE): N_("Enter a longitude between -180 and 180."),
}
_TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")


def row_name(kind: str, index: int, name: str) -> str:
    return f"{kind}-{index}-{name}"


def row_count(raw: Mapping[str, Any], kind: str) -> int | None:
    """How many rows of ``kind`` the form had (None: the form had no such rows at all)."""
    value = str(raw.get(f"{kind}_rows", ""))
    if not value.isdigit():
        return None
    return min(int(value), MAX_ROWS[kind])


def read_rows(raw: Mapping[str, Any], form: dict[str, str]) -> dict[str, int]:
    """Copy the rows' inputs into ``form``; one more empty row of the kind that ``add`` names."""
    counts: dict[str, int] = {}
    for kind, names in ROW_FIELDS.items():
        count = row_count(raw, kind)
        if count is None:
            continue
        for i in range(count):
            for name in names:
                key = row_name(kind, i, name)
                form[key] = str(raw.get(key, "")).strip()[:600]
        counts[kind] = count
    added = str(raw.get("add", ""))
    if added in MAX_ROWS:
        counts[added] = min(counts.get(added, 0) + 1, MAX_ROWS[added])
    for kind, count in counts.items():
        form[f"{kind}_rows"] = str(count)
    return counts


def _row(form: Mapping[str, str], kind: str, i: int) -> dict[str, str]:
    """One row's values by their short names (``title_fr``)."""
    return {n: form.get(row_name(kind, i, n), "") for n in ROW_FIELDS[kind]}


def _filled(form: Mapping[str, str], kind: str, i: int) -> bool:
    return any(form.get(row_name(kind, i, n), "") not in ("", _DEFAULTS.get(n)) for n in ROW_FIELDS[kind])


@dataclass
class Rows:
    """What the rows become in the API body, and where each sent item came from."""

    payload: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # API path prefix ("panels.0", "panels.0.speakers.1", "speakers.0") -> the form row's prefix.
    origin: dict[str, str] = field(default_factory=dict)


def _panel_time(day: str, value: str) -> str | None:
    return f"{day}T{value}" if value else None


def _panels(form: Mapping[str, str], count: int, day: str, rows: Rows) -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = []
    for i in range(count):
        if not _filled(form, "panel", i):
            continue
        get = _row(form, "panel", i).__getitem__
        if not get("title_fr"):
            rows.errors[row_name("panel", i, "title_fr")] = _("A French title is required.")
        for n in ("starts", "ends"):
            if get(n) and not _TIME.match(get(n)):
                rows.errors[row_name("panel", i, n)] = _("Enter a time (hh:mm).")
        rows.origin[f"panels.{len(panels)}"] = f"panel-{i}"
        panels.append(
            {
                "title": {lang: get(f"title_{lang}") for lang in LANGS},
                "starts_at": _panel_time(day, get("starts")),
                "ends_at": _panel_time(day, get("ends")),
                "speakers": [],
                "_row": i,
            }
        )
    return panels


def _speaker(form: Mapping[str, str], i: int, rows: Rows) -> dict[str, Any]:
    get = _row(form, "speaker", i).__getitem__
    if not get("name"):
        rows.errors[row_name("speaker", i, "name")] = _("Enter the speaker's name.")
    if get("photo_url") and not get("photo_url").startswith("https://"):
        rows.errors[row_name("speaker", i, "photo_url")] = _("Enter an address that starts with https://.")
    exporter_id: int | None = None
    if get("exporter_id"):
        if get("exporter_id").isdigit() and 0 < int(get("exporter_id")) < 2**31:
            exporter_id = int(get("exporter_id"))
        else:
            rows.errors[row_name("speaker", i, "exporter_id")] = _("Enter a number.")
    return {
        "name": get("name"),
        "role": get("role_fr"),
        "role_en": get("role_en"),
        "role_ar": get("role_ar"),
        "organisation": get("organisation"),
        "exporter_id": exporter_id,
        "photo_url": get("photo_url") or None,
    }


def programme_payload(form: Mapping[str, str], counts: Mapping[str, int]) -> Rows:
    """The ``panels``, ``speakers`` and ``partners`` lists of the API body, for the kinds the form had."""
    rows = Rows()
    day = form.get("starts_at", "")[:10]
    panels = _panels(form, counts.get("panel", 0), day, rows) if "panel" in counts else None
    if "speaker" in counts:
        keynotes: list[dict[str, Any]] = []
        by_row = {p["_row"]: p for p in panels or []}
        for i in range(counts["speaker"]):
            if not _filled(form, "speaker", i):
                continue
            speaker = _speaker(form, i, rows)
            panel_row = form.get(row_name("speaker", i, "panel"), "0")
            target = by_row.get(int(panel_row) - 1) if panel_row.isdigit() and panel_row != "0" else None
            if target is None:
                rows.origin[f"speakers.{len(keynotes)}"] = f"speaker-{i}"
                keynotes.append(speaker)
            else:
                index = panels.index(target) if panels else 0
                rows.origin[f"panels.{index}.speakers.{len(target['speakers'])}"] = f"speaker-{i}"
                target["speakers"].append(speaker)
        rows.payload["speakers"] = keynotes
    if panels is not None:
        for p in panels:
            p.pop("_row")
        rows.payload["panels"] = panels
    if "partner" in counts:
        rows.payload["partners"] = _partners(form, counts["partner"], rows)
    return rows


def _partners(form: Mapping[str, str], count: int, rows: Rows) -> list[dict[str, Any]]:
    partners: list[dict[str, Any]] = []
    for i in range(count):
        if not _filled(form, "partner", i):
            continue
        get = _row(form, "partner", i).__getitem__
        if not get("name"):
            rows.errors[row_name("partner", i, "name")] = _("Enter the partner's name.")
        if get("url") and not get("url").startswith(("https://", "http://")):
            rows.errors[row_name("partner", i, "url")] = _(
                "Enter an address that starts with https:// or http://."
            )
        rows.origin[f"partners.{len(partners)}"] = f"partner-{i}"
        partners.append(
            {
                "name": get("name"),
                "kind": get("kind") if get("kind") in PARTNER_KINDS else "partner",
                "url": get("url") or None,
            }
        )
    return partners


def place_payload(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The venue's latitude and longitude (decimal degrees, a comma taken as the decimal point)."""
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    bounds = {"latitude": (90.0, N_("Enter a latitude between -90 and 90.")),
              "longitude": (180.0, N_("Enter a longitude between -180 and 180."))}  # fmt: skip
    for key, (limit, message) in bounds.items():
        text = form.get(key, "").replace(",", ".")
        if not text:
            out[key] = None
            continue
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not -limit <= value <= limit:  # NaN fails too
            errors[key] = _(message)
        out[key] = value
    if not errors and (out["latitude"] is None) != (out["longitude"] is None):
        errors["longitude"] = _("Give both the latitude and the longitude, or neither.")
    return out, errors


def _generic(path: str) -> str:
    """``panels.0.speakers.1.name`` -> ``speakers.*.name``; ``panels.2.title.fr`` -> ``panels.*.title.fr``."""
    path = re.sub(r"^panels\.\d+\.speakers\.\d+\.", "speakers.*.", path)
    return re.sub(r"^(panels|speakers|partners)\.\d+\.", r"\1.*.", path)


_API_TO_INPUT = {"title.fr": "title_fr", "title.en": "title_en", "title.ar": "title_ar",
                 "starts_at": "starts", "ends_at": "ends", "role": "role_fr"}  # fmt: skip


def row_errors(exc: ApiError, origin: Mapping[str, str], messages: FieldMessages) -> dict[str, str]:
    """The API's field errors on the rows (and the event's own fields) they belong to."""
    problem = api_problem(exc)
    out: dict[str, str] = {}
    for error in (problem.errors if problem else None) or []:
        path = error.field
        generic = _generic(path)
        all_messages = {**ROW_MESSAGES, **messages}
        message = message_for(all_messages, generic, error.code or "invalid", error.params)
        prefix = max((p for p in origin if path.startswith(p + ".")), key=len, default=None)
        if prefix is None:
            out.setdefault(path.replace(".", "_") or "form", message)
            continue
        rest = path[len(prefix) + 1 :]
        out.setdefault(f"{origin[prefix]}-{_API_TO_INPUT.get(rest, rest.replace('.', '_'))}", message)
    return out


def _local_time(value: datetime | None) -> str:
    return value.astimezone(TIMEZONE).strftime("%H:%M") if value else ""


def rows_from_api(event: EventPublic, form: dict[str, str]) -> None:
    """The event's programme as the form's rows (plus one empty row of each kind to fill in)."""
    panel_rows = {p.id: i for i, p in enumerate(event.panels)}
    speakers = [*event.speakers, *(s for p in event.panels for s in p.speakers)]
    for i, panel in enumerate(event.panels):
        for lang in LANGS:
            form[row_name("panel", i, f"title_{lang}")] = getattr(panel.title, lang) or ""
        form[row_name("panel", i, "starts")] = _local_time(panel.starts_at)
        form[row_name("panel", i, "ends")] = _local_time(panel.ends_at)
    for i, sp in enumerate(speakers):
        values = {
            "name": sp.name,
            "role_fr": sp.role_localized.fr,
            "role_en": sp.role_localized.en,
            "role_ar": sp.role_localized.ar,
            "organisation": sp.organisation,
            "exporter_id": str(sp.exporter_id or ""),
            "photo_url": sp.photo_url or "",
            "panel": str(panel_rows[sp.panel_id] + 1) if sp.panel_id in panel_rows else "0",
        }
        for name, value in values.items():
            form[row_name("speaker", i, name)] = value
    for i, partner in enumerate(event.partners):
        form[row_name("partner", i, "name")] = partner.name
        form[row_name("partner", i, "kind")] = partner.kind
        form[row_name("partner", i, "url")] = partner.url or ""
    counts = {"panel": len(event.panels), "speaker": len(speakers), "partner": len(event.partners)}
    for kind, count in counts.items():
        form[f"{kind}_rows"] = str(min(count + 1, MAX_ROWS[kind]))
    if event.map:
        form["latitude"] = f"{event.map.latitude:.6f}".rstrip("0").rstrip(".")
        form["longitude"] = f"{event.map.longitude:.6f}".rstrip("0").rstrip(".")
