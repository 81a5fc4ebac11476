"""One current English name per admin-1 unit, the same in every output.

The rule (``geo/data/names.py``) is tested on units of our own invention; the
shipped packs are checked for the stale-name class it fixes.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from bordermap.cli import main
from geo.data.names import current_names, names_agree


def _units(rows: list[tuple]) -> pd.DataFrame:
    cols = ["iso_3166_2", "iso_a2", "admin", "name", "name_en", "name_alt", "gn_name"]
    return pd.DataFrame(rows, columns=cols)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Sughd", "Viloyati Sughd", True),
        ("Leninabad", "Viloyati Sughd", False),
        ("Khujand", "Sughd", False),
        ("Chernihiv", "Chernihivs'ka Oblast'", True),
        ("Penza", "Penzenskaya Oblast'", True),
        ("Abu Dhabi", "Emirate of Abu Dhabi", True),
        ("St. Julian's", "Saint Julian", True),
        ("Kəlbəcər", "Kalbajar", True),
        ("Bavaria", "Bayern", False),
    ],
)
def test_names_agree_across_generic_words_and_transliterations(a, b, same):
    assert names_agree(a, b) is same


def test_stale_and_mislinked_names_give_way_to_the_official_one():
    units = _units(
        [
            # a Soviet-era name, and an English label that names the region's capital
            ("XA-NR", "XA", "Examplestan", "Stalinovo", "Capitalgrad", "", "Novaya Region"),
            # a local name with its English form: the English form stays
            ("XA-LM", "XA", "Examplestan", "Lindenmark", "Linden March", "", "Lindenmark"),
            # an English label that is another unit's: Natural Earth's name stays
            ("XA-PL", "XA", "Examplestan", "Pine Lakes", "Riverside", "", "Pine Lakes"),
            ("XA-RS", "XA", "Examplestan", "Riverside", "Riverside", "", "Riverside"),
            # an English label that is the country's
            ("XA-HV", "XA", "Examplestan", "Hovedby", "Examplestan", "", "Region Hovedby"),
        ]
    )
    iso = {"XA-NR": "Novaya", "XA-LM": "Lindenmark", "XA-PL": "Pine Lakes"}
    out = current_names(units, iso)
    assert list(out["name"]) == ["Novaya", "Linden March", "Pine Lakes", "Riverside", "Hovedby"]
    assert list(out["name_rule"]) == [2, 1, 3, 1, 3]
    assert out["name_alt"].iat[0].split("|") == ["Stalinovo", "Capitalgrad"]  # still found


def test_packs_name_each_unit_once():
    from geo.regions import admin1

    a = admin1()
    assert (a["name"] == a["name_en"]).all()
    sughd = a[a["iso_3166_2"] == "TJ-SU"].iloc[0]
    assert sughd["name"] == "Sughd"
    assert {"Leninabad", "Khujand"} <= set(sughd["name_alt"].split("|"))
    names = pd.read_parquet(_gazetteer_pack())
    assert (names["name"] == names["name_en"]).all()
    assert names.loc[names["iso_3166_2"] == "TJ-SU", "name"].tolist() == ["Sughd"]


def _gazetteer_pack():
    from gazetteer.data import data_path

    return data_path("admin1_names.parquet")


def test_regions_and_geocode_say_sughd(capsys):
    assert main(["regions", "TJ"]) == 0
    out = capsys.readouterr().out
    assert "Sughd" in out and "Leninabad" not in out and "Khujand" not in out
    assert main(["geocode", "Sughd", "--json"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert first["name"] == "Sughd" and first["admin1_code"] == "TJ-SU"


def test_old_names_still_find_the_region(gazetteer):
    for old in ("Leninabad", "Sughd"):
        ranked = gazetteer.lookup(old, country="TJ")
        admin = [p for p, _ in ranked if p.kind == "admin1"]
        assert admin and admin[0].admin1_code == "TJ-SU" and admin[0].name == "Sughd"


def test_layer_and_csv_say_sughd(gazetteer, tmp_path):
    from pathlib import Path

    from geo.export import write_incidents
    from geo.layer import build_layer
    from geo.pipeline import extract

    article = tmp_path / "isfara.md"
    article.write_text(
        "date 2024-06-03\n\nTajik and Kyrgyz border guards exchanged fire on Monday near "
        "Isfara in Tajikistan, officials said. One guard was wounded.\n",
        encoding="utf-8",
    )
    layer = build_layer(extract([article], gazetteer=gazetteer).incidents)
    assert "Sughd" in set(layer["admin1"])
    csv = Path(write_incidents(layer, tmp_path / "i.csv")).read_text(encoding="utf-8")
    assert "Sughd" in csv and "Leninabad" not in csv
