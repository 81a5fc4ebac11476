"""Real headless Chromium (Debian ``chromium``, driven by Playwright) for page tests.

Skipped, with the reason, when Playwright or ``/usr/bin/chromium`` is missing;
``.ci/run`` installs both. Pages open from file:// with every other request
(CDNs, tiles) aborted, as on a machine without a network.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("BORDERMAP_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt install chromium, or set BORDERMAP_CHROMIUM)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


class Page:
    """A page opened from file:// with every network request blocked.

    ``frame`` is the frame that holds the map: the page itself, or the
    notebook output's ``<iframe srcdoc>``.
    """

    def __init__(self, browser, path: Path, in_iframe: bool = False):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.blocked: list[str] = []
        self.errors: list[str] = []

        def route(r):
            if r.request.url.startswith(("file:", "data:", "about:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.frame = self.page.frames[1] if in_iframe else self.page.main_frame
        self.frame.wait_for_function("window.bordermap !== undefined", timeout=20_000)

    def js(self, code: str):
        return self.frame.evaluate(code)

    def script_errors(self) -> list[str]:
        """Errors other than the aborted requests (tiles) of an online map."""
        return [e for e in self.errors if "Failed to load resource" not in e]

    def close(self):
        self.context.close()
