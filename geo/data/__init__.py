"""Offline data packs: Natural Earth admin-1 polygons, countries and border lines.

The packs are GeoParquet files shipped inside this package and located with
:mod:`importlib.resources`. They are produced by :mod:`geo.data.build`
(``python -m geo.data build``) from registry packages; see ``DATA.md`` in the
repository for the sources and the corrections applied.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["PACKS", "pack_path"]

#: File name of every data pack this package ships.
PACKS = {
    "admin1": "admin1.parquet",
    "countries": "countries.parquet",
    "borders": "borders.parquet",
    "features": "features.parquet",
}


def pack_path(name: str) -> Path:
    """Return the path of a shipped data pack.

    Parameters
    ----------
    name : str
        One of ``"admin1"``, ``"countries"``, ``"borders"``, ``"features"`` (footprints
        of seas, rivers, valleys and border crossings, by gazetteer id).

    Returns
    -------
    pathlib.Path
        Location of the GeoParquet file.

    Raises
    ------
    KeyError
        If ``name`` is not a known pack.
    FileNotFoundError
        If the pack has not been built (run ``python -m geo.data build``).
    """
    if name not in PACKS:
        raise KeyError(f"unknown data pack {name!r}; known packs: {', '.join(PACKS)}")
    path = Path(str(resources.files(__name__).joinpath(PACKS[name])))
    if not path.is_file():
        raise FileNotFoundError(
            f"data pack {path} is missing; build it with 'python -m geo.data build'"
        )
    return path
