"""Killed and wounded as reports state them: counts, non-counts and who gets them."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.extract.articles import Article
from geo.extract.events import count_casualties, number_value
from geo.extract.incidents import extract_incidents

DAY = dt.date(2024, 9, 12)


def _counts(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for c in count_casualties(text):
        out[c.kind] = out.get(c.kind, 0) + c.count
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the barrage led to the deaths of five herders", {"killed": 5}),
        ("the death of a guard was confirmed", {"killed": 1}),
        ("two dozen conscripts were wounded", {"wounded": 24}),
        ("half a dozen villagers were hurt", {"wounded": 6}),
        ("a man and a woman died when the shell landed", {"killed": 2}),
        ("three Tajik and one Kyrgyz guard were killed", {"killed": 4}),
        ("the patrol lost two of its fighters, killed and nine wounded", {"wounded": 9}),
        ("two of its fighters were killed and nine wounded", {"killed": 2, "wounded": 9}),
        ("a ranger of the northern battalion lost his life", {"killed": 1}),
        ("a shepherd lost his leg to the blast", {"wounded": 1}),
        ("a private was martyred at the post", {"killed": 1}),
        ("one sergeant was killed and another was wounded", {"killed": 1, "wounded": 1}),
        ("seven people, including two teenagers, were killed", {"killed": 7}),
        # the article "a" names the killer here, not one victim
        ("it was the worst flare-up since a war that killed thousands", {}),
        ("an attack killed two guards", {"killed": 2}),
        ("shells landed in the town, killing a schoolgirl", {"killed": 1}),
        ("a rights group said two were killed", {"killed": 2}),
        # no number of people
        ("the shelling caused dozens of casualties", {}),
        ("dozens of people were killed", {}),
        ("the army said it killed a number of smugglers", {}),
        ("dozens of goats were also killed", {}),
        # none is a count: 0, not missing
        ("no one was injured", {"killed": 0, "wounded": 0}),
        # dead of their wounds: killed, not wounded
        ("a herder was fatally wounded by the blast", {"killed": 1}),
        ("two smugglers were fatally shot at the fence", {"killed": 2}),
        ("a conscript was mortally wounded", {"killed": 1}),
        ("the guards fatally shot two smugglers", {"killed": 2}),
        ("the guards fired, shooting two smugglers", {}),
        # injuries sustained or suffered
        ("one guard sustained injuries in the exchange", {"wounded": 1}),
        ("two porters suffered serious wounds", {"wounded": 2}),
        ("a ranger suffered fatal injuries", {"killed": 1}),
        # the main verb after a relative clause
        ("a guard who was shot at the fence last week has died", {"killed": 1}),
        # an age or a name in the words for the person
        ("a 31-year-old border guard Alan Example was killed", {"killed": 1}),
        # the toll of the cause told with the event is the earlier event's
        (
            "militants fired rockets at the town in retaliation for the deaths of three "
            "fighters in an air strike",
            {},
        ),
        # the count after "as many as", "more than"
        ("as many as 14 farmers were hurt", {"wounded": 14}),
        ("more than 30 soldiers were killed", {"killed": 30}),
        # a list between the count and its verb
        (
            "eleven residents of hamlets in the Alpha, Bravo, Delta and Echo sectors were "
            "injured in the barrage",
            {"wounded": 11},
        ),
        (
            "at least eight people, including herders, teachers and a guard (a sergeant), "
            "were killed and 20 injured",
            {"killed": 8, "wounded": 20},
        ),
    ],
)
def test_counts(text, expected):
    assert _counts(text) == expected


def test_number_words():
    assert number_value("two dozen") == 24
    assert number_value("a dozen") == 12
    assert number_value("half a dozen") == 6
    assert number_value("another") == 1
    assert number_value("dozens") is None


def _physical(text, gazetteer):
    # every event, border incident or not: these passages test tolls, not relevance
    incs = extract_incidents(Article(text, published=DAY), gazetteer, keep="all")
    return [i for i in incs if i.physical]


def test_a_toll_in_a_later_sentence_completes_the_incident(gazetteer):
    text = (
        "Artillery shelled the town of Shebekino on Wednesday, the governor said. "
        "A man and a woman died in the shelling and three other people were wounded."
    )
    (inc,) = _physical(text, gazetteer)
    assert (inc.event_type, inc.killed, inc.wounded) == ("shelling", 2, 3)


def test_a_later_toll_goes_to_the_incident_its_noun_names(gazetteer):
    text = (
        "Artillery shelled the town of Shebekino on Wednesday, the governor said. "
        "Guards arrested two men near Kozinka the same day. "
        "Two people died in the shelling."
    )
    incs = _physical(text, gazetteer)
    shelling = next(i for i in incs if i.event_type == "shelling")
    assert shelling.killed == 2
    assert all(i.killed is None for i in incs if i is not shelling)


def test_a_no_one_hurt_sentence_gives_zero_not_missing(gazetteer):
    text = "A drone struck a warehouse near Shebekino on Wednesday. No one was injured."
    (inc,) = _physical(text, gazetteer)
    assert inc.wounded == 0


def test_one_toll_is_not_copied_onto_every_clause(gazetteer):
    text = (
        "Two guards were killed and four wounded when troops opened fire near Shebekino on "
        "Wednesday; artillery then shelled Kozinka."
    )
    incs = _physical(text, gazetteer)
    assert sum(i.killed or 0 for i in incs) == 2
    assert sum(i.wounded or 0 for i in incs) == 4


def test_counts_by_side_in_one_sentence_are_kept_apart(gazetteer):
    text = "Three Armenian and two Azerbaijani soldiers were killed in a clash on Wednesday."
    (inc,) = _physical(text, gazetteer)
    assert inc.killed == 5


def test_the_other_sides_own_toll_is_an_incident_of_its_own(gazetteer):
    text = (
        "Armenian and Azerbaijani troops exchanged fire on the border on Wednesday. "
        "Two Armenian soldiers were killed and nine wounded, the Armenian defence ministry said. "
        "Baku said one Azerbaijani soldier was killed."
    )
    incs = _physical(text, gazetteer)
    tolls = sorted((i.killed, i.wounded) for i in incs)
    assert tolls == [(1, None), (2, 9)]


def test_a_toll_with_another_date_is_not_a_follow_up(gazetteer):
    text = (
        "Nine people were killed by strikes on the town of Shebekino early on Thursday. "
        "The Tuesday attack on Kozinka killed two children and injured three women."
    )
    incs = sorted(_physical(text, gazetteer), key=lambda i: i.date.start)
    assert [(i.killed, i.wounded) for i in incs] == [(2, 3), (9, None)]
    assert incs[0].date.start == dt.date(2024, 9, 10)


def test_a_dated_follow_up_dates_an_undated_incident(gazetteer):
    text = (
        "Artillery shelled the town of Shebekino, the governor said. "
        "Two people died in the shelling on Tuesday."
    )
    (inc,) = _physical(text, gazetteer)
    assert (inc.killed, inc.date.start, inc.date_inferred) == (2, dt.date(2024, 9, 10), False)


def test_a_sentences_toll_goes_to_its_violent_event(gazetteer):
    text = (
        "Two guards were killed on Wednesday; border guards detained three smugglers near "
        "Kozinka after artillery shelled their camp near Shebekino."
    )
    incs = _physical(text, gazetteer)
    shelling = next(i for i in incs if i.event_type == "shelling")
    assert shelling.killed == 2
    assert all(i.killed is None for i in incs if i is not shelling)


def test_each_side_speaking_of_its_own_dead_is_an_incident_of_its_own(gazetteer):
    text = (
        "Guards of both states clashed near Sumy on Tuesday. "
        "Ukraine said two of its guards were killed and nine wounded. "
        "Russia said one of its soldiers was killed."
    )
    incs = [
        i
        for i in extract_incidents(Article(text, published=DAY), gazetteer, keep="all")
        if i.physical
    ]
    tolls = sorted((c["country"], c["killed"], c["wounded"]) for i in incs for c in i.casualties)
    assert tolls == [("RU", 1, None), ("UA", 2, 9)]
    assert sorted((i.killed, i.wounded) for i in incs) == [(1, None), (2, 9)]
    assert not any("reports differ" in n for i in incs for n in i.notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the raid killed Alan Example, one of the group's founders", {"killed": 1}),
        ("a sniper shot dead Private Sam Example, a father of two", {"killed": 1}),
        # a day, or people named by a group's name, are no named victim
        ("two guards were killed Monday, the ministry said", {"killed": 2}),
        ("the army killed Example Front fighters, the ministry said", {}),
    ],
)
def test_a_named_victim_is_one(text, expected):
    assert _counts(text) == expected
