"""Score extracted incidents against a hand-labelled corpus.

A labelled corpus is a folder of articles with an ``expected.json`` that lists,
per article (``file`` or ``file:record``), the physical incidents a careful coder
would record (see ``tests/data/incidents/expected.json``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CorpusScore", "article_key", "field_mismatches", "score_corpus"]

_DATE_FIELDS = ("event_date", "date_end", "date_precision")
_CASUALTY_FIELDS = ("killed", "wounded")


def article_key(path: str, record: int | None) -> str:
    """The key of an article in ``expected.json``: file name, ``:N`` for a record."""
    name = Path(path).name
    return f"{name}:{record}" if record is not None else name


def _value(record: dict, key: str):
    if key == "admin1":
        return record["location_admin1"]
    if key == "border":
        return record["location_border"]
    return record.get(key)


def field_mismatches(expected: dict, record: dict) -> list[str]:
    """The expected fields an extracted incident record gets wrong (empty: all right).

    ``admin1`` must be one of the record's admin-1 codes; ``claimed_by`` and
    ``denied_by`` must be among the named parties; other fields must be equal.
    """
    out = []
    for key, want in expected.items():
        got = _value(record, key)
        if key == "admin1":
            ok = want in got
        elif key in ("claimed_by", "denied_by"):
            ok = want in (got or "").split("; ")
        else:
            ok = got == want
        if not ok:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out


def _overlaps(expected: dict, record: dict) -> bool:
    if "event_date" not in expected or record["date_start"] is None:
        return True
    start = dt.date.fromisoformat(expected["event_date"])
    end = dt.date.fromisoformat(expected.get("date_end", expected["event_date"]))
    return dt.date.fromisoformat(record["date_start"]) <= end and start <= dt.date.fromisoformat(
        record["date_end"]
    )


def match_incidents(expected: list[dict], records: list[dict]) -> list[tuple[dict, dict]]:
    """Pair expected and extracted incidents: same type and overlapping dates, in order."""
    pairs = []
    free = list(records)
    for e in expected:
        hit = next(
            (r for r in free if r["event_type"] == e["event_type"] and _overlaps(e, r)), None
        )
        if hit is not None:
            free.remove(hit)
            pairs.append((e, hit))
    return pairs


@dataclass
class CorpusScore:
    """Incident precision and recall, and field accuracies over matched incidents."""

    expected: int = 0
    extracted: int = 0
    matched: int = 0
    dates_right: int = 0
    admin1_checked: int = 0
    admin1_right: int = 0
    casualties_checked: int = 0
    casualties_right: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Matched / extracted physical incidents."""
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        """Matched / expected physical incidents."""
        return self.matched / self.expected if self.expected else 1.0

    @property
    def date_accuracy(self) -> float:
        """Share of matched incidents with date, end and precision right."""
        return self.dates_right / self.matched if self.matched else 0.0

    @property
    def admin1_accuracy(self) -> float:
        """Share of matched incidents placed in the labelled admin-1 unit."""
        return self.admin1_right / self.admin1_checked if self.admin1_checked else 0.0

    @property
    def casualty_accuracy(self) -> float:
        """Share of matched incidents with labelled killed/wounded right."""
        return self.casualties_right / self.casualties_checked if self.casualties_checked else 0.0


def score_corpus(folder: str | Path, gazetteer=None) -> CorpusScore:
    """Extract every article of a labelled folder and score it against ``expected.json``.

    Articles are scored one by one (no merging across articles), physical
    incidents only.
    """
    from geo.extract.articles import read_articles
    from geo.extract.incidents import extract_incidents

    if gazetteer is None:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    folder = Path(folder)
    labels = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    score = CorpusScore()
    for article in read_articles([folder]):
        key = article_key(article.path, article.record)
        if key not in labels:
            continue
        expected = labels[key]["physical"]
        records = [i.to_record() for i in extract_incidents(article, gazetteer) if i.physical]
        score.expected += len(expected)
        score.extracted += len(records)
        pairs = match_incidents(expected, records)
        score.matched += len(pairs)
        for e, r in pairs:
            dates = {k: e[k] for k in _DATE_FIELDS if k in e}
            score.dates_right += not field_mismatches(dates, r)
            if "admin1" in e:
                score.admin1_checked += 1
                score.admin1_right += not field_mismatches({"admin1": e["admin1"]}, r)
            cas = {k: e[k] for k in _CASUALTY_FIELDS if k in e}
            if cas:
                score.casualties_checked += 1
                score.casualties_right += not field_mismatches(cas, r)
            score.problems += [f"{key}: {p}" for p in field_mismatches(e, r)]
        if len(pairs) < len(expected):
            score.problems.append(
                f"{key}: {len(expected) - len(pairs)} expected incident(s) missed"
            )
        if len(pairs) < len(records):
            score.problems.append(f"{key}: {len(records) - len(pairs)} unexpected incident(s)")
    return score
