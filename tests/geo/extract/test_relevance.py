"""The relevance gate: border incidents only, each with its reason; the rest out by default."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from geo.extract.articles import Article, read_articles
from geo.extract.incidents import extract_incidents
from geo.extract.record import RECORD_FIELDS
from geo.extract.relevance import (
    _BORDER,
    _STATE,
    BORDER_REASONS,
    VIOLENT_TYPES,
    may_report_border_incident,
)

DAY = dt.date(2025, 6, 11)

# Passages of our own writing, about nothing that happens at an international border.
LOCAL_CRIME = (
    "Springfield man charged after bar shooting. A gunman shot and wounded two men outside a "
    "bar on Main Street in Springfield on Tuesday night, the county sheriff said. Police "
    "arrested a 19-year-old Springfield man on Wednesday and detained a second suspect in "
    "Greene County."
)
DISEASE = (
    "Flu claims a child in Dayton. A seven-year-old girl died of influenza in Dayton, Ohio on "
    "Monday, the county health department said, and 40 cases have been reported this month. "
    "Two more people died from the virus in Columbus, officials said."
)
BUSINESS = (
    "Port signs trucking deal. The Port of Savannah signed a five-year contract with a Georgia "
    "trucking firm on Wednesday, and the city council agreed to extend the lease of the "
    "terminal. The mayor called on state lawmakers to fund a new road near the county boundary."
)
SPACE = (
    "A Russian rocket lifted off from the Baikonur cosmodrome in Kazakhstan on Friday with "
    "three astronauts, and NASA officials said the launch went well."
)
# ... and passages about border incidents.
BORDER_CLASH = (
    "Armenian and Azerbaijani troops exchanged fire on the border near the village of Sotk on "
    "Tuesday, and one Armenian soldier was killed, the defence ministry in Yerevan said. "
    "Azerbaijan said its positions in Kalbajar had come under fire from Armenian units."
)
CROSS_BORDER_STRIKE = (
    "Turkish aircraft struck two villages in Iraq's Duhok province on Sunday, killing a "
    "shepherd, local officials said."
)
BORDER_GUARDS = (
    "Greek border guards detained twelve people near Kastanies on Monday night, police said."
)


def _article(text: str) -> Article:
    return Article(text, published=DAY)


@pytest.mark.parametrize("text", [LOCAL_CRIME, DISEASE, BUSINESS, SPACE])
def test_unrelated_articles_yield_no_incident_by_default(gazetteer, text):
    assert extract_incidents(_article(text), gazetteer) == []


def test_every_event_is_kept_flagged_on_request(gazetteer):
    kept = extract_incidents(_article(BUSINESS), gazetteer, keep="all")
    assert any(i.event_type == "agreement_or_statement" for i in kept)
    assert all(i.border_reason is None for i in kept)
    with pytest.raises(ValueError, match="keep"):
        extract_incidents(_article(BORDER_CLASH), gazetteer, keep="everything")


def test_the_option_keeps_violent_events_flagged(gazetteer):
    kept = extract_incidents(_article(LOCAL_CRIME), gazetteer, keep="violent")
    assert kept, "the bar shooting is a violent event"
    for inc in kept:
        assert inc.event_type in VIOLENT_TYPES  # arrests are not violent events
        assert inc.border_reason is None  # the flag: not a border incident
        assert inc.border_evidence == []
        assert any("not a border incident" in n for n in inc.notes)
        record = inc.to_record()
        assert record["border_reason"] is None


def test_deaths_from_disease_are_not_violence_even_with_the_option(gazetteer):
    assert extract_incidents(_article(DISEASE), gazetteer, keep="violent") == []


def _check_evidence(text, incidents):
    assert incidents
    for inc in incidents:
        assert inc.border_reason in BORDER_REASONS, inc.quote
        assert inc.border_evidence, inc.quote
        for ev in inc.border_evidence:
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert ev["article_id"] == _article(text).id


def test_a_border_clash_yields_incidents_each_with_its_reason(gazetteer):
    incidents = extract_incidents(_article(BORDER_CLASH), gazetteer)
    _check_evidence(BORDER_CLASH, incidents)
    assert any(i.physical for i in incidents)
    first = incidents[0]
    assert first.border_reason == "border_words"
    assert first.border_evidence[0]["text"] == "border"


def test_forces_of_a_neighbouring_state_qualify_without_the_word_border(gazetteer):
    incidents = extract_incidents(_article(CROSS_BORDER_STRIKE), gazetteer)
    _check_evidence(CROSS_BORDER_STRIKE, incidents)
    strike = incidents[0]
    assert strike.border_reason == "neighbour_states"
    words = {e["text"] for e in strike.border_evidence}
    assert "Turkish" in words and "aircraft" in words


def test_border_guards_qualify_in_a_one_country_article(gazetteer):
    incidents = extract_incidents(_article(BORDER_GUARDS), gazetteer)
    _check_evidence(BORDER_GUARDS, incidents)
    assert incidents[0].event_type == "arrest"


def test_a_border_story_carries_sentences_without_border_words(gazetteer):
    text = (
        "Kyrgyz and Tajik border guards exchanged fire near the village of Kok-Tash on "
        "Friday, and two guards were wounded. On Saturday the governments of Kyrgyzstan "
        "and Tajikistan agreed to pull back their posts."
    )
    incidents = extract_incidents(_article(text), gazetteer)
    _check_evidence(text, incidents)
    statements = [i for i in incidents if not i.physical]
    assert statements and statements[0].border_reason == "border_story"


def test_the_pre_check_passes_border_articles_and_skips_the_rest():
    for text in (BORDER_CLASH, CROSS_BORDER_STRIKE, BORDER_GUARDS):
        assert may_report_border_incident(text)
    for text in (LOCAL_CRIME, DISEASE):
        assert not may_report_border_incident(text)
    assert may_report_border_incident("Nothing here.", title="Troops on the frontier")


def test_charity_names_and_idioms_are_not_borders(gazetteer):
    text = (
        "Doctors Without Borders said on Monday that diseases know no borders, as cholera "
        "killed 30 people in Chad and Sudan."
    )
    assert extract_incidents(_article(text), gazetteer) == []


# Every branch of the lexicons, so the Aho-Corasick pre-check never hides a match.
PHRASINGS = (
    "Cross-border fire along the borders, bordering and bordered villages, the frontiers, "
    "the boundary and boundaries, the Line of Control, the Line of Actual Control, the line "
    "of contact, the contact line, the Military Demarcation Line, the ceasefire line, the "
    "cease-fire line, the Blue Line, the Durand Line, the LoC and LAC, the DMZ, a "
    "demilitarized zone, a buffer zone, no man's land, incursions, infiltrators infiltrated, "
    "airspace, air space, territorial waters, ceasefire violations, a truce violation; they "
    "crossed into it, crossing over into it, entered Thai territory, a violation of its "
    "territory.",
    "Troops, soldiers, the army and armies, the armed forces, military forces, servicemen, "
    "jawans, guards, the air force, aircraft, warplanes, fighter jets, drones, artillery, "
    "shells shelled shelling, mortars, rockets, missiles, air strikes, airstrikes, a drone "
    "strike, bombs, bombed, bombing, bombardment, a retaliatory strike, military strikes, "
    "missile strikes, cross-border strikes; they fired at it, fired upon it, opened "
    "fire, returned fire, an exchange of fire, exchanged fire, traded fire, gunfire, "
    "crossfire, a ceasefire, a cease-fire and a truce.",
)


@pytest.mark.parametrize(("name", "lexeme"), [("border", _BORDER), ("state", _STATE)])
def test_every_match_holds_one_of_the_pre_check_words(name, lexeme):
    matches = [m.group(0) for t in PHRASINGS for m in lexeme.rx.finditer(t)]
    assert len(matches) > 20, name
    missed = [m for m in matches if not any(w in m.lower() for w in lexeme.words)]
    assert missed == [], f"{name}: matches the pre-check would skip: {missed}"


def test_reason_and_evidence_are_record_fields_and_reach_every_export(gazetteer, tmp_path):
    from geo.export import CSV_COLUMNS, write_incidents
    from geo.layer import build_layer, incidents_from_frame

    assert {"border_reason", "border_evidence"} <= set(RECORD_FIELDS)
    assert {"border_reason", "border_evidence"} <= set(CSV_COLUMNS)
    incidents = extract_incidents(_article(BORDER_CLASH), gazetteer)
    layer = build_layer(incidents)
    csv = write_incidents(layer, tmp_path / "incidents.csv")
    table = pd.read_csv(csv)
    assert table["border_reason"].iloc[0] == "border_words"
    assert json.loads(table["border_evidence"].iloc[0])[0]["text"] == "border"
    gpkg = write_incidents(layer, tmp_path / "incidents.gpkg")
    from geo.export import read_incidents

    back = incidents_from_frame(read_incidents(gpkg))
    assert [i.border_reason for i in back] == [i.border_reason for i in incidents]
    assert back[0].border_evidence == incidents[0].border_evidence


def test_cli_keep_option(tmp_path):
    from bordermap.cli import main

    src = tmp_path / "local.txt"
    src.write_text(LOCAL_CRIME, encoding="utf-8")
    out = tmp_path / "out.geojson"
    args = ["extract", str(src), "--published", "2025-06-11", "--force", "-o", str(out)]
    assert main(args) == 0
    assert json.loads(out.read_text())["features"] == []
    args = ["extract", str(src), "--published", "2025-06-11", "--keep", "violent", "-o", str(out)]
    assert main(args) == 0
    features = json.loads(out.read_text())["features"]
    assert features
    assert all(f["properties"]["border_reason"] is None for f in features)


def test_jsonl_text_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "news.jsonl"
    records = [{"text": "First line\u0085second\u2028third."}, {"text": "Another."}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    errors: list = []
    articles = list(read_articles([path], errors=errors))
    assert errors == []
    assert [a.text for a in articles] == [r["text"] for r in records]


def test_csv_text_may_hold_unicode_line_separators(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"text": ["One\u0085two\u2028three.", "Another."]}).to_csv(path, index=False)
    errors: list = []
    articles = list(read_articles([path], errors=errors))
    assert errors == []
    assert [a.text for a in articles] == ["One\u0085two\u2028three.", "Another."]


def test_a_flagged_event_merged_with_a_border_incident_takes_its_reason(gazetteer):
    from geo.extract.merge import absorb

    flagged = extract_incidents(_article(LOCAL_CRIME), gazetteer, keep="violent")[0]
    border = extract_incidents(_article(BORDER_CLASH), gazetteer)[0]
    absorb(flagged, border)
    assert flagged.border_reason == "border_words"
    assert flagged.border_evidence == border.border_evidence
    assert not any("not a border incident" in n for n in flagged.notes)


def test_a_border_agreement_not_made_yet_is_none(gazetteer):
    made = "Kazakhstan and Uzbekistan signed a treaty on their state border on Monday."
    not_yet = "A treaty on the border between Kazakhstan and Uzbekistan has yet to be signed."
    assert extract_incidents(_article(made), gazetteer)
    assert extract_incidents(_article(not_yet), gazetteer) == []


def test_a_retaliatory_strike_between_neighbours_qualifies(gazetteer):
    text = (
        "The retaliatory strike on a village near Saravan followed Islamabad's decision on "
        "Wednesday to recall its ambassador to Iran."
    )
    incidents = [i for i in extract_incidents(_article(text), gazetteer) if i.physical]
    _check_evidence(text, incidents)
    assert incidents[0].border_reason == "neighbour_states"


def test_a_face_off_of_two_neighbouring_states_patrols_is_a_border_incident(gazetteer):
    # no border word, no shot fired: the armed patrols of two neighbouring states qualify
    text = (
        "Kyrgyz and Tajik patrols faced off near Batken on Monday, with no shots fired, "
        "officials said."
    )
    incs = extract_incidents(Article(text, published=dt.date(2025, 3, 5)), gazetteer)
    (inc,) = [i for i in incs if i.physical]
    assert inc.border_reason == "neighbour_states"
    assert any(e["text"].lower() == "patrols" for e in inc.border_evidence)
