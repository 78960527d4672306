"""Why a scenario's requirement for an order does not hold, in words.

An action may carry a ``requires`` condition of the scenario's own (a custom
action, or a default action the scenario holds back). When it does not hold,
the player is told the author's words (the action's ``refusal``) or else the
part of the condition that failed, with its value now, e.g. "needs the flag
fishing_ban to equal 0 (it is 1)".
"""

from __future__ import annotations

from typing import Any

import numpy as np

from game.core.conditions import All, Compare, Condition, Const, Index, Not, Op
from game.core.conditions import Any as AnyOf
from game.core.spec import Rules

_OP_WORDS = {
    Op.LT: "below",
    Op.LE: "at most",
    Op.GT: "above",
    Op.GE: "at least",
    Op.EQ: "equal to",
    Op.NE: "other than",
}
_ACTOR_VALUED = {"control", "mediator", "offer"}
_STATUS = {0: "inactive", 1: "open", 2: "agreed", 3: "broken"}


def _names(rules: Rules, bind: dict[str, np.ndarray]) -> Any:
    def name(table: str, k: Index) -> str:
        if isinstance(k, str):
            k = int(bind[k][0])
        k = int(k)
        if table in ("actor", "pair", "actor_region"):
            return rules.actors[k].name if 0 <= k < len(rules.actors) else str(k)
        if table == "region":
            return rules.regions[k].name
        if table == "track":
            return rules.tracks[k].name
        if table == "alliance":
            return rules.alliances[k].name
        if table == "flag":
            return rules.flags[k]
        return str(k)

    return name


def _value(rules: Rules, quantity: str, v: float) -> str:
    if quantity in _ACTOR_VALUED:
        k = int(v)
        return rules.actors[k].name if 0 <= k < len(rules.actors) else "no one"
    if quantity == "status":
        return _STATUS.get(int(v), f"{v:g}")
    return f"{v:g}"


def _leaf(rules: Rules, state: Any, c: Compare, bind: dict[str, np.ndarray]) -> str:
    names = _names(rules, bind)
    ref = c.ref
    table = ref.spec.table
    if table == "actor_region":
        subject = f"{ref.quantity} of {names('actor', ref.i)} in {names('region', ref.j)}"
    elif table == "pair":
        subject = f"{ref.quantity} of {names('actor', ref.i)} towards {names('actor', ref.j)}"
    elif table == "alliance":
        subject = f"{names('actor', ref.j)}'s membership of {names('alliance', ref.i)}"
    elif table == "global":
        subject = ref.quantity
    elif table == "flag":
        subject = f"the flag {names('flag', ref.i)}"
    else:
        subject = f"{ref.quantity} of {names(table, ref.i)}"
    now = float(ref.read(state, np.array([0]), bind)[0])
    want = _value(rules, ref.quantity, c.value)
    return f"needs {subject} {_OP_WORDS[c.op]} {want} (it is {_value(rules, ref.quantity, now)})"


def failing(rules: Rules, state: Any, cond: Condition, bind: dict[str, np.ndarray]) -> str:
    """The part of ``cond`` that does not hold in game 0 of ``state``, in words ('' if it holds)."""
    rows = np.array([0])
    if bool(cond.evaluate(state, rows, bind)[0]):
        return ""
    if isinstance(cond, Compare):
        return _leaf(rules, state, cond, bind)
    if isinstance(cond, All):
        return next((t for t in (failing(rules, state, c, bind) for c in cond.items) if t), "")
    if isinstance(cond, AnyOf):
        parts = [failing(rules, state, c, bind) for c in cond.items]
        return "one of: " + "; or ".join(p for p in parts if p)
    if isinstance(cond, Not):
        return "needs the opposite of a condition that holds"
    if isinstance(cond, Const):
        return "can never be ordered"
    return ""


def refusal(rules: Rules, state: Any, option: int, words: dict[str, str]) -> str:
    """What a player is told when an option's scenario requirement does not hold."""
    act = rules.actions[int(rules.opt_action[option])]
    if act.id in words:
        return words[act.id]
    bind = {
        "$self": np.array([rules.opt_actor[option]]),
        "$target": np.array([rules.opt_target[option]]),
        "$region": np.array([rules.opt_region[option]]),
        "$track": np.array([rules.opt_track[option]]),
    }
    why = failing(rules, state, act.requires, bind)
    base = "the scenario's requirement for this action is not met"
    return f"{base}: {why}" if why else base
