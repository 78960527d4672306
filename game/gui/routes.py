"""Where the screens lead: one constructor per screen, for the others to return.

A screen's input handlers return the screen to go to (or None to stay);
the app switches to what they return. The screens do not import one
another: they ask this module for the next screen, and this module imports
a screen's module only when that screen is asked for, so no module imports
round a cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.gui.app import App
    from game.gui.screen import Screen
    from game.scenario.compile import Scenario
    from game.session.facilitator import Controls
    from game.session.game import Game


def main_menu(app: "App", selected: str | None = None) -> "Screen":
    """The main menu, on the scenario ``selected`` (its id) if given."""
    from game.gui.menu import MenuScreen

    return MenuScreen(app, selected)


def new_game(app: "App", scenario: "Scenario") -> "Screen":
    from game.gui.newgame import NewGameScreen

    return NewGameScreen(app, scenario)


def load_game(app: "App", back: "Screen | None" = None) -> "Screen":
    """The list of saves; Back goes to ``back`` (the game it was opened from), else the main menu."""
    from game.gui.menu import LoadScreen

    return LoadScreen(app, back)


def settings(app: "App", back: "Screen | None" = None) -> "Screen":
    """The settings; Esc goes back to ``back`` (default: the main menu)."""
    from game.gui.menu import SettingsScreen

    return SettingsScreen(app, back)


def play(app: "App", game: "Game", actor: int | None = None, save_path: Path | None = None) -> "Screen":
    from game.gui.play.screen import PlayScreen

    return PlayScreen(app, game, actor, save_path)


def end(app: "App", game: "Game", actor: int, save_path: Path | None = None) -> "Screen":
    from game.gui.end import EndScreen

    return EndScreen(app, game, actor, save_path)


def facilitator(app: "App", back: "Screen", controls: "Controls") -> "Screen":
    """The facilitator's controls; closing them goes back to ``back``."""
    from game.gui.facilitator import FacilitatorScreen

    return FacilitatorScreen(app, back, controls)


def replay(app: "App", path: Path, back: "Screen | None" = None) -> "Screen | None":
    """``path`` as a replay (None, with a toast that says why, if it cannot be read)."""
    from game.gui.replay import open_replay

    return open_replay(app, path, back)


def saved_game(app: "App", path: Path) -> "Screen | None":
    """The game saved at ``path`` (None, with a toast that says why, if it cannot be read)."""
    from game.gui.userdata import read
    from game.session.facilitator import record_status

    game, err = read(Path(path))
    if game is None:
        app.toast(err.splitlines()[0] if err else "Could not load the save.", 6.0)
        return None
    status = record_status(game)
    doubt = f" {status.text}" if status.code in ("unverifiable", "removed", "altered") else ""
    app.toast(f"Loaded {Path(path).stem} (turn {game.turn}).{doubt}", 10.0 if doubt else 3.0)
    return play(app, game)
