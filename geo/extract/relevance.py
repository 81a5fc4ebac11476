"""Is it a border incident? The relevance gate and the reason each incident qualifies.

A news stream is mostly not about borders: local crime, disease, business. An
event is a **border incident** when the article ties it to an international
border or to the forces of neighbouring states:

``border_words``
    Its sentence names an international border or a frontier feature: "the
    border", "frontier", "Line of Control", "buffer zone", "cross-border",
    "incursion", "airspace", "territorial waters", "ceasefire violation"…, in
    an article that names at least two countries (a county line or a state
    border inside one country is not an international border).
``neighbour_states``
    Its sentence shows a state's forces, weapons or diplomacy ("Turkish
    aircraft", "troops", "shelling", "summoned the ambassador") and names two
    neighbouring countries — the incident's place counts as one of them.
``frontier_area``
    Its sentence shows a state's forces or heavy weapons ("troops", "artillery",
    "drones"; not police, not "shots fired") and its place lies in the frontier
    area: a town within :data:`FRONTIER_KM` of its country's international border,
    or a province on that border.
``border_story``
    The article is a border story — its headline or lead names a border as
    above, or another of its incidents qualifies — and the incident happened in
    one of that story's countries (or has no place of its own).

Every qualifying incident gets the reason and its evidence: the words, with
offsets into the article text. Everything else is left out, unless the caller
asks for all violent events (``keep="violent"``, ``--keep violent``) or every event
(``keep="all"``): those are kept with no reason, which flags them as not border
incidents.

The gate is cheap where it matters: an article whose headline and text hold
none of the border or state words (:func:`may_report_border_incident`, one
Aho-Corasick scan of the lower-cased text) cannot hold a border incident, and
the extractor skips it before looking up a single place name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

import shapely
import shapely.ops

from geo.extract.patterns import Lexeme, LexemeSet

if TYPE_CHECKING:
    from geo.extract.record import Incident

__all__ = [
    "BORDER_REASONS",
    "FRONTIER_KM",
    "KEEP",
    "VIOLENT_TYPES",
    "Evidence",
    "assign_relevance",
    "may_report_border_incident",
    "neighbours",
]

#: The reasons an incident is a border incident, strongest first.
BORDER_REASONS = ("border_words", "neighbour_states", "frontier_area", "border_story")

#: A place this close to its country's international border is in the frontier area.
FRONTIER_KM = 30.0

#: What an extraction keeps: border incidents only (the default), also the other violent
#: events, or every event; whatever is not a border incident is flagged (no reason).
KEEP = ("border", "violent", "all")

#: Event types kept, flagged, by ``keep="violent"`` when they are not border incidents.
VIOLENT_TYPES = frozenset(
    {
        "armed_clash",
        "shelling",
        "air_drone_strike",
        "explosive_device",
        "attack_on_civilians",
        "weapons_intercepted",
    }
)

# An international border or a frontier feature. Charity names that hold the word
# ("Doctors Without Borders") are removed before matching.
_BORDER = Lexeme(
    (
        "border",
        "frontier",
        "boundar",
        "line of",
        "line",
        "loc",
        "lac",
        "dmz",
        "zone",
        "man's land",
        "mans land",
        "incursion",
        "infiltrat",
        "airspace",
        "air space",
        "territorial waters",
        "ceasefire violation",
        "cease-fire violation",
        "truce violation",
        "cross",
        "territory",
    ),
    r"\b(?:cross-?border|borders?|bordering|bordered|frontiers?|boundary|boundaries"
    r"|line\s+of\s+(?:actual\s+)?(?:control|contact)|contact\s+line"
    r"|(?:military\s+)?demarcation\s+line|ceasefire\s+line|cease-fire\s+line"
    r"|(?:blue|green|durand|mcmahon)\s+line|loc|lac|dmz|demilitari[sz]ed\s+zone"
    r"|buffer\s+zone|no[\s-]+man'?s[\s-]+land|incursions?|infiltrat(?:ion|ions|ors?|ed|ing|e)"
    r"|air\s?space|territorial\s+waters"
    r"|(?:cease-?fire|truce)\s+violations?"
    r"|cross(?:ed|es|ing)\s+(?:over\s+)?into|(?:entered|entering|enters|into|violat\w+\s+of)"
    r"\s+(?:\w+\s+){0,2}territory)\b",
)
# Words that name an international border in any article; the others ("border",
# "boundary", "frontier", "territory") count only where the article names two countries.
_INTERNATIONAL = re.compile(
    r"(?:cross-?border|(?:border|frontier)\s+(?:guards?|police|troops|forces|service|patrols?"
    r"|posts?|outposts?|security\s+forces?|villages?|areas?|regions?|districts?|crossings?"
    r"|checkpoints?|fence|clash\w*|skirmish\w*|firing|shelling|tensions?|disputes?)"
    r"|working\s+boundary|international\s+(?:border|boundary)|line\s+of|contact\s+line|demarcation"
    r"|ceasefire\s+line|cease-fire\s+line|(?:blue|green|durand|mcmahon)\s+line|loc|lac|dmz"
    r"|demilitari|buffer|no[\s-]+man|incursion|infiltrat|air\s?space|territorial|cease-?fire\s+v"
    r"|truce\s+v|cross)",
    re.I,
)
_NOT_A_BORDER = re.compile(
    r"\b(?:doctors|reporters|engineers|teachers)\s+without\s+borders\b|\bborderline\b"
    r"|\bknows?\s+no\s+(?:borders|boundaries|frontiers)\b"
    r"|\bfrontier\s+(?:airlines|communications|days)\b"
    r"|\bstate\s+lines?\b|\b(?:county|city|town|district|parish|township|property|school|park|refuge|forest"
    r"|reservation|municipal|precinct|ward|district's|county's|city's)\s+(?:boundar\w+|borders?|lines?)\b"
    r"|\bboundar(?:y|ies)\s+of\s+(?:the\s+)?(?:county|city|town|district|park|refuge|property)\b",
    re.I,
)
# A state's forces and weapons.
_STATE = Lexeme(
    (
        "troop",
        "soldier",
        "patrol",
        "army",
        "armies",
        "armed forces",
        "militar",
        "forces",
        "servicem",
        "jawan",
        "guards",
        "air force",
        "aircraft",
        "warplane",
        "jets",
        "drone",
        "artillery",
        "shell",
        "mortar",
        "rocket",
        "missile",
        "strike",
        "bomb",
        "fired",
        "firing",
        "opened fire",
        "returned fire",
        "of fire",
        "exchanged fire",
        "traded fire",
        "gunfire",
        "crossfire",
        "cross-fire",
        "ceasefire",
        "cease-fire",
        "truce",
    ),
    r"\b(?:troops?|soldiers?|patrols?|army|armies|armed\s+forces|military|militaries|forces"
    r"|servicem[ae]n|jawans?|guards|air\s+force|aircraft|warplanes?|fighter\s+jets|jets"
    r"|drones?|artillery|shell(?:s|ed|ing)|mortars?|rockets?|missiles?|air\s?strikes?"
    r"|drone\s+strikes?|bomb(?:s|ed|ing|ings|ardment|ardments|arded)"
    r"|(?:retaliatory|military|missile|rocket|artillery|cross-border|precision|punitive)"
    r"\s+strikes?"
    r"|fir(?:ed|ing)\s+(?:at|on|upon|into|across|from|toward|towards)|opened\s+fire"
    r"|returned\s+fire|exchanges?\s+of\s+fire|exchanged\s+fire|traded\s+fire|gunfire"
    r"|cross-?fire|cease-?fire|truce)\b",
)
# Deaths that a disease, a disaster or an accident caused: not violence, whatever the count.
_NOT_VIOLENCE = re.compile(
    r"\b(?:disease|illness|epidemic|pandemic|outbreak|virus|viral|infect\w*|flu|influenza"
    r"|cholera|ebola|malaria|measles|meningitis|tuberculosis|dengue|pneumonia|fever|sars"
    r"|h5n1|h1n1|bird\s+flu|swine\s+flu|vaccin\w*|cases|earthquake|quake|tsunami|floods?|flooding"
    r"|storm|hurricane|cyclone|typhoon|tornado|landslide|avalanche|drought|famine|heat\s?wave"
    r"|crash(?:ed|es)?|accident|overdose|drown\w*|blaze|wildfire)\b",
    re.I,
)
_VIOLENCE = re.compile(
    r"\b(?:attack\w*|shot|shoot\w*|gun\w*|fir(?:ed|ing)\s+(?:at|on|upon)|clash\w*|fight\w*"
    r"|bomb\w*|shell\w*|strikes?|stabb\w*|militants?|rebels?|troops|soldiers?|forces|army)\b",
    re.I,
)
# A weapon named as the trigger ("Palestinian rockets", "the ABM missiles") is an event
# only when something is done with it.
_WEAPON_TRIGGER = re.compile(
    r"(?:\w+\s+){0,2}(?:rockets?|missiles?|mortars?|shells?|drones?|explosive\s+devices?"
    r"|explosives|bombs?|mines?|weapons?|munitions?)",
    re.I,
)
_WEAPON_USED = re.compile(
    r"(?<!\bto\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmight\s)(?<!\bwill\s)(?<!\bcan\s)"
    r"\b(?:fired|firing|launch(?:ed|es|ing)|struck|strike|strikes|hit|hits|land(?:ed|ing|s)"
    r"|fell|intercept\w*|explod\w*|exploded|detonat\w*|target\w*|attack\w*|shot\s+down"
    r"|downed|rained|pounded|wounded|injured|killed|damag\w*|destroy\w*|planted|seized"
    r"|found|smuggl\w*|dropped|blast\w*)\b",
    re.I,
)
# An agreement not made ("a treaty that has yet to be signed", "not yet agreed") is no
# statement; one announced for later ("will sign next month") is, dated when announced.
_NOT_YET = re.compile(
    r"\b(?:yet\s+to(?:\s+be)?|not\s+yet(?:\s+been)?|ha(?:s|ve)\s+not\s+(?:yet\s+)?been)\s+$",
    re.I,
)
# Words by which a statement that names no state points back to the story.
_STORY_LINK = re.compile(
    r"\b(?:both\s+sides|the\s+two\s+(?:sides|countries|armies|nations|governments|neighbou?rs)"
    r"|neighbou?rs|bilateral|the\s+(?:incident|attack|clash|clashes|shooting|shelling|violation"
    r"|violations|firing|skirmish|standoff|stand-off|face-off|intrusion|raid)|cease-?fire|truce"
    r"|flag\s+meeting|disengag\w*|de-?escalat\w*|restraint|tensions?)\b",
    re.I,
)
#: Reasons by event type: arrests, incursions and statements need border words (or the story).
_SENTENCE_REASONS_NOT_STATE = frozenset({"arrest", "agreement_or_statement"})
# Crossings and other actions (face-offs, closures) count beside neighbouring states only
# when the sentence names their armed forces, not a police action or a truce.
_MILITARY_ONLY = frozenset({"incursion", "other"})
_CUES = LexemeSet({"border": _BORDER, "state": _STATE})
_LEAD_CHARS = 400  # the headline and first sentence or two

# ---------------------------------------------------------------------------


class _Ref(Protocol):
    start: int
    end: int
    surface: str
    country: str


@dataclass(frozen=True)
class Evidence:
    """Words of the article that make an incident a border incident.

    Attributes
    ----------
    text : str
        The words (``article_text[start:end]``).
    start, end : int or None
        Offsets into the article text; None for words of a headline that is
        not part of the text.
    """

    text: str
    start: int | None
    end: int | None

    def to_record(self) -> dict:
        """``{"text", "start", "end"}``; :func:`assign_relevance` adds ``article_id``."""
        return {"text": self.text, "start": self.start, "end": self.end}


def may_report_border_incident(text: str, title: str = "") -> bool:
    """False when an article cannot hold a border incident (the cheap pre-check).

    True when the headline or text holds a border word or a state's forces,
    weapons or diplomacy; every reason of :func:`assign_relevance` needs one.

    Parameters
    ----------
    text : str
        The article body.
    title : str, optional
        Its headline, when not part of the body.
    """
    return bool(_CUES.found(f"{title}\n{text}".lower()))


@lru_cache(maxsize=1)
def _borders():
    """The border-lines pack, read once."""
    from geo.regions import borders

    return borders()


@lru_cache(maxsize=1)
def neighbours() -> frozenset[tuple[str, str]]:
    """Pairs of ISO 3166-1 codes of countries that share a land border (both orders)."""
    b = _borders()
    pairs = set(zip(b["country_a"], b["country_b"], strict=True))
    return frozenset(pairs | {(y, x) for x, y in pairs})


def _border_words(text: str, start: int, end: int, international: bool) -> list[Evidence]:
    """Border words in ``text[start:end]``; the ambiguous ones only if ``international``."""
    s = text[start:end]
    found = list(_BORDER.rx.finditer(s))
    if not found:
        return []
    blocked = [(m.start(), m.end()) for m in _NOT_A_BORDER.finditer(s)]
    out = []
    for m in found:
        if any(a <= m.start() < b for a, b in blocked):
            continue
        if not international and not _INTERNATIONAL.match(s, m.start()):
            continue  # "the border" in a one-country article; "border guards" in any
        out.append(Evidence(m.group(0), start + m.start(), start + m.end()))
    return out


def _state_words(text: str, start: int, end: int) -> list[Evidence]:
    """A state's forces or attacks; a weapon only when the sentence does something with it."""
    s = text[start:end]
    used = None
    out = []
    for m in _STATE.rx.finditer(s):
        if _WEAPON_TRIGGER.fullmatch(m.group(0)):
            used = bool(_WEAPON_USED.search(s)) if used is None else used
            if not used:
                continue
        out.append(Evidence(m.group(0), start + m.start(), start + m.end()))
    return out


