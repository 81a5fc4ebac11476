"""Incident extraction on real reports: accuracy, relevance and speed.

Usage::

    python benchmarks/incidents.py [--shared ../shared] [--show] [--skip accuracy,unrelated,speed]

Three parts, all reading third-party text from ``../shared`` at run time (nothing
is copied into the project):

* **Accuracy** on ``../shared/eval/incidents`` (hand-labelled real border-incident
  reports), scored by that corpus's own ``score.py`` (imported at run time; only
  its ``run`` step is replaced by an in-process call of ``bordermap extract`` so
  the gazetteer loads once). Prints the issue's table: recall, precision, F1,
  date_strict, date_lenient, casualties_exact, statements recall/precision.
* **Relevance**: incidents per 100 unrelated articles, over the LGL and GeoVirus
  texts of ``../shared/eval/geoparse`` (local US news and disease news, no border
  incident among them), with the default options and with ``keep="violent"``.
* **Speed** on one core (CPU seconds of this process, which is single-threaded;
  wall time beside it), first pass over texts not seen before in this process:
  a realistic stream (every geoparse text — LGL, TR-News, GeoVirus — with the
  real incident reports mixed in, shuffled) and incident-dense reports only
  (the real reports and our own labelled corpora). The gazetteer and packs are
  loaded, and warmed on the seed articles of ``../shared/articles``, before
  timing; peak resident memory is printed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TARGETS = {
    "recall": 0.85,
    "precision": 0.85,
    "f1": None,
    "date_strict": 0.85,
    "date_lenient": None,
    "casualties_exact": 0.90,
    "statements_recall": 0.70,
    "statements_precision": 0.70,
}


def _load_score(shared: Path):
    path = shared / "eval" / "incidents" / "score.py"
    spec = importlib.util.spec_from_file_location("bordermap_eval_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def accuracy(shared: Path, show: bool) -> dict:
    """Run the corpus's score.py with extraction in-process; return its figures."""
    from bordermap.cli import main as cli_main

    score = _load_score(shared)
    corpus = shared / "eval" / "incidents"

    def run(cmd, path, published):
        # score.py's own run(), minus the subprocess: same arguments, same output file
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "out.geojson"
            args = ["extract", str(path), "-o", str(out)]
            first = path.read_text(errors="ignore").lstrip()[:5].lower()
            if published and not first.startswith("date"):
                args += ["--published", published]
            err = io.StringIO()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                try:
                    rc = cli_main(args)
                except SystemExit as exc:
                    rc = exc.code
            if rc not in (0, 1) or not out.exists():
                return None, (err.getvalue().strip().splitlines() or ["no output"])[-1]
            return [f["properties"] for f in json.loads(out.read_text())["features"]], None

    score.run = run
    argv = ["score.py", str(corpus / "expected.jsonl"), str(corpus / "articles")]
    printed = io.StringIO()
    old = sys.argv
    sys.argv = argv + (["--show"] if show else [])
    try:
        with contextlib.redirect_stdout(printed):
            score.main()
    finally:
        sys.argv = old
    lines = printed.getvalue().strip().splitlines()
    if show:
        print("\n".join(lines[:-1]))
    figures = json.loads(lines[-1])
    print(f"real reports: {corpus} (score.py; {figures['expected']} labelled physical incidents)")
    print("| figure | value | target |")
    print("|---|---:|---:|")
    for name, target in TARGETS.items():
        t = f"≥ {target:.2f}" if target is not None else ""
        print(f"| {name} | {figures[name]:.3f} | {t} |")
    print(
        f"predicted {figures['predicted']} physical, matched {figures['matched']}, "
        f"failed {figures['failed']}"
    )
    return figures


def _geoparse(shared: Path, names: tuple[str, ...]) -> list:
    from geo.extract.articles import Article

    out = []
    for name in names:
        path = shared / "eval" / "geoparse" / name
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                rec = json.loads(line)
                out.append(
                    Article(
                        text=rec["text"], title=rec.get("title") or "", path=str(path), record=n
                    )
                )
    return out


