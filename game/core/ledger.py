"""The causal ledger: every change to every value, with its cause.

Recording is optional. Interactive games and replays record; a large batch
runs without a ledger, and any of its games replayed alone has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class CauseKind(str, Enum):
    ACTION = "action"
    EVENT = "event"
    RULE = "rule"
    FACILITATOR = "facilitator"


@dataclass(frozen=True)
class Cause:
    kind: CauseKind
    source: str
    """Action id, event id or rule name."""
    text: str
    """Why, in words: "strike on Kosovo without a Security Council mandate"."""
    actor: int = -1
    """The actor whose order or act caused the change (-1: none)."""


@dataclass(frozen=True)
class Entry:
    game: int
    turn: int
    phase: str
    quantity: str
    subject: tuple[int, ...]
    """Indices of the changed value (actor, region, pair, track, ...)."""
    delta: float
    value: float
    cause: Cause


@dataclass
class Ledger:
    entries: list[Entry] = field(default_factory=list)

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    def query(
        self,
        quantity: str | None = None,
        subject: tuple[int, ...] | None = None,
        game: int | None = None,
        turn: int | None = None,
    ) -> list[Entry]:
        """Entries matching every given field, in the order they happened."""
        out = []
        for e in self.entries:
            if quantity is not None and e.quantity != quantity:
                continue
            if subject is not None and e.subject != subject:
                continue
            if game is not None and e.game != game:
                continue
            if turn is not None and e.turn != turn:
                continue
            out.append(e)
        return out

    def for_game(self, game: int) -> "Ledger":
        return Ledger([e for e in self.entries if e.game == game])

    def __len__(self) -> int:
        return len(self.entries)
