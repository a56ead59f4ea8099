from enum import StrEnum


class When(StrEnum):
    ALL = "all"
    PAST = "past"
    UPCOMING = "upcoming"

    def __str__(self) -> str:
        return str(self.value)
