"""What happened: event types, their ACLED codes, and the words that report them.

The lexicon is a set of trigger patterns per event type, matched clause by
clause; casualty counts, claims and denials are read from the same clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.filters import MONTH_NAMES, MONTHS, WEEKDAYS
from geo.extract.patterns import Lexeme, LexemeSet

__all__ = [
    "ACLED_TYPES",
    "CIVILIAN_NOUN",
    "EVENT_TYPES",
    "EVENT_WORD",
    "PHYSICAL_TYPES",
    "Casualty",
    "Trigger",
    "count_casualties",
    "find_triggers",
    "number_value",
    "split_clauses",
]

#: event_type → (ACLED event_type, ACLED sub_event_type)
ACLED_TYPES: dict[str, tuple[str, str]] = {
    "armed_clash": ("Battles", "Armed clash"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "air_drone_strike": ("Explosions/Remote violence", "Air/drone strike"),
    "explosive_device": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "weapons_intercepted": ("Strategic developments", "Disrupted weapons use"),
    "incursion": ("Strategic developments", "Non-violent transfer of territory"),
    "arrest": ("Strategic developments", "Arrests"),
    "attack_on_civilians": ("Violence against civilians", "Attack"),
    "agreement_or_statement": ("Strategic developments", "Agreement"),
    "other": ("Strategic developments", "Other"),
}
EVENT_TYPES = tuple(ACLED_TYPES)
PHYSICAL_TYPES = tuple(t for t in EVENT_TYPES if t not in ("agreement_or_statement", "other"))

_W = r"(?:[\w'’-]+\s+)"  # one word and its space
#: People who live and work along a border, whom attacks on civilians hit ("two herders
#: were shot", "fishermen were detained"): a regular-expression alternation.
CIVILIAN_NOUN = (
    r"civilians?|villagers?|farmers?|shepherds?|residents?|children|herders?|herdsm[ae]n"
    r"|fisherm[ae]n|woodcutters?|nomads?|labou?rers?"
)
_CIVILIAN_STEMS = (
    "civilian", "villager", "farmer", "shepherd", "resident", "children", "herder", "herdsm",
    "fisherm", "woodcutter", "nomad", "labourer", "laborer",
)  # fmt: skip
# Physical event types, in the order one wins over another inside a clause, each with
# the words one of which every match of its pattern contains (checked before the
# pattern runs: most clauses hold the words of one type or two, if any).
_TRIGGERS: list[tuple[str, tuple[str, ...], str]] = [
    (
        "weapons_intercepted",
        ("shot", "shooting", "downed", "intercepted", "neutrali", "jammed"),
        rf"shot\s+down|shooting\s+down|downed\s+{_W}{{0,3}}(?:drones?|uavs?|aircraft)"
        r"|intercepted|neutrali[sz]ed\s+(?:an?\s+)?(?:\w+\s+){0,2}(?:drones?|uavs?)"
        r"|jammed\s+(?:an?\s+)?(?:\w+\s+){0,2}drones?",
    ),
    (
        "air_drone_strike",
        ("air", "drone", "loitering", "warplane", "bombed", "fighter", "strike"),
        r"air\s*strikes?|air\s+raids?|drone\s+(?:strikes?|attacks?)|struck\s+by\s+(?:an?\s+)?drones?"
        r"|drones?\s+(?:struck|hit|attacked|targeted|bombed)"
        r"|(?:kamikaze|attack|armed|suicide)\s+drones?|loitering\s+munitions?|warplanes?|bombed"
        r"|fighter\s+jets?"
        # strikes on named targets ("strikes on the Bashir air base", "retaliatory strikes")
        r"|(?:retaliatory|retaliation|military|precision|cross-border|targeted|surgical|missile"
        r"|pakistani|iranian|israeli|turkish|russian|ukrainian|indian|us|american)\s+strikes?\b"
        r"|strikes?\s+(?:on|against|targeting|inside|deep\s+inside)\b",
    ),
    (
        "explosive_device",
        ("mine", "improvised", "ied", "roadside", "explosive", "booby"),
        r"land\s*mines?|anti-(?:personnel|tank)\s+mines?|(?:hit|stepped\s+on|struck)\s+an?\s+mine"
        r"|mine\s+(?:blast|explosion|exploded|went\s+off)|improvised\s+explosive|\bieds?\b"
        r"|roadside\s+bombs?|explosive\s+devices?|booby[-\s]trap",
    ),
    (
        "shelling",
        ("shell", "artillery", "mortar", "rocket", "missile", "howitzer", "bombard", "grad"),
        r"shell(?:ed|ing|s)\b|artillery|mortars?\b|rockets?\b|missiles?\b|howitzers?"
        r"|bombard(?:ed|ment)|grad\b",
    ),
    (
        "attack_on_civilians",
        _CIVILIAN_STEMS,
        rf"(?:{CIVILIAN_NOUN})\s+(?:were\s+|was\s+|had\s+been\s+)?"
        r"(?:attacked|beaten|shot|killed|wounded|injured)"
        r"|(?:attacked|shot(?:\s+at|\s+dead)?|killed)\s+(?:an?\s+|two\s+|three\s+|several\s+)?"
        rf"(?:\w+\s+)?(?:{CIVILIAN_NOUN})",
    ),
    (
        "armed_clash",
        (
            "clash",
            "fire",
            "firing",
            "exchanged",
            "fight",
            "shoot",
            "skirmish",
            "attempt",
            "attack",
            "ambush",
        ),
        r"clash(?:ed|es)?|exchanged?\s+(?:of\s+)?(?:heavy\s+)?(?:gun)?fire|exchanges?\s+of\s+"
        r"(?:gun)?fire|exchanged\s+shots|traded\s+(?:gun)?fire|open(?:ed|ing)\s+fire"
        r"|returned\s+fire|(?:fired|firing)\s+(?:on|at|upon|toward|towards|across\s+the\s+border)"
        r"|came\s+under\s+fire|under\s+fire"
        r"|fire\s*fights?|gun\s*fights?|gunfire|shoot-?outs?|skirmish(?:es)?"
        r"|fighting\s+(?:broke\s+out|erupted|flared)|attempt(?:ed)?\s+to\s+(?:capture|seize|storm)"
        r"|attack(?:ed|s)?\s+(?:on\s+)?(?:\w+\s+){0,3}(?:posts?|positions?|outposts?|patrols?"
        r"|border\s+guards?)\b"
        # "a border unit on patrol was attacked by Tajik border guards"
        r"|(?:was|were)\s+(?:reportedly\s+|allegedly\s+)?attacked\s+by\s+(?:[\w-]+\s+){0,3}?"
        r"(?:troops|soldiers|forces|guards|militants|gunmen|fighters)\b"
        r"|ambush(?:ed)?",
    ),
    (
        "arrest",
        (
            "arrested",
            "detain",
            "detention",
            "taken",
            "abducted",
            "captured",
            "apprehend",
            "handcuff",
            "custody",
        ),
        r"arrested|detained|detention|taken\s+(?:prisoner|captive)|abducted|apprehended"
        r"|handcuffed|(?:taken\s+|took\s+(?:\w+\s+){0,3}?)into\s+custody"
        r"|captured\s+(?:\w+\s+){0,3}(?:soldiers?|servicem[ae]n|civilians?|guards?|men|shepherds?"
        r"|farmers?|villagers?|troops)",
    ),
    (
        "incursion",
        (
            "incursion",
            "intrusion",
            "cross",
            "advanc",
            "pushed",
            "positions",
            "seized",
            "encroach",
            "violat",
            "transgress",
            "entered",
            "build",
            "built",
            "erect",
            "construct",
            "set",
            "fortif",
            "reinforcement",
            "mobili",
            "deploy",
            "to enter",
            "penetrat",
            "infiltrat",
        ),
        # a post, a watchtower or trenches built on a contested line, and reinforcements
        # moved to the border, are troop movements (of the incursion family)
        r"(?:built|build(?:ing|s)?|erect(?:ed|ing|s)?|set(?:ting)?\s+up|construct(?:ed|ing|s)?)\s+"
        r"(?:an?\s+|new\s+|the\s+|several\s+|two\s+)*[\"'‘“]?(?:[\w-]+\s+){0,2}?(?:posts?"
        r"|observation\s+points?|outposts?|watch\s*towers?|bunkers?|trenches|checkpoints?"
        r"|fortifications?)\b|fortification\s+works?"
        r"|advanc(?:e|ed|es|ing)\s+(?:their|its|his|the)\s+positions?"
        r"|reinforcements?\s+(?:\w+\s+){0,6}?(?:to|along|at|on|in)\s+(?:the\s+|all\s+|its\s+"
        r"|their\s+)?(?:[\w-]+\s+){0,3}?(?:borders?|frontiers?|lines?|crossings?)\b"
        r"|(?:mobili[sz](?:ed|ation\s+of)|deploy(?:ed|ment\s+of))\s+(?:\w+\s+){0,2}?troops\s+"
        r"(?:\w+\s+){0,3}?(?:to|along|at|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:borders?|frontiers?)"
        r"|deployments?\s+(?:has\s+been\s+|have\s+been\s+|was\s+|were\s+)?(?:beefed|stepped)\s+up"
        r"|incursions?|intrusions?|cross(?:ed|ing|es)?\s+(?:into|the\s+(?:[\w-]+\s+){0,2}?(?:border"
        r"|frontier|line))"
        r"|across\s+the\s+(?:border|frontier|line)|advanced\s+(?:\w+\s+){0,4}into"
        r"|advance\s+into|pushed\s+(?:\w+\s+){0,3}into|(?:took|taken|take|taking)\s+up\s+positions"
        r"|seized\s+(?:\w+\s+){0,3}(?:heights?|hills?|positions?|territory|posts?)|encroach\w*"
        r"|violat\w+\s+(?:the\s+)?(?:\w+\s+)?(?:border|frontier|airspace)|transgress\w*"
        r"|entered\s+(?:\w+\s+){0,2}territory"
        # "tried to enter Russia", "an attempt to penetrate the border", "infiltrated the
        # frontier": forces going, or trying to go, into the other side
        r"|(?:tried|attempted|attempts?|attempting|trying|sought)\s+to\s+(?:enter|penetrate"
        r"|infiltrate|break\s+through)\b"
        r"|(?:penetrated|infiltrated)\s+(?:into\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:borders?"
        r"|frontiers?|territory|airspace|lines?)\b",
    ),
]
_OTHER = (
    (
        "stand",
        "face",
        "scuffle",
        "brawl",
        "fist",
        "clos",
        "shut",
        "seal",
        "reopen",
        "re-open",
        "displac",
        "fled",
        "flee",
        "evacuat",
        "stone",
        "pelt",
        "sabota",
        "blew",
        "blown",
        "damag",
        "fence",
        "refuge",
        "safe",
        "stab",
        "knif",
        "warning",
    ),
    r"stand-?offs?|faced\s+off|face-?offs?|scuffles?|brawl|fist\s*fights?"
    # border closures and reopenings
    r"|close\s+(?:(?:the|its|their|all|both|main|two)\s+)*(?:[\w-]+\s+)?(?:borders?|frontiers?"
    r"|crossings?|checkpoints?|gates?)\b"
    r"|(?:closed|closing|shut|sealed|re-?open(?:ed|ing|s)?)\s+(?:\w+\s+){0,3}?(?:border|frontier"
    r"|crossings?|checkpoints?|gates?)|(?:border|frontier|crossings?|checkpoints?|gates?)\s+"
    r"(?:\w+\s+){0,2}?(?:was|were|remains?|remained|has\s+been|have\s+been)\s+(?:\w+\s+)?"
    r"(?:closed|shut|sealed|re-?opened)|closure\s+of\s+(?:\w+\s+){0,3}?(?:border|frontier"
    r"|crossings?|checkpoints?)"
    # displacement
    r"|displaced|displacement|fled\s+(?:their|his|her)\s+homes?|forced\s+to\s+flee"
    r"|evacuat(?:ed|ing|ion)|took\s+refuge|taken\s+to\s+safer?\s+(?:locations?|places?|areas?)"
    # a soldier stabbed across the barrier; warning shots fired at people crossing
    r"|stabbed|stabbing|knifed|fired\s+(?:\w+\s+)?warning\s+shots|warning\s+shots\s+were\s+fired"
    # stone-throwing, sabotage
    r"|(?:threw|throwing|hurled|pelted\s+(?:\w+\s+){0,3}with)\s+stones|stone[-\s]?(?:pelting"
    r"|throwing)|pelted|sabotag\w*|blew\s+up|blown\s+up|damaged\s+(?:\w+\s+){0,2}fence",
)
_STATEMENT = (
    (
        "offer",
        "propos",
        "agree",
        "signed",
        "call",
        "urged",
        "demanded",
        "pledged",
        "vowed",
        "promised",
        "ruled",
        "ask",
        "appealed",
        "announced",
        "reached",
        "ceasefire",
        "protest",
        "summon",
        "recall",
        "expel",
        "expul",
        "warn",
        "caution",
        "condemn",
        "regret",
        "flag",
        "renam",
        "accus",
        "sign",
        "threat",
        "respond",
    ),
    r"offer(?:ed|s)?\s+to|offered|proposed|agreed|agree\s+to|signed|called\s+(?:on|for)"
    r"|call\s+on|urged|demanded|pledged|vowed|promised|ruled\s+out|will\s+ask|asked\b"
    r"|appealed|announced\s+(?:an?\s+)?(?:ceasefire|truce|agreement|deal)|reached\s+(?:an?\s+)?"
    r"(?:agreement|deal|understanding)|ceasefire\s+(?:was\s+)?(?:agreed|announced|declared)"
    # diplomatic acts: protests, summons, recalls and expulsions of envoys, warnings,
    # condemnations, regrets, calls for restraint, flag meetings, renamings
    r"|protest(?:ed|s|ing)?\b(?!\w*\s+(?:march|rall))|lodged\s+(?:an?\s+)?(?:strong\s+)?protest"
    r"|summon(?:ed|s|ing)?\b"
    r"|(?:recall(?:ed|s|ing)?|expel(?:led|s|ling)?|expulsion\s+of)\s+(?:\w+\s+){0,3}?"
    r"(?:ambassadors?|envoys?|diplomats?|charg[ée])"
    r"|warn(?:ed|s)?\b(?!\s+shots)|(?:final|stern|strong)\s+warning|caution(?:ed|s)\b"
    r"|condemn(?:ed|s|ing)?\b|expressed\s+(?:\w+\s+)?(?:regret|concern)|regrets?\b"
    r"|flag\s+meetings?|renam(?:ed|ing|es)\b"
    r"|accus(?:ed|es|ing)\s+(?:\w+\s+){1,5}?of\b|(?:will|to)\s+sign\b|threaten(?:ed|s)?\b"
    r"|respond\w*\s+(?:militarily|with\s+force|to\s+(?:the\s+|any\s+|this\s+)?provocations?)",
)


_TRIGGER_LEXEMES = [(t, Lexeme(words, rf"\b(?:{p})")) for t, words, p in _TRIGGERS]
_OTHER_LEXEME = Lexeme(_OTHER[0], rf"\b(?:{_OTHER[1]})")  # fmt: skip
_STATEMENT_LEXEME = Lexeme(_STATEMENT[0], rf"\b(?:{_STATEMENT[1]})")
_NEGATED = re.compile(
    r"\b(?:no|not|never|without|nor|neither|any|denied|deny|denies|denying)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# "could have been arrested", "would respond with artillery", "if troops cross": what might
# happen is not an incident.
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|should|must|if|unless|threaten(?:ed|s|ing)?\s+to|ready\s+to"
    r"|plans?\s+to|planning\s+to|intends?\s+to|risk\s+of|fears?\s+of|possible|will|shall"
    r"|agreed|agree|decided\s+to|expected\s+to|set\s+to|going\s+to)\s+"
    r"(?:[\w-]+\s+){0,3}$",
    re.I,
)
# "in retaliation for the Israeli strike that killed ...": the cause told with the event
# is an earlier incident, not this clause's.
_CAUSE = re.compile(
    r"\b(?:retaliation|response|revenge|reprisal|reaction)\s+(?:for|to)\s+(?:[\w'’-]+,?\s+){0,10}$",
    re.I,
)
_DENIAL = Lexeme(
    ("deni", "deny", "reject", "dismiss", "refut"),
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted)\b",
)
#: Everything a clause is checked for, pre-checked in one scan.
_CLAUSE_LEXICON = LexemeSet(
    {
        **dict(_TRIGGER_LEXEMES),
        "other": _OTHER_LEXEME,
        "agreement_or_statement": _STATEMENT_LEXEME,
        "denial": _DENIAL,
    }
)
_CLAIM = re.compile(
    r"\b(?:claimed|claims|accused|accuses|alleged|alleges|said|says|reported|reports|"
    r"according\s+to|blamed|blames)\b",
    re.I,
)
_MILITARY = re.compile(
    r"\b(?:soldiers?|troops|forces|army|military|servicem[ae]n|border\s+guards?|guards?"
    r"|patrols?|units?|posts?|positions?|drones?|artillery|militants?|gunmen)\b",
    re.I,
)
_CIVILIAN = re.compile(rf"\b(?:{CIVILIAN_NOUN}|women|people)\b", re.I)


@dataclass(frozen=True)
class Trigger:
    """Words in a clause that report an event."""

    event_type: str
    start: int
    end: int
    text: str


_CLAUSE_BREAK = re.compile(
    r"\s*(?:;|—|–\s|,\s+(?=(?:highlighting|which|while|whereas|saying|but|although|amid|"
    r"as|after|following|before|when)\b))\s*"
    r"|\s+(?=(?:after|following|while|whereas|before)\s)",
    re.I,
)


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence, cut at semicolons, dashes and subordinating words."""
    spans = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(sentence):
        spans.append((pos, len(sentence)))
    return spans


