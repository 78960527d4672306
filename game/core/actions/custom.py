"""A scenario's own actions, built from the condition and effect vocabulary.

They read no rule numbers: legality is the action's ``requires`` condition,
and its effects (with their chances) are the scenario's.
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import CODE, acause, aname
from game.core.conditions import TRUE, Mode
from game.core.ctx import Ctx, Entries
from game.core.reasons import Reason
from game.core.rng import Stream
from game.core.spec import ActionSpec, Rules
from game.core.state import State


def binding(e: Entries) -> dict[str, np.ndarray]:
    return {"$self": e.actor, "$target": e.target, "$region": e.region, "$track": e.track}


def custom_codes(rules: Rules, s: State, act: ActionSpec, options: np.ndarray) -> np.ndarray:
    B = s.batch
    rows = np.repeat(np.arange(B), len(options))
    e = Entries.for_options(rules, rows, np.tile(options, B))
    ok = act.requires.evaluate(s, e.rows, binding(e))
    return np.where(ok, 0, int(Reason.REQUIREMENT)).reshape(B, len(options)).astype(CODE)


def with_requirement(rules: Rules, s: State, act: ActionSpec, options: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """A default action's reason codes ``[B, n]`` with the scenario's own
    ``requires`` on top: an option its rules allow is refused when the
    requirement does not hold. Unchanged when the action has none."""
    if act.requires is TRUE or not len(options):
        return codes
    req = custom_codes(rules, s, act, options)
    return np.where((codes == 0) & (req != 0), req, codes).astype(codes.dtype)


def extra_effects(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """A default action's effects of the scenario's own, after its rules' (nothing when it has none)."""
    if act.effects:
        _apply(ctx, act, e)


def _apply(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    bind = binding(e)
    for k, eff in enumerate(act.effects):
        cause = acause(act, e, lambda i, _l=eff.label: _l or ctx.rules.option_label(int(e.option[i])))
        happens = ctx.chance(e, eff.chance, Stream.ACTION_2, draw=k) if eff.chance < 1.0 else np.ones(len(e), bool)
        if eff.mode == Mode.ADD:
            ctx.ref_add(eff.ref, e, bind, ctx.pick(happens, eff.amount, 0.0), cause)
        else:
            ctx.ref_set(eff.ref, e, bind, eff.amount, cause, where=happens)


def resolve_custom(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """A scenario's own action, built from the effect vocabulary."""
    bind = binding(e)
    cause = acause(act, e, lambda i: ctx.rules.option_label(int(e.option[i])))
    for k, eff in enumerate(act.effects):
        happens = ctx.chance(e, eff.chance, Stream.ACTION_2, draw=k) if eff.chance < 1.0 else np.ones(len(e), bool)
        if eff.mode == Mode.ADD:
            ctx.ref_add(eff.ref, e, bind, ctx.pick(happens, eff.amount, 0.0), cause)
        else:
            ctx.ref_set(eff.ref, e, bind, eff.amount, cause, where=happens)
    ctx.say(e, lambda i: f"{aname(ctx.rules, e.actor[i])}: {ctx.rules.option_label(int(e.option[i]))}.")
