"""What the balance gate tells a scenario's author besides the probes.

* **Coverage** (:func:`coverage`): which actions — built-in or the author's
  own — the standard AI never or almost never orders, and why: never open to
  it (with the commonest reason the engine refuses it), or open but worth
  less to it than what it chose (the value its predicted effects have for
  the AI, and the quantities that weigh against them).
* **Sensitivity** (:func:`sensitivity`): which starting values move each
  role's win rate the most — every role actor's leverage, reputation,
  strength and support, and every relation between a role actor and another
  actor, each moved a step up and a step down, played on the same seeds as
  the unchanged scenario.
"""

from __future__ import annotations

import dataclasses
import os
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

from game.ai import BatchPolicy
from game.core.engine import resolve_turn, start_game
from game.core.legal import codes_from_grids, legality_grids
from game.core.reasons import Reason, reason_text
from game.core.rng import game_seeds
from game.core.spec import Outcome, Rules
from game.scenario.compile import Scenario
from game.scenario.loader import load

RARE = 0.05
"""Orders a game below which an action counts as almost never chosen."""
SAMPLE = 16
"""Games of the batch in which the AI's valuation of every open option is recorded (for the reasons)."""


@dataclass
class Use:
    """How much one actor's AI orders one action, and why (not)."""

    actor: str
    action: str
    per_game: float
    open_share: float
    """Share of the actor's turns in which some target of the action was open to it."""
    refusal: str
    """The commonest reason the action was refused it ("" when it was open)."""
    value: float
    """Mean value to the AI of the action's best open target (sampled games), net of its price."""
    chosen: float
    """Mean value to the AI of the orders it did give in the same turns."""
    against: list[tuple[str, float]]
    """The predicted quantities that weigh most against the action's best target (summed values)."""

    passive: bool = False
    """The actor's personality gives no orders at all."""

    @property
    def reason(self) -> str:
        if self.passive:
            return "its personality is passive: it gives no orders"
        if self.open_share == 0.0:
            return f"never open to it: {self.refusal}"
        against = ", ".join(f"{q} {v:+.1f}" for q, v in self.against) or "nothing in particular"
        return (
            f"open in {100 * self.open_share:.0f}% of its turns, but its best target is worth {self.value:+.1f} to "
            f"the AI against {self.chosen:+.1f} for the orders it gives (weighing against: {against})"
        )


def coverage(scenario: Scenario, runs: int = 200, seed: int = 1) -> list[Use]:
    """Every (actor, action) the actor may order that its standard AI orders less than :data:`RARE` times a game."""
    r = scenario.rules
    A, X = r.n_actors, len(r.actions)
    policy = BatchPolicy(scenario, r, {a: "standard" for a in range(A)})
    std = policy.standard
    state = start_game(r, seeds=game_seeds(seed, runs)).state
    counts = np.zeros((A, X))
    open_turns = np.zeros((A, X))
    turns = np.zeros(A)
    refused: dict[tuple[int, int], Counter] = defaultdict(Counter)
    best_sum, best_n = np.zeros((A, X)), np.zeros((A, X))
    chosen_sum, chosen_n = np.zeros((A, X)), np.zeros((A, X))
    parts_sum: dict[tuple[int, int], Counter] = defaultdict(Counter)
    mine = [np.flatnonzero(r.opt_actor == a) for a in range(A)]
    sample = np.arange(min(SAMPLE, runs))
    while not state.over.all():
        live = ~state.over
        grids = legality_grids(r, state)
        codes = codes_from_grids(r, state, grids)
        orders, _ = policy(state, codes, grids=grids)
        turns += live.sum()
        for a in range(A):
            opts = mine[a]
            if not len(opts):
                continue
            acts = r.opt_action[opts]
            c = codes[:, opts][live]  # [n, m]
            ok = c == Reason.OK
            for x in np.unique(acts):
                cols = acts == x
                open_turns[a, x] += ok[:, cols].any(axis=1).sum()
                shut = c[:, cols][~ok[:, cols]]
                if shut.size:
                    refused[(a, x)].update(shut.tolist())
            given = orders[live, a]
            for o in given[given >= 0]:
                counts[a, r.opt_action[o]] += 1
        # The AI's valuation of every open option in the sampled games.
        g = sample[live[sample]]
        rows, opts = np.nonzero(codes[g] == Reason.OK)
        if len(rows):
            rows = g[rows]
            util, parts = std.evaluate(state, rows, opts, explain=True)
            me = r.opt_actor[opts]
            net = util - std.price[me] * r.opt_cost[opts]
            acts = r.opt_action[opts]
            given = {(int(b), int(o)) for b in g for o in orders[b].ravel() if o >= 0}
            is_given = np.array([(int(b), int(o)) in given for b, o in zip(rows, opts)])
            # The best option of each (game, actor, action), and the orders given.
            key = (rows * A + me) * X + acts
            order = np.lexsort((-net, key))
            first = np.r_[True, key[order][1:] != key[order][:-1]]
            best = order[first]
            np.add.at(best_sum, (me[best], acts[best]), net[best])
            np.add.at(best_n, (me[best], acts[best]), 1)
            for j in np.flatnonzero(is_given):
                chosen_sum[me[j], :] += net[j]
                chosen_n[me[j], :] += 1
            best_set = set(best.tolist())
            for ent, q, contrib, _ in parts:
                for e, v in zip(ent, contrib):
                    if int(e) in best_set:
                        parts_sum[(int(me[e]), int(acts[e]))][q] += float(v)
        state = resolve_turn(r, state, orders, codes=codes).state
    out = []
    for a in range(A):
        persona = std.personas.get(a)
        if persona is not None and persona.passive:
            if len(mine[a]):
                out.append(Use(r.actors[a].id, "(every action)", 0.0, 1.0, "", 0.0, 0.0, [], passive=True))
            continue
        for x in sorted({int(v) for v in r.opt_action[mine[a]]}):
            per_game = counts[a, x] / runs
            if per_game >= RARE:
                continue
            n = max(best_n[a, x], 1.0)
            weights = parts_sum[(a, x)]
            against = sorted(((q, v / n) for q, v in weights.items() if v < 0), key=lambda t: t[1])[:3]
            common = refused[(a, x)].most_common(1)
            out.append(
                Use(
                    r.actors[a].id,
                    r.actions[x].id,
                    per_game,
                    float(open_turns[a, x] / max(turns[a], 1.0)),
                    reason_text(common[0][0]) if common else "",
                    float(best_sum[a, x] / n),
                    float(chosen_sum[a, x] / max(chosen_n[a, x], 1.0)),
                    [(q, round(v, 2)) for q, v in against],
                )
            )
    return out


