"""Does a stronger occupier withdraw less often? The occupier's starting leverage, swept.

Usage: python benchmarks/occupier.py [SCENARIO] [--occupier ID] [--talks ID] [--region ID]
                                     [--leverage 45 55 65 75 85 95] [--games 300] [--seed 5000]

For each starting leverage of the occupier (the tutorial's Northland by default), every actor plays the
standard AI on the same seeds, and the table gives the share of games whose withdrawal talks end in an
agreement, the share in which the occupier still holds the region at the end, the terms (the talks' first
party's share) of the agreements, the occupier's support at the end and every role's win rate.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from game.ai import BatchPolicy
from game.core.engine import resolve_turn, start_game
from game.core.rng import game_seeds
from game.core.spec import Outcome, TrackStatus
from game.scenario.loader import load, shipped


def with_leverage(sid: str, occupier: str, leverage: int, folder: Path) -> Path:
    """A copy of the shipped scenario with the occupier's starting leverage changed."""
    text = dict(shipped())[sid].read_text(encoding="utf-8")
    text, n = re.subn(
        rf"(  - id: {re.escape(occupier)}\n(?:.*\n){{0,12}}?    leverage: )\d+", rf"\g<1>{leverage}", text, count=1
    )
    if n != 1:
        raise SystemExit(f"{sid}: no starting leverage found for '{occupier}'")
    path = folder / f"{sid}-{occupier}-{leverage}.yaml"
    path.write_text(text.replace(f"id: {sid}\n", f"id: {sid}-{leverage}\n", 1), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenario", nargs="?", default="tutorial")
    ap.add_argument("--occupier", default="northland")
    ap.add_argument("--talks", default="harbour-talks")
    ap.add_argument("--region", default="harbour")
    ap.add_argument("--leverage", type=int, nargs="+", default=[45, 55, 65, 75, 85, 95])
    ap.add_argument("--games", type=int, default=300)
    ap.add_argument("--seed", type=int, default=5000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    print("| leverage | withdrawal agreed | occupier holds at the end | terms (median) | occupier's support | wins |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for lev in args.leverage:
            sc = load(str(with_leverage(args.scenario, args.occupier, lev, Path(tmp))))
            r = sc.rules
            occ = r.actor_index(args.occupier)
            k = [t.id for t in r.tracks].index(args.talks)
            policy = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
            s = start_game(r, seeds=game_seeds(args.seed, args.games)).state
            while not s.over.all():
                orders, _ = policy(s)
                s = resolve_turn(r, s, orders).state
            agreed = s.track_status[:, k] == TrackStatus.AGREED
            holds = s.control[:, r.region_index(args.region)] == occ
            terms = f"{np.median(s.terms[agreed, k]):.1f}" if agreed.any() else "–"
            wins = ", ".join(
                f"{r.actors[role.actor].id} {100 * np.mean(s.outcome[:, i] == Outcome.WIN):.0f}%"
                for i, role in enumerate(r.roles)
            )
            print(
                f"| {lev} | {100 * agreed.mean():.0f}% | {100 * holds.mean():.0f}% | {terms} "
                f"| {s.support[:, occ].mean():.1f} | {wins} |",
                flush=True,
            )
    print(f"\n{args.games} games per leverage from seed {args.seed}; {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
