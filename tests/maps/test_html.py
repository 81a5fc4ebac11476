"""HTML maps rendered and checked as text: layers, escaping, offline assets."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from geo.layer import build_layer, located
from geo.pipeline import extract
from maps import MissingAssetError, incident_map, inline_assets, save_map
from maps.basemap import WORLD, basemap_borders, basemap_countries, extent
from maps.html import _json_for_script
from maps.style import located_label

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def layer(gazetteer):
    return build_layer(extract([DATA / "incidents"], gazetteer=gazetteer).incidents)


@pytest.fixture(scope="module")
def hostile_layer(gazetteer):
    return build_layer(extract([DATA / "maps" / "hostile.md"], gazetteer=gazetteer).incidents)


def test_offline_map_is_self_contained(layer, tmp_path):
    path = save_map(incident_map(layer, offline=True), tmp_path / "m.html")
    page = path.read_text(encoding="utf-8")
    assert not re.search(r"""<(?:script|link|img)[^>]+(?:src|href)\s*=\s*["']https?://""", page)
    assert "tile.openstreetmap.org" not in page
    # every located incident travels as data: one longitude per marker
    data = json.loads(re.search(r"var D = (\{.*?\});\n", page).group(1))
    located = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
    assert len(data["x"]) == len(located)
    assert "Basemap (Natural Earth)" in page and "bm-label" in page
    # no Bootstrap / icon fonts that markers could depend on
    assert "fontawesome" not in page.lower() and "glyphicons" not in page.lower()


def test_online_map_uses_openstreetmap_with_attribution(layer, tmp_path):
    path = save_map(incident_map(layer), tmp_path / "m.html")
    page = path.read_text(encoding="utf-8")
    assert "tile.openstreetmap.org" in page and "OpenStreetMap" in page
    assert "Control.MiniMap" in page


def test_missing_asset_fails_loudly():
    page = '<html><head><script src="https://cdn.example.org/unknown.js"></script></head></html>'
    with pytest.raises(MissingAssetError, match=r"unknown\.js"):
        inline_assets(page)
    with pytest.raises(MissingAssetError, match="still referenced"):
        inline_assets('<img src="https://example.org/x.png">')


def test_json_in_script_cannot_close_the_script():
    text = _json_for_script({"q": "</script><script>alert(1)</script>", "u": "a\u2028b&"})
    assert "</script" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"q": "</script><script>alert(1)</script>", "u": "a\u2028b&"}


def test_hostile_text_never_enters_the_page_as_markup(hostile_layer, tmp_path):
    assert len(hostile_layer) >= 1
    page = save_map(incident_map(hostile_layer, offline=True), tmp_path / "h.html").read_text(
        encoding="utf-8"
    )
    assert "window.__pwned" in page  # the text is there, as data ...
    assert "<script>window.__pwned" not in page  # ... never as markup
    assert not re.search(r"<img[^>]*onerror", page, re.I)
    assert "\\u003cscript\\u003ewindow.__pwned" in page  # escaped inside the JSON data


def test_cluster_loads_markercluster_only_when_clustering(layer):
    clustered = incident_map(layer, cluster=True).get_root().render()
    plain = incident_map(layer, cluster=False).get_root().render()
    plugin = "L.MarkerClusterGroup=L.FeatureGroup.extend"  # the plugin's code, inlined
    assert plugin in clustered and "var cluster = true;" in clustered
    assert plugin not in plain and "var cluster = false;" in plain


_REMOTE = re.compile(r"""<(?:script|link|img)[^>]+(?:src|href)\s*=\s*["']https?://""")


@pytest.mark.parametrize("offline", [True, False])
def test_every_rendering_inlines_every_script_and_stylesheet(layer, offline, tmp_path):
    m = incident_map(layer, offline=offline)
    notebook = html.unescape(m._repr_html_())  # the page Jupyter puts in <iframe srcdoc>
    saved = save_map(m, tmp_path / "m.html").read_text(encoding="utf-8")
    for page in (m.get_root().render(), notebook, saved):
        assert "a JS library for interactive maps" in page  # Leaflet itself is in the page
        assert not _REMOTE.search(page)
    assert ("tile.openstreetmap.org" in saved) is not offline  # online: only tiles are remote


