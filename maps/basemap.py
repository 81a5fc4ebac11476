"""What a map shows under its incidents: its area, the countries and their borders.

The area is the incidents', else that of the countries named, else the world.
Natural Earth makes a few leased or military enclaves countries of their own
(the Baikonur Cosmodrome inside Kazakhstan, Guantanamo Bay inside Cuba, the
Akrotiri base inside Cyprus); a map draws each as part of the one country that
surrounds it, so no ring of a border that is not one appears on it.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from geo.layer import json_cell, located

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["WORLD", "basemap_borders", "basemap_countries", "extent"]

#: The view of a map with nothing to show: the inhabited world.
WORLD = (-180.0, -58.0, 180.0, 78.0)


def extent(layer: gpd.GeoDataFrame, pad: float = 2.0) -> tuple[float, float, float, float]:
    """The area a map of the layer shows: west, south, east, north in degrees.

    The located incidents' bounds, padded by ``pad`` degrees; with none located,
    the bounds of the countries their articles name (each one's largest part);
    else the inhabited world.
    """
    pts = located(layer).geometry
    if not pts.empty:
        x0, y0, x1, y1 = pts.total_bounds
        return (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    codes = _countries_named(layer)
    if codes:
        import shapely

        from geo.regions import countries

        c = countries()
        c = c[c["country"].isin(codes)]
        if len(c):
            # each country's largest part: overseas islands would stretch the view
            parts = [max(shapely.get_parts(g), key=lambda p: p.area) for g in c.geometry]
            x0, y0, x1, y1 = shapely.total_bounds(parts)
            return (x0 - pad / 4, y0 - pad / 4, x1 + pad / 4, y1 + pad / 4)
    return WORLD


def _countries_named(layer: gpd.GeoDataFrame) -> set[str]:
    """Countries of the layer's incidents, located or not (``country``, ``location_countries``)."""
    codes = set(layer["country"].dropna()) if "country" in layer else set()
    if "location_countries" in layer:
        for v in layer["location_countries"]:
            codes.update(c for c in json_cell(v) if isinstance(c, str))
    return codes


@functools.cache
def _enclave_hosts() -> dict[str, str]:
    """Units without an ISO 3166-1 code that touch one country only → that country."""
    from geo.regions import borders

    b = borders()
    pairs = [*zip(b["country_a"], b["country_b"], strict=True)]
    pairs += [(y, x) for x, y in pairs]
    neighbours: dict[str, set[str]] = {}
    for a, other in pairs:
        neighbours.setdefault(a, set()).add(other)
    return {
        code: next(iter(n))
        for code, n in neighbours.items()
        if len(code) != 2 and len(n) == 1 and len(next(iter(n))) == 2
    }


@functools.cache
def basemap_countries() -> gpd.GeoDataFrame:
    """Countries to draw: :func:`geo.regions.countries` with enclaves in their host.

    Cached: callers select rows and never change the frame.
    """
    import shapely

    from geo.regions import countries

    c = countries()
    hosts = _enclave_hosts()
    if not hosts:
        return c
    c = c.copy()
    enclaves = c[c["country"].isin(list(hosts))]
    for code, geom in zip(enclaves["country"], enclaves.geometry, strict=True):
        host = c["country"] == hosts[code]
        c.loc[host, "geometry"] = [shapely.union(c.loc[host].geometry.iloc[0], geom)]
    return c[~c["country"].isin(list(hosts))].reset_index(drop=True)


def basemap_borders() -> gpd.GeoDataFrame:
    """International borders to draw: :func:`geo.regions.borders` less enclaves' edges."""
    from geo.regions import borders

    b = borders()
    hosts = _enclave_hosts()
    return b[~(b["country_a"].isin(list(hosts)) | b["country_b"].isin(list(hosts)))]
