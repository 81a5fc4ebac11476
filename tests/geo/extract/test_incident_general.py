"""Classes of reporting language that generalise beyond one report, on passages of our own.

Each test is one class: a way journalists in any region phrase an incident that
extraction read wrongly (issue 12 follow-up, classes left by the last review).
"""

from __future__ import annotations

import datetime as dt

from gazetteer.normalize import compound_spellings
from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents

DAY = dt.date(2025, 4, 9)  # a Wednesday


def _incidents(gazetteer, text, published=DAY, keep="all"):
    return extract_incidents(Article(text, published=published), gazetteer, keep=keep)


def _physical(gazetteer, text, published=DAY):
    return [i for i in _incidents(gazetteer, text, published) if i.physical]


# ---------------------------------------------------------------------------
# names


def test_a_compound_province_name_in_mixed_spellings_is_that_province():
    # each part spelled as some source spells it, joined by "and" or a hyphen
    assert "Kohkiluyeh and Boyer-Ahmad" in compound_spellings(
        "Kohgiluyeh and Boyer-Ahmad", ["Kohkiluyeh va Boyer-Ahmad"]
    )
    assert compound_spellings("Perth and Kinross", []) == ["Perth-Kinross"]
    # a part not like the name's part at its place is not a spelling of it
    assert compound_spellings("Sistan and Baluchestan", ["Baluchestan va Sistan"]) == [
        "Sistan-Baluchestan"
    ]
    assert compound_spellings("Kabardino-Balkaria", ["Kabardino and Balkaria"]) == []


def test_an_incident_in_a_compound_province_is_not_in_the_province_its_part_names(gazetteer):
    # "Baluchistan" alone is Pakistan's province; "Sistan and Baluchistan" is Iran's
    for text in (
        "Gunmen killed two Iranian border guards in Sistan and Baluchistan province on Monday.",
        "Gunmen killed two border guards at a post in Sistan-Baluchistan on Monday.",
    ):
        (inc,) = _physical(gazetteer, text)
        assert inc.location is not None, text
        assert tuple(inc.location.countries) == ("IR",), text
        assert inc.location.admin1_codes == ("IR-13",), text


# ---------------------------------------------------------------------------
# what an act answered


def test_a_dated_cause_told_with_a_retaliation_is_an_incident_of_its_own(gazetteer):
    text = (
        "Army jets bombed a depot near Khiam in southern Lebanon on Tuesday, killing two "
        "people, in retaliation for a rocket attack on Kiryat Shmona in Israel that wounded "
        "a woman on Monday."
    )
    got = sorted(_physical(gazetteer, text), key=lambda i: i.date.start)
    assert len(got) == 2
    cause, act = got
    assert cause.date.start == dt.date(2025, 4, 7) and cause.date.precision == "day"
    assert act.date.start == dt.date(2025, 4, 8)
    assert cause.location is not None and "IL" in cause.location.countries
    assert act.location is not None and "LB" in act.location.countries
    assert [c["wounded"] for c in cause.casualties if c["wounded"]] == [1]
    assert not any(c["wounded"] for c in act.casualties)


def test_a_dated_cause_told_as_what_a_response_answered_is_an_incident(gazetteer):
    for text in (
        "Indian troops shelled Pakistani posts on Tuesday in response to a mortar attack on "
        "a post near Kotli that killed a soldier on Monday.",
        'Indian troops shelled Pakistani posts on Tuesday, a "riposte" to a mortar attack on '
        "a post near Kotli that killed a soldier on Monday.",
    ):
        got = sorted(_physical(gazetteer, text), key=lambda i: i.date.start)
        assert [i.date.start.day for i in got] == [7, 8], text
        assert [c["killed"] for c in got[0].casualties if c["killed"]] == [1], text


def test_an_undated_cause_is_no_incident_and_its_place_is_not_the_acts(gazetteer):
    text = (
        "Pakistani troops shelled Indian posts on Tuesday in revenge for the killing of two "
        "farmers near Kotli."
    )
    (act,) = _physical(gazetteer, text)
    assert act.location is None or act.location.name != "Kotli"


# ---------------------------------------------------------------------------
# tolls


