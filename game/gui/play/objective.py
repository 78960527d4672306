"""The objective tracker: each victory and defeat condition of the role at
the keyboard, ✓ (holds) or ✗ (does not), with its current value (a link to
why it is what it is) and a warning when one is slipping. It sits in the top
right corner of the map, one line when folded (it starts folded unless the map is large).

The conditions, their values and the warnings come from the session
(:meth:`Game.objectives`); this module lays them out. The end screen uses
:func:`objective_html` for which conditions held and which failed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.play.panel import Panel
from game.gui.screen import esc
from game.gui.theme import SIZES
from game.session.fmt import SWITCHES
from game.session.game import Game
from game.session.objectives import Check, Objectives

if TYPE_CHECKING:
    from game.gui.app import App
    from game.gui.play.screen import PlayScreen

WHY = "why:"
"""The start of a link that opens the causal ledger of a value: ``why:quantity:i,j``."""


def why_link(quantity: str, subject: tuple[int, ...]) -> str:
    return f"{WHY}{quantity}:{','.join(str(i) for i in subject)}"


def parse_why(link: str) -> tuple[str, tuple[int, ...]] | None:
    if not link.startswith(WHY):
        return None
    quantity, _, subj = link[len(WHY) :].partition(":")
    return quantity, tuple(int(x) for x in subj.split(",") if x)


def summary(o: Objectives) -> str:
    """One line: how many of the victory's conditions hold, and the first warning."""
    top = o.victory.items if o.victory.kind == "all" else (o.victory,)
    held = sum(c.holds for c in top)
    text = (
        f"To win: {held} of {len(top)} ✓"
        if len(top) > 1
        else f"To win: {'met now ✓' if o.victory.holds else 'not yet ✗'}"
    )
    if o.defeat.holds:
        text += " · ✗ a defeat condition holds"
    elif o.warnings:
        text += f" · ⚠ {o.warnings[0]}"
    return text


def objective_html(app: "App", g: Game, o: Objectives, *, end: bool = False, small: bool = False) -> str:
    """The victory and defeat conditions as lines: ✓/✗, the condition, its value
    (a 'why' link when the seat sees it exactly), and the warnings."""
    th = app.theme
    good, bad, muted = th.hexcolour("increase"), th.hexcolour("decrease"), th.hexcolour("muted")
    link = th.hexcolour("accent")
    out: list[str] = []

    def line(c: Check, depth: int, defeat: bool) -> None:
        pad = "&nbsp;&nbsp;&nbsp;" * depth
        # Colour says good or bad for you: a victory condition holding, or a defeat condition not holding, is good.
        col = good if c.holds != defeat else bad
        mark = f"<font color='{col}'><b>{'✓' if c.holds else '✗'}</b></font>"
        if c.kind != "leaf":
            word = {"all": "all of", "any": "one of", "not": "none of"}[c.kind]
            out.append(f"{pad}{mark} <font color='{muted}'>{word}:</font><br>")
            for x in c.items:
                line(x, depth + 1, defeat)
            return
        value = esc(c.now)
        if c.quantity and c.exact and c.quantity not in SWITCHES | {"turn", "flag", "terms", "member"}:
            value = f"<a href='{why_link(c.quantity, c.subject)}'><font color='{link}'>{value}</font></a>"
        now = f" · now <b>{value}</b>" if c.now else ""
        out.append(f"{pad}{mark} {esc(c.text)}{now}<br>")
        if c.warning:
            out.append(f"{pad}&nbsp;&nbsp;&nbsp;<font color='{bad}'>⚠ {esc(c.warning)}</font><br>")

    def section(title: str, c: Check, defeat: bool, sep: str = ", ") -> None:
        # The outermost "all of" / "one of" goes into the title; its items are the lines.
        word = {"all": "all of", "any": "one of", "not": "none of"}.get(c.kind, "")
        out.append(f"<b>{title}</b>{sep + word if word and c.kind != 'not' else ''}:<br>")
        for x in c.items if c.kind in ("all", "any") else (c,):
            line(x, 0, defeat)

    if end:
        section(f"Victory {'won' if o.victory.holds else 'missed'}: it needed", o.victory, False, " ")
        section(f"Defeat {'suffered' if o.defeat.holds else 'avoided'}: it came with", o.defeat, True, " ")
    else:
        section("To win" + ("" if not o.victory.holds else " (met now)"), o.victory, False)
        section("You lose with" + (" (one holds now)" if o.defeat.holds else ""), o.defeat, True)
    out.append(f"<font color='{muted}'>✓ holds · ✗ does not · click a value: why</font>")
    return f"<font pixel_size={th.s(SIZES['small'])}>" + "".join(out) + "</font>" if small else "".join(out)


