"""The incident record: one event at one place and time, with where it was read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from geo.extract.dates import EventDate
from geo.extract.events import ACLED_TYPES, PHYSICAL_TYPES
from geo.extract.locations import Location

__all__ = ["RECORD_FIELDS", "Incident"]

#: The fields of an incident record (:meth:`Incident.to_record`), in order.
RECORD_FIELDS = (
    "incident_id",
    "event_type",
    "acled_event_type",
    "acled_sub_event_type",
    "event_date",
    "date_start",
    "date_end",
    "date_precision",
    "time_precision",
    "date_inferred",
    "actor1",
    "actor2",
    "killed",
    "wounded",
    "casualties",
    "claimed_by",
    "denied_by",
    "location",
    "place",
    "place_ids",
    "location_kind",
    "geo_precision",
    "location_countries",
    "location_admin1",
    "location_border",
    "longitude",
    "latitude",
    "quote",
    "quote_start",
    "quote_end",
    "sources",
    "notes",
    "evidence",
)


@dataclass
class Incident:
    """One event at one place and time, with where it was read.

    The flat field names (:meth:`to_record`) are the contract every later step
    and export uses.
    """

    event_type: str
    date: EventDate
    location: Location | None
    quote: str
    quote_start: int
    quote_end: int
    sources: list[dict]
    actor1: str | None = None
    actor2: str | None = None
    killed: int | None = None
    wounded: int | None = None
    casualties: list[dict] = field(default_factory=list)
    claimed_by: list[str] = field(default_factory=list)
    denied_by: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    trigger: str = ""
    #: The words each field was read from: ``{"field", "text", "start", "end"}`` with
    #: offsets in the article text (``field`` is ``"trigger"``, ``"date"``, ``"place"``,
    #: ``"killed"`` or ``"wounded"``), in article order.
    evidence: list[dict] = field(default_factory=list)
    date_inferred: bool = False  #: the date is the story's or report's (no time words of its own)
    context_location: Location | None = field(default=None, repr=False)

    @property
    def physical(self) -> bool:
        """True for physical incidents, False for statements and agreements."""
        return self.event_type in PHYSICAL_TYPES or self.event_type == "other"

    @property
    def id(self) -> str:
        """Stable id from the first source's article, quote offset, type and place."""
        src = self.sources[0]
        place = self.location.place_ids if self.location else ()
        key = f"{src['article_id']}|{src['quotes'][0]['start']}|{self.event_type}|{','.join(place)}"
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def to_record(self) -> dict:
        """Flat record with the contract field names (dates as ISO strings)."""
        loc = self.location
        acled_type, acled_sub = ACLED_TYPES[self.event_type]
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "incident_id": self.id,
            "event_type": self.event_type,
            "acled_event_type": acled_type,
            "acled_sub_event_type": acled_sub,
            "event_date": iso(self.date.event_date),
            "date_start": iso(self.date.start),
            "date_end": iso(self.date.end),
            "date_precision": self.date.precision,
            "time_precision": self.date.time_precision,
            "date_inferred": self.date_inferred,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "killed": self.killed,
            "wounded": self.wounded,
            "casualties": self.casualties,
            "claimed_by": "; ".join(self.claimed_by) or None,
            "denied_by": "; ".join(self.denied_by) or None,
            "location": loc.written if loc else None,
            "place": loc.name if loc else None,
            "place_ids": list(loc.place_ids) if loc else [],
            "location_kind": loc.kind if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "location_countries": list(loc.countries) if loc else [],
            "location_admin1": list(loc.admin1_codes) if loc else [],
            "location_border": loc.border if loc else None,
            "longitude": loc.lon if loc else None,
            "latitude": loc.lat if loc else None,
            "quote": self.quote,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "sources": self.sources,
            "notes": "; ".join(self.notes) or None,
            "evidence": self.evidence,
        }
