"""Median and p95 latency of sequential GET requests against a running server.

    .venv/bin/python scripts/latency.py http://127.0.0.1:8001 25 \
        "/exporters?q=huile&region=MA-06&sector=agrifood"

One request at a time (no queueing): what one visitor waits. Start the registry with
REGISTRY_SEARCH_CACHE_ENTRIES=0 to time uncached searches.
"""

from __future__ import annotations

import statistics
import sys
import time
import urllib.request


def main(base: str, count: int, paths: list[str]) -> None:
    for path in paths:
        times = []
        for _ in range(count):
            started = time.perf_counter()
            with urllib.request.urlopen(base + path) as response:  # noqa: S310 - a URL given by the operator
                response.read()
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p95 = times[max(0, int(len(times) * 0.95) - 1)]
        print(f"{statistics.median(times):8.1f} ms p50 {p95:8.1f} ms p95  {path}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
