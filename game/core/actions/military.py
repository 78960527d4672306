"""Military actions: deploy, show of force, strike, withdraw (rules 1, 2, 8, 9).

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **deploy**: ``size`` forces sent (at most those available), ``min_available``
  needed to send any, ``max_presence`` the most one actor keeps in a region;
  ``leverage`` and ``readiness_cost`` at once; without an invitation or a
  Council mandate it reads as aggression: ``reputation_unilateral`` (a
  penalty that partly fades), ``relations_host`` and ``relations_others``,
  world ``tension``. Going back into a region one agreed to leave breaks the
  agreement: ``breach_reputation`` and ``breach_relations``.
* **show_of_force**: needs ``min_strength``; ``leverage`` for the actor and
  ``target_leverage`` for the target (in full where the target's regard for
  the actor is ``rival_relations`` or less, none from ``friend_relations``,
  in proportion between), ``relations_target`` for the target,
  ``reputation_unilateral`` unless force against it is mandated, ``tension``,
  one step (``escalation``) on the ladder both ways.
* **strike**: striking power is the forces in the region, ``neighbour_reach``
  of those next door and ``reach`` of the undeployed pool (at least
  ``min_power``); against ``base_defence`` plus the defenders' forces, the
  odds are ``0.5 + odds_slope`` times the balance, clipped to
  ``min_odds``–``max_odds`` (plus the global ``intel_strike_bonus`` with
  current intelligence). Damage: ``damage_share`` of the defenders (at least
  ``damage_min``) on success, ``damage_share_fail`` on failure,
  ``damage_strength`` off the defender's strength; the attacker loses
  ``own_loss_fail`` of its forces there on failure and
  ``own_strength_loss`` of strength, and ``readiness_cost``. Leverage
  ``leverage_success``/``leverage_failure`` (``target_leverage`` for the
  target), support ``support_success``/``support_failure``; a failure
  narrows diplomacy for ``setback_turns``. The region loses ``stability``
  and gains ``need``. Reputation: ``reputation_mandated``,
  ``reputation_self_defence`` (within the global ``self_defence_window``) or
  ``reputation_unilateral``, divided by the square root of the coalition
  striking the same target; relations ``relations_target`` and
  ``relations_others``/``relations_others_mandated``. An attack on an
  alliance costs ``deterrence_leverage`` per ally, who must answer within
  ``obligation_window`` turns; strikes where others' peacekeepers serve or in
  breach of an agreement cause outrage (``outrage_reputation``,
  ``outrage_relations``); strikes on a side still talking with the striker
  (the global ``bad_faith_talking``) before an ultimatum's deadline has come
  cost ``bad_faith_reputation`` and ``bad_faith_support``. ``tension``, ``escalation``, and open talks about
  the region or between the sides lose ``talks_progress`` and ``talks_trust``.
* **withdraw**: forces and peacekeepers come home; ``support`` when they
  come from abroad; an occupier leaving gains ``reputation_occupier`` and
  the region ``stability_occupier``; ``leverage``, or ``leverage_backdown``
  when occupying or under an ultimatum.

Access for a deployment: ground held by a force regarding the actor below
the global ``hostile_relations`` is entered only under a Council mandate.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core.actions.common import (
    acause,
    aname,
    answer_obligations,
    mark,
    new_grid,
    others_towards,
    possessive,
    rcause,
    rep_hit,
    rname,
    stall_talks,
    subj,
)
from game.core.ctx import MEAN, Ctx, Entries
from game.core.derived import Derived, allied, available, invited, owners, static, striking_power, talking_with
from game.core.ledger import Cause, CauseKind
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Kind, Rules, Topic, TrackStatus
from game.core.state import State


def grid_deploy(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, d.get("available")[:, :, None] < act.p("min_available"), Reason.NO_FORCES_AVAILABLE)
    mark(c, s.forces >= act.p("max_presence"), Reason.PRESENCE_LIMIT)
    # Ground held by a hostile force is entered only as an offensive the Council has authorised.
    mandated = np.take_along_axis(s.mandate_force, np.maximum(s.control, 0), axis=1)[:, None, :]
    hostile = ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations"))
    mark(c, hostile & ~mandated & ~static(r)["own"][None], Reason.HOSTILE_HOST)
    return c


def resolve_deploy(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 2: deployment raises leverage but reads as aggression unless invited or mandated."""
    r, s = ctx.rules, ctx.state
    amount = np.minimum(act.p("size"), available(s, e.rows, e.actor))
    ctrl = s.control[e.rows, e.region]
    inv = invited(r, s, e.rows, e.actor, e.region)
    mandated = s.mandate_force[e.rows, np.maximum(ctrl, 0)] & (ctrl != e.actor) & (ctrl >= 0)
    how = lambda i: (
        "at the host's invitation"
        if inv[i]
        else ("under a Security Council mandate" if mandated[i] else "without invitation or mandate")
    )
    cause = acause(act, e, lambda i: f"deployment to {rname(r, e.region[i])} {how(i)}")
    ctx.add("forces", e, (e.actor, e.region), amount, cause)
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    if not ctx.playing and ctx.wants_notes:
        for i in range(len(e)):
            ctx.note(
                e.sub(np.arange(len(e)) == i),
                "forces count in your leverage while they stay: about "
                f"{r.p('leverage_forces') * float(amount[i]):+.0f} over the next turns",
            )
    ctx.add("readiness", e, (e.actor,), -act.p("readiness_cost"), cause)
    unl = ~(inv | mandated)
    if unl.any():
        sub = e.sub(unl)
        host = ctrl[unl]
        rep_hit(ctx, sub, act.p("reputation_unilateral"), cause)
        ctx.add("relations", sub, (host, sub.actor), act.p("relations_host"), cause)
        others_towards(ctx, sub, act.p("relations_others"), cause, exclude=host)
        ctx.add("tension", sub, (), act.p("tension"), cause)
        ctx.note(sub, "read as aggression: no invitation or mandate")
    # Going back into a region one agreed to leave breaks the agreement.
    for k, tr in enumerate(r.tracks):
        if tr.topic != Topic.WITHDRAWAL or tr.withdrawing < 0:
            continue
        m = (s.track_status[e.rows, k] == TrackStatus.AGREED) & (e.actor == tr.withdrawing) & (e.region == tr.region)
        if m.any():
            sub = e.sub(m)
            c_out = rcause(
                "breach",
                e,
                lambda i, _t=tr: (
                    f"{subj(r, e.actor[i], 'sends')} forces back into {rname(r, e.region[i])} "
                    f"in breach of the {_t.name}"
                ),
            )
            ctx.add("reputation", sub, (sub.actor,), -act.p("breach_reputation"), c_out)
            others_towards(ctx, sub, act.p("breach_relations"), c_out)
            ctx.set("status", sub, (k,), float(TrackStatus.BROKEN), c_out)
            ctx.say(
                sub,
                lambda i, _t=tr: (
                    f"{_t.name}: the agreement is broken as {subj(r, e.actor[i], 'sends')} forces back in."
                ),
            )


