"""What an actor can see (fog of war, rule 8).

Leverage, reputation, stability, control, relations and talks are public.
An actor's strength, readiness, domestic support and budget are hidden from
others: they see an estimate, off by up to ``fog_error`` points (a fifth of
that for a budget; a keyed draw, fixed for the turn). Allies see each other exactly, and so does an
actor with current intelligence on another.
"""

from __future__ import annotations

import numpy as np

from game.core.conditions import BUDGET_MAX
from game.core.derived import allied
from game.core.rng import Stream, uniform
from game.core.spec import Rules
from game.core.state import State

HIDDEN = ("strength", "readiness", "support", "budget")


def sees(rules: Rules, state: State, viewer: int) -> np.ndarray:
    """``[B, A]``: whether the viewer sees each actor's hidden values exactly."""
    B = state.batch
    rows = np.arange(B)
    out = np.zeros((B, rules.n_actors), bool)
    for t in range(rules.n_actors):
        out[:, t] = (t == viewer) | (state.intel[:, viewer, t] > 0) | allied(state, rows, viewer, t)
    return out


def _scale(rules: Rules, quantity: str) -> tuple[float, float, float]:
    """How far off an estimate of ``quantity`` can be, the step it is rounded
    to, and the top of its range: a budget (a few points a turn) is guessed to
    the point, within a fifth of ``fog_error``; the 0–100 values to the
    nearest five, within ``fog_error``."""
    err = rules.p("fog_error")
    return (0.2 * err, 1.0, float(BUDGET_MAX)) if quantity == "budget" else (err, 5.0, 100.0)


def estimate(rules: Rules, state: State, viewer: int, quantity: str) -> np.ndarray:
    """``[B, A]`` values of a hidden quantity as the viewer sees them."""
    B, A = state.batch, rules.n_actors
    rows = np.repeat(np.arange(B), A)
    subject = np.tile(np.arange(A), B)
    return estimate_at(rules, state, rows, np.full(B * A, viewer), subject, quantity).reshape(B, A)


def estimate_at(
    rules: Rules, state: State, rows: np.ndarray, viewer: np.ndarray, subject: np.ndarray, quantity: str
) -> np.ndarray:
    """Per element: ``quantity`` of ``subject`` as ``viewer`` sees it."""
    true = getattr(state, quantity)[rows, subject].astype(np.float64)
    exact = (viewer == subject) | (state.intel[rows, viewer, subject] > 0) | allied(state, rows, viewer, subject)
    err, step, hi = _scale(rules, quantity)
    noise = (
        uniform(state.seed[rows], state.turn, int(Stream.OBSERVE), viewer, HIDDEN.index(quantity), subject) * 2.0 - 1.0
    ) * err
    guess = np.clip(np.round((true + noise) / step) * step, 0.0, hi)
    return np.where(exact, true, guess)


def view(rules: Rules, state: State, viewer: int) -> State:
    """A copy of the state as the viewer sees it: hidden values replaced by estimates."""
    v = state.copy()
    for q in HIDDEN:
        setattr(v, q, estimate(rules, state, viewer, q))
    return v


def belief(rules: Rules, state: State, viewer: int, rows: np.ndarray, draw: np.ndarray) -> State:
    """Games as ``viewer`` may believe they are, for playouts: game ``rows[i]``
    of ``state`` with every hidden value the viewer does not see exactly
    drawn within ``fog_error`` of the viewer's estimate (one keyed draw per
    ``draw[i]``); what it sees exactly, and every public value, is as is.
    Hidden values it cannot see never enter a playout."""
    seen = view(rules, state, viewer).take(rows)
    exact = sees(rules, state, viewer)[rows]
    actors = np.arange(rules.n_actors)[None, :]
    for k, q in enumerate(HIDDEN):
        est = getattr(seen, q).astype(np.float64)
        err, _, hi = _scale(rules, q)
        noise = (
            uniform(
                state.seed[rows][:, None],
                state.turn,
                int(Stream.OBSERVE),
                viewer,
                len(HIDDEN) + k,
                draw[:, None],
                actors,
            )
            * 2.0
            - 1.0
        ) * err
        drawn = np.where(exact, getattr(state, q)[rows], np.clip(est + noise, 0.0, hi))
        setattr(seen, q, drawn.astype(getattr(state, q).dtype))
    return seen
