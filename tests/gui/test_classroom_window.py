"""Classroom play in the window, driven with posted mouse and keyboard events:
hot-seat privacy behind the hand-over curtain, the facilitator behind its
passphrase, replays and branches, and the debrief report."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import numpy as np
import pygame
import pytest
from conftest import click, click_at, find_button, press, step, texts, type_text, wait_idle

from game.gui.end import EndScreen
from game.gui.facilitator import FacilitatorScreen
from game.gui.menu import LoadScreen
from game.gui.newgame import NewGameScreen
from game.gui.play.screen import PlayScreen
from game.gui.replay import ReplayScreen
from game.gui.userdata import saves_dir
from game.scenario.loader import load
from game.session.facilitator import FacilitatorError, enable, unlock
from game.session.game import Game
from game.session.save import load_game, save

PASSPHRASE = "white cell"


def hot_seat_game() -> Game:
    sc = load("tutorial")
    r = sc.rules
    return Game.new(sc, 5, [r.actor_index("southland"), r.actor_index("northland")])


def open_game(app, game: Game) -> PlayScreen:
    app.goto(PlayScreen(app, game))
    step(app)
    assert isinstance(app.screen, PlayScreen)
    return app.screen


def queue_first_available(app) -> str:
    """Click the first available order in the list and queue it; its label."""
    screen = app.screen
    option_buttons = [b for b in screen.tabs.orders.list.item_list_container.elements if b.visible and " · " in b.text]
    available = [b for b in option_buttons if "#option_available" in b.object_ids]
    assert available
    click_at(app, available[0].rect.center)
    option = screen.selected_option
    assert option is not None
    click(app, "Queue this order")
    assert option in screen.game.pending[screen.actor]
    return screen.game.rules.option_label(option)


def end_turn(app) -> None:
    click(app, "End turn")
    if "End the turn?" in texts(app):
        click(app, "End the turn")


def ready(app, name: str) -> None:
    assert f"Hand over to {name}" in texts(app)
    click(app, "Ready")
    assert app.screen.curtain is None
    name_shown = app.screen.game.rules.actors[app.screen.actor].name
    assert name_shown == name
    # The first time, a role reads its own briefing: close it.
    if f"You lead {name}" in texts(app):
        press(app, pygame.K_ESCAPE)


# ---------------------------------------------------------------- hot-seat
def test_hot_seat_curtain_hides_one_roles_orders_from_the_next(app):
    game = hot_seat_game()
    r = game.rules
    south, north = r.actor_index("southland"), r.actor_index("northland")
    screen = open_game(app, game)
    # The game opens on the curtain: nothing of any role before Ready.
    assert screen.curtain is not None and "Hand over to Southland" in texts(app)
    assert "Leverage" not in texts(app) and "Queue this order" not in texts(app)
    ready(app, "Southland")
    label = queue_first_available(app)
    cost = r.opt_cost[game.pending[south][0]]
    assert f"1. {label} · {cost}" in texts(app)
    assert label in app.toast_text  # "Queued: …" on Southland's own screen

    end_turn(app)
    # Southland's orders are sealed, the turn has not resolved, and the curtain
    # (its widgets, the toast, the drawn frame) shows nothing of Southland.
    assert game.turn == 1 and not screen.thinking
    assert game.pending[south] and south in game.sealed
    curtain = texts(app)
    assert "Hand over to Northland" in curtain
    assert label not in curtain
    assert label not in app.toast_text
    assert "Leverage" not in curtain and "Budget" not in curtain and "Queued" not in curtain
    assert f"{game.value('leverage', south):.0f} " not in curtain
    # Keys that would open a role's windows do nothing behind the curtain.
    for key in (pygame.K_r, pygame.K_w, pygame.K_c, pygame.K_b, pygame.K_TAB, pygame.K_SPACE):
        press(app, key)
    assert screen.curtain is not None and app.top_window() is None
    assert label not in texts(app)

    ready(app, "Northland")
    # Northland sees its own queue, empty, and its own values; never Southland's orders.
    northland = texts(app)
    assert "No orders queued yet." in northland
    assert f"1. {label} · {cost}" not in northland
    assert "★ Northland" in northland
    assert f"Budget {game.budget_left(north):.0f}/" in northland
    # Tab does not hand back to Southland: it has ended its turn.
    press(app, pygame.K_TAB)
    assert screen.curtain is None and "Every other role has ended" in app.toast_text
    north_label = queue_first_available(app)
    end_turn(app)
    # The last role has ended: the turn resolves behind the curtain (until it
    # has, the curtain shows no order; afterwards the orders carried out are public).
    assert screen.curtain is not None
    if screen.thinking:
        assert "is resolving" in texts(app) and north_label not in texts(app)
    wait_idle(app)
    assert game.turn == 2
    public = texts(app)
    assert "Turn 1 resolved" in public and "Hand over to Southland" in public
    assert "Orders carried out" in public
    # After resolution the orders carried out are public; nothing private is.
    assert "What changed for" not in public
    ready(app, "Southland")
    report = texts(app)
    assert "Turn report: turn 1" in report and "What changed for Southland" in report
    assert "What changed for Northland" not in report


def test_a_role_that_ends_its_turn_is_saved_at_once_and_a_reload_goes_on_with_the_next(app):
    """A crash after Southland sealed its orders loses nothing: the autosave
    holds them, and the reloaded game opens on Northland's hand-over."""
    from game.gui.userdata import autosave_path

    game = hot_seat_game()
    south = game.rules.actor_index("southland")
    open_game(app, game)
    ready(app, "Southland")
    label = queue_first_available(app)
    end_turn(app)
    assert "Hand over to Northland" in texts(app)
    path = autosave_path(game)
    assert json.loads(path.read_text())["sealed"] == {
        "southland": [game.rules.option_slug(o) for o in game.pending[south]]
    }

    again = load_game(path)
    screen = open_game(app, again)
    assert again.sealed == {south} and again.pending[south] == game.pending[south]
    queued = f"1. {label} · "
    assert screen.curtain is not None and "Hand over to Northland" in texts(app) and label not in texts(app)
    ready(app, "Northland")
    assert "No orders queued yet." in texts(app) and queued not in texts(app)
    end_turn(app)
    wait_idle(app)
    assert again.turn == 2 and again.log[0].orders[south] == game.pending[south]


