from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
SHARED = TESTS.parent.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The workplace's shared folder (real articles and evaluation corpora), when present."""
    if not (SHARED / "articles").is_dir():
        pytest.skip(f"shared articles not found at {SHARED}")
    return SHARED


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="bordermap is offline-first: network tests never run here")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)
