"""'why' names who holds a region, mediates or has an offer on the table, and a track's status, in words: never
as an actor's number or a difference of numbers (in the terminal and in the window's ledger)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pygame

from game.gui.app import App
from game.gui.play.html import why_html
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.game import Game

QUARANTINE = Path(__file__).parents[1] / "core" / "scenarios" / "quarantine-1962.yaml"


def test_why_control_in_the_terminal_names_the_holders(tmp_path):
    keys = "order withdraw quarantine\nend\nwhy control quarantine\nwhy status missiles\nquit\n"
    res = subprocess.run(
        [sys.executable, "-m", "game", "play", str(QUARANTINE), "--text", "--role", "usa", "--seed", "1",
         "--save", str(tmp_path / "q.save")],
        input=keys, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    out = res.stdout
    assert "Why control of Quarantine line is no one (started at United States):" in out, out[-2000:]
    assert "→ no one  Quarantine line held by no one" in out
    assert "Why status of Missiles for a pledge is open (started at inactive):" in out
    assert "is -1" not in out and "Traceback" not in res.stderr


def test_why_control_in_the_window_names_the_holders():
    sc = load(str(QUARANTINE))
    r = sc.rules
    game = Game.new(sc, 1, [r.actor_index("usa")])
    game.queue(r.actor_index("usa"), game.find_option(r.actor_index("usa"), "withdraw quarantine"))
    game.end_turn()
    app = App(game, settings=Settings(), size=(1280, 720))
    try:
        html = why_html(app, game, "control", (r.region_index("quarantine"),))
        assert "is no one</b> (it started at United States)" in html
        assert "→ <b>no one</b>" in html and "-1" not in html
    finally:
        app.screen.leave()
        pygame.quit()
