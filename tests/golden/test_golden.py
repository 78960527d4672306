"""Golden replays: saved games replay to the same state on every machine and
in every version with the same rules, and the AI, re-run, gives the same orders."""

from __future__ import annotations

import json

import pytest
from digest import CASES, HERE, digest

from game.scenario.loader import load
from game.session.game import Game
from game.session.save import load_game, read

REGENERATE = "if the rules or this scenario changed on purpose, run: python tests/golden/digest.py"


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_save_replays_to_the_recorded_state(name):
    expected = json.loads((HERE / f"{name}.expected.json").read_text())
    game = load_game(HERE / f"{name}.save.json")
    assert game.turn == expected["turn"]
    assert digest(game.state) == expected["digest"], REGENERATE
    assert [round(float(x), 6) for x in game.scores()] == expected["scores"]
    assert [int(x) for x in game.state.outcome[0]] == expected["outcomes"]


@pytest.mark.parametrize("name", sorted(CASES))
def test_ai_rerun_gives_the_saved_orders(name):
    """Replaying with the AI deciding again (not reading its saved orders)
    reproduces every AI order of the golden game."""
    data = read(HERE / f"{name}.save.json")
    sid, seed, humans, _ = CASES[name]
    sc = load(sid)
    ids = [a.id for a in sc.rules.actors]
    game = Game.new(sc, seed, humans=[ids.index(h) for h in humans])
    for t in data["turns"]:
        human = {ids.index(h): [game.find_option(ids.index(h), s) for s in t["orders"].get(h, [])] for h in humans}
        game.pending = human
        rec = game.end_turn()
        for aid, slugs in t["orders"].items():
            if aid in humans:
                continue
            a = ids.index(aid)
            assert [sc.rules.option_slug(o) for o in rec.orders.get(a, [])] == slugs, (t["turn"], aid)
