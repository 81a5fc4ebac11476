"""Articles → incidents: dated, typed, counted, located and sourced events.

Extraction reads an article sentence by sentence and clause by clause, the way a
careful coder would:

* a clause reports an event when it holds a trigger (``shot down``, ``exchange of
  fire``, ``advanced ... into``) or a casualty count; offers, proposals and
  agreements are ``agreement_or_statement``, kept apart from physical incidents;
* its date comes from the clause's own time expression, else the sentence's
  (dates attached to speech verbs — "said on Thursday" — date the statement,
  not the event), else from an anaphoric expression ("at the time", "days after")
  against the previous sentence; clauses about the past ("last year", "in the
  1990s") are background, not news;
* its location comes from the places the clause names: two areas on either side of
  an international border give the border section between them; named places
  give one incident *per place* (one event at one place, as ACLED codes it;
  casualties stated jointly stay on the first and the note says so); "there" and
  "the same area" point to the previous location;
* a clause that denies ("rejected the report", "denied sending troops")
  records ``denied_by`` on the incident it answers instead of creating one;
* sentences without an event of their own but with details ("Two guards were
  killed") merge into the incident they continue (same type, compatible date and
  area).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gazetteer.filters import MONTH_NAMES, WEEKDAYS
from geo.extract.dates import UNKNOWN, EventDate, dating, find_time_expressions, resolve_time
from geo.extract.events import (
    CIVILIAN_NOUN,
    count_casualties,
    find_triggers,
    split_clauses,
)
from geo.extract.events import (
    EVENT_WORD as _EVENT_WORD,
)
from geo.extract.locations import (
    Location,
    border_location,
    place_location,
    unresolved_location,
)
from geo.extract.merge import (
    FOLLOW_UP_DISTANCE_KM,
    MAX_DISTANCE_KM,
    PRECISION_ORDER,
    absorb,
    add_evidence,
    compatible,
    refines,
)
from geo.extract.record import Incident
from geo.extract.relevance import assign_relevance, may_report_border_incident, neighbours
from geo.extract.sentences import split_sentences

if TYPE_CHECKING:
    from gazetteer import Gazetteer, Place
    from geo.extract.articles import Article

__all__ = ["extract_incidents"]

# ---------------------------------------------------------------------------
# reading the words around places

_BORDER_WORD = re.compile(
    r"\b(?:border(?:s|ing|ed)?|frontier|boundary|line\s+of\s+(?:actual\s+)?control|LAC|LoC)\b",
    re.I,
)
_ANAPHORA = re.compile(
    r"\b(?:there|nearby|the\s+same\s+(?:\w+\s+){0,2}(?:area|region|place|section|sector|village"
    r"|spot|location|district|stretch|town|post)|the\s+area)\b",
    re.I,
)
# an explicit pointer to the place told before ("in the same area", "the same sector")
_SAME_PLACE = re.compile(
    r"\bthe\s+same\s+(?:\w+\s+){0,2}(?:area|region|place|section|sector|village|spot|location"
    r"|district|stretch|town|post)\b",
    re.I,
)
_NEAR = re.compile(
    r"\b(?:near|outside|close\s+to|outskirts\s+of|not\s+far\s+from|\d+\s*km\s+"
    r"(?:\w+\s+)?(?:from|of))\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2}(?:village|town|city|settlement)"
    r"\s+of\s+)?$",
    re.I,
)
# Places named as a speaker's seat are not where things happen ("the foreign ministry in
# Baku", "officials in Bishkek said", "a visit to Tashkent").
_SEAT = re.compile(
    r"\b(?:ministry|ministries|officials?|authorities|government|embassy|spokesm[ae]n|"
    r"spokeswoman|spokesperson|talks|visit|visiting|capital|reporters|press|meeting|summit"
    r"|told|said|in\s+a\s+statement)\s+(?:\w+\s+){0,2}(?:in|to|from|at)\s+$",
    re.I,
)
# "denied claims that ...", "rejected reports that ...": what the other side says happened
_DENIED_CLAIM = re.compile(
    r"\b(?:denied|denies|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+(?:the\s+)?"
    r"(?:\w+\s+)?(?:claims?|reports?|allegations?|accusations?|charges?|suggestions?)"
    r"\s+(?:\w+\s+){0,3}?that\s+",
    re.I,
)
# "on the Afghan side (of the crossing)": which side of a border it happened on
_SIDE = re.compile(r"\bon\s+the\s+(?P<who>[A-Z][\w'’-]+)\s+side\b")
_ON_THE_LINE = frozenset({"PSTB", "PASS"})  # border crossings and passes
# A capital blamed, accused, urged or warned stands for its government.
_ADDRESSED = re.compile(
    r"\b(?:blam|accus|urg|warn|condemn|criticis|criticiz|denounc|call(?:ed|s|ing)?\s+on)\w*\s+$",
    re.I,
)
# A capital followed by a verb stands for its government ("Moscow has offered", "Baku denied").
_SPEAKER_AFTER = re.compile(
    r"^\s*(?:has|had|have|is|was|will|would|also|again|already|said|says|offered|proposed"
    r"|agreed|announced|accused|denied|claimed|warned|told|insists|rejected|stated|reported)\b",
    re.I,
)
_CLAIM_VERB = re.compile(
    r"\b(?:claimed|claims|accused|accuses|alleged|alleges|said|says|reported|blamed|blames"
    r"|announced|stated|told)\b",
    re.I,
)
_ACCUSED = re.compile(r"\baccus(?:ed|es|ing)\s+(?:the\s+)?$", re.I)
# Words after a demonym or a country that make it a party to the event ("Armenian soldiers",
# "Pakistan's army", "an Armenian village"), not a geographic qualifier ("the Afghan border").
_PARTY_NOUN = re.compile(
    r"^(?:['’]s)?\s*(?:[\w-]+\s+){0,2}?(?:soldiers?|troops|forces|army|military|servicem[ae]n"
    r"|border\s+(?:guards?|police|troops|service)|guards?|patrols?|units?|posts?|positions?"
    r"|drones?|attempt|attack|side|village|defen[cs]e|ministry|officials?|government"
    r"|artillery|aircraft|jets?|police|militants?|gunmen|shelling|fire|mortar)\b",
    re.I,
)
# A clause that points back to an event already reported ("died in the attack").
_BACK_REF = re.compile(
    r"\b(?:the|this|that|these|those|its|their)\s+(?:[\w-]+\s+){0,2}?(attacks?|shelling"
    r"|strikes?|incidents?|clash(?:es)?|fighting|blasts?|explosions?|firing|exchanges?"
    r"|shoot-?outs?|skirmish(?:es)?|raids?|assaults?|violence|bombardment|ambush|operation"
    r"|gunfights?|firefights?|encounter|shooting|bombing|barrage)\b",
    re.I,
)
_VIOLENT = frozenset(
    {
        "armed_clash",
        "shelling",
        "air_drone_strike",
        "explosive_device",
        "attack_on_civilians",
        "weapons_intercepted",
        "other",
    }
)
_BACK_FAMILY = {
    "shelling": {"shelling"},
    "bombardment": {"shelling", "air_drone_strike"},
    "barrage": {"shelling"},
    "strike": {"air_drone_strike", "shelling"},
    "raid": {"air_drone_strike", "armed_clash"},
    "bombing": {"air_drone_strike", "explosive_device"},
    "blast": {"explosive_device", "shelling", "air_drone_strike"},
    "explosion": {"explosive_device", "shelling", "air_drone_strike"},
    "clashe": {"armed_clash"},
    "clash": {"armed_clash"},
    "fighting": {"armed_clash"},
    "firing": {"armed_clash", "shelling"},
    "shooting": {"armed_clash", "attack_on_civilians"},
    "shootout": {"armed_clash"},
    "shoot-out": {"armed_clash"},
    "gunfight": {"armed_clash"},
    "firefight": {"armed_clash"},
    "exchange": {"armed_clash", "shelling"},
    "ambush": {"armed_clash"},
    "encounter": {"armed_clash"},
}
_ENVOY = re.compile(r"^['’]s\s+(?:\w+\s+){0,2}?(?:ambassador|envoy|diplomat)", re.I)
_BACKGROUND = re.compile(
    r"\b(?:since\s+(?:the\s+)?(?:\d{4}|\d{4}s|\d{1,2}\s+[A-Z]\w+|[A-Z]\w+\s+\d{1,2}|early|late"
    r"|last\s+(?:year|month)|the\s+(?:start|beginning|war|conflict|collapse|end)"
    r"|the\s+(?:[\w-]+\s+){0,2}(?:clash(?:es)?|war|conflict|incident|stand-?off|skirmish|fighting))"
    r"|(?:multiple|several|numerous|repeated|many)\s+(?:[\w-]+\s+)?[\w-]+s\s+(?:have|had)\s+"
    r"(?:occurred|taken\s+place|happened|been\s+reported)"
    r"|(?:the|a|its|their)\s+(?:\d{4}\s+)?(?:\w+\s+)?(?:war|conflict|insurgency|rebellion)\s+"
    r"(?:that|which|in\s+\d{4})|(?:during|after|in)\s+the\s+(?:\d{4}\s+)?(?:\w+-?\w*\s+)?war\b"
    r"|(?:are|is|were|was)\s+(?:\w+\s+)?(?:common|frequent|routine|rare|regular)\b"
    r"|\b(?:often|frequently|regularly|routinely|periodically|sporadic(?:ally)?|occasionally)\b"
    r"|(?:has|have)\s+been\s+(?:carrying\s+out|conducting)|over\s+the\s+(?:past|last)\s+"
    r"(?:\w+\s+)?(?:years|decades|months)|in\s+recent\s+(?:years|decades|months)"
    r"|(?:years|decades)[-\s]long|comes?\s+amid|came\s+amid"
    r"|(?i:the|this)\s+(?:violence|fighting|conflict|hostilities|war|unrest)\s+(?:has|have)\s+"
    r"(?:so\s+far\s+|now\s+)?(?:killed|claimed|left)"
    r"|(?:has|have|had)\s+(?:\w+\s+)?(?:launched|carried\s+out|conducted|staged|mounted)\s+"
    r"(?:several|numerous|many|dozens|hundreds|repeated|a\s+series|a\s+number)|a\s+series\s+of)",
)
_CIVILIAN_WHO = re.compile(rf"\b(?:{CIVILIAN_NOUN})\b", re.I)


# Words that may follow or precede a place name without making it part of a longer name.
_NAME_NEIGHBOURS = frozenset(
    [
        "province",
        "district",
        "region",
        "oblast",
        "governorate",
        "county",
        "state",
        "territory",
        "valley",
        "river",
        "border",
        "sector",
        "village",
        "city",
        "town",
        "airport",
        "mountains",
        "mountain",
        "hills",
        "hill",
        "strip",
        "heights",
        "pass",
        "crossing",
        "lake",
        "island",
        "islands",
        "area",
        "municipality",
        "raion",
        "rayon",
        "prefecture",
        "division",
        "township",
        "zone",
        "post",
        "checkpoint",
        "gate",
        "bridge",
        "base",
        "camp",
        "governor",
        "gov",
        "mayor",
        "police",
        "region's",
        "district's",
        "province's",
        "president",
        "minister",
        "general",
        "gen",
        "prime",
        "chief",
        "commander",
        "colonel",
        "col",
        "lt",
        "mr",
        "ms",
        "mrs",
        "dr",
        "sen",
        "king",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
        *WEEKDAYS,
        *(names[0] for names in MONTH_NAMES),
        "the",
        "on",
        "in",
        "at",
        "near",
        "from",
        "of",
        "and",
    ]
)
_NEXT_WORD = re.compile(r" ([A-Z][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"[a-z,] ([A-Z][\w'’-]*) $")


@lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    """Countries that share a land border, by country code (from the borders pack)."""
    out: dict[str, set[str]] = {}
    for a, b in neighbours():
        out.setdefault(a, set()).add(b)
    return {c: frozenset(n) for c, n in out.items()}


def _fragment(text: str, start: int, end: int, mentioned: dict[int, str], country: str) -> bool:
    """True when a mention is one word of a longer unknown name.

    "Krishna" of "Krishna Ghati", "Maina" of "Bacha Maina", "Vladimir" of "Vladimir Putin".

    ``mentioned`` maps the start and end offsets of every mention to the country of its
    place ("" when it has none): a neighbour that names a place in the same ``country``
    is another name ("Tavush Gegharkunik"); a neighbour that resolves only somewhere else
    ("Ghati", a village in another country) is the rest of this name.
    """
    for m, after in (
        (_NEXT_WORD.match(text, end), True),
        (_PREVIOUS_WORD.search(text, max(0, start - 40), start), False),
    ):
        if m is None:
            continue
        word = m.group(1)
        if (
            word.isupper()
            or re.sub(r"['’]s$", "", word.lower()) in _NAME_NEIGHBOURS
            or (not after and word.endswith(("'s", "’s")))  # "Armenia's Tavush"
            or mentioned.get(m.start(1) if after else m.end(1)) == country
        ):
            continue
        return True
    return False


class _Ref(NamedTuple):
    """A place or country reference inside a sentence (offsets in the sentence)."""

    start: int
    end: int
    surface: str
    country: str
    place: Place | None  #: None for demonyms
    seat: bool = False  #: a speaker's seat, not a location
    dateline: bool = False  #: the city of a dateline ("BISHKEK (AP) -")
    near: bool = False


class _Extractor:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._names: dict[str, str] = {}
        self.article_refs: list[_Ref] = []  #: the last article's references, for the gate
        self._published: dt.date | None = None
        # the incident whose other side's toll the current clause tells, and that side
        self._other_side_of: tuple[Incident, str] | None = None

    def country_name(self, code: str) -> str:
        if code not in self._names:
            try:
                self._names[code] = self.gaz.place(code).name
            except KeyError:
                self._names[code] = code
        return self._names[code]

    # -- references ---------------------------------------------------------

    def refs(self, text: str) -> list[_Ref]:
        mentions = self.gaz.find_mentions(text)
        # A continent or a macro-region (the EU, the Sahel) never locates a border incident.
        resolved = {
            (r.mention.start, r.mention.end): r.place
            for r in self.gaz.resolve(text, mentions)
            if r.place is not None
            and r.place.kind != "continent"
            and r.place.feature != "macro-region"
        }
        mentioned: dict[int, str] = {}
        for m in mentions:
            where = resolved.get((m.start, m.end))
            c = where.country if where is not None else (m.context_country or "")
            mentioned[m.start] = mentioned[m.end] = c
        ids_by_country: dict[str, set[str]] = {}
        out = []
        for m in mentions:
            if m.role == "context":
                if m.context_country:
                    out.append(_Ref(m.start, m.end, m.surface, m.context_country, None))
                continue
            place = resolved.get((m.start, m.end))
            if place is None:
                continue
            ids_by_country.setdefault(place.country, set()).add(place.id)
            # a country inside an organisation's name still names a party
            if place.kind == "country" or not _fragment(
                text, m.start, m.end, mentioned, place.country
            ):
                out.append(_Ref(m.start, m.end, m.surface, place.country, place))
        # A place in a country the story never names (by name or demonym) is a person's or
        # an organisation's name read as a place ("Taliban", "Operation Olive Branch").
        # A country counts as named by its name, a demonym, its capital, or two different
        # places of its own, even inside longer names ("SIALKOT: ... the Punjab Rangers").
        named = {
            r.country
            for r in out
            if r.place is None or r.place.kind == "country" or r.place.feature == "PPLC"
        }
        named |= {c for c, ids in ids_by_country.items() if c and len(ids) >= 2}
        # ... and a named country's neighbours are the other side of its borders, where a
        # town must be told as a place ("in X", "the village of X"): "one Taliban fighter"
        # is a group's name that a Turkish village happens to bear
        across = {n for c in list(named) for n in _neighbours().get(c, ())} - named
        if named:
            out = [
                r
                for r in out
                if r.place is None
                or r.place.kind == "country"
                or not r.country  # a sea, a river, a valley across a border
                or r.country in named
                or (
                    r.country in across
                    and (
                        r.place.kind != "populated_place"
                        or _PLACE_INTRO.search(text, max(0, r.start - 40), r.start)
                    )
                )
            ]
        return out

    # -- the article --------------------------------------------------------

    def extract(self, article: Article) -> list[Incident]:
        text = article.text
        refs = self.article_refs = self.refs(text)
        published = self._published = article.published
        incidents: list[Incident] = []
        scene = _Scene(self, published)
        story = _StoryDate(published)
        undated: dict[int, tuple[EventDate | None, str, int]] = {}
        source = article.source()
        ri = 0
        pending: list[Incident] = []
        filed_near = self._filed_near(text, refs)
        headline: Location | None = None  # the border a heading says the story is on
        previous = ""  # the sentence before
        for sent in split_sentences(text):
            while ri < len(refs) and refs[ri].end <= sent.start:
                ri += 1
            srefs = []
            rj = ri
            while rj < len(refs) and refs[rj].start < sent.end:
                r = refs[rj]
                o = sent.start
                srefs.append(_Ref(r.start - o, r.end - o, r.surface, r.country, r.place))
                rj += 1
            if not sent.body:
                if headline is None and srefs and _BORDER_WORD.search(sent.text):
                    headline = self._headline_border(sent.text, srefs)
                continue
            s = sent.text
            story.advance()
            told_before, previous = previous, s
            if not _EVENT_WORD.search(s):
                # Nothing happens in this sentence; it may still set the scene ("Patrols
                # have been tense all week along the Tavush–Qazax line"), which is worked
                # out only if a later sentence points back to it.
                scene.add(s, srefs)
                if story.wants_first():
                    # "This Sunday we were woken by blasts": the day of the undated lead
                    told = [
                        resolve_time(e, published)
                        for e in find_time_expressions(s)
                        if not (e.speech or e.history or e.until or e.since)
                    ]
                    story.reached([d for d in told if d.known], first_only=True)
                if pending:
                    self._place_from_next(s, srefs, pending)
                pending = []
                continue
            srefs = [self._mark(s, r) for r in srefs]
            exprs = find_time_expressions(s)
            head = _dateline_end(s)
            if head > 0 and any(e.end <= head for e in exprs):
                # "CITY, Jan 16 (AFP) -": the day the report was filed, like "said on Friday"
                exprs = [dataclasses.replace(e, speech=True) if e.end <= head else e for e in exprs]
            # the story's date and place so far matter only to "days after", "there", …
            anaphoric = any(e.kind in ("anaphoric", "next_day", "previous_day") for e in exprs)
            last_date = scene.date() if anaphoric else UNKNOWN
            last_location = scene.location() if _ANAPHORA.search(s) else None
            sentence_date, speech_date, history = self._sentence_dates(exprs, published, last_date)
            new: list[Incident] = []
            told_again: list[Incident] = []  # earlier incidents this sentence tells again
            clauses = split_clauses(s)
            causes = _cause_spans(s) if _EARLIER_CAUSE_WORD.search(s) else []
            # the places of what an act answered ("in retaliation for a raid on X") are
            # the cause's, not the act's
            act_refs = [r for r in srefs if not any(a <= r.start < b for a, b in causes)]
            casualties = count_casualties(s)
            # each count is given to one incident only: counts of clauses with no event of
            # their own go to the sentence's first physical incident, never to two
            spent: set[int] = set()
            triggers = [_drop_background(s[cs:ce], find_triggers(s[cs:ce])) for cs, ce in clauses]
            for n in range(1, len(clauses)):
                # "two men were shot dead while trying to cross the border": the crossing is
                # what the victims were doing, not an incursion
                if _WHILE_CROSSING.match(s, clauses[n][0]) and any(
                    c.count for c in casualties if clauses[n - 1][0] <= c.start < clauses[n][0]
                ):
                    physical, statements, denial = triggers[n]
                    physical = [t for t in physical if t.event_type != "incursion"]
                    triggers[n] = (physical, statements, denial)
            for n, (cs, _) in enumerate(clauses):
                # "killed three smugglers who tried to enter the kingdom": their crossing,
                # told in a clause of its own, is no state's incursion
                physical, statements, denial = triggers[n]
                if any(
                    p.event_type == "incursion"
                    and _NON_STATE_CROSSERS.search(s, max(0, cs + p.start - 60), cs + p.start)
                    for p in physical
                ):
                    physical = [
                        p
                        for p in physical
                        if not (
                            p.event_type == "incursion"
                            and _NON_STATE_CROSSERS.search(
                                s, max(0, cs + p.start - 60), cs + p.start
                            )
                        )
                    ]
                    triggers[n] = (physical, statements, denial)
            real = [bool(t[0]) and t[0][0].event_type != "other" for t in triggers]
            for n, ((cs, ce), (physical, statements, denial)) in enumerate(
                zip(clauses, triggers, strict=True)
            ):
                sentence_trigger = any(r for j, r in enumerate(real) if j != n)
                clause = s[cs:ce]
                cexprs = [e for e in exprs if cs <= e.start < ce]
                clause_casualties = [c for c in casualties if cs <= c.start < ce]
                if _BACKGROUND.search(clause):
                    # background tolls ("a war that has killed thousands since 2020")
                    spent.update(id(c) for c in clause_casualties)
                    clause_casualties = []
                if any(e.history for e in cexprs) or _is_past(cexprs, published):
                    spent.update(id(c) for c in clause_casualties)
                    continue
                crefs = [r for r in act_refs if cs <= r.start < ce]
                denied_by = None
                claim = _DENIED_CLAIM.search(clause) if denial and physical else None
                if claim and not any(i.physical for i in incidents + new):
                    # "Dushanbe denied claims that its guards shot two herders on Monday"
                    # told first: the claimed event is the news, denied by the speaker
                    denied_by = self._denier(s, cs, srefs)
                    told_at = cs + claim.end()
                    # the denial's time words date the denial, not the event claimed
                    exprs = [
                        dataclasses.replace(e, speech=True) if e.start < told_at else e
                        for e in exprs
                    ]
                    sentence_date, speech_date, history = self._sentence_dates(
                        exprs, published, last_date
                    )
                    cexprs = [e for e in exprs if cs <= e.start < ce]
                    physical = [p for p in physical if cs + p.start >= told_at]
                    # and the places before it are the denier's
                    act_refs = [r for r in act_refs if r.start >= told_at]
                    crefs = [r for r in crefs if r.start >= told_at]
                if denial and denied_by is None:
                    spent.update(id(c) for c in clause_casualties)
                    self._deny(s, cs, crefs, srefs, physical, incidents + new)
                    continue
                hurt = any(c.count for c in clause_casualties)
                if (
                    hurt
                    and physical
                    and all(t.event_type == "attack_on_civilians" for t in physical)
                    and _BACK_REF.search(clause)
                ):
                    # "two civilians were wounded in the attack": the toll of an event told
                    physical = []
                if statements and not (
                    _BORDER_WORD.search(s)
                    or any(
                        r.place is None or r.place.kind == "country" or r.place.feature == "PPLC"
                        for r in srefs
                    )
                ):
                    # a statement is a state's (a country, its people or its capital speak):
                    # a mayor's warning or a council's agreement is not about a border
                    statements = []
                frames = _frames(cs, clause, physical, statements, clause_casualties)
                self._other_side_of = None
                if frames and frames[0][0] != "agreement_or_statement" and not physical:
                    # a toll with no trigger of its own
                    if sentence_trigger:
                        frames = [f for f in frames if f[0] == "agreement_or_statement"]
                    elif self._follow_up(
                        s, cs, ce, crefs, cexprs, sentence_date, clause_casualties, srefs, sent,
                        incidents + new, self._best_date(cexprs, published, last_date),
                    ):  # fmt: skip
                        spent.update(id(c) for c in clause_casualties)
                        frames = [f for f in frames if f[0] == "agreement_or_statement"]
                if not frames:
                    if clause_casualties and not physical and not hurt:
                        # "No casualties were reported." completes the incident before it
                        self._zero_casualties(clause_casualties, incidents + new)
                    continue
                counted = False
                for event_type, trigger, tpos, tend in frames:
                    trigger_span = (tpos, tend)
                    is_physical = event_type != "agreement_or_statement"
                    # time words of an aside or of what came before ("followed … on
                    # Wednesday") do not date this trigger
                    fexprs = dating(exprs, s, tpos)
                    fcexprs = [e for e in cexprs if e in fexprs]
                    f_date, f_speech = sentence_date, speech_date
                    if len(fexprs) < len(exprs):
                        f_date, f_speech, _ = self._sentence_dates(fexprs, published, last_date)
                    if (
                        is_physical
                        and not fcexprs
                        and tpos <= 30
                        and _DEFINITE_BEFORE.search(s[:tpos])
                        and _long_ago(told_before, published)
                    ):
                        # "… invaded the district in 2018. The invasion displaced thousands":
                        # history told on, not an event of the story's day
                        continue
                    # "the minister briefed parliament about the clash": an event told again
                    retold = (
                        self._retold(s, tpos, tend, event_type, fcexprs, crefs, incidents + new)
                        if is_physical
                        else None
                    )
                    own = self._best_date(fcexprs, published, last_date, speech=not is_physical)
                    date = own if own.known else f_date
                    if not date.known and not is_physical:
                        date = f_speech
                    note = None
                    if (
                        not is_physical
                        and published is not None
                        and (not date.known or date.end >= published)
                    ):
                        # a statement reported without a time word, or about what is to come
                        # ("will sign on Friday", "this month"), was made on the report's day
                        date = EventDate(published, published, "day")
                        note = "date inferred: publication date (a statement, made when reported)"
                    # A clause without time words of its own is dated once the article is
                    # read (after follow-ups have merged): by the day it was reported on,
                    # else the story's date.
                    inherit = None
                    if not date.known and f_speech.known:
                        # "…, the ministry said on Tuesday": the day it was reported
                        date = f_speech
                        note = (
                            "date inferred: date of the statement that reports it "
                            "(no time words of its own)"
                        )
                    elif not date.known:
                        inherit = story.inherited(is_physical)
                    locations = self._locate(s, cs, ce, crefs, act_refs, last_location, event_type)
                    if is_physical:
                        locations = self._unresolved(
                            clause,
                            cs,
                            srefs,
                            locations,
                            last_location or scene.location() or filed_near,
                        )
                        if _SIDE.search(s):
                            locations = [_on_side(s, srefs, loc) for loc in locations]
                        if self._other_side_of is not None and all(
                            loc.kind == "country" for loc in locations
                        ):
                            # "…, while Cambodia said three of its soldiers were wounded":
                            # the same fight's place, on the side that counts its toll
                            prev, side = self._other_side_of
                            # the fight's place: the latest place told for it that day
                            placed = (
                                i.location
                                for i in reversed(incidents + new)
                                if i.physical
                                and i.location is not None
                                and i.location.kind != "country"
                                and (not prev.date.known or i.date.overlaps(prev.date))
                            )
                            there = self._side_of(next(placed, None), side)
                            locations = [there] if there is not None else locations
                    parties = self._parties(s, srefs)
                    claimant = self._claimant(s, srefs) if is_physical else None
                    speaker = None if is_physical else self._speaker(s, tpos, srefs)
                    for k, loc in enumerate(locations or [None]):
                        inc = Incident(
                            event_type=event_type,
                            date=date,
                            location=loc,
                            quote=s,
                            quote_start=sent.start,
                            quote_end=sent.end,
                            sources=[
                                {
                                    **source,
                                    "quotes": [{"start": sent.start, "end": sent.end, "text": s}],
                                }
                            ],
                            trigger=trigger,
                            context_location=scene.location() if loc is None else None,
                        )
                        if note:
                            inc.notes.append(note)
                            inc.date_inferred = True
                        if inherit is not None:
                            undated[id(inc)] = (*inherit, story.sentence)
                        if claimant:
                            inc.claimed_by.append(self.country_name(claimant))
                        if denied_by and is_physical:
                            inc.denied_by.append(self.country_name(denied_by))
                        self._actors(
                            inc, s, parties, srefs, clause_casualties or casualties, claimant
                        )
                        if speaker:
                            inc.actor1 = f"Government of {self.country_name(speaker)}"
                        own_counts = [c for c in clause_casualties if id(c) not in spent]
                        where = _Where(s, sent.start, source["article_id"])
                        where.add(inc, "trigger", *trigger_span)
                        for e in _date_words(date, fcexprs or fexprs, fexprs, published):
                            where.add(inc, "date", e.start, e.end)
                        self._place_words(inc, where, crefs, srefs)
                        if k == 0 and is_physical and not counted:
                            self._count(inc, own_counts, s, srefs)
                            where.counts(inc, own_counts)
                            spent.update(id(c) for c in own_counts)
                            counted = True
                        elif is_physical and any(c.count for c in clause_casualties):
                            inc.notes.append("casualties reported jointly with another incident")
                        if retold is not None and k == 0:
                            absorb(retold, inc)
                            told_again.append(retold)
                            continue
                        new.append(inc)
            if not new:
                new = self._similar_before(s, sent, exprs, published, incidents, source)
            new += self._continued(s, sent, exprs, published, told_again + new, source)
            left = [c for c in casualties if id(c) not in spent]
            # the toll of the sentence's violent event rather than of a closure or detention
            physical_new = [i for i in new if i.physical]
            violent = [i for i in physical_new if i.event_type in _VIOLENT - {"other"}]
            first = next(iter(violent or physical_new), None)
            if left and first is not None:
                self._count(first, left, s, srefs)
                _Where(s, sent.start, source["article_id"]).counts(first, left)
            if history and not new:
                continue
            # the place of what this sentence tells, new or told again ("the firing was at
            # the X post"), is where the story now is
            for inc in told_again + new:
                if inc.location is not None and inc.physical:
                    scene.set_location(inc.location)
            if all(i.location is None for i in told_again + new):
                scene.add(s, srefs, marked=True, dated=False)
            dated = [i.date for i in new if i.date.known] or (
                [sentence_date] if sentence_date.known else []
            )
            if dated:
                scene.set_date(dated[0])
                # the story's date: its events' own dates, else the date of a sentence that
                # tells of something happening without an incident of its own
                own = [i.date for i in new if i.physical and i.date.known and not i.date_inferred]
                story.reached(own or ([sentence_date] if sentence_date.known else []))
            elif speech_date.known:
                scene.set_date(speech_date)
            if pending and not new:
                self._place_from_next(s, srefs, pending)
            # an incident told without a place of its own may get it from the next sentence
            pending = [i for i in new if i.physical and _unplaced(i.location)]
            incidents.extend(new)
            if _EARLIER_CAUSE_WORD.search(s):
                incidents += self._dated_causes(s, sent, exprs, srefs, incidents, source)
        merged = _merge_within_article(incidents)
        for inc in merged:
            if inc.location is None and inc.physical and filed_near is not None:
                inc.location = filed_near
                inc.notes.append("location near the dateline's town (the story names no other)")
            if inc.location is None and inc.physical and headline is not None:
                inc.location = headline
                inc.notes.append("location from the headline (the border the story is on)")
            if not inc.date.known and id(inc) in undated:
                date, note, at = undated[id(inc)]
                if date is None:
                    date, note = story.first(at)
                if date.known:
                    inc.date, inc.date_inferred = date, True
                    inc.notes.append(f"date inferred: {note} (no time words of its own)")
        _place_from_story(merged)
        return merged

    @staticmethod
    def _retold(s, pos, end, event_type, cexprs, crefs, before) -> Incident | None:
        """The incident a clause tells again ("briefed parliament about the clash").

        A trigger with a definite article, in a clause with no place of its own and no
        date of its own (or dated by its telling: "told ... about the clash"), is the
        latest incident when that is of its type (a face-off: the latest clash).
        """
        before_trigger = s[max(0, pos - 40) : pos]
        if not _DEFINITE_BEFORE.search(before_trigger):
            return None
        if _OF_PEOPLE.match(s, end):
            return None  # "the arrest of four more herders": new people, a new event
        # a town or a district makes it another event; a country ("the standoff in
        # western Bolivia") places it no more finely than the story has, when the
        # event told lies in it
        if any(r.place is not None and not r.seat and r.place.kind != "country" for r in crefs):
            return None
        countries = {
            r.country
            for r in crefs
            if r.place is not None and not r.seat and r.place.kind == "country"
        }
        told_about = bool(
            _TOLD_ABOUT.search(before_trigger) or _TOLD_THAT.search(s, max(0, pos - 100), pos)
        )
        if not told_about and any(not e.speech for e in cexprs):
            return None
        # "two of the drones were intercepted": the interception is part of the attack
        intercepted = event_type == "weapons_intercepted" and _OF_THE_LAUNCHES.search(
            before_trigger
        )
        for inc in reversed(before):
            if countries and (inc.location is None or not countries <= set(inc.location.countries)):
                return None
            if (
                inc.event_type == event_type
                or (event_type == "other" and inc.event_type == "armed_clash")
                or (intercepted and inc.event_type in ("shelling", "air_drone_strike"))
            ):
                return inc
            if inc.physical:
                return None  # another incident came in between
        return None

    @staticmethod
    def _continued(s, sent, exprs, published, told, source) -> list[Incident]:
        """The next day of an event told as going on from one day into the next.

        One incident per day: the day it went on to is an incident of its own, of the
        same kind and place.
        """
        m = _CONTINUED.search(s)
        first = next((i for i in told if i.physical and i.date.precision == "day"), None)
        if m is None or first is None:
            return []
        return _Extractor._by_date(
            s, sent, exprs, published, first, first.location, source, m.group(0), m.end(),
            "the same event on the next day it went on", only_one=True,
        )  # fmt: skip

    @staticmethod
    def _similar_before(s, sent, exprs, published, before, source) -> list[Incident]:
        """Earlier events a sentence lists by date ("after like crossings on 3 and 11 May").

        One incident per date, of the kind and place of the event just told.
        """
        m = _SIMILAR.search(s)
        physical = [i for i in before if i.physical]
        if m is None or not physical:
            return []
        where = next((i.location for i in reversed(physical) if i.location is not None), None)
        return _Extractor._by_date(
            s, sent, exprs, published, physical[-1], where, source, m.group(0).strip(),
            m.end() - 4, "an earlier incident of the same kind, listed by its date",
        )  # fmt: skip

    @staticmethod
    def _by_date(
        s, sent, exprs, published, model, location, source, trigger, after, note, only_one=False
    ) -> list[Incident]:
        """Incidents of ``model``'s kind at ``location``, one per other day named from ``after``.

        Each day named at or after offset ``after`` (not a statement's, not history's)
        that is not ``model``'s own day is an incident of its own; ``only_one`` keeps
        the first such day.
        """
        out = []
        for e in exprs:
            if e.start < after or e.speech or e.history:
                continue
            date = resolve_time(e, published)
            if date.precision != "day" or date.overlaps(model.date):
                continue
            inc = Incident(
                event_type=model.event_type,
                date=date,
                location=location,
                quote=s,
                quote_start=sent.start,
                quote_end=sent.end,
                sources=[{**source, "quotes": [{"start": sent.start, "end": sent.end, "text": s}]}],
                trigger=trigger,
            )
            inc.notes.append(note)
            _Where(s, sent.start, source["article_id"]).add(inc, "date", e.start, e.end)
            out.append(inc)
            if only_one:
                break
        return out

    def _dated_causes(self, s, sent, exprs, srefs, before, source) -> list[Incident]:
        """Dated events told as what an act answered ("in retaliation for a raid on Monday").

        The act's own triggers leave the cause out (it is not the act); a cause told with
        a day of its own is an incident of its own, with its own place and toll, unless an
        earlier incident of the story already tells it (same family of event, same day).
        """
        published = self._published
        out = []
        for a, b in _cause_spans(s):
            text = s[a:b]
            physical = [t for t in find_triggers(text)[0] if t.event_type in _VIOLENT - {"other"}]
            dates = [
                (e, resolve_time(e, published))
                for e in exprs
                if a <= e.start < b and not (e.speech or e.history or e.until or e.since)
            ]
            dates = [(e, d) for e, d in dates if d.known and d.precision == "day"]
            if not physical or not dates:
                continue
            trigger, (said, date) = physical[0], dates[0]
            if any(
                i.physical and i.event_type in _VIOLENT and i.date.overlaps(date)
                for i in [*before, *out]
            ):
                continue  # told already
            crefs = [r for r in srefs if a <= r.start < b]
            where = self._locate(s, a, b, crefs, crefs, None, trigger.event_type)
            inc = Incident(
                event_type=trigger.event_type,
                date=date,
                location=where[0] if where else None,
                quote=s,
                quote_start=sent.start,
                quote_end=sent.end,
                sources=[{**source, "quotes": [{"start": sent.start, "end": sent.end, "text": s}]}],
                trigger=trigger.text,
            )
            inc.notes.append("an earlier event the act answered, told with its own date")
            counts = [
                dataclasses.replace(c, start=c.start + a, end=c.end + a)
                for c in count_casualties(text)
            ]
            self._count(inc, counts, s, srefs)
            tell = _Where(s, sent.start, source["article_id"])
            tell.add(inc, "trigger", a + trigger.start, a + trigger.end)
            tell.add(inc, "date", said.start, said.end)
            tell.counts(inc, counts)
            self._place_words(inc, tell, crefs, crefs)
            out.append(inc)
        return out

    def _headline_border(self, s: str, srefs: list[_Ref]) -> Location | None:
        """The border section a headline puts the story on ("... killed on border with Syria")."""
        refs = [self._mark(s, r) for r in srefs]
        places = [r for r in refs if r.place is not None and not r.seat]
        loc = self._border(s, places, refs, written_from=places)
        return loc if loc is not None and loc.kind == "border_section" else None

    def _filed_near(self, text: str, refs: list[_Ref]) -> Location | None:
        """Near the town a local dateline names ("SIALKOT:", "GOMA (Reuters) -").

        A report filed from a town (not a capital) is usually about its surroundings:
        the last resort for an incident the story places nowhere else.
        """
        for sent in split_sentences(text):
            if not sent.body:
                continue
            end = _dateline_end(sent.text)
            if end < 0:
                return None
            for r in refs:
                if (
                    sent.start <= r.start
                    and r.end <= sent.start + end
                    and r.place is not None
                    and r.place.kind == "populated_place"
                    and r.place.feature != "PPLC"
                ):
                    return place_location(r.place, r.surface, near=True)
            return None
        return None

    def _unresolved(self, clause, cs, srefs, locations, around) -> list[Location]:
        """Keep a place the gazetteer does not know ("the village of X", "the X sector").

        Its name goes with the area the clause or the story gives, which stays the
        footprint; without such an area the name cannot be mapped and is left out.
        """
        if locations and not all(
            _unplaced(loc) or loc.kind in ("admin1", "region") for loc in locations
        ):
            return locations
        for m in _UNKNOWN_PLACE.finditer(clause):
            name = m["a"] or m["b"]
            start = cs + m.start("a" if m["a"] else "b")
            end = start + len(name)
            words = name.split()
            if (
                name.isupper()
                or words[0].lower() in _NAME_NEIGHBOURS
                or words[0].lower() in _NOT_A_NAME
                or any(r.start < end and start < r.end for r in srefs)
            ):
                continue
            base = locations[0] if locations else around
            if base is None:
                return locations
            return [unresolved_location(name, base)]
        return locations

    def _place_from_next(self, s: str, srefs: list[_Ref], pending: list[Incident]) -> None:
        """Give the place a sentence names to the unplaced incidents of the one before.

        "Two guards were killed on the border on Monday. The shooting took place near
        the village of X." The place must lie in the countries already known.
        """
        if not (_BACK_REF.search(s) or _HAPPENED.search(s)):
            return  # the next sentence does not speak of the event
        refs = [r if r.seat or r.dateline else self._mark(s, r) for r in srefs]
        places = self._specific([r for r in refs if r.place is not None and not r.seat])
        if not places:
            return
        r = places[0]
        loc = place_location(r.place, r.surface, near=r.near)
        # "in the Alto X and Alto Y villages of Puno": the village the gazetteer lacks
        unknown = _UNKNOWN_PLACE.search(s)
        if unknown:
            name = unknown["a"] or unknown["b"]
            if name.split()[0].lower() not in _NOT_A_NAME | _NAME_NEIGHBOURS and not any(
                name in x.surface or x.surface in name for x in refs
            ):
                loc = unresolved_location(name, loc)
        for inc in pending:
            if inc.location is None or refines(loc, inc.location):
                inc.location = loc
                inc.notes.append("location from the next sentence")

    def _speaker(self, s: str, pos: int, srefs: list[_Ref]) -> str | None:
        """The country whose statement the trigger at ``pos`` reports: the first party before it."""
        # The subject comes first: "Ecuador's president expelled Colombia's ambassador".
        for r in srefs:
            if r.end > pos:
                break
            if r.dateline or _ENVOY.match(s[r.end :]):
                continue
            if r.place is None or r.place.kind == "country" or r.place.feature == "PPLC":
                return r.country
        return None

    # -- dates --------------------------------------------------------------

    def _sentence_dates(self, exprs, published, last_date):
        event = self._best_date([e for e in exprs if not e.history], published, last_date)
        speech = self._best_date(exprs, published, last_date, speech=True)
        return event, speech, any(e.history for e in exprs)

    def _best_date(self, exprs, published, last_date, speech=False) -> EventDate:
        chosen = [e for e in exprs if e.speech == speech and not e.history]
        best = UNKNOWN
        for e in chosen:
            if e.until:
                continue
            if e.kind == "anaphoric":
                d = (
                    last_date.coarser("week")
                    if "after" in e.text or "later" in e.text
                    else last_date
                )
                d = last_date if last_date.precision != "day" else d
                if e.text.lower() in ("at the time", "that day", "the same day"):
                    d = last_date
            elif e.kind in ("next_day", "previous_day"):
                step = dt.timedelta(days=1 if e.kind == "next_day" else -1)
                base = last_date
                if not base.known and published is not None and e.kind == "previous_day":
                    base = EventDate(published, published, "day")  # the day before the report
                d = (
                    EventDate(base.start + step, base.end + step, base.precision)
                    if base.known
                    else UNKNOWN
                )
            else:
                d = resolve_time(e, published)
            if d.known and (
                not best.known
                or PRECISION_ORDER.index(d.precision) < PRECISION_ORDER.index(best.precision)
            ):
                best = d
        if best.known:
            for e in chosen:
                if e.until:
                    d = resolve_time(e, published)
                    if d.known and d.end >= best.start:
                        best = EventDate(best.start, d.end, best.precision)
        return best

    # -- locations ----------------------------------------------------------

    def _mark(self, s: str, r: _Ref) -> _Ref:
        before = s[max(0, r.start - 40) : r.start]
        dateline = r.end <= _dateline_end(s)
        seat = (
            dateline
            or bool(_SEAT.search(before))
            or (
                r.place is not None
                and r.place.feature == "PPLC"
                and bool(
                    _SPEAKER_AFTER.match(s[r.end : r.end + 12])
                    # a capital's forces or decisions are its government's ("Moscow's troops")
                    or s[r.end : r.end + 2] in ("'s", "’s")
                    # "blamed Baku for starting it", "accused Phnom Penh of": its government
                    or _ADDRESSED.search(before)
                )
            )
        )
        near = bool(_NEAR.search(before))
        return _Ref(r.start, r.end, r.surface, r.country, r.place, seat, dateline, near)

    def _locate(self, s, cs, ce, crefs, srefs, last_location, event_type) -> list[Location]:
        clause = s[cs:ce]
        places = [r for r in crefs if r.place is not None and not r.seat]
        if not places and event_type != "agreement_or_statement":
            places = [r for r in srefs if r.place is not None and not r.seat]
        border = _BORDER_WORD.search(clause) or (
            not [r for r in crefs if r.place is not None] and _BORDER_WORD.search(s)
        )
        if event_type == "agreement_or_statement":
            # A statement is mapped only where it names a border by its sides
            # ("the Armenian-Azerbaijani border") or a place that is not a speaker's seat.
            qualified = self._border(s, [], srefs, written_from=[]) if border else None
            if qualified is not None:
                return [qualified]
            specific = self._specific(places)
            return [place_location(specific[0].place, specific[0].surface)] if specific else []
        if border:
            loc = self._border(s, places, srefs, written_from=places)
            if loc is not None:
                near = [r for r in places if r.near and r.place.kind == "populated_place"]
                if near:
                    return [place_location(near[0].place, near[0].surface, near=True)]
                return [loc]
        same = _SAME_PLACE.search(s, cs, ce) if last_location is not None else None
        if same and not any(r.start < same.start() for r in places):
            # "a similar attack in the same area, the governor of X said": the place told
            # before, whatever the clause names after it ("the villages of X, affiliated to
            # the same district" points to a place it has just named)
            return [last_location]
        specific = self._specific(places)
        beyond = [r for r in specific if _BORDER_WITH.search(s, max(0, r.start - 30), r.start)]
        if beyond and len(beyond) < len(specific):
            # "the X stretch of the Kyrgyz border with Tajikistan": the place after
            # "border with" names the other side, not a second place of the event
            specific = [r for r in specific if r not in beyond]
        if len({r.country for r in specific}) > 1:
            # "fired at positions in X from Y's Z province": areas on both sides of a border
            loc = self._border(s, places, [], written_from=places)
            if loc is not None:
                return [loc]
        if specific:
            return [place_location(r.place, r.surface, near=r.near) for r in specific]
        if _ANAPHORA.search(clause) and last_location is not None:
            return [last_location]
        countries = [r for r in places if r.place.kind == "country"]
        if border:
            loc = self._border(s, countries, srefs, written_from=countries)
            if loc is not None:
                return [loc]
        # "smugglers from Syria killed a Jordanian soldier": where they came from is not
        # where it happened
        countries = [r for r in countries if not _ORIGIN.search(s[max(0, r.start - 12) : r.start])]
        if len({r.country for r in countries}) == 1:
            return [place_location(countries[0].place, countries[0].surface)]
        return []

    @staticmethod
    def _place_words(inc: Incident, where: _Where, crefs: list[_Ref], srefs: list[_Ref]) -> None:
        """The mentions the incident's location was read from (its clause's first)."""
        loc = inc.location
        if loc is None:
            return
        ids = set(loc.place_ids)
        for refs in (crefs, srefs):
            used = [r for r in refs if r.place is not None and r.place.id in ids]
            used = used or [r for r in refs if r.surface and r.surface in loc.written]
            if used:
                for r in used:
                    where.add(inc, "place", r.start, r.end)
                return

    def _specific(self, places: list[_Ref]) -> list[_Ref]:
        """Named places below country level, without the ones that contain another."""
        specific = [r for r in places if r.place.kind != "country"]
        seen: set[str] = set()
        out = []
        for r in specific:
            if r.place.id in seen:
                continue
            # a province named beside a town of its country is the town's setting ("the
            # village of X, in the Aqra district of Duhok governorate"), even where the
            # gazetteer files the town under a neighbouring province
            contained = any(
                o is not r
                and o.place.kind == "populated_place"
                and r.place.kind in ("admin1", "region")
                and (
                    o.place.admin1_code == r.place.admin1_code
                    or o.place.admin1_code in r.place.members
                    # ... but not two named together ("the Belgorod and Kursk regions")
                    or (
                        o.place.country == r.place.country
                        and max(o.start - r.end, r.start - o.end) > 6
                    )
                )
                for o in specific
            )
            if contained:
                continue
            seen.add(r.place.id)
            out.append(r)
        return out

    def _border(
        self, s: str, places: list[_Ref], srefs: list[_Ref], written_from
    ) -> Location | None:
        sides: dict[str, list[_Ref]] = {}
        for r in places:
            sides.setdefault(r.country, []).append(r)
        # Demonyms that qualify the border ("the Armenian-Azerbaijani border", "an Armenian
        # village bordering Nakhichevan") name a side too.
        for m in _BORDER_WORD.finditer(s):
            for r in srefs:
                if r.place is None and 0 <= m.start() - r.end <= 40 and r.country not in sides:
                    gap = s[r.end : m.start()]
                    if len(gap.split()) <= 3:
                        with contextlib.suppress(KeyError):
                            sides[r.country] = [r._replace(place=self.gaz.place(r.country))]
        if not sides and _BORDER_WORD.search(s) and not _ANAPHORA.search(s):
            # "Peruvian police shot at Bolivian soldiers who had crossed the border": two
            # neighbouring states' forces on a border are on theirs (unless the sentence
            # points back to a place: "were killed there")
            forces = {
                r.country: r
                for r in srefs
                if r.place is None and _PARTY_NOUN.match(s[r.end :]) and r.country
            }
            if len(forces) == 2:
                a, b = forces
                if b in _neighbours().get(a, ()):
                    for c, r in forces.items():
                        with contextlib.suppress(KeyError):
                            sides[c] = [r._replace(place=self.gaz.place(c))]
        if len(sides) == 1:
            # "Polish troops ... on the border with Belarus": the other side is the party's
            (other,) = sides
            if any(_BORDER_WITH.search(s, max(0, r.start - 30), r.start) for r in sides[other]):
                for r in srefs:
                    party = r.place is None or r.place.kind == "country"
                    if party and r.country in _neighbours().get(other, ()):
                        with contextlib.suppress(KeyError):
                            sides[r.country] = [r._replace(place=self.gaz.place(r.country))]
                            break
        if len(sides) < 2:
            return None
        order = sorted(sides, key=lambda c: min(r.start for r in sides[c]))

        def ranked(refs):
            kinds = {"admin1": 0, "region": 1, "country": 2}
            areas = [r for r in refs if r.place.kind in kinds]
            return sorted(areas, key=lambda r: (kinds[r.place.kind], r.start))

        for i, ca in enumerate(order):
            for cb in order[i + 1 :]:
                for ra in ranked(sides[ca]):
                    for rb in ranked(sides[cb]):
                        loc = border_location(ra.place, rb.place, f"{ra.surface} / {rb.surface}")
                        if loc is not None:
                            return loc
        return None

    def _sentence_location(self, s, srefs) -> Location | None:
        places = [r for r in srefs if r.place is not None and not r.seat]
        if _BORDER_WORD.search(s):
            loc = self._border(s, places, srefs, places)
            if loc is not None:
                return loc
        specific = self._specific(places)
        if specific:
            r = specific[0]
            return place_location(r.place, r.surface, near=r.near)
        return None

    # -- actors, claims, denials, casualties ---------------------------------

    def _parties(self, s: str, srefs: list[_Ref]) -> list[str]:
        """Countries whose forces the sentence shows acting or suffering, in order."""
        out: list[str] = []
        for r in srefs:
            if r.dateline:
                continue
            capital_seat = r.seat and r.place is not None and r.place.feature == "PPLC"
            named = r.place is None or r.place.kind == "country"
            if not capital_seat and not (named and _PARTY_NOUN.match(s[r.end :])):
                continue
            if r.country not in out:
                out.append(r.country)
        return out

    def _claimant(self, s: str, srefs: list[_Ref]) -> str | None:
        for m in _CLAIM_VERB.finditer(s):
            if m.group(0).lower() in ("said", "says", "told", "stated", "announced", "reported"):
                # "X said" claims the incident only when X is a party's institution or seat
                pass
            before = [r for r in srefs if r.end <= m.start() and m.start() - r.end <= 40]
            if before:
                r = before[-1]
                gap = s[r.end : m.start()]
                party = r.place is None or r.place.kind == "country" or r.place.feature == "PPLC"
                if party and len(gap.split()) <= 4 and not re.search(r"[.;,]", gap):
                    return r.country
        m = re.search(r"\baccording\s+to\s+(?:the\s+)?", s, re.I)
        if m:
            after = [r for r in srefs if 0 <= r.start - m.end() <= 30]
            if after:
                return after[0].country
        return None

    def _actors(self, inc, s, parties, srefs, casualties, claimant) -> None:
        accused = None
        for r in srefs:
            if _ACCUSED.search(s[max(0, r.start - 20) : r.start]):
                accused = r.country
        victims = []
        for c in casualties:
            for r in srefs:
                if c.start <= r.start < c.end and r.country not in victims:
                    victims.append(r.country)
        order = list(parties)
        if claimant and claimant not in order:
            order.append(claimant)
        if claimant and len(order) > 1 and inc.event_type != "weapons_intercepted":
            # the side that reports an attack is usually the side attacked
            order = [c for c in order if c != claimant] + [claimant]
        first = second = None
        if accused:
            first = accused
            second = next((c for c in order if c != accused), None)
        elif victims and inc.event_type != "weapons_intercepted":
            second = victims[0]
            first = next((c for c in order if c != second), None)
        elif order:
            first = order[0]
            second = next((c for c in order[1:] if c != first), None)
        civilian_victims = any(c.civilian for c in casualties if c.count)
        civilian = civilian_victims or inc.event_type == "attack_on_civilians"
        if civilian and not second:
            # civilians are harmed where the incident happened, by forces the text may not name
            second = first if first and not victims else None
            first = None if second else first
            loc = inc.location
            second = second or (victims[0] if victims else (loc.countries[0] if loc else None))
        if inc.event_type == "agreement_or_statement":
            role1 = role2 = "Government of {}"
        else:
            role1 = "Military Forces of {}"
            role2 = "Civilians ({})" if civilian else role1
        if first:
            inc.actor1 = role1.format(self.country_name(first))
        elif civilian:
            inc.actor1 = "Unidentified Armed Group"
        if second:
            inc.actor2 = role2.format(self.country_name(second))

    def _count(self, inc, casualties, s, srefs) -> None:
        """Add the counts a sentence states to ``inc`` (killed, wounded and by side)."""
        for kind in ("killed", "wounded"):
            counts = [c.count for c in casualties if c.kind == kind]
            if counts:
                setattr(inc, kind, (getattr(inc, kind) or 0) + sum(counts))
        self._count_sides(inc, casualties, srefs)

    @staticmethod
    def _count_sides(inc, casualties, srefs) -> None:
        """Killed and wounded per side (the country the words name), added to ``inc``."""
        side = None
        by_side = {e["country"]: e for e in inc.casualties}
        for c in casualties:
            refs = _side_refs(c, srefs)
            if refs:
                side = refs[0].country
            elif not re.search(r"\bothers?\b", c.who, re.I):
                side = side if not c.who else None
            entry = by_side.setdefault(side, {"country": side, "killed": None, "wounded": None})
            entry[c.kind] = (entry[c.kind] or 0) + c.count
        inc.casualties = list(by_side.values())

    def _follow_up(self, s, cs, ce, crefs, cexprs, sentence_date, counts, srefs, sent, before, own):
        """Give a toll stated after its event ("Two farmers died in the attack") to it.

        A clause that counts the hurt but names no event continues the latest physical
        incident when it points back to it ("the attack", "the shelling") or names no
        place and no date of its own. Its counts fill the figures the incident lacks; a
        different figure is kept as a note, never summed or maximised. Returns False when
        it is news of its own (a new incident).
        """
        clause = s[cs:ce]
        back = _BACK_REF.search(clause)
        # the incident pointed back to: the latest of the family its noun names ("the
        # shelling"), else the latest violent one (a toll rarely follows a detention)
        family = _BACK_FAMILY.get(back.group(1).lower().rstrip("s"), _VIOLENT) if back else _VIOLENT
        physical = [i for i in reversed(before) if i.physical]
        prev = next((i for i in physical if i.event_type in family), None)
        prev = prev or next(iter(physical), None)
        if prev is None:
            return False
        places = [r for r in crefs if r.place is not None and not r.seat]
        if not back and (places or cexprs or sentence_date.known):
            return False
        date = own if own.known else sentence_date
        if date.known and prev.date.known and not prev.date.overlaps(date):
            return False  # "the Tuesday attack" is not Thursday's strike
        where = _Where(s, sent.start, prev.sources[0]["article_id"])
        if date.known and not prev.date.known:
            prev.date = date  # "the attack on Monday" dates the attack
            for e in _date_words(date, cexprs, [], self._published):
                where.add(prev, "date", e.start, e.end)
        sides = {r.country for c in counts for r in _side_refs(c, srefs)}
        known = {e["country"] for e in prev.casualties if e["country"]}
        if sides and known and not sides & known:
            # the other side's own toll: an incident of its own, at the same place
            self._other_side_of = (prev, sorted(sides)[0]) if len(sides) == 1 else None
            return False
        for kind in ("killed", "wounded"):
            n = sum(c.count for c in counts if c.kind == kind)
            if not any(c.kind == kind for c in counts):
                continue
            mine = getattr(prev, kind)
            if mine is None or mine == 0:
                setattr(prev, kind, n)
            elif mine != n:
                prev.notes.append(f"reports differ: {mine} or {n} {kind}")
        if not prev.casualties:
            self._count_sides(prev, counts, srefs)
        where.counts(prev, counts)
        src = prev.sources[0]
        if all(q["start"] != sent.start for q in src["quotes"]):
            src["quotes"].append({"start": sent.start, "end": sent.end, "text": s})
            src["quotes"].sort(key=lambda q: q["start"])
        return True

    @staticmethod
    def _zero_casualties(casualties, incidents) -> None:
        physical = [i for i in incidents if i.physical]
        if not physical:
            return
        inc = physical[-1]
        for c in casualties:
            if c.count == 0 and getattr(inc, c.kind) is None:
                setattr(inc, c.kind, 0)

    def _side_of(self, loc: Location | None, side: str) -> Location | None:
        """``loc`` (a place, a border section) on the ``side`` country's side, if it has one."""
        if loc is None or loc.kind == "country":
            return None
        if loc.countries == (side,):
            return loc
        if loc.border is not None and side not in loc.countries:
            return None
        return dataclasses.replace(
            loc,
            countries=(side,),
            admin1_codes=tuple(c for c in loc.admin1_codes if c.startswith(f"{side}-")),
            name=f"{loc.name}, {self.country_name(side)} side",
        )

    @staticmethod
    def _denier(s, cs, srefs) -> str | None:
        """The country of the last place or country named before a clause's denial verb."""
        m = re.search(
            r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|refuted)\b", s[cs:], re.I
        )
        pos = cs + (m.start() if m else 0)
        before = [r for r in srefs if r.end <= pos]
        return before[-1].country if before else None

    def _deny(self, s, cs, crefs, srefs, physical, incidents) -> None:
        denier = self._denier(s, cs, srefs)
        want = physical[0].event_type if physical else None
        answered = [i for i in incidents if i.physical]
        matching = [i for i in answered if i.event_type == want] or answered
        if matching and denier:
            name = self.country_name(denier)
            if name not in matching[-1].denied_by:
                matching[-1].denied_by.append(name)


