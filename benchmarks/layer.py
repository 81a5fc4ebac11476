"""Joins and exports of the incident layer for 100,000 synthetic incidents.

Usage::

    python benchmarks/layer.py [--incidents 100000]

Incidents are spread over real admin-1 units: each is a random point inside a
random unit of the data pack (weighted toward small units, as border incidents
are), with the full incident schema. Reported: time and peak memory of the
spatial joins (admin-1 / country containment, nearest international border),
the admin-1 summary, and each export.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def synthetic_frame(n: int, seed: int = 3) -> gpd.GeoDataFrame:
    from geo.extract.record import RECORD_FIELDS
    from geo.layer import INCIDENT_DTYPES
    from geo.regions import admin1

    rng = np.random.default_rng(seed)
    units = admin1()
    units = units[units["area_km2"] > 100].reset_index(drop=True)
    pick = rng.integers(0, len(units), n)
    # a random point in each picked unit: rejection sampling inside its bounds
    geoms = units.geometry.values
    pts = np.empty(n, dtype=object)
    todo = np.arange(n)
    while len(todo):
        g = geoms[pick[todo]]
        b = shapely.bounds(g)
        x = rng.uniform(b[:, 0], b[:, 2])
        y = rng.uniform(b[:, 1], b[:, 3])
        cand = shapely.points(x, y)
        ok = shapely.contains_xy(g, x, y)
        pts[todo[ok]] = cand[ok]
        todo = todo[~ok]
    types = np.array(["armed_clash", "shelling", "incursion", "air_drone_strike", "arrest"])
    days = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 700, n), unit="D")
    iso = days.strftime("%Y-%m-%d")
    codes = units["iso_3166_2"].to_numpy()[pick]
    x = shapely.get_x(pts)
    y = shapely.get_y(pts)
    data = {c: [None] * n for c in RECORD_FIELDS}
    data.update(
        incident_id=[f"{k:016x}" for k in range(n)],
        event_type=types[rng.integers(0, len(types), n)],
        acled_event_type="Battles",
        acled_sub_event_type="Armed clash",
        event_date=iso,
        date_start=iso,
        date_end=iso,
        date_precision="day",
        time_precision=1,
        killed=rng.integers(0, 4, n),
        wounded=rng.integers(0, 6, n),
        casualties=[[] for _ in range(n)],
        location="Somewhere",
        place="Somewhere",
        place_ids=[[c] for c in codes],
        location_kind="place",
        geo_precision=1,
        location_countries=[[c[:2]] for c in codes],
        location_admin1=[[c] for c in codes],
        longitude=np.round(x, 6),
        latitude=np.round(y, 6),
        quote="A synthetic sentence.",
        quote_start=0,
        quote_end=21,
        sources=[[{"article_id": "x", "file": "x.txt", "title": "T", "url": "", "quotes": []}]] * n,
    )
    frame = gpd.GeoDataFrame(data, geometry=pts, crs=4326)
    frame["footprint"] = gpd.GeoSeries(pts, crs=4326)
    for col, dtype in INCIDENT_DTYPES.items():
        frame[col] = frame[col].astype(dtype)
    return frame


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn):
    t0 = time.perf_counter()
    out = fn()
    print(f"  {label:28} {time.perf_counter() - t0:7.2f} s   peak RSS {_rss():6.0f} MB")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    args = ap.parse_args()
    from geo.export import write_incidents
    from geo.layer import admin1_summary, join_regions
    from geo.regions import admin1, borders

    admin1(), borders()  # packs loaded once, as in a real run
    print(f"{args.incidents:,} synthetic incidents over real admin-1 units")
    frame = timed("build synthetic frame", lambda: synthetic_frame(args.incidents))
    layer = timed("joins (admin-1, border)", lambda: join_regions(frame))
    agree = (layer["admin1_joined"] == layer["admin1_code"]).mean()
    print(f"  admin-1 join agrees with the unit each point was drawn in: {agree:.4%}")
    timed("admin-1 summary", lambda: admin1_summary(layer))
    with tempfile.TemporaryDirectory() as tmp:
        for ext in ("geojson", "gpkg", "csv", "parquet"):
            path = Path(tmp) / f"incidents.{ext}"
            timed(f"export {ext}", lambda p=path: write_incidents(layer, p))
            print(f"  {'':28} {path.stat().st_size / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
