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
  and 2-worker efficiency.

Each measurement runs in a fresh child process so one's memory does not hide another's.
"""

from __future__ import annotations

import argparse
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


def child_throughput(corpus: str, workers: int) -> dict:
    """One whole extraction job, timed from before the gazetteer loads to the last result.

    With 1 worker everything runs in this process; with more, the clock includes
    starting the worker processes (imports, gazetteer, geometry packs: the pool's
    initializer) as well as the partitions. Only Python's own imports in this process
    (the same for any number of workers) are outside it.
    """
    from geo.corpus import merge_blocked
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
    # the workers have exited: their whole CPU time (start-up included) is in RUSAGE_CHILDREN
    workers_cpu = _cpu(resource.RUSAGE_CHILDREN) if workers > 1 else 0.0
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
        "worker_rss_mb": kids if workers > 1 else self_rss,
        "client_rss_mb": self_rss,
    }


def _bulk_store(store: Path, n: int, seed: int = 2) -> None:
    """Fill a store (made by a small ingest) with ``n`` synthetic incidents and their index."""
    con = sqlite3.connect(store)
    cols = [r[1] for r in con.execute("PRAGMA table_info(incidents)")]
    rows = con.execute(f"SELECT {', '.join(cols)} FROM incidents").fetchall()
    fps = {r[0]: r for r in con.execute("SELECT * FROM footprints")}
    rng = random.Random(seed)
    fid_at, id_at = cols.index("fid"), cols.index("incident_id")
    start_at, end_at = cols.index("date_start"), cols.index("date_end")
    next_fid = con.execute("SELECT max(fid) FROM incidents").fetchone()[0] + 1
    con.execute("BEGIN")
    for k in range(n):
        base = list(rng.choice(rows))
        fp = list(fps[base[fid_at]])
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(4000))
        x, y = rng.uniform(-170, 170), rng.uniform(-60, 70)
        base[fid_at], base[id_at] = next_fid + k, f"bulk{k:09d}"
        base[start_at] = base[end_at] = day.isoformat()
        fp[0], fp[2] = next_fid + k, f"bulk{k:09d}"
        con.execute(f"INSERT INTO incidents VALUES ({','.join('?' * len(base))})", base)
        con.execute(f"INSERT INTO footprints VALUES ({','.join('?' * len(fp))})", fp)
        con.execute(
            "INSERT INTO bordermap_blocks VALUES (?,?,?,?,?,?,?)",
            (next_fid + k, x - 0.5, x + 0.5, y - 0.5, y + 0.5, day.toordinal(), day.toordinal()),
        )
    con.execute("COMMIT")
    con.close()


def child_ingest(corpus: str, store: str, seed_corpus: str, bulk: int) -> dict:
    from gazetteer import Gazetteer
    from geo.store import IncidentStore

    gaz = Gazetteer.load()
    s = IncidentStore(store)
    if bulk:
        s.ingest([seed_corpus], gazetteer=gaz)
        t0 = time.perf_counter()
        _bulk_store(Path(store), bulk)
        print(
            f"bulk-loaded {bulk:,} incidents in {time.perf_counter() - t0:.0f} s", file=sys.stderr
        )
    before = s.count()[0]
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
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000, help="second corpus size for memory")
    ap.add_argument("--ingest", type=int, default=10_000, help="new articles ingested")
    ap.add_argument("--store-incidents", type=int, default=1_000_000)
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

    with tempfile.TemporaryDirectory(prefix="bordermap-scale-") as tmp:
        tmp = Path(tmp)
        small = write_corpus(tmp / "small.jsonl", args.articles)
        big = write_corpus(tmp / "big.jsonl", args.big, seed=3)
        mb = small.stat().st_size / 2**20
        print(f"corpus: {args.articles:,} articles ({mb:.1f} MiB JSON Lines), about a third")
        print("        incident reports at real border places, the rest unrelated news")
        one = _child(["throughput", str(small), "1"])
        two = _child(["throughput", str(small), "2"])
        ratio = two["rate"] / one["rate"]
        for label, r in (("1 worker ", one), ("2 workers", two)):
            print(
                f"{label}: {r['rate']:7.1f} articles/s wall ({r['seconds']:.1f} s), "
                f"{r['cpu_rate']:.1f} articles per CPU second, load average {r['load']:.1f}"
            )
        print(f"ratio 2/1 workers (wall): {ratio:.2f} on {os.cpu_count()} cores")
        print(
            f"incidents: {one['incidents']:,} extracted, {one['merged']:,} after merging "
            f"(blocked merge {one['merge_s']:.2f} s); same with 2 workers: "
            f"{(one['incidents'], one['merged']) == (two['incidents'], two['merged'])}"
        )
        bigrun = _child(["throughput", str(big), "2"])
        print(
            f"peak RSS per worker: {two['worker_rss_mb']:.0f} MB at {args.articles:,} articles, "
            f"{bigrun['worker_rss_mb']:.0f} MB at {args.big:,} "
            f"({bigrun['rate']:.1f} articles/s); client {bigrun['client_rss_mb']:.0f} MB"
        )
        new = write_corpus(tmp / "new.jsonl", args.ingest, seed=4)
        seed_corpus = write_corpus(tmp / "seed.jsonl", 50, seed=5)
        empty = _child(["ingest", str(new), str(tmp / "empty.gpkg"), str(seed_corpus), "0"])
        full = _child(
            [
                "ingest",
                str(new),
                str(tmp / "full.gpkg"),
                str(seed_corpus),
                str(args.store_incidents),
            ]
        )
        for label, r in (("empty store", empty), (f"{full['before']:,} incidents", full)):
            print(
                f"ingest {r['new']:,} new articles into {label}: {r['seconds']:.1f} s "
                f"(store writes {r['store_seconds']:.1f} s), incidents {r['before']:,} -> "
                f"{r['after']:,}"
            )
        print(
            f"ingest ratio full/empty: {full['seconds'] / empty['seconds']:.2f} end to end, "
            f"{full['store_seconds'] / max(empty['store_seconds'], 1e-9):.2f} store writes"
        )
        per_worker = two["cpu_rate"]  # a core's rate, whatever else the machine ran
        hours = 1e6 / (per_worker * 32) / 3600
        merge_s = one["merge_s"] / args.articles * 1e6  # linear in articles (blocked)
        print(
            f"projection: 10^6 articles on 32 cores at {per_worker:.1f} articles per CPU second "
            f"and worker: {hours:.2f} h extraction (if 32 workers scale as 2 did here: "
            f"{hours / min(1.0, ratio / 2):.2f} h) "
            f"+ {merge_s:.0f} s merging"
        )


if __name__ == "__main__":
    main()
