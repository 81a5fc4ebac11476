"""The ``bordermap`` command line: parses arguments and calls the packages."""

from __future__ import annotations

import argparse
import logging
import sys

from bordermap.output import count, print_json, print_table

__all__ = ["main"]


class CLIError(Exception):
    """An error to report on stderr with a non-zero exit code."""


def cmd_regions(args: argparse.Namespace) -> int:
    from geo.regions import admin1

    df = admin1(args.country).sort_values("iso_3166_2")
    cols = ["iso_3166_2", "name", "type_en", "area_km2"]
    if args.json:
        print_json(df[[*cols, "admin1_id", "label_lon", "label_lat"]].to_dict("records"))
    else:
        print_table(df[cols].itertuples(index=False), ["code", "name", "type", "area_km2"])
    return 0


def cmd_borders(args: argparse.Namespace) -> int:
    from geo.regions import borders, find_unit

    code = find_unit(args.country, level="country").code
    df = borders(code).sort_values("length_km", ascending=False)
    df["neighbour"] = df["country_b"].where(df["country_a"] == code, df["country_a"])
    cols = ["border", "neighbour", "length_km"]
    if args.json:
        print_json(df[cols].to_dict("records"))
    else:
        print_table(df[cols].itertuples(index=False), cols)
    return 0


def _gazetteer(args: argparse.Namespace):
    from gazetteer import Gazetteer

    focus = [
        c.strip().upper() for c in (getattr(args, "focus", None) or "").split(",") if c.strip()
    ]
    return Gazetteer.load(focus=focus)


def _read_text(path: str) -> str:
    from pathlib import Path

    p = Path(path)
    try:
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CLIError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise CLIError(f"{path}: cannot read ({exc.strerror})") from None


def cmd_geocode(args: argparse.Namespace) -> int:
    gaz = _gazetteer(args)
    ranked = gaz.lookup(args.name, country=args.country, limit=args.limit)
    if args.json:
        print_json([{**p.to_dict(), "score": round(s, 3)} for p, s in ranked])
    elif not ranked:
        print(f"no place named {args.name!r}", file=sys.stderr)
        return 1
    else:
        rows = [
            (
                p.id,
                p.name,
                p.kind,
                p.feature,
                p.country,
                p.admin1_code,
                p.population,
                f"{p.lat:.4f}",
                f"{p.lon:.4f}",
                f"{s:.2f}",
            )
            for p, s in ranked
        ]
        print_table(
            rows, ["id", "name", "kind", "type", "cc", "admin1", "pop", "lat", "lon", "score"]
        )
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    from geo.extract.articles import expand_paths

    gaz = _gazetteer(args)
    paths = [str(p) for p in expand_paths(args.files)]
    out, failed, read = [], False, []
    for path in paths:
        try:
            text = _read_text(path)
        except CLIError as exc:
            print(f"bordermap: error: {exc}", file=sys.stderr)
            failed = True
            continue
        if args.outlet:  # resolved below, once the outlet's home region is learnt
            read.append((path, text))
        else:
            out.extend((path, r) for r in gaz.resolve(text))
    if read:  # one outlet's articles: its home region, learnt from them, is a prior
        resolved = gaz.resolve_batch([t for _, t in read], [args.outlet] * len(read))
        for (path, _), rs in zip(read, resolved, strict=True):
            out.extend((path, r) for r in rs)
    if args.json:
        print_json([{"file": f, **r.to_dict()} for f, r in out])
    else:
        rows = []
        for f, r in out:
            p = r.place
            rows.append(
                (
                    f if len(paths) > 1 else "",
                    r.mention.start,
                    r.mention.end,
                    r.mention.surface,
                    p.id if p else "-",
                    p.name if p else "(unresolved)",
                    p.kind if p else "",
                    p.country if p else "",
                    f"{r.score:.2f}",
                )
            )
        headers = ["file", "start", "end", "mention", "id", "place", "kind", "cc", "score"]
        if len(paths) == 1:
            rows = [r[1:] for r in rows]
            headers = headers[1:]
        print_table(rows, headers)
    return 1 if failed else 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from bordermap.progress import file_progress, status
    from gazetteer import (
        GazetteerIndex,
        add_user_source,
        cache_dir,
        remove_user_source,
        user_sources,
    )

    if args.action == "add":
        with file_progress(f"reading {Path(args.file).name}") as progress:
            entry = add_user_source(args.file, progress=progress)
        print(f"added {count(entry['places'], 'place')} from {entry['path']}")
    elif args.action == "remove":
        entry = remove_user_source(args.file)
        print(f"removed {entry['path']} ({count(entry['places'], 'place')})")
        print("the gazetteer index is rebuilt without it on next use")
        return 0
    t0 = time.perf_counter()
    with status("building the gazetteer index if its sources changed"):
        idx = GazetteerIndex.load(rebuild=args.action == "build")
    took = time.perf_counter() - t0
    what = f"built in {idx.build_seconds:.1f} s" if idx.build_seconds else f"loaded in {took:.2f} s"
    print(f"gazetteer index: {len(idx):,} places, {idx.n_names:,} names, {what}")
    print(f"cache: {cache_dir()}")
    for e in user_sources():
        print(f"user source: {e['path']} ({count(e['places'], 'place')})")
    return 0


