"""Words and numbers the player reads: verbs that agree with plural actors,
no withdrawal "from" an actor's own soil, no "0 turn(s)", turn counts that
never pass the last turn, damaged saves listed with their error, a browser
said to be open only when one opened, and role names cut only when needed."""

from __future__ import annotations

import json
import webbrowser

import pygame
import pytest
from conftest import press, step, texts

from game.core.actions.common import agree, possessive, subj
from game.core.actions.peace import after_crisis
from game.gui import debrief
from game.gui.menu import LoadScreen
from game.gui.play.screen import PlayScreen
from game.gui.play.topbar import TopBar
from game.gui.replay import ReplayScreen
from game.gui.userdata import list_saves, saves_dir, write
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, load_text, scenarios_dir
from game.session.game import Game


def test_plural_actors_take_plural_verbs():
    r = load("bosnia-1995").rules
    serbs, usa = r.actor_index("rs"), r.actor_index("usa")
    assert subj(r, serbs, "withdraws its") == "Bosnian Serbs withdraw their"
    # A state whose name has an "and" in it is still one state.
    assert subj(r, r.actor_index("bosnia"), "opens") == "Bosnia and Herzegovina opens"
    assert subj(r, usa, "withdraws its") == "United States withdraws its"
    assert subj(r, serbs, "is") == "Bosnian Serbs are"
    assert [agree(v) for v in ("allies", "imposes", "complies", "refuses", "has", "counters")] == [
        "ally",
        "impose",
        "comply",
        "refuse",
        "have",
        "counter",
    ]
    # Named as two parties joined by "and": plural without being told.
    iran = load("iran-nuclear").rules
    assert iran.actors[iran.actor_index("e3")].plural and not iran.actors[iran.actor_index("iran")].plural
    mali = load("minusma").rules
    assert not mali.actors[mali.actor_index("un")].plural  # "UN (Secretary-General and MINUSMA)"


def test_a_name_ending_in_s_takes_an_apostrophe_alone_in_every_cause_and_news_line():
    """The United States' ultimatum, the Bosnian Serbs' forces: a whole Gulf
    game and a whole Bosnia game, every actor on the AI, write no "s's"."""
    assert possessive("Iraq") == "Iraq's" and possessive("United States") == "United States'"
    for sid in ("gulf-1990", "bosnia-1995"):
        game = Game.new(load(sid), 5, humans=[])
        lines = []
        while not game.over:
            game.end_turn()
            lines += game.news()
        lines += [e.cause.text for e in game.ledger.entries]
        assert lines and not [line for line in lines if "s's " in line]


def test_plural_is_a_flag_like_the_others():
    text = (scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    ok = text.replace('    colour: "#E69F00"\n', '    colour: "#E69F00"\n    plural: true\n', 1)
    sc = load_text(ok, "t.yaml")
    assert sc.rules.actors[sc.rules.actor_index("northland")].plural
    with pytest.raises(ScenarioError) as info:
        load_text(ok.replace("plural: true", 'plural: "yes"'), "t.yaml")
    assert "plural" in str(info.value)


def test_an_actor_on_its_own_soil_stands_down_rather_than_withdraws_from_it():
    sc = load("gulf-1990")
    saudi = sc.rules.actor_index("saudi")
    game = Game.new(sc, 1, (saudi,))
    game.queue(saudi, game.find_option(saudi, "withdraw saudi"))
    rec = game.end_turn()
    news = " ".join(rec.news)
    assert "Saudi Arabia stands down its forces in Saudi Arabia" in news
    assert "withdraws its forces from Saudi Arabia" not in news


def test_no_zero_turns_in_words():
    assert after_crisis(0) == "the turn the crisis began"
    assert after_crisis(1) == "1 turn after the crisis began"
    assert after_crisis(3) == "3 turns after the crisis began"


def finished_tutorial() -> Game:
    game = Game.new(load("tutorial"), 3, ())
    while not game.over:
        game.end_turn()
    return game


def test_a_damaged_save_is_listed_with_its_error_and_a_finished_one_stops_at_its_last_turn(app):
    game = finished_tutorial()
    limit = game.rules.turn_limit
    saves_dir().mkdir(parents=True, exist_ok=True)
    write(game, saves_dir() / "done.json")
    (saves_dir() / "broken.json").write_text('{"scenario": {"id": "tutorial"}, "turns": [', encoding="utf-8")
    (saves_dir() / "stranger.json").write_text(json.dumps({"hello": 1}), encoding="utf-8")
    by_name = {sv.name: sv for sv in list_saves()}
    assert by_name["done"].finished and by_name["done"].turn == limit
    assert f"finished after turn {limit}" in by_name["done"].line and f"turn {limit + 1}" not in by_name["done"].line
    assert by_name["broken"].error.startswith("damaged") and "cannot be read" in by_name["broken"].line
    assert "not a save" in by_name["stranger"].error

    app.goto(LoadScreen(app))
    step(app)
    shown = texts(app)
    assert "broken · cannot be read: damaged" in shown and "stranger · cannot be read" in shown
    screen = app.screen
    screen.index = next(k for k, sv in enumerate(screen.saves) if sv.name == "broken")
    press(app, pygame.K_RETURN)
    assert app.screen is screen and "broken cannot be read" in app.toast_text  # stays, says why

    # The finished game as a replay: its last state is "the end", never a turn past the last.
    screen.index = next(k for k, sv in enumerate(screen.saves) if sv.name == "done")
    press(app, pygame.K_r)
    assert isinstance(app.screen, ReplayScreen)
    press(app, pygame.K_END)
    assert f"The end, after turn {limit}" in texts(app)
    assert f"Turn {limit + 1}" not in texts(app)
    press(app, pygame.K_HOME)
    assert f"Turn 1 of {limit}" in texts(app)


def fresh_browsers(monkeypatch, command: str) -> None:
    monkeypatch.setenv("BROWSER", command)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})


