"""Time expressions in news sentences, resolved against the publication date.

News reports date events relative to the day they are published ("early on
Wednesday", "last week", "in May"). This module finds those expressions and turns
them into a date range with a precision, never guessing: without a publication
date a relative expression stays unresolved (precision ``"unknown"``).

General-purpose parsers (dateparser) resolve "Wednesday" to the *next* Wednesday
and know nothing of weeks or months as ranges, so the small grammar news uses is
written out here.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.filters import MONTH_NAMES, WEEKDAYS
from geo.extract.events import number_value
from geo.extract.patterns import Lexeme, LexemeSet

__all__ = [
    "DATE_PRECISIONS",
    "MONTHS",
    "MONTH_RE",
    "EventDate",
    "TimeExpression",
    "dating",
    "find_time_expressions",
    "parse_date",
    "resolve_time",
]

#: Month name or abbreviation -> month number.
MONTHS = {m: i for i, names in enumerate(MONTH_NAMES, start=1) for m in names}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


def parse_date(value: object) -> dt.date | None:
    """A calendar date from metadata.

    Accepts ISO ``2024-03-14`` (with or without a time), ``14 March 2024`` and
    ``March 14, 2024``; returns ``None`` when the value is not a full date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = re.fullmatch(
        rf"(?:\w+day,?\s+)?(?:(\d{{1,2}})\s+({MONTH_RE})\.?|({MONTH_RE})\.?\s+(\d{{1,2}}),?)\s+(\d{{4}})",
        s,
        flags=re.IGNORECASE,
    )
    if m:
        day = int(m[1] or m[4])
        month = MONTHS[(m[2] or m[3]).lower()]
        try:
            return dt.date(int(m[5]), month, day)
        except ValueError:
            return None
    return None


#: From the most to the least precise.
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
_ACLED_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


@dataclass(frozen=True)
class EventDate:
    """When an event happened: a date range with a precision.

    ``start``/``end`` are ``None`` when the precision is ``"unknown"``.
    """

    start: dt.date | None
    end: dt.date | None
    precision: str

    @property
    def event_date(self) -> dt.date | None:
        """The date ACLED-style tables show: the first day of the range."""
        return self.start

    @property
    def time_precision(self) -> int | None:
        """ACLED ``time_precision``: 1 day, 2 week, 3 month (or coarser)."""
        return _ACLED_TIME_PRECISION.get(self.precision)

    @property
    def known(self) -> bool:
        """True unless the precision is ``"unknown"``."""
        return self.precision != "unknown"

    def overlaps(self, other: EventDate) -> bool:
        """True when both are known and their ranges share at least one day."""
        if not (self.known and other.known):
            return False
        return self.start <= other.end and other.start <= self.end

    def coarser(self, precision: str) -> EventDate:
        """The same range widened to a coarser precision (``"days after"`` a date)."""
        if not self.known or DATE_PRECISIONS.index(precision) <= DATE_PRECISIONS.index(
            self.precision
        ):
            return self
        if precision == "week":
            return EventDate(self.start, self.end + dt.timedelta(days=6), "week")
        return EventDate(self.start, self.end, precision)