def _incident_rows(incidents) -> list[tuple]:
    rows = []
    for inc in incidents:
        r = inc.to_record()
        date = r["event_date"] or "unknown"
        if r["date_precision"] not in ("day", "unknown"):
            date = f"{r['date_start']}..{r['date_end']}"
        rows.append(
            (
                date,
                r["date_precision"],
                r["event_type"],
                (r["place"] or "(no location)")[:60],
                "-" if r["killed"] is None else r["killed"],
                "-" if r["wounded"] is None else r["wounded"],
                r["geo_precision"] or "-",
                len(r["sources"]),
            )
        )
    return rows


def _read_with_progress(args: argparse.Namespace, run):
    """Run ``run`` (extract or ingest) over ``args.files`` with progress and errors on stderr."""
    from bordermap.progress import ArticleProgress, estimate_articles
    from geo.extract.articles import expand_paths

    _no_store_inputs(args.files)
    gazetteer = _gazetteer(args)
    with ArticleProgress(estimate_articles(expand_paths(args.files))) as progress:
        return run(
            args.files,
            published=args.published,
            fields=_fields(args),
            gazetteer=gazetteer,
            progress=progress,
            on_error=progress.error,
            workers=args.workers,
            scheduler=args.scheduler,
            keep=args.keep,
        )


def _no_store_inputs(files: list[str]) -> None:
    """A store named where articles are expected is a clear error, not "binary file"."""
    for f in files:
        if f.lower().endswith(".gpkg"):
            raise CLIError(f"{f}: a GeoPackage store, not articles; read it with --store {f}")


def _summary(incidents: int, articles: int, errors: list) -> str:
    failed = f", {count(len(errors), 'input')} failed" if errors else ""
    return f"{count(incidents, 'incident')} from {count(articles, 'article')}{failed}"


def _refuse_empty(n: int, result, paths: list[str | None], force: bool) -> bool:
    """Say so and return True when nothing was extracted: earlier outputs are kept."""
    from pathlib import Path

    if n or force:
        return False
    paths = [p for p in paths if p]
    kept = [p for p in paths if Path(p).exists()]
    what = f"kept {', '.join(kept)}" if kept else f"did not write {', '.join(paths)}"
    print(
        f"bordermap: error: no incidents extracted; {what} (--force writes an empty output)",
        file=sys.stderr,
    )
    print(_summary(0, result.articles, result.errors), file=sys.stderr)
    return True


