"""Bargaining with consent: what each side demands, what it would settle for.

An agreement is never a dice roll. A party proposes terms; the counterpart
answers — it accepts (an order of its own, the next turn), lets the offer
lapse (a refusal), or counters with terms of its own. Terms are a share:
how much of what was at stake the proposer gets (0–1; 0.5 is an even split).

Each party of a track has

* a **demand**: the share it believes its position is worth — an even split,
  moved by the balance of leverage (its own and a part of its allies'), by
  the situation on the ground in the track's region (whose forces hold it,
  and who could take it), by what going on costs the other side, and by its
  resolve (a trait of its personality);
* a **reservation**: the least it would settle for — its demand, less what
  going on costs it (sanctions, force authorised against it, condemnation,
  losing on the ground, strikes suffered lately) and less what the talks
  have built (progress and trust). Pressure on one side also strengthens
  the other's demand; war costs do not, so force and losing ground open
  room for a deal that leverage alone never would.

A proposer asks for the most the counterpart should accept (one minus the
counterpart's reservation), but never more than its own demand nor less than
its own reservation: the stronger side gets the better terms. The counterpart
accepts terms that give it at least its reservation. The same valuation
drives the AI's answers and its proposals, and the reasons given in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from game.core.derived import neighbour_slots, occupied, other_of, parties, track_regions, withdrawing_sides
from game.core.spec import Rules, Topic, TrackStatus
from game.core.state import State
from game.core.stocks import sanctions_weight, support_at_end

FEW_GAMES = 8
"""A question about fewer games than 1/FEW_GAMES of the batch is answered for
those games alone, a larger one from a table of every game kept for the state."""


def _by_game(
    s: State, rows: np.ndarray, key: object, inputs: tuple[np.ndarray, ...], formula: Callable[..., np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """A table of ``formula`` (computed game by game from the per-game arrays
    ``inputs``) and the position of each of ``rows`` in it."""
    rows = np.asarray(rows)
    if rows.size * FEW_GAMES < s.batch:
        games, at = np.unique(rows, return_inverse=True)
        return formula(*(x[games] for x in inputs)), at.reshape(rows.shape)
    return s.derive(key, inputs, lambda: formula(*inputs)), rows


def effective_leverage(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Own leverage plus a share of allies' leverage (alliances share leverage)."""
    table, at = _by_game(s, rows, *_leverage(rules, s))
    return table[at, a]


def _leverage(rules: Rules, s: State) -> tuple[object, tuple[np.ndarray, ...], Callable[..., np.ndarray]]:
    """Effective leverage ``[B, A]``: its key, its inputs and its formula."""

    def formula(leverage: np.ndarray, allied: np.ndarray) -> np.ndarray:
        shared = (allied.astype(np.float64) * leverage[:, None, :]).sum(axis=2)  # allies of a, one by one
        return np.minimum(leverage + rules.p("alliance_leverage_share") * shared, 100.0)

    return ("effective_leverage", rules), (s.leverage, s.allied_matrix()), formula


def side_forces(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, region: np.ndarray) -> np.ndarray:
    """What ``a`` and its allies could bring to bear on the region: their
    forces there, a part of those next door and a part of their undeployed
    strength (reach)."""
    table, at = _by_game(s, rows, *_side(rules, s))
    return table[at, a, region]


def _side(rules: Rules, s: State) -> tuple[object, tuple[np.ndarray, ...], Callable[..., np.ndarray]]:
    """Each side's forces ``[B, A, R]`` (see :func:`side_forces`): key, inputs, formula."""

    def formula(forces: np.ndarray, strength: np.ndarray, peacekeepers: np.ndarray, allied: np.ndarray) -> np.ndarray:
        forces, peacekeepers = np.ascontiguousarray(forces), np.ascontiguousarray(peacekeepers)
        side = allied | np.eye(rules.n_actors, dtype=bool)[None]  # [B, A, A]: the actor and its allies
        # Each region's forces by actor, summed over a side's members in actor order.
        by_region = np.ascontiguousarray(np.swapaxes(forces, 1, 2))  # [B, R, A]
        here = (by_region[:, None, :, :] * side[:, :, None, :]).sum(axis=3)  # [B, A, R]
        pool = np.maximum(strength - forces.sum(axis=2) - peacekeepers.sum(axis=2), 0.0)
        reach = (pool[:, None, :] * side).sum(axis=2)  # [B, A]
        total = here + (rules.p("ground_reach") * reach)[:, :, None]
        # Forces next door, added neighbour by neighbour in each region's own order.
        near = np.zeros(here.shape)
        slots = neighbour_slots(rules)  # [R, D], -1 past a region's last neighbour
        for j in range(slots.shape[1]):
            h = slots[:, j]
            near = np.where(h >= 0, near + here[:, :, np.maximum(h, 0)], near)
        return total + rules.p("ground_neighbours") * near

    return ("side_forces", rules), (s.forces, s.strength, s.peacekeepers, s.allied_matrix()), formula


