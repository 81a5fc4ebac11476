"""The incident layer: incidents as a GeoDataFrame in EPSG:4326, joined with regions.

One way to hold incidents: a plain :class:`geopandas.GeoDataFrame` with the
columns of :data:`LAYER_COLUMNS` (the incident contract of
:meth:`geo.extract.incidents.Incident.to_record` plus the joins), the representative
point as the active ``geometry`` and the footprint (a point for a place, the
shared-boundary line of a border section, the polygon of an admin-1 unit or a
region) in a second geometry column ``footprint``.

Joins are geopandas joins against the data packs: the admin-1 unit and country
containing the point (``sjoin``), and the nearest international border line
(``sjoin_nearest`` in the Equal Earth projection, the distance then measured
on the ellipsoid between the two nearest points). When the article names a
province and the point falls in another one, the article's province is kept and
``admin1_disagrees`` flags it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

if TYPE_CHECKING:
    from geo.extract.record import Incident

__all__ = [
    "INCIDENT_DTYPES",
    "JSON_COLUMNS",
    "admin1_summary",
    "build_layer",
    "ensure_joined",
    "incident_frame",
    "incidents_from_frame",
    "join_regions",
    "json_cell",
    "located",
    "monthly_summary",
    "optional_int",
    "optional_str",
]

#: Column dtypes of the incident layer (nullable integers: null means "not said").
INCIDENT_DTYPES = {
    "killed": "Int64",
    "wounded": "Int64",
    "time_precision": "Int64",
    "geo_precision": "Int64",
    "quote_start": "Int64",
    "quote_end": "Int64",
}
#: Columns holding lists or objects; files that cannot nest store them as JSON text.
JSON_COLUMNS = (
    "casualties",
    "place_ids",
    "location_countries",
    "location_admin1",
    "sources",
    "evidence",
    "border_evidence",
)


def incident_frame(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Incidents as a GeoDataFrame, one row per incident (without the joins).

    Columns are the contract fields of :meth:`Incident.to_record`; ``geometry``
    is the representative point and ``footprint`` the footprint, both EPSG:4326.
    Incidents without a location have empty geometries.
    """
    incidents = list(incidents)
    records = [i.to_record() for i in incidents]
    points = [
        shapely.Point(r["longitude"], r["latitude"]) if r["longitude"] is not None else None
        for r in records
    ]
    footprints = [i.location.geometry if i.location else None for i in incidents]
    if records:
        frame = gpd.GeoDataFrame(records, geometry=gpd.GeoSeries(points, crs=4326), crs=4326)
    else:
        from geo.extract.record import RECORD_FIELDS

        frame = gpd.GeoDataFrame(
            {c: pd.Series(dtype=object) for c in RECORD_FIELDS},
            geometry=gpd.GeoSeries([], crs=4326),
        )
    frame["footprint"] = gpd.GeoSeries(footprints, crs=4326, index=frame.index)
    for col, dtype in INCIDENT_DTYPES.items():
        frame[col] = frame[col].astype(dtype)
    return frame


def _admin1_table() -> gpd.GeoDataFrame:
    from geo.regions import admin1

    a = admin1()
    return a[["iso_3166_2", "name", "country", "geometry"]].rename(
        columns={"iso_3166_2": "admin1_joined", "name": "admin1_joined_name"}
    )


