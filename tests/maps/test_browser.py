"""Maps opened in a real headless Chromium with the network blocked (``tests/browser.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.layer import build_layer, located
from geo.pipeline import extract
from maps import incident_map, save_map
from tests.browser import Page, browser

__all__ = ["Page", "browser"]  # other test modules import them from here too

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def corpus_map(gazetteer, tmp_path_factory):
    layer = build_layer(extract([DATA / "incidents"], gazetteer=gazetteer).incidents)
    path = tmp_path_factory.mktemp("map") / "offline.html"
    save_map(incident_map(layer, offline=True), path)
    return layer, path


def test_offline_map_opens_without_network_or_errors(browser, corpus_map):
    layer, path = corpus_map
    page = Page(browser, path)
    try:
        assert page.blocked == [] and page.errors == []
        located = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
        physical = located[located["event_type"] != "agreement_or_statement"]
        assert page.js("window.bordermap.incidents") == len(located)
        assert page.js("window.bordermap.markersShown()") == len(physical)
        # statements are a layer of their own, off by default; switching it on shows them
        page.page.get_by_text("Statements and agreements").click()
        assert page.js("window.bordermap.markersShown()") == len(located)
    finally:
        page.close()


def test_time_control_changes_visible_incidents(browser, corpus_map):
    layer, path = corpus_map
    page = Page(browser, path)
    try:
        everything = page.js("window.bordermap.markersShown()")
        page.js("window.bordermap.setDay('2025-03-15')")
        march = page.js("window.bordermap.markersShown()")
        physical = layer[
            (layer["event_type"] != "agreement_or_statement") & layer["date_start"].notna()
        ]
        window = physical[
            (physical["date_start"] <= "2025-03-15") & (physical["date_end"] >= "2025-02-13")
        ]
        assert 0 < march == len(window) < everything
        page.js("window.bordermap.setDay('2024-10-13')")
        assert page.js("window.bordermap.markersShown()") != march
        page.page.locator("#bm-all-dates").check()
        assert page.js("window.bordermap.markersShown()") == everything
    finally:
        page.close()


def _open_article_map(browser, gazetteer, article: Path, tmp_path: Path) -> Page:
    layer = build_layer(extract([article], gazetteer=gazetteer).incidents)
    path = save_map(incident_map(layer, offline=True), tmp_path / f"{article.stem}.html")
    return Page(browser, path)


def test_hostile_article_runs_nothing_and_shows_text_literally(browser, gazetteer, tmp_path):
    page = _open_article_map(browser, gazetteer, DATA / "maps" / "hostile.md", tmp_path)
    try:
        assert page.js("typeof window.__pwned") == "undefined"
        page.js("window.bordermap.openPopup(0)")
        popup = page.page.locator(".bm-popup")
        text = popup.inner_text()
        assert "<script>window.__pwned = 'body'</script>" in text
        assert "Clash <script>window.__pwned = 'title'</script> at `Sotk`" in text
        assert popup.locator("script").count() == 0 and popup.locator("img").count() == 0
        assert popup.locator("a").count() == 0  # a javascript: URL is never a link
        page.page.mouse.move(600, 400)
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.errors == []
    finally:
        page.close()


def test_https_source_becomes_a_link(browser, gazetteer, tmp_path):
    page = _open_article_map(browser, gazetteer, DATA / "maps" / "safe_link.md", tmp_path)
    try:
        page.js("window.bordermap.openPopup(0)")
        link = page.page.locator(".bm-popup a")
        assert link.get_attribute("href") == "https://example.org/news/isfara?a=1&b=2"
    finally:
        page.close()


def test_demo_map_screenshot(browser, tmp_path):
    from bordermap.cli import main

    assert main(["demo", "--out", str(tmp_path)]) == 0
    page = Page(browser, tmp_path / "incidents-map.html")
    try:
        assert page.errors == [] and page.blocked == []
        assert page.js("document.title").startswith("bordermap demo")
        shot = tmp_path / "demo-map.png"
        page.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        page.close()


def _physical_located(layer) -> int:
    pts = located(layer)
    return int((pts["event_type"] != "agreement_or_statement").sum())


def test_notebook_output_of_offline_explore_draws_markers_without_network(
    browser, corpus_map, tmp_path
):
    # what Jupyter shows for `layer.bordermap.explore(offline=True)`: an <iframe srcdoc>
    layer, _ = corpus_map
    cell = tmp_path / "cell.html"
    cell.write_text(layer.bordermap.explore(offline=True)._repr_html_(), encoding="utf-8")
    page = Page(browser, cell, in_iframe=True)
    try:
        assert page.blocked == [] and page.errors == []
        assert page.js("window.bordermap.markersShown()") == _physical_located(layer) > 0
        assert page.js("document.querySelectorAll('canvas.leaflet-zoom-animated').length") >= 1
    finally:
        page.close()


def _share_of_colour(png: bytes, rgb: tuple[int, int, int]) -> float:
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    colours = img.getcolors(maxcolors=1 << 24)
    return sum(n for n, c in colours if c == rgb) / (img.width * img.height)


def test_online_map_draws_markers_and_basemap_when_tiles_cannot_load(browser, corpus_map, tmp_path):
    layer, _ = corpus_map
    path = save_map(incident_map(layer), tmp_path / "online.html")
    page = Page(browser, path)
    try:
        assert page.script_errors() == []
        assert all("tile.openstreetmap.org" in url for url in page.blocked)  # tiles only
        assert page.js("window.bordermap.markersShown()") == _physical_located(layer) > 0
        # the Natural Earth basemap shows where no tile came: not a white page
        land = _share_of_colour(page.page.screenshot(), (0xF2, 0xEF, 0xE9))
        assert land > 0.15
    finally:
        page.close()


def test_title_option_is_text_not_markup(browser, tmp_path):
    from bordermap.cli import main

    title = "</title><script>window.__pwned = 'title'</script><b>x</b>"
    html = tmp_path / "m.html"
    article = str(DATA / "maps" / "safe_link.md")
    assert main(["map", article, "-o", str(html), "--title", title]) == 0
    page = Page(browser, html)
    try:
        assert page.js("typeof window.__pwned") == "undefined"
        assert page.js("document.title") == title
        assert page.page.locator("b").count() == 0
    finally:
        page.close()


def test_empty_map_fills_the_view_and_says_so(browser, corpus_map, tmp_path):
    layer, _ = corpus_map
    path = save_map(incident_map(layer.iloc[:0], offline=True), tmp_path / "empty.html")
    page = Page(browser, path)
    try:
        assert page.errors == []
        assert page.page.locator(".bm-empty").inner_text() == "No located incidents to show"
        # the world fills the page (Leaflet's fallback view is a small tile at zoom 1) ...
        assert page.js("window.bordermap.map.getZoom()") >= 2
        # ... and is labelled sparingly, not covered in labels
        assert 5 <= page.page.locator(".bm-label").count() <= 60
    finally:
        page.close()
