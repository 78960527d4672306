"""The classroom server: one or more games on the room's network.

An aiohttp application holds each game (one per group) as a
:class:`game.session.game.Game` and is the only place its turns resolve. Each
team joins with its own join code over a WebSocket and receives only its own
seat (see :mod:`game.net.seat`); the teacher's dashboard acts through the
facilitator's controls once the passphrase is given; the projector view gets
the public part only. A turn resolves when every team has ended it, or when
the turn timer runs out (the AI plays the latecomers, or they pass with what
they queued). Every change is autosaved with the ordinary save code, so the
file is the same order log as any save, and a team that drops joins again
with its code and goes on.

Defences (see docs/security.md): codes from :mod:`secrets`, wrong codes and
passphrases throttled per address, the passphrase compared in constant time,
frames, messages and connections bounded, every message parsed by
:mod:`game.net.protocol`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import io
import json
import os
import secrets
import shlex
import socket
import sys
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web

from game.net import protocol as P
from game.net import seat as views
from game.session import messages
from game.session.classroom import ClassroomError, reflect, set_team
from game.session.facilitator import Controls, FacilitatorError, enable, unlock
from game.session.files import clean_line
from game.session.game import Game, IllegalOrder
from game.session.save import save

WEB = Path(__file__).resolve().parent / "web"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Join codes avoid letters and digits that look alike (0/O, 1/I)."""
CODE_LENGTH = 10
"""About 50 bits: with the throttle, guessing a code would take longer than any lesson."""
TERMINAL_COMMANDS = frozenset(
    {
        "status",
        "s",
        "actions",
        "a",
        "order",
        "o",
        "cancel",
        "c",
        "orders",
        "why",
        "w",
        "news",
        "n",
        "report",
        "r",
        "actors",
        "regions",
        "tracks",
        "council",
        "history",
        "h",
        "briefing",
        "b",
    }
)
"""The terminal commands a remote team may run: its own seat's information and orders (no files, no facilitator)."""


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
"""Sent with every page and file (defence in depth: the pages already write every text as text)."""


ROSTER = "classroom.json"
"""The file in the save folder that lists the games and the teams' codes (see ``resume``)."""
ROSTER_FORMAT = "brinkmanship-classroom-1"


class ResumeError(Exception):
    """A save folder whose lesson cannot be resumed, with the reason."""


def resume(save_dir: Path) -> tuple[list[Game], list[dict[int, str]]]:
    """The games of a lesson hosted before, from its save folder, and each game's codes by actor (the teams'
    pages join again by themselves with the codes they had)."""
    from game.session.save import SaveError, load_game

    path = save_dir / ROSTER
    try:
        if path.stat().st_size > 1_000_000:
            raise ResumeError(f"{path} is too large")
        roster = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResumeError(f"no classroom games in {save_dir} (no {ROSTER}; give the folder of --save-dir)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ResumeError(f"cannot read {path}: {exc}") from None
    if (
        not isinstance(roster, dict)
        or roster.get("format") != ROSTER_FORMAT
        or not isinstance(roster.get("games"), list)
    ):
        raise ResumeError(f"{path} is not a list of classroom games")
    games, codes = [], []
    for k, item in enumerate(roster["games"][:50]):
        name = item.get("save") if isinstance(item, dict) else None
        if not isinstance(name, str) or Path(name).name != name or not name.endswith(".save.json"):
            raise ResumeError(f"{path}: games[{k}].save must name a save file in the folder")
        try:
            game = load_game(save_dir / name)
        except SaveError as exc:
            raise ResumeError(str(exc)) from None
        ids = [a.id for a in game.rules.actors]
        mine = {}
        for actor, code in (item.get("codes") or {}).items():
            ok = isinstance(code, str) and len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code)
            if actor in ids and ids.index(actor) in game.humans and ok:
                mine[ids.index(actor)] = code
        games.append(game)
        codes.append(mine)
    if not games:
        raise ResumeError(f"{path} lists no games")
    return games, codes


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    return "".join(ch for ch in text.upper() if ch.isalnum())


