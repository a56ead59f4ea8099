"""Media endpoints: an exporter's logo, a product's photos, and the public renditions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Path, Request, Response, UploadFile, status

from services.common.auth import Principal, Role, require_roles
from services.common.deps import SessionDep
from services.common.errors import PROBLEM_RESPONSES, NotFound, ProblemDetail
from services.common.storage import Storage
from services.common.vocabulary import SlugPath
from services.registry import catalogue, media
from services.registry.schemas import ImagePublic

router = APIRouter(responses=PROBLEM_RESPONSES, tags=["media"])

EditorPrincipal = Annotated[Principal, Depends(require_roles(Role.admin, Role.organiser, Role.exporter))]
ProductId = Annotated[int, Path(ge=1, le=2**31 - 1)]
PhotoId = Annotated[int, Path(ge=1, le=2**31 - 1)]
ImageFile = Annotated[
    UploadFile,
    File(description="A JPEG, PNG or WebP image (read from its bytes); no SVG. Metadata is removed."),
]
AltField = Annotated[str, Form(max_length=250)]
IMMUTABLE = "public, max-age=31536000, immutable"

_UPLOAD_PROBLEMS: dict[int | str, dict[str, object]] = {
    code: {"model": ProblemDetail, "content": {"application/problem+json": {}}, "description": text}
    for code, text in (
        (413, "The file is over the size limit (`file-too-large`)"),
        (415, "Not a JPEG, PNG or WebP image (`image-type`): SVG, HTML and others are refused"),
        (
            422,
            "`image-too-many-pixels` (decompression bomb), `image-trailing-data` (polyglot), "
            "`image-damaged` (truncated), or a too-long alt text",
        ),
    )
}


def _storage(request: Request) -> Storage:
    storage: Storage = request.app.state.media_storage
    return storage


def _limits(request: Request) -> media.MediaLimits:
    settings = request.app.state.settings
    return media.MediaLimits(max_bytes=settings.media_max_bytes, max_pixels=settings.media_max_pixels)


async def _read(request: Request, file: UploadFile) -> bytes:
    """The upload's bytes, refusing one over the limit without reading it all into memory."""
    limits = _limits(request)
    data = await file.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise media.too_large(limits.max_bytes)
    return data


@router.put(
    "/exporters/{slug}/logo",
    operation_id="exporters.setLogo",
    summary="Upload or replace an exporter's logo (organisers, or the exporter itself)",
    responses=_UPLOAD_PROBLEMS,
)
async def set_logo(
    request: Request,
    session: SessionDep,
    slug: SlugPath,
    principal: EditorPrincipal,
    file: ImageFile,
    alt_fr: AltField = "",
    alt_en: AltField = "",
    alt_ar: AltField = "",
) -> ImagePublic:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    catalogue.ensure_can_edit(principal, exporter.id or 0)
    return await media.set_logo(
        session=session,
        storage=_storage(request),
        exporter=exporter,
        data=await _read(request, file),
        alt=media.AltText(fr=alt_fr, en=alt_en, ar=alt_ar),
        limits=_limits(request),
        principal=principal,
    )


@router.delete(
    "/exporters/{slug}/logo",
    operation_id="exporters.deleteLogo",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an exporter's logo (organisers, or the exporter itself)",
)
async def delete_logo(session: SessionDep, slug: SlugPath, principal: EditorPrincipal) -> None:
    exporter = await catalogue.get_exporter(session=session, slug=slug)
    await media.remove_logo(session=session, exporter=exporter, principal=principal)


@router.post(
    "/products/{product_id}/photos",
    operation_id="products.addPhoto",
    status_code=status.HTTP_201_CREATED,
    summary="Add a photo to a product (organisers, or its exporter); the same image again answers 200",
    responses={
        200: {"model": ImagePublic, "description": "The image was already a photo of the product"},
        **_UPLOAD_PROBLEMS,
    },
)
async def add_photo(
    request: Request,
    response: Response,
    session: SessionDep,
    product_id: ProductId,
    principal: EditorPrincipal,
    file: ImageFile,
    alt_fr: AltField = "",
    alt_en: AltField = "",
    alt_ar: AltField = "",
) -> ImagePublic:
    product, exporter = await catalogue.get_product(session=session, product_id=product_id)
    catalogue.ensure_can_edit(principal, exporter.id or 0)
    image, created = await media.add_photo(
        session=session,
        storage=_storage(request),
        product=product,
        exporter=exporter,
        data=await _read(request, file),
        alt=media.AltText(fr=alt_fr, en=alt_en, ar=alt_ar),
        limits=_limits(request),
        principal=principal,
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    response.headers["Location"] = f"/products/{product_id}/photos/{image.id}"
    return image


@router.delete(
    "/products/{product_id}/photos/{photo_id}",
    operation_id="products.deletePhoto",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a product's photo (organisers, or its exporter)",
)
async def delete_photo(
    session: SessionDep, product_id: ProductId, photo_id: PhotoId, principal: EditorPrincipal
) -> None:
    product, exporter = await catalogue.get_product(session=session, product_id=product_id)
    await media.remove_photo(
        session=session, product=product, exporter=exporter, photo_id=photo_id, principal=principal
    )


@router.get(
    "/media/{name}",
    operation_id="media.get",
    summary="One rendition of a logo or photo (immutable: cached for a year)",
    response_class=Response,
    responses={
        200: {
            "content": {media_type: {} for media_type in media.MEDIA_TYPES.values()},
            "description": "The image's bytes",
        }
    },
)
async def get_media(
    request: Request,
    name: Annotated[str, Path(max_length=80, pattern=media.NAME_PATTERN)],
) -> Response:
    match = media.NAME.fullmatch(name)
    data = _storage(request).get(name) if match else None
    if match is None or data is None:
        raise NotFound(f"No image named '{name}'.")
    return Response(
        data,
        media_type=media.MEDIA_TYPES[match[1]],
        headers={"Cache-Control": IMMUTABLE, "ETag": f'"{name}"'},
    )
