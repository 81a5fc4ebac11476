"""Time and memory of loading the geometry packs, each in a fresh process.

Usage::

    python benchmarks/packs.py
"""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import resource, time
t0 = time.perf_counter()
from geo.regions import {fn}
df = {fn}()
t1 = time.perf_counter()
print(len(df), t1 - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    print(f"{'pack':10} {'rows':>6} {'import+load s':>14} {'max RSS MB':>11}")
    for fn in ("admin1", "countries", "borders"):
        runs = []
        for _ in range(3):
            out = subprocess.run(
                [sys.executable, "-c", PROBE.format(fn=fn)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            runs.append((int(out[0]), float(out[1]), float(out[2])))
        rows, secs, rss = min(runs, key=lambda r: r[1])
        print(f"{fn:10} {rows:6d} {secs:14.2f} {rss:11.0f}")


if __name__ == "__main__":
    main()
