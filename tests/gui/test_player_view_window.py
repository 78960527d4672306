"""The window's actor tab reads the seat's view: another actor's hidden
values are estimates, with no "why" into its ledger."""

from __future__ import annotations

import pygame
from conftest import press, step, texts

from game.gui.play import PlayScreen
from game.scenario.loader import load
from game.session.game import Game


def test_the_actor_tab_shows_estimates_of_hidden_values_and_no_why(app):
    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    g = Game.new(sc, 1, [usa])
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    screen = app.screen
    screen.select_actor(iraq)
    step(app)
    assert screen.tab == "actor"
    seen = g.view(usa)
    shown = texts(app)
    lines = [line.strip() for line in shown.splitlines()]
    assert f"Domestic support: about {seen.value('support', iraq):.0f}" in lines
    assert f"Military strength: about {seen.value('strength', iraq):.0f}" in lines
    assert "Estimates: intelligence or an alliance shows them" in shown
    screen.open_why("support", (iraq,))
    step(app)
    assert screen.overlay is None or screen.overlay[0] != "why"
    screen.open_why("support", (usa,))
    step(app)
    assert screen.overlay is not None and screen.overlay[0] == "why"
