"""The website's only way to the platform: the gateway's public API.

One pooled aiohttp session per process (opened in the lifespan). aiohttp was picked
by measurement: see scripts/measure-frontend-client.py and the report in the
frontend issue; httpx's pool was several times slower on this machine.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar, cast

import aiohttp
import orjson
from pydantic import BaseModel, TypeAdapter

from frontend.messages_catalogue import problem_message
from services.common.context import REQUEST_ID_HEADER, current_request_id

logger = logging.getLogger("mim.frontend.gateway")

# The visitor's address, forwarded so the gateway's per-client limits apply per visitor
# (the gateway honours it only from addresses in GATEWAY_TRUSTED_PROXIES).
client_ip_var: ContextVar[str | None] = ContextVar("client_ip", default=None)

ModelT = TypeVar("ModelT", bound=BaseModel)
ItemT = TypeVar("ItemT", bound=BaseModel)
T = TypeVar("T")
QueryValue = str | int | float | bool | None | Iterable[str | int]
# A website session's credential (``token="Session <id>"``) is sent as is; any other token is a bearer.
SESSION_CREDENTIAL = "Session "


class GatewayUnavailable(Exception):
    """The gateway (or a service behind it) is down, too slow or answered 5xx."""

    def __init__(self, detail: str, *, status: int | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status


class ApiError(Exception):
    """A 4xx answer: the problem+json body tells what is wrong.

    What a page shows of it is :attr:`detail`: the problem's machine `code` (with its `params`)
    in the reader's language, or a translated message for its status. The API's own `detail`
    is English for developers (:attr:`api_detail`, for logs) and never reaches a person.
    """

    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(f"{status}: {problem.get('detail') or problem.get('title')}")
        self.status = status
        self.problem = problem

    @property
    def code(self) -> str | None:
        code = self.problem.get("code")
        return str(code) if code else None

    @property
    def detail(self) -> str:
        """The refusal in the reader's words (see frontend/messages_catalogue.py)."""
        return problem_message(self.problem, self.status)

    @property
    def api_detail(self) -> str:
        return str(self.problem.get("detail") or self.problem.get("title") or "")


def _query(params: Mapping[str, QueryValue] | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        if value is None or value == "":
            continue
        if isinstance(value, bool):
            out.append((key, "true" if value else "false"))
        elif isinstance(value, str | int | float):
            out.append((key, str(value)))
        else:
            out.extend((key, str(v)) for v in value if v not in (None, ""))
    return out


class Response:
    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


class GatewayClient:
    def __init__(
        self,
        base_url: str,
        *,
        timeout: float = 5.0,
        connect_timeout: float = 1.0,
        pool_size: int = 100,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout, sock_connect=connect_timeout)
        self._pool_size = pool_size
        self._session: aiohttp.ClientSession | None = None
        self._cache: dict[tuple[str, object], tuple[float, Any]] = {}

    async def open(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300),
                timeout=self._timeout,
                json_serialize=lambda obj: orjson.dumps(obj).decode(),
                auto_decompress=True,
            )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, QueryValue] | None = None,
        json: Any = None,
        data: Mapping[str, str] | bytes | aiohttp.FormData | None = None,
        token: str | None = None,
        accept: str = "application/json",
        extra_headers: Mapping[str, str] | None = None,
    ) -> Response:
        """One call to the gateway; 5xx/time-out/refused become :class:`GatewayUnavailable`."""
        if self._session is None:
            await self.open()
        assert self._session is not None
        headers = {**(extra_headers or {}), "Accept": accept}
        request_id = current_request_id()
        if request_id:
            headers[REQUEST_ID_HEADER] = request_id
        if token:
            headers["Authorization"] = token if token.startswith(SESSION_CREDENTIAL) else f"Bearer {token}"
        client_ip = client_ip_var.get()
        if client_ip:
            headers["X-Forwarded-For"] = client_ip
        url = self.base_url + path
        try:
            async with self._session.request(
                method, url, params=_query(params), json=json, data=data, headers=headers
            ) as resp:
                body = await resp.read()
                status = resp.status
                resp_headers = {k.lower(): v for k, v in resp.headers.items()}
        except TimeoutError as exc:
            logger.warning("gateway timed out", extra={"upstream_path": path})
            raise GatewayUnavailable("The platform took too long to answer.") from exc
        except aiohttp.ClientError as exc:
            logger.warning("gateway unreachable", extra={"upstream_path": path, "error": str(exc)[:200]})
            raise GatewayUnavailable("The platform cannot be reached.") from exc
        if status >= 500:
            raise GatewayUnavailable(_problem_detail(body) or "The platform is unavailable.", status=status)
        if status >= 400:
            try:
                problem = orjson.loads(body) if body else {}
            except orjson.JSONDecodeError:
                problem = {}
            if not isinstance(problem, dict):
                problem = {}
            problem.setdefault("status", status)
            raise ApiError(status, problem)
        return Response(status, resp_headers, body)

    async def get_cached_model(self, path: str, model: type[ModelT], *, ttl: float = 300.0) -> ModelT:
        """Reference data (statistics, a series, the label keys) changes rarely: the answer, read
        through the API's model, is kept for `ttl` seconds; the same object until then."""
        return await self._cached(path, model, ttl, lambda body: model.model_validate_json(body))

    async def get_cached_list(self, path: str, item: type[ItemT], *, ttl: float = 300.0) -> list[ItemT]:
        """A list of reference data (regions, sectors, series), kept like `get_cached_model`."""
        return await self._cached(path, list[item], ttl, _list_adapter(item).validate_json)  # type: ignore[valid-type]

    async def _cached(self, path: str, shape: object, ttl: float, parse: Callable[[bytes], T]) -> T:
        key = (path, shape)
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] > now:
            return cast(T, hit[1])
        value = parse((await self.request("GET", path)).body)
        self._cache[key] = (now + ttl, value)
        return value

    async def upload(
        self,
        method: str,
        path: str,
        *,
        file: tuple[str, bytes, str],
        fields: Mapping[str, str],
        token: str | None = None,
    ) -> Response:
        """A multipart/form-data call: one ``file`` part (name, bytes, declared type) and text fields."""
        form = aiohttp.FormData()
        for name, value in fields.items():
            form.add_field(name, value)
        filename, content, content_type = file
        form.add_field("file", content, filename=filename, content_type=content_type)
        return await self.request(method, path, data=form, token=token)

    # Typed reads and writes: the answer parsed into a model generated from the API
    # (frontend/api_models.py), so a page reads attributes the API declares, not guessed keys.

    async def get_model(self, path: str, model: type[ModelT], **kw: Any) -> ModelT:
        return model.model_validate_json((await self.request("GET", path, **kw)).body)

    async def get_list(self, path: str, item: type[ItemT], **kw: Any) -> list[ItemT]:
        return _list_adapter(item).validate_json((await self.request("GET", path, **kw)).body)

    async def send_model(
        self, method: str, path: str, payload: Any, model: type[ModelT], **kw: Any
    ) -> ModelT:
        return model.model_validate_json((await self.request(method, path, json=payload, **kw)).body)


_adapters: dict[type[BaseModel], TypeAdapter[Any]] = {}


def _list_adapter(item: type[ItemT]) -> TypeAdapter[list[ItemT]]:
    adapter = _adapters.get(item)
    if adapter is None:
        adapter = _adapters[item] = TypeAdapter(list[item])  # type: ignore[valid-type]
    return adapter


def _problem_detail(body: bytes) -> str | None:
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if isinstance(data, dict):
        return str(data.get("detail") or data.get("title") or "") or None
    return None
