"""The incident layer: geometry packs, articles, incidents, spatial joins and export."""

from __future__ import annotations

from geo.measure import area_km2, length_km
from geo.regions import (
    SharedBoundary,
    UnknownUnitError,
    admin1,
    borders,
    countries,
    find_unit,
    shared_boundary,
    unit_geometry,
)

__all__ = [
    "SharedBoundary",
    "UnknownUnitError",
    "admin1",
    "area_km2",
    "borders",
    "countries",
    "find_unit",
    "length_km",
    "shared_boundary",
    "unit_geometry",
]
