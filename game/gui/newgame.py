"""The new-game screen: roles (human or AI), difficulty and the seed."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.gui.menu import MenuScreen, esc
from game.gui.screen import Screen
from game.scenario.compile import Scenario
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.app import App


class NewGameScreen(Screen):
    title = "New game"
    help_keys = [("1–9", "switch a role between human and AI"), ("Enter", "start the game"), ("Esc or B", "back to the menu")]

    def __init__(self, app: "App", scenario: Scenario) -> None:
        super().__init__(app)
        self.scenario = scenario
        r = scenario.rules
        self.roles = [role.actor for role in r.roles]
        self.human = {a: k == 0 for k, a in enumerate(self.roles)}
        levels = list(scenario.difficulty) or ["normal"]
        self.difficulty = "normal" if "normal" in levels else levels[0]
        self.seed = random.SystemRandom().randint(1, 99_999)
        self.message = ""
        self.keys = {pygame.K_RETURN: self.start, pygame.K_KP_ENTER: self.start, pygame.K_ESCAPE: self.back, pygame.K_b: self.back}
        for k in range(min(9, len(self.roles))):
            self.keys[pygame.K_1 + k] = lambda k=k: self.toggle(self.roles[k])

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(20)
        r = self.scenario.rules
        self.label((pad, s(14), W - 2 * pad, s(40)), f"New game: {self.scenario.meta.title}", cls="title")
        self.label((pad, s(56), W - 2 * pad, s(24)), "Choose who plays each role: a human at this computer (hot-seat if several) or the computer.", cls="muted")
        y = s(92)
        col_w = min(s(560), W // 2 - pad)
        self.label((pad, y, col_w, s(26)), "Roles", cls="heading")
        y += s(32)
        self.role_buttons: dict[int, pygame_gui.elements.UIButton] = {}
        for k, a in enumerate(self.roles):
            name = r.actors[a].name
            self.label((pad, y, col_w - s(190), s(36)), f"{k + 1}. {name}")
            self.role_buttons[a] = self.button((pad + col_w - s(180), y, s(180), s(36)), self._role_text(a), lambda a=a: self.toggle(a), tip=f"Press {k + 1} to switch {name} between human and AI", cls="primary" if self.human[a] else "")
            y += s(42)
        others = [x.name for i, x in enumerate(r.actors) if i not in self.roles]
        if others:
            self.textbox((pad, y, col_w, s(56)), f"<font color='{self.app.theme.hexcolour('muted')}'>Always played by the computer: {esc(', '.join(others))}</font>")
            y += s(64)
        y += s(8)
        self.label((pad, y, s(140), s(36)), "Difficulty")
        levels = list(self.scenario.difficulty) or ["normal"]
        self.diff_menu = pygame_gui.elements.UIDropDownMenu(levels, self.difficulty, pygame.Rect(pad + s(150), y, s(180), s(36)), self.manager)
        y += s(46)
        self.label((pad, y, s(140), s(36)), "Seed")
        self.seed_entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(pad + s(150), y, s(180), s(36)), self.manager, initial_text=str(self.seed))
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.length_limit = 9
        self.button((pad + s(340), y, s(150), s(36)), "New seed", self.reseed, tip="Draw another seed; the same scenario, seed and orders give the same game")
        y += s(42)
        self.label((pad, y, col_w, s(24)), "Share the seed so a class plays the same game.", cls="muted")
        self.msg_label = self.label((pad, H - s(100), col_w, s(28)), self.message, cls="accent")
        self.button((pad, H - s(60), s(220), s(44)), "Start  (Enter)", self.start, cls="primary")
        self.button((pad + s(232), H - s(60), s(180), s(44)), "Back  (Esc)", self.back)
        bx = pad + col_w + pad
        self.brief = self.textbox((bx, s(92), W - bx - pad, H - s(92) - pad), self._briefing_html())

    def _role_text(self, a: int) -> str:
        return "Human" if self.human[a] else "Computer (AI)"

    def _briefing_html(self) -> str:
        m = self.scenario.meta
        r = self.scenario.rules
        acc = self.app.theme.hexcolour("accent")
        parts = []
        for info in m.roles:
            try:
                a = r.actor_index(info.actor)
            except KeyError:
                continue
            if not self.human.get(a):
                continue
            parts.append(f"<font color='{acc}'><b>You lead {esc(r.actors[a].name)}</b></font><br>{esc(info.briefing.strip())}<br><b>Objective:</b> {esc(info.victory)}<br>")
            if info.defeat:
                parts.append(f"<b>You lose if:</b> {esc(info.defeat)}<br>")
            parts.append("<br>")
        if not parts:
            parts.append("Every role is played by the computer: choose at least one human role.<br><br>")
        if m.briefing:
            parts.append(f"<b>The situation</b><br>{esc(m.briefing)}")
        return "".join(parts)

    def toggle(self, a: int) -> None:
        self.human[a] = not self.human[a]
        self.seed = self._seed_value()
        self.app.defer(self.app.rebuild)

    def reseed(self) -> None:
        self.seed = random.SystemRandom().randint(1, 99_999)
        self.seed_entry.set_text(str(self.seed))

    def _seed_value(self) -> int:
        text = self.seed_entry.get_text().strip()
        return int(text) if text.isdigit() else self.seed

    def handle(self, event: pygame.event.Event, consumed: bool) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is self.diff_menu:
            self.difficulty = event.text
            return
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            self.start()
            return
        if event.type == pygame.KEYDOWN and consumed:
            return
        super().handle(event, consumed)

    def start(self) -> None:
        from game.gui.play import PlayScreen

        humans = [a for a in self.roles if self.human[a]]
        if not humans:
            self.message = "Choose at least one human role."
            self.msg_label.set_text(self.message)
            return
        self.seed = self._seed_value()
        game = Game.new(self.scenario, self.seed, humans, {}, self.difficulty)
        self.app.goto(PlayScreen(self.app, game))

    def back(self) -> None:
        self.app.goto(MenuScreen(self.app, self.scenario.id))
