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
    "CSV_COLUMNS",
    "FORMATS",
    "acled_table",
    "atomic_path",
    "output_format",
    "read_incidents",
    "write_geojson",
    "write_gpkg_layers",
    "write_incidents",
]

#: Attribution that every export carries, as the data licences require.
ATTRIBUTION = (
    "Places: GeoNames (geonames.org), CC BY 4.0. "
    "Boundaries: Natural Earth (naturalearthdata.com), public domain; seas, rivers and "
    "border crossings derived from them by bordermap. "
    "US counties: U.S. Census Bureau, public domain."
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


#: ACLED-like CSV columns first (``event_type``/``sub_event_type`` are ACLED's), then ours.
CSV_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "bordermap_event_type",
    "wounded",
    "date_start",
    "date_end",
    "date_precision",
    "date_inferred",
    "place",
    "location_kind",
    "admin1_code",
    "admin1_disagrees",
    "border",
    "border_distance_km",
    "border_sides",
    "claimed_by",
    "denied_by",
    "quote",
    "source_urls",
    "sources",
    "evidence",
    "attribution",
)


def _json_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Lists and objects as JSON text, for formats that cannot nest."""
    import json

    from geo.layer import JSON_COLUMNS

    out = frame.copy()
    for col in JSON_COLUMNS:
        if col in out:
            out[col] = [
                json.dumps(_json_value(v), ensure_ascii=False) if not isinstance(v, str) else v
                for v in out[col]
            ]
    return out


def acled_table(layer: gpd.GeoDataFrame) -> pd.DataFrame:
    """The incident layer as an ACLED-like table (see :data:`CSV_COLUMNS`)."""
    import json

    t = pd.DataFrame(index=layer.index)
    t["event_id_cnty"] = layer["incident_id"]
    for col in ("event_date", "time_precision", "actor1", "actor2", "country", "admin1"):
        t[col] = layer.get(col)
    t["event_type"] = layer["acled_event_type"]
    t["sub_event_type"] = layer["acled_sub_event_type"]
    t["location"] = layer["location"]
    t["latitude"] = layer["latitude"]
    t["longitude"] = layer["longitude"]
    t["geo_precision"] = layer["geo_precision"]
    srcs = layer["sources"].map(lambda s: json.loads(s) if isinstance(s, str) else s)
    t["source"] = srcs.map(
        lambda ss: "; ".join(dict.fromkeys(s.get("publisher") or s.get("title") or "" for s in ss))
    )
    t["notes"] = layer["notes"]
    t["fatalities"] = layer["killed"]
    t["bordermap_event_type"] = layer["event_type"]
    ours = CSV_COLUMNS[CSV_COLUMNS.index("wounded") : CSV_COLUMNS.index("quote") + 1]
    for col in ours:
        t[col] = layer.get(col)
    t["source_urls"] = srcs.map(lambda ss: " ".join(s["url"] for s in ss if s.get("url")))
    t["sources"] = srcs.map(lambda ss: json.dumps(ss, ensure_ascii=False))
    if "evidence" in layer:
        t["evidence"] = layer["evidence"].map(
            lambda ev: (
                ev if isinstance(ev, str) else json.dumps(_json_value(ev), ensure_ascii=False)
            )
        )
    else:
        t["evidence"] = "[]"
    t["attribution"] = ATTRIBUTION
    return t[list(CSV_COLUMNS)]


def _footprints(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    fp = layer[["incident_id", "event_type", "event_date", "place", "location_kind"]].copy()
    fp = gpd.GeoDataFrame(fp, geometry=layer["footprint"].values, crs=4326)
    fp = fp[~(fp.geometry.isna() | fp.geometry.is_empty)]
    fp["attribution"] = ATTRIBUTION
    return fp


def _border_layer(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    from geo.regions import borders

    b = borders().copy()
    counts = layer["border"].value_counts() if "border" in layer else pd.Series(dtype=int)
    b["incidents"] = b["border"].map(counts).fillna(0).astype(int)
    b["attribution"] = ATTRIBUTION
    return b


def write_incidents(
    layer: gpd.GeoDataFrame, path: str | os.PathLike, fmt: str | None = None
) -> Path:
    """Write an incident layer in the format its extension (or ``fmt``) names.

    * GeoJSON: RFC 7946 points with every field (lists and sources as JSON).
    * GeoPackage: layers ``incidents`` (points), ``footprints`` (lines and
      polygons), ``admin1_summary`` (polygons) and ``borders``.
    * CSV: ACLED-like columns (:data:`CSV_COLUMNS`).
    * GeoParquet: points plus the ``footprint`` geometry column.

    Every format carries the data attribution; every write is atomic.

    Parameters
    ----------
    layer : geopandas.GeoDataFrame
        From :func:`geo.layer.build_layer` (joined) or :func:`geo.layer.incident_frame`.
    path : path-like
    fmt : {"geojson", "gpkg", "csv", "parquet"}, optional

    Returns
    -------
    pathlib.Path
    """
    fmt = output_format(path, fmt)
    path = Path(path)
    from geo.layer import ensure_joined

    layer = ensure_joined(layer).assign(attribution=ATTRIBUTION)
    if fmt == "geojson":
        return write_geojson(layer.drop(columns=["footprint"]), path)
    if fmt == "csv":
        with atomic_path(path) as tmp:
            acled_table(layer).to_csv(tmp, index=False, encoding="utf-8")
        return path
    if fmt == "parquet":
        with atomic_path(path) as tmp:
            _json_text(layer).to_parquet(tmp, index=False, compression="zstd")
        return path
    with atomic_path(path) as tmp:
        write_gpkg_layers(layer, tmp)
    return path


def write_gpkg_layers(layer: gpd.GeoDataFrame, path: Path) -> None:
    """Write the GeoPackage layers of an incident layer into ``path`` (not atomic by itself).

    Layers: ``incidents``, ``footprints``, ``admin1_summary`` and ``borders``.
    """
    import pyogrio

    from geo.layer import admin1_summary

    if "attribution" not in layer:
        layer = layer.assign(attribution=ATTRIBUTION)
    flat = _json_text(layer)
    pyogrio.write_dataframe(flat.drop(columns=["footprint"]), path, layer="incidents")
    pyogrio.write_dataframe(_footprints(layer), path, layer="footprints", geometry_type="Unknown")
    summary = admin1_summary(layer).assign(attribution=ATTRIBUTION)
    pyogrio.write_dataframe(summary, path, layer="admin1_summary", promote_to_multi=True)
    pyogrio.write_dataframe(_border_layer(layer), path, layer="borders", promote_to_multi=True)


def read_incidents(path: str | os.PathLike, fmt: str | None = None) -> gpd.GeoDataFrame:
    """Read an incident layer written by :func:`write_incidents`.

    GeoJSON, GeoPackage or GeoParquet come back in the layer schema: JSON
    columns restored, footprints attached (GeoJSON holds points only, so there
    the footprint is the point), EPSG:4326.
    """
    from geo.layer import INCIDENT_DTYPES, JSON_COLUMNS, json_cell

    fmt = output_format(path, fmt)
    path = Path(path)
    if fmt == "csv":
        raise ValueError(f"{path}: CSV holds a table, not a layer; read it with pandas")
    if fmt == "parquet":
        layer = gpd.read_parquet(path)
    elif fmt == "gpkg":
        import pyogrio

        layer = pyogrio.read_dataframe(path, layer="incidents")
        fp = pyogrio.read_dataframe(path, layer="footprints")[["incident_id", "geometry"]]
        by_id = dict(zip(fp["incident_id"], fp.geometry, strict=True))
        layer["footprint"] = gpd.GeoSeries(
            [by_id.get(i) for i in layer["incident_id"]], crs=4326, index=layer.index
        )
    else:
        layer = gpd.read_file(path)
        layer["footprint"] = gpd.GeoSeries(layer.geometry.values, crs=4326, index=layer.index)
    for col in JSON_COLUMNS:
        if col in layer:
            layer[col] = [json_cell(v) for v in layer[col]]
    for col in ("event_date", "date_start", "date_end"):
        if col in layer:  # GDAL may read ISO dates as datetimes; the layer keeps ISO text
            layer[col] = [
                None
                if v is None or pd.isna(v)
                else (v if isinstance(v, str) else v.date().isoformat())
                for v in layer[col]
            ]
    for col, dtype in INCIDENT_DTYPES.items():
        if col in layer:
            layer[col] = pd.array([None if pd.isna(v) else int(v) for v in layer[col]], dtype=dtype)
    return layer.set_crs(4326, allow_override=True)
