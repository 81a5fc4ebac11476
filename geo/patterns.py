"""Word patterns with a cheap pre-check, for the lexicons read sentence by sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["Lexeme"]


class Lexeme:
    """A regular expression and the words one of which each of its matches contains.

    Most news sentences hold none of a lexicon's words; testing a few substrings of
    the lower-cased text costs far less than running the expression, so the
    expression runs only when one of the words is there. The words must be chosen
    so that every possible match contains one (``tests/geo/test_events.py``
    checks them against phrasings of every branch).

    Parameters
    ----------
    words : tuple of str
        Lower-case substrings; every match of ``pattern`` contains at least one.
    pattern : str
        The expression, compiled case-insensitively.
    """

    __slots__ = ("rx", "words")

    def __init__(self, words: tuple[str, ...], pattern: str):
        self.words = words
        self.rx = re.compile(pattern, re.I)

    def possible(self, lower: str) -> bool:
        """False when ``lower`` (a lower-cased text) cannot hold a match."""
        return any(w in lower for w in self.words)

    def finditer(self, text: str, lower: str) -> Iterator[re.Match]:
        """Matches in ``text``; ``lower`` is ``text.lower()``, for the pre-check."""
        return self.rx.finditer(text) if self.possible(lower) else iter(())

    def search(self, text: str, lower: str) -> re.Match | None:
        """The first match in ``text``, or None."""
        return self.rx.search(text) if self.possible(lower) else None
