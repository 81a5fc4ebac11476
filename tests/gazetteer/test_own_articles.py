"""Articles we wrote for the purpose (tests/data/gazetteer), with their expected places."""

from __future__ import annotations

import json

import pytest

from tests.conftest import DATA

CASES = json.loads((DATA / "gazetteer" / "expected.json").read_text(encoding="utf-8"))


def _resolve(gazetteer, name):
    text = (DATA / "gazetteer" / name).read_text(encoding="utf-8")
    resolved = gazetteer.resolve(text)
    for r in resolved:
        assert text[r.mention.start : r.mention.end] == r.mention.surface
    # Places to map: demonyms and places inside organisation names come back as context.
    return {r.mention.surface: r.place for r in resolved if r.mention.role == "toponym"}


@pytest.mark.parametrize("name", sorted(CASES))
def test_expected_places(gazetteer, name):
    places = _resolve(gazetteer, name)
    case = CASES[name]
    for surface, want in {**case.get("places", {}), **case.get("admin1", {})}.items():
        p = places.get(surface)
        assert p is not None, f"{surface!r} not resolved in {name}"
        if "|" in want:
            assert f"{p.name}|{p.country}" == want, surface
        else:
            assert p.id == want, surface
    for surface, cc in case.get("country", {}).items():
        assert places[surface] is not None and places[surface].country == cc
    # Places known only by the admin-1 unit they must lie in ("Athens" in Texas, not Greece).
    for surface, code in case.get("in_admin1", {}).items():
        p = places.get(surface)
        assert p is not None, f"{surface!r} not resolved in {name}"
        assert p.admin1_code == code, f"{surface!r} → {p.name}, {p.admin1_code or p.country}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_expected_non_places(gazetteer, name):
    places = _resolve(gazetteer, name)
    for word in CASES[name]["not_places"]:
        assert places.get(word) is None, f"{word!r} taken for a place in {name}"
