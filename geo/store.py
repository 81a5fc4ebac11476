"""A GeoPackage store of incidents that grows across runs without losing or duplicating.

``bordermap ingest`` reads new articles, extracts their incidents and merges them
with the incidents already stored (the same incident reported again gains a
source). The store remembers every article it has read (by a hash of its text),
so ingesting an article again changes nothing.

Safety:

* one writer at a time: an exclusive ``flock`` on ``<store>.lock``; a second run
  waits up to ``wait`` seconds, then fails with :class:`StoreLockedError`;
* all or nothing: the new store is written to a temporary file beside the old
  one and moved over it in one ``os.replace``; a crash, ``Ctrl-C`` or ``kill``
  leaves the old store as it was. Temporary files a killed run left behind are
  removed by the next run (under the lock).
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from geo.extract.articles import ArticleError, ErrorLog, RecordFields, read_articles

if TYPE_CHECKING:
    import geopandas as gpd

    from gazetteer import Gazetteer

__all__ = ["IncidentStore", "IngestResult", "StoreLockedError"]


class StoreLockedError(RuntimeError):
    """Another run holds the store's lock."""


@dataclass
class IngestResult:
    """What an ingest run did."""

    new_articles: int = 0
    known_articles: int = 0
    incidents_before: int = 0
    incidents_after: int = 0
    errors: list[ArticleError] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """True when the store was rewritten."""
        return self.new_articles > 0


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
        for p in self.path.parent.glob(f".{self.path.name}.*"):
            p.unlink(missing_ok=True)

    def read(self) -> tuple[gpd.GeoDataFrame | None, pd.DataFrame]:
        """The stored layer (``None`` when the store does not exist yet) and its articles."""
        if not self.path.exists():
            return None, pd.DataFrame(columns=["article_id"])
        import pyogrio

        from geo.export import read_incidents

        layer = read_incidents(self.path, fmt="gpkg")
        articles = pyogrio.read_dataframe(self.path, layer="articles")
        return layer, articles

    def ingest(
        self,
        inputs,
        *,
        published: dt.date | str | None = None,
        fields: RecordFields | None = None,
        gazetteer: Gazetteer | None = None,
        progress=None,
        on_error=None,
    ) -> IngestResult:
        """Add the incidents of new articles to the store.

        Parameters
        ----------
        progress
            Called after each article with the number read so far and its file.
        on_error
            Called with each problem as it is met (all are also in ``errors``).

        Returns
        -------
        IngestResult
            Bad input is reported in ``errors``; the rest is still ingested.
        """
        from geo.extract.incidents import extract_incidents
        from geo.extract.merge import merge_incidents
        from geo.layer import build_layer, incidents_from_frame

        if gazetteer is None:
            from gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        result = IngestResult(errors=ErrorLog(on_error))
        with self.lock():
            self._clean_stale()
            layer, articles = self.read()
            stored = incidents_from_frame(layer) if layer is not None else []
            result.incidents_before = len(stored)
            known = set(articles["article_id"])
            new_rows, fresh = [], []
            n = 0
            for article in read_articles(
                inputs, published=published, fields=fields, errors=result.errors
            ):
                n += 1
                if progress is not None:
                    progress(n, article.where)
                if article.id in known:
                    result.known_articles += 1
                    continue
                known.add(article.id)
                fresh.extend(extract_incidents(article, gazetteer))
                new_rows.append(
                    {
                        **{k: v for k, v in article.source().items() if k != "record"},
                        "record": article.record if article.record is not None else -1,
                        "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    }
                )
            result.new_articles = len(new_rows)
            if not new_rows:
                result.incidents_after = len(stored)
                return result
            merged = merge_incidents(stored + fresh)
            result.incidents_after = len(merged)
            table = pd.concat([articles, pd.DataFrame(new_rows)], ignore_index=True)
            self._write(build_layer(merged), table)
        return result

    def _write(self, layer: gpd.GeoDataFrame, articles: pd.DataFrame) -> None:
        import pyogrio

        from geo.export import atomic_path, write_gpkg_layers

        with atomic_path(self.path) as tmp:
            write_gpkg_layers(layer, tmp)
            pyogrio.write_dataframe(articles.astype({"published": object}), tmp, layer="articles")
