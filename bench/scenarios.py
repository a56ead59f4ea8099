"""The six scenarios, each measured direct, through the gateway and through nginx.

A scenario first *discovers* what it needs from the running build (endpoints,
ids, query values) with real requests. Whatever is missing is reported as
"not available in this build" with the reason, never faked.
"""

from __future__ import annotations

import random
import re
import time
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import sqlalchemy
from sqlalchemy.engine import make_url

from bench import querylog
from bench.infra import Infra, harness_http, log
from bench.loadgen import LoadResult, no_body, run_burst
from services.common.auth import issue_token
from services.common.config import ServiceSettings

VARIANTS = ("direct", "gateway", "nginx")

# Public path prefixes of the gateway (and of nginx, configured the same way).
PUBLIC_PREFIX = {"registry": "/api/registry", "events": "/api/events"}


class Unavailable(Exception):
    """The build lacks what this scenario (or variant) needs; the message says what."""


@dataclass
class Target:
    """Where one variant sends its load."""

    base_url: str
    paths: list[str]
    headers: dict[str, str] = field(default_factory=dict)
    # Replay this file's lines (one path a line) instead of rotating ``paths`` (bench/report.lua),
    # each after ``prefix`` (the service's public prefix on the gateway and nginx).
    log: Path | None = None
    prefix: str = ""


