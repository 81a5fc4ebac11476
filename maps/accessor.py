"""``layer.bordermap.explore()`` and ``layer.bordermap.plot()`` on incident layers.

An incident layer is a plain GeoDataFrame, so its own ``explore()`` and
``plot()`` are geopandas' generic ones. Importing :mod:`maps` registers the
``bordermap`` accessor with the styled versions.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["BordermapAccessor"]


@pd.api.extensions.register_dataframe_accessor("bordermap")
class BordermapAccessor:
    """Incident-layer maps: ``layer.bordermap.explore()``, ``layer.bordermap.plot()``."""

    def __init__(self, layer):
        self._layer = layer

    def explore(self, offline: bool = False, **kwargs):
        """The interactive map (a :class:`folium.Map`; shows inline in Jupyter)."""
        from maps.html import incident_map

        return incident_map(self._layer, offline=offline, **kwargs)

    def plot(self, ax=None, labels: bool = True):
        """The static map (matplotlib); returns the Axes."""
        from maps.static import plot_layer

        return plot_layer(self._layer, ax=ax, labels=labels)
