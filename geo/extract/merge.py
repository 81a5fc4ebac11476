"""Merge incidents reported more than once: within one article and across articles.

Two reports are one incident when they share the event type, their date ranges
overlap, their footprints lie within :data:`MAX_DISTANCE_KM` of each other
(measured in a local projected CRS) and their actors do not contradict each
other. Sharing a province is not enough: two incidents pinned to towns 40 km
apart in one province stay two incidents.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zlib

from geo.extract.dates import DATE_PRECISIONS as PRECISION_ORDER
from geo.extract.locations import Location, unresolved_location
from geo.extract.record import Incident
from geo.measure import distance_km

__all__ = [
    "FOLLOW_UP_DISTANCE_KM",
    "MAX_DISTANCE_KM",
    "PRECISION_ORDER",
    "SYNDICATED_SIMILARITY",
    "absorb",
    "add_evidence",
    "compatible",
    "merge_incidents",
    "refines",
]

#: Footprints further apart than this are different incidents.
MAX_DISTANCE_KM = 10.0
#: Inside one article, an undated follow-up sentence may sit this far from the incident.
FOLLOW_UP_DISTANCE_KM = 50.0


def _actors(inc: Incident) -> set[str]:
    return {a for a in (inc.actor1, inc.actor2) if a}


def _reports_day(inc: Incident) -> bool:
    """True when the date is only inferred as the day of the report (or the day before).

    "…, officials said last week" dates an event firmly before the report; "…, officials
    said on Friday" in Saturday's paper only says when it was reported.
    """
    if not inc.date_inferred or not inc.date.known:
        return False
    published = inc.sources[0].get("published") if inc.sources else None
    if not published:
        return False
    day = dt.date.fromisoformat(published[:10])
    return inc.date.start >= day - dt.timedelta(days=1)


def _hurt_sides(inc: Incident) -> set[str]:
    """The countries whose people the incident's counts are of."""
    return {
        e["country"]
        for e in inc.casualties
        if e.get("country") and (e.get("killed") or e.get("wounded"))
    }


def compatible(
    a: Incident, b: Incident, same_article: bool = False, max_km: float = MAX_DISTANCE_KM
) -> bool:
    """True when ``a`` and ``b`` can be the same incident.

    Parameters
    ----------
    a, b : Incident
    same_article : bool
        Inside one article a sentence without a date or place continues the
        incident before it; across articles both dates must be known and overlap.
    max_km : float
        Footprints further apart are different incidents.
    """
    if a.event_type != b.event_type:
        return False
    if same_article:
        # a date inferred from the report's own day ("…, officials said on Friday") yields
        # to the day the article gives the event elsewhere
        weak = _reports_day(a) or _reports_day(b)
        if a.date.known and b.date.known and not a.date.overlaps(b.date) and not weak:
            return False
    else:
        if not a.date.overlaps(b.date):
            return False
        if a.location is None or b.location is None:
            return False
        if not a.physical and not (
            a.date.precision == "day" and a.date == b.date and a.actor1 == b.actor1
        ):
            return False
    sa, sb = _hurt_sides(a), _hurt_sides(b)
    if sa and sb and not sa & sb:
        return False  # each side's own toll: one incident per side
    aa, ab = _actors(a), _actors(b)
    if len(aa) == 2 and len(ab) == 2 and not aa & ab:
        return False  # two fully named, entirely different pairs of sides
    if a.location is None or b.location is None:
        return True
    ua, ub = a.location.unresolved, b.location.unresolved
    if ua and ub and ua != ub:
        return False  # two places the gazetteer does not know, named apart
    if same_article and bool(ua) != bool(ub):
        # a village the gazetteer lacks and a town it knows, named apart, are two places
        known = b.location if ua else a.location
        if known.kind == "place":
            return False
    if a.location == b.location:
        return True
    if same_article and (refines(a.location, b.location) or refines(b.location, a.location)):
        return True
    if (
        same_article
        and a.location.kind == b.location.kind == "place"
        and not set(a.location.place_ids) & set(b.location.place_ids)
        and (a.location.countries == b.location.countries or not (a.claimed_by or b.claimed_by))
    ):
        # One article naming two towns tells of two incidents, unless each side claims
        # its own account of one exchange, naming its own village across the border.
        return False
    ga, gb = a.location.geometry, b.location.geometry
    # a degree of latitude is 111 km: boxes further apart than that are too far anyway
    margin = max_km / 111.0 / max(0.2, math.cos(math.radians(min(abs(a.location.lat), 80))))
    ax0, ay0, ax1, ay1 = ga.bounds
    bx0, by0, bx1, by1 = gb.bounds
    if ax0 - margin > bx1 or bx0 - margin > ax1 or ay0 - margin > by1 or by0 - margin > ay1:
        return False
    return distance_km(ga, gb) <= max_km


