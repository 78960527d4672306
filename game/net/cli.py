"""The ``brinkmanship host`` and ``brinkmanship join`` commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.session.files import clean_line


class NetUsageError(Exception):
    """Bad arguments to host or join: one line on stderr, exit status 2."""


MIN_TIMER = 30
"""The shortest turn timer (seconds): '--timer 5' meant as minutes would otherwise end every turn at once."""
MAX_TIMER = 24 * 3600


def timer_type(text: str) -> int:
    """Seconds from '300', '300s', '5m', '4m30s' or '1h'; at least MIN_TIMER, or 0 for none."""
    import re

    t = text.strip().lower().replace(" ", "")
    m = re.fullmatch(r"(?:(\d{1,3})h)?(?:(\d{1,4})m(?:in)?)?(?:(\d{1,6})s?)?", t) if t and len(t) <= 20 else None
    if m is None or not any(m.groups()):
        raise argparse.ArgumentTypeError(f"--timer is a time such as 5m, 4m30s or 300s, not {text[:40]!r}")
    h, mins, secs = (int(x) if x else 0 for x in m.groups())
    seconds = h * 3600 + mins * 60 + secs
    if seconds == 0:
        return 0
    if seconds < MIN_TIMER:
        raise argparse.ArgumentTypeError(
            f"--timer {text[:20]} is {seconds} second(s), too short for a turn; for minutes write {secs or mins}m"
        )
    if seconds > MAX_TIMER:
        raise argparse.ArgumentTypeError("--timer must be at most 24h")
    return seconds


def add_commands(sub: Any, port_type: Any, games_type: Any, seed_type: Any, turns_type: Any) -> None:
    """Add 'host' and 'join' to the command's subcommands (the argument types are the command's own)."""
    host = sub.add_parser("host", help="host a classroom game on the room's network (teams join from browsers)")
    host.add_argument("scenario", nargs="?", help="shipped scenario id or a scenario file")
    host.add_argument(
        "--resume",
        metavar="DIR",
        help="go on with the games of a lesson hosted before, from its save folder (the teams keep their codes)",
    )
    host.add_argument(
        "--teams",
        nargs="+",
        metavar="ROLE=NAME",
        help="the roles played by teams, each with its team's name, e.g. --teams usa=Blue iraq=Red "
        "(default: every role, named after it)",
    )
    host.add_argument("--games", type=games_type, default=1, help="games (one per group) on this server (default 1)")
    host.add_argument("--port", type=port_type, default=8765, help="port to listen on (default 8765)")
    host.add_argument(
        "--bind", default="0.0.0.0", help="address to listen on (default: every network of this computer)"
    )
    host.add_argument(
        "--timer",
        type=timer_type,
        default=0,
        metavar="TIME",
        help="turn timer: minutes and seconds as 5m, 4m30s or 300s (a bare number is seconds; default: none)",
    )
    host.add_argument(
        "--latecomers",
        choices=("ai", "pass"),
        default="ai",
        help="when the timer runs out: the AI plays the teams that have not ended (ai), or they keep only the "
        "orders they queued (pass)",
    )
    host.add_argument(
        "--turns",
        type=turns_type,
        help="play a shortened version of the scenario in N turns (its events and conditions scaled to fit)",
    )
    host.add_argument(
        "--reflect",
        action="store_true",
        help="ask each team 'Why did you choose this?' when it ends its turn (answers kept in the save and report)",
    )
    host.add_argument("--seed", type=seed_type, default=1, help="random seed (every group plays the same world)")
    host.add_argument("--difficulty", default="normal")
    host.add_argument("--passphrase-file", metavar="FILE", help="read the facilitator's passphrase from a file")
    host.add_argument("--save-dir", metavar="DIR", help="where the games are saved (default: the saves folder)")
    host.set_defaults(func=_usage(cmd_host))

    join = sub.add_parser(
        "join",
        help="play one team of a hosted classroom game (in the game's window, or --text in the terminal)",
        description="Join a classroom game hosted with 'brinkmanship host': the game's window opens on your "
        "team's seat (your values, the map, your orders, the news, messages to other teams, the turn timer). "
        "A dropped connection is opened again by itself. With --text, play in the terminal instead; "
        "students can also open the host's address in a browser.",
    )
    join.add_argument("address", help="the address the host printed, e.g. 192.168.1.20:8765")
    join.add_argument("--code", required=True, help="your team's join code")
    join.add_argument("--text", action="store_true", help="play in the terminal instead of the game's window")
    join.set_defaults(func=_usage(cmd_join))


def _usage(fn: Any) -> Any:
    """A command whose bad arguments are one line on standard error and exit status 2."""

    def run(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except NetUsageError as exc:
            from game.session.files import clean

            print(f"brinkmanship: {clean(str(exc))}", file=sys.stderr)
            return 2

    return run


def _passphrase(args: argparse.Namespace, chosen_before: bool = False) -> str:
    if args.passphrase_file:
        try:
            text = Path(args.passphrase_file).read_text(encoding="utf-8")[:1000]
        except (OSError, UnicodeDecodeError) as exc:
            raise NetUsageError(f"cannot read the passphrase file: {exc}") from None
        phrase = text.splitlines()[0].strip() if text.strip() else ""
        if len(phrase) < 4:
            raise NetUsageError("the passphrase file must hold a passphrase of at least 4 characters")
        return phrase
    import getpass

    if not sys.stdin.isatty():
        raise NetUsageError("choose the facilitator's passphrase in a terminal, or give --passphrase-file FILE")
    if chosen_before:
        return getpass.getpass("The facilitator's passphrase of these games: ")
    for _ in range(3):
        first = getpass.getpass("Facilitator passphrase for the teacher's dashboard (at least 4 characters): ")
        if len(first) < 4:
            print("Choose at least 4 characters.", file=sys.stderr)
            continue
        if getpass.getpass("Again: ") != first:
            print("The two passphrases differ.", file=sys.stderr)
            continue
        return first
    raise NetUsageError("no facilitator passphrase chosen")


def lan_address(bind: str) -> str:
    """The address other computers in the room reach this one at (best guess)."""
    if bind not in ("0.0.0.0", "::", ""):
        return bind
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"


def cmd_host(args: argparse.Namespace) -> int:
    if args.resume:
        return _serve_resumed(args)
    if not args.scenario:
        raise NetUsageError("host needs a scenario (or --resume DIR to go on with a lesson hosted before)")
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load
    from game.session.game import Game

    try:
        scenario = load(args.scenario)
    except ScenarioError as exc:
        raise NetUsageError(f"cannot load scenario '{args.scenario}':\n{exc}") from None
    r = scenario.rules
    ids = [a.id for a in r.actors]
    roles = [r.actors[x.actor].id for x in r.roles]
    teams: dict[int, str] = {}
    for spec in args.teams or roles:
        role, _, name = spec.partition("=")
        if role not in roles:
            raise NetUsageError(f"unknown role '{role[:40]}'; roles: {', '.join(roles)}")
        name = " ".join(name.split())[:40]
        teams[ids.index(role)] = name or r.actors[ids.index(role)].name
    if args.difficulty not in scenario.difficulty:
        raise NetUsageError(f"unknown difficulty '{args.difficulty}'; choose from {', '.join(scenario.difficulty)}")
    phrase = _passphrase(args)
    sock = _listen(args)
    if args.save_dir:
        save_dir = Path(args.save_dir)
    else:
        import datetime

        from game.gui.userdata import saves_dir

        save_dir = saves_dir() / f"classroom-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    pacing = None
    if args.turns is not None:
        from game.session.pacing import PacingError, paced

        try:
            scenario, pacing = paced(scenario, args.turns)
        except PacingError as exc:
            raise NetUsageError(str(exc)) from None
    games = [Game.new(scenario, args.seed, list(teams), difficulty=args.difficulty) for _ in range(args.games)]
    for g in games:
        g.pacing = pacing
    from game.net.server import ClassroomServer

    try:
        server = ClassroomServer(
            games, teams, phrase, save_dir, timer=args.timer, latecomers=args.latecomers, reflect=args.reflect
        )
    except OSError as exc:
        sock.close()
        raise NetUsageError(f"cannot save to {save_dir}: {exc}") from None
    length = f"{scenario.rules.turn_limit} turns"
    if pacing is not None and pacing["turns"] != pacing["original"]:
        length += f" (shortened from {pacing['original']})"
    return _serve(server, args, scenario.meta.title, f"{args.games} game(s) of {length}", sock)


def _listen(args: argparse.Namespace) -> Any:
    """The server's socket, opened before any game is saved: a port in use stops here and writes nothing."""
    from game.net.server import listen

    try:
        return listen(args.bind, args.port)
    except OSError as exc:
        hint = " (another server runs there: stop it, or choose another --port)" if args.port else ""
        raise NetUsageError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}{hint}") from None


