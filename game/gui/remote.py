"""One team of a classroom server, in the window.

The screen shows the team's seat as the server sends it (see
``game.net.seat.team``): the dashboard of its values, the regions, its orders
with their predicted effects, the news, the messages, the turn timer. It
formats what it receives and computes nothing: every number comes from the
server. The network runs in a thread of its own (the ``link``, see
``game.net.client.Link``); the screen reads the latest seat once a frame and
posts its requests without waiting, so the window never stalls on the
network. When the connection drops the link opens it again by itself, and
the screen says so.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Protocol

import pygame
import pygame_gui

from game.gui.mapview import draw_tooltip
from game.gui.screen import Overlay, Screen, esc, fit
from game.session.classroom import REFLECTION_PROMPT
from game.session.messages import MAX_MESSAGE

if TYPE_CHECKING:
    from game.gui.app import App

VALUES = (("leverage", "Leverage", "Lev"), ("reputation", "Reputation", "Rep"), ("support", "Support", "Sup"))
MORE_VALUES = (("strength", "Strength"), ("readiness", "Readiness"), ("budget", "Budget"))
TABS = (("orders", "Orders"), ("messages", "Messages"), ("objective", "Objective"), ("others", "Others"))
TRACK_COLOUR = {"inactive": "track_inactive", "open": "track_open", "agreed": "track_agreed", "broken": "track_broken"}
EVERYONE = "Everyone (public)"
STATE_WORDS = {
    "connecting": "Connecting to the server…",
    "reconnecting": "Connection lost — reconnecting…",
    "failed": "Cannot play",
    "replaced": "Your team was opened on another computer",
    "closed": "Disconnected",
}


class SeatLink(Protocol):
    """What the screen needs of the team's connection (``game.net.client.Link``)."""

    state: str
    problem: str
    on_change: Any
    """Called (from the network's thread) whenever there is something new to show, and once a second while a
    turn timer runs."""

    def latest(self) -> tuple[int, dict[str, Any] | None]: ...
    def seconds_left(self) -> int | None: ...
    def errors(self) -> list[str]: ...
    def whys(self) -> list[dict[str, Any]]: ...
    def queue(self, number: int) -> None: ...
    def unqueue(self, index: int) -> None: ...
    def end_turn(self, why: str = "") -> None: ...
    def say(self, to: str | None, text: str) -> None: ...
    def why(self, quantity: str, *subject: str) -> None: ...


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class RemoteScreen(Screen):
    """A team's seat on a classroom server."""

    title = "Classroom game"
    kept_elsewhere = (
        "Nothing to save here: the teacher's computer keeps this game and saves it every turn "
        "(F5 and F9 are for games played on this computer)."
    )
    help_keys = [
        ("Enter", "end the turn (your orders are sealed until every team has ended)"),
        ("↑ / ↓", "choose an order in the list"),
        ("Space", "queue the chosen order"),
        ("Backspace", "remove the last queued order"),
        ("M / D", "military / diplomatic orders"),
        ("1 – 4", "tabs: orders, messages, objective, others"),
        ("W", "why: how your leverage came to be what it is"),
        ("R", "the last turn's report"),
        ("Click", "a region on the map: why its stability is what it is; a value on the top bar: why"),
    ]

    def __init__(self, app: "App", link: SeatLink, address: str = "") -> None:
        super().__init__(app)
        self.link = link
        self.address = address
        self.version = -1
        self.seat: dict[str, Any] | None = None
        self.tab = "orders"
        self.category = "military"
        self.selected: int | None = None
        """The number of the order chosen in the list."""
        self.overlay: tuple[Any, ...] | None = None
        """The open window: ("why", answer), ("reflect",), ("report",), ("over",), ("lost",)."""
        self.window: Overlay | None = None
        self.draft_to = EVERYONE
        self.recipients: dict[str, str | None] = {EVERYONE: None}
        """The recipients' names in the list and their ids (None: everyone)."""
        self.draft = ""
        self.answer = ""
        self.focus = ""
        """The text field that had the keyboard before the widgets were built anew ('message', 'reflect')."""
        self.items: dict[str, int] = {}
        self.order: dict[tuple[Any, str], tuple[list[int], list[int]]] = {}
        """The order of the lines of each list this turn (available first, as they were when first shown)."""
        self.list: pygame_gui.elements.UISelectionList | None = None
        self.list_scroll = 0.0
        self.message_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.counter: pygame_gui.elements.UILabel | None = None
        self.reflect_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.to_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.end_button: pygame_gui.elements.UIButton | None = None
        self.timer_label: pygame_gui.elements.UILabel | None = None
        self.status: pygame_gui.elements.UILabel | None = None
        self.map_rect = pygame.Rect(0, 0, 10, 10)
        self.tiles: list[tuple[pygame.Rect, int]] = []
        self.hover: int | None = None
        self.mouse = (0, 0)
        self.shown_over = False
        self.last_tick = -1
        # (pygame's plain user event, as the turn worker's: an event type of our own could be one of pygame_gui's)
        link.on_change = lambda: pygame.event.post(pygame.event.Event(pygame.USEREVENT, {"brinkmanship": "seat"}))
        self.keys = {
            pygame.K_RETURN: self.ask_end_turn,
            pygame.K_KP_ENTER: self.ask_end_turn,
            pygame.K_SPACE: self.queue_selected,
            pygame.K_BACKSPACE: self.unqueue_last,
            pygame.K_m: lambda: self.set_category("military"),
            pygame.K_d: lambda: self.set_category("diplomatic"),
            pygame.K_1: lambda: self.set_tab("orders"),
            pygame.K_2: lambda: self.set_tab("messages"),
            pygame.K_3: lambda: self.set_tab("objective"),
            pygame.K_4: lambda: self.set_tab("others"),
            pygame.K_w: lambda: self.ask_why("leverage"),
            pygame.K_r: lambda: self.open("report"),
            pygame.K_UP: lambda: self.move_selection(-1),
            pygame.K_DOWN: lambda: self.move_selection(1),
        }

    # ================================================================ what the server sent
    @property
    def me(self) -> dict[str, Any]:
        return (self.seat or {}).get("me", {})

    def options(self) -> list[dict[str, Any]]:
        return [o for o in (self.seat or {}).get("options", []) if o["category"] == self.category]

    def can_act(self) -> bool:
        s = self.seat
        return bool(s) and self.link.state == "online" and not s["over"] and not s["ended"] and not s["paused"]

    def status_text(self) -> str:
        """The line over the map: the connection, a pause, the sealed orders, the end of the game."""
        state = self.link.state
        if state == "reconnecting":
            return f"{STATE_WORDS[state]} Your orders are kept on the server."
        if state != "online":
            word = STATE_WORDS.get(state, state)
            return f"{word}: {self.link.problem}" if self.link.problem and state != "connecting" else word
        s = self.seat
        if not s:
            return STATE_WORDS["connecting"]
        if s["over"]:
            return "The game is over."
        if s["paused"]:
            return "The teacher has paused the game: the turn cannot end until it resumes."
        if s["ended"]:
            waiting = ", ".join(s["waiting_for"])
            return f"Orders sealed. Waiting for other teams: {waiting}." if waiting else "Orders sealed."
        return ""

    def poll(self) -> bool:
        """Take what the link received since the last frame; True if the screen must be built anew."""
        version, seat = self.link.latest()
        for text in self.link.errors():
            self.app.toast(text, 5.0)
        for answer in self.link.whys():
            self.overlay = ("why", answer)
            version = max(version, self.version + 1)
        if version == self.version:
            return False
        before, self.seat, self.version = self.seat, seat, version
        if seat is not None and before is not None:
            if seat["turn"] != before["turn"] and not seat["over"]:
                self.app.toast(
                    f"Turn {before['turn']} resolved: the news is below; R shows the orders carried out.", 5.0
                )
                self.selected = None
                self.forget_scroll()
            if seat["paused"] != before["paused"]:
                self.app.toast("The teacher has paused the game." if seat["paused"] else "The game goes on.")
            mine = self.me.get("id")
            new = [m for m in seat["messages"][len(before["messages"]) :] if m["from"] != mine]
            if new:
                m = new[-1]
                self.app.toast(f"Message from {m['from_name']}: {m['text'][:80]}", 6.0)
        if seat is not None and seat["over"] and not self.shown_over:
            self.shown_over = True
            self.overlay = ("over",)
        if self.link.state in ("failed", "replaced"):
            self.overlay = ("lost",)
        return True

    # ================================================================ life cycle
    def update(self, dt: float) -> Screen | None:
        if self.poll():
            self.app.rebuild()
        tick = self.link.seconds_left()
        if tick != self.last_tick:
            self.last_tick = tick if tick is not None else -1
            self.show_timer()
        return None

    def leave(self) -> None:
        self.link.on_change = None

    def quit_question(self) -> str | None:
        return None  # nothing is lost: the team stays in the game and joins again with its code

    def teardown(self) -> None:
        self.focus = ""
        if self.message_entry is not None and self.message_entry.alive():
            self.draft = self.message_entry.get_text()
            if self.message_entry.is_focused:
                self.focus = "message"
        if self.reflect_entry is not None and self.reflect_entry.alive():
            self.answer = self.reflect_entry.get_text()
            if self.reflect_entry.is_focused:
                self.focus = "reflect"
        if self.list is not None and self.list.scroll_bar is not None:
            self.list_scroll = float(self.list.scroll_bar.start_percentage)
        if self.window is not None:
            self.window.on_close = None
        self.window = None
        self.list = self.message_entry = self.reflect_entry = self.to_menu = self.counter = None
        self.end_button = self.timer_label = self.status = None

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        top = s(56)
        self.build_top(W, top)
        right_w = max(s(380), int(W * 0.38))
        left_w = W - right_w
        news_h = max(s(120), int((H - top) * 0.26))
        self.map_rect = pygame.Rect(0, top, left_w, H - top - news_h)
        self.status = self.label((s(8), top + s(4), left_w - s(16), s(26)), self.status_text(), cls="accent")
        if not self.status_text():
            self.status.hide()
        bw = s(150)
        self.textbox((s(4), H - news_h + s(2), left_w - bw - s(14), news_h - s(6)), self.news_html(), ident="news")
        for k, (text, fn) in enumerate(
            (("Turn report (R)", lambda: self.open("report")), ("Objective (3)", lambda: self.set_tab("objective")))
        ):
            self.button((left_w - bw - s(6), H - news_h + s(2) + k * s(36), bw, s(32)), text, fn)
        self.build_tabs(pygame.Rect(left_w + s(8), top + s(6), right_w - s(16), H - top - s(12)))
        self.show_overlay()

    # ================================================================ the top bar
    def build_top(self, W: int, h: int) -> None:
        s = self.s
        seat = self.seat
        narrow = W < s(1100)
        end_w = s(150) if narrow else s(190)
        if not seat:
            self.label((s(12), s(14), W - s(24), s(28)), f"Brinkmanship · {self.address}", cls="heading")
            return
        font = self.app.theme.font("label")
        when = f"{seat['date']} · turn {seat['turn']} of {seat['turn_limit']}"
        title_w = max(font.size(when)[0], self.app.theme.font("heading", True).size(seat["title"])[0]) + s(16)
        title_w = min(title_w, s(340), int(W * 0.24))
        if font.size(when)[0] > title_w - s(10):
            when = f"turn {seat['turn']} of {seat['turn_limit']} · {seat['date']}"  # narrow: the turn first
        me = self.me
        who = f"★ {me['team']} ({me['name']})" if me.get("team") and me["team"] != me["name"] else f"★ {me['name']}"
        if narrow:
            # Under the title, the team and the turn (the date heads the news): the values need the room.
            when = fit(f"★ {me.get('team') or me['name']} · turn {seat['turn']} of {seat['turn_limit']}", font, title_w)
        self.label((s(8), s(4), title_w, s(24)), seat["title"], cls="heading")
        self.label((s(8), s(28), title_w, s(22)), when, cls="accent" if narrow else "muted")
        x = s(8) + title_w
        if not narrow:
            who_w = min(s(230), int(W * 0.17), self.app.theme.font("label", True).size(who)[0] + s(16))
            self.label((x, s(8), who_w, h - s(16)), who, cls="accent")
            x += who_w
        # Wide enough for the longest time the timer shows, so that it never runs into the values.
        timer_w = self.app.theme.font("label", True).size("88:88 left")[0] + s(12)
        room = W - end_w - s(12) - timer_w - x
        values = [(q, f"{short} {seat['values'][q]} {seat['changes'][q]}".rstrip(), name) for q, name, short in VALUES]
        values.append(("budget", f"Budget {seat['budget_left']}/{seat['values']['budget']}", "Budget"))
        widths = [font.size(t)[0] + s(16) for _, t, _ in values]
        if sum(widths) > room:  # the budget is on the Orders tab too
            values, widths = values[:-1], widths[:-1]
        scale = min(1.0, room / max(1, sum(widths)))
        for (q, text, name), w in zip(values, widths):
            w = int(w * scale)
            self.button(
                (x, s(8), w, h - s(16)),
                fit(text, font, w - s(6)),
                lambda q=q: self.ask_why(q),
                tip=f"{name}: {text}; click for why it is what it is",
                cls="value",
            )
            x += w
        self.timer_label = self.label((W - end_w - s(8) - timer_w, s(8), timer_w, h - s(16)), "", cls="accent")
        self.end_button = self.button(
            (W - end_w - s(6), s(6), end_w, h - s(12)),
            self.end_label(),
            self.ask_end_turn,
            cls="primary",
            tip="Seal your orders; the turn resolves when every team has ended (or the timer runs out)",
            enabled=self.can_act(),
        )
        self.show_timer()

    def end_label(self) -> str:
        s = self.seat
        if not s:
            return "End turn ⏎"
        if s["over"]:
            return "Game over"
        if s["paused"]:
            return "Paused"
        if s["ended"]:
            return "Sealed · waiting"
        return "End turn ⏎"

    def show_timer(self) -> None:
        label = self.timer_label
        if label is None or not label.alive():
            return
        left = self.link.seconds_left()
        s = self.seat or {}
        text = "" if left is None or s.get("over") else f"{clock(left)} left"
        if label.text != text:
            label.set_text(text)

    # ================================================================ the right panel
    def set_tab(self, tab: str) -> None:
        if tab != self.tab:
            self.tab = tab
            self.app.rebuild()

    def set_category(self, category: str) -> None:
        if category != self.category:
            self.category, self.selected = category, None
            self.forget_scroll()
            self.app.rebuild()

    def forget_scroll(self) -> None:
        """The list of orders starts at its top again at the next build (another tab, a new turn): the old list's
        position is not carried over."""
        self.list_scroll = 0.0
        self.list = None  # so that teardown does not keep the old list's position

    def build_tabs(self, box: pygame.Rect) -> None:
        s = self.s
        bw = (box.width - s(4) * (len(TABS) - 1)) // len(TABS)
        for k, (tab, name) in enumerate(TABS):
            n = ""
            if tab == "messages" and self.seat:
                n = f" ({len(self.seat['messages'])})" if self.seat["messages"] else ""
            self.button(
                (box.x + k * (bw + s(4)), box.y, bw, s(32)),
                name + n,
                lambda tab=tab: self.set_tab(tab),
                cls="tab_active" if tab == self.tab else "tab",
            )
        body = pygame.Rect(box.x, box.y + s(40), box.width, box.height - s(40))
        if not self.seat:
            self.textbox(body, esc(self.status_text() or STATE_WORDS["connecting"]))
            return
        {
            "orders": self.build_orders,
            "messages": self.build_messages,
            "objective": self.build_objective,
            "others": self.build_others,
        }[self.tab](body)

    def build_orders(self, box: pygame.Rect) -> None:
        s = self.s
        seat = self.seat
        assert seat is not None
        half = (box.width - s(4)) // 2
        for k, (cat, name) in enumerate((("military", "Military (M)"), ("diplomatic", "Diplomatic (D)"))):
            self.button(
                (box.x + k * (half + s(4)), box.y, half, s(30)),
                name,
                lambda cat=cat: self.set_category(cat),
                cls="tab_active" if cat == self.category else "tab",
            )
        nq = len(seat["queued"])
        self.label(
            (box.x, box.y + s(34), box.width, s(24)),
            f"Budget left {seat['budget_left']} of {seat['values']['budget']} · orders {nq} of {seat['max_orders']}",
            cls="muted",
        )
        queued_h = s(28) + seat["max_orders"] * s(32)
        rest = box.height - s(62) - queued_h - s(46)
        list_h = max(s(110), int(rest * 0.5))
        detail_h = max(s(60), rest - list_h - s(4))
        y = box.y + s(62)
        self.build_list(pygame.Rect(box.x, y, box.width, list_h))
        y += list_h + s(4)
        self.textbox((box.x, y, box.width, detail_h), self.detail_html())
        y += detail_h + s(4)
        chosen = self.chosen()
        self.button(
            (box.x, y, box.width, s(38)),
            "Queue this order (Space)",
            self.queue_selected,
            cls="primary",
            enabled=self.can_act() and chosen is not None and chosen["legal"],
        )
        y += s(44)
        self.label(
            (box.x, y, box.width, s(24)),
            "Queued orders" if seat["queued"] else "No orders queued yet.",
            cls="heading" if seat["queued"] else "muted",
        )
        y += s(28)
        for k, q in enumerate(seat["queued"]):
            self.label((box.x, y, box.width - s(44), s(30)), f"{k + 1}. {q['label']} · {q['cost']}")
            self.button(
                (box.right - s(40), y, s(38), s(30)),
                "✕",
                lambda k=k: self.unqueue(k),
                cls="remove",
                tip="Remove this order",
                enabled=self.can_act(),
            )
            y += s(32)

    def build_list(self, rect: pygame.Rect) -> None:
        # The available orders first, then the others, in the order they were first shown this turn: queuing one
        # never moves the lines under the pointer (an order that has become unavailable is greyed where it stands).
        views = self.options()
        key = ((self.seat or {}).get("turn"), self.category)
        frozen = self.order.get(key)
        numbers = {o["number"] for o in views}
        if frozen is None or set(frozen[0]) | set(frozen[1]) != numbers:
            frozen = ([o["number"] for o in views if o["legal"]], [o["number"] for o in views if not o["legal"]])
            self.order = {k: v for k, v in self.order.items() if k[0] == key[0]}
            self.order[key] = frozen
        by_number = {o["number"]: o for o in views}
        legal = [by_number[n] for n in frozen[0]]
        illegal = [by_number[n] for n in frozen[1]]
        font = self.app.theme.font("body")
        room = rect.width - self.s(34)
        self.items = {}
        entries: list[tuple[str, str]] = []
        for o in legal + illegal:
            text = fit(f"{o['cost']} · {o['label']}", font, room)
            while text in self.items:
                text += " "
            self.items[text] = o["number"]
            entries.append((text, "#option_available" if o["legal"] else "#option_unavailable"))
        if illegal and legal:
            entries.insert(
                len(legal), (fit("— not available now (select one: why) —", font, room), "#option_unavailable")
            )
        if not entries:
            entries = [("Nothing to order here.", "#option_unavailable")]
        chosen = next((t for t, n in self.items.items() if n == self.selected), None)
        self.list = pygame_gui.elements.UISelectionList(
            rect, entries, self.manager, default_selection=next((e for e in entries if e[0] == chosen), None)
        )
        if self.list_scroll and self.list.scroll_bar is not None:
            self.list.scroll_bar.set_scroll_from_start_percentage(self.list_scroll)
            self.list.update(0.0)

    def chosen(self) -> dict[str, Any] | None:
        return next((o for o in (self.seat or {}).get("options", []) if o["number"] == self.selected), None)

    def detail_html(self) -> str:
        o = self.chosen()
        if o is None:
            seat = self.seat or {}
            if seat.get("over"):
                return (
                    "The game is over: your outcome is in the Objective tab (3), every role's in the turn report (R)."
                )
            if seat.get("ended"):
                return "Your orders are sealed until every team has ended the turn."
            return "Choose an order in the list to see its cost and what it is predicted to do. Then queue it."
        out = f"<b>{esc(o['label'])}</b><br>Cost {o['cost']} action points<br>"
        if o["legal"]:
            out += f"Predicted: {esc(o['effect'] or 'no visible effect')}"
        else:
            out += f"<font color='{self.app.theme.hexcolour('decrease')}'>Not available: {esc(o['reason'])}</font>"
        return out

    def build_messages(self, box: pygame.Rect) -> None:
        s = self.s
        seat = self.seat
        assert seat is not None
        mine = self.me["id"]
        rows = []
        for m in seat["messages"]:
            private = m["to"] is not None
            tag = " <i>(private)</i>" if private else ""
            who = "You" if m["from"] == mine else esc(m["from_name"])
            rows.append(f"<b>Turn {m['turn']} · {who} → {esc(m['to_name'])}</b>{tag}<br>{esc(m['text'])}")
        rows.reverse()  # the newest first, under the form
        html = "<br><br>".join(rows) or "No messages yet. Write to one team (private) or to everyone (public)."
        form_h = s(106)
        self.textbox((box.x, box.y + form_h, box.width, box.height - form_h), html, ident="messages")
        y = box.y + s(40)
        self.message_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(box.x, y, box.width - s(90), s(38)), self.manager, placeholder_text="Your message"
        )
        self.message_entry.length_limit = MAX_MESSAGE
        if self.draft:
            self.message_entry.set_text(self.draft)
        self.counter = self.label((box.x, y + s(40), box.width - s(90), s(22)), "", cls="muted")
        self.count_message()
        if self.focus == "message":
            self.manager.set_focus_set(self.message_entry)
        self.button(
            (box.right - s(84), y, s(84), s(38)), "Send", self.send_message, enabled=self.link.state == "online"
        )
        # The recipients last, so that their list opens over the message field and the messages.
        teams = {a["id"]: a.get("team", "") for a in seat["actors"]}
        self.recipients = {EVERYONE: None}
        for a in seat["can_message"]:
            team = f" · team {teams[a['id']]}" if teams.get(a["id"]) else ""
            self.recipients[f"{a['name']}{team} (private)"] = a["id"]
        names = list(self.recipients)
        if self.draft_to not in names:
            self.draft_to = EVERYONE
        self.label((box.x, box.y, s(40), s(34)), "To:", cls="muted")
        self.to_menu = pygame_gui.elements.UIDropDownMenu(
            names, self.draft_to, pygame.Rect(box.x + s(42), box.y, box.width - s(42), s(34)), self.manager
        )

    def build_objective(self, box: pygame.Rect) -> None:
        role = (self.seat or {}).get("role") or {}
        th = self.app.theme
        out = []
        if role.get("outcome"):
            out.append(th.html_heading(f"Outcome: {esc(role['outcome'])}"))
        if role.get("victory"):
            out.append(f"<b>To win:</b> {esc(role['victory'])}")
        for c in role.get("checks", []):
            mark = "✓" if c["holds"] else "⚠" if c["warning"] else "✗"
            col = th.hexcolour("increase" if c["holds"] else "decrease" if c["warning"] else "muted")
            now = f" · now {esc(c['now'])}" if c.get("now") else ""
            out.append(f"<font color='{col}'>{mark}</font> {esc(c['text'])}{now}")
        if role.get("defeat"):
            out.append(f"<b>You lose if:</b> {esc(role['defeat'])}")
        if role.get("briefing"):
            out.append(f"<b>Briefing</b><br>{esc(role['briefing'])}")
        self.textbox(box, "<br>".join(out) or "This role has no written objective.")

    def build_others(self, box: pygame.Rect) -> None:
        seat = self.seat
        assert seat is not None
        out = ["<b>Your values</b> (click a value on the top bar: why)"]
        vals = [f"{name} {seat['values'][q]} {seat['changes'][q]}".rstrip() for q, name, _ in VALUES]
        vals += [f"{name} {seat['values'][q]}" for q, name in MORE_VALUES]
        out.append(" · ".join(vals))
        out.append("")
        out.append("<b>The others</b> (≈ an estimate: you do not see it exactly)")
        for a in seat["actors"]:
            est = "" if a["exact"] else "≈"
            team = f" — team {esc(a['team'])}" if a.get("team") else ""
            out.append(
                f"<b>{esc(a['name'])}</b>{team}<br>Leverage {a['leverage']} · reputation {a['reputation']} · "
                f"strength {est}{a['strength']} · support {a['support']} · relations towards you {a['relations']:+d}"
            )
        out.append("")
        out.append("<b>Talks</b>")
        for t in seat["tracks"]:
            out.append(f"{esc(t['name'])} ({esc(t['parties'])}): {t['status']}, progress {t['progress']}")
        self.textbox(box, "<br>".join(out))

    # ================================================================ the news
    def news_html(self) -> str:
        seat = self.seat
        if not seat:
            return esc(self.status_text())
        out = [f"<b>News · {esc(seat['date'])}</b>"]
        out += [f"• {esc(t)}" for t in seat["news"]] or ["No news this turn."]
        for r in seat.get("rejected", []):
            out.append(
                f"<font color='{self.app.theme.hexcolour('decrease')}'>Not carried out: {esc(r['order'])} "
                f"({esc(r['reason'])})</font>"
            )
        return "<br>".join(out)

    def report_html(self) -> str:
        seat = self.seat or {}
        last = seat.get("last_turn")
        if not last:
            return "No turn has been played yet."
        out = []
        if seat.get("results"):
            out.append("<b>Results</b>")
            out += [f"{esc(r['actor'])}: {esc(r['outcome'] or '–')} · score {r['score']}" for r in seat["results"]]
            out.append("")
        out.append(f"<b>Turn {last['turn']}: the orders carried out</b>")
        for o in last["orders"]:
            out.append(f"<b>{esc(o['actor'])}</b>: {esc('; '.join(o['orders']) or 'none')}")
        for r in seat.get("rejected", []):
            out.append(f"Not carried out: {esc(r['order'])} ({esc(r['reason'])})")
        out.append("<br><b>News</b>")
        out += [f"• {esc(t)}" for t in seat.get("news", [])]
        return "<br>".join(out)

    # ================================================================ acting (requests to the server)
    def queue_selected(self) -> None:
        o = self.chosen()
        if o is None or not self.can_act():
            return
        if not o["legal"]:
            self.app.toast(f"Not available: {o['reason']}")
            return
        self.link.queue(o["number"])

    def unqueue(self, index: int) -> None:
        if self.can_act():
            self.link.unqueue(index)

    def unqueue_last(self) -> None:
        if self.seat and self.seat["queued"]:
            self.unqueue(len(self.seat["queued"]) - 1)

    def ask_end_turn(self) -> None:
        if not self.can_act():
            if self.seat and self.seat["paused"]:
                self.app.toast("The teacher has paused the game: the turn cannot end until it resumes.")
            return
        if self.seat and self.seat.get("reflect"):
            self.open("reflect")
            return
        self.link.end_turn()

    def end_turn_with_answer(self) -> None:
        entry = self.reflect_entry
        text = entry.get_text() if entry is not None and entry.alive() else self.answer
        self.answer = ""
        self.close_overlay()
        self.link.end_turn(text)

    def count_message(self) -> None:
        """How many characters the message has, of the most it may hold (typing stops there)."""
        entry, label = self.message_entry, self.counter
        if entry is None or label is None or not entry.alive():
            return
        n = len(entry.get_text())
        full = " — the most a message holds" if n >= MAX_MESSAGE else ""
        label.set_text(f"{n} / {MAX_MESSAGE} characters{full}")

    def send_message(self) -> None:
        entry = self.message_entry
        text = (entry.get_text() if entry is not None and entry.alive() else self.draft).strip()
        if not text or not self.seat:
            return
        if self.to_menu is not None and self.to_menu.alive():
            self.draft_to = self.to_menu.selected_option
            if isinstance(self.draft_to, tuple):
                self.draft_to = self.draft_to[0]
        to = self.recipients.get(self.draft_to)
        self.link.say(to, text)
        self.draft = ""
        if entry is not None and entry.alive():
            entry.set_text("")

    def ask_why(self, quantity: str, *subject: str) -> None:
        if self.seat:
            self.link.why(quantity, *(subject or (self.me["id"],)))

    def select(self, number: int | None) -> None:
        self.selected = number
        self.app.rebuild()

    def move_selection(self, step: int) -> None:
        numbers = list(self.items.values())
        if not numbers:
            return
        k = numbers.index(self.selected) + step if self.selected in numbers else 0
        self.select(numbers[max(0, min(len(numbers) - 1, k))])

    # ================================================================ windows over the screen
    def open(self, kind: str, *args: Any) -> None:
        self.overlay = (kind, *args)
        self.app.rebuild()

    def close_overlay(self) -> None:
        self.overlay = None
        if self.window is not None and self.window.alive():
            self.window.on_close = None
            self.window.kill()
        self.window = None
        self.app.rebuild()

    def _window(self, title: str, w: int, h: int) -> Overlay:
        W, H = self.app.size
        w, h = min(w, W - self.s(20)), min(h, H - self.s(20))
        win = Overlay(pygame.Rect((W - w) // 2, (H - h) // 2, w, h), self.manager, title, self._closed)
        self.window = win
        return win

    def _closed(self) -> None:
        self.window = None
        self.overlay = None
        self.app.dirty = True

    def show_overlay(self) -> None:
        if not self.overlay:
            return
        s = self.s
        kind = self.overlay[0]
        seat = self.seat or {}
        if kind == "why":
            answer = self.overlay[1]
            lines = answer.get("lines") or []
            win = self._window("Why", s(760), min(s(560), s(120) + s(24) * max(2, len(lines))))
            cw, ch = win.get_container().get_rect().size
            html = f"<b>{esc(answer.get('title', ''))}</b><br>" + (
                "<br>".join(esc(t) for t in lines) if lines else "Nothing has changed it yet."
            )
            self.textbox((0, 0, cw, ch - s(48)), html, container=win)
            self.button(
                (cw - s(140), ch - s(42), s(140), s(38)), "Close", self.close_overlay, container=win, cls="primary"
            )
        elif kind == "report":
            win = self._window("The last turn", s(760), s(520))
            cw, ch = win.get_container().get_rect().size
            self.textbox((0, 0, cw, ch - s(48)), self.report_html(), container=win)
            self.button(
                (cw - s(140), ch - s(42), s(140), s(38)), "Close", self.close_overlay, container=win, cls="primary"
            )
        elif kind == "reflect":
            win = self._window(REFLECTION_PROMPT, s(620), s(260))
            cw, ch = win.get_container().get_rect().size
            queued = "; ".join(q["label"] for q in seat.get("queued", [])) or "none"
            self.textbox(
                (0, 0, cw, s(96)),
                f"Your orders: {esc(queued)}.<br>In one line, why did you choose them? "
                "(It goes into the debrief; leave it empty to skip.)",
                container=win,
            )
            entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(0, s(102), cw, s(38)), self.manager, container=win)
            entry.length_limit = 500
            if self.answer:
                entry.set_text(self.answer)
            self.manager.set_focus_set(entry)
            self.reflect_entry = entry
            bw = (cw - s(8)) // 2
            self.button(
                (0, ch - s(44), bw, s(40)),
                "End the turn (Enter)",
                self.end_turn_with_answer,
                container=win,
                cls="primary",
            )
            self.button((bw + s(8), ch - s(44), bw, s(40)), "Keep planning (Esc)", self.close_overlay, container=win)
        elif kind == "over":
            win = self._window("The game is over", s(640), s(230) + s(24) * len(seat.get("results", [])))
            cw, ch = win.get_container().get_rect().size
            role = seat.get("role") or {}
            out = []
            if role.get("outcome"):
                out.append(
                    self.app.theme.html_heading(f"Your outcome, {esc(self.me.get('name', ''))}: {esc(role['outcome'])}")
                )
            out.append("<b>Results</b>")
            for r in seat.get("results", []):
                out.append(f"{esc(r['actor'])}: {esc(r['outcome'] or '–')} · score {r['score']}")
            out.append("<br>Your teacher has the debrief of the game.")
            self.textbox((0, 0, cw, ch - s(48)), "<br>".join(out), container=win)
            self.button(
                (cw - s(140), ch - s(42), s(140), s(38)), "Close", self.close_overlay, container=win, cls="primary"
            )
        elif kind == "lost":
            win = self._window("Not connected", s(560), s(220))
            cw, ch = win.get_container().get_rect().size
            self.textbox((0, 0, cw, ch - s(48)), esc(self.status_text()), container=win)
            self.button((cw - s(140), ch - s(42), s(140), s(38)), "Quit", self.app.quit, container=win, cls="primary")

    # ================================================================ events
    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        t = event.type
        if t == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.reflect_entry and self.reflect_entry is not None:
                self.end_turn_with_answer()
            elif event.ui_element is self.message_entry and self.message_entry is not None:
                self.send_message()
            return None
        if t == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element is self.message_entry:
            self.count_message()
            return None
        if t == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.to_menu:
            self.draft_to = event.text
            return None
        if t == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            number = self.items.get(event.text)
            if number is not None:
                self.select(number)
            return None
        if t == pygame.KEYDOWN and consumed:
            if event.key == pygame.K_ESCAPE and self.overlay:
                self.close_overlay()
            return None
        if t == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.overlay:
            self.close_overlay()
            return None
        if t == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.overlay:
            if self.overlay[0] == "reflect":
                self.end_turn_with_answer()
            elif self.overlay[0] != "lost":
                self.close_overlay()
            return None
        if t == pygame.MOUSEMOTION:
            self.mouse = event.pos
            hov = None if consumed or self.overlay else self.tile_at(event.pos)
            if hov != self.hover:
                self.hover = hov
                self.app.dirty = True
            return None
        if t == pygame.MOUSEBUTTONDOWN and event.button == 1 and not consumed and not self.overlay:
            i = self.tile_at(event.pos)
            if i is not None and self.seat:
                self.ask_why("stability", self.seat["regions"][i]["id"])
            return None
        if self.overlay and t == pygame.KEYDOWN:
            return None
        return super().handle(event, consumed)

    # ================================================================ the map
    def tile_at(self, pos: tuple[int, int]) -> int | None:
        for rect, i in self.tiles:
            if rect.collidepoint(pos):
                return i
        return None

    def colour_of(self, actor_id: str) -> pygame.Color:
        sides = (self.seat or {}).get("sides", [])
        for k, a in enumerate(sides):
            if a["id"] == actor_id:
                return self.app.theme.actor_colour(a["colour"], k)
        return self.app.theme.colour("muted")

    def short_of(self, actor_id: str) -> str:
        return next((a["short"] for a in (self.seat or {}).get("sides", []) if a["id"] == actor_id), actor_id)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        s = self.s
        surface.fill(th.colour("background"))
        area = self.map_rect
        pygame.draw.rect(surface, th.colour("map_background"), area)
        W = surface.get_width()
        pygame.draw.rect(surface, th.colour("panel"), (0, 0, W, s(56)))
        pygame.draw.line(surface, th.colour("border"), (0, s(56) - 1), (W, s(56) - 1))
        if self.status_text():
            # the line over the map (the connection, a pause, the sealed orders) on a band of its own
            band = pygame.Rect(area.x, area.y, area.width, s(34))
            pygame.draw.rect(surface, th.colour("panel"), band)
            pygame.draw.line(surface, th.colour("accent"), band.bottomleft, band.bottomright, s(2))
        self.tiles = []
        seat = self.seat
        if not seat:
            return
        small, bold, body = th.font("small"), th.font("label", bold=True), th.font("body")
        # the legend
        y0 = area.y + s(34)
        x = area.x + s(10)
        img = small.render("Stability", True, th.colour("muted"))
        surface.blit(img, (x, y0))
        bx, bw, bh = x + img.get_width() + s(8), s(110), s(10)
        for k in range(bw):
            pygame.draw.line(
                surface, th.stability_colour(100 * k / (bw - 1)), (bx + k, y0 + s(4)), (bx + k, y0 + s(4) + bh)
            )
        key = "0–100 · border = who holds it · ■ forces ◆ peacekeepers · ⚠ crisis"
        img = small.render(fit(key, small, area.right - bx - bw - s(16)), True, th.colour("muted"))
        surface.blit(img, (bx + bw + s(8), y0))
        # the actors, then the talks, along the bottom
        tracks = seat["tracks"]
        talks_h = (small.get_linesize() + s(8)) * min(3, math.ceil(len(tracks) / 2)) if tracks else 0
        strip_h = s(26) + small.get_linesize()
        grid = pygame.Rect(area.x + s(10), y0 + s(24), area.width - s(20), area.bottom - y0 - s(36) - talks_h - strip_h)
        self.draw_strip(surface, pygame.Rect(area.x, grid.bottom + s(6), area.width, strip_h))
        regions = seat["regions"]
        n = max(1, len(regions))
        cols = max(1, min(n, round(math.sqrt(n * grid.width / max(1, grid.height) / 1.6))))
        rows = math.ceil(n / cols)
        gap = s(10)
        tw = (grid.width - gap * (cols - 1)) // cols
        tile_h = min((grid.height - gap * (rows - 1)) // rows, s(170))
        for i, reg in enumerate(regions):
            r, c = divmod(i, cols)
            rect = pygame.Rect(grid.x + c * (tw + gap), grid.y + r * (tile_h + gap), tw, tile_h)
            self.tiles.append((rect, i))
            self.draw_tile(surface, rect, reg, i == self.hover)
        y = area.bottom - talks_h - s(2)
        x = area.x + s(10)
        for t in tracks:
            col = th.colour(TRACK_COLOUR.get(t["status"], "track_inactive"))
            word = {"open": f" {t['progress']}%", "agreed": " ✓ agreed", "broken": " ✕ broken"}.get(t["status"], "")
            img = small.render(fit(f"{t['name']}{word}", small, area.width // 2 - s(30)), True, col)
            pill = pygame.Rect(x, y, img.get_width() + s(12), small.get_linesize() + s(4))
            if pill.right > area.right - s(8):
                x = area.x + s(10)
                y += small.get_linesize() + s(8)
                pill.topleft = (x, y)
            if pill.bottom > area.bottom:
                break
            pygame.draw.rect(surface, th.colour("map_background"), pill, border_radius=s(3))
            pygame.draw.rect(surface, col, pill, 1, border_radius=s(3))
            surface.blit(img, (pill.x + s(6), pill.y + s(2)))
            x = pill.right + s(8)
        del body, bold

    def draw_strip(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        """Every actor as a disc in its colour with its short name (yours starred), as on the map of a local game."""
        th = self.app.theme
        s = self.s
        sides = (self.seat or {}).get("sides", [])
        if not sides:
            return
        small = th.font("small")
        mine = self.me.get("id")
        step = box.width / len(sides)
        rad = s(9)
        for k, a in enumerate(sides):
            x = int(box.x + step * (k + 0.5))
            y = box.y + rad + s(2)
            col = th.actor_colour(a["colour"], k)
            if a["id"] == mine:
                pygame.draw.circle(surface, th.colour("accent"), (x, y), rad + s(3))
            pygame.draw.circle(surface, col, (x, y), rad)
            pygame.draw.circle(surface, th.colour("territory_edge"), (x, y), rad, 1)
            name = a["short"] + (" ★" if a["id"] == mine else "")
            img = small.render(
                fit(name, small, int(step) - s(4)), True, th.colour("accent") if a["id"] == mine else th.colour("text")
            )
            surface.blit(img, img.get_rect(midtop=(x, y + rad + s(3))))

    def draw_tile(self, surface: pygame.Surface, rect: pygame.Rect, reg: dict[str, Any], hovered: bool) -> None:
        th = self.app.theme
        s = self.s
        holder = self.colour_of(reg["holder"]) if reg.get("holder") else th.colour("muted")
        band = s(5)
        pygame.draw.rect(surface, holder, rect, border_radius=s(8))
        inner = rect.inflate(-2 * band, -2 * band)
        fill = th.stability_colour(reg["stability"])
        pygame.draw.rect(surface, fill, inner, border_radius=s(6))
        if hovered:
            pygame.draw.rect(surface, th.colour("accent"), rect.inflate(s(4), s(4)), s(2), border_radius=s(9))
        bold, small = th.font("label", bold=True), th.font("small")
        halo = th.colour("label_bg")
        # the name and the stability badge
        name = fit(reg["name"], bold, inner.width - s(16))
        img = bold.render(name, True, th.colour("text"))
        box = img.get_rect(midtop=(inner.centerx, inner.y + s(6))).inflate(s(10), s(4))
        pygame.draw.rect(surface, halo, box, border_radius=s(3))
        surface.blit(img, img.get_rect(center=box.center))
        badge_text = ("⚠ " if reg["crisis"] else "") + f"{reg['stability']} {reg['change']}".rstrip()
        img = bold.render(badge_text, True, th.colour("decrease") if reg["crisis"] else th.colour("text"))
        badge = img.get_rect(midtop=(inner.centerx, box.bottom + s(6))).inflate(s(12), s(6))
        if badge.bottom < inner.bottom:
            pygame.draw.rect(surface, halo, badge, border_radius=s(4))
            pygame.draw.rect(surface, holder, badge, s(2), border_radius=s(4))
            surface.blit(img, img.get_rect(center=badge.center))
        held = fit(f"held by {reg['held_by']} · need {reg['need']}", small, inner.width - s(16))
        img = small.render(held, True, th.colour("text"))
        hb = img.get_rect(midtop=(inner.centerx, badge.bottom + s(4))).inflate(s(8), s(2))
        if hb.bottom < inner.bottom - s(4):
            pygame.draw.rect(surface, halo, hb, border_radius=s(3))
            surface.blit(img, img.get_rect(center=hb.center))
        # the counters along the bottom
        font = th.font(12)
        x = inner.x + s(6)
        y = inner.bottom - s(22)
        if y <= hb.bottom:
            return
        for u in reg.get("units", []):
            col = self.colour_of(u["actor"])
            text = ("◆" if u["pk"] else "■") + f" {self.short_of(u['actor'])} {u['n']}"
            img = font.render(text, True, th.ink_on(col))
            chip = pygame.Rect(x, y, img.get_width() + s(10), s(18))
            if chip.right > inner.right - s(6):
                break
            pygame.draw.rect(surface, col, chip, border_radius=s(3))
            pygame.draw.rect(
                surface,
                th.colour("peacekeeper") if u["pk"] else th.colour("territory_edge"),
                chip,
                s(2) if u["pk"] else 1,
                border_radius=s(3),
            )
            surface.blit(img, img.get_rect(center=chip.center))
            x = chip.right + s(4)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.hover is None or not self.seat or self.overlay:
            return
        regs = self.seat["regions"]
        if self.hover >= len(regs):
            return
        reg = regs[self.hover]
        lines = [
            reg["name"],
            f"Stability {reg['stability']} {reg['change']}".rstrip() + (" · in crisis" if reg["crisis"] else ""),
            f"Humanitarian need {reg['need']}",
            f"Held by {reg['held_by']}" + (f" · {reg['claim']}" if reg.get("claim") else ""),
            "Forces: " + (", ".join(reg["forces"]) or "none"),
        ]
        if reg["peacekeepers"]:
            lines.append("Peacekeepers: " + ", ".join(reg["peacekeepers"]))
        lines.append("Click: why its stability is what it is.")
        draw_tooltip(surface, self.app.theme, lines, self.mouse)
