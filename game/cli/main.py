"""The ``brinkmanship`` command.

``brinkmanship`` alone opens the game window (or the terminal mode where
there is no window). Subcommands: play, validate, preview, schema, new, list,
simulate, report, and host and join for a networked classroom game.

No command prints a traceback: bad arguments and bad files are one line on
standard error and exit status 2; anything unexpected is one line too, with
the path of a crash report (version, command, traceback) written under
``$XDG_STATE_HOME/brinkmanship/crashes`` (or ``~/.local/state/...``), and exit
status 70.
"""

from __future__ import annotations

import argparse
import errno
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.scenario.errors import ScenarioError
from game.session.files import clean, clean_line

MAX_SEED = 2**63 - 1
EXIT_SOFTWARE = 70
MAX_RUNS = 10_000_000


class UsageError(Exception):
    """Bad arguments: one line on stderr, exit status 2."""


def _int_in(lo: int, hi: int | None, what: str):
    """An argparse type: a whole number (ASCII digits) from lo to hi."""

    def parse(text: str) -> int:
        t = text.strip()
        body = t[1:] if t[:1] in "+-" else t
        if not (body.isascii() and body.isdigit()) or len(body) > 30:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {clean(text)[:40]!r}")
        n = int(t)
        if n < lo or (hi is not None and n > hi):
            raise argparse.ArgumentTypeError(
                f"{what} must be from {lo} to {hi}, not {n}"
                if hi is not None
                else f"{what} must be at least {lo}, not {n}"
            )
        return n

    parse.__name__ = what
    return parse


def _number_in(lo: float, hi: float, what: str):
    """An argparse type: a finite number from lo to hi (NaN and infinity refused)."""

    def parse(text: str) -> float:
        try:
            v = float(text) if text.isascii() else math.nan
        except ValueError:
            v = math.nan
        if not (math.isfinite(v) and lo <= v <= hi):
            raise argparse.ArgumentTypeError(f"{what} must be a number from {lo:g} to {hi:g}, not {clean(text)[:40]!r}")
        return v

    parse.__name__ = what
    return parse


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _workers(text: str) -> int:
    """--workers: 0 (all cores) or 1 to the number of CPUs."""
    n = _cpus()
    try:
        return _int_in(0, n, "--workers")(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"--workers must be from 1 to {n} (the number of CPUs), or 0 for all of them; not {clean(text)[:30]!r}"
        ) from None


SEED = _int_in(0, MAX_SEED, "--seed")


def _scenario(name: str):
    from game.scenario.loader import load

    try:
        return load(name)
    except ScenarioError as exc:
        raise UsageError(f"cannot load scenario '{name}':\n{exc}") from None


def _actor_index(scenario, actor_id: str) -> int:
    ids = [a.id for a in scenario.rules.actors]
    if actor_id not in ids:
        raise UsageError(
            f"unknown role '{actor_id}'; roles: "
            f"{', '.join(scenario.rules.actors[r.actor].id for r in scenario.rules.roles)}"
        )
    return ids.index(actor_id)


