"""Static maps (matplotlib) and the notebook accessor."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.image as mpimg
import pytest

import maps
from geo.layer import build_layer
from geo.pipeline import extract

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def layer(gazetteer):
    return build_layer(extract([DATA / "incidents"], gazetteer=gazetteer).incidents)


def test_plot_returns_axes_with_incidents_borders_and_legend(layer):
    ax = layer.bordermap.plot()
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert any(lbl.startswith("Armed clash") for lbl in labels)
    n_points = sum(len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets"))
    located = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
    assert n_points >= len(located)
    assert any(t.get_text() == "Ladakh" for t in ax.texts)
    x0, x1 = ax.get_xlim()
    assert x0 < located.geometry.x.min() and located.geometry.x.max() < x1
    matplotlib.pyplot.close(ax.figure)


def test_png_written_without_a_browser(layer, tmp_path):
    path = maps.save_png(layer, tmp_path / "m.png")
    img = mpimg.imread(path)
    assert img.shape[0] > 300 and img.shape[1] > 500


def test_explore_returns_a_folium_map(layer):
    import folium

    m = layer.bordermap.explore()
    assert isinstance(m, folium.Map)
    assert "_repr_html_" in dir(m)  # shows inline in Jupyter
