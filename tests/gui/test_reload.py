"""`play FILE --reload`: the window follows the scenario file as it is saved,
keeping the seed and the orders so far; a broken edit is shown with its line
and the game goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from game.gui.app import App
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.game import Game
from game.session.reload import reload_game
from tests.gui.conftest import step, wait_idle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def scenario_file(tmp_path) -> Path:
    path = tmp_path / "reef.yaml"
    shutil.copy(ROOT / "docs" / "authoring" / "step3.yaml", path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_reload_game_keeps_seed_and_orders_and_leaves_out_what_no_longer_exists(scenario_file):
    game = Game.new(load(scenario_file), 7, humans=[0])
    game.queue(0, game.find_option(0, "fishing_ban tarsk"))
    game.end_turn()
    game.queue(0, game.find_option(0, "sanctions tarsk"))
    edit(scenario_file, "tension: 30", "tension: 45")
    again, notes = reload_game(game)
    assert again.seed == 7 and again.turn == 2 and notes == []
    assert again.log[0].orders[0] == game.log[0].orders[0]
    assert again.pending[0] == game.pending[0]
    assert again.rules.initial.tension == 45
    edit(scenario_file, "    fishing_ban:\n", "    fishing_embargo:\n")
    _, notes = reload_game(game)
    assert notes == [
        "turn 1: marona's order 'fishing_ban tarsk' left out (no such order: 'fishing_ban tarsk' "
        "(type 'actions' for the names))"
    ]


def test_the_window_reloads_the_file_when_it_is_saved(scenario_file):
    game = Game.new(load(scenario_file), 3, humans=[0])
    app = App(game, settings=Settings(), size=(1280, 720), reload=True)
    try:
        step(app)
        app.screen.overlay = None  # the briefing read: the map
        game.queue(0, game.find_option(0, "fishing_ban tarsk"))
        edit(scenario_file, "tension: 30", "tension: 45")
        app.reload_next = 0.0
        step(app)
        wait_idle(app)
        assert app.game is not game
        assert app.game.rules.initial.tension == 45 and app.game.seed == 3
        assert app.game.pending[0] == game.pending[0]  # the order queued before the edit is still there
        assert app.toast_text.startswith("reef.yaml reloaded: turn 1, the same seed and orders")
        assert app.screen.overlay is None  # no briefing again after an edit
        pygame.image.save(app.surface, str(scenario_file.parent / "reloaded.png"))

        kept = app.game
        edit(scenario_file, "tension: 45", "tension: 4e1")
        app.reload_next = 0.0
        step(app)
        assert app.game is kept  # the game goes on
        assert "reef.yaml not reloaded, the game goes on:" in app.toast_text
        assert "reef.yaml:11:10: error: 'tension' must be a number" in app.toast_text
        step(app)
        pygame.image.save(app.surface, str(scenario_file.parent / "broken.png"))
    finally:
        app.screen.leave()
        pygame.quit()
