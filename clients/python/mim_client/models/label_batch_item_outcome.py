from enum import StrEnum


class LabelBatchItemOutcome(StrEnum):
    FOUND = "found"
    INVALID_FORMAT = "invalid-format"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
