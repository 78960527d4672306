"""Playing one team of a classroom server from the terminal.

:class:`RemoteSeat` is the team's seat on the server: the calls the terminal
needs (the dashboard, the orders, ending the turn, why, messages), answered by
the server from the session's seat API. The information commands are the
terminal's own ('status', 'actions', 'why stability harbour' …): the server
runs them on the team's seat and sends back their text, so a networked team
reads exactly what a team at the game's own terminal reads. A dropped
connection is opened again with the team's code.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any, TextIO

import aiohttp

from game.session.files import clean
from game.session.messages import MAX_MESSAGE

HELP = """\
Commands (short forms in brackets):
  status [s]                  your dashboard, the regions and the talks
  actions [a] [all|mil|dip]   what you can order now, with cost and predicted effects
  order N | order NAME [o]    queue an order
  cancel K [c]                remove your K-th queued order
  orders                      your queued orders
  end [e]                     end the turn: your orders are sealed until every team has ended
  why QUANTITY [SUBJECT] [w]  why a value changed
  news [n] | report [r]       this turn's news; last turn's report
  actors | regions | tracks | council | history | briefing
  say TEAM TEXT               a private message to another team (its actor id), 'say all TEXT' for everyone
  messages [m]                the messages you can read
  quit [q]                    leave (your team stays in the game: join again with your code)"""


class JoinError(Exception):
    """The server refused the code, or could not be reached."""


def ws_url(address: str) -> str:
    address = address.strip().rstrip("/")
    for prefix in ("http://", "https://", "ws://", "wss://"):
        if address.startswith(prefix):
            scheme = "wss://" if prefix in ("https://", "wss://") else "ws://"
            return scheme + address[len(prefix) :] + "/ws/team"
    return f"ws://{address}/ws/team"


class RemoteSeat:
    """One team's seat on a classroom server."""

    def __init__(self, address: str, code: str) -> None:
        self.url = ws_url(address)
        self.code = code
        self.session: aiohttp.ClientSession | None = None
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.seat: dict[str, Any] | None = None
        """The latest seat the server sent (see game.net.seat.team)."""
        self.updated = asyncio.Event()
        self.answered = asyncio.Event()
        """Set by the next seat or error the server sends (what a request waits for)."""
        self.seat_at = 0.0
        """When the latest seat arrived (loop time), to count its timer down."""
        self.replies: asyncio.Queue = asyncio.Queue()
        self.errors: list[str] = []
        self.on_seat: Callable[[dict[str, Any], dict[str, Any] | None], None] | None = None
        self.on_error: Callable[[str], None] | None = None
        self.reader: asyncio.Task | None = None
        self.closing = False

    async def connect(self) -> None:
        """Open the connection and join with the code (JoinError if refused)."""
        if self.session is None:
            self.session = aiohttp.ClientSession()
        try:
            self.ws = await self.session.ws_connect(self.url, max_msg_size=4 * 1024 * 1024, heartbeat=20.0)
        except (aiohttp.ClientError, OSError) as exc:
            raise JoinError(f"cannot reach the server at {self.url}: {exc}") from None
        await self.ws.send_str(json.dumps({"type": "join", "code": self.code}))
        first = await self.ws.receive(timeout=30)
        data = json.loads(first.data) if first.type == aiohttp.WSMsgType.TEXT else {}
        if data.get("type") != "welcome":
            await self.ws.close()
            raise JoinError(str(data.get("text", "the server closed the connection")))
        self.reader = asyncio.create_task(self._read())
        await self.wait_seat()

    async def _read(self) -> None:
        assert self.ws is not None
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(msg.data)
            kind = data.get("type")
            if kind == "seat":
                before, self.seat = self.seat, data
                self.seat_at = asyncio.get_running_loop().time()
                self.updated.set()
                self.answered.set()
                if self.on_seat:
                    self.on_seat(data, before)
            elif kind in ("text", "why"):
                await self.replies.put(data)
            elif kind == "error":
                self.errors.append(str(data.get("text", "")))
                self.answered.set()
                if self.on_error:
                    self.on_error(str(data.get("text", "")))

    async def wait_seat(self, timeout: float = 30) -> dict[str, Any]:
        """The next seat the server sends."""
        self.updated.clear()
        await asyncio.wait_for(self.updated.wait(), timeout)
        assert self.seat is not None
        return self.seat

    async def request(
        self,
        data: dict[str, Any],
        until: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = 30,
    ) -> bool:
        """Send a request that the server answers with a seat or an error, and wait for that answer: an error,
        or a seat that satisfies ``until`` (any seat without it). True if it was a seat."""
        errors = len(self.errors)
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        self.answered.clear()
        await self.send(data)
        while True:
            await asyncio.wait_for(self.answered.wait(), max(0.01, end - loop.time()))
            self.answered.clear()
            if len(self.errors) > errors:
                return False
            if until is None or (self.seat is not None and until(self.seat)):
                return True

    def seconds_left(self) -> int | None:
        """The turn timer as of now, counted down from the latest seat (None: no timer)."""
        left = (self.seat or {}).get("timer")
        if left is None:
            return None
        if (self.seat or {}).get("paused"):
            return int(left)
        return max(0, int(left - (asyncio.get_running_loop().time() - self.seat_at)))

    async def wait_for(self, check: Callable[[dict[str, Any]], bool], timeout: float = 60) -> dict[str, Any]:
        """Wait until the seat satisfies ``check``."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while self.seat is None or not check(self.seat):
            left = end - loop.time()
            if left <= 0:
                raise TimeoutError("the server did not send the expected update")
            await self.wait_seat(left)
        return self.seat

    @property
    def connected(self) -> bool:
        return self.ws is not None and not self.ws.closed

    async def send(self, data: dict[str, Any]) -> None:
        if not self.connected:
            await self.reconnect()
        assert self.ws is not None
        await self.ws.send_str(json.dumps(data))

    async def reconnect(self, attempts: int = 6) -> None:
        """Join again with the code after a dropped connection."""
        delay = 0.5
        for k in range(attempts):
            try:
                if self.reader:
                    self.reader.cancel()
                await self.connect()
                return
            except JoinError:
                if k == attempts - 1:
                    raise
                await asyncio.sleep(delay)
                delay = min(delay * 2, 8)

    # ------------------------------------------------------------ the seat's calls
    async def command(self, line: str) -> list[str]:
        """A terminal command run on the seat; its lines."""
        await self.send({"type": "command", "line": line})
        reply = await asyncio.wait_for(self.replies.get(), 60)
        return list(reply.get("lines", []))

    async def queue(self, number: int) -> None:
        await self.send({"type": "queue", "number": number})

    async def unqueue(self, index: int) -> None:
        await self.send({"type": "cancel", "index": index})

    async def end_turn(self, why: str = "") -> None:
        await self.send({"type": "end", "why": why[:500]} if why else {"type": "end"})

    async def why(self, quantity: str, *subject: str) -> dict[str, Any]:
        await self.send({"type": "why", "quantity": quantity, "subject": list(subject)})
        return await asyncio.wait_for(self.replies.get(), 60)

    async def say(self, to: str | None, text: str) -> None:
        await self.send({"type": "say", "to": to, "text": text})

    async def close(self) -> None:
        self.closing = True
        if self.reader:
            self.reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.reader
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()


class Terminal:
    """The terminal session of a networked team: it reads command lines and prints what the server answers."""

    def __init__(self, seat: RemoteSeat, out: TextIO, echo: bool) -> None:
        self.seat = seat
        self.out = out
        self.echo = echo
        self.inp: TextIO | None = None
        self.reading = False
        """Whether the prompt is shown and the player is typing (news coming in then shows the prompt again)."""
        self.printed = 0
        """Lines printed so far."""
        seat.on_seat = self.seat_changed
        seat.on_error = lambda text: self.p(f"! {text}")

    def p(self, text: str = "") -> None:
        self.out.write(clean(text) + "\n")
        self.out.flush()
        self.printed += 1

    def prompt(self) -> str:
        s = self.seat.seat or {}
        if s.get("over"):
            return "(game over)> "
        me = s.get("me", {})
        team = f" ({me['team']})" if me.get("team") else ""
        left = self.seat.seconds_left()
        clock = f" [{left // 60}:{left % 60:02d} left]" if left is not None and not s.get("ended") else ""
        paused = " [paused]" if s.get("paused") else ""
        return f"turn {s.get('turn', '?')} {me.get('id', '')}{team}{paused or clock}> "

    def status_line(self) -> str:
        """One line on the new turn: its date, the budget left, the orders queued and the time left."""
        s = self.seat.seat or {}
        if s.get("over"):
            return "The game is over (type 'report' for the last turn, 'status' for the final picture)."
        parts = [f"Turn {s.get('turn', '?')} of {s.get('turn_limit', '?')}", str(s.get("date", ""))]
        parts.append(f"budget left {s.get('budget_left', '?')}")
        parts.append(f"orders queued {len(s.get('queued', []))} of {s.get('max_orders', '?')}")
        left = self.seat.seconds_left()
        if s.get("paused"):
            parts.append("paused by the teacher")
        elif left is not None:
            parts.append(f"time left {left // 60}:{left % 60:02d}")
        return " · ".join(p for p in parts if p) + ". Type 'actions' for your orders, 'help' for the commands."

    def seat_changed(self, now: dict[str, Any], before: dict[str, Any] | None) -> None:
        if before is None:
            return
        printed = self.printed
        self._seat_changed(now, before)
        if self.printed != printed and self.reading:
            # The player is at the prompt: show it again under what just came in.
            self.out.write(clean(self.prompt()))
            self.out.flush()

    def _seat_changed(self, now: dict[str, Any], before: dict[str, Any]) -> None:
        if now["turn"] != before["turn"] or (now["over"] and not before["over"]):
            last = now.get("last_turn") or {}
            self.p(f"\n=== Turn {last.get('turn', before['turn'])} resolved ===")
            for o in last.get("orders", []):
                self.p(f"{o['actor']}: " + "; ".join(o["orders"]))
            for r in now.get("rejected", []):
                self.p(f"Rejected: {r['order']} ({r['reason']})")
            if now["news"]:
                self.p("News:")
                for t in now["news"]:
                    self.p(f"  • {t}")
            for r in now.get("results", []):
                self.p(f"{r['actor']:<22} {r['outcome'] or '-':<5} score {r['score']}")
            self.p()
            self.p(self.status_line())
        elif len(now["news"]) > len(before["news"]):
            for t in now["news"][len(before["news"]) :]:
                self.p(f"\nNews: {t}")
        if now["paused"] != before["paused"]:
            self.p("\nThe teacher has paused the game." if now["paused"] else "\nThe game goes on.")
        me = now["me"]["id"]
        for m in now["messages"][len(before["messages"]) :]:
            if m["from"] != me:
                self.p(f"\nMessage from {m['from_name']} to {m['to_name']}: {m['text']}")

    def show_messages(self) -> None:
        msgs = (self.seat.seat or {}).get("messages", [])
        if not msgs:
            self.p("No messages yet.")
        for m in msgs:
            self.p(f"  turn {m['turn']} · {m['from_name']} → {m['to_name']}: {m['text']}")

    async def handle(self, line: str) -> bool:
        """Run one line; False to leave."""
        words = line.split()
        if not words or words[0].startswith("#"):
            return True
        cmd = words[0].lower()
        if cmd in ("quit", "q", "exit"):
            return False
        if cmd in ("help", "?"):
            self.p(HELP)
        elif cmd in ("end", "e"):
            before = self.seat.seat or {}
            why = ""
            if before.get("reflect") and not before.get("ended") and self.inp is not None:
                self.out.write("Why did you choose this? (one line, kept for the debrief; Enter skips) ")
                self.out.flush()
                why = (await asyncio.to_thread(self.inp.readline, 4096)).strip()
                if self.echo and why:
                    self.p(why)
            turn = before.get("turn")
            if not await self.seat.request(
                {"type": "end", "why": why[:500]} if why else {"type": "end"},
                until=lambda s: s["ended"] or s["over"] or s["turn"] != turn,
            ):
                return True
            now = self.seat.seat or {}
            if now.get("ended") and now["turn"] == before.get("turn"):
                waiting = ", ".join(now["waiting_for"])
                self.p(f"Orders sealed. Waiting for: {waiting}." if waiting else "Orders sealed.")
        elif cmd in ("say", "tell"):
            teams = [a["id"] for a in (self.seat.seat or {}).get("can_message", [])]
            if len(words) < 3:
                self.p(f"Usage: say TEAM TEXT (TEAM: {', '.join(teams) or 'another team'}), or say all TEXT.")
                return True
            to = None if words[1].lower() in ("all", "everyone") else words[1]
            text = line.split(None, 2)[2].strip()
            if len(text) > MAX_MESSAGE:
                self.p(f"Not sent: your message has {len(text)} characters; at most {MAX_MESSAGE} fit. Shorten it.")
                return True

            def sent(s: dict[str, Any]) -> int:
                return sum(m["from"] == s["me"]["id"] for m in s["messages"])

            before = sent(self.seat.seat or {"messages": [], "me": {"id": ""}})
            if await self.seat.request({"type": "say", "to": to, "text": text}, until=lambda s: sent(s) > before):
                self.p("Sent.")
        elif cmd in ("messages", "m"):
            self.show_messages()
        else:
            for text in await self.seat.command(line):
                self.p(text)
        return True

    async def run(self, inp: TextIO) -> int:
        self.inp = inp
        s = self.seat.seat or {}
        self.p(f"=== {s.get('title', 'Brinkmanship')}: you play {s.get('me', {}).get('name', '')} ===")
        self.p("Type 'help' for the commands.")
        for text in await self.seat.command("briefing"):
            self.p(text)
        for text in await self.seat.command("status"):
            self.p(text)
        while True:
            self.out.write(clean(self.prompt()))
            self.out.flush()
            self.reading = True
            try:
                line = await asyncio.to_thread(inp.readline, 4096)
            finally:
                self.reading = False
            if not line:
                self.p()
                self.p("End of input: leaving the game (join again with your code to go on).")
                return 0
            if self.echo:
                self.p(line.rstrip("\n"))
            try:
                if not await self.handle(line):
                    return 0
            except TimeoutError:
                self.p("The server did not answer in time.")
            except JoinError as exc:
                self.p(f"Connection lost: {exc}")
                return 1


REPLACED = "this team was opened on another device"
"""The server's word when the team's code joins from somewhere else (no reconnecting then: it would take it back)."""


class Link:
    """A team's seat for the window: the connection runs on an event loop in a thread of its own, and the
    window reads the latest seat and posts its requests without ever waiting for the network.

    ``state`` is 'connecting', 'online', 'reconnecting' (the connection dropped: it is opened again with the
    code, again and again), 'failed' (the code was refused or the server never answered; ``problem`` says
    why), 'replaced' (the team was opened on another device) or 'closed'.
    """

    RETRY_S = 2.0

    def __init__(self, address: str, code: str) -> None:
        self.seat = RemoteSeat(address, code)
        self.state = "connecting"
        self.problem = ""
        self.version = 0
        """Counts every change the window should show (a seat, an error, the state)."""
        self.reconnects = 0
        self.on_change: Callable[[], None] | None = None
        """Called (in the network's thread) when there is something new, and once a second while a timer runs:
        the window wakes up to show it."""
        self._lock = threading.Lock()
        self._seat: dict[str, Any] | None = None
        self._seat_at = 0.0
        self._errors: deque[str] = deque(maxlen=20)
        self._whys: deque[dict[str, Any]] = deque(maxlen=10)
        self._stop = False
        self._task: asyncio.Task | None = None
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="brinkmanship-link", daemon=True)

    # ------------------------------------------------------------ the window's side
    def start(self) -> "Link":
        self.thread.start()
        return self

    def latest(self) -> tuple[int, dict[str, Any] | None]:
        """The number of the latest change and the latest seat (None before the first)."""
        with self._lock:
            return self.version, self._seat

    def seconds_left(self) -> int | None:
        """The turn timer counted down from the latest seat (None: no timer)."""
        with self._lock:
            seat, at = self._seat, self._seat_at
        left = (seat or {}).get("timer")
        if left is None:
            return None
        if (seat or {}).get("paused") or self.state != "online":
            return int(left)
        return max(0, int(left - (time.monotonic() - at)))

    def errors(self) -> list[str]:
        """The server's refusals since the last call."""
        with self._lock:
            out = list(self._errors)
            self._errors.clear()
        return out

    def whys(self) -> list[dict[str, Any]]:
        """The answers to 'why' since the last call."""
        with self._lock:
            out = list(self._whys)
            self._whys.clear()
        return out

    def queue(self, number: int) -> None:
        self._post({"type": "queue", "number": int(number)})

    def unqueue(self, index: int) -> None:
        self._post({"type": "cancel", "index": int(index)})

    def end_turn(self, why: str = "") -> None:
        why = " ".join(why.split())[:500]
        self._post({"type": "end", "why": why} if why else {"type": "end"})

    def say(self, to: str | None, text: str) -> None:
        self._post({"type": "say", "to": to, "text": text.strip()})

    def why(self, quantity: str, *subject: str) -> None:
        self._post({"type": "why", "quantity": quantity, "subject": list(subject)})

    def close(self) -> None:
        """Leave: close the connection and end the thread (the team stays in the game)."""
        self._stop = True
        task = self._task
        if self.thread.is_alive() and task is not None:
            self.loop.call_soon_threadsafe(task.cancel)
            self.thread.join(10)
        self._set_state("closed")

    # ------------------------------------------------------------ the network's side
    def _changed(self) -> None:
        with self._lock:
            self.version += 1
        self._wake()

    def _wake(self) -> None:
        fn = self.on_change
        if fn is not None:
            with contextlib.suppress(Exception):  # the window may just have closed
                fn()

    async def _ticks(self) -> None:
        """Once a second while a turn timer runs: the window shows the time left."""
        while True:
            await asyncio.sleep(1.0)
            seat = self._seat or {}
            if seat.get("timer") is not None and not seat.get("paused") and not seat.get("over"):
                self._wake()

    def _set_state(self, state: str, problem: str = "") -> None:
        self.state, self.problem = state, problem
        self._changed()

    def _post(self, data: dict[str, Any]) -> None:
        if self.state not in ("online", "connecting", "reconnecting") or not self.thread.is_alive():
            with self._lock:
                self._errors.append("not connected to the server")
            self._changed()
            return

        async def send() -> None:
            if not self.seat.connected:
                with self._lock:
                    self._errors.append("not sent: the connection is down (it is being opened again)")
                self._changed()
                return
            try:
                assert self.seat.ws is not None
                await self.seat.ws.send_str(json.dumps(data))
            except (ConnectionError, RuntimeError, aiohttp.ClientError) as exc:
                with self._lock:
                    self._errors.append(f"not sent: {exc}")
                self._changed()

        try:
            asyncio.run_coroutine_threadsafe(send(), self.loop)
        except RuntimeError:  # the connection was just closed
            with self._lock:
                self._errors.append("not connected to the server")
            self._changed()

    def _got_seat(self, now: dict[str, Any], before: dict[str, Any] | None) -> None:
        with self._lock:
            self._seat, self._seat_at = now, time.monotonic()
        self._changed()

    def _got_error(self, text: str) -> None:
        with self._lock:
            self._errors.append(text)
        self._changed()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self._task = self.loop.create_task(self._main())
        with contextlib.suppress(asyncio.CancelledError):  # cancelled by close()
            self.loop.run_until_complete(self._task)
        self.loop.close()

    async def _answers(self) -> None:
        while True:
            reply = await self.seat.replies.get()
            if reply.get("type") == "why":
                with self._lock:
                    self._whys.append(reply)
                self._changed()

    async def _main(self) -> None:
        seat = self.seat
        seat.on_seat = self._got_seat
        seat.on_error = self._got_error
        answers = asyncio.create_task(self._answers())
        ticks = asyncio.create_task(self._ticks())
        try:
            await self._connected()
        finally:
            answers.cancel()
            ticks.cancel()
            await seat.close()

    async def _connected(self) -> None:
        """Join, and join again whenever the connection drops, until the window closes."""
        seat = self.seat
        try:
            await seat.connect()
        except (JoinError, TimeoutError, ValueError) as exc:
            self._set_state("failed", str(exc) or "the server did not answer")
            return
        self._set_state("online")
        while not self._stop:
            if seat.reader is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await seat.reader
            if self._stop or seat.closing:
                return
            if seat.errors and seat.errors[-1] == REPLACED:
                self._set_state(
                    "replaced",
                    "your team is played there now (to play here instead, join again with the code: "
                    "the other computer is then disconnected)",
                )
                return
            self._set_state("reconnecting")
            while not self._stop:
                try:
                    await seat.connect()
                except (JoinError, TimeoutError, ValueError) as exc:
                    if "no team has that code" in str(exc):
                        self._set_state("failed", "the server no longer knows your code")
                        return
                    self._set_state("reconnecting", str(exc) or "the server did not answer")
                    await asyncio.sleep(self.RETRY_S)
                    continue
                self.reconnects += 1
                self._set_state("online")
                break


def run_terminal(address: str, code: str, inp: TextIO, out: TextIO) -> int:
    """``brinkmanship join ADDRESS --code CODE --text``."""

    async def main() -> int:
        seat = RemoteSeat(address, code)
        try:
            try:
                await seat.connect()
            except (JoinError, TimeoutError) as exc:
                out.write(f"brinkmanship: {clean(str(exc))}\n")
                return 2
            return await Terminal(seat, out, echo=not inp.isatty()).run(inp)
        finally:
            await seat.close()

    return asyncio.run(main())
