"""Dates a report implies: the story's date for clauses with no time words of their own."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract.articles import Article
from geo.extract.dates import find_time_expressions, resolve_time
from geo.extract.incidents import extract_incidents

THURSDAY = dt.date(2024, 5, 16)


def _physical(text, gazetteer, published=THURSDAY):
    # every event, border incident or not: these passages test dates, not relevance
    incs = extract_incidents(Article(text, published=published), gazetteer, keep="all")
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


def test_a_day_earlier_is_the_day_before_the_last_date(gazetteer):
    text = (
        "Three guards were killed near Sumy on 9 May. "
        "A day earlier, two farmers died when a shell hit a house near Kharkiv."
    )
    incs = sorted(_physical(text, gazetteer), key=lambda i: i.date.start)
    assert [i.date.start for i in incs] == [dt.date(2024, 5, 8), dt.date(2024, 5, 9)]


def test_an_undated_lead_takes_the_first_date_the_story_gives(gazetteer):
    text = (
        "Troops clashed with an armed group near Sumy, the ministry reported. "
        "The clash began early on Tuesday when a patrol came under fire near Sumy."
    )
    incs = _physical(text, gazetteer)
    assert incs and all(i.date.start == dt.date(2024, 5, 14) for i in incs)


def test_the_story_date_comes_from_a_dated_sentence_without_an_incident(gazetteer):
    text = (
        "A guard who was shot during his patrol near Sumy yesterday is out of danger. "
        "He was injured and evacuated to a hospital in Kharkiv, where he had surgery."
    )
    incs = _physical(text, gazetteer)
    assert incs and all(i.date.start == dt.date(2024, 5, 15) for i in incs)


def test_a_running_total_since_a_date_is_not_an_incident(gazetteer):
    text = (
        "Artillery shelled Sumy on Tuesday. "
        "Cross-border fire has killed 27 soldiers and 60 civilians since 7 March."
    )
    incs = _physical(text, gazetteer)
    assert [i.killed for i in incs] == [None]


def test_the_reports_day_yields_to_the_events_own_date(gazetteer):
    text = (
        "Armenia accused Azerbaijan of a border incursion, officials in Yerevan said on "
        "Wednesday. Azerbaijani troops crossed the border into Armenia's Syunik province "
        "last week."
    )
    incursions = [i for i in _physical(text, gazetteer) if i.event_type == "incursion"]
    assert len(incursions) == 1
    assert (incursions[0].date.precision, incursions[0].date_inferred) == ("week", False)


def test_a_report_from_last_week_stays_apart_from_this_weeks_event(gazetteer):
    text = (
        "Guards clashed with smugglers near Sumy on Tuesday, killing one of them. "
        "The army said last week that its forces had killed three smugglers near Sumy."
    )
    incs = _physical(text, gazetteer)
    assert sorted(i.killed for i in incs) == [1, 3]


def test_a_date_told_much_later_of_another_place_does_not_date_the_lead(gazetteer):
    text = (
        "A border guard has died in a shootout near Sumy. "
        "The guard had been on patrol for a week. "
        "His unit had been posted to the region in spring. "
        "Relatives gathered at the family home. "
        "Separately, artillery shelled the outskirts of Kharkiv on Tuesday."
    )
    incs = _physical(text, gazetteer)
    shootout = next(i for i in incs if i.event_type == "armed_clash")
    assert shootout.date.start == THURSDAY  # the report's day, not Tuesday's shelling
    assert shootout.date_inferred


def test_the_lead_takes_the_day_of_a_following_sentence_that_tells_of_no_event(gazetteer):
    text = (
        "Troops have clashed with an armed group in a village near Sumy. "
        '"On Tuesday we woke up to the sound of it," a resident of the village said.'
    )
    (inc,) = _physical(text, gazetteer)
    assert inc.date.start == inc.date.end == dt.date(2024, 5, 14)
    assert inc.date_inferred


def test_time_words_after_followed_date_the_earlier_event(gazetteer):
    text = (
        "Drones hit a fuel depot near Sumy on Wednesday morning. "
        "The drone strike followed a warning by the defence ministry on Monday."
    )
    incs = _physical(text, gazetteer)
    assert incs and all(i.date.start == dt.date(2024, 5, 15) for i in incs)


def test_time_words_in_an_aside_date_only_the_aside(gazetteer):
    text = (
        "A militia - one of the groups that crossed the border on Monday - posted a video "
        "on Wednesday showing it had captured four guards near Sumy."
    )
    arrest = next(i for i in _physical(text, gazetteer) if i.event_type == "arrest")
    assert arrest.date.start == arrest.date.end == dt.date(2024, 5, 15)


def test_dating_keeps_an_asides_words_for_the_aside():
    from geo.extract.dates import dating

    s = "Guards - who came under fire on Monday - were withdrawn on Tuesday."
    exprs = find_time_expressions(s)
    assert [e.text for e in dating(exprs, s, s.index("fire"))] == ["on Monday"]
    assert [e.text for e in dating(exprs, s, s.index("withdrawn"))] == ["on Tuesday"]
    s = "Following a raid on Monday, troops were sent to the border."
    exprs = find_time_expressions(s)
    assert dating(exprs, s, s.index("raid")) == exprs
    assert dating(exprs, s, s.index("sent")) == []


def test_the_datelines_day_is_when_the_report_was_filed(gazetteer):
    text = (
        "Kharkiv, Ukraine, May 16 (Agency) - Ukraine said three of its guards had been "
        "killed in a clash near Sumy. The clash broke out on Tuesday when a patrol came "
        "under fire near Sumy."
    )
    incs = [i for i in _physical(text, gazetteer) if i.event_type == "armed_clash"]
    assert [(i.date.start, i.killed) for i in incs] == [(dt.date(2024, 5, 14), 3)]


def test_an_undated_sentence_going_on_about_history_is_not_an_incident(gazetteer):
    text = (
        "A drone strike hit a checkpoint near Sumy on Tuesday. "
        "Troops of the neighbouring state had invaded the district in 2014. "
        "The invasion displaced thousands of farmers."
    )
    incs = _physical(text, gazetteer)
    assert [i.event_type for i in incs] == ["air_drone_strike"]
