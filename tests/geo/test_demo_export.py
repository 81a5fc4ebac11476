from __future__ import annotations

import json

import geopandas as gpd
import pytest
import shapely

from bordermap.cli import main
from geo.export import ATTRIBUTION, atomic_path, write_geojson


def test_demo_writes_geojson_of_sample_incidents(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "incidents.geojson"
    assert str(path.resolve()) in out
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    props = [f["properties"] for f in doc["features"]]
    borders = {p["location_border"] for p in props}
    assert {"AM-AZ", "KG-TJ"} <= borders  # Tavush–Qazax, Batken–Sughd
    assert all(isinstance(p["sources"], list) for p in props)  # JSON, not a repr
    gdf = gpd.read_file(path)
    tavush = gdf[gdf["location_border"] == "AM-AZ"].geometry.iloc[0]
    assert 44 < tavush.x < 46 and 40 < tavush.y < 42  # lon/lat order
    assert (gdf["attribution"] == ATTRIBUTION).all()


def test_geojson_is_rfc7946(tmp_path):
    square = shapely.Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])  # clockwise
    gdf = gpd.GeoDataFrame({"name": ["a"]}, geometry=[square], crs=3857)
    path = write_geojson(gdf, tmp_path / "a.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    ring = doc["features"][0]["geometry"]["coordinates"][0]
    assert shapely.LinearRing(ring).is_ccw  # exterior ring counter-clockwise
    assert all(len(str(c).split(".")[-1]) <= 6 for xy in ring for c in xy)
    assert "crs" not in doc


def test_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "keep.geojson"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_path(path) as tmp:
        tmp.write_text("half a fea", encoding="utf-8")
        raise KeyboardInterrupt
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.geojson"]
    with atomic_path(path) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert path.read_text(encoding="utf-8") == "new"
