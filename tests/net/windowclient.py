"""The game's window as a team's network client, for the network tests: the real app and screen of
``brinkmanship join`` on SDL's dummy driver, driven by posted mouse and keyboard events."""

from __future__ import annotations

import json
import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pygame_gui

from game.net.client import Link

__all__ = ["Window", "pygame"]


class Window:
    """The game's window as a team's network client (``brinkmanship join`` without --text): the real app and
    screen on SDL's dummy driver, driven by posted mouse and keyboard events."""

    def __init__(self, address: str, code: str) -> None:
        from game.gui.app import App
        from game.gui.remote import RemoteScreen
        from game.gui.userdata import Settings

        self.link = Link(address, code).start()
        self.app = App(settings=Settings(), size=(1280, 720), start=lambda a: RemoteScreen(a, self.link, address))
        self.seen: list[str] = []
        """Every seat the window showed and every text on it, as JSON and text (to look for what it must not)."""
        self.statuses: set[str] = set()
        self.version = -1
        self.pump(lambda: self.screen.seat is not None)

    @property
    def screen(self):
        return self.app.screen

    def pump(self, until=lambda: False, timeout: float = 30.0) -> None:
        """Run the window's frames (as its loop does) until ``until()`` holds."""
        end = time.monotonic() + timeout
        while True:
            self.app.step()
            if self.screen.version != self.version:
                self.version = self.screen.version
                self.seen.append(json.dumps(self.screen.seat) + "\n" + self.texts())
            self.statuses.add(self.screen.status_text())
            if until():
                return
            assert time.monotonic() < end, f"the window did not get there; it says: {self.screen.status_text()!r}"
            time.sleep(0.01)

    def texts(self) -> str:
        out = []
        for e in self.app.manager.get_sprite_group().sprites():
            if e.alive() and e.visible:
                for attr in ("text", "html_text", "window_display_title"):
                    v = getattr(e, attr, None)
                    if isinstance(v, str):
                        out.append(v)
        return "\n".join(out)

    def buttons(self) -> list:
        return [
            e
            for e in self.app.manager.get_sprite_group().sprites()
            if isinstance(e, pygame_gui.elements.UIButton) and e.alive() and e.visible
        ]

    def button(self, text: str):
        found = [e for e in self.buttons() if e.text.startswith(text)]
        assert found, f"no button {text!r} in the window"
        return found[-1]

    def click_at(self, pos) -> None:
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        for _ in range(4):
            self.app.step()

    def click(self, text: str) -> None:
        b = self.button(text)
        assert b.is_enabled, f"the button {b.text!r} is disabled"
        self.click_at(b.rect.center)

    def press(self, key: int) -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, unicode="", mod=0, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, unicode="", mod=0, scancode=0))
        for _ in range(2):
            self.app.step()

    def type(self, text: str) -> None:
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.app.step()

    def close(self) -> None:
        self.app.screen.leave()
        self.link.close()
        pygame.quit()
