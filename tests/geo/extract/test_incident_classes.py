"""Error classes seen on real reports, each on a short passage of our own writing.

Statements, spurious and duplicate incidents, missing event types and places.
"""

from __future__ import annotations

import datetime as dt

from geo.extract.articles import Article
from geo.extract.incidents import extract_incidents

DAY = dt.date(2025, 4, 9)  # a Wednesday


def _incidents(gazetteer, text, published=DAY):
    # every event, border incident or not: these passages test event classes, not relevance
    return extract_incidents(Article(text, published=published), gazetteer, keep="all")


def _statements(incs):
    return [i for i in incs if i.event_type == "agreement_or_statement"]


# ---------------------------------------------------------------------------
# statements


def test_diplomatic_acts_are_statements_dated_when_made_with_their_speaker(gazetteer):
    text = (
        "Armenia summoned the Azerbaijani ambassador on Monday over the incident. "
        "Kazakhstan recalled its ambassador from Kyrgyzstan. "
        "Tajikistan strongly protested against the construction of the road."
    )
    statements = _statements(_incidents(gazetteer, text))
    assert [s.actor1 for s in statements] == [
        "Government of Armenia",
        "Government of Kazakhstan",
        "Government of Tajikistan",
    ]
    assert statements[0].date.start == dt.date(2025, 4, 7)
    # without a time word a statement was made on the day of the report, and says so
    assert statements[1].date.start == DAY and statements[1].date.precision == "day"
    assert statements[1].date_inferred


def test_one_speakers_statements_of_one_day_are_one_statement(gazetteer):
    text = (
        "Thailand expelled the Cambodian ambassador. "
        "The government also warned that it would close every crossing. "
        "Cambodia condemned the decision."
    )
    statements = _statements(_incidents(gazetteer, text))
    assert [s.actor1 for s in statements] == ["Government of Thailand", "Government of Cambodia"]


def test_a_statement_does_not_hide_the_physical_event_it_is_about(gazetteer):
    text = "India lodged a strong protest after Pakistani troops shelled villages in Poonch."
    incs = _incidents(gazetteer, text)
    assert [i.event_type for i in incs] == ["agreement_or_statement", "shelling"]
    text = "Pakistan condemned the shelling of villages in Kotli district on Tuesday."
    types = sorted(i.event_type for i in _incidents(gazetteer, text))
    assert types == ["agreement_or_statement", "shelling"]


def test_a_statement_about_what_is_to_come_is_dated_when_made(gazetteer):
    text = "The two presidents will sign the border treaty next month, officials said."
    (statement,) = _statements(_incidents(gazetteer, text))
    assert statement.date.start == statement.date.end == DAY


def test_warning_shots_are_not_a_warning(gazetteer):
    text = "South Korean soldiers fired warning shots on Tuesday."
    assert not _statements(_incidents(gazetteer, text))


# ---------------------------------------------------------------------------
# missing event types


def _physical_types(gazetteer, text):
    return [i.event_type for i in _incidents(gazetteer, text) if i.physical]


def test_closures_displacement_stones_and_sabotage_are_physical_events(gazetteer):
    for text in (
        "Pakistan closed the Torkham crossing on Tuesday.",
        "The border crossing at Torkham was reopened on Tuesday.",
        "Hundreds of families fled their homes near Kotli on Tuesday.",
        "Youths threw stones at a patrol near Kotli on Tuesday.",
        "Saboteurs blew up a bridge near Kotli on Tuesday.",
    ):
        assert _physical_types(gazetteer, text) == ["other"], text


def test_detentions_by_border_guards_are_arrests(gazetteer):
    for text in (
        "Border guards apprehended four shepherds near Kotli on Tuesday.",
        "Three soldiers were handcuffed by military police near Kotli on Tuesday.",
    ):
        assert _physical_types(gazetteer, text) == ["arrest"], text


def test_strikes_on_named_targets_are_strikes(gazetteer):
    text = "Pakistani strikes on Tuesday hit militant hideouts near Saravan, killing nine."
    assert _physical_types(gazetteer, text) == ["air_drone_strike"]


def test_the_cause_told_with_an_event_is_not_the_event(gazetteer):
    text = (
        "Rebels fired rockets at Kiryat Shmona on Tuesday in retaliation for the killing of "
        "a commander in an Israeli strike."
    )
    assert _physical_types(gazetteer, text) == ["shelling"]


def test_two_weapons_in_one_clause_are_two_incidents(gazetteer):
    text = "Artillery and drones hit the town of Kotli on Tuesday."
    assert sorted(_physical_types(gazetteer, text)) == ["air_drone_strike", "shelling"]


