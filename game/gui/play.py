"""The game screen: the map, the dashboard, orders, news and "why".

Layout (it scales with the window and the UI-scale setting): a top bar with
the date, the player's headline values (click one: why it changed) and the
end-turn button; the map in the middle; a right panel with tabs (orders,
the selected region, the selected actor, the talks, the Security Council);
the news of the turn below the map. Windows open over it: the causal ledger
("why"), the turn report, the charts, the briefing and the game menu.

The other actors decide inside :meth:`Game.end_turn`, which runs in a worker
thread while the screen shows that they are thinking.

Hot-seat (several human roles at one computer): ending the turn seals the
role's orders and lowers a curtain, a full-screen hand-over that shows
nothing of that role (no map, no orders, no values), until the next role
presses Ready. The turn resolves once every human role has ended; the curtain
then shows what everyone may know (the orders carried out and the news), and
each role reads its own report after its own hand-over.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.core.conditions import QUANTITIES
from game.core.spec import Category, TrackStatus
from game.gui import routes
from game.gui.charts import Series, draw_chart
from game.gui.effects import effect_lines
from game.gui.mapview import STATUS_WORD, Hit, MapView, draw_tooltip
from game.gui.screen import Overlay, Screen, esc, fit, oid
from game.gui.userdata import autosave_path, named_path, write
from game.session.fmt import arrow, signed
from game.session.game import Game, IllegalOrder, OptionView, TurnRecord

if TYPE_CHECKING:
    from game.gui.app import App

TABS = ("orders", "region", "actor", "talks", "council")
CURTAIN_OVERLAYS = ("menu", "passphrase", "debrief")
"""The only windows that may open over the hand-over screen: none shows a role's private data."""
TAB_NAMES = {"orders": "Orders", "region": "Region", "actor": "Actor", "talks": "Talks", "council": "Council"}
HEADLINE = (("leverage", "Leverage"), ("reputation", "Reputation"), ("support", "Support"))
CHART_METRICS = (
    ("leverage", "Leverage"),
    ("reputation", "Reputation"),
    ("support", "Domestic support"),
    ("stability", "Stability of the regions"),
)
WHY_ACTOR = ("leverage", "reputation", "support", "strength", "readiness", "budget")


