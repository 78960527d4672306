"""The main menu: the scenario browser, new game, load, settings, quit.

Also the load-game and settings screens, which the menu opens.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

from game.ai.controllers import PassController
from game.gui import routes
from game.gui.mapview import MapView
from game.gui.screen import Screen, esc
from game.gui.userdata import FRAME_CAPS, UI_SCALES, VOLUMES, SaveInfo, list_saves, saves_dir
from game.scenario.compile import Scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, shipped
from game.session.fmt import days
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.app import App


FIRST = "tutorial"
"""The scenario a new player should start with: first in the list, and chosen when the menu opens."""


def shipped_scenarios(app: "App") -> list[Scenario]:
    """Every shipped scenario that loads, the tutorial first (cached on the app)."""
    if app.scenarios is None:
        app.scenarios = []
        for _, path in shipped():
            try:
                app.scenarios.append(load(path))
            except ScenarioError:
                continue
        app.scenarios.sort(key=lambda sc: sc.id != FIRST)  # stable: the others keep their order
    return app.scenarios


def preview_game(scenario: Scenario) -> Game:
    """A game at its first turn, only for showing the map."""
    return Game.new(scenario, 0, (), controllers={a: PassController() for a in range(scenario.rules.n_actors)})


def scenario_html(app: "App", sc: Scenario) -> str:
    m, r = sc.meta, sc.rules
    acc = app.theme.hexcolour("accent")
    muted = app.theme.hexcolour("muted")
    out = [
        f"{app.theme.html_heading(f'{esc(m.title)}')}<br>"
        f"<font color='{muted}'>{esc(m.period)}{' · fictional' if m.fictional else ''} · "
        f"{r.turn_limit} turns of {days(r.calendar.days_per_turn)} · "
        f"{r.n_actors} actors · {r.n_regions} regions</font><br><br>"
    ]
    if m.summary:
        out.append(esc(m.summary) + "<br><br>")
    out.append(f"<font color='{acc}'><b>Roles you can play</b></font><br>")
    for info in m.roles:
        try:
            name = r.actors[r.actor_index(info.actor)].name
        except KeyError:
            name = info.actor
        out.append(f"<b>{esc(name)}</b> — {esc(info.victory)}<br>")
    if m.learning_objectives:
        out.append(f"<br><font color='{acc}'><b>You will learn to</b></font><br>")
        out.extend(f"• {esc(x)}<br>" for x in m.learning_objectives)
    if m.briefing:
        out.append(f"<br><font color='{acc}'><b>Briefing</b></font><br>{esc(m.briefing)}<br>")
    return "".join(out)


MIN_TEXT_W = 320
"""The narrowest the scenario's description may be (before the UI scale): below it, words break."""


