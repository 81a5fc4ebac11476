"""Data shipped with the gazetteer: admin-1 and country names, aliases, curated regions."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["data_path"]


def data_path(name: str) -> Path:
    """Path of a file shipped in :mod:`gazetteer.data`, found with :mod:`importlib.resources`."""
    return Path(str(resources.files(__name__).joinpath(name)))
