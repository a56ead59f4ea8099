from enum import StrEnum


class ApplicationStatus(StrEnum):
    GRANTED = "granted"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"

    def __str__(self) -> str:
        return str(self.value)
