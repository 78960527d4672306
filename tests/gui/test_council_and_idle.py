"""The Security Council tab shows the predicted vote of a draft; the window
draws no frame while nothing happens."""

from __future__ import annotations

import time

import pygame
from conftest import click, click_at, press, step, texts, wait_idle

from game.gui.play.screen import PlayScreen
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
    first = next(
        b
        for b in screen.tabs.orders.list.item_list_container.elements
        if b.visible and "Council draft" in b.text and "#option_available" in b.object_ids
    )
    click_at(app, first.rect.center)
    html = screen.tabs.orders.detail.html_text
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


def _end_turn_with_report(app, g):
    click(app, "End turn")
    if "End the turn?" in texts(app):
        click(app, "End the turn")
    wait_idle(app)
    assert g.turn == 2


def test_regions_that_changed_are_ringed_once_the_report_is_closed(app, monkeypatch):
    monkeypatch.setattr("game.gui.mapview.REPLAY_S", 0.6)  # last turn's moves, shown as briefly as the rings
    g = Game.new(load("gulf-1990"), 3, [0])
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)  # the briefing
    _end_turn_with_report(app, g)
    screen = app.screen
    changed = g.changed_regions()
    assert changed, "Iraq's invasion changes Kuwait in the first turn"
    kuwait = next(i for i, reg in enumerate(g.rules.regions) if reg.id == "kuwait")
    assert kuwait in changed
    # While the report is open the map does not move underneath it.
    assert app.top_window() is not None and not screen.map.flashing()
    press(app, pygame.K_ESCAPE)
    step(app)
    assert screen.map.flashing() and screen.map.flash_regions == changed
    assert screen.map.replaying() and screen.map.moves  # and last turn's orders are drawn
    assert screen.busy()  # frames keep coming while the rings fade
    time.sleep(0.7)
    step(app)
    assert not screen.map.flashing() and not screen.busy()


def test_the_highlight_can_be_switched_off(app):
    app.settings.highlight_changes = False
    g = Game.new(load("gulf-1990"), 3, [0])
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    _end_turn_with_report(app, g)
    press(app, pygame.K_ESCAPE)
    step(app)
    assert not app.screen.map.flashing()


def test_the_highlight_setting_is_a_button_on_the_settings_screen_and_is_kept(app, user_home):
    import json

    from game.gui.userdata import Settings

    press(app, pygame.K_s)
    assert "Show on the map what changed and who moved" in texts(app)
    click_at(app, app.screen.highlight_btn.rect.center)
    assert app.settings.highlight_changes is False
    assert json.loads((user_home / "settings.json").read_text())["highlight_changes"] is False
    assert Settings.load().highlight_changes is False


def test_the_council_tab_lists_peacekeeping_mandates_in_force(app):
    """A resolution mandating peacekeepers is in force like a condemnation or
    sanctions: the Council tab says so (it used to say "no resolution yet")."""
    sc = load("tutorial")
    g = Game.new(sc, 3, [0])
    harbour = [reg.id for reg in sc.rules.regions].index("harbour")
    g.state.mandate_pk[0, harbour] = True
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_5)
    assert app.screen.tab == "council"
    text = texts(app)
    assert "peacekeepers mandated in Harbour Province" in text and "no resolution yet" not in text