def test_tab_hands_over_behind_the_curtain_and_keeps_the_orders(app):
    game = hot_seat_game()
    south = game.rules.actor_index("southland")
    screen = open_game(app, game)
    ready(app, "Southland")
    label = queue_first_available(app)
    press(app, pygame.K_TAB)
    assert screen.curtain is not None and label not in texts(app)
    assert south not in game.sealed  # switching is not ending the turn
    ready(app, "Northland")
    assert "No orders queued yet." in texts(app)
    press(app, pygame.K_TAB)
    ready(app, "Southland")
    assert label in texts(app) and game.pending[south]
    assert game.turn == 1


# ---------------------------------------------------------------- facilitator
def test_new_game_facilitator_needs_a_confirmed_passphrase(app):
    click(app, "Tutorial: The Harbour Crisis")
    click(app, "New game")
    assert isinstance(app.screen, NewGameScreen)
    click(app, "Off · set a passphrase")
    screen = app.screen
    first, again = screen.fac_entries
    click_at(app, first.rect.center)
    type_text(app, "white cell")
    click_at(app, again.rect.center)
    type_text(app, "white sell")
    click(app, "Enable")
    assert "differ" in texts(app) and screen.fac_hash is None
    for entry, text in zip(screen.fac_entries, ("abc", "abc")):
        click_at(app, entry.rect.center)
        type_text(app, text)
    click(app, "Enable")
    assert "at least 4" in texts(app) and screen.fac_hash is None
    for entry in screen.fac_entries:
        click_at(app, entry.rect.center)
        type_text(app, PASSPHRASE)
    click(app, "Enable")
    step(app)
    assert screen.fac_hash is not None
    assert PASSPHRASE not in json.dumps(screen.fac_hash)
    assert "On · passphrase set" in texts(app)
    click(app, "Start")
    game = app.screen.game
    assert game.facilitator
    unlock(game, PASSPHRASE)
    with pytest.raises(FacilitatorError):
        unlock(game, "white")


def unlock_in_window(app, phrase: str) -> None:
    press(app, pygame.K_f)
    assert "The facilitator's passphrase" in texts(app)
    type_text(app, phrase)
    press(app, pygame.K_RETURN)
    step(app)