def test_the_browser_is_said_to_be_open_only_when_it_opened(tmp_path, monkeypatch):
    page = tmp_path / "report.html"
    page.write_text("<p>report</p>", encoding="utf-8")
    pygame.display.quit()  # no invisible window: the browser command decides
    fresh_browsers(monkeypatch, "false")  # a command that fails, as xdg-open does with no browser
    assert debrief.open_in_browser(page) is False
    fresh_browsers(monkeypatch, "true")
    assert debrief.open_in_browser(page) is True
    fresh_browsers(monkeypatch, "no-such-browser-command")
    assert debrief.open_in_browser(page) is False


def test_the_debrief_window_gives_the_path_when_no_browser_opened(app):
    sc = load("tutorial")
    game = Game.new(sc, 7, (sc.rules.roles[0].actor,))
    app.goto(PlayScreen(app, game))
    step(app)
    app.screen.overlays.write_report()
    step(app)
    from conftest import click

    click(app, "Open in browser")
    shown = texts(app)
    assert "Opened in the browser" not in shown  # the dummy driver opens none
    assert "open the file yourself" in shown and "tutorial-seed7-debrief.html" in shown


def top_bar_labels(app, sid: str, actor: str, size: tuple[int, int]) -> tuple[str, list[str]]:
    """The role's label and the other labels of the top bar, for a new game of ``sid`` as ``actor``."""
    sc = load(sid)
    a = sc.rules.actor_index(actor)
    pygame.display.set_mode(size, pygame.RESIZABLE)
    app.surface = pygame.display.get_surface()
    app.goto(PlayScreen(app, Game.new(sc, 7, (a,))))
    step(app)
    app.rebuild()
    step(app)
    top = [
        e.text
        for e in app.manager.get_sprite_group().sprites()
        if e.alive() and isinstance(getattr(e, "text", None), str) and e.rect.bottom <= app.screen.s(TopBar.HEIGHT)
    ]
    role = [t for t in top if t.startswith("★")]
    assert role, "no role label in the top bar"
    return role[0], top


@pytest.mark.parametrize("size", [(1280, 720), (800, 560)])
def test_the_role_name_in_the_top_bar_is_cut_only_when_it_must_be(app, size):
    r = load("gulf-1990").rules
    name = r.actors[r.actor_index("un")].name
    role, _ = top_bar_labels(app, "gulf-1990", "un", size)
    if size[0] >= 1280:
        assert role == f"★ {name}"
    else:
        assert role.endswith("…") and len(role) < len(name) + 2


@pytest.mark.parametrize("size", [(1280, 720), (800, 560)])
@pytest.mark.parametrize(("sid", "actor"), [("minusma", "un"), ("bosnia-1995", "un"), ("kosovo-1999", "kla")])
def test_the_turn_in_the_top_bar_is_never_cut_for_a_long_role_name(app, size, sid, actor):
    limit = load(sid).rules.turn_limit
    role, top = top_bar_labels(app, sid, actor, size)
    assert any(f"turn 1 of {limit}" in t for t in top), top
    if size[0] >= 1280:  # the date too, in full
        date = app.screen.game.date
        assert any(t == f"{date} · turn 1 of {limit}" for t in top), top
