"""Corpus runs: partitions, workers (local processes or Dask), blocked merging, datasets.

:func:`~geo.corpus.partitions.plan_partitions` cuts a corpus into pieces workers
read for themselves; :class:`~geo.corpus.run.Engine` runs them in this process,
on a local process pool or a ``dask.distributed`` cluster;
:func:`~geo.corpus.merge.merge_blocked` merges across articles by blocking, and
:func:`~geo.corpus.merge.merge_stage` does it as a second stage on the workers;
:func:`~geo.corpus.dataset.write_dataset` writes a partitioned GeoParquet dataset.
"""

from __future__ import annotations

from geo.corpus.dataset import is_dataset, read_dataset, write_dataset
from geo.corpus.merge import merge_blocked, merge_groups, merge_stage
from geo.corpus.partitions import Partition, plan_partitions
from geo.corpus.run import (
    CorpusError,
    CorpusRun,
    Engine,
    default_workers,
    extract_corpus,
    start_method,
)

__all__ = [
    "CorpusError",
    "CorpusRun",
    "Engine",
    "Partition",
    "default_workers",
    "extract_corpus",
    "is_dataset",
    "merge_blocked",
    "merge_groups",
    "merge_stage",
    "plan_partitions",
    "read_dataset",
    "start_method",
    "write_dataset",
]
