"""The incident layer: incidents as a GeoDataFrame in EPSG:4326."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import shapely

if TYPE_CHECKING:
    from geo.incidents import Incident

__all__ = ["INCIDENT_DTYPES", "incident_frame"]

#: Column dtypes of the incident layer (nullable integers: null means "not said").
INCIDENT_DTYPES = {
    "killed": "Int64",
    "wounded": "Int64",
    "time_precision": "Int64",
    "geo_precision": "Int64",
    "quote_start": "Int64",
    "quote_end": "Int64",
}


def incident_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Incidents as a GeoDataFrame, one row per incident.

    Columns are the contract fields of :meth:`Incident.to_record`; ``geometry``
    is the representative point and ``footprint`` the footprint (point,
    border-section line or polygon), both EPSG:4326.
    """
    incidents = list(incidents)
    records = [i.to_record() for i in incidents]
    points = [
        shapely.Point(r["longitude"], r["latitude"]) if r["longitude"] is not None else None
        for r in records
    ]
    footprints = [i.location.geometry if i.location else None for i in incidents]
    frame = gpd.GeoDataFrame(records, geometry=gpd.GeoSeries(points, crs=4326), crs=4326)
    frame["footprint"] = gpd.GeoSeries(footprints, crs=4326)
    for col, dtype in INCIDENT_DTYPES.items():
        frame[col] = frame[col].astype(dtype) if len(frame) else pd.Series(dtype=dtype)
    return frame
