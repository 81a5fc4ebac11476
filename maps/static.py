"""Static maps with matplotlib: no browser needed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import shapely

from maps.style import EVENT_STYLES, marker_radius

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

__all__ = ["plot_layer", "save_png"]


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
    from geo.regions import admin1, borders, countries

    layer = ensure_joined(layer)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 7))
    pts = layer[layer.geometry.notna() & ~layer.geometry.is_empty]
    if len(pts):
        x0, y0, x1, y1 = pts.total_bounds
    else:
        x0, y0, x1, y1 = -180, -60, 180, 80
    pad = max(1.0, 0.15 * max(x1 - x0, y1 - y0))
    box = shapely.box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    c = countries()
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
    b = borders()
    b = b[b.intersects(box)]
    hot = b["border"].isin(set(pts["border"].dropna()) if "border" in pts else set())
    b[~hot].plot(ax=ax, color="#4d4d4d", linewidth=0.8, linestyle="--", zorder=3)
    b[hot].plot(ax=ax, color="#b2182b", linewidth=2.0, zorder=3)
    handles = []
    for event_type, (colour, label) in EVENT_STYLES.items():
        sel = pts[pts["event_type"] == event_type]
        if sel.empty:
            continue
        killed = sel["killed"].astype("Float64").fillna(0).to_numpy(dtype=float)
        wounded = sel["wounded"].astype("Float64").fillna(0).to_numpy(dtype=float)
        sizes = [2 * marker_radius(k, w) ** 2 for k, w in zip(killed, wounded, strict=True)]
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
    if labels and len(summary):
        for r in summary.itertuples():
            p = r.geometry.representative_point()
            ax.annotate(r.admin1, (p.x, p.y), fontsize=7, color="#333", ha="center", zorder=5)
    ax.set_xlim(box.bounds[0], box.bounds[2])
    ax.set_ylim(box.bounds[1], box.bounds[3])
    ax.set_aspect("equal")
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
    ax.set_title(f"{len(pts)} located incidents", fontsize=10)
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
