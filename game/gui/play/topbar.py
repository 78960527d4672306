"""The game screen's top bar: the menu button, the scenario and the date, the
role (in hot-seat, the button that hands over), the headline values (each
opens why it changed) and the end-turn button."""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.play.panel import Panel
from game.session.fmt import SHOWN, arrow, signed

if TYPE_CHECKING:
    from game.gui.play.screen import PlayScreen

HEADLINE = (("leverage", "Leverage"), ("reputation", "Reputation"), ("support", "Support"))
FLASH_S = 0.6
"""How long the values that changed in the turn just played flash, in seconds."""


class TopBar(Panel):
    HEIGHT = 54
    """The bar's height before the UI scale."""

    def __init__(self, play: "PlayScreen") -> None:
        super().__init__(play)
        self.value_buttons: list[pygame_gui.elements.UIButton] = []
        self.value_quantities: list[str] = []
        """The quantity each of ``value_buttons`` shows."""
        self.flash_start = -1.0
        self.end_button: pygame_gui.elements.UIButton | None = None

    def build(self, W: int, h: int) -> None:
        s = self.s
        g, r = self.game, self.game.rules
        th = self.app.theme
        x = s(6)
        self.button(
            (x, s(8), s(86), h - s(16)),
            "☰ Menu",
            lambda: self.play.open("menu"),
            tip="Save, load, settings, main menu (Esc)",
        )
        x += s(94)
        end_w = s(150)
        end_x = W - end_w - s(8)
        me = g.teams.get(self.play.actor) or r.actors[self.play.actor].name  # a team's own name, if it has one
        font = th.font("body")
        budget = g.value("budget", self.play.actor)
        left = g.budget_left(self.play.actor)

        def headline(level: int) -> list[tuple[str, str, str]]:
            """The headline values, named in full (0), as "Lev." (1) or "L" (2)."""

            def short(name: str) -> str:
                return (name, name[:3] + ".", name[0])[level]

            out = []
            for q, name in HEADLINE:
                v, d = g.value(q, self.play.actor), g.delta(q, self.play.actor)
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
        # The role's name in full unless the values and the turn would not fit: then cut to 200 px, then to 120 px.
        natural_me = th.font("label", bold=True).size("★ " + me)[0] + s(16)
        me_widths = (
            [s(176)] if hot_seat else sorted({natural_me, min(natural_me, s(200)), min(natural_me, s(120))})[::-1]
        )
        turn = min(g.turn, r.turn_limit)
        when = f"{g.date} · turn {turn} of {r.turn_limit}"
        # The date and the turn are never cut for the role's name: room for them comes before the name in full.
        when_w = font.size(when)[0] + s(12)
        turn_w = font.size(f"turn {turn} of {r.turn_limit} …")[0] + s(12)
        fitted = False
        rooms = ((0, s(20), max(s(160), when_w)), (1, s(16), max(s(140), when_w)), (2, s(14), max(s(90), turn_w)))
        for level, pad, title_room in rooms:
            texts = headline(level)
            widths = [font.size(t)[0] + pad for _, t, _ in texts]
            for me_w in me_widths:
                room = end_x - x - me_w - s(20)
                if sum(widths) + title_room <= room:
                    fitted = True
                    break
            if fitted:
                break
        natural = max(th.font("heading", bold=True).size(r.title)[0], font.size(when)[0]) + s(14)
        title_w = max(s(90), min(natural, room - sum(widths)))
        self.label((x, s(4), title_w, s(24)), r.title, cls="heading")
        if font.size(when)[0] > title_w - s(10):
            when = f"turn {turn} of {r.turn_limit} · {g.date}"  # too narrow: the turn first, the date cut
        self.label((x, s(26), title_w, s(22)), when, cls="muted")
        x += title_w + s(6)
        if hot_seat:
            self.button(
                (x, s(8), s(170), h - s(16)),
                f"★ {me} ▸",
                self.play.next_human,
                tip="Hot-seat: hand the keyboard to another role (Tab). Your orders stay queued and hidden.",
                cls="tab_active",
            )
        else:
            self.label((x, s(8), me_w, h - s(16)), "★ " + me, cls="accent")
        x += me_w
        avail = end_x - x - s(8)
        scale = min(1.0, avail / max(1, sum(widths)))
        self.value_buttons.clear()
        self.value_quantities = [q for q, _, _ in texts]
        for (q, text, tip), w in zip(texts, widths):
            w = int(w * scale)
            b = self.button(
                (x, s(8), w, h - s(16)),
                text,
                lambda q=q: self.play.open_why(q, (self.play.actor,)),
                tip=tip,
                cls="value",
            )
            self.value_buttons.append(b)
            x += w
        label = "Game over" if g.over else "Paused" if g.paused else self.end_label()
        tip = "Resolve the turn: everyone's orders happen together (Enter)"
        if self.play.hot_seat:
            tip = "Seal your orders and hand over to the next role; the turn resolves when every role has ended (Enter)"
        if g.paused:
            tip = "Paused by the facilitator: the turn cannot end until the game resumes"
        self.end_button = self.button(
            (end_x, s(6), end_w, h - s(12)),
            label,
            self.play.ask_end_turn,
            cls="primary",
            tip=tip,
            enabled=not g.over and not self.play.thinking and not g.paused,
        )

    def end_label(self) -> str:
        """'End turn ⏎', or with a turn timer the time left: 'End ⏎ · 3:12'."""
        timer = self.play.timer
        if timer is None or not timer.running:
            return "End turn ⏎"
        return f"End ⏎ · {timer.text()}"

    def show_timer(self) -> None:
        """Keep the time left on the End turn button (once a second is enough)."""
        b = getattr(self, "end_button", None)
        g = self.game
        if b is None or not b.alive() or g.over or g.paused:
            return
        text = self.end_label()
        if b.text != text:
            b.set_text(text)

    def draw(self, surface: pygame.Surface) -> None:
        """The bar's background, under its widgets."""
        th = self.app.theme
        h = self.s(self.HEIGHT)
        pygame.draw.rect(surface, th.colour("panel"), (0, 0, surface.get_width(), h))
        pygame.draw.line(surface, th.colour("border"), (0, h - 1), (surface.get_width(), h - 1))

    def turn_started(self) -> None:
        """The turn is resolving: it cannot be ended again."""
        if self.end_button is not None:
            self.end_button.disable()

    # ------------------------------------------------------------ flash
    def flash(self) -> None:
        """Flash the values that changed in the turn just played (once the report is out of the way)."""
        self.flash_start = time.perf_counter() if self.changed() else -1.0

    def flashing(self) -> bool:
        return self.flash_start >= 0 and time.perf_counter() - self.flash_start < FLASH_S

    def changed(self) -> list[tuple[pygame_gui.elements.UIButton, float, int]]:
        """The value buttons whose value changed last turn: (button, change, +1 good / -1 bad for the role)."""
        g, me = self.game, self.play.actor
        out = []
        for q, b in zip(self.value_quantities, self.value_buttons):
            d = g.delta(q, me)
            if abs(d) >= SHOWN and b.alive():
                out.append((b, d, g.stance(me, q, (me,)) * (1 if d > 0 else -1)))
        return out

    def draw_flash(self, surface: pygame.Surface) -> None:
        """Two soft pulses around each changed value, in the colour of good (or bad) news for the role."""
        if self.flash_start < 0:
            return
        t = (time.perf_counter() - self.flash_start) / FLASH_S
        if t >= 1.0:
            self.flash_start = -1.0
            return
        th = self.app.theme
        alpha = int(230 * (1.0 - t * t) * (0.6 + 0.4 * math.cos(t * 4 * math.pi)))
        for b, _, good in self.changed():
            col = th.colour("increase" if good >= 0 else "decrease")
            r = b.rect.inflate(self.s(4), self.s(2))
            glow = pygame.Surface(r.size, pygame.SRCALPHA)
            pygame.draw.rect(glow, (*col[:3], max(0, alpha // 3)), glow.get_rect(), border_radius=self.s(6))
            pygame.draw.rect(glow, (*col[:3], max(0, alpha)), glow.get_rect(), self.s(2), border_radius=self.s(6))
            surface.blit(glow, r.topleft)
