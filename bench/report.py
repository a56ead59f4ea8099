"""Targets (pass / miss and by how much) and the Markdown report."""

from __future__ import annotations

from typing import Any

RSS_LIMIT_MB = 150
JSON_SCENARIOS = ("regions", "search", "profile", "event")

LOAD_GENERATOR_NOTE = (
    "**Load generators.** Fixed-time GET scenarios use **wrk** (Debian package, C + epoll, "
    "HdrHistogram percentiles) with `bench/report.lua`, which rotates the request paths and prints "
    "the numbers as JSON: it needs a fraction of the CPU a Python client would, which matters because "
    "the load generator shares the 2 cores with the servers it measures. wrk counts responses >= 400 as "
    "non-2xx errors. The **RSVP burst** is not a fixed-time load but N distinct guests arriving at once, "
    "each with a unique e-mail, whose every answer (confirmed / waitlisted) must be read and counted: it "
    "uses an asyncio **aiohttp** client (`bench/loadgen.py`) that opens one connection per guest, releases "
    "all of them together and times each request itself (request sent to body read); RSVPs/s = "
    "successful RSVPs / wall time of the whole burst."
)

SHARED_MACHINE_NOTE = (
    "**Noise.** This machine's 2 cores are shared by the load generator, every server and, while this "
    "report was taken, other engineers' builds and test runs. Numbers are from a single run; expect "
    "+/-20 % between runs. Ratios taken in the same run (gateway/direct, nginx/direct) are more stable "
    "than absolute rates."
)


def _variant(report: dict[str, Any], key: str, variant: str) -> dict[str, Any] | None:
    for scenario in report.get("scenarios", []):
        if scenario["key"] == key and scenario.get("available"):
            data = scenario.get("variants", {}).get(variant)
            if data and data.get("available"):
                return data
    return None


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _at_least(name: str, measured: float | None, target: float, unit: str, fmt: str = "{:.0f}") -> dict:
    if measured is None:
        return {"target": name, "measured": None, "verdict": "not measured", "pass": None}
    ok = measured >= target
    margin = (measured / target - 1) * 100 if target else 0.0
    verdict = "pass" if ok else f"MISS by {abs(margin):.0f} %"
    if ok:
        verdict += f" (+{margin:.0f} %)"
    return {
        "target": name,
        "measured": f"{fmt.format(measured)}{unit}",
        "value": measured,
        "verdict": verdict,
        "pass": ok,
    }


def _at_most(name: str, measured: float | None, target: float, unit: str, fmt: str = "{:.2f}") -> dict:
    if measured is None:
        return {"target": name, "measured": None, "verdict": "not measured", "pass": None}
    ok = measured <= target
    margin = (measured / target - 1) * 100 if target else 0.0
    verdict = f"pass ({margin:.0f} %)" if ok else f"MISS by {margin:.0f} %"
    return {
        "target": name,
        "measured": f"{fmt.format(measured)}{unit}",
        "value": measured,
        "verdict": verdict,
        "pass": ok,
    }


