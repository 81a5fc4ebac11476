"""Read news articles from text, Markdown, HTML, JSON Lines and CSV files.

Every reader returns :class:`Article` records whose ``text`` is the body the
incident extractor reads; every character offset bordermap reports refers to
that text. Bad input never stops a run: with an ``errors`` list, each problem
is recorded as an :class:`ArticleError` naming the file (and line or record)
and the other articles are still read.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.extract.dates import MONTH_RE, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "RecordFields",
    "expand_paths",
    "read_articles",
]

#: File suffixes read when a directory is given.
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl", ".ndjson", ".csv")

#: Files (and records) larger than this are refused, not read into memory.
MAX_ARTICLE_BYTES = 20 * 1024 * 1024


class ArticleError(ValueError):
    """An input that could not be read as an article.

    Attributes
    ----------
    path : str
        The file.
    line : int or None
        The line (JSON Lines) or record (CSV) number, 1-based, when the problem
        is inside one record.
    problem : str
        What is wrong, in words.
    """

    def __init__(self, path: str | os.PathLike, problem: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Article:
    """One news article, ready for incident extraction.

    Attributes
    ----------
    text : str
        The body. Offsets reported for mentions and quotes index this string.
    title, url, publisher : str
        Metadata, empty when unknown.
    published : datetime.date or None
        Publication date from metadata or a dateline; ``None`` when unknown.
    published_from : str
        Where ``published`` came from: ``"metadata"``, ``"dateline"``,
        ``"option"`` (``--published``) or ``""``.
    path : str
        The file it was read from.
    record : int or None
        Line (JSON Lines) or record (CSV) number inside ``path``.
    offset : int
        Position of ``text`` inside the file for text, Markdown and HTML-free
        inputs (``file_text[offset + start]``), so quotes can be traced back.
    """

    text: str
    title: str = ""
    published: dt.date | None = None
    url: str = ""
    publisher: str = ""
    path: str = ""
    record: int | None = None
    offset: int = 0
    published_from: str = ""
    meta: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        """Stable id: a hash of the text, so the same article read twice has one id."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]

    @property
    def where(self) -> str:
        """``path`` or ``path:record``, for messages."""
        return f"{self.path}:{self.record}" if self.record is not None else self.path

    def source(self) -> dict:
        """The provenance every incident carries (JSON-ready)."""
        return {
            "article_id": self.id,
            "file": self.path,
            "record": self.record,
            "title": self.title,
            "url": self.url,
            "publisher": self.publisher,
            "published": self.published.isoformat() if self.published else None,
        }


@dataclass(frozen=True)
class RecordFields:
    """Field (column) names for JSON Lines and CSV records."""

    text: str = "text"
    title: str = "title"
    date: str = "date"
    url: str = "url"
    source: str = "source"


# ---------------------------------------------------------------------------
# dates


_FULL_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}\s+(?:{MONTH_RE})\.?\s+\d{{4}}"
    rf"|(?:{MONTH_RE})\.?\s+\d{{1,2}},?\s+\d{{4}})"
)
# A dateline is a short line of its own (``Published: 14 March 2024``) or the head of
# the first paragraph (``YEREVAN, March 14, 2024 —``). Dates inside captions and body
# sentences are never publication dates.
_DATELINE_LINE = re.compile(
    rf"^\s*(?:(?:published|posted|updated|date|dated)\s*(?:on)?:?\s*)?(?:\w+day,?\s+)?"
    rf"(?P<date>{_FULL_DATE})(?:,?\s+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s+\w+)?)?\s*$",
    re.IGNORECASE,
)
_DATELINE_HEAD = re.compile(
    rf"^\s*[A-Z][A-Z .'-]{{2,40}},\s+(?P<date>{_FULL_DATE})\s*(?:\([^)]{{1,40}}\)\s*)?[-—–:]",
)