def _serve_resumed(args: argparse.Namespace) -> int:
    from game.net.server import ClassroomServer, ResumeError, resume
    from game.session.facilitator import FacilitatorError

    if args.scenario or args.teams or args.turns or args.games != 1:
        raise NetUsageError(
            "--resume goes on with the saved games as they are: leave out the scenario, --teams, --turns and --games"
        )
    save_dir = Path(args.resume)
    try:
        games, codes = resume(save_dir)
    except ResumeError as exc:
        raise NetUsageError(str(exc)) from None
    phrase = _passphrase(args, chosen_before=True)
    sock = _listen(args)
    try:
        server = ClassroomServer(
            games, {}, phrase, save_dir, timer=args.timer, latecomers=args.latecomers, reflect=args.reflect, codes=codes
        )
    except FacilitatorError as exc:
        sock.close()
        raise NetUsageError(f"cannot resume the games in {save_dir}: {exc}") from None
    except OSError as exc:
        sock.close()
        raise NetUsageError(f"cannot save to {save_dir}: {exc}") from None
    turns = ", ".join(f"group {r.number} at turn {min(r.game.turn, r.game.rules.turn_limit)}" for r in server.rooms)
    return _serve(server, args, games[0].rules.title, f"Resumed {len(games)} game(s): {turns}", sock)


