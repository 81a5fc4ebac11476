"""The incident layer: joins, summaries and exports read back."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from geo.export import CSV_COLUMNS, read_incidents, write_incidents
from geo.layer import admin1_summary, build_layer, monthly_summary
from geo.pipeline import extract

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents"


@pytest.fixture(scope="module")
def layer(gazetteer):
    return build_layer(extract([CORPUS], gazetteer=gazetteer).incidents)


@pytest.fixture(scope="module")
def shared_layer(shared_dir, gazetteer):
    return build_layer(extract([shared_dir / "articles"], gazetteer=gazetteer).incidents)


def test_seed_incidents_of_article_000(shared_layer):
    phys = shared_layer[shared_layer["event_type"] != "agreement_or_statement"]
    clash = phys[(phys["event_type"] == "armed_clash") & (phys["event_date"] == "2021-07-28")]
    assert len(clash) == 1
    row = clash.iloc[0]
    assert row["admin1_code"] == "AM-GR" and row["border_sides"] == "AM-GR|AZ-KAL"
    assert row["border"] == "AM-AZ" and row["border_distance_km"] < 10
    assert (row["killed"], row["wounded"]) == (3, 4)
    assert row["date_precision"] == "day"
    fire = phys[(phys["event_type"] == "armed_clash") & (phys["event_date"] == "2021-07-30")]
    assert list(fire["border"]) == ["AM-AZ"]


def test_joins_use_the_data_packs(layer):
    located = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
    assert located["country"].notna().all() and located["border"].notna().all()
    assert (located["border_distance_km"] >= 0).all()
    # every joined admin-1 unit really contains (or touches) its point
    from geo.regions import unit_geometry

    for _, r in located[located["admin1_joined"].notna()].iterrows():
        assert shapely.intersects(unit_geometry(r["admin1_joined"]), r.geometry)
    # a border section's distance to its own border is zero
    sections = located[located["location_kind"] == "border_section"]
    assert len(sections) >= 5 and (sections["border_distance_km"] < 0.01).all()


def test_article_province_kept_when_point_falls_elsewhere(layer):
    flagged = layer[layer["admin1_disagrees"]]
    assert len(flagged) >= 1
    for _, r in flagged.iterrows():
        assert r["admin1_code"] == r["location_admin1"][0]
        assert r["admin1_joined"] != r["admin1_code"]


def test_border_distance_is_measured_on_the_ellipsoid(layer):
    from pyproj import Geod

    from geo.regions import borders

    row = layer[layer["location_kind"] == "place"].iloc[0]
    line = borders().set_index("border").loc[row["border"], "geometry"]
    # brute force: geodesic distance to densely sampled points of the border line
    pts = shapely.get_coordinates(shapely.segmentize(line, 0.002))
    geod = Geod(ellps="WGS84")
    n = len(pts)
    _, _, d = geod.inv(np.full(n, row.geometry.x), np.full(n, row.geometry.y), pts[:, 0], pts[:, 1])
    assert row["border_distance_km"] == pytest.approx(d.min() / 1000, rel=0.02, abs=0.05)


def test_summaries(layer):
    s = admin1_summary(layer)
    assert s.crs.to_epsg() == 4326 and s.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    phys = layer[layer["event_type"] != "agreement_or_statement"]
    assert s["incidents"].sum() == phys["admin1_code"].notna().sum()
    assert s["killed"].sum() == phys["killed"].fillna(0).sum()
    m = monthly_summary(layer)
    assert m["incidents"].sum() == phys["event_date"].notna().sum()
    assert list(m["month"]) == sorted(m["month"])


def _same(a: pd.DataFrame, b: pd.DataFrame, cols):
    for c in cols:
        for x, y in zip(a[c], b[c], strict=True):
            if isinstance(x, float) and isinstance(y, float):
                assert x == pytest.approx(y, abs=1e-6) or (np.isnan(x) and np.isnan(y)), c
            elif x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x)):
                assert y is None or y is pd.NA or (isinstance(y, float) and np.isnan(y)), c
            else:
                assert x == y, (c, x, y)


VALUE_COLUMNS = [
    "incident_id",
    "event_type",
    "event_date",
    "date_end",
    "date_precision",
    "killed",
    "wounded",
    "admin1_code",
    "border",
    "sources",
    "place_ids",
    "location_admin1",
]


@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet"])
def test_round_trip(layer, tmp_path, ext):
    path = write_incidents(layer, tmp_path / f"incidents.{ext}")
    back = read_incidents(path)
    assert len(back) == len(layer) and back.crs.to_epsg() == 4326
    _same(layer, back, VALUE_COLUMNS)
    for a, b in zip(layer.geometry, back.geometry, strict=True):
        assert (a is None or a.is_empty) == (b is None or b.is_empty)
        if a is not None and not a.is_empty:
            assert shapely.equals_exact(a, b, tolerance=1e-6)
    if ext != "geojson":
        for a, b in zip(layer["footprint"], back["footprint"], strict=True):
            if a is not None and not a.is_empty:
                assert (
                    shapely.equals_exact(shapely.normalize(a), shapely.normalize(b), tolerance=1e-6)
                    or shapely.hausdorff_distance(a, b) < 1e-6
                )
    assert (back["attribution"].str.contains("GeoNames")).all()


def test_geopackage_layers_open_with_gdal(layer, tmp_path):
    path = write_incidents(layer, tmp_path / "incidents.gpkg")
    names = {name for name, _ in pyogrio.list_layers(path)}
    assert names == {"incidents", "footprints", "admin1_summary", "borders"}
    info = pyogrio.read_info(path, layer="incidents")
    assert info["crs"] == "EPSG:4326" and info["features"] == len(layer)


def test_csv_has_acled_columns(layer, tmp_path):
    path = write_incidents(layer, tmp_path / "incidents.csv")
    df = pd.read_csv(path)
    assert tuple(df.columns) == CSV_COLUMNS
    assert len(df) == len(layer)
    assert set(df["event_type"].dropna()) <= {
        "Battles",
        "Explosions/Remote violence",
        "Strategic developments",
        "Violence against civilians",
    }
    json.loads(df["sources"].iloc[0])  # JSON, not a Python repr


def test_geojson_follows_rfc7946(layer, tmp_path):
    path = write_incidents(layer, tmp_path / "incidents.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        assert f["type"] == "Feature" and set(f) == {"type", "properties", "geometry"}
        g = f["geometry"]
        if g is not None:
            lon, lat = g["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
            assert all(len(repr(c).split(".")[-1]) <= 6 for c in (lon, lat))
        p = f["properties"]
        assert isinstance(p["sources"], list) and isinstance(p["place_ids"], list)
        assert p["event_date"] is None or len(p["event_date"]) == 10


def test_a_country_level_incident_has_no_admin1(gazetteer):
    import datetime as dt

    from geo.extract.articles import Article
    from geo.extract.incidents import extract_incidents

    text = "Tajik and Kyrgyz border guards exchanged fire on Tuesday, Tajikistan said."
    incs = extract_incidents(Article(text, published=dt.date(2025, 4, 9)), gazetteer)
    frame = build_layer(incs)
    coarse = frame[frame["location_kind"].isin(["country", "border_section"])]
    assert len(coarse) >= 1
    for _, r in coarse.iterrows():
        assert r["admin1_code"] is None and r["admin1"] is None and r["admin1_joined"] is None
        assert r["country"] is not None or r["location_kind"] == "border_section"
