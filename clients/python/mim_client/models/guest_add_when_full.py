from enum import StrEnum


class GuestAddWhenFull(StrEnum):
    ADD_SEAT = "add_seat"
    REFUSE = "refuse"
    WAITLIST = "waitlist"

    def __str__(self) -> str:
        return str(self.value)
