"""Desks for organisers and exporters, signed in through the gateway's accounts.

One module per desk; `router` assembles them. Every desk route takes its account
from a role dependency (`Staff`, `ExporterAccount`, `AnyAccount` in `access`).
"""

from __future__ import annotations

from fastapi import APIRouter

from frontend.pages.desk import (
    checkin,
    event_forms,
    events,
    exporter,
    imports,
    labels,
    media,
    signin,
    webhooks,
)
from frontend.pages.desk.access import SignInRequired, require_role

__all__ = ["DESKS", "SignInRequired", "require_role", "router"]

router = APIRouter()
# `event_forms` before `events`: GET /desk/events/new must not be read as an event id.
DESKS = (signin, event_forms, events, exporter, media, labels, imports, checkin, webhooks)
for module in DESKS:
    router.include_router(module.router)
