from enum import StrEnum


class SeriesCreateCadence(StrEnum):
    ANNUAL = "annual"
    MONTHLY = "monthly"
    ONE_OFF = "one-off"

    def __str__(self) -> str:
        return str(self.value)
