"""``bordermap map`` and the page it writes count the same incidents."""

from __future__ import annotations

import re

import pytest

from bordermap.cli import main
from tests.browser import Page

DATED = (
    "date 2024-05-02\n\n"
    "Kyrgyz and Tajik border troops exchanged fire on Tuesday near the village of Ak-Sai in "
    "Batken region, officials said.\n"
)
UNDATED = "Armenian and Azerbaijani troops exchanged fire near Sotk in Gegharkunik province.\n"


@pytest.mark.browser
def test_time_panel_counts_dated_and_undated_incidents(browser, tmp_path, capsys):
    news = tmp_path / "news"
    news.mkdir()
    (news / "dated.txt").write_text(DATED, encoding="utf-8")
    (news / "undated.txt").write_text(UNDATED, encoding="utf-8")
    page_path = tmp_path / "map.html"
    assert main(["map", str(news), "-o", str(page_path), "--offline"]) == 0
    assert "map of 2 located incidents: " in capsys.readouterr().out
    page = Page(browser, page_path)
    try:
        assert page.js("window.bordermap.incidents") == 2
        panel = page.js("document.querySelector('.bm-time').textContent")
        assert "all dates: 2 located incidents" in panel  # dated and undated
    finally:
        page.close()


def test_demo_map_has_a_title(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "incidents-map.html").read_text(encoding="utf-8")
    assert "<title>bordermap demo: incidents in the sample articles</title>" in html
    out = capsys.readouterr().out
    assert re.search(r"^extracted \d+ incidents? from 3 sample articles$", out, flags=re.M)
