from enum import StrEnum


class LabelStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    IN_REVIEW = "in_review"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
