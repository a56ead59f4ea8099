"""The search's filters are declared once: every field of ``Filters`` has one declaration."""

from __future__ import annotations

from dataclasses import fields

from services.registry import search


def test_every_filter_field_is_declared_once_with_a_clause() -> None:
    declared = [f.name for f in search.FILTERS]
    assert sorted(declared) == sorted(f.name for f in fields(search.Filters))
    assert len(set(declared)) == len(declared)
    for f in search.FILTERS:
        assert f.exporter is not None or f.product is not None, f.name
        assert f.tag is None or f.exporter is not None, f.name  # a tag stands for an exporter clause
