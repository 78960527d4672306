"""Shortened games: any scenario played in fewer turns (``--turns N``).

A lesson rarely has time for a scenario's 18 or 26 turns. ``shorten`` turns
a loaded scenario into one of ``N`` turns without touching its file: the
same actors, regions, actions and per-turn rules, with everything the
scenario says about *when* moved onto the shorter calendar.

* **Turns in conditions** (event triggers, victory and defeat, the early end,
  custom actions' requirements): turn ``t`` of ``L`` becomes
  ``1 + (t - 1) × N / L`` rounded half up, so the first turn stays the first and the
  last the last; ``L + k`` (a condition "at the end", e.g. ``turn: {min: 19}``
  in an 18-turn scenario) becomes ``N + k``.
* **Delays** of events shrink in proportion, ``d × N / L`` rounded half up, but a
  delayed event keeps a delay of at least one turn.
* **The calendar** keeps its start and end: each turn covers ``L / N`` times
  as many days, so the dates of the shortened game still run from the
  scenario's first date to its last.
* **Per-turn rules** (drift, costs, the pace of talks) are not scaled: a
  shortened game is a faster crisis, not a slower one compressed.

The game records the number of turns in its save; loading the save applies
the same transformation to the same scenario, so a shortened game replays
exactly.
"""

from __future__ import annotations

import dataclasses
import math

from game.core.conditions import Compare, Condition, Ref, map_leaves
from game.core.spec import Calendar
from game.scenario.compile import Scenario

MIN_TURNS = 2


class PacingError(ValueError):
    """A number of turns that cannot shorten this scenario."""


def scale_turn(t: float, original: int, turns: int) -> int:
    """Turn ``t`` of an ``original``-turn game in a ``turns``-turn one."""
    t = int(round(t))
    if t > original:
        return turns + (t - original)
    if t < 1:
        return t
    return max(1, min(turns, 1 + math.floor((t - 1) * turns / original + 0.5)))


def scale_delay(d: int, original: int, turns: int) -> int:
    if d <= 0:
        return d
    return max(1, math.floor(d * turns / original + 0.5))


def _cond(c: Condition, original: int, turns: int) -> Condition:
    def scaled(x: Condition) -> Condition:
        if isinstance(x, Compare) and x.ref.quantity == "turn":
            return Compare(Ref("turn", x.ref.i, x.ref.j), x.op, float(scale_turn(x.value, original, turns)))
        return x

    return map_leaves(c, scaled)


def shorten(scenario: Scenario, turns: int) -> Scenario:
    """The scenario played in ``turns`` turns (the scenario itself if that is its length)."""
    r = scenario.rules
    original = r.turn_limit
    if isinstance(turns, bool) or not isinstance(turns, int):
        raise PacingError("the number of turns must be a whole number")
    if turns == original:
        return scenario
    if not MIN_TURNS <= turns <= original:
        raise PacingError(
            f"'{scenario.id}' can be shortened to {MIN_TURNS} to {original} turns (it has {original}), not {turns}"
        )
    f = lambda c: _cond(c, original, turns)
    events = tuple(
        dataclasses.replace(e, trigger=f(e.trigger), delay=scale_delay(e.delay, original, turns)) for e in r.events
    )
    roles = tuple(dataclasses.replace(ro, victory=f(ro.victory), defeat=f(ro.defeat)) for ro in r.roles)
    actions = tuple(dataclasses.replace(a, requires=f(a.requires)) for a in r.actions)
    span = r.calendar.days_per_turn * (original - 1)
    days = max(1, round(span / max(turns - 1, 1)))
    rules = dataclasses.replace(
        r,
        events=events,
        roles=roles,
        actions=actions,
        end_condition=f(r.end_condition),
        turn_limit=turns,
        calendar=Calendar(r.calendar.start, days),
    )
    return dataclasses.replace(scenario, rules=rules)


def pacing_record(scenario: Scenario, turns: int) -> dict[str, int]:
    """What a save keeps of a shortened game."""
    return {"turns": turns, "original": scenario.rules.turn_limit}


def paced(scenario: Scenario, turns: int) -> tuple[Scenario, dict[str, int] | None]:
    """The scenario played in ``turns`` turns, and what a new game of it keeps of that (None when that is the
    scenario's own length). Raises :class:`PacingError`."""
    record = pacing_record(scenario, turns)
    short = shorten(scenario, turns)
    return short, (record if record["turns"] != record["original"] else None)