def facilitator_game() -> Game:
    sc = load("tutorial")
    game = Game.new(sc, 2, [sc.rules.actor_index("southland")])
    enable(game, PASSPHRASE)
    return game


def test_wrong_passphrase_is_refused_and_the_controls_stay_out_of_reach(app):
    game = facilitator_game()
    open_game(app, game)
    press(app, pygame.K_ESCAPE)  # the briefing
    unlock_in_window(app, "let me in")
    assert isinstance(app.screen, PlayScreen)
    assert "Refused: wrong passphrase." in texts(app)
    assert "Pause the game" not in texts(app) and "Every actor" not in texts(app)
    assert game.interventions == [] and not game.paused
    # The key typed into the passphrase field did nothing else (no order, no turn).
    assert game.turn == 1 and game.pending[0] == []
    press(app, pygame.K_ESCAPE)
    assert app.top_window() is None
    # A game without a facilitator has no way in at all.
    open_game(app, Game.new(load("tutorial"), 2, [0]))
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_f)
    assert app.top_window() is None and "no facilitator" in app.toast_text
    press(app, pygame.K_ESCAPE)
    assert "Game menu" in texts(app) and "Facilitator" not in texts(app)


def test_the_f_that_opens_the_passphrase_window_is_not_typed_into_it(app):
    """A real key press brings its character too (KEYDOWN, then TEXTINPUT):
    the F that opens the facilitator's window must not become the first
    character of the passphrase."""
    game = facilitator_game()
    open_game(app, game)
    press(app, pygame.K_ESCAPE)  # the briefing
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_f, unicode="f", mod=0, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="f"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_f, unicode="f", mod=0, scancode=0))
    step(app)
    assert "The facilitator's passphrase" in texts(app)
    assert app.screen.overlays.pass_entry.get_text() == ""
    type_text(app, PASSPHRASE)
    press(app, pygame.K_RETURN)
    step(app)
    assert "Refused" not in texts(app)
    assert "Pause the game" in texts(app) or "Every actor" in texts(app)


def test_facilitator_sees_everything_and_pause_blocks_the_end_of_the_turn(app):
    game = facilitator_game()
    screen = open_game(app, game)
    press(app, pygame.K_ESCAPE)
    label = queue_first_available(app)
    # Through the game menu this time.
    press(app, pygame.K_ESCAPE)
    click(app, "Facilitator…")
    type_text(app, PASSPHRASE)
    click(app, "Unlock")
    assert isinstance(app.screen, FacilitatorScreen)
    seen = texts(app)
    for word in ("Strength", "Readiness", "Northland", "United Nations", "Harbour"):
        assert word in seen
    assert f"Queued: {label}" in seen
    strength = game.value("strength", game.rules.actor_index("northland"))
    assert f"{strength:.0f}" in seen
    fac = app.screen
    click_at(app, find_button(app, "Pause the game").rect.center)
    assert game.paused and game.interventions[-1]["kind"] == "pause"
    press(app, pygame.K_ESCAPE)
    assert app.screen is screen
    assert "Paused by the facilitator" in texts(app)
    assert not screen.top.end_button.is_enabled
    press(app, pygame.K_RETURN)
    step(app)
    assert game.turn == 1 and not screen.thinking and "Paused" in app.toast_text
    # Locked again: the next visit asks for the passphrase anew.
    unlock_in_window(app, PASSPHRASE)
    assert isinstance(app.screen, FacilitatorScreen) and app.screen is not fac
    press(app, pygame.K_p)
    assert not game.paused
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    wait_idle(app)
    assert game.turn == 2


