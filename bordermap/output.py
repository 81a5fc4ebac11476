"""Terminal output helpers shared by every CLI command: tables and JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["print_json", "print_table"]


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
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(), file=file)
    print("  ".join("-" * w for w in widths), file=file)
    numeric = [
        all(_is_number(r[k]) for r in raw if r[k]) and any(r[k] for r in raw)
        for k in range(len(headers))
    ]
    for r in raw:
        cells = [
            c.rjust(w) if num else c.ljust(w) for c, w, num in zip(r, widths, numeric, strict=True)
        ]
        print("  ".join(cells).rstrip(), file=file)


def _is_number(cell: str) -> bool:
    return cell.replace(",", "").replace(".", "", 1).lstrip("-").isdigit()


def print_json(obj: Any, file=None) -> None:
    """Print an object as indented JSON (UTF-8, not ASCII-escaped)."""
    file = file or sys.stdout
    json.dump(obj, file, ensure_ascii=False, indent=2, default=str)
    file.write("\n")
