"""Read news articles from text, Markdown, HTML, JSON Lines, CSV and WARC files.

Every reader returns :class:`Article` records whose ``text`` is the body the
incident extractor reads; every character offset bordermap reports refers to
that text. Bad input never stops a run: with an ``errors`` list, each problem
is recorded as an :class:`ArticleError` naming the file (and line or record)
and the other articles are still read.

Readers are generators: files are listed lazily and JSON Lines (also ``.jsonl.gz``),
CSV and WARC files are streamed record by record, so memory does not grow with the
corpus. The size limit is one article's (:data:`MAX_ARTICLE_BYTES`), never a whole
corpus file's.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geo.extract.dates import MONTH_RE, parse_date

__all__ = [
    "ARTICLE_SUFFIXES",
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "ErrorLog",
    "RecordFields",
    "expand_paths",
    "input_kind",
    "iter_paths",
    "read_articles",
    "read_file",
]

#: File suffixes read when a directory is given (JSON Lines, CSV and WARC also as ``.gz``).
ARTICLE_SUFFIXES = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".jsonl",
    ".ndjson",
    ".csv",
    ".warc",
    ".arc",
)

#: One article (a text or HTML file, a record's text) larger than this is refused
#: (20 MiB); corpus files (JSON Lines, CSV, WARC) have no size limit.
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

    def __reduce__(self):
        # rebuilt from its parts, so errors travel from worker processes intact
        return (type(self), (self.path, self.problem, self.line))


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


def _record_line_limit() -> int:
    """Longest JSON line read (a record's text may grow up to 6x in JSON escapes)."""
    return 6 * MAX_ARTICLE_BYTES


def _mib(n: int) -> str:
    """A byte count in binary megabytes, the unit of the limits (``20 MiB``)."""
    return f"{n / 2**20:.1f} MiB".replace(".0 MiB", " MiB")


def _read_bytes(path: Path) -> bytes:
    """A one-article file, refused when larger than :data:`MAX_ARTICLE_BYTES`."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(
            path,
            f"file too large for one article ({_mib(size)} > {_mib(MAX_ARTICLE_BYTES)} limit)",
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
        raise ArticleError(
            path, f"record text too large (over {_mib(MAX_ARTICLE_BYTES)} for one article)", line
        )
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


def _jsonl_lines(fh, path: Path, start: int, end: int | None) -> Iterator[tuple[int, bytes]]:
    """``(byte offset, line)`` of each line of a binary file handle, split on LF only.

    JSON Lines separate records by LF alone: U+0085, U+2028 and other characters that
    :meth:`str.splitlines` breaks on are text. A line longer than the record limit is
    yielded as ``b""`` after the rest of it has been skipped, never held whole.
    """
    pos = start
    limit = _record_line_limit()
    while end is None or pos < end:
        line = fh.readline(limit + 1)
        if not line:
            return
        at = pos
        pos += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of an oversized line in bounded chunks
                more = fh.readline(1 << 20)
                pos += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield at, b""
            continue
        yield at, line


def _open_binary(path: Path):
    """``path`` opened for binary reading, decompressed when it ends in ``.gz``."""
    try:
        if path.name.lower().endswith(".gz"):
            import gzip

            return gzip.open(path, "rb")
        return open(path, "rb")
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None


def _jsonl_articles(
    path: Path,
    fields: RecordFields,
    errors: list | None,
    start: int = 0,
    end: int | None = None,
    first_line: int = 1,
) -> Iterator[Article]:
    """Records of a JSON Lines file, one at a time (the file is never read whole).

    ``start``/``end`` are byte offsets of line starts (a partition of a large file);
    ``first_line`` is the line number at ``start``.
    """
    with _open_binary(path) as fh:
        try:
            if start:
                fh.seek(start)
            n = first_line - 1
            for _, raw in _jsonl_lines(fh, path, start, end):
                n += 1
                if n == 1 and b"\x00" in raw[:8192]:
                    raise ArticleError(path, "binary file (NUL bytes), not JSON Lines")
                try:
                    if not raw:
                        raise ArticleError(
                            path, f"record too large (over {_mib(_record_line_limit())})", n
                        )
                    if not raw.strip():
                        continue
                    try:
                        line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
                    except UnicodeDecodeError as exc:
                        raise ArticleError(
                            path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", n
                        ) from None
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
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            raise ArticleError(path, f"cannot read: {exc}", n + 1) from None


def _csv_articles(path: Path, fields: RecordFields, errors: list | None) -> Iterator[Article]:
    """Records of a CSV file, one at a time (quoted fields may span lines)."""
    import io

    if csv.field_size_limit() < MAX_ARTICLE_BYTES:
        csv.field_size_limit(MAX_ARTICLE_BYTES)
    with _open_binary(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        try:
            names = reader.fieldnames
        except UnicodeDecodeError as exc:
            raise ArticleError(path, f"not valid UTF-8 ({exc.reason})") from None
        except csv.Error as exc:
            raise ArticleError(path, f"malformed CSV: {exc}", 1) from None
        if names is None or fields.text not in names:
            raise ArticleError(path, f"CSV has no {fields.text!r} column (found {names})")
        n = 0
        try:
            for n, rec in enumerate(reader, start=1):
                try:
                    yield _record_article(rec, path, n, fields)
                except ArticleError as exc:
                    _report(exc, errors)
        except UnicodeDecodeError as exc:
            raise ArticleError(path, f"not valid UTF-8 ({exc.reason})", n + 1) from None
        except csv.Error as exc:
            raise ArticleError(path, f"malformed CSV: {exc}", n + 1) from None


def _warc_articles(path: Path, errors: list | None) -> Iterator[Article]:
    """Articles in a WARC web archive (plain or gzip): HTML responses and text resources.

    Each record is read on its own; ``record`` is the record's position in the archive
    (1-based, counting every record) and ``url`` its ``WARC-Target-URI``.
    """
    from dataclasses import replace

    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with _open_binary_plain(path) as fh:
        n = 0
        try:
            is_arc = path.name.lower().endswith((".arc", ".arc.gz"))
            for n, record in enumerate(ArchiveIterator(fh), start=1):
                if record.format != "warc" and not is_arc:
                    raise ArticleError(path, "not a WARC file (no WARC/1.x record header)", n)
                if record.rec_type not in ("response", "resource", "conversion"):
                    continue
                ctype = _warc_content_type(record)
                if not (ctype.startswith("text/") or "html" in ctype):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                try:
                    data = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
                    if len(data) > MAX_ARTICLE_BYTES:
                        raise ArticleError(
                            path, f"record too large (over {_mib(MAX_ARTICLE_BYTES)})", n
                        )
                    charset = _charset(ctype)
                    text = data.decode(charset, errors="replace")
                    if not text.strip():
                        raise ArticleError(path, "empty record", n)
                    if "html" in ctype:
                        art = _html_article(text, path)
                    else:
                        art = _text_article(text, path)
                    warc_date = record.rec_headers.get_header("WARC-Date") or ""
                    yield replace(
                        art,
                        record=n,
                        offset=0,
                        url=art.url or url,
                        meta={**art.meta, "warc_date": warc_date},
                    )
                except ArticleError as exc:
                    _report(ArticleError(path, exc.problem, n), errors)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
            raise ArticleError(path, f"not a readable WARC file: {exc}", n + 1) from None


def _open_binary_plain(path: Path):
    """``path`` opened for binary reading as it is (warcio decompresses itself)."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise ArticleError(path, "no such file") from None
    except OSError as exc:
        raise ArticleError(path, f"cannot read: {exc.strerror}") from None


def _warc_content_type(record) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "text/html").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


