"""Turn resolution, in a fixed and documented order.

A turn is resolved for a whole batch at once:

1. **Orders** are checked against the state at the start of the turn; an
   illegal order is rejected with its reason (never silently dropped).
2. **Military phase**: military orders, slot by slot (every actor's first
   order, then every actor's second, ...). Within a slot, all orders of one
   action resolve together, reading the state as it was before them; actions
   go in catalog order. Several changes to one value apply in actor order.
   Then control of regions is updated.
3. **Diplomacy phase**: diplomatic orders in the same order, Security
   Council votes included.
4. **Region dynamics**: peacekeeping, occupation, reconstruction, need,
   flare-ups, crises; sanctions, ultimatums, escalation, fading penalties,
   readiness, counters.
5. The calendar advances; **events** whose triggers hold fire and open the
   next turn's news.
6. **Victory and defeat** checks; finished games are frozen.

Games that are already over are not changed by later turns.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import numpy as np

from game.core.actions import REGISTRY
from game.core.actions.common import possessive, subj
from game.core.actions.custom import extra_effects
from game.core.actions.talks import lapse_offers
from game.core.conditions import Effect, Mode
from game.core.ctx import BEST, MEAN, PLAY, WORST, Ctx, Entries, rule_cause
from game.core.derived import holder_by_forces, occupies, over_budget, owners, uninvited
from game.core.ledger import Cause, CauseKind, Ledger
from game.core.legal import legal_entries, legality
from game.core.reasons import REASON_TEXT, Reason
from game.core.rng import Stream
from game.core.spec import Category, Kind, Outcome, Rules
from game.core.state import State, new_state
from game.core.stocks import baseline_words, leverage_baseline, occupation_wear, stability_cap, tension_floor

RULES_VERSION = 6
"""The version of the rules the engine plays. A save records it: a game saved
under other rules would not replay to the same end, so it is refused with a
clear message. Version 2 is model v2 (consent bargaining, stocks, access);
version 3 adds war costs to bargaining (coercion opens room for a deal) and
the cost of striking a side that is still talking before a deadline; version
4 slows talks in an unstable region and lets a show of force deter only those
at odds with the actor; version 5 takes the shock of sanctions imposed again
soon after they were lifted (a loop of imposing and lifting gains nothing);
version 6 lets a strong occupier bear the cost of an occupation better
(``occupation_relief``)."""


@dataclass(frozen=True)
class Rejection:
    game: int
    actor: int
    slot: int
    option: int
    reason: Reason

    @property
    def text(self) -> str:
        return REASON_TEXT[self.reason]


@dataclass
class TurnResult:
    state: State
    news: list[tuple[int, str]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    council: list[dict] = field(default_factory=list)


# --------------------------------------------------------------------- legality
def _action_groups(rules: Rules, options: np.ndarray) -> dict[int, np.ndarray]:
    acts = rules.opt_action[options]
    return {int(a): options[acts == a] for a in np.unique(acts)}


def legal_mask(
    rules: Rules, state: State, options: np.ndarray | None = None, spent: np.ndarray | None = None
) -> np.ndarray:
    return legality(rules, state, options, spent) == 0


def check_orders(
    rules: Rules, state: State, orders: np.ndarray, codes: np.ndarray | None = None
) -> tuple[np.ndarray, list[Rejection]]:
    """Remove illegal orders, returning the cleaned orders and every rejection.

    Orders are checked in slot order: each must belong to its actor, be legal
    in the state at the start of the turn, fit the remaining budget and not
    repeat an earlier order. ``codes`` may give the legality of every option
    ``[B, O]`` in this same state, already computed (by an AI deciding).
    """
    known = codes
    orders = np.array(orders, np.int64, copy=True)
    B, A, K = orders.shape
    rejected: list[Rejection] = []
    valid = orders >= 0
    safe = np.where(valid, orders, 0)
    codes = np.zeros_like(orders)
    # Ownership.
    owner = rules.opt_actor[safe]
    codes[valid & (owner != np.arange(A)[None, :, None])] = int(Reason.NOT_YOURS)
    # Legality in the state at the start of the turn.
    b_i, a_i, k_i = np.nonzero(valid & (codes == 0))
    if len(b_i):
        opts = orders[b_i, a_i, k_i]
        if known is not None:
            codes[b_i, a_i, k_i] = known[b_i, opts]
        else:
            for a_idx in np.unique(rules.opt_action[opts]):
                m = rules.opt_action[opts] == a_idx
                e = Entries.for_options(rules, b_i[m], opts[m], k_i[m])
                codes[b_i[m], a_i[m], k_i[m]] = legal_entries(rules, state, int(a_idx), e)
    # Budget, duplicates and game over, slot by slot.
    spent = np.zeros((B, A))
    for k in range(K):
        o = safe[:, :, k]
        ok = valid[:, :, k] & (codes[:, :, k] == 0)
        cost = rules.opt_cost[o]
        short = ok & over_budget(state.budget, spent, cost)
        codes[:, :, k][short] = int(Reason.BUDGET)
        for j in range(k):
            dup = ok & (orders[:, :, j] == orders[:, :, k])
            codes[:, :, k][dup & (codes[:, :, k] == 0)] = int(Reason.DUPLICATE)
        ok = valid[:, :, k] & (codes[:, :, k] == 0)
        spent = spent + np.where(ok, cost, 0)
    codes[valid & state.over[:, None, None] & (codes == 0)] = int(Reason.GAME_OVER)
    bad = valid & (codes != 0)
    for b, a, k in zip(*np.nonzero(bad)):
        rejected.append(Rejection(int(b), int(a), int(k), int(orders[b, a, k]), Reason(int(codes[b, a, k]))))
    orders[bad] = -1
    return orders, rejected


# --------------------------------------------------------------------- phases
def _run_phase(ctx: Ctx, orders: np.ndarray, category: Category) -> None:
    """Resolve one phase: slot by slot; within a slot, every actor's orders of
    one action resolve together (simultaneously), actions in catalog order."""
    rules = ctx.rules
    cat = np.array([a.category == category for a in rules.actions], bool)
    K = orders.shape[2]
    for k in range(K):
        o = orders[:, :, k]
        has = o >= 0
        if not has.any():
            continue
        acts = rules.opt_action[np.maximum(o, 0)]
        # The phase's orders (game-major), grouped by action in catalog order.
        at = np.flatnonzero(has & cat[acts])
        if not len(at):
            continue
        at = at[np.argsort(acts.reshape(-1)[at], kind="stable")]
        by_act = acts.reshape(-1)[at]
        bounds = np.r_[0, np.flatnonzero(np.diff(by_act)) + 1, len(at)]
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            group = at[lo:hi]
            act = rules.actions[int(by_act[lo])]
            e = Entries.for_options(rules, group // o.shape[1], np.take(o, group), k)
            REGISTRY[act.kind].resolve(ctx, act, e)
            if act.kind != Kind.CUSTOM:
                extra_effects(ctx, act, e)  # the scenario's own effects on a default action (if any)
            if ctx.playing:
                # (Through flat positions: the same cells, each order's own, faster than pairs of index arrays.)
                st = ctx.state
                _flat(st.recent)[e.rows * st.recent.shape[1] + e.option] += np.float32(1.0)
                n_act = st.recent_action.shape[2]
                _flat(st.recent_action)[(e.rows * rules.n_actors + e.actor) * n_act + int(by_act[lo])] += np.float32(
                    1.0
                )


def _flat(arr: np.ndarray) -> np.ndarray:
    """A state array as one flat view (changes to it change the state)."""
    if not arr.flags.c_contiguous:
        raise ValueError("state arrays are contiguous")
    return arr.reshape(-1)


def _update_control(ctx: Ctx) -> None:
    """An occupier without forces loses control to the owner; an owner without
    forces facing a hostile force that struck it loses control to that force."""
    r, s = ctx.rules, ctx.state
    own = owners(r)
    rows = np.arange(s.batch)
    for g in range(r.n_regions):
        if own[g] < 0:
            _update_control_at_sea(ctx, g)
            continue
        ctrl = s.control[:, g]
        ctrl_forces = s.forces[rows, ctrl, g]
        lib = (ctrl != own[g]) & (ctrl_forces < 1.0)
        if lib.any():
            j = np.nonzero(lib)[0]
            occupier = ctrl[j].copy()
            cause = lambda i, _o=occupier: rule_cause(
                "liberation", f"{r.regions[g].name} freed of {possessive(r.actors[int(_o[i])].name)} forces"
            )
            ctx.set("control", j, (np.full(len(j), g),), float(own[g]), cause)
            ctx.set("post_conflict", j, (np.full(len(j), g),), 1.0, cause)
            ctx.add("leverage", j, (occupier,), -r.p("liberation_leverage"), cause)
            ctx.add("leverage", j, (np.full(len(j), own[g]),), r.p("liberation_leverage"), cause)
            ctx.add("stability", j, (np.full(len(j), g),), r.p("liberation_stability"), cause)
            ctx.say(
                j,
                lambda i, _o=occupier: (
                    f"{r.regions[g].name} is liberated: {r.actors[int(_o[i])].name} no longer holds it."
                ),
            )
        ctrl = s.control[:, g]
        ctrl_forces = s.forces[rows, ctrl, g]
        best = np.full(s.batch, -1, np.int64)
        best_f = np.full(s.batch, r.p("occupation_min_forces"))
        struck = s.last_strike[rows, :, ctrl] >= ctx.turn  # [B, A]: who struck the holder this turn
        for a in range(r.n_actors):
            f = s.forces[:, a, g]
            hostile = struck[:, a] & (a != ctrl)
            take = hostile & (f > best_f) & (ctrl_forces < 1.0)
            best = np.where(take, a, best)
            best_f = np.where(take, f, best_f)
        occ = best >= 0
        if occ.any():
            j = np.nonzero(occ)[0]
            prev = ctrl[j].copy()
            new = best[j]
            cause = lambda i, _n=new: rule_cause(
                "occupation", f"{r.regions[g].name} taken by {r.actors[int(_n[i])].name}", int(_n[i])
            )
            ctx.set("control", j, (np.full(len(j), g),), new.astype(np.float64), cause)
            ctx.add("leverage", j, (new,), r.p("liberation_leverage"), cause)
            ctx.add("leverage", j, (prev,), -r.p("liberation_leverage"), cause)
            ctx.say(j, lambda i, _n=new: f"{subj(r, int(_n[i]), 'takes control of')} {r.regions[g].name}.")


def _update_control_at_sea(ctx: Ctx, g: int) -> None:
    """A region nobody owns (international waters) is held by whoever has forces there: nobody occupies it and
    nobody liberates it (see :func:`holder_by_forces`)."""
    r, s = ctx.rules, ctx.state
    ctrl = s.control[:, g]
    new = holder_by_forces(s.forces[:, :, g], ctrl)
    moved = new != ctrl
    if not moved.any():
        return
    j = np.nonzero(moved)[0]
    now = new[j]
    name = r.regions[g].name
    cause = lambda i, _n=now: rule_cause(
        "control_at_sea",
        f"{name} held by {r.actors[int(_n[i])].name}" if _n[i] >= 0 else f"{name} held by no one",
        int(_n[i]),
    )
    ctx.set("control", j, (np.full(len(j), g),), now.astype(np.float64), cause)
    ctx.say(
        j,
        lambda i, _n=now: (
            f"{subj(r, int(_n[i]), 'now holds')} {name}." if _n[i] >= 0 else f"No one holds {name} any more."
        ),
    )


def _region_dynamics(ctx: Ctx) -> None:
    r, s = ctx.rules, ctx.state
    B = s.batch
    rows = np.arange(B)
    p = r.p
    cap = stability_cap(r, s)
    uninv = uninvited(r, s)  # [B, A, R]: forces, consent and alliances do not change in this phase
    for g in range(r.n_regions):
        name = r.regions[g].name
        gg = np.full(B, g)
        # Rule 3: peacekeepers raise stability every turn they stay.
        pk = np.zeros(B)
        for a in range(r.n_actors):
            pk = pk + s.peacekeepers[:, a, g]
        m = pk > 0
        if m.any():
            j = rows[m]
            gain = p("peacekeeping_stability") * np.minimum(1.0, pk[m] / p("peacekeeping_reference"))
            c = rule_cause("peacekeeping", f"peacekeepers present in {name}")
            ctx.add("stability", j, (gg[m],), gain, c)
            ctx.add("need", j, (gg[m],), -p("peacekeeping_need"), c)
        # Occupation: uninvited forces lower stability and raise need.
        for a in range(r.n_actors):
            f = s.forces[:, a, g]
            m = uninv[:, a, g]
            if m.any():
                j = rows[m]
                c = rule_cause("occupation", f"{possessive(r.actors[a].name)} uninvited forces in {name}", a)
                ctx.add("stability", j, (gg[m],), -p("occupation_stability") * np.minimum(1.0, f[m] / 20.0), c)
                ctx.add("need", j, (gg[m],), p("occupation_need") * np.minimum(1.0, f[m] / 20.0), c)
        # Rule 7: reconstruction keeps raising stability.
        rec = s.reconstruction[:, g]
        m = rec > 0
        if m.any():
            ctx.add(
                "stability",
                rows[m],
                (gg[m],),
                p("reconstruction_stability") * rec[m] / 100.0,
                rule_cause("reconstruction", f"reconstruction under way in {name}"),
            )
        # Need and stability drag each other down.
        need = s.need[:, g]
        m = need > p("need_pressure_from")
        if m.any():
            ctx.add(
                "stability",
                rows[m],
                (gg[m],),
                -(need[m] - p("need_pressure_from")) * p("need_pressure"),
                rule_cause("need", f"humanitarian need in {name}"),
            )
        stab = s.stability[:, g]
        m = stab < p("need_growth_below")
        if m.any():
            ctx.add(
                "need",
                rows[m],
                (gg[m],),
                (p("need_growth_below") - stab[m]) * p("need_growth"),
                rule_cause("instability", f"instability in {name}"),
            )
        # Rule 7: post-conflict regions may flare up; reconstruction makes it rarer.
        m = s.post_conflict[:, g] & (s.stability[:, g] < p("flare_below"))
        if m.any():
            j = rows[m]
            chance = p("flare_chance") * (1.0 - s.reconstruction[j, g] / 100.0)
            hit = ctx.draw(j, chance, int(Stream.REGION), g)
            if ctx.playing and hit.any():
                jj = j[hit]
                c = rule_cause("flare_up", f"fighting flares up again in {name}")
                ctx.add("stability", jj, (np.full(len(jj), g),), -p("flare_stability"), c)
                ctx.add("need", jj, (np.full(len(jj), g),), p("flare_need"), c)
                s.violence[jj, g] += 1.0
                ctx.say(jj, f"Fighting flares up again in {name}.")
        # Attention moves on: stability drifts back towards its anchor (rebuilding raises it).
        anchor = float(r.initial.stability[g]) + p("stability_anchor_reconstruction") * s.reconstruction[:, g]
        gap = p("stability_drift") * (anchor - s.stability[:, g])
        m = np.abs(gap) > 0.05
        if m.any():
            ctx.add(
                "stability",
                rows[m],
                (gg[m],),
                gap[m],
                rule_cause("stability_drift", f"{name} settles back as attention moves on"),
            )
        # Occupation and need cap what stability a region can hold.
        over = s.stability[:, g] - cap[:, g]
        m = over > 0.05
        if m.any():
            why = rule_cause("stability_cap", f"{name} cannot stay stable while occupied or in need")
            ctx.add("stability", rows[m], (gg[m],), -p("stability_cap_pull") * over[m], why)
        # Crises start below one threshold and end only above a higher one.
        stab = s.stability[:, g]
        start = ~s.crisis[:, g] & (stab < p("crisis_start"))
        end = s.crisis[:, g] & (stab > p("crisis_end"))
        if ctx.playing:
            s.crisis[start, g] = True
            s.crisis_since[start, g] = ctx.turn
            s.crisis[end, g] = False
            s.responded[end, :, g] = False
            ctx.say(rows[start], f"Crisis in {name}: stability has collapsed.")
            ctx.say(rows[end], f"The crisis in {name} is over.")
    _sanctions(ctx)
    _occupation(ctx)
    lapse_offers(ctx)
    _obligations(ctx)
    _ultimatums(ctx)
    _escalation(ctx)
    _drift(ctx)
    # World tension eases, penalties fade, readiness recovers, counters run down.
    _tension(ctx)
    for a in range(r.n_actors):
        aa = np.full(B, a)
        pen = s.penalty[:, a]
        m = pen > 0.01
        if m.any():
            back = np.minimum(pen[m], np.maximum(pen[m] * p("penalty_fade"), 0.5))
            ctx.add("reputation", rows[m], (aa[m],), back, rule_cause("fading", "earlier reputation penalties fade", a))
            if ctx.playing:
                s.penalty[m, a] = pen[m] - back
        m = s.readiness[:, a] < 100.0
        if m.any():
            ctx.add(
                "readiness",
                rows[m],
                (aa[m],),
                p("readiness_recovery"),
                rule_cause("readiness", "forces recover readiness", a),
            )
    if ctx.playing:
        s.intel[:] = np.maximum(s.intel - 1, 0)
        s.setback[:] = np.maximum(s.setback - 1, 0)
        s.recent *= np.float32(p("fatigue_decay"))
        s.recent_action *= np.float32(p("fatigue_decay"))


def _tension(ctx: Ctx) -> None:
    """World tension eases, but not below its floor while occupation, uninvited
    forces or fighting persist; whatever eased it during the turn, it ends
    the turn at its floor at least."""
    r, s = ctx.rules, ctx.state
    p = r.p
    rows = np.arange(s.batch)
    floor = tension_floor(r, s)
    t = s.tension
    ease = np.where(t > floor, -np.minimum(p("tension_decay"), t - floor), 0.0)
    m = ease < 0
    if m.any():
        ctx.add("tension", rows[m], (), ease[m], rule_cause("tension_decay", "world tension eases"))
    rise = np.where(t < floor, floor - t, 0.0)
    m = rise > 0.05
    if m.any():
        ctx.add(
            "tension",
            rows[m],
            (),
            rise[m],
            rule_cause("tension_floor", "occupation, uninvited forces or fighting keep the world on edge"),
        )


def _drift(ctx: Ctx) -> None:
    """Stocks, not gifts: leverage closes part of the gap to what the actor's
    position is worth; reputation and support drift back towards where they began."""
    r, s = ctx.rules, ctx.state
    p = r.p
    rows = np.arange(s.batch)
    base = leverage_baseline(r, s)
    ini = r.initial
    for a in range(r.n_actors):
        aa = np.full(s.batch, a)
        name = r.actors[a].name
        gap = p("leverage_drift") * (base[:, a] - s.leverage[:, a])
        m = np.abs(gap) > 0.05
        if m.any():
            up = lambda i, _j=rows[m], _a=a: rule_cause(
                "position",
                f"{possessive(name)} leverage follows its position "
                f"({baseline_words(r, s, int(_j[i]), _a) or 'as at the start'})",
                _a,
            )
            ctx.add("leverage", rows[m], (aa[m],), gap[m], up)
        for q, rate, words in (
            ("reputation", "reputation_drift", "standing"),
            ("support", "support_drift", "support at home"),
        ):
            gap = p(rate) * (float(getattr(ini, q)[a]) - getattr(s, q)[:, a])
            m = np.abs(gap) > 0.05
            if m.any():
                ctx.add(
                    q,
                    rows[m],
                    (aa[m],),
                    gap[m],
                    rule_cause("drift", f"{possessive(name)} {words} drifts back as memories fade", a),
                )


def _sanctions(ctx: Ctx) -> None:
    r, s = ctx.rules, ctx.state
    p = r.p
    rows = np.arange(s.batch)
    counts = s.sanctions.sum(axis=1)  # [B, A]: how many sanction each actor (sanctions do not change here)
    for t in range(r.n_actors):
        n = counts[:, t].astype(np.float64)
        un = s.un_sanctions[:, t]
        weight = np.sqrt(n) + np.where(un, p("un_sanctions_weight"), 0.0)
        m = weight > 0
        if not m.any():
            continue
        j = rows[m]
        tt = np.full(len(j), t)
        by = lambda i, _j=j: (
            ", ".join(r.actors[a].name for a in range(r.n_actors) if s.sanctions[_j[i], a, t]) or "the Security Council"
        )
        c = lambda i, _b=by: rule_cause("sanctions", f"sanctions on {r.actors[t].name} by {_b(i)}", t)
        ctx.add("support", j, (tt,), p("sanctions_support") * weight[m], c)
        ctx.add("strength", j, (tt,), p("sanctions_strength") * weight[m], c)
        # The people pay: shortages raise humanitarian need in the target's own regions that it still holds.
        if p("sanctions_need"):
            for g in np.flatnonzero(owners(r) == t):
                held = s.control[j, g] == t
                if held.any():
                    ctx.add("need", j[held], (np.full(int(held.sum()), g),), p("sanctions_need") * weight[m][held], c)
        for a in range(r.n_actors):
            ma = s.sanctions[:, a, t]
            if ma.any():
                ja = rows[ma]
                ctx.add(
                    "support",
                    ja,
                    (np.full(len(ja), a),),
                    p("sanctions_cost_support"),
                    rule_cause("sanctions_cost", f"cost at home of sanctions on {r.actors[t].name}", a),
                )


def _occupation(ctx: Ctx) -> None:
    """Holding another's ground by force wears the occupier down: every turn
    it costs support at home (the garrison, the casualties, the bill) and
    standing abroad. An occupier's clock runs: keep the prize at a rising
    cost, or trade it while the position still earns terms."""
    r, s = ctx.rules, ctx.state
    sup, rep = r.p("occupation_support"), r.p("occupation_reputation")
    if sup == 0 and rep == 0:
        return
    wear = occupation_wear(r, s)  # [B, R]
    for g in range(r.n_regions):
        m = (wear[:, g] > 0) & ~s.over
        if not m.any():
            continue
        j = np.nonzero(m)[0]
        holder = s.control[j, g]
        c = lambda i, _h=holder, _g=g: rule_cause(
            "occupation_cost", f"the cost of occupying {r.regions[_g].name}", int(_h[i])
        )
        if sup:
            ctx.add("support", j, (holder,), sup * wear[j, g], c)
        if rep:
            ctx.add("reputation", j, (holder,), rep * wear[j, g], c)


def _obligations(ctx: Ctx) -> None:
    """An ally that has not answered an attack on a fellow member by the
    deadline defaults: it loses standing and its allies' regard."""
    r, s = ctx.rules, ctx.state
    p = r.p
    due = (s.obligation >= 0) & (s.obligation <= ctx.turn) & ~s.over[:, None, None]
    if not due.any():
        return
    allied = s.allied_matrix()
    for o, x in zip(*np.nonzero(due.any(axis=0))):
        j = np.nonzero(due[:, o, x])[0]
        on, xn = r.actors[o].name, r.actors[x].name
        c = rule_cause("alliance_default", f"{on} failed to answer {possessive(xn)} attack on its ally", int(o))
        ctx.add("reputation", j, (np.full(len(j), o),), -p("default_reputation"), c)
        for a in range(r.n_actors):
            m = allied[j, a, o]
            if m.any():
                ctx.add(
                    "relations", j[m], (np.full(int(m.sum()), a), np.full(int(m.sum()), o)), p("default_relations"), c
                )
        ctx.say(j, f"{subj(r, o, 'fails to stand by its allies')} against {xn}: the alliance's word counts for less.")
        if ctx.playing:
            s.obligation[j, o, x] = -1


