"""The records the gazetteer hands out: places, mentions and resolved mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["KINDS", "Mention", "Place", "ResolvedMention"]

#: Kinds of place, from the largest to the smallest.
KINDS = ("continent", "country", "region", "admin1", "populated_place", "feature")

#: Feature code of the US postal places (GeoNames' "populated locality"), which have no
#: population: see :func:`gazetteer.sources.read_us_postal_places`.
POSTAL_FEATURE = "PPLL"


@dataclass(frozen=True)
class Place:
    """A place the gazetteer knows.

    Attributes
    ----------
    id : str
        Stable id: GeoNames id for populated places and continents (``"616041"``), ISO 3166-2
        for admin-1 units (``"AM-GR"``; Natural Earth's ``adm1_code`` where the
        ISO code repeats), ISO 3166-1 alpha-2 for countries, a slug for
        curated regions (``"nagorno-karabakh"``).
    name : str
    kind : str
        One of :data:`KINDS`.
    feature : str
        Finer type: ``"Province"``, ``"District"``, ``"PPLC"`` (capital), ``"PPL"``, …;
        for seas, rivers and crossings the GeoNames feature code (``"SEA"``, ``"STM"``,
        ``"VAL"``, ``"PSTB"`` border crossing); ``"macro-region"`` for a bloc of
        countries (the European Union), which never locates an incident.
    country : str
        ISO 3166-1 alpha-2 code (empty for continents).
    admin1_code : str
        ISO 3166-2 code of the admin-1 unit the place lies in (its own for admin-1).
    lat, lon : float
        Representative point, EPSG:4326.
    population : int
    source : str
        ``"geonames"``, ``"naturalearth"``, ``"us-census"`` (US counties),
        ``"geonames-admin2"`` (districts outside the US), ``"curated"``
        (regions), ``"features"`` (seas, rivers, valleys and border crossings, whose
        footprints are in :mod:`geo`'s features pack) or ``"user:<file>"``.
    members : tuple of str
        For regions: the ISO 3166-2 codes of the admin-1 units that make its footprint.
    """

    id: str
    name: str
    kind: str
    feature: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    population: int = 0
    source: str = ""
    members: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Plain-dict form, for JSON output."""
        d = self.__dict__.copy()
        d["members"] = list(self.members)
        return d


@dataclass(frozen=True)
class Mention:
    """A toponym (or a country reference used as context) found in a text.

    ``text[start:end] == surface`` always holds.

    Attributes
    ----------
    start, end : int
        Character offsets in the text.
    surface : str
        The name as written (a possessive ``'s`` is not included).
    key : str
        Normalised lookup key.
    role : str
        ``"toponym"`` for a place to map, ``"context"`` for a demonym or a
        country inside an organisation's name (``"Russian Foreign Ministry"``).
    feature_word : str or None
        A feature word next to the name (``"province"``, ``"village"``, …).
    parent : str or None
        An explicit parent written next to the name (``"Armenia"`` in
        ``"Armenia's Gegharkunik province"`` or ``"Sotk, Armenia"``).
    context_country : str or None
        For context mentions: the country they point to.
    """

    start: int
    end: int
    surface: str
    key: str
    role: str = "toponym"
    feature_word: str | None = None
    parent: str | None = None
    context_country: str | None = None


@dataclass(frozen=True)
class ResolvedMention:
    """A mention with the place chosen for it and the ranked alternatives."""

    mention: Mention
    place: Place | None
    score: float
    alternatives: tuple[tuple[Place, float], ...] = field(default=())
    #: why ``place`` is None: ``"unknown"`` (no place of that name in the gazetteer),
    #: ``"unsupported"`` (only candidates that nothing in the article supports) or
    #: ``"spelling"`` (only a loose spelling match); empty when resolved
    reason: str = ""

    def to_dict(self) -> dict:
        """Plain-dict form, for JSON output."""
        m = self.mention
        return {
            "start": m.start,
            "end": m.end,
            "surface": m.surface,
            "role": m.role,
            "feature_word": m.feature_word,
            "place": self.place.to_dict() if self.place else None,
            "score": round(self.score, 3),
            "reason": self.reason,
            "alternatives": [
                {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind,
                    "country": p.country,
                    "score": round(s, 3),
                }
                for p, s in self.alternatives
            ],
        }
