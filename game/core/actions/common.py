"""Helpers every action family shares: names in texts, causes, the
reputation penalty that fades (``penalty_fading_share``: the share of a
reputation penalty that fades over later turns), obligations answered,
talks stalled by violence, and the reason-code grids legality is built of.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core.ctx import Ctx, Entries
from game.core.derived import Derived
from game.core.ledger import Cause, CauseKind
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Rules, TrackStatus
from game.core.state import State

CODE = np.int8  # reason codes fit in a byte: less memory to move in big batches

Grid = Callable[[Rules, State, ActionSpec, Derived], np.ndarray]
"""A legality grid: reason codes ``[B, A, X]`` for every actor and target at once."""

Resolver = Callable[[Ctx, ActionSpec, Entries], None]
"""A resolver: applies a set of orders of one action through the context."""


def new_grid(s: State, width: int) -> np.ndarray:
    """Reason codes ``[B, A, width]``, all legal so far."""
    return np.zeros((s.batch, s.strength.shape[1], width), CODE)


def mark(codes: np.ndarray, cond: np.ndarray, reason: Reason) -> None:
    """Record ``reason`` where ``cond`` holds and no earlier reason was found."""
    # The code is added where none was found yet: arithmetic over the whole
    # grid is faster than a masked copy, which branches at every cell.
    codes += CODE(reason) * ((codes == 0) & cond)


def aname(rules: Rules, i: int) -> str:
    return rules.actors[int(i)].name if i >= 0 else "nobody"


def possessive(name: str) -> str:
    """A name's possessive: "Iraq's", but "the United States'" and "the Bosnian Serbs'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


IRREGULAR = {"is": "are", "has": "have", "does": "do", "goes": "go", "was": "were"}


def agree(verb: str) -> str:
    """The plural form of a third-person singular verb: "withdraws" → "withdraw"."""
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "zes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") and not verb.endswith("ss") else verb


def subj(rules: Rules, i: int, phrase: str) -> str:
    """The actor's name and ``phrase``, its verb (the first word) agreeing with
    the name and "its" made "their" for a plural actor: "the Bosnian Serbs
    withdraw their forces from"."""
    name = aname(rules, i)
    if i < 0 or not rules.actors[int(i)].plural:
        return f"{name} {phrase}"
    first, _, rest = phrase.partition(" ")
    rest = " ".join("their" if w == "its" else w for w in rest.split(" ")) if rest else ""
    return f"{name} {agree(first)}{' ' + rest if rest else ''}"


def rname(rules: Rules, i: int) -> str:
    return rules.regions[int(i)].name if i >= 0 else "-"


def tname(rules: Rules, i: int) -> str:
    return rules.tracks[int(i)].name if i >= 0 else "-"


def acause(act: ActionSpec, e: Entries, text: Callable[[int], str]) -> Callable[[int], Cause]:
    """Cause of a change made by an order; its text is built only when logged."""
    return lambda i: Cause(CauseKind.ACTION, act.id, text(i), int(e.actor[i]))


def rcause(name: str, e: Entries, text: Callable[[int], str]) -> Callable[[int], Cause]:
    """Cause of a rule's consequence of an order (outrage, a breach, bad faith …), charged to the order's actor.
    ``i`` is the order's index in ``e``, also when the change is made for a subset of ``e``."""
    return lambda i: Cause(CauseKind.RULE, name, text(i), int(e.actor[i]))


def first_of(rows: np.ndarray, key: np.ndarray) -> np.ndarray:
    """True for the first order of each (game, key) pair, in order."""
    pair = rows.astype(np.int64) * (int(key.max(initial=0)) + 2) + (key + 1)
    _, first = np.unique(pair, return_index=True)
    out = np.zeros(len(rows), bool)
    out[first] = True
    return out


def others_towards(
    ctx: Ctx, e: Entries, amount: np.ndarray | float, cause: Callable[[int], Cause], exclude: np.ndarray | None = None
) -> None:
    """Every other actor's relations towards the ordering actor change (rule 9)."""
    amount = np.broadcast_to(np.asarray(amount, np.float64), (len(e),))
    # One change for every other actor, made together in the order of the actors (each of their regards is a
    # value of its own): the same changes, in the same order, as one call per actor.
    picks, whose = [], []
    for o in range(ctx.rules.n_actors):
        m = e.actor != o
        if exclude is not None:
            m &= exclude != o
        j = np.flatnonzero(m)
        if len(j):
            picks.append(j)
            whose.append(np.full(len(j), o, np.int64))
    if picks:
        keep = np.concatenate(picks)
        sub = e.sub(keep)
        ctx.add("relations", sub, (np.concatenate(whose), sub.actor), amount[keep], cause)


def answer_obligations(ctx: Ctx, e: Entries, target: np.ndarray) -> None:
    """A hostile order against an attacker answers the actor's obligation to its ally."""
    if not ctx.playing:
        return
    s = ctx.state
    due = s.obligation[e.rows, e.actor, target] >= 0
    if due.any():
        s.obligation[e.rows[due], e.actor[due], target[due]] = -1
        r = ctx.rules
        ctx.say(e, lambda i: f"{subj(r, e.actor[i], 'stands by its ally')} against {aname(r, target[i])}.", mask=due)


def rep_hit(ctx: Ctx, e: Entries, amount: np.ndarray | float, cause: Callable[[int], Cause]) -> None:
    """A reputation penalty; part of it fades over later turns (like grudges)."""
    d = ctx.add("reputation", e, (e.actor,), -np.asarray(amount, np.float64), cause)
    if ctx.playing:
        ctx.state.penalty[e.rows, e.actor] += -d * ctx.rules.p("penalty_fading_share")


def stall_talks(
    ctx: Ctx,
    e: Entries,
    region: np.ndarray,
    target: np.ndarray,
    progress: float,
    trust: float,
    cause: Callable[[int], Cause],
) -> None:
    """Violence stalls open talks about the region or between the two sides."""
    s = ctx.state
    for k, tr in enumerate(ctx.rules.tracks):
        p1, p2 = tr.parties
        sides = (e.actor == p1) | (e.actor == p2) | (target == p1) | (target == p2)
        m = ((region == tr.region) | sides) & (s.track_status[e.rows, k] == TrackStatus.OPEN)
        if m.any():
            sub = e.sub(m)
            ctx.add("progress", sub, (k,), -progress, cause)
            ctx.add("trust", sub, (k,), -trust, cause)
