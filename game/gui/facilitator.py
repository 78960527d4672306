"""The facilitator's controls in the window (the "white cell" of a class).

Reached only from the game screen through the passphrase (see
:mod:`game.session.facilitator`); closing it locks it again, so the next
visit asks for the passphrase anew. It shows every actor's values, hidden ones
included, and the orders each role has queued; pauses and resumes the game;
sends one of the scenario's events or a news item of the facilitator's own
with changes to values; sets a value by hand; and lists every intervention.
One note field serves every action: the note is logged with the intervention
and its turn, kept in the save and printed in the debrief.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.core.conditions import QUANTITIES
from game.core.spec import TrackStatus
from game.gui.mapview import STATUS_WORD
from game.gui.screen import Screen, esc, fit, oid
from game.session.facilitator import Controls, FacilitatorError, describe, inject_list
from game.session.fmt import holding
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.app import App

FAC_TABS = ("overview", "inject", "custom", "set", "log")
TAB_NAMES = {
    "overview": "Every actor",
    "inject": "Send an event",
    "custom": "Write an event",
    "set": "Set a value",
    "log": "Log",
}
QUANTITY_CHOICES = (
    "leverage",
    "reputation",
    "support",
    "strength",
    "readiness",
    "budget",
    "stability",
    "need",
    "reconstruction",
    "relations",
    "forces",
    "peacekeepers",
    "progress",
    "trust",
    "tension",
)
"""The values a facilitator may change: the continuous ones (switches such as a mandate come from orders and events)."""
SUBJECT_KINDS = {
    "actor": ("actor",),
    "region": ("region",),
    "pair": ("actor", "actor"),
    "actor_region": ("actor", "region"),
    "track": ("track",),
    "global": (),
}
SUBJECT_WORDS = {"pair": ("of", "towards"), "actor_region": ("of", "in")}
CUSTOM_ROWS = 3


@dataclass
class Change:
    """One value to change, as the form holds it: the quantity, its subject's ids, the number typed."""

    quantity: str
    subject: list[str] = field(default_factory=list)
    amount: str = ""


def parse_number(text: str) -> float:
    """A number as people type it: '-8', '−8', '+5', '4,5'."""
    cleaned = text.strip().replace("−", "-").replace(",", ".")
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]
    try:
        return float(cleaned)
    except ValueError:
        raise FacilitatorError(f"'{text.strip()}' is not a number") from None