def find_triggers(clause: str) -> tuple[list[Trigger], list[Trigger], bool]:
    """Event triggers of a clause.

    Returns
    -------
    physical : list of Trigger
        Physical event triggers, the winning type first (see ``_TRIGGERS`` order).
    statements : list of Trigger
        Offers, proposals, agreements, calls and refusals.
    denial : bool
        True when the clause denies something ("denied sending troops").
    """
    found = _CLAUSE_LEXICON.found(clause.lower())
    denial = "denial" in found
    physical: list[Trigger] = []
    for event_type, lexeme in _TRIGGER_LEXEMES:
        if event_type not in found:
            continue
        for m in lexeme.rx.finditer(clause):
            before = clause[max(0, m.start() - 100) : m.start()]
            if _NEGATED.search(before) or _HYPOTHETICAL.search(before) or _CAUSE.search(before):
                continue
            physical.append(Trigger(event_type, m.start(), m.end(), m.group(0)))
    if not physical and "other" in found:
        for m in _OTHER_LEXEME.rx.finditer(clause):
            before = clause[max(0, m.start() - 40) : m.start()]
            if _NEGATED.search(before) or _HYPOTHETICAL.search(before):
                continue
            physical.append(Trigger("other", m.start(), m.end(), m.group(0)))
    statements = []
    if "agreement_or_statement" in found:
        statements = [
            Trigger("agreement_or_statement", m.start(), m.end(), m.group(0))
            for m in _STATEMENT_LEXEME.rx.finditer(clause)
        ]
    return physical, statements, denial


