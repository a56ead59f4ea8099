"""QR codes that any phone and any printer read: one rendering for every QR the platform makes.

A scanner needs the quiet zone: four light modules around the code (ISO/IEC 18004). The SVG
has an opaque white background (a dark page or a transparent print must not swallow the light
modules) and a ``viewBox`` in module units, so it scales to any printed size without blur;
``width``/``height`` give it a sensible size on screen.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Literal

# segno is imported by the first QR code drawn: the registry and events processes load it only
# when a label or a ticket asks for one (RSS and start-up CPU, issue #18).
if TYPE_CHECKING:
    import segno

QUIET_ZONE_MODULES = 4
SVG_PIXELS_PER_MODULE = 6
PNG_PIXELS_PER_MODULE = 8

QrKind = Literal["svg", "png"]


def _code(data: str) -> segno.QRCode:
    import segno

    return segno.make(data, error="m", micro=False)


def svg(data: str) -> bytes:
    code = _code(data)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=1,
        border=QUIET_ZONE_MODULES,
        dark="#000",
        light="#fff",
        omitsize=True,
        xmldecl=True,
    )
    side = code.symbol_size(scale=1, border=QUIET_ZONE_MODULES)[0] * SVG_PIXELS_PER_MODULE
    text = out.getvalue().decode()
    # segno writes either a viewBox (omitsize) or a size; a printable code wants both.
    text = re.sub(r"<svg ", f'<svg width="{side}" height="{side}" ', text, count=1)
    return text.encode()


def png(data: str) -> bytes:
    out = io.BytesIO()
    _code(data).save(
        out, kind="png", scale=PNG_PIXELS_PER_MODULE, border=QUIET_ZONE_MODULES, dark="#000", light="#fff"
    )
    return out.getvalue()


def render(data: str, kind: QrKind) -> bytes:
    return svg(data) if kind == "svg" else png(data)
