"""Headless window tests: SDL's dummy drivers, a private data folder, and
helpers that drive the real app loop with posted mouse and keyboard events."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import time
from collections.abc import Iterator

import pygame
import pygame_gui
import pytest

from game.gui.app import App
from game.gui.play.screen import PlayScreen
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.game import Game


@pytest.fixture(autouse=True)
def user_home(tmp_path, monkeypatch):
    monkeypatch.setenv("BRINKMANSHIP_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def app() -> Iterator[App]:
    a = App(settings=Settings(), size=(1280, 720))
    step(a)
    yield a
    a.screen.leave()
    pygame.quit()


def step(app: App, n: int = 2) -> None:
    """Run a few frames of the real loop on the posted events."""
    for _ in range(n):
        app.step()


def wait_idle(app: App, timeout: float = 20.0) -> None:
    """Step until no turn is resolving (a map highlight may still be fading)."""
    end = time.time() + timeout
    while app.screen.busy() and getattr(app.screen, "thinking", True):
        assert time.time() < end, "the turn never finished resolving"
        app.step()
        time.sleep(0.005)
    step(app)


def click_at(app: App, pos: tuple[int, int], button: int = 1) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button))
    step(app, 4)  # list items answer through events of their own, a frame later


def press(app: App, key: int, unicode: str = "", mod: int = 0) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, unicode=unicode, mod=mod, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, unicode=unicode, mod=mod, scancode=0))
    step(app)


def type_text(app: App, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    step(app)


def buttons(app: App) -> list[pygame_gui.elements.UIButton]:
    return [
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UIButton) and e.alive() and e.visible
    ]


def find_button(app: App, text: str, exact: bool = False) -> pygame_gui.elements.UIButton:
    """The visible button whose text starts with (or equals) ``text``."""
    found = [b for b in buttons(app) if (b.text == text if exact else b.text.startswith(text))]
    assert found, f"no button '{text}' on screen; buttons: {[b.text for b in buttons(app)]}"
    return found[-1]


def click(app: App, text: str, exact: bool = False) -> None:
    b = find_button(app, text, exact)
    assert b.is_enabled, f"button '{b.text}' is disabled"
    click_at(app, b.rect.center)


def texts(app: App) -> str:
    """Every text visible in widgets (labels, buttons, text boxes, window titles)."""
    out = []
    for e in app.manager.get_sprite_group().sprites():
        if not (e.alive() and e.visible):
            continue
        for attr in ("text", "html_text", "window_display_title"):
            v = getattr(e, attr, None)
            if isinstance(v, str):
                out.append(v)
    return "\n".join(out)


def open_first_role(app: App, sid: str, seed: int) -> Game:
    """A new game of ``sid`` on screen, its first role at the keyboard and the briefing closed."""
    sc = load(sid)
    game = Game.new(sc, seed, (sc.rules.roles[0].actor,))
    app.goto(PlayScreen(app, game))
    step(app)
    app.screen.close_overlay()
    step(app)
    return game
