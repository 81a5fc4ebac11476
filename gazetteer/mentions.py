"""Find toponyms in text: exact offsets, longest match, filters against false places."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from gazetteer.filters import (
    ABBREVIATIONS,
    DISEASE_WORDS,
    FEATURE_WORDS,
    GOVERNMENT_BUILDINGS,
    LIST_GAP,
    NOT_PLACES,
    ORGANISATION_WORDS,
    PARTICLES,
    SETTLEMENT_WORDS,
    SPEECH_VERBS,
    TITLES,
    common_words,
    first_names,
)
from gazetteer.normalize import name_key, strip_possessive
from gazetteer.places import KINDS, POSTAL_FEATURE, Mention

if TYPE_CHECKING:
    from gazetteer.index import GazetteerIndex

__all__ = ["Tokens", "find_mentions"]

_TOKEN = re.compile(r"([^\W\d_]+(?:['’ʼ`.][^\W\d_]+)*['’ʼ]?)", re.UNICODE)
#: The same words where every letter is ASCII (a byte table, not Unicode categories).
_TOKEN_ASCII = re.compile(r"([A-Za-z]+(?:['’ʼ`.][A-Za-z]+)*['’ʼ]?)")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# What may stand between two words of one name: at most three spaces, tabs or hyphens.
_JOINING_GAPS = frozenset(
    "".join(chars) for n in (1, 2, 3) for chars in itertools.product(" \t-\u2010\u2013", repeat=n)
)
#: Abbreviated first words of names, written with a full stop ("St. Cloud", "Mt. Vernon").
_ABBREVIATIONS = frozenset({"st", "ste", "mt", "ft", "pt"})
#: Words before a speaker's name ("said Baker") and prepositions that make a name a place.
_SAID = frozenset({"said", "says"})
_PREPOSITIONS = frozenset({"of", "in", "at", "from", "near", "to", "for", "into", "outside"})
#: Prepositions before which a name is a place, not a person or a company ("near Lanexa").
_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "near", "into", "outside"})
#: "I've", "they'll", "isn't": never a place.
_CONTRACTION = re.compile(r"['’ʼ](?:ve|ll|re|m|d|t)$")
_MAX_TOKENS = 6
#: "U.S", "W.Va", "W. Va": a name written with inner full stops (its final one belongs to it
#: too).
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,3}\. ?)+[^\W\d_]{1,3}$")
#: Initials written in capitals ("FDA", "IRS"): an agency or a party unless a big place.
_ACRONYM_MAX = 4
#: A place named like a common word or a given name is meant only from this population on.
_COMMON_NAME_POPULATION = 100_000
_BIG_KINDS = KINDS.index("admin1")  # kinds up to admin-1 are "big" places
_REGION_KINDS = KINDS.index("region")  # continents, countries, regions


class Tokens:
    """The words of a text as parallel lists (offsets, text, lower case, capitalised).

    Parallel lists rather than one object per word: an article has about a
    thousand words and only its capitalised ones can start a toponym.
    """

    __slots__ = ("adjacent", "cap", "capitals", "ends", "gaps", "lower", "starts", "stops")
    __slots__ += ("words",)

    def __init__(self, text: str):
        # [gap, word, gap, word, …, gap]: words at odd places, what lies between at even.
        parts = _split_words(text)
        bounds = list(itertools.accumulate(map(len, parts)))
        self.words = parts[1::2]
        self.starts = bounds[0:-1:2]
        self.ends = bounds[1::2]
        self.lower = list(map(str.lower, self.words))
        # (map and compress loop in C: an article has about a thousand words)
        self.cap = list(map(str.isupper, map(itemgetter(0), self.words)))
        #: positions of the capitalised words
        self.capitals = list(itertools.compress(range(len(self.cap)), self.cap))
        #: gaps[k]: what lies between words k and k+1
        self.gaps = gaps = parts[2:-1:2]
        #: positions k of the gaps ". " (a full stop and one space after word k)
        self.stops = _positions(gaps, ". ")
        # adjacent[k]: words k and k+1 may belong to one name ("St. Cloud" too).
        self.adjacent = list(map(_JOINING_GAPS.__contains__, gaps))
        for k in itertools.compress(range(len(gaps)), map(_ABBREVIATIONS.__contains__, self.lower)):
            g = gaps[k]
            if g[:1] == "." and g[1:] in _JOINING_GAPS:
                self.adjacent[k] = True
        # Initials of a short abbreviation written with spaces: "W. Va.", "D. C.", "N. Y."
        words = self.words
        for k in self.stops:
            if len(words[k]) == 1 and self.cap[k] and len(words[k + 1]) <= 2 and self.cap[k + 1]:
                self.adjacent[k] = True

    def __len__(self) -> int:
        return len(self.words)


def _positions(items: list, value) -> list[int]:
    """Positions of ``value`` in a list (``list.index`` scans in C between them)."""
    out: list[int] = []
    k = -1
    try:
        while True:
            k = items.index(value, k + 1)
            out.append(k)
    except ValueError:
        return out


def _split_words(text: str) -> list[str]:
    """The text split by ``_TOKEN`` (words at odd places).

    With the ASCII pattern, which tests characters faster, when no letter of the
    text is beyond ASCII (curly quotes and dashes are not letters).
    """
    if text.isascii() or not any(map(str.isalnum, "".join(_NON_ASCII.findall(text)))):
        return _TOKEN_ASCII.split(text)
    return _TOKEN.split(text)


@lru_cache(maxsize=65536)
def _surface_key(surface: str) -> tuple[int, str]:
    """Length without an English possessive (``Armenia's`` → 7) and the name key."""
    bare = strip_possessive(surface)
    return len(bare), name_key(bare)


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return name_key(surface)


def find_mentions(text: str, index: GazetteerIndex) -> list[Mention]:
    """Find toponyms and country references in a text.

    Parameters
    ----------
    text : str
        Article text.
    index : GazetteerIndex
        The loaded gazetteer index.

    Returns
    -------
    list of Mention
        In text order; ``text[m.start:m.end] == m.surface`` for each.
        Toponyms have ``role="toponym"``; demonyms and countries inside
        organisation names have ``role="context"``.
    """
    toks = Tokens(text)
    words, starts, lower, cap = toks.words, toks.starts, toks.lower, toks.cap
    adjacent = toks.adjacent
    n = len(toks)
    # (the words not capitalised: all words, with the few capitalised ones blanked out)
    uncapitalised = lower.copy()
    for k in toks.capitals:
        uncapitalised[k] = ""
    lowercase_words = set(uncapitalised)
    lowercase_words.discard("")
    names, context_names, first_words = index.name_set, index.context_names, index.first_words
    # (``positions[key] >= 0`` is ``key in names``, with no Python call once a key was seen)
    name_pos, first_word_pos = names.positions, first_words.positions
    mentions: list[Mention] = []
    spans: list[tuple[int, int, bool]] = []  # each mention's first and last word, and bigness
    i = 0
    person_until = -1
    while i < n:
        if not cap[i]:
            try:
                i = cap.index(True, i)  # the next capitalised word (a loop in C)
            except ValueError:
                break
        start = starts[i]
        if lower[i].rstrip(".") in TITLES or (
            # "Miss Cordell" is a title; "Jackson, Miss." the state ("Miss Ohio", "Miss
            # Butler County" pageant titles with a place)
            words[i] == "Miss"
            and i + 1 < n
            and cap[i + 1]
            and toks.gaps[i] == " "
            and not _is_big(_key(words[i + 1]), index)
            and not (i + 2 < n and lower[i + 2] in FEATURE_WORDS)
        ):
            # Capitalised words after a title are a person's name ("Dr. James Cherry").
            j = i + 1
            while (
                j < n and cap[j] and (adjacent[j - 1] or (j == i + 1 and _after_dot(text, toks, i)))
            ):
                j += 1
            person_until = j
            i = j
            continue
        # The longest run of words that may form one name with token i.
        last = i
        # (a capitalised word or a particle may continue a name; any other word ends it)
        while last + 1 < n and last - i + 1 < _MAX_TOKENS and adjacent[last]:
            last += 1
            if not (cap[last] or lower[last] in PARTICLES):
                break
        if last > i:
            # Keys of several words are the words' keys joined by spaces; no name
            # of several words starts with this one: only the word itself can match.
            first = _key(words[i])
            if first_word_pos[first.split(" ", 1)[0]] < 0:
                last = i
        match = None
        for j in range(last, i - 1, -1):
            # The words after the first join it as capitalised words or particles (the
            # run above); the last may be in lower case ("Lachin corridor"), but not
            # after a common word ("The city") unless they name a region ("the Gulf
            # states").
            length, key = _surface_key(words[j])
            end = starts[j] + length
            if j > i:
                key = " ".join([first, *map(_key, words[i + 1 : j]), key])
                if (
                    not cap[j]
                    and lower[i] in NOT_PLACES
                    and not (key in names and _is_big(key, index, _REGION_KINDS))
                ):
                    continue
            elif (
                key in NOT_PLACES
                or lower[i].rstrip("'’s") in NOT_PLACES
                or _CONTRACTION.search(lower[i])
            ):
                break
            if key in _BUILDING_KEYS:
                match = (j, end, key, "building")
                break
            if key in context_names:
                match = (j, end, key, "context")
                break
            if name_pos[key] >= 0:
                match = (j, end, key, "toponym")
                break
        if match is None:
            i += 1
            continue
        j, end, key, role = match
        if role == "building":  # "the White House said": a government, not a place
            i = j + 1
            continue
        nxt = j + 1 if j + 1 < n else None
        if nxt is not None and adjacent[j] and lower[nxt] in DISEASE_WORDS:
            i = j + 2  # "West Nile virus", "Spanish flu": a disease's name
            continue
        prev = i - 1 if i > 0 else None
        big = role == "toponym" and _is_big(key, index)
        context_country = _demonym_country(key, index) if role == "context" else None
        if role == "toponym" and j == i:
            # A single word that the article also uses in lower case is a common word.
            if not big and lower[i] in lowercase_words:
                i = j + 1
                continue
            # Initials in capitals that are no big place are an agency or a party
            # ("FDA", "IRS"); "US$" is a currency.
            word = words[i]
            if not big and word.isupper() and len(word) <= _ACRONYM_MAX and "." not in word:
                i = j + 1
                continue
            if text[end : end + 1] == "$":
                i = j + 1
                continue
            # A given name followed by a capitalised word is a person ("Paul Kemp",
            # "James Brown"), even when either word is a place name too; a country
            # ("Chad") or a title or organisation after the name ("Virginia Senator")
            # keeps the place.
            if (
                nxt is not None
                and cap[nxt]
                and toks.gaps[i] == " "
                and lower[i] in first_names()
                and lower[nxt] not in _NOT_SURNAMES
                and not _is_big(key, index, _REGION_KINDS)
            ):
                k = nxt
                while k + 1 < n and cap[k + 1] and adjacent[k]:
                    k += 1
                i = k + 1
                continue
            # A small place glued to a following capitalised word is part of a name
            # ("Alexander Lapshin", "Aerostar company"), unless an organisation or a
            # title follows a name that is no common word or given name ("the Dover
            # Public Library", "Dover Mayor Ann Smith"; not "the Commerce Committee").
            if (
                not big
                and nxt is not None
                and cap[nxt]
                and adjacent[i]
                and lower[nxt] not in FEATURE_WORDS
                and name_pos[_key(words[nxt])] < 0
                and not (
                    (lower[nxt] in TITLES or _org_after(toks, nxt))
                    and lower[i] not in common_words()
                    and lower[i] not in first_names()
                )
            ):
                i = j + 2
                continue
            if i < person_until:
                i = j + 1
                continue
            # "Baker said", "…, said Mary.": a speaker, unless a country, a region or a
            # capital speaks for its government ("Moscow said") or a preposition makes
            # it a place ("the mayor of Avondale said").
            if (
                ((nxt is not None and lower[nxt] in SPEECH_VERBS and adjacent[i])
                     or (prev is not None and lower[prev] in _SAID and adjacent[prev]
                         and (nxt is None or not adjacent[i])))
                and (prev is None or lower[prev] not in _PREPOSITIONS)
                and not _may_speak(key, index)
            ):  # fmt: skip
                i = j + 1
                continue
        # A country inside an organisation's name is context, not a place to map.
        k = j + 1
        while k < n and k <= j + 4 and cap[k] and adjacent[k - 1]:
            k += 1
        before = lower[max(0, i - 2) : i]
        in_org = any(w in ORGANISATION_WORDS for w in lower[j + 1 : k]) or (
            prev is not None and lower[prev] == "of" and _org_before(toks, i - 1)
        )
        head, _, last = key.partition(" ")
        if in_org and head == "the" and last in FEATURE_WORDS:
            # "The City Council", "The County Commission": the organisation's own town or
            # county, named by a common noun, not a place that bears the name ("The City").
            i = j + 1
            continue
        if role == "toponym" and in_org and not big:
            # "the Athens Police Department": a place named for the organisation's reach,
            # context with no country of its own to lend ("Athens" may be in Greece).
            role = "context"
        elif role == "toponym" and in_org:
            role = "context"
            rows = index.candidates(key)[0]
            context_country = index.vocab["country"][index.arrays["country"][rows[0]]]
            for r in rows:
                if index.arrays["kind"][r] == KINDS.index("country"):
                    context_country = index.vocab["country"][index.arrays["country"][r]]
                    break
        feature = None
        possessive = end < toks.ends[j]  # "Angola's provinces": parts of the place, not its kind
        if nxt is not None and lower[nxt] in FEATURE_WORDS and adjacent[j] and not possessive:
            feature = lower[nxt]
        elif (
            len(before) == 2
            and before[1] == "of"
            and before[0] in FEATURE_WORDS
            and adjacent[i - 2]
            and adjacent[i - 1]
        ):
            feature = before[0]
        elif (
            prev is not None
            and lower[prev] in SETTLEMENT_WORDS
            and adjacent[prev]
            and not cap[prev]  # "Dublin City Council" gives "Council" no feature word
        ):
            feature = lower[prev]
        if text[end : end + 1] == "." and (
            _DOTTED.match(text[start:end]) or (key in ABBREVIATIONS and j == i)
        ):
            end += 1  # "U.S.", "D.C.", "Ky.": the final full stop is part of the name
        spans.append((i, j, big))
        mentions.append(
            Mention(
                start=start,
                end=end,
                surface=text[start:end],
                key=key,
                role=role,
                feature_word=feature,
                context_country=context_country if role == "context" else None,
            )
        )
        i = j + 1
    mentions = _drop_surnames(toks, _link(text, mentions, index), spans, lowercase_words)
    return _drop_common_names(toks, mentions, spans, index)


def _after_dot(text: str, toks: Tokens, k: int) -> bool:
    """True when word ``k`` is followed by a full stop and one space ("Dr. James")."""
    return k + 1 < len(toks) and text[toks.ends[k] : toks.starts[k + 1]] == ". "


def _drop_common_names(
    toks: Tokens, mentions: list[Mention], spans: list[tuple[int, int, bool]], index
) -> list[Mention]:
    """Drop small places named like a common English word or a given name.

    "Council", "Main", "Hall", "Paul": a single capitalised word that is a common
    word of English (or a given name not after a place preposition) stands for
    a small place only with a feature word or a parent next to it; towns of
    100,000 people or more ("Mobile", "Buffalo") are meant anyway. The same holds
    inside an organisation's name ("the Chamber of Commerce"). A name that only
    US postal places bear needs a feature word, a parent or a place preposition
    ("near Lanexa"), whatever its word (see :func:`_postal_only`).
    """
    lower = toks.lower
    common, given = common_words(), first_names()
    demonyms = index.context_names
    by_start = {toks.starts[i]: (i, j, big) for i, j, big in spans}
    out = []
    for m in mentions:
        i, j, big = by_start.get(m.start, (0, 1, True))
        if (
            (m.role == "toponym" or m.key not in demonyms)
            and i == j
            and not big
            and m.feature_word is None
            and m.parent is None
            and (
                m.key in common
                or (m.key in given and (i == 0 or lower[i - 1] not in _PREPOSITIONS))
            )
            and _max_population(m.key, index) < _COMMON_NAME_POPULATION
        ):
            continue
        if (
            m.feature_word is None
            and m.parent is None
            and m.key not in demonyms  # "Indian" is India's before it is a post office's
            and (i == 0 or lower[i - 1] not in _PLACE_PREPOSITIONS)
            and _postal_only(m.key, index)
        ):
            continue
        out.append(m)
    return out


def _postal_only(key: str, index: GazetteerIndex) -> bool:
    """True when every place of a name is a US postal place (no population known).

    Postal names include surnames, given names and company names ("Dow",
    "Emma", "Toyota", "State University"): such a name is a mention only
    with a cue, a parent, a feature word or a place preposition before it.
    """
    cache = index.memo("mentions.postal_only")
    only = cache.get(key)
    if only is None:
        code = index.feature_code.get(POSTAL_FEATURE, -1)
        rows = index.candidates(key)[0]
        only = cache[key] = bool(len(rows)) and bool((index.arrays["feature"][rows] == code).all())
    return only


def _max_population(key: str, index: GazetteerIndex) -> int:
    """The largest population among a name's places."""
    s = index.slot(key)
    return 0 if s is None else index.arrays["name_max_population"].item(s)


def _drop_surnames(
    toks: Tokens, mentions: list[Mention], spans: list[tuple[int, int, bool]], common: set[str]
) -> list[Mention]:
    """Drop small places named like a person the article names in full.

    "Tom Jones … Jones said": a given name, or a capitalised word that is
    neither a big place nor a common word ("Mahmoud Abbas", "Krishna Ghati"),
    before a second capitalised word with one space between makes the second a
    surname or the tail of a longer unknown name ("Logan-Rogersville", "Metro
    Nashville" name none), and so does a middle initial ("Ada K. Lind");
    every single-word mention of it then stands for the person, unless a
    feature word or a parent says it is a place.
    """
    covered = {k for i, j, _ in spans for k in range(i, j + 1)}
    weak = {i for i, j, big in spans if i == j and not big}  # may be a name's word too
    cap, lower, gaps = toks.cap, toks.lower, toks.gaps
    given, words = first_names(), common_words()
    n = len(cap)
    # (only capitalised words one space before another are tested)
    surnames = {
        lower[k + 1]
        for k in toks.capitals
        if k + 1 < n
        and cap[k + 1]
        and gaps[k] == " "
        and (
            lower[k] in given
            or (
                len(lower[k]) > 1
                and lower[k] not in words
                and not toks.words[k].isupper()  # "CTV Edmonton"
                and lower[k][-2:] not in ("'s", "’s")  # "Radio's Edmonton"
            )
        )
        and (k not in covered or k in weak)
        and (k + 1 not in covered or k + 1 in weak)
        and lower[k] not in common
        and lower[k] not in NOT_PLACES
        and lower[k] not in FEATURE_WORDS
        and lower[k] not in PARTICLES
    }
    # "Ada K. Lind", "Oren P. Vale": a middle initial between two capitalised words
    words_ = toks.words
    surnames |= {
        lower[k + 1]
        for k in toks.stops
        if k >= 1
        and len(words_[k]) == 1
        and cap[k]
        and k + 1 < len(cap)
        and cap[k + 1]
        and cap[k - 1]
        and gaps[k - 1] == " "
        and lower[k - 1] not in NOT_PLACES
        and (k + 1 not in covered or k + 1 in weak)
    }
    if not surnames:
        return mentions
    return [
        m
        for m, (i, j, big) in zip(mentions, spans, strict=True)
        if not (
            m.role == "toponym"
            and i == j
            and not big
            and m.feature_word is None
            and m.parent is None
            and lower[i] in surnames
        )
    ]


_BUILDING_KEYS = frozenset(name_key(b) for b in GOVERNMENT_BUILDINGS)
#: Words after a given name that make it no person ("Virginia Senator", "Georgia Power").
_NOT_SURNAMES = FEATURE_WORDS | TITLES | ORGANISATION_WORDS | NOT_PLACES


def _is_big(key: str, index: GazetteerIndex, kinds: int = _BIG_KINDS) -> bool:
    """True when a name has a country, region or admin-1 unit among its places.

    ``kinds``: the smallest kind that counts (``_REGION_KINDS``: no admin-1 units).
    """
    s = index.slot(key)
    return s is not None and index.arrays["name_min_kind"].item(s) <= kinds


def _demonym_country(key: str, index: GazetteerIndex) -> str | None:
    """The country a demonym points to ("Ohioans": US; "European": none, a bloc)."""
    place_id = index.context_names.get(key)
    if place_id is None or place_id in index.country_code:
        return place_id
    cache = index.memo("mentions.demonym_country")
    if key not in cache:
        row = index.id_to_row.get(place_id)
        country = "" if row is None else index.vocab["country"][index.arrays["country"][row]]
        cache[key] = country or None
    return cache[key]


def _may_speak(key: str, index: GazetteerIndex) -> bool:
    """True when a name may stand for a government: a country, a region or a capital."""
    cache = index.memo("mentions.may_speak")
    speaks = cache.get(key)
    if speaks is None:
        rows, _ = index.candidates(key)
        feature = index.strings["feature"]
        speaks = cache[key] = bool(
            (index.arrays["kind"][rows] <= _REGION_KINDS).any()
            or any(feature[r] == "PPLC" for r in rows)
        )
    return speaks


def _org_after(toks: Tokens, k: int) -> bool:
    """True when the capitalised words from ``k`` on (up to four) name an organisation."""
    for x in range(k, min(len(toks), k + 4)):
        if toks.lower[x] in ORGANISATION_WORDS:
            return True
        if not (toks.cap[x] and x + 1 < len(toks) and toks.adjacent[x]):
            return False
    return False


def _org_before(toks: Tokens, k: int) -> bool:
    """True when the capitalised words before ``of`` at ``k`` name an organisation."""
    for x in range(k - 1, max(-1, k - 6), -1):
        if toks.lower[x] in ORGANISATION_WORDS:
            return True
        if not (toks.cap[x] or toks.lower[x] in PARTICLES):
            return False
    return False


_POSSESSIVE_GAP = re.compile(r"['’]s\s+")  # "Armenia's Gegharkunik"
_APOSTROPHES = ("'", "’")
_DEMONYM_GAP = re.compile(r"\s+(?:\w+\s+of\s+)?")  # "the Armenian village of Sotk"
_COMMA_GAP = re.compile(r",\s*")  # "Sotk, Armenia"


def _link(text: str, mentions: list[Mention], index) -> list[Mention]:
    """Share plural feature words across lists and attach explicit parents."""
    out = list(mentions)
    # "Gegharkunik and Syunik provinces": the plural feature word covers the whole list.
    for k in range(len(out) - 2, -1, -1):
        a, b = out[k], out[k + 1]
        if (
            a.role == "toponym"
            and a.feature_word is None
            and b.feature_word
            and b.feature_word.endswith("s")
            and LIST_GAP.fullmatch(text[a.end : b.start])
        ):
            out[k] = _replace(a, feature_word=b.feature_word)
    # Parents: "Armenia's Gegharkunik", "the Armenian village of Sotk", "Sotk, Armenia".
    for k, m in enumerate(out):
        if m.role != "toponym":
            continue
        parent = None
        if k > 0:
            p = out[k - 1]
            gap = text[p.end : m.start]
            # (the first character tested before each pattern: most gaps are neither)
            if (gap[:1] in _APOSTROPHES and _POSSESSIVE_GAP.fullmatch(gap)) or (
                p.role == "context" and p.key in index.context_names and _DEMONYM_GAP.fullmatch(gap)
            ):
                parent = p.surface
        if parent is None and k + 1 < len(out):
            q = out[k + 1]
            if (
                text[m.end : m.end + 1] == ","
                and q.role == "toponym"
                and _COMMA_GAP.fullmatch(text[m.end : q.start])
                and _is_big(q.key, index)
                and _may_have_parent(m.key, q.key, index)
            ):
                parent = q.surface
        if parent is not None:
            out[k] = _replace(m, parent=parent)
    return out


def _may_have_parent(child: str, parent: str, index) -> bool:
    """Whether ``"child, parent"`` may name a place and its parent, not two list items.

    A small place may have any big place after it ("Paris, Ky."); a country none
    ("Mexico, China, Japan" is a list); an admin-1 name only a country
    ("Punjab, India", but not "Illinois, Missouri").
    """
    if not _is_big(child, index):
        return True
    if _is_big(child, index, _REGION_KINDS):
        return False
    return _is_big(parent, index, _REGION_KINDS)


def _replace(m: Mention, **changes) -> Mention:
    return replace(m, **changes)
