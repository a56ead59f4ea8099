"""Logos and product photos: check an upload, re-encode it, store it, present it.

An upload is never trusted nor served as sent:

1. its size is capped (``media_max_bytes``) and its type is read from its first bytes, not
   from its name or Content-Type: JPEG, PNG or WebP, nothing else (an SVG can hold scripts,
   HTML is not an image);
2. the container is walked to its end marker (JPEG EOI, PNG IEND, the RIFF length of WebP):
   bytes after it make a polyglot (a picture that is also a ZIP or an HTML page) and are refused;
3. Pillow reads the header only, the pixel count is capped (a decompression bomb is refused
   before it is decoded), then the image is verified and decoded; a truncated file is refused;
4. the pixels alone are re-encoded (EXIF, GPS, XMP, comments and ICC profiles are dropped,
   the EXIF orientation applied first) at a few widths, in AVIF and WebP, with a JPEG (or PNG
   when there is transparency) fallback.

Renditions are stored under ``<hash>-<width>.<ext>`` where the hash is that of the uploaded
bytes (with the processing version): the same upload gives the same names, so a second upload
is a no-op, and a name's bytes never change (served with a one-year immutable cache).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
import struct
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.common.auth import Principal
from services.common.errors import FieldError, NotFound, Problem
from services.common.models import utcnow
from services.common.storage import Storage
from services.common.vocabulary import LocalizedText
from services.registry.models import Exporter, ExporterLogo, ImageAsset, Product, ProductPhoto
from services.registry.schemas import ImagePublic, ImageRendition
from services.registry.search import dialect_of

# Pillow (~5 MB of RSS and its codecs) is imported by the functions that decode and encode an
# upload: the registry's reads (logos and photos in search answers and profiles) never load it.
if TYPE_CHECKING:
    from PIL import Image, ImageCms

PROCESSING_VERSION = b"media-v1"
WIDTHS = (160, 480, 960)
MAX_PHOTOS = 8
PUBLIC_PREFIX = "/api/registry/media/"
MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}
# A rendition's name (also the OpenAPI pattern, so plain ECMA-compatible syntax: no named groups).
NAME_PATTERN = r"^[0-9a-f]{32}-[1-9][0-9]{0,3}\.(avif|webp|jpg|png)$"
NAME = re.compile(NAME_PATTERN)
_JPEG, _PNG, _WEBP = "JPEG", "PNG", "WEBP"


# --------------------------------------------------------------------------- refusals


class ImageRefused(Problem):
    """An upload that is not an image this service takes; ``code`` says why (field ``file``)."""

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status: int = 422,
        slug: str = "validation-error",
        params: dict[str, str | int | float] | None = None,
    ) -> None:
        error = FieldError(field="file", message=message, code=code, params=params)
        super().__init__(message, status=status, slug=slug, errors=[error])


def too_large(max_bytes: int) -> ImageRefused:
    return ImageRefused(
        "file-too-large",
        f"The file is larger than {max_bytes} bytes.",
        status=413,
        slug="payload-too-large",
        params={"max_bytes": max_bytes, "max_mb": round(max_bytes / 1_048_576, 1)},
    )


def _not_an_image() -> ImageRefused:
    return ImageRefused(
        "image-type",
        "Only JPEG, PNG and WebP images are accepted (read from the file's bytes, not its name).",
        status=415,
        slug="unsupported-media-type",
    )


def _too_many_pixels(max_pixels: int) -> ImageRefused:
    return ImageRefused(
        "image-too-many-pixels",
        f"The image has more than {max_pixels} pixels.",
        params={"max_pixels": max_pixels, "max_megapixels": round(max_pixels / 1_000_000, 1)},
    )


def _damaged() -> ImageRefused:
    return ImageRefused("image-damaged", "The image is truncated or damaged.")


def _trailing() -> ImageRefused:
    return ImageRefused(
        "image-trailing-data",
        "The file holds more than an image: there are bytes after the image's end.",
    )


# --------------------------------------------------------------------------- sniffing


def sniff(data: bytes) -> str | None:
    """The format from the file's first bytes: JPEG, PNG, WEBP or None."""
    if data[:3] == b"\xff\xd8\xff":
        return _JPEG
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    return None


