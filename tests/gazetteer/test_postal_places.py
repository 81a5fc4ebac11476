"""US postal places (villages and communities under 500 people) and when their names are places."""

from __future__ import annotations

import pandas as pd

from gazetteer.data.postal import build_postal_places


def _found(gazetteer, text):
    return [
        (r.mention.surface, r.place.admin1_code if r.place else None)
        for r in gazetteer.resolve(text)
    ]


def test_a_village_with_its_state_resolves_to_the_postal_place(gazetteer):
    text = "Firefighters from Atalissa, Iowa, put out a barn fire on Sunday night."
    (village, state) = gazetteer.resolve(text)
    assert village.place.admin1_code == "US-IA" and village.place.feature == "PPLL"
    assert state.place.id == "US-IA"


def test_a_postal_name_after_a_place_preposition_is_a_place(gazetteer):
    assert _found(gazetteer, "A truck overturned near Lanexa on Route 60.") == [("Lanexa", "US-VA")]


def test_a_postal_name_without_a_cue_is_no_place(gazetteer):
    # given names, surnames and company names that only post offices bear
    text = "Dow and Babcock signed the contract on Friday."
    assert _found(gazetteer, text) == []


def test_a_gold_span_village_resolves_in_its_state(gazetteer):
    text = "Deputies said the fire at a farm outside Tennessee Colony spread to the woods."
    start = text.index("Tennessee Colony")
    r = gazetteer.resolve_span(text, start, start + len("Tennessee Colony"))
    assert r.place.admin1_code == "US-TX"


def test_the_pack_keeps_postal_places_that_cities500_lacks(tmp_path):
    # GeoNames' US.txt layout; two ZIP codes of one village are one place at their mean
    rows = [
        ["US", "99001", "Nowhere Flats", "Iowa", "IA", "Cedar", "031", "", "", "41.50", "-91.10"],
        ["US", "99002", "Nowhere Flats", "Iowa", "IA", "Cedar", "031", "", "", "41.60", "-91.20"],
        # a town cities500 has at this point: left out
        ["US", "23219", "Richmond", "Virginia", "VA", "Richmond", "760", "", "", "37.54", "-77.44"],
        # a military post office without a state: left out
        ["US", "09001", "APO", "", "", "", "", "", "", "", ""],
    ]  # fmt: skip
    rows = [[*r, "4"] for r in rows]  # accuracy
    path = tmp_path / "US.txt"
    path.write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    places = build_postal_places(path)
    assert places.to_dict("records") == [
        {
            "id": "US-ZIP-99001",
            "name": "Nowhere Flats",
            "admin1_code": "US-IA",
            "county": "Cedar",
            "lat": 41.55,
            "lon": -91.15,
            "zip_codes": 2,
        }
    ]
    assert isinstance(places, pd.DataFrame)


def test_a_demonym_stays_its_country_when_a_post_office_bears_it(gazetteer):
    # a post office in Alaska is named Indian
    (r,) = gazetteer.resolve("Indian troops held their positions through the night.")
    assert r.mention.role == "context" and r.place.id == "IN"
