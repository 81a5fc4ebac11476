"""Rank the candidate places of each mention with the evidence a reader would use."""

from __future__ import annotations

import bisect
import itertools
import re
from typing import TYPE_CHECKING

import numpy as np

from gazetteer.filters import (
    ADMIN_WORDS,
    FEATURE_WORDS,
    LIST_GAP,
    MUNICIPAL_AFTER,
    NAME_ABBREVIATIONS,
    REGION_WORDS,
    SECOND_LEVEL_WORDS,
    SETTLEMENT_WORDS,
    common_words,
)
from gazetteer.normalize import skeleton_key
from gazetteer.places import KINDS, Mention, Place, ResolvedMention

if TYPE_CHECKING:
    from gazetteer.index import GazetteerIndex
    from gazetteer.outlets import HomeRegion

__all__ = ["focus_code_sets", "haversine_km", "resolve_mentions"]

K_CONTINENT, K_COUNTRY, K_REGION, K_ADMIN1, K_PLACE, K_FEATURE = range(len(KINDS))
#: Score of each kind before any evidence; populated places score by population instead
#: (log10), so an admin-1 unit outranks a same-named town of under a million people.
_BASE = np.array([7.5, 7.5, 6.5, 6.0, 0.0, 2.0])
#: Population from which a city named like its own admin-1 unit outranks the unit.
_NAMESAKE_CITY = 100_000
#: Penalty of a town that bears a country's or admin-1 unit's own name as an alternate name.
_ALIAS_PENALTY = 1.5
#: Bonus per other name of the same kind (admin-1 units of one country, up to two; for
#: countries, per country beyond the first other one, up to two): an article that
#: names several countries means "Georgia" the country, not the US state.
_SIBLING_BONUS = 1.0
_BORDER_WORDS = ("border", "bordering", "frontier", "line of control", "exclave")
_MAX_ALTERNATIVES = 5
#: Bonus of an admin-1 unit named in a list with units of its country ("Oregon,
#: Washington and Idaho": the state, not the capital city).
_LIST_BONUS = 2.0


#: Score gap that a municipal word opens between a name's towns and its areas.
MUNICIPAL_BONUS = 3.0


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (spherical Earth, R = 6371 km); works on arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(lon2 - lon1)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


#: Each abbreviated first word of a name and its full form, both ways ("mt" ↔ "mount").
_FIRST_WORD_FORMS = NAME_ABBREVIATIONS | {v: k for k, v in NAME_ABBREVIATIONS.items()}


def _spelled_candidates(key: str, index: GazetteerIndex) -> tuple[np.ndarray, np.ndarray]:
    """Candidates of a name key and of its other spelling of an abbreviated first word.

    "Mt. Pleasant" finds the towns listed as "Mount Pleasant" too, and "Saint
    Clair" those listed as "St. Clair"; a town under both keeps its better name
    quality. Only towns: sources list admin-1 units and countries under every
    spelling that news uses.
    """
    rows, quality = index.candidates(key)
    first, sep, rest = key.partition(" ")
    other = _FIRST_WORD_FORMS.get(first) if sep else None
    if other is None:
        return rows, quality
    rows2, quality2 = index.candidates(f"{other} {rest}")
    town = index.arrays["kind"][rows2] == K_PLACE
    rows2, quality2 = rows2[town], quality2[town]
    if not len(rows2):
        return rows, quality
    best: dict[int, int] = {}
    for r, q in zip(
        itertools.chain(rows.tolist(), rows2.tolist()),
        itertools.chain(quality.tolist(), quality2.tolist()),
        strict=True,
    ):
        best[r] = min(q, best.get(r, q))
    return np.array(list(best), rows.dtype), np.array(list(best.values()), quality.dtype)