def image_end(data: bytes, fmt: str) -> int | None:
    """Offset just past the image's last byte as its container says, or None if it never ends."""
    if fmt == _PNG:
        return _png_end(data)
    if fmt == _WEBP:
        size = struct.unpack("<I", data[4:8])[0] + 8
        return size + (size & 1) if size <= len(data) + 1 else None
    return _jpeg_end(data)


def _png_end(data: bytes) -> int | None:
    at = 8
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at if at <= len(data) else None
    return None


_STANDALONE = {0x01, *range(0xD0, 0xD8)}


def _jpeg_end(data: bytes) -> int | None:
    """Walk the JPEG's segments (and entropy-coded scans) to its EOI marker."""
    at, n = 2, len(data)
    while at + 2 <= n:
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:
            return at + 2
        if marker in _STANDALONE:
            at += 2
            continue
        if at + 4 > n:
            return None
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        at += 2 + length
        if marker == 0xDA:
            at = _scan_end(data, at)
    return None


def _scan_end(data: bytes, at: int) -> int:
    """The offset of the first marker after an entropy-coded scan (skipping stuffing and RSTn)."""
    n = len(data)
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= n:
            return n
        following = data[at + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            at += 1 if following == 0xFF else 2
            continue
        return at


# --------------------------------------------------------------------------- processing


@dataclass(frozen=True)
class Rendition:
    name: str
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class Processed:
    hash: str
    width: int
    height: int
    widths: list[int]
    formats: list[str]
    renditions: list[Rendition]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(PROCESSING_VERSION + data).hexdigest()[:32]


def check_upload(data: bytes, *, max_bytes: int) -> str:
    """The sniffed format of an upload small enough, whole and alone in its file (or a refusal)."""
    if len(data) > max_bytes:
        raise too_large(max_bytes)
    fmt = sniff(data)
    if fmt is None:
        raise _not_an_image()
    end = image_end(data, fmt)
    if end is None:
        raise _damaged()
    if data[end:].strip(b"\x00"):  # zero padding is harmless; anything else rides along
        raise _trailing()
    return fmt


def _open(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    """Decode the pixels, refusing a bomb before decoding and a damaged file while decoding."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = probe.size
            if width * height > max_pixels or width < 1 or height < 1:
                raise _too_many_pixels(max_pixels)
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=[fmt])
            if fmt == _JPEG:
                image.draft("RGB", (WIDTHS[-1] * 2, WIDTHS[-1] * 2))  # decode at a reduced scale
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels(max_pixels) from None
        except (OSError, SyntaxError, ValueError, struct.error, EOFError, IndexError):
            raise _damaged() from None
    return image


def _pixels_only(image: Image.Image) -> Image.Image:
    """Upright RGB(A) pixels with no metadata left (orientation applied before EXIF goes)."""
    from PIL import Image, ImageOps

    upright = ImageOps.exif_transpose(image) or image
    alpha = upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info)
    pixels = _in_srgb(upright.convert("RGBA" if alpha else "RGB"), image.info.get("icc_profile"))
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    return clean


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _in_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The pixels converted to sRGB from the upload's colour profile, which is then dropped
    (a wide-gamut phone photo would look dull read as sRGB); an unusable profile is ignored."""
    if not icc:
        return image
    from PIL import ImageCms

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _srgb(), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def rendition_widths(width: int) -> list[int]:
    """The standard widths below the image's own, and the largest it can give without enlarging."""
    widths = [w for w in WIDTHS if w < width]
    top = min(width, WIDTHS[-1])
    return widths if top in widths else [*widths, top]


def formats_for(alpha: bool) -> list[str]:
    from PIL import features

    formats = ["avif"] if features.check("avif") else []
    return [*formats, "webp", "png" if alpha else "jpg"]


def _encode(image: Image.Image, ext: str) -> bytes:
    out = io.BytesIO()
    if ext == "avif":
        image.save(out, "AVIF", quality=55, speed=8)
    elif ext == "webp":
        image.save(out, "WEBP", quality=80, method=4)
    elif ext == "jpg":
        image.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def process(data: bytes, *, max_bytes: int, max_pixels: int) -> Processed:
    """Check and re-encode an upload (pure: no database, no storage)."""
    from PIL import Image

    fmt = check_upload(data, max_bytes=max_bytes)
    image = _pixels_only(_open(data, fmt, max_pixels))
    digest = content_hash(data)
    widths = rendition_widths(image.width)
    formats = formats_for(image.mode == "RGBA")
    renditions = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        sized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for ext in formats:
            renditions.append(Rendition(f"{digest}-{width}.{ext}", width, height, _encode(sized, ext)))
    top = renditions[-1]
    return Processed(digest, top.width, top.height, widths, formats, renditions)


# --------------------------------------------------------------------------- storing and presenting


@dataclass(frozen=True)
class MediaLimits:
    max_bytes: int
    max_pixels: int


async def store(*, session: AsyncSession, storage: Storage, data: bytes, limits: MediaLimits) -> ImageAsset:
    """The asset for these bytes: found if they were uploaded before, else processed and stored."""
    if len(data) > limits.max_bytes:
        raise too_large(limits.max_bytes)
    asset = await session.get(ImageAsset, content_hash(data))
    if asset is not None and all(storage.exists(name) for name, *_ in _names(asset)):
        return asset
    # Decoding and encoding take a CPU for a while (Pillow lets go of the GIL): off the event loop.
    processed = await asyncio.to_thread(
        process, data, max_bytes=limits.max_bytes, max_pixels=limits.max_pixels
    )
    for rendition in processed.renditions:
        await asyncio.to_thread(storage.put, rendition.name, rendition.data)
    if asset is not None:
        return asset
    # Two first uploads of the same bytes at once (two exporters, a double click) both get here:
    # the row is inserted once, the other insert does nothing, and both read the same asset.
    dialect_insert = postgresql_insert if dialect_of(session) == "postgresql" else sqlite_insert
    await session.exec(
        dialect_insert(ImageAsset)
        .values(
            hash=processed.hash,
            width=processed.width,
            height=processed.height,
            widths=",".join(str(w) for w in processed.widths),
            formats=",".join(processed.formats),
            stored_bytes=sum(len(r.data) for r in processed.renditions),
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(index_elements=["hash"])
    )
    stored = await session.get(ImageAsset, processed.hash)
    assert stored is not None
    return stored


def _names(asset: ImageAsset) -> list[tuple[str, int, int, str]]:
    """(name, width, height, ext) of every rendition of an asset."""
    out = []
    for raw in asset.widths.split(","):
        width = int(raw)
        height = max(1, round(asset.height * width / asset.width))
        for ext in asset.formats.split(","):
            out.append((f"{asset.hash}-{width}.{ext}", width, height, ext))
    return out


def image_public(asset: ImageAsset, alt: LocalizedText, *, photo_id: int | None = None) -> ImagePublic:
    return ImagePublic(
        id=photo_id,
        hash=asset.hash,
        width=asset.width,
        height=asset.height,
        alt=alt,
        renditions=[
            ImageRendition(url=PUBLIC_PREFIX + name, width=w, height=h, media_type=MEDIA_TYPES[ext])
            for name, w, h, ext in _names(asset)
        ],
    )


def _alt(row: ExporterLogo | ProductPhoto) -> LocalizedText:
    return LocalizedText(fr=row.alt_fr, en=row.alt_en, ar=row.alt_ar)


async def logos_of(*, session: AsyncSession, exporter_ids: Sequence[int]) -> dict[int, ImagePublic]:
    if not exporter_ids:
        return {}
    rows = (
        await session.exec(
            select(ExporterLogo, ImageAsset)
            .join(ImageAsset, col(ImageAsset.hash) == col(ExporterLogo.asset_hash))
            .where(col(ExporterLogo.exporter_id).in_(list(exporter_ids)))
        )
    ).all()
    return {logo.exporter_id: image_public(asset, _alt(logo)) for logo, asset in rows}


async def photos_of(*, session: AsyncSession, product_ids: Sequence[int]) -> dict[int, list[ImagePublic]]:
    out: dict[int, list[ImagePublic]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return out
    rows = (
        await session.exec(
            select(ProductPhoto, ImageAsset)
            .join(ImageAsset, col(ImageAsset.hash) == col(ProductPhoto.asset_hash))
            .where(col(ProductPhoto.product_id).in_(list(product_ids)))
            .order_by(col(ProductPhoto.product_id), col(ProductPhoto.position), col(ProductPhoto.id))
        )
    ).all()
    for photo, asset in rows:
        out[photo.product_id].append(image_public(asset, _alt(photo), photo_id=photo.id))
    return out


# --------------------------------------------------------------------------- writes


@dataclass(frozen=True)
class AltText:
    fr: str = ""
    en: str = ""
    ar: str = ""


async def set_logo(
    *,
    session: AsyncSession,
    storage: Storage,
    exporter: Exporter,
    data: bytes,
    alt: AltText,
    limits: MediaLimits,
    principal: Principal,
) -> ImagePublic:
    _catalogue().ensure_can_edit(principal, exporter.id or 0)
    asset = await store(session=session, storage=storage, data=data, limits=limits)
    logo = await session.get(ExporterLogo, exporter.id)
    if logo is None:
        logo = ExporterLogo(exporter_id=exporter.id or 0, asset_hash=asset.hash)
        session.add(logo)
    logo.asset_hash = asset.hash
    logo.alt_fr, logo.alt_en, logo.alt_ar = alt.fr, alt.en, alt.ar
    logo.updated_at = utcnow()
    exporter.updated_at = utcnow()
    await session.flush()
    return image_public(asset, _alt(logo))


async def remove_logo(*, session: AsyncSession, exporter: Exporter, principal: Principal) -> None:
    _catalogue().ensure_can_edit(principal, exporter.id or 0)
    logo = await session.get(ExporterLogo, exporter.id)
    if logo is None:
        raise NotFound("The exporter has no logo.")
    await session.delete(logo)
    exporter.updated_at = utcnow()
    await session.flush()


async def add_photo(
    *,
    session: AsyncSession,
    storage: Storage,
    product: Product,
    exporter: Exporter,
    data: bytes,
    alt: AltText,
    limits: MediaLimits,
    principal: Principal,
) -> tuple[ImagePublic, bool]:
    """The product's photo of these bytes, and whether it is new (a second upload is a no-op
    apart from the alt text, which it updates)."""
    _catalogue().ensure_can_edit(principal, exporter.id or 0)
    asset = await store(session=session, storage=storage, data=data, limits=limits)
    photo = (
        await session.exec(
            select(ProductPhoto).where(
                ProductPhoto.product_id == product.id, ProductPhoto.asset_hash == asset.hash
            )
        )
    ).first()
    created = photo is None
    if photo is None:
        count, last = (
            await session.exec(
                select(func.count(), func.max(ProductPhoto.position)).where(
                    ProductPhoto.product_id == product.id
                )
            )
        ).one()
        if count >= MAX_PHOTOS:
            raise Problem(
                f"A product has at most {MAX_PHOTOS} photos: delete one first.",
                status=409,
                slug="too-many-photos",
                params={"max_photos": MAX_PHOTOS},
            )
        photo = ProductPhoto(product_id=product.id or 0, asset_hash=asset.hash, position=(last or 0) + 1)
        session.add(photo)
    if created or any((alt.fr, alt.en, alt.ar)):
        photo.alt_fr, photo.alt_en, photo.alt_ar = alt.fr, alt.en, alt.ar
    product.updated_at = utcnow()
    await session.flush()
    return image_public(asset, _alt(photo), photo_id=photo.id), created


async def remove_photo(
    *, session: AsyncSession, product: Product, exporter: Exporter, photo_id: int, principal: Principal
) -> None:
    _catalogue().ensure_can_edit(principal, exporter.id or 0)
    photo = await session.get(ProductPhoto, photo_id)
    if photo is None or photo.product_id != product.id:
        raise NotFound(f"Product {product.id} has no photo {photo_id}.")
    await session.delete(photo)
    product.updated_at = utcnow()
    await session.flush()


async def unused_assets(*, session: AsyncSession) -> list[ImageAsset]:
    """Assets no logo and no photo points at any more (their bytes can be collected)."""
    logos = select(ExporterLogo.asset_hash)
    photos = select(ProductPhoto.asset_hash)
    statement = select(ImageAsset).where(
        col(ImageAsset.hash).not_in(logos), col(ImageAsset.hash).not_in(photos)
    )
    return list((await session.exec(statement)).all())


async def collect_unused(*, session: AsyncSession, storage: Storage) -> int:
    """Delete the renditions and rows of unused assets; how many assets went.

    Deleting a product or a logo only unlinks its image (the content-addressed bytes may be
    shared, and cached copies of an immutable URL live on anyway); this sweep frees the disk.
    """
    assets = await unused_assets(session=session)
    for asset in assets:
        for name, *_ in _names(asset):
            storage.delete(name)
        await session.delete(asset)
    await session.flush()
    return len(assets)


def _catalogue() -> ModuleType:
    """The catalogue rules (it imports this module, so it is imported when first needed)."""
    from services.registry import catalogue

    return catalogue