def _ultimatums(ctx: Ctx) -> None:
    """A complied ultimatum rewards the issuer; a lapsed one must be enforced."""
    r, s = ctx.rules, ctx.state
    p = r.p
    rows = np.arange(s.batch)
    for a in range(r.n_actors):
        for t in range(r.n_actors):
            dl = s.ultimatum[:, a, t]
            m = dl >= 0
            if not m.any():
                continue
            j = rows[m]
            occ = occupies(r, s, j, np.full(len(j), t))
            complied = ~occ
            due = ~complied & (ctx.turn >= dl[m])
            issued = dl[m] - int(p("ultimatum_deadline"))
            enforced = due & (s.last_strike[j, a, t] >= issued)
            lapsed = due & ~enforced
            an, tn = r.actors[a].name, r.actors[t].name
            if complied.any():
                jj = j[complied]
                c = rule_cause("ultimatum", f"{subj(r, t, 'backs down')} before {possessive(an)} ultimatum", a)
                ctx.add("leverage", jj, (np.full(len(jj), a),), p("ultimatum_complied_issuer"), c)
                ctx.add("leverage", jj, (np.full(len(jj), t),), p("ultimatum_complied_target"), c)
                ctx.add("tension", jj, (), p("ultimatum_complied_tension"), c)
                ctx.say(jj, f"{subj(r, t, 'complies')} with {possessive(an)} ultimatum.")
            if enforced.any():
                jj = j[enforced]
                ctx.add(
                    "leverage",
                    jj,
                    (np.full(len(jj), a),),
                    p("ultimatum_enforced"),
                    rule_cause("ultimatum", f"{an} enforced its ultimatum to {tn}", a),
                )
            if lapsed.any():
                jj = j[lapsed]
                c = rule_cause(
                    "ultimatum", f"{possessive(an)} ultimatum to {tn} lapsed without consequence: bluff called", a
                )
                ctx.add("leverage", jj, (np.full(len(jj), a),), p("ultimatum_bluff_leverage"), c)
                ctx.add("reputation", jj, (np.full(len(jj), a),), p("ultimatum_bluff_reputation"), c)
                ctx.say(jj, f"{possessive(an)} ultimatum to {tn} lapses: its bluff is called.")
            if ctx.playing:
                done = complied | due
                s.ultimatum[j[done], a, t] = -1
                s.warned[j[due], a, t] = ctx.turn


