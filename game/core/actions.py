"""The action catalog's mechanics: how each kind of order resolves.

Each kind has a ``resolve_<kind>(ctx, action, entries)`` function over a set
of orders (:class:`Entries`) that applies them through the context — which
also makes it a prediction in the context's predict modes. Legality and its
reasons live in :mod:`game.core.legal`.

All numbers come from the action's ``params`` (the default rules data, as a
scenario tuned them) or from the rules' global ``params``. Rule numbers in
comments refer to the causal rules of the design (docs/rules.md).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from functools import lru_cache

import numpy as np

from game.core.bargain import acceptance, effective_leverage, margin, offer_terms, other_of, parties, topic_words
from game.core.bargain import reasons as bargain_reasons
from game.core.conditions import Mode
from game.core.ctx import MEAN, Ctx, Entries
from game.core.ledger import Cause, CauseKind
from game.core.rng import Stream, normal, stable, uniform
from game.core.spec import ActionSpec, Kind, Resolution, Rules, Topic, TrackStatus
from game.core.state import State
from game.core.stocks import owners


class Reason(IntEnum):
    OK = 0
    GAME_OVER = 1
    BUDGET = 2
    NOT_YOURS = 3
    DUPLICATE = 4
    TOO_MANY = 5
    SELF_TARGET = 6
    NO_FORCES_AVAILABLE = 7
    PRESENCE_LIMIT = 8
    ALLY_TARGET = 9
    OWN_REGION = 10
    NO_REACH = 11
    ALREADY_PEACEKEEPING = 12
    NO_MANDATE_OR_CONSENT = 13
    NO_CRISIS = 14
    NO_NEED = 15
    NOT_POST_CONFLICT = 16
    INTEL_ACTIVE = 17
    NO_FORCES_THERE = 18
    NOT_A_PARTY = 19
    TALKS_ALREADY_OPEN = 20
    TALKS_NOT_OPEN = 21
    SETBACK = 22
    IS_A_PARTY = 23
    NOT_NEUTRAL = 24
    OTHER_MEDIATOR = 25
    TOO_EARLY = 26
    RELATIONS_TOO_LOW = 27
    ALREADY_ALLIED = 28
    NO_ALLIANCE = 29
    ALREADY_SANCTIONING = 30
    NOT_SANCTIONING = 31
    ALREADY_IN_FORCE = 32
    TENSION_TOO_LOW = 33
    TENSION_TOO_HIGH = 34
    NO_OCCUPATION = 35
    ULTIMATUM_PENDING = 36
    REQUIREMENT = 37
    ALLIANCE_FULL = 38
    NO_COUNCIL = 39
    TALKS_CONCLUDED = 40
    STABLE_ENOUGH = 41
    HOSTILE_HOST = 42
    PARTY_TO_CRISIS = 43
    NOT_ON_COUNCIL = 44
    ALREADY_RESPONDED = 45
    NO_ACCESS = 46
    OCCUPIED = 47
    NO_SHARED_THREAT = 48
    NO_OFFER = 49
    OWN_OFFER = 50


REASON_TEXT: dict[Reason, str] = {
    Reason.OK: "",
    Reason.GAME_OVER: "the game is over",
    Reason.BUDGET: "not enough budget left this turn",
    Reason.NOT_YOURS: "not an action of this actor",
    Reason.DUPLICATE: "already ordered this turn",
    Reason.TOO_MANY: "no order slots left this turn",
    Reason.SELF_TARGET: "cannot target yourself",
    Reason.NO_FORCES_AVAILABLE: "not enough forces available (all deployed)",
    Reason.PRESENCE_LIMIT: "your forces there are at their limit",
    Reason.ALLY_TARGET: "the region is held by you or an ally",
    Reason.OWN_REGION: "peacekeepers serve in other actors' regions, not your own",
    Reason.NO_REACH: "no forces able to reach the region",
    Reason.ALREADY_PEACEKEEPING: "your peacekeepers are already there",
    Reason.NO_MANDATE_OR_CONSENT: "needs a Security Council peacekeeping mandate or the host's consent",
    Reason.NO_CRISIS: "the region is not in crisis",
    Reason.NO_NEED: "humanitarian need there is too low",
    Reason.NOT_POST_CONFLICT: "needs a post-conflict region (after a ceasefire, accord or liberation)",
    Reason.INTEL_ACTIVE: "your intelligence on them is still current",
    Reason.NO_FORCES_THERE: "you have no forces there",
    Reason.NOT_A_PARTY: "you are not a party to these talks",
    Reason.TALKS_ALREADY_OPEN: "these talks are already open",
    Reason.TALKS_NOT_OPEN: "these talks are not open",
    Reason.SETBACK: "a failed operation has narrowed your diplomatic options for now",
    Reason.IS_A_PARTY: "a party to the talks cannot mediate them",
    Reason.NOT_NEUTRAL: "not seen as neutral by both parties",
    Reason.OTHER_MEDIATOR: "another actor already mediates these talks",
    Reason.TOO_EARLY: "the talks have not progressed far enough",
    Reason.RELATIONS_TOO_LOW: "relations are too poor",
    Reason.ALREADY_ALLIED: "already allied",
    Reason.NO_ALLIANCE: "not a member of any alliance",
    Reason.ALREADY_SANCTIONING: "already sanctioning them",
    Reason.NOT_SANCTIONING: "you are not sanctioning them",
    Reason.ALREADY_IN_FORCE: "such a resolution is already in force",
    Reason.TENSION_TOO_LOW: "world tension is too low for this",
    Reason.TENSION_TOO_HIGH: "world tension is too high for this",
    Reason.NO_OCCUPATION: "they occupy no one's territory: nothing to demand",
    Reason.ULTIMATUM_PENDING: "your ultimatum to them is still running",
    Reason.REQUIREMENT: "the scenario's requirement for this action is not met",
    Reason.ALLIANCE_FULL: "no room for another alliance",
    Reason.NO_COUNCIL: "this scenario has no Security Council",
    Reason.TALKS_CONCLUDED: "these talks have already ended in an agreement",
    Reason.STABLE_ENOUGH: "the region is stable: nothing to respond to",
    Reason.HOSTILE_HOST: "the region is held by a force hostile to you: you have no access",
    Reason.PARTY_TO_CRISIS: "your own uninvited forces are there: you are a party to this crisis",
    Reason.NOT_ON_COUNCIL: "only members of the Security Council table drafts",
    Reason.ALREADY_RESPONDED: "you have already responded to this crisis",
    Reason.NO_ACCESS: "no access: needs the consent of a lawful holder, a Council mandate or your own forces there (an impartial organisation: a holder not unfriendly to it)",
    Reason.OCCUPIED: "the region is held by an occupying force: peacekeepers need a ceasefire or a withdrawal agreement first",
    Reason.NO_SHARED_THREAT: "no threat you share, and relations short of close friendship (60 both ways)",
    Reason.NO_OFFER: "there is no proposal on the table from the other side",
    Reason.OWN_OFFER: "your own proposal is already on the table",
}


# --------------------------------------------------------------------- helpers
def allied(s: State, rows: np.ndarray, a: np.ndarray | int, t: np.ndarray | int) -> np.ndarray:
    """Whether ``a`` and ``t`` share an alliance (directly: no chaining)."""
    m = s.allied_matrix()
    A = m.shape[1]
    return m.reshape(-1)[(rows * A + a) * A + t]


def deployed(s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    total = np.zeros(len(rows))
    _, A, R = s.forces.shape
    at = (rows * A + a) * R  # flat position of [rows, a, 0]
    forces, peacekeepers = s.forces.reshape(-1), s.peacekeepers.reshape(-1)
    for r in range(R):
        total = total + forces[at + r] + peacekeepers[at + r]
    return total


def available(s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    return np.maximum(s.strength[rows, a] - deployed(s, rows, a), 0.0)


def invited(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The actor's presence in the region is by right or by invitation."""
    ctrl = s.control[rows, r]
    return (ctrl == a) | (owners(rules)[r] == a) | s.consent[rows, a, r] | allied(s, rows, a, ctrl)


