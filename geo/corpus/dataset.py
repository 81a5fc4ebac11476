"""Partitioned GeoParquet output: a directory of part files that reads as one layer.

``incidents.parquet/`` holds ``part-00000.parquet``, ``part-00001.parquet``, … (each
written atomically), a ``_manifest.json`` naming them with their row counts, and an
empty ``_SUCCESS`` marker written last. ``geopandas.read_parquet`` reads the
directory whole (names starting with ``_`` or ``.`` are not data). The dataset is
built in a temporary directory beside the target and moved into place at the end,
so an earlier good output is never replaced by a partial one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.extract.record import Incident

__all__ = ["ROWS_PER_PART", "is_dataset", "read_dataset", "write_dataset"]

#: Incidents per part file.
ROWS_PER_PART = 100_000
_TEXT_KINDS = ("O", "U", "S")


def _fixed_types(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Text columns as one string type, so parts with only empty values match the others."""
    out = layer.copy()
    geometry_columns = {c for c in out.columns if str(out[c].dtype) == "geometry"} | {
        out.geometry.name
    }
    for col in out.columns:
        if col in geometry_columns:
            continue
        s = out[col]
        if s.dtype.kind in _TEXT_KINDS or isinstance(s.dtype, pd.StringDtype):
            out[col] = s.astype(pd.StringDtype("python"))
    return out


def write_dataset(
    incidents: Iterable[Incident] | gpd.GeoDataFrame,
    path: str | os.PathLike,
    rows_per_part: int = ROWS_PER_PART,
) -> Path:
    """Write incidents as a partitioned GeoParquet dataset.

    Parameters
    ----------
    incidents
        Incidents (joined part by part with :func:`geo.layer.build_layer`) or a layer.
    path
        The dataset directory, conventionally ``something.parquet``.
    rows_per_part
        Incidents per part file.

    Returns
    -------
    pathlib.Path
    """
    import geopandas as gpd

    from geo.export import ATTRIBUTION, _json_text, atomic_path
    from geo.layer import build_layer, ensure_joined

    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{path}: exists and is a file, not a dataset directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        if isinstance(incidents, gpd.GeoDataFrame):
            layers = (
                incidents.iloc[k : k + rows_per_part]
                for k in range(0, max(len(incidents), 1), rows_per_part)
            )
        else:
            items = list(incidents)
            layers = (
                build_layer(items[k : k + rows_per_part])
                for k in range(0, max(len(items), 1), rows_per_part)
            )
        parts = []
        for k, layer in enumerate(layers):
            name = f"part-{k:05d}.parquet"
            layer = ensure_joined(layer).assign(attribution=ATTRIBUTION)
            with atomic_path(tmp / name) as part:
                _fixed_types(_json_text(layer)).to_parquet(part, index=False, compression="zstd")
            parts.append({"file": name, "rows": len(layer)})
        manifest = {
            "format": "bordermap incidents, GeoParquet parts",
            "parts": parts,
            "rows": sum(p["rows"] for p in parts),
            "attribution": ATTRIBUTION,
        }
        (tmp / "_manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        (tmp / "_SUCCESS").write_bytes(b"")
        old = None
        if path.exists():
            old = path.with_name(f".{path.name}.old-{os.getpid()}")
            os.replace(path, old)
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return path


def is_dataset(path: str | os.PathLike) -> bool:
    """True when ``path`` is a complete dataset written by :func:`write_dataset`."""
    p = Path(path)
    return p.is_dir() and (p / "_SUCCESS").exists() and (p / "_manifest.json").exists()


def read_dataset(path: str | os.PathLike) -> gpd.GeoDataFrame:
    """Read a dataset written by :func:`write_dataset` as one incident layer.

    Raises
    ------
    ValueError
        When the directory has no ``_SUCCESS`` marker (an unfinished write).
    """
    from geo.export import read_incidents

    if not is_dataset(path):
        raise ValueError(f"{path}: not a complete bordermap dataset (no _SUCCESS marker)")
    return read_incidents(path, fmt="parquet")
