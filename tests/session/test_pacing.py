"""Shortened games (--turns N): events and conditions scaled, the calendar
kept, the length recorded in the save and replayed exactly."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from game.core.conditions import All, Any, Compare, Not
from game.scenario.loader import load
from game.session.game import Game
from game.session.pacing import PacingError, pacing_record, scale_delay, scale_turn, shorten
from game.session.save import SaveError, from_dict, load_game, save, to_dict


def turn_values(cond) -> list[float]:
    if isinstance(cond, Compare):
        return [cond.value] if cond.ref.quantity == "turn" else []
    if isinstance(cond, (All, Any)):
        return [v for c in cond.items for v in turn_values(c)]
    if isinstance(cond, Not):
        return turn_values(cond.item)
    return []


def test_turns_scale_from_first_to_last_and_at_the_end_stays_at_the_end():
    assert [scale_turn(t, 18, 9) for t in (1, 2, 9, 17, 18)] == [1, 2, 5, 9, 9]
    assert scale_turn(19, 18, 9) == 10  # "at the end" of 18 turns is the end of 9
    assert scale_turn(20, 18, 9) == 11
    assert all(scale_turn(t, 18, 9) <= scale_turn(t + 1, 18, 9) for t in range(1, 20))
    assert scale_delay(0, 18, 9) == 0 and scale_delay(1, 18, 6) == 1 and scale_delay(6, 18, 9) == 3


def test_a_shortened_scenario_moves_every_turn_onto_the_shorter_calendar():
    sc = load("gulf-1990")
    short = shorten(sc, 9)
    r, s = sc.rules, short.rules
    assert s.turn_limit == 9 and r.turn_limit == 18
    for e0, e1 in zip(r.events, s.events):
        assert turn_values(e1.trigger) == [scale_turn(v, 18, 9) for v in turn_values(e0.trigger)], e0.id
        assert e1.delay == scale_delay(e0.delay, 18, 9)
    for r0, r1 in zip(r.roles, s.roles):
        # "Iraq still holds Kuwait at the end" (turn 19 of 18) is the end of the short game.
        assert 19 in turn_values(r0.defeat) and 10 in turn_values(r1.defeat)
    # The dates still run from the scenario's first to (about) its last.
    assert s.calendar.date_of(1) == r.calendar.date_of(1)
    assert abs((s.calendar.date_of(9) - r.calendar.date_of(18)).days) <= 8
    # The loaded scenario itself is untouched.
    assert load("gulf-1990").rules.turn_limit == 18 and sc.content_hash == short.content_hash


def test_a_shortened_game_ends_on_time_and_replays_exactly(tmp_path):
    sc = load("gulf-1990")
    game = Game.new(shorten(sc, 8), 3, humans=[])
    game.pacing = pacing_record(sc, 8)
    while not game.over:
        game.end_turn()
    assert len(game.log) == 8
    data = to_dict(game)
    assert data["pacing"] == {"turns": 8, "original": 18}
    again = from_dict(json.loads(json.dumps(data)))
    assert again.rules.turn_limit == 8 and again.pacing == {"turns": 8, "original": 18}
    assert list(again.scores()) == list(game.scores())
    fired = {e.cause.source for e in game.ledger.entries if e.cause.kind.value == "event"}
    assert {"invasion", "annexation", "saudi-invitation"} <= fired


def test_bad_lengths_are_refused_clearly(tmp_path):
    sc = load("tutorial")
    with pytest.raises(PacingError, match="2 to 8"):
        shorten(sc, 20)
    game = Game.new(shorten(sc, 4), 1, humans=[0])
    game.pacing = pacing_record(sc, 4)
    data = to_dict(game)
    data["pacing"]["turns"] = 50
    with pytest.raises(SaveError, match="pacing.turns"):
        from_dict(data)
    data["pacing"] = {"turns": 4, "original": 12}
    with pytest.raises(SaveError, match="pacing.original"):
        from_dict(data)
    res = subprocess.run(
        [sys.executable, "-m", "game", "play", "tutorial", "--text", "--turns", "30"],
        input="quit\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert res.returncode == 2 and "Traceback" not in res.stderr and "turns" in res.stderr


def test_play_turns_plays_the_short_game_and_saves_its_length(tmp_path):
    target = tmp_path / "short.json"
    script = "end\n" * 4 + "quit\n"
    res = subprocess.run(
        [sys.executable, "-m", "game", "play", "tutorial", "--text", "--turns", "4", "--save", str(target)],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "turn 1/4" in res.stdout
    game = load_game(target)
    assert game.over and len(game.log) == 4 and game.pacing == {"turns": 4, "original": 8}
    save(game, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["pacing"] == {"turns": 4, "original": 8}