@dataclass
class Curtain:
    """The hand-over screen between hot-seat roles: what it may say."""

    next: int | None
    """The role the keyboard goes to (None while the turn resolves)."""
    sealed: int | None = None
    """The role that has just ended its turn."""
    resolved: int | None = None
    """The turn just resolved, whose public report the curtain shows."""


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
        self.tab = "orders"
        self.category = Category.MILITARY
        self.selected_option: int | None = None
        r = game.rules
        crisis = [i for i in range(r.n_regions) if game.state.crisis[0, i]]
        self.region = crisis[0] if crisis else 0
        self.sel_actor = self.actor
        self.overlay: tuple[Any, ...] | None = None if game.turn > 1 or game.log else ("briefing",)
        self.views: list[OptionView] | None = None
        self.hover: Hit | None = None
        self.mouse = (0, 0)
        self.map = MapView(app.theme, game, self.actor)
        self.worker: threading.Thread | None = None
        self.result: TurnRecord | None = None
        self.error: BaseException | None = None
        self.think_started = 0.0
        self.window: Overlay | None = None
        self.curtain: Curtain | None = None
        self.briefed: set[int] = set()
        self.report_due: set[int] = set()
        self.flash_due = False
        self.fac_message = ""
        self.pass_entry: pygame_gui.elements.UITextEntryLine | None = None
        if self.hot_seat and not game.over:
            self.curtain = Curtain(self.actor)
            self.overlay = None
        self.keys = {
            pygame.K_RETURN: self.ask_end_turn,
            pygame.K_KP_ENTER: self.ask_end_turn,
            pygame.K_SPACE: self.queue_selected,
            pygame.K_BACKSPACE: self.unqueue_last,
            pygame.K_DELETE: self.unqueue_last,
            pygame.K_UP: lambda: self.move_selection(-1),
            pygame.K_DOWN: lambda: self.move_selection(1),
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
            pygame.K_ESCAPE: lambda: self.open("menu"),
        }
        for k, tab in enumerate(TABS):
            self.keys[pygame.K_1 + k] = lambda tab=tab: self.set_tab(tab)

    # ================================================================ layout
    @property
    def thinking(self) -> bool:
        return self.worker is not None

    @property
    def hot_seat(self) -> bool:
        return len(self.game.humans) > 1

    def build(self) -> None:
        if self.curtain is not None:
            self._build_curtain()
            return
        s = self.s
        W, H = self.app.size
        self.map.theme = self.app.theme
        top_h = s(54)
        news_h = s(118)
        panel_w = min(max(s(360), int(W * 0.35)), s(620), W - s(320))
        self.panel_rect = pygame.Rect(W - panel_w, top_h, panel_w, H - top_h)
        self.map.layout(pygame.Rect(0, top_h, W - panel_w, H - top_h - news_h))
        self.map.selected = (
            ("region", self.region)
            if self.tab == "region"
            else ("actor", self.sel_actor)
            if self.tab == "actor"
            else None
        )
        self.news_rect = pygame.Rect(0, H - news_h, W - panel_w, news_h)
        self._build_top(W, top_h)
        self._build_news()
        self.tab_buttons: dict[str, pygame_gui.elements.UIButton] = {}
        n = len(TABS)
        tw = (panel_w - s(8)) // n
        for k, tab in enumerate(TABS):
            self.tab_buttons[tab] = self.button(
                (self.panel_rect.x + s(4) + k * tw, top_h + s(4), tw - s(2), s(34)),
                f"{TAB_NAMES[tab]}",
                lambda tab=tab: self.set_tab(tab),
                cls="tab_active" if tab == self.tab else "tab",
                tip=f"Key {k + 1}",
            )
        self.content: pygame_gui.elements.UIPanel | None = None
        self._build_tab()
        self.think_label = None
        if self.thinking:
            self._show_thinking()
        if self.game.paused:
            self._show_paused()
        self.window = None
        if self.overlay:
            self._open_overlay()

    def _build_top(self, W: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        th = self.app.theme
        x = s(6)
        self.button(
            (x, s(8), s(86), h - s(16)),
            "☰ Menu",
            lambda: self.open("menu"),
            tip="Save, load, settings, main menu (Esc)",
        )
        x += s(94)
        end_w = s(150)
        end_x = W - end_w - s(8)
        me = r.actors[self.actor].name
        font = th.font("body")
        budget = g.value("budget", self.actor)
        left = g.budget_left(self.actor)

        def headline(level: int) -> list[tuple[str, str, str]]:
            """The headline values, named in full (0), as "Lev." (1) or "L" (2)."""

            def short(name: str) -> str:
                return (name, name[:3] + ".", name[0])[level]

            out = []
            for q, name in HEADLINE:
                v, d = g.value(q, self.actor), g.delta(q, self.actor)
                out.append(
                    (
                        q,
                        f"{short(name)} {v:.0f} {arrow(d)}".rstrip(),
                        f"{name}: {v:.0f} ({signed(d)} last turn). Click: why it changed.",
                    )
                )
            out.append(
                (
                    "budget",
                    f"{short('Budget')} {left:.0f}/{budget:.0f}",
                    f"Action points left this turn: {left:.0f} of {budget:.0f}. Click: why your budget is what it is.",
                )
            )
            return out

        hot_seat = len(g.humans) > 1
        me_w = s(176) if hot_seat else min(th.font("label", bold=True).size("★ " + me)[0] + s(16), s(200))
        room = end_x - x - me_w - s(20)
        for level, pad, title_room in ((0, s(20), s(160)), (1, s(16), s(140)), (2, s(14), 0)):
            texts = headline(level)
            widths = [font.size(t)[0] + pad for _, t, _ in texts]
            if sum(widths) + title_room <= room:
                break
        turn = min(g.turn, r.turn_limit)
        when = f"{g.date} · turn {turn} of {r.turn_limit}"
        natural = max(th.font("heading", bold=True).size(r.title)[0], font.size(when)[0]) + s(14)
        title_w = max(s(90), min(natural, room - sum(widths)))
        self.label((x, s(4), title_w, s(24)), r.title, cls="heading")
        self.label((x, s(26), title_w, s(22)), when, cls="muted")
        x += title_w + s(6)
        if hot_seat:
            self.button(
                (x, s(8), s(170), h - s(16)),
                f"★ {me} ▸",
                self.next_human,
                tip="Hot-seat: hand the keyboard to another role (Tab). Your orders stay queued and hidden.",
                cls="tab_active",
            )
        else:
            self.label((x, s(8), me_w, h - s(16)), "★ " + me, cls="accent")
        x += me_w
        avail = end_x - x - s(8)
        scale = min(1.0, avail / max(1, sum(widths)))
        self.value_buttons = []
        for (q, text, tip), w in zip(texts, widths):
            w = int(w * scale)
            b = self.button(
                (x, s(8), w, h - s(16)), text, lambda q=q: self.open_why(q, (self.actor,)), tip=tip, cls="value"
            )
            self.value_buttons.append(b)
            x += w
        label = "Game over" if g.over else "Paused" if g.paused else "End turn ⏎"
        tip = "Resolve the turn: everyone's orders happen together (Enter)"
        if self.hot_seat:
            tip = "Seal your orders and hand over to the next role; the turn resolves when every role has ended (Enter)"
        if g.paused:
            tip = "Paused by the facilitator: the turn cannot end until the game resumes"
        self.end_button = self.button(
            (end_x, s(6), end_w, h - s(12)),
            label,
            self.ask_end_turn,
            cls="primary",
            tip=tip,
            enabled=not g.over and not self.thinking and not g.paused,
        )

    def _build_news(self) -> None:
        s = self.s
        g = self.game
        r = self.news_rect
        bw = s(150)
        news = g.news()
        muted = self.app.theme.hexcolour("muted")
        head = f"<font color='{muted}'><b>News · {esc(g.date)}</b></font><br>"
        body = "<br>".join(f"• {esc(t)}" for t in news) if news else f"<font color='{muted}'>No news this turn.</font>"
        self.news_box = self.textbox(
            (r.x + s(4), r.y + s(4), r.width - bw - s(12), r.height - s(8)), head + body, ident="news"
        )
        bx = r.right - bw - s(4)
        bh = (r.height - s(8) - 2 * s(4)) // 3
        self.button(
            (bx, r.y + s(4), bw, bh),
            "Turn report (R)",
            self.open_report,
            tip="What happened last turn, what changed and why, what the others did",
            enabled=bool(g.log),
        )
        self.button(
            (bx, r.y + s(4) + bh + s(4), bw, bh),
            "Charts (C)",
            lambda: self.open("charts", "leverage"),
            tip="Leverage, reputation, support and stability over the turns",
        )
        self.button(
            (bx, r.y + s(4) + 2 * (bh + s(4)), bw, bh),
            "Briefing (B)",
            lambda: self.open("briefing"),
            tip="Your role, your objective and the situation",
        )

    def _content_rect(self) -> pygame.Rect:
        s = self.s
        p = self.panel_rect
        return pygame.Rect(p.x + s(4), p.y + s(42), p.width - s(8), p.height - s(46))

    def _build_tab(self) -> None:
        if self.content is not None:
            self.content.kill()
        rect = self._content_rect()
        self.content = pygame_gui.elements.UIPanel(rect, starting_height=1, manager=self.manager)
        self.option_list: pygame_gui.elements.UISelectionList | None = None
        self.option_items: list[tuple[str, int | None]] = []
        getattr(self, f"_tab_{self.tab}")(self.content, rect.width - self.s(4), rect.height - self.s(4))

    # ================================================================ tabs
    def _tab_orders(self, box: Any, w: int, h: int) -> None:
        s = self.s
        g = self.game
        half = (w - s(4)) // 2
        for k, (cat, name) in enumerate(((Category.MILITARY, "Military (M)"), (Category.DIPLOMATIC, "Diplomatic (D)"))):
            self.button(
                (k * (half + s(4)), 0, half, s(32)),
                name,
                lambda cat=cat: self.set_category(cat),
                container=box,
                cls="tab_active" if cat == self.category else "tab",
            )
        left = g.budget_left(self.actor)
        nq = len(g.pending.get(self.actor, []))
        self.label(
            (0, s(36), w, s(24)),
            f"Budget left {left:.0f} of {g.value('budget', self.actor):.0f} · orders {nq} of {g.rules.max_orders}",
            container=box,
            cls="muted",
        )
        views = [v for v in self._views() if v.category == self.category]
        queued_h = s(28) + g.rules.max_orders * s(32)
        list_h = max(s(110), int((h - s(64) - queued_h - s(44)) * 0.42))
        detail_h = h - s(64) - list_h - s(44) - queued_h - s(8)
        self._option_list(box, pygame.Rect(0, s(62), w, list_h), views)
        self.detail = self.textbox((0, s(64) + list_h, w, max(s(60), detail_h)), self._detail_html(), container=box)
        y = s(66) + list_h + max(s(60), detail_h)
        self.queue_button = self.button(
            (0, y, w, s(38)),
            "Queue this order (Space)",
            self.queue_selected,
            container=box,
            cls="primary",
            enabled=self._can_queue(),
        )
        y += s(44)
        self._queued_rows(box, y, w)

    def _option_list(self, box: Any, rect: pygame.Rect, views: list[OptionView]) -> None:
        legal = [v for v in views if v.legal]
        illegal = [v for v in views if not v.legal]
        font = self.app.theme.font("body")
        room = rect.width - self.s(34)

        def item(v: OptionView) -> tuple[str, int | None]:
            return (fit(f"{v.cost} · {v.label}", font, room), v.option)

        items: list[tuple[str, int | None]] = [item(v) for v in legal]
        if illegal:
            items.append((fit("— not available now (select one: why) —", font, room), None))
            items.extend(item(v) for v in illegal)
        if not items:
            items = [("Nothing to order here.", None)]
        self.option_items = items
        legal_ids = {v.option for v in legal}
        entries = [(t, "#option_available" if o in legal_ids else "#option_unavailable") for t, o in items]
        sel = next((e for e, (_, o) in zip(entries, items) if o is not None and o == self.selected_option), None)
        self.option_list = pygame_gui.elements.UISelectionList(
            rect, entries, self.manager, container=box, default_selection=sel
        )

    def _queued_rows(self, box: Any, y: int, w: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        queued = g.pending.get(self.actor, [])
        self.label(
            (0, y, w, s(24)),
            "Queued orders" if queued else "No orders queued yet.",
            container=box,
            cls="heading" if queued else "muted",
        )
        y += s(28)
        self.remove_buttons = []
        for k, o in enumerate(queued):
            self.label((0, y, w - s(44), s(30)), f"{k + 1}. {r.option_label(o)} · {r.opt_cost[o]}", container=box)
            b = self.button(
                (w - s(40), y, s(38), s(30)),
                "✕",
                lambda k=k: self.unqueue(k),
                container=box,
                cls="remove",
                tip="Remove this order",
                enabled=not self.thinking,
            )
            self.remove_buttons.append(b)
            y += s(32)

    def _value_rows(
        self,
        box: Any,
        w: int,
        h: int,
        y0: int,
        rows: list[tuple[str, tuple[str, tuple[int, ...]] | None]],
        extra_html: str = "",
    ) -> None:
        """Rows of values; each is a button that opens its causal ledger."""
        s = self.s
        scroller = pygame_gui.elements.UIScrollingContainer(
            pygame.Rect(0, y0, w, h - y0), self.manager, container=box, allow_scroll_x=False
        )
        inner_w = w - s(20)
        y = 0
        for text, why in rows:
            if why is None:
                self.label(
                    (0, y, inner_w, s(28)),
                    text,
                    container=scroller,
                    cls="heading" if text and not text.startswith(" ") else "muted",
                )
            else:
                q, subj = why
                self.button(
                    (0, y, inner_w, s(28)),
                    text,
                    lambda q=q, subj=subj: self.open_why(q, subj),
                    container=scroller,
                    cls="value",
                    tip="Click: why it is what it is (each change, its cause, its turn)",
                )
            y += s(30)
        if extra_html:
            tb = pygame_gui.elements.UITextBox(
                extra_html, pygame.Rect(0, y + s(6), inner_w, -1), self.manager, container=scroller
            )
            y += tb.rect.height + s(12)
        scroller.set_scrollable_area_dimensions((inner_w, max(y, s(10))))

    def _vrow(
        self, name: str, q: str, subj: tuple[int, ...], fmt: str = "{:.0f}"
    ) -> tuple[str, tuple[str, tuple[int, ...]]]:
        g = self.game
        v, d = g.value(q, *subj), g.delta(q, *subj)
        first = g.series(q, *subj)[0] if g.history else v
        trend = f" · started at {fmt.format(first)}" if abs(first - v) >= 0.5 else ""
        return (f"{name}: {fmt.format(v)} {arrow(d)}{trend}".replace("  ", " "), (q, subj))

    def _tab_region(self, box: Any, w: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        st = g.state
        i = self.region
        reg = r.regions[i]
        names = [x.name for x in r.regions]
        self.region_menu = pygame_gui.elements.UIDropDownMenu(
            names, reg.name, pygame.Rect(0, 0, w, s(34)), self.manager, container=box
        )
        ctrl = int(st.control[0, i])
        rows: list[tuple[str, Any]] = [
            self._vrow("Stability", "stability", (i,)),
            self._vrow("Humanitarian need", "need", (i,)),
        ]
        rows.append(
            (
                f"Held by {r.actors[ctrl].name}"
                + ("" if ctrl == reg.owner else f" (belongs to {r.actors[reg.owner].name})"),
                ("control", (i,)),
            )
        )
        rows.append(("In crisis: " + ("yes ⚠" if st.crisis[0, i] else "no"), ("crisis", (i,))))
        if st.post_conflict[0, i]:
            rows.append(self._vrow("Reconstruction", "reconstruction", (i,)))
        rows.append(("Peacekeeping mandate: " + ("yes" if st.mandate_pk[0, i] else "no"), ("mandate_pk", (i,))))
        rows.append(("Forces present", None))
        any_f = False
        for a in range(r.n_actors):
            if st.forces[0, a, i] >= 0.5 or abs(g.delta("forces", a, i)) >= 0.5:
                rows.append(self._vrow(f"  ■ {r.actors[a].name}", "forces", (a, i)))
                any_f = True
        if not any_f:
            rows.append(("  none", None))
        pks = [
            a for a in range(r.n_actors) if st.peacekeepers[0, a, i] >= 0.5 or abs(g.delta("peacekeepers", a, i)) >= 0.5
        ]
        if pks:
            rows.append(("Peacekeepers", None))
            rows.extend(self._vrow(f"  ◆ {r.actors[a].name}", "peacekeepers", (a, i)) for a in pks)
        desc = g.scenario.meta.region_descriptions.get(reg.id, "")
        self._value_rows(
            box,
            w,
            h,
            s(40),
            rows,
            f"<font color='{self.app.theme.hexcolour('muted')}'>{esc(desc)}</font>" if desc else "",
        )

    def _tab_actor(self, box: Any, w: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        st = g.state
        a = self.sel_actor
        names = [x.name + (" (you)" if k == self.actor else "") for k, x in enumerate(r.actors)]
        self.actor_menu = pygame_gui.elements.UIDropDownMenu(
            names, names[a], pygame.Rect(0, 0, w, s(34)), self.manager, container=box
        )
        seen = g.view(self.actor)
        rows: list[tuple[str, Any]] = [
            self._vrow("Leverage", "leverage", (a,)),
            self._vrow("Reputation", "reputation", (a,)),
        ]
        hidden = False
        for label, q in (
            ("Domestic support", "support"),
            ("Military strength", "strength"),
            ("Readiness", "readiness"),
            ("Budget per turn", "budget"),
        ):
            if seen.exact(q, a):
                rows.append(self._vrow(label, q, (a,)))
            else:
                # Hidden from this seat: its estimate, and no "why" into another's ledger.
                rows.append((f"  {label}: about {seen.value(q, a):.0f}", None))
                hidden = True
        if hidden:
            rows.append(("  Estimates: intelligence or an alliance shows them", None))
        marks = [
            t
            for flag, t in (
                (st.condemned[0, a], "condemned by the Council"),
                (st.un_sanctions[0, a], "under Council sanctions"),
                (st.mandate_force[0, a], "force authorised against it"),
            )
            if flag
        ]
        if marks:
            rows.append(("  " + "; ".join(marks), None))
        allis = [r.alliances[k].name for k in range(len(r.alliances)) if st.membership[0, k, a]]
        rows.append((f"  Alliances: {', '.join(allis) if allis else 'none'}", None))
        rows.append((f"Relations of {r.actors[a].short or r.actors[a].name} towards", None))
        for b in range(r.n_actors):
            if b == a:
                continue
            rel = self._vrow(
                f"  {r.actors[b].name}" + (" (you)" if b == self.actor else ""), "relations", (a, b), "{:+.0f}"
            )
            sanc = " · sanctions" if st.sanctions[0, a, b] else ""
            rows.append((rel[0] + sanc, rel[1]))
        desc = g.scenario.meta.actor_descriptions.get(r.actors[a].id, "")
        self._value_rows(
            box,
            w,
            h,
            s(40),
            rows,
            f"<font color='{self.app.theme.hexcolour('muted')}'>{esc(desc)}</font>" if desc else "",
        )

    def _tab_talks(self, box: Any, w: int, h: int) -> None:
        g, r = self.game, self.game.rules
        st = g.state
        rows: list[tuple[str, Any]] = []
        if not r.tracks:
            rows.append(("  No negotiation tracks in this scenario.", None))
        for k, t in enumerate(r.tracks):
            status = TrackStatus(int(st.track_status[0, k]))
            rows.append((t.name, None))
            rows.append(
                (
                    f"  {t.topic.value.replace('_', ' ')}: {r.actors[t.parties[0]].name} – {r.actors[t.parties[1]].name}",
                    None,
                )
            )
            rows.append((f"  Status: {STATUS_WORD[status]}", ("status", (k,))))
            rows.append(self._vrow("  Progress", "progress", (k,)))
            rows.append(self._vrow("  Trust", "trust", (k,)))
            med = int(st.mediator[0, k])
            rows.append((f"  Mediator: {r.actors[med].name if med >= 0 else 'none'}", ("mediator", (k,))))
        tip = f"<font color='{self.app.theme.hexcolour('muted')}'>Talks advance a little each time a party negotiates: faster with trust, a respected mediator and a clear leverage gap; "
        tip += "a ceasefire or peace accord not at all while its region is too unstable. "
        tip += "Violence stalls them. From 40 progress a party may propose terms, and the other side answers on its next turn: the terms follow leverage and the ground. "
        tip += "Orders for the talks are under Orders → Diplomatic.</font>"
        self._value_rows(box, w, h, 0, rows, tip)

    def _tab_council(self, box: Any, w: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        c = r.council
        st = g.state
        names = lambda xs: ", ".join(r.actors[a].name for a in xs) or "none"
        if c.seats == 0:
            self.textbox((0, 0, w, h), "This scenario has no Security Council.", container=box)
            return
        info = f"<b>Security Council</b>: {c.seats} seats; a draft needs {c.pass_votes} votes and no veto.<br>Permanent (veto): {esc(names(c.permanent))}<br>"
        if c.elected:
            info += f"Elected: {esc(names(c.elected))}<br>"
        if c.other_seats:
            info += f"{c.other_seats} other seats vote by the parties' reputations.<br>"
        marks = []
        for a, spec in enumerate(r.actors):
            m = [
                t
                for flag, t in (
                    (st.condemned[0, a], "condemned"),
                    (st.un_sanctions[0, a], "under sanctions"),
                    (st.mandate_force[0, a], "force authorised against it"),
                )
                if flag
            ]
            if m:
                marks.append(f"{esc(spec.name)}: {', '.join(m)}")
        info += (
            "In force: "
            + ("; ".join(marks) if marks else "no resolution yet")
            + "<br>Choose a draft to see the predicted vote."
        )
        info_h = s(150)
        self.textbox((0, 0, w, info_h), info, container=box)
        drafts = [
            v for v in self._views() if v.action.startswith("resolution") or g.council_forecast(v.option) is not None
        ]
        rest = h - info_h - s(4)
        list_h = max(s(90), int(rest * 0.34))
        self._option_list(box, pygame.Rect(0, info_h + s(4), w, list_h), drafts)
        detail_h = rest - list_h - s(50)
        self.detail = self.textbox((0, info_h + s(6) + list_h, w, detail_h), self._detail_html(), container=box)
        self.queue_button = self.button(
            (0, h - s(40), w, s(38)),
            "Table this draft (Space)",
            self.queue_selected,
            container=box,
            cls="primary",
            enabled=self._can_queue(),
        )

    # ================================================================ orders
    def _views(self) -> list[OptionView]:
        if self.views is None:
            self.views = self.game.options(self.actor)
        return self.views

    def _view(self, option: int | None) -> OptionView | None:
        if option is None:
            return None
        for v in self._views():
            if v.option == option:
                return v
        return None

    def _can_queue(self) -> bool:
        v = self._view(self.selected_option)
        return v is not None and v.legal and not self.thinking and not self.game.over

    def _detail_html(self) -> str:
        g, r = self.game, self.game.rules
        th = self.app.theme
        v = self._view(self.selected_option)
        muted = th.hexcolour("muted")
        if v is None:
            return f"<font color='{muted}'>Choose an order in the list to see its cost, what it needs and what it is predicted to do. Then queue it.</font>"
        act = r.actions[int(r.opt_action[v.option])]
        left = g.budget_left(self.actor)
        out = [f"<b>{esc(v.label)}</b><br>Cost <b>{v.cost}</b> of your {left:.0f} points left · {v.category.value}<br>"]
        if v.reason:
            out.append(f"<font color='{th.hexcolour('decrease')}'><b>✕ Not available:</b></font> {esc(v.reason)}<br>")
        else:
            out.append(
                f"<font color='{th.hexcolour('increase')}'><b>✓ Available now.</b></font> <b>Predicted effects</b> (range if uncertain):<br>"
            )
            lines, notes = effect_lines(g, self.actor, v.prediction, limit=12)
            out.extend(f"• {esc(line)}<br>" for line in lines or ["no direct effect"])
            if notes:
                out.append(f"<font color='{muted}'>Note: {esc('; '.join(notes))}</font><br>")
        if act.description:
            out.append(f"<font color='{muted}'>{esc(act.description)}</font><br>")
        fc = g.council_forecast(v.option)
        if fc is not None:
            yes, adopted = fc
            out.append(f"<b>Predicted vote</b>: adopted with a chance of {adopted * 100:.0f}%<br>")
            for m, p in sorted(yes.items(), key=lambda x: -x[1]):
                veto = " (veto)" if m in r.council.permanent else ""
                out.append(f"• {esc(r.actors[m].name)}{veto}: yes {p * 100:.0f}%<br>")
            if r.council.other_seats:
                out.append(f"<font color='{muted}'>and {r.council.other_seats} other seats</font><br>")
        return "".join(out)

    def select_option(self, option: int | None) -> None:
        self.selected_option = option
        if getattr(self, "detail", None) is not None and self.detail.alive():
            self.detail.set_text(self._detail_html())
        if getattr(self, "queue_button", None) is not None and self.queue_button.alive():
            self.queue_button.enable() if self._can_queue() else self.queue_button.disable()

    def move_selection(self, d: int) -> None:
        if self.tab not in ("orders", "council") or not self.option_items:
            return
        ids = [o for _, o in self.option_items if o is not None]
        if not ids:
            return
        k = ids.index(self.selected_option) + d if self.selected_option in ids else (0 if d > 0 else len(ids) - 1)
        self.selected_option = ids[k % len(ids)]
        self._build_tab()
        self._scroll_to_selection()

    def _scroll_to_selection(self) -> None:
        lst = self.option_list
        if lst is None or lst.scroll_bar is None:
            return
        idx = next((k for k, (_, o) in enumerate(self.option_items) if o == self.selected_option), 0)
        frac = idx / max(1, len(self.option_items))
        sb = lst.scroll_bar
        sb.set_scroll_from_start_percentage(max(0.0, frac - sb.visible_percentage / 2))
        lst.update(0.0)

    def queue_selected(self) -> None:
        v = self._view(self.selected_option)
        if v is None or self.thinking or self.game.over:
            return
        try:
            self.game.queue(self.actor, v.option)
        except IllegalOrder as exc:
            self.app.toast(f"Cannot order that: {exc}.")
            return
        self.app.toast(f"Queued: {v.label}")
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
        for name, b in self.tab_buttons.items():
            b.change_object_id(oid("tab_active" if name == self.tab else "tab"))
        self.map.selected = (
            ("region", self.region)
            if self.tab == "region"
            else ("actor", self.sel_actor)
            if self.tab == "actor"
            else None
        )
        self._build_tab()

    def select_region(self, i: int) -> None:
        self.region = i % self.game.rules.n_regions
        self.tab = "region"
        self._refresh_tabs()

    def select_actor(self, a: int) -> None:
        self.sel_actor = a
        self.tab = "actor"
        self._refresh_tabs()

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

    # ================================================================ hot-seat
    def waiting(self) -> list[int]:
        """Human roles that have not ended this turn, starting after the current one."""
        return self.game.seats_after(self.actor)

    def raise_curtain(self, nxt: int | None, sealed: int | None = None, resolved: int | None = None) -> None:
        """Hide everything of the current role behind the hand-over screen."""
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
        self.category = Category.MILITARY
        self.views = None
        self.selected_option = None
        self.map.player = nxt
        self.map.invalidate()
        self.overlay = None
        if nxt not in self.briefed:
            self.overlay = ("briefing",)
        elif nxt in self.report_due and self.game.log and self.app.settings.report_after_turn:
            self.overlay = ("report", self.game.log[-1].turn)
        self.flash_due = nxt in self.report_due
        self.briefed.add(nxt)
        self.report_due.discard(nxt)
        self.app.rebuild()

    def _build_curtain(self) -> None:
        s = self.s
        W, H = self.app.size
        g, r = self.game, self.game.rules
        c = self.curtain
        assert c is not None
        th = self.app.theme
        self.think_label = None
        self.button(
            (s(6), s(8), s(86), s(38)),
            "☰ Menu",
            lambda: self.open("menu"),
            tip="Save, load, settings, main menu (Esc)",
        )
        if g.facilitator:
            self.button(
                (W - s(126), H - s(44), s(120), s(36)),
                "Facilitator",
                self.open_facilitator,
                tip="For the facilitator: asks for the passphrase (F)",
                cls="tab",
            )
        cw = min(s(820), W - s(40))
        x = (W - cw) // 2
        # The hand-over block sits a little above the middle; a public report fills the top.
        y = s(56) if c.resolved is not None else max(s(56), (H - s(330)) // 2 - s(40))
        turn = min(g.turn, r.turn_limit)
        self.label((x, y, cw, s(28)), f"{r.title} · {g.date} · turn {turn} of {r.turn_limit}", cls="muted")
        y += s(34)
        if c.resolved is not None:
            self.label((x, y, cw, s(40)), f"Turn {c.resolved} resolved", cls="title")
            y += s(46)
            box_h = max(s(120), H - y - s(250))
            self.textbox((x, y, cw, box_h), public_report_html(self.app, g, c.resolved), ident="public_report")
            y += box_h + s(14)
        elif c.sealed is not None:
            self.label(
                (x, y, cw, s(30)),
                f"{r.actors[c.sealed].name} has ended its turn: its orders are sealed.",
                cls="heading",
            )
            y += s(36)
            waiting = [r.actors[a].name for a in self.waiting()]
            if waiting:
                self.label((x, y, cw, s(26)), "Still to give orders: " + ", ".join(waiting), cls="muted")
            y += s(40)
        else:
            y += s(40)
        if c.next is None:
            text = f"Every role has ended its turn. Turn {g.turn} is resolving…"
            w = min(th.font(18, bold=True).size(text)[0] + s(90), cw)
            self.think_label = self.label(((W - w) // 2, y + s(40), w, s(48)), text, cls="thinking")
            return
        name = r.actors[c.next].name
        self.label((x, y, cw, s(44)), f"Hand over to {name}", cls="title")
        y += s(48)
        self.label((x, y, cw, s(26)), f"Pass the keyboard to the team leading {name}.", cls="muted")
        self.label(
            (x, y + s(26), cw, s(26)),
            "They press Ready when nobody else can see the screen; until then it shows nothing of any role.",
            cls="muted",
        )
        y += s(64)
        self.ready_button = self.button(
            (x, y, min(cw, s(360)), s(48)), f"Ready: we are {name} (Enter)", self.ready, cls="primary"
        )
        if g.paused:
            self.label(
                (x + min(cw, s(360)) + s(16), y + s(8), cw - min(cw, s(360)) - s(16), s(32)),
                "Paused by the facilitator",
                cls="accent",
            )
        if self.overlay and self.overlay[0] in CURTAIN_OVERLAYS:
            self._open_overlay()
        else:
            self.overlay = None

    # ================================================================ events
    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        t = event.type
        if (
            t == pygame_gui.UI_TEXT_ENTRY_FINISHED
            and self.pass_entry is not None
            and event.ui_element is self.pass_entry
        ):
            return self.unlock_facilitator()
        if t == pygame.KEYDOWN and consumed:
            # Typing in a text field (the passphrase): only Esc means something here.
            if event.key == pygame.K_ESCAPE and self.window is not None:
                self.close_overlay()
            return
        if self.curtain is not None:
            return self._handle_curtain(event)
        if t == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.option_list:
            idx = next((k for k, (text, _) in enumerate(self.option_items) if text == event.text), None)
            if idx is not None:
                self.select_option(self.option_items[idx][1])
            return
        if t == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION and event.ui_element is self.option_list:
            self.queue_selected()
            return
        if t == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if self.tab == "region" and event.ui_element is getattr(self, "region_menu", None):
                names = [x.name for x in self.game.rules.regions]
                if event.text in names:
                    self.app.defer(lambda: self.select_region(names.index(event.text)))
            elif self.tab == "actor" and event.ui_element is getattr(self, "actor_menu", None):
                names = [x.name + (" (you)" if k == self.actor else "") for k, x in enumerate(self.game.rules.actors)]
                if event.text in names:
                    self.app.defer(lambda: self.select_actor(names.index(event.text)))
            return
        if t == pygame.MOUSEMOTION:
            self.mouse = event.pos
            hov = None if consumed or self._over_window(event.pos) else self.map.hit(event.pos)
            if hov != self.hover:
                self.hover = hov
                self.app.dirty = True
            return
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
            return
        if (
            t == pygame.KEYDOWN
            and self.app.top_window() is not None
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        ):
            # Enter closes an open report window instead of ending the next turn.
            win = self.app.top_window()
            if win is not None:
                win.kill()
            return
        if (
            t == pygame.KEYDOWN
            and self.thinking
            and event.key
            not in (
                pygame.K_c,
                pygame.K_b,
                pygame.K_1,
                pygame.K_2,
                pygame.K_3,
                pygame.K_4,
                pygame.K_5,
                pygame.K_LEFTBRACKET,
                pygame.K_RIGHTBRACKET,
            )
        ):
            return
        return super().handle(event, consumed)

    def _handle_curtain(self, event: pygame.event.Event) -> Screen | None:
        """Behind the curtain only Ready, the game menu and the facilitator answer."""
        if event.type != pygame.KEYDOWN or self.thinking:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            win = self.app.top_window()
            if win is not None:
                win.kill()
            else:
                self.ready()
        elif event.key == pygame.K_ESCAPE:
            self.open("menu")
        elif event.key == pygame.K_f:
            self.open_facilitator()

    def _over_window(self, pos: tuple[int, int]) -> bool:
        return any(w.alive() and w.rect.collidepoint(pos) for w in self.manager.get_window_stack().stack)

    # ================================================================ turns
    def ask_end_turn(self) -> None:
        g = self.game
        if g.over or self.thinking or self.curtain is not None:
            return
        if g.paused:
            self.app.toast("Paused by the facilitator: the turn cannot end until the game resumes.")
            return
        if self.app.settings.confirm_end_turn and not g.pending.get(self.actor) and any(v.legal for v in self._views()):
            self.open("confirm")
            return
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
        self.result = None
        self.error = None
        self.think_started = time.perf_counter()
        self.worker = threading.Thread(target=self._work, name="brinkmanship-turn", daemon=True)
        self.worker.start()
        if self.hot_seat:
            self.raise_curtain(None, sealed=self.actor)
            return
        self.end_button.disable()
        for b in getattr(self, "remove_buttons", []):
            b.disable()
        if getattr(self, "queue_button", None) is not None:
            self.queue_button.disable()
        self._show_thinking()

    def _work(self) -> None:
        try:
            self.result = self.game.end_turn()
        except BaseException as exc:  # noqa: BLE001 - the worker thread hands any failure to the main thread, which reports it
            self.error = exc
        pygame.event.post(pygame.event.Event(pygame.USEREVENT, {"brinkmanship": "turn-done"}))

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

    def busy(self) -> bool:
        return self.thinking or self.map.flashing()

    def update(self, dt: float) -> Screen | None:
        if self.worker is None or self.worker.is_alive():
            return None
        self.worker.join()
        self.worker = None
        if self.error is not None:
            err, self.error = self.error, None
            raise err
        rec = self.result
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
        th = self.app.theme
        if self.curtain is not None:
            return  # the hand-over screen: no map, nothing of any role
        pygame.draw.rect(surface, th.colour("panel"), (0, 0, surface.get_width(), self.s(54)))
        pygame.draw.line(surface, th.colour("border"), (0, self.s(54) - 1), (surface.get_width(), self.s(54) - 1))
        if self.flash_due and self.app.top_window() is None:
            # The map shows what changed once the turn report is out of the way.
            self.flash_due = False
            if self.app.settings.highlight_changes:
                self.map.flash(self.game.changed_regions())
        self.map.draw(surface, self.hover)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.thinking and self.think_label is not None:
            r = self.think_label.rect
            t = time.perf_counter() - self.think_started
            for k in range(8):
                ang = t * 4 + k * 0.785
                import math

                cx = r.x + self.s(24) + math.cos(ang) * self.s(10)
                cy = r.centery + math.sin(ang) * self.s(10)
                col = self.app.theme.colour("accent").lerp(self.app.theme.colour("panel"), k / 9)
                pygame.draw.circle(surface, col, (cx, cy), self.s(3))
        if self.hover is not None and self.curtain is None and self.app.top_window() is None:
            draw_tooltip(surface, self.app.theme, self.map.tooltip(self.hover), self.mouse)

    # ================================================================ overlays
    def open(self, kind: str, *args: Any) -> None:
        if self.curtain is not None and (kind not in CURTAIN_OVERLAYS or self.thinking):
            return
        self.overlay = (kind, *args)
        self._open_overlay()

    def open_why(self, quantity: str, subject: tuple[int, ...]) -> None:
        if not self.game.view(self.actor).exact(quantity, *subject):
            self.app.toast(
                f"{quantity.capitalize()} of {self.game.name_of(quantity, subject)} is hidden from you: intelligence or an alliance would show it."
            )
            return
        self.open("why", quantity, subject)

    def open_report(self) -> None:
        if self.game.log:
            self.open("report", self.game.log[-1].turn)
        else:
            self.app.toast("No turn has been resolved yet: the report comes after the first turn.")

    def close_overlay(self) -> None:
        self.pass_entry = None
        if self.window is not None and self.window.alive():
            self.window.on_close = None
            self.window.kill()
        self.window = None
        self.overlay = None

    def _closed(self) -> None:
        self.window = None
        self.overlay = None
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

    def _open_overlay(self) -> None:
        if not self.overlay:
            return
        kind, *args = self.overlay
        getattr(self, f"_ov_{kind}")(*args)

    def _ov_why(self, quantity: str, subject: tuple[int, ...]) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        th = self.app.theme
        name = g.name_of(quantity, subject)
        entries = g.why(quantity, *subject)
        series = g.series(quantity, *subject) if quantity in g.history[0] else []
        tall = (
            s(110)
            + (s(34) if QUANTITIES[quantity].table == "actor" and subject == (self.actor,) else 0)
            + (s(154) if len(series) > 1 else 0)
            + s(26) * max(2, len(entries) + 1)
        )
        win = self._window(f"Why: {quantity} of {name}", s(760), min(s(600), tall), "why")
        cw, ch = win.get_container().get_rect().size
        y = 0
        if QUANTITIES[quantity].table == "actor" and subject == (self.actor,):
            bw = (cw - s(8)) // len(WHY_ACTOR)
            for k, q in enumerate(WHY_ACTOR):
                self.button(
                    (k * bw, 0, bw - s(4), s(30)),
                    q.capitalize(),
                    lambda q=q: self.open_why(q, (self.actor,)),
                    container=win,
                    cls="tab_active" if q == quantity else "tab",
                )
            y = s(34)
        now = g.value(quantity, *subject)
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
        if not entries:
            html = f"<b>{esc(quantity.capitalize())} of {esc(name)} is {now:.0f}.</b><br>It has not changed since the game began."
        else:
            start = now - sum(e.delta for e in entries)
            inc, dec = th.hexcolour("increase"), th.hexcolour("decrease")
            muted = th.hexcolour("muted")
            rows = [
                f"<b>{esc(quantity.capitalize())} of {esc(name)} is {now:.0f}</b> (it started at {start:.0f}). Each change, newest first:<br>"
            ]
            for e in reversed(entries):
                who = (
                    f" <font color='{muted}'>[{esc(r.actors[e.cause.actor].name)}]</font>"
                    if e.cause.actor >= 0 and e.cause.kind.value == "action"
                    else ""
                )
                col = inc if e.delta > 0 else dec
                sign = "▲" if e.delta > 0 else "▼"
                rows.append(
                    f"<font color='{muted}'>turn {e.turn}</font>  <font color='{col}'><b>{sign} {signed(e.delta)}</b></font>  → {e.value:.0f}   {esc(e.cause.text)}{who}<br>"
                )
            html = "".join(rows)
        self.textbox((0, y, cw, ch - y), html, container=win)

    def _ov_report(self, turn: int) -> None:
        s = self.s
        win = self._window(f"Turn report: turn {turn}", s(860), s(640), "report")
        cw, ch = win.get_container().get_rect().size
        self.textbox((0, 0, cw, ch - s(48)), report_html(self.app, self.game, self.actor, turn), container=win)
        self.button(
            (cw - s(200), ch - s(42), s(196), s(38)), "Continue (Esc)", self.close_overlay, container=win, cls="primary"
        )
        self.button(
            (0, ch - s(42), s(196), s(38)), "Charts (C)", lambda: self.open("charts", "leverage"), container=win
        )

    def _ov_charts(self, metric: str) -> None:
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
                lambda q=q: self.open("charts", q),
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
                Series(a.short or a.name, g.series(metric, k), th.actor_colour(a.colour, k), k == self.actor)
                for k, a in enumerate(r.actors)
            ]
        title = (
            dict(CHART_METRICS)[metric]
            + " at the start of each turn"
            + (" (yours is thicker)" if metric != "stability" else "")
        )
        img = draw_chart(th, (cw, ch - s(40)), series, title)
        pygame_gui.elements.UIImage(pygame.Rect(0, s(38), cw, ch - s(40)), img, self.manager, container=win)

    def _ov_briefing(self) -> None:
        s = self.s
        win = self._window("Briefing", s(760), s(560), "briefing")
        cw, ch = win.get_container().get_rect().size
        self.textbox((0, 0, cw, ch - s(48)), briefing_html(self.app, self.game, self.actor), container=win)
        self.button(
            (cw - s(200), ch - s(42), s(196), s(38)),
            "To the map (Esc)",
            self.close_overlay,
            container=win,
            cls="primary",
        )

    def _ov_confirm(self) -> None:
        s = self.s
        win = self._window("End the turn?", s(520), s(210), "confirm")
        cw, ch = win.get_container().get_rect().size
        left = self.game.budget_left(self.actor)
        self.textbox(
            (0, 0, cw, ch - s(52)),
            f"You have queued no order and still have {left:.0f} action points. Unspent points are lost.<br>End the turn anyway?",
            container=win,
        )
        self.button((0, ch - s(44), cw // 2 - s(4), s(40)), "End the turn", self.end_turn, container=win, cls="primary")
        self.button(
            (cw // 2 + s(4), ch - s(44), cw // 2 - s(4), s(40)),
            "Keep planning (Esc)",
            self.close_overlay,
            container=win,
        )

    def _ov_menu(self) -> None:
        s = self.s
        specs = [
            ("Resume (Esc)", self.close_overlay),
            ("Save game", self.save_named),
            ("Quick save (F5)", self.app.quick_save),
            ("Load a game", self.to_load),
            ("Debrief report", self.write_report),
            ("Settings", self.to_settings),
            ("Main menu", self.to_menu),
            ("Quit", self.app.quit),
        ]
        if self.game.facilitator:
            specs.insert(5, ("Facilitator…", self.open_facilitator))
        win = self._window("Game menu", s(360), s(46) * len(specs) + s(44), "menu")
        cw, _ = win.get_container().get_rect().size
        y = 0
        for text, fn in specs:
            self.button((0, y, cw, s(40)), text, fn, container=win, cls="primary" if y == 0 else "")
            y += s(46)

    def _ov_passphrase(self) -> None:
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
        self.button((bw + s(8), ch - s(44), bw, s(40)), "Cancel (Esc)", self.close_overlay, container=win)

    def _ov_debrief(self, path: str, message: str = "") -> None:
        from game.gui.debrief import fill_debrief_window

        win = self._window("Debrief report", self.s(720), self.s(330), "debrief")
        fill_debrief_window(
            self, win, self.game, self.save_path, Path(path), message, lambda msg: self.open("debrief", path, msg)
        )

    # ================================================================ facilitator
    def open_facilitator(self) -> None:
        """Ask for the facilitator's passphrase (nothing of the controls shows before)."""
        if not self.game.facilitator:
            self.app.toast("This game has no facilitator: choose one on the New game screen.")
            return
        if self.thinking:
            self.app.toast("Wait until the turn has resolved.")
            return
        self.fac_message = ""
        self.open("passphrase")

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
            if self.pass_message.alive():
                self.pass_message.set_text(self.fac_message)
            self.manager.set_focus_set(entry)
            return None
        self.close_overlay()
        self.pass_entry = None
        return routes.facilitator(self.app, self, controls)

    def enter(self) -> None:
        """Values may have changed while another screen (the facilitator's controls) was open."""
        self.views = None
        self.map.invalidate()

    # ================================================================ menu actions
    def write_report(self) -> None:
        """Write the debrief report of the game so far and say where it is."""
        from game.gui.debrief import write_debrief

        path, err = write_debrief(self.game, self.save_path)
        if err:
            self.close_overlay()
            self.app.toast(err, 6.0)
            return
        self.open("debrief", str(path))

    def save_named(self) -> None:
        path = named_path(self.game)
        err = write(self.game, path)
        self.app.toast(err or f"Saved as {path.stem}")
        self.close_overlay()

    def to_load(self) -> Screen:
        return routes.load_game(self.app)

    def to_settings(self) -> Screen:
        self.close_overlay()
        return routes.settings(self.app, back=self)

    def to_menu(self) -> Screen:
        return routes.main_menu(self.app, self.game.scenario.id)

    def teardown(self) -> None:
        if self.window is not None:
            self.window.on_close = None

    def leave(self) -> None:
        self.teardown()
        if self.worker is not None:
            self.worker.join()


def briefing_html(app: "App", g: Game, actor: int) -> str:
    m = g.scenario.meta
    r = g.rules
    acc = app.theme.hexcolour("accent")
    out = [f"{app.theme.html_heading(f'{esc(m.title)}')}<br>"]
    k = g.role_index(actor)
    if k is not None and k < len(m.roles):
        info = m.roles[k]
        out.append(
            f"<font color='{acc}'><b>You lead {esc(r.actors[actor].name)}</b></font><br>{esc(info.briefing.strip())}<br><br><b>Objective:</b> {esc(info.victory)}<br>"
        )
        if info.defeat:
            out.append(f"<b>You lose if:</b> {esc(info.defeat)}<br>")
    out.append(
        f"<br>The game lasts {r.turn_limit} turns of {r.calendar.days_per_turn} days. Each turn you may give up to {r.max_orders} orders within your budget; everyone's orders resolve together when the turn ends.<br>"
    )
    if m.briefing:
        out.append(f"<br><b>The situation</b><br>{esc(m.briefing)}<br>")
    out.append(
        "<br><b>How to play with the mouse</b><br>• Pick an order in the Orders tab: its cost, what it needs and its predicted effects show below it; queue it.<br>• Click any value (top bar, Region, Actor, Talks tabs) "
        "to see why it changed.<br>"
        "• End the turn with the button at the top right. F1 lists the keys."
    )
    if len(g.humans) > 1:
        out.append(
            "<br><br><b>Several teams share this computer</b><br>Ending your turn seals your orders and hides this screen behind a hand-over screen; "
            "the next team presses Ready. The turn resolves when every team has ended, and each team reads its own report after its hand-over."
        )
    return "".join(out)


def report_html(app: "App", g: Game, actor: int, turn: int) -> str:
    """What happened in ``turn``: orders, what changed and why, the others' reasons, the news."""
    r = g.rules
    th = app.theme
    acc, muted = th.hexcolour("accent"), th.hexcolour("muted")
    inc, dec = th.hexcolour("increase"), th.hexcolour("decrease")
    rec = next((x for x in g.log if x.turn == turn), None)
    if rec is None:
        return "No turn has been resolved yet."

    def delta(d: float) -> str:
        return f"<font color='{inc if d > 0 else dec}'><b>{'▲' if d > 0 else '▼'} {signed(d)}</b></font>"

    def merged(entries: list) -> list[tuple]:
        """Identical causes of the same value, merged: (entry, summed delta, count)."""
        groups: dict[tuple, list] = {}
        for e in entries:
            groups.setdefault((e.quantity, e.subject, e.cause.text), []).append(e)
        return [(es[-1], sum(x.delta for x in es), len(es)) for es in groups.values()]

    def times(n: int) -> str:
        return f" <font color='{muted}'>(×{n})</font>" if n > 1 else ""

    out = [f"{app.theme.html_heading(f'Turn {turn} resolved')}<br>"]
    who = f" ({esc(r.actors[actor].name)})" if len(g.humans) > 1 else ""
    out.append(f"<font color='{acc}'><b>Your orders{who}</b></font><br>")
    mine = rec.orders.get(actor, [])
    out.append(f"{esc('; '.join(r.option_label(o) for o in mine)) if mine else 'none'}<br>")
    for a, o, reason in rec.rejected:
        if a == actor:
            out.append(f"<font color='{dec}'>✕ Rejected:</font> {esc(r.option_label(o))} ({esc(reason)})<br>")
    out.append(f"<br><font color='{acc}'><b>What changed for {esc(r.actors[actor].name)}, and why</b></font><br>")
    changes = g.changes(turn)
    mine = [
        e
        for e in changes
        if QUANTITIES[e.quantity].table == "actor"
        and e.subject == (actor,)
        and e.quantity in ("leverage", "reputation", "support", "strength", "budget")
    ]
    if not mine:
        out.append(f"<font color='{muted}'>Nothing changed.</font><br>")
    for e, d, n in merged(mine):
        out.append(f"{e.quantity}: {delta(d)} → {e.value:.0f} · {esc(e.cause.text)}{times(n)}<br>")
    out.append(f"<br><font color='{acc}'><b>Regions</b></font><br>")
    for i, reg in enumerate(r.regions):
        es = [e for e in changes if e.quantity == "stability" and e.subject == (i,)]
        net = float(g.history[turn]["stability"][i] - g.history[turn - 1]["stability"][i])
        now = g.history[turn]["stability"][i]
        line = f"<b>{esc(reg.name)}</b>: stability {now:.0f}" + (
            f" ({delta(net)})" if abs(net) >= 0.05 else ", unchanged"
        )
        out.append(line + "<br>")
        big = sorted(merged(es), key=lambda x: -abs(x[1]))[:4]
        for e, d, n in big:
            if abs(d) >= 0.05:
                out.append(f"    {delta(d)} {esc(e.cause.text)}{times(n)}<br>")
    tracks = [e for e in changes if e.quantity in ("progress", "status")]
    if tracks:
        out.append(f"<br><font color='{acc}'><b>Talks</b></font><br>")
        for e, d, n in merged(tracks)[:8]:
            name = r.tracks[e.subject[0]].name
            if e.quantity == "status":
                out.append(
                    f"{esc(name)}: now {STATUS_WORD[TrackStatus(int(e.value))]} · {esc(e.cause.text)}{times(n)}<br>"
                )
            else:
                out.append(f"{esc(name)}: progress {delta(d)} → {e.value:.0f} · {esc(e.cause.text)}{times(n)}<br>")
    out.append(f"<br><font color='{acc}'><b>What the other actors did, and why</b></font><br>")
    any_other = False
    for a in range(r.n_actors):
        if a == actor:
            continue
        opts = rec.orders.get(a, [])
        reasons = rec.reasons.get(a, [])
        if not opts and not reasons:
            continue
        any_other = True
        out.append(
            f"<b>{esc(r.actors[a].name)}</b>: {esc('; '.join(r.option_label(o) for o in opts)) if opts else 'no orders'}<br>"
        )
        for why in reasons[:3]:
            out.append(f"<font color='{muted}'>    “{esc(why)}”</font><br>")
    if not any_other:
        out.append(f"<font color='{muted}'>The other actors gave no orders.</font><br>")
    if rec.news:
        out.append(f"<br><font color='{acc}'><b>News</b></font><br>")
        out.extend(f"• {esc(t)}<br>" for t in rec.news)
    return "".join(out)


def public_report_html(app: "App", g: Game, turn: int) -> str:
    """What every role may see after a turn: the orders carried out and the news.
    Rejected orders, reasons and each role's own changes stay in its private report."""
    r = g.rules
    acc, muted = app.theme.hexcolour("accent"), app.theme.hexcolour("muted")
    rec = next((x for x in g.log if x.turn == turn), None)
    if rec is None:
        return "No turn has been resolved yet."
    carried_out = rec.carried_out()
    out = [f"<font color='{acc}'><b>Orders carried out</b></font><br>"]
    for a in range(r.n_actors):
        done = carried_out.get(a, [])
        if done:
            out.append(f"<b>{esc(r.actors[a].name)}</b>: {esc('; '.join(r.option_label(o) for o in done))}<br>")
    if len(out) == 1:
        out.append(f"<font color='{muted}'>Nobody gave an order this turn.</font><br>")
    out.append(f"<br><font color='{acc}'><b>News</b></font><br>")
    if rec.news:
        out.extend(f"• {esc(t)}<br>" for t in rec.news)
    else:
        out.append(f"<font color='{muted}'>No news.</font><br>")
    out.append(f"<br><font color='{muted}'>Each role reads what changed for it, and why, after its hand-over.</font>")
    return "".join(out)
