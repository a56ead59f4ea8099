from enum import StrEnum


class GuestChangeAction(StrEnum):
    ADDED = "added"
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    PROMOTED = "promoted"
    SEAT_ADDED = "seat_added"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