class _StoryDate:
    """The date an article's story stands at, for clauses with no time words.

    News reports a fresh event without saying when ("A strike has killed four
    people"): it happened on the day of the report. Once the story has dated a
    recent event ("on Monday"), the sentences that go on about it without time
    words share that day.
    """

    #: A story date further back than this is background, not the news.
    RECENT = dt.timedelta(days=10)
    #: The story's first date dates an undated event told at most this many sentences
    #: before it (the lead and the sentences that go on about it); a date given further
    #: on belongs to another part of the story.
    LEAD_REACH = 2

    def __init__(self, published: dt.date | None):
        self._published = published
        self._date: EventDate | None = None
        self._first: EventDate | None = None
        self._first_sentence = 0
        self._waiting: int | None = None  #: the sentence of the first undated event
        self.sentence = 0  #: the sentence being read

    def advance(self) -> None:
        """The next sentence of the story is being read."""
        self.sentence += 1

    def reached(self, dates: list[EventDate], first_only: bool = False) -> None:
        """Dates the story's physical events were given in a sentence.

        ``first_only``: the date of a sentence that tells of no event ("This Sunday we
        were woken by blasts"), which may date the undated lead but not what follows.
        """
        if self._published is None:
            return
        for d in dates:
            recent = self._published - self.RECENT <= d.start <= self._published
            if d.precision == "day" and recent:
                if self._first is None:
                    self._first, self._first_sentence = d, self.sentence
                if not first_only:
                    self._date = d
                return

    def wants_first(self) -> bool:
        """True while an undated event waits for a date the next sentences may give."""
        return (
            self._first is None
            and self._waiting is not None
            and self.sentence - self._waiting <= self.LEAD_REACH
        )

    def inherited(self, physical: bool) -> tuple[EventDate | None, str]:
        """The date and its reason for an undated clause.

        ``None`` before the story has dated anything: the lead's date is then the
        first date the story gives (:meth:`first`), known once the article is read.
        Statements without a date of their own are made on the report's day.
        """
        if not physical and self._published is not None:
            return EventDate(self._published, self._published, "day"), "publication date"
        if self._date is not None:
            return self._date, "date of the story so far"
        if physical and self._waiting is None:
            self._waiting = self.sentence
        return None, ""

    def first(self, sentence: int) -> tuple[EventDate, str]:
        """The date of an undated event told in ``sentence`` before the story dated any.

        The story's first recent date when it is given within :attr:`LEAD_REACH`
        sentences, else the report's day.
        """
        if self._first is not None and self._first_sentence - sentence <= self.LEAD_REACH:
            return self._first, "the story's first date"
        if self._published is not None:
            return EventDate(self._published, self._published, "day"), "publication date"
        return UNKNOWN, ""


