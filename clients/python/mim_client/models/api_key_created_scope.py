from enum import StrEnum


class ApiKeyCreatedScope(StrEnum):
    READ = "read"
    READ_WRITE = "read-write"

    def __str__(self) -> str:
        return str(self.value)
