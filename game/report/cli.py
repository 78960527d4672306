"""``brinkmanship report SAVE... [--out FILE] [--summary] [--compare] [--csv DIR] [--json FILE] [--facilitator]``.

Every output is checked before anything is written: none may be one of the
saves read (or another output), a folder, or on a disk that cannot be
written. Then every output is rendered in memory and written atomically,
keeping the previous file as ``.bak``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.report.data import from_save
from game.report.export import CSV_FILES, csv_tables, json_text
from game.report.html import render, render_compare, render_summary
from game.session.files import FileProblem, check_outputs, clean_line, write_atomic
from game.session.save import SaveError


def _passphrase() -> str:
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("Facilitator passphrase: ")
    return sys.stdin.readline().rstrip("\n")


def main_report(args: argparse.Namespace, usage: type[Exception]) -> int:
    if len(args.saves) > 1 and not args.compare:
        raise usage("several saves need --compare (or run 'report' once per save)")
    for option, value in (("--out", args.out), ("--csv", args.csv), ("--json", args.json)):
        if value is not None and not value.strip():
            raise usage(f"{option} needs a {'folder' if option == '--csv' else 'file'} name, not an empty one")
    out = Path(
        args.out
        if args.out is not None
        else (
            "class.html"
            if args.compare
            else Path(args.saves[0]).stem + ("-summary.html" if getattr(args, "summary", False) else ".html")
        )
    )
    outputs: list[tuple[str, str | Path, tuple[str, ...]]] = [("--out", out, ())]
    if not args.compare:
        if args.csv:
            outputs.append(("--csv", args.csv, CSV_FILES))
        if args.json:
            outputs.append(("--json", args.json, ()))
    try:
        check_outputs(outputs, args.saves)
    except FileProblem as exc:
        raise usage(str(exc)) from None
    passphrase = _passphrase() if args.facilitator else None
    reports = []
    for s in args.saves:
        try:
            reports.append(from_save(s, passphrase))
        except SaveError as exc:
            raise usage(str(exc)) from None
    # Everything is rendered before the first file is written.
    files: list[tuple[Path, str]] = []
    if args.compare:
        ids = {d.scenario_id for d in reports}
        if len(ids) > 1:
            raise usage(f"--compare needs saves of one scenario (got {', '.join(sorted(ids))})")
        files.append((out, render_compare(reports, [Path(s).stem for s in args.saves])))
    else:
        d = reports[0]
        files.append((out, render_summary(d) if getattr(args, "summary", False) else render(d)))
        if args.csv:
            files.extend((Path(args.csv) / name, text) for name, text in csv_tables(d).items())
        if args.json:
            files.append((Path(args.json), json_text(d)))
    for path, text in files:
        try:
            write_atomic(path, text)
        except FileProblem as exc:
            print(f"brinkmanship: {clean_line(exc)}", file=sys.stderr)
            return 1
    # Paths come from the command line: cleaned, like every message, so that
    # no escape sequence in a file name reaches the terminal.
    if args.compare:
        print(f"Wrote {clean_line(out)} ({len(reports)} games).")
    else:
        print(f"Wrote {clean_line(out)}.")
        if args.csv:
            print(f"Wrote {len(CSV_FILES)} CSV files to {clean_line(args.csv)}.")
        if args.json:
            print(f"Wrote {clean_line(args.json)}.")
    for s, d in zip(args.saves, reports):
        rec = d.facilitator_record
        if rec.get("code") not in (None, "none"):
            print(f"{clean_line(s)}: {clean_line(rec['text'])}")
    return 0
