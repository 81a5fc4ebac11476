"""Incident extraction: accuracy on the labelled corpus, and speed on 700-word articles.

Usage::

    python benchmarks/incidents.py [--corpus tests/data/incidents] [--articles 1000]

Accuracy: precision and recall of physical incidents (same type, overlapping
dates), then date, admin-1 and casualty accuracy over the matched ones
(``geo.extract.scoring``), on two labelled corpora: the development corpus the
extractor was built against (``tests/data/incidents``) and a held-out one
(``benchmarks/heldout``), labelled before the extractor first ran on it and
never used to tune it. Speed: end to end on one core — reading files from disk,
mentions, resolution, incidents — over 700-word articles, each made of real
news text from the annotated corpora in ../shared/eval/geoparse (read at run
time, never stored) with one incident report from the labelled corpus woven
in, so place-name density is that of real news and every article reports an
incident. ``--dense`` uses only labelled-corpus paragraphs instead (every
paragraph an incident, about twice the place names of real news).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def accuracy(corpus: Path, gazetteer, label: str) -> None:
    from geo.extract.scoring import score_corpus

    s = score_corpus(corpus, gazetteer)
    print(f"{label} corpus: {corpus.relative_to(ROOT) if corpus.is_relative_to(ROOT) else corpus}")
    print(
        f"  expected {s.expected} physical incidents, extracted {s.extracted}, matched {s.matched}"
    )
    print(f"  precision {s.precision:.3f}  recall {s.recall:.3f}")
    print(
        f"  date accuracy {s.date_accuracy:.3f}  admin-1 accuracy {s.admin1_accuracy:.3f}"
        f"  casualty accuracy {s.casualty_accuracy:.3f}"
    )
    for p in s.problems:
        print(f"  - {p}")


def _paragraphs(corpus: Path) -> list[str]:
    from geo.extract.articles import read_articles

    paras = []
    for a in read_articles([corpus]):
        paras += [p.strip() for p in a.text.split("\n") if len(p.split()) > 12]
    return paras


def _news_paragraphs(eval_dir: Path) -> list[str]:
    import json

    out = []
    for name in ("lgl.jsonl", "trnews.jsonl", "geovirus.jsonl"):
        path = eval_dir / name
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out += [json.loads(line)["text"] for line in fh]
    return out


def speed(corpus: Path, n: int, gazetteer, eval_dir: Path, dense: bool) -> None:
    from geo.pipeline import extract

    rng = random.Random(7)
    paras = _paragraphs(corpus)
    news = [] if dense else _news_paragraphs(eval_dir)
    if not news and not dense:
        print(f"  (no news corpora in {eval_dir}: using labelled-corpus paragraphs only)")
    with tempfile.TemporaryDirectory() as tmp:
        words = 0
        for k in range(n):
            body = [rng.choice(paras)]
            count = len(body[0].split())
            while count < 700:
                p = rng.choice(news or paras)
                if news and count + len(p.split()) > 760:
                    p = " ".join(p.split()[: 760 - count])
                body.insert(rng.randrange(len(body) + 1), p)
                count += len(p.split())
            words += count
            day = 1 + k % 28
            Path(tmp, f"a{k:05d}.md").write_text(
                f"---\ntitle: Synthetic {k}\ndate: 2025-03-{day:02d}\n---\n" + "\n\n".join(body),
                encoding="utf-8",
            )
        extract([tmp], gazetteer=gazetteer, merge=False)  # warm caches (places, borders)
        times, merge_times = [], []
        for k in range(5):
            t0 = time.perf_counter()
            result = extract([tmp], gazetteer=gazetteer, merge=False)
            times.append(time.perf_counter() - t0)
            if k < 3:
                t0 = time.perf_counter()
                merged = extract([tmp], gazetteer=gazetteer)
                merge_times.append(time.perf_counter() - t0)
        best, dt_merge = min(times), min(merge_times)
        median = statistics.median(times)
    kind = "labelled-corpus paragraphs" if dense or not news else "real news + one incident"
    print(f"speed: {n} articles ({kind}), {words / n:.0f} words each on average, one core")
    print(
        f"  extraction: {best:.2f} s = {n / best:.0f} articles/s, best of 5"
        f" (median {n / median:.0f}/s; {len(result.incidents)} incidents before merging)"
    )
    print(
        f"  with cross-article merging: {dt_merge:.2f} s = {n / dt_merge:.0f} articles/s, best of 3"
        f" ({len(merged.incidents)} incidents after merging)"
    )
    print(f"  max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT / "tests" / "data" / "incidents")
    ap.add_argument("--heldout", type=Path, default=ROOT / "benchmarks" / "heldout")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval" / "geoparse")
    ap.add_argument("--dense", action="store_true", help="incident paragraphs only")
    args = ap.parse_args()
    from gazetteer import Gazetteer

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer loaded in {time.perf_counter() - t0:.2f} s")
    accuracy(args.corpus, gaz, "development")
    accuracy(args.heldout, gaz, "held-out")
    speed(args.corpus, args.articles, gaz, args.eval_dir, args.dense)


if __name__ == "__main__":
    main()
