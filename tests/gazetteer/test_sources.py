from __future__ import annotations

import json

import pytest

from gazetteer import Gazetteer, SourceError, add_user_source, user_sources
from gazetteer.sources import read_geonames_dump, read_places_file
from tests.conftest import DATA

SOURCES = DATA / "sources"


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """A cache of its own, so registering sources does not leak into other tests."""
    monkeypatch.setenv("BORDERMAP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_geonames_dump_rows_and_kinds():
    import pandas as pd

    from gazetteer.data import data_path

    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    t = read_geonames_dump(SOURCES / "AM_extract.txt", admin1)
    assert list(t.places["kind"]) == ["feature", "populated_place"]
    assert list(t.places["admin1_code"]) == ["AM-GR", "AM-GR"]  # GeoNames AM.04 → ISO AM-GR
    names = {n for _, n, _ in t.names}
    assert {"Sotk Pass", "Zod Pass", "Verkhnyaya Shorzha"} <= names


def test_places_csv_and_geojson():
    csv = read_places_file(SOURCES / "extra_places.csv")
    assert csv.places["lat"].tolist() == [39.56, 39.47]
    assert "Tegh crossing" in {n for _, n, _ in csv.names}
    gj = read_places_file(SOURCES / "extra_places.geojson")
    assert (gj.places["lon"].iloc[0], gj.places["lat"].iloc[0]) == (78.22, 34.74)


def test_bad_sources_name_the_file_and_problem(tmp_path):
    with pytest.raises(SourceError, match=r"bad_coords\.csv:2: 'lat'/'lon' must be numbers"):
        read_places_file(SOURCES / "bad_coords.csv")
    bad = tmp_path / "XX.txt"
    bad.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    import pandas as pd

    from gazetteer.data import data_path

    with pytest.raises(SourceError, match=r"XX\.txt:1: expected 19"):
        read_geonames_dump(bad, pd.read_parquet(data_path("admin1_names.parquet")))
    binary = tmp_path / "places.csv"
    binary.write_bytes(b"name,lat,lon\n\xff\xfe\x00,1,2\n")
    with pytest.raises(SourceError, match="not UTF-8"):
        read_places_file(binary)


def test_added_sources_are_used_from_then_on(own_cache):
    text = "Shots were fired near the Tegh crossing and at Sotk Pass in Armenia."
    assert add_user_source(SOURCES / "extra_places.csv")["places"] == 2
    assert add_user_source(SOURCES / "AM_extract.txt")["places"] == 2
    registry = json.loads((own_cache / "sources.json").read_text())
    assert len(registry) == 2 and len(user_sources()) == 2
    gaz = Gazetteer.load()  # a new process would do the same: the registry is on disk
    got = {r.mention.surface: r.place for r in gaz.resolve(text)}
    assert got["Tegh crossing"].name == "Tegh border checkpoint"
    assert got["Tegh crossing"].source == "user:extra_places.csv"
    assert got["Sotk Pass"].id == "9990001"


def test_a_bad_source_is_not_registered(own_cache):
    with pytest.raises(SourceError):
        add_user_source(SOURCES / "bad_coords.csv")
    assert user_sources() == []


def test_us_counties_pack():
    import pandas as pd

    from gazetteer.data import data_path
    from gazetteer.sources import read_us_counties

    c = pd.read_parquet(data_path("us_counties.parquet"))
    assert c["fips"].is_unique and len(c) > 3100  # 50 states and DC
    assert c[["lat", "lon"]].notna().all().all()
    states = set(pd.read_parquet(data_path("admin1_names.parquet"))["iso_3166_2"])
    assert set(c["state"]) <= states and c["state"].nunique() == 51
    west = c["lon"].between(-180, -60) | (c["lon"] > 170)  # the Aleutians cross 180°
    assert west.all() and c["lat"].between(18, 72).all()
    row = c.set_index("fips").loc["22079"]
    assert (row["name"], row["short_name"], row["state"]) == ("Rapides Parish", "Rapides", "US-LA")
    t = read_us_counties()
    assert set(t.places["kind"]) == {"feature"} and set(t.places["feature"]) == {"ADM2"}
    primary = {n for _, n, q in t.names if q == 0}
    assert "Otter Tail County" in primary and "Otter Tail" not in primary


def test_county_name_with_state_parent(gazetteer):
    r = gazetteer.resolve("Flooding closed roads in Douglas County, Nebraska, on Friday.")
    place = next(x.place for x in r if x.mention.surface == "Douglas County")
    assert (place.kind, place.feature, place.admin1_code) == ("feature", "ADM2", "US-NE")


def test_curated_regions_have_a_footprint_around_their_point():
    import pandas as pd
    import shapely

    from gazetteer.data import data_path
    from gazetteer.sources import read_regions
    from geo.regions import unit_geometry

    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    regions = read_regions(admin1).places.set_index("id")
    assert {"darfur", "england", "scotland", "wales", "south-ossetia"} <= set(regions.index)
    for rid, r in regions.iterrows():
        codes = r["members"].split("|")
        if r["feature"] == "macro-region":  # several whole countries (the EU, the Sahel)
            assert r["country"] == "" and len({c.split("-")[0] for c in codes}) > 1, rid
            continue
        # a region lies in its country, or across its border (Kashmir: IN and PK)
        assert any(c.startswith(r["country"] + "-") for c in codes), rid
        footprint = shapely.union_all([unit_geometry(c) for c in codes])
        assert footprint.buffer(0.05).contains(shapely.Point(r["lon"], r["lat"])), rid
    # the four nations of the United Kingdom share out all its admin-1 units between them
    nations = [set(regions.at[n, "members"].split("|")) for n in
               ("england", "scotland", "wales", "northern-ireland")]  # fmt: skip
    assert sum(map(len, nations)) == len(set().union(*nations))
    assert set().union(*nations) == set(admin1.loc[admin1["country"] == "GB", "iso_3166_2"])


def test_a_region_naming_an_unknown_unit_is_a_clear_error(tmp_path, monkeypatch):
    import pandas as pd

    from gazetteer import sources
    from gazetteer.data import data_path

    bad = tmp_path / "regions.csv"
    bad.write_text(
        "id,name,aliases,country,members,source\nx,X,,SD,region:Nowhere|SD-DW,test\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sources, "data_path", lambda name: bad)
    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    with pytest.raises(SourceError, match="Nowhere"):
        sources.read_regions(admin1)
