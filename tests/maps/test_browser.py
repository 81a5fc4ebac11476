"""Maps opened in a real headless Chromium (Debian ``chromium``, driven by Playwright).

Skipped, with the reason, when Playwright or ``/usr/bin/chromium`` is missing;
``.ci/run`` installs both.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.layer import build_layer
from geo.pipeline import extract
from maps import incident_map, save_map

pytestmark = pytest.mark.browser
DATA = Path(__file__).resolve().parents[1] / "data"
CHROMIUM = os.environ.get("BORDERMAP_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt install chromium, or set BORDERMAP_CHROMIUM)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page opened from file:// with every network request blocked."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.bordermap !== undefined", timeout=10_000)

    def js(self, code: str):
        return self.page.evaluate(code)

    def close(self):
        self.context.close()


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
        shot = tmp_path / "demo-map.png"
        page.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        page.close()
