from enum import StrEnum


class GuestMoveTo(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
