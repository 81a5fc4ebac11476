"""What more places cost: index build time, load time and memory, with and without a dump.

Usage::

    python benchmarks/gazetteer_sources.py [--rows 200000] [--runs 5]

Builds the index in a temporary cache (the shipped sources only), then again with
a GeoNames-format dump of ``--rows`` invented places (two names each, like a
country dump's villages, hamlets and streams) added with
:func:`gazetteer.add_user_source`; for each, the build time, and the median load
time (imports, load, first resolve) and max RSS of ``--runs`` fresh processes.
The invented rows stand in for real dumps, which cannot be downloaded here;
GeoNames dumps have roughly 20,000 (Armenia) to 600,000 (India) rows.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE = (
    "import time, resource; t0 = time.perf_counter()\n"
    "from gazetteer import Gazetteer\n"
    "g = Gazetteer.load(); i = g.index\n"
    "i.name_set, i.first_words, i.strings, i.vocab, i.context_names\n"
    "g.resolve('Shelling in Armenia\\'s Gegharkunik province.')\n"
    "print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
)


def fake_dump(path: Path, rows: int, seed: int = 0) -> None:
    """Write ``rows`` invented places in the 19-column GeoNames dump format."""
    rng = random.Random(seed)
    syllables = ["ka", "ro", "vi", "tsa", "gh", "ar", "mel", "do", "shen", "zor", "pa", "nik"]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(rows):
            name = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).title()
            alt = name + (" Verin" if i % 2 else " Nerkin")
            lat, lon = 38.8 + rng.random() * 2.5, 43.4 + rng.random() * 6.0
            fclass, fcode = rng.choice([("P", "PPL"), ("H", "STM"), ("T", "MT"), ("S", "PSTB")])
            fields = [str(90_000_000 + i), name, name, alt, f"{lat:.5f}", f"{lon:.5f}", fclass,
                      fcode, "AM", "", "04", "", "", "", "0", "", "1500", "Asia/Yerevan",
                      "2024-01-01"]  # fmt: skip
            fh.write("\t".join(fields) + "\n")


def measure(cache: Path, runs: int) -> tuple[float, float, float]:
    """Build time (s), median fresh-process load time (s) and max RSS (MB)."""
    env = {**os.environ, "BORDERMAP_CACHE_DIR": str(cache)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from gazetteer import GazetteerIndex; GazetteerIndex.load()"],
        env=env,
        check=True,
    )
    build = time.perf_counter() - t0
    loads, rss = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
        )
        s, m = map(float, out.stdout.split())
        loads.append(s)
        rss.append(m)
    return build, statistics.median(loads), max(rss)


def main() -> int:
    """Print the figures without and with the invented dump."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        b, load, rss = measure(base, args.runs)
        print(f"shipped sources: build {b:.1f} s, load {load:.2f} s (median), RSS {rss:.0f} MB")
        more = Path(tmp) / "more"
        dump = Path(tmp) / "XX.txt"
        fake_dump(dump, args.rows)
        env = {**os.environ, "BORDERMAP_CACHE_DIR": str(more)}
        add = f"from gazetteer import add_user_source; add_user_source({str(dump)!r})"
        subprocess.run([sys.executable, "-c", add], env=env, check=True)
        os.environ["BORDERMAP_CACHE_DIR"] = str(more)
        b2, load2, rss2 = measure(more, args.runs)
        print(
            f"+ {args.rows:,} places from a GeoNames dump: build {b2:.1f} s, "
            f"load {load2:.2f} s (median), RSS {rss2:.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
