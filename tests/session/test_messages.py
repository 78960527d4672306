"""Messages between teams: who may read them, their limits, and the save that keeps them."""

import json

import pytest

from game.scenario.loader import load
from game.session import messages
from game.session.game import Game
from game.session.save import SaveError, check, dumps, from_dict, to_dict


@pytest.fixture(scope="module")
def scenario():
    return load("tutorial")


def two_teams(scenario) -> Game:
    return Game.new(scenario, 1, [0, 1])


def test_private_messages_reach_only_their_two_teams(scenario):
    g = two_teams(scenario)
    messages.send(g, 0, None, "We propose talks on the harbour.")
    messages.send(g, 0, 1, "Privately: we will not strike.")
    messages.send(g, 1, 2, "To the UN only.")
    assert [m["text"] for m in messages.visible_to(g, 1)] == [
        "We propose talks on the harbour.",
        "Privately: we will not strike.",
        "To the UN only.",
    ]
    assert [m["text"] for m in messages.visible_to(g, 0)] == [
        "We propose talks on the harbour.",
        "Privately: we will not strike.",
    ]
    assert [m["text"] for m in messages.public(g)] == ["We propose talks on the harbour."]


def test_bad_messages_are_refused_with_a_reason(scenario):
    g = two_teams(scenario)
    for sender, to, text in ((3, None, "AI cannot write"), (0, 99, "nobody"), (0, 0, "self"), (0, None, "  \x1b[2J ")):
        with pytest.raises(messages.MessageError):
            messages.send(g, sender, to, text)
    with pytest.raises(messages.MessageError, match="under 500"):
        messages.send(g, 0, None, "x" * 501)
    assert g.messages == []


def test_messages_are_kept_in_the_save_by_turn(scenario):
    g = two_teams(scenario)
    messages.send(g, 0, 1, "before the first turn")
    g.end_turn()
    messages.send(g, 1, None, "after it")
    data = json.loads(dumps(to_dict(g)))
    assert data["messages"][0] == {"turn": 1, "from": "southland", "to": "northland", "text": "before the first turn"}
    back = from_dict(check(data))
    assert {t: [m["text"] for m in ms] for t, ms in messages.by_turn(back).items()} == {
        1: ["before the first turn"],
        2: ["after it"],
    }
    # A branch from turn 2 keeps only what was said before it.
    assert [m["text"] for m in from_dict(check(data), upto=2).messages] == ["before the first turn"]


def test_a_save_without_messages_loads_and_a_bad_one_is_refused(scenario):
    g = two_teams(scenario)
    data = json.loads(dumps(to_dict(g)))
    del data["messages"]
    assert from_dict(check(data)).messages == []
    data["messages"] = [{"turn": 1, "from": "nobody", "to": None, "text": "hi"}]
    with pytest.raises(SaveError, match="messages"):
        from_dict(check(data))
    data["messages"] = [{"turn": 1, "from": "southland", "text": "x" * 5000}]
    with pytest.raises(SaveError, match="messages"):
        check(data)
