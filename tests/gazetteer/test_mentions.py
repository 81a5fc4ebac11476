from __future__ import annotations


def test_offsets_possessive_and_feature_words(gazetteer):
    text = "Azerbaijan's Nakhichevan exclave and the village of Sotk were shelled."
    ms = [m for m in gazetteer.find_mentions(text) if m.role == "toponym"]
    assert [(m.surface, text[m.start : m.end]) for m in ms] == [
        ("Azerbaijan", "Azerbaijan"), ("Nakhichevan", "Nakhichevan"), ("Sotk", "Sotk")
    ]  # fmt: skip
    assert ms[1].feature_word == "exclave" and ms[1].parent == "Azerbaijan"
    assert ms[2].feature_word == "village"


def test_plural_feature_word_covers_a_list(gazetteer):
    r = gazetteer.resolve("Troops advanced into the Gegharkunik and Syunik provinces.")
    assert [x.place.id for x in r] == ["AM-GR", "AM-SU"]


def test_people_titles_and_organisations(gazetteer):
    text = (
        "President Alexander Lukashenko spoke to Foreign Minister Sergei Lavrov. "
        "The Russian Foreign Ministry and the Ministry of Defence of Armenia issued statements."
    )
    ms = gazetteer.find_mentions(text)
    assert not [m for m in ms if m.role == "toponym"]
    assert {m.context_country for m in ms if m.role == "context"} == {"RU", "AM"}


def test_common_words_used_in_lower_case_are_not_places(gazetteer):
    text = "Police said the fire was put out. Police officers found no one inside."
    assert [r for r in gazetteer.resolve(text) if r.place] == []


def test_hierarchy_picks_the_right_namesake(gazetteer):
    co = gazetteer.resolve("Protesters gathered in Armenia, Quindío, on Sunday.")
    assert co[0].place.country == "CO"
    am = gazetteer.resolve("Protesters gathered in Armenia on Sunday.")
    assert am[0].place.id == "AM"


def test_focus_biases_resolution(gazetteer):
    from gazetteer import Gazetteer

    plain = gazetteer.lookup("Alexandria")[0][0]
    focused = Gazetteer(gazetteer.index, focus=("US",)).lookup("Alexandria")[0][0]
    assert plain.country == "EG"
    assert focused.country == "US"


def test_resolve_span_uses_given_offsets(gazetteer):
    text = "Clashes near Kelbajar; Kelbajar district officials said."
    r = gazetteer.resolve_span(text, 13, 21)
    assert r.mention.surface == "Kelbajar"
    assert r.place.id == "AZ-KAL"


def test_a_surname_the_article_names_in_full_is_not_a_place(gazetteer):
    text = (
        "Rancher Tom Jones said the fence near Abilene was cut overnight. "
        "Jones said he saw two trucks. In Brownsville, agents in a patrol car saw none."
    )
    surfaces = [m.surface for m in gazetteer.find_mentions(text) if m.role == "toponym"]
    assert "Jones" not in surfaces
    assert "Abilene" in surfaces and "Brownsville" in surfaces


def test_a_surname_with_a_parent_or_feature_word_stays_a_place(gazetteer):
    text = "Ann Clay moved from Austin. Flooding hit Clay County and Clay, Kentucky."
    surfaces = [m.surface for m in gazetteer.find_mentions(text) if m.role == "toponym"]
    assert "Clay County" in surfaces and "Clay" in surfaces


def test_abbreviated_first_words_belong_to_the_name(gazetteer):
    text = "Deputies drove him from St. Cloud to Ft. Worth by way of Mt. Vernon."
    ms = [m for m in gazetteer.find_mentions(text) if m.role == "toponym"]
    assert [m.surface for m in ms] == ["St. Cloud", "Ft. Worth", "Mt. Vernon"]
    assert [r.place.name for r in gazetteer.resolve(text)][:2] == ["Saint Cloud", "Fort Worth"]


def test_a_feature_word_does_not_reach_across_a_sentence_end(gazetteer):
    text = "Jets flew near the Canadian capital. Canada scrambled fighters."
    canada = [m for m in gazetteer.find_mentions(text) if m.surface == "Canada"]
    assert canada and canada[0].feature_word is None
    start = text.index("Canada ")
    assert gazetteer.resolve_span(text, start, start + len("Canada")).place.id == "CA"