def _serve(server: Any, args: argparse.Namespace, title: str, what: str, sock: Any) -> int:
    """Serve on the socket opened before, print the address and the codes, and serve until Ctrl+C."""
    import asyncio

    from game.net.server import bound_port, start

    async def serve() -> None:
        try:
            runner = await start(server, args.bind, args.port, sock)
        except OSError as exc:
            raise NetUsageError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None
        address = f"{lan_address(args.bind)}:{bound_port(runner)}"
        print(f"Brinkmanship classroom server: {title}")
        timer = f"turn timer {args.timer // 60}:{args.timer % 60:02d}" if args.timer else "no turn timer"
        late = "the AI plays the teams that have not ended" if args.latecomers == "ai" else "latecomers pass"
        print(f"{what}, {timer}" + (f" ({late})" if args.timer else "") + ".")
        print(f"Students open  http://{address}/  in a browser and type their team's code,")
        print(f"or in the game's window:  brinkmanship join {address} --code CODE  (--text: in a terminal)")
        print(f"Teacher's dashboard: http://{address}/teacher   Projector: http://{address}/projector?game=1")
        for room in server.rooms:
            ids = [a.id for a in room.game.rules.actors]
            print(f"Group {room.number}:")
            for a, seat in room.seats.items():
                print(f"  {clean_line(seat.name):<20} ({ids[a]:<12}) code {seat.code}")
        print(f"Games are saved every turn in {server.save_dir}. Press Ctrl+C to stop;", flush=True)
        print(f"'brinkmanship host --resume {server.save_dir}' goes on with them.", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await runner.cleanup()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        print("\nServer stopped; the games are saved.")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    if args.text:
        from game.net.client import run_terminal

        return run_terminal(args.address, args.code, sys.stdin, sys.stdout)
    return run_window(args.address, args.code)


def run_window(address: str, code: str, connect_s: float = 40.0) -> int:
    """``brinkmanship join ADDRESS --code CODE``: the team's seat in the game's window.

    The code is tried first, here in the terminal: a wrong code or a server that cannot be reached is one line
    on standard error, and no window opens."""
    import time

    from game.net.client import Link

    try:
        from game.gui.app import display_available
    except ImportError:
        print("brinkmanship: the window needs pygame-ce; play in the terminal with --text", file=sys.stderr)
        return 2
    if not display_available():
        print(
            "brinkmanship: no display to open a window on; play in the terminal with --text, "
            f"or open http://{address}/ in a browser",
            file=sys.stderr,
        )
        return 2
    link = Link(address, code).start()
    try:
        end = time.monotonic() + connect_s
        while link.state == "connecting" and time.monotonic() < end:
            time.sleep(0.05)
        if link.state != "online":
            problem = link.problem or "the server did not answer"
            print(f"brinkmanship: {clean_line(problem)}", file=sys.stderr)
            return 2
        from game.gui.app import run_gui
        from game.gui.remote import RemoteScreen

        return run_gui(
            start=lambda app: RemoteScreen(app, link, address),
            instead=f"play in the terminal with --text, or open http://{address}/ in a browser",
        )
    finally:
        link.close()
