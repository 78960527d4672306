"""The closed vocabulary of conditions and effects, evaluated on batched state.

A condition is a small tree of :class:`Compare` leaves joined by :class:`All`,
:class:`Any` and :class:`Not`. A leaf reads one quantity through a :class:`Ref`
(for example the stability of a region or the relations between two actors)
and compares it with a number. There is no expression evaluation of any kind:
scenario files can only build these trees.

Indices inside a :class:`Ref` are dense integers, or a placeholder
(``$self``, ``$target``, ``$region``, ``$track``) bound per order when the
condition belongs to a custom action.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any as _Any

import numpy as np

Index = int | str
PLACEHOLDERS = ("$self", "$target", "$region", "$track")
BUDGET_MAX = 30
"""The most action points an actor can have per turn (scenarios, difficulty levels, estimates)."""


@dataclass(frozen=True)
class Quantity:
    """A value the engine keeps, where it lives, and its range."""

    name: str
    table: str  # actor | region | actor_region | pair | track | alliance | global | flag
    field: str
    lo: float
    hi: float
    integer: bool = False
    description: str = ""


def _q(
    name: str, table: str, lo: float, hi: float, desc: str, field: str | None = None, integer: bool = False
) -> Quantity:
    return Quantity(name, table, field or name, lo, hi, integer, desc)


QUANTITIES: Mapping[str, Quantity] = {
    q.name: q
    for q in (
        _q("leverage", "actor", 0, 100, "bargaining power"),
        _q("reputation", "actor", 0, 100, "international standing"),
        _q("strength", "actor", 0, 100, "military strength (total force pool)"),
        _q("readiness", "actor", 0, 100, "readiness of the forces, in percent"),
        _q("support", "actor", 0, 100, "domestic support for the leadership"),
        _q("budget", "actor", 0, BUDGET_MAX, "action points per turn"),
        _q(
            "setback",
            "actor",
            0,
            100,
            "turns left in which a failed operation keeps the actor from talks, proposals and summits",
            integer=True,
        ),
        _q(
            "mandate_force", "actor", 0, 1, "the Security Council has authorised force against this actor", integer=True
        ),
        _q("condemned", "actor", 0, 1, "the Security Council has condemned this actor", integer=True),
        _q("un_sanctions", "actor", 0, 1, "the Security Council has imposed sanctions on this actor", integer=True),
        _q("stability", "region", 0, 100, "stability of the region"),
        _q("need", "region", 0, 100, "humanitarian need in the region"),
        _q("reconstruction", "region", 0, 100, "progress of post-conflict reconstruction"),
        _q("control", "region", -1, 10_000, "the actor controlling the region (-1: no one)", integer=True),
        _q("crisis", "region", 0, 1, "the region is in crisis", integer=True),
        _q("post_conflict", "region", 0, 1, "the region is post-conflict (reconstruction possible)", integer=True),
        _q("mandate_pk", "region", 0, 1, "a peacekeeping mandate covers the region", integer=True),
        _q("forces", "actor_region", 0, 100, "forces an actor has in a region"),
        _q("peacekeepers", "actor_region", 0, 100, "peacekeepers an actor has in a region"),
        _q("consent", "actor_region", 0, 1, "the host consents to the actor's presence in the region", integer=True),
        _q("relations", "pair", -100, 100, "relations of the first actor towards the second"),
        _q("sanctions", "pair", 0, 1, "the first actor sanctions the second", integer=True),
        _q("escalation", "pair", 0, 5, "step on the escalation ladder between two actors"),
        _q("progress", "track", 0, 100, "progress of a negotiation track"),
        _q("trust", "track", 0, 100, "trust between the parties of a track"),
        _q("status", "track", 0, 3, "0 inactive, 1 open, 2 agreed, 3 broken", field="track_status", integer=True),
        _q("mediator", "track", -1, 10_000, "the mediating actor, or -1", integer=True),
        _q(
            "offer",
            "track",
            -1,
            10_000,
            "the actor whose proposal is on the table, waiting for the other party's answer (-1: none)",
            integer=True,
        ),
        _q(
            "terms",
            "track",
            0,
            100,
            "share of an agreement's terms won by the track's first party (50: even); a condition on it holds only "
            "once the agreement is reached",
        ),
        _q("member", "alliance", 0, 1, "the actor is a member of the alliance", field="membership", integer=True),
        _q("tension", "global", 0, 100, "world tension"),
        _q("turn", "global", 0, 10_000, "the current turn (1 is the first)", integer=True),
        _q("flag", "flag", -1e9, 1e9, "a scenario flag or counter", field="flags"),
    )
}

ARITY = {"actor": 1, "region": 1, "actor_region": 2, "pair": 2, "track": 1, "alliance": 2, "global": 0, "flag": 1}


@dataclass(frozen=True)
class Ref:
    """A reference to one quantity, e.g. ``Ref("stability", 2)``."""

    quantity: str
    i: Index = -1
    j: Index = -1

    @property
    def spec(self) -> Quantity:
        return QUANTITIES[self.quantity]

    def indices(self, n: int, bind: Mapping[str, np.ndarray] | None) -> tuple[np.ndarray, ...]:
        out = []
        for k in (self.i, self.j)[: ARITY[self.spec.table]]:
            if isinstance(k, str):
                if bind is None or k not in bind:
                    raise KeyError(f"placeholder {k} is not bound here")
                out.append(np.asarray(bind[k], np.int64))
            else:
                out.append(np.full(n, k, np.int64))
        return tuple(out)

    def read(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        """The value for each row of the batch (or each selected row), as float64."""
        if rows is None:
            rows = np.arange(state.batch)
        n = len(rows)
        q = self.spec
        if q.table == "global":
            if q.name == "turn":
                return np.full(n, float(state.turn))
            return np.asarray(getattr(state, q.field)[rows], np.float64)
        arr = getattr(state, q.field)
        idx = self.indices(n, bind)
        if q.table == "alliance":
            return arr[(rows, *idx)].astype(np.float64)
        return arr[(rows, *idx)].astype(np.float64)

    def describe(self, names: Callable[[str, Index], str] | None = None) -> str:
        parts = [self.quantity]
        arity = ARITY[self.spec.table]
        for k in (self.i, self.j)[:arity]:
            parts.append(names(self.spec.table, k) if names else str(k))
        return " ".join(parts)


class Op(str, Enum):
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="
    EQ = "=="
    NE = "!="


_OPS: Mapping[Op, Callable[[np.ndarray, float], np.ndarray]] = {
    Op.LT: operator.lt,
    Op.LE: operator.le,
    Op.GT: operator.gt,
    Op.GE: operator.ge,
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
}


class Condition:
    """Base of the condition tree."""

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        raise NotImplementedError

    def refs(self) -> tuple[Ref, ...]:
        return ()


@dataclass(frozen=True)
class Const(Condition):
    value: bool

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        n = state.batch if rows is None else len(rows)
        return np.full(n, self.value, bool)


TRUE = Const(True)
FALSE = Const(False)


_AGREED = 2.0
"""The ``status`` of an agreed track (``TrackStatus.AGREED``)."""


@dataclass(frozen=True)
class Compare(Condition):
    ref: Ref
    op: Op
    value: float

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        out = _OPS[self.op](self.ref.read(state, rows, bind), self.value)
        if self.ref.quantity == "terms":
            # An agreement's terms exist once it is reached: before, no comparison holds.
            out &= Ref("status", self.ref.i).read(state, rows, bind) == _AGREED
        return out

    def refs(self) -> tuple[Ref, ...]:
        return (self.ref,)


@dataclass(frozen=True)
class All(Condition):
    items: tuple[Condition, ...]

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        n = state.batch if rows is None else len(rows)
        out = np.ones(n, bool)
        for c in self.items:
            out &= c.evaluate(state, rows, bind)
        return out

    def refs(self) -> tuple[Ref, ...]:
        return tuple(r for c in self.items for r in c.refs())


@dataclass(frozen=True)
class Any(Condition):
    items: tuple[Condition, ...]

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        n = state.batch if rows is None else len(rows)
        out = np.zeros(n, bool)
        for c in self.items:
            out |= c.evaluate(state, rows, bind)
        return out

    def refs(self) -> tuple[Ref, ...]:
        return tuple(r for c in self.items for r in c.refs())


@dataclass(frozen=True)
class Not(Condition):
    item: Condition

    def evaluate(
        self, state: _Any, rows: np.ndarray | None = None, bind: Mapping[str, np.ndarray] | None = None
    ) -> np.ndarray:
        return ~self.item.evaluate(state, rows, bind)

    def refs(self) -> tuple[Ref, ...]:
        return self.item.refs()


def map_leaves(c: Condition, f: Callable[[Condition], Condition]) -> Condition:
    """The condition ``c`` rebuilt with ``f`` applied to each of its leaves (every part that is not ``all``, ``any``
    or ``not``)."""
    if isinstance(c, All):
        return All(tuple(map_leaves(x, f) for x in c.items))
    if isinstance(c, Any):
        return Any(tuple(map_leaves(x, f) for x in c.items))
    if isinstance(c, Not):
        return Not(map_leaves(c.item, f))
    return f(c)


class Mode(str, Enum):
    ADD = "add"
    SET = "set"


@dataclass(frozen=True)
class Effect:
    """Change one quantity: add to it or set it, possibly only by chance."""

    ref: Ref
    amount: float
    mode: Mode = Mode.ADD
    chance: float = 1.0
    label: str = ""
