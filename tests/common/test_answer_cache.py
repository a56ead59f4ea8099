"""The answer cache's own rules, without HTTP: versions, clock boundaries, bounds, routes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import create_async_engine

from services.common.answer_cache import JUST_AFTER, Answer, AnswerCache, CachedRoute, next_boundary

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _cache(now: list[datetime], **bounds: int) -> AnswerCache:
    engine = create_async_engine("sqlite+aiosqlite:////tmp/unused-by-this-test.db")
    return AnswerCache(engine, generation_table="fts_answer_generation", now=lambda: now[0], **bounds)


def test_an_answer_is_served_for_its_version_only_and_never_from_an_older_one() -> None:
    cache = _cache([T0])
    answer = Answer([(b"content-type", b"application/json")], b"{}")
    assert cache.put("k", 4, answer, None)
    assert cache.get("k", 4) == answer
    assert cache.get("k", 5) is None and len(cache) == 0  # a newer version drops everything
    assert not cache.put("k", 4, answer, None)  # computed before version 5 was seen
    assert cache.get("k", 5) is None
    assert not cache.put("k", None, answer, None)  # no version: never stored


def test_an_answer_is_not_served_from_its_valid_until() -> None:
    now = [T0]
    cache = _cache(now)
    answer = Answer([], b"open")
    assert cache.put("k", 1, answer, T0 + timedelta(hours=1))
    now[0] = T0 + timedelta(hours=1) - JUST_AFTER
    assert cache.get("k", 1) == answer
    now[0] = T0 + timedelta(hours=1)
    assert cache.get("k", 1) is None and len(cache) == 0
    assert not cache.put("k", 1, answer, now[0])  # already past: not stored


def test_next_boundary_is_the_first_moment_strictly_after_now() -> None:
    assert next_boundary(T0, [None, T0, T0 - timedelta(days=1)]) is None
    later = [T0 + timedelta(days=2), T0 + timedelta(seconds=1), None]
    assert next_boundary(T0, later) == T0 + timedelta(seconds=1)


def test_the_cache_is_bounded_in_entries_and_bytes() -> None:
    cache = _cache([T0], max_entries=3, max_bytes=8 * 1024)
    for n in range(5):
        assert cache.put(n, 1, Answer([], b"x" * 10), None)
    assert len(cache) == 3 and cache.get(0, 1) is None and cache.get(4, 1) is not None
    assert not cache.put("big", 1, Answer([], b"x" * 1024), None)  # over an eighth of the budget
    assert not _cache([T0], max_entries=0).enabled


def test_routes_match_one_path_segment_per_parameter() -> None:
    route = CachedRoute.of("/exporters/{slug}")
    assert route.pattern.match("/exporters/atlas-argan")
    assert not route.pattern.match("/exporters/atlas-argan/products")
    assert not route.pattern.match("/exporters")
    assert CachedRoute.of("/exporters/{slug}/products").pattern.match("/exporters/a/products")
