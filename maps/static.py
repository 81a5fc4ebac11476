"""Static maps with matplotlib: no browser needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from geo.layer import located
from maps.basemap import basemap_borders, basemap_countries, extent
from maps.style import EVENT_STYLES, located_label, marker_radius

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

__all__ = ["place_labels", "plot_layer", "save_png"]

#: Where a label may go, in points from its anchor, tried in this order.
_OFFSETS = [(0, 0), (0, 9), (0, -9), (14, 0), (-14, 0), (12, 9), (-12, 9), (12, -9),
            (-12, -9), (0, 18), (0, -18), (26, 0), (-26, 0), (20, 16), (-20, 16),
            (20, -16), (-20, -16), (0, 28), (0, -28)]  # fmt: skip


def _marker_sizes(pts) -> list[float]:
    """Scatter sizes (points²) of incident markers: the HTML map's radius, squared."""
    killed = pts["killed"].astype("Float64").fillna(0).to_numpy(dtype=float)
    wounded = pts["wounded"].astype("Float64").fillna(0).to_numpy(dtype=float)
    return [2 * marker_radius(k, w) ** 2 for k, w in zip(killed, wounded, strict=True)]


def _dx(box) -> float:
    return max(box.bounds[2] - box.bounds[0], 1e-9)


def _label_point(geom, box) -> tuple[float, float]:
    """A point inside the part of a unit that the map shows."""
    inside = geom.intersection(box)
    p = (inside if not inside.is_empty else geom).representative_point()
    return p.x, p.y


def place_labels(
    ax: Axes,
    anchors: list[tuple[str, float, float]],
    avoid: list[tuple[float, float, float]] = (),
    fontsize: float = 7,
) -> list:
    """Label points without overlaps, most important first.

    A greedy placement: each label takes the first position near its anchor
    (:data:`_OFFSETS`) where it overlaps no label placed before it and no
    marker, and stays inside the axes; a moved label gets a thin leader line,
    and a label with no free position is left out.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes whose limits and aspect are already set.
    anchors : list of (text, x, y)
        In order of importance, in data coordinates.
    avoid : list of (x, y, radius)
        Markers to keep clear: centre in data coordinates, radius in points.
    fontsize : float

    Returns
    -------
    list of matplotlib.text.Annotation
        The labels placed.
    """
    from matplotlib.text import Text

    fig = ax.figure
    fig.canvas.draw()  # lays the figure out: the axes' final place and aspect
    renderer = fig.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    from matplotlib.transforms import Bbox

    scale = fig.dpi / 72.0
    taken: list = []
    for x, y, radius in avoid:
        cx, cy = ax.transData.transform((x, y))
        r = radius * scale
        taken.append(Bbox([[cx - r, cy - r], [cx + r, cy + r]]))
    placed = []
    for text, x, y in anchors:
        for dx, dy in _OFFSETS:
            ann = ax.annotate(
                text,
                (x, y),
                xytext=(dx, dy),
                textcoords="offset points",
                fontsize=fontsize,
                color="#222",
                ha="center",
                va="center",
                zorder=6,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.7},
                arrowprops=(
                    {"arrowstyle": "-", "color": "#555", "lw": 0.5, "shrinkA": 0, "shrinkB": 2}
                    if (dx, dy) != (0, 0)
                    else None
                ),
            )
            ann.update_positions(renderer)
            bb = Text.get_window_extent(ann, renderer).expanded(1.05, 1.1)  # text, no leader
            inside = frame.contains(bb.x0, bb.y0) and frame.contains(bb.x1, bb.y1)
            if inside and not any(bb.overlaps(t) for t in taken):
                taken.append(bb)
                placed.append(ann)
                break
            ann.remove()
    return placed


