from __future__ import annotations

import json
import subprocess
import sys

from bordermap.cli import main


def test_regions_table(capsys):
    assert main(["regions", "AM"]) == 0
    out = capsys.readouterr().out
    assert "AM-GR" in out and "Gegharkunik" in out and "Province" in out
    assert len(out.strip().splitlines()) == 2 + 11  # header, rule, 11 provinces


def test_regions_json(capsys):
    assert main(["regions", "AZ", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    kal = next(r for r in rows if r["iso_3166_2"] == "AZ-KAL")
    assert kal["area_km2"] > 1000


def test_borders_json_lengths(capsys):
    assert main(["borders", "AM", "--json"]) == 0
    rows = {r["border"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"AM-AZ", "AM-GE", "AM-IR", "AM-TR"}
    assert rows["AM-AZ"]["neighbour"] == "AZ"


def test_unknown_country_is_an_error_on_stderr():
    r = subprocess.run(
        [sys.executable, "-m", "bordermap", "borders", "Atlantis"], capture_output=True, text=True
    )
    assert r.returncode != 0
    assert r.stdout == ""
    assert "Atlantis" in r.stderr and "error" in r.stderr
