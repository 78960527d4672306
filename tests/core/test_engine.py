"""Engine properties: determinism, batch = alone, invariants, the ledger."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import scenario

from game.core.conditions import QUANTITIES
from game.core.engine import check_orders, legality, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.playout import play, random_orders
from game.core.state import State
from game.scenario.loader import load, shipped

SCENARIOS = [sid for sid, _ in shipped()]


def assert_same(a: State, b: State, row_a: int = 0, row_b: int = 0) -> None:
    for name, arr in a.arrays().items():
        other = getattr(b, name)
        assert np.array_equal(arr[row_a], other[row_b]), name
    # A batch goes on while any of its games does; a game over is frozen (its end_turn compared above).
    assert a.turn == b.turn or (a.over[row_a] and b.over[row_b])


@pytest.mark.parametrize("batch", [1, 7, 64])
def test_any_game_of_a_batch_is_bit_identical_to_the_same_game_alone(batch: int) -> None:
    """A batch of N games with seeds S..S+N-1 and random legal orders: every
    game, replayed alone with its own seed, ends in exactly the same state."""
    rules = load("tutorial").rules
    together = play(rules, seed=100, batch=batch)
    for k in sorted({0, batch // 2, batch - 1}):
        alone = play(rules, seeds=together.seed[k : k + 1])
        assert_same(together, alone, k, 0)


def test_a_turn_resolved_in_place_ends_as_one_resolved_on_a_copy() -> None:
    """A batch of simulations resolves its turns in place (no copy of the state): every turn ends in the same
    state, to the bit, as when the input state is kept, and games already over stay exactly as they were."""
    rules = load("bosnia-1995").rules
    copied = start_game(rules, seed=5, batch=40).state
    moved = copied.copy()
    ended_early = False
    while not copied.over.all():
        orders = random_orders(rules, copied)
        before = copied.copy()
        kept_input = copied
        copied = resolve_turn(rules, kept_input, orders).state
        result = resolve_turn(rules, moved, orders, in_place=True).state
        assert result is moved
        for k in range(copied.batch):
            assert_same(before, kept_input, k, k)  # the copying form leaves its input as it was
            assert_same(copied, moved, k, k)
        if before.over.any() and not before.over.all():
            ended_early = True
            for k in np.flatnonzero(before.over):
                assert_same(before, moved, k, k)
    assert ended_early, "some games must end before others for the frozen games to be checked"


def test_same_seed_and_orders_give_the_same_game_and_ledger() -> None:
    rules = load("tutorial").rules
    runs = []
    for _ in range(2):
        ledger = Ledger()
        state = play(rules, seed=42, ledger=ledger)
        runs.append((state, [(e.turn, e.quantity, e.subject, e.delta, e.cause.text) for e in ledger.entries]))
    assert_same(runs[0][0], runs[1][0])
    assert runs[0][1] == runs[1][1]


def test_different_seeds_give_different_games() -> None:
    rules = load("tutorial").rules
    s = play(rules, seed=1, batch=20)
    assert len({tuple(np.round(s.stability[k], 6)) for k in range(20)}) > 10


@pytest.mark.parametrize("sid", SCENARIOS)
def test_random_playout_keeps_every_invariant(sid: str) -> None:
    """Every shipped scenario: 40 games of random legal orders to the end.
    After every turn: values within their ranges, no NaN, no rejected order,
    the input state unchanged, and finished games frozen."""
    rules = load(sid).rules
    state = start_game(rules, seed=7, batch=40).state
    turns = 0
    while not state.over.all():
        orders = random_orders(rules, state)
        before = state.copy()
        res = resolve_turn(rules, state, orders)
        assert not res.rejected, [(r.actor, rules.option_label(r.option), r.text) for r in res.rejected]
        assert_unchanged(before, state)
        new = res.state
        for q in QUANTITIES.values():
            if q.table in ("global",) and q.name == "turn":
                continue
            arr = getattr(new, q.field).astype(np.float64)
            if arr.size == 0:
                continue
            assert not np.isnan(arr).any(), q.name
            assert arr.min() >= q.lo - 1e-9 and arr.max() <= q.hi + 1e-9, q.name
        for name, arr in new.arrays().items():
            if state.over.any():
                assert np.array_equal(arr[state.over], getattr(state, name)[state.over]), name
        state = new
        turns += 1
        assert turns <= rules.turn_limit
    assert (state.outcome > 0).all()
    assert (state.end_turn >= 1).all() and (state.end_turn <= rules.turn_limit).all()


def assert_unchanged(a: State, b: State) -> None:
    for name, arr in a.arrays().items():
        assert np.array_equal(arr, getattr(b, name)), f"input state changed: {name}"


def test_ledger_accounts_for_every_change() -> None:
    """For a recorded game, each value's start plus the sum of its ledger
    entries equals its end: nothing changes without a recorded cause."""
    rules = load("tutorial").rules
    for seed in range(5):
        ledger = Ledger()
        start = start_game(rules, seed, ledger=Ledger()).state
        end = play(rules, seed=seed, ledger=ledger)
        for q in (
            "leverage",
            "reputation",
            "support",
            "strength",
            "readiness",
            "stability",
            "need",
            "relations",
            "progress",
            "trust",
            "forces",
            "peacekeepers",
            "tension",
            "reconstruction",
        ):
            spec = QUANTITIES[q]
            arr0 = getattr(start, spec.field)[0].astype(np.float64).copy()
            for e in ledger.entries:
                if e.quantity == q:
                    if spec.table == "global":
                        arr0 = arr0 + e.delta
                    else:
                        arr0[e.subject] += e.delta
            final = getattr(end, spec.field)[0]
            assert np.allclose(arr0, final, atol=1e-6), q


def test_check_orders_rejects_with_reasons_and_keeps_legal_ones() -> None:
    rules = scenario().rules
    s = start_game(rules, 0).state
    orders = np.full((1, rules.n_actors, rules.max_orders), -1, np.int64)
    red = rules.actor_index("red")
    legal = [o for o, c in zip(rules.options_of(red), legality(rules, s, rules.options_of(red))[0]) if c == 0]
    orders[0, red, 0] = legal[0]
    orders[0, red, 1] = legal[0]  # duplicate
    orders[0, red, 2] = rules.options_of(rules.actor_index("blue"))[0]  # not Red's
    clean, rejected = check_orders(rules, s, orders)
    assert clean[0, red, 0] == legal[0]
    assert clean[0, red, 1] == -1 and clean[0, red, 2] == -1
    assert {r.text for r in rejected} == {"already ordered this turn", "not an action of this actor"}


def test_core_imports_only_numpy_and_stdlib() -> None:
    """game.core never imports pygame, yaml, pydantic or file I/O helpers;
    only game/gui imports pygame."""
    import ast
    import sys

    root = Path(__file__).resolve().parents[2] / "game"
    stdlib = set(sys.stdlib_module_names)
    forbidden_in_core = {
        "io",
        "os",
        "pathlib",
        "shutil",
        "tempfile",
        "json",
        "pickle",
        "sqlite3",
        "socket",
        "subprocess",
    }
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mods = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                mods.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                mods.add(node.module.split(".")[0])
        rel = path.relative_to(root)
        if rel.parts[0] == "core":
            full = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    full.add(node.module)
                elif isinstance(node, ast.Import):
                    full.update(a.name for a in node.names)
            bad = {m for m in mods if m not in stdlib and m not in ("numpy", "game")}
            assert not bad, f"{rel} imports {bad}"
            assert not (mods & forbidden_in_core), f"{rel} imports {mods & forbidden_in_core}"
            assert all(not m.startswith("game.") or m.startswith("game.core") for m in full), (
                f"{rel} imports outside game.core"
            )
            assert "open" not in {
                n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            }, f"{rel} opens files"
        if rel.parts[0] != "gui":
            assert "pygame" not in mods and "pygame_gui" not in mods, f"{rel} imports pygame"


def test_every_kind_of_action_has_its_legality_grid_and_its_resolver():
    """The action registry is explicit: a new Kind without its grid or its
    resolver fails here, not in the middle of a game."""
    from game.core.actions import REGISTRY
    from game.core.spec import Kind

    assert set(REGISTRY) == set(Kind)
    assert all(rule.resolve.__name__ == f"resolve_{k.value}" for k, rule in REGISTRY.items())
    assert all(rule.grid.__name__ == f"grid_{k.value}" for k, rule in REGISTRY.items() if k != Kind.CUSTOM)
    assert REGISTRY[Kind.CUSTOM].grid is None  # a scenario's own action is checked by its own conditions
    # One module per family owns both halves of each of its kinds.
    assert all(rule.grid.__module__ == rule.resolve.__module__ for k, rule in REGISTRY.items() if k != Kind.CUSTOM)
