"""Conditions, effects and score terms of scenario files, parsed with positions.

The vocabulary is closed. A leaf names one quantity and its subject::

    {stability: kuwait, below: 30}          # region quantity
    {relations: [usa, iraq], at_most: -50}  # pair of actors
    {forces: [iraq, kuwait], at_least: 1}   # actor in a region
    {control: kuwait, is: iraq}             # who controls a region
    {status: geneva-talks, is: agreed}      # a track's status
    {turn: 5}  {turn: {min: 3, max: 6}}     # the turn
    {tension: {above: 60}}                  # world tension
    {flag: coalition_formed, equals: 1}     # a scenario flag

and conditions combine with ``{all: [...]}``, ``{any: [...]}`` and
``{not: {...}}``. Effects use the same leaves with ``add`` or ``set``.
Nothing is ever evaluated as code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.core.conditions import (
    ARITY,
    FALSE,
    PLACEHOLDERS,
    QUANTITIES,
    TRUE,
    All,
    Compare,
    Condition,
    Effect,
    Mode,
    Not,
    Op,
    Ref,
)
from game.core.conditions import Any as AnyOf
from game.core.spec import TrackStatus
from game.scenario.errors import Diagnostic, one_of, suggest
from game.scenario.source import Located, Path_

COMPARATORS: dict[str, Op] = {
    "below": Op.LT,
    "above": Op.GT,
    "at_least": Op.GE,
    "at_most": Op.LE,
    "equals": Op.EQ,
    "not_equals": Op.NE,
    "is": Op.EQ,
    "is_not": Op.NE,
}
GLOBAL = {"tension", "turn"}
ACTOR_VALUED = {"control", "mediator", "offer"}
STATUS_VALUES = {s.name.lower(): int(s) for s in TrackStatus}
_MISPLACED: dict[str, dict[str, str]] = {
    "delay": {
        "an effect": (
            "'delay' belongs to the event, next to 'when:'; to delay only some effects, put them in a second event"
        )
    },
    "add": {
        "a condition": "a condition compares: use below, above, at_least, at_most, equals or is",
        "a score term": "a score term takes 'weight'",
    },
    "set": {
        "a condition": "a condition compares: use below, above, at_least, at_most, equals or is",
        "a score term": "a score term takes 'weight'",
    },
    "chance": {
        "a condition": "'chance' belongs to the event or the effect",
        "a score term": "a score term takes 'weight'",
    },
    "weight": {
        "a condition": "'weight' belongs to score terms",
        "an effect": "'weight' belongs to score terms; an effect takes 'add' or 'set'",
    },
    "when": {
        "a condition": "'when' holds a condition; it does not go inside one",
        "an effect": "'when' belongs to the event",
        "a score term": "score terms have no condition",
    },
}
_NOT_IN_EFFECT = {
    "an effect": "an effect changes a value: use 'add' or 'set' (conditions go under 'when:')",
    "a score term": "a score term takes 'weight'",
}
_MISPLACED.update(
    {c: _NOT_IN_EFFECT for c in ("below", "above", "at_least", "at_most", "equals", "not_equals", "is", "is_not")}
)
_SYNONYMS: dict[str, dict[str, str]] = {
    "a condition": {
        **dict.fromkeys(("greater_than", "more_than", "over", "gt", ">", "higher_than", "exceeds"), "above"),
        **dict.fromkeys(("less_than", "fewer_than", "under", "lt", "<", "lower_than"), "below"),
        **dict.fromkeys((">=", "gte", "atleast", "minimum", "ge"), "at_least"),
        **dict.fromkeys(("<=", "lte", "atmost", "maximum", "le"), "at_most"),
        **dict.fromkeys(("eq", "==", "=", "equal", "equal_to"), "equals"),
        **dict.fromkeys(("ne", "!=", "not_equal", "isnt", "is_not_equal"), "not_equals"),
    },
    "an effect": {
        **dict.fromkeys(("change", "delta", "plus", "increase", "by", "amount", "adjust", "modify"), "add"),
        **dict.fromkeys(("value", "to", "equals", "becomes", "is"), "set"),
        **dict.fromkeys(("probability", "p", "odds", "prob"), "chance"),
        **dict.fromkeys(("cause", "reason", "text", "why"), "label"),
    },
    "a score term": dict.fromkeys(("factor", "multiplier", "points", "weights", "coefficient"), "weight"),
}
"""Words authors reach for, and the word the format uses."""

_COMPARISON_EXAMPLE = {
    "control": "is: usa",
    "mediator": "is: usa",
    "offer": "is: usa",
    "status": "is: agreed",
    "relations": "at_most: -50",
    "flag": "equals: 1",
}
_COMPARISON_EXAMPLE.update({q.name: "is: true" for q in QUANTITIES.values() if q.integer and q.hi == 1})
_EXAMPLE = {
    "a condition": "{stability: kuwait, below: 30}",
    "an effect": "{need: kuwait, add: 20}",
    "a score term": "{leverage: usa, weight: 0.5}",
}


@dataclass
class Names:
    """Ids of the scenario's objects, for resolving references."""

    actors: list[str]
    regions: list[str]
    tracks: list[str]
    alliances: list[str]
    flags: list[str]
    placeholders: tuple[str, ...] = ()
    """Placeholders usable here: in a custom action, ``$self`` and the one
    that names its target (``$target``, ``$region`` or ``$track``)."""

    def table(self, kind: str) -> list[str]:
        return {
            "actor": self.actors,
            "region": self.regions,
            "track": self.tracks,
            "alliance": self.alliances,
            "flag": self.flags,
        }[kind]


