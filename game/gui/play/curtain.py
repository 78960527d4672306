"""The hot-seat hand-over screen (the curtain): between two roles it shows
nothing of either, only whom to hand the keyboard to; after the turn resolves,
what every role may know (the orders carried out and the news)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.actions.common import subj
from game.gui.play.html import public_report_html
from game.gui.play.panel import Panel

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

CURTAIN_OVERLAYS = ("menu", "passphrase", "debrief")
"""The only windows that may open over the hand-over screen: none shows a role's private data."""


@dataclass
class Curtain:
    """The hand-over screen between hot-seat roles: what it may say."""

    next: int | None
    """The role the keyboard goes to (None while the turn resolves)."""
    sealed: int | None = None
    """The role that has just ended its turn."""
    resolved: int | None = None
    """The turn just resolved, whose public report the curtain shows."""


class CurtainView(Panel):
    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.ready_button: pygame_gui.elements.UIButton | None = None

    def build(self) -> pygame_gui.elements.UILabel | None:
        """The hand-over screen; the label that says the turn is resolving, if it is."""
        s = self.s
        W, H = self.app.size
        g, r = self.game, self.game.rules
        c = self.play.curtain
        assert c is not None
        th = self.app.theme
        self.button(
            (s(6), s(8), s(86), s(38)),
            "☰ Menu",
            lambda: self.play.open("menu"),
            tip="Save, load, settings, main menu (Esc)",
        )
        if g.facilitator:
            self.button(
                (W - s(126), H - s(44), s(120), s(36)),
                "Facilitator",
                self.play.open_facilitator,
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
                f"{subj(r, c.sealed, 'has ended its turn:')} "
                f"{'their' if r.actors[c.sealed].plural else 'its'} orders are sealed.",
                cls="heading",
            )
            y += s(36)
            waiting = [g.teams.get(a) or r.actors[a].name for a in self.play.waiting()]
            if waiting:
                self.label((x, y, cw, s(26)), "Still to give orders: " + ", ".join(waiting), cls="muted")
            y += s(40)
        else:
            y += s(40)
        if c.next is None:
            text = f"Every role has ended its turn. Turn {g.turn} is resolving…"
            w = min(th.font(18, bold=True).size(text)[0] + s(90), cw)
            return self.label(((W - w) // 2, y + s(40), w, s(48)), text, cls="thinking")
        name = r.actors[c.next].name
        team = g.teams.get(c.next)
        self.label((x, y, cw, s(44)), f"Hand over to {team} ({name})" if team else f"Hand over to {name}", cls="title")
        y += s(48)
        self.label((x, y, cw, s(26)), f"Pass the keyboard to the team leading {name}.", cls="muted")
        self.label(
            (x, y + s(26), cw, s(26)),
            "They press Ready when nobody else can see the screen; until then it shows nothing of any role.",
            cls="muted",
        )
        y += s(64)
        self.ready_button = self.button(
            (x, y, min(cw, s(360)), s(48)), f"Ready: we are {name} (Enter)", self.play.ready, cls="primary"
        )
        if g.paused:
            self.label(
                (x + min(cw, s(360)) + s(16), y + s(8), cw - min(cw, s(360)) - s(16), s(32)),
                "Paused by the facilitator",
                cls="accent",
            )
        if self.play.overlay and self.play.overlay[0] in CURTAIN_OVERLAYS:
            self.play.overlays.show()
        else:
            self.play.overlay = None
        return None

    def handle(self, event: pygame.event.Event) -> None:
        """Behind the curtain only Ready, the game menu and the facilitator answer."""
        if event.type != pygame.KEYDOWN or self.play.thinking:
            return
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            win = self.app.top_window()
            if win is not None:
                win.kill()
            else:
                self.play.ready()
        elif event.key == pygame.K_ESCAPE:
            self.play.open("menu")
        elif event.key == pygame.K_f:
            self.play.open_facilitator()
