"""A town's own government and services after a name make it the town, not an area."""

from __future__ import annotations


def _kinds(gazetteer, text):
    return [(r.mention.surface, r.place.kind if r.place else None) for r in gazetteer.resolve(text)]


def test_a_high_school_after_a_name_makes_it_a_town(gazetteer):
    text = "Students at Norfolk High School raised $2,000 for the food bank this week."
    assert _kinds(gazetteer, text) == [("Norfolk", "populated_place")]


def test_a_town_board_after_a_name_makes_it_a_town(gazetteer):
    text = "Kent's Board of Finance cut the road budget, and the Cornwall selectmen agreed."
    assert _kinds(gazetteer, text) == [("Kent", "populated_place"), ("Cornwall", "populated_place")]


def test_without_a_municipal_word_the_area_stays(gazetteer):
    text = "Flooding closed roads across Norfolk and Suffolk on Sunday."
    assert _kinds(gazetteer, text) == [("Norfolk", "admin1"), ("Suffolk", "admin1")]


def test_police_after_a_state_or_county_name_keeps_the_unit(gazetteer):
    # states, provinces and counties have police forces of their own
    text = "Colorado police closed the pass after the storm."
    assert _kinds(gazetteer, text) == [("Colorado", "admin1")]
    text = "Chechnya police detained two men at a checkpoint."
    assert _kinds(gazetteer, text) == [("Chechnya", "admin1")]
    text = "Kent Police said the lorry was stopped near the port."
    assert _kinds(gazetteer, text) == [("Kent", "admin1")]


def test_a_municipal_word_never_demotes_a_country(gazetteer):
    text = "The Georgia High School Association met in the capital."
    assert _kinds(gazetteer, text) == [("Georgia", "country")]
