"""``brinkmanship preview``: the starting map of a scenario as a PNG, drawn
by the window's own map view without opening a window (SDL's dummy driver)."""

from __future__ import annotations

import os
from pathlib import Path

MIN_SIZE, MAX_SIZE = (320, 240), (3840, 2160)


def render_preview(scenario, out: Path, size: tuple[int, int] = (1280, 720)) -> Path:
    """Draw ``scenario``'s map at turn 1 into a ``size`` image and save it as ``out`` (PNG)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # headless unless a display was asked for
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.gui.mapview import MapView
    from game.gui.menu import preview_game
    from game.gui.theme import Theme

    pygame.init()
    try:
        pygame.display.set_mode((1, 1))  # images are converted to the display's format
        theme = Theme(1.0)
        surface = pygame.Surface(size)
        surface.fill(theme.colour("background"))
        view = MapView(theme, preview_game(scenario), None)
        view.layout(surface.get_rect())
        view.draw(surface)
        pygame.image.save(surface, str(out))
    finally:
        pygame.quit()
    return out
