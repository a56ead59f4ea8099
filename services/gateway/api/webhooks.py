"""Webhook endpoints for integrators: `/api/webhooks/...` (organisers and admins; see webhooks.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import JsonDict

from services.common.auth import CurrentPrincipal, Principal, Staff
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES, Forbidden
from services.gateway import webhooks
from services.gateway.config import GatewaySettings
from services.gateway.models import WebhookDelivery, WebhookEndpoint

router = APIRouter(prefix="/api/webhooks", tags=["webhooks"], responses=PROBLEM_RESPONSES)

Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The enum is stated for clients; the service checks it itself (422 `unknown-event-type`).
EventType = Annotated[
    str, Field(min_length=1, max_length=40, json_schema_extra={"enum": sorted(webhooks.EVENT_TYPES)})
]
# Stated for clients; the service checks the rest itself (scheme, host, private addresses).
_URL_SCHEMA: JsonDict = {"format": "uri", "pattern": "^https?://[^/?#@\\s]+"}
WebhookDeliveryState = Literal["pending", "delivered", "failed"]


async def staff_reader(principal: CurrentPrincipal) -> Principal:
    """Organisers and admins read webhooks (a read-only key too); they write with `Staff`."""
    if not principal.is_staff:
        raise Forbidden("Webhooks are managed by organisers and admins.")
    return principal


StaffReader = Annotated[Principal, Depends(staff_reader)]


class WebhookEndpointCreate(BaseModel):
    url: str = Field(
        max_length=2000,
        description="https (http to 127.0.0.1 only outside production)",
        json_schema_extra=_URL_SCHEMA,
    )
    event_types: list[EventType] = Field(min_length=1, max_length=50)
    description: str = Field(default="", max_length=200)


class WebhookEndpointUpdate(BaseModel):
    url: str | None = Field(default=None, max_length=2000, json_schema_extra=_URL_SCHEMA)
    event_types: list[EventType] | None = Field(default=None, min_length=1, max_length=50)
    description: str | None = Field(default=None, max_length=200)
    enabled: bool | None = Field(default=None, description="true enables again a disabled endpoint")


class WebhookEndpointPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    description: str
    event_types: list[str]
    enabled: bool
    failure_count: int
    disabled_at: datetime | None
    disabled_reason: str | None = Field(description="Why it was disabled (too many failures, or by hand)")
    owner: str
    created_at: datetime
    updated_at: datetime


class WebhookEndpointCreated(WebhookEndpointPublic):
    secret: str = Field(description="`whsec_<base64>`: signs every message; shown in this answer only")


class WebhookDeliveryPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    endpoint_id: int
    message_id: str = Field(description="The `webhook-id` header, the same on every attempt")
    event_type: str
    status: WebhookDeliveryState
    attempts: int
    next_attempt_at: datetime
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


class WebhookEventType(BaseModel):
    type: str
    source: str


def _settings(request: Request) -> GatewaySettings:
    settings: GatewaySettings = request.app.state.settings
    return settings


def _endpoint(endpoint: WebhookEndpoint) -> WebhookEndpointPublic:
    return WebhookEndpointPublic.model_validate(endpoint)


def _delivery(delivery: WebhookDelivery) -> WebhookDeliveryPublic:
    return WebhookDeliveryPublic.model_validate(delivery)


@router.get(
    "/event-types", operation_id="webhooks.listEventTypes", summary="The change types one can subscribe to"
)
async def list_event_types(_reader: StaffReader) -> list[WebhookEventType]:
    return [WebhookEventType(type=t, source=s) for t, s in webhooks.EVENT_TYPES.items()]


@router.post(
    "/endpoints",
    status_code=status.HTTP_201_CREATED,
    operation_id="webhooks.createEndpoint",
    summary="Register a receiving URL (the answer holds its signing secret, once)",
)
async def create_endpoint(
    body: WebhookEndpointCreate, request: Request, session: SessionDep, principal: Staff
) -> WebhookEndpointCreated:
    endpoint = await webhooks.create_endpoint(
        session=session,
        settings=_settings(request),
        owner=principal.sub,
        url=body.url,
        event_types=body.event_types,
        description=body.description,
    )
    return WebhookEndpointCreated.model_validate(endpoint)


@router.get("/endpoints", operation_id="webhooks.listEndpoints", summary="List webhook endpoints")
async def list_endpoints(session: SessionDep, _reader: StaffReader) -> list[WebhookEndpointPublic]:
    return [_endpoint(e) for e in await webhooks.list_endpoints(session=session)]


@router.get("/endpoints/{endpoint_id}", operation_id="webhooks.getEndpoint", summary="One webhook endpoint")
async def get_endpoint(endpoint_id: Id, session: SessionDep, _reader: StaffReader) -> WebhookEndpointPublic:
    return _endpoint(await webhooks.get_endpoint(session=session, endpoint_id=endpoint_id))


@router.patch(
    "/endpoints/{endpoint_id}",
    operation_id="webhooks.updateEndpoint",
    summary="Change an endpoint's URL, event types or description; enable or disable it",
)
async def update_endpoint(
    endpoint_id: Id, body: WebhookEndpointUpdate, request: Request, session: SessionDep, _staff: Staff
) -> WebhookEndpointPublic:
    changes = {k: v for k, v in body.model_dump(exclude_unset=True).items() if v is not None}
    endpoint = await webhooks.update_endpoint(
        session=session, settings=_settings(request), endpoint_id=endpoint_id, changes=changes
    )
    return _endpoint(endpoint)


@router.delete(
    "/endpoints/{endpoint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="webhooks.deleteEndpoint",
    summary="Delete an endpoint; its pending messages are dropped",
)
async def delete_endpoint(endpoint_id: Id, session: SessionDep, _staff: Staff) -> Response:
    await webhooks.delete_endpoint(session=session, endpoint_id=endpoint_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/deliveries",
    operation_id="webhooks.listDeliveries",
    summary="Recent deliveries, newest first (filter by endpoint and status, e.g. failed)",
)
async def list_deliveries(
    session: SessionDep,
    _reader: StaffReader,
    endpoint_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[WebhookDeliveryState | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[WebhookDeliveryPublic]:
    rows = await webhooks.list_deliveries(
        session=session, endpoint_id=endpoint_id, status=status_, limit=limit
    )
    return [_delivery(d) for d in rows]


@router.post(
    "/deliveries/{delivery_id}/replay",
    status_code=status.HTTP_202_ACCEPTED,
    operation_id="webhooks.replayDelivery",
    summary="Send a message again, with the same webhook-id",
)
async def replay_delivery(delivery_id: Id, session: SessionDep, _staff: Staff) -> WebhookDeliveryPublic:
    return _delivery(await webhooks.replay(session=session, delivery_id=delivery_id))
