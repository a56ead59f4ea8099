"""Server-rendered SVG bar charts (no JavaScript), mirrored for right-to-left pages."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from frontend.i18n import fmt_number, text_dir


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, width: int = 640) -> Markup:
    """Horizontal bars, one per (label, value); the numbers are also in the table next to it."""
    label_w, bar_h, gap, pad = 230, 22, 8, 8
    height = pad * 2 + len(rows) * (bar_h + gap)
    top = max((v for _, v in rows), default=0) or 1
    span = width - label_w - 70
    rtl = text_dir() == "rtl"
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" direction="ltr" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, value) in enumerate(rows):
        y = pad + i * (bar_h + gap)
        w = max(1, round(span * value / top)) if value else 0
        mid = y + bar_h / 2 + 4
        if rtl:
            parts.append(f'<text x="{width - 4}" y="{mid}" text-anchor="end">{escape(label)}</text>')
            x = width - label_w - w
            parts.append(f'<rect class="bar" x="{x}" y="{y}" width="{w}" height="{bar_h}" rx="3"></rect>')
            parts.append(f'<text x="{x - 6}" y="{mid}" text-anchor="end">{escape(fmt_number(value))}</text>')
        else:
            parts.append(f'<text x="4" y="{mid}">{escape(label)}</text>')
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{y}" width="{w}" height="{bar_h}" rx="3"></rect>'
            )
            parts.append(f'<text x="{label_w + w + 6}" y="{mid}">{escape(fmt_number(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece above is escaped
