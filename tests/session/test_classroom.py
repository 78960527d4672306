"""Classroom play: hot-seat privacy, the facilitator, branching from a past turn."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from game.scenario.loader import load
from game.session.facilitator import FacilitatorError, enable, unlock
from game.session.game import Game, IllegalOrder
from game.session.save import load_game, save


def run(args: list[str], stdin: str, cwd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_hot_seat_never_shows_one_role_the_others_orders(tmp_path):
    """Southland queues a summit and seals its orders; the hand-over screen and
    Northland's whole order phase show nothing of it. Both resolve together."""
    script = "\norder summit un\norders\nend\n\nstatus\nactions\norders\norder negotiate harbour-talks\nend\n\nquit\n"
    res = run(["play", "tutorial", "--text", "--role", "southland,northland", "--seed", "5"], script, tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    handover = out.index("Hand the keyboard to Northland")
    northland_phase = out[handover : out.index("=== Turn 1 resolved ===")]
    assert "--- Northland ---" in northland_phase
    # Southland's queued order, as Southland saw it, appears nowhere...
    assert "Queued: Summit" not in northland_phase
    assert "1. Summit / public diplomacy → United Nations [1]\n" not in northland_phase
    # ... nor Southland's private values; Northland sees its own queue, empty.
    assert "Southland: leverage" not in northland_phase
    assert "No orders queued." in northland_phase
    resolved = out[out.index("=== Turn 1 resolved ===") :]
    assert "Southland: Summit / public diplomacy → United Nations" in resolved
    assert "Hand the keyboard to Southland" in resolved


def test_facilitator_needs_the_passphrase_and_logs_every_intervention(tmp_path):
    sc = load("tutorial")
    game = Game.new(sc, 2, humans=[0, 1])
    enable(game, "white cell")
    with pytest.raises(FacilitatorError, match="wrong passphrase"):
        unlock(game, "guess")
    fac = unlock(game, "white cell")
    fac.pause("students debate")
    with pytest.raises(IllegalOrder, match="paused"):
        game.end_turn()
    fac.resume()
    fac.adjust("stability", ["harbour"], 45, "the port calms down")
    fac.inject("ceasefire-violation", "test the ceasefire")
    fac.custom_event("Dockers strike", "The port stops working.", [("need", ["harbour"], 10)], "improvised")
    assert game.value("stability", 0) == pytest.approx(45 - 8)
    kinds = [(i["turn"], i["kind"]) for i in game.interventions]
    assert kinds == [(1, "note"), (1, "pause"), (1, "resume"), (1, "adjust"), (1, "inject"), (1, "custom")]
    # The wrong attempt before the unlock is in the sealed record.
    assert game.interventions[0]["note"] == "1 wrong passphrase typed before this unlock on turn 1"
    assert all("note" in i for i in game.interventions)
    why = [e.cause.text for e in game.why("stability", 0)]
    assert "the port calms down" in why
    overview = {row["actor"]: row for row in fac.overview()}
    assert set(overview["northland"]) >= {"strength", "support", "queued"}


def test_facilitator_log_is_kept_in_the_save_and_replayed(tmp_path):
    sc = load("tutorial")
    game = Game.new(sc, 2, humans=[0])
    enable(game, "white cell")
    fac = unlock(game, "white cell")
    fac.adjust("leverage", ["northland"], 30, "a shock")
    game.end_turn()
    fac.inject("storm", "second storm")
    fac.custom_event("Aid convoy", "", [("need", ["harbour"], -5)], "")
    game.end_turn()
    path = save(game, tmp_path / "g.json")
    data = json.loads(path.read_text())
    assert "white cell" not in path.read_text()
    assert [i["kind"] for i in data["interventions"]] == ["adjust", "inject", "custom"]
    again = load_game(path)
    for name, arr in game.state.arrays().items():
        assert np.array_equal(arr, getattr(again.state, name)), name
    assert [i["kind"] for i in again.interventions] == ["adjust", "inject", "custom"]
    assert unlock(again, "white cell")
    with pytest.raises(FacilitatorError):
        unlock(again, "White Cell")


def test_students_cannot_reach_facilitator_controls_in_the_terminal(tmp_path):
    script = (
        "white cell\nwhite cell\nfac pause\nfacilitator\nnot it\nfac view\nfacilitator\n"
        "white cell\nfac pause\nend\nfac resume\nend\nquit\n"
    )
    res = run(["play", "tutorial", "--text", "--facilitator", "--seed", "1"], script, tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert out.count("Facilitator controls are locked") == 2
    assert "Refused: wrong passphrase." in out
    assert "Facilitator controls unlocked" in out
    assert "The facilitator has paused the game" in out
    assert "=== Turn 1 resolved ===" in out


def test_branch_from_a_past_turn_continues_as_a_new_game(tmp_path):
    sc = load("tutorial")
    game = Game.new(sc, 4, humans=[0])
    for _ in range(5):
        game.end_turn()
    path = save(game, tmp_path / "g.json")
    branch = load_game(path, upto=3)
    assert branch.turn == 3
    for q in ("leverage", "reputation", "stability"):
        assert np.array_equal(branch.history[-1][q], game.history[2][q])
    legal = [v for v in branch.options(0, with_predictions=False) if v.legal]
    branch.queue(0, legal[0].option)
    branch.end_turn()
    assert branch.turn == 4 and len(branch.log) == 3
    original = load_game(path, upto=4).state
    assert any(not np.array_equal(arr, getattr(original, name)) for name, arr in branch.state.arrays().items())


def test_replay_steps_through_turns_and_branches(tmp_path):
    from game.session.replay import Replay

    sc = load("tutorial")
    game = Game.new(sc, 8, humans=[])
    while not game.over:
        game.end_turn()
    path = save(game, tmp_path / "g.json")
    rp = Replay.load(path)
    assert rp.last == game.turn
    for t in (1, 4, rp.last):
        g = rp.at(t)
        assert g.turn == t
        assert np.array_equal(g.history[-1]["stability"], game.history[t - 1]["stability"])
    assert rp.at(0).turn == 1 and rp.at(99).turn == rp.last
    b = rp.branch(4)
    assert b is not rp.at(4) and b.turn == 4 and not b.over


def test_sealed_hot_seat_orders_survive_a_save_in_the_middle_of_a_turn(tmp_path):
    """Southland ends its turn (orders sealed) and the game is saved before
    Northland ends it: loading brings back Southland's sealed orders, and the
    turn resolves exactly as if nothing had happened."""
    sc = load("tutorial")
    ids = [a.id for a in sc.rules.actors]
    south, north = ids.index("southland"), ids.index("northland")

    def southland_seals(game: Game) -> None:
        game.queue(south, game.find_option(south, "summit un"))
        game.sealed.add(south)

    straight = Game.new(sc, 5, humans=[south, north])
    southland_seals(straight)
    path = tmp_path / "mid-turn.json"
    save(straight, path)
    assert json.loads(path.read_text())["sealed"] == {"southland": ["summit un"]}

    loaded = load_game(path)
    assert loaded.sealed == {south}
    assert loaded.pending[south] == straight.pending[south] and loaded.pending[north] == []
    for game in (straight, loaded):
        game.queue(north, game.find_option(north, "intelligence southland"))
        game.end_turn()
        assert game.sealed == set()
    assert loaded.log[-1].orders == straight.log[-1].orders
    np.testing.assert_array_equal(loaded.state.leverage, straight.state.leverage)
    # Saved again after the turn: nothing is sealed any more.
    save(loaded, path)
    assert json.loads(path.read_text())["sealed"] == {}


@pytest.mark.parametrize("sealed", [["summit un"], {"atlantis": []}, {"southland": ["fly to the moon"]}, {"un": []}])
def test_damaged_sealed_orders_are_reported_and_the_save_is_left_alone(tmp_path, sealed):
    from game.session.save import SaveError

    sc = load("tutorial")
    game = Game.new(sc, 5, humans=[0, 1])
    path = tmp_path / "game.json"
    save(game, path)
    data = json.loads(path.read_text())
    data["sealed"] = sealed
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(SaveError, match="sealed orders|damaged|unknown actor"):
        load_game(path)
    assert path.read_bytes() == before


def test_terminal_hot_seat_goes_on_with_the_role_still_to_end_the_turn(tmp_path):
    first = "\norder summit un\nend\n\nsave\nquit\n"
    res = run(
        ["play", "tutorial", "--text", "--role", "southland,northland", "--seed", "5", "--save", "mid.json"],
        first,
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    res = run(["play", "--load", "mid.json", "--text"], "\norders\norder humanitarian camps\nend\n\nquit\n", tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    before_end = out[: out.index("=== Turn 1 resolved ===")]
    assert "Summit" not in before_end  # Northland never sees Southland's sealed order
    assert "No orders queued." in before_end
    assert "Already ended this turn (orders sealed): Southland." in before_end
    assert "Southland: Summit / public diplomacy → United Nations" in out[out.index("=== Turn 1 resolved ===") :]