class FacilitatorScreen(Screen):
    title = "Facilitator"
    help_keys = [
        ("1 – 5", "every actor, send an event, write an event, set a value, the log"),
        ("P", "pause or resume the game"),
        ("Esc", "lock the controls and go back to the game"),
    ]

    def __init__(self, app: "App", back: Screen, controls: Controls) -> None:
        super().__init__(app)
        self.back_screen = back
        self.controls: Controls | None = controls
        self.game: Game = controls.game
        app.game = self.game
        r = self.game.rules
        self.tab = "overview"
        self.note = ""
        self.message = ""
        self.event_index: int | None = None
        self.headline = ""
        self.text = ""
        first_region = [r.regions[0].id] if r.regions else []
        self.changes = [Change("stability", list(first_region)) for _ in range(CUSTOM_ROWS)]
        self.setting = Change("stability", list(first_region))
        self.entry_setters: dict[Any, Callable[[str], None]] = {}
        self.menu_setters: dict[Any, Callable[[str], None]] = {}
        self.event_list: pygame_gui.elements.UISelectionList | None = None
        self.event_items: list[str] = []
        self.event_order: list[int] = []
        self.note_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.content: pygame_gui.elements.UIPanel | None = None
        self.msg_label: pygame_gui.elements.UILabel | None = None
        self.keys = {pygame.K_ESCAPE: self.close, pygame.K_p: self.toggle_pause}
        for k, tab in enumerate(FAC_TABS):
            self.keys[pygame.K_1 + k] = lambda tab=tab: self.set_tab(tab)

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        g, r = self.game, self.game.rules
        pad = s(12)
        self.entry_setters = {}
        self.menu_setters = {}
        self.event_list = None
        bold = self.app.theme.font(16, bold=True)
        pause_text = "Resume the game (P)" if g.paused else "Pause the game (P)"
        close_w = bold.size("Lock and close (Esc)")[0] + s(28)
        pause_w = bold.size("Resume the game (P)")[0] + s(28)
        turn = min(g.turn, r.turn_limit)
        title_w = W - 2 * pad - close_w - pause_w - s(20)
        self.label((pad, s(4), title_w, s(26)), f"Facilitator · {r.title}", cls="heading")
        state = "PAUSED" if g.paused else "running"
        self.label(
            (pad, s(28), title_w, s(22)),
            f"{g.date} · turn {turn} of {r.turn_limit} · {state}",
            cls="accent" if g.paused else "muted",
            ident="fac_state",
        )
        pause_tip = "While paused, no role can end its turn; orders can still be planned"
        self.button(
            (W - pad - close_w - s(8) - pause_w, s(8), pause_w, s(38)),
            pause_text,
            self.toggle_pause,
            cls="primary" if g.paused else "",
            tip=pause_tip,
        )
        self.button(
            (W - pad - close_w, s(8), close_w, s(38)),
            "Lock and close (Esc)",
            self.close,
            cls="primary",
            tip="Back to the game; the passphrase is asked again next time",
        )
        y = s(58)
        self.label((pad, y, s(150), s(34)), "Note for the log")
        note = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(pad + s(150), y, W - 2 * pad - s(150), s(34)), self.manager, initial_text=self.note
        )
        self.note_entry = self._entry(note, lambda t: setattr(self, "note", t))
        y += s(36)
        hint = "Why you intervene: logged with your next action and its turn, kept in the save and the debrief."
        if self.app.theme.font("label").size(hint)[0] + s(12) > W - 2 * pad - s(150):
            hint = "Logged with your next action; kept in the save and the debrief."
        self.label((pad + s(150), y, W - 2 * pad - s(150), s(22)), hint, cls="muted")
        y += s(28)
        tw = (W - 2 * pad) // len(FAC_TABS)
        for k, tab in enumerate(FAC_TABS):
            self.button(
                (pad + k * tw, y, tw - s(4), s(34)),
                f"{TAB_NAMES[tab]} ({k + 1})",
                lambda tab=tab: self.set_tab(tab),
                cls="tab_active" if tab == self.tab else "tab",
            )
        y += s(40)
        msg_h = s(30)
        rect = pygame.Rect(pad, y, W - 2 * pad, H - y - msg_h - s(8))
        self.content = pygame_gui.elements.UIPanel(rect, starting_height=1, manager=self.manager)
        getattr(self, f"_tab_{self.tab}")(self.content, rect.width - s(4), rect.height - s(4))
        self.msg_label = self.label(
            (pad, H - msg_h - s(4), W - 2 * pad, msg_h), self.message, cls="accent", ident="fac_message"
        )

    def _entry(
        self, entry: pygame_gui.elements.UITextEntryLine, setter: Callable[[str], None]
    ) -> pygame_gui.elements.UITextEntryLine:
        self.entry_setters[entry] = setter
        return entry

    def _menu(
        self, box: Any, rect: tuple[int, int, int, int], options: list[str], current: str, setter: Callable[[str], None]
    ) -> pygame_gui.elements.UIDropDownMenu:
        menu = pygame_gui.elements.UIDropDownMenu(
            options,
            current if current in options else options[0],
            pygame.Rect(rect),
            self.manager,
            container=box,
            object_id=oid("", "fac_menu"),
        )
        self.menu_setters[menu] = setter
        return menu

    # ------------------------------------------------------------ tabs
    def _tab_overview(self, box: Any, w: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        st = g.state
        scroller = pygame_gui.elements.UIScrollingContainer(
            pygame.Rect(0, 0, w, h), self.manager, container=box, allow_scroll_x=False
        )
        inner = w - s(20)
        y = 0
        name_w, who_w = min(s(230), int(inner * 0.25)), min(s(150), int(inner * 0.17))
        num_w = (inner - name_w - who_w) // 6
        cols = ("Leverage", "Reputation", "Support", "Strength", "Readiness", "Budget")
        if any(self.app.theme.font("heading", bold=True).size(c)[0] + s(10) > num_w for c in cols):
            cols = ("Lev.", "Rep.", "Sup.", "Str.", "Ready", "Budget")
        self.label((0, y, name_w, s(26)), "Actor", container=scroller, cls="heading")
        self.label((name_w, y, who_w, s(26)), "Played by", container=scroller, cls="heading")
        for k, c in enumerate(cols):
            self.label((name_w + who_w + k * num_w, y, num_w, s(26)), c, container=scroller, cls="heading")
        y += s(28)
        sealed = self.game.sealed
        assert self.controls is not None
        for a, row in enumerate(self.controls.overview()):
            who = ("human · ended" if a in sealed else "human") if row["human"] else "AI"
            self.label((0, y, name_w, s(24)), row["name"], container=scroller)
            self.label((name_w, y, who_w, s(24)), who, container=scroller, cls="muted")
            for k, q in enumerate(("leverage", "reputation", "support", "strength", "readiness", "budget")):
                self.label((name_w + who_w + k * num_w, y, num_w, s(24)), f"{row[q]:.0f}", container=scroller)
            y += s(24)
            if row["human"]:
                queued = "; ".join(row["queued"]) or "no order queued yet"
                self.label(
                    (s(16), y, inner - s(16), s(22)),
                    f"Queued: {queued}",
                    container=scroller,
                    cls="muted",
                    ident="fac_queued",
                )
                y += s(24)
        y += s(12)
        num = max(s(80), (inner - name_w) // 6)
        reg_cols = (
            ("Region", name_w),
            ("Stability", num),
            ("Need", num),
            ("Held by", 2 * num),
            ("Forces present", inner - name_w - 4 * num),
        )
        x = 0
        for text, cw in reg_cols:
            self.label((x, y, cw, s(26)), text, container=scroller, cls="heading")
            x += cw
        y += s(28)
        for i, reg in enumerate(r.regions):
            forces = (
                ", ".join(
                    f"{r.actors[a].short or r.actors[a].name} {st.forces[0, a, i]:.0f}"
                    for a in range(r.n_actors)
                    if st.forces[0, a, i] >= 0.5
                )
                or "none"
            )
            crisis = " · crisis" if st.crisis[0, i] else ""
            cells = (
                reg.name + crisis,
                f"{st.stability[0, i]:.0f}",
                f"{st.need[0, i]:.0f}",
                holding(r, i, int(st.control[0, i]))[0],
                forces,
            )
            x = 0
            for (_, cw), text in zip(reg_cols, cells):
                self.label((x, y, cw, s(24)), text, container=scroller)
                x += cw
            y += s(24)
        if r.tracks:
            y += s(12)
            self.label((0, y, inner, s(26)), "Talks", container=scroller, cls="heading")
            y += s(28)
            for k, t in enumerate(r.tracks):
                med = int(st.mediator[0, k])
                text = (
                    f"{t.name}: {STATUS_WORD[TrackStatus(int(st.track_status[0, k]))]} · progress "
                    f"{st.progress[0, k]:.0f} · trust {st.trust[0, k]:.0f} · mediator "
                    f"{r.actors[med].name if med >= 0 else 'none'}"
                )
                self.label((0, y, inner, s(24)), text, container=scroller)
                y += s(24)
        y += s(8)
        self.label((0, y, inner, s(24)), f"World tension {float(st.tension[0]):.0f}", container=scroller)
        y += s(28)
        scroller.set_scrollable_area_dimensions((inner, y))

    def _tab_inject(self, box: Any, w: int, h: int) -> None:
        s = self.s
        r = self.game.rules
        list_w = min(s(440), w // 2)
        events = list(r.events)
        order = sorted(range(len(events)), key=lambda k: (not events[k].inject, k))
        self.event_order = order
        font, room = self.app.theme.font("body"), list_w - s(34)
        status = {x["id"]: x for x in inject_list(self.game)}

        def item(k: int) -> str:
            e, x = events[k], status[events[k].id]
            # The marks come first: a long name is cut at its end, never the mark.
            done = f"✓T{x['turn']} " if x["fired"] and x.get("turn") else ("✓ " if x["fired"] else "")
            return ("★ " if e.inject else "") + f"{done}{e.name} ({e.id})"

        self.event_items = [fit(item(k), font, room) for k in order]
        self.label(
            (0, 0, list_w, s(26)),
            "Events (★ inject · ✓T3 fired turn 3)",
            cls="heading",
            container=box,
        )
        if not self.event_items:
            self.textbox((0, s(30), list_w, h - s(30)), "This scenario has no events.", container=box)
            return
        current = None
        if self.event_index is not None and self.event_index in order:
            current = self.event_items[order.index(self.event_index)]
        self.event_list = pygame_gui.elements.UISelectionList(
            pygame.Rect(0, s(30), list_w, h - s(30)),
            self.event_items,
            self.manager,
            container=box,
            default_selection=current,
        )
        x = list_w + s(10)
        dw = w - x
        self.textbox((x, 0, dw, h - s(52)), self._event_html(), container=box, ident="fac_event")
        self.button(
            (x, h - s(44), dw, s(42)),
            "Send this event now",
            self.send_event,
            container=box,
            cls="primary",
            enabled=self.event_index is not None,
        )

    def _event_html(self) -> str:
        th = self.app.theme
        muted = th.hexcolour("muted")
        if self.event_index is None:
            return (
                f"<font color='{muted}'>Choose an event in the list: what it says and does shows here. It fires at "
                "once, as news of this turn, and the note above goes with it into the log.</font>"
            )
        e = self.game.rules.events[self.event_index]
        kind = (
            "A prepared inject: it fires only when the facilitator sends it."
            if e.inject
            else "A scenario event: it may also fire on its own when its conditions hold."
        )
        return (
            f"{self.app.theme.html_heading(esc(e.name))}<br><font color='{muted}'>{esc(e.id)} · "
            f"{kind}</font><br><br>{esc(e.text)}"
        )

    def _change_row(self, box: Any, y: int, x0: int, change: Change, amount_label: str, w: int) -> None:
        """Dropdowns for a quantity and its subject, then the number."""
        s = self.s
        font = self.app.theme.font("label")
        qw, nw = s(160), s(110)

        def set_quantity(text: str, change: Change = change) -> None:
            if text != change.quantity:
                change.quantity = text
                change.subject = self._default_subject(text)
                self.app.defer(self.app.rebuild)

        self._menu(box, (x0, y, qw, s(34)), list(QUANTITY_CHOICES), change.quantity, set_quantity)
        table = QUANTITIES[change.quantity].table
        kinds = SUBJECT_KINDS[table]
        words = SUBJECT_WORDS.get(table, ("of",) * len(kinds)) if table != "region" else ("in",)
        word_w = [font.size(word)[0] + s(20) for word in words]
        amount_w = font.size(amount_label)[0] + s(20)
        # Subject menus share the room left by the rest of the row (the "now" label of "set to" needs some too).
        rest = w - x0 - qw - s(6) - sum(word_w) - amount_w - nw - s(8) - (s(200) if amount_label == "set to" else 0)
        sw = max(s(110), min(s(200), rest // max(1, len(kinds)) - s(6)))
        x = x0 + qw + s(6)
        for k, kind in enumerate(kinds):
            self.label((x, y, word_w[k], s(34)), words[k], container=box, cls="muted")
            x += word_w[k]
            ids, names = self._choices(kind)

            def set_subject(
                text: str, k: int = k, ids: list[str] = ids, names: list[str] = names, change: Change = change
            ) -> None:
                if text in names:
                    change.subject[k] = ids[names.index(text)]
                    self.app.defer(self.app.rebuild)  # the value "now" follows the choice

            cur = change.subject[k] if k < len(change.subject) else ids[0]
            self._menu(box, (x, y, sw, s(34)), names, names[ids.index(cur)] if cur in ids else names[0], set_subject)
            x += sw + s(6)
        if not kinds:
            self.label((x, y, font.size("of the world")[0] + s(20), s(34)), "of the world", container=box, cls="muted")
            x += font.size("of the world")[0] + s(26)
        self.label((x, y, amount_w, s(34)), amount_label, container=box, cls="muted")
        x += amount_w
        entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(x, y, nw, s(34)), self.manager, container=box, initial_text=change.amount
        )
        self._entry(entry, lambda t, change=change: setattr(change, "amount", t))
        x += nw + s(8)
        if amount_label == "set to":
            q = QUANTITIES[change.quantity]
            now = self._current(change)
            self.label(
                (x, y, max(s(60), w - x), s(34)),
                f"now {now:.0f} · from {q.lo:g} to {q.hi:g}" if now is not None else "",
                container=box,
                cls="muted",
                ident="fac_now",
            )

    def _choices(self, kind: str) -> tuple[list[str], list[str]]:
        r = self.game.rules
        specs = {"actor": r.actors, "region": r.regions, "track": r.tracks}[kind]
        return [x.id for x in specs], [x.name for x in specs]

    def _default_subject(self, quantity: str) -> list[str]:
        kinds = SUBJECT_KINDS[QUANTITIES[quantity].table]
        out = []
        for k, kind in enumerate(kinds):
            ids, _ = self._choices(kind)
            out.append(ids[min(k, len(ids) - 1)] if ids else "")
        return out

    def _current(self, change: Change) -> float | None:
        assert self.controls is not None
        try:
            idx = self.controls.subject(change.quantity, change.subject)
        except FacilitatorError:
            return None
        return self.game.value(change.quantity, *idx)

    def _tab_custom(self, box: Any, w: int, h: int) -> None:
        s = self.s
        y = 0
        self.label((0, y, s(120), s(34)), "Headline", container=box)
        head = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(s(120), y, w - s(120), s(34)), self.manager, container=box, initial_text=self.headline
        )
        self._entry(head, lambda t: setattr(self, "headline", t))
        y += s(40)
        self.label((0, y, s(120), s(34)), "Text", container=box)
        text = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(s(120), y, w - s(120), s(34)), self.manager, container=box, initial_text=self.text
        )
        self._entry(text, lambda t: setattr(self, "text", t))
        y += s(46)
        self.label(
            (s(120), y, w - s(120), s(24)),
            "The headline shows in everyone's news; the text (optional) follows it.",
            cls="muted",
            container=box,
        )
        y += s(30)
        self.label(
            (0, y, w, s(26)),
            "What it changes (a row with no amount is left out; −8 lowers a value, 8 raises it)",
            cls="heading",
            container=box,
        )
        y += s(32)
        for change in self.changes:
            self._change_row(box, y, 0, change, "add", w)
            y += s(42)
        y += s(8)
        self.button((0, y, min(w, s(360)), s(42)), "Send this news now", self.send_custom, container=box, cls="primary")

    def _tab_set(self, box: Any, w: int, h: int) -> None:
        s = self.s
        muted = self.app.theme.hexcolour("muted")
        explain = (
            "Set one value by hand, e.g. the stability of a region the class thinks the rules misjudge. The change "
            "shows in the causal ledger with your note as its cause."
        )
        self.textbox((0, 0, w, s(76)), f"<font color='{muted}'>{explain}</font>", container=box)
        self._change_row(box, s(84), 0, self.setting, "set to", w)
        self.button((0, s(132), min(w, s(360)), s(42)), "Set the value", self.set_value, container=box, cls="primary")

    def _tab_log(self, box: Any, w: int, h: int) -> None:
        g = self.game
        muted = self.app.theme.hexcolour("muted")
        rows = []
        for i in reversed(g.interventions):
            note = f" — <i>{esc(i['note'])}</i>" if i.get("note") else f" <font color='{muted}'>(no note)</font>"
            rows.append(f"<font color='{muted}'>turn {i.get('turn')}</font>  {esc(describe(g, i))}{note}")
        html = (
            "<br>".join(rows)
            if rows
            else f"<font color='{muted}'>No intervention yet. Each one is listed here with its turn and note, newest "
            "first; the save keeps them and the debrief prints them.</font>"
        )
        self.textbox((0, 0, w, h), f"<b>Interventions</b><br>{html}", container=box, ident="fac_log")

    # ------------------------------------------------------------ actions
    def _done(self, message: str) -> None:
        """An intervention was made: clear the note, say so, show the new values."""
        self.note = ""
        self.message = message
        self.app.rebuild()

    def _refuse(self, exc: Exception) -> None:
        text = str(exc)
        self.message = f"Cannot do that: {text[:1].lower()}{text[1:]}."
        if self.msg_label is not None and self.msg_label.alive():
            self.msg_label.set_text(self.message)

    def toggle_pause(self) -> None:
        if self.controls is None:
            return
        if self.game.paused:
            self.controls.resume(self.note)
            self._done("The game is running again.")
        else:
            self.controls.pause(self.note)
            self._done("The game is paused: no role can end its turn until you resume it.")

    def send_event(self) -> None:
        if self.controls is None or self.event_index is None:
            return
        e = self.game.rules.events[self.event_index]
        try:
            news = self.controls.inject(e.id, self.note)
        except FacilitatorError as exc:
            self._refuse(exc)
            return
        self._done(f"Sent: {e.name}." + (f" News: {news[0]}" if news else ""))

    def _resolved_changes(self) -> list[tuple[str, list[str], float]]:
        return [(c.quantity, list(c.subject), parse_number(c.amount)) for c in self.changes if c.amount.strip()]

    def send_custom(self) -> None:
        if self.controls is None:
            return
        try:
            changes = self._resolved_changes()
            self.controls.custom_event(self.headline.strip(), self.text.strip(), changes, self.note)
        except FacilitatorError as exc:
            self._refuse(exc)
            return
        headline = self.headline.strip()
        self.headline, self.text = "", ""
        for c in self.changes:
            c.amount = ""
        self._done(
            f"News sent: {headline}"
            + (f" ({len(changes)} change{'s' if len(changes) != 1 else ''})" if changes else "")
        )

    def set_value(self) -> None:
        if self.controls is None:
            return
        c = self.setting
        try:
            value = parse_number(c.amount)
            self.controls.adjust(c.quantity, list(c.subject), value, self.note)
        except FacilitatorError as exc:
            self._refuse(exc)
            return
        c.amount = ""
        self._done(f"{describe(self.game, self.game.interventions[-1])}.")

    def set_tab(self, tab: str) -> None:
        self.tab = tab
        self.message = ""
        self.app.rebuild()

    def close(self) -> Screen:
        """Lock the controls again and go back to the game (which shows the values anew)."""
        self.controls = None
        self.app.toast("Facilitator controls locked.")
        return self.back_screen

    # ------------------------------------------------------------ events
    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        t = event.type
        if t == pygame_gui.UI_TEXT_ENTRY_CHANGED and event.ui_element in self.entry_setters:
            self.entry_setters[event.ui_element](event.text)
            return None
        if t == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element in self.menu_setters:
            self.menu_setters[event.ui_element](event.text)
            return None
        if t == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.event_list:
            if event.text in self.event_items:
                self.event_index = self.event_order[self.event_items.index(event.text)]
                self.app.defer(self.app.rebuild)
            return None
        if t == pygame.KEYDOWN and consumed:
            if event.key == pygame.K_ESCAPE:
                self.manager.set_focus_set(None)  # stop typing; Esc again locks and closes
            return None
        return super().handle(event, consumed)
