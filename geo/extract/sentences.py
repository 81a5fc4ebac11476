"""Split article text into sentences with offsets, marking headlines and captions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.extract.patterns import Lexeme

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "st",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "gov",
    "sen",
    "rep",
    "prof",
    "lt.-gen",
    "brig",
    "u.s",
    "u.n",
    "a.m",
    "p.m",
    "e.g",
    "i.e",
    "approx",
    "km",
}
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"[^\n]+")
# "RUSSIA -- A sign at ...", "Armenia - Photographs released by ...": agency photo captions.
_CAPTION_HEAD = re.compile(r"^[A-Z][\w .'’-]{1,40} -{1,2} ")
# A photo credit ends a caption: "... Yuri Kochetkov/Pool via REUTERS", "(Photo: AFP)".
_PHOTO_CREDIT = Lexeme(
    ("reuters", "/pool", "getty", "photo"),
    r"(?:via reuters|/pool|getty images|afp photo|\bfile photo|\(photo[: ][^)]*\)|photo: [^.]*)"
    r"\s*\.?$",
)
# The word before a full stop, to tell abbreviations ("Gen.", "U.S.") from sentence ends.
_LAST_WORD = re.compile(r"[\w.'-]+$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article.

    Attributes
    ----------
    start, end : int
        Offsets in the article text.
    text : str
    paragraph : int
        Index of the paragraph (line) it belongs to.
    body : bool
        False for headlines, bylines and photo captions, which repeat or
        illustrate the story rather than report it.
    """

    start: int
    end: int
    text: str
    paragraph: int
    body: bool = True


# What a caption shows: a head like "RUSSIA -- " starts a caption only when the line
# describes a picture; otherwise it is a dateline ("KHYBER - Troops closed ...") or a
# dash inside a sentence.
_PICTURE = re.compile(
    r"\b(?:photo(?:graph)?s?|pictured?|pictures|images?|handout|file\s+photo|video\s+grab"
    r"|screenshot|seen\s+(?:in|at|on|during|near)|a\s+sign\s+(?:at|in|on|reads))\b",
    re.I,
)
# A standfirst (the summary under a headline) is a sentence without its full stop: one of
# this many words or more is body text, not a headline or byline.
_STANDFIRST_WORDS = 9


def _is_caption(para: str, seen: dict[str, int]) -> bool:
    if seen.get(para, 0) > 1:
        return True
    if _PHOTO_CREDIT.found(para.lower()):
        return True
    return bool(_CAPTION_HEAD.match(para) and _PICTURE.search(para))


def _is_heading(para: str, headline_seen: bool) -> bool:
    stripped = para.rstrip()
    if stripped.endswith((".", "!", "?", '"', "”", "’", "'", ":")):
        return False
    words = len(para.split())
    return words < _STANDFIRST_WORDS if headline_seen else words < 25


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets, ``text[s.start:s.end] == s.text``.

    Lines are paragraphs; a sentence never crosses a line break. Headlines,
    bylines (lines without final punctuation) and photo captions (a line repeated
    verbatim, or an agency caption pattern) are marked ``body=False``.
    """
    paragraphs = [(m.start(), m.group(0)) for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
    seen: dict[str, int] = {}
    for _, para in paragraphs:
        key = para.strip()
        seen[key] = seen.get(key, 0) + 1
    out: list[Sentence] = []
    headline_seen = False
    for n, (offset, para) in enumerate(paragraphs):
        heading = _is_heading(para, headline_seen)
        # the headline is the first heading of a few words (a section name may precede it)
        headline_seen = headline_seen or (heading and len(para.split()) >= 4)
        body = not (heading or _is_caption(para.strip(), seen))
        pos = 0
        for m in _END.finditer(para):
            # Only the last few characters can hold an abbreviation.
            word = _LAST_WORD.search(para, max(pos, m.start() - 12), m.start())
            if word and (
                word.group(0).lower().rstrip(".") in _ABBREVIATIONS
                or (len(word.group(0)) == 1 and "A" <= word.group(0) <= "Z")
            ):
                continue
            out.extend(_sentence(para, offset, pos, m.end(), n, body))
            pos = m.end()
        out.extend(_sentence(para, offset, pos, len(para), n, body))
    return out


def _sentence(para: str, offset: int, s: int, e: int, n: int, body: bool) -> list[Sentence]:
    chunk = para[s:e]
    lead = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if not chunk:
        return []
    start = offset + s + lead
    return [Sentence(start, start + len(chunk), chunk, n, body)]
