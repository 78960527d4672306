"""Talks: open talks, negotiate, mediate, propose and accept agreements
(rules 3 and 6, and bargaining with consent, :mod:`game.core.bargain`).

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **open_talks**: needs the other party's relations of at least
  ``min_relations``; ``trust``, ``reputation``, world ``tension``.
* **negotiate**: progress per round is ``base`` plus ``leverage_gap`` times
  the leverage balance, ``trust_weight`` times trust above 50 and
  ``mediator_weight`` times the mediator's reputation, less
  ``violence_weight`` per fight in the region; for ceasefires and peace
  accords, nothing while the region is below the global
  ``talks_min_stability`` and only a share of it below
  ``talks_full_stability``; ``trust``.
* **mediate**: needs both parties' relations of at least ``min_relations``
  and a gap between them of at most ``neutrality``; ``trust`` plus
  ``trust_reputation`` and ``progress`` plus ``progress_reputation`` times
  the mediator's reputation, ``reputation``.
* **propose**: needs ``min_progress``; a refused (lapsed) offer costs the
  talks ``progress_failure`` and the proposer ``leverage_failure``.
* **accept**: no numbers of its own.

An agreement (:func:`conclude`) applies its topic's global numbers
(``<topic>_stability``, ``_tension``, ``_reputation``, ``_relations``,
``_post_conflict``), ``terms_leverage`` times how good each side's terms are,
for a withdrawal ``withdrawal_leverage_withdrawing`` and
``withdrawal_face_support``, sanctions lifted for a side with at least
``relief_share`` of the terms (a deal adds ``deal_sanctions_relief``), and
``mediator_reputation``/``mediator_leverage`` for the mediator.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.core.actions.common import acause, aname, first_of, mark, new_grid, possessive, subj, tname
from game.core.bargain import acceptance, effective_leverage, margin, offered, staying, topic_words
from game.core.bargain import reasons as bargain_reasons
from game.core.ctx import MEAN, Ctx, Entries
from game.core.derived import Derived, other_of, owners, parties, static, talks_calm, track_regions, withdrawing_sides
from game.core.ledger import Cause, CauseKind
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Kind, Rules, Topic, TrackStatus
from game.core.state import State


def _track_status(s: State) -> np.ndarray:
    return s.track_status[:, None, :]


def _rel_of_other_party(r: Rules, s: State) -> np.ndarray:
    """[B, A, T]: relations of the other party of each track towards the actor."""
    other = static(r)["other"]  # [A, T]
    A = r.n_actors
    return s.relations[:, other, np.arange(A)[:, None]]


def other_party(rules: Rules, e: Entries) -> np.ndarray:
    return other_of(rules, e.track, e.actor)


def grid_open_talks(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_tracks)
    st = _track_status(s)
    mark(c, ~static(r)["party"][None], Reason.NOT_A_PARTY)
    mark(c, st == TrackStatus.OPEN, Reason.TALKS_ALREADY_OPEN)
    mark(c, st == TrackStatus.AGREED, Reason.TALKS_CONCLUDED)
    mark(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    mark(c, _rel_of_other_party(r, s) < act.p("min_relations"), Reason.RELATIONS_TOO_LOW)
    return c


def resolve_open_talks(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    r = ctx.rules
    cause = acause(act, e, lambda i: f"{subj(r, e.actor[i], 'opens')} {tname(r, e.track[i])}")
    ctx.set("status", e, (e.track,), float(TrackStatus.OPEN), cause)
    ctx.add("trust", e, (e.track,), act.p("trust"), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    ctx.add("tension", e, (), act.p("tension"), cause)
    ctx.say(e, lambda i: f"{subj(r, e.actor[i], 'opens')} {tname(r, e.track[i])}.")


def grid_negotiate(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_tracks)
    mark(c, ~static(r)["party"][None], Reason.NOT_A_PARTY)
    mark(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    return c


def talks_push(
    rules: Rules, s: State, act: ActionSpec, rows: np.ndarray, track: np.ndarray, actor: np.ndarray, other: np.ndarray
) -> np.ndarray:
    """Progress one round of talks would make in a calm region: leverage balance, trust, mediator, violence."""
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
    return np.maximum(push, 0.0)


def _unrest(calm: float) -> str:
    """What instability in the region did to a round of talks, in words."""
    if calm <= 0.0:
        return " (stalled: region too unstable)"
    if calm < 1.0:
        return f" (slowed to {100 * calm:.0f}%: region unstable)"
    return ""


def resolve_negotiate(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """The design's tempo: talks move a few points a turn, gated by stability (rule 3)."""
    r, s = ctx.rules, ctx.state
    calm = talks_calm(r, s, e.rows, e.track)
    push = calm * talks_push(r, s, act, e.rows, e.track, e.actor, other_party(r, e))
    cause = acause(
        act,
        e,
        lambda i: f"{subj(r, e.actor[i], 'negotiates')} in {tname(r, e.track[i])}" + _unrest(calm[i]),
    )
    ctx.add("progress", e, (e.track,), push, cause)
    ctx.add("trust", e, (e.track,), np.where(calm > 0, act.p("trust"), 0.0), cause)
    ctx.note(e, "stalled: the region is below the stability talks need", mask=calm <= 0)
    ctx.note(e, "slowed: the region is not yet stable enough for talks at full pace", mask=(calm > 0) & (calm < 1))


