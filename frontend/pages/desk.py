"""Desks for organisers and exporters, signed in through the gateway."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