def dateline_date(text: str, max_lines: int = 12) -> dt.date | None:
    """The publication date written in a dateline near the top of ``text``, if any."""
    for line in text.splitlines()[:max_lines]:
        m = _DATELINE_LINE.match(line) or _DATELINE_HEAD.match(line)
        if m:
            return parse_date(m["date"])
    return None


# ---------------------------------------------------------------------------
# readers


_DATE_FIRST_LINE = re.compile(r"^\ufeff?\s*date\s+(\d{4}-\d{2}-\d{2})\b[^\n]*\n?")
_FRONT_MATTER = re.compile(r"^\ufeff?---[ \t]*\n(.*?)\n---[ \t]*\n?", re.DOTALL)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            path, f"file too large ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None


def _decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:8192]:
        raise ArticleError(path, "binary file (NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def _front_matter(text: str, path: Path) -> tuple[dict, int]:
    """YAML front matter and the offset where the body starts."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, 0
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it
    try:
        meta = yaml.load(m[1], Loader=loader) or {}
    except yaml.YAMLError as exc:
        raise ArticleError(path, f"malformed YAML front matter: {exc}".splitlines()[0]) from None
    if not isinstance(meta, dict):
        raise ArticleError(path, "YAML front matter is not a mapping of fields")
    return meta, m.end()


def _text_article(text: str, path: Path) -> Article:
    meta: dict = {}
    offset = 0
    published = None
    published_from = ""
    m = _DATE_FIRST_LINE.match(text)
    if m:
        published = parse_date(m[1])
        if published is None:
            raise ArticleError(path, f"date line has an impossible date {m[1]!r}")
        published_from = "metadata"
        offset = m.end()
    else:
        meta, offset = _front_matter(text, path)
        if meta.get("date") is not None:
            published = parse_date(meta["date"])
            if published is None:
                raise ArticleError(path, f"front matter date {meta['date']!r} is not a date")
            published_from = "metadata"
    body = text[offset:]
    if published is None:
        published = dateline_date(body)
        published_from = "dateline" if published else ""
    return Article(
        text=body,
        title=str(meta.get("title") or _first_title_line(body)),
        published=published,
        url=str(meta.get("url") or ""),
        publisher=str(meta.get("source") or meta.get("publisher") or ""),
        path=str(path),
        offset=offset,
        published_from=published_from,
        meta=meta,
    )


def _first_title_line(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line if len(line) <= 200 else ""
    return ""


def _html_article(text: str, path: Path) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = (doc.text if doc is not None else "") or ""
    if not body.strip():
        raise ArticleError(path, "no article text found in the HTML page")
    published = parse_date(doc.date)
    if published is None:
        published = dateline_date(body)
        published_from = "dateline" if published else ""
    else:
        published_from = "metadata"
    return Article(
        text=body,
        title=doc.title or "",
        published=published,
        url=doc.url or "",
        publisher=doc.sitename or doc.hostname or "",
        path=str(path),
        published_from=published_from,
    )


def _record_article(rec: dict, path: Path, line: int, fields: RecordFields) -> Article:
    text = rec.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        raise ArticleError(path, f"record has no {fields.text!r} text", line)
    if len(text.encode("utf-8")) > MAX_ARTICLE_BYTES:
        raise ArticleError(path, "record text too large", line)
    raw_date = rec.get(fields.date)
    published = parse_date(raw_date) if raw_date not in (None, "") else None
    if raw_date not in (None, "") and published is None:
        raise ArticleError(path, f"{fields.date!r} value {raw_date!r} is not a date", line)
    published_from = "metadata" if published else ""
    if published is None:
        published = dateline_date(text)
        published_from = "dateline" if published else ""
    return Article(
        text=text,
        title=str(rec.get(fields.title) or ""),
        published=published,
        url=str(rec.get(fields.url) or ""),
        publisher=str(rec.get(fields.source) or ""),
        path=str(path),
        record=line,
        published_from=published_from,
    )


def _jsonl_articles(
    text: str, path: Path, fields: RecordFields, errors: list | None
) -> Iterator[Article]:
    # only "\n" ends a record: str.splitlines() would also break at U+0085 or U+2028,
    # which JSON strings may hold as they are
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ArticleError(
                    path, f"malformed JSON: {exc.msg} (column {exc.colno})", n
                ) from None
            if not isinstance(rec, dict):
                raise ArticleError(path, "JSON line is not an object", n)
            yield _record_article(rec, path, n, fields)
        except ArticleError as exc:
            _report(exc, errors)


def _csv_articles(
    text: str, path: Path, fields: RecordFields, errors: list | None
) -> Iterator[Article]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or fields.text not in reader.fieldnames:
        raise ArticleError(path, f"CSV has no {fields.text!r} column (found {reader.fieldnames})")
    try:
        for n, rec in enumerate(reader, start=1):
            try:
                yield _record_article(rec, path, n, fields)
            except ArticleError as exc:
                _report(exc, errors)
    except csv.Error as exc:
        raise ArticleError(path, f"malformed CSV: {exc}", reader.line_num) from None


def _report(exc: ArticleError, errors: list | None) -> None:
    if errors is None:
        raise exc
    errors.append(exc)


def expand_paths(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named by ``inputs``.

    Files are taken as given, directories walked for :data:`ARTICLE_SUFFIXES`,
    glob patterns expanded. Order is stable (sorted per input).
    """
    out: list[Path] = []
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            out.extend(
                sorted(
                    f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
                )
            )
        elif any(ch in s for ch in "*?[") and not p.exists():
            matches = sorted(Path(g) for g in glob.glob(s, recursive=True) if Path(g).is_file())
            out.extend(matches if matches else [p])  # an unmatched glob is reported as missing
        else:
            out.append(p)
    return out


def read_articles(
    inputs: Iterable[str | os.PathLike],
    *,
    published: dt.date | str | None = None,
    fields: RecordFields | None = None,
    errors: list[ArticleError] | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories and glob patterns.

    Parameters
    ----------
    inputs
        Paths, directories or globs. ``.txt``/``.md`` are text (a first line
        ``date YYYY-MM-DD`` or YAML front matter carries metadata), ``.html``/``.htm``
        go through trafilatura's main-text extraction, ``.jsonl``/``.ndjson`` and
        ``.csv`` hold one article per record.
    published
        Publication date for articles whose metadata and dateline give none.
    fields
        Record field names for JSON Lines and CSV.
    errors
        When given, problems are appended here and reading goes on; otherwise the
        first problem raises :class:`ArticleError`.

    Yields
    ------
    Article
    """
    fields = fields or RecordFields()
    fallback = parse_date(published) if published is not None else None
    if published is not None and fallback is None:
        raise ValueError(f"--published {published!r} is not a YYYY-MM-DD date")
    for path in expand_paths(inputs):
        try:
            for art in _read_file(path, fields, errors):
                if art.published is None and fallback is not None:
                    art = _with_published(art, fallback)
                yield art
        except ArticleError as exc:
            _report(exc, errors)


def _with_published(art: Article, date: dt.date) -> Article:
    from dataclasses import replace

    return replace(art, published=date, published_from="option")


def _read_file(path: Path, fields: RecordFields, errors: list | None) -> Iterator[Article]:
    if path.is_dir():
        raise ArticleError(path, "is a directory")
    text = _decode(_read_bytes(path), path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _jsonl_articles(text, path, fields, errors)
        return
    if suffix == ".csv":
        yield from _csv_articles(text, path, fields, errors)
        return
    if not text.strip():
        raise ArticleError(path, "empty file")
    if suffix in (".html", ".htm") or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        yield _html_article(text, path)
        return
    art = _text_article(text, path)
    if not art.text.strip():
        raise ArticleError(path, "article has metadata but no text")
    yield art
