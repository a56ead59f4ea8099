from enum import StrEnum


class ContactRfqCreateLanguage(StrEnum):
    AR = "ar"
    EN = "en"
    FR = "fr"

    def __str__(self) -> str:
        return str(self.value)