@dataclass
class Limits:
    """The server's bounds; tests make some smaller."""

    max_connections: int = 300
    per_address: int = 60
    failures: int = 5
    """Wrong codes or passphrases from one address in ``failure_window`` seconds before it must wait."""
    failure_window: float = 60.0
    messages_per_second: float = 10.0
    burst: int = 40
    says_per_minute: int = 8
    """Diplomatic messages one team may send in a minute."""


@dataclass
class Seat:
    actor: int
    code: str
    name: str
    ws: web.WebSocketResponse | None = None
    said: deque = field(default_factory=deque)
    terminal: Any = None


@dataclass
class Room:
    number: int
    game: Game
    controls: Controls
    seats: dict[int, Seat]
    save_path: Path
    timer: int = 0
    deadline: float | None = None
    remaining: float | None = None
    """Seconds left on the timer while it is stopped: the game is paused, or no team of it is connected."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    projectors: set = field(default_factory=set)
    save_problem: str = ""

    @property
    def names(self) -> dict[int, str]:
        return {a: s.name for a, s in self.seats.items()}

    def seconds_left(self) -> int | None:
        if self.remaining is not None:
            return int(self.remaining)
        if self.deadline is None:
            return None
        return max(0, int(self.deadline - time.monotonic() + 0.999))

    def autosave(self) -> None:
        """Save the game (the same file every time); a failure is shown on the teacher's dashboard, never fatal."""
        try:
            save(self.game, self.save_path)
            self.save_problem = ""
        except OSError as exc:
            self.save_problem = f"could not save to {self.save_path}: {exc.strerror or exc}"

    @property
    def connected(self) -> bool:
        """Whether any team of this game is connected (the turn timer runs only then)."""
        return any(s.ws is not None and not s.ws.closed for s in self.seats.values())

    def start_timer(self) -> None:
        """A new turn's timer: it runs at once if a team is connected and the game is not paused, else it waits
        with the whole turn's time."""
        self.deadline = None
        self.remaining = float(self.timer) if self.timer and not self.game.over else None
        self.release()

    def hold(self) -> None:
        """Stop the clock (the game is paused, or no team is connected), keeping the time left."""
        if self.deadline is not None:
            self.remaining = float(self.seconds_left() or 0)
            self.deadline = None

    def release(self) -> None:
        """Run the clock again with the time it had left, if a team is connected and the game is not paused."""
        if self.remaining is not None and self.connected and not self.game.paused and not self.game.over:
            self.deadline = time.monotonic() + self.remaining
            self.remaining = None