_SUBJECT_KINDS = {
    "actor": ("actor",),
    "region": ("region",),
    "actor_region": ("actor", "region"),
    "pair": ("actor", "actor"),
    "track": ("track",),
    "alliance": ("alliance", "actor"),
    "flag": ("flag",),
    "global": (),
}
_PLACEHOLDER_KIND = {"$self": "actor", "$target": "actor", "$region": "region", "$track": "track"}


@dataclass
class Parser:
    doc: Located
    names: Names
    errors: list[Diagnostic] = field(default_factory=list)
    stray: bool = False

    def fail(self, path: Path_, message: str, hint: str = "", key: bool = False) -> None:
        self.errors.append(self.doc.error(path, message, hint, key))

    # ------------------------------------------------------------ subjects
    def _index(self, kind: str, value: Any, path: Path_) -> int | str | None:
        if isinstance(value, str) and value in PLACEHOLDERS:
            if not self.names.placeholders:
                self.fail(path, f"'{value}' can only be used in a custom action", "name the object by its id")
                return None
            if _PLACEHOLDER_KIND[value] != kind:
                self.fail(
                    path,
                    f"'{value}' stands for {_a(_PLACEHOLDER_KIND[value])}, but {_a(kind)} is needed here",
                    _placeholder_hint(kind, self.names.placeholders),
                )
                return None
            if value not in self.names.placeholders:
                self.fail(
                    path,
                    f"'{value}' is not set in this action: it is aimed at {_TARGET_WORD[self.names.placeholders]}",
                    f"use {' or '.join(repr(p) for p in self.names.placeholders)}, or change the action's 'target'",
                )
                return None
            return value
        ids = self.names.table(kind)
        if not isinstance(value, str) or value not in ids:
            hint = suggest(str(value), ids) or one_of(ids)
            self.fail(path, f"unknown {kind} '{value}'", hint)
            return None
        return ids.index(value)

    def ref(self, quantity: str, subject: Any, path: Path_) -> Ref | None:
        q = QUANTITIES[quantity]
        kinds = _SUBJECT_KINDS[q.table]
        if not kinds:
            return Ref(quantity)
        if len(kinds) == 1:
            if isinstance(subject, list):
                self.fail(path, f"'{quantity}' takes one {kinds[0]} id, not a list")
                return None
            i = self._index(kinds[0], subject, path)
            return None if i is None else Ref(quantity, i)
        if not isinstance(subject, list) or len(subject) != 2:
            self.fail(
                path,
                f"'{quantity}' takes a pair [{kinds[0]}, {kinds[1]}]",
                f"e.g. {quantity}: [{_example(kinds[0])}, {_example(kinds[1])}]",
            )
            return None
        i = self._index(kinds[0], subject[0], path + (0,))
        j = self._index(kinds[1], subject[1], path + (1,))
        if i is None or j is None:
            return None
        return Ref(quantity, i, j)

    def value(self, quantity: str, raw: Any, path: Path_) -> float | None:
        """A comparison or effect value, translated to the quantity's number."""
        q = QUANTITIES[quantity]
        if quantity in ACTOR_VALUED:
            if raw is None or raw == "none":
                # No one: no mediator, no offer on the table, or a region nobody holds (international waters).
                return -1.0
            i = self._index("actor", raw, path)
            if isinstance(i, str):
                # A placeholder names a subject ({forces: [$self, $region], ...}); a value is a fixed actor.
                self.fail(
                    path,
                    f"'{raw}' cannot be the value of '{quantity}': a placeholder names only what a condition or "
                    "effect is about",
                    "name the actor, e.g. 'is: usa' (with 'actors: [usa]' only that actor has the action); or compare "
                    "a quantity whose subject is the placeholder, e.g. {forces: [$self, $region], at_least: 1}",
                )
                return None
            return None if i is None else float(i)
        if quantity == "status":
            if not isinstance(raw, str) or raw not in STATUS_VALUES:
                self.fail(
                    path, f"'{raw}' is not a track status", suggest(str(raw), STATUS_VALUES) or one_of(STATUS_VALUES)
                )
                return None
            return float(STATUS_VALUES[raw])
        if q.integer and q.hi == 1:
            if isinstance(raw, bool):
                return 1.0 if raw else 0.0
            if raw in (0, 1):
                return float(raw)
            self.fail(path, f"'{quantity}' is true or false, not '{raw}'")
            return None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            self.fail(path, f"'{quantity}' needs a number here, not '{raw}'")
            return None
        return float(raw)

    # ------------------------------------------------------------ conditions
    def condition(self, node: Any, path: Path_) -> Condition:
        if node is None:
            return TRUE
        if not isinstance(node, dict):
            self.fail(path, "a condition must be a mapping, e.g. {stability: kuwait, below: 30}")
            return FALSE
        for combinator in ("all", "any"):
            if combinator in node:
                if len(node) != 1:
                    self._extra(node, path, {combinator}, f"'{combinator}' must be alone in its mapping")
                items = node[combinator]
                if not isinstance(items, list) or not items:
                    self.fail(path + (combinator,), f"'{combinator}' needs a non-empty list of conditions")
                    return FALSE
                parts = tuple(self.condition(c, path + (combinator, i)) for i, c in enumerate(items))
                return All(parts) if combinator == "all" else AnyOf(parts)
        if "not" in node:
            if len(node) != 1:
                self._extra(node, path, {"not"}, "'not' must be alone in its mapping")
            return Not(self.condition(node["not"], path + ("not",)))
        quantity = self._quantity(node, path, set(COMPARATORS) | {"min", "max"}, "a condition")
        if quantity is None:
            return FALSE
        if quantity in GLOBAL:
            return self._global_condition(quantity, node, path)
        ref = self.ref(quantity, node[quantity], path + (quantity,))
        for k in ("min", "max"):
            if k in node:
                self.fail(
                    path + (k,),
                    f"'{k}' only works with turn and tension",
                    f"use '{'at_least' if k == 'min' else 'at_most'}'",
                    key=True,
                )
        comps = [k for k in node if k in COMPARATORS]
        if len(comps) != 1:
            if not comps and self.stray:
                return FALSE  # the stray key was reported, e.g. 'greater_than' (did you mean 'above'?)
            if comps:
                self.fail(
                    path + (comps[1],),
                    f"'{quantity}' takes one comparison, found '{comps[0]}' and '{comps[1]}'",
                    "combine several conditions with 'all:'",
                    key=True,
                )
            else:
                self.fail(
                    path,
                    f"'{quantity}' needs a comparison",
                    f"e.g. {{{quantity}: {_subject_example(quantity)}, "
                    f"{_COMPARISON_EXAMPLE.get(quantity, 'at_least: 50')}}}; " + one_of(COMPARATORS),
                )
            return FALSE
        comp = comps[0]
        value = self.value(quantity, node[comp], path + (comp,))
        if ref is None or value is None:
            return FALSE
        self._range_check(quantity, COMPARATORS[comp], value, path + (comp,), comp)
        return Compare(ref, COMPARATORS[comp], value)

    def _global_condition(self, quantity: str, node: dict, path: Path_) -> Condition:
        spec = node[quantity]
        for k in node:
            if k != quantity and (k in COMPARATORS or k in ("min", "max")):
                self.fail(
                    path + (k,), f"for '{quantity}', put the comparison inside: {{{quantity}: {{{k}: ...}}}}", key=True
                )
        ref = Ref(quantity)
        if quantity == "turn" and isinstance(spec, int) and not isinstance(spec, bool):
            return Compare(ref, Op.EQ, float(spec))
        if not isinstance(spec, dict) or not spec:
            self.fail(
                path + (quantity,),
                f"'{quantity}' needs a comparison, e.g. {{{quantity}: {{at_least: 3}}}}"
                + (" or a turn number" if quantity == "turn" else ""),
            )
            return FALSE
        parts: list[Condition] = []
        for k, v in spec.items():
            op = {"min": Op.GE, "max": Op.LE}.get(k) or COMPARATORS.get(k)
            if op is None:
                self.fail(
                    path + (quantity, k),
                    f"unknown comparison '{k}'",
                    suggest(k, list(COMPARATORS) + ["min", "max"]) or one_of(list(COMPARATORS) + ["min", "max"]),
                    key=True,
                )
                continue
            val = self.value(quantity, v, path + (quantity, k))
            if val is not None:
                self._range_check(quantity, op, val, path + (quantity, k), k)
                parts.append(Compare(ref, op, val))
        if (
            "min" in spec
            and "max" in spec
            and isinstance(spec["min"], (int, float))
            and isinstance(spec["max"], (int, float))
            and spec["min"] > spec["max"]
        ):
            self.fail(
                path + (quantity, "max"),
                f"'{quantity}' range is reversed: min {spec['min']} is above max {spec['max']}",
                "swap the two values",
            )
        return All(tuple(parts)) if len(parts) != 1 else parts[0]

    def _range_check(self, quantity: str, op: Op, value: float, path: Path_, comp: str) -> None:
        q = QUANTITIES[quantity]
        if quantity in ACTOR_VALUED or quantity == "status" or quantity in ("turn", "flag"):
            return
        never = (
            (op == Op.GT and value >= q.hi)
            or (op == Op.LT and value <= q.lo)
            or (op == Op.GE and value > q.hi)
            or (op == Op.LE and value < q.lo)
        )
        never = never or (op == Op.EQ and not (q.lo <= value <= q.hi))
        if never:
            self.fail(
                path,
                f"{quantity} ranges from {q.lo:g} to {q.hi:g}, so '{comp}: {value:g}' can never hold",
                "use a threshold inside the range",
            )

    def _quantity(self, node: dict, path: Path_, allowed: set[str], what: str) -> str | None:
        """The one quantity a leaf names; every other key must be in ``allowed``.
        Sets ``self.stray`` when some key was reported as not belonging."""
        found = [k for k in node if k in QUANTITIES]
        self.stray = False
        for k in node:
            if k in QUANTITIES or k in allowed:
                continue
            self.stray = True
            synonym = _SYNONYMS[what].get(str(k).lower())
            if synonym:
                self.fail(path + (k,), f"unknown key '{k}' in {what}", f"did you mean '{synonym}'?", key=True)
            elif found or k in _MISPLACED:
                self.fail(
                    path + (k,),
                    f"'{k}' does not belong in {what}" if k in _MISPLACED else f"unknown key '{k}' in {what}",
                    _MISPLACED.get(k, {}).get(what) or suggest(str(k), sorted(allowed)) or one_of(allowed),
                    key=True,
                )
            else:
                vocab = list(QUANTITIES) + (["all", "any", "not"] if what == "a condition" else [])
                self.fail(
                    path + (k,),
                    f"unknown quantity '{k}'",
                    suggest(str(k), vocab) or "see the list of quantities in docs/scenario-format.md",
                    key=True,
                )
        if len(found) == 1:
            return found[0]
        if not found:
            if not node:
                self.fail(path, f"empty {what[2:]}: it needs a quantity, e.g. {_EXAMPLE[what]}")
            elif all(k in allowed or k in _MISPLACED for k in node):
                self.fail(path, f"{what} needs a quantity, e.g. {_EXAMPLE[what]}")
            return None
        self.fail(
            path + (found[1],),
            f"one quantity per {what[2:]}, found '{found[0]}' and '{found[1]}'",
            "combine several with 'all:'" if what == "a condition" else "write one per line",
            key=True,
        )
        return None

    def _extra(self, node: dict, path: Path_, allowed: set[str], message: str) -> None:
        for k in node:
            if k not in allowed:
                self.fail(path + (k,), message or f"'{k}' does not belong here", suggest(k, sorted(allowed)), key=True)

    # ------------------------------------------------------------ effects
    def effect(self, node: Any, path: Path_) -> Effect | None:
        if not isinstance(node, dict):
            self.fail(path, "an effect must be a mapping, e.g. {need: kuwait, add: 20}")
            return None
        quantity = self._quantity(node, path, {"add", "set", "chance", "label"}, "an effect")
        if quantity is None:
            return None
        if quantity == "turn":
            self.fail(path + ("turn",), "the turn cannot be changed by an effect", key=True)
            return None
        has_add, has_set = "add" in node, "set" in node
        if not has_add and not has_set and self.stray:
            return None  # the stray key was reported, e.g. 'change' (did you mean 'add'?)
        if has_add == has_set:
            self.fail(path, f"an effect on '{quantity}' needs exactly one of 'add' or 'set'")
            return None
        if quantity in GLOBAL:
            if node[quantity] not in (None, "", "world"):
                self.fail(path + (quantity,), f"'{quantity}' has no subject: write {{{quantity}: world, add: 5}}")
            ref: Ref | None = Ref(quantity)
        else:
            ref = self.ref(quantity, node[quantity], path + (quantity,))
        mode = Mode.ADD if has_add else Mode.SET
        key = "add" if has_add else "set"
        if has_add and (
            quantity in ACTOR_VALUED
            or quantity == "status"
            or QUANTITIES[quantity].hi == 1
            and QUANTITIES[quantity].integer
        ):
            self.fail(path + ("add",), f"'{quantity}' can only be set, not added to", "use 'set:'", key=True)
            return None
        amount = self.value(quantity, node[key], path + (key,))
        if quantity == "control" and amount == -1.0:
            self.fail(
                path + (key,),
                "a region's holder cannot be set to no one",
                "the forces there decide who holds a region nobody owns; set an actor, or remove its forces",
            )
            return None
        chance = node.get("chance", 1.0)
        if isinstance(chance, bool) or not isinstance(chance, (int, float)) or not 0 <= chance <= 1:
            self.fail(path + ("chance",), f"'chance' must be a number from 0 to 1, not '{chance}'")
            chance = 1.0
        label = node.get("label", "")
        if not isinstance(label, str):
            self.fail(path + ("label",), "'label' must be text")
            label = ""
        if mode == Mode.SET and amount is not None and quantity not in ACTOR_VALUED and quantity != "status":
            q = QUANTITIES[quantity]
            if not q.lo <= amount <= q.hi:
                self.fail(path + ("set",), f"{quantity} ranges from {q.lo:g} to {q.hi:g}; cannot set it to {amount:g}")
        if ref is None or amount is None:
            return None
        return Effect(ref, amount, mode, float(chance), label)

    def effects(self, nodes: Any, path: Path_) -> tuple[Effect, ...]:
        if nodes is None:
            return ()
        out = []
        for i, n in enumerate(nodes):
            e = self.effect(n, path + (i,))
            if e is not None:
                out.append(e)
        return tuple(out)

    # ------------------------------------------------------------ score
    def score_term(self, node: Any, path: Path_) -> tuple[Ref, float, str] | None:
        if not isinstance(node, dict):
            self.fail(path, "a score term must be a mapping, e.g. {leverage: usa, weight: 0.5}")
            return None
        quantity = self._quantity(node, path, {"weight", "label"}, "a score term")
        if quantity is None:
            return None
        if quantity in GLOBAL:
            ref: Ref | None = Ref(quantity)
        else:
            ref = self.ref(quantity, node[quantity], path + (quantity,))
        w = node.get("weight", 1.0)
        if isinstance(w, bool) or not isinstance(w, (int, float)) or abs(w) > 100:
            self.fail(path + ("weight",), f"'weight' must be a number between -100 and 100, not '{w}'")
            return None
        if ref is None:
            return None
        return ref, float(w), str(node.get("label", ""))


