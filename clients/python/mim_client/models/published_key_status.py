from enum import StrEnum


class PublishedKeyStatus(StrEnum):
    CURRENT = "current"
    VERIFY_ONLY = "verify-only"

    def __str__(self) -> str:
        return str(self.value)
