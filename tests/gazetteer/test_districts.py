"""Districts outside the US (second-level units built from GeoNames towns' admin-2 names)."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from gazetteer.data import data_path
from gazetteer.sources import read_districts


@pytest.fixture(scope="module")
def districts() -> pd.DataFrame:
    return pd.read_parquet(data_path("districts.parquet"))


def _place(gazetteer, text: str, surface: str):
    r = gazetteer.resolve(text)
    return next(x.place for x in r if x.mention.surface == surface)


def test_district_pack_has_unique_ids_and_points_inside_footprints(districts):
    assert districts["id"].is_unique
    assert len(districts) >= 500
    shapes = shapely.from_wkb(districts["footprint"].to_numpy())
    points = shapely.points(districts["lon"].to_numpy(), districts["lat"].to_numpy())
    assert shapely.covers(shapes, points).all()
    assert not (districts["country"] == "US").any()  # US counties come from us-atlas


def test_a_district_named_after_its_seat_takes_the_seats_spellings(districts):
    row = districts.set_index("id").loc["ADM2-IN-kashmir-punch"]
    assert (row["name"], row["admin1_code"]) == ("Punch District", "IN-JK")
    assert "Poonch" in row["alt_names"].split("|")
    primary = {n for i, n, q in read_districts().names if q == 0}
    assert {"Punch District", "Poonch District"} <= primary


def test_alternates_taken_by_bigger_towns_or_codes_are_left_out(districts):
    alts = {a for v in districts["alt_names"] for a in v.split("|") if a}
    assert "Islamabad" not in alts  # an old name of Anantnag; Pakistan's capital keeps it
    assert "Aqra" not in alts  # a spelling of Agra that an Iraqi town bears
    assert not any(a.isupper() for a in alts)  # airport codes


def test_explicit_parent_and_feature_word_keep_the_district(gazetteer):
    text = "Troops traded fire near the Line of Control in Jammu and Kashmir's Poonch district."
    place = _place(gazetteer, text, "Poonch district")
    assert (place.feature, place.country, place.admin1_code) == ("ADM2", "IN", "IN-JK")
    assert gazetteer.lookup("Poonch district")[0][0].id == "ADM2-IN-kashmir-punch"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Mortar shells landed in Samba district overnight.", "Samba district"),
        ("Mortar shells landed in the district of Samba overnight.", "Samba"),
    ],
)
def test_a_feature_word_beats_a_namesake_town_far_away(gazetteer, text, surface):
    place = _place(gazetteer, text, surface)  # Samba, Angola is the bare name's first sense
    assert (place.feature, place.admin1_code) == ("ADM2", "IN-JK")


def test_a_bare_name_without_feature_word_stays_the_town(gazetteer):
    place = _place(gazetteer, "Mortar shells landed in Samba overnight.", "Samba")
    assert place.feature != "ADM2"
