"""The guided tutorial: when the tutorial scenario is played in the window, a
card over the map walks the player through the screen, one step at a time.
Each step points at the widget it talks about (the top bar, the orders, the
predicted effects, the queue button, End turn, the "why" view, the objective
tracker) and waits until the player has done what it asks: it never moves on
by itself. "Skip the tutorial" closes it for this game.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.play.panel import Panel
from game.gui.screen import esc, wrapped_lines

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

PULSE_S = 4.0
"""How long the pointer pulses after a step begins, in seconds."""
TUTORIAL_ID = "tutorial"
"""The scenario the guided tutorial belongs to."""


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    text: str
    target: Callable[["PlayScreen"], pygame.Rect | None]
    """The widget the step points at (None: nothing to point at now)."""
    done: Callable[["PlayScreen", dict], bool]
    """Whether the player has done what the step asks, against what was so when the step began."""
    button: str = ""
    """A button that ends the step (the last one's "Got it")."""


def _union(rects: list[pygame.Rect]) -> pygame.Rect | None:
    return rects[0].unionall(rects[1:]) if rects else None


def _values(p: "PlayScreen") -> pygame.Rect | None:
    return _union([b.rect for b in p.top.value_buttons if b.alive()])


def _alive(w: object) -> pygame.Rect | None:
    return w.rect if w is not None and w.alive() else None  # type: ignore[attr-defined]


def _orders(p: "PlayScreen") -> pygame.Rect | None:
    if p.tab != "orders":
        return p.tabs.tab_buttons["orders"].rect if "orders" in p.tabs.tab_buttons else None
    return _alive(p.tabs.orders.list)


def _detail(p: "PlayScreen") -> pygame.Rect | None:
    return _alive(p.tabs.orders.detail) if p.tab == "orders" else _orders(p)


def _queue(p: "PlayScreen") -> pygame.Rect | None:
    return _alive(p.tabs.orders.queue_button) if p.tab == "orders" else _orders(p)


def _queued(p: "PlayScreen") -> int:
    return len(p.game.pending.get(p.actor, []))


def _hovering_a_value(p: "PlayScreen", base: dict) -> bool:
    return any(b.alive() and b.rect.collidepoint(p.mouse) for b in p.top.value_buttons) or _why_open(p, base)


def _chose(p: "PlayScreen", base: dict) -> bool:
    return p.selected_option is not None and p.selected_option != base["selected"]


def _why_open(p: "PlayScreen", base: dict) -> bool:
    return bool(p.overlay) and p.overlay[0] == "why"


STEPS = (
    Step(
        "top",
        "Your values",
        "The top bar: the date, your role and your values — leverage (what you can demand), reputation (how "
        "others see you), support at home and the action points left — with last turn's change. <b>Point at "
        "one of your values.</b>",
        _values,
        _hovering_a_value,
    ),
    Step(
        "orders",
        "Your orders",
        "The Orders tab lists what you can do this turn, military (M) and diplomatic (D), with the cost in "
        "action points; a greyed order says why it is not available. <b>Choose an order in the list.</b>",
        _orders,
        _chose,
    ),
    Step(
        "effects",
        "What it will do",
        "Here are its cost and predicted effects, ✓ good for you and ✗ bad, and the chance of success of a "
        "strike, a proposal or a Council draft. <b>Choose another order to compare.</b>",
        _detail,
        _chose,
    ),
    Step(
        "queue",
        "Queue it",
        "Found one you like? <b>Press Queue this order</b> (or Space). Up to {max_orders} orders a turn, as far "
        "as your action points go; ✕ removes one.",
        _queue,
        lambda p, base: _queued(p) > base["queued"],
    ),
    Step(
        "end",
        "End the turn",
        "Every actor's orders happen together when the turn ends. Queue more if you like, then <b>press End "
        "turn</b> (or Enter).",
        lambda p: _alive(p.top.end_button),
        lambda p, base: p.game.turn > base["turn"],
    ),
    Step(
        "why",
        "Why did it change?",
        'The turn report tells what happened. Every value answers "why?": <b>click one of your values in the '
        "top bar</b> to see each change and its cause.",
        _values,
        _why_open,
    ),
    Step(
        "objective",
        "How far from winning",
        "Top right of the map: your objective. Each condition to win, ✓ or ✗, with its value now; what would "
        "lose you the game; ⚠ when one slips. Click a value there to see why. Good luck!",
        lambda p: p.tracker.rect if p.tracker.rect.width else None,
        lambda p, base: False,
        button="Got it",
    ),
)


class Tutorial(Panel):
    """The tutorial's card over the map and its pointer."""

    WIDTH = 380

    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        g = play.game
        self.active = g.rules.id == TUTORIAL_ID and len(g.humans) <= 1 and not g.log and not g.over
        self.index = 0
        self.base: dict = {}
        self.card: pygame_gui.elements.UITextBox | None = None
        self.buttons: list[pygame_gui.elements.UIButton] = []
        self.started = time.perf_counter()
        if self.active:
            self._begin()

    @property
    def step(self) -> Step | None:
        return STEPS[self.index] if self.active and self.index < len(STEPS) else None

    def _begin(self) -> None:
        p = self.play
        self.base = {"selected": p.selected_option, "queued": _queued(p), "turn": p.game.turn}
        self.started = time.perf_counter()
        # The objective tracker stays folded (one line) until its own step.
        p.tracker.expanded = self.step is not None and self.step.key == "objective"

    def build(self, area: pygame.Rect) -> None:
        """The card in the bottom left corner of ``area`` (the map)."""
        self.card = None
        self.buttons = []
        step = self.step
        if step is None:
            return
        s = self.s
        w = min(s(self.WIDTH), area.width - s(16))
        text = step.text.replace("{max_orders}", str(self.game.rules.max_orders))
        th = self.app.theme
        html = (
            f"<font color='{th.hexcolour('accent')}'><b>Tutorial {self.index + 1} of {len(STEPS)}: "
            f"{esc(step.title)}</b></font><br>{text}"
        )
        lines = wrapped_lines(th.font("body", bold=True), html, w - s(30))
        h = min(int(lines * th.font("body").get_linesize() * 1.2) + s(20), area.height - s(60))
        bh = s(32)
        x, y = area.x + s(8), area.bottom - h - bh - s(12)
        self.card = self.textbox((x, y, w, h), html, ident="tutorial")
        bw = (w - s(6)) // 2
        self.buttons.append(self.button((x, y + h + s(4), bw, bh), "Skip the tutorial", self.skip))
        if step.button:
            self.buttons.append(
                self.button((x + bw + s(6), y + h + s(4), bw, bh), step.button, self.next, cls="primary")
            )

    def rect(self) -> pygame.Rect | None:
        if self.card is None or not self.card.alive():
            return None
        return _union([self.card.rect] + [b.rect for b in self.buttons])

    def covers(self, pos: tuple[int, int]) -> bool:
        r = self.rect()
        return r is not None and r.collidepoint(pos)

    def check(self) -> None:
        """Move on once the player has done what the step asks."""
        step = self.step
        if step is not None and step.done(self.play, self.base):
            self.next()

    def next(self) -> None:
        self.index += 1
        if self.index >= len(STEPS):
            self.active = False
        else:
            self._begin()
        self.refresh()
        if self.step is not None and self.step.key == "objective":
            self.play.tracker.refresh()

    def skip(self) -> None:
        self.active = False
        self.refresh()
        self.play.tracker.expanded = None  # as the window's size suggests
        self.play.tracker.refresh()

    def refresh(self) -> None:
        for w in [self.card, *self.buttons]:
            if w is not None:
                w.kill()
        self.build(self.play.map.rect)
        self.app.dirty = True

    def busy(self) -> bool:
        """The pointer pulses for a few seconds after a step begins (then it stays, still, and the window idles)."""
        return self.step is not None and self.card is not None and time.perf_counter() - self.started < PULSE_S

    def pointer(self) -> tuple[pygame.Rect, pygame.Vector2, pygame.Vector2] | None:
        """Where the pointer is drawn: the frame around the widget the step talks
        about, and the line to it from the card (start, end); None when there is
        nothing to point at, or when an open window lies across the frame or the
        line (it points again once the window is closed)."""
        step = self.step
        card = self.rect()
        if step is None or card is None:
            return None
        target = step.target(self.play)
        if target is None:
            return None
        t = time.perf_counter() - self.started
        k = 0.5 + 0.5 * math.sin(t * 5.0) if t < PULSE_S else 1.0
        r = target.inflate(self.s(6 + 4 * k), self.s(6 + 4 * k))
        start = pygame.Vector2(card.midtop if target.bottom < card.top else card.midright)
        end = pygame.Vector2(
            min(max(start.x, r.left), r.right),
            r.bottom if start.y > r.bottom else r.top if start.y < r.top else r.centery,
        )
        stack = self.app.manager.get_window_stack()
        for w in (*stack.stack, *stack.top_stack):
            if w.alive() and (w.rect.colliderect(r) or w.rect.clipline(start, end)):
                return None
        return r, start, end

    def draw(self, surface: pygame.Surface) -> None:
        """A pulsing frame around the widget the step talks about, and a line to it from the card."""
        where = self.pointer()
        if where is None:
            return
        r, start, end = where
        col = self.app.theme.colour("accent")
        pygame.draw.rect(surface, col, r, max(2, self.s(3)), border_radius=self.s(8))
        if start.distance_to(end) > self.s(12):
            pygame.draw.line(surface, col, start, end, max(2, self.s(2)))
            pygame.draw.circle(surface, col, end, self.s(5))
