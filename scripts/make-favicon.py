"""Writes frontend/static/favicon.ico from the same drawing as favicon.svg (run once; committed).

The mark: a red rounded square with a green five-pointed outline star, the Club's colours.
Drawn with Pillow at 4x and scaled down for smooth edges, saved with 16, 32 and 48 px sizes.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

RED = (176, 31, 37, 255)
GREEN = (0, 89, 46, 255)
WHITE = (255, 255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "frontend" / "static" / "favicon.ico"


def star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    unit = size / 32
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=7 * unit, fill=RED)
    outline = star(16 * unit, 16.6 * unit, 11 * unit, 4.6 * unit)
    pen.line([*outline, outline[0]], fill=GREEN, width=round(2.6 * unit), joint="curve")
    pen.line([*outline, outline[0]], fill=WHITE, width=max(1, round(1 * unit)), joint="curve")
    return image


def main() -> None:
    draw().save(OUT, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
