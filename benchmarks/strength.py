"""AI strength with paired seeds: random < standard < hard, per scenario and role.

Usage: python benchmarks/strength.py [--games 100] [--hard-rollouts 256] [--role ROLE] [SCENARIO ...]

For every role of every scenario (all shipped ones by default), the same
seeds are played three times: the role played by the random policy, by the
standard policy and by the hard policy, every other actor standard. The
table shows the mean score of each, and the mean paired difference with its
95% confidence interval; "ok" means the interval excludes zero in the
stronger policy's favour.
"""

from __future__ import annotations

import argparse
import math
import time

import numpy as np

from game.ai.batch import run_chunk
from game.core.rng import game_seeds
from game.scenario.loader import load, shipped


def paired(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    d = b - a
    m = float(d.mean())
    half = 1.96 * float(d.std(ddof=1)) / math.sqrt(len(d)) if len(d) > 1 else float("inf")
    return m, m - half, m + half


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--games", type=int, default=100)
    ap.add_argument("--hard-games", type=int, default=0, help="games for the hard runs (default: --games)")
    ap.add_argument("--hard-rollouts", type=int, default=256)
    ap.add_argument("--seed", type=int, default=1000)
    ap.add_argument("--no-hard", action="store_true", help="compare random and standard only")
    ap.add_argument("--role", action="append", default=[], help="only this role (actor id; repeatable)")
    args = ap.parse_args()
    ids = args.scenarios or [sid for sid, _ in shipped()]
    hard_n = args.hard_games or args.games
    print(
        f"{'scenario':<16} {'role':<12} {'random':>8} {'standard':>9} {'hard':>8}   "
        f"{'standard - random (95% CI)':<30} {'hard - standard (95% CI)':<30}"
    )
    t0 = time.perf_counter()
    for sid in ids:
        sc = load(sid)
        r = sc.rules
        seeds = game_seeds(args.seed, args.games)
        for role_k, role in enumerate(r.roles):
            a = role.actor
            if args.role and r.actors[a].id not in args.role:
                continue
            base = {x: "standard" for x in range(r.n_actors)}
            res = {}
            for pol in ("random", "standard"):
                res[pol] = run_chunk(sc, base | {a: pol}, seeds).score[:, role_k]
            hs = seeds[:hard_n]
            res["hard"] = (
                res["standard"][:hard_n]
                if args.no_hard
                else run_chunk(sc, base | {a: "hard"}, hs, hard_rollouts=args.hard_rollouts).score[:, role_k]
            )
            m1, lo1, hi1 = paired(res["random"], res["standard"])
            m2, lo2, hi2 = paired(res["standard"][:hard_n], res["hard"])
            ok1 = "ok" if lo1 > 0 else "NO"
            ok2 = "ok" if lo2 > 0 else "NO"
            print(
                f"{sid:<16} {r.actors[a].id:<12} {res['random'].mean():8.1f} {res['standard'].mean():9.1f} "
                f"{res['hard'].mean():8.1f}   {m1:+7.1f} ({lo1:+.1f}..{hi1:+.1f}) {ok1:<3}      "
                f"{m2:+7.1f} ({lo2:+.1f}..{hi2:+.1f}) {ok2}",
                flush=True,
            )
    print(
        f"{args.games} paired games per policy ({hard_n} for hard, {args.hard_rollouts} rollouts per hard decision), "
        f"{time.perf_counter() - t0:.0f} s"
    )


if __name__ == "__main__":
    main()
