from enum import StrEnum


class ApiKeyCreateScope(StrEnum):
    READ = "read"
    READ_WRITE = "read-write"

    def __str__(self) -> str:
        return str(self.value)
