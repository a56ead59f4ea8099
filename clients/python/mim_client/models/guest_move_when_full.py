from enum import StrEnum


class GuestMoveWhenFull(StrEnum):
    ADD_SEAT = "add_seat"
    REFUSE = "refuse"

    def __str__(self) -> str:
        return str(self.value)
