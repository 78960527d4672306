"""The standard AI: utility over predicted effects, weighted by personality.

For every AI actor of every game in a batch, each turn:

1. a cheap *prior* ranks the actor's legal options (its personality's taste
   for the kind of action, how hostile or friendly it is to the target, how
   much a region needs help, its goals), and the best ``candidates`` are kept;
2. each candidate's effects are predicted by the engine's own resolvers in
   their expectation mode — the same code that plays the order, so the AI
   cannot misjudge a rule — from what the actor can see (fog of war);
3. the predicted changes are weighted by the personality and the actor's
   goals into a utility; ongoing effects (sanctions, peacekeepers,
   reconstruction) count over a short horizon;
4. orders are chosen greedily within the budget, best first, keeping only
   those worth their cost; near-equal choices are broken by a keyed draw.

Every decision is a function of the game alone (its state and seed), so a
game of a large batch decides exactly as it would alone. The policy also
gives its reasons in words for the debrief and the turn report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.ai.goals import Goals, goals_for
from game.ai.personality import WEIGHTS, Persona
from game.core.actions import REGISTRY
from game.core.bargain import gaps, ground, margin, offered, reservation, side_forces, staying
from game.core.conditions import FALSE, All, Compare, Condition, Mode, Op, map_leaves
from game.core.conditions import Any as AnyOf
from game.core.ctx import MEAN, Ctx, Entries
from game.core.derived import engagement
from game.core.legal import legality_grids, option_layout
from game.core.playout import option_table
from game.core.rng import Stream, stable, uniform
from game.core.spec import Kind, Resolution, Rules, Target, Topic, TrackStatus
from game.core.state import State

CUSTOM_PRIOR = 1.0
"""Prior relevance of a scenario's own actions aimed at nothing in particular."""
ROLE_SCORE_WEIGHT = 2.0
RIVAL_RELATIONS = -20.0
"""Relations below which the AI counts an actor a rival: its leverage and
strength falling, the Council's measures against it, are welcome (the
rules' ``hostile_relations``, lower, is where access and votes are denied)."""
INTEL_VALUE = 0.8
CAMPAIGN = 0.6
"""Share of a wanted region's control value credited per point of its occupier's forces destroyed."""
CAMPAIGN_MIN_FORCES = 10.0
CAMPAIGN_STAKE = 2.0
"""A campaign for ground the victory names weighs this many times more (it decides the game)."""
STOCK_REALISED = 0.7
"""Share of a change in a leverage baseline the AI counts on (leverage drifts towards it)."""
STAGING = 0.15
"""Utility per point of own forces next to, or in, a region the actor wants back from a hostile holder."""
DEFENCE = 0.6
"""Like CAMPAIGN, for the holder: what each point of its forces is worth in
ground it holds and wants to keep while hostile forces threaten it."""
URGENCY = 1.0
"""How much more a point of progress on talks the actor's victory needs is
worth by the last turn than on the first."""
TERMS_WEIGHT = 0.15
"""Utility per point of an agreement's terms above an even split, for a party."""
TERMS_GOAL = 30.0
"""Utility of an agreement whose terms meet (or miss) what the victory condition asks."""
ACCEPT_VALUE = 6.0
LOSING_GROUND = -0.2
"""Below this balance on the ground a party settles for terms its goals rule out."""
"""Utility of accepting terms at the actor's reservation (more for better terms)."""
GOAL_MARGIN = 10.0
GOAL_NEAR = 2.0
"""A value the victory condition needs above a threshold weighs GOAL_NEAR more
per point within GOAL_MARGIN of it (or below it)."""
GOAL_RELATIONS = 0.3
"""Weight per point of a relation (one actor's regard for another) that the victory condition names."""
POSITION = 2.0
"""Utility per point of the terms a party could get on talks whose terms its victory sets, while they fall short of
the threshold by less than POSITION_SPAN and before POSITION_LATE of the game has passed (late on, holding out for
position costs the agreement itself)."""
POSITION_SPAN = 12.0
POSITION_GUARD = 4.0
"""Forces (not leverage) keep weighing through the terms while these meet the threshold by less than this: sending
them away from the talks' region can lose what the talks give."""
POSITION_LATE = 0.7
MEDIATE_GOAL = 8.0
"""Utility of becoming the mediator of talks whose mediator the victory condition names."""
BLOCKER_UNIT = 16.0
"""Utility per unit by which an order raises a scenario's counter (a flag) while the counter alone keeps a recurring
event stalling talks the actor's victory needs: the event fires now and would not were the counter at its threshold
(a party that refuses until it has been made to pay enough)."""
ENGAGE_FLOOR = 0.35
"""Share of its value that progress in talks keeps while the other party has not engaged in them lately (opened,
negotiated, proposed or answered) and the two sides stand :data:`PROSPECT_SPAN` or more apart: pushing talks the
other side ignores builds little."""
PROSPECT_SPAN = 0.3
"""How far apart (the two reservations added up, less the whole) two sides may stand for talks the other side
ignores to keep some of their value; at no gap they keep it all."""
KEEP_FORCES_WEIGHT = 0.6
"""Utility per point of forces a victory condition wants kept in a region."""
CATASTROPHE_STAKE = 100.0
"""What a catastrophe (everyone loses) costs every actor, in utility."""
CATASTROPHE_RAMP = 25.0
"""The catastrophe is feared within this many points of tension below its
threshold, once the ladder somewhere is within two rungs of its top."""
SUPPORT_MARGIN = 20.0
SUPPORT_DANGER = 4.0
"""Support changes weigh up to 1 + SUPPORT_DANGER times more within SUPPORT_MARGIN of the floor."""
"""Utility of intelligence on an actor, per unit of hostility towards it (0–2)."""
"""Utility per point of a value, per point of weight it has in the role's score."""

_CLOSED = np.full(256, -np.inf, np.float32)
_CLOSED[0] = -0.0
"""What a cell's reason code adds to its score: -0.0 where it is open (x + -0.0 is x, to the bit), -inf elsewhere."""


def _open_only(codes: np.ndarray, score: np.ndarray) -> np.ndarray:
    """``np.where(codes == 0, score, -inf)`` (``score`` float32), read from a table of the reason codes: the same
    bits, without the branch per cell."""
    if codes.dtype != np.int8 or score.dtype != np.float32:
        return np.where(codes == 0, score, -np.inf)
    return score + np.take(_CLOSED, codes.view(np.uint8))


HOSTILE = {
    Kind.STRIKE: 1.0,
    Kind.SHOW_OF_FORCE: 0.8,
    Kind.CYBER: 0.8,
    Kind.ULTIMATUM: 0.8,
    Kind.SANCTIONS: 0.5,
    Kind.DEPLOY: 0.3,
    Kind.RESOLUTION: 0.3,
}
COOPERATIVE = {
    Kind.SUMMIT: 1.0,
    Kind.ALLIANCE: 0.5,
    Kind.MEDIATE: 1.0,
    Kind.NEGOTIATE: 1.0,
    Kind.OPEN_TALKS: 1.0,
    Kind.PROPOSE: 1.0,
    Kind.ACCEPT: 1.0,
    Kind.HUMANITARIAN: 1.0,
    Kind.PEACEKEEPING: 1.0,
    Kind.RECONSTRUCTION: 1.0,
    Kind.CRISIS_RESPONSE: 0.5,
    Kind.LIFT_SANCTIONS: 0.5,
}
LABEL = {
    "leverage": "leverage",
    "reputation": "reputation",
    "support": "support at home",
    "strength": "strength",
    "stability": "stability",
    "need": "need",
    "relations": "relations",
    "escalation": "escalation",
    "progress": "talks",
    "trust": "trust",
    "tension": "tension",
    "forces": "forces",
    "control": "control",
    "status": "agreement",
    "mandate_force": "mandate",
    "condemned": "condemnation",
    "un_sanctions": "Council sanctions",
    "sanctions": "sanctions",
    "peacekeepers": "peacekeeping",
    "reconstruction": "reconstruction",
    "mandate_pk": "peacekeeping mandate",
}


@dataclass
class Candidates:
    """Each AI actor's candidate orders in each game, with their values."""

    acts: np.ndarray  # [n] deciding actors
    grid: np.ndarray  # [B, n, C] choice score (with the keyed noise), -inf if not worth it
    gopt: np.ndarray  # [B, n, C] option index, -1 if none
    gcost: np.ndarray  # [B, n, C]
    gutil: np.ndarray  # [B, n, C] net utility, -inf if none
    budget: np.ndarray  # [B, n]
    util: np.ndarray  # per evaluated entry
    parts: list
    rows: np.ndarray  # per evaluated entry
    options: np.ndarray  # per evaluated entry


