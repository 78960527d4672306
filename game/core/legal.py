"""Legality of every option, with the reason an option is unavailable.

Each kind of action has a *grid* function (in its family's module under
:mod:`game.core.actions`, listed in the registry) returning reason codes for
every actor and every target at once, as a ``[B, A, X]`` array (X: regions,
actors, tracks, or 1). Working on the state's natural tensors keeps the cost
of listing every legal option of thousands of games small. Reason codes
(:mod:`game.core.reasons`) are checked in a fixed order; the first that
applies is reported (0: legal). Here: the layout of options in the grids,
and the checks every option shares (budget, duplicates, slots, game over).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.core.actions import REGISTRY
from game.core.actions.common import CODE
from game.core.actions.custom import custom_codes, with_requirement
from game.core.conditions import TRUE
from game.core.ctx import Entries
from game.core.derived import SMALL, Derived, over_budget
from game.core.reasons import Reason
from game.core.spec import ActionSpec, Kind, Rules, Target
from game.core.state import State

__all__ = ["legality", "legal_entries", "legality_grids", "codes_from_grids", "option_layout"]


# --------------------------------------------------------------------- option layout
@lru_cache(maxsize=64)
def option_layout(rules: Rules) -> dict[int, tuple[np.ndarray, np.ndarray, int]]:
    """Per action: (option indices, flat grid positions actor*X + x, X)."""
    out: dict[int, tuple[np.ndarray, np.ndarray, int]] = {}
    for a_idx, act in enumerate(rules.actions):
        sel = np.nonzero(rules.opt_action == a_idx)[0]
        if not len(sel):
            continue
        X = _width(rules, act)
        x = _target_of(rules, act, sel)
        out[a_idx] = (sel, rules.opt_actor[sel] * X + x, X)
    return out


def _width(rules: Rules, act: ActionSpec) -> int:
    return {Target.REGION: rules.n_regions, Target.ACTOR: rules.n_actors, Target.TRACK: rules.n_tracks, Target.NONE: 1}[
        act.target
    ]


def _target_of(rules: Rules, act: ActionSpec, options: np.ndarray) -> np.ndarray:
    if act.target == Target.REGION:
        return rules.opt_region[options]
    if act.target == Target.ACTOR:
        return rules.opt_target[options]
    if act.target == Target.TRACK:
        return rules.opt_track[options]
    return np.zeros(len(options), np.int64)


# --------------------------------------------------------------------- public API
def action_codes(rules: Rules, s: State, a_idx: int, d: Derived | None = None) -> np.ndarray:
    """Reason codes ``[B, n]`` for every option of one action."""
    act = rules.actions[a_idx]
    sel, flat, X = option_layout(rules)[a_idx]
    if act.kind == Kind.CUSTOM:
        return custom_codes(rules, s, act, sel)
    grid = REGISTRY[act.kind].grid(rules, s, act, d or Derived(rules, s))
    return with_requirement(rules, s, act, sel, grid.reshape(s.batch, -1)[:, flat])


def legality_grids(rules: Rules, s: State) -> dict[int, np.ndarray]:
    """Reason codes of every action as ``[B, A, X]`` grids (action index ->
    grid); cells that are not options of the scenario hold NOT_YOURS."""
    d = Derived(rules, s)
    out: dict[int, np.ndarray] = {}
    for a_idx, (sel, flat, X) in option_layout(rules).items():
        act = rules.actions[a_idx]
        if act.kind == Kind.CUSTOM:
            grid = np.full((s.batch, rules.n_actors * X), int(Reason.NOT_YOURS), CODE)
            grid[:, flat] = custom_codes(rules, s, act, sel)
            out[a_idx] = grid.reshape(s.batch, rules.n_actors, X)
        else:
            grid = REGISTRY[act.kind].grid(rules, s, act, d)
            if act.requires is not TRUE:  # the scenario's own requirement on a default action
                cells = grid.reshape(s.batch, -1).copy()
                cells[:, flat] = with_requirement(rules, s, act, sel, cells[:, flat])
                grid = cells.reshape(grid.shape)
            out[a_idx] = grid
    return out


def codes_from_grids(rules: Rules, s: State, grids: dict[int, np.ndarray]) -> np.ndarray:
    """Reason codes ``[B, O]`` of every option, from :func:`legality_grids`
    (budget and game over included)."""
    if option_layout(rules):
        cells = np.concatenate([grids[a_idx].reshape(s.batch, -1) for a_idx in option_layout(rules)], axis=1)
        codes = np.take(cells, _option_cells(rules), axis=1)
    else:
        codes = np.zeros((s.batch, 0), CODE)
    return _finish(rules, s, codes, np.arange(len(rules.options)), None, None)


@lru_cache(maxsize=64)
def _option_cells(rules: Rules) -> np.ndarray:
    """Each option's column in the grids of :func:`legality_grids` laid side by side."""
    cells = np.full(len(rules.options), -1, np.int64)
    start = 0
    for sel, flat, X in option_layout(rules).values():
        cells[sel] = start + flat
        start += rules.n_actors * X
    assert (cells >= 0).all(), "every option belongs to an action's grid"
    return cells


