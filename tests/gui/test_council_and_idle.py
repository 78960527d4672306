"""The Security Council tab shows the predicted vote of a draft; the window
draws no frame while nothing happens."""

from __future__ import annotations

import time

import pygame
from conftest import click_at, press, step

from game.gui.play import PlayScreen
from game.scenario.loader import load
from game.session.game import Game


def test_council_forecast_gives_probabilities_for_drafts_only():
    sc = load("gulf-1990")
    g = Game.new(sc, 3, [0])
    drafts = [v for v in g.options(0) if v.action.startswith("resolution")]
    assert drafts
    for v in drafts:
        yes, adopted = g.council_forecast(v.option)
        assert set(yes) == set(sc.rules.council.members())
        assert all(0.0 <= p <= 1.0 for p in yes.values()) and 0.0 <= adopted <= 1.0
    others = [v for v in g.options(0) if not v.action.startswith("resolution")]
    assert g.council_forecast(others[0].option) is None


def test_drafting_a_resolution_shows_the_predicted_vote(app):
    sc = load("gulf-1990")
    g = Game.new(sc, 3, [0])
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_5)
    screen = app.screen
    assert screen.tab == "council"
    first = next(b for b in screen.option_list.item_list_container.elements if b.visible and "Council draft" in b.text and "#option_available" in b.object_ids)
    click_at(app, first.rect.center)
    html = screen.detail.html_text
    assert "Predicted vote" in html and "adopted with a chance of" in html
    assert "(veto)" in html  # the permanent members are marked
    press(app, pygame.K_SPACE)
    assert len(g.pending[0]) == 1


def test_no_frames_while_nothing_happens(app):
    app.last_input = time.perf_counter() - 60
    app.toast_until = 0
    app.step([])
    frames = app.frames
    for _ in range(10):
        app.step([])
    assert app.frames == frames
    # Any input draws again.
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(10, 10), rel=(1, 1), buttons=(0, 0, 0)))
    app.step()
    assert app.frames == frames + 1
