"""Rank the candidate places of each mention with the evidence a reader would use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from gazetteer.filters import ADMIN_WORDS, REGION_WORDS, SETTLEMENT_WORDS
from gazetteer.normalize import skeleton_key
from gazetteer.places import KINDS, Mention, Place, ResolvedMention

if TYPE_CHECKING:
    from gazetteer.index import GazetteerIndex

__all__ = ["haversine_km", "resolve_mentions"]

K_COUNTRY, K_REGION, K_ADMIN1, K_PLACE, K_FEATURE = range(len(KINDS))
_BASE = np.array([7.5, 5.5, 4.0, 0.0, 2.0])  # populated places score by population
_BORDER_WORDS = ("border", "bordering", "frontier", "line of control", "exclave")
_MAX_ALTERNATIVES = 5


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (spherical Earth, R = 6371 km); works on arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


class _Candidates:
    """The candidate places of one name key and what about them never changes.

    Made once per key and reused across articles: rows, name quality, the
    columns resolution reads, and the score from kind, population, capital
    status and name quality.
    """

    __slots__ = ("admin1", "admin_city", "base", "country", "kind", "lat", "lon", "quality")
    __slots__ += ("rows", "skeleton")

    def __init__(self, key: str, index: GazetteerIndex):
        rows, quality = index.candidates(key)
        self.skeleton = False
        if key in index.context_names:
            # A demonym given as a toponym ("Sudanese" in an annotated corpus) is its country.
            row = index.id_to_row.get(index.context_names[key])
            rows = np.array([row], np.int32) if row is not None else rows
            quality = np.zeros(len(rows), np.uint8)
        elif len(rows) == 0 and len(key) >= 5:
            rows = index.skeletons.get(skeleton_key(key), np.empty(0, np.int32))
            quality = np.ones(len(rows), np.uint8)
            self.skeleton = True
        a = index.arrays
        self.rows = np.asarray(rows)
        self.quality = np.asarray(quality)
        self.kind = a["kind"][self.rows]
        self.country = a["country"][self.rows]
        self.admin1 = a["admin1_code"][self.rows]
        self.lat, self.lon = a["lat"][self.rows], a["lon"][self.rows]
        feat = index.strings["feature"]
        is_place = self.kind == K_PLACE
        s = _BASE[self.kind].copy()
        s[is_place] = np.log10(a["population"][self.rows][is_place] + 10.0)
        s += np.array(
            [
                1.5 if feat[r] == "PPLC" and q == 0 else 0.0
                for r, q in zip(self.rows, self.quality, strict=True)
            ]
        )
        s -= np.where(self.quality > 0, np.where(is_place, 0.6, 0.3), 0.0)
        if self.skeleton:
            s -= 1.0
        self.base = s
        self.admin_city = is_place | np.array(
            [feat[r] in ("City", "Municipality") for r in self.rows], bool
        )


_CACHE_LIMIT = 200_000


def _candidates(key: str, index: GazetteerIndex) -> _Candidates:
    cache = index.memo.setdefault("resolve", {})
    c = cache.get(key)
    if c is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        c = cache[key] = _Candidates(key, index)
    return c


class _Group:
    """All mentions of one name in a text, resolved together (one sense per discourse)."""

    def __init__(self, key: str, index: GazetteerIndex):
        self.key = key
        self.mentions: list[Mention] = []
        self.cands = c = _candidates(key, index)
        self.rows = c.rows
        self.skeleton = c.skeleton
        self.scores = np.zeros(len(c.rows))
        self.support = np.zeros(len(c.rows))  #: the article's evidence for each candidate's country
        self.has_context = False  #: the article names countries other than this name's


def _local_scores(g: _Group, lower: str, focus: set[int]) -> np.ndarray:
    c = g.cands
    s = c.base.copy()
    words = {m.feature_word for m in g.mentions if m.feature_word}
    if words & ADMIN_WORDS:
        s += np.where(c.kind == K_ADMIN1, 3.0, np.where(c.kind == K_REGION, 1.5, -1.5))
    if words & REGION_WORDS:
        s += np.where(c.kind == K_REGION, 3.0, np.where(c.kind == K_ADMIN1, 1.0, -1.0))
    if words & SETTLEMENT_WORDS:
        s += np.where(c.admin_city, 3.0, -2.0)
    near_border = any(
        any(w in lower[max(0, m.start - 80) : m.end + 80] for w in _BORDER_WORDS)
        for m in g.mentions
    )
    if near_border:
        s += np.where(c.kind <= K_ADMIN1, 1.5, 0.0)
    if focus:
        s += np.where(np.isin(c.country, list(focus)), 2.5, 0.0)
    return s


def _out_of_context(g: _Group, best: int, index: GazetteerIndex) -> bool:
    """A weak name that nothing else in the article supports is left unresolved.

    Small places (under 10,000 people) and one-word admin-1 names without a
    feature word or parent (``"Pool"``, a region of Congo) are rejected when
    the article names other countries but never this one.
    """
    if not g.has_context or g.support[best] > 0:
        return False
    m0 = g.mentions
    kind = index.arrays["kind"][g.rows[best]]
    fitting = SETTLEMENT_WORDS if kind in (K_PLACE, K_FEATURE) else ADMIN_WORDS | REGION_WORDS
    if any(m.parent or m.feature_word in fitting for m in m0):
        return False
    if kind in (K_PLACE, K_FEATURE):
        return index.arrays["population"][g.rows[best]] < 10_000
    if kind == K_ADMIN1:
        return all(" " not in m.surface and "-" not in m.surface for m in m0)
    return False


def _parent_codes(m: Mention, index: GazetteerIndex) -> tuple[set[int], set[int]]:
    """Country and admin-1 codes that an explicit parent points to."""
    from gazetteer.normalize import name_key

    key = name_key(m.parent)
    countries, admin1s = set(), set()
    if key in index.context_names:
        countries.add(index.country_code.get(index.context_names[key], -1))
    rows, _ = index.candidates(key)
    for r in rows:
        k = index.arrays["kind"][r]
        if k == K_COUNTRY:
            countries.add(int(index.arrays["country"][r]))
        elif k == K_ADMIN1:
            admin1s.add(int(index.arrays["admin1_code"][r]))
    return countries, admin1s


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    index: GazetteerIndex,
    focus: list[str] | None = None,
    reject: bool = True,
) -> list[ResolvedMention]:
    """Choose a place for every toponym mention.

    Evidence, in the order it is added to each candidate's score: kind and
    population, name quality (primary or alternate name), feature words next to
    the name, border vocabulary nearby, the focus countries, explicit parents
    (``"Armenia's X"``, ``"X, Armenia"``), countries the article mentions or
    implies (demonyms, organisations), and distance to the article's other places.

    Parameters
    ----------
    text : str
    mentions : list of Mention
        From :func:`~gazetteer.mentions.find_mentions` (context mentions inform,
        toponyms are resolved).
    index : GazetteerIndex
    focus : list of str, optional
        ISO alpha-2 codes to bias resolution toward.
    reject : bool
        Leave weak names that nothing in the article supports unresolved
        (see :func:`_out_of_context`). Off when the spans are known toponyms.

    Returns
    -------
    list of ResolvedMention
        One per toponym mention, in text order; ``place`` is None when no
        candidate exists.
    """
    focus_codes = {index.country_code[c] for c in (focus or []) if c in index.country_code}
    groups: dict[str, _Group] = {}
    for m in mentions:
        if m.role == "toponym":
            g = groups.get(m.key)
            if g is None:
                g = groups[m.key] = _Group(m.key, index)
            g.mentions.append(m)
    lower = text.lower()
    # Only names with a choice to make are scored; a single candidate wins anyway.
    scored = [g for g in groups.values() if len(g.rows) > 1]
    for g in scored:
        g.scores = _local_scores(g, lower, focus_codes)
        for m in g.mentions:
            if m.parent:
                pc, pa = _parent_codes(m, index)
                if pc or pa:
                    in_parent = np.isin(g.cands.country, list(pc)) | np.isin(
                        g.cands.admin1, list(pa)
                    )
                    g.scores += np.where(in_parent, 4.0, -1.0)
                break

    # Pass 2: the article's countries and its other places.
    evidence = np.zeros(len(index.vocab["country"]))
    for m in mentions:
        if m.role == "context" and m.context_country in index.country_code:
            evidence[index.country_code[m.context_country]] += 1.0
    picks, own = [], {}
    for key, g in groups.items():
        if len(g.rows):
            best = int(np.argmax(g.scores))
            c = int(g.cands.country[best])
            weight = 2.0 if g.cands.kind[best] == K_COUNTRY else 1.0
            own[key] = (c, weight * len(g.mentions))
            evidence[c] += own[key][1]
            if g.cands.kind[best] in (K_ADMIN1, K_PLACE, K_FEATURE):
                picks.append((key, g.cands.lat[best], g.cands.lon[best]))
    total_evidence = float(evidence.sum())
    for key, g in groups.items():
        if not len(g.rows):
            continue
        # The article's evidence for each country, leaving out this name's own vote.
        c, vote = own[key]
        g.support = evidence[g.cands.country]
        g.support = np.where(g.cands.country == c, g.support - vote, g.support)
        total = total_evidence - vote
        g.has_context = total > 0
        if len(g.rows) == 1:
            continue
        share = g.support / total if total > 0 else np.zeros(len(g.rows))
        bonus = 4.0 * share
        others = [(lat, lon) for k, lat, lon in picks if k != key]
        if others:
            o = np.array(others)
            d = haversine_km(
                g.cands.lat[:, None], g.cands.lon[:, None], o[None, :, 0], o[None, :, 1]
            )
            dmin = d.min(axis=1)
            # 1.5 under 50 km, 1.0 under 200 km, 0.5 under 500 km.
            bonus += 0.5 * ((dmin < 50).astype(float) + (dmin < 200) + (dmin < 500))
        g.scores = g.scores + bonus

    ranked: dict[str, tuple[Place | None, float, tuple]] = {}
    for key, g in groups.items():
        if not len(g.rows):
            ranked[key] = (None, 0.0, ())
            continue
        order = np.argsort(-g.scores, kind="stable")
        weak_skeleton = (
            g.skeleton
            and not g.support[order[0]]
            and not any(x.parent or x.feature_word for x in g.mentions)
        )
        if weak_skeleton or (reject and _out_of_context(g, int(order[0]), index)):
            alts = tuple((index.place(int(g.rows[o])), 0.0) for o in order[:_MAX_ALTERNATIVES])
            ranked[key] = (None, 0.0, alts)
            continue
        probs = np.exp(g.scores[order] - g.scores[order[0]])
        probs /= probs.sum()
        alts = tuple(
            (index.place(int(g.rows[o])), float(p))
            for o, p in zip(order[1 : 1 + _MAX_ALTERNATIVES], probs[1:], strict=False)
        )
        ranked[key] = (index.place(int(g.rows[order[0]])), float(probs[0]), alts)
    return [ResolvedMention(m, *ranked[m.key]) for m in mentions if m.role == "toponym"]
