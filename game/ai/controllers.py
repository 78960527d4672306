"""Who gives an actor's orders in an interactive game: a controller. Humans
and AI sit in the same seat; the session asks each controller for its
decision and resolves the turn."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from game.session.game import Game


@dataclass(frozen=True)
class Decision:
    """Orders an AI (or any controller) gives, with its reasons in words."""

    options: tuple[int, ...]
    reasons: tuple[str, ...] = ()


class Controller(Protocol):
    """Decides the orders of one actor."""

    name: str

    def decide(self, game: "Game", actor: int) -> Decision: ...


class PassController:
    """An actor that gives no orders."""

    name = "pass"

    def decide(self, game: "Game", actor: int) -> Decision:
        return Decision(())