def cmd_extract(args: argparse.Namespace) -> int:
    from geo.pipeline import extract

    result = _read_with_progress(args, extract)
    incidents = result.incidents
    if args.physical_only:
        incidents = [i for i in incidents if i.physical]
    if args.output:
        from geo.export import write_incidents
        from geo.layer import build_layer

        if _refuse_empty(len(incidents), result, [args.output], args.force):
            return 1
        if _partitioned(args):
            from geo.corpus import write_dataset

            path = write_dataset(incidents, args.output)
        else:
            path = write_incidents(build_layer(incidents), args.output, fmt=args.format)
        print(f"wrote {count(len(incidents), 'incident')} to {path}", file=sys.stderr)
    if args.json:
        print_json([i.to_record() for i in incidents])
    else:
        print_table(
            _incident_rows(incidents),
            ["date", "precision", "type", "place", "killed", "wounded", "geo", "sources"],
        )
    print(_summary(len(incidents), result.articles, result.errors), file=sys.stderr)
    return 1 if result.errors else 0


def _partitioned(args: argparse.Namespace) -> bool:
    """``-o x.parquet`` with ``--workers`` or ``--scheduler``: a partitioned dataset."""
    from geo.export import output_format

    parallel = args.workers is not None or args.scheduler is not None
    return parallel and output_format(args.output, args.format) == "parquet"


def _fields(args: argparse.Namespace):
    from geo.extract.articles import RecordFields

    return RecordFields(
        text=args.text_field, title=args.title_field, date=args.date_field, url=args.url_field
    )


def cmd_ingest(args: argparse.Namespace) -> int:
    from geo.store import IncidentStore

    store = IncidentStore(args.store, wait=args.wait)
    result = _read_with_progress(
        args, lambda *a, **kw: store.ingest(*a, batch_size=args.batch_size, **kw)
    )
    print(
        f"{args.store}: {count(result.new_articles, 'new article')}, "
        f"{result.known_articles:,} already stored; "
        f"incidents {result.incidents_before:,} -> {result.incidents_after:,}"
        + ("" if result.changed else " (store unchanged)")
        + (f"; {count(len(result.errors), 'input')} failed" if result.errors else "")
    )
    return 1 if result.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from geo.export import write_incidents
    from geo.store import IncidentStore

    if not Path(args.store).exists():
        raise CLIError(f"{args.store}: no such store (create it with 'bordermap ingest')")
    layer, _ = IncidentStore(args.store).read()
    path = write_incidents(layer, args.output, fmt=args.format)
    print(f"wrote {count(len(layer), 'incident')} to {path}")
    return 0


def _store_layer(args: argparse.Namespace):
    """The layer of ``--store`` (files and --store do not mix)."""
    from pathlib import Path

    from geo.store import IncidentStore

    if args.files:
        raise CLIError("give either article files or --store, not both")
    if not Path(args.store).exists():
        raise CLIError(f"{args.store}: no such store (create it with 'bordermap ingest')")
    layer, _ = IncidentStore(args.store).read()
    return layer


def cmd_map(args: argparse.Namespace) -> int:
    from geo.layer import build_layer, located
    from geo.pipeline import extract
    from maps import incident_map, save_map, save_png
    from maps.style import located_label

    if args.store:
        layer, errors = _store_layer(args), []
        if not len(layer) and not args.force:
            print(
                f"bordermap: error: {args.store} holds no incidents; did not write "
                f"{args.output} (--force writes an empty map)",
                file=sys.stderr,
            )
            return 1
    else:
        result = _read_with_progress(args, extract)
        if _refuse_empty(len(result.incidents), result, [args.output, args.png], args.force):
            return 1
        layer, errors = build_layer(result.incidents), result.errors
    path = save_map(incident_map(layer, offline=args.offline, title=args.title), args.output)
    n = len(located(layer))
    print(
        f"map of {located_label(n, len(layer) - n)}: {path.resolve()}"
        + (f"; {count(len(errors), 'input')} failed" if errors else "")
    )
    if args.png:
        print(f"static map: {save_png(layer, args.png).resolve()}")
    return 1 if errors else 0


