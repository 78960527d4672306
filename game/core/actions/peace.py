"""Peace operations: peacekeeping, crisis response, humanitarian relief,
reconstruction (rules 3, 4, 5, 7).

Numbers each action reads from ``game/data/rules.yaml`` (a scenario may tune them):

* **peacekeeping**: ``size`` peacekeepers sent (needs ``min_available``
  forces available); ``reputation_mandated`` under a Council mandate, else
  ``reputation_consent``; ``stability`` at once, then the global
  ``peacekeeping_stability`` each turn they stay (region dynamics). Not into
  one's own region, ground held by an occupier (until a truce covers it) or a
  host below the global ``hostile_relations``.
* **crisis_response**: in time (within the global ``crisis_window`` turns of
  the crisis) ``leverage_in_time`` and ``stability_in_time``, else
  ``leverage_late`` and ``stability_late``; ``reputation``, ``need`` relieved;
  in time, talks about the region gain ``trust`` and inactive ones open.
* **humanitarian**: needs ``min_need`` in the region; without open access
  (an invitation, or a holder not hostile) it gets in with ``access_odds``;
  then ``need`` relieved, ``reputation``, ``stability``, and the owner's
  relations ``relations_owner``.
* **reconstruction**: ``progress`` of reconstruction (stability rises each
  turn and flare-ups become rarer), ``stability``, ``reputation``, the
  owner's relations ``relations_owner``.

Access for relief and crisis response is as for any operation (see
:class:`game.core.derived.Derived`).
"""

from __future__ import annotations

import numpy as np

from game.core.actions.common import acause, mark, new_grid, rname
from game.core.ctx import Ctx, Entries
from game.core.derived import Derived, available, invited, owners, static
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Rules, TrackStatus
from game.core.state import State


def grid_peacekeeping(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, static(r)["own"][None], Reason.OWN_REGION)
    mark(c, d.get("uninvited"), Reason.PARTY_TO_CRISIS)
    mark(c, s.peacekeepers > 0, Reason.ALREADY_PEACEKEEPING)
    truce = d.get("truce")[:, None, :]
    mark(c, d.get("occupied")[:, None, :] & ~truce, Reason.OCCUPIED)
    mark(c, ~(s.mandate_pk[:, None, :] | d.get("consent") | truce), Reason.NO_MANDATE_OR_CONSENT)
    mark(c, ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations")), Reason.HOSTILE_HOST)
    mark(c, d.get("available")[:, :, None] < act.p("min_available"), Reason.NO_FORCES_AVAILABLE)
    return c


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


def grid_crisis_response(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, ~s.crisis[:, None, :], Reason.NO_CRISIS)
    mark(c, s.responded, Reason.ALREADY_RESPONDED)
    mark(c, d.get("uninvited"), Reason.PARTY_TO_CRISIS)
    mark(c, ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations")), Reason.HOSTILE_HOST)
    mark(c, ~d.get("relief_access"), Reason.NO_ACCESS)
    return c


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
            + (f"in time ({after_crisis(int(age[i]))})" if in_time[i] else f"too late ({after_crisis(int(age[i]))})")
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


def grid_humanitarian(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, s.need[:, None, :] < act.p("min_need"), Reason.NO_NEED)
    mark(c, ~d.get("relief_access"), Reason.NO_ACCESS)
    return c


def resolve_humanitarian(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 4: humanitarian operations lower need and raise reputation and stability."""
    r, s = ctx.rules, ctx.state
    ctrl = s.control[e.rows, e.region]
    open_access = invited(r, s, e.rows, e.actor, e.region) | (
        s.relations[e.rows, np.maximum(ctrl, 0), e.actor] > r.p("hostile_relations")
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
    m = (owner != e.actor) & (owner >= 0)
    if m.any():
        sub = e.sub(m)
        ctx.add("relations", sub, (owner[m], sub.actor), ctx.pick(ok[m], act.p("relations_owner"), 0.0), cause)


def grid_reconstruction(r: Rules, s: State, act: ActionSpec, d: Derived) -> np.ndarray:
    c = new_grid(s, r.n_regions)
    mark(c, ~s.post_conflict[:, None, :], Reason.NOT_POST_CONFLICT)
    return c


def resolve_reconstruction(ctx: Ctx, act: ActionSpec, e: Entries) -> None:
    """Rule 7: reconstruction raises stability slowly and makes flare-ups less likely."""
    r = ctx.rules
    cause = acause(act, e, lambda i: f"reconstruction in {rname(r, e.region[i])}")
    ctx.add("reconstruction", e, (e.region,), act.p("progress"), cause)
    ctx.add("stability", e, (e.region,), act.p("stability"), cause)
    ctx.add("reputation", e, (e.actor,), act.p("reputation"), cause)
    owner = owners(r)[e.region]
    m = (owner != e.actor) & (owner >= 0)
    if m.any():
        sub = e.sub(m)
        ctx.add("relations", sub, (owner[m], sub.actor), act.p("relations_owner"), cause)
    ctx.note(e, "then stability rises each turn and flare-ups become rarer")


def after_crisis(age: int) -> str:
    """How long after a crisis began, in words: "the turn the crisis began", "1 turn after...", "3 turns after..."."""
    if age <= 0:
        return "the turn the crisis began"
    return f"{age} turn{'s' if age != 1 else ''} after the crisis began"