# State words that a local police story also uses: not enough for the frontier area.
_NOT_MILITARY = re.compile(r"fir|gunfire|bomb(?!ard)|cease|truce|cross", re.I)


@lru_cache(maxsize=512)
def _border_lines(country: str):
    b = _borders()
    lines = b.geometry.values[((b["country_a"] == country) | (b["country_b"] == country)).values]
    return shapely.union_all(lines) if len(lines) else None


def _at_frontier(location) -> bool:
    """True for a place within FRONTIER_KM of its country's border, or a province on it."""
    if location is None or location.kind == "country" or not location.countries:
        return False
    if location.border:
        return True
    try:
        line = _border_lines(location.countries[0])
    except (KeyError, ValueError, LookupError):
        return False
    if line is None:
        return False
    if location.kind in ("admin1", "region"):
        return bool(shapely.dwithin(location.geometry, line, 0.05))
    here = shapely.Point(location.lon, location.lat)
    _, there = shapely.ops.nearest_points(here, line)
    return _haversine_km(here.x, here.y, there.x, there.y) <= FRONTIER_KM


def _haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _neighbour_pair(
    refs: Sequence[_Ref], place_countries: Iterable[str], pairs: frozenset[tuple[str, str]]
) -> tuple[str, str] | None:
    named = list(dict.fromkeys([*(r.country for r in refs), *place_countries]))
    for i, a in enumerate(named):
        for b in named[i + 1 :]:
            if (a, b) in pairs:
                return a, b
    return None


