"""What the teacher's dashboard and the teams' seats carry for a lesson: the
prepared injects marked, interventions in words with old → new values, team
names and reflections kept in the save."""

from __future__ import annotations

import asyncio
import json

from nethelpers import PASSPHRASE, Client, host


def test_the_dashboard_lists_prepared_injects_first_and_marks_those_that_happened(tmp_path):
    hosted = host(tmp_path)

    async def play() -> None:
        teacher = await Client.open(hosted, "/ws/teacher")
        await teacher.send({"type": "login", "passphrase": PASSPHRASE})
        board = await teacher.next("dashboard")
        events = board["games"][0]["events"]
        prepared = [e["id"] for e in events if e["prepared"]]
        assert prepared == ["ceasefire-violation", "eastland-offer"]
        assert [e["id"] for e in events[: len(prepared)]] == prepared
        assert events[0]["turn"] is None
        await teacher.send({"type": "inject", "games": [1], "event": "eastland-offer", "note": "now"})
        await teacher.send(
            {"type": "adjust", "game": 1, "quantity": "stability", "subject": ["harbour"], "value": 55, "note": "x"}
        )
        while True:
            board = await teacher.next("dashboard")
            g = board["games"][0]
            if len(g["interventions"]) == 2:
                break
        sent = next(e for e in g["events"] if e["id"] == "eastland-offer")
        assert sent["turn"] == 1
        texts = [i["text"] for i in g["interventions"]]
        assert texts[0].startswith("Injected event: ")
        assert texts[1].startswith("Set stability of Harbour Province: ") and texts[1].endswith("→ 55")
        assert {"id": "harbour", "name": "Harbour Province"} in g["regions_named"]
        await teacher.close()

    hosted.run(play())


def test_team_names_and_reflections_are_kept_in_the_save(tmp_path):
    hosted = host(tmp_path, reflect=True)

    async def play() -> None:
        blue = await Client.open(hosted)
        seat = await blue.join(hosted.code("southland"))
        assert seat["reflect"] is True
        await blue.send({"type": "end", "why": "We wanted the talks to open first."})
        # A second answer once the orders are sealed changes nothing.
        await blue.send({"type": "end", "why": "changed my mind"})
        await blue.drain()
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        await red.send({"type": "end"})
        while (await blue.next("seat"))["turn"] != 2:
            pass
        await blue.close()
        await red.close()

    try:
        asyncio.run(play())
        saved = json.loads(hosted.server.rooms[0].save_path.read_text())
        assert saved["teams"] == {"southland": "Blue", "northland": "Red"}
        assert saved["reflections"] == [{"turn": 1, "actor": "southland", "text": "We wanted the talks to open first."}]
    finally:
        hosted.stop()


def test_without_the_prompt_an_answer_is_not_kept(tmp_path):
    hosted = host(tmp_path)

    async def play() -> None:
        blue = await Client.open(hosted)
        seat = await blue.join(hosted.code("southland"))
        assert seat["reflect"] is False
        await blue.send({"type": "end", "why": "unasked"})
        await blue.drain()
        await blue.close()

    try:
        asyncio.run(play())
        assert hosted.game().reflections == []
        assert hosted.game().sealed == {0}
    finally:
        hosted.stop()
