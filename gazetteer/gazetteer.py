"""The :class:`Gazetteer`: one object to find and resolve place names offline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from gazetteer.filters import feature_word
from gazetteer.index import GazetteerIndex
from gazetteer.mentions import find_mentions
from gazetteer.normalize import name_key, strip_possessive
from gazetteer.outlets import HomeRegion, learn_home_regions, outlet_of
from gazetteer.places import KINDS, Mention, Place, ResolvedMention
from gazetteer.resolve import focus_code_sets, resolve_mentions

__all__ = ["Gazetteer"]


@dataclass
class Gazetteer:
    """Offline world gazetteer: countries, admin-1 units, curated regions, GeoNames places.

    Examples
    --------
    >>> gaz = Gazetteer.load()  # doctest: +SKIP
    >>> [r.place.id for r in gaz.resolve("Clashes in Armenia's Syunik province.")]  # doctest: +SKIP
    ['AM-SU']
    """

    index: GazetteerIndex
    focus: tuple[str, ...] = ()

    def __post_init__(self):
        self.focus = tuple(c.strip().upper() for c in self.focus)
        focus_code_sets(self.focus, self.index)  # an unknown code is an error now, not later

    @classmethod
    def load(
        cls, focus: list[str] | tuple[str, ...] | None = None, rebuild: bool = False
    ) -> Gazetteer:
        """Load the cached index (building it on first use).

        Parameters
        ----------
        focus : list of str, optional
            Codes to bias resolution toward: ISO 3166-1 alpha-2 for countries
            (``"AM"``), ISO 3166-2 for admin-1 units (``"US-TX"``, which brings
            its country along), e.g. the region a local newspaper covers.
        rebuild : bool
            Rebuild the index even when a current cache exists.

        Raises
        ------
        ValueError
            For a focus code that names no country or admin-1 unit.
        """
        return cls(GazetteerIndex.load(rebuild=rebuild), tuple(focus or ()))

    def lookup(
        self, name: str, country: str | None = None, limit: int = 10
    ) -> list[tuple[Place, float]]:
        """Rank the places a bare name may refer to, without any article context.

        Parameters
        ----------
        name : str
            A place name in any spelling.
        country : str, optional
            ISO alpha-2 code: keep candidates in this country only.
        limit : int
            Maximum number of candidates.

        Returns
        -------
        list of (Place, float)
            Candidates with their probability, best first.
        """
        surface = strip_possessive(name.strip())
        m = Mention(0, len(surface), surface, name_key(surface))
        focus = [country.upper()] if country else list(self.focus)
        r = resolve_mentions(surface, [m], self.index, focus)[0]
        ranked = [] if r.place is None else [(r.place, r.score), *r.alternatives]
        if country:
            ranked = [(p, s) for p, s in ranked if p.country == country.upper()]
            if len(ranked) < limit:
                rows, _ = self.index.candidates(m.key)
                code = self.index.country_code.get(country.upper(), -1)
                seen = {p.id for p, _ in ranked}
                extra = [
                    self.index.place(int(r))
                    for r in rows
                    if self.index.arrays["country"][r] == code
                ]
                ranked += [(p, 0.0) for p in extra if p.id not in seen]
        return ranked[:limit]

    def find_mentions(self, text: str) -> list[Mention]:
        """Toponyms and country references in a text, with exact offsets."""
        return find_mentions(text, self.index)

    def resolve(
        self,
        text: str,
        mentions: list[Mention] | None = None,
        reject: bool = True,
        home: HomeRegion | None = None,
    ) -> list[ResolvedMention]:
        """Find and resolve every toponym (and context mention, by role) of a text.

        Parameters
        ----------
        text : str
        mentions : list of Mention, optional
            Mentions already found; found here when omitted.
        reject : bool
            Leave names that nothing in the article supports unresolved.
        home : HomeRegion, optional
            The home region of the article's outlet (see :meth:`home_regions`), a
            weak prior for names the article leaves open.
        """
        mentions = self.find_mentions(text) if mentions is None else mentions
        return resolve_mentions(
            text, mentions, self.index, list(self.focus), reject=reject, home=home
        )

    def home_regions(
        self, texts: Sequence[str], outlets: Sequence[str | None]
    ) -> dict[str, HomeRegion]:
        """Learn each outlet's home region from a first pass over its articles.

        Parameters
        ----------
        texts : sequence of str
            The articles (a title is part of its article: put it first).
        outlets : sequence of str or None
            Each article's source URL or outlet name (see
            :func:`gazetteer.outlets.outlet_of`); None or ``""`` for none.

        Returns
        -------
        dict of str to HomeRegion
            By outlet; outlets with too few articles or no clear home are absent.
        """
        return self._first_pass(texts, outlets)[0]

    def _first_pass(
        self, texts: Sequence[str], outlets: Sequence[str | None]
    ) -> tuple[dict[str, HomeRegion], list[str], list[list[ResolvedMention] | None]]:
        """Home regions, each article's outlet, and its resolution without a home.

        The resolution is None for an article without an outlet.
        """
        if len(outlets) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(outlets)} outlets")
        keys = [outlet_of(o) for o in outlets]
        first = [self.resolve(t) if k else None for t, k in zip(texts, keys, strict=True)]
        return learn_home_regions(keys, [r or [] for r in first]), keys, first

    def resolve_batch(
        self, texts: Sequence[str], outlets: Sequence[str | None] | None = None
    ) -> list[list[ResolvedMention]]:
        """Resolve a batch of articles, with each outlet's home region as a weak prior.

        A first pass learns the home regions (:meth:`home_regions`); a second
        resolves every article with its outlet's. Without outlets, or for an
        outlet with no home, this is :meth:`resolve` on each text.

        Each article of an outlet is resolved twice (once to learn, once with
        the home), so a batch costs about twice :meth:`resolve`.

        Parameters
        ----------
        texts : sequence of str
            The articles (a title is part of its article: put it first).
        outlets : sequence of str or None, optional
            Each article's source URL or outlet name, in the order of ``texts``.

        Returns
        -------
        list of list of ResolvedMention
            Each article's resolution, in the order of ``texts``.
        """
        if outlets is None:
            return [self.resolve(t) for t in texts]
        homes, keys, first = self._first_pass(texts, outlets)
        out = []
        for t, k, r in zip(texts, keys, first, strict=True):
            if k in homes:
                r = self.resolve(t, home=homes[k])
            out.append(r if r is not None else self.resolve(t))
        return out

    def resolve_spans(
        self, text: str, spans: list[tuple[int, int]], home: HomeRegion | None = None
    ) -> list[ResolvedMention]:
        """Resolve toponyms whose spans are given (e.g. by an annotated corpus).

        The text's own mentions still serve as context; the given spans replace
        any found mention that overlaps them. ``home`` is the outlet's home
        region, as in :meth:`resolve`.
        """
        found = self.find_mentions(text)
        same = {(m.start, m.end): m for m in found}
        given = []
        for start, end in spans:
            surface = strip_possessive(text[start:end])
            m = same.get((start, start + len(surface)))
            if m is None:
                m = self._span_mention(start, surface)
            elif m.role != "toponym":
                m = Mention(m.start, m.end, m.surface, m.key)
            given.append(m)
        keep = [m for m in found if not any(m.start < g.end and g.start < m.end for g in given)]
        merged = sorted(keep + given, key=lambda m: m.start)
        resolved = self.resolve(text, merged, reject=False, home=home)
        by_span = {(r.mention.start, r.mention.end): r for r in resolved}
        return [by_span[(g.start, g.end)] for g in given]

    def _span_mention(self, start: int, surface: str) -> Mention:
        """A mention for a given span; a feature word the name does not include is evidence.

        ``"Hamilton Township"`` or ``"Loudon Co."``, when the gazetteer knows no
        place of that whole name, is the place ``"Hamilton"`` with the feature
        word ``"township"``.
        """
        key = name_key(surface)
        head, _, last = surface.rpartition(" ")
        word = feature_word(last) if head else None
        if word and key not in self.index.name_set and key not in self.index.context_names:
            return Mention(start, start + len(surface), surface, name_key(head), feature_word=word)
        return Mention(start, start + len(surface), surface, key)

    def resolve_span(self, text: str, start: int, end: int) -> ResolvedMention:
        """Resolve one toponym whose span is given; see :meth:`resolve_spans`."""
        return self.resolve_spans(text, [(start, end)])[0]

    def place(self, place_id: str) -> Place:
        """The place with this id (GeoNames id, ISO code or region slug)."""
        row = self.index.id_to_row.get(place_id)
        if row is None:
            raise KeyError(f"no place with id {place_id!r}")
        return self.index.place(row)

    def kind_counts(self) -> dict[str, int]:
        """Number of places of each kind in the index."""
        counts = np.bincount(self.index.arrays["kind"], minlength=len(KINDS))
        return dict(zip(KINDS, map(int, counts), strict=True))
