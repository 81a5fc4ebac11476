"""Evidence: every incident keeps the words its fields were read from, through every export."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from geo.export import read_incidents, write_incidents
from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents
from geo.layer import build_layer, incidents_from_frame
from maps.html import incident_data

TEXT = (
    "Azerbaijani artillery shelled the village of Sotk in Armenia's Gegharkunik province on "
    "Tuesday, the Armenian defence ministry said. Two soldiers were killed and three wounded "
    "in the shelling."
)


@pytest.fixture(scope="module")
def article():
    return Article(TEXT, published=dt.date(2024, 9, 12), path="evidence.txt")


@pytest.fixture(scope="module")
def incident(article, gazetteer):
    (inc,) = [i for i in extract_incidents(article, gazetteer) if i.physical]
    return inc


def _fields(inc) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e in inc.evidence:
        out.setdefault(e["field"], []).append(e["text"])
    return out


def test_every_field_keeps_its_words(incident):
    fields = _fields(incident)
    assert fields["trigger"][0].lower() in ("artillery", "shelled")
    assert fields["date"] == ["on Tuesday"]
    assert "Sotk" in fields["place"]
    assert fields["killed"] == ["Two soldiers were killed"]
    assert fields["wounded"] == ["three wounded"]


def test_evidence_offsets_are_article_offsets(article, incident):
    assert incident.evidence
    for e in incident.evidence:
        assert article.text[e["start"] : e["end"]] == e["text"]
        assert e["article_id"] == article.id
    starts = [e["start"] for e in incident.evidence]
    assert starts == sorted(starts)


def test_an_inferred_date_has_no_date_words(gazetteer):
    text = "A drone strike wounded three soldiers near Sotk in Armenia's Gegharkunik province."
    (inc,) = extract_incidents(Article(text, published=dt.date(2024, 9, 12)), gazetteer)
    assert inc.date_inferred and "date" not in _fields(inc)
    assert _fields(inc)["wounded"] == ["wounded three soldiers"]


@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet"])
def test_evidence_and_inferred_flag_survive_export(incident, tmp_path, ext):
    layer = build_layer([incident])
    back = read_incidents(write_incidents(layer, tmp_path / f"incidents.{ext}"))
    assert back["evidence"].iloc[0] == incident.evidence
    (rebuilt,) = incidents_from_frame(back)
    assert rebuilt.evidence == incident.evidence
    assert rebuilt.date_inferred == incident.date_inferred


def test_inferred_flag_survives_export(gazetteer, tmp_path):
    text = "A drone strike wounded three soldiers near Sotk in Armenia's Gegharkunik province."
    (inc,) = extract_incidents(Article(text, published=dt.date(2024, 9, 12)), gazetteer)
    back = read_incidents(write_incidents(build_layer([inc]), tmp_path / "i.gpkg"))
    (rebuilt,) = incidents_from_frame(back)
    assert rebuilt.date_inferred is True


def test_csv_carries_evidence_as_json(incident, tmp_path):
    path = write_incidents(build_layer([incident]), tmp_path / "incidents.csv")
    row = pd.read_csv(path).iloc[0]
    assert json.loads(row["evidence"]) == incident.evidence
    assert bool(row["date_inferred"]) is False


def test_map_data_carries_evidence(incident):
    data = incident_data(build_layer([incident]))
    strings = data["strings"]
    (ev,) = data["ev"]
    shown = [(strings[f], strings[t]) for f, t in ev]
    assert ("date", "on Tuesday") in shown
    assert ("killed", "Two soldiers were killed") in shown
