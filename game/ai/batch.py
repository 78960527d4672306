"""Many games with AI actors: the engine behind ``brinkmanship simulate``.

Games are played in batches through the same engine as a single game; the
runs can be spread over several processes (each takes a contiguous range of
seeds, so game ``k`` always has seed ``seed + k``). Each run keeps, per turn,
the values needed for the outcome distribution.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from game.ai import BatchPolicy, GroupedPolicy
from game.core.engine import resolve_turn, scores, start_game
from game.core.legal import codes_from_grids, legality_grids
from game.core.rng import game_seeds
from game.scenario.compile import Scenario
from game.scenario.difficulty import rules_for
from game.scenario.loader import load

CHUNK = 5000


@dataclass
class BatchResult:
    seeds: np.ndarray
    outcome: np.ndarray  # [N, P]
    score: np.ndarray  # [N, P]
    end_turn: np.ndarray  # [N]
    leverage: np.ndarray  # [N, T+1, A] value at the start of each turn and at the end
    reputation: np.ndarray  # [N, T+1, A]
    stability: np.ndarray  # [N, T+1, R]
    tension: np.ndarray  # [N, T+1] world tension
    action_counts: np.ndarray  # [A, n_actions] orders given over all games
    rejected: int = 0
    elapsed_s: float = 0.0
    extra: dict = field(default_factory=dict)

    @staticmethod
    def concat(parts: list["BatchResult"]) -> "BatchResult":
        return BatchResult(
            seeds=np.concatenate([p.seeds for p in parts]),
            outcome=np.concatenate([p.outcome for p in parts]),
            score=np.concatenate([p.score for p in parts]),
            end_turn=np.concatenate([p.end_turn for p in parts]),
            leverage=np.concatenate([p.leverage for p in parts]),
            reputation=np.concatenate([p.reputation for p in parts]),
            stability=np.concatenate([p.stability for p in parts]),
            tension=np.concatenate([p.tension for p in parts]),
            action_counts=sum((p.action_counts for p in parts), np.zeros_like(parts[0].action_counts)),
            rejected=sum(p.rejected for p in parts),
        )


def run_chunk(
    scenario: Scenario,
    policies: dict[int, str],
    seeds: np.ndarray,
    difficulty: str = "normal",
    progress: Callable[[int], None] | None = None,
    hard_rollouts: int = 256,
    humans: tuple[int, ...] = (),
    groups: list[tuple[np.ndarray, dict[int, str]]] | None = None,
) -> BatchResult:
    """Play the games with the given seeds to the end, in one batch.

    ``humans`` are seats given the human player's budget at this difficulty
    (played here by their policy in ``policies``, a stand-in for a person).
    ``groups`` gives some games (rows of the batch) policies of their own
    instead (see :class:`GroupedPolicy`)."""
    rules = rules_for(scenario, tuple(humans), difficulty)
    if groups:
        policy = GroupedPolicy(scenario, rules, policies, groups, hard_rollouts=hard_rollouts)
    else:
        policy = BatchPolicy(scenario, rules, policies, hard_rollouts=hard_rollouts)
    state = start_game(rules, seeds=seeds).state
    N, T = len(seeds), rules.turn_limit
    lev = np.zeros((N, T + 1, rules.n_actors))
    rep = np.zeros((N, T + 1, rules.n_actors))
    stab = np.zeros((N, T + 1, rules.n_regions))
    tens = np.zeros((N, T + 1))
    counts = np.zeros((rules.n_actors, len(rules.actions)), np.int64)
    rejected = 0
    t = 0
    while not state.over.all():
        lev[:, t], rep[:, t], stab[:, t], tens[:, t] = state.leverage, state.reputation, state.stability, state.tension
        grids = legality_grids(rules, state)
        codes = codes_from_grids(rules, state, grids)
        orders, _ = policy(state, codes, grids=grids)
        live = ~state.over
        o = orders[live]
        valid = o >= 0
        if valid.any():
            a_idx = np.broadcast_to(np.arange(rules.n_actors)[None, :, None], o.shape)[valid]
            cells = a_idx * counts.shape[1] + rules.opt_action[o[valid]]
            counts += np.bincount(cells, minlength=counts.size).reshape(counts.shape)
        res = resolve_turn(rules, state, orders, codes=codes, in_place=True)
        rejected += len(res.rejected)
        state = res.state
        t += 1
        if progress:
            progress(1)
    for k in range(t, T + 1):
        lev[:, k], rep[:, k], stab[:, k], tens[:, k] = state.leverage, state.reputation, state.stability, state.tension
    return BatchResult(
        seeds, state.outcome.copy(), scores(rules, state), state.end_turn.copy(), lev, rep, stab, tens, counts, rejected
    )


def _worker(args: tuple) -> BatchResult:
    path, policies, seeds, difficulty, hard_rollouts = args
    return run_chunk(load(path), policies, seeds, difficulty, hard_rollouts=hard_rollouts)


def run_many(
    scenario: Scenario,
    policies: dict[int, str],
    runs: int,
    seed: int = 1,
    workers: int = 0,
    difficulty: str = "normal",
    progress: Callable[[int, int], None] | None = None,
    hard_rollouts: int = 256,
) -> BatchResult:
    """Play ``runs`` games (seeds ``seed`` .. ``seed + runs - 1``)."""
    t0 = time.perf_counter()
    seeds = game_seeds(seed, runs)
    workers = workers or min(os.cpu_count() or 1, 8)
    per = max(1, -(-runs // workers))
    chunk = min(CHUNK, per)
    pieces = [seeds[i : i + chunk] for i in range(0, runs, chunk)]
    total = len(pieces) * scenario.rules.turn_limit
    done = 0
    if workers <= 1 or len(pieces) == 1:
        parts = []
        for p in pieces:

            def tick(n: int) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(done, total)

            parts.append(run_chunk(scenario, policies, p, difficulty, tick, hard_rollouts))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_worker, (scenario.path, policies, p, difficulty, hard_rollouts)) for p in pieces]
            parts = []
            for f in futures:
                parts.append(f.result())
                done += scenario.rules.turn_limit
                if progress:
                    progress(done, total)
    out = BatchResult.concat(parts)
    out.elapsed_s = time.perf_counter() - t0
    return out