def test_a_day_of_the_month_beside_a_toll_counts_no_one():
    from geo.extract.events import count_casualties

    for text in (
        "TBILISI, June 17 - A Georgian shepherd was wounded near the boundary line.",
        "On 3rd of May a border guard was wounded by a sniper.",
        "LIMA, 9 July - One soldier was killed in the ambush.",
    ):
        got = [(c.kind, c.count) for c in count_casualties(text)]
        assert got in ([("wounded", 1)], [("killed", 1)]), (text, got)
    # a count is still a count beside a month ("killed 17 in May")
    assert [(c.kind, c.count) for c in count_casualties("The raids killed 17 in May.")] == [
        ("killed", 17)
    ]


# ---------------------------------------------------------------------------
# back-references


def test_the_same_area_is_the_place_told_before_not_the_speakers_province(gazetteer):
    text = (
        "Border guards clashed with raiders near Kotli on Sunday, the army said. "
        "Another clash in the same sector on Tuesday wounded a guard, the governor of "
        "Punjab province told reporters."
    )
    got = _physical(gazetteer, text)
    assert len(got) == 2
    assert got[0].location is not None and "Kotli" in got[0].location.name
    assert got[1].location == got[0].location


def test_the_same_district_after_a_place_just_named_points_to_that_place(gazetteer):
    text = (
        "Border guards clashed with raiders near Kotli on Sunday. "
        "Drones struck Sialkot and two villages of the same district on Tuesday."
    )
    got = _physical(gazetteer, text)
    assert got[-1].location is not None and "Sialkot" in got[-1].location.name


# ---------------------------------------------------------------------------
# who is hit


def test_herders_and_fishermen_shot_at_a_border_are_an_attack_on_civilians(gazetteer):
    for text in (
        "Two herders were shot by border guards near Batken on Monday.",
        "Border guards shot three herdsmen on the frontier on Monday.",
        "Four fishermen were wounded when a patrol fired on their boat off the border on Monday.",
    ):
        types = [i.event_type for i in _physical(gazetteer, text)]
        assert types == ["attack_on_civilians"], (text, types)


# ---------------------------------------------------------------------------
# rebuttals


def test_a_capital_blamed_or_accused_is_its_government_not_a_place(gazetteer):
    text = (
        "Thai soldiers were wounded in a clash near Surin on Monday. "
        "Bangkok accused Phnom Penh of starting the fighting."
    )
    for inc in _incidents(gazetteer, text):
        assert inc.location is None or "Phnom Penh" not in inc.location.name, inc
    text = (
        "Two Armenian soldiers were wounded in a clash near Sotk on Monday. "
        "Armenia's defence ministry blamed Baku for starting the shooting on Monday."
    )
    for inc in _incidents(gazetteer, text):
        assert inc.location is None or "Baku" not in inc.location.name, inc


# ---------------------------------------------------------------------------
# denied claims


def test_a_claim_denied_before_the_event_is_told_is_the_event_denied(gazetteer):
    text = (
        "Uzbekistan on Friday denied claims that its guards had shot two Kyrgyz farmers near "
        "Batken on Thursday."
    )
    (inc,) = _physical(gazetteer, text, published=dt.date(2025, 4, 11))
    assert inc.event_type == "attack_on_civilians"
    assert inc.date.start == dt.date(2025, 4, 10) and inc.date.precision == "day"
    assert inc.denied_by == ["Uzbekistan"]
    assert inc.location is not None and "KG" in inc.location.countries
    # the denier's capital is not where it happened
    text = "Kabul on Wednesday rejected reports that Afghan forces had shelled a Pakistani village."
    for inc in _physical(gazetteer, text):
        assert inc.location is None or "Kabul" not in inc.location.name
    # a denial of an event already told only marks it denied
    text = (
        "Uzbek guards shot two Kyrgyz farmers near Batken on Thursday. "
        "Uzbekistan on Friday denied claims that its guards had shot two Kyrgyz farmers."
    )
    (inc,) = _physical(gazetteer, text, published=dt.date(2025, 4, 11))
    assert inc.denied_by == ["Uzbekistan"]
    # other denials are no event
    assert _physical(gazetteer, "The ministry denied claims that the minister had resigned.") == []


# ---------------------------------------------------------------------------
# sides of a crossing


