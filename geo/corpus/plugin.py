"""A Dask worker plugin that readies each worker for extraction as it starts.

Kept apart from :mod:`geo.corpus.run` so that ``distributed`` is imported only
when a Dask engine is used.
"""

from __future__ import annotations

from distributed.diagnostics.plugin import WorkerPlugin

__all__ = ["PrepareWorker"]


class PrepareWorker(WorkerPlugin):
    """Load the gazetteer and geometry packs on a worker before its first partition.

    Parameters
    ----------
    focus : tuple of str
        Gazetteer focus codes of the run.
    """

    name = "bordermap-prepare-worker"

    def __init__(self, focus: tuple[str, ...] = ()):
        self.focus = tuple(focus)

    def setup(self, worker) -> None:
        """Run :func:`~geo.corpus.work.prepare_worker` on ``worker``.

        A failure is left to the first partition, which reports it with its name.
        """
        import contextlib

        from geo.corpus.work import prepare_worker

        with contextlib.suppress(Exception):
            prepare_worker(self.focus)
