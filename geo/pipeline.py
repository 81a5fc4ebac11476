"""Files → articles → incidents, for many files at once, with errors collected."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from geo.extract.articles import ArticleError, ErrorLog, RecordFields, read_articles
from geo.extract.incidents import extract_incidents
from geo.extract.merge import merge_incidents
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
    progress: Callable[[int, str], None] | None = None,
    on_error: Callable[[ArticleError], None] | None = None,
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
    progress
        Called after each article with the number read so far and its file.
    on_error
        Called with each problem as it is met (all are also in ``errors``).

    Returns
    -------
    Extraction
        Incidents, the number of articles read and the problems met. Bad input
        never stops the run.
    """
    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    errors: list[ArticleError] = ErrorLog(on_error)
    incidents: list[Incident] = []
    n = 0
    for article in read_articles(inputs, published=published, fields=fields, errors=errors):
        incidents.extend(extract_incidents(article, gazetteer))
        n += 1
        if progress is not None:
            progress(n, article.where)
    if merge:
        incidents = merge_incidents(incidents)
    return Extraction(incidents, n, errors)
