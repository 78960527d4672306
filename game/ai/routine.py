"""Routines: the same few orders every turn, as a player probing the balance would try them.

A routine is written ``routine:SLOT,SLOT,...``. Each turn the actor fills its
order slots from the routine's slots in turn; a slot lists alternatives
separated by ``/`` and gives the first of them that is legal and still
affordable this turn. An alternative is an action id (``summit``: its targets
ranked the way the standard AI ranks them, the first legal one taken) or an
action with its target (``show_of_force:usa``, ``deploy:gulf``,
``negotiate:p5-talks``: that order only). For example
``routine:accept_agreement/propose_agreement,deploy`` accepts any offer on the
table or else proposes terms, and sends forces where the standard AI would.

The balance gate (``brinkmanship audit``) plays one action repeated;
``brinkmanship simulate ID --policy ROLE=routine:...`` plays a routine of
several against the standard AI, for authors who want to try more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.core.spec import Rules
from game.core.state import State

PREFIX = "routine:"
MAX_SLOTS = 12
MAX_ALTERNATIVES = 12


class RoutineError(ValueError):
    """A routine that cannot be read: the message says what is wrong."""


@dataclass(frozen=True)
class Alternative:
    action: int
    option: int  # -1: any target, ranked by the standard AI's prior


@dataclass(frozen=True)
class Routine:
    actor: int
    slots: tuple[tuple[Alternative, ...], ...]

    @property
    def actions(self) -> set[int]:
        return {alt.action for slot in self.slots for alt in slot}


def is_routine(name: str) -> bool:
    return name.startswith(PREFIX)


def parse(rules: Rules, actor: int, name: str) -> Routine:
    """The routine ``name`` (``routine:...``) for ``actor``, or a :class:`RoutineError` saying what is wrong."""
    text = name[len(PREFIX) :] if is_routine(name) else name
    if not text.strip():
        raise RoutineError("a routine needs at least one action, e.g. routine:summit or routine:negotiate,summit:usa")
    slots = text.split(",")
    if len(slots) > MAX_SLOTS:
        raise RoutineError(f"a routine has at most {MAX_SLOTS} slots (this one has {len(slots)})")
    ids = [a.id for a in rules.actions]
    mine = rules.options_of(actor)
    own = sorted({ids[int(a)] for a in rules.opt_action[mine]}, key=ids.index)
    who = rules.actors[actor].id
    out = []
    for n, slot in enumerate(slots, 1):
        alts = slot.split("/")
        if len(alts) > MAX_ALTERNATIVES:
            raise RoutineError(f"a slot has at most {MAX_ALTERNATIVES} alternatives ('{slot[:60]}' has {len(alts)})")
        parsed = []
        for alt in alts:
            action, colon, target = (x.strip() for x in alt.partition(":"))
            if not action:
                raise RoutineError(
                    f"slot {n} has an empty alternative: write ACTION or ACTION:TARGET between commas and slashes"
                )
            if action not in ids:
                raise RoutineError(f"no action '{action[:40]}' in this scenario ({who} can order: {', '.join(own)})")
            a_idx = ids.index(action)
            opts = mine[rules.opt_action[mine] == a_idx]
            if not len(opts):
                raise RoutineError(f"{who} cannot order '{action}' here ({who} can order: {', '.join(own)})")
            if colon and not target:
                targets = sorted({rules.option_slug(int(o)).partition(" ")[2] for o in opts} - {""})
                hint = f"targets: {', '.join(targets)}" if targets else "it takes no target: leave out the ':'"
                raise RoutineError(f"'{action}:' names no target ({hint})")
            if not target:
                parsed.append(Alternative(a_idx, -1))
                continue
            found = [int(o) for o in opts if rules.option_slug(int(o)) == f"{action} {target}"]
            if not found:
                targets = sorted({rules.option_slug(int(o)).partition(" ")[2] for o in opts} - {""})
                hint = f"targets: {', '.join(targets)}" if targets else "it takes no target"
                raise RoutineError(f"'{action}:{target[:40]}' is not an order of {who} ({hint})")
            parsed.append(Alternative(a_idx, found[0]))
        out.append(tuple(parsed))
    return Routine(actor, tuple(out))


def orders(
    rules: Rules,
    s: State,
    routine: Routine,
    codes: np.ndarray,
    ranked: dict[int, np.ndarray],
) -> np.ndarray:
    """The routine's orders ``[B, K]`` in each game. ``codes`` ``[B, O]`` is the legality of every option;
    ``ranked[action]`` ``[B, X]`` gives, per game, the action's options of this actor best first by the
    standard AI's prior (-1 past the last)."""
    B, K = s.batch, rules.max_orders
    out = np.full((B, K), -1, np.int64)
    filled = np.zeros(B, np.int64)
    left = s.budget[:, routine.actor].astype(np.float64) + 1e-9
    rows = np.arange(B)
    for slot in routine.slots:
        done = filled >= K
        for alt in slot:
            cost = rules.actions[alt.action].cost
            cand = np.full((B, 1), alt.option, np.int64) if alt.option >= 0 else ranked[alt.action]
            ok = (cand >= 0) & (codes[rows[:, None], np.maximum(cand, 0)] == 0)
            ok &= ~(cand[:, :, None] == out[:, None, :]).any(axis=2)  # not already ordered this turn
            ok &= (cost <= left)[:, None] & ~done[:, None]
            has = ok.any(axis=1)
            pick = cand[rows, ok.argmax(axis=1)]
            at = np.flatnonzero(has)
            out[at, filled[at]] = pick[at]
            filled[at] += 1
            left[at] -= cost
            done |= has
    return out