_TARGET_WORD = {
    ("$self",): "nothing (target: none)",
    ("$self", "$target"): "an actor (target: actor)",
    ("$self", "$region"): "a region (target: region)",
    ("$self", "$track"): "a track (target: track)",
}
PLACEHOLDERS_FOR_TARGET = {
    "none": ("$self",),
    "actor": ("$self", "$target"),
    "region": ("$self", "$region"),
    "track": ("$self", "$track"),
}
"""Placeholders a custom action may use, by its target."""


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _placeholder_hint(kind: str, allowed: tuple[str, ...]) -> str:
    fits = [p for p in allowed if _PLACEHOLDER_KIND[p] == kind]
    return f"use {fits[0]} or {_a(kind)} id" if fits else f"use {_a(kind)} id"


def _subject_example(quantity: str) -> str:
    kinds = _SUBJECT_KINDS[QUANTITIES[quantity].table]
    if len(kinds) == 1:
        return _example(kinds[0])
    second = "iraq" if kinds[1] == "actor" else _example(kinds[1])
    return f"[{_example(kinds[0])}, {second}]"


def _example(kind: str) -> str:
    return {"actor": "usa", "region": "kuwait", "track": "talks", "alliance": "nato", "flag": "flag_name"}[kind]


__all__ = ["Parser", "Names", "COMPARATORS", "ARITY"]
