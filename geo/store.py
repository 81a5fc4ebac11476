"""An incident store that grows batch by batch: a GeoPackage written through SQLite.

``bordermap ingest`` reads new articles, extracts their incidents and merges them
with the incidents already stored (the same incident reported again gains a
source). The store remembers every article it has read (by a hash of its text),
so ingesting an article again changes nothing.

Why a GeoPackage written with SQLite transactions: a GeoPackage *is* an SQLite
database, so one file stays readable by GDAL, QGIS, geopandas and
``bordermap export``, while SQLite gives what a growing store needs without a
server or a run-time download: transactions (a batch is all or nothing; a killed
run leaves a journal that the next open rolls back), indexes (an article's hash
is a primary key; an R*-tree over each incident's footprint box and date range
finds the stored incidents a new one may merge with), and in-place inserts and
updates, so ingesting N articles costs time in N, not in the store's size.

Tables: ``incidents`` (points, the layer's columns), ``footprints`` (same ``fid``;
point, border line or polygon), ``articles`` (every article read), and
``bordermap_blocks`` (the R*-tree: footprint box widened by the merge distance,
and the date range as day numbers).

Safety:

* one writer at a time: an exclusive ``flock`` on ``<store>.lock``; a second run
  waits up to ``wait`` seconds, then fails with :class:`StoreLockedError`;
* all or nothing per batch (``batch_size`` articles): a crash, ``Ctrl-C`` or
  ``kill -9`` loses at most the batch in flight; a re-run skips the articles
  already stored and finishes the rest.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import os
import sqlite3
import struct
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.extract.articles import ArticleError, ErrorLog, RecordFields

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Gazetteer
    from geo.extract.record import Incident

__all__ = [
    "DEFAULT_BATCH",
    "IncidentStore",
    "IngestResult",
    "StoreLockedError",
    "open_read_only",
]

#: Articles committed together: a killed run loses at most this many.
DEFAULT_BATCH = 1000

_INT_COLUMNS = {"time_precision", "killed", "wounded", "geo_precision", "quote_start", "quote_end"}
_REAL_COLUMNS = {"longitude", "latitude", "border_distance_km"}
_BOOL_COLUMNS = {"admin1_disagrees", "date_inferred"}
_ARTICLE_COLUMNS = (
    "article_id",
    "file",
    "record",
    "title",
    "url",
    "publisher",
    "published",
    "ingested_at",
)
_WGS84 = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)


_GPKG_TABLES = (
    "CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,"
    " organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,"
    " definition TEXT NOT NULL, description TEXT)",
    "CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,"
    " identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL,"
    " min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)",
    "CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,"
    " geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,"
    " m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))",
)


def open_read_only(path: str | os.PathLike, timeout: float = 60.0) -> sqlite3.Connection:
    """A read-only SQLite connection to ``path`` (it never creates the file).

    ``timeout`` is how long a read waits for a writer's lock, in seconds.
    """
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)


class StoreLockedError(RuntimeError):
    """Another run holds the store's lock."""


@dataclass
class IngestResult:
    """What an ingest run did."""

    new_articles: int = 0
    known_articles: int = 0
    incidents_before: int = 0
    incidents_after: int = 0
    batches: int = 0
    errors: list[ArticleError] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the store was written."""
        return self.new_articles > 0


def _layer_columns() -> list[str]:
    """The incident layer's attribute columns, in order (no geometry columns)."""
    from geo.extract.record import RECORD_FIELDS

    joins = [
        "admin1_code",
        "admin1",
        "country",
        "admin1_joined",
        "admin1_disagrees",
        "border_sides",
        "border",
        "border_distance_km",
    ]
    return [*RECORD_FIELDS, *joins, "attribution"]


def _sql_type(col: str) -> str:
    if col in _INT_COLUMNS:
        return "INTEGER"
    if col in _REAL_COLUMNS:
        return "REAL"
    if col in _BOOL_COLUMNS:
        return "BOOLEAN"
    return "TEXT"


def _gpkg_blob(geom) -> bytes | None:
    """A shapely geometry as a GeoPackage geometry blob (header, no envelope, WKB)."""
    import shapely

    if geom is None:
        return None
    flags = 0x01 | (0x10 if geom.is_empty else 0)  # little-endian header, empty flag
    return b"GP\x00" + bytes([flags]) + struct.pack("<i", 4326) + shapely.to_wkb(geom, byte_order=1)