# ---------------------------------------------------------------------------
# numbers and casualties

_UNITS = {
    "zero": 0,
    "no": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_NUM = (
    rf"(?:\d{{1,5}}|(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(k for k in _UNITS if len(k) > 2)}))?"
    rf"|(?:half\s+a|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+dozen"
    rf"|{'|'.join(sorted(_UNITS, key=len, reverse=True))}|another)"
)
#: Words for the people a count counts ("a" before any other word is an article, not 1).
_PERSON = (
    r"(?:\w*(?:girls?|boys?|m[ae]n|wom[ae]n)|soldiers?|troops?|troopers?|servicem[ae]n|servicewom[ae]n|guards?|officers?|civilians?"
    r"|people|persons?|villagers?|farmers?|shepherds?|herders?|residents?|children|child|kids?"
    r"|wom[ae]n|m[ae]n|boys?|girls?|teenagers?|youths?|fighters?|militants?|members?|personnel"
    r"|police(?:m[ae]n)?|policewom[ae]n|officials?|workers?|migrants?|smugglers?|infiltrators?"
    r"|rebels?|jawans?|porters?|corporals?|sergeants?|privates?|lieutenants?|captains?|majors?"
    r"|commanders?|gunmen|conscripts?|others?|individuals?|drivers?|passengers?|students?"
    r"|fishermen|nationals?|citizens?|refugees?|attackers?|terrorists?|insurgents?|rangers?"
    r"|marines?|volunteers?|staff|crew|pilots?|journalists?|reporters?|medics?|doctors?"
    r"|nurses?|infants?|babies|baby|elderly|family|families|relatives?|brothers?|sisters?"
    r"|sons?|daughters?|mothers?|fathers?|husbands?|wives|wife|guardsm[ae]n|operatives?"
    r"|agents?|inmates?|prisoners?|pilgrims?|traders?|labou?rers?|tourists?|fighter)"
)


def number_value(words: str) -> int | None:
    """Integer value of ``"3"``, ``"three"``, ``"twenty-one"``, ``"a dozen"``, ``"two dozen"``."""
    w = " ".join(words.lower().replace("-", " ").split())
    if w.isdigit():
        return int(w)
    if w == "half a dozen":
        return 6
    if w.endswith(" dozen"):
        n = 1 if w == "a dozen" else number_value(w[: -len(" dozen")])
        return None if n is None else 12 * n
    if w == "another":
        return 1
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    if w in _TENS:
        return _TENS[w]
    return _UNITS.get(w)


_WEEKDAYS_AND_MONTHS = tuple(n.capitalize() for n in (*WEEKDAYS, *(m[0] for m in MONTH_NAMES)))
_KILLED = (
    r"killed|dead|died|slain|shot\s+dead|lost\s+(?:his|her|their)\s+li(?:fe|ves)|perished"
    r"|martyred|embraced\s+martyrdom"
    # "fatally shot", "mortally wounded": dead of it, not wounded
    r"|(?:fatally|mortally)\s+(?:shot|wounded|injured|hurt|stabbed|hit)"
    r"|(?:sustain|suffer|receiv)(?:ed|es|s)?\s+fatal\s+(?:injur(?:y|ies)|wounds?)"
)
_WOUNDED = (
    r"wounded|injured|hurt|lost\s+(?:his|her|their|an?|both)\s+(?:\w+\s+)?"
    r"(?:legs?|arms?|eyes?|hands?|feet|foot|limbs?|fingers?)"
    # "one soldier sustained injuries", "suffered serious wounds"
    r"|(?:sustain|suffer|receiv)(?:ed|es|s)?\s+(?!fatal)(?:\w+\s+)?(?:injur(?:y|ies)|wounds?)"
)
_ADVERB = (
    r"(?:(?:reportedly|seriously|critically|severely|slightly|lightly|badly"
    r"|also|later|allegedly|gravely|grievously)\s+)*"
)
# ", including four of a family," between a count and its verb
_APPOSITIVE = (
    r"(?:(?P<app>[\w'’-]+),\s+(?:including|among\s+them|mostly|most\s+of\s+them"
    r"|all\s+of\s+them|all)\b"
    # a list of its own may follow ("including women, children and a guard,")
    r"[^;.]{0,90}?,\s+)?"
)
_BE = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got)\s+)?"
_COUNT_WORDS = "|".join(k for k in (*_UNITS, *_TENS) if len(k) > 2)
# the words between a count and its verb: no clause of their own, no second count
_WHO = (
    rf"(?:(?!(?:and|or|but|while|as|said|says|told|reported|claimed|that|which|who"
    rf"|\d+(?!-)|{_COUNT_WORDS})\b)[\w'’-]+\s+){{0,6}}?"
)
_OBJ_WHO = rf"(?:\s+(?:[\w'’-]+\s+){{0,2}}?{_PERSON}\b)"
# "at least", "as many as", "more than": the count stated is the count kept
_ABOUT = (
    r"(?:(?:at\s+least|as\s+many\s+as|more\s+than|up\s+to|nearly|almost|about|around"
    r"|over|some)\s+)?"
)
# where the people counted come from: "residents of villages in A, B and C sectors"
_FROM_LIST = (
    r"(?:of|from|in)\s+(?:(?!(?:were|was|are|is|have|has|had|said|says|who|which|that)\b)"
    r"[\w'’()-]+,?\s+){1,14}?"
)
_CASUALTY_PATTERNS = [
    # "three Armenian soldiers were killed", "four others wounded", "2 killed",
    # "a man and a woman died"
    re.compile(
        rf"(?<![Nn]o\s)\b{_ABOUT}(?P<n>{_NUM})\s+(?P<who>{_WHO})"
        rf"(?:and\s+{_ABOUT}(?P<n2>{_NUM})\s+(?P<who2>{_WHO}))?{_APPOSITIVE}"
        rf"{_BE}{_ADVERB}(?P<what>{_KILLED}|{_WOUNDED})\b",
        re.I,
    ),
    # "22 residents of villages in A, B and C were injured": the verb after a list
    re.compile(
        rf"(?<![Nn]o\s)\b{_ABOUT}(?P<n>{_NUM})\s+(?P<who>(?:[\w'’-]+\s+){{0,2}}?{_PERSON})\s+"
        rf"{_FROM_LIST}(?:were|was|have\s+been|had\s+been|had)\s+{_ADVERB}"
        rf"(?P<what>{_KILLED}|{_WOUNDED})\b",
        re.I,
    ),
    # "a herder who was hit by a bullet in May has died": the main verb after a relative clause
    re.compile(
        rf"(?<![Nn]o\s)\b{_ABOUT}(?P<n>{_NUM})\s+(?P<who>(?:[\w'’-]+\s+){{0,2}}?{_PERSON})\s+"
        rf"(?:who|that)\s+[^,;.]{{0,80}}?\s(?:has|have|had)\s+(?:since\s+|now\s+|later\s+)?"
        rf"(?P<what>died)\b",
        re.I,
    ),
    # "killing three soldiers", "wounding two", "killed three Tajik and one Kyrgyz officer"
    re.compile(
        rf"\b(?P<what>(?:fatally\s+|mortally\s+)?(?:killing|wounding|injuring|shooting)"
        rf"|killed|wounded|injured|shot\s+dead|(?:fatally|mortally)\s+(?:shot|wounded))\s+"
        rf"{_ABOUT}(?P<n>{_NUM})\b(?P<who>{_OBJ_WHO})?"
        rf"(?:\s+(?:[\w'’-]+\s+){{0,2}}?and\s+{_ABOUT}(?P<n2>{_NUM})\b"
        rf"(?P<who2>{_OBJ_WHO})?)?",
        re.I,
    ),
    # "left two dead", "left three soldiers wounded"
    re.compile(
        rf"\bleft\s+{_ABOUT}(?P<n>{_NUM})\s+(?P<who>{_WHO})(?P<what>dead|{_WOUNDED})\b",
        re.I,
    ),
    # "the deaths of five civilians", "the death of a soldier"
    re.compile(
        rf"\b(?P<what>deaths?)\s+of\s+{_ABOUT}(?P<n>{_NUM})\b(?P<who>{_OBJ_WHO})?",
        re.I,
    ),
]
_NOT_VICTIM = re.compile(
    r"\b(?:wars?|attacks?|strikes?|blasts?|explosions?|shell(?:s|ing)?|drones?|mines?|bombs?"
    r"|rockets?|missiles?|fire|clash(?:es)?|shooting|raids?|ambush|incidents?|operations?"
    r"|violence|conflict|fighting|gunfire|barrage|snipers?|grenades?|artillery|mortars?)\b",
    re.I,
)
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose|where|when)\b", re.I)
_PERSON_RX = re.compile(rf"\b{_PERSON}\b", re.I)
_NOT_PEOPLE = re.compile(
    r"(?<!-)\b(?:days?|hours?|km|kilometers?|kilometres?|years?|miles?|number|lot|total|series"
    r"|few|couple|houses?|homes?|buildings?|cattle|cows?|goats?|sheep|buffalo(?:es)?"
    r"|animals?|horses?|vehicles?|cars?)\b(?!-)",
    re.I,
)
_NONE_HURT = re.compile(
    r"\bno\s+(?:one|body|casualties|injuries|deaths|fatalities)\b(?:\s+(?:was|were|has|have"
    r"|been|reported|killed|hurt|injured|wounded))*"
    r"|\bnobody\s+was\s+(?:hurt|injured|killed)|without\s+casualties",
    re.I,
)


