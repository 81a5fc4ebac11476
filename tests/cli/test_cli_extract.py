"""``bordermap extract``: table, JSON, files written, bad input handled."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd

from bordermap.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "data" / "incidents"


def test_extract_writes_geojson_and_prints_a_table(tmp_path, capsys):
    out = tmp_path / "inc.geojson"
    code = main(["extract", str(CORPUS / "am_az_sotk_drone.txt"), "-o", str(out)])
    assert code == 0
    printed = capsys.readouterr()
    assert "air_drone_strike" in printed.out and "2025-01-09" in printed.out
    assert "Sotk" in printed.out
    gdf = gpd.read_file(out)
    assert list(gdf["event_type"]) == ["air_drone_strike"]
    assert gdf.crs.to_epsg() == 4326


def test_extract_json(capsys):
    assert main(["extract", str(CORPUS / "kg_tj_lastweek.md"), "--json"]) == 0
    (rec,) = json.loads(capsys.readouterr().out)
    assert (rec["event_type"], rec["date_precision"], rec["time_precision"]) == (
        "incursion",
        "week",
        2,
    )


def test_extract_published_option(tmp_path, capsys):
    f = tmp_path / "nodate.txt"
    f.write_text(
        "Kyrgyz and Tajik border troops exchanged fire on Tuesday near Isfara.\n", encoding="utf-8"
    )
    main(["extract", str(f), "--json"])
    (rec,) = json.loads(capsys.readouterr().out)
    assert rec["date_precision"] == "unknown"
    main(["extract", str(f), "--json", "--published", "2024-05-02"])
    (rec,) = json.loads(capsys.readouterr().out)
    assert rec["event_date"] == "2024-04-30"


def test_bad_input_fails_at_the_end_and_keeps_the_rest(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "good.md").write_text(
        (CORPUS / "am_az_sotk_drone.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    out = tmp_path / "out.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "bordermap", "extract", str(tmp_path), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "bad.txt" in proc.stderr and "binary" in proc.stderr
    assert len(gpd.read_file(out)) == 1


def test_unknown_output_format_is_a_clear_error(tmp_path, capsys):
    code = main(["extract", str(CORPUS / "kg_tj_lastweek.md"), "-o", str(tmp_path / "x.shp")])
    assert code == 2
    assert "cannot tell the format" in capsys.readouterr().err
    assert not (tmp_path / "x.shp").exists()
