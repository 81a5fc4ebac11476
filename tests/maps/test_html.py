"""HTML maps rendered and checked as text: layers, escaping, offline assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geo.layer import build_layer
from geo.pipeline import extract
from maps import MissingAssetError, incident_map, inline_assets, save_map
from maps.html import _json_for_script

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
    assert "leaflet.markercluster.js" in clustered and "var cluster = true;" in clustered
    assert "leaflet.markercluster.js" not in plain and "var cluster = false;" in plain
