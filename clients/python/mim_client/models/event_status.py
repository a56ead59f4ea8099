from enum import StrEnum


class EventStatus(StrEnum):
    CANCELLED = "cancelled"
    DRAFT = "draft"
    PUBLISHED = "published"

    def __str__(self) -> str:
        return str(self.value)