def join_regions(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Add the admin-1, country and nearest-border columns to an incident frame.

    Adds ``admin1_code``, ``admin1`` (name), ``country``, ``admin1_joined`` (the
    unit containing the point), ``admin1_disagrees``, ``border`` (``"AM-AZ"``),
    ``border_distance_km`` and ``border_sides`` (both sides' admin-1 codes of a
    border section, ``"AM-GR|AZ-KAL"``).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        From :func:`incident_frame` (or the same schema).

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame, same rows and order.
    """
    from geo.regions import admin1, borders

    out = frame.copy()
    has_point = ~(out.geometry.isna() | out.geometry.is_empty)
    points = out.loc[has_point, [out.geometry.name]]
    a1 = _admin1_table()
    hit = gpd.sjoin(points, a1, how="left", predicate="intersects")
    hit = hit[~hit.index.duplicated(keep="first")]
    joined = hit["admin1_joined"].reindex(out.index)
    joined_country = hit["country"].reindex(out.index)
    # A country-level location (a country, a region, a border between two countries) has
    # no admin-1: its point is a label point, and the unit around it says nothing.
    coarse = [
        kind in ("country", "region") or (kind == "border_section" and not len(codes))
        for kind, codes in zip(out["location_kind"], out["location_admin1"], strict=True)
    ]
    joined = joined.where(~pd.Series(coarse, index=out.index), None)

    named = out["location_admin1"].map(lambda codes: codes[0] if len(codes) else None)
    named_all = out["location_admin1"]
    # a border section's point lies on the boundary itself: either side may contain it
    disagrees = [
        bool(kind != "border_section" and isinstance(j, str) and len(codes) and j not in codes)
        for j, codes, kind in zip(joined, named_all, out["location_kind"], strict=True)
    ]
    code = named.where(named.notna(), joined)
    names = admin1().drop_duplicates("iso_3166_2").set_index("iso_3166_2")
    out["admin1_code"] = code.astype(object).where(code.notna(), None)
    out["admin1"] = code.map(names["name"]).astype(object)
    out["admin1"] = out["admin1"].where(out["admin1"].notna(), None)
    country = code.map(names["country"])
    country = country.where(country.notna(), joined_country)
    out["country"] = country.astype(object).where(country.notna(), None)
    out["admin1_joined"] = joined.astype(object).where(joined.notna(), None)
    out["admin1_disagrees"] = disagrees
    out["border_sides"] = [
        "|".join(codes) if kind == "border_section" and len(codes) == 2 else None
        for kind, codes in zip(out["location_kind"], named_all, strict=True)
    ]

    # nearest international border: chosen in Equal Earth, measured on the ellipsoid
    b = borders()[["border", "geometry"]]
    border = pd.Series(None, index=out.index, dtype=object)
    dist = pd.Series(np.nan, index=out.index, dtype=float)
    if len(points):
        pts_ea = points.to_crs(8857)
        b_ea = b.to_crs(8857)
        near = gpd.sjoin_nearest(pts_ea, b_ea, how="left")
        near = near[~near.index.duplicated(keep="first")]
        lines = b_ea.geometry.values[near["index_right"].to_numpy().astype(int)]
        shortest = shapely.shortest_line(near.geometry.values, lines)
        ends = shapely.get_coordinates(shortest).reshape(-1, 2, 2)
        from pyproj import Geod, Transformer

        back = Transformer.from_crs(8857, 4326, always_xy=True)
        lon1, lat1 = back.transform(ends[:, 0, 0], ends[:, 0, 1])
        lon2, lat2 = back.transform(ends[:, 1, 0], ends[:, 1, 1])
        _, _, metres = Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)
        border.loc[near.index] = near["border"].to_numpy()
        dist.loc[near.index] = np.round(np.asarray(metres) / 1000.0, 3)
    # a border section lies on its own border, whatever line is nearest
    own = out["location_border"].notna()
    border[own] = out.loc[own, "location_border"]
    out["border"] = border
    out["border_distance_km"] = dist
    return out


def build_layer(incidents: Iterable[Incident]) -> gpd.GeoDataFrame:
    """Incidents → the joined incident layer (:func:`incident_frame` + :func:`join_regions`)."""
    return join_regions(incident_frame(incidents))


def located(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The incidents that have a point: the ones a map draws ("located incidents").

    Statements and agreements with a point are included; maps, plots and the
    command line count these same rows.
    """
    geoms = layer.geometry
    return layer[geoms.notna() & ~geoms.is_empty]


def _physical(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return layer[layer["event_type"] != "agreement_or_statement"]


def admin1_summary(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Physical incidents, killed and wounded per admin-1 unit, as polygons for a choropleth.

    Only units with at least one incident are returned; killed and wounded sum the
    figures the articles give (unknown counts add nothing).
    """
    from geo.regions import admin1

    phys = _physical(layer)
    phys = phys[phys["admin1_code"].notna()]
    grouped = phys.groupby("admin1_code").agg(
        incidents=("incident_id", "size"),
        killed=("killed", lambda s: int(s.fillna(0).sum())),
        wounded=("wounded", lambda s: int(s.fillna(0).sum())),
        first_date=("event_date", "min"),
        last_date=("event_date", "max"),
    )
    units = admin1().drop_duplicates("iso_3166_2")[["iso_3166_2", "name", "country", "geometry"]]
    units = units.rename(columns={"iso_3166_2": "admin1_code", "name": "admin1"})
    out = units.merge(grouped, left_on="admin1_code", right_index=True, how="inner")
    out["casualties"] = out["killed"] + out["wounded"]
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry="geometry", crs=4326)


def monthly_summary(layer: gpd.GeoDataFrame) -> pd.DataFrame:
    """Physical incidents, killed and wounded per month of ``event_date`` (undated left out)."""
    phys = _physical(layer)
    phys = phys[phys["event_date"].notna()]
    month = pd.to_datetime(phys["event_date"]).dt.strftime("%Y-%m")
    out = (
        phys.assign(month=month)
        .groupby("month")
        .agg(
            incidents=("incident_id", "size"),
            killed=("killed", lambda s: int(s.fillna(0).sum())),
            wounded=("wounded", lambda s: int(s.fillna(0).sum())),
        )
    )
    return out.reset_index()


def json_cell(value) -> list | dict:
    """A list/object cell as read back from a file: JSON text, an array, a value or missing."""
    if isinstance(value, str):
        return json.loads(value)
    if isinstance(value, np.ndarray):
        return [json_cell(v) if isinstance(v, str) and v[:1] in "[{" else v for v in value.tolist()]
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    return value


def optional_int(value) -> int | None:
    """An integer cell, ``None`` when missing (NA, NaN or None)."""
    return None if value is None or pd.isna(value) else int(value)


def optional_str(value) -> str | None:
    """A text cell, ``None`` when missing."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _flag(value) -> bool:
    """A true/false cell as read back (bool, 0/1, "true"/"false" text or missing)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value) if value is not None and not pd.isna(value) else False


def _joined_list(value) -> list[str]:
    """A ``"; "``-joined text cell (claimed_by, denied_by, notes) back as a list."""
    text = optional_str(value)
    return text.split("; ") if text else []


def ensure_joined(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """``layer`` with the region columns of :func:`join_regions` (joined only if missing)."""
    return layer if "border" in layer else join_regions(layer)


def incidents_from_frame(frame: gpd.GeoDataFrame) -> list[Incident]:
    """Rebuild :class:`Incident` objects from a layer read back from a file or store."""
    import datetime as dt

    from geo.extract.dates import EventDate
    from geo.extract.locations import Location
    from geo.extract.record import Incident

    out = []
    foot = frame.get("footprint", frame.geometry)
    for (_, r), fp in zip(frame.iterrows(), foot, strict=True):
        prec = r["date_precision"]
        date = EventDate(
            dt.date.fromisoformat(r["date_start"]) if optional_str(r["date_start"]) else None,
            dt.date.fromisoformat(r["date_end"]) if optional_str(r["date_end"]) else None,
            prec,
        )
        loc = None
        if optional_str(r["location_kind"]):
            loc = Location(
                kind=r["location_kind"],
                written=optional_str(r["location"]) or "",
                name=optional_str(r["place"]) or "",
                place_ids=tuple(json_cell(r["place_ids"])),
                geo_precision=optional_int(r["geo_precision"]),
                countries=tuple(json_cell(r["location_countries"])),
                admin1_codes=tuple(json_cell(r["location_admin1"])),
                border=optional_str(r["location_border"]),
                lon=float(r["longitude"]),
                lat=float(r["latitude"]),
                geometry=fp,
            )
        out.append(
            Incident(
                event_type=r["event_type"],
                date=date,
                location=loc,
                quote=r["quote"],
                quote_start=optional_int(r["quote_start"]),
                quote_end=optional_int(r["quote_end"]),
                sources=json_cell(r["sources"]),
                actor1=optional_str(r["actor1"]),
                actor2=optional_str(r["actor2"]),
                killed=optional_int(r["killed"]),
                wounded=optional_int(r["wounded"]),
                casualties=json_cell(r["casualties"]),
                claimed_by=_joined_list(r["claimed_by"]),
                denied_by=_joined_list(r["denied_by"]),
                notes=_joined_list(r["notes"]),
                date_inferred=_flag(r.get("date_inferred")),
                evidence=json_cell(r.get("evidence")),
                border_reason=optional_str(r.get("border_reason")),
                border_evidence=json_cell(r.get("border_evidence")) or [],
            )
        )
    return out
