"""Screenshots of what a person sees: the demo map (offline and online) and its PNG.

Usage::

    python benchmarks/screenshots.py [--out DIR] [--chromium /usr/bin/chromium]

Runs the demo into ``DIR`` (default: a new temporary folder), writes the demo's
static PNG, an online map of the same incidents and an empty map, opens each
page in headless Chromium with every non-file request blocked, and saves a
screenshot next to it. Prints the paths, the markers each page draws and its
count label, so the screenshots can be looked at and the figures compared.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="bordermap-shots-"))
    out.mkdir(parents=True, exist_ok=True)

    from bordermap.demo import run_demo
    from geo.layer import located
    from maps import incident_map, save_map, save_png

    demo = run_demo(out)
    layer = demo["layer"]
    pages = {
        "demo-offline": demo["map"],
        "demo-online": save_map(incident_map(layer), out / "online.html"),
        "empty": save_map(incident_map(layer.iloc[:0], offline=True), out / "empty.html"),
    }
    png = save_png(layer, out / "demo.png")
    print(f"{len(layer)} incidents, {len(located(layer))} located; PNG {png}")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        for name, path in pages.items():
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            ctx.route(
                "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
            )
            page = ctx.new_page()
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_function("window.bordermap !== undefined", timeout=20_000)
            page.wait_for_timeout(500)
            shot = out / f"{name}.png"
            page.screenshot(path=str(shot))
            shown = page.evaluate("window.bordermap.markersShown()")
            count = page.locator(".bm-count").inner_text()
            print(f"{name}: {shot}  markers drawn {shown}; label {count!r}")
            ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
