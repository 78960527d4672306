"""Classroom settings of a game: team names, the turn timer and the
reflection prompt ("Why did you choose this?").

Front ends (the window, the terminal) show these and hand the answers here;
team names and answers are kept in the save (``teams``, ``reflections``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from game.session.game import Game

MAX_TEAM = 60
MAX_ANSWER = 2000
REFLECTION_PROMPT = "Why did you choose this?"
MAX_TIMER_MINUTES = 120


class ClassroomError(ValueError):
    """A team name, answer or timer that cannot be used."""


def clean_text(text: str, limit: int) -> str:
    """One line of printable text, at most ``limit`` characters."""
    out = "".join(ch if ch.isprintable() else " " for ch in str(text)).strip()
    return " ".join(out.split())[:limit]


def set_team(game: Game, actor: int, name: str) -> str:
    """Name the team that plays ``actor`` (a human seat); the name as kept."""
    if actor not in game.humans:
        raise ClassroomError(f"{game.rules.actors[actor].name} is not played by a team in this game")
    name = clean_text(name, MAX_TEAM)
    if not name:
        game.teams.pop(actor, None)
        return ""
    game.teams[actor] = name
    return name


def team_label(game: Game, actor: int) -> str:
    """'Team Blue (United States)' for a named team, else the actor's name."""
    name = game.rules.actors[actor].name
    team = game.teams.get(actor)
    return f"{team} ({name})" if team else name


def parse_teams(game: Game, specs: list[str]) -> None:
    """Team names from the command line: ``ROLE=NAME`` each."""
    ids = [a.id for a in game.rules.actors]
    for spec in specs:
        if "=" not in spec:
            raise ClassroomError(f"--team needs ROLE=NAME, not '{clean_text(spec, 60)}'")
        role, name = spec.split("=", 1)
        if role not in ids:
            raise ClassroomError(f"unknown role '{clean_text(role, 40)}' (one of: {', '.join(ids)})")
        set_team(game, ids.index(role), name)


def reflect(game: Game, actor: int, text: str) -> dict | None:
    """Keep a team's answer to the reflection prompt for the turn being played
    (an empty answer is no answer). Returns what was kept."""
    text = clean_text(text, MAX_ANSWER)
    if not text:
        return None
    if actor not in game.humans:
        raise ClassroomError(f"{game.rules.actors[actor].name} is not played by a team in this game")
    item = {"turn": game.turn, "actor": game.rules.actors[actor].id, "text": text}
    game.reflections.append(item)
    return item


@dataclass
class TurnTimer:
    """A countdown for one seat's turn in hot-seat play. When it runs out the
    front end ends that seat's turn with the orders queued so far."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    started: float | None = field(default=None)

    def __post_init__(self) -> None:
        if not 0 < self.seconds <= MAX_TIMER_MINUTES * 60:
            raise ClassroomError(f"the turn timer must be from 1 second to {MAX_TIMER_MINUTES} minutes")

    def start(self) -> None:
        self.started = self.clock()

    def stop(self) -> None:
        self.started = None

    @property
    def running(self) -> bool:
        return self.started is not None

    def remaining(self) -> float:
        if self.started is None:
            return self.seconds
        return max(0.0, self.seconds - (self.clock() - self.started))

    def expired(self) -> bool:
        return self.started is not None and self.remaining() <= 0

    def text(self) -> str:
        """'4:05' left."""
        left = int(round(self.remaining()))
        return f"{left // 60}:{left % 60:02d}"


def parse_minutes(text: str) -> float:
    """Seconds from a number of minutes ('5', '1.5')."""
    try:
        minutes = float(text)
    except ValueError:
        raise ClassroomError(f"the turn timer is a number of minutes, not '{clean_text(text, 20)}'") from None
    if not (minutes == minutes) or not 0 < minutes <= MAX_TIMER_MINUTES:
        raise ClassroomError(f"the turn timer must be more than 0 and at most {MAX_TIMER_MINUTES} minutes")
    return minutes * 60
