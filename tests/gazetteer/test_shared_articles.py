"""The two real articles in ../shared/articles, read at test time (their text is not ours)."""

from __future__ import annotations

import pytest

ARTICLE_000 = "000_8c9ee70624e1b7fb.txt"
ARTICLE_002 = "002_9db7cd413a6d6e81.txt"


def _resolved(gazetteer, shared_dir, name):
    text = (shared_dir / "articles" / name).read_text(encoding="utf-8")
    return text, gazetteer.resolve(text)


def _by_surface(resolved):
    out = {}
    for r in resolved:
        out.setdefault(r.mention.surface, set()).add(r.place.id if r.place else None)
    return out


@pytest.mark.parametrize(
    ("surface", "place_id"),
    [
        ("Gegharkunik", "AM-GR"),
        ("Kelbajar", "AZ-KAL"),
        ("Syunik", "AM-SU"),
        ("Nakhichevan", "nakhchivan"),
        ("Nagorno-Karabakh", "nagorno-karabakh"),
        ("Armenia", "AM"),
        ("Azerbaijan", "AZ"),
        ("Russia", "RU"),
    ],
)
def test_article_000_toponyms(gazetteer, shared_dir, surface, place_id):
    _, resolved = _resolved(gazetteer, shared_dir, ARTICLE_000)
    assert _by_surface(resolved)[surface] == {place_id}


def test_article_000_cities(gazetteer, shared_dir):
    _, resolved = _resolved(gazetteer, shared_dir, ARTICLE_000)
    places = {r.mention.surface: r.place for r in resolved}
    for name, cc in [("Moscow", "RU"), ("Yerevan", "AM"), ("Baku", "AZ")]:
        p = places[name]
        assert (p.name, p.country, p.kind) == (name, cc, "populated_place")
        assert p.feature == "PPLC"


def test_article_002_toponyms(gazetteer, shared_dir):
    _, resolved = _resolved(gazetteer, shared_dir, ARTICLE_002)
    by = _by_surface(resolved)
    for surface, pid in [
        ("Armenia", "AM"),
        ("Azerbaijan", "AZ"),
        ("Russia", "RU"),
        ("Tajikistan", "TJ"),
        ("Nagorno-Karabakh", "nagorno-karabakh"),
    ]:
        assert by[surface] == {pid}
    places = {r.mention.surface: r.place for r in resolved if r.place}
    assert (places["Dushanbe"].country, places["Dushanbe"].kind) == ("TJ", "populated_place")
    assert places["Moscow"].country == "RU"


@pytest.mark.parametrize("name", [ARTICLE_000, ARTICLE_002])
def test_no_place_for_common_words_people_and_demonyms(gazetteer, shared_dir, name):
    text, resolved = _resolved(gazetteer, shared_dir, name)
    # demonyms come back as context (their country), never as places to map
    placed = {r.mention.surface for r in resolved if r.place and r.mention.role == "toponym"}
    for word in [
        "Thursday",
        "Friday",
        "May",
        "Minister",
        "Alexander",
        "Aerostar",
        "Israeli",
        "Reuters",
        "TASS",
        "Armenian",
        "Azerbaijani",
        "Azeri",
    ]:
        assert word not in placed
    for r in resolved:
        assert text[r.mention.start : r.mention.end] == r.mention.surface


def test_organisation_names_give_context_not_places(gazetteer, shared_dir):
    text = (shared_dir / "articles" / ARTICLE_000).read_text(encoding="utf-8")
    mentions = gazetteer.find_mentions(text)
    ctx = {m.context_country for m in mentions if m.role == "context"}
    assert {"AM", "AZ", "RU"} <= ctx