def test_inject_custom_event_and_set_value_are_logged_and_kept_in_the_save(app):
    game = facilitator_game()
    r = game.rules
    open_game(app, game)
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    wait_idle(app)
    press(app, pygame.K_ESCAPE)  # the turn report
    assert game.turn == 2
    unlock_in_window(app, PASSPHRASE)
    fac = app.screen
    assert isinstance(fac, FacilitatorScreen)

    def note(text: str) -> None:
        click_at(app, fac.note_entry.rect.center)
        type_text(app, text)
        app.manager.set_focus_set(None)

    # Send one of the scenario's events.
    press(app, pygame.K_2)
    storm = next(e for e in r.events if e.id == "storm")
    click(app, f"{storm.name} ({storm.id})")
    assert storm.text[:30] in texts(app)
    note("the class asked for weather")
    click(app, "Send this event now")
    assert game.interventions[-1]["kind"] == "inject" and game.interventions[-1]["event"] == "storm"
    assert "Sent: Spring storm" in texts(app)

    # A custom news item with one change.
    press(app, pygame.K_3)
    head, text_entry = [e for e in fac.entry_setters if e.rect.y >= fac.content.rect.y][:2]
    click_at(app, head.rect.center)
    type_text(app, "Dockers strike")
    amount = [e for e in fac.entry_setters if e.rect.y >= fac.content.rect.y][2]
    click_at(app, amount.rect.center)
    type_text(app, "12")
    note("improvised")
    before = game.value("stability", 0)
    click(app, "Send this news now")
    custom = game.interventions[-1]
    assert custom["kind"] == "custom" and custom["headline"] == "Dockers strike" and custom["note"] == "improvised"
    assert custom["changes"][0]["quantity"] == "stability" and custom["changes"][0]["add"] == 12
    assert game.value("stability", 0) == pytest.approx(min(100.0, before + 12))
    assert "Dockers strike" in [e.cause.text for e in game.why("stability", 0)]

    # Set a value by hand.
    press(app, pygame.K_4)
    value_entry = [e for e in fac.entry_setters if e.rect.y >= fac.content.rect.y][0]
    click_at(app, value_entry.rect.center)
    type_text(app, "250")
    note("too calm")
    click(app, "Set the value")
    assert "Cannot do that" in texts(app) and game.interventions[-1]["kind"] == "custom"
    click_at(app, value_entry.rect.center)
    for _ in range(5):
        press(app, pygame.K_BACKSPACE)
    type_text(app, "45")
    old = game.value("stability", 0)
    click(app, "Set the value")
    assert game.interventions[-1]["kind"] == "adjust" and game.interventions[-1]["note"] == "too calm"
    assert game.value("stability", 0) == pytest.approx(45)

    # The log lists them all with their turn and note.
    press(app, pygame.K_5)
    log = texts(app)
    for needle in (
        "turn 2",
        "Injected event: Spring storm hits the coast",
        "the class asked for weather",
        "Custom event: Dockers strike (stability of Harbour Province +12)",
        "improvised",
        f"Set stability of Harbour Province: {round(old, 1):g} → 45",
        "too calm",
    ):
        assert needle in log, needle
    assert [(i["turn"], i["kind"]) for i in game.interventions] == [(2, "inject"), (2, "custom"), (2, "adjust")]

    # Back in the game, the news shows the custom headline; a quick save keeps it all.
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, PlayScreen)
    assert "Dockers strike" in app.screen.news.box.html_text
    press(app, pygame.K_F5)
    press(app, pygame.K_F9)
    loaded = app.screen.game
    assert loaded is not game
    assert [(i["turn"], i["kind"], i.get("note")) for i in loaded.interventions] == [
        (2, "inject", "the class asked for weather"),
        (2, "custom", "improvised"),
        (2, "adjust", "too calm"),
    ]
    assert loaded.value("stability", 0) == pytest.approx(45)
    assert loaded.facilitator == game.facilitator
    unlock_in_window(app, PASSPHRASE)
    assert isinstance(app.screen, FacilitatorScreen)


# ---------------------------------------------------------------- replay
def played_save(turns: int = 4) -> tuple[Game, object]:
    sc = load("tutorial")
    game = Game.new(sc, 8, [0])
    for _ in range(turns):
        game.queue(0, next(v.option for v in game.options(0, with_predictions=False) if v.legal))
        game.end_turn()
    path = save(game, saves_dir() / "class-game.json")
    return game, path


