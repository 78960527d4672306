"""Warnings about a scenario that loads but holds something that can never happen.

A scenario can be valid and still contain a condition that can never hold
(``{turn: {min: 201}}`` in a 13-turn game), one that always holds whatever
happens (``{stability: kuwait, at_least: 0}``), a defeat or end condition that
already holds at the start, an event that can never fire, an action of the
scenario's own that no actor can ever order, or a role that can never win.
``brinkmanship validate`` prints these as ``FILE:LINE:COL: warning: ...`` and
still exits 0: the file loads and plays.

The analysis reads each condition of the document with the value range of
every quantity (the turn runs from 1 to the last turn + 1, when the result is
decided); it does not simulate play, so it finds what is impossible by the
numbers, not what is merely unlikely (``brinkmanship audit`` measures that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.core.conditions import (
    QUANTITIES,
    All,
    Compare,
    Condition,
    Const,
    Not,
    Op,
)
from game.core.conditions import Any as AnyOf
from game.scenario import schema as S
from game.scenario.compile import Scenario
from game.scenario.errors import Diagnostic
from game.scenario.source import Located, Path_
from game.scenario.vocab import ACTOR_VALUED, Names, Parser


@dataclass(frozen=True)
class _Verdict:
    """Whether a condition can hold and whether it can fail, and the part of
    the document that decides it when it cannot."""

    can_hold: bool
    can_fail: bool
    never_at: Path_ = ()
    always_at: Path_ = ()


def _range(quantity: str, turns: int) -> tuple[float, float] | None:
    """The values a quantity can take during a game; None when the range says nothing."""
    if quantity == "turn":
        return 1.0, float(turns + 1)
    if quantity in ACTOR_VALUED or quantity == "flag":
        return None
    q = QUANTITIES[quantity]
    return q.lo, q.hi


def _compare(c: Compare, turns: int) -> tuple[bool, bool]:
    """(can hold, can fail) of one comparison, from its quantity's range."""
    r = _range(c.ref.quantity, turns)
    if r is None:
        return True, True
    lo, hi = r
    v = c.value
    integer = QUANTITIES[c.ref.quantity].integer
    hold = {
        Op.LT: lo < v,
        Op.LE: lo <= v,
        Op.GT: hi > v,
        Op.GE: hi >= v,
        Op.EQ: lo <= v <= hi and (not integer or float(v).is_integer()),
        Op.NE: not (lo == hi == v),
    }[c.op]
    fail = {
        Op.LT: hi >= v,
        Op.LE: hi > v,
        Op.GT: lo <= v,
        Op.GE: lo < v,
        Op.EQ: not (lo == hi == v),
        Op.NE: lo <= v <= hi and (not integer or float(v).is_integer()),
    }[c.op]
    if c.ref.quantity == "terms":  # holds only once the agreement is reached
        fail = True
    return hold, fail


def _compiled(cond: Condition, turns: int) -> tuple[bool, bool]:
    if isinstance(cond, Const):
        return cond.value, not cond.value
    if isinstance(cond, Compare):
        return _compare(cond, turns)
    if isinstance(cond, All):
        parts = [_compiled(c, turns) for c in cond.items]
        return all(h for h, _ in parts), any(f for _, f in parts)
    if isinstance(cond, AnyOf):
        parts = [_compiled(c, turns) for c in cond.items]
        return any(h for h, _ in parts), all(f for _, f in parts)
    if isinstance(cond, Not):
        h, f = _compiled(cond.item, turns)
        return f, h
    return True, True


class _Reader:
    """Reads the conditions of one document, leaf by leaf, with their positions."""

    def __init__(self, doc: Located, scenario: Scenario) -> None:
        r = scenario.rules
        self.turns = r.turn_limit
        self.names = Names(
            [a.id for a in r.actors],
            [g.id for g in r.regions],
            [t.id for t in r.tracks],
            [a.id for a in r.alliances],
            list(r.flags),
        )
        self.doc = doc

    def verdict(self, node: Any, path: Path_, placeholders: tuple[str, ...] = ()) -> _Verdict:
        if not isinstance(node, dict):
            return _Verdict(True, True)
        for word in ("all", "any"):
            items = node.get(word)
            if isinstance(items, list) and len(node) == 1:
                parts = [self.verdict(c, path + (word, i), placeholders) for i, c in enumerate(items)]
                if word == "all":
                    never = next((p.never_at for p in parts if not p.can_hold), ())
                    hold = all(p.can_hold for p in parts)
                    fail = any(p.can_fail for p in parts)
                    return _Verdict(hold, fail, never or path, path)
                always = next((p.always_at for p in parts if not p.can_fail), ())
                hold = any(p.can_hold for p in parts)
                fail = all(p.can_fail for p in parts)
                return _Verdict(hold, fail, path, always or path)
        if "not" in node and len(node) == 1:
            inner = self.verdict(node["not"], path + ("not",), placeholders)
            return _Verdict(inner.can_fail, inner.can_hold, inner.always_at, inner.never_at)
        parser = Parser(self.doc, Names(**{**self.names.__dict__, "placeholders": placeholders}))
        compiled = parser.condition(node, path)
        if parser.errors:
            return _Verdict(True, True)
        hold, fail = _compiled(compiled, self.turns)
        leaf = next((path + (k,) for k in node if k in QUANTITIES), path)
        return _Verdict(hold, fail, leaf, leaf)


