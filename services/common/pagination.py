"""The list envelope every collection endpoint answers with."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

MAX_PER_PAGE = 100


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    per_page: int


class PageParams(BaseModel):
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


# async: FastAPI runs a plain `def` dependency in its thread pool, a thread hop per request.
async def page_params(
    page: Annotated[int, Query(ge=1, le=10_000, description="1-based page number")] = 1,
    per_page: Annotated[
        int, Query(ge=1, le=MAX_PER_PAGE, description=f"Items per page (at most {MAX_PER_PAGE})")
    ] = 20,
) -> PageParams:
    return PageParams(page=page, per_page=per_page)
