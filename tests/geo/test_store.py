"""The incident store: grows without losing or duplicating, survives kills, one writer."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from geo.store import IncidentStore, StoreLockedError

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents"


def _count(store: Path) -> int:
    return pyogrio.read_info(store, layer="incidents")["features"]


def test_ingest_twice_changes_nothing(tmp_path, gazetteer):
    store = IncidentStore(tmp_path / "s.gpkg")
    first = store.ingest([CORPUS / "pk_af_chaman.md"], gazetteer=gazetteer)
    assert first.new_articles == 1 and first.incidents_after == 1
    before = (tmp_path / "s.gpkg").read_bytes()
    again = store.ingest([CORPUS / "pk_af_chaman.md"], gazetteer=gazetteer)
    assert (again.new_articles, again.known_articles, again.incidents_after) == (0, 1, 1)
    assert (tmp_path / "s.gpkg").read_bytes() == before


def test_a_re_report_adds_a_source_not_an_incident(tmp_path, gazetteer):
    store = IncidentStore(tmp_path / "s.gpkg")
    store.ingest([CORPUS / "th_kh_ta_moan.md"], gazetteer=gazetteer)
    # records.jsonl line 1 re-reports the Ta Moan Thom clash; lines 2-3 are other incidents
    result = store.ingest([CORPUS / "records.jsonl"], gazetteer=gazetteer)
    assert (result.incidents_before, result.incidents_after) == (1, 3)
    layer, articles = store.read()
    assert len(articles) == 4
    ta_moan = layer[layer["location_admin1"].map(lambda c: "KH-22" in c)]
    assert len(ta_moan) == 1
    files = sorted(Path(s["file"]).name for s in ta_moan.iloc[0]["sources"])
    assert files == ["records.jsonl", "th_kh_ta_moan.md"]


def _many_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    texts = [p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt")]
    for k in range(n):
        src = texts[k % len(texts)]
        body = src.read_text(encoding="utf-8")
        # a distinct article each time (the store dedupes identical texts)
        (folder / f"{k:04d}{src.suffix}").write_text(f"{body}\nEdition {k}.\n", encoding="utf-8")


def _ingest_process(batch: Path, store: Path) -> subprocess.Popen:
    """``bordermap ingest BATCH --store STORE`` running in a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "bordermap", "ingest", str(batch), "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _articles_of(store: Path) -> list[str]:
    con = sqlite3.connect(store)
    try:
        return [r[0] for r in con.execute("SELECT article_id FROM articles")]
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_during_ingest_then_a_rerun_completes_without_duplicates(tmp_path, gazetteer):
    path = tmp_path / "s.gpkg"
    _many_articles(tmp_path / "batch", 200)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bordermap",
            "ingest",
            str(tmp_path / "batch"),
            "--store",
            str(path),
            "--batch-size",
            "10",
            "--workers",
            "1",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # kill it (no chance to clean up) once a batch or two are committed
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if IncidentStore(path).count()[1] >= 10:
                break
        except sqlite3.Error:
            pass  # the store is being created
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail("the writer finished before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    incidents_then, articles_then = IncidentStore(path).count()
    assert articles_then % 10 == 0 and 10 <= articles_then < 200  # whole batches only
    assert _count(path) == incidents_then  # GDAL reads the store as it was left
    # a re-run skips what is stored and finishes the rest
    result = IncidentStore(path).ingest([tmp_path / "batch"], gazetteer=gazetteer, batch_size=10)
    assert (result.known_articles, result.new_articles) == (articles_then, 200 - articles_then)
    stored = _articles_of(path)
    assert len(stored) == len(set(stored)) == 200
    # the same store as one run that was never interrupted
    clean = tmp_path / "clean.gpkg"
    IncidentStore(clean).ingest([tmp_path / "batch"], gazetteer=gazetteer, batch_size=10)
    got, want = IncidentStore(path).read()[0], IncidentStore(clean).read()[0]
    assert got["incident_id"].is_unique
    assert sorted(got["incident_id"]) == sorted(want["incident_id"])
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("s.gpkg-")]  # no journal


