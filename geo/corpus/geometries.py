"""Footprints travel once per partition, not once per incident.

Many incidents share a footprint (an admin-1 polygon, a border section at full
Natural Earth resolution); pickled with each incident, the same polygon would be
written by the worker and parsed by the client again and again. The worker puts each
distinct footprint into a table once (:func:`pack`) and the client parses each one
once per run (:func:`unpack`, keyed by its WKB).
"""

from __future__ import annotations

import dataclasses
import hashlib

import shapely

from geo.extract.record import Incident

__all__ = ["pack", "unpack"]

_SLOTS = ("location", "context_location")


def pack(incidents: list[Incident]) -> list[bytes]:
    """Take the footprints out of ``incidents`` (in place); return the table of WKB."""
    table: list[bytes] = []
    index: dict[int, int] = {}
    for inc in incidents:
        for slot in _SLOTS:
            loc = getattr(inc, slot)
            if loc is None or loc.geometry is None:
                continue
            k = index.get(id(loc.geometry))
            if k is None:
                k = index[id(loc.geometry)] = len(table)
                table.append(shapely.to_wkb(loc.geometry))
            setattr(inc, slot, dataclasses.replace(loc, geometry=k))
    return table


def unpack(incidents: list[Incident], table: list[bytes], cache: dict[bytes, object]) -> None:
    """Put the footprints back into ``incidents`` (in place), each WKB parsed once per cache."""
    geoms = []
    for wkb in table:
        key = hashlib.sha1(wkb).digest()
        g = cache.get(key)
        if g is None:
            g = cache[key] = shapely.from_wkb(wkb)
        geoms.append(g)
    for inc in incidents:
        for slot in _SLOTS:
            loc = getattr(inc, slot)
            if loc is not None and isinstance(loc.geometry, int):
                setattr(inc, slot, dataclasses.replace(loc, geometry=geoms[loc.geometry]))
