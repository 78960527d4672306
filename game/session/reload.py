"""Playing a scenario while writing it: reload the file when it is saved.

``brinkmanship play FILE --reload`` watches the scenario file and every file
it includes. When one is saved, the game is rebuilt under the new text with
the same seed and settings, and the orders given so far are replayed where
they still apply (an order that no longer exists is left out, with a note).
A file that no longer loads leaves the game as it was; the window shows the
first located error.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.session.game import Game
from game.session.save import from_dict, to_dict


class ScenarioWatcher:
    """Tells when a scenario's files (the file and what it includes) change on disk."""

    def __init__(self, game: Game) -> None:
        main = Path(game.scenario.path)
        names = [n for n, _ in game.scenario.sources] or [main.name]
        self.paths = [main.parent / n for n in names]
        self.seen = self._stamps()

    def _stamps(self) -> tuple[tuple[int, int] | None, ...]:
        out = []
        for p in self.paths:
            try:
                st = os.stat(p)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def changed(self) -> bool:
        """Whether a file changed since the last :meth:`accept` (or the start)."""
        return self._stamps() != self.seen

    def accept(self, game: Game | None = None) -> None:
        """Take the files as they are now as seen (and, given a reloaded game, follow its includes)."""
        if game is not None:
            self.__init__(game)  # type: ignore[misc]
        else:
            self.seen = self._stamps()


def reload_game(game: Game) -> tuple[Game, list[str]]:
    """``game`` replayed under its scenario file as it is now: the same seed,
    roles, policies, difficulty and orders (those that still exist), and notes
    on the orders left out. Raises ScenarioError (the file's located errors)
    or SaveError when the file cannot take the game."""
    data = to_dict(game)
    ref = data["scenario"]
    ref.pop("embedded", None)
    ref["hash"] = None
    ref["path"] = str(Path(game.scenario.path).resolve())
    notes: list[str] = []
    from game.scenario.loader import load

    load(ref["path"])  # the file's own errors first, with their lines
    return from_dict(data, str(game.scenario.path), rebase=notes), notes
