"""Word patterns with a cheap pre-check, for the lexicons read sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Lexeme"]

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

    def finditer(self, text: str, lower: str) -> Iterator[re.Match]:
        """Matches in ``text``; ``lower`` is ``text.lower()``, for the pre-checks."""
        return self.rx.finditer(text) if self.found(lower) else iter(())
