"""Write layers to files, atomically: nothing half-written is ever left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd

__all__ = ["ATTRIBUTION", "atomic_path", "write_geojson"]

#: Attribution that every export carries, as the data licences require.
ATTRIBUTION = (
    "Places: GeoNames (geonames.org), CC BY 4.0. "
    "Boundaries: Natural Earth (naturalearthdata.com), public domain."
)


class atomic_path:  # noqa: N801 - used like a function: ``with atomic_path(p) as tmp``
    """Context manager giving a temporary path that replaces ``path`` on success.

    On any error (or Ctrl-C) the temporary file is removed and ``path`` is left
    as it was.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        os.close(fd)
        os.unlink(tmp)  # GDAL drivers want to create the file themselves
        self.tmp = Path(tmp).with_suffix(self.path.suffix or ".tmp")
        return self.tmp

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write a GeoDataFrame as RFC 7946 GeoJSON.

    A FeatureCollection in EPSG:4326, lon/lat order, no ``crs`` member,
    coordinates rounded to 6 decimals, polygons wound by the right-hand rule
    (GDAL's ``RFC7946=YES``), each feature carrying the data attribution in an
    ``attribution`` property.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
    path : path-like

    Returns
    -------
    pathlib.Path
    """
    import pyogrio

    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    if "attribution" not in gdf.columns:
        gdf = gdf.assign(attribution=ATTRIBUTION)
    path = Path(path)
    with atomic_path(path) as tmp:
        pyogrio.write_dataframe(
            gdf,
            tmp,
            driver="GeoJSON",
            layer_options={
                "RFC7946": "YES",
                "COORDINATE_PRECISION": "6",
                "WRITE_NAME": "NO",
            },
        )
    return path