_COARSE = ("country", "border_section", "admin1", "region")


def refines(fine: Location, coarse: Location) -> bool:
    """True when an article's coarse location can be a retelling of a finer one.

    "On the Kyrgyz-Tajik border" and "near the village of X in Batken" are one place
    when told of one event in one article: the finer location lies in the coarse
    one's countries and, where the coarse one names provinces, in one of them.
    """
    if coarse.kind not in _COARSE or fine.rank >= coarse.rank:
        return False
    if not set(fine.countries) <= set(coarse.countries):
        return False
    if coarse.kind in ("admin1", "border_section") and coarse.admin1_codes:
        return bool(set(fine.admin1_codes) & set(coarse.admin1_codes))
    return coarse.kind in ("country", "border_section")


def add_evidence(inc: Incident, spans: list[dict]) -> None:
    """Add evidence spans to ``inc`` once each, kept in article order.

    Spans from several articles are told apart by ``article_id`` when they carry one.
    """
    seen = {(e["field"], e.get("article_id"), e["start"]) for e in inc.evidence}
    for e in spans:
        key = (e["field"], e.get("article_id"), e["start"])
        if key not in seen:
            seen.add(key)
            inc.evidence.append(e)
    inc.evidence.sort(key=lambda e: (e.get("article_id") or "", e["start"], e["field"]))


def absorb(into: Incident, other: Incident) -> None:
    """Fold ``other`` (the same event, reported again) into ``into``."""
    if (
        not into.date.known
        or (into.date_inferred and other.date.known and not other.date_inferred)
        or (
            other.date.known
            and other.date_inferred <= into.date_inferred
            and PRECISION_ORDER.index(other.date.precision)
            < PRECISION_ORDER.index(into.date.precision)
        )
    ):
        into.date, into.date_inferred = other.date, other.date_inferred
    if into.location is None or (
        other.location is not None
        and (
            other.location.rank < into.location.rank
            # the same area, but with the name of the place in it
            or (
                other.location.rank == into.location.rank
                and other.location.unresolved
                and not into.location.unresolved
            )
        )
    ):
        into.location = other.location
    elif (
        other.location is not None
        and other.location.unresolved
        and into.location.kind == "border_section"
        and not into.location.unresolved
        and other.location.kind == "country"
        and set(other.location.countries) <= set(into.location.countries)
    ):
        # "The shoot-out occurred in the district of X in southern Kyrgyzstan": the border
        # stays the footprint, with the name of the place on it
        into.location = unresolved_location(other.location.unresolved, into.location)
    for attr in ("killed", "wounded"):
        mine, theirs = getattr(into, attr), getattr(other, attr)
        if mine is None:
            setattr(into, attr, theirs)
        elif theirs is not None and theirs != mine:
            setattr(into, attr, max(mine, theirs))
            into.notes.append(f"reports differ: {min(mine, theirs)} or {max(mine, theirs)} {attr}")
    if not into.casualties:
        into.casualties = other.casualties
    if into.border_reason is None and other.border_reason is not None:
        into.border_reason, into.border_evidence = other.border_reason, other.border_evidence
        into.notes = [n for n in into.notes if not n.startswith("not a border incident")]
    into.actor1 = into.actor1 or other.actor1
    into.actor2 = into.actor2 or other.actor2
    for attr in ("claimed_by", "denied_by", "notes"):
        lst = getattr(into, attr)
        lst.extend(x for x in getattr(other, attr) if x not in lst)
    if not into.date_inferred:
        into.notes = [n for n in into.notes if not n.startswith("date inferred")]
    add_evidence(into, other.evidence)
    by_article = {s["article_id"]: s for s in into.sources}
    for src in other.sources:
        mine = by_article.get(src["article_id"])
        if mine is None:
            into.sources.append({**src, "quotes": list(src["quotes"])})
            by_article[src["article_id"]] = into.sources[-1]
            continue
        seen = {q["start"] for q in mine["quotes"]}
        mine["quotes"] = sorted(
            mine["quotes"] + [q for q in src["quotes"] if q["start"] not in seen],
            key=lambda q: q["start"],
        )


