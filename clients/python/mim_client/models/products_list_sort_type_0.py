from enum import StrEnum


class ProductsListSortType0(StrEnum):
    NAME = "name"
    NEWEST = "newest"
    RELEVANCE = "relevance"
    VALUE_2 = "-name"
    VALUE_ADDED = "value_added"

    def __str__(self) -> str:
        return str(self.value)
