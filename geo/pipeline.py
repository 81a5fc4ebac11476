"""Files → articles → incidents, for many files at once, with errors collected."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.extract.articles import ArticleError, ErrorLog, RecordFields
from geo.extract.record import Incident

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = ["Extraction", "extract"]


@dataclass
class Extraction:
    """The result of reading many articles."""

    incidents: list[Incident]
    articles: int = 0
    errors: list[ArticleError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return not self.errors


def extract(
    inputs: Iterable[str | os.PathLike],
    *,
    published: dt.date | str | None = None,
    fields: RecordFields | None = None,
    gazetteer: Gazetteer | None = None,
    merge: bool = True,
    keep: str = "border",
    progress: Callable[[int, str], None] | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
    workers: int | None = 1,
    scheduler: str | None = None,
    partition_bytes: int | None = None,
) -> Extraction:
    """Extract the incidents of every article in ``inputs``.

    Parameters
    ----------
    inputs
        Files, directories and globs (see :func:`geo.extract.articles.read_articles`).
    published
        Publication date for articles that give none.
    fields
        Record field names for JSON Lines and CSV inputs.
    gazetteer
        A loaded gazetteer; loaded here when omitted.
    merge
        Merge the same incident reported by several articles.
    keep
        ``"border"`` (the default): border incidents only; ``"violent"``: also the
        other violent events; ``"all"``: every event. Those that are not border
        incidents are flagged by ``border_reason`` None (see
        :mod:`geo.extract.relevance`).
    progress
        Called as articles are read with the number read so far and where.
    on_error
        Called with each problem as it is met (all are also in ``errors``).
    workers
        Worker processes (``None``: every core; ``1``: this process).
    scheduler
        A Dask scheduler address (``tcp://host:8786``), or ``"local"`` for a Dask
        ``LocalCluster``; see :class:`geo.corpus.Engine`.
    partition_bytes
        Input bytes per partition handed to a worker (default: automatic).

    Returns
    -------
    Extraction
        Incidents, the number of articles read and the problems met. Bad input
        never stops the run.
    """
    from geo.corpus import extract_corpus

    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.load()  # also builds the index once, before any worker starts
    run = extract_corpus(
        inputs,
        published=published,
        fields=fields,
        gazetteer=gazetteer,
        workers=workers,
        scheduler=scheduler,
        partition_bytes=partition_bytes,
        progress=progress,
        errors=ErrorLog(on_error),
        keep=keep,
        merge=merge,
    )
    return Extraction(run.incidents, run.articles, run.errors)
