from __future__ import annotations

import json

from bordermap.cli import main
from tests.conftest import DATA


def test_geocode_json_ranks_province_first(capsys):
    assert main(["geocode", "Gegharkunik", "--json"]) == 0
    ranked = json.loads(capsys.readouterr().out)
    assert ranked[0]["id"] == "AM-GR" and ranked[0]["kind"] == "admin1"
    assert any(r["kind"] == "populated_place" for r in ranked[1:])


def test_geocode_country_filter(capsys):
    assert main(["geocode", "Armenia", "--country", "CO", "--json"]) == 0
    assert {r["country"] for r in json.loads(capsys.readouterr().out)} == {"CO"}


def test_places_table_and_json(capsys):
    f = str(DATA / "gazetteer" / "naxcivan.txt")
    assert main(["places", f]) == 0
    table = capsys.readouterr().out
    assert "AZ-SAD" in table and "nakhchivan" in table
    assert main(["places", f, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    text = (DATA / "gazetteer" / "naxcivan.txt").read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["surface"] for r in rows)


def test_places_reports_missing_file_and_goes_on(capsys, tmp_path):
    ok = DATA / "gazetteer" / "kyiv.txt"
    code = main(["places", str(tmp_path / "missing.txt"), str(ok), "--json"])
    captured = capsys.readouterr()
    assert code != 0
    assert "missing.txt: no such file" in captured.err
    assert any(r["place"] and r["place"]["name"] == "Kyiv" for r in json.loads(captured.out))
