"""Cut a corpus into partitions that workers read for themselves.

A partition names files (many small ones together) or a byte range of one large
uncompressed JSON Lines file, never the articles themselves: the client lists and
measures files, each worker opens and reads its own partition.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo.extract.articles import input_kind, iter_paths

__all__ = ["DEFAULT_PARTITION_BYTES", "Partition", "plan_partitions"]

#: Target size of one partition (bytes of input).
DEFAULT_PARTITION_BYTES = 16 * 1024 * 1024
#: At most this many files in one partition.
MAX_FILES_PER_PARTITION = 256


@dataclass(frozen=True)
class Partition:
    """A piece of the corpus one task reads.

    Attributes
    ----------
    index : int
        Position in the corpus: results are put back together in this order.
    paths : tuple of str
        Files to read whole, in order.
    byte_range : tuple of (int, int or None), optional
        With one path: the byte offsets (line starts) of the part of a JSON Lines
        file to read.
    first_record : int
        Line number at the start of ``byte_range``.
    """

    index: int
    paths: tuple[str, ...]
    byte_range: tuple[int, int | None] | None = None
    first_record: int = 1

    def describe(self) -> str:
        """``file`` or ``file[start:end]`` or ``first … last (n files)``, for messages."""
        if self.byte_range is not None:
            start, end = self.byte_range
            return f"{self.paths[0]}[{start}:{'' if end is None else end}]"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} … {self.paths[-1]} ({len(self.paths)} files)"


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the worker reports the problem with the file


def _jsonl_cuts(path: Path, target: int) -> Iterator[tuple[int, int | None, int]]:
    """``(start, end, first line)`` pieces of about ``target`` bytes, cut at line starts.

    Lines are counted on the way (a sequential read in 8 MiB blocks, nothing kept) so
    every record keeps its line number. Each byte is counted once, however many cuts
    fall in one block (small partitions for many workers put dozens in a block).
    """
    start, line, pos, next_cut = 0, 1, 0, target
    lines_before = 0  # line ends in the blocks before this one
    with open(path, "rb") as fh:
        while True:
            block = fh.read(8 * 1024 * 1024)
            if not block:
                break
            counted = seen = 0  # ``seen`` line ends in ``block[:counted]``
            while pos + len(block) > next_cut:
                k = block.find(b"\n", max(0, next_cut - pos))
                if k < 0:
                    break
                cut = pos + k + 1
                seen += block.count(b"\n", counted, k + 1)
                counted = k + 1
                yield start, cut, line
                start, line = cut, lines_before + seen + 1
                next_cut = cut + target
            lines_before += seen + block.count(b"\n", counted)
            pos += len(block)
    if start < pos or start == 0:
        yield start, None, line


def plan_partitions(
    inputs: Iterable[str | os.PathLike], target_bytes: int = DEFAULT_PARTITION_BYTES
) -> list[Partition]:
    """Partitions of the corpus named by ``inputs``, in corpus order.

    Small files are grouped up to ``target_bytes`` (and
    :data:`MAX_FILES_PER_PARTITION` files); an uncompressed JSON Lines file larger
    than ``target_bytes`` is cut into byte ranges at line starts; compressed, CSV and
    WARC files are one partition each (they cannot be entered in the middle).

    Parameters
    ----------
    inputs
        Files, directories and globs (see :func:`geo.extract.articles.iter_paths`).
    target_bytes
        About how much input one partition holds.

    Returns
    -------
    list of Partition
    """
    out: list[Partition] = []
    group: list[str] = []
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            out.append(Partition(len(out), tuple(group)))
            group, group_bytes = [], 0

    for path in iter_paths(inputs):
        size = _size(path)
        kind = input_kind(path)
        big = size > target_bytes
        if big and kind == "jsonl" and not path.name.lower().endswith(".gz"):
            flush()
            for start, end, line in _jsonl_cuts(path, target_bytes):
                out.append(Partition(len(out), (str(path),), (start, end), line))
            continue
        if big or kind in ("csv", "warc", "jsonl"):
            flush()
            out.append(Partition(len(out), (str(path),)))
            continue
        group.append(str(path))
        group_bytes += size
        if group_bytes >= target_bytes or len(group) >= MAX_FILES_PER_PARTITION:
            flush()
    flush()
    return out
