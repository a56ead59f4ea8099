"""CSV import (validated by line and column, all or nothing) and open-data exports."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
import pytest

from services.registry.demo import make_ice
from tests.registry.conftest import STAFF, create_exporter

CSV_TYPE = {"Content-Type": "text/csv"}
HEADER = "ice,legal_name,trade_name,region,city,sectors,export_markets,phone\n"


def _row(n: int, **over: str) -> str:
    values = {
        "ice": make_ice(7_000_000 + n), "legal_name": f"Import {n} SARL", "trade_name": f"Import {n}",
        "region": "MA-03", "city": "Fès", "sectors": "crafts;textile", "export_markets": "FR;ES",
        "phone": "0522123456",
    }  # fmt: skip
    values.update(over)
    return ",".join(values.values()) + "\n"


async def _import(client: httpx.AsyncClient, body: str, **params: str) -> httpx.Response:
    return await client.post(
        "/exporters/import", content=body.encode(), headers={**STAFF, **CSV_TYPE}, params=params
    )


async def _job(app: Any, client: httpx.AsyncClient, body: str, **params: str) -> dict[str, Any]:
    """Import ``body`` and wait for its job: the job's final state."""
    response = await _import(client, body, **params)
    assert response.status_code == 202, response.text
    await app.state.import_jobs.drain()
    job = await client.get(response.headers["Location"], headers=STAFF)
    assert job.status_code == 200, job.text
    return job.json()  # type: ignore[no-any-return]


async def test_valid_file_is_imported(registry_app: Any, registry_client: httpx.AsyncClient) -> None:
    job = await _job(registry_app, registry_client, HEADER + _row(1) + _row(2))
    assert job["status"] == "succeeded", job
    assert job["result"] == {"written": 2, "rejected_rows": 0, "errors": []}
    assert job["progress"] == {"rows_done": 2, "rows_total": 2}
    found = (await registry_client.get("/exporters", params={"q": "import", "sector": "crafts"})).json()
    assert found["total"] == 2
    assert found["items"][0]["export_markets"] == ["ES", "FR"]


async def test_bad_rows_are_reported_by_line_and_column_and_nothing_is_written(
    registry_app: Any, registry_client: httpx.AsyncClient
) -> None:
    existing = await create_exporter(registry_client, 1)
    body = (
        HEADER
        + _row(1)
        + _row(2, ice="123")  # line 3: bad checksum
        + _row(3, export_markets="FR;QQ", region="MA-44")  # line 4
        + _row(4, ice=existing["ice"])  # line 5: already in the catalogue
        + _row(1, trade_name="Import 1 bis")  # line 6: same ICE as line 2
    )
    job = await _job(registry_app, registry_client, body)
    assert job["status"] == "failed"
    fields = {(e["line"], e["column"]) for e in job["errors"]}
    assert {(3, "ice"), (4, "export_markets"), (5, "ice"), (6, "ice")} <= fields
    assert job["result"]["written"] == 0 and job["result"]["rejected_rows"] == 4
    assert (await registry_client.get("/exporters")).json()["total"] == 1
    partial = await _job(registry_app, registry_client, body, only_valid_rows="true")
    assert partial["status"] == "succeeded"
    assert partial["result"]["written"] == 1 and partial["result"]["rejected_rows"] == 4
    assert (await registry_client.get("/exporters")).json()["total"] == 2


async def test_bad_header_and_authorisation(registry_client: httpx.AsyncClient) -> None:
    response = await _import(registry_client, "ice,name\n1,2\n")
    assert response.status_code == 422
    assert {"header.legal_name", "header.name"} <= {e["field"] for e in response.json()["errors"]}
    anonymous = await registry_client.post("/exporters/import", content=HEADER.encode(), headers=CSV_TYPE)
    assert anonymous.status_code == 401


@pytest.mark.usefixtures("registry_demo")
async def test_exports_stream_the_catalogue(registry_client: httpx.AsyncClient) -> None:
    response = await registry_client.get("/open-data/exporters.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 41
    assert {r["region"] for r in rows} == {f"MA-{n:02d}" for n in range(1, 13)}
    data = (await registry_client.get("/open-data/exporters.json")).json()
    assert len(data) == 41 and data[0]["slug"] == rows[0]["slug"]


async def test_csv_export_neutralises_formulas(registry_client: httpx.AsyncClient) -> None:
    await create_exporter(registry_client, 1, trade_name="=HYPERLINK(1)", slug="formula", city="@Casa")
    rows = list(
        csv.DictReader(
            io.StringIO((await registry_client.get("/open-data/exporters.csv")).text.lstrip("\ufeff"))
        )
    )
    assert rows[0]["trade_name"] == "'=HYPERLINK(1)"
    assert rows[0]["city"] == "'@Casa"
