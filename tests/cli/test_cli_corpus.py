"""The command line at corpus scale: workers, datasets, stores as map and export sources."""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd

from bordermap.cli import main

DATA = Path(__file__).resolve().parents[1] / "data"


def test_map_and_export_read_a_store(tmp_path, capsys):
    store = tmp_path / "store.gpkg"
    assert main(["ingest", str(DATA / "incidents"), "--store", str(store), "--workers", "1"]) == 0
    capsys.readouterr()
    html = tmp_path / "m.html"
    assert main(["map", "--store", str(store), "-o", str(html), "--offline"]) == 0
    out = capsys.readouterr().out
    m = re.search(r"map of (\d+) located incidents?(?: \((\d+) without a location\))?", out)
    n = int(m[1]) + int(m[2] or 0)  # located and not: every incident of the store
    assert n > 10
    page = html.read_text(encoding="utf-8")
    from geo.store import IncidentStore

    places = {p for p in IncidentStore(store).read()[0]["place"].dropna() if p.isascii()}
    assert places and all(p in page for p in places)
    assert main(["export", "--store", str(store), "-o", str(tmp_path / "x.geojson")]) == 0
    features = json.loads((tmp_path / "x.geojson").read_text())["features"]
    assert len(features) == n


def test_a_store_given_as_articles_is_a_clear_error(tmp_path, capsys):
    store = tmp_path / "store.gpkg"
    main(["ingest", str(DATA / "incidents" / "pk_af_chaman.md"), "--store", str(store)])
    capsys.readouterr()
    html = tmp_path / "m.html"
    assert main(["map", str(store), "-o", str(html)]) == 2
    err = capsys.readouterr().err
    assert "--store" in err and "binary" not in err
    assert not html.exists()
    assert main(["map", "--store", str(tmp_path / "none.gpkg"), "-o", str(html)]) == 2
    assert "no such store" in capsys.readouterr().err


def test_extract_with_workers_writes_a_partitioned_dataset(tmp_path, capsys):
    out = tmp_path / "incidents.parquet"
    argv = ["extract", str(DATA / "incidents"), "--workers", "2", "-o", str(out), "--json"]
    assert main(argv) == 0
    records = json.loads(capsys.readouterr().out)
    assert out.is_dir() and (out / "_SUCCESS").exists()
    layer = gpd.read_parquet(out)
    assert sorted(layer["incident_id"]) == sorted(r["incident_id"] for r in records)
    # without --workers or --scheduler, -o x.parquet is one file as before
    single = tmp_path / "one.parquet"
    assert main(["extract", str(DATA / "incidents"), "-o", str(single)]) == 0
    assert single.is_file()
    assert sorted(gpd.read_parquet(single)["incident_id"]) == sorted(layer["incident_id"])


def test_workers_must_be_positive(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["extract", str(DATA / "incidents"), "--workers", "0"])
    assert "positive" in capsys.readouterr().err
