"""One current English name per admin-1 unit, chosen when the packs are built.

Natural Earth carries two names per unit, and either can be wrong:

* ``name`` is often a local or a stale form: Soviet-era names that were
  changed long ago ("Leninabad" for Tajikistan's Sughd region, "Xanlar" for
  Azerbaijan's Goygol district);
* ``name_en`` comes from Wikidata and is usually the current English name
  ("Bavaria", "Kyiv"), but some units are linked to another entity: the
  region's capital ("Khujand"), the country ("Denmark" for Hovedstaden), or a
  neighbouring unit.

The rule checks both against two official sources, the ISO 3166-2
subdivision name (``pycountry``, which packages Debian's ``iso-codes``) and
the GeoNames name Natural Earth records (``gn_name``), comparing names without
generic words ("Viloyati", "Oblast") and across transliterations:

1. ``name_en`` is kept when it names no other unit of the country nor the
   country itself, and agrees with ``name`` or with an official name, or when
   ``name`` agrees with an official name (``name_en`` is then its English
   form: "Bavaria" for "Bayern");
2. otherwise, when neither Natural Earth name agrees with the official
   sources and those agree with each other, the unit has been renamed or
   mislinked: the GeoNames name without its generic words is the name
   ("Sughd");
3. otherwise ``name_en`` stays, or ``name`` where ``name_en`` names another
   unit or the country.

Every replaced name stays an alternate name, so "Leninabad" and "Khujand"
still find the region.
"""

from __future__ import annotations

import re

import pandas as pd

from gazetteer.normalize import name_key, skeleton_key
from gazetteer.sources import core_names

__all__ = ["current_names", "names_agree"]

_SLAVIC_ADJECTIVE = re.compile(r"(?:s'?kaya|s'?ka|s'?kyi|skaja|skiy|'?ka)$")


def _forms(name) -> list[str]:
    if not isinstance(name, str) or not name.strip():
        return []
    out = []
    for v in [name, *core_names(name)]:
        key = re.sub(r"\bst\b", "saint", name_key(v))
        if key:
            out.append(key)
    return out


def _stems(name) -> list[str]:
    """Stems of Slavic adjectival names: "Sums'ka Oblast'" → "sum", "Penzenskaya" → "penzen"."""
    out = []
    for key in _forms(name):
        first = key.split()[0]
        stem = _SLAVIC_ADJECTIVE.sub("", first)
        if stem != first and len(stem) >= 3:
            out.append(stem)
    return out


def names_agree(a, b) -> bool:
    """Whether two names of an admin-1 unit are forms of one name.

    Equal keys or consonant skeletons (transliterations), one name a leading
    part of the other ("Xinjiang" in "Xinjiang Uygur Zizhiqu"), a shared start
    of five letters ("Chernihiv", "Chernihivska"), or a name that starts like a
    Slavic adjective's stem ("Penza", "Penzenskaya").

    Examples
    --------
    >>> names_agree("Sughd", "Viloyati Sughd")
    True
    >>> names_agree("Leninabad", "Viloyati Sughd")
    False
    >>> names_agree("Sumy", "Sums'ka Oblast'")
    True
    """
    fa, fb = _forms(a), _forms(b)
    if not fa or not fb:
        return False
    if {*fa, *map(skeleton_key, fa)} & {*fb, *map(skeleton_key, fb)}:
        return True
    for x in fa:
        for y in fb:
            short, long = sorted((x, y), key=len)
            if len(short) >= 3 and (long == short or long.startswith(short + " ")):
                return True
            if len(short) >= 3 and long.startswith(short) and len(short) >= len(long) - 2:
                return True
            if len(short) >= 4 and f" {short} " in f" {long} ":
                return True  # "Abu Dhabi" in "Emirate of Abu Dhabi"
            if len(x) >= 5 and len(y) >= 5 and x[:5] == y[:5]:
                return True
    for stems, others in ((_stems(a), fb), (_stems(b), fa)):
        for stem in stems:
            for y in others:
                if y.startswith(stem) or (len(stem) >= 4 and y[:4] == stem[:4]):
                    return True
    return False


def _official_name(iso: str, geonames: str) -> str:
    """GeoNames' name without generic words, or ISO's when GeoNames keeps one ("Tinh Bac Kan")."""
    core = (core_names(geonames) or [geonames])[0]
    short, long = name_key(iso), name_key(core)
    return iso if short != long and f" {short} " in f" {long} " else core


def current_names(raw: pd.DataFrame, iso_names: dict[str, str]) -> pd.DataFrame:
    """The name of every unit by the rule above, and its alternates.

    Parameters
    ----------
    raw : pandas.DataFrame
        Natural Earth admin-1 attributes: ``iso_3166_2``, ``iso_a2``, ``admin``,
        ``name``, ``name_en``, ``name_alt``, ``gn_name``.
    iso_names : dict
        ISO 3166-2 code → subdivision name.

    Returns
    -------
    pandas.DataFrame
        ``name`` (to be used as ``name_en`` too), ``name_alt`` (the replaced
        names added) and ``name_rule`` (1, 2 or 3: the step of the rule that
        chose the name), on ``raw``'s index.
    """
    siblings: dict[str, dict[str, set]] = {}
    for r in raw.itertuples():
        for v in (r.name, r.name_en):
            if isinstance(v, str) and v.strip():
                siblings.setdefault(r.iso_a2, {}).setdefault(name_key(v), set()).add(r.Index)
    names, alts, rules = [], [], []
    for r in raw.itertuples():
        ne_name = r.name if isinstance(r.name, str) else ""
        en = r.name_en if isinstance(r.name_en, str) and r.name_en.strip() else None
        if en is not None and not names_agree(en, ne_name):
            others = siblings.get(r.iso_a2, {}).get(name_key(en), set()) - {r.Index}
            if others or name_key(en) == name_key(str(r.admin)):
                en = None  # Wikidata linked the unit to its country or to another unit
        official = [n for n in (iso_names.get(r.iso_3166_2), r.gn_name) if isinstance(n, str)]
        if en is None or not names_agree(en, ne_name):
            stale = not any(names_agree(n, o) for n in (ne_name, en) for o in official)
        else:
            stale = False  # Natural Earth's two names agree: an English form of the name
        if en is not None and not stale:
            chosen, rule = en, 1
        elif stale and len(official) == 2 and names_agree(*official):
            chosen, rule = _official_name(*official), 2
        else:
            chosen, rule = en or ne_name, 3
        alt = [v for v in str(r.name_alt or "").split("|") if v.strip()]
        for old in (ne_name, r.name_en):
            if isinstance(old, str) and old.strip() and old != chosen and old not in alt:
                alt.append(old)
        names.append(chosen)
        alts.append("|".join(alt))
        rules.append(rule)
    return pd.DataFrame({"name": names, "name_alt": alts, "name_rule": rules}, index=raw.index)