class MenuScreen(Screen):
    title = "Main menu"
    help_keys = [
        ("↑ / ↓", "choose a scenario"),
        ("Enter or N", "new game with the chosen scenario"),
        ("C", "continue the latest saved game"),
        ("L", "load a game"),
        ("S", "settings"),
        ("Q", "quit"),
    ]

    def __init__(self, app: "App", selected: str | None = None) -> None:
        super().__init__(app)
        self.scenarios = shipped_scenarios(app)
        self.index = 0
        if selected:
            for k, sc in enumerate(self.scenarios):
                if sc.id == selected:
                    self.index = k
        self.map: MapView | None = None
        self.preview_due = False
        """Whether the menu has been drawn once (the map preview waits for the second frame)."""
        self.list: pygame_gui.elements.UISelectionList | None = None
        self.latest: SaveInfo | None = None
        self.details: pygame_gui.elements.UITextBox | None = None
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.keys = {
            pygame.K_RETURN: self.new_game,
            pygame.K_KP_ENTER: self.new_game,
            pygame.K_n: self.new_game,
            pygame.K_c: self.continue_game,
            pygame.K_l: self.load_game,
            pygame.K_s: self.settings,
            pygame.K_q: self.quit,
            pygame.K_UP: lambda: self.choose(self.index - 1),
            pygame.K_DOWN: lambda: self.choose(self.index + 1),
        }
        self.app.game = None

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(20)
        self.label((pad, s(14), W // 2, s(40)), "Brinkmanship", cls="title")
        self.label(
            (pad, s(54), W - 2 * pad, s(26)), "A strategy game of military operations and diplomacy", cls="subtitle"
        )
        top = s(96)
        # Wide enough for the longest scenario titles at 1280 px.
        left_w = max(s(300), int(W * 0.275))
        self.label((pad, top, left_w, s(26)), "Scenarios", cls="heading")
        n_buttons = 5
        bh, gap = s(38), s(8)
        buttons_h = n_buttons * (bh + gap)
        list_h = max(s(80), H - top - s(30) - buttons_h - pad - s(10))
        items = [sc.meta.title for sc in self.scenarios] or ["(no scenario could be loaded)"]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(pad, top + s(30), left_w, list_h),
            items,
            self.manager,
            default_selection=items[self.index] if self.scenarios else None,
        )
        y = top + s(30) + list_h + s(14)
        saves = list_saves()
        self.latest = next((sv for sv in saves if not sv.error), None)
        specs = [
            (
                "New game  (Enter)",
                self.new_game,
                "Choose roles, difficulty and seed for this scenario",
                bool(self.scenarios),
                "primary",
            ),
            (
                "Continue  (C)",
                self.continue_game,
                f"Continue {self.latest.line}" if self.latest else "No saved game yet",
                self.latest is not None,
                "",
            ),
            ("Load game  (L)", self.load_game, "Open a saved game", True, ""),
            ("Settings  (S)", self.settings, "UI scale, frame rate, full screen", True, ""),
            ("Quit  (Q)", self.quit, "Leave the game", True, ""),
        ]
        for text, fn, tip, enabled, cls in specs:
            self.button((pad, y, left_w, bh), text, fn, tip=tip, enabled=enabled, cls=cls)
            y += bh + gap
        mid_x = pad + left_w + pad
        right_w = max(s(280), int(W * 0.31))
        mid_w = W - mid_x - right_w - 2 * pad
        if mid_w >= s(MIN_TEXT_W):
            self.details = self.textbox((mid_x, top, mid_w, H - top - pad), "")
            self.map_rect = pygame.Rect(W - right_w - pad, top, right_w, min(right_w, H - top - pad - s(30)))
        else:
            # A narrow window: the preview goes under the description, which keeps a width that reads.
            mid_w = right_w = W - mid_x - pad
            preview_h = min(s(200), (H - top - pad) // 2)
            details_h = H - top - pad - preview_h - s(34)
            self.details = self.textbox((mid_x, top, mid_w, details_h), "")
            self.map_rect = pygame.Rect(mid_x, top + details_h + s(6), mid_w, preview_h)
        self.label(
            (self.map_rect.x, self.map_rect.bottom + s(4), right_w, s(24)),
            "At the start: colour = stability, border = holder",
            cls="muted",
        )
        self.show()

    def show(self) -> None:
        if self.details is None:
            return
        if not self.scenarios:
            self.details.set_text("No scenario could be loaded. Run 'brinkmanship validate scenarios/' to see why.")
            return
        sc = self.scenarios[self.index]
        self.details.set_text(scenario_html(self.app, sc))
        self.map = MapView(self.app.theme, preview_game(sc), None, show_actors=False, compact=True)
        self.map.layout(self.map_rect)

    def choose(self, k: int) -> None:
        if not self.scenarios:
            return
        self.index = k % len(self.scenarios)
        self._sync_list()
        self.show()

    def _sync_list(self) -> None:
        if self.list is None:
            return
        title = self.scenarios[self.index].meta.title
        self.list.set_item_list([sc.meta.title for sc in self.scenarios])
        for item in self.list.item_list:
            if item["text"] == title:
                item["selected"] = True
                if item.get("button_element") is not None:
                    item["button_element"].select()

    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            for k, sc in enumerate(self.scenarios):
                if sc.meta.title == event.text:
                    self.index = k
                    self.show()
            return None
        if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION and event.ui_element is self.list:
            return self.new_game()
        return super().handle(event, consumed)

    def draw(self, surface: pygame.Surface) -> None:
        if self.map is not None and not self.preview_due:
            # The first frame shows the menu at once; the map preview (its outlines read from disk) the next.
            self.preview_due = True
            self.app.dirty = True
        elif self.map is not None:
            self.map.draw(surface)
            pygame.draw.rect(surface, self.app.theme.colour("border"), self.map.rect, 1)

    # ------------------------------------------------------------ actions
    def new_game(self) -> Screen | None:
        return routes.new_game(self.app, self.scenarios[self.index]) if self.scenarios else None

    def continue_game(self) -> Screen | None:
        return routes.saved_game(self.app, self.latest.path) if self.latest is not None else None

    def load_game(self) -> Screen:
        return LoadScreen(self.app)

    def settings(self) -> Screen:
        return SettingsScreen(self.app)

    def quit(self) -> None:
        self.app.quit()


class LoadScreen(Screen):
    title = "Load a game"
    help_keys = [
        ("↑ / ↓", "choose a save"),
        ("Enter", "load it"),
        ("R", "open it as a replay: step through its turns, continue from any"),
        ("Esc or B", "back to the menu"),
    ]

    def __init__(self, app: "App", back_to: Screen | None = None) -> None:
        super().__init__(app)
        self.back_to = back_to
        """Where Back leads (the game it was opened from), else the main menu."""
        self.saves = list_saves()
        self.index = 0
        self.list: pygame_gui.elements.UISelectionList | None = None
        self.keys = {
            pygame.K_RETURN: self.load,
            pygame.K_KP_ENTER: self.load,
            pygame.K_r: self.replay,
            pygame.K_ESCAPE: self.back,
            pygame.K_b: self.back,
            pygame.K_UP: lambda: self.move(-1),
            pygame.K_DOWN: lambda: self.move(1),
        }

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(20)
        self.label((pad, s(14), W - 2 * pad, s(40)), "Load a game", cls="title")
        self.label(
            (pad, s(56), W - 2 * pad, s(24)),
            f"Saved games in {saves_dir()} (newest first; autosaves are written after every turn)",
            cls="muted",
        )
        items = [sv.line for sv in self.saves] or ["No saved games yet."]
        self.list = pygame_gui.elements.UISelectionList(
            pygame.Rect(pad, s(90), W - 2 * pad, H - s(90) - s(70)),
            items,
            self.manager,
            default_selection=items[0] if self.saves else None,
        )
        self.button(
            (pad, H - s(56), s(200), s(40)), "Load  (Enter)", self.load, cls="primary", enabled=bool(self.saves)
        )
        self.button(
            (pad + s(212), H - s(56), s(240), s(40)),
            "Open as replay  (R)",
            self.replay,
            enabled=bool(self.saves),
            tip="Step through the saved game turn by turn; continue from any turn as a new game",
        )
        self.button(
            (pad + s(464), H - s(56), s(200), s(40)),
            "Back to the game  (Esc)" if self.back_to is not None else "Back  (Esc)",
            self.back,
        )

    def move(self, d: int) -> None:
        if self.saves and self.list is not None:
            self.index = (self.index + d) % len(self.saves)
            self.list.set_item_list([sv.line for sv in self.saves])
            for item in self.list.item_list:
                if item["text"] == self.saves[self.index].line:
                    item["selected"] = True
                    if item.get("button_element") is not None:
                        item["button_element"].select()

    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if (
            event.type
            in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION)
            and event.ui_element is self.list
        ):
            for k, sv in enumerate(self.saves):
                if sv.line == event.text:
                    self.index = k
            if event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
                return self.load()
            return None
        return super().handle(event, consumed)

    def _readable(self) -> SaveInfo | None:
        """The chosen save, or None (with a toast that says why) if it cannot be read."""
        if not self.saves:
            return None
        sv = self.saves[self.index]
        if sv.error:
            self.app.toast(f"{sv.name} cannot be read: {sv.error}", 6.0)
            return None
        return sv

    def load(self) -> Screen | None:
        sv = self._readable()
        return routes.saved_game(self.app, sv.path) if sv is not None else None

    def replay(self) -> Screen | None:
        sv = self._readable()
        return routes.replay(self.app, sv.path, back=self) if sv is not None else None

    def back(self) -> Screen:
        return self.back_to or MenuScreen(self.app)


class SettingsScreen(Screen):
    title = "Settings"
    help_keys = [("Esc or B", "back to the menu")]

    def __init__(self, app: "App", back_to: Screen | None = None) -> None:
        super().__init__(app)
        self.back_to = back_to
        self.scale_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.fps_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.report_btn: pygame_gui.elements.UIButton | None = None
        self.confirm_btn: pygame_gui.elements.UIButton | None = None
        self.highlight_btn: pygame_gui.elements.UIButton | None = None
        self.volume_menu: pygame_gui.elements.UIDropDownMenu | None = None
        self.sound_btn: pygame_gui.elements.UIButton | None = None
        self.keys = {pygame.K_ESCAPE: self.back, pygame.K_b: self.back}

    def build(self) -> None:
        s = self.s
        W, H = self.app.size
        pad = s(20)
        st = self.app.settings
        self.label((pad, s(14), W - 2 * pad, s(40)), "Settings", cls="title")
        y = s(80)
        col = s(420)
        row = s(48)
        self.label((pad, y, col, s(36)), "UI scale (text and widgets)")
        self.scale_menu = pygame_gui.elements.UIDropDownMenu(
            [f"{int(x * 100)}%" for x in UI_SCALES],
            f"{int(round(st.ui_scale * 100))}%",
            pygame.Rect(pad + col, y, s(160), s(36)),
            self.manager,
        )
        y += row
        self.label((pad, y, col, s(36)), "Frame rate cap")
        self.fps_menu = pygame_gui.elements.UIDropDownMenu(
            [f"{x} fps" for x in FRAME_CAPS], f"{st.fps} fps", pygame.Rect(pad + col, y, s(160), s(36)), self.manager
        )
        y += row
        self.label((pad, y, col, s(36)), "Turn report after each turn")
        self.report_btn = self.button(
            (pad + col, y, s(160), s(36)), "on" if st.report_after_turn else "off", self.toggle_report
        )
        y += row
        self.label((pad, y, col, s(36)), "Ask before ending a turn with unspent budget")
        self.confirm_btn = self.button(
            (pad + col, y, s(160), s(36)), "on" if st.confirm_end_turn else "off", self.toggle_confirm
        )
        y += row
        self.label((pad, y, col, s(36)), "Show on the map what changed and who moved")
        self.highlight_btn = self.button(
            (pad + col, y, s(160), s(36)), "on" if st.highlight_changes else "off", self.toggle_highlight
        )
        y += row
        self.label((pad, y, col, s(36)), "Sound (F8)" if self.app.sounds.available else "Sound (F8): no audio device")
        self.sound_btn = self.button(
            (pad + col, y, s(160), s(36)), "off" if st.muted else "on", self.app.toggle_mute, ident="sound"
        )
        self.volume_menu = pygame_gui.elements.UIDropDownMenu(
            [f"{v}%" for v in VOLUMES],
            f"{st.volume}%" if st.volume in VOLUMES else f"{VOLUMES[-1]}%",
            pygame.Rect(pad + col + s(170), y, s(110), s(36)),
            self.manager,
        )
        y += row
        self.label((pad, y, col, s(36)), "Full screen (F11)")
        self.button((pad + col, y, s(160), s(36)), "on" if st.fullscreen else "off", self.app.toggle_fullscreen)
        y += row + s(10)
        self.label(
            (pad, y, W - 2 * pad, s(28)),
            f"The window can be resized freely. Settings are kept in {self.app.settings_path()}.",
            cls="muted",
        )
        self.button((pad, H - s(56), s(200), s(40)), "Back  (Esc)", self.back, cls="primary")

    def toggle_report(self) -> None:
        self.app.settings.report_after_turn = not self.app.settings.report_after_turn
        self.app.settings.save()
        if self.report_btn is not None:
            self.report_btn.set_text("on" if self.app.settings.report_after_turn else "off")

    def toggle_highlight(self) -> None:
        self.app.settings.highlight_changes = not self.app.settings.highlight_changes
        self.app.settings.save()
        if self.highlight_btn is not None:
            self.highlight_btn.set_text("on" if self.app.settings.highlight_changes else "off")

    def toggle_confirm(self) -> None:
        self.app.settings.confirm_end_turn = not self.app.settings.confirm_end_turn
        self.app.settings.save()
        if self.confirm_btn is not None:
            self.confirm_btn.set_text("on" if self.app.settings.confirm_end_turn else "off")

    def handle(self, event: pygame.event.Event, consumed: bool) -> Screen | None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            if event.ui_element is self.scale_menu:
                scale = int(event.text.rstrip("%")) / 100
                self.app.defer(lambda: self.app.set_scale(scale))
            elif event.ui_element is self.volume_menu:
                self.app.settings.volume = int(event.text.rstrip("%"))
                self.app.settings.save()
                self.app.sounds.play("queued")  # a sample at the new volume
            elif event.ui_element is self.fps_menu:
                self.app.settings.fps = int(event.text.split()[0])
                self.app.settings.save()
            return None
        return super().handle(event, consumed)

    def sound_changed(self) -> None:
        if self.sound_btn is not None and self.sound_btn.alive():
            self.sound_btn.set_text("off" if self.app.settings.muted else "on")

    def back(self) -> Screen:
        return self.back_to or MenuScreen(self.app)