class _Scene:
    """Where and when an article's story stands, worked out only when a sentence asks.

    Scene-setting sentences are queued; ``location()`` and ``date()`` read the
    latest place or date they give, once, and only for the sentences that point
    back ("there", "the same area", "days after").
    """

    def __init__(self, extractor: _Extractor, published: dt.date | None):
        self._ex = extractor
        self._published = published
        self._location: Location | None = None
        self._date: EventDate = UNKNOWN
        self._places: list[tuple[str, list[_Ref], bool]] = []
        self._times: list[str] = []

    def add(self, s: str, srefs: list[_Ref], marked: bool = False, dated: bool = True) -> None:
        """Queue a sentence that may set the place (and, if ``dated``, the date)."""
        if srefs:
            self._places.append((s, srefs, marked))
        if dated:
            self._times.append(s)

    def location(self) -> Location | None:
        """The latest place the story has reached."""
        for s, srefs, marked in reversed(self._places):
            refs = srefs if marked else [self._ex._mark(s, r) for r in srefs]
            loc = self._ex._sentence_location(s, refs)
            if loc is not None:
                self._location = loc
                break
        self._places.clear()
        return self._location

    def set_location(self, location: Location) -> None:
        """An incident's place: newer than anything queued."""
        self._location = location
        self._places.clear()

    def date(self) -> EventDate:
        """The latest date the story has reached."""
        for s in reversed(self._times):
            exprs = find_time_expressions(s)
            if exprs:
                event, speech, _ = self._ex._sentence_dates(exprs, self._published, self._date)
                d = event if event.known else speech
                if d.known:
                    self._date = d
                    break
        self._times.clear()
        return self._date

    def set_date(self, date: EventDate) -> None:
        """A sentence's own date: newer than anything queued."""
        self._date = date
        self._times.clear()