UNKNOWN = EventDate(None, None, "unknown")


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a sentence.

    Attributes
    ----------
    start, end : int
        Offsets in the sentence.
    text : str
    kind : str
        ``"absolute"``, ``"weekday"``, ``"relative"``, ``"month"``, ``"year"``,
        ``"anaphoric"`` (``"at the time"``, ``"days after"``), ``"next_day"`` or
        ``"previous_day"`` (``"the previous day"``, ``"the day before"``).
    speech : bool
        Attached to a speech verb ("said on Thursday"): the date of a statement,
        not of the event it reports.
    history : bool
        Points to the past well before the news ("last year", "in the 1990s").
    """

    start: int
    end: int
    text: str
    kind: str
    speech: bool = False
    history: bool = False
    until: bool = False  #: the end of a range ("until 2am Tuesday")
    since: bool = False  #: the start of a range that runs to the report ("since Wednesday")
    #: ``(start, end)`` of the words it dates when those tell of what came before
    #: ("the strike followed announcements on Wednesday"): only events told there take it
    prior: tuple[int, int] | None = None


_PART = r"(?:\s+(?:morning|night|evening|afternoon|overnight))?"
_DIGITS = tuple("0123456789")
_MONTH_STEMS = tuple(sorted({m[:3] for m in MONTHS}))
# Each pattern with the words one of which every match contains (a pre-check).
_PATTERNS: list[tuple[str, Lexeme]] = [
    (
        "absolute",
        Lexeme(
            _DIGITS,
            rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}\s+(?:{MONTH_RE})\.?,?\s+\d{{4}}"
            rf"|(?:{MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b",
        ),
    ),
    (
        "daymonth",
        Lexeme(
            _DIGITS,
            rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTH_RE})\b\.?"
            rf"|(?:{MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)",
        ),
    ),
    (
        "weekday",
        Lexeme(
            ("day",),
            rf"\b(?:(?:early|late)\s+)?(?:on\s+)?(?:(?:the\s+)?(?:night|morning|evening)\s+of\s+)?"
            rf"(?:last\s+)?(?:{'|'.join(WEEKDAYS)}){_PART}\b",
        ),
    ),
    (
        "relative",
        Lexeme(
            (
                "yesterday",
                "today",
                "tonight",
                "this",
                "last",
                "overnight",
                "same",
                "past",
                "recent",
                "ago",
            ),
            r"\b(?:(?:the\s+day\s+before\s+)?yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night"
            r"|overnight|earlier\s+today|on\s+the\s+same\s+day"
            r"|(?:earlier\s+|later\s+)?this\s+week|last\s+week|(?:over\s+)?the\s+(?:past|last)\s+"
            r"(?:week|few\s+days|several\s+days|seven\s+days)|in\s+recent\s+days"
            r"|(?:earlier\s+)?this\s+month|last\s+month|this\s+year|last\s+year"
            r"|(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?:days?|weeks?)\s+ago)\b",
        ),
    ),
    (
        "month",
        Lexeme(
            _MONTH_STEMS,
            rf"\b(?:in|since|during|from|until)\s+(?:(?:early|mid|late)[-\s]+)?"
            rf"(?:{MONTH_RE})\b\.?(?:\s+(?P<year>\d{{4}}))?",
        ),
    ),
    (
        "year",
        Lexeme(
            ("19", "20"),
            r"\b(?:in|since|during)\s+(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?"
            r"(?:(?:19|20)\d{2})(?:s|'s)?\b",
        ),
    ),
    (
        "anaphoric",
        Lexeme(
            ("time", "after", "before", "later", "earlier", "day"),
            r"\b(?:at\s+the\s+time|(?:days|hours|weeks|a\s+few\s+days)\s+"
            r"(?:after|before|later|earlier)|that\s+day|the\s+same\s+day|shortly\s+after)\b",
        ),
    ),
    (
        "next_day",
        Lexeme(
            ("day",),
            r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+(?:later|after)"
            r"|the\s+day\s+after(?!\s+tomorrow))\b",
        ),
    ),
    (
        "previous_day",
        Lexeme(
            ("day",),
            r"\b(?:the\s+(?:previous|preceding)\s+day|the\s+day\s+before(?!\s+(?:last|yesterday))"
            r"|a\s+day\s+(?:earlier|before))\b",
        ),
    ),
]
_TIME_LEXICON = LexemeSet(dict(_PATTERNS))
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|stated|added|reported|declared|wrote|tweeted|"
    r"confirmed|noted|warned|claimed|published|released|issued|posted)\s+(?:\w+\s+){0,2}$",
    re.I,
)
_HISTORY_WORDS = re.compile(
    r"\b(?:last\s+year|since\s+the|in\s+the\s+(?:19|20)\d0s|years\s+ago|decades?)\b", re.I
)
_UNTIL = re.compile(r"\b(?:until|till|to|through)\s+(?:\d{1,2}\s*(?:[ap]\.?m\.?)\s+)?$", re.I)
_SINCE = re.compile(r"\bsince\s+(?:(?:early|late)\s+)?$", re.I)
# "followed announcements on Wednesday", "came after a raid on Monday", "in retaliation for
# Tuesday's strike": the time words date the earlier event, not the one that followed
_PRIOR = re.compile(
    r"\b(?:followed|follows|following|came\s+after|comes\s+after|in\s+(?:response|reply)\s+to"
    r"|in\s+retaliation\s+(?:for|to)|retaliation\s+for|in\s+revenge\s+for)\s+"
    r"(?:(?!(?:and|but|while|when|as|which|who|said|says)\b)[\w'’-]+\s+){0,8}$",
    re.I,
)
# a weekday used as an adjective of an event noun ("the Tuesday attack", "Monday's raid")
_EVENT_NOUN_AFTER = re.compile(
    r"(['’]s)?\s+(?:[\w-]+\s+)?(?:attacks?|strikes?|raids?|clash(?:es)?|shelling|incident"
    r"|assault|bombing|ambush|shooting|firing|blasts?|explosions?|killings?|violence|fighting"
    r"|operation|incursion|skirmish|drone\s+attack|air\s*strikes?)\b",
    re.I,
)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
# an aside between two spaced dashes, or in brackets: its time words date what it tells
_ASIDE = re.compile(r"\s[-–—]{1,2}\s.*?\s[-–—]{1,2}(?=\s)|\([^()]*\)")


_ANY_TIME_WORD = Lexeme(
    (
        "day", *_MONTH_STEMS, "night", "morning", "afternoon", "evening", "week", "month",
        "year", "ago", "time", "hour", "19", "20",
    ),
    rf"\b(?:{'|'.join(WEEKDAYS)}|{MONTH_RE}|yesterday|today|tonight|night|overnight|morning"
    r"|afternoon|evening|week|month|year|days?|hours?|ago|time)\b|\b(?:19|20)\d\d",
)  # fmt: skip


def find_time_expressions(sentence: str) -> list[TimeExpression]:
    """Time expressions in a sentence, in order, without overlaps."""
    lower = sentence.lower()
    if not _ANY_TIME_WORD.found(lower):
        return []
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    kinds = _TIME_LEXICON.found(lower)
    for kind, lexeme in _PATTERNS:
        if kind not in kinds:
            continue
        for m in lexeme.rx.finditer(sentence):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            text = m.group(0)
            if kind == "daymonth" and text[:3] == "may":
                continue  # "may 3 ..." in lower case is the verb
            if (
                kind == "month"
                and text.split()[-1].lower() == "may"
                and not text.split()[-1][0].isupper()
            ):
                continue
            before = sentence[max(0, s - 40) : s]
            speech = bool(_SPEECH_BEFORE.search(before))
            history = kind == "year" or bool(_HISTORY_WORDS.fullmatch(text.strip()))
            until = bool(_UNTIL.search(sentence[max(0, s - 20) : s]))
            since = (kind == "month" and text[:5].lower() == "since") or (
                kind in ("weekday", "daymonth", "absolute")
                and bool(_SINCE.search(sentence[max(0, s - 16) : s]))
            )
            prior = None
            m_prior = _PRIOR.search(sentence[max(0, s - 80) : s])
            if m_prior and kind not in ("next_day", "previous_day", "anaphoric"):
                start = max(0, s - 80) + m_prior.start()
                comma = sentence.find(",", e)
                opens = not sentence[:start].strip()  # "Following Monday's raid, ..."
                prior = (start, comma if opens and comma > 0 else len(sentence))
            if prior is None and kind == "weekday":
                # "the Tuesday attack", "Monday's raid": the day of that event only
                noun = _EVENT_NOUN_AFTER.match(sentence, e)
                the = _THE_BEFORE.search(sentence[max(0, s - 6) : s])
                opens = the is not None and not sentence[: max(0, s - 6) + the.start()].strip()
                if noun and (the or noun.group(1)) and not (opens or not sentence[:s].strip()):
                    # (one that opens the sentence is its subject: it dates the sentence)
                    prior = (max(0, s - 6) + the.start() if the else s, noun.end())
            taken.append((s, e))
            found.append(TimeExpression(s, e, text, kind, speech, history, until, since, prior))
    return sorted(found, key=lambda t: t.start)


@lru_cache(maxsize=64)
def _asides(sentence: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``sentence``'s asides, worked out once for all its triggers."""
    return tuple(m.span() for m in _ASIDE.finditer(sentence))


