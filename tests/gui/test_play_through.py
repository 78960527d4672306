"""A whole tutorial game played through the window with the mouse (and a
few keys), from the main menu to the end screen."""

from __future__ import annotations

import pygame
import pytest
from conftest import click, click_at, find_button, press, step, texts, type_text, wait_idle

from game.core.spec import Outcome
from game.gui.end import EndScreen
from game.gui.newgame import NewGameScreen
from game.gui.play.screen import PlayScreen
from game.gui.userdata import saves_dir
from game.scenario.loader import load, shipped
from game.session.game import Game


def end_turn_and_read_the_report(app, game) -> None:
    """End the turn (confirming an empty one), wait for it to resolve, and
    close the turn report unless the game is over."""
    before = game.turn
    click(app, "End turn")
    if "End the turn?" in texts(app):
        click(app, "End the turn")
    wait_idle(app)
    assert game.turn == before + 1
    if isinstance(app.screen, PlayScreen):
        assert f"Turn report: turn {before}" in texts(app)
        assert "What the other actors did" in texts(app)
        click(app, "Continue")


@pytest.mark.slow
def test_a_whole_tutorial_game_with_the_mouse(app):
    # Main menu: pick the tutorial in the scenario browser.
    click(app, "Tutorial: The Harbour Crisis")
    assert "eight" in texts(app) or "8 turns" in texts(app)
    assert "Southland" in texts(app)
    click(app, "New game")
    assert isinstance(app.screen, NewGameScreen)

    # New game: the seed is shown and editable; type our own.
    entry = app.screen.seed_entry
    click_at(app, entry.rect.center)
    for _ in range(10):
        press(app, pygame.K_BACKSPACE)
    type_text(app, "4242")
    click(app, "Start")
    assert isinstance(app.screen, PlayScreen)
    game = app.screen.game
    assert game.seed == 4242
    assert game.humans == (game.rules.actor_index("southland"),)
    me = game.humans[0]

    # The briefing opens first; close it with its button.
    assert "You lead Southland" in texts(app)
    click(app, "To the map")

    # "Why": click the leverage value in the top bar.
    click(app, "Leverage")
    assert "Why: leverage of Southland" in texts(app)
    click(app, "Reputation", exact=True)
    assert "Why: reputation of Southland" in texts(app)
    press(app, pygame.K_ESCAPE)
    assert "Why:" not in texts(app)

    turns_played = 0
    queued_total = 0
    while isinstance(app.screen, PlayScreen):
        screen = app.screen
        # Queue the first available order, after reading its details.
        option_buttons = [
            b for b in screen.tabs.orders.list.item_list_container.elements if b.visible and " · " in b.text
        ]
        available = [b for b in option_buttons if "#option_available" in b.object_ids]
        if available:
            click_at(app, available[0].rect.center)
            assert "Predicted effects" in app.screen.tabs.orders.detail.html_text
            click(app, "Queue this order")
            queued_total += 1
            assert len(game.pending[me]) == 1
            assert "Queued orders" in texts(app)
        end_turn_and_read_the_report(app, game)
        turns_played += 1
        assert turns_played <= game.rules.turn_limit

    # The end screen: outcome, scores, history and discussion.
    assert isinstance(app.screen, EndScreen)
    assert game.over
    assert turns_played == game.rules.turn_limit == 8
    assert len(game.log) == 8
    assert sum(len(rec.orders.get(me, [])) for rec in game.log) == queued_total > 0
    text = texts(app)
    assert "score" in text and "What actually happened" in text and "For discussion" in text
    assert game.outcome(0) in (Outcome.WIN, Outcome.LOSS, Outcome.DRAW)
    # Autosave after every turn, and it loads back to the same place.
    auto = saves_dir() / "autosave-tutorial.json"
    assert auto.exists()
    click(app, "Main menu")
    click(app, "Continue")
    assert isinstance(app.screen, PlayScreen)
    assert app.screen.game.turn == game.turn and app.screen.game.over
    step(app)


def test_unavailable_orders_are_greyed_with_their_reason(app):
    click(app, "Tutorial: The Harbour Crisis")
    click(app, "New game")
    click(app, "Start")
    press(app, pygame.K_ESCAPE)  # close the briefing
    screen = app.screen
    greyed = [item for item in screen.tabs.orders.list.item_list if item["object_id"] == "#option_unavailable"]
    assert greyed, "unavailable orders are listed, greyed"
    # ↑ from no selection picks the last order of the list: an unavailable one.
    press(app, pygame.K_UP)
    assert "Not available" in screen.tabs.orders.detail.html_text
    view = screen.view_of(screen.selected_option)
    assert view is not None and view.reason and view.reason in screen.tabs.orders.detail.html_text
    assert not find_button(app, "Queue this order").is_enabled
    # ↓ wraps round to the first order, which is available; Space queues it.
    press(app, pygame.K_DOWN)
    assert find_button(app, "Queue this order").is_enabled
    press(app, pygame.K_SPACE)
    assert len(screen.game.pending[screen.actor]) == 1
    # Queued orders can be removed until the turn ends.
    click(app, "✕")
    assert screen.game.pending[screen.actor] == []


@pytest.mark.slow
@pytest.mark.parametrize("sid", [sid for sid, _ in shipped()])
def test_every_shipped_scenario_plays_to_its_end_screen_in_the_window(app, sid):
    """The last role of each scenario, played in the window: a first available
    order queued each turn, the turn ended, the report closed — until the end
    screen shows the outcome and the history."""
    sc = load(sid)
    me = sc.rules.roles[-1].actor
    game = Game.new(sc, 11, humans=[me])
    app.goto(PlayScreen(app, game))
    step(app)
    press(app, pygame.K_ESCAPE)  # the briefing
    turns = 0
    while isinstance(app.screen, PlayScreen):
        screen = app.screen
        options = [b for b in screen.tabs.orders.list.item_list_container.elements if b.visible and " · " in b.text]
        available = [b for b in options if "#option_available" in b.object_ids]
        if available and not game.pending[me]:
            click_at(app, available[0].rect.center)
            click(app, "Queue this order")
        end_turn_and_read_the_report(app, game)
        turns += 1
        assert turns <= sc.rules.turn_limit
    assert isinstance(app.screen, EndScreen)
    assert game.over
    assert "What actually happened" in texts(app) and "For discussion" in texts(app)
    assert any(rec.orders.get(me) for rec in game.log)
