"""Word patterns with a cheap pre-check, for the lexicons read sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["Lexeme", "LexemeSet"]

_ESCAPE = re.compile(r"\\.|\(\?P[<=]")  # escapes and named groups may hold capitals


class Lexeme:
    """A regular expression and the words one of which each of its matches contains.

    Most news sentences hold none of a lexicon's words. Two checks on the
    lower-cased text come before the case-insensitive expression runs on the
    text itself: are any of the words there (a few substring tests), and does
    the expression, compiled case-sensitively, match the lower-cased text
    (several times faster than ``re.IGNORECASE``). The words must be chosen so
    that every possible match contains one; ``tests/geo/test_patterns.py``
    checks them against phrasings of every branch.

    Case is folded with :meth:`str.lower`; the four letters that Python's
    ``IGNORECASE`` also matches to ASCII ones (``İ ı ſ K``) do not reach a
    pattern that needs them, which no English trigger word does.

    Parameters
    ----------
    words : tuple of str
        Lower-case substrings; every match of ``pattern`` contains at least one.
    pattern : str
        The expression, in lower case, compiled case-insensitively.
    """

    __slots__ = ("_rx_lower", "rx", "words")

    def __init__(self, words: tuple[str, ...], pattern: str):
        if _ESCAPE.sub("", pattern) != _ESCAPE.sub("", pattern).lower():
            raise ValueError(f"a lexeme pattern must be written in lower case: {pattern!r}")
        self.words = words
        self.rx = re.compile(pattern, re.I)
        self._rx_lower = re.compile(pattern)

    def possible(self, lower: str) -> bool:
        """False when ``lower`` (a lower-cased text) holds none of the words."""
        return any(w in lower for w in self.words)

    def found(self, lower: str) -> bool:
        """True when the lower-cased text ``lower`` holds a match."""
        return self.possible(lower) and self._rx_lower.search(lower) is not None


class LexemeSet:
    """Lexemes pre-checked together: one scan of the text tells which of them match.

    An Aho-Corasick automaton over all the lexemes' words finds the lexemes
    whose words occur in one pass; only those run their lower-case expression.

    Parameters
    ----------
    lexemes : mapping of str to Lexeme
        The lexemes by name.
    """

    def __init__(self, lexemes: Mapping[str, Lexeme]):
        import ahocorasick

        self.lexemes = dict(lexemes)
        owners: dict[str, set[str]] = {}
        for name, lexeme in self.lexemes.items():
            for word in lexeme.words:
                owners.setdefault(word, set()).add(name)
        self._automaton = ahocorasick.Automaton()
        for word, names in owners.items():
            self._automaton.add_word(word, frozenset(names))
        self._automaton.make_automaton()

    def found(self, lower: str) -> set[str]:
        """Names of the lexemes that match the lower-cased text ``lower``."""
        possible: set[str] = set()
        for _, names in self._automaton.iter(lower):
            possible |= names
        return {n for n in possible if self.lexemes[n]._rx_lower.search(lower) is not None}