class _Where:
    """Evidence spans of one sentence, written with article offsets."""

    def __init__(self, sentence: str, offset: int, article_id: str):
        self.sentence = sentence
        self.offset = offset
        self.article_id = article_id

    def add(self, inc: Incident, field: str, start: int, end: int) -> None:
        """Record that ``field`` was read from ``sentence[start:end]``."""
        add_evidence(
            inc,
            [
                {
                    "field": field,
                    "text": self.sentence[start:end],
                    "start": self.offset + start,
                    "end": self.offset + end,
                    "article_id": self.article_id,
                }
            ],
        )

    def counts(self, inc: Incident, casualties) -> None:
        """Record the words of killed and wounded counts."""
        for c in casualties:
            self.add(inc, c.kind, c.start, c.end)


def _date_words(date: EventDate, first, exprs, published) -> list:
    """The time expressions a known date was read from (the clause's before the sentence's)."""
    if not date.known:
        return []
    for group in (first, exprs):
        words = []
        for e in group:
            if e.speech and e.kind not in ("anaphoric", "next_day", "previous_day"):
                d = resolve_time(e, published)
            elif e.kind in ("anaphoric", "next_day", "previous_day"):
                words.append(e)
                continue
            else:
                d = resolve_time(e, published)
            if d.known and d.start <= date.end and date.start <= d.end:
                words.append(e)
        if words:
            return words
    return []