def plot_layer(layer: gpd.GeoDataFrame, ax: Axes | None = None, labels: bool = True) -> Axes:
    """Plot an incident layer: admin-1 units, borders, incidents by type, labels, legend.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        The incident layer (:func:`geo.layer.build_layer`).
    ax : matplotlib.axes.Axes, optional
    labels : bool
        Label the admin-1 units that have incidents.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from geo.layer import admin1_summary, ensure_joined
    from geo.regions import admin1

    layer = ensure_joined(layer)
    pts = located(layer)
    x0, y0, x1, y1 = extent(layer, pad=0.0)
    pad = max(1.0, 0.15 * max(x1 - x0, y1 - y0)) if len(pts) else 0.0
    box = shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    if ax is None:
        # the figure takes the map's shape, so no band of it is left blank
        width = 11.0
        height = min(9.0, max(3.5, 8.2 * (box.bounds[3] - box.bounds[1]) / _dx(box)))
        _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    c = basemap_countries()
    c = c[c.intersects(box)]
    c.plot(ax=ax, color="#f2efe9", edgecolor="#9e9e9e", linewidth=0.6, zorder=1)
    codes = set(pts["country"].dropna()) if "country" in pts else set()
    a = admin1()
    a[a["country"].isin(codes)].boundary.plot(ax=ax, color="#c8c8c8", linewidth=0.4, zorder=2)
    summary = admin1_summary(layer)
    if len(summary):
        summary.plot(
            ax=ax,
            column="incidents",
            cmap="Reds",
            alpha=0.45,
            zorder=2.5,
            edgecolor="#67000d",
            linewidth=0.5,
        )
    b = basemap_borders()
    b = b[b.intersects(box)]
    hot = b["border"].isin(set(pts["border"].dropna()) if "border" in pts else set())
    b[~hot].plot(ax=ax, color="#4d4d4d", linewidth=0.8, linestyle="--", zorder=3)
    b[hot].plot(ax=ax, color="#b2182b", linewidth=2.0, zorder=3)
    handles = []
    for event_type, (colour, label) in EVENT_STYLES.items():
        sel = pts[pts["event_type"] == event_type]
        if sel.empty:
            continue
        sizes = _marker_sizes(sel)
        ax.scatter(
            sel.geometry.x,
            sel.geometry.y,
            s=sizes,
            c=colour,
            edgecolors="#222",
            linewidths=0.6,
            zorder=4,
            alpha=0.9,
        )
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markerfacecolor=colour,
                markeredgecolor="#222",
                markersize=8,
                label=f"{label} ({len(sel)})",
            )
        )
    ax.set_xlim(box.bounds[0], box.bounds[2])
    ax.set_ylim(box.bounds[1], box.bounds[3])
    ax.set_aspect("equal")
    if labels and len(summary):
        ranked = summary.sort_values(["incidents", "admin1"], ascending=[False, True])
        anchors = [
            (r.admin1, *_label_point(r.geometry, box)) for r in ranked.itertuples(index=False)
        ]
        markers = [
            (g.x, g.y, (size**0.5) / 2)
            for g, size in zip(pts.geometry, _marker_sizes(pts), strict=True)
        ]
        place_labels(ax, anchors, avoid=markers)
    ax.set_xlabel("longitude (°)")
    ax.set_ylabel("latitude (°)")
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            fontsize=7,
            framealpha=0.9,
            title="Incidents",
        )
    ax.set_title(located_label(len(pts), len(layer) - len(pts)), fontsize=10)
    ax.figure.text(
        0.01,
        0.005,
        "Boundaries: Natural Earth. Places: GeoNames (CC BY 4.0).",
        fontsize=6,
        color="#666",
    )
    return ax


def save_png(layer: gpd.GeoDataFrame, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Plot a layer and write it as a PNG, atomically (matplotlib's Agg backend)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from geo.export import atomic_path

    ax = plot_layer(layer)
    path = Path(path)
    try:
        with atomic_path(path) as tmp:
            ax.figure.savefig(tmp, dpi=dpi, bbox_inches="tight", format="png")
    finally:
        plt.close(ax.figure)
    return path
