"""The base of the terminal's command groups (see :class:`game.cli.text.TextUI`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.cli.text import TextUI


class Commands:
    """A group of the terminal's commands. The state they read and change
    (the game, the role at the keyboard, where it is saved) is the
    :class:`TextUI`'s; they only format what the session returns."""

    def __init__(self, ui: "TextUI") -> None:
        self.ui = ui

    def p(self, text: str = "") -> None:
        """Print a line (cleaned of escape sequences)."""
        self.ui.p(text)