def _charset(ctype: str) -> str:
    import codecs

    m = re.search(r"charset=[\"']?([\w.:-]+)", ctype)
    if m:
        try:
            return codecs.lookup(m[1]).name
        except LookupError:
            pass
    return "utf-8"


class ErrorLog(list):
    """A list of :class:`ArticleError` that also hands each one to ``on_error`` as it is added.

    Pass it as ``errors`` to :func:`read_articles` to hear of problems while reading
    goes on, e.g. to print them as they happen.
    """

    def __init__(self, on_error: Callable[[ArticleError], None] | None = None):
        super().__init__()
        self.on_error = on_error

    def append(self, exc: ArticleError) -> None:
        """Record ``exc`` and call ``on_error`` with it."""
        super().append(exc)
        if self.on_error is not None:
            self.on_error(exc)


def _report(exc: ArticleError, errors: list | None) -> None:
    if errors is None:
        raise exc
    errors.append(exc)


def input_kind(path: str | os.PathLike) -> str | None:
    """What a file holds, from its name.

    ``"jsonl"``, ``"csv"``, ``"warc"``, ``"html"``, ``"text"``, or ``None`` for a name
    bordermap does not read from a directory.

    ``.gz`` is looked through for JSON Lines and CSV (``a.jsonl.gz``); WARC files may be
    plain or compressed (``a.warc``, ``a.warc.gz``).
    """
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
        if not name.endswith((".jsonl", ".ndjson", ".csv", ".warc", ".arc")):
            return None
    suffix = Path(name).suffix
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    if suffix in (".warc", ".arc"):
        return "warc"
    if suffix in (".html", ".htm"):
        return "html"
    if suffix in (".txt", ".md", ".markdown"):
        return "text"
    return None


