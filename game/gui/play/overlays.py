"""The windows over the game screen: the causal ledger ("why"), the turn
report, the charts, the briefing, the question before ending a turn with
nothing ordered, the game menu (and what its buttons do), the facilitator's
passphrase and the debrief report.

Which window is open is the screen's state (``PlayScreen.overlay``), so a
rebuild (a resize, a new UI scale) opens it again; this part keeps the window
itself and builds its contents.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.conditions import QUANTITIES
from game.gui import routes
from game.gui.charts import Series, draw_chart
from game.gui.play.html import briefing_html, report_html, why_html
from game.gui.play.panel import Panel
from game.gui.screen import Overlay, Screen, esc
from game.gui.userdata import chosen_path, named_path, saves_dir, write

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

CHART_METRICS = (
    ("leverage", "Leverage"),
    ("reputation", "Reputation"),
    ("support", "Domestic support"),
    ("stability", "Stability of the regions"),
)
WHY_ACTOR = ("leverage", "reputation", "support", "strength", "readiness", "budget")


class Overlays(Panel):
    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.window: Overlay | None = None
        self.pass_entry: pygame_gui.elements.UITextEntryLine | None = None
        """The passphrase's field, while the facilitator's passphrase is asked."""
        self.pass_message: pygame_gui.elements.UILabel | None = None
        self.fac_message = ""
        """What the passphrase window says (why the last passphrase was refused)."""
        self.save_entry: pygame_gui.elements.UITextEntryLine | None = None
        """The save's name field, while "Save as…" is open."""
        self.save_label: pygame_gui.elements.UILabel | None = None
        self.save_message = ""

    def close(self) -> None:
        """Close the open window (it is not opened again after a rebuild)."""
        self.pass_entry = None
        self.save_entry = None
        if self.window is not None and self.window.alive():
            self.window.on_close = None
            self.window.kill()
        self.window = None
        self.play.overlay = None

    def _closed(self) -> None:
        self.window = None
        self.play.overlay = None
        self.pass_entry = None

    def _window(self, title: str, w: int, h: int, ident: str = "") -> Overlay:
        if self.window is not None and self.window.alive():
            self.window.on_close = None
            self.window.kill()
        W, H = self.app.size
        w, h = min(w, W - self.s(20)), min(h, H - self.s(20))
        win = Overlay(pygame.Rect((W - w) // 2, (H - h) // 2, w, h), self.manager, title, self._closed, ident)
        self.window = win
        return win

    def show(self) -> None:
        """Open the window the screen's state says is open (after a rebuild, too)."""
        if not self.play.overlay:
            return
        kind, *args = self.play.overlay
        build: dict[str, Callable[..., None]] = {
            "why": self.why,
            "report": self.report,
            "charts": self.charts,
            "briefing": self.briefing,
            "confirm": self.confirm,
            "reflect": self.reflect,
            "menu": self.menu,
            "passphrase": self.passphrase,
            "debrief": self.debrief,
            "save_as": self.save_as,
        }
        build[kind](*args)

    def why(self, quantity: str, subject: tuple[int, ...]) -> None:
        s = self.s
        g = self.game
        th = self.app.theme
        name = g.name_of(quantity, subject)
        entries = g.why(quantity, *subject)
        series = g.series(quantity, *subject) if quantity in g.history[0] else []
        tall = (
            s(110)
            + (s(34) if QUANTITIES[quantity].table == "actor" and subject == (self.play.actor,) else 0)
            + (s(154) if len(series) > 1 else 0)
            + s(26) * max(2, len(entries) + 1)
        )
        win = self._window(f"Why: {quantity} of {name}", s(760), min(s(600), tall), "why")
        cw, ch = win.get_container().get_rect().size
        y = 0
        if QUANTITIES[quantity].table == "actor" and subject == (self.play.actor,):
            bw = (cw - s(8)) // len(WHY_ACTOR)
            for k, q in enumerate(WHY_ACTOR):
                self.button(
                    (k * bw, 0, bw - s(4), s(30)),
                    q.capitalize(),
                    lambda q=q: self.play.open_why(q, (self.play.actor,)),
                    container=win,
                    cls="tab_active" if q == quantity else "tab",
                )
            y = s(34)
        if len(series) > 1:
            q = QUANTITIES[quantity]
            lo, hi = (q.lo, q.hi) if q.hi <= 100 else (min(series), max(series) + 1)
            img = draw_chart(
                th,
                (cw, s(150)),
                [Series(name, series, th.colour("accent"), True)],
                f"{quantity.capitalize()} at the start of each turn",
                lo,
                hi,
            )
            pygame_gui.elements.UIImage(pygame.Rect(0, y, cw, s(150)), img, self.manager, container=win)
            y += s(154)
        html = why_html(self.app, g, quantity, subject)
        self.textbox((0, y, cw, ch - y), html, container=win)

    def report(self, turn: int) -> None:
        s = self.s
        win = self._window(f"Turn report: turn {turn}", s(860), s(640), "report")
        cw, ch = win.get_container().get_rect().size
        self.textbox((0, 0, cw, ch - s(48)), report_html(self.app, self.game, self.play.actor, turn), container=win)
        self.button(
            (cw - s(200), ch - s(42), s(196), s(38)), "Continue (Esc)", self.close, container=win, cls="primary"
        )
        self.button(
            (0, ch - s(42), s(196), s(38)), "Charts (C)", lambda: self.play.open("charts", "leverage"), container=win
        )

    def charts(self, metric: str) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        th = self.app.theme
        win = self._window("Charts: every turn so far", s(900), s(600), "charts")
        cw, ch = win.get_container().get_rect().size
        bw = cw // len(CHART_METRICS)
        for k, (q, name) in enumerate(CHART_METRICS):
            self.button(
                (k * bw, 0, bw - s(4), s(32)),
                name,
                lambda q=q: self.play.open("charts", q),
                container=win,
                cls="tab_active" if q == metric else "tab",
            )
        if metric == "stability":
            series = [
                Series(
                    reg.name,
                    g.series("stability", i),
                    th.stability_colour(35 + 65 * i / max(1, r.n_regions - 1)).lerp(th.actor_colour("", i), 0.5),
                )
                for i, reg in enumerate(r.regions)
            ]
        else:
            series = [
                Series(a.short or a.name, g.series(metric, k), th.actor_colour(a.colour, k), k == self.play.actor)
                for k, a in enumerate(r.actors)
            ]
        title = (
            dict(CHART_METRICS)[metric]
            + " at the start of each turn"
            + (" (yours is thicker)" if metric != "stability" else "")
        )
        img = draw_chart(th, (cw, ch - s(40)), series, title)
        pygame_gui.elements.UIImage(pygame.Rect(0, s(38), cw, ch - s(40)), img, self.manager, container=win)

    def briefing(self) -> None:
        s = self.s
        win = self._window("Briefing", s(760), s(560), "briefing")
        cw, ch = win.get_container().get_rect().size
        self.textbox((0, 0, cw, ch - s(48)), briefing_html(self.app, self.game, self.play.actor), container=win)
        self.button(
            (cw - s(200), ch - s(42), s(196), s(38)),
            "To the map (Esc)",
            self.close,
            container=win,
            cls="primary",
        )

    def confirm(self) -> None:
        s = self.s
        win = self._window("End the turn?", s(520), s(210), "confirm")
        cw, ch = win.get_container().get_rect().size
        left = self.game.budget_left(self.play.actor)
        queued = len(self.game.pending.get(self.play.actor, []))
        what = "no order" if not queued else f"{queued} order{'s' if queued > 1 else ''}"
        self.textbox(
            (0, 0, cw, ch - s(52)),
            f"You have queued {what} and still have {left:g} action points. Unspent points are lost.<br>"
            "End the turn anyway?",
            container=win,
        )
        self.button(
            (0, ch - s(44), cw // 2 - s(4), s(40)), "End the turn", self.play.end_turn, container=win, cls="primary"
        )
        self.button(
            (cw // 2 + s(4), ch - s(44), cw // 2 - s(4), s(40)),
            "Keep planning (Esc)",
            self.close,
            container=win,
        )

    def reflect(self) -> None:
        """Before a team's turn ends: "Why did you choose this?" (one line, kept in the save)."""
        from game.session.classroom import MAX_ANSWER, REFLECTION_PROMPT

        s = self.s
        win = self._window(REFLECTION_PROMPT, s(620), s(260), "reflect")
        cw, ch = win.get_container().get_rect().size
        queued = [self.game.rules.option_label(o) for o in self.game.pending.get(self.play.actor, [])]
        left = self.game.budget_left(self.play.actor)
        lost = (
            f" You still have {left:g} action points: unspent points are lost."
            if left and any(v.legal for v in self.play.options())
            else ""
        )
        self.textbox(
            (0, 0, cw, s(96)),
            f"Your orders: {esc('; '.join(queued) or 'none')}.{esc(lost)}<br>"
            "In one line, why did you choose them? (It goes into the debrief; leave it empty to skip.)",
            container=win,
        )
        entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, s(102), cw, s(38)), self.manager, container=win)
        entry.length_limit = MAX_ANSWER
        self.manager.set_focus_set(entry)
        self.play.why_entry = entry
        bw = (cw - s(8)) // 2
        self.button((0, ch - s(44), bw, s(40)), "End the turn (Enter)", self.answer, container=win, cls="primary")
        self.button((bw + s(8), ch - s(44), bw, s(40)), "Keep planning (Esc)", self.close, container=win)

    def answer(self) -> None:
        entry = self.play.why_entry
        text = entry.get_text() if entry is not None and entry.alive() else ""
        self.play.why_entry = None
        self.close()
        self.play.end_turn_with_answer(text)

    def is_answer(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` is Enter in the reflection's field."""
        return (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and self.play.why_entry is not None
            and event.ui_element is self.play.why_entry
        )

    def menu(self) -> None:
        s = self.s
        specs = [
            ("Resume (Esc)", self.close),
            ("Save as…", self.ask_save_name),
            ("Quick save (F5)", self.app.quick_save),
            ("Load a game", self.to_load),
            ("Debrief report", self.write_report),
            ("Settings", self.to_settings),
            ("Main menu", self.to_menu),
            ("Quit", self.quit),
        ]
        if self.game.facilitator:
            specs.insert(5, ("Facilitator…", self.play.open_facilitator))
        win = self._window("Game menu", s(360), s(46) * len(specs) + s(44), "menu")
        cw, _ = win.get_container().get_rect().size
        y = 0
        for text, fn in specs:
            self.button((0, y, cw, s(40)), text, fn, container=win, cls="primary" if y == 0 else "")
            y += s(46)

    def passphrase(self) -> None:
        s = self.s
        win = self._window("Facilitator", s(480), s(220), "passphrase")
        cw, ch = win.get_container().get_rect().size
        self.label((0, s(4), cw, s(28)), "The facilitator's passphrase:", container=win)
        entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, s(36), cw, s(38)), self.manager, container=win)
        entry.set_text_hidden(True)
        self.manager.set_focus_set(entry)
        self.pass_entry = entry
        self.pass_message = self.label((0, s(80), cw, s(28)), self.fac_message, cls="accent", container=win)
        bw = (cw - s(8)) // 2
        self.button((0, ch - s(44), bw, s(40)), "Unlock (Enter)", self.unlock_facilitator, container=win, cls="primary")
        self.button((bw + s(8), ch - s(44), bw, s(40)), "Cancel (Esc)", self.close, container=win)

    def debrief(self, path: str, message: str = "") -> None:
        from game.gui.debrief import fill_debrief_window

        win = self._window("Debrief report", self.s(720), self.s(330), "debrief")
        fill_debrief_window(
            self,
            win,
            self.game,
            self.play.save_path,
            Path(path),
            message,
            lambda msg: self.play.open("debrief", path, msg),
        )

    def unlock_facilitator(self) -> Screen | None:
        from game.session.facilitator import FacilitatorError, unlock

        entry = self.pass_entry
        if entry is None or not entry.alive():
            return None
        phrase = entry.get_text()
        entry.set_text("")
        try:
            controls = unlock(self.game, phrase)
        except FacilitatorError as exc:
            self.fac_message = f"Refused: {exc}."
            if self.pass_message is not None and self.pass_message.alive():
                self.pass_message.set_text(self.fac_message)
            self.manager.set_focus_set(entry)
            return None
        self.close()
        self.pass_entry = None
        return routes.facilitator(self.app, self.play, controls)

    def write_report(self) -> None:
        """Write the debrief report of the game so far and say where it is."""
        from game.gui.debrief import write_debrief

        path, err = write_debrief(self.game, self.play.save_path)
        if err:
            self.close()
            self.app.toast(err, 6.0)
            return
        self.play.open("debrief", str(path))

    def ask_save_name(self) -> None:
        self.save_message = ""
        self.play.open("save_as", named_path(self.game).stem)

    def save_as(self, name: str) -> None:
        """A window to name the save: a field with a name proposed, Save and Cancel."""
        s = self.s
        win = self._window("Save as…", s(520), s(230), "save_as")
        cw, ch = win.get_container().get_rect().size
        self.label((0, s(4), cw, s(28)), f"A name for this save (kept in {saves_dir()}):", container=win)
        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(0, s(36), cw, s(38)), self.manager, container=win, initial_text=name
        )
        entry.length_limit = 60
        self.manager.set_focus_set(entry)
        entry.edit_position = len(name)
        self.save_entry = entry
        self.save_label = self.label((0, s(80), cw, s(28)), self.save_message, cls="accent", container=win)
        bw = (cw - s(8)) // 2
        self.button((0, ch - s(44), bw, s(40)), "Save (Enter)", self.save_chosen, container=win, cls="primary")
        self.button((bw + s(8), ch - s(44), bw, s(40)), "Cancel (Esc)", self.close, container=win)

    def is_save_name(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` is Enter in the save's name field."""
        return (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and self.save_entry is not None
            and event.ui_element is self.save_entry
        )

    def save_chosen(self) -> None:
        """Save under the name typed (the previous file of that name is kept as .bak)."""
        entry = self.save_entry
        if entry is None or not entry.alive():
            return
        path, why = chosen_path(entry.get_text())
        if path is None:
            self.save_message = why
            if self.save_label is not None and self.save_label.alive():
                self.save_label.set_text(why)
            return
        existed = path.exists()
        err = write(self.game, path)
        self.close()
        self.app.toast(
            err or f"Saved as {path.stem}" + (" (the earlier save of that name is kept as .bak)" if existed else "")
        )

    def quit(self) -> None:
        self.close()
        self.app.ask_quit()

    def to_load(self) -> Screen:
        self.close()
        return routes.load_game(self.app, back=self.play)

    def to_settings(self) -> Screen:
        self.close()
        return routes.settings(self.app, back=self.play)

    def to_menu(self) -> Screen:
        return routes.main_menu(self.app, self.game.scenario.id)

    def ask_passphrase(self) -> None:
        """Open the facilitator's passphrase window, with nothing said yet."""
        self.fac_message = ""
        self.play.open("passphrase")

    def is_passphrase(self, event: pygame.event.Event) -> bool:
        """Whether ``event`` is Enter in the passphrase's field."""
        return (
            event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and self.pass_entry is not None
            and event.ui_element is self.pass_entry
        )

    def teardown(self) -> None:
        """The widgets are thrown away: the window's closing must not close it in the screen's state."""
        if self.window is not None:
            self.window.on_close = None
