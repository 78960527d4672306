"""A real classroom server on loopback, in a thread of its own, for the network tests.

(Not a conftest.py: other folders' tests import their own ``conftest`` by name.)"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from game.net.server import ClassroomServer, Limits, bound_port, start
from game.scenario.loader import load
from game.session.game import Game

PASSPHRASE = "teach-1234"


@dataclass
class Hosted:
    server: ClassroomServer
    port: int
    loop: asyncio.AbstractEventLoop
    thread: threading.Thread
    runner: Any

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def code(self, actor_id: str, game: int = 1) -> str:
        room = self.server.rooms[game - 1]
        ids = [a.id for a in room.game.rules.actors]
        return room.seats[ids.index(actor_id)].code

    def game(self, number: int = 1) -> Game:
        return self.server.rooms[number - 1].game

    def call(self, coro):
        """Run a coroutine on the server's loop (to read its state safely)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(30)

    def stop(self) -> None:
        self.call(self.runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)

    def run(self, coro) -> None:
        """Play ``coro`` (the test's clients) to its end, then stop the server, whatever happened."""
        try:
            asyncio.run(coro)
        finally:
            self.stop()


def host(
    tmp_path: Path,
    scenario: str = "tutorial",
    teams: dict[str, str] | None = None,
    games: int = 1,
    timer: int = 0,
    latecomers: str = "ai",
    limits: Limits | None = None,
    reflect: bool = False,
) -> Hosted:
    sc = load(scenario)
    ids = [a.id for a in sc.rules.actors]
    teams = teams or {"southland": "Blue", "northland": "Red"}
    humans = [ids.index(t) for t in teams]
    names = {ids.index(t): n for t, n in teams.items()}
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        asyncio.set_event_loop(loop)

        async def up() -> None:
            server = ClassroomServer(
                [Game.new(sc, 1, humans) for _ in range(games)],
                names,
                PASSPHRASE,
                tmp_path / "saves",
                timer=timer,
                latecomers=latecomers,
                limits=limits,
                reflect=reflect,
            )
            runner = await start(server, "127.0.0.1", 0)
            box.update(server=server, runner=runner, port=bound_port(runner))

        loop.run_until_complete(up())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(60), "the server did not start"
    return Hosted(box["server"], box["port"], loop, thread, box["runner"])


@pytest.fixture(name="hosted")
def hosted_fixture(tmp_path):
    """A hosted tutorial game, Blue (southland) and Red (northland); test modules import it to use it."""
    h = host(tmp_path)
    yield h
    h.stop()


class Client:
    """A raw WebSocket client that records every message it receives (for the attack tests)."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.session = session
        self.ws = ws
        self.seen: list[dict[str, Any]] = []
        self.raw: list[str] = []

    @classmethod
    async def open(cls, hosted: Hosted, path: str = "/ws/team") -> "Client":
        session = aiohttp.ClientSession()
        try:
            ws = await session.ws_connect(f"ws://{hosted.address}{path}", max_msg_size=8 * 1024 * 1024)
        except Exception:
            await session.close()
            raise
        return cls(session, ws)

    async def send(self, obj: Any) -> None:
        await self.ws.send_str(obj if isinstance(obj, str) else json.dumps(obj))

    async def next(self, kind: str | None = None, timeout: float = 20) -> dict[str, Any]:
        """The next message (of ``kind``, skipping others)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            msg = await self.ws.receive(timeout=max(0.01, end - loop.time()))
            if msg.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"closed: {msg.type} {msg.data!r}")
            self.raw.append(msg.data)
            data = json.loads(msg.data)
            self.seen.append(data)
            if kind is None or data.get("type") == kind:
                return data

    async def seat_at(self, turn: int, timeout: float = 15) -> dict[str, Any]:
        """The first seat of ``turn`` (the earlier ones skipped)."""
        while True:
            seat = await self.next("seat", timeout=timeout)
            if seat["turn"] == turn:
                return seat

    async def drain(self, quiet: float = 0.3) -> None:
        """Read until nothing comes for ``quiet`` seconds."""
        while True:
            try:
                await self.next(timeout=quiet)
            except TimeoutError:
                return

    async def join(self, code: str) -> dict[str, Any]:
        await self.send({"type": "join", "code": code})
        first = await self.next()
        if first["type"] == "welcome":
            return await self.next("seat")
        return first

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()
