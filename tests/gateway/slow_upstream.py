"""A stand-in service for burst tests: every answer takes ``--delay`` seconds, and it counts.

    python -m tests.gateway.slow_upstream --port N --delay 0.3 [--status 200]

``GET /healthz`` answers at once (the gateway's probe); ``GET /stats`` answers at once with
``{"in_flight", "max_in_flight", "served"}``; every other request waits ``--delay`` seconds
(concurrently) and answers ``--status`` with a small JSON body.
"""

from __future__ import annotations

import argparse
import asyncio

from aiohttp import web


def make_app(delay: float, status: int) -> web.Application:
    counts = {"in_flight": 0, "max_in_flight": 0, "served": 0}

    async def healthz(_request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def stats(_request: web.Request) -> web.Response:
        return web.json_response(counts)

    async def slow(request: web.Request) -> web.Response:
        await request.read()
        counts["in_flight"] += 1
        counts["max_in_flight"] = max(counts["max_in_flight"], counts["in_flight"])
        try:
            await asyncio.sleep(delay)
        finally:
            counts["in_flight"] -= 1
        counts["served"] += 1
        return web.json_response({"path": request.path}, status=status)

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/stats", stats)
    app.router.add_route("*", "/{tail:.*}", slow)
    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--status", type=int, default=200)
    args = parser.parse_args()
    web.run_app(make_app(args.delay, args.status), host="127.0.0.1", port=args.port, print=None, backlog=4096)


if __name__ == "__main__":
    main()
