"""Corpus scale: throughput with 1 and 2 workers, memory per worker, store ingest cost.

Usage::

    python benchmarks/scale.py [--articles 10000 --big 100000 --store-incidents 1000000]

A generated corpus of news-like articles (our own templates: about a third report
a border incident — fire, shelling, drones, detentions — at real border places,
the rest are unrelated news: markets, weather, sport, city councils), written as
JSON Lines in a temporary folder. Prints:

* articles/s with 1 worker (in this process) and 2 worker processes, and the ratio;
* peak RSS per worker process, for ``--articles`` and ``--big`` articles (flat
  means memory does not grow with the corpus);
* ingest time of ``--ingest`` new articles into an empty store and into one already
  holding ``--store-incidents`` incidents (synthetic rows bulk-loaded with their
  index entries), the store's own share (transactions, merge lookups, joins)
  reported apart from extraction;
* the projected hours for 10^6 articles on 32 cores at the measured per-worker rate
  and 2-worker efficiency;
* this machine's own ceiling for the 2/1 ratio: how fast one core runs a pure-Python
  loop (text, regular expressions, dicts; no bordermap code, no shared data) while the
  other core runs one too, against alone. On hardware whose cores slow each other
  (shared caches, SMT siblings of one physical core, a turbo that only one busy core
  gets) no program reaches 2.0; the line says where the product's shortfall begins.

Each measurement runs in a fresh child process so one's memory does not hide another's.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# -- the generator -----------------------------------------------------------------

BORDERS = [
    # (place, its country, the other side's place, the other country)
    ("Tavush province", "Armenia", "Gazakh district", "Azerbaijan"),
    ("Batken region", "Kyrgyzstan", "Sughd region", "Tajikistan"),
    ("Chaman", "Pakistan", "Spin Boldak", "Afghanistan"),
    ("Kfar Kila", "Lebanon", "Metula", "Israel"),
    ("Preah Vihear province", "Cambodia", "Surin province", "Thailand"),
    ("Cucuta", "Colombia", "Tachira state", "Venezuela"),
    ("Kupwara district", "India", "Neelum valley", "Pakistan"),
    ("Belgorod region", "Russia", "Kharkiv region", "Ukraine"),
]
EVENTS = [
    "{a} border guards exchanged fire with {b} troops near {p} on {day}, officials said.",
    "Shelling hit villages near {p} on {day}, the {a} defence ministry said in a statement.",
    "A drone crossed from {b} and struck a post near {p} on {day}, {a} officials said.",
    "{a} forces detained {n} people who crossed the border near {p} on {day}.",
    "Troops from {b} advanced into {a} territory near {p} on {day}, the ministry said.",
]
TOLLS = [
    "{k} soldiers were killed and {w} were wounded, according to the ministry.",
    "{w} civilians were wounded and taken to hospital in the nearest town.",
    "No casualties were reported.",
    "One border guard was killed, a spokesman said.",
]
BACKGROUND = [
    "The two countries have disputed parts of the frontier since the 1990s.",
    "Talks on marking the border resumed last year but made little progress.",
    "Residents said they had heard gunfire through the night and stayed indoors.",
    "Schools in the area were closed and buses were sent to take families away.",
    "Both sides accused each other of starting the fighting.",
    "Diplomats called for calm and urged the sides to respect the ceasefire.",
]
OTHER = [
    "The central bank kept its main interest rate at {n}.5 percent on {day}, citing prices.",
    "Shares in the region rose for a third day as investors bought technology stocks.",
    "The city council approved a budget for new bus lanes and a renovated library.",
    "Heavy rain is expected over the weekend, forecasters said, with cooler nights.",
    "The home side won {k}-{w} after a late goal in front of a full stadium.",
    "A new bakery opened on the main square, drawing a long queue on its first morning.",
    "Farmers said the harvest was better than expected after a dry spring.",
    "The museum will stay open late on Fridays through the summer months.",
    "Officials said road repairs on the ring road would last until the end of the month.",
    "The university announced a programme of evening classes for adults.",
    "Ticket prices for the concert series were lowered after weak early sales.",
    "A report found that more people were cycling to work than five years ago.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def news_article(k: int, rng: random.Random) -> dict:
    """One article: an incident report (a third of them) or unrelated news, ~500 words."""
    date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(365))
    fill = dict(day=rng.choice(DAYS), n=rng.randint(2, 9), k=rng.randint(1, 5), w=rng.randint(1, 9))
    paras = []
    if rng.random() < 0.33:
        p, a, q, b = rng.choice(BORDERS)
        if rng.random() < 0.5:
            p, a, q, b = q, b, p, a
        lead = rng.choice(EVENTS).format(a=a, b=b, p=p, **fill)
        paras.append(f"{lead} {rng.choice(TOLLS).format(**fill)}")
        paras += rng.sample(BACKGROUND, 3)
        title = f"Clash reported near {p}"
    else:
        title = "Local news"
    while sum(len(x.split()) for x in paras) < 480:
        paras.append(" ".join(rng.choice(OTHER).format(**fill) for _ in range(3)))
    return {"text": "\n\n".join(paras), "title": f"{title} ({k})", "date": date.isoformat()}


def write_corpus(path: Path, n: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            fh.write(json.dumps(news_article(k, rng)) + "\n")
    return path


# -- measurements (each in a child process) ------------------------------------------


def _child(args: list[str]) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, env=env
    )
    if out.returncode:
        sys.exit(f"child {args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def _pool_cpu(engine) -> float:
    """CPU seconds (user + system) the engine's live worker processes have used (Linux)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in engine._pool._processes:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / ticks


