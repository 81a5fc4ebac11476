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
import datetime as dt
import re
from typing import TYPE_CHECKING, NamedTuple

from geo.extract.dates import UNKNOWN, EventDate, find_time_expressions, resolve_time
from geo.extract.events import (
    EVENT_WORD as _EVENT_WORD,
)
from geo.extract.events import (
    count_casualties,
    find_triggers,
    split_clauses,
)
from geo.extract.locations import Location, border_location, place_location
from geo.extract.merge import (
    FOLLOW_UP_DISTANCE_KM,
    MAX_DISTANCE_KM,
    PRECISION_ORDER,
    absorb,
    compatible,
)
from geo.extract.record import Incident
from geo.extract.relevance import assign_relevance, may_report_border_incident
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
    r"\b(?:there|nearby|the\s+same\s+(?:\w+\s+){0,2}(?:area|region|place|section|sector|village)"
    r"|the\s+area)\b",
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
_CIVILIAN_WHO = re.compile(
    r"\b(?:civilians?|villagers?|farmers?|shepherds?|residents?|children)\b", re.I
)


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
        # A continent has no footprint in the packs and never locates a border incident.
        resolved = {
            (r.mention.start, r.mention.end): r.place
            for r in self.gaz.resolve(text, mentions)
            if r.place is not None and r.place.kind != "continent"
        }
        out = []
        for m in mentions:
            if m.role == "context":
                if m.context_country:
                    out.append(_Ref(m.start, m.end, m.surface, m.context_country, None))
                continue
            place = resolved.get((m.start, m.end))
            if place is not None:
                out.append(_Ref(m.start, m.end, m.surface, place.country, place))
        return out

    # -- the article --------------------------------------------------------

    def extract(self, article: Article) -> list[Incident]:
        text = article.text
        refs = self.article_refs = self.refs(text)
        published = article.published
        incidents: list[Incident] = []
        scene = _Scene(self, published)
        source = article.source()
        ri = 0
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
                continue
            s = sent.text
            if not _EVENT_WORD.search(s):
                # Nothing happens in this sentence; it may still set the scene ("Patrols
                # have been tense all week along the Tavush–Qazax line"), which is worked
                # out only if a later sentence points back to it.
                scene.add(s, srefs)
                continue
            srefs = [self._mark(s, r) for r in srefs]
            exprs = find_time_expressions(s)
            # the story's date and place so far matter only to "days after", "there", …
            anaphoric = any(e.kind in ("anaphoric", "next_day") for e in exprs)
            last_date = scene.date() if anaphoric else UNKNOWN
            last_location = scene.location() if _ANAPHORA.search(s) else None
            sentence_date, speech_date, history = self._sentence_dates(exprs, published, last_date)
            new: list[Incident] = []
            clauses = split_clauses(s)
            casualties = count_casualties(s)
            for cs, ce in clauses:
                clause = s[cs:ce]
                cexprs = [e for e in exprs if cs <= e.start < ce]
                if any(e.history for e in cexprs) or _is_past(cexprs, published):
                    continue
                physical, statements, denial = find_triggers(clause)
                crefs = [r for r in srefs if cs <= r.start < ce]
                if denial:
                    self._deny(s, cs, crefs, srefs, physical, incidents + new)
                    continue
                clause_casualties = [c for c in casualties if cs <= c.start < ce]
                hurt = any(c.count for c in clause_casualties)
                if physical and not (physical[0].event_type == "other" and hurt):
                    event_type = physical[0].event_type
                    trigger = physical[0].text
                elif hurt:
                    civil = all(c.civilian for c in clause_casualties if c.count)
                    event_type = "attack_on_civilians" if civil else "armed_clash"
                    trigger = clause_casualties[0].who
                elif statements:
                    event_type = "agreement_or_statement"
                    trigger = statements[0].text
                else:
                    if clause_casualties and not physical:
                        # "No casualties were reported." completes the incident before it
                        self._zero_casualties(clause_casualties, incidents + new)
                    continue
                is_physical = event_type != "agreement_or_statement"
                own = self._best_date(cexprs, published, last_date, speech=not is_physical)
                date = own if own.known else sentence_date
                if not date.known and not is_physical:
                    date = speech_date
                if not date.known and is_physical and speech_date.known:
                    date = EventDate(
                        speech_date.start - dt.timedelta(days=6), speech_date.end, "week"
                    )
                    note = "date from the report's date (the event happened on or before it)"
                else:
                    note = None
                locations = self._locate(s, cs, ce, crefs, srefs, last_location, event_type)
                parties = self._parties(s, srefs)
                claimant = self._claimant(s, srefs) if is_physical else None
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
                    if claimant:
                        inc.claimed_by.append(self.country_name(claimant))
                    self._actors(inc, s, parties, srefs, clause_casualties or casualties, claimant)
                    if k == 0 and is_physical:
                        self._count(inc, casualties, s, srefs)
                    elif k > 0 and is_physical and any(c.count for c in casualties):
                        inc.notes.append("casualties reported jointly with the first place")
                    new.append(inc)
            if history and not new:
                continue
            for inc in new:
                if inc.location is not None and inc.physical:
                    scene.set_location(inc.location)
            if not new or all(i.location is None for i in new):
                scene.add(s, srefs, marked=True, dated=False)
            dated = [i.date for i in new if i.date.known] or (
                [sentence_date] if sentence_date.known else []
            )
            if dated:
                scene.set_date(dated[0])
            elif speech_date.known:
                scene.set_date(speech_date)
            incidents.extend(new)
        return _merge_within_article(incidents)

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
            elif e.kind == "next_day":
                d = (
                    EventDate(
                        last_date.start + dt.timedelta(days=1),
                        last_date.end + dt.timedelta(days=1),
                        last_date.precision,
                    )
                    if last_date.known
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
        dateline = (
            r.start == 0 and r.surface.isupper() and bool(re.match(r"\s*[(,—–-]", s[r.end :]))
        )
        seat = (
            dateline
            or bool(_SEAT.search(before))
            or (
                r.place is not None
                and r.place.feature == "PPLC"
                and bool(_SPEAKER_AFTER.match(s[r.end : r.end + 12]))
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
        specific = self._specific(places)
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
        if len({r.country for r in countries}) == 1:
            return [place_location(countries[0].place, countries[0].surface)]
        return []

    def _specific(self, places: list[_Ref]) -> list[_Ref]:
        """Named places below country level, without the ones that contain another."""
        specific = [r for r in places if r.place.kind != "country"]
        seen: set[str] = set()
        out = []
        for r in specific:
            if r.place.id in seen:
                continue
            contained = any(
                o is not r
                and o.place.kind == "populated_place"
                and r.place.kind in ("admin1", "region")
                and (
                    o.place.admin1_code == r.place.admin1_code
                    or o.place.admin1_code in r.place.members
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
        killed = [c for c in casualties if c.kind == "killed"]
        wounded = [c for c in casualties if c.kind == "wounded"]
        if killed:
            inc.killed = sum(c.count for c in killed)
        if wounded:
            inc.wounded = sum(c.count for c in wounded)
        side = None
        by_side: dict[str | None, dict] = {}
        for c in casualties:
            refs = [r for r in srefs if c.start <= r.start < c.end]
            if refs:
                side = refs[0].country
            elif not re.search(r"\bothers?\b", c.who, re.I):
                side = side if not c.who else None
            entry = by_side.setdefault(side, {"country": side, "killed": None, "wounded": None})
            entry[c.kind] = (entry[c.kind] or 0) + c.count
        inc.casualties = list(by_side.values()) if casualties else []

    @staticmethod
    def _zero_casualties(casualties, incidents) -> None:
        physical = [i for i in incidents if i.physical]
        if not physical:
            return
        inc = physical[-1]
        for c in casualties:
            if c.count == 0 and getattr(inc, c.kind) is None:
                setattr(inc, c.kind, 0)

    def _deny(self, s, cs, crefs, srefs, physical, incidents) -> None:
        denier = None
        m = re.search(
            r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|refuted)\b", s[cs:], re.I
        )
        pos = cs + (m.start() if m else 0)
        before = [r for r in srefs if r.end <= pos]
        if before:
            denier = before[-1].country
        want = physical[0].event_type if physical else None
        answered = [i for i in incidents if i.physical]
        matching = [i for i in answered if i.event_type == want] or answered
        if matching and denier:
            name = self.country_name(denier)
            if name not in matching[-1].denied_by:
                matching[-1].denied_by.append(name)


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


def _is_past(exprs, published) -> bool:
    """A clause dated more than a year before publication is background."""
    if published is None:
        return False
    for e in exprs:
        if e.speech:
            continue
        d = resolve_time(e, published)
        if d.known and d.end < published - dt.timedelta(days=365):
            return True
    return False


def _merge_within_article(incidents: list[Incident]) -> list[Incident]:
    """Fold follow-up sentences into the incident they continue.

    An incident merges into the most recent earlier incident of the same type
    when their dates and areas are compatible (an unknown date or location is
    compatible with anything).
    """
    out: list[Incident] = []
    for inc in incidents:
        target = None
        for prev in reversed(out):
            if prev.event_type == inc.event_type and inc.physical:
                # an undated follow-up continues the incident before it, a little further
                # afield too (each side names its own nearby village)
                reach = MAX_DISTANCE_KM if inc.date.known else FOLLOW_UP_DISTANCE_KM
                if compatible(prev, inc, same_article=True, max_km=reach):
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


def extract_incidents(
    article: Article, gazetteer: Gazetteer, *, all_violent: bool = False
) -> list[Incident]:
    """Border incidents reported by one article, each with the reason it is one.

    Parameters
    ----------
    article : Article
    gazetteer : Gazetteer
        A loaded gazetteer (``Gazetteer.load()``), reused across articles.
    all_violent : bool
        Also keep violent events that are not border incidents, flagged by
        ``border_reason`` None (see :mod:`geo.extract.relevance`).

    Returns
    -------
    list of Incident
        Physical incidents and statements (``event_type ==
        "agreement_or_statement"``) in the order the article reports them.
    """
    if not all_violent and not may_report_border_incident(article.text, article.title):
        return []  # the cheap gate: no border or state word, no place lookup
    extractor = _Extractor(gazetteer)
    incidents = extractor.extract(article)
    return assign_relevance(
        incidents,
        article.text,
        extractor.article_refs,
        title=article.title,
        article_id=article.id,
        all_violent=all_violent,
    )
