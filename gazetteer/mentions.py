"""Find toponyms in text: exact offsets, longest match, filters against false places."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from gazetteer.filters import (
    FEATURE_WORDS,
    NOT_PLACES,
    ORGANISATION_WORDS,
    PARTICLES,
    SETTLEMENT_WORDS,
    TITLES,
)
from gazetteer.normalize import name_key, strip_possessive
from gazetteer.places import KINDS, Mention

if TYPE_CHECKING:
    from gazetteer.index import GazetteerIndex

__all__ = ["find_mentions", "tokenize"]

_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ`.][^\W\d_]+)*['’ʼ]?", re.UNICODE)
_GAP = re.compile(r"[ \t\-‐–]{1,3}")
_MAX_TOKENS = 6
_BIG_KINDS = KINDS.index("admin1")  # kinds up to admin-1 are "big" places


class Token(NamedTuple):
    """A word of the text with its offsets."""

    start: int
    end: int
    text: str
    lower: str
    cap: bool


def tokenize(text: str) -> list[Token]:
    """Split a text into word tokens with offsets."""
    return [
        Token(m.start(), m.end(), w, w.lower(), w[0].isupper())
        for m in _TOKEN.finditer(text)
        for w in (m.group(0),)
    ]


@lru_cache(maxsize=65536)
def _key(surface: str) -> str:
    return name_key(surface)


def _surface_end(text: str, start: int, end: int) -> int:
    """End offset without an English possessive (``Armenia's`` → ``Armenia``)."""
    return start + len(strip_possessive(text[start:end]))


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end : b.start]
    return gap == " " or (len(gap) <= 3 and bool(_GAP.fullmatch(gap)))


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
    toks = tokenize(text)
    lowercase_words = {t.lower for t in toks if not t.cap}
    # joinable[k]: token k+1 may continue a name that token k is part of.
    adjacent = [_adjacent(text, a, b) for a, b in itertools.pairwise(toks)]
    joinable = [
        adjacent[k] and (toks[k + 1].cap or toks[k + 1].lower in PARTICLES)
        for k in range(len(adjacent))
    ]
    slots, context_names, kinds = index.slots, index.context_names, index.arrays["kind"]
    mentions: list[Mention] = []
    n = len(toks)
    i = 0
    person_until = -1
    while i < n:
        t = toks[i]
        if not t.cap:
            i += 1
            continue
        if t.lower.rstrip(".") in TITLES:
            # Capitalised words after a title are a person's name.
            j = i + 1
            while j < n and toks[j].cap and _adjacent(text, toks[j - 1], toks[j]):
                j += 1
            person_until = j
            i = j
            continue
        match = None
        for length in range(min(_MAX_TOKENS, n - i), 0, -1):
            j = i + length - 1
            last = toks[j]
            if not last.cap and length == 1:
                continue
            if j > i and not (all(joinable[i : j - 1]) and adjacent[j - 1]):
                continue
            end = _surface_end(text, t.start, last.end)
            surface = text[t.start : end]
            key = _key(surface)
            if length == 1 and (key in NOT_PLACES or t.lower.rstrip("'’s") in NOT_PLACES):
                break
            if key in context_names:
                match = (j, end, key, "context")
                break
            if key in slots:
                match = (j, end, key, "toponym")
                break
        if match is None:
            i += 1
            continue
        j, end, key, role = match
        nxt = toks[j + 1] if j + 1 < n else None
        prev = toks[i - 1] if i > 0 else None
        rows = index.candidates(key)[0] if role == "toponym" else ()
        big = any(kinds[r] <= _BIG_KINDS for r in rows)
        context_country = context_names.get(key)
        if role == "toponym" and j == i:
            # A single word that the article also uses in lower case is a common word.
            if not big and t.lower in lowercase_words:
                i = j + 1
                continue
            # A small place glued to a following capitalised word is part of a name
            # ("Alexander Lapshin", "Aerostar company").
            if (
                not big
                and nxt is not None
                and nxt.cap
                and _adjacent(text, t, nxt)
                and nxt.lower not in FEATURE_WORDS
                and _key(nxt.text) not in slots
            ):
                i = j + 2
                continue
            if i < person_until:
                i = j + 1
                continue
        # A country inside an organisation's name is context, not a place to map.
        run = []
        k = j + 1
        while k < n and k <= j + 4 and toks[k].cap and _adjacent(text, toks[k - 1], toks[k]):
            run.append(toks[k].lower)
            k += 1
        before = [toks[x].lower for x in range(max(0, i - 2), i)]
        in_org = any(w in ORGANISATION_WORDS for w in run) or (
            prev is not None and prev.lower == "of" and _org_before(toks, i - 1)
        )
        if role == "toponym" and in_org:
            if not big:
                i = k
                continue
            role = "context"
            context_country = index.vocab["country"][index.arrays["country"][rows[0]]]
            for r in rows:
                if kinds[r] == KINDS.index("country"):
                    context_country = index.vocab["country"][index.arrays["country"][r]]
                    break
        feature = None
        if nxt is not None and nxt.lower in FEATURE_WORDS and _adjacent(text, toks[j], nxt):
            feature = nxt.lower
        elif len(before) == 2 and before[1] == "of" and before[0] in FEATURE_WORDS:
            feature = before[0]
        elif prev is not None and prev.lower in SETTLEMENT_WORDS:
            feature = prev.lower
        mentions.append(
            Mention(
                start=t.start,
                end=end,
                surface=text[t.start : end],
                key=key,
                role=role,
                feature_word=feature,
                context_country=context_country if role == "context" else None,
            )
        )
        i = j + 1
    return _link(text, toks, mentions, index)


def _org_before(toks: list[Token], k: int) -> bool:
    """True when the capitalised words before ``of`` at ``k`` name an organisation."""
    for x in range(k - 1, max(-1, k - 6), -1):
        t = toks[x]
        if t.lower in ORGANISATION_WORDS:
            return True
        if not (t.cap or t.lower in PARTICLES):
            return False
    return False


_LIST_GAP = re.compile(r"\s*(?:,|and|or|&)\s*(?:and\s+)?")


def _link(text: str, toks: list[Token], mentions: list[Mention], index) -> list[Mention]:
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
            and _LIST_GAP.fullmatch(text[a.end : b.start])
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
            if re.fullmatch(r"['’]s\s+", gap) or (
                p.role == "context" and re.fullmatch(r"\s+(?:\w+\s+of\s+)?", gap)
            ):
                parent = p.surface
        if parent is None and k + 1 < len(out):
            q = out[k + 1]
            if re.fullmatch(r",\s*", text[m.end : q.start]) and q.role == "toponym":
                rows, _ = index.candidates(q.key)
                if any(index.arrays["kind"][r] <= _BIG_KINDS for r in rows):
                    parent = q.surface
        if parent is not None:
            out[k] = _replace(m, parent=parent)
    return out


def _replace(m: Mention, **changes) -> Mention:
    return replace(m, **changes)
