"""The Security Council: drafts (condemn, sanctions, authorise force,
peacekeeping mandate) and the vote with vetoes.

Numbers each draft reads from ``game/data/rules.yaml`` (a scenario may tune them):

* legality: world tension of at least ``min_tension``; a peacekeeping mandate
  only for a region below ``max_stability``;
* the vote: each member's inclination is ``vote_bias`` plus ``vote_sponsor``
  times its relations with the sponsor, less ``vote_target`` times its
  relations with the target, plus ``vote_reputation`` times the target's
  poor reputation; with noise ``vote_noise``, above ``vote_threshold`` it
  votes yes, below minus it votes no (a permanent member's no is a veto);
* the outcome: the sponsor's ``sponsor_leverage`` (``sponsor_leverage_fail``
  if not adopted) and ``sponsor_reputation`` (co-sponsors half); the target's
  ``target_reputation`` and ``target_leverage``; force authorised adds world
  ``tension``; a vetoer loses ``veto_reputation`` and the sponsor's
  relations ``veto_relations``.
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import acause, aname, answer_obligations, first_of, mark, new_grid, rname
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, static
from game.core.ledger import Cause, CauseKind
from game.core.reasons import Reason
from game.core.rng import Stream, normal, stable, uniform
from game.core.spec import ActionSpec, Resolution, Rules
from game.core.state import State


def grid_resolution(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    pk = act.resolution == Resolution.PEACEKEEPING
    c = new_grid(s, r.n_regions if pk else r.n_actors)
    if r.council.seats == 0:
        c[:] = int(Reason.NO_COUNCIL)
        return c
    members = r.council.members()
    if members:
        on_council = np.zeros(r.n_actors, bool)
        on_council[list(members)] = True
        mark(c, ~on_council[None, :, None], Reason.NOT_ON_COUNCIL)
    if not pk:
        mark(c, static(r)["eye"][None], Reason.SELF_TARGET)
    in_force = {
        Resolution.CONDEMN: lambda: s.condemned[:, None, :],
        Resolution.SANCTIONS: lambda: s.un_sanctions[:, None, :],
        Resolution.AUTHORISE_FORCE: lambda: s.mandate_force[:, None, :],
        Resolution.PEACEKEEPING: lambda: s.mandate_pk[:, None, :],
    }[act.resolution]()
    mark(c, in_force, Reason.ALREADY_IN_FORCE)
    mark(c, s.tension[:, None, None] < act.p("min_tension"), Reason.TENSION_TOO_LOW)
    if pk:
        mark(c, s.stability[:, None, :] >= act.p("max_stability"), Reason.STABLE_ENOUGH)
        # International waters nobody holds need no mandate (anyone may keep the peace there) and have no host.
        mark(c, (s.control < 0)[:, None, :], Reason.NOBODY_HOLDS)
    return c


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
