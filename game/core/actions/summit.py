"""Leaders' diplomacy in public: summits and ultimatums (the escalation ladder).

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **summit**: needs the target's relations of at least ``min_relations`` and
  world tension of at most ``max_tension``; ``relations`` both ways,
  ``reputation`` and ``support``, scaled down between friends and right
  after the last summit of the two (to ``min_effect``, full again after
  ``cooldown`` turns); ``tension``, ``escalation``. Meeting an aggressor
  costs ``aggressor_reputation`` and its victims' (and their allies')
  ``aggressor_relations`` instead.
* **ultimatum**: to an occupier, with a deadline the global
  ``ultimatum_deadline`` turns away (its outcome: region dynamics);
  ``leverage``, ``relations_target``, ``tension``, ``escalation``.
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import acause, aname, answer_obligations, mark, new_grid, subj
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, occupiers, occupies, owners, static
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Rules
from game.core.state import State


def aggressors(rules: Rules, s: State, rows: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Whether ``t`` is an aggressor: it occupies others' ground, or the Council
    has condemned it or authorised force against it."""
    if len(rows) > s.batch and (np.asarray(t) >= 0).all():
        # More orders than games: every actor of every game at once, then read (the same booleans).
        table = occupiers(rules, s) | s.condemned | s.mandate_force
        return table.reshape(-1)[np.asarray(rows, np.int64) * s.condemned.shape[1] + t]
    return occupies(rules, s, rows, t) | s.condemned[rows, t] | s.mandate_force[rows, t]


def grid_summit(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, np.swapaxes(s.relations, 1, 2) < act.p("min_relations"), Reason.RELATIONS_TOO_LOW)
    mark(c, s.tension[:, None, None] > act.p("max_tension"), Reason.TENSION_TOO_HIGH)
    return c


def resolve_summit(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    s = ctx.state
    bad = aggressors(r, s, e.rows, e.target)
    # Which aggressors hold ground not their own: for the words of the news and the notes only.
    worded = ctx.recording or (not ctx.playing and ctx.wants_notes)
    occ = occupies(r, s, e.rows, e.target) if worded and bad.any() else np.zeros(len(e), bool)

    def why(i: int) -> str:
        """What makes the host an aggressor, in plain words."""
        if not bad[i]:
            return ""
        if occ[i]:
            return ", who holds ground not its own"
        if s.condemned[e.rows[i], e.target[i]]:
            return ", whom the Council has condemned"
        return ", against whom the Council has authorised force"

    cause = acause(act, e, lambda i: f"summit of {aname(r, e.actor[i])} with {aname(r, e.target[i])}{why(i)}")
    # Public diplomacy matters most between those who are not yet friends,
    # and a summit soon after the last one between the same two adds little.
    gain = np.clip(1.0 - np.maximum(s.relations[e.rows, e.target, e.actor], 0.0) / 100.0, act.p("min_effect"), 1.0)
    since = ctx.turn - np.maximum(s.last_summit[e.rows, e.actor, e.target], s.last_summit[e.rows, e.target, e.actor])
    gain = gain * np.clip(since / act.p("cooldown"), act.p("min_effect"), 1.0)
    if ctx.playing:
        s.last_summit[e.rows, e.actor, e.target] = ctx.turn
    ctx.add("relations", e, (e.target, e.actor), act.p("relations") * gain, cause)
    ctx.add("relations", e, (e.actor, e.target), act.p("relations") * gain, cause)
    ctx.add(
        "reputation", e, (e.actor,), np.where(bad, -act.p("aggressor_reputation"), act.p("reputation") * gain), cause
    )
    ctx.add("support", e, (e.actor,), np.where(bad, 0.0, act.p("support") * gain), cause)
    if bad.any():
        # Meeting an aggressor costs standing with its victims and their friends.
        victims = np.zeros((len(e), r.n_actors), bool)
        own = owners(r)
        for g in range(r.n_regions):
            if own[g] < 0:
                continue  # nobody is the victim of a presence in international waters
            held = (s.control[e.rows, g] == e.target) & (own[g] != e.target) & ~s.consent[e.rows, e.target, g]
            victims[:, own[g]] |= held
        friends = victims | (s.allied_matrix()[e.rows].astype(np.int8) @ victims[:, :, None].astype(np.int8))[
            :, :, 0
        ].astype(bool)
        for o in range(r.n_actors):
            m = bad & friends[:, o] & (o != e.actor) & (o != e.target)
            if m.any():
                sub = e.sub(m)
                ctx.add("relations", sub, (o, sub.actor), act.p("aggressor_relations"), cause)
        ctx.note(e, "they hold ground not their own: meeting them costs standing with its owner and friends", mask=occ)
        ctx.note(e, "the Council has acted against them: meeting them costs standing", mask=bad & ~occ)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.add("escalation", e, (e.actor, e.target), act.p("escalation"), cause)
    ctx.add("escalation", e, (e.target, e.actor), act.p("escalation"), cause)


def grid_ultimatum(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    mark(c, ~d.get("occupies")[:, None, :], Reason.NO_OCCUPATION)
    mark(c, s.ultimatum >= 0, Reason.ULTIMATUM_PENDING)
    return c


def resolve_ultimatum(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Escalation ladder: the target must withdraw by the deadline or the issuer
    must enforce it; whoever backs down pays in prestige (see region dynamics)."""
    r, s = ctx.rules, ctx.state
    deadline = ctx.turn + int(r.p("ultimatum_deadline"))
    cause = acause(act, e, lambda i: f"ultimatum from {aname(r, e.actor[i])} to {aname(r, e.target[i])}")
    if ctx.playing:
        s.ultimatum[e.rows, e.actor, e.target] = deadline
        ctx.say(
            e,
            lambda i: (
                f"{subj(r, e.actor[i], 'gives')} {aname(r, e.target[i])} an ultimatum: withdraw by turn {deadline}."
            ),
        )
    else:
        ctx.note(e, f"deadline turn {deadline}: if they withdraw you gain; if not, enforce it or lose credibility")
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.add("escalation", e, (e.actor, e.target), act.p("escalation"), cause)
    ctx.add("escalation", e, (e.target, e.actor), act.p("escalation"), cause)
    answer_obligations(ctx, e, e.target)
