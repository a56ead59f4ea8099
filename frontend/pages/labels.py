"""Label verification: type a certificate number, or arrive from the QR code."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
