"""The application: the window, the frame loop and the screens.

:class:`App` owns the pygame window and the pygame_gui manager and runs
one screen at a time. :meth:`App.step` processes one batch of events and
draws a frame when something changed; :meth:`App.run` calls it in a loop
that caps the frame rate and sleeps while nothing moves, so the CPU stays
near idle. Tests drive :meth:`App.step` with events they post themselves.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui import routes
from game.gui.audio import Sounds
from game.gui.screen import Screen, oid
from game.gui.theme import SIZES, Theme
from game.gui.userdata import QUICKSAVE, Settings, saves_dir, write

if TYPE_CHECKING:
    from game.scenario.compile import Scenario
    from game.session.game import Game

MIN_SIZE = (800, 560)
ACTIVE_AFTER_INPUT = 1.5
"""Seconds of full frame rate after the last input (hover effects, tooltips)."""
IDLE_SLEEP_S = 0.03

GLOBAL_KEYS = [
    ("F1 or ?", "show or hide this list of keys"),
    ("Esc", "close the open window; in a game, the game menu"),
    ("F5 / F9", "quick save / quick load"),
    ("F11", "full screen on or off"),
    ("F8", "sound on or off"),
    ("Ctrl+Q", "quit"),
]


class App:
    """The game window. Create it, then call :meth:`run` (or :meth:`step`)."""

    def __init__(
        self, game: "Game | None" = None, size: tuple[int, int] | None = None, settings: Settings | None = None
    ) -> None:
        self.t0 = time.perf_counter()
        self.settings = settings or Settings.load()
        # The game draws on a plain surface; presenting it without an
        # accelerated renderer avoids an extra texture upload per frame (on
        # X servers without a GPU it cuts a frame from ~7 ms to ~1.6 ms).
        # Anyone who sets the variable keeps their choice.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "software")
        pygame.display.init()
        pygame.font.init()
        size = size or (self.settings.width, self.settings.height)
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        self.surface = pygame.display.set_mode(size, flags)
        pygame.display.set_caption("Brinkmanship")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                pygame.Window.from_display_module().minimum_size = MIN_SIZE
        except (AttributeError, pygame.error):
            pass
        pygame.key.set_repeat(400, 40)
        self.theme = Theme(self.settings.ui_scale)
        self.sounds = Sounds(self.settings)
        self.manager = self._new_manager()
        self.clock = pygame.time.Clock()
        self.running = True
        self.dirty = True
        self.frames = 0
        self.compose_s = 0.0
        """Seconds the last frame took to draw, before it was handed to the display."""
        self.first_frame_s: float | None = None
        self.last_input = time.perf_counter()
        self.swallow_text = False
        """A hotkey just focused a text field: its own character must not be typed into it."""
        self.game: Game | None = None
        self._deferred: list[Callable[[], None]] = []
        self._next: Screen | None = None
        self.help_window: pygame_gui.elements.UIWindow | None = None
        self.toast_text = ""
        self.toast_until = 0.0
        self.status = 0
        self.scenarios: list[Scenario] | None = None
        """The shipped scenarios that load, read once (the main menu lists them)."""
        self.screen: Screen = routes.play(self, game) if game is not None else routes.main_menu(self)
        self.screen.enter()
        self.screen.build()

    # ------------------------------------------------------------ set-up
    def _new_manager(self) -> pygame_gui.UIManager:
        m = pygame_gui.UIManager(self.surface.get_size(), self.theme.ui_theme(), enable_live_theme_updates=False)
        # Fonts the text boxes' markup asks for (headings, bold and italic body text).
        loaded = m.get_theme().get_font_dictionary().loaded_fonts
        wanted = [
            (self.theme.s(SIZES["big"]), "bold"),
            (self.theme.s(SIZES["body"]), "bold"),
            (self.theme.s(SIZES["body"]), "italic"),
        ]
        todo = [
            {"name": "dejavu", "point_size": px, "style": st}
            for px, st in wanted
            if f"dejavu_{st}_aa_{px}" not in loaded
        ]
        if todo:
            m.preload_fonts(todo)
        return m

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def rebuild(self) -> None:
        """Lay the current screen out again (after a resize or a scale change)."""
        self.help_window = None
        self.screen.teardown()
        self.manager.set_window_resolution(self.size)
        self.manager.clear_and_reset()
        self.screen.build()
        self.dirty = True

    def set_scale(self, scale: float) -> None:
        self.settings.ui_scale = scale
        self.settings.save()
        self.theme = Theme(scale)
        self.screen.teardown()
        self.manager = self._new_manager()
        self.help_window = None
        self.screen.build()
        self.dirty = True

    def toggle_fullscreen(self) -> None:
        self.settings.fullscreen = not self.settings.fullscreen
        self.settings.save()
        try:
            pygame.display.toggle_fullscreen()
        except pygame.error:
            flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
            self.surface = pygame.display.set_mode(self.size, flags)
        self.surface = pygame.display.get_surface()
        self.rebuild()

    def toggle_mute(self) -> None:
        self.settings.muted = not self.settings.muted
        self.settings.save()
        if self.settings.muted:
            self.toast("Sound off (F8 turns it on)")
        elif not self.sounds.available:
            self.toast(f"Sound on, but no audio device could be opened ({self.sounds.error})")
        else:
            self.toast(f"Sound on, volume {self.settings.volume}% (Settings)")
        self.screen.sound_changed()

    def settings_path(self) -> str:
        from game.gui.userdata import home

        return str(home() / "settings.json")

    # ------------------------------------------------------------ navigation
    def goto(self, screen: Screen | None) -> None:
        """Switch to ``screen`` once the current event is handled (None: stay).
        The screens' handlers return the next screen, and the app calls this."""
        if screen is not None:
            self._next = screen

    def defer(self, fn: Callable[[], Screen | None]) -> None:
        """Run ``fn`` after the current event (widgets call back through this);
        the app switches to the screen it returns, if any."""
        self._deferred.append(fn)

    def quit(self) -> None:
        self.running = False

    def toast(self, text: str, seconds: float = 3.0) -> None:
        """A short message at the bottom of the window."""
        self.toast_text = text
        self.toast_until = time.perf_counter() + seconds
        self.dirty = True

    # ------------------------------------------------------------ saves
    def quick_save(self) -> None:
        if self.game is None:
            self.toast("Nothing to save: no game is open.")
            return
        path = saves_dir() / QUICKSAVE
        err = write(self.game, path)
        self.toast(err or f"Quick save: turn {self.game.turn} saved (F9 to load it).")

    def quick_load(self) -> None:
        path = saves_dir() / QUICKSAVE
        if not path.exists():
            self.toast("No quick save yet (F5 saves one).")
            return
        self.goto(routes.saved_game(self, path))

    # ------------------------------------------------------------ help
    def toggle_help(self) -> None:
        if self.help_window is not None and self.help_window.alive():
            self.help_window.kill()
            self.help_window = None
            return
        rows = list(getattr(self.screen, "help_keys", [])) + GLOBAL_KEYS
        html = "<b>Keys</b><br>" + "<br>".join(
            f"<font color='{self.theme.hexcolour('accent')}'><b>{k}</b></font> — {v}" for k, v in rows
        )
        w, h = (
            min(self.theme.s(620), self.size[0] - 40),
            min(self.theme.s(40 + 24 * (len(rows) + 2)) + 60, self.size[1] - 40),
        )
        rect = pygame.Rect((self.size[0] - w) // 2, (self.size[1] - h) // 2, w, h)
        win = pygame_gui.elements.UIWindow(
            rect, self.manager, window_display_title="Help: keys", object_id=oid("", "help")
        )
        inner = win.get_container().get_rect()
        pygame_gui.elements.UITextBox(html, pygame.Rect(0, 0, inner.width, inner.height), self.manager, container=win)
        self.help_window = win

    # ------------------------------------------------------------ the loop
    def text_input_focused(self) -> bool:
        focus = self.manager.get_focus_set()
        return any(isinstance(e, pygame_gui.elements.UITextEntryLine) and e.is_focused for e in (focus or ()))

    def top_window(self) -> pygame_gui.elements.UIWindow | None:
        stack = self.manager.get_window_stack()
        windows = [w for w in (*stack.stack, *stack.top_stack) if w.alive()]
        return windows[-1] if windows else None

    def _global_key(self, event: pygame.event.Event) -> bool:
        """Keys that work on every screen; True when the key was used."""
        if event.type != pygame.KEYDOWN:
            return False
        if event.key == pygame.K_q and event.mod & pygame.KMOD_CTRL:
            self.quit()
            return True
        if self.text_input_focused():
            return False
        if event.key == pygame.K_F1 or event.unicode == "?":
            self.toggle_help()
            return True
        if event.key == pygame.K_F5:
            self.quick_save()
            return True
        if event.key == pygame.K_F9:
            self.quick_load()
            return True
        if event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return True
        if event.key == pygame.K_F8:
            self.toggle_mute()
            return True
        if event.key == pygame.K_ESCAPE:
            win = self.top_window()
            if win is not None:
                if win is self.help_window:
                    self.help_window = None
                win.kill()
                return True
        return False

    def step(self, events: list[pygame.event.Event] | None = None, dt: float | None = None) -> bool:
        """Process events (default: the pygame queue), update, and draw a
        frame if anything changed. Returns False once the app should close."""
        if events is None:
            events = pygame.event.get()
        if dt is None:
            dt = min(self.clock.tick() / 1000.0, 0.25)
        now = time.perf_counter()
        for event in events:
            if event.type == pygame.QUIT:
                self.quit()
                continue
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                new = pygame.display.get_surface()
                if new is not None and new.get_size() != tuple(self.manager.window_resolution):
                    self.surface = new
                    if not self.settings.fullscreen:
                        self.settings.width, self.settings.height = new.get_size()
                        self.settings.save()
                    self.rebuild()
                continue
            if (
                event.type
                in (
                    pygame.MOUSEMOTION,
                    pygame.MOUSEBUTTONDOWN,
                    pygame.MOUSEBUTTONUP,
                    pygame.MOUSEWHEEL,
                    pygame.KEYDOWN,
                    pygame.KEYUP,
                    pygame.TEXTINPUT,
                    pygame.WINDOWEXPOSED,
                    pygame.WINDOWFOCUSGAINED,
                    pygame.WINDOWENTER,
                    pygame.WINDOWLEAVE,
                )
                or event.type >= pygame.USEREVENT
            ):
                self.last_input = now
                self.dirty = True
            if event.type == pygame.TEXTINPUT and self.swallow_text:
                self.swallow_text = False
                continue
            consumed = self.manager.process_events(event)
            if event.type == pygame.KEYDOWN:
                # Lists and buttons do not use keys: hotkeys apply even if one swallowed
                # it; only a focused text field keeps its keys.
                typing = self.text_input_focused()
                self.swallow_text = False
                if not self._global_key(event):
                    self.goto(self.screen.handle(event, typing))
                # A hotkey that opened a text field (F: the passphrase) is not its first character.
                self.swallow_text = not typing and self.text_input_focused()
            else:
                self.goto(self.screen.handle(event, consumed))
            self._run_deferred()
        self.swallow_text = False
        self._run_deferred()
        self.manager.update(dt)
        self.goto(self.screen.update(dt))
        self._run_deferred()
        active = (
            self.dirty
            or self.screen.busy()
            or now - self.last_input < ACTIVE_AFTER_INPUT
            or now < self.toast_until + 0.1
        )
        if active:
            self.draw()
        return self.running

    def _run_deferred(self) -> None:
        while self._deferred:
            fns, self._deferred = self._deferred, []
            for fn in fns:
                self.goto(fn())
        if self._next is not None:
            nxt, self._next = self._next, None
            self.screen.leave()
            self.help_window = None
            self.manager.clear_and_reset()
            self.screen = nxt
            self.screen.enter()
            self.screen.build()
            self.dirty = True

    def draw(self) -> None:
        t0 = time.perf_counter()
        surf = self.surface
        surf.fill(self.theme.colour("background"))
        self.screen.draw(surf)
        self.manager.draw_ui(surf)
        self.screen.draw_over(surf)
        if self.toast_text and time.perf_counter() < self.toast_until:
            self._draw_toast(surf)
        self.compose_s = time.perf_counter() - t0
        pygame.display.flip()
        self.frames += 1
        self.dirty = False
        if self.first_frame_s is None:
            self.first_frame_s = time.perf_counter() - self.t0

    def _draw_toast(self, surf: pygame.Surface) -> None:
        font = self.theme.font("body")
        text = font.render(self.toast_text, True, self.theme.colour("text"))
        pad = self.theme.s(10)
        w, h = text.get_width() + 2 * pad, text.get_height() + 2 * pad
        r = pygame.Rect((surf.get_width() - w) // 2, surf.get_height() - h - self.theme.s(24), w, h)
        pygame.draw.rect(surf, self.theme.colour("tooltip_bg"), r, border_radius=self.theme.s(6))
        pygame.draw.rect(surf, self.theme.colour("accent"), r, 1, border_radius=self.theme.s(6))
        surf.blit(text, (r.x + pad, r.y + pad))

    def run(self) -> int:
        """The frame loop: full speed while something moves, asleep otherwise."""
        while self.running:
            now = time.perf_counter()
            active = (
                self.dirty
                or self.screen.busy()
                or now - self.last_input < ACTIVE_AFTER_INPUT
                or now < self.toast_until + 0.1
            )
            if active:
                fps = 30 if self.screen.busy() and now - self.last_input > ACTIVE_AFTER_INPUT else self.settings.fps
                dt = min(self.clock.tick(fps) / 1000.0, 0.25)
                events = pygame.event.get()
            else:
                # Asleep: pygame's own wait polls every millisecond, so sleep
                # in longer steps (input still answers within IDLE_SLEEP_S).
                time.sleep(IDLE_SLEEP_S)
                events = pygame.event.get()
                if not events:
                    continue  # nothing happened: no update, no frame
                dt = min(self.clock.tick() / 1000.0, 0.25)
            self.step(events, dt)
        self.screen.leave()
        return self.status


def display_available() -> bool:
    """Whether a window would be seen. Without a display SDL falls back to
    its invisible 'offscreen' driver; only an explicit SDL_VIDEODRIVER (as
    the tests set) may choose an invisible one."""
    requested = os.environ.get("SDL_VIDEODRIVER", "")
    if (
        sys.platform.startswith("linux")
        and not requested
        and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ):
        return False
    try:
        pygame.display.init()
    except pygame.error:
        return False
    driver = pygame.display.get_driver()
    pygame.display.quit()
    return driver not in ("offscreen", "dummy") or driver in requested


def run_gui(game: "Game | None" = None) -> int:
    """Open the window (on the main menu, or on ``game``); the exit status."""
    message = "brinkmanship: cannot open a window ({}); play in the terminal with 'brinkmanship play --text'"
    if not display_available():
        print(message.format("no display"), file=sys.stderr)
        return 1
    try:
        app = App(game)
    except pygame.error as exc:
        pygame.quit()
        print(message.format(exc), file=sys.stderr)
        return 1
    try:
        return app.run()
    finally:
        pygame.quit()