def test_title_and_country_names_are_escaped(layer):
    m = incident_map(layer, title="</title><script>window.__pwned = 1</script> & <b>")
    page = m.get_root().render()
    assert "<script>window.__pwned" not in page and "<b>" not in page
    escaped = "&lt;/title&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt; &amp; &lt;b&gt;"
    assert f"<title>{escaped}</title>" in page


def test_maps_have_a_title_by_default(layer):
    assert "<title>bordermap incidents</title>" in incident_map(layer).get_root().render()


def test_count_label_is_the_located_incidents(layer):
    page = incident_map(layer, offline=True).get_root().render()
    pts = located(layer)
    assert 0 < len(pts) < len(layer)  # the corpus has incidents without a location
    label = located_label(len(pts), len(layer) - len(pts))
    assert f"var COUNT = {json.dumps(label)};" in page
    assert "dated and undated" not in page


def test_no_enclave_ring_in_the_basemap():
    # Natural Earth's Baikonur lease is a "country" in a hole of Kazakhstan: drawn alone,
    # it is a ring in the middle of Kazakhstan, and its edge a dashed "international border"
    import shapely

    from geo.regions import borders, countries

    assert "KAB" in set(countries()["country"])  # the pack keeps it ...
    drawn = basemap_countries()
    assert "KAB" not in set(drawn["country"])  # ... the map draws it as part of its host
    kz = drawn.loc[drawn["country"] == "KZ", "geometry"].iloc[0]
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(kz))
    assert "KAB-KZ" in set(borders()["border"])
    assert not any("KAB" in b for b in basemap_borders()["border"])
    # every unit without an ISO code left on the map has more than one neighbour
    for code in drawn["country"]:
        if len(code) != 2:
            touching = drawn[drawn.touches(drawn.loc[drawn["country"] == code].geometry.iloc[0])]
            assert len(touching) != 1, code


def test_empty_layer_shows_its_countries_or_the_world(layer):
    nowhere = layer.iloc[:0]
    assert extent(nowhere) == WORLD
    unlocated = layer.iloc[:3].copy()
    unlocated["geometry"] = None
    unlocated["country"] = ["TJ", None, None]
    unlocated["location_countries"] = ["[]", '["KG"]', "[]"]
    x0, y0, x1, y1 = extent(unlocated)
    assert 60 < x0 < 70 and 75 < x1 < 85 and 35 < y0 < 40 and 40 < y1 < 45
    unlocated["country"] = ["US", None, None]
    unlocated["location_countries"] = "[]"
    x0, y0, x1, y1 = extent(unlocated)
    assert -130 < x0 < x1 < -60  # the contiguous states: not stretched by Alaska or Guam


def test_browser_assets_are_package_data_files_in_every_page(layer, tmp_path):
    import fnmatch
    import tomllib
    from importlib.resources import files

    assets = [p for p in (files("maps") / "assets").iterdir() if p.is_file()]
    assert {p.name for p in assets} >= {"bordermap.css", "incident_markers.js.j2", "page.html.j2"}
    # each file ships in a wheel: matched by the package-data globs of pyproject.toml
    pyproject = Path(__file__).parents[2] / "pyproject.toml"
    globs = tomllib.loads(pyproject.read_text())["tool"]["setuptools"]["package-data"]["maps"]
    for p in assets:
        assert any(fnmatch.fnmatch(f"assets/{p.name}", g) for g in globs), p.name
    page = save_map(incident_map(layer, offline=True), tmp_path / "m.html").read_text()
    assert (files("maps") / "assets" / "bordermap.css").read_text() in page
    assert page.startswith("<!DOCTYPE html>\n<html>\n<head>\n<title>")
    assert "window.bordermap = {" in page
