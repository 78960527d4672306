"""What an actor can see (fog of war, rule 8).

Leverage, reputation, stability, control, relations and talks are public.
An actor's strength, readiness, domestic support and budget are hidden from
others: they see an estimate, off by up to ``fog_error`` points (a keyed
draw, fixed for the turn). Allies see each other exactly, and so does an
actor with current intelligence on another.
"""

from __future__ import annotations

import numpy as np

from game.core.actions import allied
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


def estimate(rules: Rules, state: State, viewer: int, quantity: str) -> np.ndarray:
    """``[B, A]`` values of a hidden quantity as the viewer sees them."""
    true = getattr(state, quantity).astype(np.float64)
    err = rules.p("fog_error")
    noise = (uniform(state.seed[:, None], state.turn, int(Stream.OBSERVE), viewer, HIDDEN.index(quantity), np.arange(rules.n_actors)[None, :]) * 2.0 - 1.0) * err
    hi = 30.0 if quantity == "budget" else 100.0
    guess = np.clip(np.round((true + noise) / 5.0) * 5.0, 0.0, hi)
    return np.where(sees(rules, state, viewer), true, guess)


def estimate_at(rules: Rules, state: State, rows: np.ndarray, viewer: np.ndarray, subject: np.ndarray, quantity: str) -> np.ndarray:
    """Per element: ``quantity`` of ``subject`` as ``viewer`` sees it (same
    numbers as :func:`estimate`)."""
    true = getattr(state, quantity)[rows, subject].astype(np.float64)
    exact = (viewer == subject) | (state.intel[rows, viewer, subject] > 0) | allied(state, rows, viewer, subject)
    err = rules.p("fog_error")
    noise = (uniform(state.seed[rows], state.turn, int(Stream.OBSERVE), viewer, HIDDEN.index(quantity), subject) * 2.0 - 1.0) * err
    hi = 30.0 if quantity == "budget" else 100.0
    guess = np.clip(np.round((true + noise) / 5.0) * 5.0, 0.0, hi)
    return np.where(exact, true, guess)


def view(rules: Rules, state: State, viewer: int) -> State:
    """A copy of the state as the viewer sees it: hidden values replaced by estimates."""
    v = state.copy()
    for q in HIDDEN:
        setattr(v, q, estimate(rules, state, viewer, q))
    return v
