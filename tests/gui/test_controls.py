"""Controls that behave: the order list stays put, the wheel scrolls what is
under the pointer, lines that only explain cannot be chosen, Enter presses a
dialog's highlighted button, Load returns to the game, Ctrl+Q asks first in a
game, "Save as…" takes a name, the tutorial comes first, and Start needs a
human role unless the player chooses to watch."""

from __future__ import annotations

import pygame
import pytest
from conftest import click, click_at, find_button, open_first_role, press, step, texts, type_text, wait_idle

from game.core.spec import Category
from game.gui.menu import LoadScreen, MenuScreen
from game.gui.newgame import NewGameScreen
from game.gui.play.screen import PlayScreen
from game.gui.userdata import list_saves, saves_dir
from game.scenario.loader import load
from game.session.game import Game


def open_game(app, sid: str = "gulf-1990", seed: int = 5) -> Game:
    return open_first_role(app, sid, seed)


def wheel(app, pos: tuple[int, int], y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y)))
    step(app, 3)


def order_list(app):
    lst = app.screen.tabs.orders.list
    assert lst is not None and lst.scroll_bar is not None, "the order list should scroll in this scenario"
    return lst


def item_at(app, pos: tuple[int, int]) -> str | None:
    """The text of the list line under ``pos``."""
    for item in order_list(app).item_list:
        b = item.get("button_element")
        if b is not None and b.alive() and b.visible and b.rect.collidepoint(pos):
            return item["text"]
    return None


def test_queuing_keeps_the_list_where_it_was_under_the_pointer(app):
    game = open_game(app)
    me = app.screen.actor
    lst = order_list(app)
    point = (lst.rect.x + lst.rect.width // 3, lst.rect.y + lst.rect.height // 2)
    wheel(app, point, -3)  # scrolled down a way
    start = order_list(app).scroll_bar.start_percentage
    assert start > 0
    under = item_at(app, point)
    option = next(o for t, o in app.screen.tabs.orders.items if t == under)
    assert option is not None and app.screen.view_of(option).legal
    click_at(app, point)
    assert app.screen.selected_option == option
    press(app, pygame.K_SPACE)
    assert game.pending[me] == [option]
    assert order_list(app).scroll_bar.start_percentage == pytest.approx(start, abs=0.01)
    assert item_at(app, point) == under  # the same line still under the pointer


def test_the_wheel_and_the_scroll_arrows_work_after_choosing_with_the_keys(app):
    open_game(app)
    for _ in range(4):
        press(app, pygame.K_DOWN)
    assert app.screen.selected_option is not None
    lst = order_list(app)
    start = lst.scroll_bar.start_percentage
    wheel(app, lst.rect.center, -2)
    after_wheel = order_list(app).scroll_bar.start_percentage
    assert after_wheel > start
    sb = order_list(app).scroll_bar
    top = sb.top_button.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=top, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=top, button=1))
    for _ in range(10):
        app.step(dt=0.05)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=top, button=1))
    step(app)
    assert order_list(app).scroll_bar.start_percentage < after_wheel  # ▲ scrolled back up


def test_the_wheel_scrolls_only_what_is_under_the_pointer(app):
    open_game(app)
    press(app, pygame.K_DOWN)
    lst = order_list(app)
    detail = app.screen.tabs.orders.detail
    before = lst.scroll_bar.start_percentage
    wheel(app, detail.rect.center, -3)
    assert order_list(app).scroll_bar.start_percentage == before  # the details were under the pointer
    wheel(app, app.screen.map.rect.center, -3)
    assert order_list(app).scroll_bar.start_percentage == before  # the map, too
    wheel(app, order_list(app).rect.center, -3)
    assert order_list(app).scroll_bar.start_percentage > before


