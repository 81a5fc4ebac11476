"""Demonyms of admin-1 units and regions, and name forms of countries and units news uses."""

from __future__ import annotations


def _refs(gazetteer, text):
    return [(r.mention.surface, r.mention.role, r.place.id if r.place else None)
            for r in gazetteer.resolve(text)]  # fmt: skip


def test_demonyms_of_states_and_regions_are_context_with_their_place(gazetteer):
    text = (
        "Ohioans lined up to vote on Tuesday. South Ossetian militias fired on two villages, "
        "and European monitors drove to the line."
    )
    assert _refs(gazetteer, text) == [
        ("Ohioans", "context", "US-OH"),
        ("South Ossetian", "context", "south-ossetia"),
        ("European", "context", "european-union"),
    ]
    # a bloc lends no country; a state's demonym lends its country
    by_surface = {r.mention.surface: r.mention for r in gazetteer.resolve(text)}
    assert by_surface["European"].context_country is None
    assert by_surface["Ohioans"].context_country == "US"


def test_a_state_demonym_is_evidence_for_its_state(gazetteer):
    # Without "Texans", Athens would be the Greek capital.
    text = "Texans in Athens cleaned up after the storm."
    refs = dict((s, i) for s, _, i in _refs(gazetteer, text))
    assert gazetteer.place(refs["Athens"]).admin1_code == "US-TX"


def test_short_forms_of_countries_and_states(gazetteer):
    text = "Aid reached the Democratic Republic of Congo and Congo by river."
    assert [(s, i) for s, _, i in _refs(gazetteer, text)] == [
        ("Democratic Republic of Congo", "CD"),
        ("Congo", "CG"),
    ]
    (r,) = gazetteer.resolve("Bushfires forced evacuations across NSW on Sunday.")
    assert r.mention.surface == "NSW" and r.place.admin1_code == "AU-NSW"


def test_the_north_caucasus_is_a_part_of_russia_not_the_caucasus_bloc(gazetteer):
    (r,) = gazetteer.resolve("Gunmen attacked a police post in the North Caucasus overnight.")
    assert r.place.id == "north-caucasus"
    assert r.place.country == "RU"
    assert set(r.place.members) == {"RU-DA", "RU-CE", "RU-IN", "RU-SE", "RU-KB", "RU-KC", "RU-STA"}
