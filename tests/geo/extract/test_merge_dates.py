"""Merging inside one article: a date inferred from the report never contradicts a stated one."""

from __future__ import annotations

import datetime as dt

from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents


def test_an_accusation_without_time_words_retells_the_dated_incursion(gazetteer):
    text = (
        "Tajikistan accused Kyrgyzstan of a border incursion, the foreign ministry said on "
        "Wednesday. Kyrgyz troops crossed the border into Tajikistan's Sughd region last week, "
        "the ministry said."
    )
    incs = extract_incidents(Article(text, published=dt.date(2025, 6, 12)), gazetteer)
    incursions = [i for i in incs if i.event_type == "incursion"]
    assert len(incursions) == 1, [(i.quote, i.date) for i in incursions]
    (inc,) = incursions
    assert inc.date.precision == "week"
    assert not inc.date_inferred