def child_throughput(corpus: str, workers: int) -> dict:
    """One whole extraction job, timed from before the gazetteer loads to the last result.

    With 1 worker everything runs in this process; with more, the clock includes
    starting the worker processes (imports, gazetteer, geometry packs: the pool's
    initializer) as well as the partitions. Only Python's own imports in this process
    (the same for any number of workers) are outside it.
    """
    from geo.corpus import merge_blocked
    from geo.corpus.merge import _order, merge_groups, merge_stage
    from geo.corpus.run import Engine, partition_results
    from geo.corpus.work import Task

    c0 = _cpu(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    articles, incidents, part_cpu, parts = 0, [], 0.0, 0
    first_result = None
    with Engine(workers, gazetteer=gaz) as engine:
        for _, res in partition_results([corpus], task=Task(), engine=engine, gazetteer=gaz):
            first_result = first_result or time.perf_counter() - t0
            articles += len(res.articles)
            incidents.extend(res.incidents)
            part_cpu += res.cpu_seconds
            parts += 1
        took = time.perf_counter() - t0
        client_cpu = _cpu(resource.RUSAGE_SELF) - c0
        # the workers' CPU so far (start-up and partitions), before the merging stage adds its own
        workers_cpu = _pool_cpu(engine) if workers > 1 else 0.0
        stage_s, staged_ids = None, None
        if workers > 1:  # merging as a second stage on the same workers (copies travel)
            t1 = time.perf_counter()
            staged_ids = [i.id for i in merge_stage(copy.deepcopy(incidents), engine)]
            stage_s = time.perf_counter() - t1
    mine = copy.deepcopy(incidents)  # merging changes the incidents it merges into
    t1 = time.perf_counter()
    groups = merge_groups(_order(mine))  # the stage's serial part (client)
    plan_s = time.perf_counter() - t1
    t1 = time.perf_counter()
    merged = merge_blocked(incidents)
    merge_s = time.perf_counter() - t1
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "articles": articles,
        "partitions": parts,
        "seconds": took,
        "rate": articles / took,
        # CPU of reading and extracting only, summed over the partitions wherever they ran
        "partition_cpu": part_cpu,
        "cpu_rate": articles / part_cpu,
        # everything else: start-up of the workers (or of this process's extraction), client
        "client_cpu": client_cpu,
        "workers_cpu": workers_cpu,
        "load": os.getloadavg()[0],
        "incidents": len(incidents),
        "merged": len(merged),
        "merge_s": merge_s,
        "merge_groups": len(groups),
        "merge_plan_s": plan_s,
        "stage_s": stage_s,
        "stage_same": staged_ids == [i.id for i in merged] if staged_ids is not None else None,
        "worker_rss_mb": kids if workers > 1 else self_rss,
        "client_rss_mb": self_rss,
    }