def test_the_side_a_report_names_is_the_side_of_a_crossing(gazetteer):
    for text, side in (
        (
            "Afghan and Pakistani guards exchanged fire on the Pakistani side of the Torkham "
            "crossing on Monday.",
            "PK",
        ),
        (
            "Guards exchanged fire at the Torkham crossing on Monday, wounding two soldiers on "
            "the Afghan side.",
            "AF",
        ),
    ):
        (inc,) = _physical(gazetteer, text)
        assert inc.location is not None and "Torkham" in inc.location.name, text
        assert tuple(inc.location.countries) == (side,), text
    # a town on one side stays where it is
    text = (
        "Armenian and Azerbaijani troops exchanged fire on the Azerbaijani side of the border "
        "near Sotk on Monday."
    )
    (inc,) = _physical(gazetteer, text)
    assert inc.location is not None and tuple(inc.location.countries) == ("AM",)


# ---------------------------------------------------------------------------
# per-side tolls


def test_the_other_sides_own_toll_is_an_incident_at_the_same_place(gazetteer):
    text = (
        "Armenian and Azerbaijani troops clashed near Sotk on Monday. Armenia said two of its "
        "soldiers were killed, while Azerbaijan said three Azerbaijani soldiers were wounded "
        "in the fighting."
    )
    got = _physical(gazetteer, text)
    assert len(got) == 2
    ours, theirs = got
    assert tuple(ours.location.countries) == ("AM",) and ours.killed == 2
    assert theirs.wounded == 3
    assert theirs.location is not None and "Sotk" in theirs.location.name
    assert tuple(theirs.location.countries) == ("AZ",)


# ---------------------------------------------------------------------------
# dates


def test_a_weekday_before_an_event_noun_dates_that_event_only():
    from geo.extract.dates import dating, find_time_expressions

    s = "Troops shelled the valley on Thursday as payback for the Tuesday raid on a post."
    exprs = find_time_expressions(s)
    assert [e.text for e in dating(exprs, s, s.index("shelled"))] == ["on Thursday"]
    s = "The answer came after weeks of talks and a protest over Monday's killings."
    exprs = find_time_expressions(s)
    assert dating(exprs, s, s.index("answer")) == []
    assert [e.text.strip() for e in dating(exprs, s, s.index("killings"))] == ["Monday"]
    # the subject of its sentence dates the sentence
    s = "The Tuesday attack killed two children."
    exprs = find_time_expressions(s)
    assert dating(exprs, s, s.index("killed")) == exprs


def test_a_retold_strike_is_not_dated_by_another_attack_it_mentions(gazetteer):
    text = (
        "Drones struck a camp near Kotli early on Thursday, killing four people. "
        "The strike followed weeks of warnings and came as protests over the Tuesday "
        "attack went on."
    )
    got = _physical(gazetteer, text, published=dt.date(2025, 4, 10))
    assert [i.date.start for i in got] == [dt.date(2025, 4, 10)]


def test_fighting_earlier_this_year_is_background_but_keeps_a_border_story(gazetteer):
    text = (
        "Peru and Ecuador agreed on Thursday to reopen talks on their border. Thousands of "
        "villagers fled armed clashes along the border earlier this year. Twelve people were "
        "killed in the fighting."
    )
    got = _incidents(gazetteer, text, keep="border")
    assert [i.event_type for i in got] == ["agreement_or_statement"]


# ---------------------------------------------------------------------------
# attempted entries


def test_an_attempt_to_enter_or_penetrate_is_an_incursion_but_not_a_smugglers(gazetteer):
    for text in (
        "Dozens of Tajik soldiers tried to enter Kyrgyzstan near Batken on Tuesday.",
        "Troops repelled an attempt to penetrate the border near Kupwara on Tuesday.",
        "Militants infiltrated the frontier near Kupwara on Tuesday.",
    ):
        types = [i.event_type for i in _physical(gazetteer, text)]
        assert types == ["incursion"], (text, types)
    text = (
        "Saudi border guards shot dead two smugglers who tried to infiltrate the country "
        "from Yemen on Tuesday."
    )
    assert "incursion" not in [i.event_type for i in _physical(gazetteer, text)]
