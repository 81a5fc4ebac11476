"""Errors the gazetteer raises."""

from __future__ import annotations

__all__ = ["SourceError"]


class SourceError(ValueError):
    """A source file that cannot be read; the message names the file and the problem."""
