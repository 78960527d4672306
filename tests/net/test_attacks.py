"""The classroom server attacked on loopback: wrong and guessed codes, replayed
and duplicated messages, oversized frames, floods, bad JSON, a team acting
as another, a second device on one code, the teacher's controls without the
passphrase. After each, nothing of another team leaked and the server still
serves."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from nethelpers import PASSPHRASE, Client, host, hosted_fixture  # noqa: F401 - the 'hosted' fixture

from game.net.protocol import MAX_FRAME
from game.net.server import Limits


async def still_serves(hosted) -> None:
    """A fresh team connection is answered with its seat."""
    c = await Client.open(hosted)
    try:
        seat = await c.join(hosted.code("northland"))
        assert seat["type"] == "seat" and seat["me"]["id"] == "northland"
    finally:
        await c.close()


def test_a_wrong_code_is_refused_and_guessing_is_throttled(tmp_path):
    hosted = host(tmp_path, limits=Limits(failures=5, failure_window=60))

    async def attack() -> None:
        c = await Client.open(hosted)
        for k in range(5):
            reply = await c.join(f"WRONGCODE{k}")
            assert reply == {"type": "error", "text": "no team has that code"}
        # The sixth try is not even checked: the right code is refused too while the address waits.
        reply = await c.join(hosted.code("southland"))
        assert reply["type"] == "error" and "too many wrong codes" in reply["text"]
        assert all(m["type"] == "error" for m in c.seen), "a refused code must see no seat"
        await c.close()

    try:
        asyncio.run(attack())
        # The teams that had joined before are not affected (the server keeps serving its games).
        assert hosted.server.failures
    finally:
        hosted.stop()


def test_bad_json_unknown_messages_and_binary_frames_get_an_error_not_a_crash(hosted):
    async def attack() -> None:
        c = await Client.open(hosted)
        for bad in ("{not json", "[]", "null", '"join"', '{"type": "format_disk"}', '{"type": "join"}', "{}" * 3000):
            await c.send(bad)
            reply = await c.next()
            assert reply["type"] == "error", bad
        await c.ws.send_bytes(b"\x00\x01binary")
        assert (await c.next())["type"] == "error"
        # Before joining, nothing but a join is accepted.
        await c.send({"type": "queue", "number": 1})
        assert "join with your team's code first" in (await c.next())["text"]
        seat = await c.join(hosted.code("southland"))
        assert seat["me"]["id"] == "southland"
        await c.close()
        await still_serves(hosted)

    asyncio.run(attack())


def test_an_oversized_frame_closes_only_that_connection(hosted):
    async def attack() -> None:
        c = await Client.open(hosted)
        await c.join(hosted.code("southland"))
        await c.send(json.dumps({"type": "say", "text": "x" * (MAX_FRAME * 4)}))
        with pytest.raises((ConnectionError, aiohttp.ClientError)):
            for _ in range(20):
                await c.next(timeout=5)
        await c.close()
        assert hosted.game().messages == []
        await still_serves(hosted)

    asyncio.run(attack())


def test_a_flood_is_slowed_down_and_the_other_team_is_still_served(tmp_path):
    # A slow bucket (one message a second, ten at once): on a loaded machine the server may take longer to answer
    # the flood than a bucket of ten a second takes to refill, and the flood must still be refused in part.
    hosted = host(tmp_path, limits=Limits(messages_per_second=1.0, burst=10))

    async def attack() -> None:
        flood = await Client.open(hosted)
        await flood.join(hosted.code("southland"))
        other = await Client.open(hosted)
        await other.join(hosted.code("northland"))
        for _ in range(200):
            await flood.send({"type": "refresh"})
        await flood.drain(quiet=1.0)
        refused = [m for m in flood.seen if m.get("text") == "too many messages: slow down"]
        assert refused, "a flood must be refused in part"
        # The other team still gets answers.
        await other.drain()
        await other.send({"type": "command", "line": "orders"})
        assert (await other.next("text"))["lines"] == ["No orders queued."]
        # Diplomatic messages have their own, tighter limit.
        for k in range(12):
            await other.send({"type": "say", "to": None, "text": f"spam {k}"})
        await other.drain(quiet=1.0)
        assert len(hosted.game().messages) == hosted.server.limits.says_per_minute
        assert any("too many messages this minute" in m.get("text", "") for m in other.seen)
        await flood.close()
        await other.close()

    hosted.run(attack())


def test_a_team_cannot_act_as_another_or_read_its_orders_and_private_messages(hosted):
    async def attack() -> None:
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        # Red queues an order and writes privately to the UN.
        await red.send({"type": "queue", "number": 1})
        await red.send({"type": "say", "to": "un", "text": "secret-offer-to-the-un"})
        assert "reads no messages" in (await red.next("error"))["text"], "the AI's actors read no messages"
        await red.send({"type": "say", "to": None, "text": "a public word"})
        await red.drain()
        # Blue names Red's actor in its messages: refused as unknown fields, nothing changes.
        red_orders = list(hosted.game().pending[1])
        for forged in (
            {"type": "queue", "number": 1, "actor": "northland"},
            {"type": "end", "actor": 1},
            {"type": "say", "from": "northland", "to": "un", "text": "forged"},
            {"type": "pause"},
            {"type": "login", "passphrase": PASSPHRASE},
        ):
            await blue.send(forged)
            assert (await blue.next("error"))["type"] == "error"
        await blue.send({"type": "command", "line": "fac"})
        assert "Unknown command" in (await blue.next("text"))["lines"][0]
        await blue.send({"type": "command", "line": "save /tmp/stolen.json"})
        assert "Unknown command" in (await blue.next("text"))["lines"][0]
        assert hosted.game().pending[1] == red_orders
        assert 1 not in hosted.game().sealed
        assert [m["text"] for m in hosted.game().messages] == ["a public word"]
        # Whatever Blue was sent, nothing of Red's private business is in it.
        await blue.send({"type": "refresh"})
        seat = await blue.next("seat")
        await blue.drain()
        everything = "\n".join(blue.raw)
        assert "secret-offer-to-the-un" not in everything
        assert hosted.code("northland") not in everything
        label = hosted.game().rules.option_label(red_orders[0])
        assert all(label not in json.dumps(q) for q in seat["queued"])
        # Other actors' hidden values are Blue's estimates, as its seat sees them.
        view = hosted.game().view(0)
        for a in seat["actors"]:
            k = [x.id for x in hosted.game().rules.actors].index(a["id"])
            assert a["strength"] == round(view.value("strength", k))
            assert a["exact"] == bool(view.exact("strength", k))
        # 'why' on a hidden value gives only the estimate.
        hidden = [a["id"] for a in seat["actors"] if not a["exact"]]
        if hidden:
            await blue.send({"type": "why", "quantity": "strength", "subject": [hidden[0]]})
            why = await blue.next("why")
            assert "hidden from you" in why["title"] and why["lines"] == []
        await blue.close()
        await red.close()

    asyncio.run(attack())


def test_replayed_and_duplicated_messages_change_nothing_twice(hosted):
    async def attack() -> None:
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        for _ in range(3):
            await blue.send({"type": "end"})
        await blue.drain()
        assert hosted.game().sealed == {0} and hosted.game().turn == 1
        # Orders cannot change once sealed, however often it is asked.
        await blue.send({"type": "queue", "number": 12})
        assert "sealed" in (await blue.next("error"))["text"]
        for _ in range(3):
            await red.send({"type": "end"})
        await red.drain()
        await blue.drain()
        assert hosted.game().turn == 2, "the turn resolves once"
        assert len(hosted.game().log) == 1
        # A join replayed on a joined connection is refused.
        await blue.send({"type": "join", "code": hosted.code("southland")})
        assert (await blue.next("error"))["text"] == "already joined"
        await blue.close()
        await red.close()

    asyncio.run(attack())


def test_a_second_device_with_the_same_code_takes_over_and_the_first_is_told(hosted):
    async def attack() -> None:
        first = await Client.open(hosted)
        await first.join(hosted.code("southland"))
        second = await Client.open(hosted)
        seat = await second.join(hosted.code("southland"))
        assert seat["me"]["id"] == "southland"
        note = await first.next("error")
        assert note["text"] == "this team was opened on another device"
        with pytest.raises((ConnectionError, aiohttp.ClientError)):
            await first.next(timeout=5)
        await second.send({"type": "queue", "number": 12})
        seat = await second.next("seat")
        assert len(seat["queued"]) == 1
        await first.close()
        await second.close()

    asyncio.run(attack())


def test_the_teachers_controls_need_the_passphrase(tmp_path):
    hosted = host(tmp_path, limits=Limits(failures=3))

    async def attack() -> None:
        t = await Client.open(hosted, "/ws/teacher")
        await t.send({"type": "pause"})
        assert "passphrase first" in (await t.next("error"))["text"]
        for _ in range(3):
            await t.send({"type": "login", "passphrase": "guess"})
            assert (await t.next("error"))["text"] == "wrong passphrase"
        await t.send({"type": "login", "passphrase": PASSPHRASE})
        assert "too many wrong passphrases" in (await t.next("error"))["text"]
        assert not hosted.game().paused
        await t.close()

    hosted.run(attack())


def test_the_teacher_pauses_injects_and_sets_values_in_every_game(tmp_path):
    hosted = host(tmp_path, games=2)

    async def act() -> None:
        t = await Client.open(hosted, "/ws/teacher")
        await t.send({"type": "login", "passphrase": PASSPHRASE})
        board = await t.next("dashboard")
        assert [g["game"] for g in board["games"]] == [1, 2]
        event = board["games"][0]["events"][0]["id"]
        await t.send({"type": "pause"})
        await t.send({"type": "inject", "games": [1, 2], "event": event, "note": "for the whole class"})
        await t.send({"type": "adjust", "game": 2, "quantity": "stability", "subject": ["harbour"], "value": 50})
        await t.send({"type": "adjust", "game": 2, "quantity": "stability", "subject": ["harbour"], "value": 1e9})
        err = await t.next("error")
        assert "stability" in err["text"]
        await t.drain()
        for g in (hosted.game(1), hosted.game(2)):
            assert g.paused
            assert [i["kind"] for i in g.interventions][:2] == ["pause", "inject"]
        assert hosted.game(2).value("stability", 0) == 50
        # A paused game's turn does not end.
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        await blue.send({"type": "end"})
        assert "paused" in (await blue.next("error"))["text"]
        await blue.close()
        await t.close()

    hosted.run(act())


def test_connections_are_capped(tmp_path):
    hosted = host(tmp_path, limits=Limits(max_connections=3, per_address=3))

    async def attack() -> None:
        open_ = [await Client.open(hosted) for _ in range(3)]
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await Client.open(hosted)
        for c in open_:
            await c.close()
        await asyncio.sleep(0.3)
        await still_serves(hosted)

    hosted.run(attack())


def test_no_url_reaches_a_file_outside_the_pages_and_every_page_forbids_foreign_scripts(hosted):
    import http.client

    def get(path: str) -> tuple[int, bytes, http.client.HTTPResponse]:
        conn = http.client.HTTPConnection("127.0.0.1", hosted.port, timeout=10)
        try:
            conn.request("GET", path)  # sent as it is: no client-side clean-up of '..'
            resp = conn.getresponse()
            return resp.status, resp.read(), resp
        finally:
            conn.close()

    secret = b"class ClassroomServer"  # a line of server.py, next to the pages' folder
    for path in [
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static/%2e%2e%2f%2e%2e%2fnet%2fserver.py",
        "/static/..\\server.py",
        "/static//etc/passwd",
        "/team/../static/../server.py",
        "/static/",
        "/../../../../etc/passwd",
    ]:
        status, body, _ = get(path)
        assert status in (400, 403, 404), path
        assert secret not in body and b"root:" not in body, path
    for path in ["/", "/team", "/teacher", "/projector", "/static/app.js", "/static/style.css"]:
        status, body, resp = get(path)
        assert status == 200, path
        assert "script-src 'self'" in resp.getheader("Content-Security-Policy", ""), path
        assert resp.getheader("X-Frame-Options") == "DENY"
        assert resp.getheader("X-Content-Type-Options") == "nosniff"
    # No page carries a script of its own inline (the policy would block it).
    for page in ["/", "/team", "/teacher", "/projector"]:
        assert b"<script>" not in get(page)[1]
    asyncio.run(still_serves(hosted))