def _escalation(ctx: Ctx) -> None:
    """The top of the escalation ladder, at high tension, is a catastrophe for all."""
    r, s = ctx.rules, ctx.state
    p = r.p
    top = s.escalation.max(axis=(1, 2)) if r.n_actors else np.zeros(s.batch)
    boom = ~s.catastrophe & (top >= p("escalation_top")) & (s.tension >= p("catastrophe_tension"))
    if boom.any():
        j = np.nonzero(boom)[0]
        c = rule_cause("catastrophe", "the crisis escalated out of control")
        for a in range(r.n_actors):
            ctx.add("reputation", j, (np.full(len(j), a),), -p("catastrophe_reputation"), c)
        for g in range(r.n_regions):
            ctx.add("stability", j, (np.full(len(j), g),), -p("catastrophe_stability"), c)
        if ctx.playing:
            s.catastrophe[j] = True
        ctx.say(j, "CATASTROPHE: the crisis has escalated out of control. Everyone loses.")
    if ctx.playing:
        s.escalation[:] = np.maximum(s.escalation - p("escalation_decay"), 0.0)


# --------------------------------------------------------------------- events
def apply_effects(ctx: Ctx, rows: np.ndarray, effects: tuple[Effect, ...], cause: Cause, key: int) -> None:
    """Apply declarative effects to the given games (chances drawn per effect)."""
    for k, eff in enumerate(effects):
        if len(rows) == 0:
            return
        happens = (
            ctx.draw(rows, eff.chance, int(Stream.EFFECT), key, k) if eff.chance < 1.0 else np.ones(len(rows), bool)
        )
        c = Cause(cause.kind, cause.source, eff.label or cause.text, cause.actor)
        if eff.mode == Mode.ADD:
            ctx.ref_add(eff.ref, rows[happens], None, eff.amount, c)
        else:
            ctx.ref_set(eff.ref, rows[happens], None, eff.amount, c)


