"""The command line as a user meets it: version, pipes, directories, outputs kept, words, counts."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from bordermap.cli import main
from bordermap.output import count, print_table
from tests.conftest import DATA

CORPUS = DATA / "incidents"
BM = [sys.executable, "-m", "bordermap"]

ONE_INCIDENT = (
    "date 2024-05-02\n\n"
    "Kyrgyz and Tajik border troops exchanged fire on Tuesday near the village of Ak-Sai in "
    "Batken region; one guard was killed, officials said.\n"
)


def _article(folder: Path, name: str = "one.txt", text: str = ONE_INCIDENT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _bad_folder(tmp_path: Path) -> Path:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\xff\xfe\x00\x00\x81garbage")
    (bad / "empty.md").write_text("", encoding="utf-8")
    return bad


# --- 13: --version --------------------------------------------------------------------


def test_version(capsys):
    from importlib import metadata

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"bordermap {metadata.version('bordermap')}"


# --- 5: a closed pipe ends the run quietly --------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["places", str(DATA / "gazetteer" / "naxcivan.txt"), "--json"],
        ["regions", "AM", "--json"],
        ["regions", "AM"],
        ["geocode", "Armenia", "--json"],
        ["extract", str(CORPUS / "am_az_sotk_drone.txt"), "--json"],
    ],
    ids=["places", "regions-json", "regions", "geocode", "extract"],
)
def test_closed_stdout_exits_quietly(command):
    # like `bordermap … | head -1`: the reader is gone before the first line is written
    proc = subprocess.Popen(
        [*BM, *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=300)
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception" not in err, err
    assert code == 141


# --- 6: places takes directories and globs --------------------------------------------


def test_places_reads_a_directory_and_a_glob(tmp_path, capsys):
    news = tmp_path / "news"
    _article(news, "a.txt", "Shots were fired near Sotk in Gegharkunik province.")
    _article(news / "more", "b.md", "Guards patrolled near Isfara all week.")
    assert main(["places", str(news), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {Path(r["file"]).name for r in rows} == {"a.txt", "b.md"}
    assert {r["surface"] for r in rows} >= {"Sotk", "Gegharkunik", "Isfara"}

    assert main(["places", str(news / "*.txt")]) == 0
    table = capsys.readouterr().out
    assert "Sotk" in table and "Isfara" not in table


# --- 4: a failed run keeps a good earlier output --------------------------------------


def test_extract_with_every_input_failing_keeps_the_old_file(tmp_path):
    out = tmp_path / "out.geojson"
    good = subprocess.run(
        [*BM, "extract", str(CORPUS / "am_az_sotk_drone.txt"), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stderr
    before = out.read_bytes()
    assert json.loads(before)["features"]

    proc = subprocess.run(
        [*BM, "extract", str(_bad_folder(tmp_path)), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert out.read_bytes() == before
    assert f"kept {out}" in proc.stderr
    assert "binary.txt" in proc.stderr and "empty.md" in proc.stderr

    forced = subprocess.run(
        [*BM, "extract", str(tmp_path / "bad"), "-o", str(out), "--force"],
        capture_output=True,
        text=True,
    )
    assert forced.returncode == 1  # inputs failed
    assert json.loads(out.read_bytes())["features"] == []


def test_extract_with_nothing_found_writes_no_empty_file(tmp_path, capsys):
    quiet = _article(tmp_path / "in", text="date 2024-05-02\n\nThe harvest in Batken was good.\n")
    out = tmp_path / "out.csv"
    assert main(["extract", str(quiet), "-o", str(out)]) == 1
    assert not out.exists()
    assert "no incidents extracted" in capsys.readouterr().err


def test_map_with_no_incidents_keeps_the_old_map(tmp_path, capsys):
    page = tmp_path / "map.html"
    page.write_text("<html>an earlier good map</html>", encoding="utf-8")
    quiet = _article(tmp_path / "in", text="date 2024-05-02\n\nThe harvest in Batken was good.\n")
    assert main(["map", str(quiet), "-o", str(page), "--offline"]) == 1
    assert page.read_text(encoding="utf-8") == "<html>an earlier good map</html>"
    assert f"kept {page}" in capsys.readouterr().err


# --- 10: words and counts -------------------------------------------------------------


def test_count_words():
    assert count(1, "incident") == "1 incident"
    assert count(0, "incident") == "0 incidents"
    assert count(2_500, "place") == "2,500 places"
    assert count(3, "new article") == "3 new articles"


def test_extract_summary_says_one_incident_and_one_input_failed(tmp_path):
    news = tmp_path / "news"
    _article(news)
    (news / "broken.txt").write_bytes(b"\xff\xfe\x00\x00\x81garbage")
    out = tmp_path / "one.geojson"
    proc = subprocess.run(
        [*BM, "extract", str(news), "-o", str(out)], capture_output=True, text=True
    )
    assert proc.returncode == 1
    written = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert len(written) == 1
    assert f"wrote 1 incident to {out}" in proc.stderr
    assert "1 incident from 1 article, 1 input failed" in proc.stderr


def test_number_columns_line_up_with_missing_values(capsys):
    print_table([("a", 1, None), ("b", "-", 12), ("c", 130, "-")], ["name", "killed", "wounded"])
    header, _rule, *rows = capsys.readouterr().out.splitlines()
    for col, cells in (("killed", ["1", "-", "130"]), ("wounded", [None, "12", "-"])):
        end = header.index(col) + len(col)  # numbers and "-" end under the header's end
        for row, cell in zip(rows, cells, strict=True):
            if cell is not None:
                assert row[end - len(cell) : end] == cell, (row, col)


# --- 12: gazetteer sources ------------------------------------------------------------


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(cache))
    return cache


@pytest.mark.parametrize("name", ["empty.txt", "header_only.csv"])
def test_gazetteer_add_a_source_without_places_is_an_error(tmp_path, own_cache, capsys, name):
    from gazetteer import user_sources

    src = tmp_path / name
    src.write_text("name,lat,lon\n" if name.startswith("header") else "", encoding="utf-8")
    assert main(["gazetteer", "add", str(src)]) == 2
    err = capsys.readouterr().err
    assert str(src) in err and "no places" in err
    assert user_sources() == []
    assert not list(own_cache.glob("gazetteer-*"))  # no index was built


def test_gazetteer_remove(own_cache, capsys):
    from gazetteer import add_user_source, user_sources

    csv_source = DATA / "sources" / "extra_places.csv"
    add_user_source(csv_source)
    add_user_source(DATA / "sources" / "extra_places.geojson")
    assert main(["gazetteer", "remove", "nowhere.csv"]) == 2
    assert "nowhere.csv: not a registered gazetteer source" in capsys.readouterr().err
    assert len(user_sources()) == 2

    assert main(["gazetteer", "remove", "extra_places.csv"]) == 0
    assert f"removed {csv_source.resolve()} (2 places)" in capsys.readouterr().out
    assert [Path(e["path"]).name for e in user_sources()] == ["extra_places.geojson"]
    assert not list(own_cache.glob("gazetteer-*"))


# --- 8: progress by article on a terminal; errors as they happen ---------------------


def _run_on_a_terminal(argv: list[str]) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal; return the exit code and what it showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "200"}
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", "replace")


def test_progress_by_article_on_a_terminal(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    text = "Guards exchanged fire near Isfara on Tuesday, officials said. " * 20
    lines = [json.dumps({"text": f"{text} Report {k}.", "date": "2024-05-02"}) for k in range(300)]
    lines.insert(150, "{not json")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, shown = _run_on_a_terminal([*BM, "extract", str(corpus), "--json"])
    assert code == 1
    assert "reading articles" in shown
    assert "/301" in shown  # by article (records of one file), not by file
    assert "articles/s" in shown
    # the bad record is reported while reading, before the end of the run
    error = shown.index(f"{corpus}:151: malformed JSON")
    assert shown.index("300 articles, 1 input failed") > error


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    proc = subprocess.run([*BM, "extract", str(CORPUS), "--json"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "reading articles" not in proc.stderr


@pytest.mark.slow
def test_gazetteer_build_says_what_it_is_doing(capsys):
    assert main(["gazetteer", "build"]) == 0
    err = capsys.readouterr().err
    assert "building the gazetteer index" in err and "built in" in err