def test_ingest_commits_in_batches_and_merges_across_them(tmp_path, gazetteer):
    """A re-report in a later batch joins the stored incident (found through the index)."""
    path = tmp_path / "s.gpkg"
    store = IncidentStore(path)
    one = store.ingest([CORPUS], gazetteer=gazetteer, batch_size=1000)
    batched = IncidentStore(tmp_path / "b.gpkg").ingest([CORPUS], gazetteer=gazetteer, batch_size=2)
    assert batched.batches > 5 and one.batches == 1
    a, b = store.read()[0], IncidentStore(tmp_path / "b.gpkg").read()[0]
    assert len(a) == len(b) == one.incidents_after == batched.incidents_after
    sources = lambda layer: sorted(len(s) for s in layer["sources"])  # noqa: E731
    assert sources(a) == sources(b) and max(sources(a)) > 1


def test_terminated_writer_cleans_up_after_itself(tmp_path):
    path = tmp_path / "s.gpkg"
    _many_articles(tmp_path / "batch", 40)
    proc = _ingest_process(tmp_path / "batch", path)
    time.sleep(3)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith((".s.gpkg.", "s.gpkg-"))]
    assert leftovers == []
    if path.exists():  # stopped in its first batch (empty) or later: a store either way
        IncidentStore(path).check()
        assert _count(path) >= 0
    proc = _ingest_process(tmp_path / "batch", path)
    assert proc.wait(timeout=300) == 0
    assert len(_articles_of(path)) == 40 == len(set(_articles_of(path)))


def test_an_empty_file_left_by_a_killed_first_batch_is_no_obstacle(tmp_path, gazetteer):
    # SQLite creates the file on connect; older runs killed in their first batch left it empty
    path = tmp_path / "s.gpkg"
    path.touch()
    result = IncidentStore(path).ingest([CORPUS / "pk_af_chaman.md"], gazetteer=gazetteer)
    assert result.new_articles == 1 and _count(path) == 1


def test_a_second_writer_waits_then_fails_clearly(tmp_path, gazetteer):
    path = tmp_path / "s.gpkg"
    store = IncidentStore(path, wait=0.3)
    with store.lock():
        with pytest.raises(StoreLockedError, match="another bordermap run"):
            IncidentStore(path, wait=0.3).ingest([CORPUS / "pk_af_chaman.md"], gazetteer=gazetteer)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "bordermap",
                "ingest",
                str(CORPUS / "pk_af_chaman.md"),
                "--store",
                str(path),
                "--wait",
                "0.3",
            ],
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 3 and "another bordermap run" in proc.stderr
    assert not path.exists()
    store.ingest([CORPUS / "pk_af_chaman.md"], gazetteer=gazetteer)  # free again
    assert _count(path) == 1


def test_export_from_store(tmp_path, gazetteer):
    path = tmp_path / "s.gpkg"
    IncidentStore(path).ingest([CORPUS], gazetteer=gazetteer)
    from bordermap.cli import main

    for ext in ("geojson", "csv", "parquet", "gpkg"):
        assert main(["export", "--store", str(path), "-o", str(tmp_path / f"out.{ext}")]) == 0
    assert pyogrio.read_info(tmp_path / "out.gpkg", layer="incidents")["features"] == _count(path)
    assert (
        main(["export", "--store", str(tmp_path / "none.gpkg"), "-o", str(tmp_path / "x.csv")]) == 2
    )
    shutil.rmtree(tmp_path / "none.gpkg", ignore_errors=True)


def test_a_store_of_an_older_bordermap_is_upgraded_once(tmp_path, gazetteer):
    """Stores written whole by earlier versions (GDAL layers, no index) keep their contents."""
    from geo.export import write_gpkg_layers
    from geo.layer import build_layer
    from geo.pipeline import extract

    old = tmp_path / "old.gpkg"
    result = extract([CORPUS / "th_kh_ta_moan.md"], gazetteer=gazetteer)
    write_gpkg_layers(build_layer(result.incidents), old)
    art = {"article_id": "0123456789abcdef", "file": "x.md", "record": -1, "title": "t"}
    pyogrio.write_dataframe(__import__("pandas").DataFrame([art]), old, layer="articles")
    store = IncidentStore(old)
    got = store.ingest([CORPUS / "records.jsonl"], gazetteer=gazetteer)
    # the old incident gained the re-report from records.jsonl line 1; lines 2-3 are new
    assert (got.incidents_before, got.incidents_after) == (1, 3)
    layer, articles = store.read()
    assert len(layer) == 3 and len(articles) == 4
    assert "0123456789abcdef" in set(articles["article_id"])
