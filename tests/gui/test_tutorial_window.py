"""The guided tutorial in the window: a card that points at the widget each
step talks about and moves on only when the player has done what it asks;
and no text the window shows tells the player to type a terminal command."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pygame
import pytest
from conftest import click, click_at, press, step, texts, wait_idle

from game.gui.play.screen import PlayScreen
from game.gui.play.tutorial import STEPS
from game.scenario.loader import load, shipped
from game.session.game import Game


def start(app, game: Game) -> PlayScreen:
    app.goto(PlayScreen(app, game))
    step(app)
    return app.screen


def move_to(app, pos) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    step(app, 3)


def available(screen: PlayScreen) -> list:
    items = screen.tabs.orders.list.item_list_container.elements
    return [b for b in items if b.visible and "#option_available" in b.object_ids]


def card(app) -> str:
    return app.screen.tutorial.card.html_text


def test_each_step_points_at_its_widget_and_waits_for_the_player(app):
    sc = load("tutorial")
    game = Game.new(sc, 5, humans=[sc.rules.actor_index("southland")])
    screen = start(app, game)
    tut = screen.tutorial
    assert tut.active and tut.index == 0
    assert "Tutorial 1 of 7: Your values" in card(app)
    click(app, "To the map")  # closing the briefing is not what step 1 asks
    assert tut.index == 0
    assert STEPS[0].target(screen) == screen.top.value_buttons[0].rect.unionall(
        [b.rect for b in screen.top.value_buttons[1:]]
    )
    # 1. Point at a value in the top bar (moving over the map does nothing).
    move_to(app, screen.map.rect.center)
    assert tut.index == 0
    move_to(app, screen.top.value_buttons[1].rect.center)
    assert tut.index == 1 and "Choose an order in the list" in card(app)
    # 2. Choose an order: opening the charts and switching tabs does not count.
    press(app, pygame.K_c)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_2)
    assert tut.index == 1 and STEPS[1].target(screen) == screen.tabs.tab_buttons["orders"].rect
    press(app, pygame.K_1)
    assert STEPS[1].target(screen) == screen.tabs.orders.list.rect
    click_at(app, available(screen)[0].rect.center)
    assert tut.index == 2 and "predicted effects" in card(app)
    assert STEPS[2].target(screen) == screen.tabs.orders.detail.rect
    # 3. Another order to compare: choosing the same one again does not count.
    click_at(app, available(screen)[0].rect.center)
    assert tut.index == 2
    click_at(app, available(screen)[1].rect.center)
    assert tut.index == 3 and STEPS[3].target(screen) == screen.tabs.orders.queue_button.rect
    # 4. Queue it.
    click(app, "Queue this order")
    assert tut.index == 4 and STEPS[4].target(screen) == screen.top.end_button.rect
    # 5. End the turn: reading the briefing does not end it.
    press(app, pygame.K_b)
    press(app, pygame.K_ESCAPE)
    assert tut.index == 4
    click(app, "End turn")
    if "End the turn?" in texts(app):
        click(app, "End the turn")
    wait_idle(app)
    screen = app.screen
    assert screen.tutorial is tut and tut.index == 5 and "Why did it change?" in card(app)
    # 6. The why view: closing the report is not it, clicking a value is.
    press(app, pygame.K_ESCAPE)
    assert tut.index == 5
    click(app, "Reputation")
    assert tut.index == 6 and "Why: reputation of Southland" in texts(app)
    # 7. The objective tracker, unfolded for this step; "Got it" ends the tutorial.
    press(app, pygame.K_ESCAPE)
    assert STEPS[6].target(screen) == screen.tracker.rect and screen.tracker.box is not None
    step(app, 5)
    assert tut.index == 6
    click(app, "Got it")
    assert not tut.active and tut.card is None
    assert "Skip the tutorial" not in texts(app)


def test_the_tracker_stays_folded_until_its_step(app):
    sc = load("tutorial")
    screen = start(app, Game.new(sc, 5, humans=[sc.rules.actor_index("southland")]))
    assert screen.tutorial.active and screen.tracker.box is None
    click(app, "Skip the tutorial")
    assert not screen.tutorial.active and screen.tutorial.card is None
    assert screen.tracker.box is None  # as the window's size suggests: folded at 1280×720
    press(app, pygame.K_o)
    assert screen.tracker.box is not None


def test_the_pointer_is_drawn_round_the_target(app):
    sc = load("tutorial")
    screen = start(app, Game.new(sc, 5, humans=[sc.rules.actor_index("southland")]))
    click(app, "To the map")
    surf = app.surface
    surf.fill((0, 0, 0))
    screen.tutorial.draw(surf)
    target = STEPS[0].target(screen)
    accent = app.theme.colour("accent")
    ring = [surf.get_at((target.centerx, target.top - k))[:3] for k in range(1, app.theme.s(8))]
    assert tuple(accent[:3]) in ring


@pytest.mark.parametrize(
    "case",
    ["gulf", "loaded mid-game", "hot-seat"],
)
def test_no_tutorial_card_outside_a_new_tutorial_game(app, case):
    if case == "gulf":
        sc = load("gulf-1990")
        game = Game.new(sc, 1, humans=[sc.rules.actor_index("usa")])
    elif case == "loaded mid-game":
        sc = load("tutorial")
        game = Game.new(sc, 1, humans=[sc.rules.actor_index("southland")])
        game.end_turn()
    else:
        sc = load("tutorial")
        game = Game.new(sc, 1, humans=[sc.rules.actor_index("southland"), sc.rules.actor_index("northland")])
    screen = start(app, game)
    assert not screen.tutorial.active and screen.tutorial.card is None


TERMINAL = re.compile(
    r"\btype '|'(why|actions|briefing|status|orders|report|help|news|queue|end|order|map|tracks|regions)\b",
    re.IGNORECASE,
)
"""A text that tells the player to type a terminal command ("type 'why reputation'", "'actions' lists them")."""


@pytest.mark.parametrize("sid", [sid for sid, _ in shipped()])
def test_no_scenario_text_the_window_shows_names_a_terminal_command(sid):
    sc = load(sid)
    m = sc.meta
    shown = [m.title, m.summary, m.briefing, m.history, *m.learning_objectives, *m.discussion]
    shown += [x for role in m.roles for x in (role.briefing, role.victory, role.defeat)]
    shown += [x for ev in sc.rules.events for x in (ev.name, ev.text)]
    shown += [*m.actor_descriptions.values(), *m.region_descriptions.values()]
    for text in shown:
        assert not TERMINAL.search(text or ""), text


def test_no_window_text_names_a_terminal_command():
    """Every string the window's code writes (docstrings aside)."""
    root = Path(__file__).resolve().parents[2] / "game" / "gui"
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text())
        docs = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                assert not TERMINAL.search(node.value), f"{path.name}:{node.lineno}: {node.value}"


def test_the_pointer_never_crosses_an_open_window(app):
    sc = load("tutorial")
    game = Game.new(sc, 5, humans=[sc.rules.actor_index("southland")])
    screen = start(app, game)
    tut = screen.tutorial
    # The briefing opens with the game, over the map: the pointer from the card to
    # the top bar would run across it.
    assert app.top_window() is not None
    assert tut.pointer() is None
    click(app, "To the map")
    assert app.top_window() is None
    frame, start_pt, end_pt = tut.pointer()
    assert frame.colliderect(screen.top.value_buttons[0].rect)
    # Any window over the line hides it; closing it brings the pointer back.
    press(app, pygame.K_b)
    w = app.top_window()
    assert w is not None and w.rect.clipline(start_pt, end_pt)
    assert tut.pointer() is None
    press(app, pygame.K_ESCAPE)
    assert tut.pointer() is not None