def cmd_play(args: argparse.Namespace) -> int:
    from game.session.game import Game
    from game.session.save import SaveError, load_game

    if args.turn is not None and not args.load:
        raise UsageError("--turn needs --load SAVE (the game to branch from)")
    if args.save:
        from game.session.files import FileProblem, check_outputs
        from game.session.save import may_overwrite

        try:
            check_outputs([("--save", args.save, ())], [])
            may_overwrite(args.save)
        except FileProblem as exc:
            raise UsageError(str(exc)) from None
    if args.reload and (args.text or args.watch):
        raise UsageError("--reload works in the window (not with --text or --watch)")
    if args.rebase and not args.load:
        raise UsageError("--rebase needs --load SAVE (the game to play on under the edited scenario)")
    if args.load:
        from game.session.save import rebase_game, scenario_changed

        try:
            if args.rebase:
                game, notes = rebase_game(args.load, upto=args.turn)
                for note in notes or ["the scenario has not changed since the game was saved"]:
                    print(f"brinkmanship: {clean_line(args.load)}: {clean_line(note)}", file=sys.stderr)
            else:
                changed = scenario_changed(args.load)
                game = load_game(args.load, upto=args.turn)
                if changed:
                    print(
                        f"brinkmanship: {clean_line(args.load)}: the scenario file has changed since this game was "
                        "saved; playing on under the scenario as it was (the copy in the save). To play on under the "
                        "edited file instead: brinkmanship play --load SAVE --rebase",
                        file=sys.stderr,
                    )
        except SaveError as exc:
            raise UsageError(str(exc)) from None
        from game.session.facilitator import record_status

        status = record_status(game)
        if status.code not in ("none", "unchecked", "intact"):
            print(f"brinkmanship: {clean_line(args.load)}: {clean_line(status.text)}", file=sys.stderr)
        humans = list(game.humans) or [game.rules.roles[0].actor]
        scenario = game.scenario
        if args.role:
            print("brinkmanship: --role is ignored with --load: the save says who plays which role", file=sys.stderr)
    else:
        scenario = _scenario(args.scenario or "tutorial")
        roles = [r for x in (args.role or []) for r in x.split(",") if r]
        humans = [_actor_index(scenario, r) for r in roles] or [scenario.rules.roles[0].actor]
        if args.watch:
            humans = []
        policies = {}
        for spec in args.policy or []:
            if "=" not in spec:
                raise UsageError(f"--policy needs ROLE=POLICY, not '{spec}'")
            who, pol = spec.split("=", 1)
            policies[_actor_index(scenario, who)] = _policy(pol)
        if args.difficulty not in scenario.difficulty:
            raise UsageError(f"unknown difficulty '{args.difficulty}'; choose from {', '.join(scenario.difficulty)}")
        pacing = None
        if args.turns is not None:
            from game.session.pacing import PacingError, paced

            try:
                scenario, pacing = paced(scenario, args.turns)
            except PacingError as exc:
                raise UsageError(str(exc)) from None
        game = Game.new(scenario, args.seed, humans, policies, args.difficulty)
        game.pacing = pacing
    if args.load and args.turns is not None:
        print(
            "brinkmanship: --turns is ignored with --load: the save says how many turns the game has", file=sys.stderr
        )
    from game.session.classroom import ClassroomError, parse_minutes, parse_teams

    timer = None
    try:
        parse_teams(game, args.team or [])
        if args.timer is not None:
            timer = parse_minutes(args.timer)
    except ClassroomError as exc:
        raise UsageError(str(exc)) from None
    if args.watch:
        from game.cli.text import watch

        return watch(game)
    if args.text or not _window_available():
        from game.cli.text import run_text

        # A game loaded to go on (not branched from an earlier turn) keeps saving to its own file.
        resume = Path(args.load) if args.load and args.turn is None else None
        target = Path(args.save) if args.save else resume
        return run_text(
            game, humans[0], save_path=target, facilitator=args.facilitator, timer=timer, reflect=args.reflect
        )
    if args.facilitator and not game.facilitator:
        _facilitator_passphrase(game)
    from game.gui.app import run_gui

    return run_gui(game=game, timer=timer, reflect=args.reflect, reload=args.reload)


def _facilitator_passphrase(game) -> None:
    """Ask for the facilitator's passphrase in the terminal (twice) before the window opens."""
    import getpass

    from game.session.facilitator import FacilitatorError, enable

    if not sys.stdin.isatty():
        raise UsageError(
            "--facilitator needs a terminal to choose the passphrase (or choose it on the window's New game screen)"
        )
    for _ in range(3):
        first = getpass.getpass("Facilitator passphrase (at least 4 characters): ")
        if getpass.getpass("Again: ") != first:
            print("The two passphrases differ.", file=sys.stderr)
            continue
        try:
            enable(game, first)
            return
        except FacilitatorError as exc:
            print(f"{exc}.", file=sys.stderr)
    raise UsageError("no facilitator passphrase chosen")


def _policy(name: str) -> str:
    if name not in ("random", "standard", "hard", "pass"):
        hint = (
            " (routines, repeat: and only: probes are for simulate and audit)"
            if name.startswith(("routine:", "repeat:", "only:"))
            else ""
        )
        raise UsageError(f"unknown policy '{name[:60]}'; choose from random, standard, hard, pass{hint}")
    return name


def _window_available() -> bool:
    """Whether the window can be seen; if not, say in one line that the game
    plays in the terminal instead (as with no display, over ssh or in CI)."""
    try:
        from game.gui.app import display_available
    except ImportError:
        reason = "the window needs pygame-ce, which is not installed"
    else:
        if display_available():
            return True
        reason = "no display to open a window on"
    print(f"brinkmanship: {reason}; playing in the terminal (brinkmanship play --text)", file=sys.stderr)
    return False


