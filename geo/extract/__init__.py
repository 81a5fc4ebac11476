"""Extraction: articles in, dated, typed, counted, located and sourced incidents out.

Reading (:mod:`~geo.extract.articles`), sentences and clauses, time expressions
(:mod:`~geo.extract.dates`), event triggers and casualty counts
(:mod:`~geo.extract.events`), locations, the extractor itself
(:mod:`~geo.extract.incidents`), the record (:mod:`~geo.extract.record`) and
merging (:mod:`~geo.extract.merge`). Nothing here draws maps or writes files.
"""

from __future__ import annotations

from geo.extract.articles import Article, ArticleError, RecordFields, read_articles
from geo.extract.incidents import extract_incidents
from geo.extract.merge import merge_incidents
from geo.extract.record import RECORD_FIELDS, Incident

__all__ = [
    "RECORD_FIELDS",
    "Article",
    "ArticleError",
    "Incident",
    "RecordFields",
    "extract_incidents",
    "merge_incidents",
    "read_articles",
]