# ---------------------------------------------------------------------------
# spurious incidents


def test_history_generic_talk_and_hypotheticals_are_not_incidents(gazetteer):
    for text in (
        "Skirmishes with border guards are common along this stretch of the frontier.",
        "The army has been carrying out artillery shelling of the hills near Kotli.",
        "The clash came amid tensions over water and a rebellion that began in 1998.",
        "The smugglers could have been arrested by the border guards near Kotli.",
        "The minister said troops would open fire if anyone crossed into the valley.",
        "Shelling has killed hundreds of people since the start of the war.",
        "The army has launched several operations against the rebels near Kotli.",
        "The two countries agreed to reopen the border crossing at Torkham.",
        "The two countries agreed on the reopening of the common border.",
        "Several face-offs have occurred between the two armies since the Galwan clash.",
    ):
        assert _physical_types(gazetteer, text) == [], text


# ---------------------------------------------------------------------------
# places, datelines and standfirsts


def test_a_dateline_is_not_a_photo_caption(gazetteer):
    text = "Border clash\n\nKOTLI - Pakistani and Indian troops exchanged fire on Tuesday."
    assert _physical_types(gazetteer, text) == ["armed_clash"]


def test_a_standfirst_is_body_text_and_a_picture_is_a_caption(gazetteer):
    from geo.extract.sentences import split_sentences

    text = (
        "Troops clash on the frontier\n"
        "Two soldiers were wounded when border guards exchanged fire near the river\n"
        "TAJIKISTAN -- Soldiers are seen at a checkpoint in this handout picture\n"
        "By A Reporter\n"
    )
    body = [s.body for s in split_sentences(text)]
    assert body == [False, True, False, False]


