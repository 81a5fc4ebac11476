"""The example notebook runs headless from top to bottom, and its map works offline."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.browser import Page

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "incidents.ipynb"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path_factory.mktemp("nb"))}},
    )
    client.execute()  # raises CellExecutionError on any failing cell
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _map_output(outputs) -> str:
    pages = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    maps = [p for p in pages if "leaflet" in p.lower()]
    assert len(maps) == 1
    return maps[0]


def test_example_notebook_executes(outputs):
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    # the map cell's page (in <iframe srcdoc>) carries Leaflet itself, not a CDN link
    page = html.unescape(_map_output(outputs))
    assert "a JS library for interactive maps" in page
    assert not re.search(r"""<(?:script|link)[^>]+(?:src|href)\s*=\s*["']https?://""", page)


@pytest.mark.browser
def test_notebook_map_draws_markers_without_network(outputs, browser, tmp_path):
    cell = tmp_path / "map-cell.html"
    cell.write_text(_map_output(outputs), encoding="utf-8")
    page = Page(browser, cell, in_iframe=True)
    try:
        assert page.blocked == [] and page.errors == []
        assert page.js("window.bordermap.markersShown()") > 0
    finally:
        page.close()
