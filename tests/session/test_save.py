"""Saves: a save replays to the same game; bad saves are reported and lose nothing."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.scenario.loader import load
from game.session.game import Game, IllegalOrder
from game.session.save import SaveError, load_game, save


def play_some(turns: int = 3, seed: int = 5) -> Game:
    sc = load("tutorial")
    game = Game.new(sc, seed, humans=[0])
    plan = [
        ["humanitarian harbour", "summit un"],
        ["open_talks harbour-talks", "strike harbour"],
        ["negotiate harbour-talks"],
    ]
    for t in range(turns):
        for slug in plan[t % len(plan)]:
            try:
                game.queue(0, game.find_option(0, slug))
            except IllegalOrder:
                pass
        game.end_turn()
    return game


def test_save_then_load_replays_the_same_game(tmp_path):
    game = play_some()
    path = save(game, tmp_path / "g.json")
    again = load_game(path)
    assert again.turn == game.turn
    for name, arr in game.state.arrays().items():
        assert np.array_equal(arr, getattr(again.state, name)), name
    assert [e.cause.text for e in again.ledger.entries] == [e.cause.text for e in game.ledger.entries]
    assert [r.news for r in again.log] == [r.news for r in game.log]


def test_loaded_game_continues_like_the_original(tmp_path):
    game = play_some()
    again = load_game(save(game, tmp_path / "g.json"))
    game.end_turn()
    again.end_turn()
    for name, arr in game.state.arrays().items():
        assert np.array_equal(arr, getattr(again.state, name)), name


def test_save_is_json_with_version_scenario_hash_seed_and_orders(tmp_path):
    game = play_some(2)
    data = json.loads(save(game, tmp_path / "g.json").read_text())
    assert data["format"] == "brinkmanship-save" and data["version"] == 2
    assert data["scenario"]["id"] == "tutorial" and len(data["scenario"]["hash"]) == 16
    assert data["seed"] == 5
    assert [t["turn"] for t in data["turns"]] == [1, 2]
    assert data["turns"][0]["orders"]["southland"] == ["humanitarian harbour", "summit un"]


def test_corrupted_save_is_reported_and_the_previous_save_survives(tmp_path):
    path = tmp_path / "g.json"
    game = play_some(1)
    save(game, path)
    game.end_turn()
    save(game, path)  # the first save is kept as g.json.bak
    good = (tmp_path / "g.json.bak").read_text()
    path.write_text(path.read_text()[:200])  # truncated, as after a crash
    with pytest.raises(SaveError) as exc:
        load_game(path)
    assert "corrupted" in str(exc.value) and "g.json.bak" in str(exc.value)
    assert (tmp_path / "g.json.bak").read_text() == good
    assert load_game(tmp_path / "g.json.bak").turn == 2


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json at all", "corrupted"),
        ('{"format": "something-else"}', "not a Brinkmanship save"),
        ('{"format": "brinkmanship-save", "version": 99}', "version 99"),
        ('{"format": "brinkmanship-save", "version": 1, "seed": 1}', "incomplete"),
    ],
)
def test_bad_saves_give_clear_errors(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(SaveError, match=message):
        load_game(path)


def test_save_of_a_changed_scenario_is_refused(tmp_path):
    game = play_some(1)
    path = save(game, tmp_path / "g.json")
    data = json.loads(path.read_text())
    data["scenario"]["hash"] = "0" * 16
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match="has changed"):
        load_game(path)


def test_failed_write_leaves_the_old_save(tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    game = play_some(1)
    save(game, path)
    before = path.read_text()

    def broken(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken)
    with pytest.raises(OSError):
        save(game, path)
    monkeypatch.undo()
    assert path.read_text() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_queue_refuses_an_illegal_order_with_its_reason():
    game = Game.new(load("tutorial"), 1, humans=[0])
    with pytest.raises(IllegalOrder, match="not open"):
        game.queue(0, game.find_option(0, "negotiate harbour-talks"))


def test_a_save_made_under_older_rules_is_refused_with_the_versions(tmp_path):
    """A save from rules version 1 (before model v2) would not replay to the
    same game: loading it says which rules made it and which this game uses."""
    from game.core.engine import RULES_VERSION
    from game.session.save import SaveError, load_game, save

    game = Game.new(load("tutorial"), 3, humans=[])
    game.end_turn()
    path = tmp_path / "old.json"
    save(game, path)
    data = json.loads(path.read_text())
    assert data["rules"] == RULES_VERSION
    del data["rules"]
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=f"made with rules version 1; this game uses rules version {RULES_VERSION}"):
        load_game(path)
