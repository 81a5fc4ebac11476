"""Error classes seen on real reports, each on a short passage of our own writing.

Statements, spurious and duplicate incidents, missing event types and places.
"""

from __future__ import annotations

import datetime as dt

from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents

DAY = dt.date(2025, 4, 9)  # a Wednesday


def _incidents(gazetteer, text, published=DAY):
    return extract_incidents(Article(text, published=published), gazetteer)


def _statements(incs):
    return [i for i in incs if i.event_type == "agreement_or_statement"]


# ---------------------------------------------------------------------------
# statements


def test_diplomatic_acts_are_statements_dated_when_made_with_their_speaker(gazetteer):
    text = (
        "Armenia summoned the Azerbaijani ambassador on Monday over the incident. "
        "Kazakhstan recalled its ambassador from Kyrgyzstan. "
        "Tajikistan strongly protested against the construction of the road."
    )
    statements = _statements(_incidents(gazetteer, text))
    assert [s.actor1 for s in statements] == [
        "Government of Armenia",
        "Government of Kazakhstan",
        "Government of Tajikistan",
    ]
    assert statements[0].date.start == dt.date(2025, 4, 7)
    # without a time word a statement was made on the day of the report, and says so
    assert statements[1].date.start == DAY and statements[1].date.precision == "day"
    assert statements[1].date_inferred


def test_one_speakers_statements_of_one_day_are_one_statement(gazetteer):
    text = (
        "Thailand expelled the Cambodian ambassador. "
        "The government also warned that it would close every crossing. "
        "Cambodia condemned the decision."
    )
    statements = _statements(_incidents(gazetteer, text))
    assert [s.actor1 for s in statements] == ["Government of Thailand", "Government of Cambodia"]


def test_a_statement_does_not_hide_the_physical_event_it_is_about(gazetteer):
    text = "India lodged a strong protest after Pakistani troops shelled villages in Poonch."
    incs = _incidents(gazetteer, text)
    assert [i.event_type for i in incs] == ["agreement_or_statement", "shelling"]
    text = "Pakistan condemned the shelling of villages in Kotli district on Tuesday."
    types = sorted(i.event_type for i in _incidents(gazetteer, text))
    assert types == ["agreement_or_statement", "shelling"]


def test_a_statement_about_what_is_to_come_is_dated_when_made(gazetteer):
    text = "The two presidents will sign the border treaty next month, officials said."
    (statement,) = _statements(_incidents(gazetteer, text))
    assert statement.date.start == statement.date.end == DAY


def test_warning_shots_are_not_a_warning(gazetteer):
    text = "South Korean soldiers fired warning shots on Tuesday."
    assert not _statements(_incidents(gazetteer, text))
