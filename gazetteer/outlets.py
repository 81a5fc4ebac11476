"""An outlet's home region, learnt from its own articles: a weak prior for bare names.

A local newspaper writes for readers who know where "Albany" or "the Alexandria
police" are without being told (Lieberman, Samet & Sankaranarayanan 2010, "Geotagging
with local lexicons to build indexes for textually-specified spatial data"). When a
batch holds several articles of one outlet, a first pass resolves them; the places
it resolves with confidence (a name with one candidate only, or an explicit parent:
"Paris, Ky.") show where the outlet's readers live. A second pass gives each article
its outlet's home units as weak context, as if the article had named them once: the
article's own cues (a state, nearby towns, a parent) outweigh it, and it decides only
the names that the article leaves open.

Unsupervised: it reads nothing but the batch's own texts and their outlets.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from gazetteer.places import ResolvedMention

__all__ = ["HomeRegion", "article_units", "learn_home_regions", "outlet_of"]

#: An outlet needs this many articles with confident places before it has a home.
MIN_ARTICLES = 3
#: A unit is part of an outlet's home when it holds this share of its articles' votes.
MIN_SHARE = 0.25
#: A unit is part of an outlet's home only when this many of its articles vote for it.
MIN_UNIT_ARTICLES = 2
#: Kinds of place whose unit tells where an article is set.
_LOCAL_KINDS = frozenset({"admin1", "populated_place", "feature"})


@dataclass(frozen=True)
class HomeRegion:
    """Where an outlet's readers live, as learnt from its articles.

    Attributes
    ----------
    outlet : str
        The outlet (a web host without ``www.``, or the name a user gave).
    units : dict of str to float
        ISO 3166-2 codes of its home admin-1 units (or ISO 3166-1 codes of home
        countries, for places without an admin-1 code) and their shares of the votes.
    articles : int
        Articles of the outlet that voted (had a confidently resolved local place).
    """

    outlet: str
    units: dict[str, float] = field(default_factory=dict)
    articles: int = 0

    @property
    def countries(self) -> dict[str, float]:
        """The home units' countries and their summed shares."""
        out: dict[str, float] = defaultdict(float)
        for code, share in self.units.items():
            out[code.split("-", 1)[0]] += share
        return dict(out)


def outlet_of(source: str | None) -> str:
    """The outlet of an article: the host of its URL without ``www.``, or the name given.

    ``"https://www.example-gazette.com/news/1"`` → ``"example-gazette.com"``;
    ``"Example Gazette"`` → ``"example gazette"``; empty or None → ``""`` (no outlet).

    Parameters
    ----------
    source : str or None
        The article's URL or its outlet's name.

    Returns
    -------
    str
        The outlet key, lower case; ``""`` for none.
    """
    s = (source or "").strip().lower()
    if not s:
        return ""
    if "//" in s or ("/" in s and "." in s.split("/", 1)[0]):
        host = urlsplit(s if "//" in s else f"//{s}").hostname or ""
    else:
        host = s
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix) and host.count(".") > 1:
            host = host[len(prefix) :]
    return host


def _confident(r: ResolvedMention) -> bool:
    """A resolution the article itself settles: one candidate only, or an explicit parent."""
    p = r.place
    if p is None or r.mention.role != "toponym" or p.kind not in _LOCAL_KINDS:
        return False
    return bool(r.mention.parent) or (not r.alternatives and r.score >= 1.0)


def article_units(resolved: Iterable[ResolvedMention]) -> Counter[str]:
    """The admin-1 units an article's confidently resolved names lie in, one vote a name.

    A place without an admin-1 code (GeoNames gives none to British towns) votes
    for its country.

    Parameters
    ----------
    resolved : iterable of ResolvedMention
        One article's resolution.

    Returns
    -------
    collections.Counter of str
        Votes by admin-1 code (or country code).
    """
    names: dict[str, str] = {}
    for r in resolved:
        if _confident(r):
            names.setdefault(r.mention.key, r.place.admin1_code or r.place.country)
    return Counter(names.values())


def learn_home_regions(
    outlets: Sequence[str], resolved: Sequence[Iterable[ResolvedMention]]
) -> dict[str, HomeRegion]:
    """Each outlet's home units, from a first pass over its articles.

    Parameters
    ----------
    outlets : sequence of str
        Each article's outlet (see :func:`outlet_of`; ``""`` for none).
    resolved : sequence of iterables of ResolvedMention
        Each article's first-pass resolution (without any home region).

    Returns
    -------
    dict of str to HomeRegion
        Outlets with at least :data:`MIN_ARTICLES` voting articles and a unit that
        holds :data:`MIN_SHARE` of the votes; every article votes with weight one,
        split among the units of its confident places.
    """
    shares: dict[str, Counter[str]] = defaultdict(Counter)
    present: dict[str, Counter[str]] = defaultdict(Counter)
    voters: Counter[str] = Counter()
    for outlet, rs in zip(outlets, resolved, strict=True):
        if not outlet:
            continue
        units = article_units(rs)
        total = sum(units.values())
        if not total:
            continue
        voters[outlet] += 1
        for code, n in units.items():
            shares[outlet][code] += n / total
            present[outlet][code] += 1
    out = {}
    for outlet, n in voters.items():
        if n < MIN_ARTICLES:
            continue
        units = {
            code: round(s / n, 3)
            for code, s in shares[outlet].most_common()
            if s / n >= MIN_SHARE and present[outlet][code] >= MIN_UNIT_ARTICLES
        }
        if units:
            out[outlet] = HomeRegion(outlet, units, n)
    return out