def _happens(inc: Incident, sentences: list[str]) -> bool:
    """False for a bare weapon noun that nothing is done with."""
    if not _WEAPON_TRIGGER.fullmatch(inc.trigger.strip()):
        return True
    return any(_WEAPON_USED.search(s) for s in sentences)


def _not_yet(inc: Incident) -> bool:
    """True for a statement whose act has not happened ("has yet to be signed")."""
    at = inc.quote.find(inc.trigger) if inc.trigger else -1
    return at > 0 and bool(_NOT_YET.search(inc.quote[max(0, at - 40) : at]))


def _violent_or_unexplained(sentence: str) -> bool:
    """False when the sentence's deaths have a cause that is not violence."""
    return not _NOT_VIOLENCE.search(sentence) or bool(_VIOLENCE.search(sentence))


def _quotes(inc: Incident) -> list[tuple[int, int]]:
    """The spans of the article the incident was read from (its first source)."""
    quotes = inc.sources[0]["quotes"] if inc.sources else []
    spans = [(q["start"], q["end"]) for q in quotes]
    return spans or [(inc.quote_start, inc.quote_end)]


def _countries(inc: Incident) -> tuple[str, ...]:
    return inc.location.countries if inc.location is not None else ()


def assign_relevance(
    incidents: list[Incident],
    text: str,
    refs: Sequence[_Ref],
    *,
    title: str = "",
    article_id: str = "",
    keep: str = "border",
) -> list[Incident]:
    """Give each incident the reason it is a border incident; drop the others.

    Parameters
    ----------
    incidents : list of Incident
        One article's incidents, in order.
    text : str
        The article text their offsets index.
    refs : sequence
        The article's place and country references (``start``, ``end``,
        ``surface``, ``country``), in text order.
    title : str, optional
        The headline, when not part of the text.
    article_id : str, optional
        The article's id, kept with the evidence (merged incidents have several).
    keep : {"border", "violent", "all"}
        Keep the border incidents only, also the other violent events, or every
        event; those that are not border incidents have ``border_reason`` None
        (the flag).

    Returns
    -------
    list of Incident
        The border incidents (and the others ``keep`` asks for), each with
        ``border_reason`` and ``border_evidence`` set.
    """
    if keep not in KEEP:
        raise ValueError(f"keep must be one of {KEEP}, not {keep!r}")
    if not incidents:
        return incidents
    countries = {r.country for r in refs}
    # the ambiguous words ("the border") count where the article names two countries or
    # an unmistakably international feature ("border guards", "cross-border")
    international = len(countries) >= 2 or any(
        _INTERNATIONAL.match(text, e.start) for e in _border_words(text, 0, len(text), True)
    )
    pairs = neighbours()

    def in_sentence(start: int, end: int) -> list[Evidence] | None:
        return [r for r in refs if start <= r.start < end]

    story: list[Evidence] = []
    story_countries: set[str] = set()
    qualified: dict[int, tuple[str, list[Evidence]]] = {}
    dropped: set[int] = set()
    for k, inc in enumerate(incidents):
        quotes = _quotes(inc)
        sentences = [text[a:b] for a, b in quotes]
        if (
            inc.physical
            and not (
                any(_violent_or_unexplained(s) for s in sentences) and _happens(inc, sentences)
            )
        ) or (not inc.physical and _not_yet(inc)):
            dropped.add(k)  # "nine people have died from Ebola", "Palestinian rockets"
            continue
        for qs, qe in quotes:
            srefs = in_sentence(qs, qe)
            words = _border_words(text, qs, qe, international)
            if words:
                qualified[k] = ("border_words", words[:1])
                break
            if inc.event_type in _SENTENCE_REASONS_NOT_STATE:
                continue
            state = _state_words(text, qs, qe)
            if inc.event_type in _MILITARY_ONLY:
                state = [e for e in state if not _NOT_MILITARY.search(e.text)]
            pair = _neighbour_pair(srefs, _countries(inc), pairs) if state else None
            if pair:
                named = [next((r for r in srefs if r.country == c), None) for c in pair]
                spans = [state[0]] + [
                    Evidence(r.surface, r.start, r.end) for r in named if r is not None
                ]
                qualified[k] = ("neighbour_states", spans)
                break
            military = [e for e in state if not _NOT_MILITARY.search(e.text)]
            if military and _at_frontier(inc.location):
                where = inc.location.written or inc.location.name
                at = text.find(where, qs, qe) if where else -1
                spans = [military[0]]
                if at >= 0:
                    spans.append(Evidence(where, at, at + len(where)))
                qualified[k] = ("frontier_area", spans)
                break
        if k in qualified and inc.physical:
            # a physical border incident makes the article a border story
            qs, qe = quotes[0]
            story_countries |= {r.country for r in in_sentence(qs, qe)} | set(_countries(inc))
            story = story or qualified[k][1][:1]
    # a headline or lead that names a border beside a state's forces: a border story
    lead = _border_words(text, 0, min(len(text), _LEAD_CHARS), international)
    headline = _border_words(title, 0, len(title), international)
    forces = _state_words(text, 0, min(len(text), _LEAD_CHARS)) or _state_words(
        title, 0, len(title)
    )
    if (lead or headline) and forces:
        story = story or [lead[0] if lead else Evidence(headline[0].text, None, None)]
        story_countries |= {r.country for r in refs if r.start < _LEAD_CHARS}
    out = []
    for k, inc in enumerate(incidents):
        if k in dropped and keep != "all":
            continue
        reason, evidence = qualified.get(k, (None, []))
        if reason is None and story:
            where = set(_countries(inc))
            if not inc.physical:
                # a statement in a border story names one of its states, or points to the
                # story's event or parties ("both sides", "the incident", "flag meeting")
                where = {r.country for a, b in _quotes(inc) for r in in_sentence(a, b)}
                linked = any(_STORY_LINK.search(text[a:b]) for a, b in _quotes(inc))
                where = set() if linked else where or {"-"}
            if not where or where & story_countries:
                reason, evidence = "border_story", story
        kept = keep == "all" or (keep == "violent" and inc.event_type in VIOLENT_TYPES)
        if reason is None and not kept:
            continue
        inc.border_reason = reason
        inc.border_evidence = [{**e.to_record(), "article_id": article_id} for e in evidence]
        if reason is None:
            inc.notes.append(f"not a border incident (kept with keep={keep})")
        out.append(inc)
    return out