def ground(rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, a: np.ndarray) -> np.ndarray:
    """The situation on the ground for ``a`` in the track's region, −1..1:
    the balance of the two sides' forces there and next door, and who holds it."""
    reg = track_regions(rules)[track]
    has = reg >= 0
    g = np.maximum(reg, 0)
    b = other_of(rules, track, a)
    table, at = _by_game(s, rows, *_side(rules, s))
    mine, theirs = table[at, a, g], table[at, b, g]
    balance = (mine - theirs) / (mine + theirs + rules.p("ground_scale"))
    ctrl = s.control[rows, g]
    holds = np.where(ctrl == a, 1.0, np.where(ctrl == b, -1.0, 0.0))
    out = (1.0 - rules.p("ground_holding")) * balance + rules.p("ground_holding") * holds
    return np.where(has, out, 0.0)


def pressure(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    """What going on costs ``a``, as a share it would give up to end it."""
    return pressure_table(rules, s)[rows, a]


def pressure_table(rules: Rules, s: State) -> np.ndarray:
    """``[B, A]``: what going on costs each actor (see :func:`pressure`)."""

    def compute() -> np.ndarray:
        p = rules.p
        return (
            p("pressure_sanctions") * sanctions_weight(rules, s)
            + p("pressure_mandate") * s.mandate_force
            + p("pressure_condemned") * s.condemned
        )

    return s.derive(("pressure", rules), (s.sanctions, s.un_sanctions, s.mandate_force, s.condemned), compute)


def war_costs(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, a: np.ndarray, gr: np.ndarray | None = None
) -> np.ndarray:
    """What fighting on costs ``a`` in these talks (``gr``: its ground, if already known), as a share it would give
    up to end it: losing on the ground in the track's region, and the strikes it has suffered lately (one share per
    actor that struck it within the self-defence window, up to three). Unlike leverage and the ground, which move
    both sides' demands, these lower only the side that bears them: coercion opens room for a deal."""
    p = rules.p
    if gr is None:
        gr = ground(rules, s, rows, track, a)
    losing = np.maximum(-gr, 0.0)
    since = s.turn - int(p("self_defence_window"))
    struck = (s.last_strike[rows, :, a] >= since).sum(axis=1)  # last_strike[game, striker, target]
    return p("concession_ground") * losing + p("concession_struck") * np.minimum(struck, 3)


def resolve_of(rules: Rules) -> np.ndarray:
    return np.array([x.resolve for x in rules.actors], np.float64)


def demand(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, a: np.ndarray, gr: np.ndarray | None = None
) -> np.ndarray:
    """The share of the terms ``a`` believes its position is worth (``gr``: its ground, if already known)."""
    b = other_of(rules, track, a)
    table, at = _by_game(s, rows, *_leverage(rules, s))
    gap = (table[at, a] - table[at, b]) / 100.0
    if gr is None:
        gr = ground(rules, s, rows, track, a)
    d = 0.5 + rules.p("demand_leverage") * gap + rules.p("demand_ground") * gr + resolve_of(rules)[a]
    # What going on costs the other side strengthens one's hand.
    d = d + rules.p("demand_pressure") * pressure(rules, s, rows, b)
    return np.clip(d, 0.05, 0.95)


def reservation(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, a: np.ndarray, gr: np.ndarray | None = None
) -> np.ndarray:
    """The least share ``a`` would settle for now (``gr``: its ground, if already known)."""
    p = rules.p
    built = (
        p("concession_progress") * s.progress[rows, track] / 100.0
        + p("concession_trust") * (s.trust[rows, track] - 50.0) / 100.0
    )
    # An occupier that holds the ground expects more from waiting the stronger it is.
    reg = track_regions(rules)[track]
    wd = np.array([t.withdrawing for t in rules.tracks], np.int64)[track]
    holds = (wd == a) & (reg >= 0) & (s.control[rows, np.maximum(reg, 0)] == a)
    hold = np.where(
        holds, p("hold_premium") * np.maximum(effective_leverage(rules, s, rows, a) - 40.0, 0.0) / 60.0, 0.0
    )
    if gr is None:
        gr = ground(rules, s, rows, track, a)
    going_on = pressure(rules, s, rows, a) + war_costs(rules, s, rows, track, a, gr)
    return np.clip(demand(rules, s, rows, track, a, gr) - going_on - built + hold, 0.0, 1.0)


def offer_terms(rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, proposer: np.ndarray) -> np.ndarray:
    """The proposer's share in the terms it puts on the table."""
    return _offer_parts(rules, s, rows, track, proposer)[0]


def _offer_parts(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, proposer: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`offer_terms`, and how far apart the two sides stand (their reservations added up, less the whole)."""
    c = other_of(rules, track, proposer)
    # The ground is one balance seen from two sides: the counterpart's is the proposer's, negated.
    gr = ground(rules, s, rows, track, proposer)
    want = demand(rules, s, rows, track, proposer, gr)
    least = reservation(rules, s, rows, track, proposer, gr)
    theirs = reservation(rules, s, rows, track, c, -gr)
    return np.clip(1.0 - theirs, np.minimum(least, want), want), least + theirs - 1.0


BARGAIN_INPUTS = (
    "forces",
    "strength",
    "peacekeepers",
    "leverage",
    "control",
    "progress",
    "trust",
    "sanctions",
    "un_sanctions",
    "mandate_force",
    "condemned",
    "membership",
    "last_strike",
)
"""The arrays of the state the bargaining rules read (alliances through :meth:`State.allied_matrix`; the
turn is part of the key of their table too). A rule that reads another array must name it here (a test checks)."""


def offered(rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, proposer: np.ndarray) -> np.ndarray:
    """The proposer's share in the terms it puts on the table, as :func:`offer_terms`
    gives it; for the parties of the tracks in many games, read from a table of
    both parties' terms in every track of every game, kept for the state."""
    p1, p2 = parties(rules)
    first = proposer == p1[track]
    if np.size(rows) * FEW_GAMES < s.batch or not (first | (proposer == p2[track])).all():
        return offer_terms(rules, s, rows, track, proposer)
    return _offer_table(rules, s)[0][rows, track, np.where(first, 0, 1)]


def _offer_table(rules: Rules, s: State) -> tuple[np.ndarray, np.ndarray]:
    """``[B, T, 2]``: the terms each party of each track would offer in every game (first party, second party),
    and ``[B, T]``: how far apart the two parties stand (see :func:`gaps`); kept for the state."""
    p1, p2 = parties(rules)
    B, T = s.batch, rules.n_tracks

    def compute() -> tuple[np.ndarray, np.ndarray]:
        k = np.tile(np.repeat(np.arange(T), 2), B)
        who = np.where(np.tile([True, False], B * T), p1[k], p2[k])
        terms, gap = _offer_parts(rules, s, np.repeat(np.arange(B), 2 * T), k, who)
        return terms.reshape(B, T, 2), gap.reshape(B, T, 2)[:, :, 0]

    inputs = tuple(getattr(s, name) for name in BARGAIN_INPUTS) + (s.allied_matrix(),)
    return s.derive(("offer_terms", rules, s.turn), inputs, compute)


def gaps(rules: Rules, s: State) -> np.ndarray:
    """``[B, T]``: how far apart the two parties of each track stand in every game: their reservations added up,
    less the whole (the first party's ground seen from each side), as ``reservation`` gives them."""
    return _offer_table(rules, s)[1]


def margin(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, answerer: np.ndarray, terms: np.ndarray
) -> np.ndarray:
    """How much better than its reservation the terms are for the answerer
    (``terms``: the proposer's share). Accept when it is 0 or more."""
    return (1.0 - terms) - reservation(rules, s, rows, track, answerer)


def staying(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, a: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Whether ``a`` is the occupier in withdrawal talks (the side that would withdraw, holding the talks' region
    against its owner's will), and whether it wins by staying: its role's victory holds at the end of the game
    with the ground kept and its support at home carried forward (:func:`support_at_end`). Such an occupier signs
    no withdrawal; one whose clock is running out takes the terms its victory asks for."""
    wd = withdrawing_sides(rules)[track]
    reg = track_regions(rules)[track]
    g = np.maximum(reg, 0)
    occupier = (wd == a) & (reg >= 0)
    occupier &= (s.control[rows, g] == a) & occupied(rules, s)[rows, g]
    wins = np.zeros(len(rows), bool)
    if not occupier.any():
        return occupier, wins
    # A forecast: it leaves out what nobody can foresee (a protest, a strike), so an occupier can still be wrong.
    end = replace(s, turn=max(s.turn, rules.turn_limit + 1), support=support_at_end(rules, s))
    for actor in np.unique(a[occupier]):
        role = rules.role_of(int(actor))
        j = np.flatnonzero(occupier & (a == actor))
        if role is None:
            occupier[j] = False  # an actor without a role weighs no victory
            continue
        wins[j] = role.victory.evaluate(end, rows[j])
    return occupier, wins


def acceptance(
    rules: Rules, s: State, rows: np.ndarray, track: np.ndarray, answerer: np.ndarray, terms: np.ndarray
) -> np.ndarray:
    """The chance the answer is yes, as the proposer judges it: certain well
    inside the zone of agreement, a toss-up at its edge."""
    x = margin(rules, s, rows, track, answerer, terms) / rules.p("offer_uncertainty")
    p = np.clip(1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0))), 0.0, 1.0).round(9)
    occupier, stays = staying(rules, s, rows, track, answerer)
    return np.where(occupier & stays, 0.0, p)


def pending(s: State, rows: np.ndarray, track: np.ndarray) -> np.ndarray:
    """Whether a proposal is on the table in the track."""
    return (s.offer[rows, track] >= 0) & (s.track_status[rows, track] == TrackStatus.OPEN)


def topic_words(topic: Topic) -> str:
    return {
        Topic.CEASEFIRE: "a ceasefire",
        Topic.WITHDRAWAL: "a withdrawal",
        Topic.PEACE_ACCORD: "a peace accord",
        Topic.DEAL: "a deal",
    }[topic]


def reasons(rules: Rules, s: State, game: int, track: int, answerer: int) -> str:
    """Why ``answerer`` holds out for what it does, in words."""
    rows, tr, a = np.array([game]), np.array([track]), np.array([answerer])
    b = int(other_of(rules, tr, a)[0])
    la, lb = (
        float(effective_leverage(rules, s, rows, a)[0]),
        float(effective_leverage(rules, s, rows, np.array([b]))[0]),
    )
    words = []
    if abs(la - lb) >= 5:
        words.append(f"its leverage is {la:.0f} against {lb:.0f}")
    spec = rules.tracks[track]
    if spec.region >= 0:
        g = spec.region
        gr = float(ground(rules, s, rows, tr, a)[0])
        mine = float(s.forces[game, answerer, g])
        name = rules.regions[g].name
        if int(s.control[game, g]) == answerer and mine >= 1:
            words.append(f"it holds {name} with {mine:.0f} forces")
            if np.logical_and(*staying(rules, s, rows, tr, a))[0]:
                words.append("holding it to the end wins it the game and its people can bear the cost")
            elif spec.withdrawing == answerer and la > 40.0 and rules.p("hold_premium") > 0:
                words.append("it expects more from waiting")
        elif gr <= -0.3:
            words.append(f"the other side is stronger on the ground in {name}")
        elif gr >= 0.3:
            words.append(f"it is stronger on the ground in {name}")
    since = s.turn - int(rules.p("self_defence_window"))
    if rules.p("concession_struck") > 0 and (s.last_strike[game, :, answerer] >= since).any():
        words.append("the strikes against it are taking their toll")
    pr = float(pressure(rules, s, rows, a)[0])
    if pr >= 0.08:
        words.append("sanctions and the Council's measures weigh on it")
    elif pr < 0.02:
        words.append("nothing forces its hand")
    res = float(resolve_of(rules)[answerer])
    if res >= 0.05:
        words.append("it is in no mood to give ground")
    elif res <= -0.05:
        words.append("it is inclined to compromise")
    return ", ".join(words) or "the talks have not come far enough"