def grid_mediate(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_tracks)
    st = static(r)
    A = r.n_actors
    med = s.mediator[:, None, :]
    mark(c, st["party"][None], Reason.IS_A_PARTY)
    mark(c, _track_status(s) == TrackStatus.AGREED, Reason.TALKS_CONCLUDED)
    mark(c, (med >= 0) & (med != np.arange(A)[None, :, None]), Reason.OTHER_MEDIATOR)
    r1 = np.swapaxes(s.relations[:, st["p1"], :], 1, 2)  # [B, A, T]: p1's view of the actor
    r2 = np.swapaxes(s.relations[:, st["p2"], :], 1, 2)
    neutral = (np.minimum(r1, r2) >= act.p("min_relations")) & (np.abs(r1 - r2) <= act.p("neutrality"))
    mark(c, ~neutral, Reason.NOT_NEUTRAL)
    return c


def resolve_mediate(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 6: neutral mediation builds trust and speeds talks."""
    r, s = ctx.rules, ctx.state
    calm = talks_calm(r, s, e.rows, e.track)
    cause = acause(
        act, e, lambda i: f"mediation by {aname(r, e.actor[i])} in {tname(r, e.track[i])}" + _unrest(calm[i])
    )
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
    ctx.add("progress", e, (e.track,), calm * (act.p("progress") + act.p("progress_reputation") * rep / 100.0), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    ctx.note(e, "the mediator gains reputation if the talks succeed")


def _one_per_track(ctx: Ctx, e: Entries, noun: str) -> tuple[Entries, Callable[[], None]]:
    """One proposal or answer per track and game: the first given counts. Also returns what says, in the news,
    which did not count (to be said after the ones that did)."""
    if ctx.playing and len(e) > 1:
        lead = first_of(e.rows, e.track)
        if not lead.all():
            r, all_e = ctx.rules, e

            def dropped(i: int) -> str:
                a, k, g = int(all_e.actor[i]), int(all_e.track[i]), int(all_e.rows[i])
                b = int(all_e.actor[np.flatnonzero(lead & (all_e.rows == g) & (all_e.track == k))[0]])
                return (
                    f"{possessive(aname(r, a))} {noun} in the {tname(r, k)} did not count: "
                    f"{possessive(aname(r, b))} came first this turn."
                )

            e = e.sub(lead)
            e = Entries(e.rows, e.actor, e.target, e.region, e.track, e.slot, e.option)
            # The words are worked out only where news is kept (not in batches of simulated games).
            return e, lambda: ctx.say(all_e, dropped, mask=~lead)
    return e, lambda: None


def terms_words(rules: Rules, track: int, proposer: int, share: float) -> str:
    """Terms in words, e.g. 'terms 62–38 in the United States' favour'."""
    if abs(share - 0.5) < 0.025:
        return "even terms"
    side = proposer if share > 0.5 else int(other_of(rules, np.array([track]), np.array([proposer]))[0])
    hi = max(share, 1.0 - share)
    return f"terms {100 * hi:.0f}–{100 * (1 - hi):.0f} in {possessive(aname(rules, side))} favour"


def grid_propose(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_tracks)
    A = r.n_actors
    mark(c, ~static(r)["party"][None], Reason.NOT_A_PARTY)
    mark(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    mark(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    mark(c, s.progress[:, None, :] < act.p("min_progress"), Reason.TOO_EARLY)
    mark(c, s.offer[:, None, :] == np.arange(A)[None, :, None], Reason.OWN_OFFER)
    return c


def resolve_propose(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Bargaining with consent: the proposer puts terms on the table (the most
    the counterpart should accept, never beyond its own demand); the
    counterpart answers next turn: it accepts, counters, or lets it lapse."""
    r, s = ctx.rules, ctx.state
    e, say_dropped = _one_per_track(ctx, e, "proposal")
    x = offered(r, s, e.rows, e.track, e.actor)
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
            e, lambda i: f"{subj(r, e.actor[i], verb(i))} {what(i)}, on {on(i)}; {subj(r, c[i], 'answers')} next turn."
        )
        say_dropped()
        return
    # Predicted: the agreement, weighted by the chance the counterpart accepts.
    p = acceptance(r, s, e.rows, e.track, c, x)
    ok = p if ctx.mode == MEAN else (p >= 0.5 if ctx.mode == "worst" else p > 0.05)
    conclude(ctx, e, np.asarray(ok, np.float64), x)
    for i in range(len(e) if ctx.wants_notes else 0):
        g, k, cp = int(e.rows[i]), int(e.track[i]), int(c[i])
        answer = "is likely to accept" if p[i] >= 0.7 else "may accept" if p[i] >= 0.3 else "is likely to refuse"
        why = bargain_reasons(r, s, g, k, cp)
        ctx.note(
            e.sub(np.arange(len(e)) == i),
            f"{terms_words(r, k, int(e.actor[i]), float(x[i]))} as things stand (the terms are set after this "
            f"turn's military moves); {subj(r, cp, answer)} ({why})",
        )


def grid_accept(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_tracks)
    A = r.n_actors
    offer = s.offer[:, None, :]
    mark(c, ~static(r)["party"][None], Reason.NOT_A_PARTY)
    mark(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    mark(c, offer == np.arange(A)[None, :, None], Reason.OWN_OFFER)
    mark(c, offer < 0, Reason.NO_OFFER)
    return c


def resolve_accept(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """The counterpart accepts the terms on the table: the agreement is reached."""
    s = ctx.state
    e, say_dropped = _one_per_track(ctx, e, "acceptance")
    proposer = s.offer[e.rows, e.track]
    x = s.offer_terms[e.rows, e.track]
    # Only the other party's offer can be accepted: an actor that countered earlier this turn has replaced the
    # offer it was answering with its own, which the other party answers next turn.
    ok = (proposer >= 0) & (proposer != e.actor)
    if ctx.playing and ((proposer >= 0) & ~ok).any():
        void = e.sub((proposer >= 0) & ~ok)
        ctx.say(
            void,
            lambda i: (
                f"{subj(ctx.rules, void.actor[i], 'countered')} in the {tname(ctx.rules, void.track[i])}: "
                "its acceptance of the earlier offer no longer stands."
            ),
        )
    if not ok.all():
        e, proposer, x = e.sub(ok), proposer[ok], x[ok]
    if ctx.playing:
        s.offer[e.rows, e.track] = -1
    as_proposer = Entries(e.rows, proposer, e.target, e.region, e.track, e.slot, e.option, e.idx)
    conclude(ctx, as_proposer, np.ones(len(e)), x, by=e)
    say_dropped()


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
    on_terms = lambda i: terms_words(r, int(by.track[by.at(i)]), int(a1[by.at(i)]), float(s1[by.at(i)]))
    cause = lambda i: Cause(
        CauseKind.RULE,
        "agreement",
        f"{tname(r, by.track[by.at(i)])} agreed ({on_terms(i)})",
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
    wd = withdrawing_sides(r)[e.track]
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
        lambda i: f"Agreement reached in the {tname(r, by.track[by.at(i)])}, on {on_terms(i)}.",
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
        open_ = s.track_status[j, k] == TrackStatus.OPEN
        # The news lines, with the counterpart's reasons, only when they are kept (see Ctx.say). An occupier that
        # wins by staying refuses whatever the terms.
        if ctx.recording and ctx.playing:
            mg = margin(r, s, j, kk, answerer, s.offer_terms[j, k])
            refused = (mg < 0) | np.logical_and(*staying(r, s, j, kk, answerer))
        for i in range(len(j) if ctx.recording and ctx.playing else 0):
            if not open_[i]:
                continue
            g, a, b = int(j[i]), int(answerer[i]), int(proposer[i])
            if refused[i]:
                why = bargain_reasons(r, s, g, k, a)
                text = f"{subj(r, a, 'refuses')} {possessive(aname(r, b))} offer in the {tr.name}: {why}."
            else:
                text = f"{subj(r, a, 'lets')} {possessive(aname(r, b))} offer in the {tr.name} lapse."
            ctx.say(np.array([g]), text)
        if act is not None:
            c = lambda i, _p=proposer, _a=answerer: Cause(
                CauseKind.RULE,
                "refusal",
                f"{aname(r, _a[i])} did not accept {possessive(aname(r, _p[i]))} offer in the {tr.name}",
                int(_p[i]),
            )
            jo = j[open_]
            if len(jo):
                ctx.add("progress", jo, (np.full(len(jo), k),), -act.p("progress_failure"), c)
                ctx.add("leverage", jo, (proposer[open_],), act.p("leverage_failure"), c)
        if ctx.playing:
            s.offer[j, k] = -1
