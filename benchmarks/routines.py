"""Routines of two or three orders that outside testers found beating the standard AI, played again.

Usage: python benchmarks/routines.py [SCENARIO ...] [--games 300] [--seed 1001]

For each routine (the table in docs/ai.md, "Routines that still beat the
standard AI"), the role plays the routine and every other actor the standard
AI, on the same seeds as games in which the role plays the standard AI too;
it prints a Markdown row per routine: the routine's win rate and mean score,
the standard AI's, and the paired difference in score with its 95% interval.
A positive difference is a routine ahead of the standard AI.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from game.ai.audit import paired
from game.ai.batch import run_chunk
from game.core.rng import game_seeds
from game.scenario.loader import load

ROUTINES = [
    ("iran-nuclear", "usa", "accept_agreement/propose_agreement,resolution_sanctions:iran/show_of_force:iran"),
    ("iran-nuclear", "e3", "accept_agreement/propose_agreement/mediate,summit:china"),
    ("iran-nuclear", "iran", "suspend_enrichment/accept_agreement/propose_agreement,show_of_force:usa"),
    (
        "iran-nuclear",
        "usa",
        "accept_agreement/propose_agreement,tighten_sanctions/resolution_sanctions:iran/show_of_force:iran,summit:russia",
    ),
    ("iran-nuclear", "iran", "accept_agreement/propose_agreement/negotiate:p5-talks,show_of_force:usa,summit:oman"),
    ("iran-nuclear", "e3", "accept_agreement/propose_agreement/mediate,sanctions:iran"),
    ("iran-nuclear", "usa", "accept_agreement/propose_agreement,show_of_force:iran,deploy:gulf"),
    ("iran-nuclear", "usa", "accept_agreement/propose_agreement,open_talks/show_of_force:iran,summit:russia"),
    ("iran-nuclear", "e3", "mediate/accept_agreement/propose_agreement,sanctions:iran/lift_sanctions:iran"),
    ("iran-nuclear", "iran", "accept_agreement/propose_agreement/negotiate:p5-talks,show_of_force:usa,humanitarian"),
    ("gulf-1990", "iraq", "accept_agreement/negotiate,deploy:kuwait"),
    ("bosnia-1995", "usa", "mediate:dayton,resolution_force:rs/show_of_force:rs,summit:nato"),
    ("dry-basin", "delta", "accept_agreement/negotiate,deploy:delta"),
]


def row(sid: str, role: str, routine: str, games: int, seed: int) -> str:
    sc = load(sid)
    r = sc.rules
    a = r.actor_index(role)
    k = next(i for i, x in enumerate(r.roles) if x.actor == a)
    everyone = {x: "standard" for x in range(r.n_actors)}
    seeds = game_seeds(seed, games)
    std = run_chunk(sc, everyone, seeds)
    rt = run_chunk(sc, everyone | {a: f"routine:{routine}"}, seeds)
    m, lo, hi = paired(rt.score[:, k], std.score[:, k])
    win = lambda res: 100.0 * float(np.mean(res.outcome[:, k] == 1))
    return (
        f"| {sid} | {role} | `{routine}` | {win(rt):.0f}% / {rt.score[:, k].mean():.1f} "
        f"| {win(std):.0f}% / {std.score[:, k].mean():.1f} "
        f"| {m:+.1f} ({lo:+.1f}..{hi:+.1f}) |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", help="only these scenarios (default: every routine in the table)")
    ap.add_argument("--games", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1001, help="seed of the first game (game k has seed + k)")
    args = ap.parse_args()
    print("| scenario | role | routine | routine: win / score | standard: win / score | routine − standard (95% CI) |")
    print("|---|---|---|---|---|---|")
    t0 = time.perf_counter()
    for sid, role, routine in ROUTINES:
        if not args.scenarios or sid in args.scenarios:
            print(row(sid, role, routine, args.games, args.seed), flush=True)
    print(f"\n{args.games} paired games per routine, seeds from {args.seed}; {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