def _events(ctx: Ctx) -> None:
    r, s = ctx.rules, ctx.state
    rows = np.arange(s.batch)
    live = ~s.over
    for i, ev in enumerate(r.events):
        if ev.inject:
            continue
        can = live & ~(s.fired[:, i] & ev.once) & (s.pending[:, i] < 0)
        if not can.any():
            continue
        j = rows[can]
        hit = ev.trigger.evaluate(s, j)
        if ev.chance < 1.0:
            hit &= ctx.draw(j, ev.chance, int(Stream.EVENT), i)
        if not hit.any():
            continue
        jj = j[hit]
        s.fired[jj, i] = True
        if ev.delay > 0:
            s.pending[jj, i] = ctx.turn + ev.delay
        else:
            fire_event(ctx, jj, i)
    for i in range(len(r.events)):
        due = live & (s.pending[:, i] == ctx.turn)
        if due.any():
            jj = rows[due]
            s.pending[jj, i] = -1
            fire_event(ctx, jj, i)


def fire_event(ctx: Ctx, rows: np.ndarray, index: int) -> None:
    ev = ctx.rules.events[index]
    ctx.say(rows, f"{ev.name}: {ev.text}" if ev.text else ev.name)
    apply_effects(ctx, rows, ev.effects, Cause(CauseKind.EVENT, ev.id, ev.name), index)