def _yaml_files(folder: Path) -> list[Path]:
    """The files of the game in a folder and its subfolders, in path order: the .yaml files (scenarios, blocks,
    paths files) and the saves (.json or .save files that are saves; not, say, the JSON Schema beside them)."""
    from game.cli.validate import kind_of

    out = []
    for p in sorted(folder.rglob("*")):
        if len(out) >= 10_000:
            break
        if p.suffix in (".yaml", ".yml") and p.is_file():
            out.append(p)
        elif p.suffix in (".json", ".save") and p.is_file() and kind_of(p) == "save":
            out.append(p)
    return out


def _missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: a loop of symbolic links, a dangling link, or nothing there."""
    from game.scenario.source import os_problem

    try:
        path.stat()
    except OSError as exc:
        if path.is_symlink() and exc.errno == errno.ENOENT:
            return f"a symbolic link to '{os.readlink(path)}', which does not exist"
        return os_problem(exc)[0]
    return "no such file"


def cmd_validate(args: argparse.Namespace) -> int:
    from game.cli.validate import check_file

    files: list[Path] = []
    unreadable: list[tuple[str, str]] = []
    for p in args.paths:
        path = Path(p)
        if path.is_dir():
            found = _yaml_files(path)
            if not found:
                unreadable.append((p, "no scenario files (*.yaml) in this folder"))
            files.extend(found)
        elif not path.exists():
            unreadable.append((p, _missing(path)))
        elif not os.access(path, os.R_OK):  # a pipe or a device gets its own located error from the loader
            unreadable.append((p, "cannot read this file"))
        else:
            files.append(path)
    results = []
    for f in files:
        kind, found = check_file(f, args.kind)
        errs = [d for d in found if d.severity == "error"]
        warns = [d for d in found if d.severity != "error"]
        results.append((str(f), kind, errs, warns))
    if args.format == "json":
        doc = {
            "valid": not unreadable and not any(errs for _, _, errs, _ in results),
            "files": [
                {
                    "path": f,
                    "kind": kind,
                    "valid": not errs,
                    "errors": [d.as_dict() for d in errs],
                    "warnings": [d.as_dict() for d in warns],
                }
                for f, kind, errs, warns in results
            ],
            "unreadable": [{"path": p, "reason": why} for p, why in unreadable],
        }
        print(json.dumps(doc, indent=1, ensure_ascii=False))
    else:
        for _, _, errs, warns in results:
            for d in sorted(errs + warns, key=lambda d: (d.line, d.col, d.severity, d.message)):
                print(clean(d.format()))
        for p, why in unreadable:
            print(f"brinkmanship validate: {clean_line(p)}: {why}", file=sys.stderr)
        if not args.quiet and results:
            bad = sum(1 for _, _, e, _ in results if e)
            n_errors = sum(len(e) for _, _, e, _ in results)
            n_warnings = sum(len(w) for _, _, _, w in results)
            print(
                f"{len(results) - bad} of {len(results)} file(s) valid"
                + (f", {n_errors} error(s)" if bad else "")
                + (f", {n_warnings} warning(s)" if n_warnings else ""),
                file=sys.stderr,
            )
    if unreadable:
        return 2
    return 1 if any(errs for _, _, errs, _ in results) else 0


def cmd_preview(args: argparse.Namespace) -> int:
    scenario = _scenario(args.scenario)
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UsageError(f"--out must name a .png file, not '{clean_line(out)}'")
    if not out.parent.is_dir():
        raise UsageError(f"there is no folder {clean_line(out.parent)}")
    w, _, h = args.size.partition("x")
    try:
        size = (int(w), int(h))
    except ValueError:
        raise UsageError(f"--size must be WIDTHxHEIGHT, e.g. 1280x720, not '{clean_line(args.size)}'") from None
    from game.gui.preview import MAX_SIZE, MIN_SIZE

    if not (MIN_SIZE[0] <= size[0] <= MAX_SIZE[0] and MIN_SIZE[1] <= size[1] <= MAX_SIZE[1]):
        raise UsageError(f"--size must be from {MIN_SIZE[0]}x{MIN_SIZE[1]} to {MAX_SIZE[0]}x{MAX_SIZE[1]}")
    try:
        from game.gui.preview import render_preview
    except ImportError:
        raise UsageError("preview needs pygame-ce, which is not installed") from None
    try:
        render_preview(scenario, out, size)
    except OSError as exc:
        raise UsageError(f"cannot write {clean_line(out)}: {exc.strerror or exc}") from None
    print(f"Wrote {clean_line(out)}: the map of {clean_line(scenario.meta.title)} at the start ({size[0]}x{size[1]}).")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from game.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from game.scenario.loader import load, shipped

    for sid, path in shipped():
        try:
            sc = load(path)
        except ScenarioError:
            print(f"{sid}\t(invalid: run 'brinkmanship validate {path}')")
            continue
        roles = ",".join(sc.rules.actors[r.actor].id for r in sc.rules.roles)
        # Tabs lay out the columns; the fields themselves are cleaned onto one line.
        print(
            "\t".join(
                clean_line(x)
                for x in (sid, sc.meta.title, sc.meta.period, f"roles: {roles}", f"{sc.rules.turn_limit} turns")
            )
        )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from game.scenario.starter import write_starter

    path = Path(args.path)
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists (use --force to overwrite)")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; name the file to write, e.g. {path / 'my-scenario.yaml'}")
    if not path.parent.is_dir():
        raise UsageError(f"there is no folder {path.parent}")
    schema = path.parent / "scenario.schema.json"
    try:
        write_starter(path)
        # The starter's first line points editors at this file, for completion and checks as you type.
        wrote_schema = not schema.exists() and not schema.is_symlink()
        if wrote_schema:
            from game.scenario.schema import schema_text

            schema.write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    shown = clean_line(path)
    print(
        f"Wrote {shown}"
        + (f" (and {clean_line(schema)}, for your editor's completion)" if wrote_schema else "")
        + f". Check it with: brinkmanship validate {shown}; play it with: brinkmanship play {shown} --text"
    )
    return 0


class CleanOutput:
    """A text stream that passes on everything but escape sequences and
    control characters (names and titles come from scenario files)."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(clean(text))

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def cmd_simulate(args: argparse.Namespace) -> int:
    import contextlib

    from game.ai.simulate import main_simulate

    if args.runs > MAX_RUNS:
        raise UsageError(f"--runs must be at most {MAX_RUNS:,} (got {args.runs})")
    with contextlib.redirect_stdout(CleanOutput(sys.stdout)):
        return main_simulate(args, UsageError)