# ------------------------------------------------------------------ sensitivity
@dataclass
class Shift:
    """One starting value moved a step, and each role's win rate with it."""

    what: str
    step: float
    delta: dict[str, float]
    """Change of each role's win rate (percentage points) against the unchanged scenario, same seeds."""
    half: dict[str, float]
    """Half width of its 95% interval (paired outcomes)."""

    @property
    def largest(self) -> float:
        return max((abs(v) for v in self.delta.values()), default=0.0)


def perturbations(rules: Rules, step: float) -> list[tuple[str, str, tuple[int, ...], float]]:
    """(label, field, index, change): the role actors' values and the relations between a role actor and others."""
    out = []
    roles = sorted({ro.actor for ro in rules.roles})
    for a in roles:
        for q in ("leverage", "reputation", "strength", "support"):
            for sign in (1, -1):
                out.append((f"{q} of {rules.actors[a].id}", q, (a,), sign * step))
    for a in roles:
        for b in range(rules.n_actors):
            if b == a or (b in roles and b < a):
                continue
            for sign in (1, -1):
                label = f"relations {rules.actors[a].id}–{rules.actors[b].id}"
                out.append((label, "relations", (a, b), sign * step))
    return out


def _moved(rules: Rules, field: str, index: tuple[int, ...], change: float) -> Rules:
    arr = getattr(rules.initial, field).copy()
    hi = 100.0
    lo = -100.0 if field == "relations" else 0.0
    arr[index] = np.clip(arr[index] + change, lo, hi)
    if field == "relations":
        arr[index[::-1]] = np.clip(arr[index[::-1]] + change, lo, hi)
    return dataclasses.replace(rules, initial=dataclasses.replace(rules.initial, **{field: arr}))


def _wins(args: tuple) -> np.ndarray:
    path, field, index, change, seeds = args
    scenario = load(path)
    rules = scenario.rules if field is None else _moved(scenario.rules, field, index, change)
    policy = BatchPolicy(scenario, rules, {a: "standard" for a in range(rules.n_actors)})
    state = start_game(rules, seeds=seeds).state
    while not state.over.all():
        grids = legality_grids(rules, state)
        codes = codes_from_grids(rules, state, grids)
        orders, _ = policy(state, codes, grids=grids)
        state = resolve_turn(rules, state, orders, codes=codes).state
    return state.outcome == Outcome.WIN


def sensitivity(
    scenario: Scenario, runs: int = 100, seed: int = 1, step: float = 10.0, workers: int = 0
) -> list[Shift]:
    """Every perturbation, ranked by the largest change it makes to a role's win rate."""
    r = scenario.rules
    seeds = game_seeds(seed, runs)
    moves = perturbations(r, step)
    jobs = [(str(scenario.path), None, (), 0.0, seeds)] + [(str(scenario.path), f, i, c, seeds) for _, f, i, c in moves]
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        results = [_wins(j) for j in jobs]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_wins, jobs))
    base = results[0]
    ids = [r.actors[ro.actor].id for ro in r.roles]
    out = []
    for (label, _, _, change), won in zip(moves, results[1:]):
        d = won.astype(float) - base.astype(float)  # [runs, roles]
        mean = 100.0 * d.mean(axis=0)
        half = 100.0 * 1.96 * d.std(axis=0, ddof=1) / np.sqrt(len(d)) if len(d) > 1 else np.full(len(ids), np.inf)
        out.append(Shift(label, change, dict(zip(ids, mean.round(1).tolist())), dict(zip(ids, half.round(1).tolist()))))
    return sorted(out, key=lambda s: -s.largest)
