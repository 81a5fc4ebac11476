"""Terminal output helpers shared by every CLI command: tables and JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["count", "print_json", "print_table"]


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.1f}"
    return str(v)


def print_table(rows: Iterable[Sequence[Any]], headers: Sequence[str], file=None) -> None:
    """Print rows as an aligned plain-text table (numbers right-aligned)."""
    file = file or sys.stdout
    raw = [[_cell(v) for v in r] for r in rows]
    widths = [len(h) for h in headers]
    for r in raw:
        widths = [max(w, len(c)) for w, c in zip(widths, r, strict=True)]
    numeric = [
        all(_is_number(r[k]) for r in raw if r[k] not in _NO_NUMBER)
        and any(r[k] not in _NO_NUMBER for r in raw)
        for k in range(len(headers))
    ]
    cols = list(zip(widths, numeric, strict=True))
    head = [h.rjust(w) if num else h.ljust(w) for h, (w, num) in zip(headers, cols, strict=True)]
    print("  ".join(head).rstrip(), file=file)
    print("  ".join("-" * w for w in widths), file=file)
    for r in raw:
        cells = [
            c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric, strict=True)
        ]
        print("  ".join(cells).rstrip(), file=file)


#: Cells that stand for "no value" in a column of numbers.
_NO_NUMBER = ("", "-")


def _is_number(cell: str) -> bool:
    return cell.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the noun in the right number: ``count(1, "incident")`` is "1 incident".

    Parameters
    ----------
    n : int
        How many.
    singular : str
        The noun for one.
    plural : str, optional
        The noun for any other number; ``singular + "s"`` by default.
    """
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"


def print_json(obj: Any, file=None) -> None:
    """Print an object as indented JSON (UTF-8, not ASCII-escaped)."""
    file = file or sys.stdout
    json.dump(obj, file, ensure_ascii=False, indent=2, default=str)
    file.write("\n")
