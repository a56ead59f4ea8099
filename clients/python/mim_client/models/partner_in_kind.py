from enum import StrEnum


class PartnerInKind(StrEnum):
    HOST = "host"
    MEDIA = "media"
    ORGANISER = "organiser"
    PARTNER = "partner"
    SPONSOR = "sponsor"

    def __str__(self) -> str:
        return str(self.value)
