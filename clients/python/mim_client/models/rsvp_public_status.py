from enum import StrEnum


class RsvpPublicStatus(StrEnum):
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    PENDING = "pending"
    WAITLISTED = "waitlisted"

    def __str__(self) -> str:
        return str(self.value)