# Diplomatic acts that are statements even in a clause that also reports a physical event
# ("protested the shelling of the village", "summoned the envoy over the killing").
_DIPLOMATIC_ACT = re.compile(
    r"^(?:protest|lodged|summon|recall|expel|expulsion|warn|final|stern|strong|caution|condemn"
    r"|expressed|regret|flag)",
    re.I,
)
# Weapons of different kinds joined in one clause are separate events ("artillery and
# drones hit the town").
_COORDINATION = re.compile(
    r"^\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|,)\s+(?:\w+\s+){0,2}$", re.I
)
_PLACE_INTRO = re.compile(
    r"\b(?:in|at|near|of|from|to|into|outside|towards?|across|village|town|city|settlement"
    r"|hamlet)\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|central|border|nearby"
    r"|neighbouring|neighboring)\s+)?$",
    re.I,
)
# "in retaliation for a rocket attack on Monday": the event an act answered (its cause)
_EARLIER_CAUSE_WORD = re.compile(r"\b(?:retaliat|revenge|reprisal|riposte|respon)", re.I)
_EARLIER_CAUSE = re.compile(
    r"\b(?:in\s+)?(?:retaliation|revenge|reprisal|riposte|response)['\"’”]?\s+(?:for|against|to)"
    r"\s+(?:what\s+\w+\s+(?:called|described\s+as)\s+)?",
    re.I,
)
# where the cause's words end: a speaker's tag, a semicolon, a dash
_CAUSE_END = re.compile(
    r",\s+(?:[\w'’-]+\s+){0,4}?(?:said|says|told|reported|according)\b|;|\s[-–—]\s|,\s+(?:while|but|and)\s",
    re.I,
)


