"""Rank the candidate places of each mention with the evidence a reader would use."""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

import numpy as np

from gazetteer.filters import ADMIN_WORDS, REGION_WORDS, SECOND_LEVEL_WORDS, SETTLEMENT_WORDS
from gazetteer.normalize import skeleton_key
from gazetteer.places import KINDS, Mention, Place, ResolvedMention

if TYPE_CHECKING:
    from gazetteer.index import GazetteerIndex

__all__ = ["haversine_km", "resolve_mentions"]

K_CONTINENT, K_COUNTRY, K_REGION, K_ADMIN1, K_PLACE, K_FEATURE = range(len(KINDS))
#: Score of each kind before any evidence; populated places score by population instead
#: (log10), so an admin-1 unit outranks a same-named town of under a million people.
_BASE = np.array([7.5, 7.5, 6.5, 6.0, 0.0, 2.0])
#: Population from which a city named like its own admin-1 unit outranks the unit.
_NAMESAKE_CITY = 100_000
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

    __slots__ = ("adm2", "admin1", "admin_city", "base", "country", "kind", "lat", "local", "lon")
    __slots__ += ("namesake", "quality", "rows", "skeleton", "unit_of")

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
        # A city that gives its name to the admin-1 unit it lies in ("Kandahar") is
        # meant unless a feature word says otherwise.
        is_unit = self.kind == K_ADMIN1
        if is_unit.any():
            # (GeoNames leaves some capitals without an admin-1 code: Dushanbe)
            in_unit = np.isin(self.admin1, self.admin1[is_unit]) | (
                (self.admin1 == 0) & np.isin(self.country, self.country[is_unit])
            )
            namesake = is_place & (self.quality == 0) & in_unit
            namesake &= a["population"][self.rows] >= _NAMESAKE_CITY
            s[namesake] = np.maximum(s[namesake], _BASE[K_ADMIN1] + 0.5)
        else:
            namesake = np.zeros(len(self.rows), bool)
        #: cities named like the admin-1 unit they lie in: evidence for areas counts for them too
        self.namesake = namesake
        if self.skeleton:
            s -= 1.0
        self.base = s
        self.admin_city = is_place | np.array(
            [feat[r] in ("City", "Municipality") for r in self.rows], bool
        )
        #: second-level units (US counties): named with the same words as admin-1 units
        self.adm2 = np.array([feat[r] == "ADM2" for r in self.rows], bool)
        #: places inside one admin-1 unit (admin-1 units, populated places, features)
        self.local = (self.kind >= K_ADMIN1).astype(float)
        #: for each candidate, the index of its admin-1 unit among the candidates' units
        self.unit_of = np.unique(self.admin1, return_inverse=True)[1]


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
        self.scores = np.zeros(len(c.rows))
        self.local = self.scores  #: scores from the mentions themselves, before the article's
        self.prob = np.zeros(len(c.rows))  #: candidates' probabilities in the last round
        self.support = np.zeros(len(c.rows))  #: the article's evidence for each candidate's country
        self.has_context = False  #: the article names countries other than this name's


_BORDER_RE = re.compile("|".join(re.escape(w) for w in _BORDER_WORDS))


