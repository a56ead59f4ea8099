from enum import StrEnum


class AttendeeStatus(StrEnum):
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    PENDING = "pending"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
