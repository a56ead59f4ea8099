from enum import StrEnum


class SyncItemResultResult(StrEnum):
    CHECKED_IN = "checked_in"
    CONFLICT = "conflict"
    NOT_CONFIRMED = "not_confirmed"
    NOT_FOUND = "not_found"
    UNDONE = "undone"

    def __str__(self) -> str:
        return str(self.value)
