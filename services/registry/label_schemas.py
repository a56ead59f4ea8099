"""API shapes of batch verification (the label's other shapes are in schemas.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.registry.schemas import LabelVerification


class LabelBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    certificates: list[str] = Field(
        description="1 to 100 certificate numbers, each at most once (case and surrounding spaces ignored)",
        examples=[["MIM-2026-7K3Q-9XPD", "MIM-2025-AB12-CD34"]],
        # Stated for clients; the service checks them itself, with its own codes (batch-empty,
        # batch-too-large, batch-duplicates: duplicates ignore case and surrounding spaces).
        json_schema_extra={"minItems": 1, "maxItems": 100, "uniqueItems": True},
    )


class LabelBatchItem(BaseModel):
    certificate: str = Field(description="The number as given (cut to 64 characters)")
    outcome: Literal["found", "unknown", "invalid-format"] = Field(
        description="found: `label` has its verification; unknown: no label has this number (not "
        "genuine); invalid-format: not a certificate number at all"
    )
    label: LabelVerification | None = None


class LabelBatchResult(BaseModel):
    items: list[LabelBatchItem] = Field(description="One per certificate given, in the same order")