def grid_show_of_force(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_actors)
    mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    mark(c, d.get("allied"), Reason.ALLY_TARGET)
    mark(c, s.strength[:, :, None] < act.p("min_strength"), Reason.NO_FORCES_AVAILABLE)
    return c


def resolve_show_of_force(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 2: a show of force deters (leverage) but lowers reputation and relations unless mandated."""
    r, s = ctx.rules, ctx.state
    mandated = s.mandate_force[e.rows, e.target]
    cause = acause(
        act,
        e,
        lambda i: f"show of force against {aname(r, e.target[i])}" + ("" if mandated[i] else " without a mandate"),
    )
    # It deters only those at odds with the actor: a show of force aimed at a
    # friend impresses no one (full effect from rival_relations down, none from friend_relations up).
    regard = s.relations[e.rows, e.target, e.actor]
    lo, hi = act.p("rival_relations"), act.p("friend_relations")
    bite = np.clip((hi - regard) / max(hi - lo, 1e-9), 0.0, 1.0)
    ctx.add("leverage", e, (e.actor,), act.p("leverage") * bite, cause)
    ctx.add("leverage", e, (e.target,), act.p("target_leverage") * bite, cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    rep_hit(ctx, e, np.where(mandated, 0.0, act.p("reputation_unilateral")), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.add("escalation", e, (e.actor, e.target), act.p("escalation"), cause)
    ctx.add("escalation", e, (e.target, e.actor), act.p("escalation"), cause)
    answer_obligations(ctx, e, e.target)


def grid_strike(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mine = s.control[:, None, :] == np.arange(r.n_actors)[None, :, None]
    mark(c, mine | d.get("allied_ctrl"), Reason.ALLY_TARGET)
    mark(c, (s.control < 0)[:, None, :], Reason.NOBODY_HOLDS)
    mark(c, d.striking_power(act) < act.p("min_power"), Reason.NO_REACH)
    return c


def strike_odds(
    rules: Rules, s: State, act: ActionSpec, e: Entries, seen: Callable[..., np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Chance of success and the defending actor (the region's controller).

    ``seen`` gives the defenders' readiness as the attacker knows it (fog of
    war) when the odds are predicted rather than played."""
    t = s.control[e.rows, e.region]
    att = striking_power(rules, s, act, e.rows, e.actor, e.region) * s.readiness[e.rows, e.actor] / 100.0
    dfn = np.full(len(e), act.p("base_defence"))
    for o in range(rules.n_actors):
        side = np.flatnonzero((o == t) | allied(s, e.rows, o, t))
        if len(side):
            rows = e.rows[side]
            ready = seen("readiness", rows, e.actor[side], np.full(len(side), o)) if seen else s.readiness[rows, o]
            dfn[side] = dfn[side] + s.forces[rows, o, e.region[side]] * ready / 100.0
    p = 0.5 + act.p("odds_slope") * (att - dfn) / (att + dfn + 1.0)
    p = p + np.where(s.intel[e.rows, e.actor, t] > 0, rules.p("intel_strike_bonus"), 0.0)
    return np.clip(p, act.p("min_odds"), act.p("max_odds")), t


def legitimacy(
    rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, t: np.ndarray, turn: int, region: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(mandated, self_defence) for force used by ``a`` against ``t`` in ``region``.

    Self-defence covers a response to a recent attack on the actor or on a
    fellow member of one of its alliances (collective defence, no chaining),
    and force against an occupier on the actor's own ground: an occupation is
    an armed attack that goes on for as long as it lasts. Others who come to
    the owner's aid need the Council's mandate to share that standing.
    """
    mandated = s.mandate_force[rows, t]
    since = turn - int(rules.p("self_defence_window"))
    A = rules.n_actors
    last = s.last_strike.reshape(-1)
    by = (rows * A + t) * A  # flat position of [rows, t, 0]: when t last struck each actor
    attacked = last[by + a] >= since
    # ... or on any of its allies ([n, A] at once: the same booleans as actor by actor).
    struck = last[by[:, None] + np.arange(A)[None, :]] >= since
    attacked |= (s.allied_matrix()[rows, a] & struck).any(axis=1)
    if region is not None:
        own = owners(rules)[region]
        occupied_by_t = (s.control[rows, region] == t) & (t != own)
        attacked |= occupied_by_t & (own == a)
    return mandated, attacked & ~mandated


def resolve_strike(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rules 1, 2, 8, 9: odds from forces and intelligence; success raises leverage,
    failure lowers it and narrows diplomacy; force without a mandate isolates."""
    r, s = ctx.rules, ctx.state
    p, t = strike_odds(r, s, act, e, None if ctx.playing else ctx.seen)
    ok = ctx.chance(e, p)
    won = ctx.certain(ok)
    mandated, selfdef = legitimacy(r, s, e.rows, e.actor, t, ctx.turn, e.region)
    coalition = coalition_size(ctx, e, t)
    outrage = _outrage(r, s, e, t, mandated)
    legit = lambda i: (
        "under a Security Council mandate"
        if mandated[i]
        else "in self-defence"
        if selfdef[i]
        else "without a Security Council mandate"
    )
    where = lambda i: f"strike on {rname(r, e.region[i])} ({aname(r, t[i])})"
    c_all = acause(act, e, lambda i: f"{where(i)} {legit(i)}")
    c_ok = acause(act, e, lambda i: f"{'successful' if won[i] else 'failed'} {where(i)}")

    # Military result.
    tf = s.forces[e.rows, t, e.region]
    loss = ctx.pick(
        ok, np.maximum(tf * act.p("damage_share"), np.minimum(tf, act.p("damage_min"))), tf * act.p("damage_share_fail")
    )
    ctx.add("forces", e, (t, e.region), -loss, c_ok)
    if not ctx.playing:
        # An occupier that loses all its forces there loses the region (control rule).
        own = owners(r)[e.region]
        wipe = np.maximum(tf * act.p("damage_share"), np.minimum(tf, act.p("damage_min"))) >= tf - 1e-9
        chance = np.where((t != own) & (tf > 0) & wipe, ok.astype(np.float64), 0.0)
        ctx.set(
            "control", e, (e.region,), own.astype(np.float64), c_ok, where=chance if ctx.mode == MEAN else chance > 0
        )
    ctx.add("strength", e, (t,), ctx.pick(ok, -act.p("damage_strength"), -act.p("damage_strength") / 3.0), c_ok)
    own = s.forces[e.rows, e.actor, e.region]
    ctx.add("forces", e, (e.actor, e.region), ctx.pick(ok, 0.0, -own * act.p("own_loss_fail")), c_ok)
    ctx.add(
        "strength", e, (e.actor,), ctx.pick(ok, -act.p("own_strength_loss"), -3.0 * act.p("own_strength_loss")), c_ok
    )
    ctx.add("readiness", e, (e.actor,), -act.p("readiness_cost"), c_ok)
    # Rule 1: leverage follows success or failure; failure narrows diplomacy.
    ctx.add("leverage", e, (e.actor,), ctx.pick(ok, act.p("leverage_success"), act.p("leverage_failure")), c_ok)
    ctx.add("leverage", e, (t,), ctx.pick(ok, act.p("target_leverage"), 0.0), c_ok)
    ctx.add("support", e, (e.actor,), ctx.pick(ok, act.p("support_success"), act.p("support_failure")), c_ok)
    if ctx.playing:
        f = ~ok
        s.setback[e.rows[f], e.actor[f]] = np.maximum(s.setback[e.rows[f], e.actor[f]], int(act.p("setback_turns")))
    else:
        ctx.note(e, f"if it fails: diplomatic options narrowed for {int(act.p('setback_turns'))} turns")
    # The region suffers either way.
    ctx.add("stability", e, (e.region,), -act.p("stability"), c_all)
    ctx.add("need", e, (e.region,), act.p("need"), c_all)
    # Rules 2 and 9: legitimacy; a coalition spreads the cost.
    base = np.where(
        mandated,
        act.p("reputation_mandated"),
        np.where(selfdef, act.p("reputation_self_defence"), act.p("reputation_unilateral")),
    )
    rep_hit(ctx, e, base / np.sqrt(coalition), c_all)
    ctx.add("relations", e, (t, e.actor), act.p("relations_target"), c_all)
    _bad_faith(ctx, act, e, t, selfdef)
    others = np.where(mandated | selfdef, act.p("relations_others_mandated"), act.p("relations_others")) / np.sqrt(
        coalition
    )
    others_towards(ctx, e, others, c_all, exclude=t)
    # Collective defence: an attack on one member is an attack on its allies
    # (members only). It costs the attacker more, and obliges the allies to answer.
    c_def = rcause("collective_defence", e, lambda i: f"{where(i)}: an attack on an alliance")
    for o in range(r.n_actors):
        ally = allied(s, e.rows, o, t) & (e.actor != o)
        if ally.any():
            sub = e.sub(ally)
            ctx.add("relations", sub, (o, sub.actor), act.p("relations_target") - others[ally], c_def)
            ctx.add("leverage", sub, (sub.actor,), -act.p("deterrence_leverage"), c_def)
            if ctx.playing:
                due = s.obligation[sub.rows, o, sub.actor]
                s.obligation[sub.rows, o, sub.actor] = np.where(due < 0, ctx.turn + int(r.p("obligation_window")), due)
                ctx.say(
                    sub,
                    lambda i, _o=o: (
                        f"{subj(r, _o, 'is')} bound to answer {possessive(aname(r, e.actor[i]))} attack"
                        f" on its ally {aname(r, t[i])}."
                    ),
                )
            else:
                ctx.note(sub, "an attack on an alliance: its members are bound to answer it")
    answer_obligations(ctx, e, t)
    # Outrage: strikes on peacekeepers or in breach of an agreement.
    if outrage.any():
        sub = e.sub(outrage)
        c_out = rcause(
            "outrage", e, lambda i: f"{where(i)} despite peacekeepers or an agreement: international outrage"
        )
        ctx.add("reputation", sub, (sub.actor,), -act.p("outrage_reputation"), c_out)
        others_towards(ctx, sub, act.p("outrage_relations"), c_out)
        if ctx.playing:
            _break_agreements(ctx, sub, t[outrage])
    ctx.add("tension", e, (), act.p("tension"), c_all)
    ctx.add("escalation", e, (e.actor, t), act.p("escalation"), c_all)
    ctx.add("escalation", e, (t, e.actor), act.p("escalation"), c_all)
    stall_talks(ctx, e, e.region, t, act.p("talks_progress"), act.p("talks_trust"), c_all)
    if ctx.playing:
        s.last_strike[e.rows, e.actor, t] = ctx.turn
        s.violence[e.rows, e.region] += 1.0
        ctx.say(e, lambda i: f"{aname(r, e.actor[i])}: {'successful' if won[i] else 'failed'} {where(i)} {legit(i)}.")


def bad_faith(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, t: np.ndarray, turn: int) -> np.ndarray:
    """Force against a side that is still talking with the attacker, before any deadline the attacker set it has
    come: the target has taken part lately in open talks with the attacker (``bad_faith_talking``) and no
    ultimatum from the attacker to it has reached its deadline."""
    talking = talking_with(rules, s, rows, t, a) >= rules.p("bad_faith_talking")
    pending = s.ultimatum[rows, a, t]
    warned = ((pending >= 0) & (turn >= pending)) | (s.warned[rows, a, t] >= 0)
    return talking & ~warned


def _bad_faith(ctx: Ctx, act: ActionSpec, e: Entries, t: np.ndarray, selfdef: np.ndarray) -> None:
    """Striking a side that is still talking, with no deadline given and run out, costs standing abroad and
    support at home; an ultimatum first makes force the answer to a refusal. Self-defence is exempt."""
    r, s = ctx.rules, ctx.state
    bad = bad_faith(r, s, e.rows, e.actor, t, ctx.turn) & ~selfdef
    if not bad.any():
        return
    sub = e.sub(bad)
    c = rcause(
        "bad_faith", e, lambda i: f"force against {aname(r, t[i])} while it is still talking, with no deadline given"
    )
    ctx.add("reputation", sub, (sub.actor,), act.p("bad_faith_reputation"), c)
    ctx.add("support", sub, (sub.actor,), act.p("bad_faith_support"), c)
    ctx.note(sub, "the other side is still talking and no ultimatum has run out: force looks like bad faith")


def coalition_size(ctx: Ctx, e: Entries, t: np.ndarray) -> np.ndarray:
    """How many actors strike the same target this turn (coalitions spread the cost)."""
    orders = ctx.orders
    if orders is None:
        return np.ones(len(e))
    r, s = ctx.rules, ctx.state
    is_strike = np.array([a.kind == Kind.STRIKE for a in r.actions], bool)
    n = np.zeros(len(e))
    for a in range(r.n_actors):
        hit = np.zeros(len(e), bool)
        for k in range(orders.shape[2]):
            o = orders[e.rows, a, k]
            oo = np.maximum(o, 0)
            reg = np.maximum(r.opt_region[oo], 0)
            hit |= (o >= 0) & is_strike[r.opt_action[oo]] & (s.control[e.rows, reg] == t)
        n += hit
    return np.maximum(n, 1.0)


def _agreement_breach(rules: Rules, s: State, e: Entries, t: np.ndarray, k: int) -> np.ndarray:
    tr = rules.tracks[k]
    agreed = s.track_status[e.rows, k] == TrackStatus.AGREED
    party = (e.actor == tr.parties[0]) | (e.actor == tr.parties[1])
    return agreed & party & ((tr.region == e.region) | (t == tr.parties[0]) | (t == tr.parties[1]))


def _outrage(rules: Rules, s: State, e: Entries, t: np.ndarray, mandated: np.ndarray) -> np.ndarray:
    """Strikes where others' peacekeepers serve, or in breach of a ceasefire or
    accord. The Council's own enforcement against the target of its mandate
    is not outrage, whoever has sent peacekeepers there."""
    out = np.zeros(len(e), bool)
    _, A, R = s.peacekeepers.shape
    peacekeepers = s.peacekeepers.reshape(-1)
    at = e.rows * (A * R) + e.region  # flat position of [rows, 0, region]
    for o in range(A):
        out |= (peacekeepers[at + o * R] > 0) & (o != e.actor) & (o != t) & ~mandated
    for k, tr in enumerate(rules.tracks):
        if tr.topic in (Topic.CEASEFIRE, Topic.PEACE_ACCORD):
            out |= _agreement_breach(rules, s, e, t, k)
    return out


def _break_agreements(ctx: Ctx, e: Entries, t: np.ndarray) -> None:
    r = ctx.rules
    for k, tr in enumerate(r.tracks):
        if tr.topic not in (Topic.CEASEFIRE, Topic.PEACE_ACCORD):
            continue
        m = _agreement_breach(r, ctx.state, e, t, k)
        if m.any():
            sub = e.sub(m)
            ctx.set(
                "status",
                sub,
                (k,),
                float(TrackStatus.BROKEN),
                Cause(CauseKind.RULE, "breach", f"{tr.name} broken by a strike"),
            )
            ctx.say(sub, f"{tr.name} has broken down after a strike.")


def grid_withdraw(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, (s.forces + s.peacekeepers) <= 0, Reason.NO_FORCES_THERE)
    return c


def resolve_withdraw(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r, s = ctx.rules, ctx.state
    # Ending an occupation: giving back ground one holds uninvited.
    occupying = (
        (owners(r)[e.region] >= 0)
        & (owners(r)[e.region] != e.actor)
        & (s.control[e.rows, e.region] == e.actor)
        & ~s.consent[e.rows, e.actor, e.region]
        & ~allied(s, e.rows, e.actor, owners(r)[e.region])
    )
    pending = (s.ultimatum[e.rows, :, e.actor] >= 0).any(axis=1)  # an ultimatum to the actor from anyone
    cause = acause(
        act, e, lambda i: f"withdrawal from {rname(r, e.region[i])}" + (" under an ultimatum" if pending[i] else "")
    )
    ctx.add("forces", e, (e.actor, e.region), -s.forces[e.rows, e.actor, e.region], cause)
    ctx.add("peacekeepers", e, (e.actor, e.region), -s.peacekeepers[e.rows, e.actor, e.region], cause)
    abroad = owners(r)[e.region] != e.actor
    ctx.add("support", e, (e.actor,), np.where(abroad, act.p("support"), 0.0), cause)
    ctx.add("reputation", e, (e.actor,), np.where(occupying, act.p("reputation_occupier"), 0.0), cause)
    ctx.add(
        "leverage", e, (e.actor,), np.where(occupying | pending, act.p("leverage_backdown"), act.p("leverage")), cause
    )
    ctx.add("stability", e, (e.region,), np.where(occupying, act.p("stability_occupier"), 0.0), cause)
    if not ctx.playing:
        # In play the control rule hands the region back after the phase; predictions say so now.
        own = owners(r)[e.region]
        gives_up = (s.control[e.rows, e.region] == e.actor) & (own != e.actor)
        ctx.set("control", e, (e.region,), own.astype(np.float64), cause, where=gives_up)
        ctx.note(e, "you give up control of the region", mask=gives_up)
    ctx.say(
        e,
        lambda i: (
            f"{subj(r, e.actor[i], 'withdraws its')} forces from {rname(r, e.region[i])}."
            if abroad[i]
            else f"{subj(r, e.actor[i], 'stands down its')} forces in {rname(r, e.region[i])}."
        ),
    )
