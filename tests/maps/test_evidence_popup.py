"""The popup shows the words each field was read from (real headless Chromium)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents
from geo.layer import build_layer
from maps import incident_map, save_map
from tests.maps.test_browser import Page, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


def test_popup_lists_the_evidence(browser, gazetteer, tmp_path):  # noqa: F811
    text = (
        "Azerbaijani artillery shelled the village of Sotk in Armenia's Gegharkunik province "
        "on Tuesday. Two soldiers were killed and <b>three</b> wounded in the shelling."
    )
    incs = extract_incidents(Article(text, published=dt.date(2024, 9, 12)), gazetteer)
    path = save_map(incident_map(build_layer(incs), offline=True), tmp_path / "m.html")
    page = Page(browser, path)
    try:
        page.js("window.bordermap.openPopup(0)")
        popup = page.page.locator(".bm-popup")
        text_shown = popup.inner_text()
        assert "Read from:" in text_shown
        assert "“on Tuesday”" in text_shown
        assert "“Two soldiers were killed”" in text_shown
        assert popup.locator("b").count() == 0  # article words are text, never markup
        assert page.errors == []
    finally:
        page.close()
