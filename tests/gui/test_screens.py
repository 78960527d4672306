"""Every screen and window renders, is not blank, and fits its text; the
layout survives resizing and UI scales; a missing display is one line."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

import pygame
import pygame_gui
import pytest
from conftest import click, press, step, texts, wait_idle

from game.gui.app import App
from game.gui.end import EndScreen
from game.gui.menu import LoadScreen, SettingsScreen
from game.gui.newgame import NewGameScreen
from game.gui.play.screen import PlayScreen
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.game import Game


def colours(surface: pygame.Surface) -> int:
    """Distinct colours in a thumbnail of the frame."""
    small = pygame.transform.scale(surface, (160, 90))
    return len({tuple(small.get_at((x, y))) for x in range(160) for y in range(90)})


def assert_rendered(app: App, name: str) -> None:
    app.dirty = True
    app.step([])
    n = colours(app.surface)
    assert n > 12, f"{name} looks blank ({n} colours)"


def clipped(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in record if "too small for text" in str(w.message)]


def visit_everything(app: App, scenario: str = "gulf-1990") -> list[str]:
    seen = []
    assert_rendered(app, "main menu")
    seen.append("menu")
    press(app, pygame.K_s)
    assert isinstance(app.screen, SettingsScreen)
    assert_rendered(app, "settings")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_l)
    assert isinstance(app.screen, LoadScreen)
    assert_rendered(app, "load")
    press(app, pygame.K_ESCAPE)
    sc = load(scenario)
    app.goto(NewGameScreen(app, sc))
    step(app)
    assert_rendered(app, "new game")
    game = Game.new(sc, 7, [sc.rules.roles[0].actor])
    app.goto(PlayScreen(app, game))
    step(app)
    assert_rendered(app, "briefing")
    press(app, pygame.K_ESCAPE)
    for k, tab in enumerate(("orders", "region", "actor", "talks", "council")):
        press(app, pygame.K_1 + k)
        assert app.screen.tab == tab
        assert_rendered(app, f"{tab} tab")
    press(app, pygame.K_d)
    assert_rendered(app, "diplomatic orders")
    press(app, pygame.K_w)
    assert "Why: leverage" in texts(app)
    assert_rendered(app, "why")
    press(app, pygame.K_c)
    assert "Charts" in texts(app)
    assert_rendered(app, "charts")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert "Game menu" in texts(app)
    assert_rendered(app, "game menu")
    press(app, pygame.K_ESCAPE)
    app.screen.end_turn()
    app.step()
    assert app.screen.busy() or app.screen.game.turn == 2
    assert_rendered(app, "thinking")
    wait_idle(app)
    assert "Turn report" in texts(app)
    assert_rendered(app, "turn report")
    app.goto(EndScreen(app, game, game.humans[0]))
    step(app)
    assert_rendered(app, "end of game")
    return seen


def test_every_screen_renders_and_fits_its_text(app):
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        visit_everything(app)
    assert not clipped(record), clipped(record)


@pytest.mark.parametrize("size,scale", [((1024, 640), 1.0), ((1920, 1080), 1.5), ((800, 560), 0.9)])
def test_layout_at_other_sizes_and_scales(size, scale):
    a = App(settings=Settings(ui_scale=scale), size=(1280, 720))
    try:
        step(a)
        pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
        step(a)
        assert tuple(a.manager.window_resolution) == size
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            visit_everything(a, "tutorial")
        assert not clipped(record), clipped(record)
    finally:
        a.screen.leave()
        pygame.quit()


def test_ui_scale_setting_rebuilds_the_widgets(app):
    press(app, pygame.K_s)
    before = app.theme.font("body").get_height()
    app.set_scale(1.5)
    step(app)
    assert app.theme.font("body").get_height() > before
    assert app.settings.ui_scale == 1.5
    assert "Settings" in texts(app)
    assert Settings.load().ui_scale == 1.5


def test_help_overlay_lists_the_keys(app):
    press(app, pygame.K_F1)
    assert "Help: keys" in texts(app)
    assert "quick save" in texts(app)
    press(app, pygame.K_F1)
    assert "Help: keys" not in texts(app)


def test_quick_save_and_load_keys(app):
    click(app, "New game")
    click(app, "Start")
    press(app, pygame.K_ESCAPE)
    game = app.screen.game
    press(app, pygame.K_F5)
    app.screen.end_turn()
    wait_idle(app)
    assert game.turn == 2
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_F9)
    assert isinstance(app.screen, PlayScreen)
    assert app.screen.game is not game and app.screen.game.turn == 1


def test_a_display_that_cannot_be_opened_falls_back_to_the_terminal_in_one_line(tmp_path):
    """An explicitly chosen video driver that finds no display: one line
    saying why, then the terminal mode (never a traceback)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["SDL_VIDEODRIVER"] = "x11"
    env["BRINKMANSHIP_HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "game"], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines() == [
        "brinkmanship: no display to open a window on; playing in the terminal (brinkmanship play --text)"
    ]
    assert "=== Tutorial: The Harbour Crisis ===" in out.stdout