def _bulk_store(store: Path, n: int, seed: int = 2) -> None:
    """Fill a store (made by a small real ingest) with ``n`` synthetic incidents, fast.

    Not an ingest: copies of the store's real incident rows at random places (their
    R*-tree box) and dates, bulk-inserted straight into the store's tables and its
    index in one transaction (``executemany``, journal off for the load). The store
    then holds as many rows and index entries as a long-grown one, which is what an
    ingest's cost could depend on; the new articles then go through the ordinary ingest.
    """
    con = sqlite3.connect(store)
    cols = [r[1] for r in con.execute("PRAGMA table_info(incidents)")]
    rows = con.execute(f"SELECT {', '.join(cols)} FROM incidents").fetchall()
    fps = {r[0]: r for r in con.execute("SELECT * FROM footprints")}
    rng = random.Random(seed)
    fid_at, id_at = cols.index("fid"), cols.index("incident_id")
    start_at, end_at = cols.index("date_start"), cols.index("date_end")
    first = con.execute("SELECT max(fid) FROM incidents").fetchone()[0] + 1
    picks = [rng.randrange(len(rows)) for _ in range(n)]
    days = [dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000)) for _ in range(n)]
    spots = [(rng.uniform(-170, 170), rng.uniform(-60, 70)) for _ in range(n)]

    def incidents():
        for k in range(n):
            row = list(rows[picks[k]])
            row[fid_at], row[id_at] = first + k, f"bulk{k:09d}"
            row[start_at] = row[end_at] = days[k].isoformat()
            yield row

    def footprints():
        for k in range(n):
            fp = list(fps[rows[picks[k]][fid_at]])
            fp[0], fp[2] = first + k, f"bulk{k:09d}"
            yield fp

    def boxes():
        for k in range(n):
            x, y = spots[k]
            d = days[k].toordinal()
            yield first + k, x - 0.5, x + 0.5, y - 0.5, y + 0.5, d, d

    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("BEGIN")
    con.executemany(f"INSERT INTO incidents VALUES ({','.join('?' * len(cols))})", incidents())
    width = len(next(iter(fps.values())))
    con.executemany(f"INSERT INTO footprints VALUES ({','.join('?' * width)})", footprints())
    con.executemany("INSERT INTO bordermap_blocks VALUES (?,?,?,?,?,?,?)", boxes())
    con.execute("COMMIT")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()


def child_ingest(corpus: str, store: str, seed_corpus: str, bulk: int) -> dict:
    from gazetteer import Gazetteer
    from geo.store import IncidentStore

    gaz = Gazetteer.load()
    s = IncidentStore(store)
    if bulk:
        s.ingest([seed_corpus], gazetteer=gaz)
    t0 = time.perf_counter()
    if bulk:
        _bulk_store(Path(store), bulk)
    bulk_s = time.perf_counter() - t0
    before = s.count()[0] if Path(store).exists() else 0
    commit_s = 0.0
    original = s._commit

    def timed(batch, result):
        nonlocal commit_s
        t = time.perf_counter()
        original(batch, result)
        commit_s += time.perf_counter() - t

    s._commit = timed
    t0 = time.perf_counter()
    r = s.ingest([corpus], gazetteer=gaz, batch_size=1000)
    took = time.perf_counter() - t0
    return {
        "before": before,
        "after": s.count()[0],
        "new": r.new_articles,
        "seconds": took,
        "store_seconds": commit_s,
        "bulk_seconds": bulk_s,
        "store_mib": Path(store).stat().st_size / 2**20,
    }


