"""Name normalisation: one key for every way the news spells a place.

Two keys are used:

* :func:`name_key` folds case, diacritics, apostrophes and modifier letters,
  hyphens and spaces, and a few transliteration pairs that never collide
  in practice (``dzh``/``dj`` → ``j``, ``kh`` → ``x``, ``gh`` → ``g``).
  ``Geghark'unik'`` and ``Gegharkunik`` share a key; so do ``Nagorno-Karabakh``
  and ``Nagorno Karabakh``.
* :func:`skeleton_key` also drops vowels and merges the consonants that
  transliterations disagree on (``c``/``ç``/``j``, ``ş``/``sh``/``s``), so that
  ``Kəlbəcər``, ``Kalbajar`` and ``Kelbajar`` meet. It collides easily and is
  only used for the few thousand countries, admin-1 units and regions.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

__all__ = [
    "compound_spellings",
    "name_key",
    "skeleton_key",
    "strip_possessive",
    "transliterations",
]

_SPECIAL = str.maketrans(
    {
        "ı": "i", "İ": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "ß": "ss", "đ": "d", "Đ": "d", "ħ": "h", "þ": "th", "ð": "d",
        "ə": "e", "Ə": "e",
    }
)  # fmt: skip
_APOSTROPHES = re.compile(r"[\u0027\u2018\u2019\u02bc\u02bb\u02b9\u02be\u02bf\u0060\u00b4\u2032]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./]+")
_NON_WORD = re.compile(r"[^\w ]+")
_PAIRS = (("dzh", "j"), ("dj", "j"), ("kh", "x"), ("gh", "g"))
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])$")


def strip_possessive(surface: str) -> str:
    """Remove an English possessive ending: ``"Armenia's"`` → ``"Armenia"``."""
    m = _POSSESSIVE.search(surface)
    if not m:
        return surface
    return surface[: m.start()] + ("s" if m.group(0)[0] == "s" else "")


def name_key(name: str) -> str:
    """Return the lookup key of a place name.

    Parameters
    ----------
    name : str
        A name as written, in any script.

    Returns
    -------
    str
        Lower-case ASCII-folded key (non-Latin scripts keep their letters).

    Examples
    --------
    >>> name_key("Geghark'unik'") == name_key("Gegharkunik")
    True
    >>> name_key("Naxçıvan")
    'naxcivan'
    """
    if name.isascii() and name.isalpha():
        # (one word of ASCII letters, as most words of a text: nothing to fold but case)
        s = name.lower()
    else:
        if name.isascii():
            # (ASCII is its own NFKC and NFKD form, with no special letters or combining marks)
            s = _APOSTROPHES.sub("", name)
        else:
            s = unicodedata.normalize("NFKC", name).translate(_SPECIAL)
            s = _APOSTROPHES.sub("", s)
            s = unicodedata.normalize("NFKD", s)
            s = "".join(ch for ch in s if not unicodedata.combining(ch))
        s = _SEPARATORS.sub(" ", s.casefold())
        s = _NON_WORD.sub("", s).strip()
    for a, b in _PAIRS:
        s = s.replace(a, b)
    return s


_SKELETON_PAIRS = (("sh", "s"), ("ch", "c"), ("zh", "j"), ("ts", "c"), ("tch", "c"))
_VOWELS = re.compile(r"[aeiouyhw ]")


def skeleton_key(name: str) -> str:
    """Return a consonant skeleton that unites transliterations of one name.

    Examples
    --------
    >>> skeleton_key("Kəlbəcər") == skeleton_key("Kelbajar")
    True
    >>> skeleton_key("Nakhichevan") == skeleton_key("Naxçıvan")
    True
    """
    s = name_key(name)
    for a, b in _SKELETON_PAIRS:
        s = s.replace(a, b)
    s = s.replace("j", "c").replace("q", "k")
    head, tail = s[:1], _VOWELS.sub("", s[1:])
    s = head + tail
    return re.sub(r"(.)\1+", r"\1", s)


_TURKIC = str.maketrans({"ç": "ch", "Ç": "Ch", "ş": "sh", "Ş": "Sh", "c": "j", "C": "J",
                         "x": "kh", "X": "Kh", "ğ": "gh", "Ğ": "Gh", "ə": "a", "Ə": "A",
                         "ı": "i"})  # fmt: skip


def transliterations(name: str) -> list[str]:
    """English spellings of a name written in Azerbaijani or Turkish Latin script.

    Returns an empty list for names without Turkic letters.

    Examples
    --------
    >>> transliterations("Kəlbəcər")
    ['Kalbajar', 'Kelbejer']
    """
    if not re.search("[əƏçÇşŞğĞı]", name):
        return []
    a = name.translate(_TURKIC)
    e = name.replace("ə", "e").replace("Ə", "E").translate(_TURKIC) if "ə" in name.lower() else None
    return [v for v in dict.fromkeys([a, e]) if v and v != name]


_CONJUNCTION = re.compile(r"\s+(?:and|va|e|&)\s+")


def compound_spellings(name: str, others: list[str]) -> list[str]:
    """Spellings of a two-part name ("A and B") that mix its parts' other spellings.

    The news writes each part of a compound province name its own way and joins
    them with "and" or a hyphen; the names a source lists rarely hold every mix.
    A part's other spellings are taken from ``others`` ("A' va B'") where they are
    close to it (same first letter, mostly the same letters). Returns only names
    not already in ``others``.

    Examples
    --------
    >>> compound_spellings("Sistan and Baluchestan", ["Seistan and Baluchistan"])[:3]
    ['Seistan and Baluchestan', 'Seistan-Baluchestan', 'Seistan-Baluchistan']
    """
    parts = _CONJUNCTION.split(name)
    if len(parts) != 2 or " and " not in name:
        return []
    spellings: list[set[str]] = [{parts[0]}, {parts[1]}]
    for other in others:
        other_parts = _CONJUNCTION.split(other)
        if len(other_parts) != 2:
            continue
        for k in (0, 1):
            a, b = other_parts[k], parts[k]
            if (
                a[:1].lower() == b[:1].lower()
                and SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.75
            ):
                spellings[k].add(a)
    out = set()
    for a in spellings[0]:
        for b in spellings[1]:
            out.add(f"{a} and {b}")
            if " " not in a and " " not in b:
                out.add(f"{a}-{b}")  # "Sistan-Baluchestan"
    return sorted(out - {name, *others})
