from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.series_create_cadence import SeriesCreateCadence
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.localized_name_in import LocalizedNameIn
    from ..models.optional_localized_text_in import OptionalLocalizedTextIn


T = TypeVar("T", bound="SeriesCreate")


@_attrs_define
class SeriesCreate:
    """
    Attributes:
        name (LocalizedNameIn): A series name (its columns hold 200 characters).
        slug (str):
        cadence (SeriesCreateCadence | Unset):  Default: SeriesCreateCadence.ONE_OFF.
        description (OptionalLocalizedTextIn | Unset):
        organiser (str | Unset):  Default: 'Les Impériales'.
    """

    name: LocalizedNameIn
    slug: str
    cadence: SeriesCreateCadence | Unset = SeriesCreateCadence.ONE_OFF
    description: OptionalLocalizedTextIn | Unset = UNSET
    organiser: str | Unset = "Les Impériales"

    def to_dict(self) -> dict[str, Any]:
        name = self.name.to_dict()

        slug = self.slug

        cadence: str | Unset = UNSET
        if not isinstance(self.cadence, Unset):
            cadence = self.cadence.value

        description: dict[str, Any] | Unset = UNSET
        if not isinstance(self.description, Unset):
            description = self.description.to_dict()

        organiser = self.organiser

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "slug": slug,
            }
        )
        if cadence is not UNSET:
            field_dict["cadence"] = cadence
        if description is not UNSET:
            field_dict["description"] = description
        if organiser is not UNSET:
            field_dict["organiser"] = organiser

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.localized_name_in import LocalizedNameIn
        from ..models.optional_localized_text_in import OptionalLocalizedTextIn

        d = dict(src_dict)
        name = LocalizedNameIn.from_dict(d.pop("name"))

        slug = d.pop("slug")

        _cadence = d.pop("cadence", UNSET)
        cadence: SeriesCreateCadence | Unset
        if isinstance(_cadence, Unset):
            cadence = UNSET
        else:
            cadence = SeriesCreateCadence(_cadence)

        _description = d.pop("description", UNSET)
        description: OptionalLocalizedTextIn | Unset
        if isinstance(_description, Unset):
            description = UNSET
        else:
            description = OptionalLocalizedTextIn.from_dict(_description)

        organiser = d.pop("organiser", UNSET)

        series_create = cls(
            name=name,
            slug=slug,
            cadence=cadence,
            description=description,
            organiser=organiser,
        )

        return series_create
