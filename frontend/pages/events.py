"""Events: upcoming and past, series, event pages, RSVP and its management."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