def _core_loop(seconds: float) -> float:
    """Iterations per CPU second of a pure-Python loop that runs for ``seconds`` CPU s."""
    import re

    words = [
        "troops",
        "exchanged",
        "fire",
        "near",
        "the",
        "border",
        "village",
        "on",
        "monday",
        "officials",
        "said",
    ]
    seen: dict[str, int] = {}
    start, n = time.process_time(), 0
    while time.process_time() - start < seconds:
        for k in range(2000):
            w = words[k % len(words)]
            seen[w + str((n + k) % 5000)] = k
            re.findall(r"\w+", w)
        n += 2000
    return n / (time.process_time() - start)


def core_ceiling(seconds: float = 2.0, rounds: int = 3) -> tuple[float, float]:
    """Speed of a core while the other runs the same loop, against alone (median of rounds).

    Returns
    -------
    tuple of float
        ``(ratio, load average)``: ratio 1.0 means the cores do not slow each other.
    """
    import multiprocessing
    import statistics

    ctx = multiprocessing.get_context("fork")
    ratios = []
    with ctx.Pool(2) as pool:
        for _ in range(rounds):
            alone = pool.apply(_core_loop, (seconds,))
            both = pool.starmap(_core_loop, [(seconds,), (seconds,)])
            ratios.append(statistics.mean(both) / alone)
    return statistics.median(ratios), os.getloadavg()[0]


