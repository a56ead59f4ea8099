"""Optional check of exporter ids against the registry's public API (EVENTS_REGISTRY_URL)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from services.common.context import REQUEST_ID_HEADER, current_request_id
from services.common.errors import ServiceUnavailable, UnprocessableContent
from services.events.config import EventsSettings

# httpx (and rich and pygments, which its command line pulls in) is imported by the first check:
# most events processes never make one (EVENTS_REGISTRY_URL unset, or no exporter id given).
if TYPE_CHECKING:
    import httpx

logger = logging.getLogger("mim.events.registry")


class RegistryLookup:
    """The events service's checks against the registry, through ONE HTTP client per app.

    The client (its connection pool and TLS context) is made by the first check and closed with
    the app (``aclose`` in the lifespan). A client per check cost each RSVP that names a company
    a new connection and a new TLS context: ~20-40 ms of CPU loading the CA bundle, even for an
    http:// registry.
    """

    def __init__(self, settings: EventsSettings) -> None:
        self._settings = settings
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(timeout=self._settings.registry_timeout_seconds)
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def check_exporter(self, exporter_id: int, *, field: str) -> None:
        """422 naming ``field`` when the registry says the exporter does not exist; no-op when unset."""
        settings = self._settings
        if not settings.registry_url:
            return
        import httpx

        headers = {}
        request_id = current_request_id()
        if request_id:
            headers[REQUEST_ID_HEADER] = request_id
        url = settings.registry_url.rstrip("/") + settings.registry_exporter_path.format(id=exporter_id)
        try:
            response = await self._http().get(url, headers=headers)
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(
                "The registry could not be reached to check the exporter id; please retry.",
                headers={"Retry-After": "2"},
            ) from exc
        if response.status_code == 404 and _route_missing(response):
            # A registry without this lookup cannot refute the id: accept it rather than block guests.
            logger.warning("registry has no exporter lookup by id; exporter %s not checked", exporter_id)
            return
        if response.status_code == 404:
            raise UnprocessableContent.for_field(
                field, f"No exporter with id {exporter_id} in the registry.", code="unknown-exporter"
            )
        if response.status_code >= 400:
            logger.warning("registry answered %s for exporter %s", response.status_code, exporter_id)
            raise ServiceUnavailable("The registry could not check the exporter id; please retry.")


def _route_missing(response: httpx.Response) -> bool:
    try:
        detail = str(response.json().get("detail", ""))
    except ValueError:
        return True
    return detail.startswith("No resource at")
