"""The label: applications and their review, public verification, QR codes, status changes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response, status

from services.common.auth import CurrentPrincipal, Principal, Staff, Writer
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES
from services.common.pagination import PageParams, page_params
from services.registry import labels
from services.registry.label_schemas import LabelBatchIn, LabelBatchResult
from services.registry.models import ApplicationStatus, LabelStatus
from services.registry.schemas import (
    GrantIn,
    LabelApplicationCreate,
    LabelApplicationPage,
    LabelApplicationPublic,
    LabelVerification,
    RequiredReason,
    TransitionIn,
)
from services.registry.statements import KeyRing, LabelKeySet

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["label"])

ApplicationId = Annotated[int, Path(ge=1, le=2**31 - 1)]
CertificateNumber = Annotated[
    str, Path(max_length=24, pattern=r"^[A-Za-z0-9-]+$", examples=["MIM-2026-7K3Q-9XPD"])
]


def _base_url(request: Request) -> str:
    # MIM_PUBLIC_URL: label QR codes point at {public_url}/labels/{certificate_number}.
    public_url: str = request.app.state.settings.public_url
    return public_url


@router.post(
    "/label-applications",
    operation_id="labelApplications.submit",
    status_code=status.HTTP_201_CREATED,
    summary="Apply for the label on a product (the exporter itself, or organisers)",
)
async def submit_application(
    request: Request, session: SessionDep, body: LabelApplicationCreate, principal: Writer
) -> LabelApplicationPublic:
    application = await labels.submit(
        session=session, principal=principal, product_id=body.product_id, note=body.note
    )
    return await labels.application_public(
        session=session, application=application, base_url=_base_url(request)
    )


@router.get(
    "/label-applications",
    operation_id="labelApplications.list",
    summary="Label applications (organisers: all; exporters: their own)",
)
async def list_applications(
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    page: Annotated[PageParams, Depends(page_params)],
    status_filter: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
) -> LabelApplicationPage:
    rows, total = await labels.list_applications(
        session=session,
        principal=principal,
        status=str(status_filter) if status_filter else None,
        limit=page.per_page,
        offset=page.offset,
    )
    items = [
        await labels.application_public(session=session, application=a, base_url=_base_url(request))
        for a in rows
    ]
    return LabelApplicationPage(items=items, total=total, page=page.page, per_page=page.per_page)


@router.get(
    "/label-applications/{application_id}",
    operation_id="labelApplications.get",
    summary="One application with its full history",
)
async def get_application(
    request: Request, session: SessionDep, application_id: ApplicationId, principal: CurrentPrincipal
) -> LabelApplicationPublic:
    application = await labels.get_application(
        session=session, application_id=application_id, principal=principal
    )
    return await labels.application_public(
        session=session, application=application, base_url=_base_url(request)
    )


async def _move(
    request: Request,
    session: SessionDep,
    application_id: int,
    principal: Principal,
    target: ApplicationStatus,
    body: TransitionIn,
) -> LabelApplicationPublic:
    application = await labels.get_application(
        session=session, application_id=application_id, principal=principal
    )
    extra = {}
    if isinstance(body, GrantIn):
        extra = {"valid_from": body.valid_from, "valid_until": body.valid_until}
    application = await labels.move_application(
        session=session,
        application=application,
        target=target,
        principal=principal,
        reason=body.reason,
        **extra,
    )
    return await labels.application_public(
        session=session, application=application, base_url=_base_url(request)
    )


@router.post(
    "/label-applications/{application_id}/review",
    operation_id="labelApplications.review",
    summary="Start the review (organisers)",
)
async def review_application(
    request: Request,
    session: SessionDep,
    application_id: ApplicationId,
    principal: Staff,
    body: TransitionIn | None = None,
) -> LabelApplicationPublic:
    return await _move(
        request, session, application_id, principal, ApplicationStatus.under_review, body or TransitionIn()
    )


@router.post(
    "/label-applications/{application_id}/grant",
    operation_id="labelApplications.grant",
    summary="Grant the label (organisers; needs >= 40 % value added in Morocco)",
)
async def grant_application(
    request: Request,
    session: SessionDep,
    application_id: ApplicationId,
    principal: Staff,
    body: GrantIn | None = None,
) -> LabelApplicationPublic:
    return await _move(
        request, session, application_id, principal, ApplicationStatus.granted, body or GrantIn()
    )


@router.post(
    "/label-applications/{application_id}/reject",
    operation_id="labelApplications.reject",
    summary="Reject the application (organisers)",
)
async def reject_application(
    request: Request,
    session: SessionDep,
    application_id: ApplicationId,
    principal: Staff,
    body: RequiredReason,
) -> LabelApplicationPublic:
    return await _move(
        request,
        session,
        application_id,
        principal,
        ApplicationStatus.rejected,
        TransitionIn(reason=body.reason),
    )


def _keys(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.label_keys
    return keys


@router.get(
    "/labels/keys",
    operation_id="labels.listKeys",
    summary="Public keys that verify the signed statement in label QR codes (JWK-like, old keys kept)",
)
async def label_keys(request: Request, response: Response) -> LabelKeySet:
    response.headers["Cache-Control"] = "public, max-age=3600"
    return _keys(request).published()


@router.post(
    "/labels/verify",
    operation_id="labels.verifyBatch",
    summary="Verify up to 100 certificate numbers at once (public; its own rate limit at the gateway)",
)
async def verify_labels(request: Request, session: SessionDep, body: LabelBatchIn) -> LabelBatchResult:
    items = await labels.verify_batch(
        session=session, certificates=body.certificates, base_url=_base_url(request)
    )
    return LabelBatchResult(items=items)


@router.get(
    "/labels/{certificate_number}",
    operation_id="labels.verify",
    summary="Verify a certificate: genuine? live status, exporter, product",
)
async def verify_label(
    request: Request, session: SessionDep, certificate_number: CertificateNumber
) -> LabelVerification:
    label = await labels.get_label(session=session, certificate_number=certificate_number)
    return await labels.verification(session=session, label=label, base_url=_base_url(request))


@router.get(
    "/labels/{certificate_number}/qr.{kind}",
    operation_id="labels.qr",
    summary="QR code of the public verification page, with the signed offline statement (SVG or PNG)",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}, "image/png": {}}, "description": "The QR code"}},
)
async def label_qr(
    request: Request, session: SessionDep, certificate_number: CertificateNumber, kind: Literal["svg", "png"]
) -> Response:
    label = await labels.get_label(session=session, certificate_number=certificate_number)
    url = labels.qr_url(_base_url(request), label, _keys(request))
    media_type = "image/svg+xml" if kind == "svg" else "image/png"
    return Response(
        labels.qr_code(url, kind), media_type=media_type, headers={"Cache-Control": "public, max-age=86400"}
    )


async def _move_label(
    request: Request, session: SessionDep, number: str, principal: Principal, target: LabelStatus, reason: str
) -> LabelVerification:
    label = await labels.get_label(session=session, certificate_number=number)
    label = await labels.move_label(
        session=session, label=label, target=target, principal=principal, reason=reason
    )
    return await labels.verification(session=session, label=label, base_url=_base_url(request))


@router.post(
    "/labels/{certificate_number}/suspend",
    operation_id="labels.suspend",
    summary="Suspend a label (organisers)",
)
async def suspend_label(
    request: Request,
    session: SessionDep,
    certificate_number: CertificateNumber,
    principal: Staff,
    body: RequiredReason,
) -> LabelVerification:
    return await _move_label(
        request, session, certificate_number, principal, LabelStatus.suspended, body.reason
    )


@router.post(
    "/labels/{certificate_number}/reinstate",
    operation_id="labels.reinstate",
    summary="Reinstate a suspended label (organisers)",
)
async def reinstate_label(
    request: Request,
    session: SessionDep,
    certificate_number: CertificateNumber,
    principal: Staff,
    body: TransitionIn | None = None,
) -> LabelVerification:
    return await _move_label(
        request, session, certificate_number, principal, LabelStatus.active, (body or TransitionIn()).reason
    )


@router.post(
    "/labels/{certificate_number}/withdraw",
    operation_id="labels.withdraw",
    summary="Withdraw a label for good (organisers)",
)
async def withdraw_label(
    request: Request,
    session: SessionDep,
    certificate_number: CertificateNumber,
    principal: Staff,
    body: RequiredReason,
) -> LabelVerification:
    return await _move_label(
        request, session, certificate_number, principal, LabelStatus.withdrawn, body.reason
    )