def test_no_display_at_all_is_the_terminal_mode_not_an_invisible_window(tmp_path):
    """With no display and no driver chosen, SDL would fall back to an
    invisible 'offscreen' window; the game plays in the terminal instead."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env["BRINKMANSHIP_HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "game"], env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines() == [
        "brinkmanship: no display to open a window on; playing in the terminal (brinkmanship play --text)"
    ]
    assert out.stdout.rstrip().endswith("End of input: leaving the game.")


@pytest.mark.parametrize("size", [(800, 560), (1280, 720)])
def test_new_game_says_what_the_difficulty_changes_and_fits_above_the_start_button(user_home, size):
    app = App(settings=Settings(), size=size)
    try:
        step(app)
        sc = load("bosnia-1995")  # four roles: the longest left column
        app.goto(NewGameScreen(app, sc))
        step(app)
        screen = app.screen
        assert "Difficulty: normal" in screen.brief.html_text
        pygame.event.post(
            pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, ui_element=screen.diff_menu, text="hard")
        )
        step(app)
        assert "Difficulty: hard" in screen.brief.html_text
        assert sc.difficulty["hard"]["description"] in screen.brief.html_text
        start = next(b for b in app.manager.get_root_container().elements if getattr(b, "text", "") == "Start  (Enter)")
        assert screen.fac_button.rect.bottom <= start.rect.top
        # Nothing of the left column runs under the briefing panel.
        back = next(b for b in app.manager.get_root_container().elements if getattr(b, "text", "") == "Back  (Esc)")
        for widget in (screen.fac_button, screen.seed_entry, start, back):
            assert widget.rect.right <= screen.brief.rect.left
    finally:
        app.screen.leave()
        pygame.quit()


@pytest.mark.parametrize("sid", ["gulf-1990", "bosnia-1995", "minusma"])
def test_the_list_of_computer_played_actors_shows_every_line_without_scrolling(app, sid):
    sc = load(sid)
    app.goto(NewGameScreen(app, sc))
    step(app)
    boxes = [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UITextBox)
        and e.alive()
        and "Always played by the computer" in e.html_text
        and e is not app.screen.brief
    ]
    assert boxes, "no list of computer-played actors on the left"
    box = boxes[0]
    assert box.scroll_bar is None, "the list needs a scroll bar: some of its names are cut off"
    # It does not run into the difficulty line below it.
    diff = app.screen.diff_menu.rect
    assert box.rect.bottom <= diff.top


@pytest.mark.parametrize("size", [(800, 560), (1024, 640), (1280, 720)])
def test_the_menus_description_keeps_a_width_that_reads_and_the_preview_covers_nothing(user_home, size):
    app = App(settings=Settings(), size=size)
    try:
        step(app)
        screen = app.screen
        assert screen.details.rect.width >= app.theme.s(300), "the scenario's description is too narrow to read"
        assert not screen.map_rect.colliderect(screen.details.rect)
        assert not screen.map_rect.colliderect(screen.list.rect)
        assert pygame.Rect((0, 0), size).contains(screen.map_rect)
        assert screen.map_rect.width >= app.theme.s(200) and screen.map_rect.height >= app.theme.s(120)
    finally:
        app.screen.leave()
        pygame.quit()
