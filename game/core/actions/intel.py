"""Intelligence and cyber operations (rule 8).

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **intelligence**: the target's hidden values are visible and operations
  against it gain the global ``intel_strike_bonus`` for ``turns`` turns;
  ``leverage`` at once.
* **cyber**: succeeds with ``odds`` (plus ``intel_strike_bonus`` with current
  intelligence): the target's readiness ``target_readiness`` and leverage
  ``target_leverage``, the actor's ``leverage``. Traced back with chance
  ``attribution``: ``reputation_attributed`` (a penalty that partly fades),
  ``relations_target``, world ``tension``.
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import acause, aname, answer_obligations, mark, new_grid, rep_hit, subj
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, static
from game.core.reasons import Reason
from game.core.rng import Stream
from game.core.spec import ActionSpec, Rules
from game.core.state import State


def grid_intelligence(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, s.intel > 1, Reason.INTEL_ACTIVE)
    return c


def resolve_intelligence(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 8: intelligence reveals hidden values and improves the odds of operations."""
    r, s = ctx.rules, ctx.state
    if ctx.playing:
        s.intel[e.rows, e.actor, e.target] = int(act.p("turns"))
        ctx.say(e, lambda i: f"{subj(r, e.actor[i], 'steps')} up surveillance of {aname(r, e.target[i])}.")
    else:
        ctx.note(e, f"reveals their hidden values and improves your odds against them for {int(act.p('turns'))} turns")
    cause = acause(act, e, lambda i: f"surveillance of {aname(r, e.target[i])}")
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)


def grid_cyber(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, d.get("allied"), Reason.ALLY_TARGET)
    return c


def resolve_cyber(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 8: cyber operations change the odds; attribution costs reputation."""
    r, s = ctx.rules, ctx.state
    has_intel = s.intel[e.rows, e.actor, e.target] > 0
    ok = ctx.chance(e, act.p("odds") + np.where(has_intel, r.p("intel_strike_bonus"), 0.0))
    attributed = ctx.chance(e, act.p("attribution"), Stream.ACTION_2, good=False)
    won, traced = ctx.certain(ok), ctx.certain(attributed)
    c_ok = acause(
        act, e, lambda i: f"{'successful' if won[i] else 'failed'} cyber operation against {aname(r, e.target[i])}"
    )
    c_att = acause(act, e, lambda i: f"cyber operation against {aname(r, e.target[i])} traced back")
    ctx.add("readiness", e, (e.target,), ctx.pick(ok, act.p("target_readiness"), 0.0), c_ok)
    ctx.add("leverage", e, (e.target,), ctx.pick(ok, act.p("target_leverage"), 0.0), c_ok)
    ctx.add("leverage", e, (e.actor,), ctx.pick(ok, act.p("leverage"), 0.0), c_ok)
    rep_hit(ctx, e, ctx.pick(attributed, act.p("reputation_attributed"), 0.0), c_att)
    ctx.add("relations", e, (e.target, e.actor), ctx.pick(attributed, act.p("relations_target"), 0.0), c_att)
    ctx.add("tension", e, (), ctx.pick(attributed, act.p("tension"), 0.0), c_att)
    ctx.say(
        e,
        lambda i: f"A cyber attack hits {aname(r, e.target[i])}; it is traced to {aname(r, e.actor[i])}.",
        mask=traced & won,
    )
    ctx.say(e, lambda i: f"A cyber attack hits {aname(r, e.target[i])}; the attacker is unknown.", mask=~traced & won)
    answer_obligations(ctx, e, e.target)
