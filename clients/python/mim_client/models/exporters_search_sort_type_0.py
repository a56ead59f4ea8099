from enum import StrEnum


class ExportersSearchSortType0(StrEnum):
    NAME = "name"
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"
    VALUE_2 = "-name"

    def __str__(self) -> str:
        return str(self.value)
