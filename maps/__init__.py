"""Rendering: folium/Leaflet HTML maps (online and offline), notebook helpers, static plots."""

from __future__ import annotations

from maps.accessor import BordermapAccessor
from maps.html import CLUSTER_THRESHOLD, incident_map, save_map
from maps.offline import MissingAssetError, inline_assets
from maps.static import place_labels, plot_layer, save_png
from maps.style import EVENT_STYLES, marker_radius

__all__ = [
    "CLUSTER_THRESHOLD",
    "EVENT_STYLES",
    "BordermapAccessor",
    "MissingAssetError",
    "incident_map",
    "inline_assets",
    "marker_radius",
    "place_labels",
    "plot_layer",
    "save_map",
    "save_png",
]
