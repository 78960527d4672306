"""The window draws a region nobody owns (international waters) as water with no holder's band, and names no
owner for it."""

from __future__ import annotations

from pathlib import Path

import pygame
from conftest import step

from game.gui.app import App
from game.gui.play.screen import PlayScreen
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.fmt import holding
from game.session.game import Game

QUARANTINE = Path(__file__).parents[1] / "core" / "scenarios" / "quarantine-1962.yaml"


def test_international_waters_are_drawn_as_water_and_named_as_nobodys(tmp_path):
    sc = load(str(QUARANTINE))
    r = sc.rules
    game = Game.new(sc, 1, [r.actor_index("usa")])
    app = App(game, settings=Settings(), size=(1280, 720))
    try:
        step(app)
        assert isinstance(app.screen, PlayScreen)
        app.screen.close_overlay()
        step(app, 4)
        mp = app.screen.map
        ground = mp._render_ground()
        lay = mp.get_layout()
        sea = app.theme.colour("sea")
        quarantine, straits, cuba = (r.region_index(x) for x in ("quarantine", "straits", "cuba"))
        assert ground.get_at(lay.anchors[quarantine])[:3] == sea[:3]
        assert ground.get_at(lay.anchors[straits])[:3] == sea[:3]
        assert ground.get_at(lay.anchors[cuba])[:3] != sea[:3]  # owned land keeps its fill
        pygame.image.save(app.surface, str(tmp_path / "quarantine.png"))
        assert (tmp_path / "quarantine.png").stat().st_size > 10_000
        # Held by the US Navy, claimed by no one; the open straits are held by no one at all.
        assert holding(r, quarantine, int(game.state.control[0, quarantine])) == (
            "United States",
            "international waters",
        )
        assert holding(r, straits, int(game.state.control[0, straits])) == ("no one", "international waters")
    finally:
        app.screen.leave()
        pygame.quit()


def test_a_scenario_of_daily_turns_says_one_day_not_one_days():
    from game.gui.play.html import briefing_html

    sc = load(str(QUARANTINE))
    game = Game.new(sc, 1, [sc.rules.actor_index("usa")])
    app = App(game, settings=Settings(), size=(1280, 720))
    try:
        html = briefing_html(app, game, sc.rules.actor_index("usa"))
        assert "13 turns of 1 day." in html and "1 days" not in html
    finally:
        app.screen.leave()
        pygame.quit()


def test_the_window_plays_on_while_the_waters_change_hands(tmp_path):
    """Turns ended with the mouse; the line is left open on turn 2 and the map shows it held by no one."""
    from conftest import click, texts, wait_idle

    sc = load(str(QUARANTINE))
    r = sc.rules
    usa, line = r.actor_index("usa"), r.region_index("quarantine")
    game = Game.new(sc, 2, [usa])
    app = App(game, settings=Settings(), size=(1280, 720))
    try:
        step(app)
        app.screen.close_overlay()
        step(app)
        for _ in range(3):
            if game.turn == 2:
                game.queue(usa, game.find_option(usa, "withdraw quarantine"))  # the line is left open
            before = game.turn
            click(app, "End turn")
            if "End the turn?" in texts(app):
                click(app, "End the turn")
            wait_idle(app)
            assert game.turn == before + 1
            click(app, "Continue")
            step(app, 3)
        assert int(game.state.control[0, line]) == -1
        lay = app.screen.map.get_layout()
        assert app.screen.map._render_ground().get_at(lay.anchors[line])[:3] == app.theme.colour("sea")[:3]
        pygame.image.save(app.surface, str(tmp_path / "open-line.png"))
        assert "16 Oct 1962" not in texts(app)  # the window shows the later turn, not the first one
    finally:
        app.screen.leave()
        pygame.quit()
