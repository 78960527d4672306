"""``brinkmanship simulate``: play a scenario many times and show what happens.

Per role: win/draw/loss rates with 95% (Wilson) intervals, the mean score
with its interval, turns to the end, the most chosen actions and, for each
outcome, the seed of a representative game (``brinkmanship play SCENARIO
--seed S --watch`` replays it exactly). Per value (leverage, reputation,
stability): the mean and the 10–90% band on every turn.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

import numpy as np

from game.ai import policy_names, routine, valid_policy
from game.ai.batch import BatchResult, run_many
from game.core.spec import Outcome
from game.scenario.compile import Scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load

OUTCOMES = {Outcome.WIN: "win", Outcome.DRAW: "draw", Outcome.LOSS: "loss"}


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% interval of a proportion (Wilson score interval)."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return (max(0.0, centre - half), min(1.0, centre + half))


def load_for_command(name: str, usage: type[Exception]) -> Scenario:
    """The scenario a command runs, or a usage error naming its first problem."""
    try:
        return load(name)
    except ScenarioError as exc:
        first = exc.sorted()[0].format() if exc.diagnostics else str(exc)
        more = (
            f" (and {len(exc.diagnostics) - 1} more; run 'brinkmanship validate')" if len(exc.diagnostics) > 1 else ""
        )
        raise usage(f"cannot load scenario: {first}{more}") from None


def parse_policies(scenario: Scenario, specs: list[str] | None, usage: type[Exception]) -> dict[int, str]:
    r = scenario.rules
    policies = {a: "standard" for a in range(r.n_actors)}
    ids = [a.id for a in r.actors]
    given: dict[str, str] = {}
    for spec in specs or []:
        if "=" not in spec:
            raise usage(f"--policy needs ROLE=POLICY, not '{spec}'")
        who, pol = spec.split("=", 1)
        if who not in ids:
            roles = ", ".join(r.actors[x.actor].id for x in r.roles)
            raise usage(f"unknown role '{who}' (roles: {roles}; any actor id also works)")
        if who in given:
            raise usage(f"--policy {who} is given twice ('{given[who][:60]}' and '{pol[:60]}'): give one")
        given[who] = pol
        if pol.startswith("repeat:") and not valid_policy(pol, r):
            raise usage(f"--policy {who}: no action '{pol[7:][:40]}' in this scenario (repeat:ACTION)")
        if routine.is_routine(pol):
            try:
                routine.parse(r, ids.index(who), pol)
            except routine.RoutineError as err:
                raise usage(f"--policy {who}: {err}") from None
        elif not valid_policy(pol, r):
            raise usage(
                f"unknown policy '{pol}' (choose from {policy_names(r)}; ACTION is an action id of the scenario)"
            )
        policies[ids.index(who)] = pol
    return policies


def summarise(scenario: Scenario, res: BatchResult, runs: int, seed: int, policies: dict[int, str]) -> dict[str, Any]:
    r = scenario.rules
    out: dict[str, Any] = {
        "scenario": scenario.id,
        "title": scenario.meta.title,
        "runs": runs,
        "seed": seed,
        "seeds": [int(res.seeds[0]), int(res.seeds[-1])],
        "elapsed_s": round(res.elapsed_s, 3),
        "games_per_s": round(runs / res.elapsed_s, 1) if res.elapsed_s > 0 else None,
        "policies": {r.actors[a].id: p for a, p in sorted(policies.items())},
        "rejected_orders": int(res.rejected),
        "roles": {},
        "values": {},
        "endings": {},
    }
    n = len(res.seeds)
    for k, role in enumerate(r.roles):
        aid = r.actors[role.actor].id
        oc = res.outcome[:, k]
        sc = res.score[:, k]
        entry: dict[str, Any] = {}
        for code, name in OUTCOMES.items():
            cnt = int((oc == code).sum())
            lo, hi = wilson(cnt, n)
            entry[f"{name}_rate"] = round(cnt / n, 4)
            entry[f"{name}_ci"] = [round(lo, 4), round(hi, 4)]
        sd = float(sc.std(ddof=1)) if n > 1 else 0.0
        entry["mean_score"] = round(float(sc.mean()), 2)
        entry["score_ci"] = [
            round(float(sc.mean()) - 1.96 * sd / math.sqrt(n), 2),
            round(float(sc.mean()) + 1.96 * sd / math.sqrt(n), 2),
        ]
        entry["mean_turns"] = round(float(res.end_turn.mean()), 2)
        entry["policy"] = policies.get(role.actor, "standard")
        reps = {}
        for code, name in OUTCOMES.items():
            m = np.nonzero(oc == code)[0]
            if len(m):
                med = np.median(sc[m])
                j = m[np.argmin(np.abs(sc[m] - med))]
                reps[name] = int(res.seeds[j])
        entry["representative_seeds"] = reps
        counts = res.action_counts[role.actor]
        total = counts.sum()
        top = np.argsort(-counts, kind="stable")[:5]
        entry["top_actions"] = (
            [{"action": r.actions[i].id, "share": round(float(counts[i] / total), 3)} for i in top if counts[i] > 0]
            if total
            else []
        )
        out["roles"][aid] = entry
    turns = int(res.end_turn.max()) + 1

    def bands(arr: np.ndarray) -> dict[str, list[float]]:
        return {
            "mean": [round(float(x), 2) for x in arr[:, :turns].mean(axis=0)],
            "p10": [round(float(x), 2) for x in np.percentile(arr[:, :turns], 10, axis=0)],
            "p90": [round(float(x), 2) for x in np.percentile(arr[:, :turns], 90, axis=0)],
        }

    role_actors = [x.actor for x in r.roles]
    out["values"]["leverage"] = {r.actors[a].id: bands(res.leverage[:, :, a]) for a in role_actors}
    out["values"]["reputation"] = {r.actors[a].id: bands(res.reputation[:, :, a]) for a in role_actors}
    out["values"]["stability"] = {reg.id: bands(res.stability[:, :, g]) for g, reg in enumerate(r.regions)}
    out["values"]["tension"] = {"world": bands(res.tension)}
    patterns: dict[str, int] = {}
    for row in res.outcome:
        key = " ".join(f"{r.actors[x.actor].id}:{OUTCOMES.get(Outcome(int(v)), '-')}" for x, v in zip(r.roles, row))
        patterns[key] = patterns.get(key, 0) + 1
    out["endings"] = dict(sorted(patterns.items(), key=lambda kv: -kv[1]))
    return out


def format_text(s: dict[str, Any]) -> str:
    lines = []
    pol = s["policies"]
    uniq = sorted(set(pol.values()))
    who = (
        "standard for every actor"
        if uniq == ["standard"]
        else ", ".join(f"{a}={p}" for a, p in pol.items() if p != "standard") + " (others standard)"
    )
    lines.append(
        f"{s['title']} ({s['scenario']}): {s['runs']} games, seeds {s['seeds'][0]}..{s['seeds'][1]}, "
        f"{s['elapsed_s']:.1f} s ({s['games_per_s']} games/s)"
    )
    lines.append(f"AI policies: {who}. Rejected orders: {s['rejected_orders']}.")
    lines.append("")
    lines.append(f"{'role':<12} {'win':>21} {'draw':>21} {'loss':>21} {'mean score':>20} {'turns':>6}")
    for aid, e in s["roles"].items():
        cells = []
        for name in ("win", "draw", "loss"):
            lo, hi = e[f"{name}_ci"]
            cells.append(f"{100 * e[f'{name}_rate']:5.1f}% ({100 * lo:4.1f}–{100 * hi:4.1f})")
        sc = e["score_ci"]
        lines.append(
            f"{aid:<12} {cells[0]:>21} {cells[1]:>21} {cells[2]:>21} "
            f"{e['mean_score']:8.1f} ({sc[0]:.1f}–{sc[1]:.1f}) {e['mean_turns']:6.1f}"
        )
    lines.append("")
    lines.append(f"Representative games (replay one with: brinkmanship play {s['scenario']} --seed S --watch):")
    for aid, e in s["roles"].items():
        reps = ", ".join(f"{k} seed {v}" for k, v in e["representative_seeds"].items())
        lines.append(f"  {aid}: {reps}")
    lines.append("")
    lines.append("Most chosen actions:")
    for aid, e in s["roles"].items():
        acts = ", ".join(f"{a['action']} {100 * a['share']:.0f}%" for a in e["top_actions"])
        lines.append(f"  {aid}: {acts or 'none'}")
    lines.append("")
    lines.append("How games end (most common first):")
    for k, v in list(s["endings"].items())[:6]:
        lines.append(f"  {100 * v / s['runs']:5.1f}%  {k}")
    lines.append("")
    lines.append("Values by turn: mean [10%–90%]")
    for q, table in s["values"].items():
        for subj, b in table.items():
            n = len(b["mean"])
            picks = sorted({0, n // 4, n // 2, (3 * n) // 4, n - 1})
            cells = "  ".join(f"t{t + 1}: {b['mean'][t]:.0f} [{b['p10'][t]:.0f}–{b['p90'][t]:.0f}]" for t in picks)
            lines.append(f"  {q:<10} {subj:<12} {cells}")
    return "\n".join(lines)


def main_simulate(args: argparse.Namespace, usage: type[Exception]) -> int:
    if args.runs < 1:
        raise usage(f"--runs must be at least 1 (got {args.runs})")
    scenario = load_for_command(args.scenario, usage)
    if args.difficulty not in scenario.difficulty:
        raise usage(f"unknown difficulty '{args.difficulty}' (choose from {', '.join(scenario.difficulty)})")
    policies = parse_policies(scenario, args.policy, usage)
    show = sys.stderr.isatty() and (args.runs >= 500 or "hard" in policies.values())

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            filled = int(width * done / max(total, 1))
            sys.stderr.write(
                f"\rsimulating [{'#' * filled}{'.' * (width - filled)}] {100 * done / max(total, 1):3.0f}%"
            )
            sys.stderr.flush()

    res = run_many(scenario, policies, args.runs, args.seed, args.workers, args.difficulty, progress)
    if show:
        sys.stderr.write("\r" + " " * 60 + "\r")
    summary = summarise(scenario, res, args.runs, args.seed, policies)
    if args.json:
        print(json.dumps(summary, indent=1, ensure_ascii=False))
    else:
        print(format_text(summary))
    return 0
