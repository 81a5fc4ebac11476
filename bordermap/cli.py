"""The ``bordermap`` command line: parses arguments and calls the packages."""

from __future__ import annotations

import argparse
import sys

from bordermap.output import print_json, print_table

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


def cmd_demo(args: argparse.Namespace) -> int:
    from geo.regions import admin1, borders, countries

    print(
        f"data packs: {len(admin1())} admin-1 units, {len(countries())} countries, "
        f"{len(borders())} border lines"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``bordermap`` command."""
    parser = argparse.ArgumentParser(
        prog="bordermap",
        description="Turn news reports of border incidents into a mapped, sourced incident layer.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("regions", help="list a country's admin-1 units (code, name, type, area)")
    p.add_argument("country", help="ISO 3166-1 code or country name, e.g. AM")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("borders", help="list a country's international borders with lengths")
    p.add_argument("country", help="ISO 3166-1 code or country name, e.g. AM")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_borders)

    p = sub.add_parser("demo", help="run the whole pipeline on the bundled sample articles")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    from geo.regions import UnknownUnitError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (CLIError, UnknownUnitError, FileNotFoundError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, LookupError) and exc.args else exc
        print(f"bordermap: error: {msg}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bordermap: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
