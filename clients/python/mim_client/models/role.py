from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    EXPORTER = "exporter"
    ORGANISER = "organiser"

    def __str__(self) -> str:
        return str(self.value)
