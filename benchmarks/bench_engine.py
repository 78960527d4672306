"""Engine throughput: game-turns per second with random legal orders.

Usage: python benchmarks/bench_engine.py [SCENARIO] [--batch N ...]

Prints, for a batch of 1 and a batch of 10,000 games (or the sizes given),
the game-turns resolved per second (orders included) and the speed-up the
batch gives over playing the games one at a time.
"""

from __future__ import annotations

import argparse
import time

from game.core.engine import resolve_turn, start_game
from game.core.legal import legality
from game.core.playout import random_orders
from game.scenario.loader import load


def run(rules, batch: int, seed: int = 1) -> tuple[int, float]:
    state = start_game(rules, seed, batch).state
    turns = 0
    t0 = time.perf_counter()
    while not state.over.all():
        codes = legality(rules, state)
        orders = random_orders(rules, state, codes=codes)
        live = int((~state.over).sum())
        state = resolve_turn(rules, state, orders, codes=codes).state
        turns += live
    return turns, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="gulf-1990")
    ap.add_argument("--batch", type=int, nargs="*", default=[1, 10_000])
    ap.add_argument("--singles", type=int, default=20, help="games played one at a time for the batch-of-1 figure")
    args = ap.parse_args()
    rules = load(args.scenario).rules
    print(
        f"scenario {args.scenario}: {rules.n_actors} actors, {rules.n_regions} regions, "
        f"{len(rules.options)} options, {rules.turn_limit} turns"
    )
    rates = {}
    for b in args.batch:
        if b == 1:
            total_t, total_s = 0, 0.0
            for k in range(args.singles):
                t, s = run(rules, 1, seed=1 + k)
                total_t += t
                total_s += s
            rates[b] = total_t / total_s
            print(f"batch of 1 ({args.singles} games one at a time): {rates[b]:10.0f} game-turns/s")
        else:
            t, s = run(rules, b)
            rates[b] = t / s
            print(f"batch of {b}: {t} game-turns in {s:.2f} s = {rates[b]:10.0f} game-turns/s")
    if 1 in rates:
        for b, v in rates.items():
            if b != 1:
                print(f"batch of {b} is {v / rates[1]:.0f}x the throughput of one game at a time")


if __name__ == "__main__":
    main()