# --------------------------------------------------------------------- the end
def _end_checks(ctx: Ctx) -> None:
    r, s = ctx.rules, ctx.state
    live = ~s.over
    floor = r.p("support_floor")
    for k, role in enumerate(r.roles):
        lost = role.defeat.evaluate(s) | (s.support[:, role.actor] < floor)
        s.defeated[:, k] |= lost & live
    ending = live & ((ctx.turn > r.turn_limit) | r.end_condition.evaluate(s) | s.catastrophe | s.defeated.any(axis=1))
    if not ending.any():
        return
    for k, role in enumerate(r.roles):
        won = role.victory.evaluate(s)
        s.achieved[:, k] = np.where(ending, won, s.achieved[:, k])
        out = np.where(s.defeated[:, k] | s.catastrophe, Outcome.LOSS, np.where(won, Outcome.WIN, Outcome.DRAW))
        s.outcome[:, k] = np.where(ending, out, s.outcome[:, k])
    s.end_turn[ending] = ctx.turn - 1
    s.over |= ending


def scores(rules: Rules, state: State) -> np.ndarray:
    """Score per game and role ``[B, P]``: the role's weighted terms, plus a
    bonus for a win and a penalty for a loss once the game is over."""
    out = np.zeros((state.batch, len(rules.roles)))
    for k, role in enumerate(rules.roles):
        total = np.zeros(state.batch)
        for term in role.score:
            total = total + term.weight * term.ref.read(state)
        total = total + np.where(state.outcome[:, k] == Outcome.WIN, role.win_bonus, 0.0)
        total = total - np.where(state.outcome[:, k] == Outcome.LOSS, role.loss_penalty, 0.0)
        out[:, k] = total
    return out


