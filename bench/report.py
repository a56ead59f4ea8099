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
            # Answers that were not errors: a proxy answering 503 fast is not faster.
            data["throughput_ratio"] = _ratio(
                data.get("ok_per_s", data["requests_per_s"]), direct.get("ok_per_s", direct["requests_per_s"])
            )
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
        if pg_scenario.get("kind") == "sequential":
            continue  # its own section (single uncached queries)
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


DATABASES = ("sqlite", "postgres")
GATEWAY_SCENARIOS = ("search", "profile", "event")  # where the service does real work (+ the RSVP burst)
CHEAP_SCENARIOS = ("regions", "search-cached")  # the cheapest answers
GATEWAY_ADDED_CPU_MS = 0.15


def runs(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each database's run: the main one (report) and the other (``by_database``)."""
    main = str(report.get("settings", {}).get("database", "sqlite"))
    found = {"postgres" if main == "postgres" else "sqlite": report}
    found.update(report.get("by_database", {}))
    return found


def scenario_of(run: dict[str, Any] | None, key: str) -> dict[str, Any] | None:
    for scenario in (run or {}).get("scenarios", []):
        if scenario["key"] == key and scenario.get("available"):
            return scenario  # type: ignore[no-any-return]
    return None


def variant_of(run: dict[str, Any] | None, key: str, variant: str) -> dict[str, Any] | None:
    data = (scenario_of(run, key) or {}).get("variants", {}).get(variant)
    return data if data and data.get("available") else None


def _cell(check: dict[str, Any], limit: str = "") -> dict[str, Any]:
    if limit and check.get("pass") is False:
        check["limit"] = limit
    return check


def _limit_text(run: dict[str, Any], key: str, variant: str = "direct") -> str:
    """What limits a scenario, from its numbers: CPU per request against 2 cores, and where py-spy
    saw the busiest process spend its time."""
    data = variant_of(run, key, variant) or {}
    scenario = scenario_of(run, key) or {}
    parts = []
    servers = data.get("cpu_ms_per_request_servers")
    if servers:
        loadgen = data.get("load_generator_cpu_ms_per_request", 0.0)
        cores = run.get("machine", {}).get("cores") or 2
        ceiling = cores * 1000 / (servers + loadgen) if servers + loadgen else 0
        per = data.get("cpu_ms_per_request") or {}
        busiest = max(per.items(), key=lambda kv: kv[1]) if per else None
        parts.append(
            f"CPU: servers {servers:.2f} ms/req"
            + (f" (most in {busiest[0]}: {busiest[1]:.2f})" if busiest else "")
            + f" + load generator {loadgen:.2f} ms/req → {cores} cores allow ≈ {ceiling:.0f} req/s"
        )
    prof = (scenario.get("profile") or {}).get("processes") or {}
    for name, summary in prof.items():
        if "error" in summary or not summary.get("packages"):
            continue
        if summary.get("busy_share", 0) < 0.3:
            continue
        top = ", ".join(f"{p} {share * 100:.0f} %" for p, share in summary["packages"][:3])
        parts.append(f"py-spy {name} busy {summary['busy_share'] * 100:.0f} %: {top}")
    return "; ".join(parts)


ERROR_SHARE = 0.01


def _with_errors(check: dict[str, Any], data: dict[str, Any] | None) -> dict[str, Any]:
    """A latency ratio means nothing when the answers were errors (a proxy answering 503 fast)."""
    if not data or not data.get("requests"):
        return check
    share = data["non_2xx"] / data["requests"]
    if share > ERROR_SHARE:
        codes = {c: n for c, n in (data.get("status_codes") or {}).items() if not c.startswith("2")}
        check["measured"] = f"{check.get('measured')}, {share:.0%} errors" + (
            f" ({', '.join(f'{c}: {n}' for c, n in sorted(codes.items()))})" if codes else ""
        )
        check["verdict"] = f"MISS: {share:.0%} of the answers were errors"
        check["pass"] = False
    return check


def _burst_errors(check: dict[str, Any], data: dict[str, Any] | None, phase: str) -> dict[str, Any]:
    """A burst's latency means nothing when its answers were errors, or when no request was made."""
    part = _rsvp_phase(data, phase)
    if not part:
        return check
    errors = part.get("non_2xx", 0) + part.get("socket_errors", 0)
    if not part.get("requests"):
        codes = (data or {}).get("ask", {}).get("status_codes") or {}
        check.update(
            measured=f"no {phase[:-1]} sent (asks answered {codes})",
            verdict="MISS: nothing to measure",
            pass_=None,
        )
        check.pop("pass_")
        check["pass"] = False
    elif errors > ERROR_SHARE * part["requests"]:
        codes = {c: n for c, n in (part.get("status_codes") or {}).items() if not c.startswith("2")}
        check["measured"] = f"{check.get('measured')}, {errors} of {part['requests']} errors {codes or ''}"
        check["verdict"] = f"MISS: {errors / part['requests']:.0%} of the answers were errors"
        check["pass"] = False
    return check


def _rsvp_phase(data: dict[str, Any] | None, phase: str) -> dict[str, Any] | None:
    if data is None:
        return None
    return data.get("ask") if phase == "asks" else data


def evaluate_targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue #18's targets, one row each, a verdict per database (``None``: does not apply)."""
    add_ratios(report)
    comparison = compare_databases(report)
    if comparison is not None:
        report["comparison"] = comparison
    found = runs(report)
    machine = report.get("machine", {})
    for run in found.values():
        run.setdefault("machine", machine)
    rows: list[dict[str, Any]] = []

    def row(name: str, cells: dict[str, dict[str, Any] | None]) -> None:
        rows.append({"target": name, **{db: cells.get(db) for db in DATABASES}})

    def each(fn: Any) -> dict[str, dict[str, Any] | None]:
        return {db: fn(db, found[db]) if db in found else None for db in DATABASES}

    lite = found.get("sqlite")
    lite_search = variant_of(lite, "search", "direct")
    row(
        "Search, realistic mix, direct: >= 1,500 req/s on SQLite; PostgreSQL >= 0.5x SQLite",
        each(
            lambda db, run: (
                _cell(
                    _at_least(
                        "",
                        (variant_of(run, "search", "direct") or {}).get("requests_per_s"),
                        1500 if db == "sqlite" else 0.5 * (lite_search or {}).get("requests_per_s", 0),
                        " req/s",
                    ),
                    _limit_text(run, "search"),
                )
                if db == "sqlite" or lite_search
                else None
            )
        ),
    )
    row(
        "Search, realistic mix, direct: p95 <= 30 ms (SQLite)",
        each(
            lambda db, run: (
                _cell(
                    _at_most("", (variant_of(run, "search", "direct") or {}).get("p95_ms"), 30, " ms"),
                    _limit_text(run, "search"),
                )
                if db == "sqlite"
                else None
            )
        ),
    )

    def hit_ratios(key: str) -> dict[str, dict[str, Any] | None]:
        return each(
            lambda db, run: {
                "measured": ", ".join(
                    f"{via} {(d.get('cache') or {}).get('hit_ratio', 0) * 100:.0f} %"
                    for via, d in (scenario_of(run, key) or {}).get("variants", {}).items()
                    if d.get("available") and (d.get("cache") or {}).get("hit_ratio") is not None
                )
                or None,
                "verdict": "reported",
                "pass": None,
            }
        )

    row("Search, realistic mix: cache hit ratio (reported)", hit_ratios("search"))
    for label, cls, limit in (
        ("typical text + two filters", "text + two filters", 5),
        ("broadest: one-letter prefix", "one-letter prefix", 50),
        ("broadest: /products, no query", "/products, no query", 50),
    ):
        row(
            f"Single uncached query, sequential, {label}: p50 <= {limit} ms",
            each(
                lambda db, run, cls=cls, limit=limit: _at_most(
                    "",
                    (
                        ((variant_of(run, "search-single", "direct") or {}).get("classes") or {}).get(cls)
                        or {}
                    ).get("p50_ms"),
                    limit,
                    " ms",
                )
            ),
        )
    row("Exporter profile: answer cache hit ratio (reported)", hit_ratios("profile"))
    for key, label in (("profile", "Exporter profile"), ("event", "Event page")):
        row(
            f"{label}, direct: >= 2,000 req/s",
            each(
                lambda db, run, key=key: _cell(
                    _at_least(
                        "", (variant_of(run, key, "direct") or {}).get("requests_per_s"), 2000, " req/s"
                    ),
                    _limit_text(run, key),
                )
            ),
        )
    for key in GATEWAY_SCENARIOS:
        row(
            f"Gateway, {key}: >= 0.8x direct throughput",
            each(
                lambda db, run, key=key: _cell(
                    _at_least(
                        "",
                        (variant_of(run, key, "gateway") or {}).get("throughput_ratio"),
                        0.8,
                        "x",
                        "{:.2f}",
                    ),
                    _limit_text(run, key, "gateway"),
                )
            ),
        )
        row(
            f"Gateway, {key}: p99 <= 1.5x direct",
            each(
                lambda db, run, key=key: _with_errors(
                    _at_most("", (variant_of(run, key, "gateway") or {}).get("p99_ratio"), 1.5, "x"),
                    variant_of(run, key, "gateway"),
                )
            ),
        )
    for phase in ("asks", "confirms"):

        def burst_ratio(
            db: str, run: dict[str, Any], phase: str = phase, field: str = "requests_per_s"
        ) -> Any:
            gateway = _rsvp_phase(variant_of(run, "rsvp", "gateway"), phase)
            direct = _rsvp_phase(variant_of(run, "rsvp", "direct"), phase)
            if not gateway or not direct:
                return None
            return _ratio(gateway[field], direct[field])

        row(
            f"Gateway, RSVP burst {phase}: >= 0.8x direct throughput",
            each(lambda db, run, f=burst_ratio: _at_least("", f(db, run), 0.8, "x", "{:.2f}")),
        )
        row(
            f"Gateway, RSVP burst {phase}: p99 <= 1.5x direct",
            each(
                lambda db, run, f=burst_ratio, phase=phase: _burst_errors(
                    _at_most("", f(db, run, field="p99_ms"), 1.5, "x"),
                    variant_of(run, "rsvp", "gateway"),
                    phase,
                )
            ),
        )
    for key in CHEAP_SCENARIOS:

        def added(db: str, run: dict[str, Any], key: str = key) -> dict[str, Any] | None:
            gateway, direct = variant_of(run, key, "gateway"), variant_of(run, key, "direct")
            if not gateway or not direct:
                return _at_most("", None, GATEWAY_ADDED_CPU_MS, " ms")
            extra = gateway["cpu_ms_per_request_servers"] - direct["cpu_ms_per_request_servers"]
            check = _at_most("", round(extra, 3), GATEWAY_ADDED_CPU_MS, " ms", "{:.3f}")
            own = (gateway.get("cpu_ms_per_request") or {}).get("gateway")
            if own is not None:
                check["measured"] += f" (gateway process {own:.3f} ms)"
            return _cell(check, _limit_text(run, key, "gateway"))

        row(f"Gateway on the cheapest answers ({key}): adds <= 0.15 ms CPU per request", each(added))
    for phase in ("asks", "confirms"):

        def burst(db: str, run: dict[str, Any], phase: str = phase) -> dict[str, Any] | None:
            data = variant_of(run, "rsvp", "gateway")
            part = _rsvp_phase(data, phase)
            return _burst_errors(_at_most("", part and part["p99_ms"], 500, " ms", "{:.0f}"), data, phase)

        row(f"RSVP burst via the gateway, {phase}: p99 <= 500 ms (median round)", each(burst))

    def exact(db: str, run: dict[str, Any]) -> dict[str, Any]:
        data = variant_of(run, "rsvp", "gateway")
        if data is None:
            return {"measured": None, "verdict": "not measured", "pass": None}
        ok = bool(data["exact"]) and bool(data.get("complete"))
        return {
            "measured": f"{data['confirmed']} confirmed, {data['waitlisted']} waitlisted of {data['guests']} "
            f"({data.get('bursts', 1)} rounds, every one checked)",
            "verdict": "pass" if ok else "MISS",
            "pass": ok,
        }

    guests = report.get("settings", {}).get("guests")
    seats = report.get("settings", {}).get("seats")
    row(f"RSVP burst via the gateway, {guests} guests on {seats} seats: exact", each(exact))
    startup = report.get("startup") or {}
    row(
        "Start-up: `make run` (mim up) brings every process to healthy within 15 s",
        {
            "sqlite": _at_most("", startup.get("seconds"), 15, " s", "{:.1f}")
            if startup
            else {"measured": None, "verdict": "not measured", "pass": None},
            "postgres": None,
        },
    )

    def memory(db: str, run: dict[str, Any]) -> dict[str, Any]:
        peaks = {
            n: i.get("peak_rss_kb") for n, i in (run.get("processes") or {}).items() if i.get("peak_rss_kb")
        }
        if not peaks:
            return {"measured": None, "verdict": "not measured", "pass": None}
        name, peak = max(peaks.items(), key=lambda kv: kv[1])
        check = _at_most("", round(peak / 1024, 1), RSS_LIMIT_MB, " MB", "{:.1f}")
        check["measured"] = f"max {check['measured']} ({name})"
        return check

    row(f"Memory: every process < {RSS_LIMIT_MB} MB RSS during the whole bench (peak)", each(memory))
    return rows


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


def _codes(data: dict[str, Any]) -> str:
    """The error answers by status, as the serving process counted them (its /metrics)."""
    errors = {code: n for code, n in (data.get("status_codes") or {}).items() if not code.startswith("2")}
    return f" ({', '.join(f'{c}: {n}' for c, n in sorted(errors.items()))})" if errors else ""


def _startup_line(report: dict[str, Any]) -> str:
    startup = report.get("startup")
    text = ""
    if startup:
        each = ", ".join(f"{n} {t:.1f} s" for n, t in (startup.get("healthy_after_s") or {}).items())
        text = (
            "- **Start-up:** `mim up` (what `make run` runs once installed: migrate every database, "
            f"load the demo data, start every process) on fresh SQLite files: every process healthy after "
            f"{_fmt(startup.get('seconds'), '{:.1f}')} s ({each})."
        )
    platform = [
        f"{DATABASE_NAMES[db]} {run['start_seconds']:.1f} s"
        for db, run in runs(report).items()
        if run.get("start_seconds") is not None
    ]
    if platform:
        text += (
            ("\n" if text else "")
            + "- **Bench platform start** (every process at once, databases ready, until all answer "
            "/healthz): " + ", ".join(platform) + "."
        )
    return text


def _runs_measured(report: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(db, run) for db, run in runs(report).items() if run.get("scenarios")]


def _search_lines(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for db, run in _runs_measured(report):
        scenario = scenario_of(run, "search")
        if scenario is None:
            continue
        if not lines:
            info = (scenario.get("details") or {}).get("query_log") or {}
            lines += [
                "## Search: the realistic mix",
                "",
                "The search scenario replays a log of searches made by `bench/querylog.py` (seeded, the same "
                "every run) from the synthetic catalogue's vocabulary: trade names, products in French, "
                "English and Arabic, cities, sectors, regions, markets, size bands, HS chapters; text only, "
                "text plus one or two filters, filters only, paging (page 2 to 5), the products search, "
                "typos (a letter swapped, dropped, doubled or changed) and prefixes being typed. Every "
                "distinct query appears at least once; the rest of the log is drawn with a Zipf law "
                f"(weight 1/rank^{info.get('zipf_s')}). wrk (`bench/report.lua`) reads the log and replays "
                "it in order, each thread taking every other line, and every run (warm-up, direct, gateway, "
                "nginx) continues where the previous one stopped, so no run replays the same stretch. The "
                "search cache works as deployed (LRU, answers per catalogue version); its hit ratio is read "
                "from the registry's `/metrics` (`registry_search_cache_requests_total`, whole requests "
                "answered from the cache or searched) before and after each measured run. The *cached "
                "answers only* row (`search-cached`: 8 queries rotated) is a separate scenario.",
                "",
                f"Log: {info.get('length', 0):,} lines, {info.get('distinct', 0):,} distinct queries ("
                + ", ".join(f"{k}: {n:,}" for k, n in sorted((info.get("kinds") or {}).items()))
                + f"; {info.get('arabic_queries', 0):,} in Arabic); the top 1 % of distinct queries make "
                f"{float(info.get('top_1pct_share', 0)) * 100:.0f} % of the log, "
                f"{info.get('seen_once', 0):,} queries appear once. Examples: "
                + "; ".join(f"{k} `{v}`" for k, v in (info.get("examples") or {}).items())
                + ".",
                "",
                "| database | via | req/s | p50 ms | p95 ms | p99 ms | cache hits | hit ratio | log lines "
                "| non-2xx |",
                "|---|---|---:|---:|---:|---:|---:|---:|---|---:|",
            ]
        for via, data in scenario["variants"].items():
            if not data.get("available"):
                continue
            cache = data.get("cache") or {}
            ratio = cache.get("hit_ratio")
            span = data.get("log_lines") or ["–", "–"]
            lines.append(
                f"| {DATABASE_NAMES[db]} | {via} | {data['requests_per_s']:.0f} | {data['p50_ms']:.2f} | "
                f"{data['p95_ms']:.2f} | {data['p99_ms']:.2f} | {cache.get('hits', '–')} of "
                f"{cache.get('hits', 0) + cache.get('misses', 0)} | "
                f"{_fmt(ratio * 100 if ratio is not None else None, '{:.0f} %')} | "
                f"{span[0]}–{span[1]} | {data['non_2xx']} |"
            )
        cached = scenario_of(run, "search-cached")
        for via, data in (cached or {}).get("variants", {}).items():
            if not data.get("available"):
                continue
            ratio = (data.get("cache") or {}).get("hit_ratio")
            lines.append(
                f"| {DATABASE_NAMES[db]} | {via}, cached answers only | {data['requests_per_s']:.0f} | "
                f"{data['p50_ms']:.2f} | {data['p95_ms']:.2f} | {data['p99_ms']:.2f} | – | "
                f"{_fmt(ratio * 100 if ratio is not None else None, '{:.0f} %')} | – | {data['non_2xx']} |"
            )
    return [*lines, ""] if lines else []


def _cpu_lines(report: dict[str, Any]) -> list[str]:
    lines = [
        "## CPU time per request",
        "",
        "CPU milliseconds per request of each process: utime + stime from `/proc/<pid>/stat` read "
        "before and after the measured run (warm-up excluded), divided by the requests wrk completed; "
        "every process of the platform is read (uvicorn workers and nginx workers one by one) and those "
        "that spent nothing are left out. *servers* is their sum; *load generator* is wrk's own CPU "
        "(from the kernel's account of the finished child). Unlike req/s, these barely move when "
        "other work shares the machine, which makes them the figures for a capacity plan (README, "
        "*Production* → *Capacity plan*). The RSVP burst's are in its section.",
        "",
        "| database | scenario | via | servers ms/req | per process (ms/req) | load generator ms/req |",
        "|---|---|---|---:|---|---:|",
    ]
    for db, run in _runs_measured(report):
        for scenario in run.get("scenarios", []):
            if not scenario.get("available") or scenario.get("kind") != "wrk":
                continue
            for via, data in scenario["variants"].items():
                if not data.get("available") or "cpu_ms_per_request" not in data:
                    continue
                per = ", ".join(
                    f"{name} {ms:.3f}"
                    for name, ms in sorted(data["cpu_ms_per_request"].items(), key=lambda kv: -kv[1])
                )
                lines.append(
                    f"| {DATABASE_NAMES[db]} | {scenario['key']} | {via} | "
                    f"{data['cpu_ms_per_request_servers']:.3f} | {per} | "
                    f"{data.get('load_generator_cpu_ms_per_request', 0):.3f} |"
                )
    return [*lines, ""]


def _single_lines(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for db, run in _runs_measured(report):
        scenario = scenario_of(run, "search-single")
        data = variant_of(run, "search-single", "direct")
        if scenario is None or data is None:
            continue
        if not lines:
            lines += [
                "## Single uncached searches",
                "",
                "; ".join(scenario.get("notes") or [])
                + ". Latency is the client's (httpx, keep-alive, one request at a time); CPU is the "
                "cache-less registry's own, from /proc.",
                "",
                "| database | class | requests | distinct | p50 ms | p95 ms | max ms | CPU ms/req | errors "
                "| example |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
            ]
        for name, c in data["classes"].items():
            lines.append(
                f"| {DATABASE_NAMES[db]} | {name} | {c['requests']} | {c['distinct']} | {c['p50_ms']:.2f} | "
                f"{c['p95_ms']:.2f} | {c['max_ms']:.2f} | {c['cpu_ms_per_request']:.2f} | {c['errors']} "
                f"| `{c['example']}` |"
            )
    return [*lines, ""] if lines else []


def _check_cell(check: dict[str, Any] | None) -> str:
    if check is None:
        return "n/a | –"
    return f"{check.get('measured') or '–'} | {check.get('verdict', '–')}"


def _targets_lines(report: dict[str, Any]) -> list[str]:
    lines = [
        "## Targets (issue #18)",
        "",
        "Each target's verdict on each database; *MISS by N %* says how far the measurement is from the "
        "target, *n/a*: the target is not set for that database. What limits each missed target "
        "follows the table (CPU per request from /proc; the py-spy profiles are in the last section).",
        "",
        "| target | SQLite | verdict | PostgreSQL | verdict |",
        "|---|---:|---|---:|---|",
    ]
    limits = []
    for t in report.get("targets", []):
        if "sqlite" not in t:  # an older report's shape
            lines.append(f"| {t['target']} | {t.get('measured') or '–'} | {t.get('verdict')} | – | – |")
            continue
        lines.append(f"| {t['target']} | {_check_cell(t['sqlite'])} | {_check_cell(t['postgres'])} |")
        for db in DATABASES:
            cell = t.get(db) or {}
            if cell.get("pass") is False and cell.get("limit"):
                limits.append(f"- {t['target']} — {DATABASE_NAMES[db]}: {cell['limit']}")
    lines.append("")
    if limits:
        lines += ["**What limits the missed targets:**", "", *limits, ""]
    return lines


def _memory_lines(report: dict[str, Any]) -> list[str]:
    lines = [
        "## Memory",
        "",
        "Peak resident set (VmHWM from /proc/<pid>/status: the most the process held at any moment of the "
        "run) of every process at the end of each platform's run.",
        "",
        "| database | process | pid | peak RSS MB |",
        "|---|---|---:|---:|",
    ]
    for db, run in _runs_measured(report):
        for name, info in (run.get("processes") or {}).items():
            peak = info.get("peak_rss_kb")
            lines.append(
                f"| {DATABASE_NAMES[db]} | {name} | {info['pid']} | {peak / 1024:.1f} |"
                if peak
                else f"| {DATABASE_NAMES[db]} | {name} | {info['pid']} | – |"
            )
    return [*lines, ""]


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
        f"{s['warmup_s']:g} s warm-up, per scenario and per path"
        + (
            f" (each run ended at {s['max_requests']} answers per thread when that came first)"
            if s.get("max_requests")
            else ""
        )
        + f"; RSVP burst: {s['guests']} concurrent "
        f"guests on a {s['seats']}-seat event, {s.get('bursts', 1)} measured bursts per path after an "
        f"unmeasured warm-up burst of the same size on another event. Load generator: "
        f"{s['load_generator']}.",
        "- **Processes:** `mim serve` per service: one uvicorn worker each, except the events service "
        "(`EVENTS_WORKERS` below, as compose.yaml deploys it); nginx with 1 worker process and "
        "keep-alive upstreams as the reference proxy, all on 127.0.0.1; environment "
        + ", ".join(f"`{k}={v}`" for k, v in s["process_env"].items())
        + ".",
        _startup_line(report),
        "",
        *[line for note in report.get("notes", []) for line in (note, "")],
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
        if scenario.get("kind") in ("burst", "sequential"):
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
                f"{data['p99_ms']:.2f} | {_fmt(data.get('p99_ratio'))} | {data['non_2xx']}{_codes(data)} | "
                f"{data['socket_errors']} |"
            )
    lines += [""]
    for scenario in report["scenarios"]:
        detail = "; ".join(scenario.get("notes") or []) if scenario.get("available") else "not measured"
        lines.append(f"- **{scenario['key']}**: {scenario['title']}" + (f" — {detail}" if detail else ""))
    lines += [""]

    lines += _search_lines(report)
    lines += _cpu_lines(report)
    lines += _single_lines(report)

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

    lines += _targets_lines(report)
    lines += _memory_lines(report)

    profiled = [
        (db, s)
        for db, run in runs(report).items()
        for s in run.get("scenarios", [])
        if s.get("profile", {}).get("processes")
    ]
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
        for db, scenario in profiled:
            prof = scenario["profile"]
            lines.append(f"**{scenario['key']}** on {DATABASE_NAMES[db]} (via {prof['via']}):")
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
    path.with_suffix(".md").write_text(markdown(data))  # report.json -> report.md
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