def cmd_demo(args: argparse.Namespace) -> int:
    from bordermap.demo import run_demo
    from geo.regions import admin1, borders, countries

    print(
        f"data packs: {len(admin1())} admin-1 units, {len(countries())} countries, "
        f"{len(borders())} border lines"
    )
    result = run_demo(args.out)
    print(
        f"extracted {count(result['count'], 'incident')} from "
        f"{count(result['articles'], 'sample article')}"
    )
    print_table(
        _incident_rows(result["extraction"].incidents),
        ["date", "precision", "type", "place", "killed", "wounded", "geo", "sources"],
    )
    print(f"GeoJSON: {result['incidents'].resolve()}")
    print(f"offline map: {result['map'].resolve()}")
    return 0


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("bordermap")
    except metadata.PackageNotFoundError:
        return "(not installed)"


class _StderrHandler(logging.Handler):
    """Log records as ``bordermap: message`` lines on the current ``sys.stderr``."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"bordermap: {record.getMessage()}", file=sys.stderr, flush=True)


def _log_to_stderr() -> None:
    """Show the packages' progress notes (e.g. the gazetteer index build) on stderr."""
    for name in ("gazetteer", "geo", "maps"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
            logger.addHandler(_StderrHandler())
        logger.setLevel(logging.INFO)


def _stdout_closed() -> int:
    """Exit quietly when the reader of stdout has gone (``bordermap … | head``)."""
    import os

    try:  # nothing more can be written; stop Python's flush at exit from complaining
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    return 141  # 128 + SIGPIPE, as a Unix tool stopped by the closed pipe


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return n


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``bordermap`` command."""
    parser = argparse.ArgumentParser(
        prog="bordermap",
        description="Turn news reports of border incidents into a mapped, sourced incident layer.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("regions", help="list a country's admin-1 units (code, name, type, area)")
    p.add_argument("country", help="ISO 3166-1 code or country name, e.g. AM")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("borders", help="list a country's international borders with lengths")
    p.add_argument("country", help="ISO 3166-1 code or country name, e.g. AM")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_borders)

    p = sub.add_parser("geocode", help="ranked candidate places for a name")
    p.add_argument("name")
    p.add_argument("--country", help="keep candidates in this country (ISO alpha-2)")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_geocode)

    p = sub.add_parser("places", help="toponyms in articles: offsets, resolved place, score")
    p.add_argument("files", nargs="+", metavar="FILE", help="files, directories or globs")
    p.add_argument(
        "--focus",
        help="bias resolution toward these countries or admin-1 units, e.g. AM,AZ or US-TX",
    )
    p.add_argument(
        "--outlet",
        metavar="NAME",
        help="the files are this outlet's articles (its web host or name): learn its home"
        " region from them and use it for names an article leaves open",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_places)

    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument("files", nargs="*", metavar="FILE", help="files, directories or globs")
    reading.add_argument(
        "--published", help="publication date (YYYY-MM-DD) when an article has none"
    )
    reading.add_argument(
        "--focus",
        help="bias place resolution toward these countries or admin-1 units, e.g. AM,AZ or US-TX",
    )
    reading.add_argument("--text-field", default="text", help="JSONL/CSV field with the text")
    reading.add_argument("--title-field", default="title", help="JSONL/CSV title field")
    reading.add_argument("--date-field", default="date", help="JSONL/CSV publication date field")
    reading.add_argument("--url-field", default="url", help="JSONL/CSV URL field")
    reading.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="worker processes (default: every core; 1 runs in this process)",
    )
    reading.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on a Dask cluster (tcp://host:8786), or 'local' for a Dask LocalCluster",
    )
    reading.add_argument(
        "--keep",
        choices=["border", "violent", "all"],
        default="border",
        help="border incidents only (default), also other violent events, or every event;"
        " those that are not border incidents have an empty border_reason",
    )
    formats = ["geojson", "gpkg", "csv", "parquet"]

    p = sub.add_parser(
        "extract", parents=[reading], help="extract dated, located incidents from articles"
    )
    p.add_argument("-o", "--output", help="write incidents here (.geojson, .gpkg, .csv, .parquet)")
    p.add_argument("--format", choices=formats, help="output format (default: from -o's extension)")
    p.add_argument("--physical-only", action="store_true", help="leave out statements")
    p.add_argument(
        "--force", action="store_true", help="write -o even when no incident was extracted"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "ingest", parents=[reading], help="add new articles' incidents to a store (GeoPackage)"
    )
    p.add_argument("--store", required=True, help="the store, e.g. incidents.gpkg")
    p.add_argument(
        "--wait", type=float, default=60.0, help="seconds to wait for another run (default 60)"
    )
    p.add_argument(
        "--batch-size",
        type=_positive,
        default=1000,
        metavar="N",
        help="articles committed together; a killed run loses at most one batch (default 1000)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("map", parents=[reading], help="an interactive HTML map of the incidents")
    p.add_argument("--store", help="map a store's incidents (instead of article files)")
    p.add_argument("-o", "--output", required=True, help="the HTML file to write")
    p.add_argument("--offline", action="store_true", help="no tiles, every asset inlined")
    p.add_argument("--png", help="also write a static PNG map (matplotlib, no browser)")
    p.add_argument("--title", default="bordermap incidents", help="page title")
    p.add_argument(
        "--force", action="store_true", help="write the map even when no incident was extracted"
    )
    p.set_defaults(func=cmd_map)

    p = sub.add_parser("export", help="write a store's incidents as GeoJSON, GPKG, CSV or Parquet")
    p.add_argument("--store", required=True, help="the store, e.g. incidents.gpkg")
    p.add_argument("-o", "--output", required=True, help="output file")
    p.add_argument("--format", choices=formats, help="output format (default: from the extension)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser(
        "gazetteer", help="build the gazetteer index; add or remove a source of places"
    )
    p.add_argument("action", choices=["info", "build", "add", "remove"])
    p.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="with 'add': a GeoNames dump (.txt), CSV or GeoJSON; "
        "with 'remove': a registered source's path or file name",
    )
    p.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("demo", help="run the whole pipeline on the bundled sample articles")
    p.add_argument("--out", default="bordermap-demo", help="output folder (default: %(default)s)")
    p.set_defaults(func=cmd_demo)
    return parser


def _terminate(signum, frame):  # let atomic writes clean up, as on Ctrl-C
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code.

    While it runs, SIGTERM interrupts like Ctrl-C (atomic writes clean up); the
    caller's own handler is put back when it returns, so in-process callers (tests,
    notebooks) keep theirs.
    """
    import signal

    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None) -> int:
    from gazetteer import SourceError
    from geo.regions import UnknownUnitError
    from geo.store import StoreLockedError
    from maps.offline import MissingAssetError

    parser = build_parser()
    args = parser.parse_args(argv)
    takes_file = args.command == "gazetteer" and args.action in ("add", "remove")
    if args.command == "gazetteer" and takes_file != (args.file is not None):
        parser.error("'gazetteer add' and 'remove' take one FILE; 'info' and 'build' take none")
    if args.command in ("extract", "ingest") and not args.files:
        parser.error(f"'{args.command}' needs at least one FILE, directory or glob")
    if args.command == "map" and not args.files and not args.store:
        parser.error("'map' needs article FILEs or --store")
    _log_to_stderr()
    try:
        code = args.func(args)
        sys.stdout.flush()  # a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:
        return _stdout_closed()
    except StoreLockedError as exc:
        print(f"bordermap: error: {exc}", file=sys.stderr)
        return 3
    except (
        CLIError,
        UnknownUnitError,
        SourceError,
        FileNotFoundError,
        ValueError,
        MissingAssetError,
    ) as exc:
        msg = exc.args[0] if isinstance(exc, LookupError) and exc.args else exc
        print(f"bordermap: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bordermap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