class Bucket:
    """A token bucket: ``rate`` messages a second, ``burst`` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self.tokens = float(burst)
        self.at = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


class ClassroomServer:
    """The games, the codes, the passphrase and the connections of one lesson."""

    def __init__(
        self,
        games: list[Game],
        teams: dict[int, str],
        passphrase: str,
        save_dir: Path,
        timer: int = 0,
        latecomers: str = "ai",
        limits: Limits | None = None,
        reflect: bool = False,
        codes: list[dict[int, str]] | None = None,
    ) -> None:
        if latecomers not in ("ai", "pass"):
            raise ValueError("latecomers: 'ai' or 'pass'")
        self.limits = limits or Limits()
        self.latecomers = latecomers
        self.reflect = reflect
        """Ask each team "Why did you choose this?" when it ends the turn (answers kept in the save)."""
        self.salt = os.urandom(16)
        self.digest = self._hash(passphrase)
        self.rooms: list[Room] = []
        self.codes: dict[str, tuple[Room, int]] = {}
        save_dir.mkdir(parents=True, exist_ok=True)
        for n, game in enumerate(games, start=1):
            if not game.facilitator:
                enable(game, passphrase)
            controls = unlock(game, passphrase)
            seats = {}
            for a in game.humans:
                code = (codes[n - 1] if codes and n <= len(codes) else {}).get(a) or new_code()
                while code in self.codes:
                    code = new_code()
                if teams.get(a) and not game.teams.get(a):
                    set_team(game, a, teams[a])
                seats[a] = Seat(a, code, game.teams.get(a) or game.rules.actors[a].name)
            path = save_dir / f"{game.scenario.id}-group{n}.save.json"
            room = Room(n, game, controls, seats, path, timer)
            room.start_timer()  # waits until the first team joins
            for a, s in seats.items():
                self.codes[s.code] = (room, a)
            self.rooms.append(room)
            save(game, path)
        self.save_dir = save_dir
        self.write_roster()
        self.failures: dict[str, deque] = {}
        self.connections: dict[str, int] = {}
        self.teachers: set[web.WebSocketResponse] = set()
        self.keys: dict[web.WebSocketResponse, str] = {}
        """A key per open teacher's dashboard for its debrief links (they work while it is open)."""
        self.app = self._app()
        self.ticker: asyncio.Task | None = None

    # ------------------------------------------------------------ set-up
    def write_roster(self) -> None:
        """The games' files and the teams' codes, for 'host --resume' after the server stopped: readable by the
        teacher only (the codes are the teams' keys)."""
        roster = {
            "format": ROSTER_FORMAT,
            "games": [
                {"save": r.save_path.name, "codes": {r.game.rules.actors[a].id: s.code for a, s in r.seats.items()}}
                for r in self.rooms
            ],
        }
        path = self.save_dir / ROSTER
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(roster, f, indent=1)
        os.replace(tmp, path)

    def _hash(self, passphrase: str) -> bytes:
        return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), self.salt, 100_000)

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=P.MAX_FRAME)

        def page(name: str):
            async def serve(request: web.Request) -> web.FileResponse:
                return web.FileResponse(WEB / name)

            return serve

        app.router.add_get("/", page("index.html"))
        app.router.add_get("/team", page("team.html"))
        app.router.add_get("/teacher", page("teacher.html"))
        app.router.add_get("/projector", page("projector.html"))
        app.router.add_static("/static/", WEB, show_index=False, follow_symlinks=False)
        app.router.add_get("/debrief/{game}", self.debrief)
        app.router.add_get("/ws/team", self.team_socket)
        app.router.add_get("/ws/teacher", self.teacher_socket)
        app.router.add_get("/ws/projector", self.projector_socket)
        app.on_response_prepare.append(self._headers)
        app.on_startup.append(self._start)
        app.on_shutdown.append(self._stop)
        return app

    @staticmethod
    async def _headers(request: web.Request, response: web.StreamResponse) -> None:
        """Every page and file: scripts only from this server, no framing (the teacher's dashboard cannot be
        overlaid by another page), no guessing of content types, no referrer."""
        if isinstance(response, web.WebSocketResponse):
            return
        response.headers.update(SECURITY_HEADERS)

    async def _start(self, app: web.Application) -> None:
        self.ticker = asyncio.create_task(self._tick())

    async def _stop(self, app: web.Application) -> None:
        if self.ticker:
            self.ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.ticker
        sockets = [s.ws for r in self.rooms for s in r.seats.values() if s.ws] + list(self.teachers)
        sockets += [w for r in self.rooms for w in r.projectors]
        for ws in sockets:
            await ws.close()

    # ------------------------------------------------------------ helpers
    @staticmethod
    def trouble(who: str, exc: BaseException) -> None:
        """One line on standard error for the teacher's terminal, never a traceback."""
        print(f"brinkmanship: {who}: {type(exc).__name__}: {str(exc)[:200]}", file=sys.stderr)

    @staticmethod
    def address(request: web.Request) -> str:
        return request.remote or "?"

    def throttled(self, addr: str) -> bool:
        q = self.failures.setdefault(addr, deque())
        now = time.monotonic()
        while q and now - q[0] > self.limits.failure_window:
            q.popleft()
        return len(q) >= self.limits.failures

    def failed(self, addr: str) -> None:
        self.failures.setdefault(addr, deque()).append(time.monotonic())

    async def run(self, room: Room, fn: Callable[[], Any]) -> Any:
        """Run ``fn`` on the room's game, one at a time, off the event loop (a turn may take a moment)."""
        async with room.lock:
            return await asyncio.to_thread(fn)

    async def _open(self, request: web.Request) -> web.WebSocketResponse | None:
        addr = self.address(request)
        total = sum(self.connections.values())
        if total >= self.limits.max_connections or self.connections.get(addr, 0) >= self.limits.per_address:
            return None
        ws = web.WebSocketResponse(max_msg_size=P.MAX_FRAME, heartbeat=20.0)
        await ws.prepare(request)
        self.connections[addr] = self.connections.get(addr, 0) + 1
        return ws

    def _close(self, request: web.Request) -> None:
        addr = self.address(request)
        self.connections[addr] = max(0, self.connections.get(addr, 0) - 1)
        if not self.connections[addr]:
            del self.connections[addr]

    @staticmethod
    async def send(ws: web.WebSocketResponse | None, data: dict[str, Any]) -> None:
        if ws is None or ws.closed:
            return
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_json(data)

    @staticmethod
    async def texts(ws: web.WebSocketResponse, bucket: Bucket):
        """The text frames a client sends, until it closes; floods get an error and are dropped."""
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                if msg.type == WSMsgType.BINARY:
                    await ClassroomServer.send(ws, {"type": "error", "text": "send JSON text messages"})
                    continue
                break
            if not bucket.take():
                await ClassroomServer.send(ws, {"type": "error", "text": "too many messages: slow down"})
                continue
            yield msg.data

    # ------------------------------------------------------------ pushing
    async def push(self, room: Room) -> None:
        """Send every team of the room its own seat, the projectors the public view, the teachers the overview."""
        for s in list(room.seats.values()):
            if s.ws is not None and not s.ws.closed:
                data = await self.run(room, lambda s=s: views.team(room.game, s.actor, room.names))
                data["game"] = room.number
                data["timer"] = room.seconds_left()
                data["reflect"] = self.reflect
                await self.send(s.ws, data)
        if room.projectors:
            data = await self.run(room, lambda: views.projector(room.game, room.names))
            data["timer"] = room.seconds_left()
            data["timer_waiting"] = room.deadline is None and room.remaining is not None and not room.game.paused
            data["game"] = room.number
            for ws in list(room.projectors):
                await self.send(ws, data)
        await self.push_teachers()

    async def push_teachers(self) -> None:
        if not self.teachers:
            return
        data = await self.dashboard()
        for ws in list(self.teachers):
            key = self.keys.get(ws, "")
            for g in data["games"]:
                g["debrief"] = f"/debrief/{g['game']}?key={key}" if g["over"] and key else None
            await self.send(ws, data)

    async def dashboard(self, key: str = "") -> dict[str, Any]:
        games = []
        for room in self.rooms:
            g = await self.run(room, lambda room=room: views.overview(room.game, room.names))
            g["game"] = room.number
            g["timer"] = room.seconds_left()
            g["timer_seconds"] = room.timer
            g["timer_waiting"] = room.deadline is None and room.remaining is not None and not room.game.paused
            g["teams"] = [
                {
                    "actor": room.game.rules.actors[a].id,
                    "name": s.name,
                    "code": s.code,
                    "online": s.ws is not None and not s.ws.closed,
                    "ended": a in room.game.sealed,
                }
                for a, s in room.seats.items()
            ]
            g["save"] = room.save_problem or f"Saved to {room.save_path}"
            g["debrief"] = f"/debrief/{room.number}?key={key}" if room.game.over and key else None
            g["report_commands"] = self.report_commands(room) if room.game.over else []
            games.append(g)
        return {"type": "dashboard", "games": games, "latecomers": self.latecomers}

    def report_commands(self, room: Room) -> list[str]:
        """The commands that write the debrief of a room's game from its save (for the host's terminal)."""
        save_file = shlex.quote(str(room.save_path))
        stem = room.save_path.name.removesuffix(".save.json")
        out = shlex.quote(str(room.save_path.with_name(f"{stem}-debrief.html")))
        summary = shlex.quote(str(room.save_path.with_name(f"{stem}-summary.html")))
        return [
            f"brinkmanship report {save_file} --out {out}",
            f"brinkmanship report {save_file} --summary --out {summary}",
        ]

    def announce_over(self, room: Room) -> None:
        """One paragraph in the host's terminal when a game ends: how to write its debrief."""
        teams = ", ".join(clean_line(s.name) for s in room.seats.values())
        lines = [f"Group {room.number} ({teams}) is over after turn {len(room.game.log)}; its debrief:"]
        lines += [f"  {c}" for c in self.report_commands(room)]
        lines.append("  (or 'Debrief' on the teacher's dashboard)")
        print("\n".join(lines), flush=True)

    # ------------------------------------------------------------ turns
    def _resolve(self, room: Room, late: bool) -> None:
        """End the turn (in a worker thread, under the room's lock)."""
        g = room.game
        extra = None
        if late and self.latecomers == "ai":
            from game.scenario.difficulty import default_policy
            from game.session.game import make_controller

            extra = {}
            for a in g.to_end():
                ctrl = make_controller(g.scenario, a, default_policy(g.scenario, g.difficulty, a, g.humans))
                extra[a] = list(ctrl.decide(g, a).options)
        turn = g.turn
        g.end_turn(extra)
        for a in sorted(extra or {}):
            g.played_by_ai.append({"turn": turn, "actor": g.rules.actors[a].id})
        room.autosave()
        if g.over:
            self.announce_over(room)

    async def end_turn(self, room: Room, actor: int, why: str = "") -> str:
        """A team ends the turn: its orders are sealed (with its answer to "Why did you choose this?", if
        any); the last one resolves it. '' or why not."""

        def seal() -> tuple[str, bool]:
            g = room.game
            if g.over:
                return "the game is over", False
            if g.paused:
                return "the teacher has paused the game: the turn cannot end yet", False
            if actor in g.sealed:
                return "", False
            if why:
                with contextlib.suppress(ClassroomError):
                    reflect(g, actor, why)
            g.sealed.add(actor)
            if g.to_end():
                room.autosave()
                return "", False
            self._resolve(room, late=False)
            room.start_timer()
            return "", True

        problem, _ = await self.run(room, seal)
        return problem

    def _time_up(self, room: Room) -> bool:
        """Resolve the turn if its timer has run out (checked again under the lock: a team may just have ended it)."""
        g = room.game
        if room.deadline is None or g.paused or g.over or time.monotonic() < room.deadline:
            return False
        self._resolve(room, late=True)
        room.start_timer()
        return True

    async def _tick(self) -> None:
        """Once a second: resolve the turns whose timer has run out."""
        while True:
            await asyncio.sleep(1.0)
            for room in self.rooms:
                if room.deadline is None or time.monotonic() < room.deadline:
                    continue
                try:
                    resolved = await self.run(room, lambda room=room: self._time_up(room))
                except Exception as exc:  # noqa: BLE001 - one game's trouble must not stop the others' timers
                    print(
                        f"brinkmanship: group {room.number}: the timer could not end the turn: {exc}", file=sys.stderr
                    )
                    room.start_timer()
                    continue
                if resolved:
                    await self.push(room)

    # ------------------------------------------------------------ a team
    async def team_socket(self, request: web.Request) -> web.StreamResponse:
        ws = await self._open(request)
        if ws is None:
            return web.Response(status=503, text="The server has as many connections as it takes.")
        addr = self.address(request)
        seat: Seat | None = None
        room: Room | None = None
        bucket = Bucket(self.limits.messages_per_second, self.limits.burst)
        try:
            async for text in self.texts(ws, bucket):
                try:
                    msg = P.parse_team(text)
                except P.BadMessage as exc:
                    await self.send(ws, {"type": "error", "text": str(exc)})
                    continue
                if seat is None:
                    if not isinstance(msg, P.Join):
                        await self.send(ws, {"type": "error", "text": "join with your team's code first"})
                        continue
                    if self.throttled(addr):
                        await self.send(ws, {"type": "error", "text": "too many wrong codes: wait a minute"})
                        continue
                    found = self.codes.get(normal_code(msg.code))
                    if found is None:
                        self.failed(addr)
                        await self.send(ws, {"type": "error", "text": "no team has that code"})
                        continue
                    room, actor = found
                    seat = room.seats[actor]
                    old, seat.ws = seat.ws, ws
                    if old is not None and old is not ws:
                        await self.send(old, {"type": "error", "text": "this team was opened on another device"})
                        await old.close()
                    room.release()  # the first team to join starts the turn's clock
                    await self.send(ws, {"type": "welcome", "game": room.number, "team": seat.name})
                    await self.push(room)
                    continue
                assert room is not None
                try:
                    await self.team_message(room, seat, msg, ws)
                except Exception as exc:  # noqa: BLE001 - one bad request must not end the team's connection
                    self.trouble(f"team {seat.name} of group {room.number}", exc)
                    await self.send(ws, {"type": "error", "text": "the server could not do that (it goes on)"})
        finally:
            if seat is not None and seat.ws is ws:
                seat.ws = None
                if room is not None:
                    if not room.connected:
                        room.hold()  # no team left in this game: its clock waits for them
                    await self.push_teachers()
            self._close(request)
        return ws

    async def team_message(self, room: Room, seat: Seat, msg: Any, ws: web.WebSocketResponse) -> None:
        g = room.game
        a = seat.actor
        if isinstance(msg, P.Join):
            await self.send(ws, {"type": "error", "text": "already joined"})
            return
        if isinstance(msg, P.Refresh):
            await self.push(room)
            return
        if isinstance(msg, P.Queue | P.Cancel):

            def change() -> str:
                if g.over:
                    return "the game is over"
                if a in g.sealed:
                    return "you have ended this turn: your orders are sealed"
                try:
                    if isinstance(msg, P.Queue):
                        g.queue(a, g.option_by_number(a, msg.number))
                    else:
                        g.unqueue(a, msg.index)
                except IllegalOrder as exc:
                    return str(exc)
                return ""

            problem = await self.run(room, change)
            if problem:
                await self.send(ws, {"type": "error", "text": f"Cannot do that: {problem}"})
            await self.push(room)
            return
        if isinstance(msg, P.End):
            problem = await self.end_turn(room, a, msg.why if self.reflect else "")
            if problem:
                await self.send(ws, {"type": "error", "text": problem})
            await self.push(room)
            return
        if isinstance(msg, P.Why):
            await self.send(ws, await self.run(room, lambda: self._why(room, a, msg)))
            return
        if isinstance(msg, P.Say):
            now = time.monotonic()
            while seat.said and now - seat.said[0] > 60:
                seat.said.popleft()
            if len(seat.said) >= self.limits.says_per_minute:
                await self.send(ws, {"type": "error", "text": "too many messages this minute: wait a little"})
                return
            problem = await self.run(room, lambda: self._say(room, a, msg))
            if problem:
                await self.send(ws, {"type": "error", "text": problem})
                return
            seat.said.append(now)
            await self.push(room)
            return
        if isinstance(msg, P.Command):
            lines = await self.run(room, lambda: self._command(room, seat, msg.line))
            await self.send(ws, {"type": "text", "lines": lines})
            if msg.line.split()[:1] and msg.line.split()[0].lower() in ("order", "o", "cancel", "c"):
                await self.push(room)
            return

    @staticmethod
    def _why(room: Room, actor: int, msg: P.Why) -> dict[str, Any]:
        from game.core.conditions import QUANTITIES

        g = room.game
        q = QUANTITIES.get(msg.quantity)
        if q is None or msg.quantity in ("turn", "flag"):
            return {"type": "error", "text": f"unknown value '{msg.quantity}'"}
        ids = {
            "actor": [x.id for x in g.rules.actors],
            "region": [x.id for x in g.rules.regions],
            "track": [x.id for x in g.rules.tracks],
        }
        kinds = {
            "actor": ("actor",),
            "region": ("region",),
            "track": ("track",),
            "pair": ("actor", "actor"),
            "actor_region": ("actor", "region"),
            "global": (),
        }.get(q.table)
        if kinds is None or len(kinds) != len(msg.subject):
            return {"type": "error", "text": f"'{msg.quantity}' needs {len(kinds or ())} name(s)"}
        subject = []
        for kind, name in zip(kinds, msg.subject):
            if name not in ids[kind]:
                return {"type": "error", "text": f"unknown {kind} '{name}'"}
            subject.append(ids[kind].index(name))
        return views.why(g, actor, msg.quantity, tuple(subject))

    @staticmethod
    def _say(room: Room, actor: int, msg: P.Say) -> str:
        g = room.game
        ids = [x.id for x in g.rules.actors]
        if msg.to is not None and msg.to not in ids:
            return f"no actor '{msg.to}'"
        if msg.to is not None and ids.index(msg.to) not in g.humans:
            name = clean_line(g.rules.actors[ids.index(msg.to)].name)
            return f"{name} is played by the computer and reads no messages: write to a team or to everyone"
        try:
            messages.send(g, actor, None if msg.to is None else ids.index(msg.to), msg.text)
        except messages.MessageError as exc:
            return str(exc)
        room.autosave()
        return ""

    @staticmethod
    def _command(room: Room, seat: Seat, line: str) -> list[str]:
        """Run one of the terminal's own commands on the team's seat; its output, line by line."""
        from game.cli.text import TextUI

        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        if not words:
            return []
        if words[0].lower() not in TERMINAL_COMMANDS and not words[0].isdigit():
            return [f"Unknown command '{words[0][:40]}'. Type 'help' for the list."]
        g = room.game
        if words[0].lower() in ("order", "o", "cancel", "c") or words[0].isdigit():
            if seat.actor in g.sealed:
                return ["You have ended this turn: your orders are sealed."]
        out = io.StringIO()
        if seat.terminal is None:
            seat.terminal = TextUI(g, seat.actor, out, save_path=room.save_path)
        ui = seat.terminal
        ui.game, ui.actor, ui.out = g, seat.actor, out
        ui.handle(line)
        return out.getvalue().splitlines()

    # ------------------------------------------------------------ the teacher
    async def teacher_socket(self, request: web.Request) -> web.StreamResponse:
        ws = await self._open(request)
        if ws is None:
            return web.Response(status=503, text="The server has as many connections as it takes.")
        addr = self.address(request)
        bucket = Bucket(self.limits.messages_per_second, self.limits.burst)
        authorised = False
        try:
            async for text in self.texts(ws, bucket):
                try:
                    msg = P.parse_teacher(text)
                except P.BadMessage as exc:
                    await self.send(ws, {"type": "error", "text": str(exc)})
                    continue
                if not authorised:
                    if not isinstance(msg, P.Login):
                        await self.send(ws, {"type": "error", "text": "give the facilitator's passphrase first"})
                        continue
                    if self.throttled(addr):
                        await self.send(ws, {"type": "error", "text": "too many wrong passphrases: wait a minute"})
                        continue
                    given = await asyncio.to_thread(self._hash, msg.passphrase)
                    if not hmac.compare_digest(given, self.digest):
                        self.failed(addr)
                        await self.send(ws, {"type": "error", "text": "wrong passphrase"})
                        continue
                    authorised = True
                    self.teachers.add(ws)
                    self.keys[ws] = secrets.token_urlsafe(24)
                    await self.send(ws, await self.dashboard(self.keys[ws]))
                    continue
                try:
                    problem = await self.teacher_message(msg)
                except Exception as exc:  # noqa: BLE001 - one bad request must not end the dashboard's connection
                    self.trouble("the teacher's dashboard", exc)
                    problem = "the server could not do that (it goes on)"
                if problem:
                    await self.send(ws, {"type": "error", "text": problem})
        finally:
            self.teachers.discard(ws)
            self.keys.pop(ws, None)
            self._close(request)
        return ws

    def _rooms(self, numbers: list[int] | None) -> list[Room]:
        if numbers is None:
            return list(self.rooms)
        return [r for r in self.rooms if r.number in numbers]

    async def teacher_message(self, msg: Any) -> str:
        if isinstance(msg, P.Login):
            return ""
        if isinstance(msg, P.Refresh):
            await self.push_teachers()
            return ""
        numbers = getattr(msg, "games", None)
        if numbers is None and getattr(msg, "game", None) is not None:
            numbers = [msg.game]
        rooms = self._rooms(numbers)
        if not rooms:
            return "no such game"
        if len(rooms) > 1 and not isinstance(msg, P.Timer):
            rooms = [r for r in rooms if not r.game.over]  # an action for every game skips those that are over
            if not rooms:
                return "every game is over"
        problems = []
        for room in rooms:

            def act(room: Room = room) -> str:
                c = room.controls
                if room.game.over and not isinstance(msg, P.Timer):
                    return f"group {room.number}: the game is over"
                try:
                    if isinstance(msg, P.Pause):
                        if msg.type == "pause" and not room.game.paused:
                            c.pause(msg.note)
                            room.hold()
                        elif msg.type == "resume" and room.game.paused:
                            c.resume(msg.note)
                            room.release()
                    elif isinstance(msg, P.Inject):
                        c.inject(msg.event, msg.note)
                    elif isinstance(msg, P.Custom):
                        c.custom_event(msg.headline, msg.text, [], msg.note)
                    elif isinstance(msg, P.Adjust):
                        c.adjust(msg.quantity, list(msg.subject), float(msg.value), msg.note)
                    elif isinstance(msg, P.Timer):
                        room.timer = msg.seconds
                        room.start_timer()
                except FacilitatorError as exc:
                    return f"group {room.number}: {exc}"
                room.autosave()
                return ""

            problem = await self.run(room, act)
            if problem:
                problems.append(problem)
            await self.push(room)
        return "; ".join(problems)

    async def debrief(self, request: web.Request) -> web.Response:
        """The debrief of a finished game as a page (``?summary=1``: the one- or two-page summary), for a teacher's
        dashboard that is open (its key is in the link)."""
        from game.report.data import collect
        from game.report.html import render, render_summary

        addr = self.address(request)
        if self.throttled(addr):
            return web.Response(status=429, text="Too many wrong keys: wait a minute.")
        key = request.query.get("key", "")
        if not key or not any(hmac.compare_digest(key.encode(), k.encode()) for k in self.keys.values()):
            self.failed(addr)
            return web.Response(
                status=403, text="Open the debrief from the teacher's dashboard (after the passphrase)."
            )
        try:
            number = int(request.match_info["game"])
        except ValueError:
            number = 0
        rooms = self._rooms([number])
        if not rooms:
            return web.Response(status=404, text="No such game.")
        room = rooms[0]
        if not room.game.over:
            return web.Response(status=409, text="This game is not over yet: its debrief comes at the end.")
        summary = request.query.get("summary") == "1"
        html = await self.run(
            room,
            lambda: (render_summary if summary else render)(collect(room.game, source=str(room.save_path))),
        )
        return web.Response(text=html, content_type="text/html")

    # ------------------------------------------------------------ the projector
    async def projector_socket(self, request: web.Request) -> web.StreamResponse:
        ws = await self._open(request)
        if ws is None:
            return web.Response(status=503, text="The server has as many connections as it takes.")
        try:
            number = int(request.query.get("game", "1"))
        except ValueError:
            number = 1
        rooms = self._rooms([number])
        try:
            if not rooms:
                await self.send(ws, {"type": "error", "text": "no such game"})
                return ws
            room = rooms[0]
            room.projectors.add(ws)
            await self.push(room)
            bucket = Bucket(self.limits.messages_per_second, self.limits.burst)
            async for _ in self.texts(ws, bucket):
                pass  # the projector only listens
        finally:
            for r in rooms:
                r.projectors.discard(ws)
            self._close(request)
        return ws


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on the address and port (OSError if the port is taken): the host command opens it
    before it writes any save, so that a port in use leaves nothing behind."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.setblocking(False)
    return sock


async def start(server: ClassroomServer, host: str, port: int, sock: socket.socket | None = None) -> web.AppRunner:
    """Start serving (for the command and the tests), on ``sock`` if given (see ``listen``); returns the runner
    to stop it with ``cleanup()``."""
    runner = web.AppRunner(server.app, access_log=None)
    await runner.setup()
    site = web.SockSite(runner, sock) if sock is not None else web.TCPSite(runner, host, port)
    await site.start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    """The port a runner listens on (when started on port 0)."""
    for addr in runner.addresses:
        return int(addr[1])
    raise RuntimeError("not listening")
