"""Corpus runs: partitions, every core, a real Dask cluster, blocked merging, datasets."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
import json
import random
import signal
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.corpus import (
    CorpusError,
    is_dataset,
    merge_blocked,
    plan_partitions,
    read_dataset,
    write_dataset,
)
from geo.corpus.merge import _order, merge_groups, merge_stage
from geo.corpus.partitions import Partition
from geo.corpus.run import Engine
from geo.extract.articles import read_articles, read_file
from geo.extract.dates import EventDate
from geo.extract.merge import merge_incidents
from geo.pipeline import extract

from .conftest import CORPUS, write_corpus


def _records(incidents) -> list[dict]:
    return [json.loads(json.dumps(i.to_record(), default=str)) for i in incidents]


def test_partitions_cover_the_corpus_once(tmp_path):
    write_corpus(tmp_path / "docs", 30)
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as fh:
        for k in range(500):
            fh.write(json.dumps({"text": f"Article number {k}. " + "Words. " * 30}) + "\n")
    parts = plan_partitions([tmp_path / "docs", big], target_bytes=8 * 1024)
    assert [p.index for p in parts] == list(range(len(parts)))
    ranged = [p for p in parts if p.byte_range is not None]
    assert len(ranged) > 3
    records = [
        a.record
        for p in ranged
        for a in read_file(p.paths[0], byte_range=p.byte_range, first_record=p.first_record)
    ]
    assert records == list(range(1, 501))
    files = [f for p in parts if p.byte_range is None for f in p.paths]
    assert files == [str(a.path) for a in read_articles([tmp_path / "docs"])]


def test_partition_line_numbers_across_read_blocks(tmp_path):
    """Many cuts in each 8 MiB read block, and cuts across blocks: every line number right."""
    big = tmp_path / "big.jsonl"
    rng = random.Random(5)
    with open(big, "w", encoding="utf-8") as fh:
        while fh.tell() < 20 * 1024 * 1024:
            fh.write(json.dumps({"text": "Word " * rng.randint(1, 3000)}) + "\n")
    data = big.read_bytes()
    parts = plan_partitions([big], target_bytes=300 * 1024)
    assert len(parts) > 60
    assert parts[0].byte_range[0] == 0 and parts[-1].byte_range[1] is None
    for part, after in itertools.pairwise(parts):
        end = part.byte_range[1]
        assert end == after.byte_range[0] and data[end - 1 : end] == b"\n"
    for part in parts:
        start = part.byte_range[0]
        assert part.first_record == data.count(b"\n", 0, start) + 1


def _variants(incidents, n: int, seed: int = 7):
    """Many re-reports of real incidents: other articles, dates a few days off, places moved."""
    rng = random.Random(seed)
    located = [i for i in incidents if i.location is not None and i.date.known]
    out = []
    for k in range(n):
        inc = copy.deepcopy(rng.choice(located))
        shift = dt.timedelta(days=rng.choice([0, 0, 1, 3, 40]))
        inc.date = EventDate(inc.date.start + shift, inc.date.end + shift, inc.date.precision)
        dx, dy = rng.choice([(0, 0), (0.02, 0.01), (0.08, 0.0), (0.5, 0.3)])
        loc = inc.location
        shift = np.array([dx, dy])
        inc.location = dataclasses.replace(
            loc,
            geometry=shapely.transform(loc.geometry, lambda c, shift=shift: c + shift),
            lon=loc.lon + dx,
            lat=loc.lat + dy,
            place_ids=(*loc.place_ids, f"moved{dx}") if dx else loc.place_ids,
        )
        aid = f"variant{k:05d}"
        inc.sources = [{**s, "article_id": aid} for s in inc.sources]
        out.append(inc)
    return out


def test_blocked_merge_gives_the_same_incidents(gazetteer):
    base = extract([CORPUS], gazetteer=gazetteer, merge=False).incidents
    incidents = base + _variants(base, 1500)
    expected = merge_incidents(copy.deepcopy(incidents))
    got = merge_blocked(copy.deepcopy(incidents))
    assert len(got) < len(incidents) - 500  # many re-reports were merged
    assert _records(got) == _records(expected)
    # as a second stage: independent groups (type x date window x cell) swept apart
    groups = merge_groups(_order(copy.deepcopy(incidents)))
    assert len(groups) > 20 and max(map(len, groups)) < len(incidents) / 2
    with Engine(workers=1) as engine:
        staged = merge_stage(copy.deepcopy(incidents), engine, shards=40)
    assert _records(staged) == _records(expected)


def _report(base, article: str, start: dt.date, end: dt.date, precision: str, **changes):
    """A copy of ``base`` told by another article, on other days (and other fields)."""
    inc = copy.deepcopy(base)
    inc.date = EventDate(start, end, precision)
    inc.sources = [{**s, "article_id": article} for s in inc.sources]
    inc.quote = f"In the {article} account, witnesses told of it in words of their own."
    for key, value in changes.items():
        setattr(inc, key, value)
    return inc


def test_merge_groups_keep_together_what_a_merge_can_bring_together(gazetteer):
    base = next(
        i
        for i in extract([CORPUS], gazetteer=gazetteer, merge=False).incidents
        if i.location is not None and i.date.known and i.physical and not i.date_inferred
    )
    loc, day = base.location, dt.date(2024, 3, 1)
    month, later = day + dt.timedelta(days=30), day + dt.timedelta(days=19)
    june = day + dt.timedelta(days=92)
    far = dataclasses.replace(
        loc,
        geometry=shapely.transform(loc.geometry, lambda c: c + np.array([40.0, 0.0])),
        lon=loc.lon + 40,
    )
    wide = dataclasses.replace(
        loc, geometry=shapely.box(loc.lon - 10, loc.lat - 10, loc.lon + 10, loc.lat + 10)
    )
    incidents = [
        # a month-long report, then a one-day report inferred from its article's date: the
        # merged incident keeps the month, so a report on the 20th still meets it
        _report(base, "month", day, month, "month"),
        _report(base, "inferred", day, day, "day", date_inferred=True),
        _report(base, "twentieth", later, later, "day"),
        # a footprint too wide for grid cells meets a report anywhere inside it
        _report(base, "wide", june, june, "day", location=wide),
        _report(base, "inside", june, june, "day"),
        # far away, on the same days: another group
        _report(base, "far", day, day, "day", location=far),
        _report(base, "far-too", later, later, "day", location=far),
    ]
    expected = merge_blocked(copy.deepcopy(incidents))
    assert [sorted(s["article_id"] for s in i.sources) for i in expected] == [
        ["inferred", "month", "twentieth"],
        ["far"],
        ["far-too"],
        ["inside", "wide"],
    ]
    with Engine(workers=1) as engine:
        staged = merge_stage(copy.deepcopy(incidents), engine, shards=len(incidents))
    assert _records(staged) == _records(expected)


def test_the_merge_stage_runs_on_local_workers(gazetteer):
    base = extract([CORPUS], gazetteer=gazetteer, merge=False).incidents
    incidents = base + _variants(base, 300, seed=11)
    expected = merge_blocked(copy.deepcopy(incidents))
    with Engine(workers=2, gazetteer=gazetteer) as engine:
        staged = merge_stage(copy.deepcopy(incidents), engine)
    assert _records(staged) == _records(expected)


def test_two_workers_give_the_same_incidents_as_one(tmp_path, gazetteer):
    docs = write_corpus(tmp_path / "docs", 60)
    one = extract([docs], gazetteer=gazetteer, workers=1)
    two = extract([docs], gazetteer=gazetteer, workers=2, partition_bytes=16 * 1024)
    assert one.articles == two.articles == 60
    assert len(one.incidents) > 10
    assert _records(two.incidents) == _records(one.incidents)


def test_partitioned_geoparquet_dataset(tmp_path, gazetteer):
    result = extract([CORPUS], gazetteer=gazetteer)
    out = write_dataset(result.incidents, tmp_path / "incidents.parquet", rows_per_part=4)
    parts = sorted(p.name for p in out.glob("part-*.parquet"))
    assert len(parts) == -(-len(result.incidents) // 4) and len(parts) > 2
    assert (out / "_SUCCESS").exists() and is_dataset(out)
    manifest = json.loads((out / "_manifest.json").read_text())
    assert [p["file"] for p in manifest["parts"]] == parts
    layer = gpd.read_parquet(out)  # the directory reads whole
    assert list(layer["incident_id"]) == [i.id for i in result.incidents]
    assert layer.crs.to_epsg() == 4326
    back = read_dataset(out)
    located = back.geometry.notna() & ~back.geometry.is_empty
    assert located.sum() > 10 and back.loc[located, "footprint"].notna().all()
    assert isinstance(back["sources"].iloc[0], list)
    # a rewrite replaces the dataset whole, leaving nothing beside it
    write_dataset(result.incidents[:3], out, rows_per_part=2)
    assert len(gpd.read_parquet(out)) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incidents.parquet"]
    (tmp_path / "unfinished").mkdir()
    with pytest.raises(ValueError, match="_SUCCESS"):
        read_dataset(tmp_path / "unfinished")


@pytest.mark.slow
def test_a_dask_cluster_gives_the_same_incidents(tmp_path, gazetteer, dask_cluster):
    docs = write_corpus(tmp_path / "docs", 80)
    one = extract([docs], gazetteer=gazetteer, workers=1)
    remote = extract(
        [docs], gazetteer=gazetteer, scheduler=dask_cluster.address, partition_bytes=16 * 1024
    )
    assert remote.articles == one.articles == 80
    assert _records(remote.incidents) == _records(one.incidents)
    # merging as a second stage on the cluster
    unmerged = extract([docs], gazetteer=gazetteer, merge=False).incidents
    with Engine(scheduler=dask_cluster.address) as engine:
        staged = merge_stage(unmerged, engine, shards=8)
    assert _records(staged) == _records(one.incidents)
    # the worker plugin readied every worker (gazetteer, geometry packs) as it joined
    import cloudpickle
    from distributed import Client

    # the workers cannot import this test module (``tests`` is not installed): send the
    # function itself
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    try:
        with Client(dask_cluster.address, timeout="10s") as client:
            assert set(client.run(_readiness).values()) == {(True, True)}
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def _readiness() -> tuple[bool, bool]:
    """Whether this process holds a gazetteer and the admin-1 pack, without extracting."""
    from geo import regions
    from geo.corpus import work

    return bool(work._GAZETTEERS), regions._admin1.cache_info().currsize == 1


def _readiness_of(_part) -> tuple[bool, bool]:
    return _readiness()


def test_local_workers_are_ready_before_their_first_partition(gazetteer):
    from geo.corpus.run import Engine

    with Engine(workers=2, gazetteer=gazetteer) as engine:
        states = list(engine.map(_readiness_of, [Partition(0, ("a",)), Partition(1, ("b",))]))
    assert states == [(True, True), (True, True)]


@pytest.mark.slow
def test_with_another_thread_running_workers_come_from_a_fork_server_and_get_ready():
    import threading

    from geo.corpus.run import Engine, start_method

    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)
    busy.start()
    try:
        assert start_method() == "forkserver"
        with Engine(workers=2) as engine:
            states = list(engine.map(_readiness_of, [Partition(k, ("a",)) for k in range(4)]))
    finally:
        stop.set()
        busy.join()
    assert set(states) == {(True, True)}


@pytest.mark.slow
def test_a_killed_worker_loses_no_article(tmp_path, gazetteer, dask_cluster):
    docs = write_corpus(tmp_path / "docs", 400)
    one = extract([docs], gazetteer=gazetteer, workers=1)
    victim = dask_cluster.workers[0]
    seen = []

    def progress(n, where):
        seen.append(n)
        if len(seen) == 2:  # both workers are busy now: kill one mid-run
            victim.send_signal(signal.SIGKILL)

    remote = extract(
        [docs],
        gazetteer=gazetteer,
        scheduler=dask_cluster.address,
        partition_bytes=12 * 1024,
        progress=progress,
    )
    assert victim.poll() is not None  # it really died
    assert remote.articles == 400
    assert _records(remote.incidents) == _records(one.incidents)


@pytest.mark.slow
def test_when_every_worker_dies_the_run_fails_clearly(tmp_path, gazetteer, dask_cluster):
    from geo.corpus.run import Engine

    def die(part):
        import os

        os.kill(os.getpid(), signal.SIGKILL)

    with (
        Engine(scheduler=dask_cluster.address, no_worker_timeout=3) as engine,
        pytest.raises(CorpusError, match=r"died|no Dask worker left"),
    ):
        list(engine.map(die, [Partition(0, ("x.txt",))]))


def test_a_dead_local_worker_is_a_clear_error():
    from geo.corpus.run import Engine

    with (
        Engine(workers=2) as engine,
        pytest.raises(CorpusError, match="worker process died"),
    ):
        list(engine.map(_die, [Partition(0, ("x.txt",)), Partition(1, ("y.txt",))]))


def _die(part):
    import os

    os.kill(os.getpid(), signal.SIGKILL)
