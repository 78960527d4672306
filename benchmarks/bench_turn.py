"""Where one turn of a large batch spends its time: legality, the standard AI's decision, resolution.

Usage: python benchmarks/bench_turn.py [--scenario gulf-1990] [--games 5000] [--turns 3,6,10] [--repeat 8]

Plays ``--games`` games of the scenario with the standard AI for every actor up to the given turns, keeps the state
at the start of each, then times on each kept state, ``--repeat`` times, the legality grids (with every option's
code), the standard AI's decision for every actor, and the turn's resolution, and prints for each part the least
CPU time (``time.process_time``) over the repeats, summed over the kept turns.

The same state is played again and again, and the least time kept: on a machine shared with other work this moves
far less than the time of whole runs, so changes of a few per cent show. Compare two versions of the code by running
them at the same time, each with its own copy of the tree, so both meet the same load.
"""

from __future__ import annotations

import argparse
import time

from game.ai import BatchPolicy
from game.core.engine import resolve_turn, start_game
from game.core.legal import codes_from_grids, legality_grids
from game.core.rng import game_seeds
from game.scenario.difficulty import rules_for
from game.scenario.loader import load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="gulf-1990")
    ap.add_argument("--games", type=int, default=5000)
    ap.add_argument("--turns", default="3,6,10", help="turns whose starting state is timed (comma-separated)")
    ap.add_argument("--repeat", type=int, default=8)
    args = ap.parse_args()

    sc = load(args.scenario)
    rules = rules_for(sc, (), "normal")
    policy = BatchPolicy(sc, rules, {a: "standard" for a in range(rules.n_actors)})
    wanted = sorted({int(t) for t in args.turns.split(",")})
    state = start_game(rules, seeds=game_seeds(1, args.games)).state
    kept = []
    while wanted and state.turn <= max(wanted) and not state.over.all():
        if state.turn in wanted:
            kept.append(state.copy())
        grids = legality_grids(rules, state)
        codes = codes_from_grids(rules, state, grids)
        orders, _ = policy(state, codes, grids=grids)
        state = resolve_turn(rules, state, orders, codes=codes).state

    parts = ("legality", "decision", "resolution")
    total = dict.fromkeys(parts, 0.0)
    for kept_state in kept:
        best = dict.fromkeys(parts, float("inf"))
        for _ in range(args.repeat):
            s = kept_state.copy()
            t0 = time.process_time()
            grids = legality_grids(rules, s)
            codes = codes_from_grids(rules, s, grids)
            t1 = time.process_time()
            orders, _ = policy(s, codes, grids=grids)
            t2 = time.process_time()
            resolve_turn(rules, s, orders, codes=codes)
            t3 = time.process_time()
            for name, dt in zip(parts, (t1 - t0, t2 - t1, t3 - t2)):
                best[name] = min(best[name], dt)
        for name in parts:
            total[name] += best[name]
    turns = ", ".join(str(s.turn) for s in kept)
    print(f"{args.scenario}: {args.games} games, turns {turns}, least CPU of {args.repeat} runs, summed over the turns")
    for name in parts:
        print(f"  {name:<11} {1000 * total[name]:8.0f} ms")
    print(f"  {'whole turn':<11} {1000 * sum(total.values()):8.0f} ms")


if __name__ == "__main__":
    main()
