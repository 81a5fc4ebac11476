"""The index cache: packed strings with hash tables, and a folder rebuilt when stale."""

from __future__ import annotations

import json

import numpy as np
import pytest

from gazetteer import index as gi
from gazetteer.index import PackedStrings


def _packed(strings: list[str], hashed: bool = True) -> PackedStrings:
    return PackedStrings(gi._packed_arrays("s", strings, hashed=hashed), "s")


def test_packed_strings_find_every_string_and_nothing_else():
    # enough strings that linear probing meets collisions in a table 40 % full
    strings = [f"place {i}" for i in range(3000)] + ["", "naxçıvan", "gegharkunik", "平壤"]
    p = _packed(strings)
    assert len(p) == len(strings)
    assert [p.find(s) for s in strings] == list(range(len(strings)))
    assert [p[i] for i in range(len(strings))] == strings
    assert p[-1] == "平壤" and list(p)[:2] == ["place 0", "place 1"]
    for absent in ("place 3000", "place", "naxcivan", "\ud800 lone surrogate", "Gegharkunik"):
        assert absent not in p and p.find(absent) == -1 and p.get(absent) is None
    assert "gegharkunik" in p and p.get("gegharkunik") == 3002
    assert 7 not in p
    with pytest.raises(IndexError):
        p[len(strings)]


def test_packed_strings_without_a_table_only_decode():
    p = _packed(["Armenia", "Azerbaijan"], hashed=False)
    assert list(p) == ["Armenia", "Azerbaijan"]
    with pytest.raises(TypeError):
        p.find("Armenia")


def _small_arrays() -> dict[str, np.ndarray]:
    arrays = {name: np.arange(3, dtype=np.int32) for name in gi._REQUIRED}
    arrays["lat"] = np.array([40.1, 39.2, 38.3])
    return arrays


def test_cache_folder_round_trip(tmp_path):
    path = tmp_path / "gazetteer-0123456789abcdef"
    arrays = _small_arrays()
    gi._write_cache(path, arrays)
    back = gi._read_cache(path)
    assert back.keys() == arrays.keys()
    assert all(np.array_equal(back[k], arrays[k]) for k in arrays)
    assert type(back["lat"]) is np.ndarray and not back["lat"].flags.writeable  # memory-mapped
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary folder left
    arrays["lat"] = np.array([1.0, 2.0, 3.0])
    gi._write_cache(path, arrays)  # a rebuild replaces it
    assert gi._read_cache(path)["lat"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    "damage",
    ["other version", "no manifest", "array missing", "not in manifest", "truncated", "not json"],
)
def test_a_stale_or_broken_cache_folder_is_not_read(tmp_path, damage):
    path = tmp_path / "gazetteer-0123456789abcdef"
    gi._write_cache(path, _small_arrays())
    manifest = path / gi._MANIFEST
    if damage == "other version":
        manifest.write_text(json.dumps({**json.loads(manifest.read_text()), "version": 6}))
    elif damage == "no manifest":  # an interrupted build
        manifest.unlink()
    elif damage == "array missing":
        (path / "keys_hash.npy").unlink()
    elif damage == "not in manifest":  # an older build that wrote fewer arrays
        m = json.loads(manifest.read_text())
        manifest.write_text(json.dumps({**m, "arrays": [a for a in m["arrays"] if a != "ptr"]}))
    elif damage == "truncated":
        f = path / "lat.npy"
        f.write_bytes(f.read_bytes()[:-8])
    else:
        manifest.write_text("{not json")
    assert gi._read_cache(path) is None


@pytest.mark.slow
def test_load_rebuilds_a_stale_cache_and_removes_old_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"gazetteer-{gi._signature()}"
    gi._write_cache(path, _small_arrays())  # right name, arrays of another shape
    m = json.loads((path / gi._MANIFEST).read_text())
    (path / gi._MANIFEST).write_text(json.dumps({**m, "version": gi.INDEX_VERSION - 1}))
    (tmp_path / "gazetteer-00000000000000ff.npz").write_bytes(b"an index of an older format")
    (tmp_path / "gazetteer-00000000000000ee").mkdir()  # of another signature
    idx = gi.GazetteerIndex.load()
    assert idx.build_seconds is not None  # rebuilt, not read
    assert len(idx) > 200_000 and idx.slot("armenia") is not None
    assert idx.strings["id"][idx.id_to_row.get("AM")] == "AM"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    assert gi.GazetteerIndex.load().build_seconds is None  # and read the next time


def test_the_signature_covers_every_shipped_table(tmp_path, monkeypatch):
    # a changed pack must rebuild the index, whichever pack it is
    import shutil

    import gazetteer.data as gd

    real = gd.data_path(".")
    tables = sorted(p.name for p in real.iterdir() if p.suffix in (".parquet", ".csv"))
    assert "us_postal_places.parquet" in tables and "districts.parquet" in tables
    copy = tmp_path / "data"
    shutil.copytree(real, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setattr(gi, "data_path", lambda name: copy / name)
    before = gi._signature()
    for name in tables:
        original = (copy / name).read_bytes()
        (copy / name).write_bytes(original + b"\n")
        assert gi._signature() != before, name
        (copy / name).write_bytes(original)
    assert gi._signature() == before
