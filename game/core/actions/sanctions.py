"""Sanctions: impose and lift them.

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **sanctions**: the target's ``relations_target`` and ``target_leverage``,
  the sanctioner's ``leverage`` (both leverage changes only if the same
  sanctions were not imposed within ``renewal`` turns), world ``tension``; while they last, the
  global ``sanctions_leverage``, ``sanctions_support`` and
  ``sanctions_cost_support`` bite each turn (region dynamics and stocks).
* **lift_sanctions**: ``relations_target``, ``leverage``, world ``tension``.
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import acause, aname, answer_obligations, mark, new_grid, subj
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, static
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Rules
from game.core.state import State


def grid_sanctions(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, s.sanctions, Reason.ALREADY_SANCTIONING)
    mark(c, d.get("allied"), Reason.ALLY_TARGET)
    return c


def resolve_sanctions(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r, s = ctx.rules, ctx.state
    cause = acause(act, e, lambda i: f"sanctions by {aname(r, e.actor[i])} on {aname(r, e.target[i])}")
    ctx.set("sanctions", e, (e.actor, e.target), 1.0, cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    # Sanctions re-imposed within a few turns of the last ones (lifted in between) are no news: they bite while
    # they last, but the shock of their announcement is not felt twice.
    news = s.recent[e.rows, e.option] < r.p("fatigue_decay") ** (act.p("renewal") + 0.5)
    ctx.add("leverage", e, (e.target,), np.where(news, act.p("target_leverage"), 0.0), cause)
    ctx.add("leverage", e, (e.actor,), np.where(news, act.p("leverage"), 0.0), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.note(
        e,
        f"while they last: their leverage sinks towards {r.p('sanctions_leverage'):+g} per sanctioner;"
        f" each turn their support {r.p('sanctions_support'):+g}, yours {r.p('sanctions_cost_support'):+g}",
    )
    ctx.say(e, lambda i: f"{subj(r, e.actor[i], 'imposes')} sanctions on {aname(r, e.target[i])}.")
    answer_obligations(ctx, e, e.target)


def grid_lift_sanctions(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, ~s.sanctions, Reason.NOT_SANCTIONING)
    return c


def resolve_lift_sanctions(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    cause = acause(act, e, lambda i: f"{subj(r, e.actor[i], 'lifts')} sanctions on {aname(r, e.target[i])}")
    ctx.set("sanctions", e, (e.actor, e.target), 0.0, cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