def _cause_spans(s: str) -> list[tuple[int, int]]:
    """Spans of ``s`` telling what an act answered ("in retaliation for a raid on Monday")."""
    out = []
    for m in _EARLIER_CAUSE.finditer(s):
        stop = _CAUSE_END.search(s, m.end())
        out.append((m.end(), stop.start() if stop else len(s)))
    return out


_CONTINUED = re.compile(r"\b(?:continued|went\s+on|carried\s+on|persisted|lasted)\b", re.I)
# "after other crossings on 3 and 11 May", "after an earlier violation last week"
_SIMILAR = re.compile(
    r"\b(?:similar|such|other|earlier|previous)\s+(?:incidents?|violations?|cases?|crossings?"
    r"|intrusions?|incursions?)\s+(?:on|last|earlier)\b",
    re.I,
)
_BORDER_WITH = re.compile(r"\b(?:border|frontier|boundary)\s+with\s+(?:the\s+)?$", re.I)
_NON_STATE_CROSSERS = re.compile(
    r"\b(?:smugglers?|migrants?|infiltrators?|refugees?|asylum[- ]seekers?|traffickers?"
    r"|poachers?)\b",
    re.I,
)
_REMOTE_TYPES = ("shelling", "air_drone_strike", "explosive_device", "armed_clash")


