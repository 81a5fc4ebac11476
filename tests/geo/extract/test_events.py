"""The event lexicon: triggers, negation, denials and statements."""

from __future__ import annotations

import pytest

from geo.extract import events


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Azerbaijani forces SHELLED the village of Sotk", "shelling"),
        ("a drone was shot down over the district", "weapons_intercepted"),
        ("troops exchanged fire near the post", "armed_clash"),
        ("an army patrol entered Cambodian territory", "incursion"),
    ],
)
def test_find_triggers_winning_type(clause, expected):
    physical, _, _ = events.find_triggers(clause)
    assert physical and physical[0].event_type == expected


def test_negated_trigger_and_denial():
    physical, _, denial = events.find_triggers("the ministry denied that any shelling took place")
    assert physical == []
    assert denial is True


def test_statement_is_not_physical():
    physical, statements, _ = events.find_triggers("both sides agreed to a ceasefire")
    assert physical == []
    assert [s.event_type for s in statements] == ["agreement_or_statement"]
