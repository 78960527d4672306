"""The orders tab and the Security Council tab: the list of orders (or of
draft resolutions), the chosen one's cost, needs and predicted effects (and
vote), the button that queues it and the queued orders.

The predictions and the forecast vote come from the session
(:meth:`Game.options`, :meth:`Game.council_forecast`); this module lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.core.spec import Category
from game.gui.effects import effect_items
from game.gui.play.panel import Panel
from game.gui.screen import esc, fit, possessive
from game.session.game import OptionView
from game.session.objectives import Odds

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen


class OrdersTab(Panel):
    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.list: pygame_gui.elements.UISelectionList | None = None
        self.items: list[tuple[str, int | None]] = []
        """The list's lines and the option each stands for (None: a line that only explains)."""
        self.detail: pygame_gui.elements.UITextBox | None = None
        self.queue_button: pygame_gui.elements.UIButton | None = None
        self.remove_buttons: list[pygame_gui.elements.UIButton] = []
        self.list_key: tuple[Any, ...] | None = None
        """What the list shows (tab, category, role): its scroll position is kept for the same list."""
        self.order: dict[tuple[Any, ...], tuple[list[int], list[int]]] = {}
        """The order of the lines of the list shown this turn: available first, as they were when it was first shown."""
        self.scroll: dict[tuple[Any, ...], float] = {}
        """The scroll position (0–1, from the top) of each list, kept when the widgets are built anew."""

    def clear(self) -> None:
        """The tab's widgets are gone (another tab shows, or the screen is laid out anew)."""
        self.remember_scroll()
        self.list = None
        self.items = []
        self.detail = None
        self.queue_button = None
        self.remove_buttons = []

    def build_orders(self, box: Any, w: int, h: int) -> None:
        """The orders tab: military or diplomatic orders, the chosen one's details, the queued ones."""
        s = self.s
        g = self.game
        half = (w - s(4)) // 2
        for k, (cat, name) in enumerate(((Category.MILITARY, "Military (M)"), (Category.DIPLOMATIC, "Diplomatic (D)"))):
            self.button(
                (k * (half + s(4)), 0, half, s(32)),
                name,
                lambda cat=cat: self.play.set_category(cat),
                container=box,
                cls="tab_active" if cat == self.play.category else "tab",
            )
        left = g.budget_left(self.play.actor)
        nq = len(g.pending.get(self.play.actor, []))
        self.label(
            (0, s(36), w, s(24)),
            f"Budget left {left:.0f} of {g.value('budget', self.play.actor):.0f} · orders {nq} of {g.rules.max_orders}",
            container=box,
            cls="muted",
        )
        views = [v for v in self.play.options() if v.category == self.play.category]
        queued_h = s(28) + g.rules.max_orders * s(32)
        list_h = max(s(110), int((h - s(64) - queued_h - s(44)) * 0.42))
        detail_h = h - s(64) - list_h - s(44) - queued_h - s(8)
        self._list(box, pygame.Rect(0, s(62), w, list_h), views)
        self.detail = self.textbox((0, s(64) + list_h, w, max(s(60), detail_h)), self.detail_html(), container=box)
        y = s(66) + list_h + max(s(60), detail_h)
        self.queue_button = self.button(
            (0, y, w, s(38)),
            "Queue this order (Space)",
            self.play.queue_selected,
            container=box,
            cls="primary",
            enabled=self.play.can_queue(),
        )
        y += s(44)
        self._queued_rows(box, y, w)

    def _list(self, box: Any, rect: pygame.Rect, views: list[OptionView]) -> None:
        # The available orders first, then the others; the order is kept for the
        # rest of the turn, so that queuing one never moves the lines under the pointer
        # (an order that has become unavailable is greyed where it stands).
        key = (self.play.tab, self.play.category, self.play.actor, self.game.turn)
        by_id = {v.option: v for v in views}
        frozen = self.order.get(key)
        if frozen is None or set(frozen[0]) | set(frozen[1]) != set(by_id):
            frozen = ([v.option for v in views if v.legal], [v.option for v in views if not v.legal])
            self.order = {k: v for k, v in self.order.items() if k[3] == self.game.turn}
            self.order[key] = frozen
        legal = [by_id[o] for o in frozen[0]]
        illegal = [by_id[o] for o in frozen[1]]
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
        self.items = items
        legal_ids = {v.option for v in views if v.legal}
        entries = [(t, "#option_available" if o in legal_ids else "#option_unavailable") for t, o in items]
        sel = next((e for e, (_, o) in zip(entries, items) if o is not None and o == self.play.selected_option), None)
        self.list = pygame_gui.elements.UISelectionList(
            rect, entries, self.manager, container=box, default_selection=sel
        )
        self.list_key = (self.play.tab, self.play.category, self.play.actor)
        # Built anew (an order queued, the window resized): the list stays where the player left it.
        start = self.scroll.get(self.list_key)
        if start is not None and self.list.scroll_bar is not None:
            self.list.scroll_bar.set_scroll_from_start_percentage(start)
            self.list.update(0.0)

    def remember_scroll(self) -> None:
        lst = self.list
        if lst is not None and self.list_key is not None and lst.scroll_bar is not None:
            self.scroll[self.list_key] = float(lst.scroll_bar.start_percentage)

    def _queued_rows(self, box: Any, y: int, w: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        queued = g.pending.get(self.play.actor, [])
        self.label(
            (0, y, w, s(24)),
            "Queued orders" if queued else "No orders queued yet.",
            container=box,
            cls="heading" if queued else "muted",
        )
        y += s(28)
        self.remove_buttons.clear()
        for k, o in enumerate(queued):
            self.label((0, y, w - s(44), s(30)), f"{k + 1}. {r.option_label(o)} · {r.opt_cost[o]}", container=box)
            b = self.button(
                (w - s(40), y, s(38), s(30)),
                "✕",
                lambda k=k: self.play.unqueue(k),
                container=box,
                cls="remove",
                tip="Remove this order",
                enabled=not self.play.thinking,
            )
            self.remove_buttons.append(b)
            y += s(32)

    def build_council(self, box: Any, w: int, h: int) -> None:
        """The Security Council tab: its seats, the resolutions in force and the drafts to table."""
        s = self.s
        g, r = self.game, self.game.rules
        c = r.council
        names = lambda xs: ", ".join(r.actors[a].name for a in xs) or "none"
        if c.seats == 0:
            self.textbox((0, 0, w, h), "This scenario has no Security Council.", container=box)
            return
        info = (
            f"<b>Security Council</b>: {c.seats} seats; a draft needs {c.pass_votes} votes and no veto.<br>Permanent "
            f"(veto): {esc(names(c.permanent))}<br>"
        )
        if c.elected:
            info += f"Elected: {esc(names(c.elected))}<br>"
        if c.other_seats:
            info += f"{c.other_seats} other seats vote by the parties' reputations.<br>"
        words = {"condemned": "condemned", "sanctions": "under sanctions", "force": "force authorised against it"}
        actors, regions = g.council_in_force()
        marks = [f"{esc(r.actors[a].name)}: {', '.join(words[m] for m in ms)}" for a, ms in actors]
        marks += [f"peacekeepers mandated in {esc(r.regions[k].name)}" for k in regions]
        info += (
            "In force: "
            + ("; ".join(marks) if marks else "no resolution yet")
            + "<br>Choose a draft to see the predicted vote."
        )
        info_h = s(150)
        self.textbox((0, 0, w, info_h), info, container=box)
        drafts = [
            v
            for v in self.play.options()
            if v.action.startswith("resolution") or g.council_forecast(v.option) is not None
        ]
        rest = h - info_h - s(4)
        list_h = max(s(90), int(rest * 0.34))
        self._list(box, pygame.Rect(0, info_h + s(4), w, list_h), drafts)
        detail_h = rest - list_h - s(50)
        self.detail = self.textbox((0, info_h + s(6) + list_h, w, detail_h), self.detail_html(), container=box)
        self.queue_button = self.button(
            (0, h - s(40), w, s(38)),
            "Table this draft (Space)",
            self.play.queue_selected,
            container=box,
            cls="primary",
            enabled=self.play.can_queue(),
        )

    def detail_html(self) -> str:
        g, r = self.game, self.game.rules
        th = self.app.theme
        v = self.play.view_of(self.play.selected_option)
        muted = th.hexcolour("muted")
        if v is None:
            return (
                f"<font color='{muted}'>Choose an order in the list to see its cost, what it needs and what it is "
                "predicted to do. Then queue it.</font>"
            )
        act = r.actions[int(r.opt_action[v.option])]
        left = g.budget_left(self.play.actor)
        out = [f"<b>{esc(v.label)}</b><br>Cost <b>{v.cost}</b> of your {left:.0f} points left · {v.category.value}<br>"]
        if v.reason:
            out.append(f"<font color='{th.hexcolour('decrease')}'><b>✕ Not available:</b></font> {esc(v.reason)}<br>")
        else:
            out.append(f"<font color='{th.hexcolour('increase')}'><b>✓ Available now.</b></font><br>")
            odds = g.odds(self.play.actor, v.option)
            if odds is not None:
                out.append(self.odds_html(odds))
            out.append("<b>Predicted effects</b> (range if uncertain):<br>")
            items, notes = effect_items(g, self.play.actor, v.prediction, limit=12)
            good, bad = th.hexcolour("increase"), th.hexcolour("decrease")
            for text, sign in items or [("no direct effect", 0)]:
                if sign > 0:
                    out.append(f"<font color='{good}'>✓ {esc(text)}</font><br>")
                elif sign < 0:
                    out.append(f"<font color='{bad}'>✗ {esc(text)}</font><br>")
                else:
                    out.append(f"• {esc(text)}<br>")
            if items:
                out.append(f"<font color='{muted}'>✓ good for you · ✗ bad for you · • neither</font><br>")
            if odds is not None and odds.kind == "proposal":
                # The answer and its reasons are said above.
                notes = [n for n in notes if odds.why not in n]
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

    def odds_html(self, odds: Odds) -> str:
        """The chance an order does what it is for: a strike succeeds, a draft is
        adopted, the counterpart accepts a proposal (with its expected answer and why)."""
        th = self.app.theme
        pct = f"{odds.chance * 100:.0f}%"
        col = th.hexcolour("increase" if odds.chance >= 0.6 else "decrease" if odds.chance < 0.4 else "text")
        if odds.kind == "strike":
            return f"<b>Chance of success: <font color='{col}'>{pct}</font></b><br>"
        if odds.kind == "draft":
            return f"<b>Chance the Council adopts it: <font color='{col}'>{pct}</font></b> (the vote below)<br>"
        who = self.game.rules.actors[odds.counterpart]
        name = esc(who.name)
        answers = "they answer" if who.plural else "it answers"
        return (
            f"<b>{esc(possessive(who.name))} expected answer: <font color='{col}'>{esc(odds.answer)} ({pct})</font></b>"
            f"<br>As things stand you would ask for {odds.terms * 100:.0f} of every 100 at stake, {name} keeping "
            f"{(1 - odds.terms) * 100:.0f} (the terms are set after this turn's military moves); {answers} next turn. "
            f"Why: {esc(odds.why)}.<br>"
        )

    def move(self, d: int) -> None:
        """Choose the order ``d`` places down (up if negative) the list, round the ends."""
        if self.play.tab not in ("orders", "council") or not self.items:
            return
        ids = [o for _, o in self.items if o is not None]
        if not ids:
            return
        chosen = self.play.selected_option
        k = ids.index(chosen) + d if chosen in ids else (0 if d > 0 else len(ids) - 1)
        self.play.select_option(ids[k % len(ids)])
        self.scroll_to_selection()

    def sync_selection(self) -> None:
        """Highlight the chosen order in the list (and nothing else), in place."""
        if self.list is None:
            return
        for (_, o), item in zip(self.items, self.list.item_list):
            want = o is not None and o == self.play.selected_option
            item["selected"] = want
            b = item.get("button_element")
            if b is not None and b.alive():
                b.select() if want else b.unselect()

    def scroll_to_selection(self) -> None:
        """Scroll the list just enough to show the chosen order (not at all if it shows)."""
        lst = self.list
        if lst is None or lst.scroll_bar is None:
            return
        idx = next((k for k, (_, o) in enumerate(self.items) if o == self.play.selected_option), None)
        if idx is None:
            return
        sb = lst.scroll_bar
        h = lst.list_item_height
        total = max(1, h * len(self.items))
        view = sb.visible_percentage * total
        top = sb.start_percentage * total
        y = idx * h
        if y < top:
            new = y
        elif y + h > top + view:
            new = y + h - view
        else:
            return
        sb.set_scroll_from_start_percentage(new / total)
        lst.update(0.0)

    def refresh(self) -> None:
        """Show the chosen order's details, and whether it can be queued; highlight it in the list."""
        self.sync_selection()
        if self.detail is not None and self.detail.alive():
            self.detail.set_text(self.detail_html())
        if self.queue_button is not None and self.queue_button.alive():
            self.queue_button.enable() if self.play.can_queue() else self.queue_button.disable()

    def turn_started(self) -> None:
        """The turn is resolving: nothing can be queued or removed."""
        for b in self.remove_buttons:
            b.disable()
        if self.queue_button is not None:
            self.queue_button.disable()

    def handle(self, event: pygame.event.Event) -> bool:
        """A choice in the list (a double click queues it); True if the event was the list's."""
        if self.list is None or getattr(event, "ui_element", None) is not self.list:
            return False
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            idx = next((k for k, (text, _) in enumerate(self.items) if text == event.text), None)
            if idx is not None and self.items[idx][1] is not None:
                self.play.select_option(self.items[idx][1])
            else:
                self.sync_selection()  # a line that only explains: it cannot be chosen
            return True
        if event.type == pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION:
            self.sync_selection()  # clicking the chosen order again keeps it chosen
            return True
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            idx = next((k for k, (text, _) in enumerate(self.items) if text == event.text), None)
            if idx is not None and self.items[idx][1] is not None:
                self.play.queue_selected()
            return True
        return False
