"""The base of every screen, and small helpers to lay widgets out.

A screen builds its widgets into the app's UI manager and reacts to events.
Its input handlers (:meth:`Screen.handle`, its hotkeys, its buttons'
commands) return the screen to go to, or None to stay; the app switches to
what they return (:mod:`game.gui.routes` makes the other screens, so no
screen imports another). Widgets are rebuilt from the screen's own state
whenever the window is resized or the UI scale changes, so a screen keeps
its state in plain attributes, never in widgets.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID

if TYPE_CHECKING:
    from game.gui.app import App


LABEL_FONTS = {
    "heading": ("heading", True),
    "title": ("title", True),
    "subtitle": (19, False),
    "accent": ("label", True),
    "thinking": (18, True),
}
"""The font each label class uses (as in theme.json), to fit its text."""


Action = Callable[[], "Screen | None"]
"""A hotkey's or a button's command: it returns the screen to go to, or None to stay."""


def esc(text: str) -> str:
    """``text`` escaped for a text box's markup."""
    return html.escape(str(text), quote=False)


def possessive(name: str) -> str:
    """``name`` with its possessive ending: "Iraq's", "the United States'", "the Bosnian Serbs'"."""
    return name + ("'" if name.endswith("s") else "'s")


def wrapped_lines(font: pygame.font.Font, html: str, width: int) -> int:
    """How many lines a text (markup stripped) takes at ``width`` pixels."""
    lines = 0
    for para in re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")).split("\n"):
        line, n = "", 1
        for word in para.split():
            trial = f"{line} {word}".strip()
            if font.size(trial)[0] > width and line:
                n, line = n + 1, word
            else:
                line = trial
        lines += n
    return lines


def fit(text: str, font: pygame.font.Font, width: int) -> str:
    """``text``, shortened with '…' to fit ``width`` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def oid(cls: str = "", ident: str = "") -> ObjectID:
    return ObjectID(class_id=f"@{cls}" if cls else None, object_id=f"#{ident}" if ident else None)


class Overlay(pygame_gui.elements.UIWindow):
    """A window over the game that tells the screen when it closes."""

    def __init__(
        self, rect: pygame.Rect, manager: pygame_gui.UIManager, title: str, on_close: Any = None, ident: str = ""
    ) -> None:
        super().__init__(
            rect, manager, window_display_title=title, object_id=oid("", ident) if ident else None, resizable=False
        )
        self.on_close = on_close
        self.default: Action | None = None
        """What Enter does: the command of the window's highlighted (primary) button."""

    def kill(self) -> None:
        cb, self.on_close = self.on_close, None
        super().kill()
        if cb:
            cb()


class Widgets:
    """Helpers that make widgets in the app's UI manager, at the UI scale
    (for screens and for the parts of a screen)."""

    app: "App"

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def s(self, px: float) -> int:
        return self.app.theme.s(px)

    def button(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        command: Action,
        *,
        tip: str | None = None,
        cls: str = "",
        ident: str = "",
        container: Any = None,
        enabled: bool = True,
    ) -> pygame_gui.elements.UIButton:
        b = pygame_gui.elements.UIButton(
            pygame.Rect(rect),
            text,
            self.manager,
            container=container,
            tool_tip_text=tip,
            object_id=oid(cls, ident),
            command=lambda: self.app.defer(command),
        )
        if not enabled:
            b.disable()
        elif cls == "primary" and isinstance(container, Overlay) and container.default is None:
            container.default = command  # the highlighted button is the one Enter presses
        return b

    def label(
        self,
        rect: pygame.Rect | tuple[int, int, int, int],
        text: str,
        *,
        cls: str = "",
        ident: str = "",
        container: Any = None,
    ) -> pygame_gui.elements.UILabel:
        """A one-line label; text that would not fit is shortened with '…'."""
        rect = pygame.Rect(rect)
        size, bold = LABEL_FONTS.get(cls, ("label", False))
        text = fit(text, self.app.theme.font(size, bold), rect.width - self.s(10))
        return pygame_gui.elements.UILabel(rect, text, self.manager, container=container, object_id=oid(cls, ident))

    def textbox(
        self, rect: pygame.Rect | tuple[int, int, int, int], html: str, *, container: Any = None, ident: str = ""
    ) -> pygame_gui.elements.UITextBox:
        return pygame_gui.elements.UITextBox(
            html, pygame.Rect(rect), self.manager, container=container, object_id=oid("", ident)
        )


class Screen(Widgets):
    """One screen of the game. Subclasses override :meth:`build` and friends."""

    title = ""

    def __init__(self, app: "App") -> None:
        self.app = app
        self.keys: dict[int, Action] = {}

    # ------------------------------------------------------------ life cycle
    def build(self) -> None:
        """Create the widgets for the current window size and UI scale."""

    def enter(self) -> None:
        """Called when the app switches to this screen, before :meth:`build`
        (a screen returned to may find the game changed)."""

    def teardown(self) -> None:
        """Called before the widgets are thrown away to be rebuilt."""

    def leave(self) -> None:
        """Called when the app moves to another screen."""

    def toast_area(self) -> pygame.Rect:
        """Where a short message should show, if nothing of importance lies there (default: the window)."""
        return pygame.Rect((0, 0), self.app.size)

    def quit_question(self) -> str | None:
        """What quitting now would lose (Ctrl+Q then asks first), or None to quit at once."""
        return None

    def sound_changed(self) -> None:
        """The sound was turned on or off (F8): show it, if the screen does."""

    # ------------------------------------------------------------ per frame
    def handle(self, event: pygame.event.Event, consumed: bool) -> "Screen | None":
        """React to an event the widgets did not consume (hotkeys, the map);
        the screen to go to, or None to stay."""
        if consumed or event.type != pygame.KEYDOWN:
            return None
        fn = self.keys.get(event.key)
        return fn() if fn is not None else None

    def update(self, dt: float) -> "Screen | None":
        """Advance animations and background work; the screen to go to, or None to stay."""
        return None

    def busy(self) -> bool:
        """True while something moves on its own (frames must keep coming)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draw what lies under the widgets (the map, charts)."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw what lies over the widgets (the map's tooltip)."""
