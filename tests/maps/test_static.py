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


def _label_boxes(ax):
    from matplotlib.text import Text

    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), Text.get_window_extent(t, renderer)) for t in ax.texts]


def test_labels_never_overlap(layer):
    ax = layer.bordermap.plot()
    try:
        boxes = _label_boxes(ax)
        assert len(boxes) >= 5
        for i, (a, ba) in enumerate(boxes):
            for b, bb in boxes[i + 1 :]:
                assert not ba.overlaps(bb), (a, b)
        frame = ax.get_window_extent()
        assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for _, b in boxes)
    finally:
        matplotlib.pyplot.close(ax.figure)


def test_place_labels_moves_a_crowded_label_and_drops_none_that_fit():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    anchors = [("Upper Riverland", 5, 5), ("Lower Riverland", 5.1, 5.05), ("Far Hills", 1, 1)]
    placed = maps.place_labels(ax, anchors)
    assert [a.get_text() for a in placed] == ["Upper Riverland", "Lower Riverland", "Far Hills"]
    assert placed[1].xyann != (0, 0) and placed[1].arrow_patch is not None
    plt.close(fig)


def test_plot_fills_its_figure(layer):
    ax = layer.bordermap.plot()
    try:
        fig = ax.figure
        fig.canvas.draw()
        box = ax.get_window_extent()
        share = box.width * box.height / (fig.bbox.width * fig.bbox.height)
        assert share > 0.5  # the map, not a blank band, fills the figure
    finally:
        matplotlib.pyplot.close(ax.figure)


def test_plot_title_counts_located_incidents(layer):
    ax = layer.bordermap.plot()
    located = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
    unlocated = len(layer) - len(located)
    assert ax.get_title() == f"{len(located)} located incidents ({unlocated} without a location)"
    matplotlib.pyplot.close(ax.figure)
