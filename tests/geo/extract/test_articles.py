"""Reading articles: formats, metadata, publication dates and bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geo.extract import articles as art
from geo.extract.articles import ArticleError, RecordFields, read_articles

DATA = __import__("pathlib").Path(__file__).resolve().parents[2] / "data" / "incidents"


def test_date_first_line_with_boilerplate_in_another_script(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(
        "date 2024-03-14 Մենյու Մուտք\nHeadline\n\nBody sentence here.\n", encoding="utf-8"
    )
    (a,) = read_articles([f])
    assert a.published == dt.date(2024, 3, 14) and a.published_from == "metadata"
    assert "Մենյու" not in a.text and a.text.startswith("Headline")
    original = f.read_text(encoding="utf-8")
    assert original[a.offset : a.offset + len(a.text)] == a.text


def test_yaml_front_matter(tmp_path):
    f = tmp_path / "a.md"
    f.write_text(
        "---\ntitle: 'Clash: two hurt'\ndate: 2024-05-02\nsource: Wire\nurl: https://x.org/a\n---\n"
        "Text of the article.\n",
        encoding="utf-8",
    )
    (a,) = read_articles([f])
    assert (a.title, a.published, a.publisher, a.url) == (
        "Clash: two hurt",
        dt.date(2024, 5, 2),
        "Wire",
        "https://x.org/a",
    )
    assert a.text == "Text of the article.\n"


def test_html_main_text_without_boilerplate():
    (a,) = read_articles([DATA / "il_lb_kfar_kila.html"])
    assert a.published == dt.date(2024, 11, 11)
    assert "Kfar Kila" in a.text and "Kiryat Shmona" in a.text
    for boilerplate in ("Subscribe", "Cookie settings", "Weather in Beirut"):
        assert boilerplate not in a.text
    assert a.title.startswith("Shelling and rockets")


def test_jsonl_records_and_fields(tmp_path):
    (a, b, c) = read_articles([DATA / "records.jsonl"])
    assert (a.record, b.record, c.record) == (1, 2, 3)
    assert a.publisher == "Example Wire" and a.published == dt.date(2025, 5, 28)
    f = tmp_path / "custom.jsonl"
    f.write_text(json.dumps({"body": "Some text.", "day": "2024-01-02"}) + "\n", encoding="utf-8")
    (d,) = read_articles([f], fields=RecordFields(text="body", date="day"))
    assert d.published == dt.date(2024, 1, 2)


def test_csv_records(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text(
        'title,date,text\nOne,2024-02-01,"First, with a comma."\nTwo,,Second.\n', encoding="utf-8"
    )
    one, two = read_articles([f])
    assert one.text == "First, with a comma." and one.published == dt.date(2024, 2, 1)
    assert two.published is None and two.record == 2


def test_dateline_gives_publication_date_but_a_caption_does_not(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Headline\nPublished: 14 March 2025\n\nJALALABAD — Text.\n", encoding="utf-8")
    (a,) = read_articles([f])
    assert a.published == dt.date(2025, 3, 14) and a.published_from == "dateline"
    g = tmp_path / "b.txt"
    g.write_text(
        "Headline\nA minister speaks in Moscow, Russia April 28, 2021. Jo Doe/Pool via REUTERS\n"
        "\nMOSCOW (Reuters) - Text said on Wednesday.\n",
        encoding="utf-8",
    )
    (b,) = read_articles([g])
    assert b.published is None


def test_published_option_only_fills_missing_dates(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("No date here.\n", encoding="utf-8")
    g = tmp_path / "b.txt"
    g.write_text("date 2020-01-01\nDated.\n", encoding="utf-8")
    a, b = read_articles([f, g], published="2021-05-26")
    assert a.published == dt.date(2021, 5, 26) and a.published_from == "option"
    assert b.published == dt.date(2020, 1, 1)
    with pytest.raises(ValueError, match="not a YYYY-MM-DD"):
        list(read_articles([f], published="26/05/2021"))


def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text("A fine article.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Kəlbəcər".encode() + b" caf\xe9")
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "First record."}\n{"text": broken\n{"title": "no text"}\n{"text": "Fourth."}\n',
        encoding="utf-8",
    )
    (tmp_path / "big.txt").write_text("x" * 2000, encoding="utf-8")
    monkeypatch.setattr(art, "MAX_ARTICLE_BYTES", 1000)
    errors: list[ArticleError] = []
    got = list(read_articles([tmp_path, tmp_path / "missing.txt"], errors=errors))
    texts = sorted(a.text.strip() for a in got)
    assert texts == ["A fine article.", "First record.", "Fourth."]
    messages = sorted(str(e) for e in errors)
    assert any("binary.txt" in m and "binary" in m for m in messages)
    assert any("empty.txt" in m and "empty" in m for m in messages)
    assert any("latin1.txt" in m and "UTF-8" in m and "0xe9" in m for m in messages)
    assert any("lines.jsonl:2" in m and "malformed JSON" in m for m in messages)
    assert any("lines.jsonl:3" in m and "'text'" in m for m in messages)
    assert any("big.txt" in m and "too large" in m for m in messages)
    assert any("missing.txt" in m and "no such file" in m for m in messages)
    assert len(errors) == 7


def test_without_error_list_the_first_problem_raises(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"empty\.txt: empty file"):
        list(read_articles([tmp_path / "empty.txt"]))


def test_globs_and_directories(tmp_path):
    for name in ("a.txt", "b.md", "c.log"):
        (tmp_path / name).write_text("Text.\n", encoding="utf-8")
    assert len(list(read_articles([tmp_path]))) == 2
    assert len(list(read_articles([str(tmp_path / "*.md")]))) == 1
