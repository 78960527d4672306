"""Alliances: form or join one, leave one.

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **alliance**: needs relations of at least ``min_relations`` both ways
  (with every member of the alliance joined) and either a threat both share
  (a third actor both regard below the global ``hostile_relations``) or
  relations of ``close_relations`` both ways; ``relations`` both ways with
  each new fellow member, ``leverage``, ``reputation``.
* **leave_alliance**: former allies' ``relations``, ``reputation`` (a
  penalty that partly fades), ``leverage``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core.actions.common import acause, aname, mark, new_grid, rep_hit, subj
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, allied, static
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Rules
from game.core.state import State


def grid_alliance(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, d.get("allied"), Reason.ALREADY_ALLIED)
    rel_t = np.swapaxes(s.relations, 1, 2)
    low = (s.relations < act.p("min_relations")) | (rel_t < act.p("min_relations"))
    # An alliance needs a threat both share (a third actor both regard as hostile) or close friendship.
    shared = _share_any(s.relations < r.p("hostile_relations"))
    close = (s.relations >= act.p("close_relations")) & (rel_t >= act.p("close_relations"))
    # Joining the target's alliance needs good relations with all its members: relations too low either way with
    # any one of them rules it out.
    outside = ~s.membership.any(axis=1)  # [B, A]: in no alliance
    low_with = _any_with(low.copy())
    for k in range(s.membership.shape[1]):
        mem = s.membership[:, k, :]  # [B, A]
        if not mem.any():
            continue
        bad = low_with(mem)  # [B, A]: actor vs members
        low |= mem[:, None, :] & bad[:, :, None]
        # ... and a target outside any alliance joins the actor's: it needs them too.
        low |= mem[:, :, None] & outside[:, None, :] & bad[:, None, :]
    mark(c, low, Reason.RELATIONS_TOO_LOW)
    mark(c, ~(shared | close), Reason.NO_SHARED_THREAT)
    in_any = s.membership.any(axis=1)  # [B, A]
    has_empty = ~s.membership.any(axis=2).all(axis=1)  # [B]
    mark(c, ~in_any[:, None, :] & ~in_any[:, :, None] & ~has_empty[:, None, None], Reason.ALLIANCE_FULL)
    return c


def _share_any(m: np.ndarray) -> np.ndarray:
    """``[B, A, A]``: whether actors i and j have some x with ``m[b, i, x]`` and ``m[b, j, x]``."""
    A = m.shape[2]
    if A > 64:
        f = m.astype(np.float32)
        return np.einsum("bix,bjx->bij", f, f) > 0
    bits = np.zeros(m.shape[:2], np.uint64)  # one bit per x
    for x in range(A):
        bits |= m[:, :, x].astype(np.uint64) << np.uint64(x)
    return (bits[:, :, None] & bits[:, None, :]) != 0


def _any_with(m: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """For ``m`` ``[B, A, A]``: a function of ``members`` ``[B, A]`` giving ``[B, A]``, whether ``m[b, i, j]`` holds
    for some member ``j`` of game ``b`` (one bit per actor, as in :func:`_share_any`)."""
    if m.shape[2] > 64:
        return lambda members: (m & members[:, None, :]).any(axis=2)
    bits = _bits(m)
    return lambda members: (bits & _bits(members[:, None, :])[:, :1]) != 0


def _bits(m: np.ndarray) -> np.ndarray:
    """``[B, A]`` ``uint64``: the last axis of ``m`` (at most 64 long) as bits."""
    bits = np.zeros(m.shape[:2], np.uint64)
    for x in range(m.shape[2]):
        bits |= m[:, :, x].astype(np.uint64) << np.uint64(x)
    return bits


def _first_slot(mask: np.ndarray) -> np.ndarray:
    """Index of the first True along the last axis, or -1."""
    out = np.full(mask.shape[0], -1, np.int64)
    for k in range(mask.shape[1] - 1, -1, -1):
        out = np.where(mask[:, k], k, out)
    return out


def resolve_alliance(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Alliances: collective defence and shared leverage; joining builds relations with members."""
    r, s = ctx.rules, ctx.state
    theirs = _first_slot(s.membership[e.rows, :, e.target])
    mine = _first_slot(s.membership[e.rows, :, e.actor])
    empty = _first_slot(~s.membership[e.rows].any(axis=2))
    joined = np.where(theirs >= 0, theirs, np.where(mine >= 0, mine, empty))
    ok = joined >= 0
    j0 = np.maximum(joined, 0)
    cause = acause(
        act, e, lambda i: f"{aname(r, e.actor[i])} and {aname(r, e.target[i])} ally in {r.alliances[j0[i]].name}"
    )
    members = s.membership[e.rows, j0].copy()  # [n, A] before joining
    if ctx.playing and ok.any():
        s.membership[e.rows[ok], joined[ok], e.actor[ok]] = True
        s.membership[e.rows[ok], joined[ok], e.target[ok]] = True
        s.alliances_changed()
    for o in range(r.n_actors):
        m = ok & (o != e.actor) & ((o == e.target) | members[:, o])
        if m.any():
            sub = e.sub(m)
            ctx.add("relations", sub, (o, sub.actor), act.p("relations"), cause)
            ctx.add("relations", sub, (sub.actor, o), act.p("relations"), cause)
    ctx.add("leverage", e, (e.actor,), np.where(ok, act.p("leverage"), 0.0), cause)
    ctx.add("reputation", e, (e.actor,), np.where(ok, act.p("reputation"), 0.0), cause)
    ctx.say(
        e,
        lambda i: f"{subj(r, e.actor[i], 'allies')} with {aname(r, e.target[i])} ({r.alliances[j0[i]].name}).",
        mask=ok,
    )


def grid_leave_alliance(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, 1)
    mark(c, ~s.membership.any(axis=1)[:, :, None], Reason.NO_ALLIANCE)
    return c


def resolve_leave_alliance(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Breaking an alliance costs reputation and relations with the former allies."""
    r, s = ctx.rules, ctx.state
    cause = acause(act, e, lambda i: f"{subj(r, e.actor[i], 'breaks its')} alliance obligations")
    for o in range(r.n_actors):
        m = allied(s, e.rows, e.actor, o)
        if m.any():
            sub = e.sub(m)
            ctx.add("relations", sub, (o, sub.actor), act.p("relations"), cause)
    rep_hit(ctx, e, act.p("reputation"), cause)
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    if ctx.playing:
        s.membership[e.rows, :, e.actor] = False
        s.alliances_changed()
        ctx.say(e, lambda i: f"{subj(r, e.actor[i], 'leaves its')} alliance.")