def cmd_audit(args: argparse.Namespace) -> int:
    import contextlib

    from game.ai.audit import main_audit

    if args.runs > MAX_RUNS:
        raise UsageError(f"--runs must be at most {MAX_RUNS:,} (got {args.runs})")
    with contextlib.redirect_stdout(CleanOutput(sys.stdout)):
        return main_audit(args, UsageError)


def cmd_report(args: argparse.Namespace) -> int:
    from game.report.cli import main_report

    return main_report(args, UsageError)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="brinkmanship", description="Brinkmanship: a strategy game of military operations and diplomacy."
    )
    sub = p.add_subparsers(dest="command")

    play = sub.add_parser("play", help="play a scenario (the window, or --text for the terminal)")
    play.add_argument("scenario", nargs="?", help="shipped scenario id or a scenario file (default: tutorial)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument(
        "--role", action="append", help="role(s) played by humans, e.g. --role usa or --role usa,iraq (hot-seat)"
    )
    play.add_argument("--seed", type=SEED, default=1, help="random seed (the same seed and orders give the same game)")
    play.add_argument("--difficulty", default="normal", help="easy, normal or hard (or one the scenario defines)")
    play.add_argument("--policy", action="append", help="AI policy for a role: ROLE=random|standard|hard|pass")
    play.add_argument("--load", metavar="SAVE", help="continue a saved game")
    play.add_argument(
        "--turn",
        type=_int_in(1, 10_000, "--turn"),
        metavar="N",
        help="with --load: go back to the start of turn N and continue from there as a new game",
    )
    play.add_argument(
        "--reload",
        action="store_true",
        help="in the window: reload the scenario when its file is saved, keeping the seed and the orders so far "
        "where they still apply (a broken edit is shown with its line, and the game goes on)",
    )
    play.add_argument(
        "--rebase",
        action="store_true",
        help="with --load: play on under the scenario file as it is now, if it was edited since the save "
        "(says what changed; orders that no longer exist are left out)",
    )
    play.add_argument(
        "--save", metavar="FILE", help="default file for 'save' (without it, the saves folder the window lists)"
    )
    play.add_argument(
        "--facilitator",
        action="store_true",
        help="enable the facilitator's controls, protected by a passphrase chosen now",
    )
    play.add_argument(
        "--watch",
        action="store_true",
        help="every actor played by the AI; print the game turn by turn (replays a game from 'simulate' exactly)",
    )
    play.add_argument(
        "--turns",
        type=_int_in(2, 1000, "--turns"),
        metavar="N",
        help="play a shortened version of the scenario in N turns (its events and conditions scaled to fit)",
    )
    play.add_argument(
        "--team", action="append", metavar="ROLE=NAME", help="a team's name for a role played by humans (repeatable)"
    )
    play.add_argument(
        "--timer",
        metavar="MINUTES",
        help="hot-seat turn timer: when it runs out, the team's turn ends with the orders queued so far",
    )
    play.add_argument(
        "--reflect",
        action="store_true",
        help="ask each team 'Why did you choose this?' when it ends its turn (answers kept in the save and report)",
    )
    play.set_defaults(func=cmd_play)

    val = sub.add_parser(
        "validate",
        help="check scenarios, include blocks, paths files and saves; report every error and warning with its line",
    )
    val.add_argument("paths", nargs="+", help="files, or folders whose *.yaml files (and subfolders') are checked")
    val.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one 'FILE:LINE:COL: error: message' per line; json: one document for tools",
    )
    val.add_argument("-q", "--quiet", action="store_true", help="print only the errors and warnings")
    val.add_argument(
        "--kind",
        choices=("scenario", "block", "paths", "save"),
        help="check every file as this kind (default: each file's kind is told from its content)",
    )
    val.set_defaults(func=cmd_validate)

    pre = sub.add_parser("preview", help="draw a scenario's starting map to a PNG file, without a window")
    pre.add_argument("scenario", help="shipped scenario id or a scenario file")
    pre.add_argument("--out", required=True, metavar="FILE.png", help="the image to write")
    pre.add_argument("--size", default="1280x720", metavar="WxH", help="image size in pixels (default 1280x720)")
    pre.set_defaults(func=cmd_preview)

    sch = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    sch.set_defaults(func=cmd_schema)

    new = sub.add_parser("new", help="write a commented starter scenario")
    new.add_argument("path")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(func=cmd_new)

    lst = sub.add_parser("list", help="list the shipped scenarios")
    lst.set_defaults(func=cmd_list)

    sim = sub.add_parser("simulate", help="play a scenario many times with AI actors and show the outcomes")
    sim.add_argument("scenario")
    sim.add_argument("--runs", type=_int_in(-(10**30), None, "--runs"), default=1000)
    sim.add_argument("--seed", type=SEED, default=1)
    sim.add_argument("--policy", action="append", help="ROLE=random|standard|hard (default: standard for every actor)")
    sim.add_argument("--difficulty", default="normal")
    sim.add_argument("--json", action="store_true", help="print one JSON document")
    sim.add_argument(
        "--workers",
        type=_workers,
        default=0,
        help="processes to use, 1 to the number of CPUs (0, the default: all cores)",
    )
    sim.set_defaults(func=cmd_simulate)

    aud = sub.add_parser(
        "audit", help="the balance gate: can passing, one repeated action or one family of actions match the AI?"
    )
    aud.add_argument("scenario")
    aud.add_argument(
        "--runs",
        type=_int_in(-(10**30), None, "--runs"),
        default=200,
        help="paired games per policy and role (default 200)",
    )
    aud.add_argument("--seed", type=SEED, default=1)
    aud.add_argument("--role", action="append", help="audit only this role (repeatable)")
    aud.add_argument(
        "--probe",
        action="append",
        metavar="ROLE=POLICY",
        help="also play this policy in the role as a probe (repeatable), e.g. usa=routine:accept_agreement,deploy",
    )
    aud.add_argument(
        "--hard",
        type=_int_in(0, 10_000_000, "--hard"),
        default=0,
        metavar="N",
        help="also play the hard AI in each role on N of the seeds",
    )
    aud.add_argument(
        "--hard-rollouts",
        type=_int_in(1, 100_000, "--hard-rollouts"),
        default=128,
        help="rollouts per hard decision in the audit (default 128)",
    )
    aud.add_argument(
        "--margin",
        type=_number_in(0.0, 1000.0, "--margin"),
        default=10.0,
        help="points by which the standard AI must beat every probe (default 10)",
    )
    aud.add_argument(
        "--extend",
        type=_int_in(0, 100, "--extend"),
        default=3,
        metavar="K",
        help="play a policy still undecided after --runs games on K times as many more seeds, and one still undecided"
        " then on 4K times as many again (default 3; 0: never)",
    )
    aud.add_argument(
        "--coverage",
        action="store_true",
        help="also list the actions each actor's AI never or almost never orders, and why",
    )
    aud.add_argument(
        "--sensitivity",
        action="store_true",
        help="also rank the starting values (role actors' values and relations) that move win rates the most",
    )
    aud.add_argument(
        "--step",
        type=_number_in(0.5, 100.0, "--step"),
        default=10.0,
        help="how far --sensitivity moves each starting value, up and down (default 10)",
    )
    aud.add_argument("--json", action="store_true", help="print one JSON document")
    aud.add_argument(
        "--workers",
        type=_workers,
        default=0,
        help="processes to use, 1 to the number of CPUs (0, the default: all cores)",
    )
    aud.set_defaults(func=cmd_audit)

    rep = sub.add_parser("report", help="write a debrief report (HTML) from saved games")
    rep.add_argument("saves", nargs="+")
    rep.add_argument("--out", help="HTML file to write")
    rep.add_argument("--compare", action="store_true", help="compare several groups' games of one scenario")
    rep.add_argument("--csv", metavar="DIR", help="also export per-turn values as CSV files")
    rep.add_argument("--json", metavar="FILE", help="also export per-turn values as JSON")
    rep.add_argument(
        "--summary",
        action="store_true",
        help="write the one- or two-page summary for the projector or for print instead of the full debrief",
    )
    rep.add_argument(
        "--facilitator",
        action="store_true",
        help="check each game's sealed facilitator record with the facilitator's passphrase (asked for; or the first "
        "line of standard input)",
    )
    rep.set_defaults(func=cmd_report)

    from game.net.cli import add_commands

    add_commands(sub, _int_in(0, 65535, "--port"), _int_in(1, 50, "--games"), SEED, _int_in(2, 1000, "--turns"))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """The command line. Never a traceback: see the module's docstring."""
    args: argparse.Namespace | None = None
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.command is None:
            if _window_available():
                from game.gui.app import run_gui

                return run_gui()
            args = parser.parse_args(["play", "--text"])
        return int(args.func(args))
    except UsageError as exc:
        print(f"brinkmanship: {clean(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into a program that stopped reading (e.g. `| head`).
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except OSError:
            pass
        return 0
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last guard: one line and a crash report, never a traceback
        return crashed(exc, list(sys.argv[1:] if argv is None else argv))


def crash_dir() -> Path:
    """Where crash reports go: $XDG_STATE_HOME/brinkmanship/crashes, else ~/.local/state/brinkmanship/crashes."""
    base = os.environ.get("XDG_STATE_HOME")
    return (Path(base) if base else Path.home() / ".local" / "state") / "brinkmanship" / "crashes"


def crashed(exc: BaseException, argv: list[str]) -> int:
    """Write a crash report and say where it is, in one line; exit status 70."""
    import datetime as dt
    import platform
    import traceback

    try:
        from importlib.metadata import version

        ver = version("brinkmanship")
    except Exception:  # noqa: BLE001 - an uninstalled checkout has no metadata
        ver = "unknown"
    text = "\n".join(
        [
            "Brinkmanship crash report",
            f"version: {ver}",
            f"python: {platform.python_version()} on {platform.platform()}",
            f"time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
            f"command: brinkmanship {' '.join(argv)}",
            "",
            "".join(traceback.format_exception(exc)),
        ]
    )
    where = ""
    try:
        folder = crash_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{dt.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        path.write_text(text, encoding="utf-8")
        where = f"; a crash report is in {path} (please send it to the developers)"
    except OSError:
        where = " (no crash report could be written)"
    summary = clean(f"{type(exc).__name__}: {exc}").replace("\n", " ")[:300]
    try:
        print(f"brinkmanship: internal error: {summary}{where}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - stderr itself may be gone
        pass
    return EXIT_SOFTWARE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
