"""Where every shipped scenario stands against the balance gate, as a Markdown table.

Usage: python benchmarks/audit_table.py [SCENARIO ...] [--runs 200] [--seed 1] [--workers 0] [--hard N] [--from DIR]

Runs ``brinkmanship audit SCENARIO --json`` for each scenario (all shipped
ones by default) and prints, per role: the standard AI's win rate and mean
score, the probe that comes closest to it (the smallest paired gap), that
gap with its 95% interval, how many probes the gate flags and, with
``--hard N`` (or saved outputs that have them), the hard AI's paired gain over
the standard AI. ``--from DIR`` reads saved ``SCENARIO.json`` audit outputs
instead of playing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from game.scenario.loader import shipped


def audit(sid: str, args: argparse.Namespace) -> dict:
    if args.source:
        return json.loads((Path(args.source) / f"{sid}.json").read_text())
    cmd = [sys.executable, "-m", "game", "audit", sid, "--runs", str(args.runs), "--seed", str(args.seed), "--json"]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if args.hard:
        cmd += ["--hard", str(args.hard)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if out.returncode not in (0, 1):
        raise SystemExit(f"audit {sid} failed: {out.stderr.strip()}")
    return json.loads(out.stdout)


def rows(data: dict) -> list[str]:
    lines = []
    for role, r in data["roles"].items():
        std = r["standard"]
        probes = r["probes"]
        close = min(probes, key=lambda p: p["standard_minus_policy"])
        lo, hi = close["ci"]
        hard = r.get("hard")
        hard_cell = (
            "" if not hard else f" | {hard['hard_minus_standard']:+.1f} ({hard['ci'][0]:+.1f}..{hard['ci'][1]:+.1f})"
        )
        lines.append(
            f"| {data['scenario']} | {role} | {std['win_rate']:.0%} / {std['mean_score']:.1f} | `{close['policy']}` "
            f"| {close['win_rate']:.0%} / {close['mean_score']:.1f} "
            f"| {close['standard_minus_policy']:+.1f} ({lo:+.1f}..{hi:+.1f}) "
            f"| {sum(p['flagged'] for p in probes)} of {len(probes)}{hard_cell} |"
        )
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--hard", type=int, default=0)
    ap.add_argument("--from", dest="source", help="read SCENARIO.json audit outputs from this folder")
    args = ap.parse_args()
    ids = args.scenarios or [sid for sid, _ in shipped()]
    results = [audit(sid, args) for sid in ids]
    hards = [r["hard"] for data in results for r in data["roles"].values() if r.get("hard")]
    hard_head = " | hard − standard (95% CI)" if hards else ""
    print(
        "| scenario | role | standard: win / score | closest probe | probe: win / score "
        f"| standard − probe (95% CI) | probes flagged{hard_head} |"
    )
    print("|---|---|---|---|---|---|---|" + ("---|" if hards else ""))
    for data in results:
        print("\n".join(rows(data)))
    clean = sum(not any(p["flagged"] for r in data["roles"].values() for p in r["probes"]) for data in results)
    print(f"\n{clean} of {len(ids)} scenarios: the standard AI beats every probe.")
    if hards:
        better = sum(h["ci"][0] > 0 for h in hards)
        worse = sum(h["ci"][1] < 0 for h in hards)
        print(
            f"The hard AI beats the standard AI with the interval clear of 0 in {better} of {len(hards)} roles", end=""
        )
        print(f" ({worse} clearly worse; {hards[0]['games']} paired games per role).")


if __name__ == "__main__":
    main()