def _casualty_type(clause_casualties) -> str:
    civil = all(c.civilian for c in clause_casualties if c.count)
    return "attack_on_civilians" if civil else "armed_clash"


def _casualty_frame(clause_casualties) -> tuple[str, str, int, int]:
    c = next(c for c in clause_casualties if c.count)
    return _casualty_type(clause_casualties), c.who, c.start, c.end


def _drop_background(clause: str, found):
    """Triggers of a clause, without the physical ones when it tells history or generic talk.

    "The 2020 war", "flare-ups are common", "has been shelling the area for years" are not
    incidents.
    """
    physical, statements, denial = found
    if physical and _BACKGROUND.search(clause):
        return [], statements, denial
    return found


def _frames(cs, clause, physical, statements, clause_casualties) -> list[tuple[str, str, int, int]]:
    """The events one clause reports: ``(event_type, trigger words, start, end)``.

    Offsets are in the sentence (the clause starts at ``cs``). A clause reports its
    winning physical trigger (or, without one, a casualty count as a clash or an attack
    on civilians); a second kind of weapon coordinated with the first ("shelling and
    drone strikes") is a second event, and so are a crossing or a detention besides
    fighting; a statement trigger is a statement when the clause holds nothing
    physical, or when it is a diplomatic act (protest, summons, recall, warning,
    condemnation) about it.
    """
    frames: list[tuple[str, str, int, int]] = []
    hurt = any(c.count for c in clause_casualties)

    def frame(t):
        return t.event_type, t.text, cs + t.start, cs + t.end

    if physical and not (physical[0].event_type == "other" and hurt):
        first = physical[0]
        frames.append(frame(first))
        if first.event_type in _REMOTE_TYPES:
            for t in physical[1:]:
                if t.event_type in _REMOTE_TYPES and t.event_type != first.event_type:
                    a, b = sorted((first, t), key=lambda x: x.start)
                    if b.start > a.end and _COORDINATION.match(clause[a.end : b.start]):
                        frames.append(frame(t))
                        break
        # Crossing or detaining and fighting are distinct actions ("crossed the border and
        # opened fire", "killed five smugglers and arrested 15"): one incident each.
        kinds = {t.event_type for t in physical}
        if _NON_STATE_CROSSERS.search(clause):
            # smugglers or migrants "crossed into the kingdom and attacked border guards":
            # their crossing is how the fight began, not a state's incursion
            kinds.discard("incursion")
        for kind in ("incursion", "arrest"):
            if kind in kinds and first.event_type != kind and first.event_type != "other":
                frames.append(frame(next(t for t in physical if t.event_type == kind)))

        if first.event_type in ("incursion", "arrest") and any(
            c.count and c.kind == "killed" for c in clause_casualties
        ):
            # "killed five smugglers and arrested 15": the killing comes first, with the toll
            frames.insert(0, _casualty_frame(clause_casualties))
    elif hurt:
        frames.append(_casualty_frame(clause_casualties))
    if statements and (not frames or any(_DIPLOMATIC_ACT.match(t.text) for t in statements)):
        act = next((t for t in statements if _DIPLOMATIC_ACT.match(t.text)), statements[0])
        frames.append(frame(act))
    return frames