def add_ratios(report: dict[str, Any]) -> None:
    """Throughput and p99 of each variant relative to direct, in place."""
    for scenario in report.get("scenarios", []):
        variants = scenario.get("variants", {})
        direct = variants.get("direct")
        if not direct or not direct.get("available"):
            continue
        for name, data in variants.items():
            if name == "direct" or not data.get("available"):
                continue
            data["throughput_ratio"] = _ratio(data["requests_per_s"], direct["requests_per_s"])
            data["p99_ratio"] = _ratio(data["p99_ms"], direct["p99_ms"])


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    add_ratios(report)
    targets: list[dict[str, Any]] = []
    for key in JSON_SCENARIOS:
        gateway = _variant(report, key, "gateway")
        nginx = _variant(report, key, "nginx")
        targets.append(
            _at_least(
                f"{key}: gateway >= 0.80x direct throughput",
                gateway and gateway.get("throughput_ratio"),
                0.80,
                "x",
                "{:.2f}",
            )
        )
        targets.append(
            _at_most(f"{key}: gateway p99 <= 1.5x direct", gateway and gateway.get("p99_ratio"), 1.5, "x")
        )
        targets.append(
            _at_least(
                f"{key}: nginx ~0.95x direct (reference)",
                nginx and nginx.get("throughput_ratio"),
                0.95,
                "x",
                "{:.2f}",
            )
        )
    direct = _variant(report, "search", "direct")
    gateway = _variant(report, "search", "gateway")
    targets.append(
        _at_least("search direct >= 1,000 req/s", direct and direct["requests_per_s"], 1000, " req/s")
    )
    targets.append(
        _at_least(
            "search via gateway >= 700 req/s (0.7x of 1,000)",
            gateway and gateway["requests_per_s"],
            700,
            " req/s",
        )
    )
    for name, data in (("direct", direct), ("gateway", gateway)):
        targets.append(
            _at_most(f"search {name} p95 < 50 ms at 32 connections", data and data["p95_ms"], 50, " ms")
        )
    for variant in ("direct", "gateway", "nginx"):
        data = _variant(report, "rsvp", variant)
        if data is None:
            targets.append(
                {
                    "target": f"RSVP burst ({variant})",
                    "measured": None,
                    "verdict": "not measured",
                    "pass": None,
                }
            )
            continue
        targets.append(
            {
                "target": f"RSVP burst ({variant}): exactly {data['seats']} of {data['guests']} confirmed",
                "measured": f"{data['confirmed']} confirmed, {data['waitlisted']} waitlisted",
                "verdict": "pass" if data["exact"] else "MISS",
                "pass": bool(data["exact"]),
            }
        )
        errors = data["non_2xx"] + data["socket_errors"]
        targets.append(
            {
                "target": f"RSVP burst ({variant}): every guest answered, no error",
                "measured": f"{data['guests'] - errors} of {data['guests']}"
                + (f" ({', '.join(f'{k}: {v}' for k, v in data['status_codes'].items() if k[0] != '2')})"
                   if errors else ""),
                "verdict": "pass" if data.get("complete") else f"MISS ({errors} errors)",
                "pass": bool(data.get("complete")),
            }
        )  # fmt: skip
        targets.append(_at_least(f"RSVP burst ({variant}) >= 300 RSVPs/s", data["requests_per_s"], 300, "/s"))
        targets.append(_at_most(f"RSVP burst ({variant}) p99 < 500 ms", data["p99_ms"], 500, " ms", "{:.0f}"))
    for key, label in (("page", "catalogue page"), ("fragment", "catalogue fragment")):
        data = _variant(report, key, "direct")
        targets.append(
            _at_least(f"{label} direct >= 300 pages/s", data and data["requests_per_s"], 300, "/s")
        )
    for name, info in sorted(report.get("processes", {}).items()):
        peak = info.get("peak_rss_kb")
        targets.append(
            _at_most(
                f"{name} peak RSS < {RSS_LIMIT_MB} MB",
                peak / 1024 if peak else None,
                RSS_LIMIT_MB,
                " MB",
                "{:.1f}",
            )
        )
    return targets


def _fmt(value: Any, fmt: str = "{:.2f}") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return fmt.format(value)
    return str(value)