def occupies(rules: Rules, s: State, rows: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``t`` holds forces or control in a region owned by someone else, uninvited."""
    own = owners(rules)
    out = np.zeros(len(rows), bool)
    for r in range(rules.n_regions):
        present = (s.forces[rows, t, r] >= 1.0) | (s.control[rows, r] == t)
        out |= (own[r] != t) & present & ~s.consent[rows, t, r] & ~allied(s, rows, t, own[r])
    return out


def aname(rules: Rules, i: int) -> str:
    return rules.actors[int(i)].name if i >= 0 else "nobody"


def rname(rules: Rules, i: int) -> str:
    return rules.regions[int(i)].name if i >= 0 else "-"


def tname(rules: Rules, i: int) -> str:
    return rules.tracks[int(i)].name if i >= 0 else "-"


def acause(act: ActionSpec, e: Entries, text: Callable[[int], str]) -> Callable[[int], Cause]:
    """Cause of a change made by an order; its text is built only when logged."""
    return lambda i: Cause(CauseKind.ACTION, act.id, text(i), int(e.actor[i]))


def _reason(codes: np.ndarray, cond: np.ndarray, reason: Reason) -> None:
    """Record ``reason`` where ``cond`` holds and no earlier reason was found."""
    codes[(codes == 0) & cond] = int(reason)


def first_of(rows: np.ndarray, key: np.ndarray) -> np.ndarray:
    """True for the first order of each (game, key) pair, in order."""
    pair = rows.astype(np.int64) * (int(key.max(initial=0)) + 2) + (key + 1)
    _, first = np.unique(pair, return_index=True)
    out = np.zeros(len(rows), bool)
    out[first] = True
    return out


def _zeros(e: Entries) -> np.ndarray:
    return np.zeros(len(e), np.int64)


def _full(e: Entries, v: int) -> np.ndarray:
    return np.full(len(e), v, np.int64)


def others_towards(
    ctx: Ctx, e: Entries, amount: np.ndarray | float, cause: Callable[[int], Cause], exclude: np.ndarray | None = None
) -> None:
    """Every other actor's relations towards the ordering actor change (rule 9)."""
    amount = np.broadcast_to(np.asarray(amount, np.float64), (len(e),))
    for o in range(ctx.rules.n_actors):
        m = e.actor != o
        if exclude is not None:
            m &= exclude != o
        if m.any():
            sub = e.sub(m)
            ctx.add("relations", sub, (o, sub.actor), amount[m], cause)


def answer_obligations(ctx: Ctx, e: Entries, target: np.ndarray) -> None:
    """A hostile order against an attacker answers the actor's obligation to its ally."""
    if not ctx.playing:
        return
    s = ctx.state
    due = s.obligation[e.rows, e.actor, target] >= 0
    if due.any():
        s.obligation[e.rows[due], e.actor[due], target[due]] = -1
        r = ctx.rules
        ctx.say(e, lambda i: f"{aname(r, e.actor[i])} stands by its ally against {aname(r, target[i])}.", mask=due)


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


# --------------------------------------------------------------------- deploy
def resolve_deploy(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 2: deployment raises leverage but reads as aggression unless invited or mandated."""
    r, s = ctx.rules, ctx.state
    amount = np.minimum(act.p("size"), available(s, e.rows, e.actor))
    ctrl = s.control[e.rows, e.region]
    inv = invited(r, s, e.rows, e.actor, e.region)
    mandated = s.mandate_force[e.rows, ctrl] & (ctrl != e.actor)
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
                f"forces count in your leverage while they stay: about {r.p('leverage_forces') * float(amount[i]):+.0f} over the next turns",
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
            c_out = lambda i, _t=tr: Cause(
                CauseKind.RULE,
                "breach",
                f"{aname(r, e.actor[i])} sends forces back into {rname(r, e.region[i])} in breach of the {_t.name}",
                int(e.actor[i]),
            )
            ctx.add("reputation", sub, (sub.actor,), -act.p("breach_reputation"), c_out)
            others_towards(ctx, sub, act.p("breach_relations"), c_out)
            ctx.set("status", sub, (k,), float(TrackStatus.BROKEN), c_out)
            ctx.say(
                sub,
                lambda i, _t=tr: f"{_t.name}: the agreement is broken as {aname(r, e.actor[i])} sends forces back in.",
            )


# --------------------------------------------------------------------- show of force
def resolve_show_of_force(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 2: a show of force deters (leverage) but lowers reputation and relations unless mandated."""
    r, s = ctx.rules, ctx.state
    mandated = s.mandate_force[e.rows, e.target]
    cause = acause(
        act,
        e,
        lambda i: f"show of force against {aname(r, e.target[i])}" + ("" if mandated[i] else " without a mandate"),
    )
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    ctx.add("leverage", e, (e.target,), act.p("target_leverage"), cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    rep_hit(ctx, e, np.where(mandated, 0.0, act.p("reputation_unilateral")), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.add("escalation", e, (e.actor, e.target), act.p("escalation"), cause)
    ctx.add("escalation", e, (e.target, e.actor), act.p("escalation"), cause)
    answer_obligations(ctx, e, e.target)


# --------------------------------------------------------------------- strike
def strike_odds(
    rules: Rules, s: State, act: ActionSpec, e: Entries, seen: Callable[..., np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Chance of success and the defending actor (the region's controller).

    ``seen`` gives the defenders' readiness as the attacker knows it (fog of
    war) when the odds are predicted rather than played."""
    t = s.control[e.rows, e.region]
    att = (striking_power(rules, s, act, e)) * s.readiness[e.rows, e.actor] / 100.0
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


@lru_cache(maxsize=64)
def neighbour_matrix(rules: Rules) -> np.ndarray:
    nb = np.zeros((rules.n_regions, rules.n_regions), bool)
    for g, reg in enumerate(rules.regions):
        for h in reg.neighbours:
            nb[g, h] = nb[h, g] = True
    return nb


def striking_power(rules: Rules, s: State, act: ActionSpec, e: Entries) -> np.ndarray:
    """Forces in the region, part of those staged next door, and part of the
    undeployed pool (air and missile reach)."""
    power = s.forces[e.rows, e.actor, e.region] + act.p("reach") * available(s, e.rows, e.actor)
    nb = neighbour_matrix(rules)
    for g in range(rules.n_regions):
        near = nb[e.region, g]
        if near.any():
            power = power + np.where(near, act.p("neighbour_reach") * s.forces[e.rows, e.actor, g], 0.0)
    return power


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
    for o in range(A):
        attacked |= allied(s, rows, a, o) & (last[by + o] >= since)
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
    others = np.where(mandated | selfdef, act.p("relations_others_mandated"), act.p("relations_others")) / np.sqrt(
        coalition
    )
    others_towards(ctx, e, others, c_all, exclude=t)
    # Collective defence: an attack on one member is an attack on its allies
    # (members only). It costs the attacker more, and obliges the allies to answer.
    c_def = lambda i: Cause(
        CauseKind.RULE, "collective_defence", f"{where(i)}: an attack on an alliance", int(e.actor[i])
    )
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
                        f"{aname(r, _o)} is bound to answer {aname(r, e.actor[i])}'s attack on its ally {aname(r, t[i])}."
                    ),
                )
            else:
                ctx.note(sub, "an attack on an alliance: its members are bound to answer it")
    answer_obligations(ctx, e, t)
    # Outrage: strikes on peacekeepers or in breach of an agreement.
    if outrage.any():
        sub = e.sub(outrage)
        c_out = lambda i: Cause(
            CauseKind.RULE,
            "outrage",
            f"{where(i)} despite peacekeepers or an agreement: international outrage",
            int(e.actor[i]),
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


# --------------------------------------------------------------------- peacekeeping
def resolve_peacekeeping(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 3: peacekeepers raise stability every turn they stay (see region dynamics)."""
    r, s = ctx.rules, ctx.state
    mandated = s.mandate_pk[e.rows, e.region]
    cause = acause(
        act,
        e,
        lambda i: (
            f"peacekeeping mission in {rname(r, e.region[i])}"
            + (" under a Council mandate" if mandated[i] else " with host consent")
        ),
    )
    amount = np.minimum(act.p("size"), np.maximum(available(s, e.rows, e.actor), 1.0))
    ctx.add("peacekeepers", e, (e.actor, e.region), amount, cause)
    ctx.add(
        "reputation",
        e,
        (e.actor,),
        np.where(mandated, act.p("reputation_mandated"), act.p("reputation_consent")),
        cause,
    )
    ctx.add("stability", e, (e.region,), act.p("stability"), cause)
    ctx.note(e, f"then stability +{r.p('peacekeeping_stability'):g} per turn while they stay")


# --------------------------------------------------------------------- crisis response
def resolve_crisis_response(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 5: a response within a few turns of a crisis shows resolve and opens a platform for talks."""
    r, s = ctx.rules, ctx.state
    age = ctx.turn - s.crisis_since[e.rows, e.region]
    in_time = age <= r.p("crisis_window")
    cause = acause(
        act,
        e,
        lambda i: (
            f"crisis response in {rname(r, e.region[i])} "
            + (
                f"in time ({age[i]} turn(s) after the crisis began)"
                if in_time[i]
                else f"too late ({age[i]} turns after the crisis began)"
            )
        ),
    )
    ctx.add("leverage", e, (e.actor,), np.where(in_time, act.p("leverage_in_time"), act.p("leverage_late")), cause)
    ctx.add("stability", e, (e.region,), np.where(in_time, act.p("stability_in_time"), act.p("stability_late")), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    ctx.add("need", e, (e.region,), -act.p("need"), cause)
    if ctx.playing:
        s.responded[e.rows, e.actor, e.region] = True
    # A platform for talks: tracks about the region gain trust, and inactive ones open.
    for k, tr in enumerate(r.tracks):
        m = in_time & (tr.region == e.region)
        if m.any():
            sub = e.sub(m)
            ctx.add("trust", sub, (k,), act.p("trust"), cause)
            ctx.set(
                "status",
                sub,
                (k,),
                float(TrackStatus.OPEN),
                cause,
                where=s.track_status[sub.rows, k] == TrackStatus.INACTIVE,
            )
    ctx.note(e, "in time: opens a platform for talks on the region", mask=in_time)


# --------------------------------------------------------------------- humanitarian
def resolve_humanitarian(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 4: humanitarian operations lower need and raise reputation and stability."""
    r, s = ctx.rules, ctx.state
    ctrl = s.control[e.rows, e.region]
    open_access = invited(r, s, e.rows, e.actor, e.region) | (
        s.relations[e.rows, ctrl, e.actor] > r.p("hostile_relations")
    )
    ok = ctx.chance(e, np.where(open_access, 1.0, act.p("access_odds")))
    got_in = ctx.certain(ok)
    cause = acause(
        act,
        e,
        lambda i: f"humanitarian operation in {rname(r, e.region[i])}" + ("" if got_in[i] else " (access denied)"),
    )
    ctx.add("need", e, (e.region,), ctx.pick(ok, -act.p("need"), 0.0), cause)
    ctx.add("reputation", e, (e.actor,), ctx.pick(ok, act.p("reputation"), 0.0), cause)
    ctx.add("stability", e, (e.region,), ctx.pick(ok, act.p("stability"), 0.0), cause)
    owner = owners(r)[e.region]
    m = owner != e.actor
    if m.any():
        sub = e.sub(m)
        ctx.add("relations", sub, (owner[m], sub.actor), ctx.pick(ok[m], act.p("relations_owner"), 0.0), cause)


# --------------------------------------------------------------------- reconstruction
def resolve_reconstruction(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 7: reconstruction raises stability slowly and makes flare-ups less likely."""
    r = ctx.rules
    cause = acause(act, e, lambda i: f"reconstruction in {rname(r, e.region[i])}")
    ctx.add("reconstruction", e, (e.region,), act.p("progress"), cause)
    ctx.add("stability", e, (e.region,), act.p("stability"), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    owner = owners(r)[e.region]
    m = owner != e.actor
    if m.any():
        sub = e.sub(m)
        ctx.add("relations", sub, (owner[m], sub.actor), act.p("relations_owner"), cause)
    ctx.note(e, "then stability rises each turn and flare-ups become rarer")


# --------------------------------------------------------------------- intelligence
def resolve_intelligence(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 8: intelligence reveals hidden values and improves the odds of operations."""
    r, s = ctx.rules, ctx.state
    if ctx.playing:
        s.intel[e.rows, e.actor, e.target] = int(act.p("turns"))
        ctx.say(e, lambda i: f"{aname(r, e.actor[i])} steps up surveillance of {aname(r, e.target[i])}.")
    else:
        ctx.note(e, f"reveals their hidden values and improves your odds against them for {int(act.p('turns'))} turns")
    cause = acause(act, e, lambda i: f"surveillance of {aname(r, e.target[i])}")
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)


# --------------------------------------------------------------------- cyber
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


# --------------------------------------------------------------------- withdraw
def resolve_withdraw(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r, s = ctx.rules, ctx.state
    # Ending an occupation: giving back ground one holds uninvited.
    occupying = (
        (owners(r)[e.region] != e.actor)
        & (s.control[e.rows, e.region] == e.actor)
        & ~s.consent[e.rows, e.actor, e.region]
        & ~allied(s, e.rows, e.actor, owners(r)[e.region])
    )
    pending = np.zeros(len(e), bool)
    for o in range(r.n_actors):
        pending |= s.ultimatum[e.rows, o, e.actor] >= 0
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
    ctx.say(e, lambda i: f"{aname(r, e.actor[i])} withdraws its forces from {rname(r, e.region[i])}.")


# --------------------------------------------------------------------- talks
def is_party(rules: Rules, e: Entries) -> np.ndarray:
    p1, p2 = parties(rules)
    return (p1[e.track] == e.actor) | (p2[e.track] == e.actor)


def other_party(rules: Rules, e: Entries) -> np.ndarray:
    return other_of(rules, e.track, e.actor)


def track_regions(rules: Rules) -> np.ndarray:
    return np.array([t.region for t in rules.tracks], np.int64)


def stability_gate(rules: Rules, s: State, rows: np.ndarray, tracks: np.ndarray) -> np.ndarray:
    """Rule 3: talks to end fighting in a region (a ceasefire or a peace
    accord) progress only while the region is stable enough; talks between
    capitals (a withdrawal, a deal) do not wait for calm on the ground."""
    reg = track_regions(rules)[tracks]
    gated = np.array([t.topic in (Topic.CEASEFIRE, Topic.PEACE_ACCORD) for t in rules.tracks], bool)[tracks]
    return (reg < 0) | ~gated | (s.stability[rows, np.maximum(reg, 0)] >= rules.p("talks_min_stability"))


def resolve_open_talks(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    cause = acause(act, e, lambda i: f"{aname(r, e.actor[i])} opens {tname(r, e.track[i])}")
    ctx.set("status", e, (e.track,), float(TrackStatus.OPEN), cause)
    ctx.add("trust", e, (e.track,), act.p("trust"), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.say(e, lambda i: f"{aname(r, e.actor[i])} opens {tname(r, e.track[i])}.")


def talks_push(
    rules: Rules, s: State, act: ActionSpec, rows: np.ndarray, track: np.ndarray, actor: np.ndarray, other: np.ndarray
) -> np.ndarray:
    """Progress one round of talks makes: leverage balance, trust, mediator, stability."""
    la = effective_leverage(rules, s, rows, actor)
    lb = effective_leverage(rules, s, rows, other)
    med = s.mediator[rows, track]
    med_rep = np.where(med >= 0, s.reputation[rows, np.maximum(med, 0)], 0.0)
    push = (
        act.p("base")
        + act.p("leverage_gap") * np.abs(la - lb) / 100.0
        + act.p("trust_weight") * (s.trust[rows, track] - 50.0) / 50.0
    )
    push = push + np.where(med >= 0, act.p("mediator_weight") * med_rep / 100.0, 0.0)
    reg = np.maximum(track_regions(rules)[track], 0)
    push = push - act.p("violence_weight") * np.minimum(s.violence[rows, reg], 3.0)
    return np.where(stability_gate(rules, s, rows, track), np.maximum(push, 0.0), 0.0)


def resolve_negotiate(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """The design's tempo: talks move a few points a turn, gated by stability (rule 3)."""
    r, s = ctx.rules, ctx.state
    push = talks_push(r, s, act, e.rows, e.track, e.actor, other_party(r, e))
    gate = stability_gate(r, s, e.rows, e.track)
    cause = acause(
        act,
        e,
        lambda i: (
            f"{aname(r, e.actor[i])} negotiates in {tname(r, e.track[i])}"
            + ("" if gate[i] else " (stalled: region too unstable)")
        ),
    )
    ctx.add("progress", e, (e.track,), push, cause)
    ctx.add("trust", e, (e.track,), np.where(gate, act.p("trust"), 0.0), cause)
    ctx.note(e, "stalled: the region is below the stability talks need", mask=~gate)


def resolve_mediate(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 6: neutral mediation builds trust and speeds talks."""
    r, s = ctx.rules, ctx.state
    cause = acause(act, e, lambda i: f"mediation by {aname(r, e.actor[i])} in {tname(r, e.track[i])}")
    rep = s.reputation[e.rows, e.actor]
    st = s.track_status[e.rows, e.track]
    ctx.set(
        "status",
        e,
        (e.track,),
        float(TrackStatus.OPEN),
        cause,
        where=(st == TrackStatus.INACTIVE) | (st == TrackStatus.BROKEN),
    )
    ctx.set("mediator", e, (e.track,), e.actor.astype(np.float64), cause)
    ctx.add("trust", e, (e.track,), act.p("trust") + act.p("trust_reputation") * rep / 100.0, cause)
    gate = stability_gate(r, s, e.rows, e.track)
    ctx.add(
        "progress",
        e,
        (e.track,),
        np.where(gate, act.p("progress") + act.p("progress_reputation") * rep / 100.0, 0.0),
        cause,
    )
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    ctx.note(e, "the mediator gains reputation if the talks succeed")


def _one_per_track(ctx: Ctx, e: Entries) -> Entries:
    """One proposal or answer per track and game: the first given counts."""
    if ctx.playing and len(e) > 1:
        lead = first_of(e.rows, e.track)
        if not lead.all():
            e = e.sub(lead)
            e = Entries(e.rows, e.actor, e.target, e.region, e.track, e.slot, e.option)
    return e


def terms_words(rules: Rules, track: int, proposer: int, share: float) -> str:
    """Terms in words, e.g. 'terms 62–38 in the United States' favour'."""
    if abs(share - 0.5) < 0.025:
        return "even terms"
    side = proposer if share > 0.5 else int(other_of(rules, np.array([track]), np.array([proposer]))[0])
    hi = max(share, 1.0 - share)
    return f"terms {100 * hi:.0f}–{100 * (1 - hi):.0f} in {aname(rules, side)}'s favour"


def resolve_propose(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Bargaining with consent: the proposer puts terms on the table (the most
    the counterpart should accept, never beyond its own demand); the
    counterpart answers next turn: it accepts, counters, or lets it lapse."""
    r, s = ctx.rules, ctx.state
    e = _one_per_track(ctx, e)
    x = offer_terms(r, s, e.rows, e.track, e.actor)
    c = other_party(r, e)
    if ctx.playing:
        countered = (s.offer[e.rows, e.track] >= 0) & (s.offer[e.rows, e.track] != e.actor)
        s.offer[e.rows, e.track] = e.actor
        s.offer_terms[e.rows, e.track] = x
        s.offer_turn[e.rows, e.track] = ctx.turn
        verb = lambda i: "counters with" if countered[i] else "proposes"
        what = lambda i: f"{topic_words(r.tracks[int(e.track[i])].topic)} in the {tname(r, e.track[i])}"
        on = lambda i: terms_words(r, int(e.track[i]), int(e.actor[i]), float(x[i]))
        ctx.say(
            e, lambda i: f"{aname(r, e.actor[i])} {verb(i)} {what(i)}, on {on(i)}; {aname(r, c[i])} answers next turn."
        )
        return
    # Predicted: the agreement, weighted by the chance the counterpart accepts.
    p = acceptance(r, s, e.rows, e.track, c, x)
    ok = p if ctx.mode == MEAN else (p >= 0.5 if ctx.mode == "worst" else p > 0.05)
    conclude(ctx, e, np.asarray(ok, np.float64), x)
    for i in range(len(e) if ctx.wants_notes else 0):
        g, k, cp = int(e.rows[i]), int(e.track[i]), int(c[i])
        answer = "likely to accept" if p[i] >= 0.7 else "may accept" if p[i] >= 0.3 else "likely to refuse"
        why = bargain_reasons(r, s, g, k, cp)
        ctx.note(
            e.sub(np.arange(len(e)) == i),
            f"{terms_words(r, k, int(e.actor[i]), float(x[i]))}; {aname(r, cp)} is {answer} ({why})",
        )


def resolve_accept(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """The counterpart accepts the terms on the table: the agreement is reached."""
    s = ctx.state
    e = _one_per_track(ctx, e)
    proposer = s.offer[e.rows, e.track]
    x = s.offer_terms[e.rows, e.track]
    ok = proposer >= 0
    if not ok.all():
        e, proposer, x = e.sub(ok), proposer[ok], x[ok]
    if ctx.playing:
        s.offer[e.rows, e.track] = -1
    as_proposer = Entries(e.rows, proposer, e.target, e.region, e.track, e.slot, e.option, e.idx)
    conclude(ctx, as_proposer, np.ones(len(e)), x, by=e)


def conclude(ctx: Ctx, e: Entries, weight: np.ndarray, share: np.ndarray, by: Entries | None = None) -> None:
    """An agreement is reached on the proposer's terms: its topic's effects,
    split by the terms, and credit to the mediator (rule 6).

    ``e`` names the proposer of each agreement and ``share`` its share of the
    terms; ``by`` the orders that concluded it (the acceptance), whose
    causes the changes carry. ``weight`` is 1 in play and the chance of
    acceptance in predictions.
    """
    r, s = ctx.rules, ctx.state
    pr = r.params
    by = e if by is None else by
    weight = np.asarray(weight, np.float64)
    p1, p2 = parties(r)
    a1, a2 = p1[e.track], p2[e.track]
    s1 = np.where(e.actor == a1, share, 1.0 - share)  # the first party's share
    s2 = 1.0 - s1
    reg_all = track_regions(r)[e.track]
    has_region = reg_all >= 0
    reg = np.maximum(reg_all, 0)
    cause = lambda i: Cause(
        CauseKind.RULE,
        "agreement",
        f"{tname(r, by.track[by.at(i)])} agreed ({terms_words(r, int(by.track[by.at(i)]), int(a1[by.at(i)]), float(s1[by.at(i)]))})",
        int(by.actor[by.at(i)]),
    )

    def tp(name: str) -> np.ndarray:
        """The parameter ``name`` of each order's track topic."""
        return np.array([pr[f"{tr.topic.value}_{name}"] for tr in r.tracks], np.float64)[e.track]

    def add(q: str, subj: tuple, amount: np.ndarray | float, mask: np.ndarray | None = None) -> None:
        m = np.ones(len(e), bool) if mask is None else np.asarray(mask, bool)
        if m.any():
            amt = np.broadcast_to(np.asarray(amount, np.float64), (len(e),))[m] * weight[m]
            ctx.add(q, by.sub(m), tuple(np.broadcast_to(np.asarray(x), (len(e),))[m] for x in subj), amt, cause)

    ctx.set("status", by, (e.track,), float(TrackStatus.AGREED), cause, where=weight if not ctx.playing else None)
    ctx.set("terms", by, (e.track,), 100.0 * s1, cause, where=weight if not ctx.playing else None)
    add("stability", (reg,), tp("stability"), has_region)
    add("tension", (), tp("tension"))
    add("reputation", (a1,), tp("reputation"))
    add("reputation", (a2,), tp("reputation"))
    add("relations", (a1, a2), tp("relations"))
    add("relations", (a2, a1), tp("relations"))
    pc = has_region & (tp("post_conflict") > 0)
    ctx.set("post_conflict", by, (reg,), 1.0, cause, where=(pc if ctx.playing else pc * weight))
    # The better terms, the more leverage each side takes from the agreement.
    add("leverage", (a1,), pr["terms_leverage"] * (2.0 * s1 - 1.0))
    add("leverage", (a2,), pr["terms_leverage"] * (2.0 * s2 - 1.0))
    wd = np.array([tr.withdrawing if tr.topic == Topic.WITHDRAWAL else -1 for tr in r.tracks], np.int64)[e.track]
    m = (wd >= 0) & has_region
    if m.any():
        w0 = np.maximum(wd, 0)
        sw = np.where(w0 == a1, s1, s2)  # the withdrawing side's share
        add("forces", (w0, reg), -s.forces[e.rows, w0, reg], m)
        add("leverage", (w0,), pr["withdrawal_leverage_withdrawing"] * 2.0 * (1.0 - sw), m)
        add("support", (w0,), pr["withdrawal_face_support"] * (sw - 0.3), m)
        own = owners(r)[reg]
        ctx.set("control", by, (reg,), own.astype(np.float64), cause, where=(m if ctx.playing else m * weight))
        other = np.where(w0 == a1, a2, a1)
        relief = m & (sw >= pr["relief_share"]) & s.sanctions[e.rows, other, w0]
        if relief.any():
            ctx.set(
                "sanctions",
                by.sub(relief),
                (other[relief], w0[relief]),
                0.0,
                cause,
                where=None if ctx.playing else weight[relief],
            )
    is_deal = np.array([tr.topic == Topic.DEAL for tr in r.tracks], bool)[e.track]
    for x, y, sy in ((a1, a2, s2), (a2, a1, s1)):
        m = is_deal & s.sanctions[e.rows, x, y] & (sy >= pr["relief_share"])
        if m.any():
            ctx.set("sanctions", by.sub(m), (x[m], y[m]), 0.0, cause, where=None if ctx.playing else weight[m])
            add("leverage", (y,), pr["deal_sanctions_relief"], m)
    med = s.mediator[e.rows, e.track]
    add("reputation", (np.maximum(med, 0),), pr["mediator_reputation"], med >= 0)
    add("leverage", (np.maximum(med, 0),), pr["mediator_leverage"], med >= 0)
    if ctx.playing:
        s.offer[e.rows, e.track] = -1
    ctx.say(
        by,
        lambda i: (
            f"Agreement: the {tname(r, by.track[by.at(i)])} is concluded on {terms_words(r, int(by.track[by.at(i)]), int(a1[by.at(i)]), float(s1[by.at(i)]))}."
        ),
    )


def lapse_offers(ctx: Ctx) -> None:
    """A proposal not accepted by the end of the turn after it was made lapses:
    a refusal, with the counterpart's reasons; the talks are set back."""
    r, s = ctx.rules, ctx.state
    act = next((a for a in r.actions if a.kind == Kind.PROPOSE), None)
    for k, tr in enumerate(r.tracks):
        m = (s.offer[:, k] >= 0) & (s.offer_turn[:, k] < ctx.turn)
        m &= ~s.over
        if not m.any():
            continue
        j = np.nonzero(m)[0]
        kk = np.full(len(j), k)
        proposer = s.offer[j, k]
        answerer = other_of(r, kk, proposer)
        mg = margin(r, s, j, kk, answerer, s.offer_terms[j, k])
        open_ = s.track_status[j, k] == TrackStatus.OPEN
        for i in range(len(j)):
            if not open_[i]:
                continue
            g, a, b = int(j[i]), int(answerer[i]), int(proposer[i])
            if mg[i] < 0:
                text = (
                    f"{aname(r, a)} refuses {aname(r, b)}'s offer in the {tr.name}: {bargain_reasons(r, s, g, k, a)}."
                )
            else:
                text = f"{aname(r, a)} lets {aname(r, b)}'s offer in the {tr.name} lapse."
            ctx.say(np.array([g]), text)
        if act is not None:
            c = lambda i, _p=proposer, _a=answerer: Cause(
                CauseKind.RULE,
                "refusal",
                f"{aname(r, _a[i])} did not accept {aname(r, _p[i])}'s offer in the {tr.name}",
                int(_p[i]),
            )
            jo = j[open_]
            if len(jo):
                ctx.add("progress", jo, (np.full(len(jo), k),), -act.p("progress_failure"), c)
                ctx.add("leverage", jo, (proposer[open_],), act.p("leverage_failure"), c)
        if ctx.playing:
            s.offer[j, k] = -1


# --------------------------------------------------------------------- alliances
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
        e, lambda i: f"{aname(r, e.actor[i])} allies with {aname(r, e.target[i])} ({r.alliances[j0[i]].name}).", mask=ok
    )


def resolve_leave_alliance(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Breaking an alliance costs reputation and relations with the former allies."""
    r, s = ctx.rules, ctx.state
    cause = acause(act, e, lambda i: f"{aname(r, e.actor[i])} breaks its alliance obligations")
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
        ctx.say(e, lambda i: f"{aname(r, e.actor[i])} leaves its alliance.")


# --------------------------------------------------------------------- sanctions
def resolve_sanctions(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    cause = acause(act, e, lambda i: f"sanctions by {aname(r, e.actor[i])} on {aname(r, e.target[i])}")
    ctx.set("sanctions", e, (e.actor, e.target), 1.0, cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    ctx.add("leverage", e, (e.target,), act.p("target_leverage"), cause)
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.note(
        e,
        f"while they last: their leverage sinks towards {r.p('sanctions_leverage'):+g} per sanctioner; each turn their support {r.p('sanctions_support'):+g}, yours {r.p('sanctions_cost_support'):+g}",
    )
    ctx.say(e, lambda i: f"{aname(r, e.actor[i])} imposes sanctions on {aname(r, e.target[i])}.")
    answer_obligations(ctx, e, e.target)


def resolve_lift_sanctions(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    cause = acause(act, e, lambda i: f"{aname(r, e.actor[i])} lifts sanctions on {aname(r, e.target[i])}")
    ctx.set("sanctions", e, (e.actor, e.target), 0.0, cause)
    ctx.add("relations", e, (e.target, e.actor), act.p("relations_target"), cause)
    ctx.add("leverage", e, (e.actor,), act.p("leverage"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)


# --------------------------------------------------------------------- Security Council
def resolution_target(rules: Rules, s: State, act: ActionSpec, e: Entries) -> np.ndarray:
    """The actor a draft is aimed at (for a peacekeeping mandate: the host)."""
    if act.resolution == Resolution.PEACEKEEPING:
        return s.control[e.rows, np.maximum(e.region, 0)]
    return e.target


def vote_scores(
    rules: Rules, s: State, act: ActionSpec, rows: np.ndarray, sponsor: np.ndarray, target: np.ndarray, voter: int
) -> np.ndarray:
    """A member's inclination to vote yes, before noise: friends of the sponsor,
    critics of the target and a poor reputation of the target push it up."""
    sc = act.p("vote_bias") + act.p("vote_sponsor") * s.relations[rows, voter, sponsor] / 100.0
    sc = sc - act.p("vote_target") * s.relations[rows, voter, target] / 100.0
    sc = sc + act.p("vote_reputation") * (50.0 - s.reputation[rows, target]) / 50.0
    sc = np.where(target == voter, -10.0, sc)
    return np.where(sponsor == voter, 10.0, sc)


def _phi(x: np.ndarray) -> np.ndarray:
    """Standard normal CDF (Abramowitz and Stegun 7.1.26; error below 2e-7)."""
    x = np.asarray(x, np.float64)
    z = np.abs(x) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * z)
    y = 1.0 - (
        ((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592
    ) * t * np.exp(-z * z)
    return stable(0.5 * (1.0 + np.sign(x) * y))


def _other_seat_yes(s: State, act: ActionSpec, rows: np.ndarray, sponsor: np.ndarray, target: np.ndarray) -> np.ndarray:
    x = (
        act.p("vote_bias")
        + act.p("vote_reputation") * (50.0 - s.reputation[rows, target]) / 50.0
        + 0.3 * (s.reputation[rows, sponsor] - 50.0) / 50.0
    )
    return stable(1.0 / (1.0 + np.exp(-3.0 * x)))


def predicted_votes(rules: Rules, s: State, act: ActionSpec, e: Entries) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """Each member's chance of voting yes, and the chance the draft passes."""
    c = rules.council
    target = resolution_target(rules, s, act, e)
    theta, sigma = act.p("vote_threshold"), act.p("vote_noise")
    yes_p: dict[int, np.ndarray] = {}
    mean_yes = np.zeros(len(e))
    var_yes = np.zeros(len(e))
    p_noveto = np.ones(len(e))
    for m in c.members():
        sc = vote_scores(rules, s, act, e.rows, e.actor, target, m)
        py = 1.0 - _phi((theta - sc) / sigma)
        yes_p[m] = py
        mean_yes += py
        var_yes += py * (1.0 - py)
        if m in c.permanent:
            p_noveto *= 1.0 - _phi((-theta - sc) / sigma)
    po = _other_seat_yes(s, act, e.rows, e.actor, target)
    mean_yes += c.other_seats * po
    var_yes += c.other_seats * po * (1.0 - po)
    p_votes = 1.0 - _phi((c.pass_votes - 0.5 - mean_yes) / np.sqrt(var_yes + 1e-9))
    return yes_p, np.clip(p_noveto * p_votes, 0.0, 1.0)


def council_vote(ctx: Ctx, act: ActionSpec, e: Entries) -> dict[str, np.ndarray]:
    """The Council votes on a draft: a tally with vetoes (drawn per member)."""
    r, s = ctx.rules, ctx.state
    c = r.council
    target = resolution_target(r, s, act, e)
    theta, sigma = act.p("vote_threshold"), act.p("vote_noise")
    n = len(e)
    yes, no = np.zeros(n), np.zeros(n)
    veto = np.zeros(n, bool)
    vetoer = np.full(n, -1, np.int64)
    members = c.members()
    if members:
        voters = np.array(members, np.int64)
        noise = normal(
            s.seed[e.rows, None], ctx.turn, int(Stream.COUNCIL), e.actor[:, None], e.slot[:, None], voters[None, :]
        )
        for j, m in enumerate(members):
            v = vote_scores(r, s, act, e.rows, e.actor, target, m) + sigma * noise[:, j]
            y, nn = v > theta, v < -theta
            yes += y
            no += nn
            if m in c.permanent:
                vetoer = np.where(nn & ~veto, m, vetoer)
                veto |= nn
    if c.other_seats:
        po = _other_seat_yes(s, act, e.rows, e.actor, target)[:, None]
        u = uniform(
            s.seed[e.rows, None],
            ctx.turn,
            int(Stream.COUNCIL),
            e.actor[:, None],
            e.slot[:, None],
            5000 + np.arange(c.other_seats)[None, :],
        )
        yes += (u < po).sum(axis=1)
        no += (u > po + (1.0 - po) * 0.6).sum(axis=1)
    return {"yes": yes, "no": no, "veto": veto, "vetoer": vetoer, "passed": (yes >= c.pass_votes) & ~veto}


def resolve_resolution(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Legitimacy: the Council votes and permanent members can veto. A resolution
    condemns, sanctions, authorises force or mandates peacekeepers."""
    r, s = ctx.rules, ctx.state
    res = act.resolution
    co: Entries | None = None
    if ctx.playing and len(e) > 1:
        key = np.maximum(e.region, 0) if res == Resolution.PEACEKEEPING else e.target
        lead = first_of(e.rows, key)
        if not lead.all():
            # The same draft tabled by several members: one vote, the others co-sponsor.
            c = e.sub(~lead)
            co = Entries(c.rows, c.actor, c.target, c.region, c.track, c.slot, c.option)
            m = e.sub(lead)
            e = Entries(m.rows, m.actor, m.target, m.region, m.track, m.slot, m.option)
    target = resolution_target(r, s, act, e)
    reg = np.maximum(e.region, 0)
    if ctx.playing:
        tally = ctx.council_tally = council_vote(ctx, act, e)
        ok = tally["passed"]
    else:
        _, p = predicted_votes(r, s, act, e)
        ok = p if ctx.mode == "mean" else (p >= 0.5 if ctx.mode == "worst" else p > 0.05)
        tally = None
    adopted = ctx.certain(ok)
    what = {
        Resolution.CONDEMN: "condemning {t}",
        Resolution.SANCTIONS: "imposing sanctions on {t}",
        Resolution.AUTHORISE_FORCE: "authorising force against {t}",
        Resolution.PEACEKEEPING: "mandating peacekeepers in {r}",
    }[res]
    label = lambda i: what.format(t=aname(r, target[i]), r=rname(r, reg[i]))
    cause = acause(
        act, e, lambda i: f"Security Council resolution {label(i)} " + ("adopted" if adopted[i] else "not adopted")
    )
    ctx.add("leverage", e, (e.actor,), ctx.pick(ok, act.p("sponsor_leverage"), act.p("sponsor_leverage_fail")), cause)
    ctx.add("reputation", e, (e.actor,), ctx.pick(ok, act.p("sponsor_reputation"), 0.0), cause)
    w = ok if ctx.playing else np.asarray(ok, np.float64)
    if res == Resolution.CONDEMN:
        ctx.set("condemned", e, (target,), 1.0, cause, where=w)
        ctx.add("reputation", e, (target,), ctx.pick(ok, act.p("target_reputation"), 0.0), cause)
        ctx.add("leverage", e, (target,), ctx.pick(ok, act.p("target_leverage"), 0.0), cause)
    elif res == Resolution.SANCTIONS:
        ctx.set("un_sanctions", e, (target,), 1.0, cause, where=w)
        ctx.add("leverage", e, (target,), ctx.pick(ok, act.p("target_leverage"), 0.0), cause)
    elif res == Resolution.AUTHORISE_FORCE:
        ctx.set("mandate_force", e, (target,), 1.0, cause, where=w)
        ctx.add("leverage", e, (target,), ctx.pick(ok, act.p("target_leverage"), 0.0), cause)
        ctx.add("tension", e, (), ctx.pick(ok, act.p("tension"), 0.0), cause)
    else:
        ctx.set("mandate_pk", e, (reg,), 1.0, cause, where=w)
    if res != Resolution.PEACEKEEPING:
        answer_obligations(ctx, e, target)
    if tally is not None:
        veto, vetoer = tally["veto"], tally["vetoer"]
        if veto.any():
            sub = e.sub(veto)
            cv = lambda i: Cause(CauseKind.RULE, "veto", f"veto of a draft {label(i)}", int(vetoer[i]))
            ctx.add("reputation", sub, (vetoer[veto],), act.p("veto_reputation"), cv)
            ctx.add("relations", sub, (sub.actor, vetoer[veto]), act.p("veto_relations"), cv)
        if co is not None:
            key_of = (lambda x: np.maximum(x.region, 0)) if res == Resolution.PEACEKEEPING else (lambda x: x.target)
            won = {(int(b), int(k)): bool(p) for b, k, p in zip(e.rows, key_of(e), adopted)}
            co_ok = np.array([won.get((int(b), int(k)), False) for b, k in zip(co.rows, key_of(co))], bool)
            if co_ok.any():
                cs = co.sub(co_ok)
                c_co = acause(act, co, lambda i: "co-sponsored Security Council resolution adopted")
                ctx.add("leverage", cs, (cs.actor,), 0.5 * act.p("sponsor_leverage"), c_co)
                ctx.add("reputation", cs, (cs.actor,), 0.5 * act.p("sponsor_reputation"), c_co)
        ctx.say(
            e,
            lambda i: (
                f"Security Council: draft by {aname(r, e.actor[i])} {label(i)} "
                + ("ADOPTED" if adopted[i] else ("VETOED by " + aname(r, vetoer[i]) if veto[i] else "NOT ADOPTED"))
                + f" ({int(tally['yes'][i])} in favour, {int(tally['no'][i])} against)."
            ),
        )
    else:
        ctx.note(e, "the outcome depends on the Council's vote (permanent members can veto)")


# --------------------------------------------------------------------- summit, ultimatum
def aggressors(rules: Rules, s: State, rows: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Whether ``t`` is an aggressor: it occupies others' ground, or the Council
    has condemned it or authorised force against it."""
    return occupies(rules, s, rows, t) | s.condemned[rows, t] | s.mandate_force[rows, t]


def resolve_summit(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    s = ctx.state
    bad = aggressors(r, s, e.rows, e.target)
    cause = acause(
        act,
        e,
        lambda i: (
            f"summit of {aname(r, e.actor[i])} with {aname(r, e.target[i])}" + (", an aggressor" if bad[i] else "")
        ),
    )
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
        ctx.note(e, "they are an aggressor: their victims and their friends take it badly", mask=bad)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.add("escalation", e, (e.actor, e.target), act.p("escalation"), cause)
    ctx.add("escalation", e, (e.target, e.actor), act.p("escalation"), cause)


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
                f"{aname(r, e.actor[i])} gives {aname(r, e.target[i])} an ultimatum: withdraw by turn {deadline}."
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


# --------------------------------------------------------------------- custom
def binding(e: Entries) -> dict[str, np.ndarray]:
    return {"$self": e.actor, "$target": e.target, "$region": e.region, "$track": e.track}


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


RESOLVE: dict[Kind, Callable[[Ctx, ActionSpec, Entries], None]] = {
    # The resolver of every kind of action, in one explicit table (its legality: legal.GRID).
    Kind.DEPLOY: resolve_deploy,
    Kind.SHOW_OF_FORCE: resolve_show_of_force,
    Kind.STRIKE: resolve_strike,
    Kind.PEACEKEEPING: resolve_peacekeeping,
    Kind.CRISIS_RESPONSE: resolve_crisis_response,
    Kind.HUMANITARIAN: resolve_humanitarian,
    Kind.RECONSTRUCTION: resolve_reconstruction,
    Kind.INTELLIGENCE: resolve_intelligence,
    Kind.CYBER: resolve_cyber,
    Kind.WITHDRAW: resolve_withdraw,
    Kind.OPEN_TALKS: resolve_open_talks,
    Kind.NEGOTIATE: resolve_negotiate,
    Kind.MEDIATE: resolve_mediate,
    Kind.PROPOSE: resolve_propose,
    Kind.ACCEPT: resolve_accept,
    Kind.ALLIANCE: resolve_alliance,
    Kind.LEAVE_ALLIANCE: resolve_leave_alliance,
    Kind.SANCTIONS: resolve_sanctions,
    Kind.LIFT_SANCTIONS: resolve_lift_sanctions,
    Kind.RESOLUTION: resolve_resolution,
    Kind.SUMMIT: resolve_summit,
    Kind.ULTIMATUM: resolve_ultimatum,
    Kind.CUSTOM: resolve_custom,
}

NONSTATE_FORBIDDEN = frozenset({Kind.RESOLUTION, Kind.PEACEKEEPING, Kind.ALLIANCE})
"""Kinds a non-state group can never order (a scenario may restrict more)."""