@dataclass
class Plan:
    """A prepared scenario: one Target per available variant, reasons for the others."""

    kind: str  # "wrk" or "burst"
    service: str = ""  # the process that answers (behind the gateway or nginx)
    targets: dict[str, Target] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # For bursts: a fresh event per variant, made on demand.
    burst_setup: Callable[[str], dict[str, Any]] | None = None
    # Counters read before and after each measured run (e.g. the search cache's hits and misses).
    counters: Callable[[], dict[str, float]] | None = None
    # kind "sequential": one request at a time, per class of request (name -> paths).
    sequential: dict[str, list[str]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class Scenario:
    key: str
    title: str
    prepare: Callable[[Infra, dict[str, Any]], Plan]


# ------------------------------------------------------------------ helpers


def organiser_headers() -> dict[str, str]:
    token = issue_token(ServiceSettings(), sub="bench", role="organiser", ttl_seconds=3600)
    return {"Authorization": f"Bearer {token}"}


def _get(url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    return harness_http().get(url, headers=headers, timeout=120)


def _require_service(infra: Infra, name: str) -> str:
    if name not in infra.servers:
        raise Unavailable(f"the {name} service is not in this build")
    return infra.servers[name].url


def _service_variants(
    infra: Infra,
    service: str,
    paths: list[str],
    *,
    check: Callable[[httpx.Response], str | None],
    headers: dict[str, str] | None = None,
) -> Plan:
    """Targets for a JSON endpoint of ``service`` at ``paths`` (service-relative)."""
    plan = Plan(kind="wrk", service=service)
    bases = {"direct": (infra.servers[service].url, "")}
    if "gateway" in infra.servers:
        bases["gateway"] = (infra.servers["gateway"].url, PUBLIC_PREFIX[service])
    else:
        plan.unavailable["gateway"] = "not available in this build (no gateway service)"
    if infra.nginx:
        bases["nginx"] = (infra.nginx.url, PUBLIC_PREFIX[service])
    for variant, (base, prefix) in bases.items():
        full = [prefix + p for p in paths]
        resp = _get(base + full[0], headers)
        problem = check(resp)
        if problem:
            plan.unavailable[variant] = f"not available in this build: GET {full[0]} -> {problem}"
            continue
        plan.targets[variant] = Target(base, full, dict(headers or {}), prefix=prefix)
    return plan


def _json_ok(resp: httpx.Response) -> str | None:
    if resp.status_code != 200:
        return f"{resp.status_code}"
    if not resp.headers.get("content-type", "").startswith("application/json"):
        return f"content-type {resp.headers.get('content-type')}"
    return None


def _problem_title(resp: httpx.Response) -> str:
    try:
        body = resp.json()
    except ValueError:
        return resp.text[:200]
    if isinstance(body, dict):
        return str(body.get("detail") or body.get("title") or "")[:300]
    return ""


def _ascii_words(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return [w for w in re.findall(r"[a-z]+", plain) if len(w) >= 4]


# ------------------------------------------------------------------ discovery


def sample_exporters(infra: Infra, state: dict[str, Any]) -> list[dict[str, Any]]:
    """Up to 100 exporters from the first catalogue page (deterministic: default order)."""
    if "exporters" not in state:
        base = _require_service(infra, "registry")
        resp = _get(f"{base}/exporters?per_page=100")
        if resp.status_code != 200:
            raise Unavailable(f"GET /exporters -> {resp.status_code}")
        state["exporters"] = resp.json().get("items", [])
        if not state["exporters"]:
            raise Unavailable("the catalogue is empty")
    return state["exporters"]


def _region_code(exporter: dict[str, Any]) -> str | None:
    region = exporter.get("region")
    if isinstance(region, dict):
        return region.get("code")
    return region if isinstance(region, str) else None


def _sector_slug(exporter: dict[str, Any]) -> str | None:
    sectors = exporter.get("sectors") or []
    if not sectors:
        return None
    first = sectors[0]
    return first.get("slug") if isinstance(first, dict) else str(first)


def search_paths(infra: Infra, state: dict[str, Any]) -> list[str]:
    """Search requests with `q` and two filters, drawn from real exporters so they match."""
    if "search_paths" in state:
        return state["search_paths"]
    base = _require_service(infra, "registry")
    probe = _get(f"{base}/exporters?q=maroc&per_page=1")
    if probe.status_code != 200 or "facets" not in probe.json():
        raise Unavailable("registry search (GET /exporters?q=... answering with facets) is not in this build")
    paths: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    for exporter in sample_exporters(infra, state):
        words = _ascii_words(exporter.get("trade_name", "")) + _ascii_words(exporter.get("city", ""))
        region, sector = _region_code(exporter), _sector_slug(exporter)
        if not words or not region or not sector:
            continue
        key = (words[0], region, sector)
        if key in seen:
            continue
        seen.add(key)
        path = "/exporters?" + urlencode({"q": words[0], "region": region, "sector": sector})
        resp = _get(base + path)
        if resp.status_code == 200 and resp.json().get("total", 0) > 0:
            paths.append(path)
        if len(paths) >= 8:
            break
    if not paths:
        raise Unavailable("no search with q + region + sector returned results")
    state["search_paths"] = paths
    return paths


# ------------------------------------------------------------------ scenarios


def prepare_regions(infra: Infra, state: dict[str, Any]) -> Plan:
    _require_service(infra, "registry")
    return _service_variants(infra, "registry", ["/regions"], check=_json_ok)


def _facets_ok(resp: httpx.Response) -> str | None:
    return _json_ok(resp) or (None if "facets" in resp.json() else "no facets in the answer")


def prepare_search_cached(infra: Infra, state: dict[str, Any]) -> Plan:
    paths = search_paths(infra, state)
    plan = _service_variants(infra, "registry", paths, check=_facets_ok)
    plan.counters = lambda: search_cache_counts(infra)
    plan.notes.append(
        f"cached answers only: {len(paths)} queries rotated, e.g. `{paths[0]}` (after the first "
        "request of each, every answer comes from the search cache)"
    )
    return plan


SEARCH_CACHE_METRIC = re.compile(
    r'^registry_search_cache_requests_total\{outcome="(hit|miss)"\} (\S+)$', re.M
)


PROFILE_CACHE_METRIC = re.compile(
    r'^registry_answer_cache_requests_total\{outcome="(hit|miss)",route="/exporters/\{slug\}"\} (\S+)$',
    re.M,
)


def registry_counts(infra: Infra, metric: re.Pattern[str]) -> dict[str, float]:
    """Hit and miss counters of one of the registry's caches (GET /metrics)."""
    resp = _get(f"{infra.servers['registry'].url}/metrics")
    if resp.status_code != 200:
        return {}
    return {outcome: float(value) for outcome, value in metric.findall(resp.text)}


def search_cache_counts(infra: Infra) -> dict[str, float]:
    """The registry's search cache counters: whole requests, hit or miss."""
    return registry_counts(infra, SEARCH_CACHE_METRIC)


def query_log(infra: Infra, state: dict[str, Any]) -> tuple[Path, dict[str, Any]]:
    """The search log of bench/querylog.py (deterministic), written once per platform."""
    if "query_log" not in state:
        path = infra.workdir / "querylog.txt"
        state["query_log"] = (path, querylog.write_log(path))
    return state["query_log"]


def prepare_search(infra: Infra, state: dict[str, Any]) -> Plan:
    """The realistic mix: the query log replayed from where the previous run stopped."""
    base = _require_service(infra, "registry")
    path, info = query_log(infra, state)
    lines = path.read_text().splitlines()
    # Every kind of query answers 200 here (a 422 would be the log's fault, not the service's).
    queries = querylog.distinct_queries(querylog.DISTINCT)
    checked: dict[str, str] = {}
    for kind, sample in queries:
        if kind in checked:
            continue
        resp = _get(base + sample)
        if resp.status_code != 200:
            raise Unavailable(f"GET {sample} ({kind}) -> {resp.status_code} {_problem_title(resp)}")
        checked[kind] = sample
    plan = _service_variants(infra, "registry", lines[:1], check=_facets_ok)
    for target in plan.targets.values():
        target.log = path
    plan.counters = lambda: search_cache_counts(infra)
    plan.details["query_log"] = {**info, "examples": checked}
    kinds = ", ".join(f"{k} {n}" for k, n in sorted(info["kinds"].items()))
    plan.notes.append(
        f"replay of a log of {info['length']:,} searches, {info['distinct']:,} distinct ({kinds}; "
        f"{info['arabic_queries']:,} in Arabic), Zipf s={info['zipf_s']} (the top 1 % of queries are "
        f"{float(info['top_1pct_share']) * 100:.0f} % of the log), seed {info['seed']}; each run continues "
        "where the previous one stopped; cache hit ratio from the registry's /metrics"
    )
    return plan


PROFILES = 5_000


def prepare_profile(infra: Infra, state: dict[str, Any]) -> Plan:
    """Up to 5,000 exporter profiles (every exporter of the first 50 catalogue pages), shuffled."""
    base = _require_service(infra, "registry")
    if "profile_log" not in state:
        slugs: list[str] = []
        for page in range(1, PROFILES // 100 + 1):
            resp = _get(f"{base}/exporters?per_page=100&page={page}")
            items = resp.json().get("items", []) if resp.status_code == 200 else []
            slugs += [e["slug"] for e in items if e.get("slug")]
            if len(items) < 100:
                break
        if not slugs:
            raise Unavailable("no exporter in the catalogue")
        random.Random(querylog.SEED).shuffle(slugs)
        path = infra.workdir / "profiles.txt"
        paths = [f"/exporters/{slug}" for slug in slugs]
        path.write_text("".join(f"{p}\n" for p in paths))
        # Every profile viewed once before measuring, as a day of real traffic would have: the
        # answer cache is measured in its steady state (its hit ratio is reported per run).
        started = time.monotonic()
        with httpx.Client(base_url=base, timeout=120) as client, ThreadPoolExecutor(8) as pool:
            statuses = Counter(pool.map(lambda p: client.get(p).status_code, paths))
        state["profile_log"] = (path, len(slugs), time.monotonic() - started, dict(statuses))
    path, count, warm_s, statuses = state["profile_log"]
    first = path.read_text().split("\n", 1)[0]
    plan = _service_variants(infra, "registry", [first], check=_json_ok)
    for target in plan.targets.values():
        target.log = path
    plan.counters = lambda: registry_counts(infra, PROFILE_CACHE_METRIC)
    plan.notes.append(
        f"{count:,} exporter profiles rotated (shuffled), each requested once before the runs "
        f"({warm_s:.1f} s, answers {statuses}): the answer cache in its steady state; hit ratio "
        "from the registry's /metrics (registry_answer_cache_requests_total)"
    )
    return plan


SINGLE_SAMPLES = 40
PER_KIND = 8


def prepare_single(infra: Infra, state: dict[str, Any]) -> Plan:
    """Single uncached queries, one at a time, on a second registry started with its search cache
    off (``REGISTRY_SEARCH_CACHE_ENTRIES=0``) on the same database."""
    _require_service(infra, "registry")
    server = infra.start_extra("registry-nocache", "registry", {"REGISTRY_SEARCH_CACHE_ENTRIES": "0"})
    rng = random.Random(querylog.SEED + 2)
    words = querylog.vocabulary()
    regions = sorted(querylog.synthetic.CITIES)
    sectors = sorted(querylog.synthetic.PRODUCTS)
    typical = []
    for _ in range(SINGLE_SAMPLES):
        params = {
            "q": rng.choice(words[rng.choice(("fr", "fr", "en", "ar"))]),
            "region": rng.choice(regions),
            "sector": rng.choice(sectors),
        }
        typical.append("/exporters?" + urlencode(params))
    letters = "abcdefghijklmnopqrstuvwxyz"
    plan = Plan(kind="sequential", service="registry")
    plan.sequential = {
        "text + two filters": typical,
        "one-letter prefix": [f"/exporters?q={c}" for c in letters]
        + [f"/products?q={c}" for c in letters[:14]],
        "/products, no query": ["/products"] * 20,
        "/exporters, no query": ["/exporters"] * 20,
    }
    # The log's kinds one by one (8 distinct of each, spread over the ranks): which kind costs what.
    by_kind: dict[str, list[str]] = {}
    for kind, path in querylog.distinct_queries():
        by_kind.setdefault(kind, []).append(path)
    for kind in querylog.KINDS:
        paths = by_kind.get(kind, [])
        step = max(1, len(paths) // PER_KIND)
        plan.sequential[f"log: {kind}"] = paths[::step][:PER_KIND]
    for paths in plan.sequential.values():
        resp = _get(server.url + paths[0])
        if resp.status_code != 200:
            raise Unavailable(f"GET {paths[0]} -> {resp.status_code} {_problem_title(resp)}")
    plan.targets["direct"] = Target(server.url, [])
    plan.notes.append(
        "one request at a time (keep-alive), on a second registry process with the search cache off, "
        f"same database; {SINGLE_SAMPLES} distinct `q` + region + sector, the 26 one-letter prefixes "
        "on /exporters and 14 on /products, /products and /exporters with no query 20 times each; "
        f"then {PER_KIND} distinct queries of each kind of the search log"
    )
    log(f"  single queries on {server.url} (search cache off)")
    return plan


def create_event(infra: Infra, *, capacity: int, title: str) -> dict[str, Any]:
    """A published event with open RSVPs, made through the events API like an organiser would."""
    return publish_event(_require_service(infra, "events"), capacity=capacity, title=title)


def publish_event(base: str, *, capacity: int, title: str) -> dict[str, Any]:
    """:func:`create_event` against the events service at ``base`` (no bench platform needed)."""
    headers = organiser_headers()
    start = (datetime.now(UTC) + timedelta(days=30)).replace(microsecond=0)
    body = {
        "title": {"fr": title, "en": title},
        "city": "Casablanca",
        "venue": "Bench hall",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=3)).isoformat(),
        "capacity": capacity,
    }
    resp = harness_http().post(f"{base}/events", json=body, headers=headers, timeout=120)
    if resp.status_code not in (200, 201):
        raise Unavailable(f"POST /events -> {resp.status_code} {_problem_title(resp)}")
    event = resp.json()
    if event.get("status") == "draft":
        published = harness_http().post(f"{base}/events/{event['id']}/publish", headers=headers, timeout=120)
        if published.status_code != 200:
            raise Unavailable(
                f"POST /events/{{id}}/publish -> {published.status_code} {_problem_title(resp)}"
            )
        event = published.json()
    return event


def prepare_event_page(infra: Infra, state: dict[str, Any]) -> Plan:
    base = _require_service(infra, "events")
    if "event_page" not in state:
        # The next published event of the demo programme (panels, speakers, partners), else a new one.
        items = []
        for when in ("upcoming", "all"):
            resp = _get(f"{base}/events?when={when}&per_page=1")
            items = resp.json().get("items", []) if resp.status_code == 200 else []
            if items:
                break
        state["event_page"] = items[0] if items else create_event(infra, capacity=200, title="Matinale bench")
    event_id = state["event_page"]["id"]
    plan = _service_variants(infra, "events", [f"/events/{event_id}"], check=_json_ok)
    plan.notes.append(f"event {event_id}: {state['event_page'].get('slug', '')}")
    return plan


def rsvp_body(event_tag: str) -> Callable[[int], dict[str, Any]]:
    def body(i: int) -> dict[str, Any]:
        return {
            "name": f"Guest {i}",
            "email": f"guest{i}.{event_tag}@bench.example.org",
            "organisation": "Bench",
            "language": "fr",
            "consent": True,
        }

    return body


def event_counts(base: str, event_id: int) -> dict[str, Any]:
    """The events service's own count of seats (GET /events/{id} -> seats) at ``base``."""
    resp = _get(f"{base}/events/{event_id}", organiser_headers())
    return resp.json().get("seats", {}) if resp.status_code == 200 else {}


def rsvp_status(answer: dict[str, Any]) -> str | None:
    value = answer.get("status")
    return str(value) if value is not None else None


def rsvp_rows(database_url: str, event_id: int) -> list[dict[str, Any]]:
    """Every RSVP row of the event, read straight from the events database.

    The confirm link's token is what the guest finds in their e-mail (``rsvp.manage_token``);
    the bench reads it where the e-mail is made from rather than running a mail server.
    """
    url = make_url(database_url)
    backend = url.get_backend_name()
    url = url.set(drivername="postgresql+psycopg" if backend == "postgresql" else backend)
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sqlalchemy.text(
                    "SELECT id, email_normalised, manage_token, status FROM rsvp "
                    "WHERE event_id = :event ORDER BY id"
                ),
                {"event": event_id},
            )
            return [dict(row._mapping) for row in rows]
    finally:
        engine.dispose()


def _result_dict(result: LoadResult) -> tuple[dict[str, Any], list[tuple[int, Any]]]:
    data = result.as_dict()
    return data, data.pop("answers")


def judge_rsvp_round(
    *,
    guests: int,
    seats: int,
    ask: dict[str, Any],
    confirm: dict[str, Any],
    confirm_answers: list[tuple[int, Any]],
    seats_after_ask: dict[str, Any],
    rows: list[dict[str, Any]],
    server_seats: dict[str, Any],
) -> dict[str, Any]:
    """Was the round exact? Every check on its own line, from the answers, the service's counters
    and the database rows (which must all agree).

    *exact*: asking took no seat; one RSVP per e-mail; the service counts exactly ``seats``
    confirmed and its rows say the same; no confirm answer claims more than ``seats``, no RSVP
    is answered twice; every answered confirm is recorded once (a guest whose answer was an
    error, e.g. a proxy time-out, may or may not have been confirmed upstream); with no error,
    the answers alone show exactly ``seats`` confirmed and the rest waitlisted.
    *complete*: every guest's ask was taken (202) and every guest's confirm answered.
    """
    confirmed = confirm["outcomes"].get("confirmed", 0)
    waitlisted = confirm["outcomes"].get("waitlisted", 0)
    errors = confirm["non_2xx"] + confirm["socket_errors"]
    by_status: dict[str, int] = {}
    for row in rows:
        by_status[row["status"]] = by_status.get(row["status"], 0) + 1
    db_confirmed, db_waitlisted = by_status.get("confirmed", 0), by_status.get("waitlisted", 0)
    duplicates = len(rows) - len({row["email_normalised"] for row in rows})
    answered_ids = [a.get("id") for _, a in confirm_answers if isinstance(a, dict)]
    checks = {
        "asking took no seat": (seats_after_ask.get("confirmed"), seats_after_ask.get("waitlisted"))
        == (0, 0),
        "one RSVP per e-mail": duplicates == 0,
        "service counts exactly the seats": server_seats.get("confirmed") == seats,
        "rows agree with the counts": (db_confirmed, db_waitlisted)
        == (server_seats.get("confirmed"), server_seats.get("waitlisted")),
        "no answer claims more seats": confirmed <= seats,
        "no RSVP answered twice": len(answered_ids) == len(set(answered_ids)),
        "every answered confirm recorded once": confirmed + waitlisted
        <= db_confirmed + db_waitlisted
        <= confirmed + waitlisted + errors,
        "no error: answers show the seats exactly": errors > 0
        or (confirmed, waitlisted) == (seats, len(answered_ids) - seats),
    }
    accepted = ask["outcomes"].get("check_your_inbox", 0)
    return {
        "guests": guests,
        "seats": seats,
        "confirmed": confirmed,
        "waitlisted": waitlisted,
        "accepted": accepted,
        "recorded": len(rows),
        "duplicates": duplicates,
        "pending_left": by_status.get("pending", 0),
        "seats_after_ask": seats_after_ask,
        "server_seats": server_seats,
        "checks": checks,
        "exact": all(checks.values()),
        "complete": accepted == guests and len(rows) == guests and confirmed + waitlisted == guests,
        "distinct_answers": len(set(answered_ids)),
    }


def rsvp_round(
    *,
    ask_url: str,
    confirm_url: Callable[[str], str],
    guests: int,
    seats: int,
    tag: str,
    rows: Callable[[], list[dict[str, Any]]],
    counts: Callable[[], dict[str, Any]],
    mark: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """One double opt-in round at a fresh event: every guest asks at once (202, no seat), their
    tokens are read from the events database, then every guest confirms at once.

    The numbers of the round are the confirm burst's (where the seats are taken) at the top,
    and the ask burst's under ``ask``; then the verdict of :func:`judge_rsvp_round`.
    ``mark`` is called with "start", "asked" (right after the ask burst) and "confirmed" (right
    after the confirm burst), e.g. for CPU readings of the server processes.
    """
    mark = mark or (lambda _phase: None)
    body = rsvp_body(tag)
    mark("start")
    asked = run_burst(ask_url, guests=guests, body=body, status_of=rsvp_status)
    mark("asked")
    ask, _ = _result_dict(asked)
    seats_after_ask = counts()
    tokens = {row["email_normalised"]: row["manage_token"] for row in rows()}
    # In the order the guests asked; a guest whose ask was not recorded has no link to follow.
    # (The e-mail as the events service normalises it: stripped, lower case.)
    emails = (str(body(i)["email"]).strip().lower() for i in range(guests))
    links = [tokens[e] for e in emails if e in tokens]
    confirmed = run_burst(
        lambda i: confirm_url(links[i]), guests=len(links), body=no_body, status_of=rsvp_status
    )
    mark("confirmed")
    data, answers = _result_dict(confirmed)
    data["ask"] = ask
    data.update(
        judge_rsvp_round(
            guests=guests,
            seats=seats,
            ask=ask,
            confirm=data,
            confirm_answers=answers,
            seats_after_ask=seats_after_ask,
            rows=rows(),
            server_seats=counts(),
        )
    )
    return data


def rsvp_round_at_new_event(
    base: str,
    *,
    guests: int,
    seats: int,
    database_url: str,
    mark: Callable[[str], None] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One :func:`rsvp_round` at a new event published on the events service at ``base``
    (``database_url``: that service's database, where the confirm tokens are read).
    Returns the event and the round's numbers."""
    tag = uuid.uuid4().hex[:6]
    event = publish_event(base, capacity=seats, title=f"Burst {tag}")
    data = rsvp_round(
        ask_url=f"{base}/events/{event['id']}/rsvps",
        confirm_url=lambda token: f"{base}/rsvps/{token}/confirm",
        guests=guests,
        seats=seats,
        tag=tag,
        rows=lambda: rsvp_rows(database_url, event["id"]),
        counts=lambda: event_counts(base, event["id"]),
        mark=mark,
    )
    return event, data


def prepare_rsvp(infra: Infra, state: dict[str, Any]) -> Plan:
    base_events = _require_service(infra, "events")
    plan = Plan(kind="burst", service="events")
    bases = {"direct": (base_events, "")}
    if "gateway" in infra.servers:
        bases["gateway"] = (infra.servers["gateway"].url, PUBLIC_PREFIX["events"])
    else:
        plan.unavailable["gateway"] = "not available in this build (no gateway service)"
    if infra.nginx:
        bases["nginx"] = (infra.nginx.url, PUBLIC_PREFIX["events"])
    # Does the build take RSVPs with double opt-in? A throw-away event answers: the ask is
    # taken (202, no seat), the token is in the database, confirming it takes the seat.
    probe = create_event(infra, capacity=1, title="RSVP probe")
    resp = harness_http().post(
        f"{base_events}/events/{probe['id']}/rsvps", json=rsvp_body("probe")(0), timeout=30
    )
    if resp.status_code != 202 or resp.json().get("status") != "check_your_inbox":
        raise Unavailable(
            f"POST /events/{{id}}/rsvps -> {resp.status_code} {_problem_title(resp)} "
            "(the bench measures the double opt-in flow: 202 check_your_inbox, then confirm)"
        )
    found = rsvp_rows(infra.databases.url("events"), probe["id"])
    if len(found) != 1:
        raise Unavailable(f"the probe RSVP is not in the events database ({len(found)} rows)")
    confirmed = harness_http().post(f"{base_events}/rsvps/{found[0]['manage_token']}/confirm", timeout=30)
    if confirmed.status_code != 200 or confirmed.json().get("status") != "confirmed":
        raise Unavailable(
            f"POST /rsvps/{{token}}/confirm -> {confirmed.status_code} {_problem_title(confirmed)}"
        )
    for variant, (base, prefix) in bases.items():
        plan.targets[variant] = Target(
            base, [prefix + "/events/{id}/rsvps", prefix + "/rsvps/{token}/confirm"]
        )
    plan.notes.append(
        "double opt-in: a burst of asks (`POST /events/{id}/rsvps`, 202), the tokens read from the events "
        "database, then a burst of confirms (`POST /rsvps/{token}/confirm`)"
    )
    return plan


FRONTEND_CATALOGUE_CANDIDATES = ("/exporters", "/catalogue", "/annuaire")


def prepare_frontend(infra: Infra, state: dict[str, Any], *, fragment: bool) -> Plan:
    base = _require_service(infra, "frontend")
    path = state.get("frontend_catalogue")
    if path is None:
        for candidate in FRONTEND_CATALOGUE_CANDIDATES:
            resp = _get(base + candidate)
            if resp.status_code == 200 and resp.headers.get("content-type", "").startswith("text/html"):
                path = candidate
                break
        if path is None:
            raise Unavailable(
                f"no catalogue page answered 200 text/html at {', '.join(FRONTEND_CATALOGUE_CANDIDATES)}"
            )
        state["frontend_catalogue"] = path
    plan = Plan(kind="wrk", service="frontend")
    headers = {"HX-Request": "true"} if fragment else {}
    paths = [path]
    if fragment:
        try:
            queries = search_paths(infra, state)
        except Unavailable:
            queries = []
        # The fragment HTMX asks for while the visitor types: the same search, as HTML.
        paths = [path + q[q.index("?") :] for q in queries] or [path]
    plan.unavailable["gateway"] = (
        "not applicable: the website is its own origin (it calls the gateway itself)"
    )
    bases = {"direct": base}
    if infra.nginx:
        bases["nginx"] = infra.nginx.url
    for variant, url in bases.items():
        resp = _get(url + paths[0], headers)
        if resp.status_code != 200 or not resp.headers.get("content-type", "").startswith("text/html"):
            plan.unavailable[variant] = f"GET {paths[0]} -> {resp.status_code}"
            continue
        is_full = "<html" in resp.text.lower()
        if fragment and is_full:
            plan.unavailable[variant] = "the HX-Request answer is a full page, not a fragment"
            continue
        if not fragment and not is_full:
            plan.unavailable[variant] = "the catalogue page is not a full HTML document"
            continue
        plan.targets[variant] = Target(url, paths, headers)
    plan.notes.append(f"`{paths[0]}`" + (" with `HX-Request: true`" if fragment else ""))
    return plan


SCENARIOS: list[Scenario] = [
    Scenario("regions", "Small JSON: GET /api/registry/regions", prepare_regions),
    Scenario("search", "Search, realistic mix: a log of distinct queries replayed (Zipf)", prepare_search),
    Scenario("search-cached", "Search, cached answers only: 8 queries rotated", prepare_search_cached),
    Scenario("search-single", "Single uncached searches, one at a time (search cache off)", prepare_single),
    Scenario("profile", "Exporter profile: GET /exporters/{slug}", prepare_profile),
    Scenario("event", "Event page: GET /events/{id}", prepare_event_page),
    Scenario("rsvp", "RSVP burst: concurrent guests on a limited event", prepare_rsvp),
    Scenario("page", "Website catalogue page (HTML)", lambda i, s: prepare_frontend(i, s, fragment=False)),
    Scenario(
        "fragment", "Website catalogue HTMX fragment", lambda i, s: prepare_frontend(i, s, fragment=True)
    ),
]
