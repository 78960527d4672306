"""``brinkmanship audit``: the balance gate.

A game in which one action repeated, or doing nothing, does as well as
thoughtful play is not a game. For every role of a scenario the audit plays,
on the same seeds as a baseline where every actor follows the standard AI:

* ``pass`` — the role gives no orders;
* ``random`` — random legal orders;
* ``repeat:ACTION`` — for every action the role can order: every turn as
  many orders of that one action as the order slots and the budget allow,
  targets ranked the way the standard AI ranks them;
* ``only:military`` and ``only:diplomatic`` — the standard AI limited to one
  family of actions (left out for a role that has actions of one family
  only: there it would be the standard AI itself);
* any further policy given with ``--probe ROLE=POLICY`` (a routine of a
  few orders, say: ``usa=routine:accept_agreement,deploy``);

every other actor on the standard AI. Each policy's mean score is compared
with the standard AI's on paired seeds (same seed, same scenario: only the
role's policy differs). A policy is *flagged* when the standard AI does not
beat it by more than the margin (10 points) with the 95% interval of the
paired difference clear of the margin; the audit fails (exit 1) if any
policy is flagged. ``--hard N`` also plays the hard AI in each role on the
first N seeds and checks that it beats the standard AI.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.ai import routine, valid_policy
from game.ai.batch import run_chunk
from game.ai.simulate import load_for_command
from game.core.rng import game_seeds
from game.core.spec import Outcome, Rules
from game.scenario.compile import Scenario
from game.scenario.loader import load

MARGIN = 10.0
"""Points by which the standard AI must beat every degenerate policy."""
EXTEND = 3
"""A policy whose interval still straddles the margin after the first games is played on EXTEND times as many more
paired seeds (the following ones) before it is judged, on all of them: a win or a loss swings a score by 200 points,
so a gap of 15 needs more than 200 pairs to be told apart from one of 10."""
EXTEND_AGAIN = 4
"""One still undecided after that is played on EXTEND_AGAIN times as many seeds again (200, then 800, then 3,200
games by default): a gap of 14 needs some 3,000 pairs to be told apart from one of 10 whatever the seeds."""


@dataclass
class Row:
    """One policy played in one role, against the standard AI's baseline."""

    role: str
    policy: str
    games: int
    win: float
    mean: float
    diff: float
    lo: float
    hi: float
    flagged: bool
    note: str = ""


@dataclass
class RoleAudit:
    role: str
    games: int
    win: float
    mean: float
    rows: list[Row] = field(default_factory=list)
    hard: Row | None = None

    @property
    def worst(self) -> Row | None:
        """The degenerate policy closest to the standard AI."""
        return min(self.rows, key=lambda x: x.diff, default=None)


def families(rules: Rules, actor: int) -> set[str]:
    """The families of actions (military, diplomatic) an actor can order at all."""
    return {rules.actions[o.action].category.value for o in rules.options if o.actor == actor}


def probes(rules: Rules, actor: int) -> list[str]:
    """Every degenerate policy the audit plays in a role.

    ``only:FAMILY`` is left out when the role has no action of the other
    family: the standard AI limited to everything the role can do is the
    standard AI itself, not a degenerate policy (see :func:`unplayed`)."""
    used = sorted({o.action for o in rules.options if o.actor == actor})
    fams = families(rules, actor)
    only = [f"only:{f}" for f in ("military", "diplomatic") if f in fams and len(fams) > 1]
    return ["pass", "random", *[f"repeat:{rules.actions[a].id}" for a in used], *only]


def unplayed(rules: Rules, actor: int) -> list[str]:
    """Why a family probe is not played in a role, one line each."""
    fams = families(rules, actor)
    if len(fams) > 1:
        return []
    return [
        f"only:{f} is the standard AI itself: the role has no {o} actions"
        for f, o in (("military", "diplomatic"), ("diplomatic", "military"))
        if f in fams
    ]


def paired(base: np.ndarray, other: np.ndarray) -> tuple[float, float, float]:
    """Mean of ``base - other`` with its 95% interval."""
    d = base - other
    m = float(d.mean())
    if len(d) < 2:
        return m, -math.inf, math.inf
    half = 1.96 * float(d.std(ddof=1)) / math.sqrt(len(d))
    return m, m - half, m + half


_CACHE: dict[str, Scenario] = {}


