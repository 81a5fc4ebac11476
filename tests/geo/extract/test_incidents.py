"""Incident extraction on our own labelled corpus and on the shared real articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geo.extract.articles import Article, read_articles
from geo.extract.incidents import extract_incidents
from geo.extract.merge import merge_incidents
from geo.extract.scoring import article_key, field_mismatches, match_incidents
from geo.pipeline import extract

CORPUS = Path(__file__).resolve().parents[2] / "data" / "incidents"
LABELS = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
KEYS = sorted(k for k in LABELS if not k.startswith("_"))


@pytest.fixture(scope="module")
def corpus(gazetteer):
    out = {}
    for a in read_articles([CORPUS]):
        out[article_key(a.path, a.record)] = (a, extract_incidents(a, gazetteer))
    return out


def test_corpus_is_big_enough_and_fully_labelled(corpus):
    assert len(KEYS) >= 15
    assert set(KEYS) == set(corpus)
    borders = {e.get("border") for k in KEYS for e in LABELS[k]["physical"]}
    assert {"CN-IN", "KH-TH", "AF-PK", "AM-AZ"} <= borders


@pytest.mark.parametrize("key", KEYS)
def test_own_article(corpus, key):
    _article, incidents = corpus[key]
    expected = LABELS[key]["physical"]
    physical = [i.to_record() for i in incidents if i.physical]
    assert len(physical) == len(expected), [(r["event_type"], r["place"]) for r in physical]
    pairs = match_incidents(expected, physical)
    assert len(pairs) == len(expected)
    for e, r in pairs:
        assert field_mismatches(e, r) == [], r["quote"]
    statements = [i for i in incidents if not i.physical]
    assert len(statements) >= LABELS[key].get("min_statements", 0)
    assert all(i.event_type == "agreement_or_statement" for i in statements)


def test_quotes_are_exact_slices_of_the_article(corpus):
    for article, incidents in corpus.values():
        for inc in incidents:
            assert article.text[inc.quote_start : inc.quote_end] == inc.quote
            for src in inc.sources:
                for q in src["quotes"]:
                    assert article.text[q["start"] : q["end"]] == q["text"]


def test_the_same_incident_from_two_articles_merges_with_both_sources(gazetteer):
    result = extract([CORPUS], gazetteer=gazetteer)
    ta_moan = [
        i
        for i in result.incidents
        if i.event_type == "armed_clash" and i.location and "KH-22" in i.location.admin1_codes
    ]
    assert len(ta_moan) == 1
    assert sorted(Path(s["file"]).name for s in ta_moan[0].sources) == [
        "records.jsonl",
        "th_kh_ta_moan.md",
    ]
    assert ta_moan[0].killed == 1
    # different incidents in the same province are not merged: two Ak-Sai incidents
    # (a clash in March, shelling in July) and two Chaman incidents stay apart
    kg = [i for i in result.incidents if i.location and "KG-B" in i.location.admin1_codes]
    assert len({i.event_type for i in kg}) == len(kg) == 3


def test_no_merge_when_places_are_far_apart_on_the_same_day(gazetteer):
    text_a = "Indian artillery shelled positions near Skardu on Monday, the army said."
    text_b = "Indian artillery shelled positions near Muzaffarabad on Monday, officials said."
    day = dt.date(2024, 6, 4)
    incs = [
        i
        for t, n in ((text_a, "a"), (text_b, "b"))
        for i in extract_incidents(Article(t, published=day, path=n), gazetteer, keep="all")
    ]
    assert len(merge_incidents(incs)) == 2


def test_same_area_and_there_point_to_the_previous_location(gazetteer):
    text = (
        "Azerbaijani troops opened fire on Armenian positions on the border between "
        "Armenia's Syunik province and Azerbaijan's Zangilan district on Monday. "
        "On Tuesday an Armenian soldier was wounded there by a sniper."
    )
    incs = extract_incidents(Article(text, published=dt.date(2024, 9, 5)), gazetteer)
    clashes = [i for i in incs if i.event_type == "armed_clash"]
    assert len(clashes) == 2
    assert clashes[1].location == clashes[0].location
    assert clashes[1].location.admin1_codes == ("AM-SU", "AZ-ZAN")


def test_a_continent_never_locates_an_incident(gazetteer):
    text = (
        "Greek border guards fired tear gas at migrants trying to reach Europe on Sunday, "
        "and two people were wounded near Kastanies in the Evros region."
    )
    incs = extract_incidents(Article(text, published=dt.date(2024, 3, 4)), gazetteer)
    assert incs, "the clash is found"
    for i in incs:
        assert i.location is None or i.location.kind != "continent"
    assert any(i.location and i.location.admin1_codes for i in incs)


# ---------------------------------------------------------------------------
# the shared real articles (read at test time, never copied)


@pytest.fixture(scope="module")
def shared_incidents(shared_dir, gazetteer):
    out = {}
    for a in read_articles([shared_dir / "articles"]):
        out[Path(a.path).name[:3]] = (a, extract_incidents(a, gazetteer))
    return out


def _physical(incidents, event_type):
    return [i for i in incidents if i.event_type == event_type]


def test_shared_000_clash_on_the_gegharkunik_kelbajar_section(shared_incidents):
    _, incs = shared_incidents["000"]
    (clash,) = [i for i in _physical(incs, "armed_clash") if i.date.start == dt.date(2021, 7, 28)]
    assert (clash.killed, clash.wounded, clash.date.precision) == (3, 4, "day")
    loc = clash.location
    assert loc.kind == "border_section" and loc.border == "AM-AZ"
    assert loc.admin1_codes == ("AM-GR", "AZ-KAL")
    assert loc.geometry.geom_type in ("LineString", "MultiLineString")
    assert clash.actor1 == "Military Forces of Azerbaijan"
    assert clash.actor2 == "Military Forces of Armenia"
    assert "killed" in clash.quote


def test_shared_000_drone_claimed_and_denied(shared_incidents):
    _, incs = shared_incidents["000"]
    (drone,) = _physical(incs, "weapons_intercepted")
    assert drone.date.start == dt.date(2021, 7, 29)
    assert "AM-GR" in drone.location.admin1_codes
    assert drone.claimed_by == ["Armenia"] and drone.denied_by == ["Azerbaijan"]


def test_shared_000_nakhchivan_exchange_of_fire(shared_incidents):
    _, incs = shared_incidents["000"]
    (fire,) = [i for i in _physical(incs, "armed_clash") if i.date.start == dt.date(2021, 7, 30)]
    assert fire.location.kind == "border_section" and fire.location.border == "AM-AZ"
    assert fire.location.place_ids == ("AM", "nakhchivan")


def test_shared_000_may_incursion_into_two_provinces(shared_incidents):
    _, incs = shared_incidents["000"]
    incursions = _physical(incs, "incursion")
    assert {i.location.admin1_codes for i in incursions} == {("AM-GR",), ("AM-SU",)}
    for i in incursions:
        assert (i.date.start, i.date.end, i.date.precision) == (
            dt.date(2021, 5, 1),
            dt.date(2021, 5, 31),
            "month",
        )
    assert all(i.physical for i in incs if i.event_type != "agreement_or_statement")
    assert any(i.event_type == "agreement_or_statement" for i in incs)


def test_shared_002_dates_stay_unknown_without_publication_date(shared_incidents, gazetteer):
    article, incs = shared_incidents["002"]
    assert article.published is None
    (incursion,) = _physical(incs, "incursion")
    assert incursion.date.precision == "unknown"
    assert incursion.location.border == "AM-AZ"
    statements = [i for i in incs if i.event_type == "agreement_or_statement"]
    assert statements and all(s.date.precision == "unknown" for s in statements)
    assert [i for i in incs if i.physical] == [incursion]
    from dataclasses import replace

    dated = extract_incidents(replace(article, published=dt.date(2021, 5, 26)), gazetteer)
    (incursion,) = _physical(dated, "incursion")
    assert (incursion.date.start, incursion.date.end, incursion.date.precision) == (
        dt.date(2021, 5, 17),
        dt.date(2021, 5, 23),
        "week",
    )