def merge_incidents(incidents: list[Incident]) -> list[Incident]:
    """Merge incidents from several articles that report the same event.

    The merged incident keeps every source (with its quote), the most precise
    date and location, the union of claims and denials, and notes where
    casualty figures differ.

    Parameters
    ----------
    incidents : list of Incident
        Incidents of many articles (each already merged within its article).

    Returns
    -------
    list of Incident
        In date order; undated incidents last.
    """
    import datetime as dt

    far = dt.date.max
    incidents = _merge_syndicated(incidents)
    order = sorted(incidents, key=lambda i: (i.date.start or far, i.event_type))
    out: list[Incident] = []
    open_by_type: dict[str, list[Incident]] = {}
    for inc in order:
        candidates = open_by_type.setdefault(inc.event_type, [])
        if inc.date.known:
            # drop incidents that ended before this one starts: they cannot overlap again
            candidates[:] = [c for c in candidates if c.date.end >= inc.date.start]
        target = next(
            (
                c
                for c in candidates
                if inc.sources[0]["article_id"] not in _articles(c) and compatible(c, inc)
            ),
            None,
        )
        if target is not None:
            absorb(target, inc)
            continue
        out.append(inc)
        if inc.date.known:
            candidates.append(inc)
    return out


#: Quotes sharing this share of their word 3-grams are one text told by two outlets.
SYNDICATED_SIMILARITY = 0.6
_WORD = re.compile(r"\w+")


def _shingles(text: str) -> tuple[int, ...]:
    """The text's word 3-grams as CRC-32 codes, in text order, each once.

    Stable across processes (unlike ``hash`` of strings, which Python salts per
    process), and ordered, so that which earlier report is looked at first, and so the
    result of merging, never depends on the process or the worker that ran it.
    """
    words = _WORD.findall(text.lower())
    grams = (" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))
    return tuple(dict.fromkeys(zlib.crc32(g.encode("utf-8")) for g in grams))


def _merge_syndicated(incidents: list[Incident]) -> list[Incident]:
    """Fold incidents read from the same (or nearly the same) text in two articles.

    Wire copy runs in many outlets, cut or retitled: the same sentence reporting the
    same type of event is one incident with one source per outlet, whether or not its
    date and place could be read. Dates that contradict each other keep them apart.
    """
    out: list[Incident] = []
    seen: dict[int, list[tuple[Incident, frozenset[int]]]] = {}
    for inc in incidents:
        grams = _shingles(inc.quote)
        sh = frozenset(grams)
        target = None
        checked: set[int] = set()  # a report sharing many 3-grams is looked at once
        for key in grams:
            for prev, psh in seen.get(key, [])[-50:]:  # common phrases: the latest few
                if id(prev) in checked:
                    continue
                checked.add(id(prev))
                if (
                    prev.event_type == inc.event_type
                    and inc.sources[0]["article_id"] not in _articles(prev)
                    and not (
                        prev.date.known and inc.date.known and not prev.date.overlaps(inc.date)
                    )
                    and len(sh & psh) / len(sh | psh) >= SYNDICATED_SIMILARITY
                ):
                    target = prev
                    break
            if target is not None:
                break
        if target is not None:
            absorb(target, inc)
            continue
        out.append(inc)
        for key in grams:
            seen.setdefault(key, []).append((inc, sh))
    return out


def _articles(inc: Incident) -> set[str]:
    return {s["article_id"] for s in inc.sources}
