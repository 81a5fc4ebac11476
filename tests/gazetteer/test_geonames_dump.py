"""Adding a GeoNames country dump: progress, errors with line numbers, the CLI path."""

from __future__ import annotations

import pandas as pd
import pytest

from gazetteer import SourceError
from gazetteer.data import data_path
from tests.conftest import DATA

# Rows in the GeoNames dump format (19 tab-separated columns), invented for these tests:
# a hamlet of 40 people and a border post, both absent from cities500.
ROWS = [
    ["9990101", "Tsaghkavank Verin", "Tsaghkavank Verin", "Upper Tsaghkavank", "40.9810",
     "45.1190", "P", "PPL", "AM", "", "09", "", "", "", "40", "", "900", "Asia/Yerevan",
     "2024-01-01"],
    ["9990102", "Gomshavar Border Post", "Gomshavar Border Post", "Gomshavar checkpoint",
     "40.9900", "45.1400", "S", "PSTB", "AM", "", "09", "", "", "", "0", "", "950",
     "Asia/Yerevan", "2024-01-01"],
]  # fmt: skip


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def dump(tmp_path):
    path = tmp_path / "AM.txt"
    path.write_text("".join("\t".join(r) + "\n" for r in ROWS), encoding="utf-8")
    return path


def test_progress_reports_bytes_read_to_the_end(dump, monkeypatch):
    from gazetteer import sources

    monkeypatch.setattr(sources, "PROGRESS_EVERY", 1)
    seen = []
    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    table = sources.read_geonames_dump(dump, admin1, progress=lambda d, t: seen.append((d, t)))
    size = dump.stat().st_size
    assert seen[-1] == (size, size)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen) and len(seen) == 3
    assert list(table.places["feature"]) == ["PPL", "PSTB"]
    assert list(table.places["admin1_code"]) == ["AM-TV", "AM-TV"]  # GeoNames AM.09: Tavush


def test_a_line_that_is_not_utf8_is_named(tmp_path):
    from gazetteer.sources import read_geonames_dump

    bad = tmp_path / "AZ.txt"
    good = "\t".join(ROWS[0]) + "\n"
    bad.write_bytes(good.encode() + good.replace("Verin", "V\xe9rin").encode("latin-1"))
    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    with pytest.raises(SourceError, match=r"AZ\.txt:2: not UTF-8"):
        read_geonames_dump(bad, admin1)


def test_cli_adds_a_dump_and_its_hamlets_are_found(own_cache, dump, capsys, tmp_path):
    from bordermap.cli import main

    assert main(["gazetteer", "add", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "added 2 places" in out and str(dump) in out
    article = tmp_path / "article.txt"
    article.write_text(
        "Azerbaijani troops fired on the hamlet of Tsaghkavank Verin in Armenia's Tavush "
        "province on Monday, and traffic stopped at the Gomshavar checkpoint.",
        encoding="utf-8",
    )
    assert main(["places", str(article), "--json"]) == 0
    import json

    got = {r["surface"]: r["place"] for r in json.loads(capsys.readouterr().out)}
    assert got["Tsaghkavank Verin"]["id"] == "9990101"
    assert got["Tsaghkavank Verin"]["source"] == "user:AM.txt"
    assert got["Gomshavar checkpoint"]["feature"] == "PSTB"


def test_cli_refuses_a_bad_dump_and_registers_nothing(own_cache, tmp_path, capsys):
    from bordermap.cli import main
    from gazetteer import user_sources

    bad = tmp_path / "KG.txt"
    bad.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    assert main(["gazetteer", "add", str(bad)]) != 0
    assert "KG.txt:1: expected 19" in capsys.readouterr().err
    assert user_sources() == []
    assert (DATA / "sources" / "AM_extract.txt").is_file()  # the shipped example stays