def _border_spans(lower: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the article's border words (``lower``: the lower-cased text).

    The spans do not overlap, so both lists are sorted.
    """
    spans = [m.span() for m in _BORDER_RE.finditer(lower)]
    return [a for a, _ in spans], [b for _, b in spans]


def _near_border(m: Mention, border_spans: tuple[list[int], list[int]]) -> bool:
    """True when a border word lies within 80 characters of the mention."""
    starts, ends = border_spans
    k = bisect.bisect_left(starts, max(0, m.start - 80))  # the first word starting in reach
    return k < len(starts) and ends[k] <= m.end + 80


def _in_codes(codes: np.ndarray, wanted: frozenset[int]) -> np.ndarray:
    """``np.isin`` for a handful of wanted codes, without its set-up cost."""
    mask = np.zeros(len(codes), bool)
    for c in wanted:
        mask |= codes == c
    return mask


def _local_scores(
    g: _Group,
    border_spans: tuple[list[int], list[int]],
    focus: frozenset[int],
    index: GazetteerIndex,
) -> np.ndarray:
    """Scores from what lies next to the mentions: feature words, border words, focus."""
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
    if focus:
        s += np.where(_in_codes(c.country, focus), 2.5, 0.0)
    s.flags.writeable = False  # shared by every article that meets the name this way
    cache[memo_key] = s
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
    kind = g.cands.kind[best]
    fitting = SETTLEMENT_WORDS if kind in (K_PLACE, K_FEATURE) else ADMIN_WORDS | REGION_WORDS
    if g.cands.adm2[best]:
        fitting = ADMIN_WORDS
    if any(m.parent or m.feature_word in fitting for m in m0):
        return False
    if kind in (K_PLACE, K_FEATURE):
        return index.arrays["population"][g.rows[best]] < 10_000
    if kind == K_ADMIN1:
        return all(" " not in m.surface and "-" not in m.surface for m in m0)
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
    return frozenset(countries), frozenset(admin1s)


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
    focus_codes = frozenset(index.country_code[c] for c in (focus or []) if c in index.country_code)
    groups: dict[str, _Group] = {}
    for m in mentions:
        if m.role == "toponym":
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

    # Pass 2: the article's countries, admin-1 units and other places, as the names'
    # candidates point to them; each round starts from the scores the one before left.
    context = np.zeros(len(index.vocab["country"]))
    context_units = np.zeros(len(index.vocab["admin1_code"]))
    for m in mentions:
        if m.role == "context":
            if m.context_country in index.country_code:
                context[index.country_code[m.context_country]] += 1.0
            units = _admin1_units(m.key, index)
            if len(units):
                context_units[units] += 1.0 / len(units)
    for g in scored:
        g.local = g.scores
    for _ in range(_ROUNDS):
        _article_round(groups, scored, context, context_units, index)

    ranked: dict[str, tuple[Place | None, float, tuple]] = {}
    for key, g in groups.items():
        if not len(g.rows):
            ranked[key] = (None, 0.0, ())
            continue
        order = np.argsort(-g.scores, kind="stable") if len(g.rows) > 1 else (0,)
        weak_skeleton = (
            g.cands.skeleton
            and not g.support[order[0]]
            and not any(x.parent or x.feature_word for x in g.mentions)
        )
        if weak_skeleton or (reject and _out_of_context(g, int(order[0]), index)):
            alts = tuple((index.place(int(g.rows[o])), 0.0) for o in order[:_MAX_ALTERNATIVES])
            ranked[key] = (None, 0.0, alts)
            continue
        if len(g.rows) == 1:
            ranked[key] = (index.place(int(g.rows[0])), 1.0, ())
            continue
        probs = np.exp(g.scores[order] - g.scores[order[0]])
        probs /= probs.sum()
        alts = tuple(
            (index.place(int(g.rows[o])), float(p))
            for o, p in zip(order[1 : 1 + _MAX_ALTERNATIVES], probs[1:], strict=False)
        )
        ranked[key] = (index.place(int(g.rows[order[0]])), float(probs[0]), alts)
    return [ResolvedMention(m, *ranked[m.key]) for m in mentions if m.role == "toponym"]


#: Weight of the article's support for a candidate's admin-1 unit (its country's is 4).
_ADMIN1_WEIGHT = 4.0
#: Rounds of article evidence; each starts from the scores the one before left.
_ROUNDS = 3
#: How much a name's best candidate votes for its country, by kind (1 for other kinds).
_COUNTRY_VOTE = {K_COUNTRY: 2.0, K_CONTINENT: 0.0}
_ONE = np.ones(1)


def _admin1_units(key: str, index: GazetteerIndex) -> np.ndarray:
    """Codes of the admin-1 units named ``key`` ("Texas" in "Texas Forest Service")."""
    cache = index.memo("resolve.admin1_units")
    units = cache.get(key)
    if units is None:
        rows, _ = index.candidates(key)
        rows = rows[index.arrays["kind"][rows] == K_ADMIN1]
        units = cache[key] = np.unique(index.arrays["admin1_code"][rows])
    return units


def _article_round(groups, scored, context, context_units, index):
    """Set the scores of every name with a choice to its local scores plus the article's evidence.

    Each name votes for the country of its best candidate so far, and for the
    admin-1 units of all its candidates in proportion to their probabilities
    (a soft vote: "Frankston", a suburb of Melbourne or a town in Texas, votes
    for both until the rest of the article has tipped the balance).
    """
    evidence = context.copy()
    own: dict[str, tuple[int, float]] = {}  # the country each name votes for, and how much
    picks: dict[str, int] = {}  # names whose best candidate is a local place → column
    pick_lat, pick_lon = [], []
    unit_codes, unit_weights = [], []
    for key, g in groups.items():
        if not len(g.rows):
            continue
        n = len(g.mentions)
        if len(g.rows) > 1:
            best = int(np.argmax(g.scores))
            p = np.exp(g.scores - g.scores[best])
            p /= p.sum()
        else:
            best, p = 0, _ONE
        kind = g.cands.kind[best]
        c = int(g.cands.country[best])
        own[key] = (c, _COUNTRY_VOTE.get(kind, 1.0) * n)
        evidence[c] += own[key][1]
        g.prob = p * g.cands.local  # continents, countries and regions name no admin-1 unit
        unit_codes.append(g.cands.admin1)
        unit_weights.append(g.prob * n)
        if g.cands.local[best]:
            picks[key] = len(pick_lat)
            pick_lat.append(g.cands.lat[best])
            pick_lon.append(g.cands.lon[best])
    admin1_votes = context_units + np.bincount(
        np.concatenate(unit_codes) if unit_codes else np.empty(0, np.int32),
        weights=np.concatenate(unit_weights) if unit_weights else None,
        minlength=len(context_units),
    )
    admin1_votes[0] = 0.0  # places without an admin-1 code vote for no unit
    total_evidence = float(evidence.sum())
    for key, g in groups.items():
        if len(g.rows) == 1:
            c, vote = own[key]
            g.support = evidence[g.cands.country] - (vote if g.cands.country[0] == c else 0.0)
            g.has_context = total_evidence - vote > 0
    if scored:
        _add_article_evidence(
            scored, own, evidence, total_evidence, admin1_votes, picks, pick_lat, pick_lon
        )


def _add_article_evidence(
    scored, own, evidence, total_evidence, admin1_votes, picks, pick_lat, pick_lon
):
    """Set the scores of every name with a choice, at once, from its local scores and the article.

    Evidence: the article's support for each candidate's country and admin-1
    unit (the other names' votes and the demonyms and organisations), and the
    candidate's distance to the article's other places.
    """
    sizes = [len(g.rows) for g in scored]
    bounds = np.cumsum([0, *sizes])
    country = np.concatenate([g.cands.country for g in scored])
    own_country = np.repeat([own[g.key][0] for g in scored], sizes)
    own_vote = np.repeat([own[g.key][1] for g in scored], sizes)
    # The article's evidence for each country, leaving out this name's own vote.
    support = evidence[country] - np.where(country == own_country, own_vote, 0.0)
    total = total_evidence - own_vote
    bonus = 4.0 * np.divide(support, total, out=np.zeros(len(support)), where=total > 0)
    # The same for admin-1 units; candidates without a unit (code 0) get nothing.
    total_votes = float(admin1_votes.sum())
    if total_votes > 0:
        admin1 = np.concatenate([g.cands.admin1 for g in scored])
        own_unit = np.concatenate(
            [
                np.bincount(g.cands.unit_of, weights=g.prob)[g.cands.unit_of] * len(g.mentions)
                for g in scored
            ]
        )
        unit_support = admin1_votes[admin1] - own_unit
        unit_support[admin1 == 0] = 0.0
        unit_total = total_votes - np.repeat([len(g.mentions) * g.prob.sum() for g in scored], sizes)
        bonus += _ADMIN1_WEIGHT * np.divide(
            unit_support, unit_total, out=np.zeros(len(admin1)), where=unit_total > 0
        )
    if pick_lat:
        lat = np.concatenate([g.cands.lat for g in scored])
        lon = np.concatenate([g.cands.lon for g in scored])
        d = haversine_km(lat[:, None], lon[:, None], np.array(pick_lat), np.array(pick_lon))
        for g, a, b in zip(scored, bounds[:-1], bounds[1:], strict=True):
            if g.key in picks:  # a name is not near itself
                d[a:b, picks[g.key]] = np.inf
        dmin = d.min(axis=1)
        # 1.5 under 50 km, 1.0 under 200 km, 0.5 under 500 km.
        bonus += 0.5 * ((dmin < 50).astype(float) + (dmin < 200) + (dmin < 500))
    for g, a, b in zip(scored, bounds[:-1], bounds[1:], strict=True):
        g.support = support[a:b]
        g.has_context = bool(total[a] > 0)
        g.scores = g.local + bonus[a:b]
