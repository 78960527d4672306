"""What happens in standard-AI games: agreements, force, values over time.

Usage: python benchmarks/model_stats.py [SCENARIO ...] [--games 300] [--policy ROLE=POLICY]

Every actor plays the standard AI (unless --policy says otherwise). Per
scenario it prints the roles' win/draw/loss rates, how often each track ends
in agreement (with the mean terms and turn), who holds each region at the
end, strikes and other orders per game by actor, and world tension and mean
stability over the game.
"""

from __future__ import annotations

import argparse

import numpy as np

from game.ai import BatchPolicy
from game.core.engine import resolve_turn, start_game
from game.core.legal import codes_from_grids, legality_grids
from game.core.rng import game_seeds
from game.core.spec import Outcome, TrackStatus
from game.scenario.loader import load, shipped


def both_ways(series: np.ndarray, points: float = 10.0) -> np.ndarray:
    """``[B, R]`` from ``[B, T, R]``: the value fell by ``points`` or more from an earlier high at some turn and
    rose by as much from an earlier low at another."""
    fell = (np.maximum.accumulate(series, axis=1) - series).max(axis=1) >= points
    rose = (series - np.minimum.accumulate(series, axis=1)).max(axis=1) >= points
    return fell & rose


def stats(sid: str, games: int, seed: int, policies: dict[str, str]) -> None:
    sc = load(sid)
    r = sc.rules
    pol = {a: "standard" for a in range(r.n_actors)}
    for who, p in policies.items():
        pol[r.actor_index(who)] = p
    policy = BatchPolicy(sc, r, pol)
    s = start_game(r, seeds=game_seeds(seed, games)).state
    T = r.turn_limit
    tension = np.zeros((games, T + 1))
    stab = np.zeros((games, T + 1))
    regions = np.zeros((games, T + 1, r.n_regions))
    agreed_turn = np.full((games, r.n_tracks), -1)
    counts = np.zeros((r.n_actors, len(r.actions)))
    t = 0
    while not s.over.all():
        tension[:, t] = s.tension
        stab[:, t] = s.stability.mean(axis=1)
        regions[:, t] = s.stability
        grids = legality_grids(r, s)
        orders, _ = policy(s, codes_from_grids(r, s, grids), grids=grids)
        live = ~s.over
        o = orders[live]
        v = o >= 0
        a_idx = np.broadcast_to(np.arange(r.n_actors)[None, :, None], o.shape)[v]
        np.add.at(counts, (a_idx, r.opt_action[o[v]]), 1)
        before = s.track_status.copy()
        s = resolve_turn(r, s, orders).state
        new = (s.track_status == TrackStatus.AGREED) & (before != TrackStatus.AGREED)
        agreed_turn[new] = t + 1
        t += 1
    for k in range(t, T + 1):
        tension[:, k] = s.tension
        stab[:, k] = s.stability.mean(axis=1)
        regions[:, k] = s.stability
    print(f"== {sid}: {games} games")
    for k, role in enumerate(r.roles):
        oc = s.outcome[:, k]
        print(
            f"  {r.actors[role.actor].id:<10} win {100 * (oc == Outcome.WIN).mean():5.1f}%  "
            f"draw {100 * (oc == Outcome.DRAW).mean():5.1f}%  loss {100 * (oc == Outcome.LOSS).mean():5.1f}%"
        )
    for k, tr in enumerate(r.tracks):
        ag = s.track_status[:, k] == TrackStatus.AGREED
        terms = s.terms[ag, k].mean() if ag.any() else float("nan")
        when = agreed_turn[ag, k].mean() if ag.any() else float("nan")
        print(
            f"  track {tr.id:<14} agreed {100 * ag.mean():5.1f}%  terms for {r.actors[tr.parties[0]].id} {terms:5.1f}  "
            f"turn {when:4.1f}  broken {100 * (s.track_status[:, k] == TrackStatus.BROKEN).mean():4.1f}%"
        )
    for g, reg in enumerate(r.regions):
        held = np.bincount(s.control[:, g] + 1, minlength=r.n_actors + 1) / games  # first: held by nobody
        who = ", ".join(f"{r.actors[a].id} {100 * x:.0f}%" for a, x in enumerate(held[1:]) if x > 0.005)
        if held[0] > 0.005:
            who = ", ".join(filter(None, [who, f"nobody {100 * held[0]:.0f}%"]))
        print(f"  region {reg.id:<12} held by {who}; stability {s.stability[:, g].mean():5.1f}")
    acts = [a.id for a in r.actions]
    for a in range(r.n_actors):
        c = counts[a] / games
        top = ", ".join(f"{acts[i]} {c[i]:.1f}" for i in np.argsort(-c)[:6] if c[i] >= 0.05)
        if "strike" in acts and c[acts.index("strike")] > 0:
            top += f" (strike {c[acts.index('strike')]:.2f})"
        print(f"  {r.actors[a].id:<10} per game: {top}")
    q = [0, T // 4, T // 2, 3 * T // 4, T]
    print(
        "  tension by turn:   "
        + "  ".join(
            f"t{x + 1}: {tension[:, x].mean():4.0f} "
            f"[{np.percentile(tension[:, x], 10):3.0f}–{np.percentile(tension[:, x], 90):3.0f}]"
            for x in q
        )
    )
    print("  stability by turn: " + "  ".join(f"t{x + 1}: {stab[:, x].mean():4.0f}" for x in q))
    print(
        f"  both ways (10 points or more down from a high and up from a low): tension in "
        f"{100 * both_ways(tension[:, :, None]).mean():.0f}% of games, a region's stability in "
        f"{100 * both_ways(regions).mean():.0f}% of regions and games"
    )
    print(
        f"  catastrophes: {100 * s.catastrophe.mean():.1f}%   "
        f"max tension reached: mean {tension.max(axis=1).mean():.0f}, "
        f"90th pct {np.percentile(tension.max(axis=1), 90):.0f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--games", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--policy", action="append", default=[])
    args = ap.parse_args()
    pol = dict(x.split("=", 1) for x in args.policy)
    for sid in args.scenarios or [sid for sid, _ in shipped()]:
        stats(sid, args.games, args.seed, pol)


if __name__ == "__main__":
    main()