def test_replay_steps_through_turns_and_branches_as_a_new_game(app):
    game, path = played_save()
    original = path.read_text()
    press(app, pygame.K_l)
    assert isinstance(app.screen, LoadScreen)
    press(app, pygame.K_r)
    replay = app.screen
    assert isinstance(replay, ReplayScreen) and replay.turn == 1
    assert "Turn 1 of 5" in texts(app)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RIGHT)
    assert replay.turn == 3 and "Turn 3 of 5" in texts(app)
    values = replay.values_box.html_text
    lev = game.history[2]["leverage"][0]
    assert f"lev {lev:.0f}" in values
    label = game.rules.option_label(game.log[2].orders[0][0])
    assert "Orders given in turn 3" in values and label in values
    click(app, "◀")
    assert replay.turn == 2
    stab = game.history[1]["stability"][0]
    assert f"stability {stab:.0f}" in replay.values_box.html_text
    press(app, pygame.K_END)
    assert replay.turn == 5 and "had not been played" in replay.values_box.html_text
    press(app, pygame.K_HOME)
    press(app, pygame.K_RIGHT)
    click(app, "Continue from this turn as a new game")
    play = app.screen
    assert isinstance(play, PlayScreen)
    branch = play.game
    assert branch.turn == 2 and len(branch.log) == 1
    assert play.save_path is not None and play.save_path != path and play.save_path.exists()
    assert "from-turn2" in play.save_path.name
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    wait_idle(app)
    assert branch.turn == 3
    # The branch saved itself under its own name; the original is untouched.
    assert path.read_text() == original
    again = load_game(play.save_path)
    assert again.turn == 3
    assert np.array_equal(again.history[1]["stability"], game.history[1]["stability"])


# ---------------------------------------------------------------- debrief report
class Sections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("id"):
            self.ids.append(str(a["id"]))
        if tag in ("link", "script", "img") and (a.get("href") or a.get("src")):
            self.links.append(str(a.get("href") or a.get("src")))


def test_end_screen_report_button_writes_a_self_contained_debrief(app):
    sc = load("tutorial")
    game = Game.new(sc, 3, [0])
    enable(game, PASSPHRASE)
    unlock(game, PASSPHRASE).adjust("stability", ["harbour"], 50, "a class decision")
    while not game.over:
        game.end_turn()
    app.goto(EndScreen(app, game, 0))
    step(app)
    click(app, "Debrief report")
    path = saves_dir() / f"tutorial-seed{game.seed}-debrief.html"
    assert path.exists()
    assert str(path) in texts(app)
    parser = Sections()
    html = path.read_text(encoding="utf-8")
    parser.feed(html)
    for section in ("summary", "scores", "charts", "decisions", "timeline", "facilitator", "history", "discussion"):
        assert section in parser.ids, section
    assert parser.links == []  # nothing outside the file
    assert "a class decision" in html
    click(app, "Export CSV")
    folder = saves_dir() / f"tutorial-seed{game.seed}-data"
    assert {p.name for p in folder.glob("*.csv")} == {
        "actors.csv",
        "regions.csv",
        "tracks.csv",
        "orders.csv",
        "reflections.csv",
    }
    assert str(folder) in texts(app)
    click(app, "Export JSON")
    data = json.loads((folder / f"tutorial-seed{game.seed}.json").read_text())
    assert data["turns_played"] == game.rules.turn_limit
    # The load screen does not mistake the report's files for saves.
    press(app, pygame.K_ESCAPE)
    click(app, "Main menu")
    press(app, pygame.K_l)
    assert all(not sv.name.endswith(("-debrief", "-data")) for sv in app.screen.saves)


def test_game_menu_writes_the_report_of_the_game_so_far(app):
    game = Game.new(load("tutorial"), 6, [0])
    open_game(app, game)
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    wait_idle(app)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    click(app, "Debrief report")
    path = saves_dir() / "tutorial-seed6-debrief.html"
    assert path.exists() and "Turn 1" in path.read_text(encoding="utf-8")
    assert "Debrief report" in texts(app) and str(path) in texts(app)


def test_end_screen_opens_the_game_as_a_replay(app):
    game = Game.new(load("tutorial"), 3, [0])
    while not game.over:
        game.end_turn()
    app.goto(EndScreen(app, game, 0))
    step(app)
    press(app, pygame.K_p)
    assert isinstance(app.screen, ReplayScreen)
    assert app.screen.replay.last == game.turn
    press(app, pygame.K_END)
    assert "The end" in app.screen.values_box.html_text
    assert not find_button(app, "Continue from this turn").is_enabled
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, EndScreen)


