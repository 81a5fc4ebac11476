"""Incidents on seas, rivers, in valleys and at border crossings: passages of our own writing."""

from __future__ import annotations

import datetime as dt

import shapely

from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents
from geo.regions import borders, unit_geometry


def _incidents(gazetteer, text):
    # every event, border incident or not: these passages test places, not relevance
    return extract_incidents(Article(text, published=dt.date(2025, 6, 2)), gazetteer, keep="all")


def _located(incidents):
    return [i for i in incidents if i.location is not None]


def test_an_attack_at_sea_is_located_on_the_sea(gazetteer):
    text = (
        "A drone struck a grain freighter in the Black Sea on Sunday, wounding two sailors, "
        "the shipping company said."
    )
    incs = _located(_incidents(gazetteer, text))
    assert incs, "the attack is found and located"
    loc = incs[0].location
    assert loc.place_ids == ("black-sea",)
    assert (loc.kind, loc.geo_precision) == ("region", 3)
    assert loc.geometry.contains(shapely.Point(loc.lon, loc.lat))
    assert not loc.geometry.contains(shapely.Point(30.52, 50.45))  # Kyiv, on land


def test_a_clash_at_a_border_crossing_is_a_point_on_the_border(gazetteer):
    text = (
        "Afghan and Pakistani border guards exchanged fire at Torkham on Sunday; one guard was "
        "killed and the crossing was closed to trucks."
    )
    incs = _located(_incidents(gazetteer, text))
    assert incs
    loc = incs[0].location
    assert loc.place_ids == ("torkham",)
    assert (loc.kind, loc.geo_precision) == ("place", 1)
    line = borders().set_index("border").geometry["AF-PK"]
    assert line.distance(shapely.Point(loc.lon, loc.lat)) < 1e-5


def test_a_clash_in_a_valley_is_located_by_its_footprint(gazetteer):
    text = (
        "Indian and Chinese soldiers clashed with clubs and stones in the Galwan Valley on "
        "Monday night; twenty soldiers were killed."
    )
    incs = _located(_incidents(gazetteer, text))
    assert incs
    loc = incs[0].location
    assert loc.place_ids == ("galwan-valley",)
    assert (loc.kind, loc.geo_precision) == ("region", 2)
    assert loc.geometry.intersects(unit_geometry("IN-LA"))
    assert loc.geometry.area < unit_geometry("IN-LA").area / 20  # a valley, not all Ladakh


def test_a_shooting_on_a_border_river_is_located_on_the_river(gazetteer):
    text = (
        "Tajik border guards shot dead two smugglers crossing the Amu Darya by boat on Friday, "
        "the border service said."
    )
    incs = _located(_incidents(gazetteer, text))
    assert incs
    loc = incs[0].location
    assert loc.place_ids == ("amu-darya",)
    line = borders().set_index("border").geometry["AF-TJ"]
    assert loc.geometry.distance(line) < 1e-5


def test_a_bloc_never_locates_an_incident(gazetteer):
    text = (
        "The European Union condemned the shelling of a border village in the Sahel on "
        "Tuesday, in which three civilians were killed."
    )
    for i in _incidents(gazetteer, text):
        if i.location is not None:
            assert i.location.place_ids not in (("european-union",), ("sahel",))


def test_an_incident_in_a_district_is_located_there_with_district_precision(gazetteer):
    text = (
        "Pakistani troops shelled forward posts in Jammu and Kashmir's Poonch district on "
        "Sunday, killing one soldier, the Indian army said."
    )
    loc = _located(_incidents(gazetteer, text))[0].location
    assert loc.place_ids == ("ADM2-IN-kashmir-punch",)
    assert (loc.admin1_codes, loc.geo_precision) == (("IN-JK",), 2)
