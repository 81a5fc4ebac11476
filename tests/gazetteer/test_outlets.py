"""An outlet's home region, learnt from its own articles, decides the names they leave open."""

from __future__ import annotations

import pytest

from gazetteer.outlets import HomeRegion, learn_home_regions, outlet_of

#: Four stories of one invented lakes-country weekly; their unambiguous towns are in Minnesota.
_LAKES_WEEKLY = [
    "The Osakis school board voted Monday to replace the roof of the gym.",
    "A Brainerd man was charged with theft after a snowmobile went missing from a garage.",
    "Fergus Falls hospital staff held a blood drive that drew 80 donors.",
    "Volunteers from Sauk Centre cleaned the shore of the lake on Saturday.",
]
#: A story that names no state and no nearby place: the readers know where these towns are.
_BARE = "A driver from Albany was hurt when her car rolled over near Glenwood on Tuesday."


def _outlet_batch():
    texts = [*_LAKES_WEEKLY, _BARE]
    urls = [f"https://www.lakes-weekly.example/news/{k}" for k in range(len(texts))]
    return texts, urls


def _units(resolved):
    return [(r.mention.surface, r.place.admin1_code if r.place else None) for r in resolved]


def test_outlet_of_is_the_host_without_www_or_the_name_given():
    assert outlet_of("https://www.lakes-weekly.example/news/1?x=2") == "lakes-weekly.example"
    assert outlet_of("lakes-weekly.example/news/1") == "lakes-weekly.example"
    assert outlet_of("http://m.lakes-weekly.example/a") == "lakes-weekly.example"
    assert outlet_of("Lakes Weekly") == "lakes weekly"
    assert outlet_of(None) == outlet_of("  ") == ""


def test_an_outlet_home_is_learnt_from_its_unambiguous_towns(gazetteer):
    texts, urls = _outlet_batch()
    homes = gazetteer.home_regions(texts, urls)
    assert list(homes) == ["lakes-weekly.example"]
    home = homes["lakes-weekly.example"]
    assert list(home.units) == ["US-MN"] and home.articles == 4
    assert home.countries == {"US": home.units["US-MN"]}


def test_bare_town_names_go_to_the_outlet_home_state(gazetteer):
    texts, urls = _outlet_batch()
    assert _units(gazetteer.resolve(_BARE)) != [("Albany", "US-MN"), ("Glenwood", "US-MN")]
    batch = gazetteer.resolve_batch(texts, urls)
    assert _units(batch[-1]) == [("Albany", "US-MN"), ("Glenwood", "US-MN")]
    # the outlet's own unambiguous stories are unchanged
    assert [_units(r) for r in batch[:-1]] == [_units(gazetteer.resolve(t)) for t in texts[:-1]]


def test_the_article_own_cues_outweigh_the_outlet_home(gazetteer):
    texts, urls = _outlet_batch()
    texts[-1] = "A driver from Albany, Ga., was hurt when her car rolled over near Leesburg, Ga."
    batch = gazetteer.resolve_batch(texts, urls)
    assert _units(batch[-1])[0] == ("Albany", "US-GA")


def test_another_outlet_and_a_batch_without_outlets_get_no_home(gazetteer):
    texts, urls = _outlet_batch()
    urls[-1] = "https://other-paper.example/1"
    assert _units(gazetteer.resolve_batch(texts, urls)[-1]) == _units(gazetteer.resolve(_BARE))
    assert gazetteer.resolve_batch(texts) == [gazetteer.resolve(t) for t in texts]
    with pytest.raises(ValueError, match="5 texts but 1 outlets"):
        gazetteer.resolve_batch(texts, urls[:1])


def test_too_few_articles_make_no_home(gazetteer):
    texts, urls = _outlet_batch()
    assert gazetteer.home_regions(texts[:2], urls[:2]) == {}
    assert learn_home_regions(["a", "a"], [[], []]) == {}


def test_a_home_country_for_places_without_admin1_codes(gazetteer):
    home = HomeRegion("x", {"GB": 1.0}, 3)
    assert home.countries == {"GB": 1.0}
    text = "Traffic was held up in Richmond after a lorry shed its load on the bridge."
    (r,) = gazetteer.resolve(text, home=home)
    assert r.place.country == "GB"


def test_a_home_unit_needs_a_quarter_of_the_votes_from_two_articles(gazetteer):
    minnesota = [gazetteer.resolve(t) for t in _LAKES_WEEKLY]
    kentucky = gazetteer.resolve("A fair opened in Paris, Ky., on Friday.")
    # two Kentucky stories of ten: a fifth of the votes, under the share a home needs
    homes = learn_home_regions(["a"] * 10, [*minnesota, *minnesota, kentucky, kentucky])
    assert list(homes["a"].units) == ["US-MN"]
    # one of three: a third of the votes, but from a single article
    homes = learn_home_regions(["b"] * 3, [minnesota[0], minnesota[1], kentucky])
    assert list(homes["b"].units) == ["US-MN"] and homes["b"].articles == 3
    # from two articles of four it is part of the home
    homes = learn_home_regions(["c"] * 4, [minnesota[0], minnesota[1], kentucky, kentucky])
    assert homes["c"].units == {"US-MN": 0.5, "US-KY": 0.5}


def test_places_without_admin1_codes_vote_for_their_country(gazetteer):
    texts = [
        "Flooding hit Tewkesbury, England, again on Monday.",
        "The shoe factory in Kettering, England, closed its doors.",
        "A food fair in Ludlow, England, drew large crowds.",
    ]
    homes = gazetteer.home_regions(texts, ["shire-news.example"] * 3)
    assert homes["shire-news.example"].units == {"GB": 1.0}