def markdown(report: dict[str, Any]) -> str:
    s = report["settings"]
    m = report["machine"]
    d = report.get("dataset", {})
    lines = [
        "# Benchmark report",
        "",
        f"Generated {report['generated_at']} from commit `{report['commit']}` in {report['elapsed_s']} s.",
        "",
        f"    {report['command']}",
        "",
        f"- **Machine:** {m['cpu']} — {m['cores']} cores, {m['memory_gb']} GB, Linux {m['kernel']}, "
        f"Python {m['python']}; load average {' '.join(m['loadavg_start'])} at start, "
        f"{' '.join(m.get('loadavg_end', []))} at the end.",
        f"- **Database:** {s['database']}. **Dataset:** "
        + (
            f"synthetic catalogue of {d.get('exporters_requested'):,} exporters (~3 products each) "
            f"from `mim seed registry --exporters N`"
            + (
                " (from the bench cache)"
                if d.get("cached")
                else f", generated in {d.get('seconds', 0):.0f} s"
            )
            if d.get("kind") == "synthetic"
            else f"{d.get('kind', '?')} data. {d.get('note', '')}"
        ),
        f"- **Load:** `wrk -t{s['threads']} -c{s['connections']} -d{s['duration_s']:g}s --latency` after a "
        f"{s['warmup_s']:g} s warm-up, per scenario and per path; RSVP burst: {s['guests']} concurrent "
        f"guests on a {s['seats']}-seat event. Load generator: {s['load_generator']}.",
        "- **Processes:** one uvicorn worker per service (`mim serve`), nginx with 1 worker process and "
        "keep-alive upstreams as the reference proxy, all on 127.0.0.1; environment "
        + ", ".join(f"`{k}={v}`" for k, v in s["process_env"].items())
        + ".",
        "",
        LOAD_GENERATOR_NOTE,
        "",
        SHARED_MACHINE_NOTE,
        "",
    ]
    missing = report.get("missing_processes") or []
    if missing:
        lines += [f"**Not in this build:** {', '.join(missing)} (their scenarios are reported as such).", ""]

    lines += [
        "## Throughput and latency",
        "",
        "| scenario | via | req/s | x direct | p50 ms | p95 ms | p99 ms | p99 x direct | non-2xx "
        "| socket errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    unavailable: list[str] = []
    for scenario in report["scenarios"]:
        if not scenario.get("available"):
            unavailable.append(f"- **{scenario['title']}**: {scenario['reason']}")
            continue
        if scenario.get("kind") == "burst":
            continue
        for variant, data in scenario["variants"].items():
            if not data.get("available"):
                unavailable.append(f"- **{scenario['title']}** via {variant}: {data['reason']}")
                continue
            if not data["requests"]:
                lines.append(
                    f"| {scenario['key']} | {variant} | no request completed within the run "
                    f"| – | – | – | – | – | {data['non_2xx']} | {data['socket_errors']} |"
                )
                continue
            lines.append(
                f"| {scenario['key']} | {variant} | {data['requests_per_s']:.0f} | "
                f"{_fmt(data.get('throughput_ratio'))} | {data['p50_ms']:.2f} | {data['p95_ms']:.2f} | "
                f"{data['p99_ms']:.2f} | {_fmt(data.get('p99_ratio'))} | {data['non_2xx']} | "
                f"{data['socket_errors']} |"
            )
    lines += [""]
    for scenario in report["scenarios"]:
        detail = "; ".join(scenario.get("notes") or []) if scenario.get("available") else "not measured"
        lines.append(f"- **{scenario['key']}**: {scenario['title']}" + (f" — {detail}" if detail else ""))
    lines += [""]

    burst = next((x for x in report["scenarios"] if x["key"] == "rsvp" and x.get("available")), None)
    if burst:
        lines += [
            "## RSVP burst",
            "",
            "| via | guests | seats | confirmed | waitlisted | service count | exact | RSVPs/s | wall s "
            "| p50 ms | p99 ms | non-2xx | socket errors |",
            "|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for variant, data in burst["variants"].items():
            if not data.get("available"):
                unavailable.append(f"- **{burst['title']}** via {variant}: {data['reason']}")
                continue
            lines.append(
                f"| {variant} | {data['guests']} | {data['seats']} | {data['confirmed']} | "
                f"{data['waitlisted']} | {data['server_seats'].get('confirmed')} + "
                f"{data['server_seats'].get('waitlisted')} | {'yes' if data['exact'] else 'NO'} | "
                f"{data['requests_per_s']:.0f} | "
                f"{data['seconds']:.2f} | {data['p50_ms']:.1f} | {data['p99_ms']:.1f} | {data['non_2xx']} | "
                f"{data['socket_errors']} |"
            )
        lines += [""]

    lines += ["## Targets", "", "| target | measured | verdict |", "|---|---:|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['measured'] or '–'} | {t['verdict']} |")
    lines += [""]

    lines += [
        "## Memory",
        "",
        "Peak resident set (VmHWM from /proc/<pid>/status) of every process at the end of the run.",
        "",
        "| process | pid | peak RSS MB |",
        "|---|---:|---:|",
    ]
    for name, info in report.get("processes", {}).items():
        peak = info.get("peak_rss_kb")
        lines.append(
            f"| {name} | {info['pid']} | {peak / 1024:.1f} |" if peak else f"| {name} | {info['pid']} | – |"
        )
    lines += [""]

    profiled = [s for s in report["scenarios"] if s.get("profile", {}).get("processes")]
    if profiled:
        lines += [
            "## Where the time goes (py-spy)",
            "",
            "An extra, unmeasured run per scenario under `py-spy record --nonblocking -r 100` (through the "
            "gateway when there is one). *busy* = share of the run the process was on CPU (samples / "
            "expected samples; the event loop waiting on epoll is not counted); then the top packages and "
            "leaf functions of the busy samples.",
            "",
        ]
        for scenario in profiled:
            prof = scenario["profile"]
            lines.append(f"**{scenario['key']}** (via {prof['via']}):")
            lines.append("")
            for name, summary in prof["processes"].items():
                if "error" in summary:
                    lines.append(f"- {name}: not profiled ({summary['error']})")
                    continue
                packages = ", ".join(f"{p} {share * 100:.0f} %" for p, share in summary["packages"])
                functions = ", ".join(f"`{f}` {share * 100:.0f} %" for f, share in summary["functions"][:4])
                lines.append(
                    f"- {name}: busy {summary['busy_share'] * 100:.0f} %; packages: {packages}; "
                    f"functions: {functions}"
                )
            lines.append("")

    if unavailable:
        lines += ["## Not measured", "", *unavailable, ""]
    for note in report.get("notes", []):
        lines.append(note)
    return "\n".join(lines).rstrip() + "\n"
