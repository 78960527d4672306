"""The replay view: step through a saved game turn by turn, and branch.

A save is the scenario, the seed and every order, so :class:`Replay` rebuilds
the game as it stood at the start of any turn. This screen shows that turn's
map, every actor's values, the news that opened it, the orders everyone gave
in it (with the AI's reasons) and the facilitator's interventions. ◀ ▶ (or
the arrow keys) step back and forward; "Continue from this turn as a new
game" starts a new game from there, saved under a name of its own so the
original stays as it was ("what if we had waited for the mandate?").
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.core.spec import Outcome, TrackStatus
from game.gui import routes
from game.gui.mapview import STATUS_WORD, Hit, MapView, draw_tooltip
from game.gui.screen import Screen, esc
from game.gui.userdata import QUICKSAVE, saves_dir, write
from game.session.facilitator import describe, record_status
from game.session.fmt import arrow, holding
from game.session.game import Game
from game.session.replay import Replay
from game.session.save import SaveError

if TYPE_CHECKING:
    from game.gui.app import App

OUTCOME_WORD = {Outcome.WIN: "won", Outcome.DRAW: "drew", Outcome.LOSS: "lost", Outcome.UNDECIDED: "undecided"}


def open_replay(app: "App", path: Path, back: Screen | None = None) -> Screen | None:
    """The replay of ``path`` (Esc goes back to ``back``, default the list of
    saves); a save that cannot be read says why in a toast, and gives None."""
    try:
        replay = Replay.load(path)
    except SaveError as exc:
        app.toast(str(exc).splitlines()[0], 6.0)
        return None
    screen = ReplayScreen(app, replay, Path(path), back)
    status = record_status(replay.full)
    if status.code in ("unverifiable", "removed", "altered"):
        app.toast(status.text, 10.0)
    return screen


def branch_path(source: Path, game: Game, turn: int) -> Path:
    """A new save name for a game branched from ``source`` at ``turn`` (never an existing file)."""
    stem = source.stem
    if source.name == QUICKSAVE or stem.startswith("autosave-"):
        stem = f"{game.scenario.id}-seed{game.seed}"
    base = f"{stem}-from-turn{turn}"
    path = saves_dir() / f"{base}.json"
    if path.exists():
        path = saves_dir() / f"{base}-{_dt.datetime.now():%Y%m%d-%H%M%S}.json"
    return path


class ReplayScreen(Screen):
    title = "Replay"
    help_keys = [
        ("← / →", "the previous / next turn (also [ and ])"),
        ("Home / End", "the first / last turn"),
        ("N", "continue from this turn as a new game"),
        ("Esc or B", "back"),
    ]

    def __init__(self, app: "App", replay: Replay, path: Path, back: Screen | None = None, turn: int = 1) -> None:
        super().__init__(app)
        self.replay = replay
        self.path = path
        self.back_to = back
        self.turn = max(replay.first, min(turn, replay.last))
        self.map = MapView(app.theme, replay.at(self.turn), None)
        self.hover: Hit | None = None
        self.mouse = (0, 0)
        self.values_box: pygame_gui.elements.UITextBox | None = None
        self.news_box: pygame_gui.elements.UITextBox | None = None
        app.game = None  # nothing here to quick-save: the replay is a save already
        self.keys = {
            pygame.K_LEFT: lambda: self.go(self.turn - 1),
            pygame.K_RIGHT: lambda: self.go(self.turn + 1),
            pygame.K_LEFTBRACKET: lambda: self.go(self.turn - 1),
            pygame.K_RIGHTBRACKET: lambda: self.go(self.turn + 1),
            pygame.K_HOME: lambda: self.go(self.replay.first),
            pygame.K_END: lambda: self.go(self.replay.last),
            pygame.K_n: self.branch,
            pygame.K_ESCAPE: self.back,
            pygame.K_b: self.back,
        }

    @property
    def game(self) -> Game:
        """The game as it stood at the start of the shown turn."""
        return self.replay.at(self.turn)

    # ------------------------------------------------------------ layout
    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        g, r = self.game, self.game.rules
        top_h, news_h = s(54), s(118)
        panel_w = min(max(s(360), int(W * 0.36)), s(620), W - s(320))
        self.map.theme = self.app.theme
        self.map.game = g
        self.map.layout(pygame.Rect(0, top_h, W - panel_w, H - top_h - news_h))
        x = s(6)
        self.button((x, s(8), s(96), top_h - s(16)), "Back (Esc)", self.back, tip="Leave the replay")
        x += s(104)
        nav_w = s(44) * 2 + s(230) + s(12)
        cont_text = "Continue from this turn as a new game (N)"
        font = self.app.theme.font(16, bold=True)
        if font.size(cont_text)[0] + s(28) > (W - x - nav_w) // 2:
            cont_text = "New game from here (N)"
        cont_w = font.size(cont_text)[0] + s(28)
        title_w = max(s(120), W - x - nav_w - cont_w - s(24))
        self.label((x, s(4), title_w, s(24)), f"Replay · {r.title}", cls="heading")
        self.label((x, s(26), title_w, s(22)), f"{self.path.stem} · seed {g.seed}", cls="muted")
        x += title_w + s(6)
        self.button(
            (x, s(8), s(44), top_h - s(16)),
            "◀",
            lambda: self.go(self.turn - 1),
            tip="The previous turn (←)",
            enabled=self.turn > self.replay.first,
        )
        x += s(48)
        self.label(
            (x, s(8), s(230), top_h - s(16)),
            self.turn_text(g),
            cls="accent",
            ident="replay_turn",
        )
        x += s(234)
        self.button(
            (x, s(8), s(44), top_h - s(16)),
            "▶",
            lambda: self.go(self.turn + 1),
            tip="The next turn (→)",
            enabled=self.turn < self.replay.last,
        )
        self.button(
            (W - cont_w - s(8), s(6), cont_w, top_h - s(12)),
            cont_text,
            self.branch,
            cls="primary",
            tip="A new game from the start of this turn, with its own save; this replay stays as it was",
            enabled=not g.over,
        )
        self.values_box = self.textbox(
            (W - panel_w + s(4), top_h + s(4), panel_w - s(8), H - top_h - s(8)),
            self._panel_html(),
            ident="replay_values",
        )
        muted = self.app.theme.hexcolour("muted")
        news = g.news()
        body = "<br>".join(f"• {esc(t)}" for t in news) if news else f"<font color='{muted}'>No news.</font>"
        self.news_box = self.textbox(
            (s(4), H - news_h + s(4), W - panel_w - s(8), news_h - s(8)),
            f"<font color='{muted}'><b>News at the start of turn {self.turn} · {esc(g.date)}</b></font><br>{body}",
            ident="replay_news",
        )

    def _panel_html(self) -> str:
        g, r = self.game, self.game.rules
        th = self.app.theme
        acc, muted = th.hexcolour("accent"), th.hexcolour("muted")
        st = g.state
        out = [
            f"<font color='{acc}'><b>Orders given in turn {self.turn}</b></font> "
            f"<font color='{muted}'>({esc(g.date)})</font><br>"
        ]
        rec = next((x for x in self.replay.full.log if x.turn == self.turn), None)
        if rec is None:
            why = "The game ended here." if g.over else "This turn had not been played when the game was saved."
            out.append(f"<font color='{muted}'>{why}</font><br>")
        else:
            rejected = {(a, o): why for a, o, why in rec.rejected}
            for a in range(r.n_actors):
                opts = rec.orders.get(a, [])
                if not opts:
                    continue
                items = [
                    esc(r.option_label(o))
                    + (
                        f" <font color='{th.hexcolour('decrease')}'>(rejected: {esc(rejected[(a, o)])})</font>"
                        if (a, o) in rejected
                        else ""
                    )
                    for o in opts
                ]
                out.append(f"<b>{esc(r.actors[a].name)}</b>: {'; '.join(items)}<br>")
                for why in list(dict.fromkeys(rec.reasons.get(a, [])))[:2]:
                    out.append(f"<font color='{muted}'>    “{esc(why)}”</font><br>")
            if not rec.orders:
                out.append(f"<font color='{muted}'>Nobody gave an order.</font><br>")
        fac = [i for i in self.replay.full.interventions if int(i.get("turn", -1)) == self.turn]
        if fac:
            out.append(f"<br><font color='{acc}'><b>The facilitator in turn {self.turn}</b></font><br>")
            for i in fac:
                note = f" — {esc(i['note'])}" if i.get("note") else ""
                out.append(f"{esc(describe(self.replay.full, i))}{note}<br>")
        out.append(f"<br><font color='{acc}'><b>At the start of turn {self.turn}</b></font><br>")
        out.append(
            f"<font color='{muted}'>lev leverage · rep reputation · sup support · str military strength; ▲▼ the "
            "change over the turn before</font><br>"
        )
        for a, spec in enumerate(r.actors):
            who = "human" if a in g.humans else "AI"
            vals = " · ".join(
                f"{name} {g.value(q, a):.0f} {arrow(g.delta(q, a))}".rstrip()
                for q, name in (("leverage", "lev"), ("reputation", "rep"), ("support", "sup"), ("strength", "str"))
            )
            out.append(f"<b>{esc(spec.name)}</b> <font color='{muted}'>({who})</font><br>    {vals}<br>")
        out.append(f"<br><font color='{acc}'><b>Regions</b></font><br>")
        for i, reg in enumerate(r.regions):
            ctrl = int(st.control[0, i])
            crisis = " · in crisis" if st.crisis[0, i] else ""
            stab = f"stability {g.value('stability', i):.0f} {arrow(g.delta('stability', i))}".rstrip()
            out.append(
                f"<b>{esc(reg.name)}</b>: {stab} · need {g.value('need', i):.0f} · held by "
                f"{esc(holding(r, i, ctrl)[0])}{crisis}<br>"
            )
        if r.tracks:
            out.append(f"<br><font color='{acc}'><b>Talks</b></font><br>")
            for k, t in enumerate(r.tracks):
                out.append(
                    f"{esc(t.name)}: {STATUS_WORD[TrackStatus(int(st.track_status[0, k]))]} · progress "
                    f"{g.value('progress', k):.0f}<br>"
                )
        if g.over:
            out.append(f"<br><font color='{acc}'><b>The end</b></font><br>")
            sc = g.scores()
            for k, role in enumerate(r.roles):
                out.append(f"{esc(r.actors[role.actor].name)} {OUTCOME_WORD[g.outcome(k)]} · score {sc[k]:.1f}<br>")
        return "".join(out)

    # ------------------------------------------------------------ actions
    def turn_text(self, g: "Game") -> str:
        """ "Turn 4 of 9" (the turns in the save), or for a finished game "Turn
        4 of 30" and then "The end, after turn 30": never a turn past the last."""
        full = self.replay.full
        if not full.over:
            return f"Turn {self.turn} of {self.replay.last} · {g.date}"
        total = int(full.state.end_turn[0]) or full.turn - 1
        if self.turn > total:
            return f"The end, after turn {total} · {g.date}"
        return f"Turn {self.turn} of {total} · {g.date}"

    def go(self, turn: int) -> None:
        turn = max(self.replay.first, min(turn, self.replay.last))
        if turn == self.turn:
            return
        self.turn = turn
        self.hover = None
        self.app.rebuild()

    def branch(self) -> Screen | None:
        """Continue from the start of this turn as a new game, with its own save."""
        if self.game.over:
            self.app.toast("The game ended at this turn: step back to continue from an earlier one.")
            return None
        game = self.replay.branch(self.turn)
        path = branch_path(self.path, game, self.turn)
        err = write(game, path)
        if err:
            self.app.toast(err, 6.0)
            return None
        self.app.toast(f"A new game from turn {self.turn}, saved as {path.stem}", 5.0)
        return routes.play(self.app, game, save_path=path)

    def back(self) -> Screen:
        return self.back_to if self.back_to is not None else routes.load_game(self.app)

    # ------------------------------------------------------------ events and drawing
    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if event.type == pygame.MOUSEMOTION:
            self.mouse = event.pos
            hov = None if consumed else self.map.hit(event.pos)
            if hov != self.hover:
                self.hover = hov
                self.app.dirty = True
            return None
        return super().handle(event, consumed)

    def draw(self, surface: pygame.Surface) -> None:
        th = self.app.theme
        pygame.draw.rect(surface, th.colour("panel"), (0, 0, surface.get_width(), self.s(54)))
        pygame.draw.line(surface, th.colour("border"), (0, self.s(54) - 1), (surface.get_width(), self.s(54) - 1))
        self.map.draw(surface, self.hover)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.hover is not None and self.app.top_window() is None:
            draw_tooltip(surface, self.app.theme, self.map.tooltip(self.hover)[:-1], self.mouse)
