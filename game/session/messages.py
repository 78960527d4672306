"""Messages between teams: diplomatic notes sent during a game.

A message is private (to one actor) or public (to everyone). Each is kept on
the game with the turn it was sent in, so a save holds the negotiation next to
the orders it led to, and the debrief can read it back turn by turn. Every
message is checked here: a sender that is a human role, a real addressee, and
a text of at most :data:`MAX_MESSAGE` characters, cleaned of control
characters.
"""

from __future__ import annotations

from typing import Any

from game.session.files import clean
from game.session.game import Game

MAX_MESSAGE = 500
"""The longest message, in characters."""
MAX_MESSAGES = 5000
"""The most messages one game keeps (the save's limit too)."""


class MessageError(Exception):
    """A message that cannot be sent, with the reason in words."""


def send(game: Game, sender: int, to: int | None, text: str) -> dict[str, Any]:
    """Record a message from ``sender`` to actor ``to`` (None: public) and return it."""
    r = game.rules
    if sender not in game.humans:
        raise MessageError("only a team can send messages")
    if to is not None and not (0 <= to < r.n_actors):
        raise MessageError("no such addressee")
    if to == sender:
        raise MessageError("a message to yourself is a note: keep it on paper")
    text = " ".join(clean(str(text)).split())
    if not text:
        raise MessageError("the message is empty")
    if len(text) > MAX_MESSAGE:
        raise MessageError(f"keep a message under {MAX_MESSAGE} characters")
    if len(game.messages) >= MAX_MESSAGES:
        raise MessageError("this game has no room for more messages")
    msg = {"turn": game.turn, "from": sender, "to": to, "text": text}
    game.messages.append(msg)
    return msg


def visible_to(game: Game, actor: int) -> list[dict[str, Any]]:
    """The messages ``actor`` may read: the public ones, and the private ones it sent or received."""
    return [m for m in game.messages if m["to"] is None or actor in (m["from"], m["to"])]


def public(game: Game) -> list[dict[str, Any]]:
    """The public messages only (for the projector)."""
    return [m for m in game.messages if m["to"] is None]


def by_turn(game: Game) -> dict[int, list[dict[str, Any]]]:
    """Every message of the game (private ones too: for the debrief), grouped by the turn it was sent in."""
    out: dict[int, list[dict[str, Any]]] = {}
    for m in game.messages:
        out.setdefault(m["turn"], []).append(m)
    return out


def to_saved(game: Game) -> list[dict[str, Any]]:
    """The messages as a save keeps them (actors by id)."""
    ids = [a.id for a in game.rules.actors]
    return [
        {"turn": m["turn"], "from": ids[m["from"]], "to": None if m["to"] is None else ids[m["to"]], "text": m["text"]}
        for m in game.messages
    ]
