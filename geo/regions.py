"""Admin-1 units, countries and international borders from the shipped data packs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from rapidfuzz import process

from gazetteer.normalize import name_key, skeleton_key
from geo.data import pack_path
from geo.measure import length_km

__all__ = [
    "SharedBoundary",
    "Unit",
    "UnknownUnitError",
    "admin1",
    "borders",
    "countries",
    "find_unit",
    "region_unit",
    "shared_boundary",
    "unit_geometry",
]


class UnknownUnitError(LookupError):
    """A code or name that matches no admin-1 unit or country."""


@lru_cache(maxsize=1)
def _admin1() -> gpd.GeoDataFrame:
    return gpd.read_parquet(pack_path("admin1"))


@lru_cache(maxsize=1)
def _countries() -> gpd.GeoDataFrame:
    return gpd.read_parquet(pack_path("countries"))


@lru_cache(maxsize=1)
def _borders() -> gpd.GeoDataFrame:
    return gpd.read_parquet(pack_path("borders"))


def _country_code(country: str) -> str:
    unit = find_unit(country, level="country")
    return unit.code


def admin1(country: str | None = None) -> gpd.GeoDataFrame:
    """Admin-1 units (provinces, districts, regions) as a GeoDataFrame in EPSG:4326.

    Parameters
    ----------
    country : str, optional
        ISO 3166-1 alpha-2 or alpha-3 code, or the country's name.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per unit; ``admin1_id`` is unique, ``iso_3166_2`` is not
        always (Natural Earth repeats a few codes).
    """
    df = _admin1()
    if country is not None:
        df = df[df["country"] == _country_code(country)]
    return df.copy()


def countries() -> gpd.GeoDataFrame:
    """Countries (the union of their admin-1 units) as a GeoDataFrame in EPSG:4326."""
    return _countries().copy()


def borders(country: str | None = None) -> gpd.GeoDataFrame:
    """International border lines, one feature per pair of neighbouring countries.

    Parameters
    ----------
    country : str, optional
        Keep the borders of this country only.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``border`` (e.g. ``"AM-AZ"``), ``country_a``, ``country_b``,
        ``length_km`` and the line geometry, in EPSG:4326.
    """
    df = _borders()
    if country is not None:
        code = _country_code(country)
        df = df[(df["country_a"] == code) | (df["country_b"] == code)]
    return df.copy()


@dataclass(frozen=True)
class Unit:
    """An admin-1 unit or a country, as found by :func:`find_unit`."""

    level: str  #: ``"admin1"``, ``"country"`` or ``"region"`` (a union of admin-1 units)
    code: str  #: ISO 3166-2 (admin-1) or ISO 3166-1 alpha-2 (country)
    name: str
    country: str
    rows: tuple[int, ...]  #: row positions in the pack (several when a code repeats)


@lru_cache(maxsize=1)
def _name_table() -> pd.DataFrame:
    a = _admin1()
    c = _countries()
    rows = []
    for pos, r in enumerate(a.itertuples(index=False)):
        names = {r.name, r.name_en, *r.name_alt.split("|")}
        for n in names:
            if n:
                rows.append(("admin1", r.iso_3166_2, r.name, r.country, pos, n))
    for pos, r in enumerate(c.itertuples(index=False)):
        for n in (r.name, r.adm0_a3):
            rows.append(("country", r.country, r.name, r.country, pos, n))
    df = pd.DataFrame(rows, columns=["level", "code", "name", "country", "pos", "variant"])
    df["key"] = df["variant"].map(name_key)
    df["skeleton"] = df["variant"].map(skeleton_key)
    return df


def find_unit(query: str, level: str | None = None) -> Unit:
    """Find an admin-1 unit or a country by code or name.

    Parameters
    ----------
    query : str
        ISO 3166-2 code (``"AM-GR"``), Natural Earth ``admin1_id``, ISO 3166-1
        alpha-2 or alpha-3 code, or a name in any spelling the pack knows
        (``"Kelbajar"``, ``"Kəlbəcər"``, ``"Armenia"``).
    level : {"admin1", "country"}, optional
        Restrict the search.

    Returns
    -------
    Unit

    Raises
    ------
    UnknownUnitError
        If nothing matches, or a name matches several units; the message
        suggests close matches.
    """
    a = _admin1()
    c = _countries()
    q = query.strip()
    if level in (None, "country"):
        hit = c.index[(c["country"] == q.upper()) | (c["adm0_a3"] == q.upper())]
        if len(hit):
            r = c.loc[hit[0]]
            return Unit("country", r["country"], r["name"], r["country"], (int(hit[0]),))
    if level in (None, "admin1"):
        hit = a.index[(a["iso_3166_2"] == q.upper()) | (a["admin1_id"] == q.upper())]
        if len(hit):
            r = a.loc[hit[0]]
            return Unit("admin1", r["iso_3166_2"], r["name"], r["country"], tuple(map(int, hit)))
    names = _name_table()
    if level is not None:
        names = names[names["level"] == level]
    key = name_key(q)
    found = names[names["key"] == key].drop_duplicates(["level", "pos"])
    if found.empty and len(key) >= 5:
        found = names[names["skeleton"] == skeleton_key(q)].drop_duplicates(["level", "pos"])
    if len(found) == 1 or (len(found) > 1 and found["level"].eq("country").any()):
        r = found.sort_values("level", ascending=False).iloc[0]
        rows = (int(r["pos"]),)
        return Unit(r["level"], r["code"], r["name"], r["country"], rows)
    if len(found) > 1:
        options = ", ".join(f"{r.code} {r.name} ({r.country})" for r in found.itertuples())
        raise UnknownUnitError(f"{query!r} is ambiguous: {options}; use an ISO code")
    close = process.extract(key, names["key"].unique().tolist(), limit=5, score_cutoff=70)
    hints = names[names["key"].isin([m[0] for m in close])].drop_duplicates(["level", "pos"])
    hint = ", ".join(f"{r.code} {r.name}" for r in hints.head(5).itertuples())
    what = level or "admin-1 unit or country"
    raise UnknownUnitError(
        f"no {what} matches {query!r}" + (f"; did you mean: {hint}?" if hint else "")
    )


def region_unit(code: str, name: str, country: str, members: tuple[str, ...]) -> Unit:
    """A region made of admin-1 units (``members``: ISO 3166-2 codes), usable as a :class:`Unit`.

    Raises
    ------
    UnknownUnitError
        If a member code is not in the admin-1 pack.
    """
    a = _admin1()
    rows: list[int] = []
    for m in members:
        hit = np.flatnonzero(a["iso_3166_2"].to_numpy() == m)
        if not len(hit):
            raise UnknownUnitError(f"region {code!r}: member {m!r} is not an admin-1 unit")
        rows.extend(int(h) for h in hit)
    return Unit("region", code, name, country, tuple(rows))


def unit_geometry(unit: Unit | str) -> shapely.Geometry:
    """Polygon of a unit (the union, when a repeated ISO code names several)."""
    if isinstance(unit, str):
        unit = find_unit(unit)
    frame = _countries() if unit.level == "country" else _admin1()
    geoms = frame.geometry.values[list(unit.rows)]
    return geoms[0] if len(geoms) == 1 else shapely.union_all(geoms)


@dataclass(frozen=True)
class SharedBoundary:
    """The line(s) two units share."""

    a: Unit
    b: Unit
    geometry: shapely.Geometry  #: (Multi)LineString in EPSG:4326, empty when they don't touch
    length_km: float

    @property
    def is_empty(self) -> bool:
        """True when the two units do not share a boundary."""
        return self.geometry.is_empty


def shared_boundary(a: str | Unit, b: str | Unit) -> SharedBoundary:
    """Return the boundary two admin-1 units or countries share.

    Neighbouring Natural Earth polygons share exact vertices, so the shared
    boundary is the intersection of the two boundaries, kept as lines.

    Parameters
    ----------
    a, b : str or Unit
        ISO codes or names (see :func:`find_unit`).

    Returns
    -------
    SharedBoundary
        Empty geometry and length 0 when the units do not touch.
    """
    ua = a if isinstance(a, Unit) else find_unit(a)
    ub = b if isinstance(b, Unit) else find_unit(b)
    ga, gb = unit_geometry(ua), unit_geometry(ub)
    shared = shapely.intersection(shapely.boundary(ga), shapely.boundary(gb))
    lines = [p for p in shapely.get_parts(shared) if p.geom_type == "LineString" and not p.is_empty]
    geom = shapely.line_merge(shapely.MultiLineString(lines)) if lines else shapely.LineString()
    return SharedBoundary(ua, ub, geom, round(length_km(geom), 3))
