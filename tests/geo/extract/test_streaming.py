"""Streaming readers: JSON Lines (plain and gzip), CSV and WARC record by record."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc

import pytest

from geo.extract import articles as art
from geo.extract.articles import ArticleError, input_kind, read_articles, read_file

BODY = (
    "Border guards reported an exchange of fire near the river crossing on Tuesday, "
    "officials said. Nobody was hurt, and the crossing reopened in the afternoon. "
)


def _record(k: int) -> dict:
    return {"text": f"Report {k}. " + BODY * 4, "date": "2024-05-02", "title": f"Report {k}"}


def _write_jsonl(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps(_record(k)) + "\n")


def test_jsonl_is_streamed_with_flat_memory(tmp_path, monkeypatch):
    """A JSON Lines file many times the one-article limit is read record by record."""
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    _write_jsonl(small, 200)
    _write_jsonl(big, 20_000)  # ~13 MB
    monkeypatch.setattr(art, "MAX_ARTICLE_BYTES", 64 * 1024)  # the file is ~200x the limit

    def peak(path) -> tuple[int, int]:
        tracemalloc.start()
        n = 0
        for a in read_articles([path]):
            n += 1
            assert a.record == n
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return n, top

    n_small, peak_small = peak(small)
    n_big, peak_big = peak(big)
    assert (n_small, n_big) == (200, 20_000)
    assert big.stat().st_size > 150 * art.MAX_ARTICLE_BYTES
    # memory per article read falls a hundredfold: it does not grow with the file
    assert peak_big < 2 * peak_small + 256 * 1024
    assert peak_big < big.stat().st_size / 20


def test_gzip_jsonl_and_csv(tmp_path):
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as fh:
        for k in range(3):
            fh.write(json.dumps(_record(k)) + "\n")
    with gzip.open(tmp_path / "b.csv.gz", "wt", encoding="utf-8", newline="") as fh:
        fh.write('title,text\nOne,"First line\nsecond line."\n')
    got = list(read_articles([tmp_path]))
    assert [a.title for a in got] == ["Report 0", "Report 1", "Report 2", "One"]
    assert got[3].text == "First line\nsecond line."
    assert input_kind("x.jsonl.gz") == "jsonl" and input_kind("x.tar.gz") is None


def test_truncated_gzip_is_an_error_after_the_good_records(tmp_path):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as gz:
        for k in range(50):
            gz.write((json.dumps(_record(k)) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(buf.getvalue()[:-200])
    errors: list[ArticleError] = []
    got = list(read_articles([tmp_path / "cut.jsonl.gz"], errors=errors))
    assert 0 < len(got) < 50
    assert len(errors) == 1 and "cut.jsonl.gz" in str(errors[0])


@pytest.mark.parametrize("sep", ["\u0085", "\u2028", "\u2029", "\x0c", "\r"])
def test_line_separators_inside_records_are_text(tmp_path, sep):
    f = tmp_path / "a.jsonl"
    texts = [f"First part{sep}second part.", "Next record."]
    f.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts))
    errors: list = []
    got = list(read_articles([f], errors=errors))
    assert [a.text for a in got] == texts and [a.record for a in got] == [1, 2]
    assert errors == []
    c = tmp_path / "a.csv"
    with open(c, "w", encoding="utf-8", newline="") as fh:
        fh.write(f'text\n"First part{sep}second part."\nNext record.\n')
    assert [a.text for a in read_articles([c])] == texts


def test_bom_crlf_and_empty_lines(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n\r\n{"text": "Two."}\r\n')
    assert [(a.text, a.record) for a in read_articles([f])] == [("One.", 1), ("Two.", 3)]


def test_size_limit_belongs_to_one_record_and_says_mib(tmp_path, monkeypatch):
    monkeypatch.setattr(art, "MAX_ARTICLE_BYTES", 2 * 1024 * 1024)
    f = tmp_path / "a.jsonl"
    with open(f, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "Small one."}) + "\n")
        fh.write(json.dumps({"text": "x" * (3 * 1024 * 1024)}) + "\n")
        fh.write(json.dumps({"text": "Small two."}) + "\n")
    errors: list[ArticleError] = []
    got = list(read_articles([f], errors=errors))
    assert [a.text for a in got] == ["Small one.", "Small two."]
    (err,) = errors
    assert err.line == 2 and "2 MiB" in str(err) and "MB" not in str(err).replace("MiB", "")
    big = tmp_path / "big.txt"
    big.write_text("y" * (3 * 1024 * 1024))
    errors = []
    assert list(read_articles([big], errors=errors)) == []
    assert "3 MiB > 2 MiB" in str(errors[0])


def test_an_endless_line_is_skipped_without_holding_it(tmp_path, monkeypatch):
    monkeypatch.setattr(art, "MAX_ARTICLE_BYTES", 1024)
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "A."}\n' + '{"text": "' + "z" * 50_000 + '"}\n{"text": "B."}\n')
    errors: list[ArticleError] = []
    assert [a.text for a in read_articles([f], errors=errors)] == ["A.", "B."]
    assert errors[0].line == 2 and "too large" in errors[0].problem


def test_byte_ranges_partition_a_file(tmp_path):
    f = tmp_path / "a.jsonl"
    _write_jsonl(f, 30)
    data = f.read_bytes()
    cut = data.index(b"\n", len(data) // 2) + 1
    first_of_second = data[:cut].count(b"\n") + 1
    a = list(read_file(f, byte_range=(0, cut)))
    b = list(read_file(f, byte_range=(cut, None), first_record=first_of_second))
    whole = list(read_file(f))
    assert [x.record for x in a + b] == list(range(1, 31))
    assert [x.text for x in a + b] == [x.text for x in whole]


def _warc(path, records) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for kind, uri, ctype, payload in records:
            http = None
            if kind == "response":
                http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_content_type=None if kind == "response" else ctype,
            )
            writer.write_record(rec)


PAGE = (
    "<html><head><title>Clash at the crossing</title>"
    '<meta property="article:published_time" content="2024-06-03"></head><body>'
    "<nav>Home | World | Sport</nav><article><h1>Clash at the crossing</h1>"
    "<p>Border guards exchanged fire near the river crossing on Monday, officials said.</p>"
    "<p>Two guards were wounded and taken to hospital in the nearest town.</p>"
    "<p>The crossing was closed for the rest of the day while officers searched the area.</p>"
    "</article><footer>Cookie settings</footer></body></html>"
)


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_responses_and_text_resources(tmp_path, name):
    f = tmp_path / name
    _warc(
        f,
        [
            ("response", "https://news.example/a", "text/html; charset=utf-8", PAGE.encode()),
            ("response", "https://news.example/logo.png", "image/png", b"\x89PNG\x00"),
            ("resource", "urn:note:1", "text/plain", b"date 2024-06-04\nA plain note.\n"),
        ],
    )
    got = list(read_articles([tmp_path]))
    assert [a.url for a in got] == ["https://news.example/a", "urn:note:1"]
    page, note = got
    assert "Two guards were wounded" in page.text and "Cookie settings" not in page.text
    assert page.published is not None and page.published.isoformat() == "2024-06-03"
    assert note.text == "A plain note.\n" and note.published.isoformat() == "2024-06-04"
    assert page.record < note.record and page.path == str(f)


def test_a_broken_warc_is_reported(tmp_path):
    (tmp_path / "bad.warc").write_bytes(b"this is not a web archive\n" * 10)
    errors: list[ArticleError] = []
    assert list(read_articles([tmp_path / "bad.warc"], errors=errors)) == []
    assert "bad.warc" in str(errors[0]) and "WARC" in str(errors[0])
