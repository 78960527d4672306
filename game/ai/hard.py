"""The hard AI: Monte Carlo rollouts through the batch engine.

For each hard actor the standard policy proposes a few plans — its own
choice, doing nothing, and each of its best candidates forced first. Every
plan is played out in many copies of the game to its end (at most
``MAX_HORIZON`` turns ahead), all actors following the standard policy afterwards; the copies of different plans
share their random draws (paired comparison). The plan with the best mean
outcome for the actor — its role's score plus the bonus for the victory
condition holding, or for actors without a role, its headline values — is
ordered.

The work per decision is fixed (not timed), so the hard AI stays
reproducible: the defaults (8 plans × 128 copies × 4 turns, or 64 copies of
8 turns — 4,096 simulated game-turns per decision) fit within one second per
decision on the reference machine (see benchmarks/bench_ai.py).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from game.ai.standard import Choice, StandardPolicy
from game.core.conditions import ARITY, Ref
from game.core.engine import resolve_turn
from game.core.legal import codes_from_grids, legality_grids
from game.core.observe import belief
from game.core.rng import Stream, hash_keys
from game.core.spec import Rules, TrackStatus
from game.core.state import State

if TYPE_CHECKING:  # pragma: no cover
    from game.ai import BatchPolicy


SWITCH_Z = 2.0
"""How many standard errors of the paired difference a plan must beat the
standard choice by: with seven alternatives and one standard error, some
plan would look better by luck in most decisions."""

_SHORTFALL_QUANTITIES = frozenset(
    {
        "leverage",
        "reputation",
        "support",
        "strength",
        "readiness",
        "stability",
        "need",
        "reconstruction",
        "relations",
        "progress",
        "trust",
        "tension",
        "flag",
        "forces",
        "peacekeepers",
    }
)


def _complete(ref: Ref) -> bool:
    """Whether every index the quantity needs is given."""
    return all(isinstance(k, int) and k >= 0 for k in (ref.i, ref.j)[: ARITY[ref.spec.table]])


MAX_HORIZON = 8
MIN_COPIES = 16
REFERENCE_OPTIONS = 1_200
"""Options in the largest shipped scenario (the Gulf has 1,110): bigger
scenarios get fewer playouts per plan."""

SHORTFALL_W = 0.5
"""Value lost per point a goal's value (from the role's victory or defeat
condition, e.g. "Highland's relations with you -5 or better") is away from
its threshold: a four-turn playout rarely reaches a win, but it can see
a plan move the role further from one."""


class HardPolicy:
    name = "hard"

    def __init__(
        self,
        rules: Rules,
        standard: StandardPolicy,
        owner: "BatchPolicy",
        rollouts: int = 1024,
        budget_s: float = 1.0,
        horizon: int = 4,
        plans: int = 8,
    ) -> None:
        self.rules = rules
        self.standard = standard
        self.owner = owner
        self.plans = plans
        self.rollouts = rollouts
        self.horizon = horizon
        self.lookahead_cap = max(horizon, MAX_HORIZON)
        self.budget_s = budget_s
        # Per actor: (value, threshold, +1 to stay at or above / -1 at or below).
        self._thresholds: list[list[tuple[Ref, float, float]]] = []
        for a in range(rules.n_actors):
            g = standard.goals[a]
            items = [(Ref(q, *subj), v, 1.0) for (q, subj), v in g.raise_.items()]
            items += [(Ref(q, *subj), v, -1.0) for (q, subj), v in g.lower.items()]
            # Forces the victory wants kept in a region ("your own army back in Timbuktu") count too: a playout
            # that ends before the victory can hold would not see them missing otherwise.
            items += [(Ref("forces", x, g_), v, 1.0) for (x, g_), v in g.keep_forces.items()]
            self._thresholds.append([t for t in items if t[0].quantity in _SHORTFALL_QUANTITIES and _complete(t[0])])

    def value(self, s: State, actor: int) -> np.ndarray:
        """What a state is worth to the actor: its role's score plus the
        win bonus if its victory condition holds (minus the loss penalty if
        its defeat condition does); otherwise its weighted headline values."""
        from game.core.engine import scores

        r = self.rules
        k = next((i for i, role in enumerate(r.roles) if role.actor == actor), None)
        if k is None:
            p = self.standard.personas[actor]
            return (
                p.w("leverage") * s.leverage[:, actor]
                + p.w("reputation") * s.reputation[:, actor]
                + p.w("support") * s.support[:, actor]
            )
        role = r.roles[k]
        v = scores(r, s)[:, k]
        live = ~s.over
        # Judge a game still running as if it ended now: conditions that only
        # count at the end ("the year ends with ...") then count too.
        end = replace(s, turn=max(s.turn, r.turn_limit + 1))
        v = v + np.where(live & role.victory.evaluate(end), role.win_bonus, 0.0)
        v = v - np.where(
            live & (role.defeat.evaluate(end) | (s.support[:, actor] < r.p("support_floor"))), role.loss_penalty, 0.0
        )
        return v + np.where(live, self.shaping(s, actor), 0.0)

    def shaping(self, s: State, actor: int) -> np.ndarray:
        """Progress towards the actor's goals that a short playout cannot finish:
        talks it wants (or fears) and regions it wants held, weighed as the
        standard policy weighs them, and how far each value its victory (or
        defeat) condition names is from its threshold."""
        std = self.standard
        out = np.zeros(s.batch)
        for ref, threshold, sign in self._thresholds[actor]:
            gap = sign * (threshold - ref.read(s))
            out = out - SHORTFALL_W * np.maximum(gap, 0.0)
        for k in range(self.rules.n_tracks):
            out = out + std.track_w[actor, k] * s.progress[:, k]
            out = out + std.agree_w[actor, k] * (s.track_status[:, k] == TrackStatus.AGREED)
        w = std.w("control")[actor]
        for g in range(self.rules.n_regions):
            want = std.goal_ctrl[actor, g]
            if want >= 0:
                out = out + w * (s.control[:, g] == want)
            deny = std.deny[actor, g]
            if deny >= 0:
                out = out - 2.0 * w * (s.control[:, g] == deny)
        return out

    def decide(
        self,
        s: State,
        actors: list[int],
        grids: dict[int, np.ndarray] | None,
        codes: np.ndarray | None,
        explain: bool = False,
    ) -> tuple[np.ndarray, list[list[Choice]]]:
        r = self.rules
        B, A, K = s.batch, r.n_actors, r.max_orders
        orders = np.full((B, A, K), -1, np.int64)
        explained: list[list[Choice]] = [[] for _ in range(B)]
        if grids is None:
            grids = legality_grids(r, s)
        for actor in actors:
            cands = self.standard.candidates_for(s, [actor], grids, explain)
            if cands is None:
                continue
            C = cands.grid.shape[2]
            # Plans: -1 the standard choice, -2 no orders, then each candidate forced first (best first).
            rank = np.argsort(-cands.gutil[:, 0, :], axis=1, kind="stable")  # [B, C]
            forced = [np.full(B, -1), np.full(B, -2)] + [rank[:, j] for j in range(min(C, self.plans - 2))]
            P = len(forced)
            plan_orders = np.stack(
                [self.standard.choose(cands, f[:, None])[:, actor, :] for f in forced], axis=1
            )  # [B, P, K]
            usable = np.ones((B, P), bool)
            for j in range(2, P):
                usable[:, j] = np.isfinite(np.take_along_axis(cands.gutil[:, 0, :], forced[j][:, None], axis=1)[:, 0])
            per_copy = self._rollouts(s, actor, plan_orders)  # [B, P, R]
            vals = per_copy.mean(axis=2)
            # Depart from the standard choice only where the paired playouts
            # show a plan better by more than its noise (SWITCH_Z standard errors).
            diff = per_copy - per_copy[:, :1, :]
            R = per_copy.shape[2]
            se = diff.std(axis=2, ddof=1) / np.sqrt(R) if R > 1 else np.zeros_like(vals)
            clear = (diff.mean(axis=2) - SWITCH_Z * se) > 0
            clear[:, 0] = True
            vals = np.where(usable, vals, -np.inf)
            best = np.where(clear & usable, vals, -np.inf).argmax(axis=1)
            orders[:, actor, :] = plan_orders[np.arange(B), best]
            if explain:
                for b in range(B):
                    chosen = [int(o) for o in orders[b, actor] if o >= 0]
                    std_v, best_v = vals[b, 0], vals[b, best[b]]
                    what = "; ".join(r.option_label(o) for o in chosen) or "no orders"
                    ahead = f"{self.copies_for(self.lookahead(s))} playouts of {self.lookahead(s)} turns"
                    text = (
                        f"{r.actors[actor].name}: {what} — {best_v:.1f} expected over {ahead}, "
                        f"vs {std_v:.1f} for the standard choice ({self.standard.personas[actor].name}, hard)"
                    )
                    for o in chosen:
                        explained[b].append(Choice(actor, o, float(best_v), text))
        return orders, explained

    def lookahead(self, s: State) -> int:
        """Turns each playout runs: to the end of the game, up to ``MAX_HORIZON``.

        Agreements are concluded and victory conditions judged at the end, so a
        playout that stops short values a plan by what it does soonest (a strike's
        leverage) and misses what it costs later (the deal it wrecks)."""
        left = self.rules.turn_limit - s.turn + 1
        return max(1, min(self.lookahead_cap, left))

    def copies_for(self, horizon: int) -> int:
        """Copies per plan so that every decision costs the same number of
        simulated turns (``rollouts`` games of ``horizon`` turns, the nominal
        load), fewer in scenarios with more options than the reference (each
        simulated turn costs in proportion to them), so that a decision takes
        about as long in any scenario that validates."""
        scale = min(1.0, REFERENCE_OPTIONS / max(len(self.rules.options), 1))
        if scale < 1.0:
            return max(2, int(self.rollouts * self.horizon * scale) // (self.plans * horizon))
        return max(MIN_COPIES, self.rollouts * self.horizon // (self.plans * horizon))

    def _rollouts(self, s: State, actor: int, plan_orders: np.ndarray) -> np.ndarray:
        """Value to ``actor`` of each plan in each paired playout ``[B, P, R]``."""
        r = self.rules
        B, P, K = plan_orders.shape
        horizon = self.lookahead(s)
        R = self.copies_for(horizon)
        rows = np.repeat(np.arange(B), P * R)
        # Copies of one game share seeds across plans (paired), differ across copies.
        copy_idx = np.tile(np.arange(R), B * P)
        # Each copy plays out one world the actor may believe in: the hidden
        # values it cannot see are drawn around its estimates, never read.
        sim = belief(r, s, actor, rows, copy_idx)
        sim.seed = hash_keys(s.seed[rows], s.turn, int(Stream.ROLLOUT), actor, copy_idx)
        policy = self.owner.rollout_policy()
        for step in range(horizon):
            if sim.over.all():
                break
            grids = legality_grids(r, sim)
            codes = codes_from_grids(r, sim, grids)
            o, _ = policy(sim, codes, grids=grids)
            if step == 0:
                o[:, actor, :] = plan_orders.reshape(B * P, K)[np.repeat(np.arange(B * P), R)]
            sim = resolve_turn(r, sim, o, codes=codes, in_place=True).state  # the copies are the rollout's own
        v = self.value(sim, actor)
        return v.reshape(B, P, R)
