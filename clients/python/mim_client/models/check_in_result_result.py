from enum import StrEnum


class CheckInResultResult(StrEnum):
    ALREADY_CHECKED_IN = "already_checked_in"
    CHECKED_IN = "checked_in"

    def __str__(self) -> str:
        return str(self.value)
