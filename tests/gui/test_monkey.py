"""A monkey: 5,000 random mouse and keyboard events must raise nothing."""

from __future__ import annotations

import random

import pygame
import pytest
from conftest import step

from game.gui.app import App
from game.gui.userdata import Settings

KEYS = [
    pygame.K_RETURN,
    pygame.K_ESCAPE,
    pygame.K_SPACE,
    pygame.K_BACKSPACE,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_TAB,
    pygame.K_F1,
    pygame.K_F5,
    pygame.K_F9,
    pygame.K_LEFTBRACKET,
    pygame.K_RIGHTBRACKET,
]
KEYS += [getattr(pygame, f"K_{c}") for c in "abcdeflmnqrsw12345"]


def random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    pos = (rng.randrange(size[0]), rng.randrange(size[1]))
    kind = rng.random()
    if kind < 0.35:
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.55:
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice((1, 1, 1, 3)))
    if kind < 0.75:
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)
    if kind < 0.8:
        return pygame.event.Event(
            pygame.MOUSEWHEEL,
            x=0,
            y=rng.choice((-1, 1)),
            flipped=False,
            precise_x=0.0,
            precise_y=float(rng.choice((-1, 1))),
        )
    if kind < 0.85:
        ch = rng.choice("0123456789abc ")
        return pygame.event.Event(pygame.TEXTINPUT, text=ch)
    key = rng.choice(KEYS)
    return pygame.event.Event(
        pygame.KEYDOWN,
        key=key,
        unicode=pygame.key.name(key) if len(pygame.key.name(key)) == 1 else "",
        mod=0,
        scancode=0,
    )


@pytest.mark.slow
def test_five_thousand_random_events():
    rng = random.Random(1234)
    app = App(settings=Settings(confirm_end_turn=False), size=(1280, 720))
    screens = set()
    try:
        step(app)
        for n in range(5000):
            pygame.event.post(random_event(rng, app.size))
            if n % 5 == 4:
                app.step()
                screens.add(type(app.screen).__name__)
            if not app.running:  # the monkey found "Quit": open a new window
                app.screen.leave()
                app = App(settings=Settings(confirm_end_turn=False), size=(1280, 720))
        while app.screen.busy():
            app.step()
    finally:
        app.screen.leave()
        pygame.quit()
    assert len(screens) >= 3, screens
