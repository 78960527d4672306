"""AI actors: the random, standard and hard policies, and their controllers.

Humans and AI sit in the same seat: a controller receives the game (what its
actor can see and its legal options) and returns orders, which the engine
re-checks like any other. Policies decide for many actors and many games at
once; the controllers used by an interactive game share one policy object so
that all AI actors of a turn are decided together.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from game.ai.controllers import Decision, PassController
from game.ai.personality import Persona, resolve
from game.ai.routine import RoutineError, is_routine
from game.ai.routine import orders as routine_orders
from game.ai.routine import parse as parse_routine
from game.ai.standard import Choice, StandardPolicy
from game.core.legal import codes_from_grids, legality_grids
from game.core.playout import random_orders
from game.core.reasons import Reason
from game.core.rng import Stream
from game.core.spec import Rules
from game.core.state import State

if TYPE_CHECKING:  # pragma: no cover
    from game.scenario.compile import Scenario
    from game.session.game import Game

POLICIES = ("random", "standard", "hard", "pass")
FAMILY_POLICIES = ("only:military", "only:diplomatic")
"""The standard AI limited to one family of actions (the balance gate's probes)."""


def valid_policy(name: str, rules: Rules | None = None, actor: int | None = None) -> bool:
    """Whether ``name`` is a policy: one of :data:`POLICIES`, a family probe,
    ``repeat:ACTION`` (every turn as many orders of that action as allowed) or
    a routine (``routine:...``, see :mod:`game.ai.routine`; read for ``actor``
    when given)."""
    if name in POLICIES or name in FAMILY_POLICIES:
        return True
    if name.startswith("repeat:"):
        return rules is None or any(a.id == name[7:] for a in rules.actions)
    if is_routine(name):
        if rules is None or actor is None:
            return True
        try:
            parse_routine(rules, actor, name)
        except RoutineError:
            return False
        return True
    return False


def policy_names(rules: Rules) -> str:
    """The policies, in words, for usage errors."""
    return ", ".join((*POLICIES, *FAMILY_POLICIES, "repeat:ACTION", "routine:ACTION[:TARGET][/...],..."))


def personas_for(scenario: "Scenario") -> dict[int, Persona]:
    return {a: resolve(scenario.personalities, spec.personality) for a, spec in enumerate(scenario.rules.actors)}


@lru_cache(maxsize=16)
def _standard(scenario: "Scenario", rules: Rules) -> StandardPolicy:
    return StandardPolicy(rules, personas_for(scenario))


def standard_policy(scenario: "Scenario", rules: Rules | None = None) -> StandardPolicy:
    return _standard(scenario, rules or scenario.rules)


class BatchPolicy:
    """Orders for every game of a batch, each actor with its own policy."""

    def __init__(
        self,
        scenario: "Scenario",
        rules: Rules,
        policies: dict[int, str],
        hard_rollouts: int = 1024,
        hard_budget_s: float = 1.0,
        hard_horizon: int = 4,
    ) -> None:
        self.scenario = scenario
        self.rules = rules
        self.policies = policies
        self.standard = standard_policy(scenario, rules)
        self.hard_rollouts = hard_rollouts
        self.hard_budget_s = hard_budget_s
        self.hard_horizon = hard_horizon
        self._hard = None
        self.routines = {a: parse_routine(rules, a, p) for a, p in policies.items() if is_routine(p)}

    def rollout_policy(self) -> "BatchPolicy":
        """The policy inside playouts: every AI actor standard, humans too."""
        if getattr(self, "_rollout", None) is None:
            self._rollout = BatchPolicy(
                self.scenario,
                self.rules,
                {a: ("standard" if p != "random" else "random") for a, p in self.policies.items()}
                | {a: "standard" for a in range(self.rules.n_actors) if a not in self.policies},
            )
        return self._rollout

    def by_policy(self, name: str) -> list[int]:
        return sorted(a for a, p in self.policies.items() if p == name)

    def __call__(
        self,
        s: State,
        codes: np.ndarray | None = None,
        explain: bool = False,
        grids: dict[int, np.ndarray] | None = None,
        relevance: dict[int, np.ndarray] | None = None,
        skip: np.ndarray | None = None,
    ) -> tuple[np.ndarray, list[list[Choice]]]:
        """Orders ``[B, A, K]`` and each game's choices with their reasons (when ``explain``). ``relevance`` may
        give the standard AI's prior in ``s`` (:meth:`StandardPolicy.relevance`), if already known; the standard
        AI weighs nothing for an actor in a game where ``skip`` ``[B, A]`` holds (no orders there)."""
        r = self.rules
        if grids is None:
            grids = legality_grids(r, s)
        if codes is None:
            codes = codes_from_grids(r, s, grids)
        orders = np.full((s.batch, r.n_actors, r.max_orders), -1, np.int64)
        explained: list[list[Choice]] = [[] for _ in range(s.batch)]
        std = self.by_policy("standard")
        if std:
            o, ex = self.standard.decide(s, std, grids, explain, skip=skip, relevance=relevance)
            orders[:, std] = o[:, std]
            for b in range(s.batch):
                explained[b].extend(ex[b])
        rnd = self.by_policy("random")
        if rnd:
            o = random_orders(r, s, np.array(rnd), codes=codes, stream=int(Stream.AI) + 100)
            orders[:, rnd] = o[:, rnd]
            if explain:
                for b in range(s.batch):
                    for a in rnd:
                        for opt in o[b, a]:
                            if opt >= 0:
                                explained[b].append(
                                    Choice(
                                        a,
                                        int(opt),
                                        0.0,
                                        f"{r.actors[a].name}: {r.option_label(int(opt))} — chosen at random",
                                    )
                                )
        for a, pol in sorted(self.policies.items()):
            if pol.startswith("only:"):
                o, ex = self.standard.decide(s, [a], _family_grids(r, grids, a, pol[5:]), explain, relevance=relevance)
            elif pol.startswith("repeat:"):
                idx = r.action_index(pol[7:])
                rel = None if relevance is None else relevance[idx]
                o, ex = self.standard.repeat(s, a, idx, grids, rel), [[] for _ in range(s.batch)]
            elif a in self.routines:
                plan = self.routines[a]
                ranked = {
                    k: self.standard.ranked(s, a, k, grids, None if relevance is None else relevance[k])
                    for k in plan.actions
                }
                o = np.full_like(orders, -1)
                o[:, a] = routine_orders(r, s, plan, codes, ranked)
                ex = [[] for _ in range(s.batch)]
            else:
                continue
            orders[:, a] = o[:, a]
            for b in range(s.batch):
                explained[b].extend(ex[b])
        hard = self.by_policy("hard")
        if hard:
            from game.ai.hard import HardPolicy

            if self._hard is None:
                self._hard = HardPolicy(
                    self.rules, self.standard, self, self.hard_rollouts, self.hard_budget_s, self.hard_horizon
                )
            o, ex = self._hard.decide(s, hard, grids, codes, explain)
            orders[:, hard] = o[:, hard]
            for b in range(s.batch):
                explained[b].extend(ex[b])
        return orders, explained


class GroupedPolicy:
    """Orders for a batch whose games fall in groups, each group with its own
    policies (the balance gate plays many policies on the same seeds in one
    batch). Every decision is a function of its own game alone, so a game
    decides here exactly as in a batch of its group only: ``base`` decides
    for every game, and each group's actors whose policy differs from it
    decide again for the group's games only."""

    def __init__(
        self,
        scenario: "Scenario",
        rules: Rules,
        base: dict[int, str],
        groups: list[tuple[np.ndarray, dict[int, str]]],
        hard_rollouts: int = 1024,
    ) -> None:
        if "hard" in base.values() or any("hard" in p.values() for _, p in groups):
            raise ValueError("the hard AI plays its rollouts for the whole batch: it cannot be grouped")
        self.base = BatchPolicy(scenario, rules, base, hard_rollouts=hard_rollouts)
        self.groups = []
        for rows, policies in groups:
            own = {a: p for a, p in policies.items() if base.get(a) != p}
            gone = [a for a in base if a not in policies]
            if own or gone:
                sub = BatchPolicy(scenario, rules, own, hard_rollouts=hard_rollouts)
                self.groups.append((np.asarray(rows, np.int64), sorted(own) + gone, sub))

    def __call__(
        self,
        s: State,
        codes: np.ndarray | None = None,
        explain: bool = False,
        grids: dict[int, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, list[list[Choice]]]:
        r = self.base.rules
        if grids is None:
            grids = legality_grids(r, s)
        if codes is None:
            codes = codes_from_grids(r, s, grids)
        # Each group's own actors are decided below, for its games only.
        skip = np.zeros((s.batch, r.n_actors), bool)
        for rows, actors, _ in self.groups:
            skip[rows[:, None], np.asarray(actors)[None, :]] = True
        # The standard AI's prior, worked out once for every game (it is game by game) and read by every group.
        prior = self.base.standard.relevance(s)
        orders, _ = self.base(s, codes, grids=grids, skip=skip, relevance=prior)
        for rows, actors, policy in self.groups:
            sub = s.take(rows)
            uses = policy.policies.values()
            keys = (
                prior
                if any(p == "standard" or p[:5] == "only:" for p in uses)
                else {r.action_index(p[7:]) for p in uses if p[:7] == "repeat:"}
                | {k for plan in policy.routines.values() for k in plan.actions}
            )
            rel = {k: prior[k] if prior[k].shape[0] == 1 else prior[k][rows] for k in keys}
            o, _ = policy(sub, codes[rows], grids={k: g[rows] for k, g in grids.items()}, relevance=rel)
            orders[rows[:, None], np.asarray(actors)[None, :]] = o[:, actors]
        return orders, [[] for _ in range(s.batch)]


def _family_grids(rules: Rules, grids: dict[int, np.ndarray], actor: int, family: str) -> dict[int, np.ndarray]:
    """The legality grids with every action outside ``family`` closed to ``actor``."""
    out = dict(grids)
    for a_idx, g in grids.items():
        if rules.actions[a_idx].category.value != family:
            g = g.copy()
            g[:, actor] = int(Reason.NOT_YOURS)
            out[a_idx] = g
    return out


class AIController:
    """The seat of one AI actor in an interactive game."""

    def __init__(self, scenario: "Scenario", actor: int, policy: str) -> None:
        self.scenario = scenario
        self.actor = actor
        self.name = policy

    @property
    def group_key(self) -> tuple[int, str]:
        return (id(self.scenario), "ai")

    def decide(self, game: "Game", actor: int) -> "Decision":
        return self.decide_group(game, {actor: self})[actor]

    def decide_group(self, game: "Game", members: dict[int, "AIController"]) -> dict[int, "Decision"]:
        policies = {a: c.name for a, c in members.items()}
        batch = BatchPolicy(self.scenario, game.rules, policies)
        orders, explained = batch(game.state, explain=True)
        out = {}
        for a in members:
            opts = tuple(int(o) for o in orders[0, a] if o >= 0)
            reasons = tuple(c.reason for c in explained[0] if c.actor == a)
            out[a] = Decision(opts, reasons)
        return out


def controller_for(scenario: "Scenario", actor: int, policy: str):
    if policy == "pass":
        return PassController()
    if policy not in POLICIES:
        raise ValueError(f"unknown policy '{policy}'")
    return AIController(scenario, actor, policy)
