"""Write layers to files, atomically: nothing half-written is ever left behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = [
    "ATTRIBUTION",
    "FORMATS",
    "atomic_path",
    "output_format",
    "write_geojson",
    "write_incidents",
]

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


def _json_value(v):
    """A property value as plain JSON (nested lists/objects stay JSON, never Python reprs)."""
    import datetime as dt

    import numpy as np

    if v is None:
        return None
    if isinstance(v, float | np.floating):
        return None if np.isnan(v) else float(v)
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, dt.date | dt.datetime):
        return v.isoformat()
    if isinstance(v, pd.Timestamp):
        return None if pd.isna(v) else v.isoformat()
    if isinstance(v, np.ndarray):
        return [_json_value(x) for x in v.tolist()]
    if isinstance(v, list | tuple):
        return [_json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _json_value(x) for k, x in v.items()}
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def write_geojson(gdf: gpd.GeoDataFrame, path: str | os.PathLike) -> Path:
    """Write a GeoDataFrame as RFC 7946 GeoJSON.

    A FeatureCollection in EPSG:4326, lon/lat order, no ``crs`` member,
    coordinates rounded to 6 decimals, polygons wound by the right-hand rule
    (exterior rings counter-clockwise), dates as ISO strings, lists and objects
    as JSON, each feature carrying the data attribution in an ``attribution``
    property. Written atomically.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
    path : path-like

    Returns
    -------
    pathlib.Path
    """
    import json

    import shapely

    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    geoms = gdf.geometry.values
    present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
    rounded = shapely.orient_polygons(shapely.set_precision(geoms[present], 1e-6))
    geo_json = np.full(len(gdf), "null", dtype=object)
    geo_json[present] = shapely.to_geojson(rounded)
    props = gdf.drop(columns=[gdf.geometry.name])
    props = props.drop(
        columns=[c for c in props.columns if isinstance(props[c].dtype, gpd.array.GeometryDtype)]
    )
    columns = list(props.columns)
    path = Path(path)
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8") as fh:
        fh.write('{"type":"FeatureCollection","features":[\n')
        for k, (row, g) in enumerate(
            zip(props.itertuples(index=False, name=None), geo_json, strict=True)
        ):
            record = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
            record.setdefault("attribution", ATTRIBUTION)
            fh.write(("," if k else "") + '{"type":"Feature","properties":')
            fh.write(json.dumps(record, ensure_ascii=False, allow_nan=False))
            fh.write(f',"geometry":{g}}}\n')
        fh.write("]}\n")
    return path


#: Output formats by file extension.
FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".csv": "csv",
    ".parquet": "parquet",
}


def output_format(path: str | os.PathLike, fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt`` when given, else from the extension.

    Raises
    ------
    ValueError
        When the extension names no known format and ``fmt`` is not given.
    """
    if fmt:
        if fmt not in set(FORMATS.values()):
            raise ValueError(f"unknown format {fmt!r}; choose from {sorted(set(FORMATS.values()))}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"{path}: cannot tell the format from {suffix or 'no extension'!r}; "
            f"use one of {', '.join(FORMATS)} or --format"
        )
    return FORMATS[suffix]


def write_incidents(
    frame: gpd.GeoDataFrame, path: str | os.PathLike, fmt: str | None = None
) -> Path:
    """Write an incident layer in the format its extension (or ``fmt``) names.

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        From :func:`geo.layer.incident_frame`.
    path : path-like
    fmt : {"geojson", "gpkg", "csv", "parquet"}, optional

    Returns
    -------
    pathlib.Path
    """
    fmt = output_format(path, fmt)
    if fmt == "geojson":
        return write_geojson(frame.drop(columns=["footprint"], errors="ignore"), path)
    raise NotImplementedError(fmt)
