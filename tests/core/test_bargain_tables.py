"""The bargaining rules' tables (each side's strength in every region, effective
leverage, pressure, the terms each actor would offer) give, bit for bit, what
the rules give for one game and one actor at a time, and follow the state
when it changes."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.batch import run_chunk
from game.core import bargain
from game.core.derived import neighbour_slots, parties
from game.core.rng import game_seeds
from game.core.state import State
from game.scenario.loader import load


def side_forces_by_row(rules, s: State, rows, a, region) -> np.ndarray:
    """The rule, one (game, actor, region) per row: a side's forces there, plus
    reach times its undeployed pool, plus its forces next door, neighbour by
    neighbour in the region's own order."""
    allies = s.allied_matrix()[rows, a] | (np.arange(rules.n_actors)[None, :] == a[:, None])
    here = (s.forces[rows, :, region] * allies).sum(axis=1)
    pool = np.maximum(s.strength[rows] - s.forces[rows].sum(axis=2) - s.peacekeepers[rows].sum(axis=2), 0.0)
    here = here + rules.p("ground_reach") * (pool * allies).sum(axis=1)
    near = np.zeros(len(rows))
    slots = neighbour_slots(rules)[region]
    for j in range(slots.shape[1]):
        h = slots[:, j]
        near = np.where(h >= 0, near + (s.forces[rows, :, np.maximum(h, 0)] * allies).sum(axis=1), near)
    return here + rules.p("ground_neighbours") * near


def leverage_by_row(rules, s: State, rows, a) -> np.ndarray:
    allies = s.allied_matrix()[rows, a].astype(np.float64)
    shared = (allies * s.leverage[rows]).sum(axis=1)
    return np.minimum(s.leverage[rows, a] + rules.p("alliance_leverage_share") * shared, 100.0)


def states_of(sid: str, games: int = 12) -> list[State]:
    """The state at the start of every turn of a few games with the standard AI."""
    import game.ai.batch as batch

    seen: list[State] = []
    play = batch.resolve_turn

    def keep(rules, state, orders, **kw):
        seen.append(state)
        return play(rules, state, orders, **kw)

    sc = load(sid)
    batch.resolve_turn = keep
    try:
        run_chunk(sc, {a: "standard" for a in range(sc.rules.n_actors)}, game_seeds(3, games))
    finally:
        batch.resolve_turn = play
    return seen


@pytest.mark.parametrize("sid", ["gulf-1990", "bosnia-1995"])
def test_tables_are_the_rules_bit_for_bit(sid: str) -> None:
    rules = load(sid).rules
    rng = np.random.default_rng(1)
    for s in states_of(sid):
        B, A, R = s.forces.shape
        for n in (1, 5, 40):
            rows, a, g = rng.integers(0, B, n), rng.integers(0, A, n), rng.integers(0, R, n)
            got = bargain.side_forces(rules, s, rows, a, g)
            assert got.tobytes() == side_forces_by_row(rules, s, rows, a, g).tobytes()
            lev = bargain.effective_leverage(rules, s, rows, a)
            assert lev.tobytes() == leverage_by_row(rules, s, rows, a).tobytes()
        T = rules.n_tracks
        rows, k = rng.integers(0, B, 30), rng.integers(0, T, 30)
        p1, p2 = parties(rules)
        a = np.where(rng.random(30) < 0.5, p1[k], p2[k])
        fresh = s.copy()  # no tables kept yet: the terms computed row by row
        want = bargain.offer_terms(rules, fresh, rows, k, a).tobytes()
        assert bargain.offered(rules, s, rows, k, a).tobytes() == want
        assert bargain.offered(rules, s, rows[:1], k[:1], a[:1]).tobytes() == want[:8]


def test_tables_follow_changes_made_in_place() -> None:
    rules = load("gulf-1990").rules
    s = states_of("gulf-1990", games=3)[4]
    rows, a, g = np.array([0, 1, 2]), np.array([0, 1, 2]), np.array([0, 1, 2])
    before = bargain.side_forces(rules, s, rows, a, g).copy()
    B, T = s.batch, rules.n_tracks
    games, k = np.repeat(np.arange(B), T), np.tile(np.arange(T), B)
    terms = bargain.offered(rules, s, games, k, parties(rules)[0][k]).copy()
    s.forces[:, :, :] += 7.0
    s.leverage[:, :] *= 0.5
    assert not np.array_equal(bargain.side_forces(rules, s, rows, a, g), before)
    assert bargain.side_forces(rules, s, rows, a, g).tobytes() == side_forces_by_row(rules, s, rows, a, g).tobytes()
    assert bargain.effective_leverage(rules, s, rows, a).tobytes() == leverage_by_row(rules, s, rows, a).tobytes()
    after = bargain.offered(rules, s, games, k, parties(rules)[0][k])
    assert after.tobytes() == bargain.offer_terms(rules, s.copy(), games, k, parties(rules)[0][k]).tobytes()
    assert not np.array_equal(after, terms)


def test_the_terms_read_only_the_arrays_their_table_is_kept_by() -> None:
    """Changing any other array of the state leaves every offer's terms as they are."""
    rules = load("gulf-1990").rules
    s = states_of("gulf-1990", games=4)[6]
    B, T, A = s.batch, rules.n_tracks, rules.n_actors
    rows = np.repeat(np.arange(B), T * A)
    k = np.tile(np.repeat(np.arange(T), A), B)
    a = np.tile(np.arange(A), B * T)
    base = bargain.offer_terms(rules, s.copy(), rows, k, a)
    rng = np.random.default_rng(2)
    for name in s.arrays():
        if name in bargain.BARGAIN_INPUTS:
            continue
        other = s.copy()
        changed = getattr(other, name)
        if changed.dtype == bool:
            changed[...] = rng.random(changed.shape) < 0.5
        else:
            changed[...] = (rng.random(changed.shape) * 60).astype(changed.dtype)
        assert bargain.offer_terms(rules, other, rows, k, a).tobytes() == base.tobytes(), name