def test_resolve_span_keeps_the_feature_word_next_to_the_span(gazetteer):
    text = "Shelling hit Kandahar province; trade through Kandahar resumed."
    first = text.index("Kandahar")
    province = gazetteer.resolve_span(text, first, first + len("Kandahar"))
    assert province.mention.feature_word == "province"
    assert province.place.id == "AF-KAN"


def test_a_city_named_like_its_province_is_the_city(gazetteer):
    r = gazetteer.resolve("Trade through Chaman, near Kandahar, resumed on Monday.")
    kandahar = next(x for x in r if x.mention.surface == "Kandahar")
    assert kandahar.place.kind == "populated_place" and kandahar.place.admin1_code == "AF-KAN"
    alts = {p.id for p, _ in kandahar.alternatives}
    assert "AF-KAN" in alts  # the province stays the runner-up


def test_a_state_name_outranks_a_small_town_of_that_name(gazetteer):
    r = gazetteer.resolve("She moved from Houston to California and then to Oregon in 2004.")
    by = {x.mention.surface: x.place for x in r}
    assert by["California"].id == "US-CA"
    assert by["Oregon"].id == "US-OR"


def test_continents_are_places_of_their_own_kind(gazetteer):
    top = gazetteer.lookup("Europe")[0][0]
    assert (top.kind, top.feature, top.country) == ("continent", "CONT", "")
    r = gazetteer.resolve("Migrants crossing from Africa to Europe were rescued off Libya.")
    assert [x.place.kind for x in r] == ["continent", "continent", "country"]


def test_a_span_with_a_feature_word_the_name_lacks(gazetteer):
    text = "Deputies from Loudon Co. searched Hamilton Township near Cincinnati."
    loudon = gazetteer.resolve_span(text, text.index("Loudon"), text.index(" searched"))
    assert loudon.mention.surface == "Loudon Co."
    assert loudon.mention.feature_word == "county"
    assert loudon.place.source == "us-census" and loudon.place.name.startswith("Loudon")
    start = text.index("Hamilton")
    township = gazetteer.resolve_span(text, start, start + len("Hamilton Township"))
    assert township.mention.feature_word == "township"
    assert township.place.admin1_code == "US-OH"


def test_focus_on_an_admin1_unit_brings_its_country(gazetteer):
    import pytest

    from gazetteer import Gazetteer

    texas = Gazetteer(gazetteer.index, focus=("US-TX",))
    assert texas.focus == ("US-TX",)
    assert texas.lookup("Athens")[0][0].admin1_code == "US-TX"
    assert Gazetteer(gazetteer.index, focus=("US",)).lookup("Athens")[0][0].admin1_code != "US-TX"
    with pytest.raises(ValueError, match="unknown focus code 'US-ZZ'"):
        Gazetteer(gazetteer.index, focus=("US-ZZ",))


def test_speakers_contractions_and_common_words_are_not_places(gazetteer):
    text = (
        "The city will rebuild the bridge. Baker said the work starts in May, "
        "and I’ve seen the plans, said Mary. Moscow said it would send engineers; "
        "the mayor of Avondale said the bridge was safe."
    )
    surfaces = {m.surface for m in gazetteer.find_mentions(text) if m.role == "toponym"}
    assert not surfaces & {"The city", "Baker", "I’ve", "Mary"}
    assert {"Moscow", "Avondale"} <= surfaces


def test_words_of_texts_with_and_without_letters_beyond_ascii():
    from gazetteer.mentions import _TOKEN, Tokens

    texts = [
        "Shelling near Tavush’s villages — “heavy”, officials said.",  # curly quotes, dash
        "Troops crossed into Zürich's suburbs and São Tomé, near Łódź.",  # accented letters
        "The ²nd post at Koͤln; 5 km² of land near O’Neill’s farm.",  # alphanumerics, no letters
    ]
    for text in texts:
        toks = Tokens(text)
        parts = _TOKEN.split(text)
        assert toks.words == parts[1::2]
        assert toks.gaps == parts[2:-1:2]
    assert "Zürich's" in Tokens(texts[1]).words and "Łódź" in Tokens(texts[1]).words
