"""Difficulty levels: a scenario's budget changes for the players and for
the AI actors that oppose them, and the AI policy the opponents play."""

from __future__ import annotations

import numpy as np

from game.core.conditions import BUDGET_MAX
from game.core.spec import Rules
from game.scenario.compile import Scenario, with_orders_budget

FRIEND_RELATIONS = 30.0
"""Starting relations from which an AI actor counts as a human player's
friend rather than an opponent (sharing an alliance with one also does)."""


def friends_of(scenario: Scenario, humans: tuple[int, ...]) -> set[int]:
    """AI actors on the human players' side at the start: the difficulty level
    strengthens or weakens their opponents, never their partners."""
    init = scenario.rules.initial
    out = set()
    for a in range(scenario.rules.n_actors):
        if a in humans:
            continue
        for h in humans:
            allied = bool((init.membership[:, a] & init.membership[:, h]).any())
            if allied or min(init.relations[a, h], init.relations[h, a]) >= FRIEND_RELATIONS:
                out.add(a)
    return out


def rules_for(scenario: Scenario, humans: tuple[int, ...], difficulty: str) -> Rules:
    """The scenario's rules with the difficulty's budget changes applied: the
    players' budget changes, and so does that of every AI actor but their friends."""
    level = scenario.difficulty.get(difficulty, {})
    budget = scenario.rules.initial.budget.copy()
    friends = friends_of(scenario, humans)
    for a in range(scenario.rules.n_actors):
        if a in humans:
            budget[a] += level.get("player_budget", 0.0)
        elif a not in friends:
            budget[a] += level.get("ai_budget", 0.0)
    return with_orders_budget(scenario.rules, np.clip(budget, 1.0, BUDGET_MAX))


def default_policy(scenario: Scenario, difficulty: str, actor: int | None = None, humans: tuple[int, ...] = ()) -> str:
    """The AI policy of an actor at a difficulty level. The hard policy
    plays the scenario's roles that oppose the players (their real
    opponents); the other actors play the standard policy, which keeps
    turns quick."""
    policy = str(scenario.difficulty.get(difficulty, {}).get("ai_policy") or "standard")
    if (
        policy == "hard"
        and actor is not None
        and (scenario.rules.role_of(actor) is None or actor in friends_of(scenario, tuple(humans)))
    ):
        return "standard"
    return policy
