"""The base of the game screen's parts: each builds its own widgets (and
keeps them), reads the state the screen owns and asks the screen to act."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.gui.screen import Widgets
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen


class Panel(Widgets):
    """A part of the game screen (the top bar, the news, the tabs, the windows over it)."""

    def __init__(self, play: "PlayScreen") -> None:
        self.play = play
        self.app = play.app

    @property
    def game(self) -> Game:
        return self.play.game
