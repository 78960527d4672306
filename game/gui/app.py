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
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
WHEEL_STEP = 0.25
"""How far one notch of the mouse wheel scrolls, as a share of what shows."""
NO_REPEAT = frozenset({pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE})
"""Keys whose repeats are ignored: each confirms, closes or queues, once per press."""

GLOBAL_KEYS = [
    ("F1 or ?", "show or hide this list of keys"),
    ("Esc", "close the open window; in a game, the game menu"),
    ("F5 / F9", "quick save / quick load"),
    ("F11", "full screen on or off"),
    ("F8", "sound on or off"),
    ("Ctrl+Q", "quit (in a game, asks first; twice quits)"),
]


class App:
    """The game window. Create it, then call :meth:`run` (or :meth:`step`)."""

    def __init__(
        self,
        game: "Game | None" = None,
        size: tuple[int, int] | None = None,
        settings: Settings | None = None,
        turn_timer: float | None = None,
        reflect: bool = False,
        reload: bool = False,
        start: "Callable[[App], Screen] | None" = None,
    ) -> None:
        self.t0 = time.perf_counter()
        self.turn_timer = turn_timer
        """Seconds each hot-seat team has for its turn (None: no timer)."""
        self.reflect = reflect
        """Whether each team is asked "Why did you choose this?" when it ends its turn."""
        self.watcher = None
        """With ``reload``: the scenario's files, watched so that the game follows their edits."""
        self.reload_next = 0.0
        if reload and game is not None:
            from game.session.reload import ScenarioWatcher

            self.watcher = ScenarioWatcher(game)
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
        self.keys_down: set[int] = set()
        """Keys pressed and not yet released (to tell a held key's repeats from a new press)."""
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
        self.mouse_pos = (0, 0)
        """Where the pointer was last seen (the wheel scrolls what lies under it)."""
        self.swallow_text = False
        """A hotkey just focused a text field: its own character must not be typed into it."""
        self.game: Game | None = None
        self._deferred: list[Callable[[], None]] = []
        self._next: Screen | None = None
        self.help_window: pygame_gui.elements.UIWindow | None = None
        self._toast_at: tuple[Any, tuple[list[str], pygame.Rect]] | None = None
        """Where the toast was put, and for what (text, size, windows) it was worked out."""
        self.quit_window: pygame_gui.elements.UIWindow | None = None
        """The question before quitting a game (Ctrl+Q), while it shows."""
        self.toast_text = ""
        self.toast_until = 0.0
        self.status = 0
        self.scenarios: list[Scenario] | None = None
        """The shipped scenarios that load, read once (the main menu lists them)."""
        if start is not None:
            self.screen: Screen = start(self)
        else:
            self.screen = routes.play(self, game) if game is not None else routes.main_menu(self)
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
            (self.theme.s(SIZES["small"]), "regular"),  # the objective tracker
            (self.theme.s(SIZES["small"]), "bold"),
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

    def ask_quit(self) -> None:
        """Quit, asking first if the screen would lose something (a game in progress).
        Asked again while the question shows, it quits."""
        question = self.screen.quit_question()
        if question is None or (self.quit_window is not None and self.quit_window.alive()):
            self.quit()
            return
        from game.gui.screen import Overlay, Widgets

        w = Widgets()
        w.app = self
        s = self.theme.s
        W, H = self.size
        ww, wh = min(s(520), W - s(20)), min(s(200), H - s(20))
        win = Overlay(pygame.Rect((W - ww) // 2, (H - wh) // 2, ww, wh), self.manager, "Quit the game?", ident="quit")
        cw, ch = win.get_container().get_rect().size
        w.textbox((0, 0, cw, ch - s(52)), question, container=win)
        w.button((0, ch - s(44), cw // 2 - s(4), s(40)), "Quit (Enter)", self.quit, container=win, cls="primary")
        w.button((cw // 2 + s(4), ch - s(44), cw // 2 - s(4), s(40)), "Keep playing (Esc)", win.kill, container=win)
        self.quit_window = win

    def toast(self, text: str, seconds: float = 3.0) -> None:
        """A short message at the bottom of the window."""
        self.toast_text = text
        self.toast_until = time.perf_counter() + seconds
        self.dirty = True

    # ------------------------------------------------------------ saves
    def quick_save(self) -> None:
        kept = getattr(self.screen, "kept_elsewhere", "")
        if kept:
            self.toast(kept, 5.0)  # a game played over the network: its server keeps and saves it
            return
        if self.game is None:
            self.toast("Nothing to save: no game is open.")
            return
        path = saves_dir() / QUICKSAVE
        err = write(self.game, path)
        self.toast(err or f"Quick save: turn {self.game.turn} saved (F9 to load it).")

    def quick_load(self) -> None:
        kept = getattr(self.screen, "kept_elsewhere", "")
        if kept:
            self.toast(kept, 5.0)  # loading a save here would leave the team's seat
            return
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
            self.ask_quit()
            return True
        if self.text_input_focused():
            return False
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            win = self.top_window()
            if win is not None and getattr(win, "default", None) is not None:
                self.defer(win.default)  # the window's highlighted button
                return True
            if win is not None and win is self.help_window:
                self.toggle_help()
                return True
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
        self.check_reload(now)
        for event in events:
            if event.type == pygame.QUIT:
                self.quit()
                continue
            if event.type == pygame.KEYDOWN:
                held = event.key in self.keys_down
                self.keys_down.add(event.key)
                if held and event.key in NO_REPEAT:
                    # A held key acts once: a slow screen (a game loading) must not see its
                    # repeats as new presses (Enter would ask to end the turn, then end it).
                    continue
            elif event.type == pygame.KEYUP:
                self.keys_down.discard(event.key)
            elif event.type == pygame.WINDOWFOCUSLOST:
                self.keys_down.clear()  # a key let go in another window never says so here
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
            if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
                self.mouse_pos = event.pos
            if event.type == pygame.MOUSEWHEEL:
                # The wheel scrolls the one widget under the pointer (never another,
                # whether or not the widgets know they are hovered).
                consumed = self.scroll_at(self.mouse_pos, event.y)
                self.goto(self.screen.handle(event, consumed))
                self._run_deferred()
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
        self._place_tooltips()
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

    def scrollable_at(self, pos: tuple[int, int]) -> tuple[Any, Any] | None:
        """The topmost widget that scrolls, under ``pos``, and its scroll bar
        (None if nothing scrolls there, or a window lies over it)."""
        group = self.manager.get_sprite_group()
        found = []
        for el in group.sprites():
            if not (el.alive() and el.visible and el.rect.collidepoint(pos)):
                continue
            if isinstance(el, pygame_gui.elements.UIWindow):
                found.append((el.layer, el, None))
                continue
            sb = getattr(el, "scroll_bar", None) or getattr(el, "vert_scroll_bar", None)
            if isinstance(sb, pygame_gui.elements.UIVerticalScrollBar) and sb.alive() and sb.visible:
                found.append((el.layer, el, sb))
        if not found:
            return None
        _, el, sb = max(found, key=lambda f: f[0])
        return (el, sb) if sb is not None else None

    def scroll_at(self, pos: tuple[int, int], notches: float) -> bool:
        """Scroll the widget under ``pos`` by ``notches`` of the wheel (up if positive); True if one scrolled."""
        hit = self.scrollable_at(pos)
        if hit is None:
            return False
        el, sb = hit
        sb.set_scroll_from_start_percentage(sb.start_percentage - notches * sb.visible_percentage * WHEEL_STEP)
        el.update(0.0)
        self.dirty = True
        return True

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

    def toast_obstacles(self) -> tuple[list[pygame.Rect], list[pygame.Rect]]:
        """What a toast must not cover: the open windows, and every button."""
        windows, buttons = [], []
        for el in self.manager.get_sprite_group().sprites():
            if not (el.alive() and el.visible):
                continue
            if isinstance(el, pygame_gui.elements.UIWindow):
                windows.append(pygame.Rect(el.rect))
            elif isinstance(el, pygame_gui.elements.UIButton):
                buttons.append(pygame.Rect(el.rect))
        return windows, buttons

    def toast_layout(self) -> tuple[list[str], pygame.Rect]:
        """The toast's lines and where it goes: low in the screen's toast area if
        it covers no window and no button there, else the nearest place that does
        not (higher up, at the sides, then anywhere, its lines wrapped narrower if
        need be), else where it covers least."""
        key = (self.toast_text, self.size, id(self.top_window()), len(self.manager.get_sprite_group().sprites()))
        if self._toast_at is not None and self._toast_at[0] == key:
            return self._toast_at[1]
        windows, buttons = self.toast_obstacles()
        font = self.theme.font("body")
        pad = self.theme.s(10)
        whole = pygame.Rect((0, 0), self.size)
        best: tuple[float, list[str], pygame.Rect] | None = None
        for width in (self.theme.s(620), self.theme.s(420), self.theme.s(300), self.theme.s(200), self.theme.s(160)):
            lines = fit_lines(self.toast_text, font, min(width, whole.width - 4 * pad))
            w = max(font.size(t)[0] for t in lines) + 2 * pad
            h = len(lines) * font.get_linesize() + 2 * pad
            cost, r = self._place_toast((w, h), windows, buttons)
            if best is None or cost < best[0]:
                best = (cost, lines, r)
            if cost == 0:
                break
        assert best is not None
        self._toast_at = (key, (best[1], best[2]))
        return best[1], best[2]

    def _place_toast(
        self, size: tuple[int, int], windows: list[pygame.Rect], buttons: list[pygame.Rect]
    ) -> tuple[float, pygame.Rect]:
        whole = pygame.Rect((0, 0), self.size)
        w, h = size
        best: tuple[float, pygame.Rect] | None = None
        for area in (self.screen.toast_area().clip(whole), whole):
            for margin in (self.theme.s(24), self.theme.s(4)):
                step = max(4, h // 2)
                for y in range(area.bottom - h - margin, area.y - 1, -step):
                    for x in (area.centerx - w // 2, area.x + margin, area.right - w - margin):
                        r = pygame.Rect(x, y, w, h).clamp(whole)
                        cost = sum(_overlap(r, o) * 10 for o in windows) + sum(_overlap(r, o) for o in buttons)
                        if cost == 0:
                            return 0.0, r
                        if best is None or cost < best[0]:
                            best = (cost, r)
        return best if best is not None else (float("inf"), pygame.Rect(0, 0, w, h))

    def _place_tooltips(self) -> None:
        """Move a widget's tooltip that has just appeared off the other buttons
        and windows, if there is a place beside its widget where it covers none."""
        tips = [
            (el, el.tool_tip)
            for el in self.manager.get_sprite_group().sprites()
            if getattr(el, "tool_tip", None) is not None and el.tool_tip.alive()
        ]
        for owner, tip in tips:
            if getattr(tip, "placed_clear", False):
                continue
            tip.placed_clear = True
            windows, buttons = self.toast_obstacles()
            buttons = [b for b in buttons if b != owner.rect]
            windows = [w for w in windows if not w.contains(owner.rect)]
            whole = pygame.Rect((0, 0), self.size)
            tr, o, gap = pygame.Rect(tip.rect), owner.rect, self.theme.s(4)

            def cost(r: pygame.Rect) -> int:
                return sum(_overlap(r, w) * 10 for w in windows) + sum(_overlap(r, b) for b in buttons)

            best = (cost(tr), tr)
            near = [
                (tr.x, o.bottom + gap),
                (tr.x, o.top - tr.height - gap),
                (o.right + gap, o.y),
                (o.left - tr.width - gap, o.y),
                (o.right - tr.width, o.bottom + gap),
                (o.right - tr.width, o.top - tr.height - gap),
            ]
            # Then further along the rows just below and just above the widget, nearest first.
            along = sorted(
                ((x, y) for y in (o.bottom + gap, o.top - tr.height - gap) for x in range(0, whole.width, gap * 8)),
                key=lambda p: abs(p[0] + tr.width // 2 - o.centerx),
            )
            for x, y in near + along:
                if best[0] == 0:
                    break
                r = pygame.Rect(x, y, tr.width, tr.height).clamp(whole)
                if not r.colliderect(o) and cost(r) < best[0]:
                    best = (cost(r), r)
            if best[1] != tr:
                tip.set_position(best[1].topleft)

    def _draw_toast(self, surf: pygame.Surface) -> None:
        font = self.theme.font("body")
        pad = self.theme.s(10)
        lines, r = self.toast_layout()
        pygame.draw.rect(surf, self.theme.colour("tooltip_bg"), r, border_radius=self.theme.s(6))
        pygame.draw.rect(surf, self.theme.colour("accent"), r, 1, border_radius=self.theme.s(6))
        y = r.y + pad
        for t in lines:
            surf.blit(font.render(t, True, self.theme.colour("text")), (r.x + pad, y))
            y += font.get_linesize()

    RELOAD_EVERY_S = 0.5

    def check_reload(self, now: float | None = None) -> bool:
        """With ``--reload``: when the scenario's files were saved, rebuild the game under them
        (same seed, orders replayed where they still apply) or, if they no longer load, say where
        the first error is and keep the game. True when something was done (a frame is due)."""
        now = time.perf_counter() if now is None else now
        if self.watcher is None or now < self.reload_next:
            return False
        self.reload_next = now + self.RELOAD_EVERY_S
        from game.gui.play.screen import PlayScreen

        screen = self.screen
        if not isinstance(screen, PlayScreen) or screen.busy() or not self.watcher.changed():
            return False  # a turn resolving: the edit is taken up once it is done
        from game.scenario.errors import ScenarioError
        from game.session.reload import reload_game
        from game.session.save import SaveError

        shown = Path(screen.game.scenario.path).name
        try:
            game, notes = reload_game(screen.game)
        except ScenarioError as exc:
            self.watcher.accept()
            first = exc.sorted()[0]
            self.toast(f"{shown} not reloaded, the game goes on: {first.format()}", 10.0)
            return True
        except SaveError as exc:
            self.watcher.accept()
            self.toast(f"{shown} not reloaded, the game goes on: {str(exc).split(': error: ', 1)[-1]}", 10.0)
            return True
        self.watcher.accept(game)
        actor = screen.actor if screen.actor in game.humans or not game.humans else None
        nxt = routes.play(self, game, actor, screen.save_path)
        nxt.overlay = screen.overlay  # the same window stays open (no briefing again after each edit)
        self.goto(nxt)
        left = f"; {len(notes)} order(s) left out: {notes[0]}" if notes else ""
        self.toast(f"{shown} reloaded: turn {game.turn}, the same seed and orders{left}", 6.0)
        self.dirty = True
        return True

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
                if not events and not self.check_reload(now):
                    continue  # nothing happened: no update, no frame
                dt = min(self.clock.tick() / 1000.0, 0.25)
            self.step(events, dt)
        self.screen.leave()
        return self.status


def _overlap(a: pygame.Rect, b: pygame.Rect) -> int:
    c = a.clip(b)
    return c.width * c.height


def fit_lines(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width`` pixels (at spaces)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and font.size(lines[-1] + " " + word)[0] <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


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


def run_gui(
    game: "Game | None" = None,
    timer: float | None = None,
    reflect: bool = False,
    reload: bool = False,
    start: "Callable[[App], Screen] | None" = None,
    instead: str = "play in the terminal with 'brinkmanship play --text'",
) -> int:
    """Open the window (on the main menu, on ``game``, or on the screen ``start`` makes); the exit status.
    ``timer``: seconds each hot-seat team has for its turn; ``reflect``: ask
    each team why it chose its orders when it ends its turn; ``reload``: follow
    the edits of the game's scenario file; ``instead``: what to do when no window can open."""
    message = "brinkmanship: cannot open a window ({}); " + instead.replace("{", "{{").replace("}", "}}")
    if not display_available():
        print(message.format("no display"), file=sys.stderr)
        return 1
    try:
        app = App(game, turn_timer=timer, reflect=reflect, reload=reload, start=start)
    except pygame.error as exc:
        pygame.quit()
        print(message.format(exc), file=sys.stderr)
        return 1
    try:
        return app.run()
    finally:
        pygame.quit()
