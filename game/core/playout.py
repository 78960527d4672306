"""Whole games in a batch: random legal orders and playouts.

Random orders are the floor every AI must beat and the engine's test load:
each actor gives up to ``max_orders`` orders chosen uniformly among its legal
options that still fit its budget (a keyed draw, so a game of a batch gets the
same orders as the same game alone).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from game.core.engine import no_orders, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.legal import legality
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


def random_orders(
    rules: Rules,
    state: State,
    actors: np.ndarray | None = None,
    pass_chance: float = 0.15,
    stream: int = int(Stream.AI),
    codes: np.ndarray | None = None,
) -> np.ndarray:
    """Uniformly random legal orders ``[B, A, K]`` for the given actors (all by default).

    ``codes`` is the legality of every option in ``state`` if already known.
    """
    B, A, K = state.batch, rules.n_actors, rules.max_orders
    orders = no_orders(rules, B)
    table = option_table(rules)
    acts = np.arange(A) if actors is None else np.asarray(actors, np.int64)
    if len(acts) == 0 or table.shape[1] == 0:
        return orders
    if codes is None:
        codes = legality(rules, state)
    sub = table[acts]  # [n, M]
    valid = sub >= 0
    safe = np.maximum(sub, 0)
    legal = (codes[:, safe] == 0) & valid[None]  # [B, n, M]
    cost = np.where(valid, rules.opt_cost[safe], 0)[None]  # [1, n, M]
    left = state.budget[:, acts].copy()
    n = len(acts)
    for k in range(K):
        ok = legal & (cost <= left[:, :, None] + 1e-9)
        count = ok.sum(axis=2)
        u = uniform(state.seed[:, None], state.turn, stream, k, acts[None, :], np.arange(2)[:, None, None])
        j = np.minimum((u[0] * count).astype(np.int64), np.maximum(count - 1, 0))
        pick = (np.cumsum(ok, axis=2, dtype=np.int16) > j[:, :, None]).argmax(axis=2)
        has = (count > 0) & (u[1] >= pass_chance)
        chosen = np.where(has, sub[np.arange(n)[None, :], pick], -1)
        orders[:, acts, k] = chosen
        left -= np.where(has, rules.opt_cost[np.maximum(chosen, 0)], 0)
        np.put_along_axis(
            legal, pick[:, :, None], np.take_along_axis(legal, pick[:, :, None], axis=2) & ~has[:, :, None], axis=2
        )
    return orders


def play(
    rules: Rules,
    seed: int = 0,
    batch: int = 1,
    orders_fn: OrdersFn | None = None,
    ledger: Ledger | None = None,
    seeds: np.ndarray | None = None,
) -> State:
    """Play whole games to the end; ``orders_fn`` gives each turn's orders."""
    state = start_game(rules, seed, batch, seeds, ledger).state
    while not state.over.all():
        if orders_fn is None:
            codes = legality(rules, state)
            state = resolve_turn(rules, state, random_orders(rules, state, codes=codes), ledger, codes=codes).state
        else:
            state = resolve_turn(rules, state, orders_fn(rules, state), ledger).state
    return state
