"""The new-game screen: roles (human or AI), difficulty, the seed and the facilitator.

Several human roles make a hot-seat game. The facilitator (an instructor who
can see everything, pause, send events and set values) is chosen here, with
a passphrase typed twice; only its salted hash is kept, in the game and its
saves.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui import routes
from game.gui.menu import preview_game
from game.gui.screen import Overlay, Screen, esc, wrapped_lines
from game.scenario.compile import Scenario
from game.session.classroom import MAX_TEAM, ClassroomError, parse_minutes, set_team
from game.session.facilitator import FacilitatorError, enable
from game.session.game import Game
from game.session.pacing import PacingError, pacing_record, shorten

if TYPE_CHECKING:
    from game.gui.app import App


class NewGameScreen(Screen):
    title = "New game"
    help_keys = [
        ("1–9", "switch a role between human and AI"),
        ("F", "facilitator: choose a passphrase (or turn it off)"),
        ("W", "with no human role: watch the computer play every role"),
        ("Enter", "start the game"),
        ("Esc or B", "back to the menu"),
    ]

    def __init__(self, app: "App", scenario: Scenario) -> None:
        super().__init__(app)
        self.scenario = scenario
        r = scenario.rules
        self.roles = [role.actor for role in r.roles]
        self.human = {a: k == 0 for k, a in enumerate(self.roles)}
        self.watch = False
        """With no human role: the computer plays every role and the player watches."""
        self.start_button: pygame_gui.elements.UIButton | None = None
        self.watch_button: pygame_gui.elements.UIButton | None = None
        levels = list(scenario.difficulty) or ["normal"]
        self.difficulty = "normal" if "normal" in levels else levels[0]
        self.seed = random.SystemRandom().randint(1, 99_999)
        self.message = ""
        self.fac_hash: dict[str, str] | None = None
        """The facilitator's salted passphrase hash, once chosen (never the passphrase)."""
        self.fac_dialog = False
        self.fac_message = ""
        self.fac_entries: list[pygame_gui.elements.UITextEntryLine] = []
        self.fac_window: Overlay | None = None
        self.fac_msg_label: pygame_gui.elements.UILabel | None = None
        self.role_buttons: dict[int, pygame_gui.elements.UIButton] = {}
        self.tight = False
        """Whether the window is too small for the lines that only explain."""
        self.diff_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.seed_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.fac_button: pygame_gui.elements.UIButton | None = None
        self.msg_label: pygame_gui.elements.UILabel | None = None
        self.brief: pygame_gui.elements.UITextBox | None = None
        self.turns = r.turn_limit
        """How many turns the game lasts (fewer: a shortened game, see game.session.pacing)."""
        self.timer_minutes = ""
        """The hot-seat turn timer in minutes ('' for none)."""
        self.reflect = False
        """Whether each team is asked "Why did you choose this?" when it ends its turn."""
        self.teams: dict[int, str] = {}
        """Team names typed for the human roles."""
        self.team_entries: dict[int, pygame_gui.elements.UITextEntryLine] = {}
        self.turns_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.timer_entry: pygame_gui.elements.UITextEntryLine | None = None
        self.keys = {
            pygame.K_RETURN: self.start,
            pygame.K_KP_ENTER: self.start,
            pygame.K_ESCAPE: self.back,
            pygame.K_b: self.back,
            pygame.K_f: self.open_facilitator,
            pygame.K_w: self.toggle_watch,
        }
        for k in range(min(9, len(self.roles))):
            self.keys[pygame.K_1 + k] = lambda k=k: self.toggle(self.roles[k])

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(20)
        r = self.scenario.rules
        self.label((pad, s(14), W - 2 * pad, s(40)), f"New game: {self.scenario.meta.title}", cls="title")
        self.label(
            (pad, s(56), W - 2 * pad, s(24)),
            "Choose who plays each role: a human at this computer (hot-seat if several) or the computer.",
            cls="muted",
        )
        y = s(92)
        col_w = min(s(560), W // 2 - pad)
        self.label((pad, y, col_w, s(26)), "Roles", cls="heading")
        y += s(32)
        self.role_buttons = {}
        self.team_entries = {}
        for k, a in enumerate(self.roles):
            name = r.actors[a].name
            team_w = s(150) if self.human[a] and col_w >= s(520) else 0
            self.label((pad, y, col_w - s(190) - team_w, s(36)), f"{k + 1}. {name}")
            if team_w:
                entry = pygame_gui.elements.UITextEntryLine(
                    pygame.Rect(pad + col_w - s(186) - team_w, y, team_w - s(4), s(36)),
                    self.manager,
                    placeholder_text="team name",
                )
                entry.length_limit = MAX_TEAM
                entry.set_text(self.teams.get(a, ""))
                self.team_entries[a] = entry
            self.role_buttons[a] = self.button(
                (pad + col_w - s(180), y, s(180), s(36)),
                self._role_text(a),
                lambda a=a: self.toggle(a),
                tip=f"Press {k + 1} to switch {name} between human and AI",
                cls="primary" if self.human[a] else "",
            )
            y += s(42)
        if not any(self.human.values()):
            self.watch_button = self.button(
                (pad, y, col_w, s(36)),
                "✓ Watch: the computer plays every role (W)"
                if self.watch
                else "Watch the computer play every role (W)",
                self.toggle_watch,
                cls="tab_active" if self.watch else "",
                tip="No role is human: watch the computer play, ending each turn with Enter",
            )
            y += s(42)
        others = [x.name for i, x in enumerate(r.actors) if i not in self.roles]
        th = self.app.theme
        others_html = (
            f"<font color='{th.hexcolour('muted')}'>Always played by the computer: {esc(', '.join(others))}</font>"
        )
        # Tall enough for every line of the list (no scroll bar for two lines).
        lines = wrapped_lines(th.font("body"), others_html, col_w - s(30)) if others else 0
        others_h = int(lines * th.font("body").get_linesize() * 1.2) + s(20)
        # A small window has no room for the lines that only explain: the
        # list of computer-played actors then heads the briefing panel.
        self.tight = y + s(8 + 46 + 42 + 42 + 34 + 42) + (others_h + s(8) if others else 0) > H - s(104)
        if others and not self.tight:
            self.textbox((pad, y, col_w, others_h), others_html, ident="others")
            y += others_h + s(8)
        y += s(8)
        self.label((pad, y, s(140), s(36)), "Difficulty")
        levels = list(self.scenario.difficulty) or ["normal"]
        self.diff_menu = pygame_gui.elements.UIDropDownMenu(
            levels, self.difficulty, pygame.Rect(pad + s(150), y, s(180), s(36)), self.manager
        )
        y += s(46)
        self.label((pad, y, s(140), s(36)), "Seed")
        entry_w = max(s(110), min(s(180), col_w - s(150) - s(120)))
        self.seed_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(pad + s(150), y, entry_w, s(36)), self.manager, initial_text=str(self.seed)
        )
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.length_limit = 9
        bx = pad + s(160) + entry_w
        self.button(
            (bx, y, max(s(100), min(s(150), pad + col_w - bx)), s(36)),
            "New seed",
            self.reseed,
            tip="Draw another seed; the same scenario, seed and orders give the same game. Share the seed so a class "
            "plays the same game.",
        )
        y += s(42)
        if not self.tight:
            self.label((pad, y, col_w, s(24)), "Share the seed so a class plays the same game.", cls="muted")
            y += s(34)
        # The lesson: its length, the hot-seat turn timer and the reflection prompt.
        self.label((pad, y, s(70), s(36)), "Turns")
        self.turns_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(pad + s(70), y, s(60), s(36)), self.manager, initial_text=str(self.turns)
        )
        self.turns_entry.set_allowed_characters("numbers")
        self.turns_entry.length_limit = 3
        self.label((pad + s(140), y, s(70), s(36)), "Timer")
        self.timer_entry = pygame_gui.elements.UITextEntryLine(
            pygame.Rect(pad + s(205), y, s(56), s(36)), self.manager, placeholder_text="off"
        )
        self.timer_entry.set_allowed_characters([*"0123456789."])
        self.timer_entry.length_limit = 5
        self.timer_entry.set_text(self.timer_minutes)
        self.label((pad + s(264), y, s(46), s(36)), "min", cls="muted")
        self.button(
            (pad + s(312), y, max(s(120), min(s(200), col_w - s(312))), s(36)),
            "✓ Ask why" if self.reflect else "Ask why: off",
            self.toggle_reflect,
            cls="tab_active" if self.reflect else "",
            tip='Ask each team "Why did you choose this?" when it ends its turn (kept in the save and the debrief)',
        )
        y += s(42)
        self.label((pad, y, s(140), s(36)), "Facilitator")
        fac_text = "On · passphrase set" if self.fac_hash else "Off · set a passphrase…"
        self.fac_button = self.button(
            (pad + s(150), y, min(s(260), col_w - s(150)), s(36)),
            fac_text,
            self.open_facilitator,
            cls="primary" if self.fac_hash else "",
            tip="For an instructor: see every actor, pause, send events and set values, behind a passphrase (F)",
        )
        self.msg_label = self.label((pad, H - s(100), col_w, s(28)), self._message(), cls="accent")
        can_start = self.can_start()
        self.start_button = self.button(
            (pad, H - s(60), s(220), s(44)),
            "Watch  (Enter)" if can_start and not any(self.human.values()) else "Start  (Enter)",
            self.start,
            cls="primary",
            enabled=can_start,
            tip=None if can_start else "Choose a human role, or Watch to let the computer play every role",
        )
        self.button((pad + s(232), H - s(60), min(s(180), col_w - s(232)), s(44)), "Back  (Esc)", self.back)
        bx = pad + col_w + pad
        self.brief = self.textbox((bx, s(92), W - bx - pad, H - s(92) - pad), self._briefing_html())
        self.fac_window = None
        self.fac_entries = []
        if self.fac_dialog:
            self._build_facilitator_dialog()

    # ------------------------------------------------------------ facilitator
    def open_facilitator(self) -> None:
        self.fac_dialog = True
        self.fac_message = ""
        self._build_facilitator_dialog()

    def _build_facilitator_dialog(self) -> None:
        s = self.s
        W, H = self.app.size
        if self.fac_window is not None and self.fac_window.alive():
            self.fac_window.on_close = None
            self.fac_window.kill()
        w, h = min(s(560), W - s(20)), min(s(390), H - s(20))
        win = Overlay(
            pygame.Rect((W - w) // 2, (H - h) // 2, w, h),
            self.manager,
            "Facilitator",
            self._facilitator_closed,
            "facilitator_setup",
        )
        self.fac_window = win
        cw, ch = win.get_container().get_rect().size
        muted = self.app.theme.hexcolour("muted")
        self.textbox(
            (0, 0, cw, s(92)),
            f"<font color='{muted}'>The facilitator (the instructor) sees every actor, can pause the game, send "
            "events and set values. Students cannot reach those controls without this passphrase; only a salted "
            "hash of it is kept.</font>",
            container=win,
        )
        y = s(100)
        self.fac_entries = []
        for text in ("Passphrase (4 characters or more)", "Type it again"):
            self.label((0, y, cw, s(26)), text, container=win)
            entry = pygame_gui.elements.UITextEntryLine(
                pygame.Rect(0, y + s(26), cw, s(36)), self.manager, container=win
            )
            entry.set_text_hidden(True)
            self.fac_entries.append(entry)
            y += s(68)
        self.fac_msg_label = self.label((0, y, cw, s(28)), self.fac_message, container=win, cls="accent")
        self.manager.set_focus_set(self.fac_entries[0])
        n = 3 if self.fac_hash else 2
        bw = (cw - (n - 1) * s(8)) // n
        specs = [("Enable", self.enable_facilitator, "primary"), ("Cancel (Esc)", self.close_facilitator_dialog, "")]
        if self.fac_hash:
            specs.insert(1, ("Turn it off", self.disable_facilitator, ""))
        for k, (text, fn, cls) in enumerate(specs):
            self.button((k * (bw + s(8)), ch - s(44), bw, s(40)), text, fn, container=win, cls=cls)

    def _facilitator_closed(self) -> None:
        self.fac_dialog = False
        self.fac_window = None
        self.fac_entries = []

    def close_facilitator_dialog(self) -> None:
        if self.fac_window is not None and self.fac_window.alive():
            self.fac_window.kill()
        self._facilitator_closed()

    def enable_facilitator(self) -> None:
        if len(self.fac_entries) < 2 or not all(e.alive() for e in self.fac_entries):
            return
        first, again = (e.get_text() for e in self.fac_entries)
        for e in self.fac_entries:
            e.set_text("")
        if first != again:
            self._facilitator_refused("The two passphrases differ: type them again.")
            return
        probe = preview_game(self.scenario)
        try:
            enable(probe, first)
        except FacilitatorError as exc:
            self._facilitator_refused(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
            return
        self.fac_hash = dict(probe.facilitator or {})
        self.close_facilitator_dialog()
        self.app.toast("Facilitator on: during the game, Esc → Facilitator… (or F) and the passphrase.", 5.0)
        self.app.defer(self.app.rebuild)

    def _facilitator_refused(self, message: str) -> None:
        self.fac_message = message
        if self.fac_msg_label is not None and self.fac_msg_label.alive():
            self.fac_msg_label.set_text(message)
        self.manager.set_focus_set(self.fac_entries[0])

    def disable_facilitator(self) -> None:
        self.fac_hash = None
        self.close_facilitator_dialog()
        self.app.toast("Facilitator off.")
        self.app.defer(self.app.rebuild)

    def _role_text(self, a: int) -> str:
        return "Human" if self.human[a] else "Computer (AI)"

    def _briefing_html(self) -> str:
        m = self.scenario.meta
        r = self.scenario.rules
        acc = self.app.theme.hexcolour("accent")
        muted = self.app.theme.hexcolour("muted")
        parts = []
        # What the chosen difficulty changes, in the scenario's words.
        what = str(self.scenario.difficulty.get(self.difficulty, {}).get("description", ""))
        parts.append(
            f"<b>Difficulty: {esc(self.difficulty)}</b>"
            + (f"<font color='{muted}'> — {esc(what)}</font>" if what else "")
            + "<br>"
        )
        others = [x.name for i, x in enumerate(r.actors) if i not in self.roles]
        if others and self.tight:
            parts.append(f"<font color='{muted}'>Always played by the computer: {esc(', '.join(others))}</font><br>")
        parts.append("<br>")
        for info in m.roles:
            try:
                a = r.actor_index(info.actor)
            except KeyError:
                continue
            if not self.human.get(a):
                continue
            parts.append(
                f"<font color='{acc}'><b>You lead "
                f"{esc(r.actors[a].name)}</b></font><br>{esc(info.briefing.strip())}<br><b>Objective:</b> "
                f"{esc(info.victory)}<br>"
            )
            if info.defeat:
                parts.append(f"<b>You lose if:</b> {esc(info.defeat)}<br>")
            parts.append("<br>")
        if not any(self.human.values()):
            parts.append(
                "Every role is played by the computer: choose a human role, or Watch to see the computer play.<br><br>"
            )
        if m.briefing:
            parts.append(f"<b>The situation</b><br>{esc(m.briefing)}")
        return "".join(parts)

    def can_start(self) -> bool:
        """A game starts with a human role, or to be watched."""
        return any(self.human.values()) or self.watch

    def _message(self) -> str:
        if self.message:
            return self.message
        if not self.can_start():
            return "No role is human: choose one (1–9), or Watch (W)."
        return ""

    def toggle_watch(self) -> None:
        if any(self.human.values()):
            self.app.toast("Watching is for a game with no human role: switch every role to the computer first.")
            return
        self.watch = not self.watch
        self.seed = self._seed_value()
        self.app.defer(self.app.rebuild)

    def toggle(self, a: int) -> None:
        self.human[a] = not self.human[a]
        if self.human[a]:
            self.watch = False
        self.seed = self._seed_value()
        self.app.defer(self.app.rebuild)

    def reseed(self) -> None:
        self.seed = random.SystemRandom().randint(1, 99_999)
        if self.seed_entry is not None:
            self.seed_entry.set_text(str(self.seed))

    def _seed_value(self) -> int:
        text = self.seed_entry.get_text().strip() if self.seed_entry is not None else ""
        return int(text) if text.isdigit() else self.seed

    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.diff_menu:
            self.difficulty = event.text
            if self.brief is not None:
                self.brief.set_text(self._briefing_html())
            return None
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            return self.start()
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element in self.fac_entries:
            if event.ui_element is self.fac_entries[0]:
                self.manager.set_focus_set(self.fac_entries[1])
            else:
                self.enable_facilitator()
            return None
        if event.type == pygame.KEYDOWN and consumed:
            if event.key == pygame.K_ESCAPE and self.fac_window is not None:
                self.close_facilitator_dialog()
            return None
        if (
            event.type == pygame.KEYDOWN
            and self.fac_window is not None
            and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)
        ):
            self.enable_facilitator()
            return None
        return super().handle(event, consumed)

    def teardown(self) -> None:
        self._keep_classroom()  # what was typed survives the rebuild

    def toggle_reflect(self) -> None:
        self.reflect = not self.reflect
        self.app.defer(self.app.rebuild)

    def _keep_classroom(self) -> None:
        """Keep what was typed in the lesson's fields across a rebuild."""
        for a, entry in self.team_entries.items():
            if entry.alive():
                self.teams[a] = entry.get_text()
        if self.turns_entry is not None and self.turns_entry.alive():
            text = self.turns_entry.get_text().strip()
            self.turns = int(text) if text.isdigit() else self.turns
        if self.timer_entry is not None and self.timer_entry.alive():
            self.timer_minutes = self.timer_entry.get_text().strip()

    def _refuse(self, message: str) -> None:
        self.message = message
        if self.msg_label is not None:
            self.msg_label.set_text(self.message)

    def start(self) -> Screen | None:
        humans = [a for a in self.roles if self.human[a]]
        if not humans and not self.watch:
            self._refuse("No role is human: choose one (1–9), or Watch (W).")
            return None
        self.seed = self._seed_value()
        self._keep_classroom()
        scenario, pacing = self.scenario, None
        if self.turns != scenario.rules.turn_limit:
            try:
                pacing = pacing_record(scenario, self.turns)
                scenario = shorten(scenario, self.turns)
            except PacingError as exc:
                self._refuse(f"Turns: {str(exc)[:1].upper()}{str(exc)[1:]}.")
                return None
        timer = None
        if self.timer_minutes:
            try:
                timer = parse_minutes(self.timer_minutes)
            except ClassroomError as exc:
                self._refuse(f"Timer: {exc}.")
                return None
        game = Game.new(scenario, self.seed, humans, {}, self.difficulty)
        game.pacing = pacing
        for a, name in self.teams.items():
            if a in humans and name.strip():
                set_team(game, a, name)
        if self.fac_hash:
            game.facilitator = dict(self.fac_hash)
        self.app.turn_timer = timer
        self.app.reflect = self.reflect
        return routes.play(self.app, game)

    def back(self) -> Screen:
        return routes.main_menu(self.app, self.scenario.id)