def test_a_line_that_only_explains_cannot_be_chosen(app):
    open_game(app)
    orders = app.screen.tabs.orders
    press(app, pygame.K_DOWN)
    chosen = app.screen.selected_option
    k = next(i for i, (_, o) in enumerate(orders.items) if o is None)  # "— not available now … —"
    lst = order_list(app)
    lst.scroll_bar.set_scroll_from_start_percentage(k / len(orders.items))
    lst.update(0.0)
    step(app)
    sep = lst.item_list[k]["button_element"]
    click_at(app, sep.rect.center)
    assert app.screen.selected_option == chosen
    assert not order_list(app).item_list[k]["selected"]
    assert [i for i, item in enumerate(order_list(app).item_list) if item["selected"]] == [
        next(i for i, (_, o) in enumerate(orders.items) if o == chosen)
    ]


def test_enter_presses_the_highlighted_button_of_a_dialog(app):
    game = open_game(app, "tutorial", 7)
    press(app, pygame.K_RETURN)  # points left: the question first
    assert "End the turn?" in texts(app)
    assert find_button(app, "End the turn").rect  # the highlighted one
    press(app, pygame.K_RETURN)
    wait_idle(app)
    assert game.turn == 2
    press(app, pygame.K_ESCAPE)  # the report
    press(app, pygame.K_ESCAPE)  # the game menu
    assert "Game menu" in texts(app)
    press(app, pygame.K_RETURN)  # Resume
    assert "Game menu" not in texts(app) and app.screen.overlay is None


def test_load_opened_from_a_game_goes_back_to_it(app):
    game = open_game(app, "tutorial", 7)
    press(app, pygame.K_ESCAPE)
    click(app, "Load a game")
    assert isinstance(app.screen, LoadScreen)
    click(app, "Back to the game")
    assert isinstance(app.screen, PlayScreen) and app.screen.game is game
    assert app.screen.overlay is None  # not the game menu again


def test_toasts_cover_no_button_and_not_the_turn_report(app):
    open_game(app, "tutorial", 7)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_SPACE)
    assert app.toast_text.startswith("Queued")
    step(app)
    windows, buttons = app.toast_obstacles()
    r = app.toast_layout()[1]
    assert not any(r.colliderect(b) for b in buttons)
    app.settings.confirm_end_turn = False
    press(app, pygame.K_RETURN)
    wait_idle(app)
    assert "Turn report" in texts(app)
    app.toast("Quick save: turn 2 saved (F9 to load it).")
    step(app)
    windows, buttons = app.toast_obstacles()
    r = app.toast_layout()[1]
    assert windows and not any(r.colliderect(w) for w in windows)


def test_ctrl_q_in_a_game_asks_first(app):
    open_game(app, "tutorial", 7)
    press(app, pygame.K_q, mod=pygame.KMOD_LCTRL)
    assert app.running and "Quit the game?" in texts(app)
    press(app, pygame.K_ESCAPE)
    assert app.running and "Quit the game?" not in texts(app)
    press(app, pygame.K_q, mod=pygame.KMOD_LCTRL)
    press(app, pygame.K_RETURN)  # the highlighted button: Quit
    assert not app.running


def test_ctrl_q_in_the_menu_quits_at_once(app):
    assert isinstance(app.screen, MenuScreen)
    press(app, pygame.K_q, mod=pygame.KMOD_LCTRL)
    assert not app.running


def test_save_as_lets_the_player_name_the_save(app):
    game = open_game(app, "tutorial", 7)
    press(app, pygame.K_ESCAPE)
    click(app, "Save as…")
    entry = app.screen.overlays.save_entry
    assert entry is not None and entry.get_text().startswith("tutorial-turn1")
    entry.set_text("")
    type_text(app, "Before the summit")
    press(app, pygame.K_RETURN)
    path = saves_dir() / "Before the summit.json"
    assert path.exists() and "Saved as Before the summit" in app.toast_text
    assert any(sv.name == "Before the summit" and not sv.error for sv in list_saves())
    assert game.turn == 1 and app.screen.overlay is None


def test_the_tutorial_is_first_and_chosen_in_the_menu(app):
    assert isinstance(app.screen, MenuScreen)
    assert app.screen.scenarios[0].id == "tutorial" and app.screen.index == 0
    selected = [i["text"] for i in app.screen.list.item_list if i["selected"]]
    assert selected == [app.screen.scenarios[0].meta.title]


