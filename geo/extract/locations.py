"""Where an incident happened: a place, a border section, an admin-1 unit, a region or a country.

A :class:`Location` carries its footprint (a point, the shared-boundary line of a
border section, or a polygon) and a representative point, both in EPSG:4326, and
the ACLED geo precision that honestly describes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

import shapely

from gazetteer.places import Place
from geo.data import pack_path
from geo.regions import Unit, find_unit, region_unit, shared_boundary, unit_geometry

__all__ = [
    "LOCATION_KINDS",
    "Location",
    "border_location",
    "is_physical",
    "place_location",
    "unresolved_location",
]

#: Location kinds, from the most to the least precise.
LOCATION_KINDS = ("place", "border_section", "admin1", "region", "country")


@dataclass(frozen=True)
class Location:
    """The location of an incident.

    Attributes
    ----------
    kind : str
        One of :data:`LOCATION_KINDS`.
    written : str
        The place words as the article wrote them (``"Gegharkunik / Kelbajar"``).
    name : str
        What it is, in plain words (``"Gegharkunik–Kəlbəcər section of the
        Armenia–Azerbaijan border"``).
    place_ids : tuple of str
        Gazetteer ids of the places it was built from.
    geo_precision : int
        ACLED geo precision: 1 the place itself, 2 near a place or a small part of
        a region (a border section between two provinces), 3 a larger region.
    countries : tuple of str
        ISO 3166-1 codes, the first side first.
    admin1_codes : tuple of str
        ISO 3166-2 codes named by the article (both sides of a border section).
    border : str or None
        ``"AM-AZ"`` for a border section: the international border it lies on.
    geometry : shapely.Geometry
        Footprint in EPSG:4326.
    lon, lat : float
        Representative point (on the footprint).
    """

    kind: str
    written: str
    name: str
    place_ids: tuple[str, ...]
    geo_precision: int
    countries: tuple[str, ...]
    admin1_codes: tuple[str, ...]
    border: str | None
    lon: float
    lat: float
    geometry: shapely.Geometry = field(compare=False, repr=False)
    unresolved: str | None = None  #: a place name the gazetteer does not know, inside this area

    @property
    def rank(self) -> tuple[int, int]:
        """Sort key: smaller is more precise."""
        return (self.geo_precision, LOCATION_KINDS.index(self.kind))


#: GeoNames feature codes of physical features small enough that naming them is
#: geo precision 2 (a small part of a region); seas, rivers and ranges are 3.
_SMALL_FEATURES = frozenset({"VAL", "PASS", "GLCR", "LK", "PLAT", "STRT"})


@lru_cache(maxsize=1)
def _feature_footprints() -> dict[str, shapely.Geometry]:
    import geopandas as gpd

    f = gpd.read_parquet(pack_path("features"))
    return dict(zip(f["id"], f.geometry.values, strict=True))


def is_physical(place: Place) -> bool:
    """True for a sea, river, valley, pass or border crossing of the features pack."""
    return place.source == "features"


def _unit(place: Place) -> Unit:
    if place.kind == "country":
        return find_unit(place.country, level="country")
    if place.kind == "region":
        return region_unit(place.id, place.name, place.country, place.members)
    if place.kind == "admin1":
        return find_unit(place.id, level="admin1")
    raise ValueError(f"{place.name!r} ({place.kind}) is not an area")


@lru_cache(maxsize=4096)
def _area_geometry(place: Place) -> shapely.Geometry:
    if is_physical(place):
        return _feature_footprints()[place.id]
    return unit_geometry(_unit(place))


def _admin1_codes(place: Place) -> tuple[str, ...]:
    if place.kind == "region":
        return ()
    return (place.admin1_code,) if place.admin1_code else ()


def place_location(place: Place, written: str, near: bool = False) -> Location:
    """Location of an incident at one place (town, admin-1 unit, region or country).

    A sea, river, valley or glacier of the features pack is located by its
    footprint (geo precision 3, or 2 for valleys, passes, glaciers, lakes and
    straits); a border crossing by its point. A second-level unit (US county,
    district) is located at its representative point with geo precision 2.

    Parameters
    ----------
    place : Place
    written : str
        The words the article used.
    near : bool
        The article says *near* (or *outside*) the place: geo precision 2.
    """
    if place.kind in ("populated_place", "feature"):
        geom = shapely.Point(place.lon, place.lat)
        kind, precision = "place", 2 if near else 1
        if place.feature == "ADM2":  # a county or district: somewhere in it, not at its point
            precision = 2
    elif is_physical(place):
        geom = _area_geometry(place)
        if geom.geom_type == "Point":  # a border crossing or a pass: a point on the border
            kind, precision = "place", 2 if near else 1
        else:  # a sea, river or valley: where on it the article does not say
            kind = "region"
            precision = 2 if place.feature in _SMALL_FEATURES else 3
    else:
        geom = _area_geometry(place)
        kind = place.kind
        precision = 3
    name = place.name if place.kind != "populated_place" else f"{place.name} ({place.country})"
    return Location(
        kind=kind,
        written=written,
        name=("near " if near else "") + name,
        place_ids=(place.id,),
        geo_precision=precision,
        countries=(place.country,),
        admin1_codes=_admin1_codes(place),
        border=None,
        lon=round(place.lon, 6),
        lat=round(place.lat, 6),
        geometry=geom,
    )


def unresolved_location(name: str, within: Location) -> Location:
    """A place the gazetteer does not know ("the village of X"), located by the area it lies in.

    The footprint and geo precision stay the area's (at least 2): the name is kept
    so that the record says where, and two unknown villages stay two places.
    """
    return replace(
        within,
        written=f"{name} ({within.written})",
        name=f"{name}, a place not in the gazetteer, in {within.name}",
        geo_precision=max(within.geo_precision, 2),
        unresolved=name,
    )


@lru_cache(maxsize=4096)
def _border_between(a: Place, b: Place):
    return shared_boundary(_unit(a), _unit(b))


def border_location(a: Place, b: Place, written: str) -> Location | None:
    """The section of border between two areas on different sides of an international border.

    ``a`` and ``b`` are countries, admin-1 units or regions. The footprint is
    their shared boundary; ``None`` when they do not touch.
    """
    if a.kind in ("populated_place", "feature") or b.kind in ("populated_place", "feature"):
        return None
    if is_physical(a) or is_physical(b):
        return None
    if a.country == b.country:
        return None
    sb = _border_between(a, b)
    if sb.is_empty:
        return None
    countries = sorted({a.country, b.country})
    border = "-".join(countries)
    country_names = [_country_name(c) for c in countries]
    both_countries = a.kind == "country" and b.kind == "country"
    if both_countries:
        name = "–".join(country_names) + " border"
    else:
        name = f"{a.name}–{b.name} section of the {'–'.join(country_names)} border"
    mid = shapely.line_interpolate_point(sb.geometry, 0.5, normalized=True)
    return Location(
        kind="border_section",
        written=written,
        name=name,
        place_ids=(a.id, b.id),
        geo_precision=3 if both_countries else 2,
        countries=(a.country, b.country),
        admin1_codes=_admin1_codes(a) + _admin1_codes(b),
        border=border,
        lon=round(mid.x, 6),
        lat=round(mid.y, 6),
        geometry=sb.geometry,
    )


@lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    return find_unit(code, level="country").name
