from enum import StrEnum


class GuestAddLanguage(StrEnum):
    AR = "ar"
    EN = "en"
    FR = "fr"

    def __str__(self) -> str:
        return str(self.value)
