"""A lesson in the window: the New game screen's turns, timer, team names
and "Ask why"; the timer on the End turn button ending a seat's turn; the
reflection prompt; team names on the hand-over screen and the top bar."""

from __future__ import annotations

import pygame
from conftest import click, click_at, press, step, texts, type_text, wait_idle

from game.gui.newgame import NewGameScreen
from game.gui.play.screen import PlayScreen
from game.session.save import load_game


def set_entry(app, entry, text: str) -> None:
    click_at(app, entry.rect.center)
    entry.set_text("")
    type_text(app, text)


def new_lesson(app, shot: str | None = None) -> NewGameScreen:
    click(app, "Tutorial: The Harbour Crisis")
    click(app, "New game")
    screen = app.screen
    assert isinstance(screen, NewGameScreen)
    press(app, pygame.K_2)  # Northland played by a team too: hot-seat
    step(app, 3)
    screen = app.screen
    south, north = screen.roles[0], screen.roles[1]
    set_entry(app, screen.team_entries[south], "Blue")
    set_entry(app, screen.team_entries[north], "Red")
    set_entry(app, screen.turns_entry, "4")
    set_entry(app, screen.timer_entry, "2")
    click(app, "Ask why: off")
    step(app, 3)
    assert "✓ Ask why" in texts(app)
    assert screen.team_entries[south].get_text() == "Blue"  # kept across the rebuild
    if shot:
        pygame.image.save(app.surface, shot)
    return app.screen


def test_new_game_sets_turns_teams_timer_and_the_reflection(app, tmp_path):
    new_lesson(app)
    click(app, "Start")
    play = app.screen
    assert isinstance(play, PlayScreen)
    game = play.game
    assert game.rules.turn_limit == 4 and game.pacing == {"turns": 4, "original": 8}
    assert game.teams == {0: "Blue", 1: "Red"}
    assert app.turn_timer == 120 and app.reflect
    assert "Hand over to Blue (Southland)" in texts(app)
    click(app, "Ready")
    press(app, pygame.K_ESCAPE)  # the briefing
    assert play.timer is not None and play.timer.running
    assert "★ Blue" in texts(app)
    assert "End ⏎ · 2:00" in texts(app) or "End ⏎ · 1:59" in texts(app)
    # Ending the turn asks why first.
    click(app, "End ⏎")
    assert "Why did you choose this?" in texts(app)
    type_text(app, "talks before force")
    press(app, pygame.K_RETURN)
    step(app, 3)
    assert game.reflections == [{"turn": 1, "actor": "southland", "text": "talks before force"}]
    assert "Hand over to Red (Northland)" in texts(app)


def test_the_timer_ends_a_seats_turn_with_its_queued_orders(app):
    new_lesson(app)
    click(app, "Start")
    play = app.screen
    game = play.game
    click(app, "Ready")
    press(app, pygame.K_ESCAPE)
    game.queue(0, game.find_option(0, "summit un"))
    play.timer.started -= 1000  # the two minutes have passed
    step(app, 3)
    assert 0 in game.sealed and game.pending[0] == [game.find_option(0, "summit un")]
    assert "Hand over to Red (Northland)" in texts(app)
    assert play.curtain is not None and not play.timer.running
    click(app, "Ready")
    press(app, pygame.K_ESCAPE)
    play.timer.started -= 1000
    step(app, 3)
    wait_idle(app)
    assert len(game.log) == 1 and game.log[0].orders[0] == [game.find_option(0, "summit un")]
    saved = load_game(play.save_path) if play.save_path else None
    assert saved is None or saved.teams == game.teams


def test_turns_out_of_range_are_refused_on_the_new_game_screen(app):
    new_lesson(app)
    screen = app.screen
    set_entry(app, screen.turns_entry, "40")
    click(app, "Start")
    assert isinstance(app.screen, NewGameScreen)
    assert "Turns:" in texts(app) and "2 to 8" in texts(app)
