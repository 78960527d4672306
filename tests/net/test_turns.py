"""Turns on the classroom server: the timer, latecomers, pausing, and a team that drops and comes back."""

from __future__ import annotations

import asyncio
import re

import pytest
from nethelpers import PASSPHRASE, Client, host


def test_when_the_timer_runs_out_a_latecomer_passes_with_what_it_queued(tmp_path):
    hosted = host(tmp_path, timer=2, latecomers="pass")

    async def play() -> None:
        blue = await Client.open(hosted)
        seat = await blue.join(hosted.code("southland"))
        assert 0 < seat["timer"] <= 2
        await blue.send({"type": "queue", "number": 15})
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        await red.send({"type": "end"})
        seat = await blue.seat_at(2)
        game = hosted.game()
        assert game.log[0].orders[0] == [game.option_by_number(0, 15)]
        assert seat["queued"] == [] and not seat["ended"]
        await blue.close()
        await red.close()

    hosted.run(play())


def test_a_paused_game_keeps_its_time_and_a_team_that_drops_keeps_its_orders(tmp_path):
    hosted = host(tmp_path, timer=3)

    async def play() -> None:
        teacher = await Client.open(hosted, "/ws/teacher")
        await teacher.send({"type": "login", "passphrase": PASSPHRASE})
        await teacher.next("dashboard")
        await teacher.send({"type": "pause", "game": 1})
        await teacher.drain()
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        await blue.send({"type": "queue", "number": 12})
        await blue.next("seat")
        await blue.close()  # the laptop drops
        await asyncio.sleep(4)  # longer than the timer: paused, the turn does not end
        assert hosted.game().turn == 1
        again = await Client.open(hosted)
        seat = await again.join(hosted.code("southland"))
        assert seat["paused"] and [q["label"] for q in seat["queued"]] == ["Crisis response → Harbour Province"]
        assert 0 < seat["timer"] <= 3
        await teacher.send({"type": "resume", "game": 1})
        seat = await again.seat_at(2)
        assert hosted.game().log[0].orders[0] != [], "the AI played the team that had not ended"
        await again.close()
        await teacher.close()

    hosted.run(play())


def test_the_turn_timer_waits_until_a_team_of_the_game_has_joined(tmp_path):
    """A teacher hosts before the class arrives: with no team connected the clock does not run, so the AI plays
    no turn for anyone; the first team to join starts the turn's clock, and it stops again when every team has
    left."""
    hosted = host(tmp_path, timer=2, latecomers="ai")

    async def play() -> None:
        teacher = await Client.open(hosted, "/ws/teacher")
        await teacher.send({"type": "login", "passphrase": PASSPHRASE})
        board = await teacher.next("dashboard")
        assert board["games"][0]["timer_waiting"] and board["games"][0]["timer"] == 2
        await asyncio.sleep(3.5)  # longer than the timer, with nobody there
        assert hosted.game().turn == 1 and not hosted.game().log
        blue = await Client.open(hosted)
        seat = await blue.join(hosted.code("southland"))
        assert seat["turn"] == 1 and 0 < seat["timer"] <= 2
        await blue.close()  # the only team leaves: the clock stops with the time it had
        await asyncio.sleep(3)
        assert hosted.game().turn == 1 and not hosted.game().log
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        seat = await red.seat_at(2)
        assert hosted.game().log[0].orders[0] != [], "the AI played the team that had not come"
        await red.close()
        await teacher.close()

    hosted.run(play())


def test_orders_the_ai_gave_for_a_late_team_are_recorded_and_reported_as_the_ais(tmp_path):
    """When the timer runs out and the AI plays a team that had not ended the turn, the save records it, the
    turn report and the debrief say so, and those orders are not ranked among the students' own decisions."""
    from game.report.data import collect
    from game.report.html import render
    from game.session.save import load_game

    hosted = host(tmp_path, timer=2, latecomers="ai")

    async def play() -> None:
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        await red.send({"type": "end"})
        seat = await blue.seat_at(2)
        shown = {o["actor"]: o for o in seat["last_turn"]["orders"]}
        late = [o for o in shown.values() if o["played_by_ai"]]
        assert [o["actor"] for o in late] == [
            f"{hosted.game().rules.actors[0].name} (played by the AI: the team had not ended the turn)"
        ]
        await blue.close()
        await red.close()

    try:
        asyncio.run(play())
        room = hosted.server.rooms[0]
        assert hosted.game().played_by_ai == [{"turn": 1, "actor": "southland"}]
    finally:
        hosted.stop()
    game = load_game(room.save_path)
    assert game.played_by_ai == [{"turn": 1, "actor": "southland"}], "kept in the save"
    d = collect(game)
    first = {o["actor"]: o for o in d.timeline[0]["orders"]}
    assert first["southland"]["played_by_ai"]
    assert not [a for a, o in first.items() if o["played_by_ai"] and a != "southland"]
    south = game.rules.actors[0].name
    assert not [x for x in d.decisions if x.turn == 1 and x.actor.startswith(south)], "not among the students' own"
    assert [
        x
        for x in d.ai_decisions
        if x.turn == 1 and x.actor == f"{south} (played by the AI: the team had not ended the turn)"
    ]
    html = render(d)
    assert "(played by the AI: the team had not ended the turn)" in html
    # The terminal's own turn reports say it too: to the late team itself, to the other team and in public.
    import io

    from game.cli.text import TextUI

    north = game.rules.actors[1].name
    for seat, line in (
        (0, "Your orders this turn were played by the AI: the team had not ended the turn"),
        (1, f"{south} (played by the AI: the team had not ended the turn): "),
    ):
        out = io.StringIO()
        TextUI(game, seat, out).info.report(1)
        assert line in out.getvalue(), (seat, out.getvalue())
    public = io.StringIO()
    TextUI(game, 1, public).info.public_report(1)
    assert f"{south} (played by the AI: the team had not ended the turn): " in public.getvalue()
    assert f"{north} (played by the AI" not in public.getvalue()
    # A save that names a role no team plays, or a turn not played, is refused with the place of the mistake;
    # one without the field (every save made before) loads as a game the AI never stood in.
    import json

    from game.session.save import SaveError

    data = json.loads(room.save_path.read_text())
    for bad, where in (
        ({"turn": 1, "actor": "un"}, "played_by_ai[0].actor"),
        ({"turn": 9, "actor": "southland"}, "played_by_ai[0].turn"),
    ):
        data["played_by_ai"] = [bad]
        room.save_path.write_text(json.dumps(data))
        with pytest.raises(SaveError, match=re.escape(where)):
            load_game(room.save_path)
    del data["played_by_ai"]
    room.save_path.write_text(json.dumps(data))
    assert load_game(room.save_path).played_by_ai == []
