"""The end of the game: outcome, score breakdown per role, history, discussion.

From here the debrief report is one click away (written next to the saves),
and the game can be opened as a replay to step back through its turns.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.spec import Outcome
from game.gui import routes
from game.gui.charts import Series, draw_chart
from game.gui.play.html import report_html, why_html
from game.gui.play.objective import objective_html, parse_why
from game.gui.screen import Overlay, Screen, esc
from game.gui.userdata import named_path, write
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.app import App

WORD = {Outcome.WIN: "★ WIN", Outcome.DRAW: "= DRAW", Outcome.LOSS: "✕ LOSS", Outcome.UNDECIDED: "– undecided"}


def end_html(app: "App", g: Game, actor: int) -> str:
    r, m = g.rules, g.scenario.meta
    th = app.theme
    acc, muted, inc, dec = (
        th.hexcolour("accent"),
        th.hexcolour("muted"),
        th.hexcolour("increase"),
        th.hexcolour("decrease"),
    )
    out = [
        f"{app.theme.html_heading(f'{esc(m.title)}: the game is over')}<br><font color='{muted}'>after turn "
        f"{int(g.state.end_turn[0]) or g.turn - 1} · {esc(g.date)} · seed {g.seed} · "
        f"{esc(g.difficulty)}</font><br><br>"
    ]
    if g.state.catastrophe[0]:
        out.append(f"<font color='{dec}'><b>The crisis escalated out of control: every role loses.</b></font><br><br>")
    o = g.objectives(actor)
    if o is not None:
        out.append(f"<font color='{acc}'><b>Your objective: what held and what failed</b></font><br>")
        out.append(objective_html(app, g, o, end=True))
        out.append("<br><br>")
    sc = g.scores()
    out.append(f"<font color='{acc}'><b>Outcome and score per role</b></font><br>")
    for k, role in enumerate(r.roles):
        res = g.outcome(k)
        you = " (you)" if role.actor in g.humans else ""
        col = inc if res == Outcome.WIN else dec if res == Outcome.LOSS else muted
        out.append(
            f"<font color='{col}'><b>{WORD[res]}</b></font>  <b>{esc(r.actors[role.actor].name)}{you}</b> · "
            f"score <b>{sc[k]:.1f}</b><br>"
        )
        out.append(f"<font color='{muted}'>    objective: {esc(role.victory_text)}</font><br>")
        out.extend(f"    {esc(line)}<br>" for line in g.score_lines(k))
    if m.history:
        out.append(f"<br><font color='{acc}'><b>What actually happened</b></font><br>{esc(m.history)}<br>")
    if m.discussion:
        out.append(f"<br><font color='{acc}'><b>For discussion</b></font><br>")
        out.extend(f"{i}. {esc(q)}<br>" for i, q in enumerate(m.discussion, 1))
    if m.learning_objectives:
        out.append(f"<br><font color='{acc}'><b>What this scenario teaches</b></font><br>")
        out.extend(f"• {esc(x)}<br>" for x in m.learning_objectives)
    return "".join(out)


class EndScreen(Screen):
    title = "End of game"
    help_keys = [
        ("D", "write the debrief report (HTML) next to the saves"),
        ("P", "replay: step back through the turns, continue from any of them"),
        ("R", "the last turn's report"),
        ("S", "save the finished game"),
        ("Enter or M", "main menu"),
        ("Q", "quit"),
    ]

    def __init__(self, app: "App", game: Game, actor: int, save_path: Path | None = None) -> None:
        super().__init__(app)
        self.game = game
        self.actor = actor
        self.save_path = save_path
        app.game = game
        self.window: Overlay | None = None
        self.keys = {
            pygame.K_RETURN: self.menu,
            pygame.K_KP_ENTER: self.menu,
            pygame.K_m: self.menu,
            pygame.K_s: self.save,
            pygame.K_q: self.app.quit,
            pygame.K_r: self.report,
            pygame.K_d: self.debrief,
            pygame.K_p: self.replay,
        }

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(16)
        g, r = self.game, self.game.rules
        k = g.role_index(self.actor)
        res = g.outcome(k) if k is not None else Outcome.UNDECIDED
        head = {
            Outcome.WIN: "You won",
            Outcome.LOSS: "You lost",
            Outcome.DRAW: "A draw",
            Outcome.UNDECIDED: "The game is over",
        }[res]
        title = f"{head} — {r.actors[self.actor].name}"
        if len(g.humans) > 1:
            title = "The game is over — " + ", ".join(r.actors[a].name for a in g.humans)
        self.label((pad, s(10), W - 2 * pad, s(42)), title, cls="title")
        left_w = int(W * 0.52)
        self.textbox((pad, s(60), left_w, H - s(60) - s(70)), end_html(self.app, g, self.actor))
        cx = pad * 2 + left_w
        cw = W - cx - pad
        ch = (H - s(60) - s(70) - s(8)) // 2
        th = self.app.theme
        lev = [
            Series(a.short or a.name, g.series("leverage", i), th.actor_colour(a.colour, i), i == self.actor)
            for i, a in enumerate(r.actors)
        ]
        stab = [
            Series(reg.name, g.series("stability", i), th.actor_colour("", i + 1)) for i, reg in enumerate(r.regions)
        ]
        pygame_gui.elements.UIImage(
            pygame.Rect(cx, s(60), cw, ch),
            draw_chart(th, (cw, ch), lev, "Leverage over the game (yours is thicker)"),
            self.manager,
        )
        pygame_gui.elements.UIImage(
            pygame.Rect(cx, s(68) + ch, cw, ch),
            draw_chart(th, (cw, ch), stab, "Stability of the regions"),
            self.manager,
        )
        y = H - s(56)
        specs = [
            ("Main menu (Enter)", "Menu (Enter)", self.menu, "", "primary"),
            (
                "Debrief report (D)",
                "Debrief (D)",
                self.debrief,
                "Write the debrief report: one HTML file to open in a browser, project or print (D)",
                "primary",
            ),
            (
                "Replay (P)",
                "Replay (P)",
                self.replay,
                "Step back through the turns; continue from any of them as a new game",
                "",
            ),
            ("Last turn (R)", "Last turn (R)", self.report, "The last turn's report", ""),
            ("Save (S)", "Save (S)", self.save, "Save the finished game", ""),
            ("Quit (Q)", "Quit (Q)", self.app.quit, "", ""),
        ]
        gap = s(8)
        bw = min(s(200), (W - 2 * pad - gap * (len(specs) - 1)) // len(specs))
        bold = th.font(16, bold=True)
        short = any(bold.size(long)[0] + s(16) > bw for long, *_ in specs)
        for k, (long, brief, fn, tip, cls) in enumerate(specs):
            self.button((pad + k * (bw + gap), y, bw, s(42)), brief if short else long, fn, tip=tip or None, cls=cls)

    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED:
            target = parse_why(getattr(event, "link_target", ""))
            if target is not None:
                self.why(*target)
                return None
        return super().handle(event, consumed)

    def why(self, quantity: str, subject: tuple[int, ...]) -> None:
        """The causal ledger of a value: each change over the game and its cause."""
        if self.window is not None and self.window.alive():
            self.window.kill()
        s = self.s
        W, H = self.app.size
        w, h = min(s(760), W - s(20)), min(s(520), H - s(20))
        name = self.game.name_of(quantity, subject)
        win = Overlay(
            pygame.Rect((W - w) // 2, (H - h) // 2, w, h), self.manager, f"Why: {quantity} of {name}", ident="why"
        )
        self.window = win
        cw, ch = win.get_container().get_rect().size
        self.textbox((0, 0, cw, ch), why_html(self.app, self.game, quantity, subject), container=win)

    def report(self) -> None:
        if not self.game.log:
            return
        s = self.s
        W, H = self.app.size
        w, h = min(s(860), W - s(20)), min(s(640), H - s(20))
        win = Overlay(
            pygame.Rect((W - w) // 2, (H - h) // 2, w, h), self.manager, f"Turn report: turn {self.game.log[-1].turn}"
        )
        cw, ch = win.get_container().get_rect().size
        self.textbox(
            (0, 0, cw, ch), report_html(self.app, self.game, self.actor, self.game.log[-1].turn), container=win
        )

    def save(self) -> None:
        path = named_path(self.game)
        err = write(self.game, path)
        self.app.toast(err or f"Saved as {path.stem}")

    def debrief(self, message: str = "") -> None:
        """Write the debrief report and show where it is (with CSV and JSON exports)."""
        from game.gui.debrief import write_debrief

        path, err = write_debrief(self.game, self.save_path)
        if err:
            self.app.toast(err, 6.0)
            return
        self._debrief_window(path, message)

    def _debrief_window(self, path: Path, message: str) -> None:
        from game.gui.debrief import fill_debrief_window

        if self.window is not None and self.window.alive():
            self.window.kill()
        s = self.s
        W, H = self.app.size
        w, h = min(s(720), W - s(20)), min(s(330), H - s(20))
        win = Overlay(pygame.Rect((W - w) // 2, (H - h) // 2, w, h), self.manager, "Debrief report", ident="debrief")
        self.window = win
        fill_debrief_window(
            self, win, self.game, self.save_path, path, message, lambda msg: self._debrief_window(path, msg)
        )

    def replay(self) -> Screen | None:
        """Open this game as a replay (it is saved first, under its own name)."""
        path = self.save_path or named_path(self.game)
        err = write(self.game, path)
        if err:
            self.app.toast(err, 6.0)
            return None
        return routes.replay(self.app, path, back=self)

    def menu(self) -> Screen:
        return routes.main_menu(self.app, self.game.scenario.id)
