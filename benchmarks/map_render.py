"""A 100,000-incident map: file size, build time, and time to open in Chromium.

Usage::

    python benchmarks/map_render.py [--incidents 100000] [--online]

The incidents are those of ``benchmarks/layer.py`` (random points in real
admin-1 units). Opening is timed in headless Debian Chromium (Playwright) from
file:// with the network blocked, from navigation until the map's script has
created every marker and the page is idle.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _synthetic(n: int):
    spec = importlib.util.spec_from_file_location("bench_layer", HERE / "layer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.synthetic_frame(n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--online", action="store_true", help="OSM tiles instead of the offline map")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    from geo.layer import join_regions
    from maps import incident_map, save_map

    layer = join_regions(_synthetic(args.incidents))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        t0 = time.perf_counter()
        save_map(incident_map(layer, offline=not args.online), path)
        build = time.perf_counter() - t0
        size = path.stat().st_size / 1e6
        print(f"{args.incidents:,} incidents, {'online' if args.online else 'offline'} map")
        print(f"  build + write: {build:.1f} s   file: {size:.1f} MB")
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            sys.exit("playwright is not installed: pip install -e '.[test]'")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            ctx = b.new_context(viewport={"width": 1280, "height": 800})
            ctx.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            page = ctx.new_page()
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            times = []
            for _ in range(3):
                t0 = time.perf_counter()
                page.goto(path.as_uri(), wait_until="load")
                page.wait_for_function("window.bordermap !== undefined", timeout=60_000)
                page.evaluate(
                    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
                )
                times.append(time.perf_counter() - t0)
            shown = page.evaluate("window.bordermap.incidents")
            b.close()
        print(
            f"  open in Chromium (best of 3): {min(times):.2f} s   markers: {shown:,}"
            f"   page errors: {len(errors)}"
        )


if __name__ == "__main__":
    main()
