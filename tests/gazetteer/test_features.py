"""Seas, rivers, valleys, border crossings and macro-regions: passages of our own writing."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

from gazetteer.data import data_path


def _places(gazetteer, text):
    return {r.mention.surface: r.place for r in gazetteer.resolve(text)}


def test_seas_and_oceans_are_places(gazetteer):
    text = (
        "A tanker was seized in the Persian Gulf on Monday, days after a freighter was hit in "
        "the Black Sea. The navy said it would send ships across the Atlantic and into the "
        "Mediterranean, and a patrol boat was lost in the Red Sea."
    )
    got = _places(gazetteer, text)
    want = {
        "Persian Gulf": ("persian-gulf", "GULF"),
        "Black Sea": ("black-sea", "SEA"),
        "Atlantic": ("atlantic-ocean", "OCN"),
        "Mediterranean": ("mediterranean-sea", "SEA"),
        "Red Sea": ("red-sea", "SEA"),
    }
    for surface, (pid, code) in want.items():
        p = got.get(surface)
        assert p is not None, f"{surface!r} not resolved"
        assert (p.id, p.kind, p.feature, p.source) == (pid, "region", code, "features")


def test_rivers_valleys_and_glaciers(gazetteer):
    text = (
        "Indian and Chinese troops clashed again in the Galwan Valley, north of Pangong Tso, "
        "while Pakistani posts near the Siachen Glacier were shelled. In the west, a smuggler's "
        "boat was fired on from the Tajik bank of the Amu Darya, and farmers along the Nile "
        "protested."
    )
    got = _places(gazetteer, text)
    for surface, code in {
        "Galwan Valley": "VAL",
        "Pangong Tso": "LK",
        "Siachen Glacier": "GLCR",
        "Amu Darya": "STM",
        "Nile": "STM",
    }.items():
        assert got.get(surface) is not None, f"{surface!r} not resolved"
        assert got[surface].feature == code, surface


def test_border_crossings_are_points_on_their_border(gazetteer):
    text = (
        "Lorries waited for a week at Torkham before the Afghan side reopened. Further east, "
        "the Wagah border ceremony was cancelled, the Rafah crossing stayed shut and the queue "
        "at Upper Lars reached twenty kilometres."
    )
    got = _places(gazetteer, text)
    for surface in ("Torkham", "Wagah border", "Rafah crossing", "Upper Lars"):
        assert got.get(surface) is not None, f"{surface!r} not resolved"
        assert got[surface].feature == "PSTB", surface
    assert got["Torkham"].country in ("AF", "PK")
    assert got["Upper Lars"].country in ("GE", "RU")


def test_macro_regions_and_blocs(gazetteer):
    text = (
        "The European Union and the Gulf Cooperation Council pledged aid to the Sahel and the "
        "Horn of Africa, while diplomats from Central Asia, the Balkans and the Caucasus met "
        "to discuss the Middle East. Shelling resumed in Eastern Ghouta."
    )
    got = _places(gazetteer, text)
    for surface, pid in {
        "European Union": "european-union",
        "Gulf Cooperation Council": "gulf-states",
        "Sahel": "sahel",
        "Horn of Africa": "horn-of-africa",
        "Central Asia": "central-asia",
        "Balkans": "balkans",
        "Caucasus": "caucasus",
        "Middle East": "middle-east",
    }.items():
        p = got.get(surface)
        assert p is not None and p.id == pid, surface
        assert (p.kind, p.feature, p.country) == ("region", "macro-region", ""), surface
    assert got["Eastern Ghouta"].id == "ghouta"
    assert got["Eastern Ghouta"].members == ("SY-RD",)


def test_un_subregions_are_macro_regions(gazetteer):
    text = (
        "Measles cases rose across West Africa and Southeast Asia, fell in Northern Europe "
        "and held steady in the Americas and Scandinavia."
    )
    got = _places(gazetteer, text)
    for surface, pid in {
        "West Africa": "west-africa",
        "Southeast Asia": "southeast-asia",
        "Northern Europe": "northern-europe",
        "Americas": "americas",
        "Scandinavia": "scandinavia",
    }.items():
        p = got.get(surface)
        assert p is not None and p.id == pid, surface
        assert (p.kind, p.feature) == ("region", "macro-region"), surface
    assert set(got["Scandinavia"].members) == {
        u for u in got["Northern Europe"].members if u[:2] in ("DK", "NO", "SE")
    }


def test_a_bloc_named_with_a_lower_case_word(gazetteer):
    got = _places(gazetteer, "Ministers from the Gulf states met in Riyadh on Sunday.")
    assert got.get("Gulf states") is not None and got["Gulf states"].id == "gulf-states"


def test_the_eu_in_capitals_is_the_bloc(gazetteer):
    text = "Fishermen from the EU protested after a Russian patrol seized their boat."
    got = _places(gazetteer, text)
    assert got.get("EU") is not None and got["EU"].id == "european-union"


def test_macro_region_members_are_whole_countries():
    from gazetteer.sources import read_regions

    admin1 = pd.read_parquet(data_path("admin1_names.parquet"))
    regions = read_regions(admin1).places.set_index("id")
    eu = set(regions.at["european-union", "members"].split("|"))
    assert set(admin1.loc[admin1["country"] == "FR", "iso_3166_2"]) <= eu
    assert not any(c.startswith("GB-") for c in eu)
    gulf = set(regions.at["gulf-states", "members"].split("|"))
    assert {c.split("-")[0] for c in gulf} == {"BH", "KW", "OM", "QA", "SA", "AE"}


# -- the footprint pack -------------------------------------------------------


@pytest.fixture(scope="module")
def footprints():
    import geopandas as gpd

    from geo.data import pack_path

    return gpd.read_parquet(pack_path("features")).set_index("id").geometry


def test_every_feature_has_a_footprint_holding_its_point(footprints):
    table = pd.read_parquet(data_path("features.parquet")).set_index("id")
    assert set(table.index) == set(footprints.index)
    for fid, r in table.iterrows():
        geom = footprints[fid]
        assert not geom.is_empty, fid
        # the point of the gazetteer is on the footprint (within 1 m of it)
        assert geom.distance(shapely.Point(r["lon"], r["lat"])) < 1e-5, fid
        assert "[GeoNames:" in r["source"] or r["feature"] != "PSTB", fid


def test_sea_footprints_are_water(footprints):
    black, red, atlantic = (
        footprints["black-sea"],
        footprints["red-sea"],
        footprints["atlantic-ocean"],
    )
    assert black.contains(shapely.Point(34.0, 43.0))  # the middle of the Black Sea
    assert not black.contains(shapely.Point(28.98, 41.01))  # Istanbul, on land
    assert not black.intersects(footprints["mediterranean-sea"])
    assert red.contains(shapely.Point(38.5, 20.5))
    assert atlantic.contains(shapely.Point(-40.0, 30.0))
    assert not atlantic.contains(shapely.Point(-120.0, 0.0))  # the Pacific
    assert not atlantic.contains(shapely.Point(18.0, 35.0))  # the Mediterranean


def test_crossings_lie_on_their_border(footprints):
    from geo.regions import borders

    lines = borders().set_index("border").geometry
    for fid, border in {
        "torkham": "AF-PK",
        "wagah-attari": "IN-PK",
        "upper-lars": "GE-RU",
        "rafah-crossing": "EG-PS",
        "islam-qala": "AF-IR",
        "chaman-spin-boldak": "AF-PK",
        "sarpi": "GE-TR",
    }.items():
        point = footprints[fid]
        assert point.geom_type == "Point", fid
        assert lines[border].distance(point) < 1e-5, fid


def test_a_feature_recipe_naming_an_unknown_unit_is_a_clear_error():
    import geopandas as gpd

    from geo.data import pack_path
    from geo.data.features import FeatureError, build_features

    table = pd.DataFrame(
        [{"id": "x", "name": "X", "aliases": "", "feature": "VAL",
          "footprint": "units:ZZ-NOPE", "source": "test"}]
    )  # fmt: skip
    packs = [gpd.read_parquet(pack_path(n)) for n in ("admin1", "countries", "borders")]
    with pytest.raises(FeatureError, match=r"features\.csv: x: unknown admin-1 unit\(s\) ZZ-NOPE"):
        build_features(table, *packs)
