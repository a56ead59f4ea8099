"""The capacity plan's arithmetic, from the CPU milliseconds per request a bench run measured.

    python -m bench.capacity bench/report.json [--large var/bench-1m/report.json]

Prints Markdown (the README's *Production* → *Capacity plan* is this output, edited):
every figure is taken from report.json, every assumption is stated, every sum shown.
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path
from typing import Any

from bench.report import DATABASE_NAMES, runs, variant_of

SMES = 8_500  # SMEs of the sector a Morning's invitation goes to
INVITATION_WINDOW_S = 60  # "at once": every guest within one minute (the worst case)
EXPORTERS = 12_000
PROFILE_VIEWS_PER_DAY = 1_000_000
BUSY_HOURS = 10  # the day's views fall in 10 hours
PEAK_FACTOR = 3  # the busiest minute of those hours, over their average
SEARCHES_PER_VIEW = 1  # a visitor searches once per profile viewed
HEADROOM = 0.6  # plan cores at 60 % busy: latency stays low, a core can fail


def _servers_ms(run: dict[str, Any], key: str, via: str) -> float | None:
    data = variant_of(run, key, via)
    return data.get("cpu_ms_per_request_servers") if data else None


def _burst_ms(run: dict[str, Any], phase: str) -> float | None:
    """The events processes' CPU per RSVP of the direct burst (a round through the gateway may have
    been refused), plus the gateway's own CPU per proxied request (its regions figure)."""
    data = variant_of(run, "rsvp", "direct")
    part = (data or {}).get("ask") if phase == "ask" else data
    if not part or not part.get("requests"):
        return None
    cpu = part.get("cpu_ms_per_request") or {}
    proxy = ((variant_of(run, "regions", "gateway") or {}).get("cpu_ms_per_request") or {}).get(
        "gateway", 0.0
    )
    return round(sum(cpu.values()) + proxy, 3) if cpu else None


def _cores(cpu_seconds_per_second: float) -> float:
    return cpu_seconds_per_second / HEADROOM


def plan(report: dict[str, Any], large: dict[str, Any] | None = None) -> str:
    found = runs(report)
    lite = found.get("sqlite", {})
    lines: list[str] = []
    # The website's page: its own process (frontend) is the same on either database.
    page = _servers_ms(lite, "page", "direct")
    for db in ("postgres", "sqlite"):
        run = found.get(db)
        if not run:
            continue
        name = DATABASE_NAMES[db]
        event = _servers_ms(run, "event", "gateway")
        ask, confirm = _burst_ms(run, "ask"), _burst_ms(run, "confirm")
        profile = _servers_ms(run, "profile", "gateway")
        search = _servers_ms(run, "search", "gateway")
        lines += [f"**On {name}** (CPU ms per request measured through the gateway):", ""]
        if None not in (page, event, ask, confirm):
            assert page is not None and event is not None and ask is not None and confirm is not None
            guest = page + event + ask + confirm
            total = SMES * guest / 1000
            rate = total / INVITATION_WINDOW_S
            lines += [
                f"- *Morning invitation to {SMES:,} SMEs at once.* A guest opens the event page on the "
                f"website (a page: {page:.2f} ms, the catalogue page's cost; plus the event's API answer "
                f"{event:.2f} ms), asks for a seat ({ask:.2f} ms) and confirms from the e-mail "
                f"({confirm:.2f} ms; both: the events processes' CPU in the direct burst plus the "
                "gateway's own per proxied request): "
                f"{guest:.2f} ms of CPU per guest. {SMES:,} guests × {guest:.2f} ms = "
                f"{total:.0f} CPU-seconds. If every one of them answers within {INVITATION_WINDOW_S} s: "
                f"{total:.0f} / {INVITATION_WINDOW_S} = {rate:.2f} cores busy, / {HEADROOM:.0%} headroom = "
                f"**{_cores(rate):.1f} cores** ({math.ceil(_cores(rate))}).",
            ]
        if None not in (page, profile, search):
            assert page is not None and profile is not None and search is not None
            per_s = PROFILE_VIEWS_PER_DAY / (BUSY_HOURS * 3600)
            peak = per_s * PEAK_FACTOR
            view = page + profile + SEARCHES_PER_VIEW * search
            busy = peak * view / 1000
            lines += [
                f"- *{EXPORTERS:,} exporters, {PROFILE_VIEWS_PER_DAY:,} profile views a day.* Over "
                f"{BUSY_HOURS} busy hours that is {PROFILE_VIEWS_PER_DAY:,} / {BUSY_HOURS * 3600:,} s = "
                f"{per_s:.1f} views/s, × {PEAK_FACTOR} at the peak = {peak:.0f} views/s. A view is a website "
                f"page ({page:.2f} ms) + the profile's API answer ({profile:.2f} ms) + "
                f"{SEARCHES_PER_VIEW} search of the realistic mix ({search:.2f} ms, cache hits included) = "
                f"{view:.2f} ms. {peak:.0f} × {view:.2f} ms = {busy:.2f} cores busy, / {HEADROOM:.0%} = "
                f"**{_cores(busy):.1f} cores** ({math.ceil(_cores(busy))}). (The bench's catalogue has "
                f"100,000 exporters; with {EXPORTERS:,} a search costs less, so this is an upper bound.)",
            ]
        lines.append("")
    if large:
        lines += _large_lines(report, large)
    return "\n".join(lines).rstrip() + "\n"


def _single(run: dict[str, Any]) -> dict[str, Any]:
    return (variant_of(run, "search-single", "direct") or {}).get("classes") or {}


def _large_lines(report: dict[str, Any], large: dict[str, Any]) -> list[str]:
    lines = []
    for db, big in runs(large).items():
        small = runs(report).get(db)
        if not small or not big.get("scenarios"):
            continue
        rows = big.get("dataset", {}).get("rows") or {}
        size = big.get("dataset", {}).get("exporters_requested")
        lines += [
            f"*Search at {size:,} exporters (~{rows.get('product', 3 * (size or 0)):,} products) against "
            f"100,000 on {DATABASE_NAMES[db]}:*",
            "",
            "| measure | 100,000 exporters | " + f"{size:,} exporters | ratio |",
            "|---|---:|---:|---:|",
        ]
        for via in ("direct", "gateway"):
            a, b = variant_of(small, "search", via), variant_of(big, "search", via)
            if a and b:
                for field, label in (
                    ("ok_per_s", f"search mix {via}, req/s"),
                    ("p95_ms", f"search mix {via}, p95 ms"),
                    ("cpu_ms_per_request_servers", f"search mix {via}, CPU ms/req"),
                ):
                    ratio = b[field] / a[field] if a.get(field) else 0
                    lines.append(f"| {label} | {a[field]:.2f} | {b[field]:.2f} | {ratio:.2f} |")
        for name, b in _single(big).items():
            a = _single(small).get(name)
            if a:
                for field, label in (("p50_ms", "p50 ms"), ("cpu_ms_per_request", "CPU ms/req")):
                    ratio = b[field] / a[field] if a[field] else 0
                    lines.append(
                        f"| single, {name}: {label} | {a[field]:.2f} | {b[field]:.2f} | {ratio:.2f} |"
                    )
        peak = max((i.get("peak_rss_kb") or 0, n) for n, i in (big.get("processes") or {}).items())
        lines += [
            "",
            f"Largest process at {size:,} exporters: {peak[1]} {peak[0] / 1024:.0f} MB peak RSS.",
            "",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--large", type=Path, help="the report of the search at 1,000,000 products")
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text())
    large = json.loads(args.large.read_text()) if args.large else None
    print(plan(report, large))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
