"""Team names, the turn timer, the reflection prompt and the facilitator's
injects, through the session and the terminal."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from game.cli.text import run_text
from game.scenario.loader import load
from game.session.classroom import ClassroomError, TurnTimer, parse_minutes, reflect, set_team, team_label
from game.session.facilitator import describe, enable, unlock
from game.session.game import Game
from game.session.save import SaveError, from_dict, load_game, save, to_dict


class Clock:
    """A clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_timer_counts_down_from_when_it_starts():
    clock = Clock()
    t = TurnTimer(90, clock)
    assert not t.expired() and t.text() == "1:30"
    t.start()
    clock.now = 30
    assert t.text() == "1:00" and not t.expired()
    clock.now = 95
    assert t.expired() and t.remaining() == 0
    with pytest.raises(ClassroomError):
        TurnTimer(0)
    assert parse_minutes("1.5") == 90
    for bad in ("nan", "-1", "abc", "1e9"):
        with pytest.raises(ClassroomError):
            parse_minutes(bad)


def test_team_names_and_answers_are_clean_bounded_and_only_for_teams():
    game = Game.new(load("tutorial"), 1, humans=[0])
    assert set_team(game, 0, "  Team\x1b[31m Blue\n ") == "Team [31m Blue"
    assert team_label(game, 0) == "Team [31m Blue (Southland)"
    with pytest.raises(ClassroomError):
        set_team(game, 1, "Not a team")
    assert len(set_team(game, 0, "x" * 500)) == 60
    assert reflect(game, 0, "   ") is None
    assert reflect(game, 0, "y" * 5000)["text"] == "y" * 2000
    with pytest.raises(ClassroomError):
        reflect(game, 2, "the AI has no reasons to give here")


def test_old_saves_load_and_bad_classroom_fields_are_one_line_errors():
    game = Game.new(load("tutorial"), 1, humans=[0])
    data = to_dict(game)
    assert "teams" not in data and "reflections" not in data and "origin" not in data
    from_dict(json.loads(json.dumps(data)))  # a save as made before these fields existed
    for key, value, problem in (
        ("teams", {"northland": "Reds"}, "teams.northland: not a human role"),
        ("teams", {"southland": ""}, "teams.southland"),
        ("reflections", [{"turn": 9, "actor": "southland", "text": "x"}], "reflections[0].turn"),
        ("reflections", [{"turn": 1, "actor": "nobody", "text": "x"}], "reflections[0].actor"),
        ("origin", {"game": "a.json"}, "origin.turn"),
    ):
        bad = dict(data, **{key: value})
        with pytest.raises(SaveError, match=problem.replace("[", r"\[").replace("]", r"\]")):
            from_dict(bad)


def test_time_up_ends_the_seats_turn_with_its_queued_orders(tmp_path):
    game = Game.new(load("tutorial"), 5, humans=[0, 1])
    clock = Clock()
    script = io.StringIO("\norder summit un\nstatus\n\nend\nquit\n")
    out = io.StringIO()

    # Every line read moves the clock on by a minute: Southland's second command comes after its 90 s.
    real_readline = script.readline

    def readline(*a):
        clock.now += 60
        return real_readline(*a)

    script.readline = readline  # type: ignore[method-assign]
    run_text(game, 0, script, out, save_path=tmp_path / "t.json", timer=90, clock=clock)
    text = out.getvalue()
    assert "[1:30 left]" in text
    assert "Time is up for Southland: the turn ends with the orders queued so far." in text
    assert "Orders of Southland sealed." in text
    saved = load_game(tmp_path / "t.json")
    assert saved.log[0].orders[0] == [game.find_option(0, "summit un")]


def test_the_terminal_asks_why_and_shows_team_names(tmp_path):
    target = tmp_path / "r.json"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "play",
            "tutorial",
            "--text",
            "--role",
            "southland,northland",
            "--team",
            "southland=Blue",
            "--team",
            "northland=Red",
            "--reflect",
            "--save",
            str(target),
        ],
        input="\nend\ntalks before force\n\nend\n\n\nquit\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert "Hand the keyboard to Red (Northland)" in res.stdout
    assert "turn 1 southland (Blue)>" in res.stdout
    assert res.stdout.count("Why did you choose this?") == 2
    game = load_game(target)
    assert game.teams == {0: "Blue", 1: "Red"}
    assert game.reflections == [{"turn": 1, "actor": "southland", "text": "talks before force"}]


def test_fac_injects_marks_prepared_injects_and_those_already_fired():
    game = Game.new(load("gulf-1990"), 2, humans=[0, 1])
    enable(game, "white cell")
    controls = unlock(game, "white cell")
    game.end_turn()
    items = controls.inject_list()
    prepared = [x["id"] for x in items if x["prepared"]]
    assert prepared == [e.id for e in game.rules.events if e.inject] and prepared
    assert [x["prepared"] for x in items] == sorted((x["prepared"] for x in items), reverse=True)
    fired = {x["id"]: x["turn"] for x in items if x["fired"]}
    assert fired.get("invasion") == 1
    controls.inject(prepared[0], "test")
    sent = next(x for x in controls.inject_list() if x["id"] == prepared[0])
    assert sent["fired"] and sent["sent"] and sent["turn"] == 2


def test_interventions_read_with_names_and_old_and_new_values(tmp_path):
    game = Game.new(load("gulf-1990"), 2, humans=[0])
    enable(game, "white cell")
    controls = unlock(game, "white cell")
    before = game.value("stability", 2)
    controls.adjust("stability", [game.rules.regions[2].id], 55.0, "calm")
    text = describe(game, game.interventions[-1])
    assert text == f"Set stability of {game.rules.regions[2].name}: {round(before, 1):g} → 55"
    path = save(game, tmp_path / "g.json")
    again = load_game(path)
    assert describe(again, again.interventions[-1]) == text


def test_fac_injects_in_the_terminal(tmp_path):
    res = subprocess.run(
        [sys.executable, "-m", "game", "play", "gulf-1990", "--text", "--facilitator", "--save", "g.json"],
        input="white cell\nwhite cell\nend\nfacilitator\nwhite cell\nfac injects\nquit\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout[res.stdout.index("Prepared injects") :]
    assert "linkage-offer" in out[: out.index("other events")]
    assert "[already happened on turn 1]" in out
