"""Lexeme pre-checks never hide a match of their pattern."""

from __future__ import annotations

from pathlib import Path

import pytest

from geo.extract import dates, events, sentences
from geo.extract.articles import read_articles
from geo.extract.patterns import Lexeme

CORPUS = Path(__file__).resolve().parents[2] / "data" / "incidents"

# One phrase per branch of the trigger and time patterns, in several cases and spellings.
PHRASINGS = [
    "Air defences SHOT DOWN a drone and were shooting down two more; they downed three enemy UAVs.",
    "A missile was Intercepted; the unit neutralised an enemy drone and jammed two drones.",
    "Airstrikes and air raids followed a drone strike; a post was struck by a drone.",
    "Drones attacked the depot, kamikaze drones and loitering munitions, warplanes bombed it.",
    "Fighter jets flew low. A LANDMINE and anti-personnel mines; a truck hit a mine.",
    "The mine exploded; an improvised explosive device, IEDs and a roadside bomb, booby-trapped.",
    "Shelled overnight: artillery, mortars, rockets, missiles, howitzers, bombardment, Grad.",
    "Villagers were attacked; gunmen shot dead two farmers and killed several civilians.",
    "They clashed and exchanged heavy gunfire; an exchange of fire, exchanged shots, traded fire.",
    "Troops opened fire, returned fire, fired upon a patrol, came under fire in a firefight.",
    "Gun fights and shoot-outs, skirmishes; fighting broke out after an attempt to seize a hill.",
    "They attacked two border posts and ambushed a patrol.",
    "Guards arrested and detained men; detention, taken prisoner, abducted, captured six soldiers.",
    "An incursion and intrusions; troops crossed into the valley, crossing the border line.",
    "Soldiers went across the frontier, advanced two kilometres into it and pushed deep into it.",
    "They took up positions, seized two heights, encroached, violated the airspace, transgressed.",
    "A patrol entered Thai territory. A stand-off, a face-off, scuffles, a brawl, fistfights.",
    "Both offered to talk, proposed and agreed a plan, signed it, called on others, urged calm.",
    "They demanded, pledged, vowed, promised, ruled out, will ask, asked, appealed, announced a "
    "ceasefire and reached an agreement; the ceasefire was declared. Officials denied, rejected, "
    "dismissed and refuted it.",
    "Ministers PROTESTED, summoned the envoy, recalled their ambassador, expelled two diplomats; "
    "they lodged a strong protest, warned, issued a final warning, cautioned, condemned it, "
    "expressed deep regret, held a flag meeting, renamed the village, accused them of lying, "
    "will sign a treaty and threatened to respond militarily.",
    "They CLOSED the border, shut two crossings, sealed the gates and re-opened the checkpoint; "
    "the crossing was closed, the border remains shut, the closure of the frontier. Families were "
    "displaced and fled their homes, forced to flee, evacuated; youths threw stones, stone-pelting,"
    " pelted a bus; sabotage, they blew up a bridge, a post was blown up, damaged the border fence."
    " Guards apprehended and handcuffed two men, took three men into custody.",
    "They Erected a new post, built two watchtowers, set up a checkpoint, were building bunkers,"
    " fortification works; advancing their positions, rushed reinforcements to the border, the"
    " mobilization of reserve troops on the frontier, deployment was beefed up; ordered to close"
    " the border gates, residents were evacuating, took refuge, were taken to safe places; a"
    " guard was STABBED, knifed, they fired warning shots.",
    "Retaliatory STRIKES, military strikes and Pakistani strikes; strikes on a depot, a strike "
    "against a base, strikes targeting camps, strikes inside Iran.",
    "On 2025-03-14, on 14 March 2025, on Sept. 3rd, 2024 and on the 3rd of May, and May 4.",
    "Early on Wednesday, late on Thursday night, on the night of Friday, last Sunday evening.",
    "Yesterday, today, tonight, this morning, last night, overnight, earlier today, this week.",
    "On the same day, last week, over the past few days, in recent days, earlier this month.",
    "Last month, this year, last year, three days ago, 2 weeks ago, an hour later.",
    "In early May, since June 2021, during Jan., from mid-March until late October.",
    "In 2020, since the 1990s, during the early 2000s, in the late 1980's.",
    "At the time, days after, a few days later, hours before, that day, shortly after.",
    "The next day, the following day, a day later.",
    "The previous day, the preceding day, the day before, a day earlier, the day before yesterday.",
    "Soldiers at a post. Ivan Petrov/Pool via REUTERS",
    "Smoke over the ridge. GETTY IMAGES",
    "A checkpoint. AFP PHOTO",
    "Troops on patrol (Photo: Defence Ministry)",
    "A border post, photo: press service",
    "Two were killed, one dead, one died, five slain, lives lost; others perished, were "
    "wounded, injured or hurt; casualties, deaths and fatalities.",
    "Hours before Tuesday's vote, tonight and overnight, in the 1990s and 2003.",
]


def _lexemes():
    yield from events._TRIGGER_LEXEMES
    yield "other", events._OTHER_LEXEME
    yield "agreement_or_statement", events._STATEMENT_LEXEME
    yield "denial", events._DENIAL
    yield "hurt word", events._HURT_WORD
    yield "time word", dates._ANY_TIME_WORD
    yield from dates._PATTERNS
    yield "photo credit", sentences._PHOTO_CREDIT


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return PHRASINGS + [a.text for a in read_articles([CORPUS])]


@pytest.mark.parametrize(("name", "lexeme"), list(_lexemes()))
def test_every_match_holds_one_of_the_pre_check_words(name, lexeme, texts):
    matches = [m.group(0) for t in texts for m in lexeme.rx.finditer(t)]
    assert matches, f"no phrasing exercises {name}"
    missed = [m for m in matches if not any(w in m.lower() for w in lexeme.words)]
    assert missed == [], f"{name}: matches the pre-check would skip: {missed}"


def test_pre_check_skips_a_text_without_the_words():
    lexeme = dict(events._TRIGGER_LEXEMES)["shelling"]
    assert not lexeme.possible("the talks resumed in geneva on monday.")
    assert not lexeme.found("the talks resumed in geneva on monday.")


def test_found_ignores_case():
    lexeme = Lexeme(("shell",), r"\bshell(?:ed|ing)\b")
    assert lexeme.found("Shellfish sellers said the army SHELLED the pier.".lower())
    assert not lexeme.found("shellfish and shells")


@pytest.mark.parametrize("lexicon", [events._CLAUSE_LEXICON, dates._TIME_LEXICON])
def test_lexeme_set_finds_exactly_the_lexemes_that_match(lexicon, texts):
    sentences = [s for t in texts for s in t.split(". ")]
    for s in sentences:
        expected = {name for name, lx in lexicon.lexemes.items() if lx.rx.search(s)}
        assert lexicon.found(s.lower()) == expected, s


def test_a_pattern_with_capitals_is_refused():
    with pytest.raises(ValueError, match="lower case"):
        Lexeme(("x",), r"\b[A-Z]x")
    Lexeme(("x",), r"\bx(?P<n>\d+)\W")  # escapes and group names may hold capitals
