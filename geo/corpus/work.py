"""What one worker does with one partition: read it, extract its incidents.

Runs in worker processes (a local process pool or Dask workers). Each process
loads the gazetteer once and keeps it for every partition it is given.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from dataclasses import dataclass, field

from geo.corpus.partitions import Partition
from geo.extract.articles import ArticleError, RecordFields, read_file
from geo.extract.record import Incident
from geo.store import open_read_only

__all__ = ["PartitionResult", "Task", "extract_partition", "prepare_worker", "worker_gazetteer"]

_GAZETTEERS: dict[tuple[str, ...], object] = {}
_LOCK = threading.Lock()


def worker_gazetteer(focus: tuple[str, ...] = ()):
    """The gazetteer of this process (loaded on first use, then kept)."""
    with _LOCK:
        gaz = _GAZETTEERS.get(focus)
        if gaz is None:
            from gazetteer import Gazetteer

            gaz = _GAZETTEERS[focus] = Gazetteer.load(focus=list(focus))
        return gaz


def prepare_worker(focus: tuple[str, ...] = (), gazetteer=None) -> float:
    """Make this process ready to extract: gazetteer, geometry packs, lazy imports, caches.

    A worker's first articles would otherwise pay for loading the admin-1, country and
    border packs, name tables and map projections (about 1.5 CPU seconds). Run as a
    process pool's initializer or a Dask worker plugin, this happens while the client
    is still planning partitions, and the clock of the first partition no longer
    includes it. It extracts the incidents of a short passage of our own
    (``warmup.md``), so whatever extraction loads lazily is loaded, without a list of
    caches to keep up to date.

    Parameters
    ----------
    focus : tuple of str
        Gazetteer focus codes of the run.
    gazetteer : Gazetteer, optional
        A gazetteer already loaded with this focus: kept as this process's (see
        :func:`worker_gazetteer`) instead of loading another.

    Returns
    -------
    float
        CPU seconds it took.
    """
    import time
    from importlib.resources import files

    from geo.extract.articles import read_file
    from geo.extract.incidents import extract_incidents

    start = time.process_time()
    focus = tuple(focus)
    if gazetteer is not None and tuple(gazetteer.focus) == focus:
        with _LOCK:
            _GAZETTEERS.setdefault(focus, gazetteer)
    gaz = worker_gazetteer(focus)
    for article in read_file(files("geo.corpus") / "warmup.md"):
        extract_incidents(article, gaz, keep="all")
    return time.process_time() - start


@dataclass(frozen=True)
class Task:
    """How to read and extract: the same for every partition of a run.

    Attributes
    ----------
    published : str or None
        Fallback publication date (ISO).
    fields : RecordFields
    focus : tuple of str
        Gazetteer focus codes.
    known_store : str or None
        A store whose articles are skipped (opened read-only by the worker).
    keep : str
        Which events to keep: ``"border"``, ``"violent"`` or ``"all"`` (see
        :func:`geo.extract.incidents.extract_incidents`).
    """

    published: str | None = None
    fields: RecordFields = field(default_factory=RecordFields)
    focus: tuple[str, ...] = ()
    known_store: str | None = None
    keep: str = "border"


@dataclass
class PartitionResult:
    """What a partition gave.

    Attributes
    ----------
    index : int
        The partition's position in the corpus.
    incidents : list of Incident
        In article order, each article's incidents merged within the article.
    articles : list of dict
        Each article read: its :meth:`~geo.extract.articles.Article.source` record.
    known : int
        Articles skipped because ``known_store`` holds them.
    errors : list of ArticleError
    """

    index: int
    incidents: list[Incident] = field(default_factory=list)
    articles: list[dict] = field(default_factory=list)
    known: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    article_incidents: list[int] = field(default_factory=list)
    #: Distinct footprints as WKB when they travel apart (see :mod:`geo.corpus.geometries`).
    footprints: list[bytes] | None = None
    #: CPU seconds the worker spent reading and extracting the partition.
    cpu_seconds: float = 0.0


def _known_ids(store: str | None):
    if not store:
        return None
    from pathlib import Path

    if not Path(store).exists():
        return None
    con = open_read_only(store)
    try:
        con.execute("SELECT 1 FROM articles LIMIT 1")
    except sqlite3.Error:
        con.close()
        return None
    return con


def extract_partition(
    part: Partition, task: Task, gazetteer=None, errors=None, on_article=None
) -> PartitionResult:
    """Read one partition and extract its incidents.

    Parameters
    ----------
    part : Partition
    task : Task
    gazetteer : Gazetteer, optional
        Used when given (in-process runs); else this process's own.
    errors : list, optional
        Where problems go as they are met (in-process runs); else ``result.errors``.
    on_article : callable, optional
        Called after each article with the number read in this partition and where.

    Returns
    -------
    PartitionResult
        ``article_incidents[k]`` is how many of ``incidents`` the k-th article gave.
    """
    import time

    from geo.extract.incidents import extract_incidents

    cpu = time.process_time()
    gaz = gazetteer if gazetteer is not None else worker_gazetteer(task.focus)
    published = dt.date.fromisoformat(task.published) if task.published else None
    result = PartitionResult(part.index)
    known = _known_ids(task.known_store)
    try:
        for path in part.paths:
            for article in read_file(
                path,
                published=published,
                fields=task.fields,
                errors=errors if errors is not None else result.errors,
                byte_range=part.byte_range,
                first_record=part.first_record,
            ):
                if (
                    known is not None
                    and known.execute(
                        "SELECT 1 FROM articles WHERE article_id = ?", (article.id,)
                    ).fetchone()
                ):
                    result.known += 1
                    if on_article is not None:
                        on_article(len(result.articles) + result.known, article.where)
                    continue
                found = extract_incidents(article, gaz, keep=task.keep)
                result.incidents.extend(found)
                result.articles.append(article.source())
                result.article_incidents.append(len(found))
                if on_article is not None:
                    on_article(len(result.articles) + result.known, article.where)
    finally:
        if known is not None:
            known.close()
    result.cpu_seconds = time.process_time() - cpu
    return result