# ---------------------------------------------------------------- every new screen fits
def visit_classroom_screens(app) -> None:
    from test_screens import assert_rendered

    sc = load("gulf-1990")
    humans = [role.actor for role in sc.rules.roles[:2]]
    game = Game.new(sc, 1991, humans)
    enable(game, PASSPHRASE)
    app.goto(NewGameScreen(app, sc))
    step(app)
    press(app, pygame.K_f)
    assert_rendered(app, "facilitator set-up")
    app.screen.close_facilitator_dialog()
    open_game(app, game)
    assert_rendered(app, "curtain")
    click(app, "Ready")
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    assert_rendered(app, "hand-over")
    click(app, "Ready")
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_f)
    assert_rendered(app, "passphrase")
    type_text(app, PASSPHRASE)
    press(app, pygame.K_RETURN)
    step(app)
    assert isinstance(app.screen, FacilitatorScreen)
    for k in range(5):
        press(app, pygame.K_1 + k)
        assert_rendered(app, f"facilitator tab {k + 1}")
    press(app, pygame.K_p)
    press(app, pygame.K_ESCAPE)
    assert_rendered(app, "paused")
    press(app, pygame.K_ESCAPE)
    click(app, "Debrief report")
    assert_rendered(app, "debrief window")
    press(app, pygame.K_ESCAPE)
    unlock_in_window(app, PASSPHRASE)
    press(app, pygame.K_p)
    press(app, pygame.K_ESCAPE)
    end_turn(app)
    wait_idle(app)
    assert_rendered(app, "public report")
    path = save(game, saves_dir() / "fit.json")
    from game.gui.replay import open_replay

    app.goto(open_replay(app, path))
    step(app)
    assert isinstance(app.screen, ReplayScreen)
    assert_rendered(app, "replay")


@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((800, 560), 0.9), ((1920, 1080), 1.5)])
def test_classroom_screens_render_and_fit(size, scale):
    import warnings

    from test_screens import clipped

    from game.gui.app import App
    from game.gui.userdata import Settings

    a = App(settings=Settings(ui_scale=scale), size=size)
    try:
        step(a)
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            visit_classroom_screens(a)
        assert not clipped(record), clipped(record)
    finally:
        a.screen.leave()
        pygame.quit()


def test_set_value_of_relations_chosen_through_the_menus(app):
    game = facilitator_game()
    r = game.rules
    open_game(app, game)
    press(app, pygame.K_ESCAPE)
    unlock_in_window(app, PASSPHRASE)
    fac = app.screen
    press(app, pygame.K_4)
    quantity_menu = next(iter(fac.menu_setters))
    click_at(app, quantity_menu.rect.center)
    click(app, "relations", exact=True)
    assert fac.setting.quantity == "relations" and len(fac.setting.subject) == 2
    assert "towards" in texts(app)
    first, second = list(fac.menu_setters)[1:]
    click_at(app, first.rect.center)
    click(app, "Northland", exact=True)
    click_at(app, second.rect.center)
    click(app, "Southland", exact=True)
    assert fac.setting.subject == ["northland", "southland"]
    now = game.value("relations", r.actor_index("northland"), r.actor_index("southland"))
    assert f"now {now:.0f}" in texts(app)
    value_entry = [e for e in fac.entry_setters if e is not fac.note_entry][0]
    click_at(app, value_entry.rect.center)
    type_text(app, "-40")
    click(app, "Set the value")
    assert game.value("relations", r.actor_index("northland"), r.actor_index("southland")) == pytest.approx(-40)
    assert game.interventions[-1]["label"] == "northland / southland"


def test_ending_a_turn_with_points_left_asks_first(app):
    """The setting says "ask before ending a turn with unspent budget": with
    one order queued and points left that could buy another, End turn asks
    (saying how much is left) instead of resolving the turn."""
    game = Game.new(load("tutorial"), 2, [0])
    open_game(app, game)
    press(app, pygame.K_ESCAPE)  # the briefing
    queue_first_available(app)
    assert game.budget_left(0) > 0
    click(app, "End turn")
    assert "End the turn?" in texts(app)
    assert "You have queued 1 order and still have" in texts(app)
    assert game.turn == 1
    click(app, "Keep planning (Esc)")
    assert game.turn == 1 and len(game.pending[0]) == 1
