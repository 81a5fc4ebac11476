"""Relative dates resolved against the publication date, as news writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract.dates import find_time_expressions, resolve_time

FRIDAY = dt.date(2021, 7, 30)


def _resolve(sentence: str, published: dt.date | None = FRIDAY):
    exprs = [e for e in find_time_expressions(sentence) if not e.until]
    assert exprs, f"no time expression found in {sentence!r}"
    return resolve_time(exprs[0], published)


@pytest.mark.parametrize(
    ("sentence", "start", "end", "precision"),
    [
        ("soldiers were killed early on Wednesday", "2021-07-28", "2021-07-28", "day"),
        ("a drone was shot down on Thursday night", "2021-07-29", "2021-07-29", "day"),
        ("fire was opened on Friday morning", "2021-07-30", "2021-07-30", "day"),  # same day
        ("troops crossed the border last week", "2021-07-19", "2021-07-25", "week"),
        ("troops advanced in May", "2021-05-01", "2021-05-31", "month"),
        ("troops advanced in December", "2020-12-01", "2020-12-31", "month"),  # latest December
        ("shelling resumed last month", "2021-06-01", "2021-06-30", "month"),
        ("a mine exploded yesterday", "2021-07-29", "2021-07-29", "day"),
        ("guards clashed on 12 July", "2021-07-12", "2021-07-12", "day"),
        ("the strike on March 3, 2020 killed two", "2020-03-03", "2020-03-03", "day"),
        ("tensions over the past week", "2021-07-23", "2021-07-30", "week"),
        ("two days ago a patrol was ambushed", "2021-07-28", "2021-07-28", "day"),
    ],
)
def test_relative_dates(sentence, start, end, precision):
    d = _resolve(sentence)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision) == (start, end, precision)


def test_last_weekday_is_strictly_before_publication():
    d = _resolve("the post was attacked last Friday")
    assert d.start == dt.date(2021, 7, 23)


def test_without_publication_date_relative_dates_stay_unknown():
    for sentence in ("early on Wednesday", "last week", "in May", "yesterday"):
        d = _resolve(sentence, published=None)
        assert d.precision == "unknown" and d.start is None
    # an absolute date needs no publication date
    assert _resolve("on 14 March 2024", published=None).start == dt.date(2024, 3, 14)


def test_range_until_next_day():
    exprs = find_time_expressions("firing from Monday evening until 2am Tuesday")
    assert [e.until for e in exprs] == [False, True]
    assert resolve_time(exprs[1], FRIDAY).start == dt.date(2021, 7, 27)


def test_speech_dates_are_marked():
    (e,) = find_time_expressions("the ministry said on Thursday that troops withdrew")
    assert e.speech
    (e,) = find_time_expressions("troops withdrew on Thursday")
    assert not e.speech


def test_history_is_marked():
    assert find_time_expressions("a war in the 1990s")[0].history
    assert find_time_expressions("fighting last year")[0].history
    assert not find_time_expressions("fighting last week")[0].history


def test_lowercase_may_is_a_verb():
    assert find_time_expressions("troops may 3 times cross") == []