def _throughput_line(label: str, r: dict) -> str:
    # CPU spent outside the partitions: loading and warming up, starting workers, the client
    other = r["client_cpu"] + r["workers_cpu"] - r["partition_cpu"]
    # the client's own share: all of its CPU when workers extract, else what is not extraction
    client = r["client_cpu"] - (r["partition_cpu"] if r["workers_cpu"] == 0 else 0.0)
    return (
        f"  {label}: {r['rate']:7.1f} articles/s ({r['seconds']:.1f} s whole job, "
        f"{r['partitions']} partitions); {r['cpu_rate']:.0f} articles per CPU second in "
        f"partitions; other CPU {other:.1f} s (client {client:.1f} s); "
        f"load average {r['load']:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000, help="second corpus size")
    ap.add_argument("--ingest", type=int, default=10_000, help="new articles ingested")
    ap.add_argument("--store-incidents", type=int, default=1_000_000)
    ap.add_argument("--skip", nargs="*", default=[], choices=["throughput", "big", "ingest"])
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "throughput":
            out = child_throughput(rest[0], int(rest[1]))
        else:
            out = child_ingest(rest[0], rest[1], rest[2], int(rest[3]))
        print(json.dumps(out))
        return

    sizes = [] if "throughput" in args.skip else [args.articles]
    if "big" not in args.skip and "throughput" not in args.skip:
        sizes.append(args.big)
    with tempfile.TemporaryDirectory(prefix="bordermap-scale-") as tmp:
        tmp = Path(tmp)
        runs = {}
        if sizes:
            ceiling, load = core_ceiling()
            print(
                f"this machine: a core runs pure Python at {ceiling:.2f}x its speed alone while "
                f"the other core is busy too (load average {load:.1f}): a 2/1 ratio above "
                f"{2 * ceiling:.2f} is out of reach for any program here",
                flush=True,
            )
        for n in sizes:
            corpus = write_corpus(tmp / f"corpus-{n}.jsonl", n, seed=1)
            mb = corpus.stat().st_size / 2**20
            print(f"corpus of {n:,} articles ({mb:.1f} MiB JSON Lines; a third incident reports)")
            one = _child(["throughput", str(corpus), "1"])
            print(_throughput_line("1 worker ", one), flush=True)
            two = _child(["throughput", str(corpus), "2"])
            print(_throughput_line("2 workers", two), flush=True)
            corpus.unlink()
            runs[n] = (one, two)
            print(
                f"  ratio 2/1 workers, whole job: {two['rate'] / one['rate']:.2f} "
                f"on {os.cpu_count()} cores"
            )
            same = (one["incidents"], one["merged"]) == (two["incidents"], two["merged"])
            print(
                f"  incidents: {one['incidents']:,} extracted, {one['merged']:,} after merging; "
                f"same with 2 workers: {same}; merging in the client {one['merge_s']:.1f} s, "
                f"as a second stage on 2 workers {two['stage_s']:.1f} s (of which "
                f"{two['merge_plan_s']:.1f} s ordering and cutting {two['merge_groups']:,} "
                f"groups in the client), same incidents: {two['stage_same']}"
            )
            print(
                f"  peak RSS per worker {two['worker_rss_mb']:.0f} MB (2 workers), "
                f"client {two['client_rss_mb']:.0f} MB; one process alone "
                f"{one['worker_rss_mb']:.0f} MB",
                flush=True,
            )
        if len(runs) == 2:
            (_, a), (_, b) = runs[args.articles], runs[args.big]
            print(
                f"peak RSS per worker: {a['worker_rss_mb']:.0f} MB at {args.articles:,} articles, "
                f"{b['worker_rss_mb']:.0f} MB at {args.big:,}"
            )
        if "ingest" not in args.skip:
            new = write_corpus(tmp / "new.jsonl", args.ingest, seed=4)
            seed_corpus = write_corpus(tmp / "seed.jsonl", 50, seed=5)
            empty = _child(["ingest", str(new), str(tmp / "empty.gpkg"), str(seed_corpus), "0"])
            (tmp / "empty.gpkg").unlink()
            full = _child(
                [
                    "ingest",
                    str(new),
                    str(tmp / "full.gpkg"),
                    str(seed_corpus),
                    str(args.store_incidents),
                ]
            )
            print(
                f"store of {full['before']:,} incidents: bulk-loaded synthetic rows in "
                f"{full['bulk_seconds']:.0f} s ({full['store_mib']:,.0f} MiB after the ingest)"
            )
            for label, r in (("an empty store", empty), (f"{full['before']:,} incidents", full)):
                print(
                    f"ingest {r['new']:,} new articles (1 worker) into {label}: "
                    f"{r['seconds']:.1f} s (store writes {r['store_seconds']:.1f} s), "
                    f"incidents {r['before']:,} -> {r['after']:,}"
                )
            print(
                f"ingest ratio full/empty: {full['seconds'] / empty['seconds']:.2f} end to end, "
                f"{full['store_seconds'] / max(empty['store_seconds'], 1e-9):.2f} store writes"
            )
        if runs:
            n = max(runs)
            one, two = runs[n]
            per_article = two["partition_cpu"] / two["articles"]  # CPU s per article, a worker
            ratio = two["rate"] / one["rate"]
            minutes = 1e6 * per_article / 32 / 60
            scale = 1e6 / max(1, two["articles"])
            serial = two["merge_plan_s"] * scale  # ordering and cutting, in the client
            # the stage's sweeps (with the incidents' journey), measured on 2 workers
            sweeps = max(0.0, two["stage_s"] - two["merge_plan_s"]) * scale * 2 / 32
            print(
                f"projection, 10^6 articles on 32 cores: {minutes:.1f} min extraction at "
                f"{1 / per_article:.0f} articles per CPU second and core "
                f"({minutes / min(1.0, ratio / 2):.1f} min if 32 workers keep the "
                f"{ratio / 2:.0%} efficiency 2 kept here); merging {serial / 60:.1f} min of "
                f"ordering and cutting in the client + {sweeps / 60:.1f} min of sweeps on 32 "
                f"workers (linear in articles; the generated corpus piles its incidents onto "
                f"8 border places and its articles share many 3-grams, a worst case)"
            )


if __name__ == "__main__":
    main()
