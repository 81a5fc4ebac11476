"""Country, admin-1 and capital names beat namesake towns unless the article is about the town."""

from __future__ import annotations


def _ids(gazetteer, text):
    return [(r.mention.surface, r.place.id if r.place else None) for r in gazetteer.resolve(text)]


def test_a_state_name_is_the_state_not_a_city_that_bears_it_as_another_name(gazetteer):
    text = "Heavy rain flooded roads in New York and New Jersey, and trains to Boston stopped."
    assert _ids(gazetteer, text)[:2] == [("New York", "US-NY"), ("New Jersey", "US-NJ")]


def test_a_list_of_countries_is_no_place_and_its_parent(gazetteer):
    # "China, Japan" is two countries, not a town named China in Japan.
    text = "Cases of the new strain were reported in Mexico, China, Japan and Brazil."
    assert [i for _, i in _ids(gazetteer, text)] == ["MX", "CN", "JP", "BR"]


def test_a_list_of_states_is_no_place_and_its_parent(gazetteer):
    text = "Farmers in Iowa, Illinois, Missouri and Kansas lost their crops to hail."
    assert [i for _, i in _ids(gazetteer, text)] == ["US-IA", "US-IL", "US-MO", "US-KS"]


def test_a_country_is_meant_before_its_own_unit_of_that_name(gazetteer):
    text = (
        "Storms hit Acapulco, a port in Guerrero, on Sunday, and Mexico City closed schools. "
        "Officials in Mexico said two fishermen were missing off the coast of Mexico."
    )
    assert dict(_ids(gazetteer, text))["Mexico"] == "MX"


def test_a_country_in_an_article_about_countries_beats_a_us_state(gazetteer):
    text = (
        "Armenia and Azerbaijan traded fire overnight, and Russia called for calm. "
        "Georgia offered to host the next round of talks."
    )
    assert dict(_ids(gazetteer, text))["Georgia"] == "GE"


def test_the_us_state_in_an_article_about_its_towns(gazetteer):
    text = "Storms damaged homes in Macon and Savannah, and the governor of Georgia toured them."
    assert dict(_ids(gazetteer, text))["Georgia"] == "US-GA"


def test_washington_as_government_and_washington_state(gazetteer):
    gov = "Washington said on Friday it would send aid to Kyiv, and Moscow said it would not."
    assert _ids(gazetteer, gov)[0][1] in ("4140963", "US-DC")
    state = "Wildfires burned near Spokane, and an emergency was declared across Washington state."
    assert dict(_ids(gazetteer, state))["Washington"] == "US-WA"


def test_a_town_with_a_parent_keeps_its_country_namesake_away(gazetteer):
    text = "The festival in Mexico, Missouri, drew crowds from Columbia and Fulton."
    place = gazetteer.resolve(text)[0].place
    assert (place.country, place.admin1_code) == ("US", "US-MO")


def test_a_town_and_the_county_it_lies_in_choose_each_other(gazetteer):
    # Jacksonville, Texas, lies in Cherokee County, Texas; neither Jacksonville, Florida,
    # nor Cherokee County, North Carolina, holds the other.
    text = (
        "The Cherokee County school board voted to close two buildings. "
        "Jacksonville parents packed the meeting."
    )
    ids = dict(_ids(gazetteer, text))
    assert gazetteer.place(ids["Jacksonville"]).admin1_code == "US-TX"
    assert gazetteer.place(ids["Cherokee County"]).admin1_code == "US-TX"


def test_a_county_links_a_town_only_under_its_own_name(gazetteer):
    # Springfield, Ohio, lies in Clark County, Ohio (Springfield, Missouri, does not).
    text = "The Clark County coroner said a Springfield woman died in the fire."
    ids = dict(_ids(gazetteer, text))
    assert gazetteer.place(ids["Springfield"]).admin1_code == "US-OH"
    # A bare county name is a town's before it is the county's: no link is drawn
    # from "Richmond" (Richmond County) to a town inside it.
    text = "Cordova, Tennessee, and Richmond, Virginia, opened new stores this spring."
    ids = dict(_ids(gazetteer, text))
    assert gazetteer.place(ids["Cordova"]).admin1_code == "US-TN"


def test_washington_in_a_list_of_states_is_the_state(gazetteer):
    text = "Wildfires burned across Oregon, Washington and Idaho, and the governors met."
    assert [i for _, i in _ids(gazetteer, text)] == ["US-OR", "US-WA", "US-ID"]
    # a dateline is the capital, though the article names states
    text = "WASHINGTON — Senators from Ohio and Texas blocked the bill on Tuesday."
    assert gazetteer.place(dict(_ids(gazetteer, text))["WASHINGTON"]).feature == "PPLC"


def test_only_the_capital_itself_is_marked_as_capital(gazetteer):
    # GeoNames' country table names the capital; towns of the same name are no capitals.
    assert gazetteer.place("4140963").feature == "PPLC"  # Washington, DC
    assert gazetteer.place("5549222").feature == "PPL"  # Washington, Utah


def test_provinces_of_two_countries_are_each_the_other_context(gazetteer):
    # each name is the only context the other has: neither may be dropped as unsupported
    # (and Sindh puts Punjab in Pakistan)
    text = "Wheat from Punjab and cotton from Colorado reached the port; Sindh sent rice."
    assert _ids(gazetteer, text) == [("Punjab", "PK-PB"), ("Colorado", "US-CO"), ("Sindh", "PK-SD")]


def test_a_unit_named_like_a_common_word_needs_support(gazetteer):
    # "Pool" is a region of the Republic of the Congo and an English word
    text = "Swimmers from France and Spain met at the Pool in Lyon on Sunday."
    assert ("Pool", None) in _ids(gazetteer, text)


def test_a_town_beside_its_own_country_beats_a_capital_in_a_country_never_named(gazetteer):
    # The article names the US (Phoenix) and two countries, never Greece: Athens is the
    # American town, not the capital of a country nothing else points to.
    text = (
        "A youth choir from Athens sang in Phoenix, then toured Mexico and Guatemala for two weeks."
    )
    place = dict((r.mention.surface, r.place) for r in gazetteer.resolve(text))["Athens"]
    assert place.country == "US"


def test_a_capital_stays_when_the_article_names_its_country(gazetteer):
    text = "Talks in Athens between Greece and Turkey ended, and the envoys flew on to Phoenix."
    place = dict((r.mention.surface, r.place) for r in gazetteer.resolve(text))["Athens"]
    assert place.country == "GR"


def test_an_abbreviated_first_word_finds_towns_listed_under_the_full_one(gazetteer):
    # Sources list some towns as "Mount Pleasant" only and others as "Mt. Pleasant".
    text = (
        "A tornado touched down outside Mt. Pleasant on Sunday, and Iowa officials said "
        "homes near Ottumwa were damaged."
    )
    place = gazetteer.resolve(text)[0].place
    assert (place.name, place.admin1_code) == ("Mount Pleasant", "US-IA")


def test_a_name_and_its_county_form_are_not_each_others_evidence(gazetteer):
    # "Madison" and "Madison County" are one name written two ways: their votes for the
    # same Alabama pair must not outweigh Kentucky, which the article names.
    text = (
        "Madison County deputies searched a farm near Madison after a tip from Kentucky "
        "State Police, and Louisville detectives joined them."
    )
    county = gazetteer.resolve(text)[0]
    assert (county.mention.surface, county.place.admin1_code) == ("Madison County", "US-KY")
