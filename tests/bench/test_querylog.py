"""The search log of the bench: deterministic, varied, Zipf-like, and replayed in order by wrk."""

from __future__ import annotations

import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bench import querylog
from bench.loadgen import run_wrk


def test_the_log_is_the_same_every_time_with_ten_thousand_distinct_queries(tmp_path: Path) -> None:
    first = querylog.write_log(tmp_path / "a.txt")
    second = querylog.write_log(tmp_path / "b.txt")
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    assert first["distinct"] == second["distinct"] >= 10_000
    lines = (tmp_path / "a.txt").read_text().splitlines()
    assert len(lines) == querylog.LENGTH and len(set(lines)) == first["distinct"]


def test_the_log_mixes_every_kind_of_search_in_three_languages() -> None:
    queries = querylog.distinct_queries()
    kinds = Counter(kind for kind, _ in queries)
    assert set(kinds) == set(querylog.KINDS) and min(kinds.values()) >= 300, kinds
    params = [(urlsplit(p).path, parse_qs(urlsplit(p).query)) for _, p in queries]
    assert any(path == "/products" for path, _ in params)
    assert any("q" not in q and q for path, q in params if path == "/exporters")  # filters only
    assert any(int(q.get("page", ["1"])[0]) > 1 for _, q in params)  # paging
    texts = [q["q"][0] for _, q in params if "q" in q]
    assert any("\u0600" <= c <= "\u06ff" for t in texts for c in t)  # Arabic
    assert any(t in {"olive oil", "dates", "argan oil"} for t in texts)  # English
    assert any("huile" in t for t in texts)  # French
    vocabulary = {w for words in querylog.vocabulary().values() for phrase in words for w in phrase.split()}
    typos = [p for kind, p in queries if kind == "typo"]
    assert any(parse_qs(urlsplit(p).query)["q"][0] not in vocabulary for p in typos)


def test_the_log_repeats_a_few_searches_often_and_most_rarely() -> None:
    queries = querylog.distinct_queries()
    counts = Counter(querylog.replay_log(queries))
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 100 * ranked[len(ranked) // 2]
    assert sum(ranked[: len(ranked) // 100]) > 0.3 * sum(ranked)  # the top 1 %
    assert counts[queries[0][1]] == ranked[0]  # rank 1 is the most frequent


def test_wrk_replays_the_log_in_order_from_the_line_asked(tmp_path: Path) -> None:
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        log = tmp_path / "log.txt"
        log.write_text("".join(f"/exporters?q=line{i}\n" for i in range(1, 11)))
        base = f"http://127.0.0.1:{server.server_address[1]}"
        result = run_wrk(
            base, ["/"], duration=1, connections=1, threads=1, log_file=log, start=4, prefix="/api/x"
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.requests > 12 and result.non_2xx == 0
    # Line 4 first, then in order, wrapping around after line 10.
    expected = [f"/api/x/exporters?q=line{(3 + i) % 10 + 1}" for i in range(12)]
    assert seen[:12] == expected
    assert result.extra["load_generator_cpu_s"] > 0
