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
    "each with a unique e-mail, in two phases (double opt-in): every guest asks at once (202, no seat "
    "taken), then every guest confirms at once with the token of their e-mail (confirmed / waitlisted); "
    "every answer of both phases is read and counted. It uses an asyncio client on uvloop "
    "(`bench/loadgen.py`) that opens one connection per guest, writes "
    "the request as bytes, parses the answer with httptools, releases all guests together and times each "
    "one itself (from before its connection is opened to the last byte of its answer); per phase, req/s = "
    "successful answers / wall time of that phase's burst. (It replaced an aiohttp client that spent about "
    "0.7 ms of CPU per guest, time taken from the servers on the same 2 cores.)"
)

SHARED_MACHINE_NOTE = (
    "**Noise.** This machine's 2 cores are shared by the load generator, every server and, while this "
    "report was taken, other engineers' builds and test runs. Numbers are from a single run; expect "
    "+/-20 % between runs. Ratios taken in the same run (gateway/direct, nginx/direct) are more stable "
    "than absolute rates."
)


NO_REQUEST = {
    "measured": "0 requests",
    "verdict": "MISS (no request completed within the run)",
    "pass": False,
}


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


def _all_scenarios(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The main run's scenarios and those of the other database (--db both)."""
    others = [s for run in report.get("by_database", {}).values() for s in run.get("scenarios", [])]
    return [*report.get("scenarios", []), *others]


def add_ratios(report: dict[str, Any]) -> None:
    """Throughput and p99 of each variant relative to direct, in place."""
    for scenario in _all_scenarios(report):
        variants = scenario.get("variants", {})
        direct = variants.get("direct")
        if not direct or not direct.get("available"):
            continue
        for name, data in variants.items():
            if name == "direct" or not data.get("available"):
                continue
            data["throughput_ratio"] = _ratio(data["requests_per_s"], direct["requests_per_s"])
            data["p99_ratio"] = _ratio(data["p99_ms"], direct["p99_ms"])


DATABASE_NAMES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def _side(scenario: dict[str, Any] | None, variant: str) -> dict[str, Any]:
    """One database's numbers for one scenario and variant, in the comparison's shape."""
    if scenario is None:
        return {"available": False, "reason": "not measured"}
    if not scenario.get("available"):
        return {"available": False, "reason": scenario.get("reason", "not measured")}
    data = scenario.get("variants", {}).get(variant) or {}
    if not data.get("available"):
        return {"available": False, "reason": data.get("reason", "not measured")}
    side = {
        "available": True,
        "requests": data["requests"],
        "requests_per_s": data["requests_per_s"],
        "p50_ms": data["p50_ms"],
        "p95_ms": data["p95_ms"],
        "p99_ms": data["p99_ms"],
        "errors": data["non_2xx"] + data["socket_errors"],
    }
    if scenario.get("kind") == "burst":
        side.update(
            exact=bool(data["exact"]),
            complete=bool(data.get("complete")),
            confirmed=data["confirmed"],
            waitlisted=data["waitlisted"],
            seats=data["seats"],
            guests=data["guests"],
            ask_requests_per_s=(data.get("ask") or {}).get("requests_per_s"),
            ask_p99_ms=(data.get("ask") or {}).get("p99_ms"),
            # What the asks were answered (a round whose asks all failed has no confirm to measure).
            ask_status_codes=(data.get("ask") or {}).get("status_codes"),
            ask_failures=(data.get("ask") or {}).get("failures"),
        )
    return side


def compare_databases(report: dict[str, Any]) -> dict[str, Any] | None:
    """SQLite (the main run) against PostgreSQL (``by_database``), per scenario and variant."""
    other = report.get("by_database", {}).get("postgres")
    if other is None:
        return None
    rows = []
    for pg_scenario in other.get("scenarios", []):
        key = pg_scenario["key"]
        sqlite_scenario = next((s for s in report.get("scenarios", []) if s["key"] == key), None)
        variants = list(pg_scenario.get("variants") or (sqlite_scenario or {}).get("variants") or {})
        for variant in variants or ["direct"]:
            lite, pg = _side(sqlite_scenario, variant), _side(pg_scenario, variant)
            both = lite["available"] and pg["available"]
            rows.append(
                {
                    "scenario": key,
                    "kind": pg_scenario.get("kind") or (sqlite_scenario or {}).get("kind"),
                    "via": variant,
                    "sqlite": lite,
                    "postgres": pg,
                    # PostgreSQL relative to SQLite: > 1 means PostgreSQL serves more per second.
                    "throughput_ratio": _ratio(pg["requests_per_s"], lite["requests_per_s"])
                    if both
                    else None,
                    "p99_ratio": _ratio(pg["p99_ms"], lite["p99_ms"]) if both else None,
                }
            )
    return {
        "databases": ["sqlite", "postgres"],
        "datasets": {"sqlite": report.get("dataset", {}), "postgres": other.get("dataset", {})},
        "rows": rows,
    }


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    add_ratios(report)
    comparison = compare_databases(report)
    if comparison is not None:
        report["comparison"] = comparison
    targets: list[dict[str, Any]] = []
    for key in JSON_SCENARIOS:
        gateway = _variant(report, key, "gateway")
        nginx = _variant(report, key, "nginx")
        direct = _variant(report, key, "direct")
        if direct is not None and not direct["requests"]:
            targets.append(
                {
                    "target": f"{key}: gateway and nginx vs direct",
                    "measured": "0 requests direct",
                    "verdict": "no ratio: no request completed within the run, direct or proxied",
                    "pass": False,
                }
            )
            continue
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
        label = f"search {name} p95 < 50 ms at 32 connections"
        if data is not None and not data["requests"]:
            targets.append({"target": label, **NO_REQUEST})
            continue
        targets.append(_at_most(label, data and data["p95_ms"], 50, " ms"))
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
        ask = data.get("ask") or {}
        errors = data["non_2xx"] + data["socket_errors"] + ask.get("non_2xx", 0) + ask.get("socket_errors", 0)
        codes = {
            **{f"ask {k}": v for k, v in ask.get("status_codes", {}).items()},
            **{f"confirm {k}": v for k, v in data["status_codes"].items()},
        }
        targets.append(
            {
                "target": f"RSVP burst ({variant}): every guest's ask taken and confirm answered, no error",
                "measured": f"{data.get('accepted', '?')} asks taken, "
                f"{data['confirmed'] + data['waitlisted']} confirms answered of {data['guests']}"
                + (f" ({', '.join(f'{k}: {v}' for k, v in codes.items() if k.split()[1][0] != '2')})"
                   if errors else ""),
                "verdict": "pass" if data.get("complete") else f"MISS ({errors} errors)",
                "pass": bool(data.get("complete")),
            }
        )  # fmt: skip
        for phase, numbers in (("asks", ask), ("confirms", data)):
            if not numbers:
                continue
            targets.append(
                _at_least(f"RSVP burst ({variant}) {phase} >= 300/s", numbers["requests_per_s"], 300, "/s")
            )
            targets.append(
                _at_most(
                    f"RSVP burst ({variant}) {phase} p99 < 500 ms (median round)",
                    numbers["p99_ms"],
                    500,
                    " ms",
                    "{:.0f}",
                )
            )
    for row in (comparison or {}).get("rows", []):
        pg = row["postgres"]
        if row["kind"] != "burst" or not pg["available"]:
            continue
        targets.append(
            {
                "target": f"RSVP burst on PostgreSQL ({row['via']}): exactly {pg['seats']} of {pg['guests']} "
                "confirmed",
                "measured": f"{pg['confirmed']} confirmed, {pg['waitlisted']} waitlisted",
                "verdict": "pass" if pg["exact"] else "MISS",
                "pass": pg["exact"],
            }
        )
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


RSVP_METHOD_NOTE = (
    "Double opt-in, so a round has two phases at a new event: every guest asks at once "
    "(`POST /events/{id}/rsvps`, 202 *check your inbox*, no seat taken), the bench reads each guest's "
    "confirm token from the events database (`rsvp.manage_token`, what their e-mail links to), then every "
    "guest confirms at once (`POST /rsvps/{token}/confirm`: a seat while one is free, else the waitlist). "
    "All load comes from the load generator's one address, so the events service's own limits are raised "
    "for the run (`EVENTS_RSVP_PER_CLIENT_LIMIT`, `EVENTS_RSVP_PENDING_CAP`, see the environment above), as "
    "are the gateway's. Per route (direct, gateway, nginx): first an unmeasured round of the same size at "
    "another event of the same capacity (the first burst after a process start is slower: connection "
    "pools, compiled statements, message templates, the events service's admission batches of every "
    "size), then several measured rounds, each at a new event. A row is the round with the median confirm "
    "p99 (its numbers belong together); *p99 of each* shows them all, because one burst of one second on "
    "this shared machine is at the mercy of whatever else runs in that second. *CPU ms/req*: CPU time of "
    "the events processes (supervisor and workers, from /proc) over each phase, per request. *exact*: in "
    "every round, asking took no seat, one RSVP per e-mail, the service's counters and its rows show "
    "exactly the capacity confirmed, no answer claims more, no RSVP answered twice, every answered "
    "confirm is recorded once, and with no error the answers show the capacity confirmed and the rest "
    "waitlisted."
)


def _dataset_text(d: dict[str, Any]) -> str:
    if d.get("kind") != "synthetic":
        return f"{d.get('kind', '?')} data. {d.get('note', '')}"
    text = (
        f"synthetic catalogue of {d.get('exporters_requested'):,} exporters (~3 products each) "
        "from `mim seed registry --exporters N`"
        + (" (from the bench cache)" if d.get("cached") else f", generated in {d.get('seconds', 0):.0f} s")
    )
    if d.get("backend") == "postgres" and d.get("copy_seconds") is not None:
        text += ", " + _copy_text(d)
    return text


def _copy_text(d: dict[str, Any]) -> str:
    rows = d.get("rows", {})
    return (
        f"copied into PostgreSQL with COPY in {d['copy_seconds']:.1f} s "
        f"({rows.get('exporter', 0):,} exporters, {rows.get('product', 0):,} products; the tsvector "
        "column computes itself, then indexes, search vocabulary, sequences and statistics are rebuilt)"
    )


def _database_line(report: dict[str, Any]) -> str:
    s = report["settings"]
    if "postgres" not in report.get("by_database", {}):
        return DATABASE_NAMES.get(s["database"], s["database"])
    compared = ", ".join(s.get("compared_scenarios", []))
    return (
        f"SQLite for every scenario, then PostgreSQL for {compared} (one platform at a time; "
        "see *SQLite vs PostgreSQL*)"
    )


def _dataset_line(report: dict[str, Any]) -> str:
    text = _dataset_text(report.get("dataset", {}))
    other = (report.get("by_database", {}).get("postgres") or {}).get("dataset")
    if other:
        text += "; on PostgreSQL: " + (
            "the same rows, " + _copy_text(other)
            if other.get("copy_seconds") is not None
            else _dataset_text(other)
        )
    return text


def _one(side: dict[str, Any], key: str, fmt: str = "{:.2f}") -> str:
    return fmt.format(side[key]) if side.get("available") and side.get(key) is not None else "–"


def _pair(row: dict[str, Any], key: str, fmt: str = "{:.2f}") -> str:
    return f"{_one(row['sqlite'], key, fmt)} / {_one(row['postgres'], key, fmt)}"


def _comparison_lines(report: dict[str, Any]) -> list[str]:
    comparison = report.get("comparison")
    if not comparison:
        return []
    pg = comparison["datasets"].get("postgres", {})
    lines = [
        "## SQLite vs PostgreSQL",
        "",
        "The same scenarios, settings and dataset on both databases, measured in this run one platform "
        "after the other (never both at once): first every process on SQLite, then every process "
        "(registry, events, gateway) on PostgreSQL"
        + (
            f", whose registry was loaded from the same SQLite dataset with COPY in "
            f"{pg['copy_seconds']:.1f} s"
            if pg.get("copy_seconds") is not None
            else ""
        )
        + ". Each cell reads *SQLite / PostgreSQL*; *PG ÷ SQLite* is PostgreSQL's throughput over "
        "SQLite's (> 1: PostgreSQL serves more). For the RSVP burst, the row is the confirm phase (where "
        "the seats are taken: confirms/s, its latency), the ask phase is in the line below the table, and "
        "*exact* is the check of the RSVP burst section. The PostgreSQL server runs on the same "
        "2 cores (`fsync=off`, `synchronous_commit=off` on the scratch server).",
        "",
        "| scenario | via | req/s SQLite | req/s PostgreSQL | PG ÷ SQLite | p50 ms | p95 ms | p99 ms "
        "| errors | exact |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    missing = []
    for row in comparison["rows"]:
        lite, pg_side = row["sqlite"], row["postgres"]
        for name, side in (("SQLite", lite), ("PostgreSQL", pg_side)):
            if not side["available"]:
                missing.append(f"- {row['scenario']} via {row['via']} on {name}: {side['reason']}")
        if not lite["available"] and not pg_side["available"]:
            continue
        exact = (
            " / ".join(
                ("yes" if side["exact"] else "NO") if side["available"] else "–" for side in (lite, pg_side)
            )
            if row["kind"] == "burst"
            else "–"
        )
        lines.append(
            f"| {row['scenario']} | {row['via']} | {_one(lite, 'requests_per_s', '{:.0f}')} "
            f"| {_one(pg_side, 'requests_per_s', '{:.0f}')} "
            f"| {_fmt(row['throughput_ratio'])} | {_pair(row, 'p50_ms')} | {_pair(row, 'p95_ms')} "
            f"| {_pair(row, 'p99_ms')} | {_pair(row, 'errors', '{}')} | {exact} |"
        )
    lines += [""]
    asks = [
        f"{row['via']} {_pair(row, 'ask_requests_per_s', '{:.0f}')}/s, "
        f"p99 {_pair(row, 'ask_p99_ms', '{:.0f}')} ms"
        for row in comparison["rows"]
        if row["kind"] == "burst" and (row["sqlite"]["available"] or row["postgres"]["available"])
    ]
    if asks:
        lines += ["RSVP asks (SQLite / PostgreSQL): " + "; ".join(asks) + ".", ""]
    if missing:
        lines += ["Not compared:", "", *missing, ""]
    return lines


def markdown(report: dict[str, Any]) -> str:
    s = report["settings"]
    m = report["machine"]
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
        f"- **Database:** {_database_line(report)}. **Dataset:** {_dataset_line(report)}",
        f"- **Load:** `wrk -t{s['threads']} -c{s['connections']} -d{s['duration_s']:g}s --latency` after a "
        f"{s['warmup_s']:g} s warm-up, per scenario and per path; RSVP burst: {s['guests']} concurrent "
        f"guests on a {s['seats']}-seat event, {s.get('bursts', 1)} measured bursts per path after an "
        f"unmeasured warm-up burst of the same size on another event. Load generator: "
        f"{s['load_generator']}.",
        "- **Processes:** `mim serve` per service: one uvicorn worker each, except the events service "
        "(`EVENTS_WORKERS` below, as compose.yaml deploys it); nginx with 1 worker process and "
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
            RSVP_METHOD_NOTE,
            "",
            "| via | guests | seats | asks taken | confirmed | waitlisted | service count | exact "
            "| asks/s | ask p50 ms | ask p99 ms | confirms/s | confirm p50 ms | confirm p99 ms "
            "| confirm p99 of each | CPU ms/req ask / confirm | errors ask / confirm |",
            "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---|---|---|",
        ]
        for variant, data in burst["variants"].items():
            if not data.get("available"):
                unavailable.append(f"- **{burst['title']}** via {variant}: {data['reason']}")
                continue
            ask = data.get("ask") or {}
            cpu = " / ".join(
                _fmt((part.get("cpu_ms_per_request") or {}).get("events")) for part in (ask, data)
            )
            lines.append(
                f"| {variant} | {data['guests']} | {data['seats']} | {data.get('accepted', '–')} | "
                f"{data['confirmed']} | {data['waitlisted']} | {data['server_seats'].get('confirmed')} + "
                f"{data['server_seats'].get('waitlisted')} | {'yes' if data['exact'] else 'NO'} | "
                f"{_one({'available': True, **ask}, 'requests_per_s', '{:.0f}')} | "
                f"{_one({'available': True, **ask}, 'p50_ms', '{:.1f}')} | "
                f"{_one({'available': True, **ask}, 'p99_ms', '{:.1f}')} | "
                f"{data['requests_per_s']:.0f} | {data['p50_ms']:.1f} | {data['p99_ms']:.1f} | "
                f"{', '.join(f'{p:.0f}' for p in data.get('p99_ms_each', [data['p99_ms']]))} | {cpu} | "
                f"{ask.get('non_2xx', 0) + ask.get('socket_errors', 0)} / "
                f"{data['non_2xx'] + data['socket_errors']} |"
            )
        lines += [""]

    lines += _comparison_lines(report)

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
            "leaf functions of the busy samples. A leaf `Runner.run (asyncio/runners.py)` is time inside "
            "uvloop's C event loop (socket I/O and callback dispatch); `_connection_worker_thread` / "
            "`Connection._execute` (aiosqlite) is SQLite executing the query in its thread.",
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


def main(argv: list[str] | None = None) -> int:
    """Re-render report.md (and the targets) from a report.json: python -m bench.report bench/report.json"""
    import json
    import sys
    from pathlib import Path

    path = Path((argv if argv is not None else sys.argv[1:])[0])
    data = json.loads(path.read_text())
    data["targets"] = evaluate_targets(data)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    path.with_name("report.md").write_text(markdown(data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