def _reports(shared: Path) -> list:
    from geo.extract.articles import read_articles

    return list(read_articles([shared / "eval" / "incidents" / "articles"]))


def _extract_kwargs(all_violent: bool) -> dict:
    import inspect

    from geo.extract.incidents import extract_incidents

    if "keep" in inspect.signature(extract_incidents).parameters:
        return {"keep": "violent" if all_violent else "border"}
    if all_violent:  # an extractor from before the relevance gate
        raise SystemExit("this extractor has no keep option")
    return {}


def unrelated(shared: Path, gazetteer, show: bool) -> None:
    """Incidents per 100 articles that report no border incident (LGL + GeoVirus)."""
    from geo.extract.incidents import extract_incidents

    articles = _geoparse(shared, ("lgl.jsonl", "geovirus.jsonl"))
    modes = [False]
    with contextlib.suppress(SystemExit):
        _extract_kwargs(True)
        modes.append(True)
    for all_violent in modes:
        kwargs = _extract_kwargs(all_violent)
        incidents = 0
        hit = 0
        physical = 0
        for a in articles:
            found = extract_incidents(a, gazetteer, **kwargs)
            incidents += len(found)
            physical += sum(i.physical for i in found)
            hit += bool(found)
            if show and found and not all_violent:
                for i in found:
                    why = [e["text"] for e in i.border_evidence]
                    print(
                        f"    {a.record:4d} {i.event_type} {i.border_reason} {why} | {i.quote[:90]}"
                    )
        label = "all violent events kept (flagged)" if all_violent else "default"
        print(
            f"unrelated articles (LGL + GeoVirus, {len(articles)}), {label}: {incidents} incidents "
            f"({physical} physical) = {100 * incidents / len(articles):.2f} per 100 articles; "
            f"{hit} articles ({100 * hit / len(articles):.1f} %) yield at least one"
        )


def _time(articles, gazetteer) -> tuple[float, float, int]:
    from geo.extract.incidents import extract_incidents

    n = 0
    c0, w0 = time.process_time(), time.perf_counter()
    for a in articles:
        n += len(extract_incidents(a, gazetteer))
    return time.process_time() - c0, time.perf_counter() - w0, n


def speed(shared: Path, gazetteer) -> None:
    """Articles per second, first pass, one core."""
    from geo.extract.articles import read_articles
    from geo.extract.incidents import extract_incidents

    for a in read_articles([shared / "articles"]):  # load packs; these texts are not timed
        extract_incidents(a, gazetteer)
    reports = _reports(shared)
    news = _geoparse(shared, ("lgl.jsonl", "trnews.jsonl", "geovirus.jsonl"))
    stream = news + reports
    random.Random(7).shuffle(stream)
    own = list(
        read_articles([ROOT / "tests" / "data" / "incidents", ROOT / "benchmarks" / "heldout"])
    )
    dense = reports + own
    words = lambda arts: sum(len(a.text.split()) for a in arts) / len(arts)  # noqa: E731
    for label, arts in (
        (
            f"realistic stream ({len(news)} geoparse news texts + {len(reports)} incident reports)",
            stream,
        ),
        (f"incident-dense reports ({len(reports)} real + {len(own)} of our own)", dense),
    ):
        cpu, wall, n = _time(arts, gazetteer)
        print(
            f"speed, {label}, {words(arts):.0f} words on average, first pass: "
            f"{len(arts) / cpu:.0f} articles/s on one core ({cpu:.2f} CPU s; wall {wall:.2f} s "
            f"= {len(arts) / wall:.0f}/s), {n} incidents"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--show", action="store_true", help="per-article rows and unrelated hits")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    from gazetteer import Gazetteer

    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    print(f"gazetteer loaded in {time.perf_counter() - t0:.2f} s")
    if "speed" not in skip:  # first, so no text has been seen before
        speed(args.shared, gaz)
    if "accuracy" not in skip:
        accuracy(args.shared, args.show)
    if "unrelated" not in skip:
        unrelated(args.shared, gaz, args.show)
    print(
        f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
