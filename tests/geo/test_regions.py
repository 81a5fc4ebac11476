from __future__ import annotations

import pytest
import shapely
from pyproj import Geod

from geo.measure import length_km
from geo.regions import UnknownUnitError, borders, find_unit, shared_boundary


def test_gegharkunik_kelbajar_section():
    s = shared_boundary("AM-GR", "AZ-KAL")
    assert not s.is_empty
    assert s.geometry.geom_type in ("LineString", "MultiLineString")
    assert 60 <= s.length_km <= 70


def test_armenia_azerbaijan_border_includes_nakhchivan():
    b = borders("AM").set_index("border")
    am_az = b.loc["AM-AZ"]
    assert 700 <= am_az["length_km"] <= 1050
    nakhchivan = shared_boundary("AM", "AZ-NX").geometry.union(
        shared_boundary("AM", "AZ-SAD").geometry
    )
    assert not nakhchivan.is_empty
    assert am_az.geometry.buffer(1e-6).contains(nakhchivan)


def test_caucasus_neighbours():
    present = set(borders()["border"])
    for pair in ["AM-GE", "AM-TR", "AM-IR", "AZ-GE", "AZ-RU", "AZ-IR", "AZ-TR"]:
        assert pair in present
    assert "AM-RU" not in present
    assert shared_boundary("AM", "RU").is_empty


def test_units_that_do_not_touch_share_an_empty_boundary():
    s = shared_boundary("AM-GR", "AM-SU")
    assert s.is_empty and s.length_km == 0


def test_border_length_is_metric_not_degrees():
    line = borders().set_index("border").loc["AM-AZ"].geometry
    geodesic = Geod(ellps="WGS84").geometry_length(line) / 1000
    assert length_km(line) == pytest.approx(geodesic, rel=0.01)
    assert length_km(line) > 50 * shapely.length(line)  # in degrees it would be ~7.9


@pytest.mark.parametrize(
    ("query", "code"),
    [("AM-GR", "AM-GR"), ("Gegharkunik", "AM-GR"), ("Kəlbəcər", "AZ-KAL"),
     ("Kelbajar", "AZ-KAL"), ("kalbajar", "AZ-KAL"), ("Armenia", "AM"), ("ARM", "AM"),
     ("Naxçıvan", "AZ-NX"), ("Ladakh", "IN-LA")],
)  # fmt: skip
def test_find_unit_by_code_and_spelling(query, code):
    assert find_unit(query).code == code


def test_unknown_unit_suggests_close_matches():
    with pytest.raises(UnknownUnitError, match=r"did you mean.*AM-GR"):
        find_unit("Gegharkunikk province")