_HURT_WORD = Lexeme(
    (
        "kill", "dead", "died", "slain", "lives", "life", "lost", "perish", "wound", "injur",
        "hurt", "casualt", "death", "fatal", "martyr", "mortally",
    ),
    r"\b(?:kill|dead|died|slain|lives|life|lost|perish|wound|injur|hurt|casualt|death|fatal"
    r"|martyr|mortally)",
)  # fmt: skip


# The word beginnings every trigger, casualty and denial pattern starts with. A sentence
# holding none of them reports nothing; an Aho-Corasick scan tells in microseconds, where
# the patterns themselves take tens.
_EVENT_STEMS = [
    "shot",
    "shoot",
    "downed",
    "intercept",
    "neutrali",
    "jammed",
    "drone",
    "kamikaze",
    "attack",
    "suicide",
    "loitering",
    "warplane",
    "bomb",
    "mine",
    "landmine",
    "improvised",
    "ied",
    "roadside",
    "explosive",
    "booby",
    "shell",
    "artiller",
    "mortar",
    "rocket",
    "missile",
    "howitzer",
    "grad",
    "beaten",
    "clash",
    "exchang",
    "traded",
    "fire",
    "gun",
    "skirmish",
    "fighting",
    "attempt",
    "ambush",
    "arrest",
    "detain",
    "detention",
    "abduct",
    "captur",
    "incursion",
    "intrusion",
    "cross",
    "pushed",
    "seized",
    "encroach",
    "violat",
    "transgress",
    "entered",
    "to enter",
    "to penetrat",
    "to infiltrat",
    "penetrated",
    "infiltrated",
    "offer",
    "propos",
    "agree",
    "signed",
    "urged",
    "demand",
    "pledg",
    "vowed",
    "promis",
    "appeal",
    "announc",
    "ceasefire",
    "protest",
    "summon",
    "recall",
    "expel",
    "expul",
    "warn",
    "caution",
    "condemn",
    "regret",
    "flag meeting",
    "renam",
    "accus",
    "will sign",
    "to sign",
    "threaten",
    "respond",
    "apprehend",
    "handcuff",
    "custody",
    "closing",
    "closure",
    "shut",
    "sealed",
    "reopen",
    "re open",
    "displac",
    "fled",
    "forced to flee",
    "evacuat",
    "threw",
    "throwing",
    "hurled",
    "stone",
    "pelt",
    "sabota",
    "blew up",
    "blown up",
    "damaged",
    "standoff",
    "scuffle",
    "brawl",
    "fistfight",
    "kill",
    "dead",
    "died",
    "slain",
    "perish",
    "wound",
    "injur",
    "hurt",
    "casualt",
    "death",
    "fatalit",
    "denied",
    "denies",
    "deny",
    "reject",
    "dismiss",
    "refut",
    "strike",
    "airstrike",
    "air raid",
    "anti personnel",
    "anti tank",
    "across the",
    "took up",
    "take up",
    "taken up",
    "taking up",
    "taken prisoner",
    "taken captive",
    "fighter jet",
    "called on",
    "called for",
    "call on",
    "ruled out",
    "will ask",
    "asked",
    "reached a",
    "stand off",
    "faced off",
    "face off",
    "faceoff",
    "fist fight",
    "lost his",
    "lost her",
    "lost their",
    "lost both",
    "lost an",
    "lost a ",
    "martyr",
    "no one",
    "erect",
    "built",
    "build",
    "construct",
    "set up",
    "setting up",
    "fortif",
    "advanc",
    "reinforcement",
    "mobili",
    "deploy",
    "close",
    "took refuge",
    "taken to safe",
    "stab",
    "knifed",
    "firing",
]
_NON_WORD = str.maketrans({c: " " for c in "-–—.,;:!?\"'“”‘’()[]/"})