def _from_blob(blob: bytes | None):
    import shapely

    if blob is None:
        return None
    flags = blob[3]
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(flags >> 1) & 0x07]
    return shapely.from_wkb(bytes(blob[8 + envelope :]))


class IncidentStore:
    """An incident store in one GeoPackage file.

    Parameters
    ----------
    path : path-like
        The ``.gpkg`` file (created by the first ingest).
    wait : float
        Seconds to wait for another run's lock before giving up.
    """

    def __init__(self, path: str | os.PathLike, wait: float = 60.0):
        self.path = Path(path)
        self.wait = wait

    @property
    def lock_path(self) -> Path:
        """The sidecar file that carries the lock."""
        return self.path.with_name(self.path.name + ".lock")

    @contextmanager
    def lock(self):
        """Hold the store's exclusive lock (waiting up to ``self.wait`` seconds)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + self.wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise StoreLockedError(
                            f"{self.path}: another bordermap run is writing this store "
                            f"(gave up after {self.wait:g} s)"
                        ) from None
                    time.sleep(0.1)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the lock

    def _clean_stale(self) -> None:
        """Remove temporary files an older bordermap left beside the store."""
        for p in self.path.parent.glob(f".{self.path.name}.*"):
            p.unlink(missing_ok=True)

    # -- reading ------------------------------------------------------------
    def check(self) -> None:
        """Raise :class:`ValueError` unless ``path`` is a bordermap store."""
        if not self.path.exists():
            raise FileNotFoundError(
                f"{self.path}: no such store (create it with 'bordermap ingest')"
            )
        try:
            con = open_read_only(self.path, timeout=5.0)
            try:
                con.execute("SELECT 1 FROM articles LIMIT 1")
                con.execute("SELECT 1 FROM incidents LIMIT 1")
            finally:
                con.close()
        except sqlite3.Error as exc:
            raise ValueError(
                f"{self.path}: not a bordermap store (a GeoPackage written by "
                f"'bordermap ingest'): {exc}"
            ) from None

    def count(self) -> tuple[int, int]:
        """``(incidents, articles)`` stored (``(0, 0)`` before the first ingest)."""
        if not self.path.exists():
            return 0, 0
        con = open_read_only(self.path)
        try:
            (n,) = con.execute("SELECT count(*) FROM incidents").fetchone()
            (a,) = con.execute("SELECT count(*) FROM articles").fetchone()
        finally:
            con.close()
        return n, a

    def read(self) -> tuple[gpd.GeoDataFrame | None, pd.DataFrame]:
        """The stored layer (``None`` when the store does not exist yet) and its articles."""
        if not self.path.exists():
            return None, pd.DataFrame(columns=list(_ARTICLE_COLUMNS))
        self.check()
        import pyogrio

        from geo.export import read_incidents

        layer = read_incidents(self.path, fmt="gpkg")
        layer = layer.drop(columns=[c for c in ("fid",) if c in layer])
        articles = pyogrio.read_dataframe(self.path, layer="articles", read_geometry=False)
        return layer, articles

    # -- writing ------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=FULL")
        return con

    def _create(self, con: sqlite3.Connection) -> None:
        """Create the GeoPackage tables (in the caller's transaction)."""
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
        con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        con.execute("PRAGMA user_version = 10400")
        for statement in _GPKG_TABLES:  # not executescript: it would commit on its own
            con.execute(statement)
        con.executemany(
            "INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
            [
                ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", None),
                ("Undefined geographic SRS", 0, "NONE", 0, "undefined", None),
                ("WGS 84 geodetic", 4326, "EPSG", 4326, _WGS84, "longitude/latitude"),
            ],
        )
        cols = ", ".join(f'"{c}" {_sql_type(c)}' for c in _layer_columns())
        con.execute(
            f"CREATE TABLE incidents (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, {cols})"
        )
        con.execute(
            "CREATE TABLE footprints (fid INTEGER PRIMARY KEY, geom GEOMETRY, incident_id TEXT,"
            " event_type TEXT, event_date TEXT, place TEXT, location_kind TEXT, attribution TEXT)"
        )
        con.execute(
            "CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT, "
            "article_id TEXT NOT NULL UNIQUE, file TEXT, record INTEGER, title TEXT, url TEXT, "
            "publisher TEXT, published TEXT, ingested_at TEXT)"
        )
        con.execute("CREATE INDEX incidents_incident_id ON incidents(incident_id)")
        con.execute(
            "CREATE VIRTUAL TABLE bordermap_blocks USING rtree(id, minx, maxx, miny, maxy,"
            " first_day, last_day)"
        )
        for table, kind, geom in (
            ("incidents", "features", "POINT"),
            ("footprints", "features", "GEOMETRY"),
            ("articles", "attributes", None),
        ):
            con.execute(
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, last_change, "
                "srs_id) VALUES (?,?,?,?,?)",
                (table, kind, table, now, 4326 if geom else None),
            )
            if geom:
                con.execute(
                    "INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)",
                    (table, geom),
                )

    def _create_file(self) -> None:
        """Write an empty store (its tables, no rows) to a temporary file and move it in place.

        A run stopped during its first batch then leaves no store or an empty one, never
        a file without tables (SQLite creates the file on connect, and a first
        transaction rolled back left it empty, which no later run could open).
        """
        from geo.export import atomic_path

        with atomic_path(self.path) as tmp:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                con.execute("PRAGMA journal_mode=DELETE")
                con.execute("BEGIN")
                self._create(con)
                con.execute("COMMIT")
            finally:
                con.close()

    def _upgrade(self) -> None:
        """Rewrite a store of an older bordermap (rewritten whole each run) in this layout, once.

        Its incidents and articles are kept; the old file is replaced atomically.
        """
        con = open_read_only(self.path)
        try:
            current = con.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'bordermap_blocks'"
            ).fetchone()
        finally:
            con.close()
        if current:
            return
        import pyogrio

        from geo.export import atomic_path, read_incidents
        from geo.layer import incidents_from_frame

        incidents = incidents_from_frame(read_incidents(self.path, fmt="gpkg"))
        articles = pyogrio.read_dataframe(self.path, layer="articles", read_geometry=False)
        with atomic_path(self.path) as tmp:
            new = IncidentStore(tmp)
            con = new._connect()
            try:
                con.execute("BEGIN IMMEDIATE")
                new._create(con)
                rows = [
                    tuple(None if pd.isna(v) else v for v in r)
                    for r in articles.reindex(columns=list(_ARTICLE_COLUMNS)).itertuples(
                        index=False, name=None
                    )
                ]
                con.executemany(
                    f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    rows,
                )
                new._insert(con, [(None, inc) for inc in incidents])
                con.execute("COMMIT")
            finally:
                con.close()

    def ingest(
        self,
        inputs,
        *,
        published: dt.date | str | None = None,
        fields: RecordFields | None = None,
        gazetteer: Gazetteer | None = None,
        progress: Callable[[int, str], None] | None = None,
        on_error: Callable[[ArticleError], None] | None = None,
        workers: int | None = 1,
        scheduler: str | None = None,
        batch_size: int = DEFAULT_BATCH,
        partition_bytes: int | None = None,
        keep: str = "border",
    ) -> IngestResult:
        """Add the incidents of new articles to the store, one committed batch at a time.

        Parameters
        ----------
        inputs
            Files, directories and globs.
        published, fields
            As for :func:`geo.pipeline.extract`.
        gazetteer
            A loaded gazetteer (its focus is used by every worker).
        progress
            Called as articles are read with the number read so far and where.
        on_error
            Called with each problem as it is met (all are also in ``errors``).
        workers, scheduler, partition_bytes
            Where extraction runs (see :class:`geo.corpus.Engine`).
        batch_size
            Articles per transaction.
        keep
            Border incidents only (``"border"``), also other violent events
            (``"violent"``) or every event (``"all"``); see :func:`geo.pipeline.extract`.

        Returns
        -------
        IngestResult
            Bad input is reported in ``errors``; the rest is still ingested.
        """
        from geo.corpus.run import Engine, partition_results
        from geo.corpus.work import Task
        from geo.extract.dates import parse_date

        if gazetteer is None:
            from gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        fallback = parse_date(published) if published is not None else None
        if published is not None and fallback is None:
            raise ValueError(f"--published {published!r} is not a YYYY-MM-DD date")
        result = IngestResult(errors=ErrorLog(on_error))
        task = Task(
            published=fallback.isoformat() if fallback else None,
            fields=fields or RecordFields(),
            focus=tuple(gazetteer.focus),
            known_store=str(self.path),
            keep=keep,
        )
        with self.lock():
            self._clean_stale()
            if self.path.exists() and self.path.stat().st_size == 0:
                # an empty file, left by an older bordermap killed in its first batch
                self.path.unlink()
            if self.path.exists():
                self.check()
                self._upgrade()
            result.incidents_before = result.incidents_after = self.count()[0]
            batch: list[tuple[dict, list[Incident]]] = []
            with Engine(workers, scheduler, gazetteer=gazetteer) as engine:
                for _, res in partition_results(
                    inputs,
                    task=task,
                    engine=engine,
                    gazetteer=gazetteer,
                    partition_bytes=partition_bytes,
                    progress=progress,
                    errors=result.errors,
                ):
                    result.known_articles += res.known
                    at = 0
                    for source, n in zip(res.articles, res.article_incidents, strict=True):
                        batch.append((source, res.incidents[at : at + n]))
                        at += n
                    while len(batch) >= batch_size:
                        self._commit(batch[:batch_size], result)
                        batch = batch[batch_size:]
                if batch:
                    self._commit(batch, result)
        return result

    def _commit(self, batch: list[tuple[dict, list[Incident]]], result: IngestResult) -> None:
        """Write one batch in one transaction: new articles, merged and new incidents."""
        from geo.corpus.merge import merge_blocked

        if not self.path.exists():
            self._create_file()
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            ids = [src["article_id"] for src, _ in batch]
            known = set()
            for k in range(0, len(ids), 500):
                chunk = ids[k : k + 500]
                marks = ",".join("?" * len(chunk))
                q = f"SELECT article_id FROM articles WHERE article_id IN ({marks})"
                known.update(r[0] for r in con.execute(q, chunk))
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            rows, fresh = [], []
            for src, incidents in batch:
                if src["article_id"] in known:
                    result.known_articles += 1
                    continue
                known.add(src["article_id"])
                rows.append(
                    (
                        src["article_id"],
                        src["file"],
                        src["record"] if src["record"] is not None else -1,
                        src["title"],
                        src["url"],
                        src["publisher"],
                        src["published"],
                        now,
                    )
                )
                fresh.extend(incidents)
            if not rows:
                con.execute("ROLLBACK")
                return
            con.executemany(
                f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}) VALUES (?,?,?,?,?,?,?,?)",
                rows,
            )
            stored = self._candidates(con, fresh)
            before = {id(inc): (fid, _record_key(inc)) for fid, inc in stored}
            merged = merge_blocked([inc for _, inc in stored] + fresh)
            kept = {id(inc) for inc in merged}
            gone = [fid for fid, inc in stored if id(inc) not in kept]
            changed = [
                (before[id(inc)][0], inc)
                for inc in merged
                if id(inc) in before and _record_key(inc) != before[id(inc)][1]
            ]
            new = [inc for inc in merged if id(inc) not in before]
            self._delete(con, gone + [fid for fid, _ in changed])
            self._insert(con, changed + [(None, inc) for inc in new])
            con.execute(
                "UPDATE gpkg_contents SET last_change = ? WHERE table_name IN "
                "('incidents', 'footprints', 'articles')",
                (dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),),
            )
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()
        result.new_articles += len(rows)
        result.batches += 1
        result.incidents_after += len(new) - len(gone)

    def _candidates(
        self, con: sqlite3.Connection, fresh: list[Incident]
    ) -> list[tuple[int, Incident]]:
        """Stored incidents a fresh one may merge with (footprint box and dates, R*-tree)."""
        from geo.corpus.merge import _PAD
        from geo.layer import incidents_from_frame

        fids: set[int] = set()
        for inc in fresh:
            if inc.location is None or not inc.date.known:
                continue
            x0, y0, x1, y1 = _bounds(inc)
            fids.update(
                r[0]
                for r in con.execute(
                    "SELECT id FROM bordermap_blocks WHERE minx <= ? AND maxx >= ? AND "
                    "miny <= ? AND maxy >= ? AND first_day <= ? AND last_day >= ?",
                    (
                        x1 + _PAD,
                        x0 - _PAD,
                        y1 + _PAD,
                        y0 - _PAD,
                        inc.date.end.toordinal(),
                        inc.date.start.toordinal(),
                    ),
                )
            )
        if not fids:
            return []
        import geopandas as gpd

        cols = _layer_columns()
        order = sorted(fids)
        rows = []
        for k in range(0, len(order), 500):
            chunk = order[k : k + 500]
            rows.extend(
                con.execute(
                    "SELECT i.fid, f.geom, "
                    + ", ".join(f'i."{c}"' for c in cols)
                    + " FROM incidents i LEFT JOIN footprints f ON f.fid = i.fid"
                    f" WHERE i.fid IN ({','.join('?' * len(chunk))}) ORDER BY i.fid",
                    chunk,
                )
            )
        frame = pd.DataFrame([r[2:] for r in rows], columns=cols)
        frame = gpd.GeoDataFrame(
            frame, geometry=gpd.GeoSeries([_from_blob(r[1]) for r in rows], crs=4326)
        )
        frame = frame.rename_geometry("footprint")
        return list(zip([r[0] for r in rows], incidents_from_frame(frame), strict=True))

    def _delete(self, con: sqlite3.Connection, fids: list[int]) -> None:
        for k in range(0, len(fids), 500):
            chunk = fids[k : k + 500]
            marks = ",".join("?" * len(chunk))
            for table, key in (
                ("incidents", "fid"),
                ("footprints", "fid"),
                ("bordermap_blocks", "id"),
            ):
                con.execute(f"DELETE FROM {table} WHERE {key} IN ({marks})", chunk)

    def _insert(self, con: sqlite3.Connection, items: list[tuple[int | None, Incident]]) -> None:
        """Insert incidents (keeping the ``fid`` given, a new one for ``None``)."""
        if not items:
            return
        from geo.corpus.merge import _PAD
        from geo.export import ATTRIBUTION, _json_text
        from geo.layer import build_layer

        layer = build_layer([inc for _, inc in items]).assign(attribution=ATTRIBUTION)
        flat = _json_text(layer)
        cols = _layer_columns()
        marks = ",".join("?" * (len(cols) + 2))
        names = ", ".join(f'"{c}"' for c in cols)
        insert = f"INSERT INTO incidents (fid, geom, {names}) VALUES ({marks})"
        values = flat[cols].astype(object).where(flat[cols].notna(), None)
        for (fid, inc), point, footprint, row in zip(
            items,
            layer.geometry,
            layer["footprint"],
            values.itertuples(index=False, name=None),
            strict=True,
        ):
            row = tuple(_plain(v) for v in row)
            cur = con.execute(insert, (fid, _gpkg_blob(point), *row))
            fid = cur.lastrowid if fid is None else fid
            r = inc.to_record()
            con.execute(
                "INSERT INTO footprints VALUES (?,?,?,?,?,?,?,?)",
                (
                    fid,
                    _gpkg_blob(footprint),
                    r["incident_id"],
                    r["event_type"],
                    r["event_date"],
                    r["place"],
                    r["location_kind"],
                    ATTRIBUTION,
                ),
            )
            if inc.location is not None and inc.date.known:
                x0, y0, x1, y1 = _bounds(inc)
                con.execute(
                    "INSERT INTO bordermap_blocks VALUES (?,?,?,?,?,?,?)",
                    (
                        fid,
                        x0 - _PAD,
                        x1 + _PAD,
                        y0 - _PAD,
                        y1 + _PAD,
                        inc.date.start.toordinal(),
                        inc.date.end.toordinal(),
                    ),
                )


def _bounds(inc: Incident) -> tuple[float, float, float, float]:
    import math

    b = inc.location.geometry.bounds if inc.location.geometry is not None else (math.nan,) * 4
    if any(math.isnan(v) for v in b):
        return inc.location.lon, inc.location.lat, inc.location.lon, inc.location.lat
    return b


def _plain(v):
    """A cell as a value SQLite takes (numpy scalars to Python, NA to NULL)."""
    import numpy as np

    if v is None or v is pd.NA:
        return None
    if isinstance(v, np.bool_ | bool):
        return int(bool(v))
    if isinstance(v, np.integer):
        return int(v)
    if isinstance(v, np.floating):
        return None if np.isnan(v) else float(v)
    return v


def _record_key(inc: Incident) -> str:
    return json.dumps(inc.to_record(), sort_keys=True, default=str)
