"""Merge incidents reported more than once: within one article and across articles.

Two reports are one incident when they share the event type, their date ranges
overlap, their footprints lie within :data:`MAX_DISTANCE_KM` of each other
(measured in a local projected CRS) and their actors do not contradict each
other. Sharing a province is not enough: two incidents pinned to towns 40 km
apart in one province stay two incidents.
"""

from __future__ import annotations

import math

from geo.extract.dates import DATE_PRECISIONS as PRECISION_ORDER
from geo.extract.record import Incident
from geo.measure import distance_km

__all__ = [
    "FOLLOW_UP_DISTANCE_KM",
    "MAX_DISTANCE_KM",
    "PRECISION_ORDER",
    "absorb",
    "compatible",
    "merge_incidents",
]

#: Footprints further apart than this are different incidents.
MAX_DISTANCE_KM = 10.0
#: Inside one article, an undated follow-up sentence may sit this far from the incident.
FOLLOW_UP_DISTANCE_KM = 50.0


def _actors(inc: Incident) -> set[str]:
    return {a for a in (inc.actor1, inc.actor2) if a}


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
        if a.date.known and b.date.known and not a.date.overlaps(b.date):
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
    aa, ab = _actors(a), _actors(b)
    if len(aa) == 2 and len(ab) == 2 and not aa & ab:
        return False  # two fully named, entirely different pairs of sides
    if a.location is None or b.location is None or a.location == b.location:
        return True
    ga, gb = a.location.geometry, b.location.geometry
    # a degree of latitude is 111 km: boxes further apart than that are too far anyway
    margin = max_km / 111.0 / max(0.2, math.cos(math.radians(min(abs(a.location.lat), 80))))
    ax0, ay0, ax1, ay1 = ga.bounds
    bx0, by0, bx1, by1 = gb.bounds
    if ax0 - margin > bx1 or bx0 - margin > ax1 or ay0 - margin > by1 or by0 - margin > ay1:
        return False
    return distance_km(ga, gb) <= max_km


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
        other.location is not None and other.location.rank < into.location.rank
    ):
        into.location = other.location
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
        into.notes = [n for n in into.notes if not n.startswith("date from the report")]
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


def _articles(inc: Incident) -> set[str]:
    return {s["article_id"] for s in inc.sources}
