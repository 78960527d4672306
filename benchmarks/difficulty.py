"""Do the difficulty levels differ? A stand-in player at each level.

Usage: python benchmarks/difficulty.py [SCENARIO] [--role ROLE] [--games 200]

The human's seat is played by the standard policy (with the human's budget
at that level); the other actors play as the level says (easy: standard with
a smaller budget; normal: standard; hard: the hard policy for the other
roles); the actors on the player's side (friends at the start) play
standard with their own budget at every level. The same seeds are used at
every level. Prints the stand-in's win rate and mean score with 95%
intervals.
"""

from __future__ import annotations

import argparse
import math
import time

from game.ai.batch import run_chunk
from game.ai.simulate import wilson
from game.core.rng import game_seeds
from game.scenario.difficulty import default_policy
from game.scenario.loader import load


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="gulf-1990")
    ap.add_argument("--role", default=None)
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--hard-rollouts", type=int, default=128)
    args = ap.parse_args()
    sc = load(args.scenario)
    r = sc.rules
    ids = [a.id for a in r.actors]
    actor = ids.index(args.role) if args.role else r.roles[0].actor
    k = next(i for i, role in enumerate(r.roles) if role.actor == actor)
    seeds = game_seeds(2000, args.games)
    print(f"{sc.meta.title}: stand-in player {r.actors[actor].name}, {args.games} games per level (same seeds)")
    for level in sc.difficulty:
        t0 = time.perf_counter()
        pol = {a: default_policy(sc, level, a, (actor,)) for a in range(r.n_actors)} | {actor: "standard"}
        res = run_chunk(sc, pol, seeds, level, hard_rollouts=args.hard_rollouts, humans=(actor,))
        wins = int((res.outcome[:, k] == 1).sum())
        lo, hi = wilson(wins, args.games)
        s = res.score[:, k]
        half = 1.96 * s.std(ddof=1) / math.sqrt(len(s))
        print(
            f"  {level:<7} win {100 * wins / args.games:5.1f}% ({100 * lo:4.1f}–{100 * hi:4.1f})  "
            f"mean score {s.mean():6.1f} ± {half:4.1f}   ({time.perf_counter() - t0:.0f} s)"
        )


if __name__ == "__main__":
    main()
