"""Whole games in a batch: random legal orders and playouts.

Random orders are the floor every AI must beat and the engine's test load:
each actor gives up to ``max_orders`` orders chosen uniformly among its legal
options that still fit its budget (a keyed draw, so a game of a batch gets the
same orders as the same game alone).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

import numpy as np

from game.core.engine import legality, no_orders, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.rng import Stream, uniform
from game.core.spec import Rules
from game.core.state import State

OrdersFn = Callable[[Rules, State], np.ndarray]


@lru_cache(maxsize=32)
def _option_table(rules: Rules) -> np.ndarray:
    """``[A, M]`` option indices per actor, padded with -1."""
    per = [rules.options_of(a) for a in range(rules.n_actors)]
    m = max((len(p) for p in per), default=0)
    table = np.full((rules.n_actors, max(m, 1)), -1, np.int64)
    for a, p in enumerate(per):
        table[a, : len(p)] = p
    return table


def option_table(rules: Rules) -> np.ndarray:
    return _option_table(rules)


def random_orders(rules: Rules, state: State, actors: np.ndarray | None = None, pass_chance: float = 0.15, stream: int = int(Stream.AI)) -> np.ndarray:
    """Uniformly random legal orders ``[B, A, K]`` for the given actors (all by default)."""
    B, A, K = state.batch, rules.n_actors, rules.max_orders
    orders = no_orders(rules, B)
    table = option_table(rules)
    acts = np.arange(A) if actors is None else np.asarray(actors, np.int64)
    if len(acts) == 0 or table.shape[1] == 0:
        return orders
    flat = table[acts].reshape(-1)
    valid = flat >= 0
    opts = flat[valid]
    spent = np.zeros((B, A))
    for k in range(K):
        codes = legality(rules, state, opts, spent, orders)
        legal = np.zeros((B, len(flat)), bool)
        legal[:, valid] = codes == 0
        legal = legal.reshape(B, len(acts), table.shape[1])
        u = uniform(state.seed[:, None, None], state.turn, stream, k, acts[None, :, None], np.arange(table.shape[1])[None, None, :])
        score = np.where(legal, u, -1.0)
        pick = score.argmax(axis=2)
        has = score.max(axis=2) >= 0.0
        stop = uniform(state.seed[:, None], state.turn, stream, k, acts[None, :], 10_000) < pass_chance
        has &= ~stop
        chosen = np.where(has, table[acts][np.arange(len(acts))[None, :], pick], -1)
        orders[:, acts, k] = chosen
        spent[:, acts] += np.where(chosen >= 0, rules.opt_cost[np.maximum(chosen, 0)], 0)
    return orders


def play(rules: Rules, seed: int = 0, batch: int = 1, orders_fn: OrdersFn | None = None, ledger: Ledger | None = None, seeds: np.ndarray | None = None) -> State:
    """Play whole games to the end; ``orders_fn`` gives each turn's orders."""
    fn = orders_fn or (lambda r, s: random_orders(r, s))
    state = start_game(rules, seed, batch, seeds, ledger).state
    while not state.over.all():
        state = resolve_turn(rules, state, fn(rules, state), ledger).state
    return state