def _warn(doc: Located, path: Path_, message: str, hint: str = "") -> Diagnostic:
    file, line, col = doc.pos(path)
    return Diagnostic(file, line, col, message, hint, severity="warning")


def warnings(scenario: Scenario, doc: Located, model: S.Scenario) -> list[Diagnostic]:
    """Every warning about a loaded scenario, in file order."""
    from game.core.engine import start_game

    reader = _Reader(doc, scenario)
    rules = scenario.rules
    out: list[Diagnostic] = []
    last = rules.turn_limit

    always: set[Path_] = set()

    def check(path: Path_, node: Any, what: str, never_means: str = "", placeholders: tuple[str, ...] = ()) -> None:
        """Warn when the condition ``what`` at ``path`` can never hold, or always holds."""
        v = reader.verdict(node, path, placeholders)
        if not v.can_hold:
            turns = f" (the turn runs from 1 to {last + 1}, when the result is decided)" if _mentions_turn(node) else ""
            subject = _its(what) if never_means else what
            out.append(
                _warn(doc, v.never_at, f"{never_means}{subject} can never hold{turns}", "check its numbers and turns")
            )
        elif not v.can_fail:
            always.add(path)
            out.append(
                _warn(doc, v.always_at, f"{what} always holds, whatever happens", "it is the same as no condition")
            )

    for k, ro in enumerate(model.roles):
        p: Path_ = ("roles", k)
        check(
            p + ("victory", "when"),
            ro.victory.when,
            f"the victory condition of role '{ro.actor}'",
            f"role '{ro.actor}' can never win: ",
        )
        if ro.defeat is not None:
            check(p + ("defeat", "when"), ro.defeat.when, f"the defeat condition of role '{ro.actor}'")
    for k, ev in enumerate(model.events):
        if ev.inject:
            continue
        p = ("events", k)
        if ev.when is not None:
            check(p + ("when",), ev.when, f"the condition of event '{ev.id}'", f"event '{ev.id}' can never fire: ")
        if ev.chance == 0:
            out.append(
                _warn(doc, p + ("chance",), f"event '{ev.id}' can never fire: its chance is 0", "raise 'chance'")
            )
    if model.end is not None:
        check(("end", "when"), model.end.when, "the end condition")
    for aid, d in model.rules.actions.items():
        p = ("rules", "actions", aid)
        if d.requires is not None:
            spec = next((a for a in rules.actions if a.id == aid), None)
            target = _TARGET_WORD.get(spec.target.value, "") if spec is not None else ""
            check(
                p + ("requires",),
                d.requires,
                f"the requirement of action '{aid}'",
                f"action '{aid}' can never be ordered: ",
                ("$self", target) if target else ("$self",),
            )
    # Actions of the scenario's own (or changed by it) that no actor may order.
    available = {int(a) for a in rules.opt_action}
    for aid in model.rules.actions:
        index = next((i for i, a in enumerate(rules.actions) if a.id == aid), None)
        if index is not None and index not in available:
            out.append(
                _warn(
                    doc,
                    ("rules", "actions", aid),
                    f"no actor can ever order action '{aid}'",
                    "check 'for', each actor's 'actions' (only/forbid) and 'rules.available'",
                )
            )
    # Defeat and end conditions that hold already at the start end the game at once.
    state = start_game(rules, seed=0).state
    for k, role in enumerate(rules.roles):
        p = ("roles", k, "defeat", "when")
        if model.roles[k].defeat is not None and p not in always and bool(role.defeat.evaluate(state)[0]):
            out.append(
                _warn(
                    doc,
                    p,
                    f"the defeat condition of role '{model.roles[k].actor}' already holds at the start: "
                    "the role loses on turn 1",
                    "check the starting values against the condition",
                )
            )
    if model.end is not None and ("end", "when") not in always and bool(rules.end_condition.evaluate(state)[0]):
        out.append(
            _warn(
                doc,
                ("end", "when"),
                "the end condition already holds at the start: the game ends on turn 1",
                "check the starting values against the condition",
            )
        )
    return sorted(set(out), key=lambda d: (d.file, d.line, d.col, d.message))


def _its(what: str) -> str:
    """'the victory condition of role 'a'' → 'its victory condition'."""
    return "its " + what.removeprefix("the ").split(" of ")[0]


_TARGET_WORD = {"actor": "$target", "region": "$region", "track": "$track"}


def _mentions_turn(node: Any) -> bool:
    if isinstance(node, dict):
        return "turn" in node or any(_mentions_turn(v) for v in node.values())
    if isinstance(node, list):
        return any(_mentions_turn(v) for v in node)
    return False
