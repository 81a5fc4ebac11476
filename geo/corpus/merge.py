"""Merging at corpus scale: the incidents of ``merge_incidents``, found by blocking.

:func:`geo.extract.merge.merge_incidents` sweeps incidents in date order and compares
each with every incident of its type still open (not ended before it starts): the
cost grows with the number of incidents per date window, all over the world. Here
the open incidents of a type are also indexed by 1° grid cell of their footprint's
box widened by the largest merge distance, so an incident is compared only with
those in its own cells: the date window (the sweep) times the cell. Footprints
wider than :data:`WIDE_CELLS` cells (a country, a long border) are kept aside and
compared with everything of their type. Whenever two incidents could merge their
boxes share a cell, and the first compatible one in the original order wins, so
the result is the same as :func:`~geo.extract.merge.merge_incidents`, incident for
incident.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict

from geo.extract.merge import MAX_DISTANCE_KM, _merge_syndicated, absorb, compatible
from geo.extract.record import Incident

__all__ = ["WIDE_CELLS", "merge_blocked"]

#: Footprints spanning more grid cells than this are compared with every open incident.
WIDE_CELLS = 64
#: Widest margin :func:`compatible` adds to a box (its cosine is floored at 0.2), degrees.
_PAD = MAX_DISTANCE_KM / 111.0 / 0.2 + 0.01


def _cells(inc: Incident) -> list[tuple[int, int]] | None:
    """Grid cells the widened box of ``inc``'s footprint touches; ``None`` when too many."""
    x0, y0, x1, y1 = inc.location.geometry.bounds
    if any(math.isnan(v) for v in (x0, y0, x1, y1)):
        x0 = x1 = inc.location.lon
        y0 = y1 = inc.location.lat
    cx0, cx1 = math.floor(x0 - _PAD), math.floor(x1 + _PAD)
    cy0, cy1 = math.floor(y0 - _PAD), math.floor(y1 + _PAD)
    if (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > WIDE_CELLS:
        return None
    return [(cx, cy) for cx in range(cx0, cx1 + 1) for cy in range(cy0, cy1 + 1)]


class _TypeBlocks:
    """The open incidents of one event type: grid cells, wide ones, and every one by end."""

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[int, Incident]]] = defaultdict(list)
        self.wide: dict[int, Incident] = {}
        self.open: dict[int, Incident] = {}
        self.ends: list[tuple[dt.date, int]] = []

    def prune(self, start: dt.date) -> None:
        """Forget incidents that ended before ``start`` (they cannot overlap again)."""
        while self.ends and self.ends[0][0] < start:
            _, seq = heapq.heappop(self.ends)
            inc = self.open.get(seq)
            if inc is None:
                continue
            if inc.date.end >= start:  # its date moved when it absorbed a report
                heapq.heappush(self.ends, (inc.date.end, seq))
                continue
            del self.open[seq]
            self.wide.pop(seq, None)

    def add(self, seq: int, inc: Incident) -> None:
        self.open[seq] = inc
        heapq.heappush(self.ends, (inc.date.end, seq))
        self.index(seq, inc)

    def index(self, seq: int, inc: Incident) -> None:
        cells = _cells(inc)
        if cells is None:
            self.wide[seq] = inc
            return
        for cell in cells:
            self.cells[cell].append((seq, inc))

    def candidates(self, inc: Incident) -> list[tuple[int, Incident]]:
        """Open incidents whose box may lie within the merge distance of ``inc``, in order."""
        cells = _cells(inc)
        if cells is None:
            found = dict(self.open)
        else:
            found = dict(self.wide)
            for cell in cells:
                bucket = self.cells.get(cell)
                if not bucket:
                    continue
                live = [(s, c) for s, c in bucket if s in self.open]
                if len(live) != len(bucket):
                    self.cells[cell] = live  # drop closed incidents as they are met
                found.update(live)
        return sorted(found.items())


def merge_blocked(incidents: list[Incident]) -> list[Incident]:
    """Merge incidents from several articles that report the same event, by blocking.

    Same result as :func:`geo.extract.merge.merge_incidents` (same incidents, same
    order, same ids) in time near-linear in the number of incidents.

    Parameters
    ----------
    incidents : list of Incident
        Incidents of many articles (each already merged within its article).

    Returns
    -------
    list of Incident
        In date order; undated incidents last.
    """
    far = dt.date.max
    # the same text told by two outlets first (blocked by word 3-grams), as merge_incidents does
    incidents = _merge_syndicated(incidents)
    order = sorted(incidents, key=lambda i: (i.date.start or far, i.event_type))
    out: list[Incident] = []
    blocks: dict[str, _TypeBlocks] = defaultdict(_TypeBlocks)
    for seq, inc in enumerate(order):
        # across articles, an incident without a date or a place is never the same as another
        if not inc.date.known or inc.location is None:
            out.append(inc)
            continue
        typed = blocks[inc.event_type]
        typed.prune(inc.date.start)
        article = inc.sources[0]["article_id"]
        target, target_seq = None, -1
        for s, c in typed.candidates(inc):
            if c.date.end < inc.date.start:
                continue
            if article not in {src["article_id"] for src in c.sources} and compatible(c, inc):
                target, target_seq = c, s
                break
        if target is not None:
            before = target.location
            absorb(target, inc)
            if target.location is not before:
                typed.index(target_seq, target)  # its footprint may have moved
            continue
        out.append(inc)
        typed.add(seq, inc)
    return out