def test_one_word_of_a_longer_unknown_name_is_not_a_place(gazetteer):
    # "Krishna" alone is a town in Andhra Pradesh; "Krishna Ghati" is a sector in Poonch
    text = (
        "Pakistani troops shelled Indian posts in the Krishna Ghati sector of Jammu and "
        "Kashmir's Poonch district on Tuesday."
    )
    (shelling,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert shelling.location.admin1_codes == ("IN-JK",)


def test_a_name_in_a_country_the_story_never_names_is_not_a_place(gazetteer):
    # "Taliban" resolves to a Turkish province when nothing else is known
    text = (
        "Iranian border guards and Afghan forces exchanged fire on Tuesday. "
        "The Taliban said two of its fighters were wounded in the clash."
    )
    for inc in _incidents(gazetteer, text):
        assert inc.location is None or "TR" not in inc.location.countries


def test_a_dateline_city_is_where_the_report_was_filed(gazetteer):
    # the filing town is no place of the event; at most the last resort, near it, flagged
    text = "QUETTA/ISLAMABAD: Afghan and Pakistani forces exchanged fire on Tuesday."
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location is None or (
        clash.location.geo_precision == 2 and any("dateline" in n for n in clash.notes)
    )
    assert not clash.location or "ISLAMABAD" not in clash.location.written
    text = "MOSCOW (Wire) -Russian troops exchanged fire with Ukrainian troops on Tuesday."
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location is None or "MOSCOW" not in clash.location.written


def test_crossing_and_firing_in_one_clause_are_two_incidents(gazetteer):
    text = "Uzbek border guards crossed into Kyrgyz territory and opened fire on Tuesday."
    assert sorted(_physical_types(gazetteer, text)) == ["armed_clash", "incursion"]
    text = (
        "Jordanian troops killed five smugglers and arrested 15 near the Syrian border on Tuesday."
    )
    assert sorted(_physical_types(gazetteer, text)) == ["armed_clash", "arrest"]


# ---------------------------------------------------------------------------
# duplicates


def test_one_event_retold_at_country_and_village_level_is_one_incident(gazetteer):
    text = (
        "Kyrgyz and Tajik border troops exchanged fire on the Kyrgyz-Tajik border on Tuesday. "
        "The exchange of fire took place near the town of Isfana, officials said."
    )
    clashes = [i for i in _incidents(gazetteer, text) if i.physical]
    assert len(clashes) == 1
    assert clashes[0].location.kind == "place"


def test_syndicated_text_from_two_outlets_is_one_incident_with_two_sources(gazetteer):
    from geo.extract.merge import merge_incidents

    wire = (
        "Border guards exchanged fire with a group of armed smugglers and two of the "
        "smugglers were wounded, the ministry said in a statement."
    )
    other = "ISTANBUL (Wire) - " + wire.replace("a group of", "a band of")
    incs = [
        i
        for text, path in ((wire, "a.txt"), (other, "b.txt"))
        for i in extract_incidents(Article(text, path=path), gazetteer)
    ]
    assert len(incs) == 2 and not incs[0].date.known
    (merged,) = merge_incidents(incs)
    assert len(merged.sources) == 2


def test_a_capitals_forces_are_its_government_not_a_place(gazetteer):
    text = "Islamabad's troops exchanged fire with Afghan forces near Chaman on Tuesday."
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert "Islamabad" not in clash.location.written


def test_a_toll_of_the_attack_already_told_is_not_a_new_incident(gazetteer):
    text = (
        "Pakistani troops shelled villages near Kotli on Tuesday. "
        "Two civilians were wounded in the attack, officials said."
    )
    (shelling,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert (shelling.event_type, shelling.wounded) == ("shelling", 2)


def test_the_place_named_only_in_the_next_sentence(gazetteer):
    text = (
        "A Kyrgyz border guard was killed in a shoot-out with Tajik border guards on Tuesday. "
        "The incident took place near the town of Isfana."
    )
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location.kind == "place" and clash.location.countries == ("KG",)
    assert "location from the next sentence" in clash.notes


def test_a_first_name_before_a_possessive_surname_is_not_a_place(gazetteer):
    text = (
        "Russian troops shelled the outskirts of Sumy on Tuesday, days before an election "
        "set to extend Vladimir Putin's rule."
    )
    for inc in _incidents(gazetteer, text):
        assert inc.location is None or "Vladimir" not in inc.location.written


def test_a_village_the_gazetteer_does_not_know_keeps_its_name_and_its_area(gazetteer):
    text = (
        "Russian border guards detained two shepherds near the village of Zxqorti in "
        "South Ossetia on Tuesday. Two more were detained in the village of Vbeltari."
    )
    arrests = [i for i in _incidents(gazetteer, text) if i.physical]
    assert [a.location.unresolved for a in arrests] == ["Zxqorti", "Vbeltari"]
    assert all(a.location.geo_precision >= 2 for a in arrests)


def test_a_local_dateline_town_is_the_last_resort_for_the_place(gazetteer):
    text = "SIALKOT: A soldier was killed when troops opened fire on a post on Monday."
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location.place_ids and clash.location.geo_precision == 2
    assert any("dateline" in n for n in clash.notes)


def test_a_background_toll_is_not_an_incident(gazetteer):
    text = (
        "The shelling comes amid a war in the region since 2020 that has killed more than "
        "4,000 people."
    )
    assert _physical_types(gazetteer, text) == []


def test_where_attackers_came_from_is_not_where_it_happened(gazetteer):
    text = "Smugglers from Syria killed a Jordanian soldier in a gunfight on Tuesday."
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location is None or "SY" not in clash.location.countries


def test_a_retelling_that_names_the_unknown_village_gives_the_incident_its_name(gazetteer):
    text = (
        "Chadian and Sudanese forces clashed on the Chad-Sudan border on Thursday. "
        "The clash occurred near the border town of Zxqorti, the spokesman said."
    )
    (clash,) = [i for i in _incidents(gazetteer, text) if i.physical]
    assert clash.location.unresolved == "Zxqorti"


def test_one_article_naming_two_nearby_towns_tells_two_incidents(gazetteer):
    text = (
        "A missile from Lebanon struck a house in Metula on Thursday. "
        "Earlier on Thursday a missile from Lebanon hit an army post near Kiryat Shmona."
    )
    shelling = [i for i in _incidents(gazetteer, text) if i.physical]
    assert len(shelling) == 2


def test_fighting_on_one_side_and_shells_on_the_other_are_two_incidents(gazetteer):
    text = (
        "Army artillery shelled rebel positions in Myawaddy on Friday. "
        "On Friday stray artillery shells hit houses in Mae Sot."
    )
    assert len([i for i in _incidents(gazetteer, text) if i.physical]) == 2


def test_an_event_told_again_later_is_the_same_incident(gazetteer):
    text = (
        "Kyrgyz and Tajik border guards clashed near Isfana on Monday. "
        "On Wednesday the Kyrgyz minister briefed parliament about the clash."
    )
    clashes = [i for i in _incidents(gazetteer, text) if i.physical]
    assert len(clashes) == 1 and clashes[0].date.start == dt.date(2025, 4, 7)


def test_a_mayors_warning_is_not_a_states_statement(gazetteer):
    text = "The mayor warned residents on Tuesday and the council agreed to close the park."
    assert not _statements(_incidents(gazetteer, text))
