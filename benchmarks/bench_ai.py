"""AI performance figures for issue 4.

Usage: python benchmarks/bench_ai.py [--runs 10000] [--workers 2] [--skip-batch] [--hard-all]

1. 10,000 games of the Gulf War scenario, standard AI for every actor,
   with the batch engine over all cores: wall time.
2. Batching pays: games per second in a batch of 10,000 versus the same
   engine playing games one at a time.
3. One interactive turn with every AI actor deciding (standard policy,
   reasons included): median and 90th percentile time.
4. The hard AI: rollout games per decision and seconds per decision
   (with --hard-all, on every role of every shipped scenario).
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from game.ai.batch import run_chunk, run_many
from game.core.rng import game_seeds
from game.scenario.loader import load, shipped
from game.session.game import Game


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default="gulf-1990")
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--singles", type=int, default=20)
    ap.add_argument("--skip-batch", action="store_true")
    ap.add_argument("--hard-turns", type=int, default=4, help="hard decisions timed per role")
    ap.add_argument("--hard-all", action="store_true", help="time the hard AI on every role of every shipped scenario")
    args = ap.parse_args()
    sc = load(args.scenario)
    r = sc.rules
    pol = {a: "standard" for a in range(r.n_actors)}
    print(f"scenario {args.scenario}: {r.n_actors} actors, {len(r.options)} options, {r.turn_limit} turns")

    if not args.skip_batch:
        res = run_many(sc, pol, args.runs, seed=1, workers=args.workers)
        print(
            f"[1] {args.runs} games, standard AI for every actor, {args.workers} processes: "
            f"{res.elapsed_s:.2f} s ({args.runs / res.elapsed_s:.0f} games/s); rejected AI orders: {res.rejected}"
        )
        batch_rate = args.runs / res.elapsed_s / args.workers
    else:
        t = time.perf_counter()
        run_chunk(sc, pol, game_seeds(1, 2000))
        batch_rate = 2000 / (time.perf_counter() - t)

    t = time.perf_counter()
    for k in range(args.singles):
        run_chunk(sc, pol, game_seeds(100 + k, 1))
    single_rate = args.singles / (time.perf_counter() - t)
    print(
        f"[2] one process: {batch_rate:.0f} games/s in a large batch vs {single_rate:.1f} games/s one at a time: "
        f"{batch_rate / single_rate:.0f}x"
    )

    times = []
    for seed in range(5):
        g = Game.new(sc, seed, humans=[])
        while not g.over:
            t = time.perf_counter()
            g.end_turn()
            times.append(time.perf_counter() - t)
    print(
        "[3] interactive turn, every AI actor deciding (standard, with reasons): "
        f"median {1000 * statistics.median(times):.1f} ms, "
        f"p90 {1000 * float(np.percentile(times, 90)):.1f} ms over {len(times)} turns"
    )

    from game.ai import BatchPolicy

    # The hard AI on every role of every shipped scenario, a few turns each.
    hard_times = {}
    for sid in [s for s, _ in shipped()] if args.hard_all else [args.scenario]:
        hsc = load(sid)
        for role in hsc.rules.roles:
            g = Game.new(hsc, 7, humans=[])
            bp = BatchPolicy(hsc, g.rules, {role.actor: "hard"})
            for _ in range(args.hard_turns):
                if g.over:
                    break
                t = time.perf_counter()
                bp(g.state)
                hard_times[(sid, hsc.rules.actors[role.actor].id, g.state.turn)] = time.perf_counter() - t
                g.end_turn()
            hp = bp._hard
    every = list(hard_times.values())
    slowest = max(hard_times, key=hard_times.get)
    print(
        f"[4] hard AI: {hp.plans} plans x {hp.copies_for(hp.horizon)}+ playouts, "
        f"{hp.plans * hp.copies_for(hp.horizon) * hp.horizon} simulated game-turns per decision "
        f"(playouts run to the end of the game, at most {hp.lookahead_cap} turns)"
    )
    where = "every role of every shipped scenario" if args.hard_all else args.scenario
    print(
        f"    {len(every)} decisions ({where}, first {args.hard_turns} turns): "
        f"median {statistics.median(every):.2f} s, max {max(every):.2f} s per decision "
        f"({slowest[0]}, {slowest[1]}, turn {slowest[2]})"
    )


if __name__ == "__main__":
    main()