def iter_paths(inputs: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named by ``inputs``, one at a time.

    Files are taken as given, directories walked (depth first, entries in name order)
    for the names :func:`input_kind` knows, glob patterns expanded. The order is that of
    ``sorted()`` paths per input; memory holds one directory listing at a time.
    """
    for item in inputs:
        s = str(item)
        p = Path(s)
        if p.is_dir():
            yield from _walk(p)
        elif any(ch in s for ch in "*?[") and not p.exists():
            matches = sorted(Path(g) for g in glob.glob(s, recursive=True) if Path(g).is_file())
            yield from matches if matches else [p]  # an unmatched glob is reported as missing
        else:
            yield p


def _walk(folder: Path) -> Iterator[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for e in entries:
        if e.is_dir():
            yield from _walk(Path(e.path))
        elif e.is_file() and input_kind(e.name) is not None:
            yield Path(e.path)


def expand_paths(inputs: Iterable[str | os.PathLike]) -> list[Path]:
    """Files named by ``inputs`` as a list (see :func:`iter_paths`)."""
    return list(iter_paths(inputs))


def _fallback_date(published: dt.date | str | None) -> dt.date | None:
    fallback = parse_date(published) if published is not None else None
    if published is not None and fallback is None:
        raise ValueError(f"--published {published!r} is not a YYYY-MM-DD date")
    return fallback


def read_articles(
    inputs: Iterable[str | os.PathLike],
    *,
    published: dt.date | str | None = None,
    fields: RecordFields | None = None,
    errors: list[ArticleError] | None = None,
) -> Iterator[Article]:
    """Read articles from files, directories and glob patterns, one at a time.

    Memory does not grow with the corpus: files are listed lazily, and JSON Lines,
    CSV and WARC files are streamed record by record.

    Parameters
    ----------
    inputs
        Paths, directories or globs. ``.txt``/``.md`` are text (a first line
        ``date YYYY-MM-DD`` or YAML front matter carries metadata), ``.html``/``.htm``
        go through trafilatura's main-text extraction, ``.jsonl``/``.ndjson`` and
        ``.csv`` (also gzip-compressed, ``.jsonl.gz``) hold one article per record,
        ``.warc``/``.warc.gz`` web archives one per HTML response or text resource.
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
    fallback = _fallback_date(published)
    for path in iter_paths(inputs):
        yield from read_file(path, published=fallback, fields=fields, errors=errors)


def read_file(
    path: str | os.PathLike,
    *,
    published: dt.date | str | None = None,
    fields: RecordFields | None = None,
    errors: list[ArticleError] | None = None,
    byte_range: tuple[int, int | None] | None = None,
    first_record: int = 1,
) -> Iterator[Article]:
    """The articles of one file, one at a time.

    Parameters
    ----------
    path
        The file.
    published, fields, errors
        As for :func:`read_articles`.
    byte_range
        ``(start, end)`` byte offsets of line starts in an uncompressed JSON Lines
        file: only the lines starting in that range are read (a partition of a large
        file; ``end=None`` reads to the end).
    first_record
        Line number of the line at ``start``.

    Yields
    ------
    Article
    """
    path = Path(path)
    fields = fields or RecordFields()
    fallback = _fallback_date(published)
    try:
        for art in _read_file(path, fields, errors, byte_range, first_record):
            if art.published is None and fallback is not None:
                art = _with_published(art, fallback)
            yield art
    except ArticleError as exc:
        _report(exc, errors)


def _with_published(art: Article, date: dt.date) -> Article:
    from dataclasses import replace

    return replace(art, published=date, published_from="option")


def _read_file(
    path: Path,
    fields: RecordFields,
    errors: list | None,
    byte_range: tuple[int, int | None] | None = None,
    first_record: int = 1,
) -> Iterator[Article]:
    if path.is_dir():
        raise ArticleError(path, "is a directory")
    kind = input_kind(path)
    if kind == "jsonl":
        start, end = byte_range or (0, None)
        yield from _jsonl_articles(path, fields, errors, start, end, first_record)
        return
    if byte_range is not None:
        raise ArticleError(path, "byte ranges are for uncompressed JSON Lines files only")
    if kind == "csv":
        yield from _csv_articles(path, fields, errors)
        return
    if kind == "warc":
        yield from _warc_articles(path, errors)
        return
    text = _decode(_read_bytes(path), path)
    if not text.strip():
        raise ArticleError(path, "empty file")
    if kind == "html" or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
        yield _html_article(text, path)
        return
    art = _text_article(text, path)
    if not art.text.strip():
        raise ArticleError(path, "article has metadata but no text")
    yield art
