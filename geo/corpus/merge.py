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

__all__ = ["WIDE_CELLS", "merge_blocked", "merge_groups", "merge_stage"]

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


def _order(incidents: list[Incident]) -> list[Incident]:
    """The syndicated-text pass, then the sweep order of :func:`merge_incidents`."""
    far = dt.date.max
    # the same text told by two outlets first (blocked by word 3-grams), as merge_incidents does
    incidents = _merge_syndicated(incidents)
    return sorted(incidents, key=lambda i: (i.date.start or far, i.event_type))


def _sweep(items: list[tuple[int, Incident]]) -> list[tuple[int, Incident]]:
    """Merge ``(position, incident)`` pairs given in sweep order; those left, in order."""
    out: list[tuple[int, Incident]] = []
    blocks: dict[str, _TypeBlocks] = defaultdict(_TypeBlocks)
    for seq, inc in items:
        # across articles, an incident without a date or a place is never the same as another
        if not inc.date.known or inc.location is None:
            out.append((seq, inc))
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
        out.append((seq, inc))
        typed.add(seq, inc)
    return out


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
    return [inc for _, inc in _sweep(list(enumerate(_order(incidents))))]


class _Groups:
    """Union-find over the sweep: incidents that might ever be compared end up together.

    A merged incident always carries the date of one of its reports and the place of
    one of its reports (:func:`~geo.extract.merge.absorb` takes them whole). So an
    incident can only meet a group whose widest date (the latest end of its reports)
    reaches its start, and whose reports' cells touch its own — or that holds a
    footprint too wide for cells, which meets every group of its type. Groups that
    never meet merge independently: the union of their sweeps is the whole sweep.
    """

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.end: dict[int, dt.date] = {}
        self.wide: set[int] = set()

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, seq: int, roots: set[int], end: dt.date, wide: bool) -> int:
        for r in roots:
            self.parent[r] = seq
            end = max(end, self.end.pop(r))
            if r in self.wide:
                self.wide.discard(r)
                wide = True
        self.end[seq] = end
        if wide:
            self.wide.add(seq)
        return seq


def merge_groups(order: list[Incident]) -> list[list[int]]:
    """Positions in ``order`` (sweep order) of incidents that may merge with each other.

    Blocking by event type, date window and 1° grid cell (widened by the merge
    distance): two incidents of different groups can never be the same incident,
    whatever merges first. Undated and unplaced incidents are groups of one.

    Parameters
    ----------
    order : list of Incident
        In the sweep order of :func:`merge_blocked`.

    Returns
    -------
    list of list of int
        Each group's positions, ascending; groups by their first position.
    """
    groups = _Groups(len(order))
    # per event type: cell -> positions seen there; open groups (and by end); wide groups
    cells: dict[str, dict[tuple[int, int], list[int]]] = defaultdict(lambda: defaultdict(list))
    live: dict[str, set[int]] = defaultdict(set)
    ends: dict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    wide: dict[str, set[int]] = defaultdict(set)
    for seq, inc in enumerate(order):
        if not inc.date.known or inc.location is None:
            continue
        start, kind = inc.date.start, inc.event_type
        open_, by_end, wide_open = live[kind], ends[kind], wide[kind]
        while by_end and by_end[0][0] < start:  # groups that ended before this start
            _, r = heapq.heappop(by_end)
            if r not in open_:
                continue
            if groups.end[r] >= start:  # it grew since
                heapq.heappush(by_end, (groups.end[r], r))
                continue
            open_.discard(r)
            wide_open.discard(r)
        mine = _cells(inc)
        if mine is None:
            roots = set(open_)
        else:
            roots = set(wide_open)
            typed = cells[kind]
            for cell in mine:
                bucket = typed.get(cell)
                if not bucket:
                    continue
                kept = []
                for m in bucket:
                    r = groups.find(m)
                    if groups.end[r] >= start:  # a group ended before this start never reopens
                        kept.append(m)
                        roots.add(r)
                typed[cell] = kept
        root = groups.union(seq, roots, inc.date.end, mine is None)
        open_.difference_update(roots)
        wide_open.difference_update(roots)
        open_.add(root)
        heapq.heappush(by_end, (groups.end[root], root))
        if root in groups.wide:
            wide_open.add(root)
        if mine is not None:
            for cell in mine:
                cells[kind][cell].append(seq)
    members: dict[int, list[int]] = defaultdict(list)
    for seq in range(len(order)):
        members[groups.find(seq)].append(seq)
    return sorted(members.values(), key=lambda g: g[0])


def _merge_shard(items: list[tuple[int, Incident]]) -> list[tuple[int, Incident]]:
    """One task of the merge stage: the sweep over some independent groups."""
    return _sweep(items)


def merge_stage(incidents: list[Incident], engine, shards: int | None = None) -> list[Incident]:
    """:func:`merge_blocked` as a second stage on an engine's workers.

    The client orders the incidents and cuts them into independent groups
    (:func:`merge_groups`: event type × date window × grid cell), packs the groups
    into about four shards per worker, and each worker sweeps its shards; the result
    is the same as :func:`merge_blocked`, incident for incident and in the same order.

    Parameters
    ----------
    incidents : list of Incident
    engine : Engine
        An entered :class:`~geo.corpus.run.Engine`.
    shards : int, optional
        How many tasks (default: four per worker).

    Returns
    -------
    list of Incident
    """
    order = _order(incidents)
    groups = merge_groups(order)
    k = max(1, min(len(groups), shards or engine.workers * 4))
    bins: list[list[int]] = [[] for _ in range(k)]
    load = [(0, b) for b in range(k)]  # largest groups first, each to the lightest shard
    for group in sorted(groups, key=len, reverse=True):
        size, b = heapq.heappop(load)
        bins[b].extend(group)
        heapq.heappush(load, (size + len(group), b))
    tasks = [[(seq, order[seq]) for seq in sorted(b)] for b in bins if b]
    kept = [pair for part in engine.map(_merge_shard, tasks) for pair in part]
    kept.sort(key=lambda pair: pair[0])
    return [inc for _, inc in kept]
