from enum import StrEnum


class EmployeeBand(StrEnum):
    VALUE_0 = "1-9"
    VALUE_1 = "10-49"
    VALUE_2 = "50-249"
    VALUE_3 = "250-999"
    VALUE_4 = "1000+"

    def __str__(self) -> str:
        return str(self.value)