# "MOSCOW (Reuters) -", "QUETTA/ISLAMABAD:", "Ndjamena, Chad, Jan 16 (AFP) -": where the
# report was filed, not where the event happened.
_DATELINE = re.compile(
    r"^(?P<head>[^\W\d_][\w'’./ ]{0,40}?)\s*(?:,[^()\n–—-]{1,60})?\s*(?P<agency>\([^)\n]{1,40}\))?"
    r"\s*(?:-{1,2}|–|—|:)(?:\s|(?=[A-Z]))"
)


def _on_side(s: str, srefs: list[_Ref], loc: Location) -> Location:
    """A border crossing or section on the side the sentence names ("on the Afghan side").

    A crossing's point lies on one side or the other by a few metres; the side the
    report names is where it happened.
    """
    straddles = loc.border is not None or any(
        r.place is not None and r.place.feature in _ON_THE_LINE and r.place.id in loc.place_ids
        for r in srefs
    )
    if not straddles:
        return loc
    for m in _SIDE.finditer(s):
        side = next((r.country for r in srefs if r.start == m.start("who") and r.country), None)
        if side is None:
            continue
        if loc.border is not None and side not in loc.countries:
            continue
        if loc.countries == (side,):
            return loc
        return dataclasses.replace(
            loc,
            countries=(side,),
            admin1_codes=tuple(c for c in loc.admin1_codes if c.startswith(f"{side}-")),
            name=f"{loc.name}, {m.group('who')} side",
        )
    return loc


def _dateline_end(s: str) -> int:
    m = _DATELINE.match(s)
    return m.end() if m and (m["head"].isupper() or m["agency"]) else -1


_POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.I)


def _side_refs(c, srefs: list[_Ref]) -> list[_Ref]:
    """The places that name the side a count is of.

    Those in the count's words ("two Indian soldiers"), else, for "two of its guards",
    the state that speaks before it ("Ukraine said two of its guards were killed").
    """
    refs = [r for r in srefs if c.start <= r.start < c.end]
    if refs or not _POSSESSIVE.search(c.who):
        return refs
    speakers = [
        r
        for r in srefs
        if r.end <= c.start
        and r.country
        and (r.seat or r.place is None or r.place.kind == "country" or r.place.feature == "PPLC")
    ]
    return speakers[-1:]


@lru_cache(maxsize=8)
def _long_ago(sentence: str, published) -> bool:
    """True when ``sentence`` is dated in history ("in 2018", "in the 1990s").

    Cached: asked once per trigger of the sentence after it, worked out once.
    """
    exprs = find_time_expressions(sentence) if sentence else []
    return any(e.history for e in exprs) or _is_past(exprs, published)


def _is_past(exprs, published) -> bool:
    """A clause dated more than a year before publication is background.

    So is a toll counted "since" more than a week before it ("has killed 27 since
    October 7"): a running total, not an incident.
    """
    if published is None:
        return False
    for e in exprs:
        if e.speech:
            continue
        d = resolve_time(e, published)
        if e.since and d.known and (published - d.start).days > 7:
            return True
        if d.known and d.end < published - dt.timedelta(days=365):
            return True
    return False


# "the village of Artsevi", "the Naumin pass area", "Badwaal Post": names of places too
# small for the gazetteer.
_UNKNOWN_PLACE = re.compile(
    r"\b(?:village|town|city|settlement|hamlet|outpost|post|area|sector|pass|district|checkpoint"
    r"|crossing|locality|hill|valley|camp)\s+of\s+(?P<a>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})"
    r"|\b(?P<b>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})\s+(?i:villages?|area|sector|post|pass"
    r"|checkpoint|crossing|district|outpost|border\s+(?:post|outpost|area|crossing))\b"
)
_NOT_A_NAME = frozenset(
    ("a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "border",
     "frontier", "military", "army", "police", "security", "forward", "local", "same")
)  # fmt: skip
_ORIGIN = re.compile(r"(?<!away )(?<!km )(?<!miles )\bfrom\s+(?:the\s+)?$", re.I)
_TOLD_ABOUT = re.compile(
    r"\b(?:briefed|informed|told|spoke|reported|commented|statement|remarks?)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:about|on|over|regarding|concerning)\s+the\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "the office said on Friday that the standoff ...": the date is the statement's
_TOLD_THAT = re.compile(
    r"\b(?:stated|said|says|announced|confirmed|reported|added|explained)\b[^.;]{0,60}?\bthat\s+"
    r"the\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
_OF_PEOPLE = re.compile(
    r"\s+of\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|a|an"
    r"|another)\b",
    re.I,
)
_OF_THE_LAUNCHES = re.compile(
    r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:launches|rockets|missiles|projectiles|drones|shells)"
    r"\s+(?:were|was|had\s+been|have\s+been)\s+$",
    re.I,
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+){0,2}$", re.I)
_HAPPENED = re.compile(r"\b(?:took\s+place|occurred|happened|unfolded)\b", re.I)


def _unplaced(location: Location | None) -> bool:
    """True for no location or one at country level (a country, a border between countries)."""
    return location is None or (
        location.kind in ("country", "border_section") and not location.admin1_codes
    )


def _same_statement(a: Incident, b: Incident) -> bool:
    return (
        not a.physical
        and a.date.known
        and a.date == b.date
        and (a.actor1 == b.actor1 or b.actor1 is None)
    )


_WHILE_CROSSING = re.compile(
    r"(?:while|as|when)\s+(?:they\s+were\s+|he\s+was\s+|she\s+was\s+)?(?:trying|attempting)\s+to\s+cross",
    re.I,
)
_RETURN_FIRE = re.compile(r"\breturn(?:ed)?\s+(?:the\s+)?fire|retaliat", re.I)


def _counted(inc: Incident) -> bool:
    return bool(inc.killed or inc.wounded)


def _merge_within_article(incidents: list[Incident]) -> list[Incident]:
    """Fold follow-up sentences into the incident they continue.

    An incident merges into the most recent earlier incident of the same type
    when their dates and areas are compatible (an unknown date or location is
    compatible with anything).
    """
    out: list[Incident] = []
    for inc in incidents:
        target = None
        if not inc.physical:
            # one speaker's statements of one day are one statement, however many
            # sentences report them; a sentence that names no speaker continues one
            target = next((p for p in reversed(out) if _same_statement(p, inc)), None)
        for prev in reversed(out) if target is None else ():
            if prev.event_type == inc.event_type and inc.physical:
                # an undated follow-up continues the incident before it, a little further
                # afield too (each side names its own nearby village)
                reach = MAX_DISTANCE_KM if inc.date.known else FOLLOW_UP_DISTANCE_KM
                if compatible(prev, inc, same_article=True, max_km=reach) and not (
                    _RETURN_FIRE.search(inc.trigger) and _counted(inc) and _counted(prev)
                ):
                    # (fire returned with a toll of its own is the other side's incident)
                    target = prev
                break
        if target is not None:
            absorb(target, inc)
        else:
            out.append(inc)
    for inc in out:
        if inc.location is None and inc.physical and inc.context_location is not None:
            inc.location = inc.context_location
            inc.notes.append("location from the preceding sentences")
    return out


def _named(location: Location | None) -> bool:
    """True for a location below country level, or one naming a place the gazetteer lacks."""
    return location is not None and (not _unplaced(location) or bool(location.unresolved))


def _place_from_story(incidents: list[Incident]) -> None:
    """Place what the story tells only at country level where its other events of that day are.

    Reporters name the place once ("The shoot-out occurred in the X district") and then
    speak of "the border" or "Kyrgyz territory": an incident placed only at a country or
    a border between countries, on a known day, happened at the place the article gives
    its other incidents of that day, when they all name one place inside those countries.
    """
    for inc in incidents:
        loc = inc.location
        if not inc.physical or loc is None or _named(loc) or inc.date.precision != "day":
            continue
        places = {
            (o.location.place_ids, o.location.unresolved): o.location
            for o in incidents
            if o is not inc
            and o.physical
            and _named(o.location)
            and o.date == inc.date
            and (
                set(o.location.countries) <= set(loc.countries)
                # a country's own account of a fight on its border section
                or (
                    loc.kind == "country"
                    and o.location.kind == "border_section"
                    and loc.countries[0] in o.location.countries
                )
            )
        }
        if len(places) == 1:
            inc.location = next(iter(places.values()))
            inc.notes.append("location from the story's other incidents of that day")


def extract_incidents(
    article: Article, gazetteer: Gazetteer, *, keep: str = "border"
) -> list[Incident]:
    """Border incidents reported by one article, each with the reason it is one.

    Parameters
    ----------
    article : Article
    gazetteer : Gazetteer
        A loaded gazetteer (``Gazetteer.load()``), reused across articles.
    keep : {"border", "violent", "all"}
        Border incidents only (the default), also the other violent events, or
        every event; those that are not border incidents are flagged by
        ``border_reason`` None (see :mod:`geo.extract.relevance`).

    Returns
    -------
    list of Incident
        Physical incidents and statements (``event_type ==
        "agreement_or_statement"``) in the order the article reports them.
    """
    if keep == "border" and not may_report_border_incident(article.text, article.title):
        return []  # the cheap gate: no border or state word, no place lookup
    extractor = _Extractor(gazetteer)
    incidents = extractor.extract(article)
    incidents = assign_relevance(
        incidents,
        article.text,
        extractor.article_refs,
        title=article.title,
        article_id=article.id,
        keep=keep,
    )
    # "clashes earlier this year displaced thousands": a year's events told as background
    # (they still make the article a border story), no incident of a day or a month
    return [i for i in incidents if not (i.physical and i.date.precision == "year")]
