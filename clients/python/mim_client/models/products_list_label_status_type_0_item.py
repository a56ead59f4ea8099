from enum import StrEnum


class ProductsListLabelStatusType0Item(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    IN_REVIEW = "in_review"
    NONE = "none"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
