"""Lengths, areas and distances in metric units, always computed in a projected CRS."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS, Transformer

__all__ = ["EQUAL_AREA_CRS", "area_km2", "distance_km", "length_km", "local_crs"]

#: Equal Earth, an equal-area world projection used for areas.
EQUAL_AREA_CRS = CRS.from_epsg(8857)


@lru_cache(maxsize=512)
def local_crs(lon: float, lat: float) -> CRS:
    """Return a transverse Mercator CRS centred on a point.

    A transverse Mercator centred on the geometry keeps scale error below
    0.1 % within ~500 km of its centre, like a UTM zone whose central meridian
    runs through the feature.

    Parameters
    ----------
    lon, lat : float
        Centre in degrees (EPSG:4326), rounded to 0.5° so that nearby
        geometries share one CRS.
    """
    lon0 = round(lon * 2) / 2
    lat0 = round(lat * 2) / 2
    return CRS.from_proj4(
        f"+proj=tmerc +lat_0={lat0} +lon_0={lon0} +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
    )


@lru_cache(maxsize=512)
def _to_local(lon0: float, lat0: float) -> Transformer:
    return Transformer.from_crs("EPSG:4326", local_crs(lon0, lat0), always_xy=True)


def _project_local(geom: shapely.Geometry) -> shapely.Geometry:
    c = shapely.centroid(geom)
    t = _to_local(round(c.x * 2) / 2, round(c.y * 2) / 2)
    return shapely.transform(geom, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def length_km(geoms) -> np.ndarray | float:
    """Length in kilometres of lines given in EPSG:4326.

    Each geometry is projected to a transverse Mercator centred on itself
    (see :func:`local_crs`) before measuring; never measured in degrees.

    Parameters
    ----------
    geoms : shapely.Geometry or array-like of them

    Returns
    -------
    float or numpy.ndarray
        Lengths in km (0 for empty geometries).
    """
    scalar = isinstance(geoms, shapely.Geometry)
    arr = np.atleast_1d(np.asarray(geoms, dtype=object))
    out = np.zeros(len(arr))
    for i, g in enumerate(arr):
        if g is not None and not g.is_empty:
            out[i] = shapely.length(_project_local(g)) / 1000.0
    return float(out[0]) if scalar else out


def area_km2(geoms) -> np.ndarray | float:
    """Area in km² of polygons given in EPSG:4326, measured in Equal Earth (EPSG:8857).

    Parameters
    ----------
    geoms : shapely.Geometry or array-like of them

    Returns
    -------
    float or numpy.ndarray
    """
    scalar = isinstance(geoms, shapely.Geometry)
    arr = np.atleast_1d(np.asarray(geoms, dtype=object))
    t = Transformer.from_crs("EPSG:4326", EQUAL_AREA_CRS, always_xy=True)
    projected = shapely.transform(arr, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))
    out = shapely.area(projected) / 1e6
    return float(out[0]) if scalar else out


def distance_km(a: shapely.Geometry, b: shapely.Geometry) -> float:
    """Shortest distance in kilometres between two geometries given in EPSG:4326.

    Both are projected to one transverse Mercator centred between them, so the
    figure is good to well under 1 % for the short distances (tens of km) it is
    used for; 0 when they touch or overlap.
    """
    if shapely.intersects(a, b):
        return 0.0
    ca, cb = shapely.centroid(a), shapely.centroid(b)
    t = _to_local(round(ca.x + cb.x) / 2, round(ca.y + cb.y) / 2)

    def proj(g):
        return shapely.transform(g, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))

    return float(shapely.distance(proj(a), proj(b))) / 1000.0