def _finish(
    rules: Rules,
    state: State,
    codes: np.ndarray,
    options: np.ndarray,
    spent: np.ndarray | None,
    queued: np.ndarray | None,
) -> np.ndarray:
    B, n = codes.shape
    actor = rules.opt_actor[options]
    cost = rules.opt_cost[options]
    if spent is not None or (cost[None, :] > state.budget.min(axis=0)[actor][None, :]).any():
        if spent is not None:
            short = over_budget(state.budget[:, actor], spent[:, actor], cost[None, :])
        elif B <= SMALL:
            short = over_budget(state.budget[:, actor], 0.0, cost[None, :])
        else:
            short = _short(state.budget, actor, cost)
        codes[(codes == 0) & short] = int(Reason.BUDGET)
    if queued is not None:
        dup = np.zeros((B, n), bool)
        full_slots = np.ones((B, n), bool)
        for k in range(queued.shape[2]):
            q = queued[:, actor, k]
            dup |= q == options[None, :]
            full_slots &= q >= 0
        codes[(codes == 0) & dup] = int(Reason.DUPLICATE)
        codes[(codes == 0) & full_slots] = int(Reason.TOO_MANY)
    if state.over.any():
        codes[(codes == 0) & state.over[:, None]] = int(Reason.GAME_OVER)
    return codes


def _short(budget: np.ndarray, actor: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """``[B, n]``: each option costs more than its actor's whole budget (``over_budget`` with nothing spent), worked
    out once per actor and cost and then read for every option."""
    levels, level = np.unique(cost, return_inverse=True)
    B, A = budget.shape
    table = np.empty((B, A, len(levels)), bool)
    for i, c in enumerate(levels):
        table[:, :, i] = over_budget(budget, 0.0, c)
    return np.take(table.reshape(B, -1), actor * len(levels) + level.reshape(-1), axis=1)


def legality(
    rules: Rules,
    state: State,
    options: np.ndarray | None = None,
    spent: np.ndarray | None = None,
    queued: np.ndarray | None = None,
) -> np.ndarray:
    """Reason codes ``[B, n]`` for the given options (all by default); 0 is legal.

    ``spent`` ``[B, A]`` is the budget already committed this turn; ``queued``
    ``[B, A, K]`` the orders already queued (for duplicates and the slot limit).
    """
    B = state.batch
    all_opts = options is None
    options = np.arange(len(rules.options)) if all_opts else np.asarray(options, np.int64)
    n = len(options)
    codes = np.zeros((B, n), CODE)
    if n == 0:
        return codes
    d = Derived(rules, state)
    layout = option_layout(rules)
    acts = rules.opt_action[options]
    for a_idx in np.unique(acts):
        sel, _, _ = layout[int(a_idx)]
        full = action_codes(rules, state, int(a_idx), d)
        if all_opts:
            codes[:, sel] = full
        else:
            cols = np.nonzero(acts == a_idx)[0]
            pos = np.searchsorted(sel, options[cols])
            codes[:, cols] = full[:, pos]
    return _finish(rules, state, codes, options, spent, queued)


def legal_entries(rules: Rules, s: State, act_idx: int, e: Entries) -> np.ndarray:
    """Reason codes for particular orders of one action (rows may repeat)."""
    full = action_codes(rules, s, act_idx)
    sel = option_layout(rules)[act_idx][0]
    return full[e.rows, np.searchsorted(sel, e.option)]