@dataclass
class Choice:
    """One AI order and why it was chosen."""

    actor: int
    option: int
    utility: float
    reason: str


class StandardPolicy:
    """Utility over predicted effects for any set of AI actors, for a batch."""

    name = "standard"

    def __init__(self, rules: Rules, personas: dict[int, Persona], candidates: int = 6) -> None:
        self.rules = rules
        self.personas = personas
        self.candidates = candidates
        self.min_prior = -0.5
        A = rules.n_actors
        self.goals: list[Goals] = [goals_for(rules, a) for a in range(A)]
        self.keys = list(WEIGHTS)
        self.W = np.zeros((A, len(self.keys)))
        self.aggression = np.zeros(A)
        self.caution = np.ones(A)
        self.temperature = np.zeros(A)
        self.price = np.zeros(A)
        self.mandate_trait = np.zeros(A)
        self.horizon = np.full(A, 4.0)
        for a, p in personas.items():
            self.W[a] = [p.w(k) for k in self.keys]
            self.aggression[a] = p.t("aggression")
            self.caution[a] = p.t("caution")
            self.temperature[a] = p.t("temperature")
            self.price[a] = p.t("pass_threshold")
            self.mandate_trait[a] = p.t("mandate")
            self.horizon[a] = p.t("horizon")
        self._memo: dict | None = None
        self._static()

    # ------------------------------------------------------------ set-up
    def w(self, key: str) -> np.ndarray:
        return self.W[:, self.keys.index(key)]

    def _static(self) -> None:
        r = self.rules
        A, R, T = r.n_actors, r.n_regions, r.n_tracks
        self.table = option_table(r)
        kinds = [a.kind for a in r.actions]
        self.opt_kind = (
            np.array([list(Kind).index(kinds[a]) for a in r.opt_action], np.int64)
            if len(r.options)
            else np.zeros(0, np.int64)
        )
        self.opt_hostile = np.array([HOSTILE.get(kinds[a], 0.0) for a in r.opt_action])
        self.opt_coop = np.array([COOPERATIVE.get(kinds[a], 0.0) for a in r.opt_action])
        for i, o in enumerate(r.options):
            act = r.actions[o.action]
            if act.kind == Kind.RESOLUTION and act.resolution == Resolution.PEACEKEEPING:
                self.opt_hostile[i], self.opt_coop[i] = 0.0, 0.7
        self.owner = np.array([g.owner for g in r.regions], np.int64)
        # Goal tables.
        self.goal_ctrl = np.full((A, R), -1, np.int64)
        self.track_w = np.zeros((A, T))
        self.agree_w = np.zeros((A, T))
        self.agree_goal = np.zeros((A, T), bool)
        self.goal_mandate = np.zeros((A, A), bool)
        self.mediate_goal = np.zeros((A, T), bool)
        # Extra weight per point for values named in goals: actor values [A, A], region values [A, R].
        self.goal_actor_w = {
            q: np.zeros((A, A)) for q in ("leverage", "reputation", "support", "strength", "readiness")
        }
        self.goal_region_w = np.zeros((A, R))
        # Relations the victory condition names ([me, x, y]: x's view of y), and the floor it sets.
        self.goal_rel_w = np.zeros((A, A, A))
        self.goal_rel_near = np.full((A, A, A), -np.inf)
        self.keep_forces_w = np.zeros((A, A, R))
        # Thresholds the victory condition sets on actor values: (quantity) -> [A, A] (nan: none).
        self.goal_floor = {q: np.full((A, A), np.nan) for q in self.goal_actor_w}
        self.victory_region = np.zeros((A, R), bool)
        self.deny = np.full((A, R), -1, np.int64)
        for a in range(A):
            g = self.goals[a]
            for reg, who in g.control.items():
                self.goal_ctrl[a, reg] = who
            for t in g.mandate:
                self.goal_mandate[a, t] = True
            for k in g.mediate:
                self.mediate_goal[a, k] = True
            for (x, reg), _ in g.keep_forces.items():
                self.keep_forces_w[a, x, reg] = KEEP_FORCES_WEIGHT
            for reg in g.victory_regions:
                self.victory_region[a, reg] = True
            for reg, who in g.deny.items():
                self.deny[a, reg] = who
            for (q, subj), v in g.raise_.items():
                if q in self.goal_floor and subj:
                    self.goal_floor[q][a, subj[0]] = v
            for sign, table in ((0.5, g.raise_), (-0.5, g.lower)):
                for (q, subj), v in table.items():
                    if q == "relations" and len(subj) == 2:
                        self.goal_rel_w[a, subj[0], subj[1]] += sign * GOAL_RELATIONS
                        if sign > 0:
                            self.goal_rel_near[a, subj[0], subj[1]] = v + GOAL_MARGIN
                    elif q in self.goal_actor_w and subj:
                        self.goal_actor_w[q][a, subj[0]] += sign
                    elif q == "stability" and subj:
                        self.goal_region_w[a, subj[0]] += sign
            for k, tr in enumerate(r.tracks):
                party = a in tr.parties
                base = self.w("progress")[a] if party else 0.0
                agree = self.w("agreement")[a] if party else 0.0
                if tr.topic == Topic.WITHDRAWAL and tr.withdrawing == a:
                    base, agree = -0.5 * base, -agree
                if k in g.agree:
                    base += 0.5
                    agree += 20.0
                    self.agree_goal[a, k] = True
                if k in g.avoid:
                    base = -abs(base) - 0.5
                    agree = -20.0
                self.track_w[a, k] = base
                self.agree_w[a, k] = agree
        self.has_floor = {q: bool(np.isfinite(v).any()) for q, v in self.goal_floor.items()}
        # Whom the actor is up against: the other party of its talks, whoever
        # holds (or would take) ground it wants. Pressure on anyone else buys nothing.
        self.opponent = np.zeros((A, A), bool)
        for tr in r.tracks:
            x, y = tr.parties
            self.opponent[x, y] = self.opponent[y, x] = True
        held_by = np.asarray(r.initial.control, np.int64)
        for a in range(A):
            for g in range(R):
                if self.goal_ctrl[a, g] >= 0 and held_by[g] >= 0 and held_by[g] != self.goal_ctrl[a, g]:
                    self.opponent[a, held_by[g]] = True
                if self.deny[a, g] >= 0:
                    self.opponent[a, self.deny[a, g]] = True
        np.fill_diagonal(self.opponent, False)
        self.blockers = self._blockers(r)
        self.party0 = np.array([t.parties[0] for t in r.tracks], np.int64)
        self.party1 = np.array([t.parties[1] for t in r.tracks], np.int64)
        self.terms_min = np.full((A, T), np.nan)
        self.terms_low = np.zeros((A, T), bool)
        for a in range(A):
            for k, (v, low) in self.goals[a].terms.items():
                self.terms_min[a, k], self.terms_low[a, k] = v, low
        self.position: list[tuple[int, int, int, float]] = []
        for a in range(A):
            for k, (v, low) in self.goals[a].terms.items():
                if a == self.party0[k] and not low:
                    self.position.append((a, k, int(self.party1[k]), v))
                elif a == self.party1[k] and low:
                    self.position.append((a, k, int(self.party0[k]), 100.0 - v))
        self.adjacent = np.zeros((R, R), bool)
        for g, reg in enumerate(r.regions):
            for h in reg.neighbours:
                self.adjacent[g, h] = self.adjacent[h, g] = True
        # Regions in or next to a region the actor wants to control (staging ground).
        self.staging = np.zeros((A, R))
        for a in range(A):
            for g in range(R):
                # Ground held already is staged in, not next to: forces sent next door leave it.
                reclaim = self.goal_ctrl[a, g] >= 0 and self.owner[g] != a
                if reclaim or g in self.goals[a].victory_regions:
                    self.staging[a, g] = 1.0
                if reclaim:
                    for h in r.regions[g].neighbours:
                        self.staging[a, h] = 1.0
        # A value is near its floor below this (-inf: no floor).
        self.goal_near = {
            q: np.where(np.isfinite(v), np.nan_to_num(v) + GOAL_MARGIN, -np.inf) for q, v in self.goal_floor.items()
        }
        # A role plays for its score: each score term weighs the value it names.
        for role in r.roles:
            a = role.actor
            if a not in self.personas:
                continue
            for term in role.score:
                ref, w = term.ref, ROLE_SCORE_WEIGHT * term.weight
                if not all(isinstance(x, int) for x in (ref.i, ref.j)):
                    continue
                if ref.quantity in self.goal_actor_w and int(ref.i) >= 0:
                    self.goal_actor_w[ref.quantity][a, int(ref.i)] += w
                elif ref.quantity == "stability" and int(ref.i) >= 0:
                    self.goal_region_w[a, int(ref.i)] += w
                elif ref.quantity == "progress" and int(ref.i) >= 0:
                    self.track_w[a, int(ref.i)] += w
                elif ref.quantity == "relations" and int(ref.i) >= 0 and int(ref.j) >= 0:
                    self.goal_rel_w[a, int(ref.i), int(ref.j)] += w
        # Static preference by kind, per option.
        actor = r.opt_actor
        self.pref = 0.5 * self.aggression[actor] * self.opt_hostile - 0.25 * self.aggression[actor] * self.opt_coop
        # Goal relevance of options (regions, tracks, targets named in goals).
        bonus = np.zeros(len(r.options))
        for i, o in enumerate(r.options):
            a = o.actor
            if o.region >= 0 and self.goal_ctrl[a, o.region] >= 0:
                bonus[i] += 0.7
            if o.track >= 0 and o.track in self.goals[a].agree:
                bonus[i] += 1.0
            if o.target >= 0 and self.goal_mandate[a, o.target]:
                bonus[i] += 1.0
        self.pref = self.pref + bonus
        # Per action: the option at each (actor, target) cell, and its static preference.
        self.actions_with_options = []
        self.opt_grid: dict[int, np.ndarray] = {}
        self.pref_grid: dict[int, np.ndarray] = {}
        for a_idx, (sel, flat, X) in option_layout(r).items():
            og = np.full(A * X, -1, np.int64)
            og[flat] = sel
            pg = np.full(A * X, -np.inf, np.float32)
            pg[flat] = self.pref[sel]
            self.opt_grid[a_idx] = og.reshape(A, X)
            self.pref_grid[a_idx] = pg.reshape(A, X)
            self.actions_with_options.append(a_idx)
        # The same as one table: the option of (actor, j-th action with options, target cell).
        width = max((g.shape[1] for g in self.opt_grid.values()), default=1)
        self.cand_table = np.full((A, len(self.actions_with_options), width), -1, np.int64)
        for j, a_idx in enumerate(self.actions_with_options):
            self.cand_table[:, j, : self.opt_grid[a_idx].shape[1]] = self.opt_grid[a_idx]
        # Per actor value, what a point of it weighs to an actor ([me, subject]): its own, a rival's (while relations
        # are below RIVAL_RELATIONS), an ally's (a share of its own weight).
        mine = np.eye(A, dtype=bool)
        self.own_w: dict[str, np.ndarray] = {}
        self.rival_w: dict[str, np.ndarray] = {}
        self.ally_w: dict[str, np.ndarray] = {}
        for q in self.goal_actor_w:
            base = np.full(A, 0.03) if q == "readiness" else self.w(q)
            self.own_w[q] = np.where(mine, base[:, None], 0.0)
            if q in ("leverage", "strength"):
                self.rival_w[q] = np.where(mine, 0.0, self.w("rival_" + q)[:, None])
            elif q == "reputation":
                self.rival_w[q] = np.where(mine, 0.0, (0.5 * self.w("rival_leverage"))[:, None])
            self.ally_w[q] = np.where(mine, 0.0, (self.w("ally_share") * base)[:, None])
        # What a point of x's regard for y weighs to an actor ([me, x, y]): its own weight where it is the one
        # regarded, and what its victory says of that regard.
        me_, y_ = np.arange(A)[:, None, None], np.arange(A)[None, None, :]
        self.rel_w = np.where(y_ == me_, self.w("relations")[:, None, None], 0.0) + self.goal_rel_w
        self.rel_floors = bool(np.isfinite(self.goal_rel_near).any())

    # ------------------------------------------------------------ prior
    def _blockers(self, r: Rules) -> list[tuple[int, int, Condition, Condition]]:
        """Recurring events that set back talks an actor's victory needs (and none of it rules out) while a counter
        (a flag) stays below a threshold: (actor, flag, trigger, the trigger with that leaf false). The leaf may sit
        in the trigger's conjunction or in a disjunction inside it."""
        out = []
        for ev in r.events:
            if ev.once or ev.inject:
                continue
            stalls = {
                int(e.ref.i)
                for e in ev.effects
                if e.ref.quantity == "progress" and e.mode == Mode.ADD and e.amount < 0 and isinstance(e.ref.i, int)
            }
            top = ev.trigger.items if isinstance(ev.trigger, All) else (ev.trigger,)
            leaves = [x for c in top for x in (c.items if isinstance(c, AnyOf) else (c,))]
            for c in leaves:
                if not (isinstance(c, Compare) and c.ref.quantity == "flag" and c.op in (Op.LT, Op.LE)):
                    continue
                without = map_leaves(ev.trigger, lambda x, leaf=c: FALSE if x is leaf else x)
                for a in range(r.n_actors):
                    if any(self.agree_goal[a, k] and self.agree_w[a, k] > 0 for k in stalls):
                        out.append((a, int(c.ref.i), ev.trigger, without))
        return out

    def _blocking(self, s: State, b: np.ndarray, me: np.ndarray, flag: np.ndarray) -> np.ndarray:
        """BLOCKER_UNIT where raising ``flag`` is what would end a stall in talks the actor's victory needs: a
        recurring event fires now and would not were the counter at its threshold."""
        out = np.zeros(len(b))
        for a, f, trigger, without in self.blockers:
            m = (me == a) & (flag == f)
            if not m.any():
                continue
            rows = b[m]
            live = trigger.evaluate(s, rows) & ~without.evaluate(s, rows)
            out[m] = np.maximum(out[m], np.where(live, BLOCKER_UNIT, 0.0))
        return out

    def relevance(self, s: State) -> dict[int, np.ndarray]:
        """Per action, ``[B, A, X]`` (or an array broadcasting to it): how
        relevant each target is to each actor now."""
        r = self.rules
        B = s.batch
        out: dict[int, np.ndarray] = {}
        rel = s.relations  # [B, A, A] actor's view of target
        hostility = np.clip(-rel / 50.0, 0.0, 2.0)
        friendly = np.clip(rel / 50.0, 0.0, 2.0)
        A, R = r.n_actors, r.n_regions
        ctrl = np.broadcast_to(s.control[:, None, :], (B, A, R))
        # A region nobody holds (international waters) has no holder to be hostile to.
        # (Read through flat positions of (game, actor, holder): the values take_along_axis reads, faster.)
        at = (np.arange(B)[:, None, None] * A + np.arange(A)[None, :, None]) * A + np.maximum(ctrl, 0)
        ctrl_h = np.where(ctrl >= 0, hostility.reshape(-1)[at], 0.0)  # [B, A, R]
        mine = ctrl == np.arange(A)[None, :, None]
        distress = np.clip((s.need + np.maximum(50.0 - s.stability, 0.0)) / 50.0, 0.0, 2.0)[:, None, :]
        # Hostile forces in a region threaten it. Summed with the games on the
        # last axis ([A, R, B]): fast loops even with few actors and regions.
        hostile = np.ascontiguousarray(np.transpose(rel < self.rules.p("hostile_relations"), (2, 1, 0)))  # [O, A, B]
        forces = np.ascontiguousarray(np.transpose(s.forces, (1, 2, 0)))  # [O, R, B]
        threat_t = np.zeros((A, R, B))
        for o in range(A):
            threat_t += hostile[o][:, None, :] * forces[o][None, :, :] / 20.0
        # Hostile forces next door threaten a region too (half as much).
        near = threat_t.copy()
        for g in range(R):
            for h in self.rules.regions[g].neighbours:
                threat_t[:, g] += 0.5 * near[:, h]
        threat = np.minimum(np.transpose(threat_t, (2, 0, 1)), 2.0)  # [B, A, R]
        talk = 1.0 + s.progress[:, None, :] / 100.0
        # Grids shared by several actions are converted once; grids the same for
        # every actor keep their actor axis of 1 (they broadcast).
        f32: dict[int, tuple[np.ndarray, np.ndarray]] = {}

        def single(grid: np.ndarray) -> np.ndarray:
            if id(grid) not in f32:
                f32[id(grid)] = (grid, np.asarray(grid, np.float32))
            return f32[id(grid)][1]

        for a_idx in self.actions_with_options:
            act = r.actions[a_idx]
            k = act.kind
            if act.target == Target.ACTOR:
                if k in (Kind.SUMMIT, Kind.ALLIANCE, Kind.LIFT_SANCTIONS):
                    grid = friendly
                else:
                    grid = 0.5 * hostility if k == Kind.INTELLIGENCE else hostility
                if k == Kind.SUMMIT:
                    since = s.turn - np.maximum(s.last_summit, np.swapaxes(s.last_summit, 1, 2))
                    fresh = np.clip(since / r.actions[a_idx].p("cooldown"), 0.0, 1.0)
                    grid = (0.4 + 0.5 * friendly + 0.3 * hostility) * fresh
            elif act.target == Target.REGION:
                if k == Kind.STRIKE:
                    grid = np.where(mine, -2.0, ctrl_h)
                elif k == Kind.DEPLOY:
                    grid = np.where(
                        mine | (self.owner[None, None, :] == np.arange(A)[None, :, None]), threat, 0.5 * ctrl_h
                    )
                elif k == Kind.WITHDRAW:
                    grid = np.full((1, 1, R), 0.2)
                else:
                    grid = distress
            elif act.target == Target.TRACK:
                grid = np.full((1, 1, 1), 3.0) if k == Kind.ACCEPT else talk
            else:
                # Leaving an alliance is rarely worth a look; a scenario's own
                # actions always are (their effects decide).
                grid = np.full((1, 1, 1), CUSTOM_PRIOR if k == Kind.CUSTOM else -1.0)
            out[a_idx] = single(grid)
        return out

    def repeat(
        self,
        s: State,
        actor: int,
        a_idx: int,
        grids: dict[int, np.ndarray] | None = None,
        relevance: np.ndarray | None = None,
    ) -> np.ndarray:
        """Orders ``[B, A, K]`` giving ``actor`` as many orders of one action as
        the order slots and its budget allow, targets ranked by the prior
        (the balance gate's ``repeat:ACTION`` probe). ``relevance`` is the
        action's prior in ``s`` (``relevance(s)[a_idx]``) if already known."""
        r = self.rules
        B, A, K = s.batch, r.n_actors, r.max_orders
        orders = np.full((B, A, K), -1, np.int64)
        cost = r.actions[a_idx].cost
        n = (
            np.minimum(K, np.floor((s.budget[:, actor] + 1e-9) / max(cost, 1e-9)).astype(np.int64))
            if cost > 0
            else np.full(B, K)
        )
        ranked = self.ranked(s, actor, a_idx, grids, relevance)[:, :K]
        for k in range(ranked.shape[1]):
            orders[:, actor, k] = np.where(k < n, ranked[:, k], -1)
        return orders

    def ranked(
        self,
        s: State,
        actor: int,
        a_idx: int,
        grids: dict[int, np.ndarray] | None = None,
        relevance: np.ndarray | None = None,
    ) -> np.ndarray:
        """``[B, X]``: per game, the legal options of ``actor`` for one action, best first by the prior
        (-1 past the last). ``relevance`` is the action's prior in ``s`` if already known."""
        r = self.rules
        if a_idx not in self.opt_grid or (self.opt_grid[a_idx][actor] < 0).all():
            return np.full((s.batch, 1), -1, np.int64)
        if grids is None:
            grids = legality_grids(r, s)
        if relevance is None:
            relevance = self.relevance(s)[a_idx]
        rel = np.broadcast_to(relevance, grids[a_idx].shape)[:, actor]
        score = np.where(grids[a_idx][:, actor] == 0, rel + self.pref_grid[a_idx][actor], -np.inf)
        score[s.over] = -np.inf
        order = np.argsort(-score, axis=1, kind="stable")
        legal = np.isfinite(np.take_along_axis(score, order, axis=1))
        return np.where(legal, self.opt_grid[a_idx][actor][order], -1)

    # ------------------------------------------------------------ decision
    def decide(
        self,
        s: State,
        actors: list[int] | np.ndarray,
        grids: dict[int, np.ndarray] | None = None,
        explain: bool = False,
        budget_bonus: np.ndarray | None = None,
        skip: np.ndarray | None = None,
        relevance: dict[int, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, list[list[Choice]]]:
        """Orders ``[B, A, K]`` for the given actors (others: none), and for
        each game the chosen orders with their reasons (when ``explain``).
        ``skip`` ``[B, A]`` marks actors that give no orders in a game (their
        orders come from elsewhere): nothing is weighed for them there.
        ``relevance`` is :meth:`relevance` of ``s``, if already known."""
        r = self.rules
        B, A, K = s.batch, r.n_actors, r.max_orders
        cands = self.candidates_for(s, actors, grids, explain, budget_bonus, skip, relevance)
        if cands is None:
            return np.full((B, A, K), -1, np.int64), [[] for _ in range(B)]
        orders = self.choose(cands)
        return orders, self.explain(cands, orders) if explain else [[] for _ in range(B)]

    def candidates_for(
        self,
        s: State,
        actors: list[int] | np.ndarray,
        grids: dict[int, np.ndarray] | None = None,
        explain: bool = False,
        budget_bonus: np.ndarray | None = None,
        skip: np.ndarray | None = None,
        relevance: dict[int, np.ndarray] | None = None,
    ) -> "Candidates | None":
        """The candidate orders of each actor with their utilities."""
        with s.read_only():
            return self._candidates_for(s, actors, grids, explain, budget_bonus, skip, relevance)

    def _candidates_for(
        self,
        s: State,
        actors: list[int] | np.ndarray,
        grids: dict[int, np.ndarray] | None,
        explain: bool,
        budget_bonus: np.ndarray | None,
        skip: np.ndarray | None,
        relevance: dict[int, np.ndarray] | None,
    ) -> "Candidates | None":
        r = self.rules
        B, A = s.batch, r.n_actors
        acts = np.array([a for a in actors if a in self.personas and not self.personas[a].passive], np.int64)
        if len(acts) == 0 or not self.actions_with_options:
            return None
        if grids is None:
            grids = legality_grids(r, s)
        budget = s.budget if budget_bonus is None else s.budget + budget_bonus[None, :]
        rel = self.relevance(s) if relevance is None else relevance
        NA = len(self.actions_with_options)
        # Per action, each actor's best target by the prior among the legal ones (its
        # cell in the action's grid) and its score, -inf if the action is beyond the budget.
        # (Kept action-major, [NA, B, A], while they are filled in one action at a time.)
        cand_x = np.empty((NA, B, A), np.int64)
        cand_score = np.empty((NA, B, A), np.float32)
        room = budget + 1e-9
        for j, a_idx in enumerate(self.actions_with_options):
            if not (grids[a_idx] == 0).any():
                # Closed to every actor in every game: no target scores (the first cell, -inf, as argmax would give).
                cand_x[j], cand_score[j] = 0, -np.inf
                continue
            score = _open_only(grids[a_idx], rel[a_idx] + self.pref_grid[a_idx])
            X = score.shape[2]
            best = score.argmax(axis=2)
            top = score.reshape(-1)[best.reshape(-1) + X * np.arange(B * A)].reshape(B, A)
            cand_score[j] = np.where(r.actions[a_idx].cost <= room, top, -np.inf)
            cand_x[j] = best
        cand_score[:, s.over] = -np.inf
        if skip is not None:
            cand_score[:, skip] = -np.inf
        cs = np.ascontiguousarray(np.moveaxis(cand_score[:, :, acts], 0, 2))  # [B, n, NA]
        C = min(self.candidates, NA)
        cand = (
            np.argpartition(-cs, C - 1, axis=2)[:, :, :C]
            if C < NA
            else np.broadcast_to(np.arange(NA)[None, None, :], cs.shape)
        )
        # Options the prior finds irrelevant (negative) are not worth predicting.
        n_acts = len(acts)
        ok = cs.reshape(-1)[cand + (NA * np.arange(B * n_acts)).reshape(B, n_acts, 1)] > self.min_prior  # [B, n, C]
        b_i, n_i, c_i = np.nonzero(ok)
        j_i = cand[b_i, n_i, c_i]
        # Group the entries by action (a radix sort on small keys) for the evaluation.
        by_action = np.argsort(j_i.astype(np.int16), kind="stable")
        b_i, n_i, c_i, j_i = b_i[by_action], n_i[by_action], c_i[by_action], j_i[by_action]
        a_i = acts[n_i]
        opt = self.cand_table[a_i, j_i, cand_x[j_i, b_i, a_i]]
        util, parts = self.evaluate(s, b_i, opt, explain, grouped=True) if len(b_i) else (np.zeros(0), [])
        # Consent: accept the terms on the table when they are worth at least the
        # actor's reservation (the valuation its own proposals are built on).
        kind = self.opt_kind[opt]  # each candidate's kind, target and cost, read once
        target, cost = r.opt_target[opt], r.opt_cost[opt]
        is_accept = kind == list(Kind).index(Kind.ACCEPT)
        if is_accept.any():
            j = np.flatnonzero(is_accept)
            b, a, k = b_i[j], a_i[j], np.maximum(r.opt_track[opt[j]], 0)
            terms = s.offer_terms[b, k]
            mg = margin(r, s, b, k, a, terms)
            # Terms its victory condition rules out are accepted only when
            # going on looks worse: it is losing on the ground.
            share = np.where(self.party0[k] == a, terms, 1.0 - terms)
            p0 = 100.0 * np.where(self.party0[k] == s.offer[b, k], terms, 1.0 - terms)
            thr, low = self.terms_min[a, k], self.terms_low[a, k]
            meets = ~np.isfinite(thr) | np.where(low, p0 <= np.nan_to_num(thr), p0 >= np.nan_to_num(thr))
            losing = ground(r, s, b, k, a) <= LOSING_GROUND
            # An occupier that wins by staying keeps the ground; one whose clock is running out takes terms its
            # victory asks for even below what it held out for (waiting will not bring it more).
            occupier, stays = staying(r, s, b, k, a)
            ok = ((mg >= 0.0) | (occupier & ~stays & meets)) & (meets | losing) & ~(occupier & stays)
            util = util.copy()
            util[j] = np.where(ok, np.maximum(util[j], 0.0) + ACCEPT_VALUE + 20.0 * mg + 0.0 * share, -np.inf)
        # A proposal the counterpart's goals rule out is refused while it holds its ground.
        is_propose = kind == list(Kind).index(Kind.PROPOSE)
        if is_propose.any():
            j = np.flatnonzero(is_propose)
            b, a, k = b_i[j], a_i[j], np.maximum(r.opt_track[opt[j]], 0)
            other = np.where(self.party0[k] == a, self.party1[k], self.party0[k])
            x = offered(r, s, b, k, a)
            p0 = 100.0 * np.where(self.party0[k] == a, x, 1.0 - x)
            thr, low = self.terms_min[other, k], self.terms_low[other, k]
            meets = ~np.isfinite(thr) | np.where(low, p0 <= np.nan_to_num(thr), p0 >= np.nan_to_num(thr))
            holds_out = ~meets & (ground(r, s, b, k, other) > LOSING_GROUND)
            # Nobody proposes a withdrawal to an occupier that wins by staying, nor does the occupier itself.
            holds_out |= np.logical_and(*staying(r, s, b, k, other))
            holds_out |= np.logical_and(*staying(r, s, b, k, a))
            util = util.copy()
            util[j] = np.where(holds_out, np.minimum(util[j], 0.0), util[j])
        # Traits: taste for hostile action, caution near the top of the ladder, price of an action point.
        me = a_i
        kind_h = self.opt_hostile[opt]
        util = util + self.aggression[me] * kind_h
        tgt = np.maximum(target, 0)
        towards = (b_i * A + me) * A + tgt  # flat position of (game, actor, target) in [B, A, A] values
        esc = np.where(target >= 0, s.escalation.reshape(-1)[towards], 0.0)
        danger = (esc >= 3.0) & (s.tension[b_i] >= 70.0) & (kind_h > 0)
        util = util - np.where(danger, 10.0 * self.caution[me] * (esc - 2.0), 0.0)
        # Intelligence is worth what it reveals about a rival.
        is_intel = kind == list(Kind).index(Kind.INTELLIGENCE)
        if is_intel.any():
            hostility = np.clip(-s.relations.reshape(-1)[towards] / 50.0, 0.0, 2.0)
            # Only about those it is up against: watching anyone else buys nothing.
            hostility = hostility * self.opponent[me, tgt]
            util = util + np.where(is_intel, INTEL_VALUE * hostility, 0.0)
        # Coercion: a strike that adds to what fighting on costs the other party of talks the actor needs.
        is_strike = kind == list(Kind).index(Kind.STRIKE)
        if is_strike.any() and self.agree_goal.any():
            util = util + np.where(is_strike, self._coercion(s, b_i, me, opt, is_strike), 0.0)
        net = util - self.price[me] * cost
        noise = stable(
            -np.log(-np.log(np.clip(uniform(s.seed[b_i], s.turn, int(Stream.AI), me, opt, 7), 1e-12, 1 - 1e-12)))
        )
        score = net + self.temperature[me] * noise
        shape = (B, len(acts), C)
        cell = (b_i * len(acts) + n_i) * C + c_i  # flat position in the [B, n, C] grids
        grid = np.full(shape, -np.inf)
        np.put(grid, cell, np.where(net > 0, score, -np.inf))
        gopt = np.full(shape, -1, np.int64)
        np.put(gopt, cell, opt)
        gcost = np.zeros(shape)
        np.put(gcost, cell, cost)
        gutil = np.full(shape, -np.inf)
        np.put(gutil, cell, net)
        return Candidates(acts, grid, gopt, gcost, gutil, budget[:, acts].astype(np.float64), util, parts, b_i, opt)

    def choose(self, c: "Candidates", forced: np.ndarray | None = None) -> np.ndarray:
        """Greedy orders within the budget, best score first. ``forced``
        ``[B, n]`` names a candidate to order first (-1: none; -2: order nothing)."""
        r = self.rules
        B, n, C = c.grid.shape
        K = r.max_orders
        orders = np.full((B, r.n_actors, K), -1, np.int64)
        grid = c.grid.copy()
        left = c.budget.copy()
        k0 = 0
        if forced is not None:
            none = forced == -2
            grid[none] = -np.inf
            f = forced >= 0
            if f.any():
                fi = np.maximum(forced, 0)
                fo = np.take_along_axis(c.gopt, fi[:, :, None], axis=2)[:, :, 0]
                fc = np.take_along_axis(c.gcost, fi[:, :, None], axis=2)[:, :, 0]
                ok = f & (fo >= 0) & (fc <= left + 1e-9)
                orders[:, c.acts, 0] = np.where(ok, fo, -1)
                left -= np.where(ok, fc, 0.0)
                np.put_along_axis(
                    grid,
                    fi[:, :, None],
                    np.where(ok[:, :, None], -np.inf, np.take_along_axis(grid, fi[:, :, None], axis=2)),
                    axis=2,
                )
                k0 = 1
                if not ok.all():
                    # Where the forced order was impossible, choose greedily from slot 0.
                    k0 = 0
                    start = np.where(ok, 1, 0)
                    return self._fill(c, grid, left, orders, start)
        return self._fill(c, grid, left, orders, np.full((B, n), k0))

    def _no_counter_to_accepted(self, orders: np.ndarray) -> np.ndarray:
        """An actor that accepts the offer on a track does not also counter it: the counter would replace the
        offer it accepts."""
        r = self.rules
        acc, prop = list(Kind).index(Kind.ACCEPT), list(Kind).index(Kind.PROPOSE)
        safe = np.maximum(orders, 0)
        kind = np.where(orders >= 0, self.opt_kind[safe], -1)
        track = r.opt_track[safe]
        K = orders.shape[2]
        for i in range(K):
            for j in range(K):
                clash = (kind[:, :, i] == acc) & (kind[:, :, j] == prop) & (track[:, :, i] == track[:, :, j])
                if clash.any():
                    orders[:, :, j][clash] = -1
        return orders

    def _fill(
        self, c: "Candidates", grid: np.ndarray, left: np.ndarray, orders: np.ndarray, start: np.ndarray
    ) -> np.ndarray:
        K = self.rules.max_orders
        B, n, C = grid.shape
        row = C * np.arange(B * n).reshape(B, n)  # flat position of each actor's first candidate
        slot = start.copy()
        for _ in range(K):
            allowed = np.where(c.gcost <= left[:, :, None] + 1e-9, grid, -np.inf)
            at = row + allowed.argmax(axis=2)
            has = np.isfinite(np.take(allowed, at)) & (slot < K)
            chosen = np.where(has, np.take(c.gopt, at), -1)
            b_i, n_i = np.nonzero(has)
            orders[b_i, c.acts[n_i], slot[b_i, n_i]] = chosen[b_i, n_i]
            slot += has
            left -= np.where(has, np.take(c.gcost, at), 0.0)
            np.put(grid, at, np.where(has, -np.inf, np.take(grid, at)))
        return self._no_counter_to_accepted(orders)

    def explain(self, c: "Candidates", orders: np.ndarray) -> list[list[Choice]]:
        B = orders.shape[0]
        out: list[list[Choice]] = [[] for _ in range(B)]
        pos = {(int(b), int(o)): j for j, (b, o) in enumerate(zip(c.rows, c.options))}
        for b in range(B):
            for a in c.acts:
                for o in orders[b, a]:
                    if o < 0:
                        continue
                    j = pos.get((b, int(o)))
                    if j is not None:
                        out[b].append(
                            Choice(int(a), int(o), float(c.util[j]), self._reason(int(a), int(o), j, c.parts))
                        )
        return out

    # ------------------------------------------------------------ evaluation
    def evaluate(
        self, s: State, rows: np.ndarray, options: np.ndarray, explain: bool = False, grouped: bool = False
    ) -> tuple[np.ndarray, list[tuple[np.ndarray, str, np.ndarray, np.ndarray]]]:
        """Utility of each (game, option) for the option's actor, from the
        engine's predicted (expected) effects. ``grouped``: the options are
        already ordered by action."""
        self._memo = {}
        try:
            with s.read_only():
                return self._evaluate(s, rows, options, explain, grouped)
        finally:
            self._memo = None

    def _per_game(self, key: object, compute: Callable[[], np.ndarray]) -> np.ndarray:
        """A table of the state being weighed, worked out once per evaluation (the state does not change while
        its options are weighed): ``compute`` gives it for every game of the batch."""
        if self._memo is None:
            return compute()
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def _evaluate(
        self, s: State, rows: np.ndarray, options: np.ndarray, explain: bool, grouped: bool
    ) -> tuple[np.ndarray, list[tuple[np.ndarray, str, np.ndarray, np.ndarray]]]:
        r = self.rules
        n = len(options)
        util = np.zeros(n)
        ctx = Ctx(r, s, None, MEAN, wants_notes=False)
        by_q: dict[tuple[str, bool], list[tuple]] = defaultdict(list)
        acts = r.opt_action[options]
        order = np.arange(n) if grouped else np.argsort(acts, kind="stable")
        bounds = np.r_[0, np.nonzero(np.diff(acts[order]))[0] + 1, n]
        for lo, hi in zip(bounds[:-1], bounds[1:]):
            idx = order[lo:hi]
            act = r.actions[int(acts[idx[0]])]
            e = Entries.for_options(r, rows[idx], options[idx])
            ctx.records.clear()
            REGISTRY[act.kind].resolve(ctx, act, e)
            for rec in ctx.records:
                # Values added to and values set are weighed differently: keep them apart.
                by_q[(rec.quantity, rec.value is not None)].append(
                    (tuple(x for x in rec.subject), rec.delta, idx[rec.entry], rec.value, rec.chance)
                )
        parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]] = []
        me_all = r.opt_actor[options]
        for (q, _), items in by_q.items():
            ent = np.concatenate([it[2] for it in items])
            d = np.concatenate([it[1] for it in items])
            subj = tuple(np.concatenate([it[0][k] for it in items]) for k in range(len(items[0][0])))
            val = np.concatenate([it[3] for it in items]) if items[0][3] is not None else None
            ch = np.concatenate([it[4] for it in items]) if items[0][4] is not None else None
            if val is None and not explain:
                # A value added to weighs its weight times the change: no change adds nothing to a utility (a sum
                # that starts at +0.0 is the same to the bit without its zero terms).
                moved = d != 0.0
                if not moved.all():
                    keep = np.flatnonzero(moved)
                    ent, d, subj = ent[keep], d[keep], tuple(x[keep] for x in subj)
            me = me_all[ent]
            b = rows[ent]
            contrib = self._contribution(s, q, subj, d, val, ch, me, b)
            if contrib is None:
                continue
            if len(ent):
                # Each entry's changes summed in order, over the span of entries that have any (an entry without
                # one would add +0.0, which leaves its utility as it is).
                lo, hi = int(ent.min()), int(ent.max()) + 1
                util[lo:hi] += np.bincount(ent - lo, contrib, minlength=hi - lo)
            if explain:
                parts.append((ent, q, contrib, d))
        return util, parts

    def _threat(self, s: State, b: np.ndarray, me: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Forces in a region and (in part) next door of hostile actors whose
        goals take that region from ``me``."""
        n = len(b)
        want = self.goal_ctrl[:, g].T  # [n, A]: whom each actor wants holding g
        covet = ((want >= 0) & (want != me[:, None])) | (self.deny[:, g].T == me[:, None])
        hostile = (s.relations[b, me, :] < self.rules.p("hostile_relations")) & covet  # [n, A]
        hostile[np.arange(n), me] = False
        here = (s.forces[b, :, g] * hostile).sum(axis=1)
        near = np.zeros(n)
        for h in range(self.rules.n_regions):
            j = np.flatnonzero(self.adjacent[g, h])
            if len(j):
                near[j] += (s.forces[b[j], :, h] * hostile[j]).sum(axis=1)
        return here + 0.6 * near

    def _position(self, s: State, b: np.ndarray, me: np.ndarray, q: str, subj: tuple[np.ndarray, ...]) -> np.ndarray:
        """Utility per point of leverage (``q`` "leverage", of ``subj[0]``) or of forces (of ``subj[0]`` in region
        ``subj[1]``) through the terms the actor could get on talks whose terms its victory sets: the bargaining
        rules' own slopes (a side's demand rises with its lead in leverage and with its balance on the ground in
        the talks' region, where forces count there, next door and in reserve), weighed while those terms fall short
        of what the victory needs (or, for forces, meet it by less than POSITION_GUARD)."""
        r = self.rules
        out = np.zeros(len(b))
        if s.turn >= POSITION_LATE * r.turn_limit:
            return out
        for a, k, o, need in self.position:
            m = np.flatnonzero(me == a)
            if not len(m):
                continue
            rows = b[m]
            every = np.arange(s.batch)
            got = self._per_game(("offered", a, k), lambda: 100.0 * offered(r, s, every, k, a))[rows]
            short = need - got
            live = s.track_status[rows, k] <= TrackStatus.OPEN
            floor = 0.0 if q == "leverage" else -POSITION_GUARD
            # Only where the position weighs at all (elsewhere it adds a zero, which leaves the sum as it is).
            weighs = np.flatnonzero(live & (short > floor) & (short < POSITION_SPAN))
            if not len(weighs):
                continue
            m, rows = m[weighs], rows[weighs]
            wt = np.full(len(m), POSITION)
            x = subj[0][m]
            if q == "leverage":
                sens = np.where(x == a, 1.0, np.where(x == o, -1.0, 0.0)) * r.p("demand_leverage")
            else:
                reg = r.tracks[k].region
                if reg < 0:
                    continue
                g = subj[1][m]
                here = np.where(g == reg, 1.0, np.where(self.adjacent[reg, g], r.p("ground_neighbours"), 0.0))
                # A point of forces sent anywhere leaves the reserve, which counts as reach in every region.
                here = here - r.p("ground_reach")
                mine = self._side_forces(s, a, reg)[rows]
                theirs = self._side_forces(s, o, reg)[rows]
                scale = r.p("ground_scale")
                den = (mine + theirs + scale) ** 2
                slope = np.where(x == a, 2.0 * theirs + scale, np.where(x == o, -(2.0 * mine + scale), 0.0)) / den
                sens = 100.0 * r.p("demand_ground") * (1.0 - r.p("ground_holding")) * here * slope
            out[m] += wt * sens
        return out

    def _side_forces(self, s: State, a: int, reg: int) -> np.ndarray:
        """``[B]``: what ``a`` and its allies could bring to bear on region ``reg`` in each game (see
        :func:`side_forces`)."""
        B = s.batch
        return self._per_game(
            ("side_forces", a, reg), lambda: side_forces(self.rules, s, np.arange(B), np.full(B, a), np.full(B, reg))
        )

    def _coercion(self, s: State, b: np.ndarray, me: np.ndarray, opt: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """What a strike is worth through the talks the actor's victory needs with the side it hits: one more
        striker lately lowers what that side settles for by ``concession_struck`` (up to three strikers), and
        while the two sides stand apart that closes the gap as talks would; it is valued as the progress that
        would close it as much (progress lowers both sides' reservations by ``concession_progress`` per 100), for
        the share of the remaining game the war cost lasts."""
        r = self.rules
        out = np.zeros(len(b))
        step = r.p("concession_struck")
        per_point = 2.0 * r.p("concession_progress") / 100.0
        if step <= 0.0 or per_point <= 0.0:
            return out
        j = np.flatnonzero(mask)
        rows, a = b[j], me[j]
        t = s.control[rows, np.maximum(r.opt_region[opt[j]], 0)]
        since = s.turn - int(r.p("self_defence_window"))
        recent = s.last_strike[rows, :, np.maximum(t, 0)] >= since  # [n, A]: who struck t lately
        adds = (t >= 0) & ~recent[np.arange(len(j)), a] & (recent.sum(axis=1) < 3)
        late = 1.0 + URGENCY * s.turn / r.turn_limit
        # The war cost lasts while the strikes go on (the self-defence window), progress for good: it is worth its
        # share of the time left.
        window = max(float(r.p("self_defence_window")), 1.0)
        lasting = window / max(float(r.turn_limit - s.turn + 1), window)
        for k in np.flatnonzero(self.agree_goal.any(axis=0)):
            m = adds & self.agree_goal[a, k] & ((self.party0[k] == t) | (self.party1[k] == t))
            m &= s.track_status[rows, k] <= TrackStatus.OPEN
            if not m.any():
                continue
            rr, kk = rows[m], np.full(int(m.sum()), k)
            gr = ground(r, s, rr, kk, np.full(len(rr), self.party0[k]))
            p0, p1 = np.full(len(rr), self.party0[k]), np.full(len(rr), self.party1[k])
            gap = reservation(r, s, rr, kk, p0, gr) + reservation(r, s, rr, kk, p1, -gr) - 1.0
            closes = np.clip(gap, 0.0, step)
            out[j[m]] += closes / per_point * lasting * self.track_w[a[m], k] * late
        return out

    def _engagement(self, s: State, b: np.ndarray, me: np.ndarray, k: np.ndarray) -> np.ndarray:
        """How much progress in track ``k`` is worth to ``me`` given the other party's part in the talks lately
        (its recent orders in that track, which fade each turn): from :data:`ENGAGE_FLOOR` to 1. A mediator's
        push is how talks move when the parties hang back: it is not discounted."""
        lots = self._per_game("engagement", lambda: engagement(self.rules, s, np.arange(s.batch)))
        p0, p1 = self.party0[k], self.party1[k]
        e0, e1 = lots[b, p0, k], lots[b, p1, k]
        seen = np.where(me == p0, e1, np.where(me == p1, e0, 1.0))
        out = ENGAGE_FLOOR + (1.0 - ENGAGE_FLOOR) * np.minimum(seen, 1.0)
        # Talks within reach of a deal are worth pushing even alone: progress is what they lack.
        alone = out < 1.0
        if alone.any():
            # The gap depends on the game and the track only: worked out once for each pair.
            T = self.rules.n_tracks
            gap = self._per_game(("gap",), lambda: self._gaps(s)).reshape(-1)[b[alone] * T + k[alone]]
            near = np.clip(1.0 - gap / PROSPECT_SPAN, 0.0, 1.0)
            out[alone] = np.maximum(out[alone], near)
        return out

    def _gaps(self, s: State) -> np.ndarray:
        """``[B, T]``: how far apart the two parties of each track stand in each game (their reservations added up,
        less the whole)."""
        return gaps(self.rules, s)

    def _tension_risk(self, s: State, b: np.ndarray) -> np.ndarray:
        """How close world tension is to the catastrophe threshold, 0..1."""
        thr = self.rules.p("catastrophe_tension")
        return np.clip((s.tension[b] - (thr - CATASTROPHE_RAMP)) / CATASTROPHE_RAMP, 0.0, 1.0)

    def _ladder_risk(self, s: State, b: np.ndarray) -> np.ndarray:
        """How close the highest rung of any pair's ladder is to the top, 0..1."""
        top = self.rules.p("escalation_top")
        return np.clip((s.escalation.max(axis=(1, 2))[b] - (top - 2.0)) / 2.0, 0.0, 1.0)

    def _support_danger(self, s: State, b: np.ndarray, t: np.ndarray, me: np.ndarray) -> np.ndarray:
        """Near the floor, support is survival: losing it ends the game in defeat."""
        danger = np.clip((self.rules.p("support_floor") + SUPPORT_MARGIN - s.support[b, t]) / SUPPORT_MARGIN, 0.0, 1.0)
        return 1.0 + SUPPORT_DANGER * np.where(t == me, danger, 0.0)

    def _contribution(
        self,
        s: State,
        q: str,
        subj: tuple[np.ndarray, ...],
        d: np.ndarray,
        val: np.ndarray | None,
        ch: np.ndarray | None,
        me: np.ndarray,
        b: np.ndarray,
    ) -> np.ndarray | None:
        r = self.rules
        if q in ("leverage", "reputation", "support", "strength", "readiness"):
            t = subj[0]
            # Flat positions of (actor, subject) in [A, A] tables and in each game's [A, A] values.
            A = r.n_actors
            pair = me * A + t
            in_game = b * (A * A) + pair
            ally = s.allied_matrix().reshape(-1)[in_game]
            w = self.own_w[q].reshape(-1)[pair]
            if q in self.rival_w:
                rival = s.relations.reshape(-1)[in_game] < RIVAL_RELATIONS
                w = w + np.where(rival, self.rival_w[q].reshape(-1)[pair], 0.0)
            w = w + np.where(ally, self.ally_w[q].reshape(-1)[pair], 0.0)
            w = w + self.goal_actor_w[q].reshape(-1)[pair]
            if self.has_floor[q]:
                near = s.__dict__[q].reshape(-1)[b * A + t] < self.goal_near[q].reshape(-1)[pair]
                w = w + np.where(near, GOAL_NEAR, 0.0)
            if q == "support":
                w = w * self._support_danger(s, b, t, me)
            if q == "leverage" and self.position:
                w = w + self._position(s, b, me, q, subj)
            return w * d
        if q in ("stability", "need", "reconstruction"):
            g = subj[0]
            cares = (self.owner[g] == me) | (s.control[b, g] == me) | (self.goal_ctrl[me, g] >= 0)
            if q == "stability":
                w = (
                    np.where(cares, self.w("stability")[me], 0.0)
                    + self.w("stability_all")[me]
                    + self.goal_region_w[me, g]
                )
                return w * d
            if q == "need":
                return np.where(cares, 1.0, 0.3) * self.w("need")[me] * d
            # Reconstruction keeps raising stability for a few turns.
            per_turn = r.p("reconstruction_stability") / 100.0
            w = np.where(cares, self.w("stability")[me], 0.0) + self.w("stability_all")[me]
            return w * per_turn * self.horizon[me] * d
        if q == "relations":
            x, y = subj
            A = r.n_actors
            cell = (me * A + x) * A + y
            w = self.rel_w.reshape(-1)[cell]
            if not self.rel_floors:
                return (w + 0.0) * d  # no regard the victory needs has a floor: never near one
            # A regard the victory needs weighs more as it nears its floor.
            near = s.relations.reshape(-1)[(b * A + x) * A + y] < self.goal_rel_near.reshape(-1)[cell]
            return (w + np.where(near, GOAL_NEAR, 0.0)) * d
        if q == "escalation":
            x, y = subj
            A = r.n_actors
            level = s.escalation.reshape(-1)[(b * A + x) * A + y]
            # The ladder is feared most when world tension nears catastrophe.
            near = np.clip((s.tension[b] - 40.0) / (r.p("catastrophe_tension") - 40.0), 0.2, 1.0)
            own = np.where(x == me, self.w("escalation")[me] * self.caution[me] * (1.0 + level) * near, 0.0)
            # Climbing the top rungs of any pair's ladder brings the catastrophe
            # (everyone loses) nearer once tension is close to its threshold.
            top = r.p("escalation_top")
            rung = (level >= top - 2.0) & (level >= s.escalation.max(axis=(1, 2))[b] - 0.5)
            return (own - np.where(rung, CATASTROPHE_STAKE * self._tension_risk(s, b) / 2.0, 0.0)) * d
        if q == "tension":
            # Near the catastrophe threshold, with the ladder near its top, every
            # point of tension is a share of the catastrophe's cost.
            fear = CATASTROPHE_STAKE / CATASTROPHE_RAMP * self._ladder_risk(s, b) * (self._tension_risk(s, b) > 0)
            return (self.w("tension")[me] - fear) * d
        if q in ("progress", "trust"):
            k = subj[0]
            w = self.track_w[me, k] * (1.0 if q == "progress" else 0.3)
            # Talks the actor's victory needs grow urgent as the deadline nears.
            late = URGENCY * s.turn / r.turn_limit
            w = w * np.where(self.agree_goal[me, k], 1.0 + late, 1.0)
            return w * self._engagement(s, b, me, k) * d
        if q == "forces":
            x, g = subj
            desired = self.goal_ctrl[me, g]
            ctrl = s.control[b, g]
            A = r.n_actors
            hostile = s.relations.reshape(-1)[(b * A + me) * A + x] < r.p("hostile_relations")
            want_out = ((desired >= 0) & (x != desired) & (x != me) & ((ctrl == x) | hostile)) | (self.deny[me, g] == x)
            # A campaign: every point of an occupier's forces lost brings the
            # region the actor wants back nearer (worth its control, spread
            # over the forces holding it).
            held = s.forces[b, x, g]
            campaign = want_out & (ctrl == x) & (desired >= 0)
            ctrl_w = self.w("control")[me] * np.where(self.victory_region[me, g], 2.0, 1.0)
            # Ground the victory needs grows urgent as the deadline nears, as talks the victory needs do.
            late = np.where(self.victory_region[me, g], CAMPAIGN_STAKE * (1.0 + URGENCY * s.turn / r.turn_limit), 1.0)
            per_point = np.where(campaign, CAMPAIGN * ctrl_w * late / np.maximum(held, CAMPAIGN_MIN_FORCES), 0.0)
            w = self.keep_forces_w[me, x, g] - np.where(want_out, self.w("enemy_forces")[me], 0.0) - per_point
            # A defence: ground the actor holds and wants to keep, with hostile
            # forces there or next door, is worth every point that holds it.
            mine_here = s.forces[b, me, g]
            defend = (x == me) & (ctrl == me) & (desired == me)
            if defend.any():
                j = np.flatnonzero(defend)
                threat = self._threat(s, b[j], me[j], g[j])
                held_here = np.maximum(mine_here[j], CAMPAIGN_MIN_FORCES)
                per_def = np.zeros(len(b))
                per_def[j] = DEFENCE * ctrl_w[j] * np.minimum(threat / held_here, 1.0) / held_here
                w = w + np.where(defend, per_def, 0.0)
            # One's own forces count in leverage while they stay, and staged next
            # to ground the actor wants back they make force (and its threat) credible.
            mine = x == me
            w = w + np.where(
                mine,
                self.w("leverage")[me] * r.p("leverage_forces") * STOCK_REALISED + STAGING * self.staging[me, g],
                0.0,
            )
            if self.position:
                w = w + self._position(s, b, me, q, subj)
            return w * d
        if q == "peacekeepers":
            x, g = subj
            cares = (self.owner[g] == me) | (self.goal_ctrl[me, g] >= 0)
            w = np.where(cares, self.w("stability")[me], 0.0) + self.w("stability_all")[me] + 0.05
            per_turn = r.p("peacekeeping_stability") / r.p("peacekeeping_reference")
            return np.where(x == me, w * per_turn * self.horizon[me], 0.0) * d
        if q == "flag":
            return self._blocking(s, b, me, subj[0]) * d if self.blockers else None
        if val is None or ch is None:
            return None
        if q == "status":
            k = subj[0]
            agreed = np.where(val == TrackStatus.AGREED, self.agree_w[me, k], 0.0)
            agreed = agreed - np.where(
                (val == TrackStatus.BROKEN) & (s.track_status[b, k] == TrackStatus.AGREED),
                self.agree_w[me, k] + 5.0,
                0.0,
            )
            opened = np.where(
                (val == TrackStatus.OPEN) & (s.track_status[b, k] != TrackStatus.OPEN),
                0.5 * np.abs(self.track_w[me, k]) * 4,
                0.0,
            )
            return (agreed + opened) * ch
        if q == "control":
            g = subj[0]
            old = s.control[b, g]
            desired = self.goal_ctrl[me, g]
            gain = (val == desired) & (old != desired)
            loss = (old == desired) & (val != desired)
            w = (
                self.w("control")[me]
                * np.where(self.owner[g] == me, 1.0, 1.5)
                * np.where(self.victory_region[me, g], 2.0, 1.0)
            )
            denied = self.deny[me, g]
            bad = (denied >= 0) & (val == denied) & (old != denied)
            good = (denied >= 0) & (old == denied) & (val != denied)
            deny_w = 2.0 * self.w("control")[me]
            return (
                np.where(gain, w, 0.0)
                - np.where(loss, w, 0.0)
                - np.where(bad, deny_w, 0.0)
                + np.where(good, deny_w, 0.0)
            ) * ch
        if q == "mandate_force":
            t = subj[0]
            w = np.where(t == me, -8.0, 0.0)
            w = w + np.where(
                (t != me) & (s.relations[b, me, t] < RIVAL_RELATIONS),
                self.w("mandate")[me] + 4.0 * self.mandate_trait[me],
                0.0,
            )
            w = w + np.where(self.goal_mandate[me, t], 15.0, 0.0)
            return w * ch * (val > 0)
        if q in ("condemned", "un_sanctions"):
            t = subj[0]
            w = np.where(t == me, -6.0, np.where(s.relations[b, me, t] < RIVAL_RELATIONS, 3.0, 0.0))
            return w * ch * (val > 0)
        if q == "sanctions":
            x, t = subj
            # What one more sanctioner adds to the bite on a rival's leverage (the
            # square root of their number), against what the sanctions cost at
            # home every turn they last (dearer when support runs low).
            n = s.sanctions[b, :, t].sum(axis=1) - s.sanctions[b, me, t]
            bite = np.sqrt(n + 1.0) - np.sqrt(n)
            hurt = r.p("sanctions_leverage") * r.p("leverage_drift") * self.w("rival_leverage")[me] * bite
            hurt = np.where(self.opponent[me, t], hurt, 0.0)
            own_support = self.w("support")[me] + self.goal_actor_w["support"].reshape(-1)[me * r.n_actors + me]
            cost = r.p("sanctions_cost_support") * own_support * self._support_danger(s, b, me, me)
            rival = s.relations[b, me, t] < RIVAL_RELATIONS
            sign = np.where(val > 0, 1.0, -1.0)
            return np.where((x == me) & rival, sign * (hurt + cost) * self.horizon[me], 0.0) * ch
        if q == "mandate_pk":
            g = subj[0]
            cares = (self.owner[g] == me) | (self.goal_ctrl[me, g] >= 0) | (s.stability[b, g] < 40)
            return np.where(cares, 2.0, 0.5) * ch * (val > 0)
        if q == "mediator":
            # Mediating talks its victory names is worth a share of that victory.
            goal = self.mediate_goal[me, subj[0]]
            return np.where(val == me, 1.0 + np.where(goal, MEDIATE_GOAL, 0.0), 0.0) * ch
        if q == "terms":
            # A party values its share of an agreement's terms; terms its
            # victory condition rules out weigh like the win they would cost.
            k = subj[0]
            mine = np.where(self.party0[k] == me, val, 100.0 - val)
            party = (self.party0[k] == me) | (self.party1[k] == me)
            w = np.where(party, TERMS_WEIGHT * (mine - 50.0), 0.0)
            thr, low = self.terms_min[me, k], self.terms_low[me, k]
            has = np.isfinite(thr)
            meets = np.where(low, val <= np.nan_to_num(thr), val >= np.nan_to_num(thr))
            # Terms short of the victory cost the win only while the actor still holds its ground; a side that is
            # losing it has that win behind it, and an agreement on any terms spares it the defeat.
            holding = ground(r, s, b, k, me) > LOSING_GROUND
            w = w + np.where(has, np.where(meets, TERMS_GOAL, np.where(holding, -TERMS_GOAL, 0.0)), 0.0)
            return w * ch
        return None

    def _reason(
        self, actor: int, option: int, j: int, parts: list[tuple[np.ndarray, str, np.ndarray, np.ndarray]]
    ) -> str:
        r = self.rules
        items: dict[str, list[float]] = {}
        for ent, q, contrib, d in parts:
            m = ent == j
            if m.any():
                acc = items.setdefault(LABEL.get(q, q), [0.0, 0.0])
                acc[0] += float(contrib[m].sum())
                acc[1] += float(d[m].sum())
        ranked = sorted(items.items(), key=lambda kv: -abs(kv[1][0]))
        words = []
        for label, (c, d) in ranked[:2]:
            if abs(c) < 0.05:
                continue
            if label in (
                "control",
                "agreement",
                "mandate",
                "condemnation",
                "Council sanctions",
                "sanctions",
                "peacekeeping mandate",
            ):
                words.append(f"{label} {'likely' if c > 0 else 'at risk'}")
            elif abs(d) >= 0.05:
                # As the front ends write a change: whole points from about one, tenths below.
                amount = f"{d:+.0f}" if abs(d) >= 0.95 else f"{d:+.1f}"
                words.append(f"{label} {amount} {'expected' if c > 0 else 'accepted'}")
        persona = self.personas[actor].name
        text = ", ".join(words) if words else "keeps options open"
        return f"{r.actors[actor].name}: {r.option_label(option)} — {text} ({persona})"
