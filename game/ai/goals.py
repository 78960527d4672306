"""What an AI actor wants, read from its role's victory condition.

A role's victory condition is a tree of comparisons; its leaves become goals
the AI values beyond its personality: who should control a region, which
value should rise or fall, which talks should end in agreement, against whom
force should be authorised. Actors without a role defend their own regions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.core.conditions import All, Any, Compare, Condition, Mode, Op
from game.core.spec import Rules, TrackStatus

FRIEND_GROUND = 50.0
"""An actor without a role whose regard for a region's owner is at least this wants the owner's occupied ground back."""


@dataclass
class Goals:
    control: dict[int, int] = field(default_factory=dict)
    """region -> the actor that should control it."""
    raise_: dict[tuple[str, tuple[int, ...]], float] = field(default_factory=dict)
    """(quantity, subject) -> threshold it should reach."""
    lower: dict[tuple[str, tuple[int, ...]], float] = field(default_factory=dict)
    agree: set[int] = field(default_factory=set)
    """tracks that should end in agreement."""
    avoid: set[int] = field(default_factory=set)
    """tracks that should not end in agreement."""
    keep_forces: dict[tuple[int, int], float] = field(default_factory=dict)
    """(actor, region) -> forces that should stay there."""
    victory_regions: set[int] = field(default_factory=set)
    """regions whose control the victory condition names."""
    deny: dict[int, int] = field(default_factory=dict)
    """region -> an actor that must not control it (from the defeat condition)."""
    mandate: set[int] = field(default_factory=set)
    """actors against whom force should be authorised."""
    mediate: set[int] = field(default_factory=set)
    """tracks the actor itself should mediate."""
    terms: dict[int, tuple[float, bool]] = field(default_factory=dict)
    """track -> (threshold, at most?): the terms (the first party's share) an agreement must meet."""


def _leaves(c: Condition) -> list[Compare]:
    if isinstance(c, Compare):
        return [c]
    if isinstance(c, (All, Any)):
        return [x for item in c.items for x in _leaves(item)]
    return []  # negations and constants say nothing usable about what to pursue


def _tolerated(c: Condition) -> set[int]:
    """Tracks whose agreement a branch of the condition accepts on terms: ``any`` of "no agreement" and "terms
    of at least (or at most) …" in the same track asks for good terms, not for no agreement."""
    out: set[int] = set()
    if isinstance(c, Any):
        leaves = [x for x in c.items if isinstance(x, Compare)]
        refused = {
            int(x.ref.i)
            for x in leaves
            if x.ref.quantity == "status" and x.op == Op.NE and int(x.value) == TrackStatus.AGREED
        }
        on_terms = {int(x.ref.i) for x in leaves if x.ref.quantity == "terms"}
        out |= refused & on_terms
    if isinstance(c, (All, Any)):
        for item in c.items:
            out |= _tolerated(item)
    return out


def goals_for(rules: Rules, actor: int) -> Goals:
    g = Goals()
    role = rules.role_of(actor)
    if role is None:
        for k, reg in enumerate(rules.regions):
            if reg.owner == actor:
                g.control[k] = actor
            elif FRIEND_GROUND and 0 <= reg.owner and rules.initial.relations[actor, reg.owner] >= FRIEND_GROUND:
                # A close friend of the lawful holder wants its ground back from whoever took it.
                held = int(rules.initial.control[k])
                if held >= 0 and held != reg.owner:
                    g.control[k] = reg.owner
        return g
    tolerated = _tolerated(role.victory)
    for leaf in _leaves(role.victory):
        ref, op, v = leaf.ref, leaf.op, leaf.value
        if not all(isinstance(x, int) for x in (ref.i, ref.j)):
            continue
        subject = tuple(int(x) for x in (ref.i, ref.j) if int(x) >= 0)
        if ref.quantity == "control" and op == Op.EQ:
            g.control[int(ref.i)] = int(v)
            g.victory_regions.add(int(ref.i))
        elif ref.quantity == "status" and op == Op.EQ and int(v) == TrackStatus.AGREED:
            g.agree.add(int(ref.i))
        elif ref.quantity == "status" and op == Op.NE and int(v) == TrackStatus.AGREED:
            if int(ref.i) not in tolerated:
                g.avoid.add(int(ref.i))
        elif ref.quantity == "forces" and op in (Op.GT, Op.GE):
            g.keep_forces[(int(ref.i), int(ref.j))] = v
        elif ref.quantity == "terms" and op in (Op.GT, Op.GE, Op.LT, Op.LE):
            low = op in (Op.LT, Op.LE)
            g.terms[int(ref.i)] = (v, low)
        elif ref.quantity == "mediator" and op == Op.EQ and int(v) == actor:
            g.mediate.add(int(ref.i))
        elif ref.quantity == "mandate_force" and op == Op.EQ and v >= 1:
            g.mandate.add(int(ref.i))
        elif op in (Op.GT, Op.GE):
            g.raise_[(ref.quantity, subject)] = v
        elif op in (Op.LT, Op.LE):
            g.lower[(ref.quantity, subject)] = v
    # The defeat condition says what to prevent.
    for leaf in _leaves(role.defeat):
        ref, op, v = leaf.ref, leaf.op, leaf.value
        if not all(isinstance(x, int) for x in (ref.i, ref.j)):
            continue
        subject = tuple(int(x) for x in (ref.i, ref.j) if int(x) >= 0)
        if ref.quantity == "control" and op == Op.EQ and int(v) != actor:
            g.deny[int(ref.i)] = int(v)
        elif ref.quantity == "control" and op == Op.NE and int(v) == actor:
            g.control.setdefault(int(ref.i), actor)
            g.victory_regions.add(int(ref.i))
        elif ref.quantity == "status" and op == Op.EQ and int(v) == TrackStatus.AGREED:
            g.avoid.add(int(ref.i))
        elif ref.quantity == "status" and op == Op.NE and int(v) == TrackStatus.AGREED:
            g.agree.add(int(ref.i))
        elif op in (Op.LT, Op.LE) and ref.quantity != "turn":
            g.raise_.setdefault((ref.quantity, subject), v)
        elif op in (Op.GT, Op.GE) and ref.quantity != "turn":
            g.lower.setdefault((ref.quantity, subject), v)
    for k, reg in enumerate(rules.regions):
        if reg.owner == actor:
            g.control.setdefault(k, actor)
    _scripted_threats(rules, actor, g)
    return g


def _scripted_threats(rules: Rules, actor: int, g: Goals) -> None:
    """A scripted event that sets back talks the actor needs (or advances talks
    it must prevent) is part of the situation: another actor's leverage or
    strength its trigger asks to be high becomes a value to bring down."""
    for ev in rules.events:
        if ev.inject:
            continue
        harm = 0.0
        for eff in ev.effects:
            ref = eff.ref
            if ref.quantity in ("progress", "trust") and isinstance(ref.i, int) and eff.mode == Mode.ADD:
                if ref.i in g.agree:
                    harm -= eff.amount
                elif ref.i in g.avoid:
                    harm += eff.amount
        if harm <= 0.0:
            continue
        for leaf in _leaves(ev.trigger):
            ref, op, v = leaf.ref, leaf.op, leaf.value
            if ref.quantity in ("leverage", "strength") and isinstance(ref.i, int) and 0 <= ref.i != actor:
                if op in (Op.GT, Op.GE):
                    g.lower.setdefault((ref.quantity, (int(ref.i),)), v)