class _Candidates:
    """The candidate places of one name key and what about them never changes.

    Made once per key and reused across articles: rows, name quality, the
    columns resolution reads, and the score from kind, population, capital
    status and name quality (for names of more than one candidate: only they
    are ranked).
    """

    __slots__ = ("adm2", "admin1", "admin_city", "base", "country", "kind", "local", "namesake")
    __slots__ += ("capital", "county_own", "own_name", "quality", "rows", "skeleton", "xyz")
    __slots__ += ("zeros",)

    def __init__(self, key: str, index: GazetteerIndex):
        rows, quality = _spelled_candidates(key, index)
        self.skeleton = False
        if key in index.context_names:
            # A demonym given as a toponym ("Sudanese" in an annotated corpus) is its country.
            row = index.id_to_row.get(index.context_names[key])
            rows = np.array([row], np.int32) if row is not None else rows
            quality = np.zeros(len(rows), np.uint8)
        elif len(rows) == 0 and len(key) >= 5:
            rows = index.skeleton_rows(skeleton_key(key))
            quality = np.ones(len(rows), np.uint8)
            self.skeleton = True
        a = index.arrays
        self.rows = np.asarray(rows)
        self.quality = np.asarray(quality)
        #: candidates named by their own name, not an alternate one
        self.own_name = self.quality == 0
        self.kind = a["kind"][self.rows]
        self.country = a["country"][self.rows]
        self.admin1 = a["admin1_code"][self.rows]
        #: unit vectors: the cosine of the angle between two places is their dot product
        self.xyz = a["xyz"][self.rows]
        feat = a["feature"][self.rows]
        #: second-level units (US counties): named with the same words as admin-1 units
        self.adm2 = feat == index.feature_code.get("ADM2", -1)
        #: whether a second-level unit bears the name as its own (for the county links)
        self.county_own = bool((self.adm2 & self.own_name).any())
        #: places inside one admin-1 unit (admin-1 units, populated places, features)
        self.local = (self.kind >= K_ADMIN1).astype(float)
        #: a score of zero for each candidate (read-only: shared by the articles)
        self.zeros = np.zeros(len(self.rows))
        self.zeros.flags.writeable = False
        if len(self.rows) > 1:
            self._score(index, feat)
        else:
            # One candidate (or none) wins without a score; none is a namesake city.
            self.base = self.capital = self.admin_city = None
            self.namesake = np.zeros(len(self.rows), bool)

    def _score(self, index: GazetteerIndex, feat: np.ndarray) -> None:
        """Score from kind, population, capital status and name quality.

        Also the columns that only ranking reads: namesake cities, capitals, cities.
        """
        a = index.arrays
        is_place = self.kind == K_PLACE
        s = _BASE[self.kind]
        s[is_place] = np.log10(a["population"][self.rows][is_place] + 10.0)
        #: capitals of their country under their own name
        self.capital = self._capitals(index, feat)
        s += np.where(self.capital, 1.5, 0.0)
        s -= np.where(self.quality > 0, np.where(is_place, 0.6, 0.3), 0.0)
        # The name of a country, region or admin-1 unit is theirs before it is another
        # name of a town ("New York", not New York City; "Mexico", not Mexico City).
        if ((self.kind <= K_ADMIN1) & self.own_name).any():
            s -= np.where((self.kind >= K_PLACE) & (self.quality > 0), _ALIAS_PENALTY, 0.0)
        # A country is meant before its own admin-1 unit of the same name ("Mexico"),
        # unless a feature word says otherwise ("Mexico state").
        is_country = (self.kind == K_COUNTRY) & self.own_name
        if is_country.any():
            own = (self.kind == K_ADMIN1) & _in_codes(
                self.country, _codes(self.country[is_country])
            )
            s -= np.where(own, _ALIAS_PENALTY, 0.0)
        # A city that gives its name to the admin-1 unit it lies in ("Kandahar") is
        # meant unless a feature word says otherwise.
        is_unit = self.kind == K_ADMIN1
        if is_unit.any():
            # (GeoNames leaves some capitals without an admin-1 code: Dushanbe)
            in_unit = _in_codes(self.admin1, _codes(self.admin1[is_unit])) | (
                (self.admin1 == 0) & _in_codes(self.country, _codes(self.country[is_unit]))
            )
            namesake = is_place & self.own_name & in_unit
            namesake &= a["population"][self.rows] >= _NAMESAKE_CITY
            s[namesake] = np.maximum(s[namesake], _BASE[K_ADMIN1] + 0.5)
        else:
            namesake = np.zeros(len(self.rows), bool)
        #: cities named like the admin-1 unit they lie in: evidence for areas counts for them too
        self.namesake = namesake
        if self.skeleton:
            s -= 1.0
        self.base = s
        code = index.feature_code
        self.admin_city = is_place | _in_codes(
            feat, frozenset(code.get(f, -1) for f in ("City", "Municipality"))
        )

    def _capitals(self, index: GazetteerIndex, feat: np.ndarray) -> np.ndarray:
        """Candidates that are their country's capital under their own name.

        Only the most populous ``PPLC`` of a country counts: some sources mark
        every town of a capital's name as one (twenty US towns named Washington).
        """
        pop, pplc = index.arrays["population"], index.feature_code.get("PPLC", -1)
        out = np.zeros(len(self.rows), bool)
        best: dict[int, int] = {}
        for k in ((feat == pplc) & self.own_name).nonzero()[0]:
            r, c = self.rows[k], int(self.country[k])
            if c not in best or pop[r] > pop[self.rows[best[c]]]:
                best[c] = k
        out[list(best.values())] = True
        return out


