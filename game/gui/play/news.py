"""The news of the turn, under the map, with the buttons to the turn report,
the charts and the briefing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.play.panel import Panel
from game.gui.screen import esc

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen


class NewsPanel(Panel):
    HEIGHT = 118
    """The panel's height before the UI scale."""

    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.box: pygame_gui.elements.UITextBox | None = None

    def build(self, r: pygame.Rect) -> None:
        s = self.s
        g = self.game
        bw = s(150)
        news = g.news()
        muted = self.app.theme.hexcolour("muted")
        head = f"<font color='{muted}'><b>News · {esc(g.date)}</b></font><br>"
        body = "<br>".join(f"• {esc(t)}" for t in news) if news else f"<font color='{muted}'>No news this turn.</font>"
        self.box = self.textbox(
            (r.x + s(4), r.y + s(4), r.width - bw - s(12), r.height - s(8)), head + body, ident="news"
        )
        bx = r.right - bw - s(4)
        bh = (r.height - s(8) - 2 * s(4)) // 3
        self.button(
            (bx, r.y + s(4), bw, bh),
            "Turn report (R)",
            self.play.open_report,
            tip="What happened last turn, what changed and why, what the others did",
            enabled=bool(g.log),
        )
        self.button(
            (bx, r.y + s(4) + bh + s(4), bw, bh),
            "Charts (C)",
            lambda: self.play.open("charts", "leverage"),
            tip="Leverage, reputation, support and stability over the turns",
        )
        self.button(
            (bx, r.y + s(4) + 2 * (bh + s(4)), bw, bh),
            "Briefing (B)",
            lambda: self.play.open("briefing"),
            tip="Your role, your objective and the situation",
        )
