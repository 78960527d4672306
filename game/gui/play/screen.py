"""The game screen's coordinator: it owns the state (whose turn it is, the
selected tab, region, actor and order, the open window, the hot-seat curtain,
the turn resolving) and composes the parts that draw it (see :mod:`game.gui.play`).

The parts build their own widgets and ask the screen to act; the screen
changes its state and asks them to show it.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame
import pygame_gui

from game.core.spec import Category, Kind, TrackStatus
from game.gui import routes
from game.gui.mapview import Hit, MapView, draw_tooltip, targets_of
from game.gui.play.curtain import CURTAIN_OVERLAYS, Curtain, CurtainView
from game.gui.play.news import NewsPanel
from game.gui.play.objective import Tracker
from game.gui.play.overlays import Overlays
from game.gui.play.tabs import TABS, TabPanel
from game.gui.play.topbar import TopBar
from game.gui.play.turn import TurnWorker
from game.gui.play.tutorial import Tutorial
from game.gui.screen import Screen
from game.gui.userdata import autosave_path, write
from game.session.classroom import TurnTimer, team_label
from game.session.game import Game, IllegalOrder, OptionView, TurnRecord

if TYPE_CHECKING:
    from game.gui.app import App

KEYS_WHILE_THINKING = (
    pygame.K_c,
    pygame.K_b,
    pygame.K_o,
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_5,
    pygame.K_LEFTBRACKET,
    pygame.K_RIGHTBRACKET,
)
"""The hotkeys that still answer while the turn resolves (they only show things)."""


def turn_cue(game: Game, rec: TurnRecord, crises_before: set[int]) -> str:
    """The sound of a resolved turn: a new crisis, else a strike carried out,
    else an agreement reached, else the plain "turn resolved"."""
    r = game.rules
    if set(np.flatnonzero(game.state.crisis[0]).tolist()) - crises_before:
        return "crisis"
    done = [o for opts in rec.carried_out().values() for o in opts]
    if any(r.actions[int(r.opt_action[o])].kind == Kind.STRIKE for o in done):
        return "strike"
    if len(game.history) >= 2:
        now, before = game.history[-1]["status"], game.history[-2]["status"]
        if ((now == TrackStatus.AGREED) & (before != TrackStatus.AGREED)).any():
            return "agreement"
    return "turn"


class PlayScreen(Screen):
    title = "Game"
    help_keys = [
        ("Enter", "end the turn"),
        ("↑ / ↓", "choose an order in the list"),
        ("Space", "queue the chosen order"),
        ("Backspace", "remove the last queued order"),
        ("M / D", "military / diplomatic orders"),
        ("1 – 5", "tabs: orders, region, actor, talks, council"),
        ("[ / ]", "previous / next region"),
        ("W", "why: the causal ledger of your leverage (and the others)"),
        ("C", "charts of leverage, reputation and stability"),
        ("R", "the last turn's report"),
        ("B", "your briefing and objective"),
        ("O", "fold or unfold the objective tracker"),
        ("Tab", "hot-seat: hand the keyboard to the next role (behind the hand-over screen)"),
        ("F", "facilitator: the passphrase, then the facilitator's controls"),
        ("Click", "a region or actor on the map selects it; any value opens why it changed"),
    ]

    def __init__(self, app: "App", game: Game, actor: int | None = None, save_path: Path | None = None) -> None:
        super().__init__(app)
        self.game = game
        self.save_path = save_path
        """Where this game is saved after every turn (default: the scenario's autosave)."""
        app.game = game
        humans = list(game.humans) or [game.rules.roles[0].actor]
        # A hot-seat game saved in the middle of a turn goes on with the first role still to end it.
        waiting = game.to_end() or humans
        self.actor = actor if actor is not None else waiting[0]
        """The role at the keyboard."""
        self.tab = "orders"
        self.category = Category.MILITARY
        self.selected_option: int | None = None
        r = game.rules
        crisis = [i for i in range(r.n_regions) if game.state.crisis[0, i]]
        self.region = crisis[0] if crisis else 0
        self.sel_actor = self.actor
        self.overlay: tuple[Any, ...] | None = None if game.turn > 1 or game.log else ("briefing",)
        """The open window over the screen: its kind and what it shows (opened again after a rebuild)."""
        self.views: list[OptionView] | None = None
        """The role's orders this turn, with their predictions (asked of the session once)."""
        self.category = self.first_category()
        self.hover: Hit | None = None
        self.mouse = (0, 0)
        self.map = MapView(app.theme, game, self.actor)
        self.turn = TurnWorker(game)
        self.curtain: Curtain | None = None
        self.briefed: set[int] = set()
        """Hot-seat roles that have been shown their briefing."""
        self.report_due: set[int] = set()
        """Hot-seat roles that have not yet read the report of the turn just resolved."""
        self.flash_due = False
        """Whether the map should ring the regions that changed, once no window hides it."""
        self.think_label: pygame_gui.elements.UILabel | None = None
        self.paused_label: pygame_gui.elements.UILabel | None = None
        self.crises_before: set[int] = set()
        """The regions in crisis when the turn began resolving (a new one sounds the crisis cue)."""
        self.timer: TurnTimer | None = (
            TurnTimer(app.turn_timer) if getattr(app, "turn_timer", None) and game.humans else None
        )
        """The turn timer of each human seat (restarted when a seat takes the keyboard)."""
        self.why_entry: Any = None
        """The answer field of the reflection prompt, while it shows."""
        self.top = TopBar(self)
        self.tracker = Tracker(self)
        self.tutorial = Tutorial(self)
        self.news = NewsPanel(self)
        self.tabs = TabPanel(self)
        self.overlays = Overlays(self)
        self.curtain_view = CurtainView(self)
        if self.hot_seat and not game.over:
            self.curtain = Curtain(self.actor)
            self.overlay = None
        elif self.timer is not None and not game.over:
            self.timer.start()
        self.keys = {
            pygame.K_RETURN: self.ask_end_turn,
            pygame.K_KP_ENTER: self.ask_end_turn,
            pygame.K_SPACE: self.queue_selected,
            pygame.K_BACKSPACE: self.unqueue_last,
            pygame.K_DELETE: self.unqueue_last,
            pygame.K_UP: lambda: self.tabs.orders.move(-1),
            pygame.K_DOWN: lambda: self.tabs.orders.move(1),
            pygame.K_m: lambda: self.set_category(Category.MILITARY),
            pygame.K_d: lambda: self.set_category(Category.DIPLOMATIC),
            pygame.K_LEFTBRACKET: lambda: self.select_region(self.region - 1),
            pygame.K_RIGHTBRACKET: lambda: self.select_region(self.region + 1),
            pygame.K_w: lambda: self.open_why("leverage", (self.actor,)),
            pygame.K_c: lambda: self.open("charts", "leverage"),
            pygame.K_r: self.open_report,
            pygame.K_b: lambda: self.open("briefing"),
            pygame.K_TAB: self.next_human,
            pygame.K_f: self.open_facilitator,
            pygame.K_o: self.tracker.toggle,
            pygame.K_ESCAPE: lambda: self.open("menu"),
        }
        for k, tab in enumerate(TABS):
            self.keys[pygame.K_1 + k] = lambda tab=tab: self.set_tab(tab)

    # ================================================================ layout
    @property
    def thinking(self) -> bool:
        """Whether the turn is resolving."""
        return self.turn.running

    @property
    def hot_seat(self) -> bool:
        return len(self.game.humans) > 1

    @property
    def watching(self) -> bool:
        """Whether the computer plays every role and the player only watches."""
        return not self.game.humans

    def build(self) -> None:
        if self.curtain is not None:
            self.think_label = self.curtain_view.build()
            return
        s = self.s
        W, H = self.app.size
        self.map.theme = self.app.theme
        top_h = s(TopBar.HEIGHT)
        news_h = s(NewsPanel.HEIGHT)
        panel_w = min(max(s(360), int(W * 0.35)), s(620), W - s(320))
        area = pygame.Rect(0, top_h, W - panel_w, H - top_h - news_h)
        head = self.tracker.header_rect(area)
        self.map.keep_clear([head] if head is not None else [])  # no name under the tracker's line
        self.map.layout(area)
        self.map.selected = self._map_selection()
        self.top.build(W, top_h)
        self.news.build(pygame.Rect(0, H - news_h, W - panel_w, news_h))
        self.tabs.build(pygame.Rect(W - panel_w, top_h, panel_w, H - top_h))
        self.tracker.build(self.map.rect)
        self.tutorial.build(self.map.rect)
        self.think_label = None
        if self.thinking:
            self._show_thinking()
        if self.game.paused:
            self._show_paused()
        self.overlays.window = None
        if self.overlay:
            self.overlays.show()

    def _map_selection(self) -> tuple[str, int] | None:
        """What the map rings: the region or the actor whose tab is open."""
        if self.tab == "region":
            return ("region", self.region)
        if self.tab == "actor":
            return ("actor", self.sel_actor)
        return None

    def _show_thinking(self) -> None:
        s = self.s
        m = self.map.rect
        ai = len(self.game.controllers)
        text = (
            f"Turn {self.game.turn}: {ai} other actors are deciding…" if ai else f"Turn {self.game.turn} is resolving…"
        )
        w = min(self.app.theme.font(18, bold=True).size(text)[0] + s(90), m.width - s(20))
        h = s(48)
        self.think_label = self.label((m.centerx - w // 2, m.y + s(60), w, h), text, cls="thinking")

    def _show_paused(self) -> None:
        s = self.s
        m = self.map.rect
        font = self.app.theme.font(18, bold=True)
        text = "Paused by the facilitator: plan your orders, the turn cannot end yet"
        if font.size(text)[0] + s(40) > m.width - s(20):
            text = "Paused by the facilitator"
        w = min(font.size(text)[0] + s(40), m.width - s(20))
        self.paused_label = self.label(
            (m.centerx - w // 2, m.y + s(52), w, s(44)), text, cls="thinking", ident="paused"
        )

    # ================================================================ orders
    def options(self) -> list[OptionView]:
        """The role's orders this turn, with their predictions (from the session, kept until something changes)."""
        if self.views is None:
            self.views = self.game.options(self.actor)
        return self.views

    def first_category(self) -> Category:
        """The orders shown first: military, unless the role can give none of those
        now and can give a diplomatic one (a role with no army opens on its talks)."""
        can = {v.category for v in self.options() if v.legal}
        return Category.DIPLOMATIC if Category.MILITARY not in can and Category.DIPLOMATIC in can else Category.MILITARY

    def view_of(self, option: int | None) -> OptionView | None:
        if option is None:
            return None
        for v in self.options():
            if v.option == option:
                return v
        return None

    def can_queue(self) -> bool:
        v = self.view_of(self.selected_option)
        return v is not None and v.legal and not self.thinking and not self.game.over and not self.watching

    def select_option(self, option: int | None) -> None:
        self.selected_option = option
        self.tabs.orders.refresh()

    def queue_selected(self) -> None:
        v = self.view_of(self.selected_option)
        if v is None or self.thinking or self.game.over:
            return
        if self.watching:
            self.app.toast("You are watching: the computer plays every role. Enter ends the turn.")
            return
        try:
            self.game.queue(self.actor, v.option)
        except IllegalOrder as exc:
            self.app.toast(f"Cannot order that: {exc}.")
            return
        self.app.toast(f"Queued: {v.label}")
        self.app.sounds.play("queued")
        self._orders_changed()

    def unqueue(self, k: int) -> None:
        if self.thinking:
            return
        try:
            o = self.game.unqueue(self.actor, k)
        except IllegalOrder:
            return
        self.app.toast(f"Removed: {self.game.rules.option_label(o)}")
        self._orders_changed()

    def unqueue_last(self) -> None:
        q = self.game.pending.get(self.actor, [])
        if q:
            self.unqueue(len(q) - 1)

    def _orders_changed(self) -> None:
        self.views = None
        self.app.rebuild()

    def set_category(self, cat: Category) -> None:
        self.category = cat
        self.tab = "orders"
        self.selected_option = None
        self._refresh_tabs()

    # ================================================================ selection
    def set_tab(self, tab: str) -> None:
        self.tab = tab
        if tab in ("orders", "council"):
            self.selected_option = None
        self._refresh_tabs()

    def _refresh_tabs(self) -> None:
        self.tabs.highlight()
        self.map.selected = self._map_selection()
        self.tabs.show()

    def select_region(self, i: int) -> None:
        self.region = i % self.game.rules.n_regions
        self.tab = "region"
        self._refresh_tabs()

    def select_actor(self, a: int) -> None:
        self.sel_actor = a
        self.tab = "actor"
        self._refresh_tabs()

    # ================================================================ hot-seat
    def next_human(self) -> None:
        """Hot-seat: hand the keyboard to the next role that has not ended its
        turn, behind the curtain; this role's queued orders stay as they are."""
        if not self.hot_seat or self.thinking or self.curtain is not None or self.game.over:
            return
        others = [a for a in self.waiting() if a != self.actor]
        if not others:
            self.app.toast("Every other role has ended its turn: end yours to resolve it.")
            return
        self.raise_curtain(others[0])

    def waiting(self) -> list[int]:
        """Human roles that have not ended this turn, starting after the current one."""
        return self.game.seats_after(self.actor)

    def raise_curtain(self, nxt: int | None, sealed: int | None = None, resolved: int | None = None) -> None:
        """Hide everything of the current role behind the hand-over screen."""
        if self.timer is not None:
            self.timer.stop()
        self.close_overlay()
        self.hover = None
        self.curtain = Curtain(nxt, sealed, resolved)
        self.app.toast_text = ""  # a toast may name the order just queued
        self.app.toast_until = 0.0
        self.app.rebuild()

    def ready(self) -> None:
        """The next role is at the keyboard: lift the curtain on its own screen."""
        c = self.curtain
        if c is None or c.next is None or self.thinking:
            return
        if self.app.top_window() is not None:
            return
        nxt = c.next
        self.curtain = None
        self.actor = nxt
        self.sel_actor = nxt
        self.tab = "orders"
        self.views = None
        self.category = self.first_category()
        self.selected_option = None
        self.map.player = nxt
        self.map.invalidate()
        self.overlay = None
        if nxt not in self.briefed:
            self.overlay = ("briefing",)
        elif nxt in self.report_due and self.game.log and self.app.settings.report_after_turn:
            self.overlay = ("report", self.game.log[-1].turn)
        self.flash_due = nxt in self.report_due
        if self.timer is not None:
            self.timer.start()  # the seat's time runs from the moment it has the keyboard
        self.briefed.add(nxt)
        self.report_due.discard(nxt)
        self.app.rebuild()

    # ================================================================ events
    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        t = event.type
        if self.overlays.is_passphrase(event):
            return self.overlays.unlock_facilitator()
        if self.overlays.is_answer(event):
            self.overlays.answer()
            return None
        if self.overlays.is_save_name(event):
            self.overlays.save_chosen()
            return None
        if t == pygame.KEYDOWN and consumed:
            # Typing in a text field (the passphrase): only Esc means something here.
            if event.key == pygame.K_ESCAPE and self.overlays.window is not None:
                self.close_overlay()
            return None
        if self.curtain is not None:
            self.curtain_view.handle(event)
            return None
        if self.tabs.handle(event) or self.tracker.handle(event):
            return None
        if t == pygame.MOUSEMOTION:
            self.mouse = event.pos
            hov = None if consumed or self._over_window(event.pos) else self.map.hit(event.pos)
            if hov != self.hover:
                self.hover = hov
                self.app.dirty = True
            return None
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1 and not consumed and not self._over_window(event.pos):
            hit = self.map.hit(event.pos)
            if hit is not None:
                kind, i = hit
                if kind == "region":
                    self.select_region(i)
                elif kind == "actor":
                    self.select_actor(i)
                else:
                    self.set_tab("talks")
            return None
        if t == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            # Enter closes an open report window instead of ending the next turn.
            win = self.app.top_window()
            if win is not None:
                win.kill()
                return None
        if t == pygame.KEYDOWN and self.thinking and event.key not in KEYS_WHILE_THINKING:
            return None
        return super().handle(event, consumed)

    def _over_window(self, pos: tuple[int, int]) -> bool:
        """Whether a window or the objective tracker is under ``pos`` (not the map)."""
        if self.tracker.covers(pos) or self.tutorial.covers(pos):
            return True
        return any(w.alive() and w.rect.collidepoint(pos) for w in self.manager.get_window_stack().stack)

    # ================================================================ turns
    def ask_end_turn(self) -> None:
        g = self.game
        if g.over or self.thinking or self.curtain is not None:
            return
        if g.paused:
            self.app.toast("Paused by the facilitator: the turn cannot end until the game resumes.")
            return
        if getattr(self.app, "reflect", False) and self.actor in g.humans:
            self.open("reflect")  # "Why did you choose this?" (it warns of unspent points too)
            return
        # Points left that could still buy an order are lost at the end of the turn: ask first.
        if self.app.settings.confirm_end_turn and any(v.legal for v in self.options()):
            self.open("confirm")
            return
        self.end_turn()

    def end_turn_with_answer(self, answer: str) -> None:
        """End the turn with the team's answer to "Why did you choose this?" kept."""
        from game.session.classroom import ClassroomError, reflect

        try:
            reflect(self.game, self.actor, answer)
        except ClassroomError:
            pass  # only a human seat answers
        self.end_turn()

    def time_up(self) -> None:
        """The seat's time has run out: its turn ends with the orders queued so far."""
        if self.timer is not None:
            self.timer.stop()
        self.close_overlay()
        self.app.toast(
            f"Time is up for {team_label(self.game, self.actor)}: the turn ends with the orders queued.", 5.0
        )
        self.end_turn()

    def end_turn(self) -> None:
        """End this role's turn: in hot-seat, seal its orders and hand over (the
        turn resolves after the last role); otherwise resolve the turn now."""
        g = self.game
        if g.over or self.thinking or self.curtain is not None:
            return
        if g.paused:
            self.close_overlay()
            self.app.toast("Paused by the facilitator: the turn cannot end until the game resumes.")
            return
        if self.timer is not None:
            self.timer.stop()
        if self.hot_seat:
            g.sealed.add(self.actor)
            waiting = self.waiting()
            if waiting:
                # Kept on disk at once: a crash in class loses no team's orders.
                err = write(g, self.save_path or autosave_path(g))
                if err:
                    self.app.toast(err, 6.0)
                self.raise_curtain(waiting[0], sealed=self.actor)
                return
        self.close_overlay()
        self.crises_before = self._crises()
        self.turn.start()
        if self.hot_seat:
            self.raise_curtain(None, sealed=self.actor)
            return
        self.top.turn_started()
        self.tabs.orders.turn_started()
        self._show_thinking()

    def _crises(self) -> set[int]:
        """The regions in crisis now."""
        return {int(i) for i in np.flatnonzero(self.game.state.crisis[0])}

    def busy(self) -> bool:
        return (
            self.thinking or self.map.flashing() or self.map.replaying() or self.top.flashing() or self.tutorial.busy()
        )

    def update(self, dt: float) -> Screen | None:
        if self.curtain is None:
            self.tutorial.check()
        if self.timer is not None and self.timer.running and self.curtain is None:
            if self.timer.expired() and not self.thinking and not self.game.paused and not self.game.over:
                self.time_up()
            else:
                self.top.show_timer()
        if not self.turn.done():
            return None
        rec = self.turn.finish()
        if rec is not None:
            self.app.sounds.play(turn_cue(self.game, rec, self.crises_before))
        self.views = None
        self.selected_option = None
        self.map.invalidate()
        err = write(self.game, self.save_path or autosave_path(self.game))
        if err:
            self.app.toast(err, 6.0)
        if self.game.over:
            self.curtain = None
            return routes.end(self.app, self.game, self.actor, self.save_path)
        if self.hot_seat:
            self.report_due = set(self.game.humans)
            self.raise_curtain(self.game.humans[0], resolved=rec.turn if rec is not None else None)
            return None
        if rec is not None and self.app.settings.report_after_turn:
            self.overlay = ("report", rec.turn)
        self.flash_due = rec is not None
        self.app.rebuild()
        return None

    # ================================================================ drawing
    def draw(self, surface: pygame.Surface) -> None:
        if self.curtain is not None:
            return  # the hand-over screen: no map, nothing of any role
        self.top.draw(surface)
        if self.flash_due and self.app.top_window() is None:
            # The map shows what changed once the turn report is out of the way.
            self.flash_due = False
            if self.app.settings.highlight_changes:
                self.map.flash(self.game.changed_regions())
                self.top.flash()
                # Last turn's orders that were carried out, every actor's (all may know them).
                if self.game.log:
                    done = self.game.log[-1].carried_out()
                    self.map.replay([(a, o) for a, opts in done.items() for o in opts])
        self.map.targets = targets_of(self.game, self.selected_option)
        self.map.draw(surface, self.hover)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.thinking and self.think_label is not None:
            r = self.think_label.rect
            t = time.perf_counter() - self.turn.started
            for k in range(8):
                ang = t * 4 + k * 0.785
                cx = r.x + self.s(24) + math.cos(ang) * self.s(10)
                cy = r.centery + math.sin(ang) * self.s(10)
                col = self.app.theme.colour("accent").lerp(self.app.theme.colour("panel"), k / 9)
                pygame.draw.circle(surface, col, (cx, cy), self.s(3))
        if self.curtain is None:
            self.top.draw_flash(surface)
            self.tutorial.draw(surface)
        if self.hover is not None and self.curtain is None and self.app.top_window() is None:
            # Kept inside the map: it never covers the panel's buttons or the news.
            m = self.map.rect.clip(surface.get_rect())
            if m.width > 0 and m.height > 0:
                draw_tooltip(
                    surface.subsurface(m),
                    self.app.theme,
                    self.map.tooltip(self.hover),
                    (self.mouse[0] - m.x, self.mouse[1] - m.y),
                )

    # ================================================================ windows
    def open(self, kind: str, *args: Any) -> None:
        """Open a window over the screen (see :class:`Overlays`); behind the
        curtain only those that show nothing of a role."""
        if self.curtain is not None and (kind not in CURTAIN_OVERLAYS or self.thinking):
            return
        self.overlay = (kind, *args)
        self.overlays.show()

    def open_why(self, quantity: str, subject: tuple[int, ...]) -> None:
        if not self.game.view(self.actor).exact(quantity, *subject):
            name = self.game.name_of(quantity, subject)
            self.app.toast(
                f"{quantity.capitalize()} of {name} is hidden from you: intelligence or an alliance would show it."
            )
            return
        self.open("why", quantity, subject)

    def open_report(self) -> None:
        if self.game.log:
            self.open("report", self.game.log[-1].turn)
        else:
            self.app.toast("No turn has been resolved yet: the report comes after the first turn.")

    def close_overlay(self) -> None:
        self.overlays.close()

    def open_facilitator(self) -> None:
        """Ask for the facilitator's passphrase (nothing of the controls shows before)."""
        if not self.game.facilitator:
            self.app.toast("This game has no facilitator: choose one on the New game screen.")
            return
        if self.thinking:
            self.app.toast("Wait until the turn has resolved.")
            return
        self.overlays.ask_passphrase()

    # ================================================================ life cycle
    def enter(self) -> None:
        """Values may have changed while another screen (the facilitator's controls) was open."""
        self.views = None
        self.map.invalidate()

    def toast_area(self) -> pygame.Rect:
        """Over the map (the panel and the top bar are full of buttons)."""
        return pygame.Rect(self.map.rect) if self.curtain is None else super().toast_area()

    def quit_question(self) -> str | None:
        if self.game.over:
            return None
        queued = sum(len(v) for v in self.game.pending.values())
        lost = f" The {queued} order{'s' if queued != 1 else ''} queued this turn will be lost." if queued else ""
        return (
            "The game is saved after every turn, so you can continue it later from the main menu "
            f"(Continue or Load game).{lost}<br>Quit now?"
        )

    def teardown(self) -> None:
        self.overlays.teardown()

    def leave(self) -> None:
        self.teardown()
        self.turn.join()
