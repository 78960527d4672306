"""The region, actor and talks tabs: rows of values, each a button that
opens its causal ledger ("why"), and the scenario's description.

What this role may see of another actor comes from the session
(:meth:`Game.view`): a hidden value shows as its estimate, without a "why".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui

from game.core.spec import TrackStatus
from game.gui.mapview import STATUS_WORD
from game.gui.play.panel import Panel
from game.gui.screen import esc
from game.session.fmt import arrow, holding

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

Row = tuple[str, tuple[str, tuple[int, ...]] | None]
"""A row's text, and the value it opens the ledger of (None: a heading or a note)."""


class InfoTabs(Panel):
    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.region_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.actor_menu: pygame_gui.elements.UIDropDownMenu | None = None

    def actor_names(self) -> list[str]:
        return [x.name + (" (you)" if k == self.play.actor else "") for k, x in enumerate(self.game.rules.actors)]

    def handle(self, event: pygame.event.Event) -> bool:
        """A region or an actor chosen in the tab's drop-down; True if the event was a drop-down's."""
        if event.type != pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            return False
        if self.play.tab == "region" and event.ui_element is self.region_menu:
            names = [x.name for x in self.game.rules.regions]
            if event.text in names:
                self.app.defer(lambda: self.play.select_region(names.index(event.text)))
        elif self.play.tab == "actor" and event.ui_element is self.actor_menu:
            names = self.actor_names()
            if event.text in names:
                self.app.defer(lambda: self.play.select_actor(names.index(event.text)))
        return True

    def value_rows(
        self,
        box: Any,
        w: int,
        h: int,
        y0: int,
        rows: list[Row],
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
                    lambda q=q, subj=subj: self.play.open_why(q, subj),
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

    def vrow(
        self, name: str, q: str, subj: tuple[int, ...], fmt: str = "{:.0f}"
    ) -> tuple[str, tuple[str, tuple[int, ...]]]:
        g = self.game
        v, d = g.value(q, *subj), g.delta(q, *subj)
        first = g.series(q, *subj)[0] if g.history else v
        trend = f" · started at {fmt.format(first)}" if abs(first - v) >= 0.5 else ""
        return (f"{name}: {fmt.format(v)} {arrow(d)}{trend}".replace("  ", " "), (q, subj))

    def build_region(self, box: Any, w: int, h: int) -> None:
        """The selected region: its values, who holds it, the forces in it."""
        s = self.s
        g, r = self.game, self.game.rules
        st = g.state
        i = self.play.region
        reg = r.regions[i]
        names = [x.name for x in r.regions]
        self.region_menu = pygame_gui.elements.UIDropDownMenu(
            names, reg.name, pygame.Rect(0, 0, w, s(34)), self.manager, container=box
        )
        ctrl = int(st.control[0, i])
        rows: list[tuple[str, Any]] = [
            self.vrow("Stability", "stability", (i,)),
            self.vrow("Humanitarian need", "need", (i,)),
        ]
        holder, claim = holding(r, i, ctrl)
        rows.append((f"Held by {holder}" + (f" ({claim})" if claim else ""), ("control", (i,))))
        rows.append(("In crisis: " + ("yes ⚠" if st.crisis[0, i] else "no"), ("crisis", (i,))))
        if st.post_conflict[0, i]:
            rows.append(self.vrow("Reconstruction", "reconstruction", (i,)))
        rows.append(("Peacekeeping mandate: " + ("yes" if st.mandate_pk[0, i] else "no"), ("mandate_pk", (i,))))
        rows.append(("Forces present", None))
        any_f = False
        for a in range(r.n_actors):
            if st.forces[0, a, i] >= 0.5 or abs(g.delta("forces", a, i)) >= 0.5:
                rows.append(self.vrow(f"  ■ {r.actors[a].name}", "forces", (a, i)))
                any_f = True
        if not any_f:
            rows.append(("  none", None))
        pks = [
            a for a in range(r.n_actors) if st.peacekeepers[0, a, i] >= 0.5 or abs(g.delta("peacekeepers", a, i)) >= 0.5
        ]
        if pks:
            rows.append(("Peacekeepers", None))
            rows.extend(self.vrow(f"  ◆ {r.actors[a].name}", "peacekeepers", (a, i)) for a in pks)
        desc = g.scenario.meta.region_descriptions.get(reg.id, "")
        self.value_rows(
            box,
            w,
            h,
            s(40),
            rows,
            f"<font color='{self.app.theme.hexcolour('muted')}'>{esc(desc)}</font>" if desc else "",
        )

    def build_actor(self, box: Any, w: int, h: int) -> None:
        """The selected actor: its values (estimates where this role cannot see them), its relations."""
        s = self.s
        g, r = self.game, self.game.rules
        st = g.state
        a = self.play.sel_actor
        names = self.actor_names()
        self.actor_menu = pygame_gui.elements.UIDropDownMenu(
            names, names[a], pygame.Rect(0, 0, w, s(34)), self.manager, container=box
        )
        seen = g.view(self.play.actor)
        rows: list[tuple[str, Any]] = [
            self.vrow("Leverage", "leverage", (a,)),
            self.vrow("Reputation", "reputation", (a,)),
        ]
        hidden = False
        for label, q in (
            ("Domestic support", "support"),
            ("Military strength", "strength"),
            ("Readiness", "readiness"),
            ("Budget per turn", "budget"),
        ):
            if seen.exact(q, a):
                rows.append(self.vrow(label, q, (a,)))
            else:
                # Hidden from this seat: its estimate, and no "why" into another's ledger.
                rows.append((f"  {label}: about {seen.value(q, a):.0f}", None))
                hidden = True
        if hidden:
            rows.append(("  Estimates: intelligence or an alliance shows them", None))
        words = {
            "condemned": "condemned by the Council",
            "sanctions": "under Council sanctions",
            "force": "force authorised against it",
        }
        marks = [words[m] for m in dict(g.council_in_force()[0]).get(a, [])]
        # One line each: joined, two measures no longer fit the panel and the second was cut off.
        rows.extend((f"  {m[0].upper()}{m[1:]}", None) for m in marks)
        allis = [r.alliances[k].name for k in range(len(r.alliances)) if st.membership[0, k, a]]
        rows.append((f"  Alliances: {', '.join(allis) if allis else 'none'}", None))
        rows.append((f"Relations of {r.actors[a].short or r.actors[a].name} towards", None))
        for b in range(r.n_actors):
            if b == a:
                continue
            rel = self.vrow(
                f"  {r.actors[b].name}" + (" (you)" if b == self.play.actor else ""), "relations", (a, b), "{:+.0f}"
            )
            sanc = " · sanctions" if st.sanctions[0, a, b] else ""
            rows.append((rel[0] + sanc, rel[1]))
        desc = g.scenario.meta.actor_descriptions.get(r.actors[a].id, "")
        self.value_rows(
            box,
            w,
            h,
            s(40),
            rows,
            f"<font color='{self.app.theme.hexcolour('muted')}'>{esc(desc)}</font>" if desc else "",
        )

    def build_talks(self, box: Any, w: int, h: int) -> None:
        """The negotiation tracks: status, progress, trust and mediator."""
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
                    f"  {t.topic.value.replace('_', ' ')}: {r.actors[t.parties[0]].name} – "
                    f"{r.actors[t.parties[1]].name}",
                    None,
                )
            )
            rows.append((f"  Status: {STATUS_WORD[status]}", ("status", (k,))))
            rows.append(self.vrow("  Progress", "progress", (k,)))
            rows.append(self.vrow("  Trust", "trust", (k,)))
            med = int(st.mediator[0, k])
            rows.append((f"  Mediator: {r.actors[med].name if med >= 0 else 'none'}", ("mediator", (k,))))
        tip = (
            f"<font color='{self.app.theme.hexcolour('muted')}'>Talks advance a little each time a party negotiates: "
            "faster with trust, a respected mediator and a clear leverage gap; "
        )
        tip += "a ceasefire or peace accord not at all while its region is too unstable. "
        tip += (
            "Violence stalls them. From 40 progress a party may propose terms, and the other side answers on its "
            "next turn: the terms follow leverage and the ground. "
        )
        tip += "Orders for the talks are under Orders → Diplomatic.</font>"
        self.value_rows(box, w, h, 0, rows, tip)
