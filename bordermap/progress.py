"""Progress of a run on stderr: articles read, rate and time left; problems as they happen."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

__all__ = ["ArticleProgress", "estimate_articles", "file_progress", "status"]

#: Record files: one article per line (a CSV's header line is not one).
_RECORD_SUFFIXES = {".jsonl": 0, ".ndjson": 0, ".csv": 1}


def estimate_articles(paths: Iterable[str | os.PathLike]) -> int:
    """How many articles ``paths`` hold, for a progress bar's total.

    A text, Markdown or HTML file is one article; a JSON Lines file holds one per
    line and a CSV one per line after its header. A CSV record that spans
    lines is counted more than once, so the figure is an estimate, never a limit.
    Files that cannot be read count as one.
    """
    total = 0
    for path in paths:
        p = Path(path)
        header = _RECORD_SUFFIXES.get(p.suffix.lower())
        if header is None:
            total += 1
            continue
        try:
            lines, last = 0, b"\n"
            with open(p, "rb") as fh:
                for block in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    lines += block.count(b"\n")
                    last = block[-1:]
            lines += last != b"\n"  # a last line without a newline
            total += max(lines - header, 1)
        except OSError:
            total += 1
    return total


def _rate_column():
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Articles per second, computed when the bar is drawn (not for every article)."""

        def render(self, task) -> Text:
            return Text(f"{task.speed:,.0f} articles/s" if task.speed else "")

    return RateColumn()


class ArticleProgress:
    """A progress bar by article on stderr (only on a terminal) and problems as they happen.

    Call the object after each article with the number read so far and where it
    came from (the ``progress`` callback of :func:`geo.pipeline.extract`), and
    :meth:`error` with each problem (its ``on_error`` callback). Use it as a
    context manager; on leaving, the bar is removed and the problems stay printed.

    Parameters
    ----------
    total : int
        The estimated number of articles (:func:`estimate_articles`).
    stream : file, optional
        Where to write; standard error by default.
    """

    def __init__(self, total: int, stream=None):
        from rich.console import Console

        self.total = total
        self.console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
        self._progress = None
        self._task = None

    def __enter__(self) -> ArticleProgress:
        if self.console.is_terminal:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("reading articles"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                _rate_column(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[where]}", style="dim"),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total, where="")
        return self

    def __call__(self, n: int, where: str) -> None:
        """Show that ``n`` articles were read, the last from ``where``."""
        if self._progress is None:
            return
        self._progress.update(self._task, completed=n, total=max(self.total, n), where=where[-40:])

    def error(self, exc: Exception) -> None:
        """Print a problem now, above the bar."""
        self.console.print(f"bordermap: error: {exc}", markup=False)

    def __exit__(self, *exc_info) -> None:
        if self._progress is not None:
            self._progress.stop()


@contextlib.contextmanager
def file_progress(label: str, stream=None) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar of bytes read from a large file, on stderr when it is a terminal.

    Yields the callback ``progress(bytes_read, total_bytes)`` to hand to the reader
    (:func:`gazetteer.add_user_source`), or None when there is no terminal.
    """
    from rich.console import Console

    console = Console(file=stream or sys.stderr)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn(label), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@contextlib.contextmanager
def status(message: str, stream=None) -> Iterator[None]:
    """A spinner with ``message`` while a long step runs, on stderr when it is a terminal."""
    from rich.console import Console

    console = Console(file=stream or sys.stderr)
    if not console.is_terminal:
        yield
        return
    with console.status(message):
        yield
