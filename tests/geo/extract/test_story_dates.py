"""Dates a report implies: the story's date for clauses with no time words of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract.articles import Article
from geo.extract.dates import find_time_expressions, resolve_time
from geo.extract.incidents import extract_incidents

THURSDAY = dt.date(2024, 5, 16)


def _physical(text, gazetteer, published=THURSDAY):
    incs = extract_incidents(Article(text, published=published), gazetteer)
    return [i for i in incs if i.physical]


def test_a_fresh_event_without_time_words_carries_the_publication_date(gazetteer):
    text = "A drone strike has killed four people in a village near Sumy, the governor said."
    (inc,) = _physical(text, gazetteer)
    assert (inc.date.start, inc.date.end, inc.date.precision) == (THURSDAY, THURSDAY, "day")
    assert inc.date_inferred
    record = inc.to_record()
    assert record["date_inferred"] is True
    assert any("publication date" in n for n in inc.notes)


def test_an_event_with_its_own_date_is_not_inferred(gazetteer):
    (inc,) = _physical("A drone strike killed four people near Sumy on Tuesday.", gazetteer)
    assert inc.date.start == dt.date(2024, 5, 14)
    assert not inc.date_inferred and inc.to_record()["date_inferred"] is False


def test_undated_sentences_inherit_the_date_the_story_reached(gazetteer):
    text = (
        "Artillery shelled the outskirts of Sumy on Monday, the regional governor said. "
        "Separately, a mine blast wounded two farmers in a field near Kharkiv."
    )
    incs = _physical(text, gazetteer)
    mine = next(i for i in incs if i.event_type == "explosive_device")
    assert mine.date.start == mine.date.end == dt.date(2024, 5, 13)
    assert mine.date_inferred


def test_an_old_date_in_the_story_is_not_inherited(gazetteer):
    text = (
        "Artillery shelled the outskirts of Sumy on 2 March 2024, officials recalled. "
        "A mine blast wounded two farmers in a field near Kharkiv."
    )
    incs = _physical(text, gazetteer)
    mine = next(i for i in incs if i.event_type == "explosive_device")
    assert mine.date.start == THURSDAY  # the report's day, not the background date


def test_a_statement_day_dates_the_event_it_reports(gazetteer):
    text = "Two border guards were wounded in a shootout near Sumy, the service said on Tuesday."
    (inc,) = _physical(text, gazetteer)
    assert (inc.date.start, inc.date.precision) == (dt.date(2024, 5, 14), "day")
    assert inc.date_inferred


def test_without_a_publication_date_nothing_is_inferred(gazetteer):
    (inc,) = _physical("A drone strike has killed four people near Sumy.", gazetteer, None)
    assert not inc.date.known and not inc.date_inferred


def test_the_previous_day_is_the_day_before_the_story_date(gazetteer):
    text = (
        "Troops clashed near Sumy on Wednesday. "
        "The previous day, a drone strike had wounded three soldiers near Kharkiv."
    )
    incs = _physical(text, gazetteer)
    drone = next(i for i in incs if i.event_type == "air_drone_strike")
    assert drone.date.start == drone.date.end == dt.date(2024, 5, 14)
    assert not drone.date_inferred


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        # the night before the report, labelled the day before it
        ("drones hit the depot overnight", "2024-05-15", "2024-05-15", "day"),
        ("late on Sunday, troops fired", "2024-05-12", "2024-05-12", "day"),
        ("guards clashed earlier this month", "2024-05-01", "2024-05-16", "month"),
        # a start, not the day of the event: the range runs to the report
        ("shelling has gone on since Monday", "2024-05-13", "2024-05-16", "week"),
        ("shelling has gone on since April", "2024-04-01", "2024-05-16", "year"),
        ("the day before yesterday a post was hit", "2024-05-14", "2024-05-14", "day"),
    ],
)
def test_relative_expressions(phrase, start, end, precision):
    (e,) = find_time_expressions(phrase)
    d = resolve_time(e, THURSDAY)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)


def test_since_marks_a_start():
    (e,) = find_time_expressions("fighting since Monday")
    assert e.since
    (e,) = find_time_expressions("fighting on Monday")
    assert not e.since