# --------------------------------------------------------------------- entry points
def start_game(
    rules: Rules, seed: int = 0, batch: int = 1, seeds: np.ndarray | None = None, ledger: Ledger | None = None
) -> TurnResult:
    """New games, with the first turn's events fired (its opening news)."""
    state = new_state(rules, seed, batch, seeds)
    ctx = Ctx(rules, state, ledger, PLAY, phase="events")
    _events(ctx)
    return TurnResult(state, ctx.news)


def resolve_turn(
    rules: Rules,
    state: State,
    orders: np.ndarray,
    ledger: Ledger | None = None,
    codes: np.ndarray | None = None,
    in_place: bool = False,
) -> TurnResult:
    """Resolve one turn for every game of the batch; the input state is not changed, unless ``in_place``: then it
    becomes the state after the turn (for a caller done with it, such as a batch of simulated games: no copy).

    ``codes`` is the legality of every option in ``state``, if already known.
    """
    frozen = state.over.copy()
    # Finished games are not changed: what they hold is put back at the end.
    kept = {}
    if frozen.any():
        kept = {f.name: v[frozen] for f in fields(state) if isinstance(v := getattr(state, f.name), np.ndarray)}
    if in_place:
        s = state
        # As a copy would: no tables kept from before (they would pile up turn after turn).
        s.alliances_changed()
        s.__dict__.pop("_derived", None)
    else:
        s = state.copy()
    orders = np.asarray(orders, np.int64)
    if orders.shape != (s.batch, rules.n_actors, rules.max_orders):
        raise ValueError(f"orders must have shape {(s.batch, rules.n_actors, rules.max_orders)}, not {orders.shape}")
    orders, rejected = check_orders(rules, s, orders, codes)
    ctx = Ctx(rules, s, ledger, PLAY)
    ctx.orders = orders
    s.violence[:] = 0.0
    ctx.phase = "military"
    _run_phase(ctx, orders, Category.MILITARY)
    _update_control(ctx)
    ctx.phase = "diplomacy"
    _run_phase(ctx, orders, Category.DIPLOMATIC)
    ctx.phase = "regions"
    _region_dynamics(ctx)
    s.turn += 1
    ctx.phase = "events"
    _events(ctx)
    ctx.phase = "end"
    _end_checks(ctx)
    if frozen.any():
        for name, old in kept.items():
            getattr(s, name)[frozen] = old
        s.alliances_changed()
    news = [(g, t) for g, t in ctx.news if not frozen[g]]
    return TurnResult(s, news, rejected)


