"""``brinkmanship report SAVE... [--out FILE] [--compare] [--csv DIR] [--json FILE]``."""

from __future__ import annotations

import argparse
from pathlib import Path

from game.report.data import from_save
from game.report.export import write_csv, write_json
from game.report.html import render, render_compare
from game.session.save import SaveError, write_atomic


def main_report(args: argparse.Namespace, usage: type[Exception]) -> int:
    reports = []
    for s in args.saves:
        try:
            reports.append(from_save(s))
        except SaveError as exc:
            raise usage(str(exc)) from None
    if args.compare:
        ids = {d.scenario_id for d in reports}
        if len(ids) > 1:
            raise usage(f"--compare needs saves of one scenario (got {', '.join(sorted(ids))})")
        out = Path(args.out or "class.html")
        labels = [Path(s).stem for s in args.saves]
        write_atomic(out, render_compare(reports, labels))
        print(f"Wrote {out} ({len(reports)} games).")
        return 0
    if len(reports) > 1:
        raise usage("several saves need --compare (or run 'report' once per save)")
    d = reports[0]
    out = Path(args.out or Path(args.saves[0]).with_suffix(".html").name)
    write_atomic(out, render(d))
    print(f"Wrote {out}.")
    if args.csv:
        files = write_csv(d, args.csv)
        print(f"Wrote {len(files)} CSV files to {args.csv}.")
    if args.json:
        print(f"Wrote {write_json(d, args.json)}.")
    return 0
