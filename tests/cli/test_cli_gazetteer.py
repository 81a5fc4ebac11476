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


def test_places_focus_on_an_admin1_unit(capsys, tmp_path):
    f = tmp_path / "local.txt"
    f.write_text("Crews from Paris and Athens fought the grass fire overnight.", encoding="utf-8")
    assert main(["places", str(f), "--json"]) == 0
    plain = {r["surface"]: r["place"] for r in json.loads(capsys.readouterr().out)}
    assert plain["Paris"]["country"] == "FR"
    assert main(["places", str(f), "--json", "--focus", "us-tx"]) == 0
    local = {r["surface"]: r["place"] for r in json.loads(capsys.readouterr().out)}
    assert local["Paris"]["admin1_code"] == local["Athens"]["admin1_code"] == "US-TX"


def test_places_unknown_focus_code_is_an_error(capsys):
    f = str(DATA / "gazetteer" / "kyiv.txt")
    assert main(["places", f, "--focus", "AM,XX"]) == 2
    captured = capsys.readouterr()
    assert "unknown focus code 'XX'" in captured.err and captured.out == ""


def test_places_outlet_learns_the_home_state_from_the_files(capsys, tmp_path):
    stories = [
        "The Osakis school board voted Monday to replace the roof of the gym.",
        "A Brainerd man was charged with theft after a snowmobile went missing.",
        "Fergus Falls hospital staff held a blood drive that drew 80 donors.",
        "A driver from Albany was hurt when her car rolled over near Glenwood.",
    ]
    files = []
    for k, text in enumerate(stories):
        files.append(str(tmp_path / f"story{k}.txt"))
        (tmp_path / f"story{k}.txt").write_text(text, encoding="utf-8")
    assert main(["places", *files, "--json"]) == 0
    plain = {r["surface"]: r["place"] for r in json.loads(capsys.readouterr().out)}
    assert plain["Albany"]["admin1_code"] != "US-MN"
    assert main(["places", *files, "--json", "--outlet", "lakes-weekly.example"]) == 0
    home = {r["surface"]: r["place"] for r in json.loads(capsys.readouterr().out)}
    assert home["Albany"]["admin1_code"] == home["Glenwood"]["admin1_code"] == "US-MN"
    assert home["Osakis"] == plain["Osakis"]