def no_orders(rules: Rules, batch: int = 1) -> np.ndarray:
    return np.full((batch, rules.n_actors, rules.max_orders), -1, np.int64)


# --------------------------------------------------------------------- predictions
@dataclass
class Prediction:
    """What an order is expected to change, before it is given."""

    option: int
    mean: dict[tuple[str, tuple[int, ...]], float]
    low: dict[tuple[str, tuple[int, ...]], float]
    high: dict[tuple[str, tuple[int, ...]], float]
    notes: list[str]


def predict(rules: Rules, state: State, options: np.ndarray | list[int], game: int = 0) -> list[Prediction]:
    """Expected change (and its range) of every value an option would move,
    computed by the same resolvers that play the order."""
    options = np.asarray(options, np.int64)
    n = len(options)
    per_mode: dict[str, list[dict]] = {}
    notes: list[list[str]] = [[] for _ in range(n)]
    for mode in (MEAN, BEST, WORST):
        ctx = Ctx(rules, state.copy(), None, mode)
        acc: list[dict] = [dict() for _ in range(n)]
        for a_idx in _action_groups(rules, options):
            pos = np.nonzero(rules.opt_action[options] == a_idx)[0]
            act = rules.actions[a_idx]
            e = Entries.for_options(rules, np.full(len(pos), game), options[pos])
            ctx.records.clear()
            ctx.notes.clear()
            REGISTRY[act.kind].resolve(ctx, act, e)
            if act.kind != Kind.CUSTOM:
                extra_effects(ctx, act, e)
            for rec in ctx.records:
                for i in range(len(rec.delta)):
                    key = (rec.quantity, tuple(int(x[i]) for x in rec.subject))
                    d = acc[pos[rec.entry[i]]]
                    d[key] = d.get(key, 0.0) + float(rec.delta[i])
            if mode == MEAN:
                for idx, text in ctx.notes:
                    for i in idx:
                        if text not in notes[pos[i]]:
                            notes[pos[i]].append(text)
        per_mode[mode] = acc
    out = []
    for i in range(n):
        keys = sorted(set(per_mode[MEAN][i]) | set(per_mode[BEST][i]) | set(per_mode[WORST][i]))
        mean, low, high = {}, {}, {}
        for key in keys:
            vals = [per_mode[m][i].get(key, 0.0) for m in (MEAN, BEST, WORST)]
            if max(abs(v) for v in vals) < 1e-9:
                continue
            mean[key] = vals[0]
            low[key] = min(vals)
            high[key] = max(vals)
        out.append(Prediction(int(options[i]), mean, low, high, notes[i]))
    return out


__all__ = [
    "Rejection",
    "TurnResult",
    "Prediction",
    "legality",
    "legal_mask",
    "check_orders",
    "resolve_turn",
    "start_game",
    "scores",
    "predict",
    "apply_effects",
    "fire_event",
    "no_orders",
]