def test_start_needs_a_human_role_unless_the_player_watches(app):
    sc = load("tutorial")
    app.goto(NewGameScreen(app, sc))
    step(app)
    assert find_button(app, "Start").is_enabled
    press(app, pygame.K_1)  # the only human role to the computer
    step(app)
    assert not find_button(app, "Start").is_enabled
    assert "No role is human" in texts(app)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, NewGameScreen)
    press(app, pygame.K_w)
    step(app)
    assert find_button(app, "Watch  (Enter)").is_enabled
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, PlayScreen) and app.screen.watching
    game = app.screen.game
    app.screen.close_overlay()
    app.screen.category = Category.MILITARY
    press(app, pygame.K_DOWN)
    press(app, pygame.K_SPACE)
    assert not any(game.pending.values()) and "watching" in app.toast_text
    app.settings.confirm_end_turn = False
    press(app, pygame.K_RETURN)
    wait_idle(app)
    assert game.turn == 2


@pytest.mark.parametrize("name", ["End turn", "Council", "☰ Menu", "Briefing"])
def test_a_tooltip_covers_no_other_button(app, name):
    open_game(app, "tutorial", 7)
    b = find_button(app, name)
    pygame.mouse.set_pos(b.rect.center)
    for _ in range(8):
        app.step(dt=0.2)  # hovered past the tooltip's delay
    tip = b.tool_tip
    assert tip is not None and tip.alive(), "the tooltip should show"
    _, others = app.toast_obstacles()
    covered = [r for r in others if r != b.rect and r.colliderect(tip.rect)]
    assert not covered, f"the tooltip of {name} at {tip.rect} covers {covered}"
    pygame.mouse.set_pos((1, 1))


def key_event(kind: int, key: int) -> None:
    pygame.event.post(pygame.event.Event(kind, key=key, unicode="\r", mod=0, scancode=0))


def test_a_held_enter_that_loads_a_game_does_not_then_end_its_turn(app):
    """Loading takes a moment; the key repeats of the Enter that loaded the game
    arrive in the game: they are not new presses (no "End the turn?", no turn ended)."""
    from game.gui.userdata import write

    sc = load("gulf-1990")
    game = Game.new(sc, 3, [sc.rules.actor_index("iraq")])
    game.end_turn()
    saves_dir().mkdir(parents=True, exist_ok=True)
    write(game, saves_dir() / "held.json")
    app.goto(LoadScreen(app))
    step(app)
    key_event(pygame.KEYDOWN, pygame.K_RETURN)
    step(app)
    assert isinstance(app.screen, PlayScreen) and app.screen.game.turn == 2
    for _ in range(3):  # the key is still down: its repeats
        key_event(pygame.KEYDOWN, pygame.K_RETURN)
    key_event(pygame.KEYUP, pygame.K_RETURN)
    step(app, 4)
    wait_idle(app)
    assert app.screen.game.turn == 2
    assert "End the turn?" not in texts(app)
    # A new press still ends the turn (after asking).
    press(app, pygame.K_RETURN, "\r")
    assert "End the turn?" in texts(app)


def test_a_role_with_no_military_order_opens_on_its_diplomatic_orders(app):
    sc = load("iran-nuclear")
    e3 = sc.rules.roles[-1].actor
    game = Game.new(sc, 11, humans=[e3])
    app.goto(PlayScreen(app, game))
    step(app)
    screen = app.screen
    assert not any(v.legal and v.category == Category.MILITARY for v in screen.options())
    assert screen.category == Category.DIPLOMATIC
    assert "Nothing to order here." not in texts(app)
    # A role with an army still opens on its military orders.
    usa = sc.rules.actor_index("usa")
    app.goto(PlayScreen(app, Game.new(sc, 11, humans=[usa])))
    step(app)
    assert app.screen.category == Category.MILITARY
