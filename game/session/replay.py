"""Replays: step through a saved game turn by turn, and branch from any turn.

A save holds the scenario, the seed and every order, so the game at the start
of any turn is rebuilt by replaying the orders up to it. Rebuilt turns are
cached; branching returns a new game that continues from that turn (its own
orders from then on, its own save).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.session.game import Game
from game.session.save import from_dict, read


class Replay:
    def __init__(self, data: dict[str, Any], where: str = "save") -> None:
        self.data = data
        self.where = where
        self._cache: dict[int, Game] = {}
        self.full = from_dict(data, where)
        self.last = self.full.turn

    @classmethod
    def load(cls, path: str | Path) -> "Replay":
        return cls(read(path), str(path))

    @property
    def first(self) -> int:
        return 1

    def at(self, turn: int) -> Game:
        """The game as it stood at the start of ``turn`` (1 .. last)."""
        turn = max(self.first, min(int(turn), self.last))
        if turn == self.last:
            return self.full
        if turn not in self._cache:
            self._cache[turn] = from_dict(self.data, self.where, upto=turn)
        return self._cache[turn]

    def branch(self, turn: int) -> Game:
        """A new game continuing from the start of ``turn`` (a fresh copy)."""
        return from_dict(self.data, self.where, upto=turn)
