"""A team's seat in the game's window (``brinkmanship join`` without --text), against a real server on
loopback: orders queued and removed by clicks, an unavailable order's reason, and a team opened on another
computer, which the window gives way to instead of taking the seat back."""

from __future__ import annotations

import asyncio
import time

import pygame_gui
from nethelpers import Client, host
from windowclient import Window, pygame


def test_the_window_queues_and_removes_orders_and_says_why_one_is_not_available(tmp_path):
    hosted = host(tmp_path)
    blue = Window(hosted.address, hosted.code("southland"))
    try:
        game = hosted.game()
        blue.press(pygame.K_DOWN)
        chosen = blue.screen.chosen()
        assert chosen["legal"] and "Predicted:" in blue.texts()
        blue.click("Queue this order")
        blue.pump(lambda: len(blue.screen.seat["queued"]) == 1)
        assert game.pending[0] == [game.option_by_number(0, chosen["number"])]
        # The same order again is not available now: the window gives the server's reason and cannot queue it.
        assert not blue.button("Queue this order").is_enabled
        assert "Not available:" in blue.texts()
        blue.click("✕")
        blue.pump(lambda: blue.screen.seat["queued"] == [])
        assert game.pending.get(0, []) == []
        assert "No orders queued yet." in blue.texts()
    finally:
        blue.close()
        hosted.stop()


def test_a_team_opened_on_another_computer_keeps_it_and_the_window_says_so(tmp_path):
    hosted = host(tmp_path)
    blue = Window(hosted.address, hosted.code("southland"))
    try:

        async def elsewhere() -> dict:
            other = await Client.open(hosted)
            seat = await other.join(hosted.code("southland"))
            await asyncio.sleep(1.0)  # the window would have taken the seat back by now
            assert not other.ws.closed
            await other.close()
            return seat

        assert asyncio.run(elsewhere())["me"]["id"] == "southland"
        blue.pump(lambda: "opened on another computer" in blue.texts())
        assert "computer: your team was opened" not in blue.texts().lower(), "said once"
        assert "join again with the code" in blue.texts()
        assert blue.link.state == "replaced" and blue.link.reconnects == 0
        assert "Quit" in [b.text for b in blue.buttons()]
    finally:
        blue.close()
        hosted.stop()


def test_another_tab_of_orders_starts_at_its_top_and_a_message_shows_its_length(tmp_path):
    hosted = host(tmp_path, scenario="gulf-1990", teams={"usa": "Eagles", "iraq": "Lions"})
    blue = Window(hosted.address, hosted.code("usa"))
    try:
        bar = blue.screen.list.scroll_bar
        assert bar is not None, "the Gulf's military orders need a scroll bar in a 720-pixel window"
        bar.set_scroll_from_start_percentage(0.5)
        blue.pump(lambda: blue.screen.list.scroll_bar.start_percentage > 0.4)
        blue.click("Diplomatic")
        blue.pump(lambda: blue.screen.category == "diplomatic")
        assert blue.screen.list.scroll_bar.start_percentage == 0, "the first row shows whole"
        # Messages: only the other team is offered, and the length of the message shows as it is typed.
        blue.click("Messages")
        assert list(blue.screen.recipients) == ["Everyone (public)", "Iraq · team Lions (private)"]
        assert "0 / 500 characters" in blue.texts()
        blue.click_at(blue.screen.message_entry.rect.center)
        blue.type("Shall we talk?")
        blue.pump(lambda: "14 / 500 characters" in blue.texts())
        # F5 and F9: the game is kept and saved on the teacher's computer; the seat stays open.
        blue.click_at((5, 700))  # out of the message field, so that the keys are hotkeys
        for key in (pygame.K_F5, pygame.K_F9):
            blue.press(key)
            assert "the teacher's computer keeps this game and saves it every turn" in blue.app.toast_text
        assert blue.screen.link is blue.link and blue.link.state == "online"
    finally:
        blue.close()
        hosted.stop()


def test_a_window_900_pixels_wide_keeps_every_value_on_its_top_bar_clear_of_the_timer(tmp_path):
    from game.gui.app import App
    from game.gui.remote import RemoteScreen
    from game.gui.userdata import Settings
    from game.net.client import Link

    hosted = host(tmp_path, scenario="gulf-1990", teams={"usa": "Eagles", "iraq": "Lions"}, timer=300)
    link = Link(hosted.address, hosted.code("usa")).start()
    try:
        app = App(settings=Settings(), size=(900, 700), start=lambda a: RemoteScreen(a, link, hosted.address))
        end = time.monotonic() + 30
        while (app.screen.seat is None or app.screen.timer_label.text == "") and time.monotonic() < end:
            app.step()
            time.sleep(0.01)
        values = [
            e
            for e in app.manager.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UIButton) and e.alive() and e.rect.top < 60
        ]
        texts = [v.text for v in values]
        assert [t.split()[0] for t in texts[:4]] == ["Lev", "Rep", "Sup", "Budget"], texts
        timer = app.screen.timer_label.rect
        assert all(v.rect.right <= timer.left for v in values[:4]), "no value runs into the timer"
        assert "Eagles · turn 1 of" in " ".join(
            e.text for e in app.manager.get_sprite_group().sprites() if hasattr(e, "text") and isinstance(e.text, str)
        )
    finally:
        link.close()
        hosted.stop()