class Tracker(Panel):
    """The objective tracker over the map's top right corner."""

    WIDTH = 360

    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.expanded: bool | None = None
        """Unfolded or folded by the player; None: as the window's size suggests."""
        self.header: pygame_gui.elements.UIButton | None = None
        self.box: pygame_gui.elements.UITextBox | None = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.objectives: Objectives | None = None

    def small(self, area: pygame.Rect) -> bool:
        """A map too small for the whole tracker over it without hiding a good
        part of it (at 1280×720 it covered Kuwait or eastern Bosnia): it starts
        folded to its one line, and O or a click unfolds it."""
        return area.height < self.s(560) or area.width < self.s(600)

    def is_open(self, area: pygame.Rect) -> bool:
        return self.expanded if self.expanded is not None else not self.small(area)

    def header_rect(self, area: pygame.Rect) -> pygame.Rect | None:
        """Where the tracker's one line sits over ``area`` (the map), if it shows."""
        s = self.s
        if self.game.role_index(self.play.actor) is None or area.width < s(200):
            return None
        w = min(s(self.WIDTH), area.width - s(16))
        return pygame.Rect(area.right - w - s(8), area.y + s(46), w, s(30))  # below the map's legend

    def build(self, area: pygame.Rect) -> None:
        """The tracker in the top right corner of ``area`` (the map)."""
        s = self.s
        self.header = self.box = None
        self.rect = pygame.Rect(0, 0, 0, 0)
        head = self.header_rect(area)
        o = self.objectives = self.game.objectives(self.play.actor)
        if o is None or head is None:
            return
        x, y, w = head.x, head.y, head.width
        opened = self.is_open(area)
        text = ("▾ " if opened else "▸ ") + summary(o)
        font = self.app.theme.font("body", bold=True)  # the header may be in the bold of a highlighted button
        if font.size(text)[0] + s(20) > w:
            while len(text) > 8 and font.size(text + "…")[0] + s(20) > w:
                text = text[:-1]
            text += "…"
        self.header = self.button(
            (x, y, w, s(30)),
            text,
            self.toggle,
            tip="<br>".join(
                [esc(summary(o).split(" · ")[0]), *(f"⚠ {esc(w)}" for w in o.warnings)]
                + ["Your objective: each condition to win and to avoid losing, and its value now (O: fold/unfold)"]
            ),
            cls="tab_active" if o.warnings or o.defeat.holds else "tab",
        )
        self.rect = pygame.Rect(x, y, w, s(30))
        if not opened:
            return
        rows = len(list(o.victory.leaves())) + len(list(o.defeat.leaves())) + 3
        rows += sum(1 for c in o.victory.items + o.defeat.items if c.kind != "leaf")
        rows += sum(1 for c in o.leaves() if len(c.text) + len(c.now) > 40)  # lines that wrap
        rows += len(o.warnings)
        h = min(rows * s(19) + s(14), int(area.height * 0.5))
        html = objective_html(self.app, self.game, o, small=True)
        self.box = self.textbox((x, y + s(32), w, h), html, ident="tracker")
        self.rect.height += s(2) + h

    def toggle(self) -> None:
        area = self.play.map.rect
        self.expanded = not self.is_open(area)
        self.refresh()

    def refresh(self) -> None:
        """Build the tracker anew (its values changed, or it was folded or unfolded)."""
        for w in (self.header, self.box):
            if w is not None:
                w.kill()
        self.build(self.play.map.rect)
        self.app.dirty = True

    def covers(self, pos: tuple[int, int]) -> bool:
        return self.rect.collidepoint(pos)

    def handle(self, event: pygame.event.Event) -> bool:
        """A click on a value's link opens why it is what it is."""
        if event.type != pygame_gui.UI_TEXT_BOX_LINK_CLICKED or getattr(event, "ui_element", None) is not self.box:
            return False
        target = parse_why(event.link_target)
        if target is not None:
            self.play.open_why(*target)
        return True