def _scenario(path: str) -> Scenario:
    if path not in _CACHE:
        _CACHE[path] = load(path)
    return _CACHE[path]


BATCH_GAMES = 5000
"""Most games the audit plays in one batch (several policies' games together)."""


def _play(args: tuple) -> list[tuple[np.ndarray, np.ndarray]]:
    """Play several jobs' games in one batch (each job's games with their own policies); results per job."""
    path, base, parts, hard_rollouts = args
    if len(parts) == 1:
        res = run_chunk(_scenario(path), parts[0][0], parts[0][1], hard_rollouts=hard_rollouts)
        return [(res.score, res.outcome)]
    at = np.cumsum([0] + [len(seeds) for _, seeds in parts])
    groups = [(np.arange(at[i], at[i + 1]), policies) for i, (policies, _) in enumerate(parts)]
    seeds = np.concatenate([seeds for _, seeds in parts])
    res = run_chunk(_scenario(path), base, seeds, hard_rollouts=hard_rollouts, groups=groups)
    return [(res.score[at[i] : at[i + 1]], res.outcome[at[i] : at[i + 1]]) for i in range(len(parts))]


def _batches(sizes: list[int], workers: int) -> list[list[int]]:
    """The jobs (by index) in batches of about equal numbers of games: at least two batches per worker, so that a
    worker that finishes early takes the next, and none of more than :data:`BATCH_GAMES` games where avoidable."""
    if not sizes:
        return []
    n = max(2 * workers, -(-sum(sizes) // BATCH_GAMES))
    n = min(n, len(sizes))
    load = [0] * n
    out: list[list[int]] = [[] for _ in range(n)]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        j = load.index(min(load))
        out[j].append(i)
        load[j] += sizes[i]
    return [sorted(b) for b in out if b]


def _run(
    jobs: list[tuple], heavy: list[bool], workers: int, progress: Any, done: int, total: int, base: dict[int, str]
) -> list:
    """Play the jobs (in parallel when ``workers`` > 1), the ``heavy`` ones first and each alone, the others
    several to a batch; results in the jobs' order."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    light = [i for i in range(len(jobs)) if not heavy[i]]
    batches = [[i] for i in range(len(jobs)) if heavy[i]]
    batches += [[light[j] for j in b] for b in _batches([len(jobs[i][2]) for i in light], workers)]
    path, hard_rollouts = jobs[0][0], jobs[0][3]
    tasks = [(path, base, [(jobs[i][1], jobs[i][2]) for i in b], hard_rollouts) for b in batches]
    out: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    n = done
    if workers == 1:
        for b, task in zip(batches, tasks):
            out.update(zip(b, _play(task)))
            n += len(b)
            if progress:
                progress(n, total)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_play, task) for task in tasks]
            for b, f in zip(batches, futures):
                out.update(zip(b, f.result()))
                n += len(b)
                if progress:
                    progress(n, total)
    return [out[i] for i in range(len(jobs))]


def audit(
    scenario: Scenario,
    runs: int = 200,
    seed: int = 1,
    workers: int = 0,
    roles: list[str] | None = None,
    hard: int = 0,
    hard_rollouts: int = 128,
    margin: float = MARGIN,
    progress: Any = None,
    extend: int = EXTEND,
    extra: dict[int, list[str]] | None = None,
) -> list[RoleAudit]:
    """Play every probe in every role (or the named ones) on paired seeds; a probe still undecided (its interval
    straddles the margin) is played again on ``extend`` times ``runs`` further seeds and judged on all of them.
    ``extra`` gives, by actor, further policies to play in its role as probes (a routine, say)."""
    r = scenario.rules
    seeds = game_seeds(seed, runs)
    base = {a: "standard" for a in range(r.n_actors)}
    chosen = [(k, role) for k, role in enumerate(r.roles) if not roles or r.actors[role.actor].id in roles]
    tasks: list[tuple[int, str, np.ndarray]] = [(-1, "standard", seeds)]
    for k, role in chosen:
        own = probes(r, role.actor)
        tasks += [(k, pol, seeds) for pol in own + [p for p in (extra or {}).get(role.actor, []) if p not in own]]
        if hard > 0:
            tasks.append((k, "hard", seeds[:hard]))

    def jobs_of(ts: list[tuple[int, str, np.ndarray]]) -> list[tuple]:
        return [
            (str(scenario.path), base | ({r.roles[k].actor: pol} if k >= 0 else {}), s, hard_rollouts)
            for k, pol, s in ts
        ]

    # Hard runs are the longest: they start first.
    results = _run(jobs_of(tasks), [t[1] == "hard" for t in tasks], workers, progress, 0, len(tasks), base)
    base_score, base_outcome = results[0]
    played = {(k, pol): res for (k, pol, _), res in zip(tasks[1:], results[1:])}
    undecided = []
    for (k, pol), (score, _) in played.items():
        if pol != "hard":
            _, lo, hi = paired(base_score[: len(score), k], score[:, k])
            if lo <= margin < hi:
                undecided.append((k, pol))
    # Undecided probes are played on EXTEND times as many further seeds, then, if still undecided, on
    # EXTEND_AGAIN times as many again: each round is judged on every game played so far.
    start, done = seed + runs, len(tasks)
    for grow in (extend, extend * EXTEND_AGAIN):
        if not undecided or grow <= 0:
            break
        more = game_seeds(start, runs * grow)
        start += runs * grow
        again = [(-1, "standard", more)] + [(k, pol, more) for k, pol in undecided]
        extra = _run(jobs_of(again), [False] * len(again), workers, progress, done, done + len(again), base)
        done += len(again)
        base_score = np.concatenate([base_score, extra[0][0]])
        base_outcome = np.concatenate([base_outcome, extra[0][1]])
        for (k, pol), (score, outcome) in zip(undecided, extra[1:]):
            first = played[(k, pol)]
            played[(k, pol)] = (np.concatenate([first[0], score]), np.concatenate([first[1], outcome]))
        still = []
        for k, pol in undecided:
            score = played[(k, pol)][0]
            _, lo, hi = paired(base_score[: len(score), k], score[:, k])
            if lo <= margin < hi:
                still.append((k, pol))
        undecided = still
    audits: dict[int, RoleAudit] = {}
    for k, role in chosen:
        aid = r.actors[role.actor].id
        audits[k] = RoleAudit(
            aid, runs, float((base_outcome[:runs, k] == Outcome.WIN).mean()), float(base_score[:runs, k].mean())
        )
    for (k, pol), (score, outcome) in played.items():
        n = len(score)
        d, lo, hi = paired(base_score[:n, k], score[:, k])
        win = float((outcome[:, k] == Outcome.WIN).mean())
        ra = audits[k]
        if pol == "hard":
            # The hard AI must beat the standard AI: the difference is negative.
            ra.hard = Row(ra.role, pol, n, win, float(score[:, k].mean()), -d, -hi, -lo, flagged=-hi <= 0.0)
        else:
            ra.rows.append(Row(ra.role, pol, n, win, float(score[:, k].mean()), d, lo, hi, flagged=lo <= margin))
    return [audits[k] for k, _ in chosen]


def failed(audits: list[RoleAudit]) -> bool:
    return any(row.flagged for a in audits for row in a.rows) or any(
        a.hard is not None and a.hard.flagged for a in audits
    )


def as_dict(
    scenario: Scenario, audits: list[RoleAudit], runs: int, seed: int, margin: float, elapsed: float
) -> dict[str, Any]:
    def row(x: Row) -> dict[str, Any]:
        return {
            "policy": x.policy,
            "games": x.games,
            "win_rate": round(x.win, 4),
            "mean_score": round(x.mean, 2),
            "standard_minus_policy": round(x.diff, 2),
            "ci": [round(x.lo, 2), round(x.hi, 2)],
            "flagged": x.flagged,
        }

    return {
        "scenario": scenario.id,
        "runs": runs,
        "seed": seed,
        "margin": margin,
        "elapsed_s": round(elapsed, 1),
        "passed": not failed(audits),
        "roles": {
            a.role: {
                "standard": {"win_rate": round(a.win, 4), "mean_score": round(a.mean, 2)},
                "probes": [row(x) for x in a.rows],
                "hard": None
                if a.hard is None
                else {
                    "games": a.hard.games,
                    "win_rate": round(a.hard.win, 4),
                    "mean_score": round(a.hard.mean, 2),
                    "hard_minus_standard": round(a.hard.diff, 2),
                    "ci": [round(a.hard.lo, 2), round(a.hard.hi, 2)],
                    "flagged": a.hard.flagged,
                },
            }
            for a in audits
        },
        "not_played": {
            a.role: unplayed(scenario.rules, scenario.rules.actor_index(a.role))
            for a in audits
            if unplayed(scenario.rules, scenario.rules.actor_index(a.role))
        },
    }


def format_text(
    scenario: Scenario, audits: list[RoleAudit], runs: int, seed: int, margin: float, elapsed: float
) -> str:
    lines = [
        (
            f"Balance audit of {scenario.meta.title} ({scenario.id}): {runs} paired games per policy "
            f"(more where a policy is still undecided), seeds from {seed}, {elapsed:.0f} s."
        ),
        (
            "Each row: the role played by a degenerate policy, every other actor by the standard AI. "
            "'gap' is the standard AI's"
        ),
        (
            "mean score minus the policy's on the same seeds, with its 95% interval; "
            f"FLAG where the gap is not clearly above {margin:g}."
        ),
    ]
    for a in audits:
        lines.append("")
        lines.append(f"{a.role}: standard AI wins {100 * a.win:.0f}%, mean score {a.mean:.1f}")
        lines.append(f"  {'policy':<32} {'games':>5} {'win':>5} {'score':>7} {'gap':>7}  {'95% interval':<17}")
        for x in sorted(a.rows, key=lambda x: x.diff):
            mark = "FLAG" if x.flagged else "ok"
            name = x.policy
            if len(name) > 32:  # a long routine gets a line of its own
                lines.append(f"  {name}")
                name = ""
            lines.append(
                f"  {name:<32} {x.games:5d} {100 * x.win:4.0f}% {x.mean:7.1f} {x.diff:+7.1f}  "
                f"{x.lo:+6.1f}..{x.hi:+6.1f}   {mark}"
            )
        for why in unplayed(scenario.rules, scenario.rules.actor_index(a.role)):
            lines.append(f"  (not played: {why})")
        if a.hard is not None:
            h = a.hard
            mark = "FLAG: hard does not beat standard" if h.flagged else "ok"
            lines.append(
                f"  {'hard (' + str(h.games) + ' games)':<28} {100 * h.win:4.0f}% {h.mean:7.1f} {h.diff:+7.1f}  "
                f"{h.lo:+6.1f}..{h.hi:+6.1f}   {mark}  (hard − standard)"
            )
    flagged = [(a.role, x.policy) for a in audits for x in a.rows if x.flagged]
    lines.append("")
    if failed(audits):
        what = ", ".join(f"{role}: {pol}" for role, pol in flagged)
        hard_bad = [a.role for a in audits if a.hard is not None and a.hard.flagged]
        parts = [f"{len(flagged)} policy(ies) within {margin:g} points of the standard AI ({what})"] if flagged else []
        if hard_bad:
            parts.append("hard does not beat standard in " + ", ".join(hard_bad))
        lines.append("FAILED: " + "; ".join(parts) + ".")
    else:
        lines.append(
            f"PASSED: the standard AI beats every degenerate policy in every role by more than {margin:g} points."
        )
    return "\n".join(lines)


def probe_args(scenario: Scenario, specs: list[str] | None, usage: type[Exception]) -> dict[int, list[str]]:
    """``--probe ROLE=POLICY`` options, by actor; a usage error names what is wrong."""
    r = scenario.rules
    ids = [r.actors[x.actor].id for x in r.roles]
    out: dict[int, list[str]] = {}
    for spec in specs or []:
        if "=" not in spec:
            raise usage(f"--probe needs ROLE=POLICY, not '{spec[:60]}'")
        who, pol = spec.split("=", 1)
        if who not in ids:
            raise usage(f"--probe: unknown role '{who[:40]}' (roles: {', '.join(ids)})")
        a = r.actor_index(who)
        if routine.is_routine(pol):
            try:
                routine.parse(r, a, pol)
            except routine.RoutineError as err:
                raise usage(f"--probe {who}: {err}") from None
        elif pol.startswith("repeat:") and not valid_policy(pol, r):
            raise usage(f"--probe {who}: no action '{pol[7:][:40]}' in this scenario (repeat:ACTION)")
        elif pol in ("standard", "hard") or not valid_policy(pol, r):
            raise usage(
                f"--probe {who}: '{pol[:60]}' is not a probe (choose from pass, random, only:military, "
                "only:diplomatic, repeat:ACTION, routine:...)"
            )
        out.setdefault(a, []).append(pol)
    return out


def main_audit(args: argparse.Namespace, usage: type[Exception]) -> int:
    if args.runs < 2:
        raise usage(f"--runs must be at least 2 (got {args.runs})")
    scenario = load_for_command(args.scenario, usage)
    ids = [scenario.rules.actors[x.actor].id for x in scenario.rules.roles]
    for role in args.role or []:
        if role not in ids:
            raise usage(f"unknown role '{role}' (roles: {', '.join(ids)})")
    show = sys.stderr.isatty() and not args.json

    def progress(done: int, total: int) -> None:
        if show:
            sys.stderr.write(f"\rauditing: {done}/{total} policies played")
            sys.stderr.flush()

    t0 = time.perf_counter()
    extra = probe_args(scenario, args.probe, usage)
    for a in extra:
        if args.role and scenario.rules.actors[a].id not in args.role:
            raise usage(f"--probe {scenario.rules.actors[a].id}: that role is not audited (see --role)")
    audits = audit(
        scenario,
        args.runs,
        args.seed,
        args.workers,
        args.role,
        args.hard,
        args.hard_rollouts,
        args.margin,
        progress,
        args.extend,
        extra,
    )
    uses = shifts = None
    if args.coverage:
        from game.ai.coverage import coverage

        uses = coverage(scenario, args.runs, args.seed)
    if args.sensitivity:
        from game.ai.coverage import sensitivity

        if show:
            sys.stderr.write("\rauditing: moving the starting values one by one...")
            sys.stderr.flush()
        shifts = sensitivity(scenario, args.runs, args.seed, args.step, args.workers)
    elapsed = time.perf_counter() - t0
    if show:
        sys.stderr.write("\r" + " " * 60 + "\r")
    if args.json:
        doc = as_dict(scenario, audits, args.runs, args.seed, args.margin, elapsed)
        if uses is not None:
            doc["coverage"] = [
                {"actor": u.actor, "action": u.action, "per_game": round(u.per_game, 3), "why": u.reason} for u in uses
            ]
        if shifts is not None:
            doc["sensitivity"] = [
                {"change": f"{x.what} {x.step:+g}", "win_rate_change": x.delta, "ci_half": x.half} for x in shifts
            ]
        print(json.dumps(doc, indent=1))
    else:
        text = format_text(scenario, audits, args.runs, args.seed, args.margin, elapsed)
        print(text + format_extras(scenario, uses, shifts, args.runs))
    return 1 if failed(audits) else 0


SHOWN_SHIFTS = 15
"""Rows of the sensitivity table printed (the JSON has them all)."""


def format_extras(scenario: Scenario, uses: list | None, shifts: list | None, runs: int) -> str:
    """The coverage list and the sensitivity table, as text (empty when neither was asked for)."""
    lines: list[str] = []
    if uses is not None:
        lines += ["", f"Coverage ({runs} games, every actor on the standard AI): actions almost never ordered"]
        if not uses:
            lines.append("  every actor orders every action open to it at least once in twenty games")
        by_actor: dict[str, list] = {}
        for u in uses:
            by_actor.setdefault(u.actor, []).append(u)
        for actor, rows in by_actor.items():
            lines.append(f"  {actor}:")
            for u in rows:
                lines.append(f"    {u.action:<26} {u.per_game:5.2f}/game  {u.reason}")
    if shifts is not None:
        ids = [scenario.rules.actors[ro.actor].id for ro in scenario.rules.roles]
        lines += [
            "",
            f"Sensitivity ({runs} paired games each): change of each role's win rate, in points, when one starting "
            "value moves",
            "  " + f"{'starting value':<40}" + "".join(f"{i:>14}" for i in ids),
        ]
        for x in shifts[:SHOWN_SHIFTS]:
            cells = "".join(f"{x.delta[i]:+7.1f} ±{x.half[i]:<5.1f}" for i in ids)
            lines.append(f"  {(x.what + f' {x.step:+g}'):<40}{cells}")
        if len(shifts) > SHOWN_SHIFTS:
            lines.append(f"  ... {len(shifts) - SHOWN_SHIFTS} more in --json")
    return "\n".join(lines)
