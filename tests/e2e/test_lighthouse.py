"""Lighthouse (Google's own auditor, run under node with Debian's Chromium) scores the public
pages a buyer and a guest open, in French and in Arabic.

Accessibility stays at 100 (issue #15). Best practices and SEO are held at the scores measured
when this test was written, so a change that lowers them fails here; the failing audits are
listed in the message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import ARTIFACTS, CHROMIUM, Site
from tests.frontend.conftest import create_event
from tests.integrators.conftest import node_tool

# The floor for each category, 0..1 as Lighthouse reports them.
FLOORS = {"accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def _audit(url: str, out: Path) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        [
            node_tool("lighthouse"),
            url,
            "--quiet",
            "--only-categories=" + ",".join(FLOORS),
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic",
            "--form-factor=mobile",
            "--screenEmulation.mobile",
            # The categories audited do not time anything: with "simulate" Lighthouse waits 1 s
            # of network and CPU quiet after the load; with "provided" (or "devtools") it waits
            # 5.25 s of each, which made each page ~11 s longer and changed no audit's result.
            "--throttling-method=simulate",
            # The whole-page screenshot is only a picture in the HTML report (1 s a page).
            "--disable-full-page-screenshot",
            "--max-wait-for-load=30000",
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert done.returncode == 0, f"lighthouse {url}: {done.stderr[-2000:]}"
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def _failing(report: dict, category: str) -> list[str]:  # type: ignore[type-arg]
    audits = report["audits"]
    refs = report["categories"][category]["auditRefs"]
    return [
        f"{r['id']}: {audits[r['id']].get('title')}"
        for r in refs
        if r["weight"] > 0 and audits[r["id"]].get("score") not in (None, 1)
    ]


@pytest.fixture(scope="module")
def pages(site: Site) -> list[str]:
    listing = httpx.get(f"{site.platform.gateway_url}/api/registry/exporters", timeout=30).json()
    slug = listing["items"][0]["slug"]
    event = create_event(site.platform.gateway_url, capacity=30, title="Morning Lighthouse")
    return [
        "/?lang=fr",
        "/events?lang=fr",
        "/exporters?lang=ar&q=argan",
        f"/exporters/{slug}?lang=fr",
        f"/events/{event['id']}?lang=ar",
    ]


def test_lighthouse_scores_hold_on_the_pages_people_open(site: Site, pages: list[str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    problems: dict[str, dict[str, object]] = {}
    for path in pages:
        name = re.sub(r"[^a-z0-9-]+", "_", path.strip("/")) or "home"
        report = _audit(site.url + path, ARTIFACTS / f"lighthouse-{name}.json")
        scores = {c: report["categories"][c]["score"] for c in FLOORS}
        print(path, scores)
        low = {c: s for c, s in scores.items() if s is None or s < FLOORS[c]}
        if low:
            problems[path] = {"scores": low, "audits": [a for c in low for a in _failing(report, c)]}
    assert problems == {}
