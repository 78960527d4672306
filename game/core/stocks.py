"""Stocks, not gifts: the baselines values drift back to, and their limits.

An order can move a value at once, but what a value is *worth* comes from
the situation. Each turn:

* **leverage** closes part of the gap to its baseline: its value at the
  start of the scenario, moved by what changed since in the actor's
  capability — forces deployed in regions, strength, reputation, regions
  held beyond its own, sanctions on it, force authorised against it, its
  allies' strength. A show of force lifts leverage for a while; forces that
  stay lift it for as long as they stay; a deploy-and-withdraw loop gains
  nothing;
* **reputation** and **support** drift back towards their starting values;
* **stability** is capped while a region is occupied or its need is high;
* **world tension** does not fall below a floor while a region is occupied,
  uninvited forces stand anywhere, or fighting goes on;
* an order given again and again yields less each time (``recent``).

Every number lives in ``game/data/rules.yaml``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from game.core.derived import occupied, uninvited
from game.core.spec import Rules
from game.core.state import State, new_state


def sanctions_weight(rules: Rules, s: State) -> np.ndarray:
    """``[B, A]``: how hard sanctions bite on each actor (one sanctioner = 1;
    several add up as the square root of their number; the Council's count more)."""
    n = s.sanctions.sum(axis=1).astype(np.float64)
    return np.sqrt(n) + np.where(s.un_sanctions, rules.p("un_sanctions_weight"), 0.0)


def _capability(rules: Rules, s: State) -> dict[str, np.ndarray]:
    """The parts of each actor's position that leverage follows, ``[B, A]`` each."""
    held = np.zeros(s.leverage.shape)
    occ = occupied(rules, s)
    A = s.forces.shape[1]
    for a in range(A):
        held[:, a] = (occ & (s.control == a)).sum(axis=1)
    allies = s.allied_matrix()
    return {
        "forces": s.forces.sum(axis=2),
        "strength": s.strength,
        "reputation": s.reputation,
        "held": held,
        "sanctions": sanctions_weight(rules, s),
        "mandate": -s.mandate_force.astype(np.float64),
        "allies": np.einsum("bij,bj->bi", allies.astype(np.float64), s.strength),
    }


_WEIGHT = {
    "forces": "leverage_forces",
    "strength": "leverage_strength",
    "reputation": "leverage_reputation",
    "held": "leverage_held",
    "sanctions": "sanctions_leverage",
    "mandate": "leverage_mandate",
    "allies": "leverage_allies",
}


@lru_cache(maxsize=32)
def _start(rules: Rules) -> dict[str, np.ndarray]:
    """The capability parts at the start of the scenario, ``[A]`` each."""
    return {k: v[0] for k, v in _capability(rules, new_state(rules)).items()}


def leverage_parts(rules: Rules, s: State) -> dict[str, np.ndarray]:
    """``[B, A]`` per part: how far it moves the leverage baseline from the start."""
    now, start = _capability(rules, s), _start(rules)
    return {k: rules.p(_WEIGHT[k]) * (now[k] - start[k][None, :]) for k in now}


def leverage_baseline(rules: Rules, s: State) -> np.ndarray:
    """``[B, A]``: what each actor's position is worth in leverage now."""
    base = np.broadcast_to(np.asarray(rules.initial.leverage, np.float64), s.leverage.shape).copy()
    for part in leverage_parts(rules, s).values():
        base += part
    return np.clip(base, 0.0, 100.0)


PART_WORDS = {
    "forces": "forces deployed",
    "strength": "strength",
    "reputation": "standing",
    "held": "ground held",
    "sanctions": "sanctions",
    "mandate": "force authorised against it",
    "allies": "allies",
}


def baseline_words(rules: Rules, s: State, game: int, actor: int) -> str:
    """The two parts that move an actor's leverage baseline most, in words."""
    parts = sorted(((float(v[game, actor]), k) for k, v in leverage_parts(rules, s).items()), key=lambda x: -abs(x[0]))
    words = [f"{PART_WORDS[k]} {v:+.0f}" for v, k in parts[:2] if abs(v) >= 0.5]
    return ", ".join(words)


def tension_floor(rules: Rules, s: State) -> np.ndarray:
    """``[B]``: world tension cannot ease below this while occupation,
    uninvited forces or fighting persist."""
    p = rules.p
    occ = occupied(rules, s).any(axis=1)
    uninv = uninvited(rules, s).any(axis=(1, 2))
    floor = np.maximum(np.where(occ, p("tension_occupation"), 0.0), np.where(uninv, p("tension_uninvited"), 0.0))
    fights = (s.violence > 0).sum(axis=1)
    return np.minimum(floor + p("tension_fighting") * fights, 100.0)


def occupation_wear(rules: Rules, s: State) -> np.ndarray:
    """``[B, R]``: the share of the occupation's cost (``occupation_support``, ``occupation_reputation``) its holder
    bears each turn in each region it occupies (0 where nobody occupies it): all of it for an occupier with leverage
    40 or less, ``occupation_relief`` less for one at 100 (a strong occupier can keep a garrison and ride out the
    bill and the isolation longer)."""
    occ = occupied(rules, s)
    relief = rules.p("occupation_relief")
    if relief == 0:
        return occ.astype(np.float64)
    holder = np.maximum(s.control, 0)
    lev = np.take_along_axis(s.leverage, holder, axis=1)
    share = 1.0 - relief * np.clip((lev - 40.0) / 60.0, 0.0, 1.0)
    return np.where(occ, share, 0.0)


def support_at_end(rules: Rules, s: State) -> np.ndarray:
    """``[B, A]``: each actor's support at home at the end of the game if nothing changed but what wears on it every
    turn — the occupations it holds (:func:`occupation_wear`), the sanctions on it and those it imposes — and its
    drift back to where it began."""
    p = rules.p
    A = rules.n_actors

    def compute() -> np.ndarray:
        wear = occupation_wear(rules, s)  # [B, R]
        holds = s.control[:, None, :] == np.arange(A)[None, :, None]  # [B, A, R]
        per_turn = p("occupation_support") * (holds * wear[:, None, :]).sum(axis=2)
        per_turn = per_turn + p("sanctions_support") * sanctions_weight(rules, s)
        per_turn = per_turn + p("sanctions_cost_support") * s.sanctions.sum(axis=2)
        start = np.asarray(rules.initial.support, np.float64)[None, :]
        sup = s.support.astype(np.float64).copy()
        for _ in range(max(rules.turn_limit - s.turn + 1, 0)):
            sup = np.clip(sup + per_turn + p("support_drift") * (start - sup), 0.0, 100.0)
        return sup

    inputs = (s.support, s.control, s.leverage, s.sanctions, s.un_sanctions, s.consent, s.allied_matrix())
    return s.derive(("support_at_end", rules, s.turn), inputs, compute)


def stability_cap(rules: Rules, s: State) -> np.ndarray:
    """``[B, R]``: the most stability a region can hold in its situation."""
    cap = 100.0 - rules.p("stability_need_cap") * s.need
    return np.where(occupied(rules, s), np.minimum(cap, rules.p("stability_occupied_cap")), cap)


def fatigue(rules: Rules, s: State, rows: np.ndarray, options: np.ndarray) -> np.ndarray:
    """Per order: the share of its gains it still yields (1 when not given
    lately): less when the same order was given lately, and somewhat less
    when the same action was, whatever its target."""
    # Read through flat positions: the same values, gathered faster than by a pair of index arrays.
    width, (_, A, N) = s.recent.shape[1], s.recent_action.shape
    same = s.recent.reshape(-1)[rows * width + options].astype(np.float64)
    at = (rows * A + rules.opt_actor[options]) * N + rules.opt_action[options]
    action = s.recent_action.reshape(-1)[at].astype(np.float64)
    return 1.0 / (1.0 + rules.p("fatigue_weight") * same + rules.p("fatigue_action_weight") * (action - same))