def dating(exprs: list[TimeExpression], sentence: str, pos: int) -> list[TimeExpression]:
    """The time expressions of ``sentence`` that can date the event told at ``pos``.

    Time words in an aside (between dashes, in brackets) date only what the aside
    tells, and an event told outside an aside takes none of them; time words after
    "followed", "came after" or "in retaliation for" date the earlier event, not the
    one told before them.

    Parameters
    ----------
    exprs : list of TimeExpression
        Found by :func:`find_time_expressions` in ``sentence``.
    sentence : str
    pos : int
        Offset of the event's trigger in ``sentence``.

    Returns
    -------
    list of TimeExpression
    """
    if not exprs:
        return exprs
    asides = _asides(sentence)

    def aside(x: int) -> tuple[int, int] | None:
        return next((a for a in asides if a[0] <= x < a[1]), None)

    here = aside(pos)
    return [
        e
        for e in exprs
        if aside(e.start) == here and (e.prior is None or e.prior[0] <= pos < e.prior[1])
    ]


def _last_weekday(published: dt.date, weekday: int, strictly_before: bool) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def _latest_month(published: dt.date, month: int) -> int:
    return published.year if month <= published.month else published.year - 1


def _latest_day_month(published: dt.date, month: int, day: int) -> dt.date | None:
    for year in (published.year, published.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d <= published:
            return d
    return None


def resolve_time(expr: TimeExpression, published: dt.date | None) -> EventDate:
    """The date range an expression stands for.

    An expression that opens a range ("since Wednesday") stands for the days from
    its date to the report's: a start, not the day of the event.

    Parameters
    ----------
    expr : TimeExpression
    published : datetime.date or None
        Publication date; relative expressions stay unresolved without it.

    Returns
    -------
    EventDate
        ``precision="unknown"`` when the expression cannot be resolved (anaphoric
        expressions are resolved by the caller against the previous sentence).
    """
    d = _resolve(expr, published)
    if not expr.since or not d.known or published is None or d.start > published:
        return d
    days = (published - d.start).days
    precision = "week" if days <= 7 else "month" if days <= 31 else "year"
    return EventDate(d.start, published, precision)


def _resolve(expr: TimeExpression, published: dt.date | None) -> EventDate:
    text = " ".join(expr.text.lower().split())
    if expr.kind == "absolute":
        d = parse_date(expr.text)
        return EventDate(d, d, "day") if d else UNKNOWN
    if expr.kind == "year":
        years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", text)]
        if not years:
            return UNKNOWN
        y = years[0]
        if re.search(r"\d0'?s\b", text):
            return EventDate(dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year")
        return EventDate(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    if expr.kind == "month":
        m = re.search(rf"({MONTH_RE})\b\.?(?:\s+(\d{{4}}))?", text)
        month = MONTHS[m[1]]
        if m[2]:
            return EventDate(*_month_range(int(m[2]), month), "month")
        if published is None:
            return UNKNOWN
        start, end = _month_range(_latest_month(published, month), month)
        return EventDate(start, min(end, published), "month")
    if published is None:
        return UNKNOWN
    if expr.kind == "daymonth":
        m = re.search(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})", text) or re.search(
            rf"({MONTH_RE})\.?\s+(\d{{1,2}})", text
        )
        if m[1].isdigit():
            day, month = int(m[1]), MONTHS[m[2]]
        else:
            day, month = int(m[2]), MONTHS[m[1]]
        d = _latest_day_month(published, month, day)
        return EventDate(d, d, "day") if d else UNKNOWN
    if expr.kind == "weekday":
        wd = next(i for i, w in enumerate(WEEKDAYS) if w in text)
        d = _last_weekday(published, wd, strictly_before="last " in text)
        return EventDate(d, d, "day")
    if expr.kind == "relative":
        day = dt.timedelta(days=1)
        if text in ("today", "tonight", "earlier today", "this morning", "this afternoon") or (
            text.startswith("this ") and text.split()[1] in ("morning", "afternoon", "evening")
        ):
            return EventDate(published, published, "day")
        if text == "the day before yesterday":
            return EventDate(published - 2 * day, published - 2 * day, "day")
        if text in ("yesterday", "last night", "overnight"):
            # "overnight" in a report is the night before it: dated the day before
            return EventDate(published - day, published - day, "day")
        if text.endswith("this week"):
            monday = published - dt.timedelta(days=published.weekday())
            return EventDate(monday, published, "week")
        if text == "last week":
            monday = published - dt.timedelta(days=published.weekday() + 7)
            return EventDate(monday, monday + dt.timedelta(days=6), "week")
        if "past" in text or ("last" in text and "days" in text) or "recent days" in text:
            return EventDate(published - dt.timedelta(days=7), published, "week")
        if "the last week" in text:
            return EventDate(published - dt.timedelta(days=7), published, "week")
        if text.endswith("this month"):
            return EventDate(published.replace(day=1), published, "month")
        if text == "last month":
            prev = published.replace(day=1) - day
            return EventDate(*_month_range(prev.year, prev.month), "month")
        if text == "this year":
            return EventDate(dt.date(published.year, 1, 1), published, "year")
        if text == "last year":
            y = published.year - 1
            return EventDate(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
        m = re.match(r"(\w+)\s+(days?|weeks?)\s+ago", text)
        if m:
            n = number_value(m[1]) or 1
            if m[2].startswith("day"):
                d = published - dt.timedelta(days=n)
                return EventDate(d, d, "day")
            d = published - dt.timedelta(weeks=n)
            return EventDate(d - dt.timedelta(days=3), d + dt.timedelta(days=3), "week")
    return UNKNOWN