def _candidates(key: str, index: GazetteerIndex) -> _Candidates:
    cache = index.memo("resolve.candidates")
    c = cache.get(key)
    if c is None:
        c = cache[key] = _Candidates(key, index)
    return c


class _Group:
    """All mentions of one name in a text, resolved together (one sense per discourse)."""

    def __init__(self, key: str, index: GazetteerIndex):
        self.key = key
        self.mentions: list[Mention] = []
        self.cands = c = _candidates(key, index)
        self.rows = c.rows
        # (one read-only array of zeros per name, shared: every step makes new arrays)
        self.scores = c.zeros
        self.local = self.scores  #: scores from the mentions themselves, before the article's
        self.support = c.zeros  #: the article's evidence for each candidate's country
        self.has_context = False  #: the article names countries other than this name's


_BORDER_RE = re.compile("|".join(re.escape(w) for w in _BORDER_WORDS))


def _border_spans(lower: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the article's border words (``lower``: the lower-cased text).

    The spans do not overlap, so both lists are sorted.
    """
    if not any(map(lower.__contains__, _BORDER_WORDS)):
        return [], []  # (most articles have none: substring tests in C before the scan)
    spans = [m.span() for m in _BORDER_RE.finditer(lower)]
    return [a for a, _ in spans], [b for _, b in spans]


def _near_border(m: Mention, border_spans: tuple[list[int], list[int]]) -> bool:
    """True when a border word lies within 80 characters of the mention."""
    starts, ends = border_spans
    k = bisect.bisect_left(starts, max(0, m.start - 80))  # the first word starting in reach
    return k < len(starts) and ends[k] <= m.end + 80


def _codes(values: np.ndarray) -> frozenset[int]:
    """The distinct codes in an array, for :func:`_in_codes`."""
    return frozenset(values.tolist())


def _in_codes(codes: np.ndarray, wanted: frozenset[int]) -> np.ndarray:
    """``np.isin`` for a handful of wanted codes, without its set-up cost."""
    mask = np.zeros(len(codes), bool)
    for c in wanted:
        mask |= codes == c
    return mask


def _local_scores(
    g: _Group,
    border_spans: tuple[list[int], list[int]],
    focus: tuple[frozenset[int], frozenset[int]],
    index: GazetteerIndex,
) -> np.ndarray:
    """Scores from what lies next to the mentions: feature words, border words, focus.

    ``focus`` holds the codes of the focus countries and of the focus admin-1 units.
    """
    words = frozenset(m.feature_word for m in g.mentions if m.feature_word)
    near_border = any(_near_border(m, border_spans) for m in g.mentions)
    cache = index.memo("resolve.local")
    memo_key = (g.key, words, near_border, focus)
    s = cache.get(memo_key)
    if s is not None:
        return s
    c = g.cands
    s = c.base.copy()
    if words & ADMIN_WORDS:
        s += np.where((c.kind == K_ADMIN1) | c.adm2, 3.0, np.where(c.kind == K_REGION, 1.5, -1.5))
    if words & SECOND_LEVEL_WORDS:
        s += np.where(c.adm2, 3.0, 0.0)
    if words & REGION_WORDS:
        s += np.where(c.kind == K_REGION, 3.0, np.where(c.kind == K_ADMIN1, 1.0, -1.0))
    if words & SETTLEMENT_WORDS:
        s += np.where(c.admin_city, 3.0, -2.0)
    if near_border:
        s += np.where((c.kind <= K_ADMIN1) | c.namesake, 1.5, 0.0)
    countries, units = focus
    if countries:
        s += np.where(_in_codes(c.country, countries), 2.5, 0.0)
    if units:
        s += np.where(_in_codes(c.admin1, units), 2.0, 0.0)
    s.flags.writeable = False  # shared by every article that meets the name this way
    cache[memo_key] = s
    return s


def _out_of_context(g: _Group, best: int, index: GazetteerIndex) -> bool:
    """A weak name that nothing else in the article supports is left unresolved.

    Small places (under 10,000 people) and one-word admin-1 names that are
    also common English words (``"Pool"``, a region of Congo), without a
    feature word or parent, are rejected when the article names other
    countries but never this one. Other admin-1 names stand on their own:
    "Texas and Sindh" are two provinces, each the other's only context.
    """
    if not g.has_context or g.support[best] > 0:
        return False
    m0 = g.mentions
    kind = g.cands.kind[best]
    fitting = SETTLEMENT_WORDS if kind in (K_PLACE, K_FEATURE) else ADMIN_WORDS | REGION_WORDS
    if g.cands.adm2[best]:
        fitting = ADMIN_WORDS
    if any(m.parent or m.feature_word in fitting for m in m0):
        return False
    if kind in (K_PLACE, K_FEATURE):
        return index.arrays["population"][g.rows[best]] < 10_000
    if kind == K_ADMIN1:  # a one-word unit named like a common word ("Pool", "Plateau")
        return all(" " not in m.surface and "-" not in m.surface for m in m0) and (
            g.key in common_words()
        )
    return False


def _parent_codes(m: Mention, index: GazetteerIndex) -> tuple[frozenset[int], frozenset[int]]:
    """Country and admin-1 codes that an explicit parent points to."""
    cache = index.memo("resolve.parents")
    codes = cache.get(m.parent)
    if codes is None:
        codes = cache[m.parent] = _find_parent_codes(m.parent, index)
    return codes


def _find_parent_codes(parent: str, index: GazetteerIndex) -> tuple[frozenset[int], frozenset[int]]:
    from gazetteer.normalize import name_key

    key = name_key(parent)
    countries = set()
    if key in index.context_names:
        countries.add(index.country_code.get(index.context_names[key], -1))
    rows, _ = index.candidates(key)
    for r in rows:
        if index.arrays["kind"][r] == K_COUNTRY:
            countries.add(int(index.arrays["country"][r]))
    return frozenset(countries), frozenset(map(int, _admin1_units(key, index)))


def _listed_with_units(
    text: str, mentions: list[Mention], groups: dict[str, _Group], index: GazetteerIndex
) -> dict[_Group, frozenset[int]]:
    """Names that stand in a list beside admin-1 units, and those units' countries.

    A list is names joined by commas, "and", "or" ("Iowa, Illinois and Missouri").
    """
    out: dict[_Group, set[int]] = {}
    toponyms = [m for m in mentions if m.role == "toponym" and m.key in groups]
    for a, b in itertools.pairwise(toponyms):
        if b.start - a.end > 7 or not LIST_GAP.fullmatch(text[a.end : b.start]):
            continue
        for m, other in ((a, b), (b, a)):
            countries = _unit_countries(other.key, index)
            if countries and m.key != other.key:
                out.setdefault(groups[m.key], set()).update(countries)
    return {g: frozenset(c) for g, c in out.items()}


def _unit_countries(key: str, index: GazetteerIndex) -> frozenset[int]:
    """Countries of the admin-1 units that bear ``key`` as their own name."""
    cache = index.memo("resolve.unit_countries")
    codes = cache.get(key)
    if codes is None:
        rows, quality = index.candidates(key)
        own = (index.arrays["kind"][rows] == K_ADMIN1) & (quality == 0)
        codes = cache[key] = frozenset(map(int, index.arrays["country"][rows[own]]))
    return codes


def focus_code_sets(
    focus: list[str] | tuple[str, ...], index: GazetteerIndex
) -> tuple[frozenset[int], frozenset[int]]:
    """Codes of the focus countries and admin-1 units (``["AM", "US-TX"]``).

    An admin-1 unit brings its country into focus too.

    Raises
    ------
    ValueError
        For a code that names no country or admin-1 unit of the gazetteer.
    """
    countries, units = set(), set()
    unit_index = index.admin1_index
    for code in focus:
        c = code.strip().upper()
        if c in unit_index and c:
            units.add(unit_index[c])
            c = c.split("-", 1)[0]
        if c in index.country_code and c:
            countries.add(index.country_code[c])
        else:
            raise ValueError(
                f"unknown focus code {code!r}: give ISO 3166-1 alpha-2 country codes (AM) "
                f"or ISO 3166-2 admin-1 codes (US-TX)"
            )
    return frozenset(countries), frozenset(units)


def resolve_mentions(
    text: str,
    mentions: list[Mention],
    index: GazetteerIndex,
    focus: list[str] | None = None,
    reject: bool = True,
    home: HomeRegion | None = None,
) -> list[ResolvedMention]:
    """Choose a place for every toponym mention.

    Evidence, in the order it is added to each candidate's score: kind and
    population, name quality (primary or alternate name), feature words next to
    the name, border vocabulary nearby, the focus countries, explicit parents
    (``"Armenia's X"``, ``"X, Armenia"``); then, in three rounds that each start
    from the scores the one before left, the countries and admin-1 units the
    article's other names, demonyms and organisations point to, and nearness to
    the article's other places (see :class:`_Article`).

    Parameters
    ----------
    text : str
    mentions : list of Mention
        From :func:`~gazetteer.mentions.find_mentions` (context mentions inform,
        toponyms are resolved).
    index : GazetteerIndex
    focus : list of str, optional
        ISO 3166-1 alpha-2 codes of countries and ISO 3166-2 codes of admin-1
        units to bias resolution toward (a unit implies its country).
    reject : bool
        Leave weak names that nothing in the article supports unresolved
        (see :func:`_out_of_context`). Off when the spans are known toponyms.
    home : HomeRegion, optional
        The home units of the article's outlet (:mod:`gazetteer.outlets`): weak
        context, as if the article named each once (weighted by its share), so
        the article's own cues outweigh it.

    Returns
    -------
    list of ResolvedMention
        One per toponym mention and per context mention (``mention.role ==
        "context"``: a demonym, resolved to its country, or a place named inside
        an organisation's name, resolved like a toponym), in text order;
        ``place`` is None when no candidate exists.
    """
    focus_codes = focus_code_sets(focus or (), index)
    groups: dict[str, _Group] = {}
    demonyms = index.context_names
    for m in mentions:
        # Toponyms, and places named inside organisations ("Texas Forest Service"): the
        # latter are resolved with the article's evidence and vote in it, as context.
        if m.role == "toponym" or m.key not in demonyms:
            g = groups.get(m.key)
            if g is None:
                g = groups[m.key] = _Group(m.key, index)
            g.mentions.append(m)
    # Only names with a choice to make are scored; a single candidate wins anyway.
    scored = [g for g in groups.values() if len(g.rows) > 1]
    border_spans = _border_spans(text.lower()) if scored else []
    for g in scored:
        g.scores = _local_scores(g, border_spans, focus_codes, index)
        for m in g.mentions:
            if m.parent:
                pc, pa = _parent_codes(m, index)
                if pc or pa:
                    in_parent = _in_codes(g.cands.country, pc) | _in_codes(g.cands.admin1, pa)
                    g.scores = g.scores + np.where(in_parent, 4.0, -1.0)
                break

    for g in scored:
        if any(MUNICIPAL_AFTER.match(text, m.end) for m in g.mentions):
            c = g.cands
            town = (c.kind == K_PLACE) | (c.namesake)
            area = ~town & (c.kind != K_COUNTRY)  # a country keeps its score
            g.scores = g.scores + MUNICIPAL_BONUS / 2 * (town.astype(float) - area)

    for g, countries in _listed_with_units(text, mentions, groups, index).items():
        if len(g.rows) > 1:
            # (a unit named like a city in it stays the city's: "Edinburgh, Aberdeen")
            c = g.cands
            own_unit = (c.kind == K_ADMIN1) & c.own_name
            city_units = c.admin1[c.namesake]
            own_unit &= ~_in_codes(c.admin1, _codes(city_units))
            own_unit &= ~_in_codes(c.country, _codes(c.country[c.namesake][city_units == 0]))
            listed = own_unit & _in_codes(c.country, countries)
            g.scores = g.scores + np.where(listed, _LIST_BONUS, 0.0)

    # Pass 2: the article's countries, admin-1 units and other places, as the names'
    # candidates point to them; each round starts from the scores the one before left.
    context = np.zeros(len(index.vocab["country"]))
    # (made when a demonym names admin-1 units; most articles have none: see _Article.round)
    context_units = None
    for m in mentions:
        if m.role == "context" and m.key in demonyms:
            if m.context_country in index.country_code:
                context[index.country_code[m.context_country]] += 1.0
            units = _admin1_units(m.key, index)
            row = index.id_to_row.get(demonyms[m.key])  # "Ohioans": the unit too
            demonym_unit = row is not None and index.arrays["admin1_code"][row] > 0
            if context_units is None and (len(units) or demonym_unit):
                context_units = np.zeros(len(index.vocab["admin1_code"]))
            if len(units):
                context_units[units] += 1.0 / len(units)
            if demonym_unit:
                context_units[index.arrays["admin1_code"][row]] += 1.0
    if home is not None:
        if context_units is None:
            context_units = np.zeros(len(index.vocab["admin1_code"]))
        _add_home(home, context, context_units, index)
    for g in scored:
        g.local = g.scores
    named = [g for g in groups.values() if len(g.rows)]
    if named:
        _Article(named, context, context_units, index).run(_ROUNDS)

    ranked: dict[str, tuple[Place | None, float, tuple, str]] = {}
    for key, g in groups.items():
        if not len(g.rows):
            ranked[key] = (None, 0.0, (), "unknown")
            continue
        order = (-g.scores).argsort(kind="stable") if len(g.rows) > 1 else (0,)
        weak_skeleton = (
            g.cands.skeleton
            and not g.support[order[0]]
            and not any(x.parent or x.feature_word for x in g.mentions)
        )
        if weak_skeleton or (reject and _out_of_context(g, int(order[0]), index)):
            alts = tuple((index.place(int(g.rows[o])), 0.0) for o in order[:_MAX_ALTERNATIVES])
            ranked[key] = (None, 0.0, alts, "spelling" if weak_skeleton else "unsupported")
            continue
        if len(g.rows) == 1:
            ranked[key] = (index.place(int(g.rows[0])), 1.0, (), "")
            continue
        probs = np.exp(g.scores[order] - g.scores[order[0]])
        probs /= probs.sum()
        # (the best and its alternatives as Python numbers: no numpy scalar per place)
        rows = g.rows[order[: 1 + _MAX_ALTERNATIVES]].tolist()
        ps = probs[: 1 + _MAX_ALTERNATIVES].tolist()
        alts = tuple(zip(map(index.place, rows[1:]), ps[1:], strict=True))
        ranked[key] = (index.place(rows[0]), ps[0], alts, "")
    out = []
    for m in mentions:
        if m.key in ranked:
            out.append(ResolvedMention(m, *ranked[m.key]))
        elif m.key in demonyms:  # a demonym: its country, admin-1 unit or region
            row = index.id_to_row.get(demonyms[m.key])
            place = None if row is None else index.place(row)
            out.append(ResolvedMention(m, place, 1.0, (), "" if place else "unknown"))
    return out


#: Weight of an outlet's home (:mod:`gazetteer.outlets`) as context: its units and their
#: countries count as this many mentions of a demonym ("Ohioans"), split by their shares;
#: an article that names two places of another state outweighs it.
HOME_WEIGHT = 2.0


def _add_home(home: HomeRegion, context, context_units, index: GazetteerIndex) -> None:
    """Add an outlet's home units and their countries to an article's context votes."""
    for code, share in home.units.items():
        country = index.country_code.get(code.split("-", 1)[0])
        if country is None:
            continue
        context[country] += HOME_WEIGHT * share
        unit = index.admin1_index.get(code) if "-" in code else None
        if unit is not None:
            context_units[unit] += HOME_WEIGHT * share


#: Weight of the article's support for a candidate's admin-1 unit (its country's is 4).
_ADMIN1_WEIGHT = 4.0
#: Rounds of article evidence; each starts from the scores the one before left.
_ROUNDS = 3
#: How much a name's best candidate votes for its country, by kind: a country twice, a
#: continent not at all.
_COUNTRY_VOTE = np.ones(len(KINDS))
_COUNTRY_VOTE[K_COUNTRY], _COUNTRY_VOTE[K_CONTINENT] = 2.0, 0.0
#: Cosines of the angles that 500, 200 and 50 km span on the Earth (R = 6371 km).
_NEAR_COS = np.cos(np.array([500.0, 200.0, 50.0]) / 6371.0)
#: A town and a second-level unit (US county) named in one article are linked when the
#: town lies within this distance of the unit's point, in the same admin-1 unit; both
#: gain (a county is ~25 km across the middle: half of them are under 1,640 km²).
_COUNTY_REACH_KM = 35.0
_COUNTY_LINK_BONUS = 2.0
#: Penalty of a town in a country that nothing else in the article names (no other
#: name, no demonym) when a namesake lies in one it does name: "Dublin" beside two Ohio
#: towns is Dublin, Ohio, whatever the capital's size. (Towns only: a country or
#: admin-1 unit named once stands on its own.)
_UNNAMED_COUNTRY_PENALTY = 2.5
#: Evidence below this is rounding noise (a name's own vote taken back out of a total).
_EPS = 1e-9


def _admin1_units(key: str, index: GazetteerIndex) -> np.ndarray:
    """Codes of the admin-1 units named ``key`` ("Texas" in "Texas Forest Service")."""
    cache = index.memo("resolve.admin1_units")
    units = cache.get(key)
    if units is None:
        rows, _ = index.candidates(key)
        rows = rows[index.arrays["kind"][rows] == K_ADMIN1]
        # sorted distinct codes; not np.unique, which imports numpy.ma (0.1 s) on first use
        codes = index.arrays["admin1_code"][rows]
        units = cache[key] = np.array(sorted(set(codes.tolist())), dtype=codes.dtype)
    return units


def _base_key(key: str) -> str:
    """A name key without a final feature word ("madison county" → "madison")."""
    head, sep, last = key.rpartition(" ")
    return head if sep and head and last in FEATURE_WORDS else key


def _dense_ids(values: np.ndarray) -> np.ndarray:
    """One id per distinct value, 0, 1, 2, … in order of first appearance.

    For ``np.bincount(ids, w)[ids]``, the sum of ``w`` over equal values: any such
    ids give the same sums (each bin adds its weights in the order of the
    array). A dict does it in a tenth of the instructions of sorting with numpy
    for an article's few dozen candidates.
    """
    ids: dict[int, int] = {}
    return np.array([ids.setdefault(v, len(ids)) for v in values.tolist()], np.intp)


class _Article:
    """The candidates of all of an article's names in flat arrays, for the article rounds.

    Candidates of one name lie next to each other (a segment); ``group`` gives
    each candidate's segment.
    """

    def __init__(self, named: list[_Group], context, context_units, index: GazetteerIndex):
        self.named = named
        sizes = [len(g.rows) for g in named]
        starts = list(itertools.accumulate(sizes, initial=0))[:-1]
        #: each name's first candidate and number of candidates, as Python numbers
        self.segments = list(zip(starts, sizes, strict=True))
        # (Python sums and ndarray methods: numpy's function wrappers cost more than the
        # arithmetic on an article's few dozen candidates)
        self.starts = np.array(starts)
        self.group = np.arange(len(named)).repeat(sizes)
        cat = np.concatenate
        self.country = cat([g.cands.country for g in named])
        self.admin1 = cat([g.cands.admin1 for g in named])
        self.kind = cat([g.cands.kind for g in named])
        self.local = cat([g.cands.local for g in named])
        # places without an admin-1 code vote for no unit
        self.in_unit = self.local * (self.admin1 > 0)
        self.xyz = cat([g.cands.xyz for g in named])
        self.n = np.array([len(g.mentions) for g in named], float)
        #: one id per base name: a name and its longer form with a feature word
        #: ("Madison" and "Madison County") are one name's votes, not each other's evidence
        bases: dict[str, int] = {}
        base = np.array([bases.setdefault(_base_key(g.key), len(bases)) for g in named])
        self.base_g = base
        self.base = base[self.group]
        self.n_bases = len(bases)
        self.scores_local = cat([g.local for g in named])
        # one id per (name, admin-1 unit): a name's own vote for a unit is left out of its support
        self.own_unit = _dense_ids(self.base * (len(index.vocab["admin1_code"]) + 1) + self.admin1)
        # one id per (name, country): a name's own unit votes are left out of its country's
        self.own_country = _dense_ids(self.base * (len(index.vocab["country"]) + 1) + self.country)
        self.n_countries = len(index.vocab["country"])
        self.is_country = self.kind == K_COUNTRY
        self.is_town = self.kind == K_PLACE
        self.any_country = bool(self.is_country.any())
        self.base_col = self.base[:, None]
        #: admin-1 units and the cities named like the unit they lie in ("Kandahar")
        self.unit_like = (self.kind == K_ADMIN1) | cat([g.cands.namesake for g in named])
        # (what the rounds read and that no round changes)
        self.n_group = self.n[self.group]
        self.country_of_countries = self.country[self.is_country]
        self.country_of_units = self.country[self.unit_like]
        self.context = context
        #: the article's demonyms' votes for admin-1 units (None: no unit named so)
        self.context_units = context_units
        self.n_units = len(index.vocab["admin1_code"])
        # (places named by their own name: "Richmond" alone is a city before it is
        # Richmond County, and "Youngstown" a city before an old name of another town)
        if any(g.cands.county_own for g in named):
            own_name = cat([g.cands.own_name for g in named])
            adm2 = cat([g.cands.adm2 for g in named]) & own_name
            links = self._county_links(adm2, own_name)
            self.scores_local = self.scores_local + _COUNTY_LINK_BONUS * links

    def _county_links(self, adm2: np.ndarray, own_name: np.ndarray) -> np.ndarray:
        """Which candidates a town-in-county link supports (1.0) and which not (0.0).

        A town is linked when it lies in a second-level unit that another name may
        mean, and a unit when it holds a town that another name may mean ("Paris"
        and "Lamar County": Paris, Texas, and Lamar County, Texas).
        """
        units = adm2.nonzero()[0]
        towns = (
            (self.kind == K_PLACE) & own_name & _in_codes(self.admin1, _codes(self.admin1[units]))
        )
        towns = towns.nonzero()[0]
        linked = np.zeros(len(self.kind))
        if not len(towns):
            return linked
        cos = self.xyz[units] @ self.xyz[towns].T
        near = cos > np.cos(_COUNTY_REACH_KM / 6371.0)
        near &= self.admin1[units][:, None] == self.admin1[towns][None, :]
        near &= self.group[units][:, None] != self.group[towns][None, :]
        linked[units[near.any(axis=1)]] = 1.0
        linked[towns[near.any(axis=0)]] = 1.0
        return linked

    def round(self, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Scores after one round of article evidence, and each candidate's country support.

        Each name votes for the country of its best candidate so far, and for
        the admin-1 units of all its candidates in proportion to their
        probabilities (a soft vote: "Frankston", a suburb of Melbourne or a town
        in Texas, votes for both until the rest of the article tips the balance).
        A candidate's support leaves its own name's votes out.
        """
        starts, group = self.starts, self.group
        top = np.maximum.reduceat(scores, starts)[group]
        at_top = (scores == top).nonzero()[0]
        best = at_top[at_top.searchsorted(starts)]  # the first best candidate of each name
        p = np.exp(scores - top)
        p /= np.add.reduceat(p, starts)[group]
        # Countries: each name votes for its best candidate's country.
        best_country = self.country[best]
        best_country_g = best_country[group]
        best_kind = self.kind[best]
        vote = _COUNTRY_VOTE[best_kind] * self.n
        evidence = self.context + np.bincount(best_country, vote, minlength=len(self.context))
        same_country = self.country == best_country_g
        nc = self.n_countries
        # (a name's own votes, and those of its other forms, are left out of its support)
        own_ids = self.base_g * nc + best_country
        own_votes = np.bincount(own_ids, vote, minlength=self.n_bases * nc)
        own_vote = np.bincount(self.base_g, vote)[self.base]
        support = evidence[self.country] - own_votes[self.base * nc + self.country]
        total = np.add.reduce(evidence) - own_vote  # (ndarray.sum without its wrapper)
        bonus = 4.0 * np.divide(support, total, out=np.zeros(len(support)), where=total > _EPS)
        named_country = support > _EPS
        if named_country.any():
            # (towns of a name with a namesake in a country the article names)
            some = np.maximum.reduceat(named_country, starts)[group]
            bonus -= _UNNAMED_COUNTRY_PENALTY * (some & ~named_country & self.is_town)
        # Admin-1 units: each name votes for all its candidates' units by their probability.
        w = p * self.in_unit * self.n_group
        votes = np.bincount(self.admin1, w, minlength=self.n_units)
        if self.context_units is not None:  # (0.0 + x is x: no sum when no demonym named units)
            votes = self.context_units + votes
        votes_sum = np.add.reduce(votes)
        if votes_sum > 0:
            unit_support = votes[self.admin1] - np.bincount(self.own_unit, w)[self.own_unit]
            unit_total = votes_sum - np.bincount(self.base_g, np.add.reduceat(w, starts))[self.base]
            # A country holds all its units: their votes are its too ("Acapulco" and
            # "Guerrero" make "Mexico" the country, not the Federal District).
            c = self.is_country
            if self.any_country:
                by_country = np.bincount(self.country, w, minlength=len(self.context))
                own = np.bincount(self.own_country, w)[self.own_country]
                unit_support[c] = by_country[self.country_of_countries] - own[c]
            bonus += _ADMIN1_WEIGHT * np.divide(
                unit_support, unit_total, out=np.zeros(len(w)), where=unit_total > _EPS
            )
        # Siblings: other names whose best candidate is a country (for countries) or an
        # admin-1 unit of the same country (for admin-1 units).
        country_best = best_kind == K_COUNTRY
        n_countries = float(np.count_nonzero(country_best))
        own_country = country_best[group]
        is_country = self.is_country
        # (two other countries at least: "Jordan" and "the United States" are no list)
        bonus[is_country] += _SIBLING_BONUS * np.minimum(
            np.maximum(n_countries - own_country[is_country] - 1.0, 0.0), 2.0
        )
        unit_best = best_kind == K_ADMIN1
        # (whole counts: the same values as floats once np.minimum meets 2.0)
        units_by_country = np.bincount(best_country[unit_best], minlength=len(self.context))
        is_unit = self.unit_like
        own_unit = (unit_best[group] & same_country)[is_unit]
        bonus[is_unit] += _SIBLING_BONUS * np.minimum(
            units_by_country[self.country_of_units] - own_unit, 2.0
        )
        # Nearness to the other names' best candidates that are local places.
        picks = best[self.local[best] > 0]
        if len(picks):
            cos = self.xyz @ self.xyz[picks].T  # cosines of the great-circle angles
            cos[self.base_col == self.base[picks]] = -1.0  # a name is not near itself
            nearest = np.maximum.reduce(cos, axis=1)
            # 1.5 under 50 km, 1.0 under 200 km, 0.5 under 500 km (how many of the
            # ascending cosines lie below the nearest one's).
            bonus += 0.5 * _NEAR_COS.searchsorted(nearest)
        return self.scores_local + bonus, support, total

    def run(self, rounds: int) -> None:
        """Run the rounds and hand every name its scores, support and context."""
        scores = self.scores_local
        for _ in range(rounds):
            scores, support, total = self.round(scores)
        total = total.tolist()
        for g, (a, n) in zip(self.named, self.segments, strict=True):
            if n > 1:
                g.scores = scores[a : a + n]
            g.support = support[a : a + n]
            g.has_context = total[a] > _EPS