class _StemGate:
    """Tell whether a text holds a word starting with one of the stems (any case)."""

    def __init__(self, stems: list[str]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        for stem in stems:
            self._automaton.add_word(" " + stem, stem)
        self._automaton.make_automaton()

    def search(self, text: str) -> bool:
        """True when a word of ``text`` starts with one of the stems."""
        prepared = " " + text.lower().translate(_NON_WORD)
        return next(self._automaton.iter(prepared), None) is not None


#: ``EVENT_WORD.search(sentence)`` is false when the sentence can report no event,
#: casualty or denial.
EVENT_WORD = _StemGate(_EVENT_STEMS)


@dataclass(frozen=True)
class Casualty:
    """A count of killed or wounded people read from a clause."""

    kind: str  #: ``"killed"`` or ``"wounded"``
    count: int
    start: int
    end: int
    who: str  #: the words naming them ("Armenian soldiers", "others")
    civilian: bool
    military: bool


def _casualty(m: re.Match) -> Casualty | None:
    """The count a pattern match states, or None when it counts no people.

    "a war that killed" names the killer, not one victim; "the deaths of a number
    of smugglers" and "dozens of buffaloes were killed" give no count of people.
    """
    total = 0
    who_parts = []
    groups = m.groupdict()
    for n_group, who_group in (("n", "who"), ("n2", "who2")):
        words = groups.get(n_group)
        if words is None:
            continue
        n = number_value(words)
        who = " ".join((groups.get(who_group) or "").split())
        if n is None or _RELATIVE.search(who) or _NOT_PEOPLE.search(who):
            return None
        if n_group == "n" and groups.get("app"):
            who = f"{who} {groups['app']}".strip()
        article = words.lower() in ("a", "an")
        if (_NOT_VICTIM.search(who) or (article and not who)) and not _PERSON_RX.search(who):
            return None  # "an attack killed", "two rockets killed": the killer, not victims
        total += n
        who_parts.append(who)
    what = m.group("what").lower()
    wounded = re.match(_WOUNDED + r"|wounding|injuring", what)
    if what.startswith("shooting"):
        return None  # "shooting two" says nothing of their fate
    kind = "wounded" if wounded else "killed"
    who = " and ".join(w for w in who_parts if w)
    return Casualty(
        kind,
        total,
        m.start(),
        m.end(),
        who,
        bool(_CIVILIAN.search(who)),
        bool(_MILITARY.search(who)),
    )


_NAME_WORD = rf"(?!(?:{'|'.join(_WEEKDAYS_AND_MONTHS)})\b)[A-Z][a-z'’-]+"
# "shot dead Juan Mamani, a trader from Puno": one person, named
_NAMED_VICTIM = re.compile(
    rf"\b(?P<what>killed|killing|shot\s+dead|assassinated)\s+(?P<who>{_NAME_WORD}"
    rf"(?:\s+{_NAME_WORD}){{1,2}}),\s+(?:an?|one\s+of|the|who|whose)\b"
)


_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# a day number beside its month ("June 17", "17th of June"): a date, not a count
_DAY_OF_MONTH = re.compile(
    rf"\b(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH})\b",
    re.I,
)


def count_casualties(clause: str) -> list[Casualty]:
    """Killed and wounded counts stated in a clause.

    "three ... were killed and four others wounded" gives killed 3 and wounded 4;
    "no casualties" gives 0 and 0.
    """
    out: list[Casualty] = []
    if not _HURT_WORD.found(clause.lower()):
        return out
    if any(ch.isdigit() for ch in clause):
        # "BAKU, June 17 - A soldier was wounded": a day of the month counts no one
        clause = _DAY_OF_MONTH.sub(lambda m: re.sub(r"\d", "#", m.group(0)), clause)
    taken: list[tuple[int, int]] = []
    for m in _NONE_HURT.finditer(clause):
        words = m.group(0).lower()
        kinds = ["killed"] if re.search(r"killed|deaths|fatalities", words) else []
        if not kinds or re.search(r"casualties|hurt", words):
            kinds = ["killed", "wounded"] if not kinds or "casualties" in words else kinds
        taken.append(m.span())
        out += [Casualty(k, 0, m.start(), m.end(), "", False, False) for k in kinds]
    for rx in _CASUALTY_PATTERNS:
        for m in rx.finditer(clause):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if _CAUSE.search(clause[max(0, m.start() - 100) : m.start()]):
                continue  # "in retaliation for the deaths of two medics": the cause's toll
            found = _casualty(m)
            if found is None:
                continue
            taken.append(m.span())
            out.append(found)
    for m in _NAMED_VICTIM.finditer(clause):
        if not any(m.start() < e and s < m.end() for s, e in taken):
            out.append(Casualty("killed", 1, m.start(), m.end(), m.group("who"), False, False))
    return out
