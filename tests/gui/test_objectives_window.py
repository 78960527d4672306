"""The objective tracker over the map, what held and failed on the end screen,
predicted effects marked good or bad with their odds, the top bar's flash
after a turn, and one way of writing a change."""

from __future__ import annotations

import re

import pygame
import pygame_gui
import pytest
from conftest import click, press, step, texts, wait_idle

from game.core.spec import Kind, Outcome
from game.gui.app import App
from game.gui.end import EndScreen
from game.gui.play.objective import why_link
from game.gui.play.screen import PlayScreen
from game.gui.userdata import Settings
from game.scenario.loader import load, shipped
from game.session.fmt import arrow, change, signed
from game.session.game import Game


def open_game(app: App, game: Game, unfold: bool = True) -> PlayScreen:
    """The game on screen with its briefing closed and, as a player who wants
    to read it would, the objective tracker unfolded (O)."""
    app.goto(PlayScreen(app, game))
    step(app)
    screen = app.screen
    assert isinstance(screen, PlayScreen)
    if screen.overlay:
        screen.close_overlay()
        step(app)
    if unfold and screen.tracker.box is None:
        press(app, pygame.K_o)
    return screen


def link_click(app: App, box: pygame_gui.elements.UITextBox, target: str) -> None:
    """What the text box posts when the player clicks one of its links."""
    assert f"href='{target}'" in box.html_text, f"no link {target} in the text"
    pygame.event.post(pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target=target, ui_element=box))
    step(app, 3)


def plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ")


@pytest.mark.parametrize("sid", [sid for sid, _ in shipped()])
def test_the_tracker_shows_every_condition_of_the_role_with_the_engines_value(app, sid):
    sc = load(sid)
    me = sc.rules.roles[0].actor
    game = Game.new(sc, 5, humans=[me])
    game.end_turn()
    screen = open_game(app, game)
    o = game.objectives(me)
    box = screen.tracker.box
    assert box is not None and box.alive(), "O unfolds the tracker"
    shown = plain(box.html_text)
    for c in o.leaves():
        # Each condition, ✓ or ✗ as the engine evaluates it, and its value now.
        mark = "✓" if c.holds else "✗"
        assert f"{mark} {c.text} · now {c.now}" in shown, (c.text, c.now)
    head = screen.tracker.header.text
    top = o.victory.items if o.victory.kind == "all" else (o.victory,)
    assert f"{sum(c.holds for c in top)} of {len(top)}" in head or ("✓" if o.victory.holds else "✗") in head


def test_the_tracker_is_one_line_on_a_small_window_and_unfolds(user_home):
    app = App(settings=Settings(), size=(800, 560))
    try:
        game = Game.new(load("gulf-1990"), 3, humans=[load("gulf-1990").rules.actor_index("usa")])
        screen = open_game(app, game, unfold=False)
        assert screen.tracker.box is None
        assert screen.tracker.header.text.startswith("▸ To win: ")
        click(app, "▸ To win")
        assert screen.tracker.box is not None and "To win" in screen.tracker.box.html_text
        click(app, "▾ To win")
        assert screen.tracker.box is None
        press(app, pygame.K_o)  # the same from the keyboard
        assert screen.tracker.box is not None
        press(app, pygame.K_o)
        assert screen.tracker.box is None
        # Folding is the player's choice: it stays folded after a resize.
        app.rebuild()
        step(app)
        assert app.screen.tracker.box is None
    finally:
        app.screen.leave()
        pygame.quit()


def test_the_tracker_starts_folded_unless_the_map_is_large(user_home):
    """At 1280×720 the whole tracker would hide Kuwait: it starts as its one
    line. At 1920×1080 there is room for it over the map."""
    sc = load("gulf-1990")
    usa = sc.rules.actor_index("usa")
    for size, unfolded in (((1280, 720), False), ((1920, 1080), True)):
        app = App(settings=Settings(), size=size)
        try:
            screen = open_game(app, Game.new(sc, 3, humans=[usa]), unfold=False)
            assert (screen.tracker.box is not None) == unfolded, size
        finally:
            app.screen.leave()
            pygame.quit()


def test_a_value_in_the_tracker_opens_why_it_is_what_it_is(app):
    sc = load("gulf-1990")
    usa = sc.rules.actor_index("usa")
    screen = open_game(app, Game.new(sc, 3, humans=[usa]))
    link_click(app, screen.tracker.box, why_link("reputation", (usa,)))
    assert "Why: reputation of United States" in texts(app)


def test_a_slipping_condition_warns_in_the_tracker_and_in_its_folded_line(app):
    sc = load("gulf-1990")
    usa = sc.rules.actor_index("usa")
    game = Game.new(sc, 3, humans=[usa])
    game.adjust("reputation", (usa,), 66, "test")
    game.end_turn()
    game.adjust("reputation", (usa,), 62, "test")
    screen = open_game(app, game)
    assert "⚠ reputation 62, needs at least 65" in plain(screen.tracker.box.html_text)
    click(app, "▾ To win")
    assert "⚠ reputation 62, needs at least 65" in screen.tracker.header.text or screen.tracker.header.text.endswith(
        "…"
    )


def test_the_end_screen_says_which_conditions_held_and_failed_with_why(app):
    sc = load("tutorial")
    me = sc.rules.actor_index("southland")
    game = Game.new(sc, 7, humans=[me])
    while not game.over:
        game.end_turn()
    app.goto(EndScreen(app, game, me))
    step(app)
    k = game.role_index(me)
    o = game.objectives(me)
    # Judged as the engine judged the game.
    assert o.victory.holds == bool(game.state.achieved[0, k])
    assert (game.outcome(k) == Outcome.WIN) == (o.victory.holds and not o.defeat.holds)
    text = texts(app)
    assert f"Victory {'won' if o.victory.holds else 'missed'}: it needed" in text
    assert f"Defeat {'suffered' if o.defeat.holds else 'avoided'}: it came with" in text
    assert not o.warnings and "⚠" not in text
    shown = plain(text)
    for c in o.leaves():
        assert f"{'✓' if c.holds else '✗'} {c.text} · now {c.now}" in shown
    box = next(
        e
        for e in app.manager.get_sprite_group().sprites()
        if isinstance(e, pygame_gui.elements.UITextBox) and "Victory " in e.html_text
    )
    link_click(app, box, why_link("stability", (0,)))
    assert "Why: stability of Harbour Province" in texts(app)
    assert "Each change, newest first" in texts(app)


def detail_for(app: App, screen: PlayScreen, option: int) -> str:
    screen.select_option(option)
    step(app)
    return screen.tabs.orders.detail.html_text


def test_predicted_effects_are_marked_good_or_bad_for_the_role_with_the_chance_of_a_strike(app):
    sc = load("tutorial")
    r = sc.rules
    me = r.actor_index("southland")
    game = Game.new(sc, 1, humans=[me])
    screen = open_game(app, game)
    th = app.theme
    good, bad = th.hexcolour("increase"), th.hexcolour("decrease")
    strike = next(v for v in screen.options() if v.legal and r.actions[r.opt_action[v.option]].kind == Kind.STRIKE)
    html = detail_for(app, screen, strike.option)
    chance = game.odds(me, strike.option).chance
    col = bad if chance < 0.4 else good if chance >= 0.6 else th.hexcolour("text")
    assert f"Chance of success: <font color='{col}'>{chance * 100:.0f}%</font>" in html
    # Losing readiness is bad for Southland; a fall of Northland's forces in the Harbour is neither here.
    assert f"<font color='{bad}'>✗ readiness -" in html
    humanitarian = next(v for v in screen.options() if v.legal and v.action == "humanitarian")
    html = detail_for(app, screen, humanitarian.option)
    assert f"<font color='{good}'>✓ humanitarian need in Harbour Province -" in html
    assert "✓ good for you · ✗ bad for you" in html


def proposal_detail(app: App, sid: str, role: str) -> tuple[Game, int, str]:
    """The order detail of a proposal in the first talks, opened and advanced far enough to propose."""
    sc = load(sid)
    r = sc.rules
    me = r.actor_index(role)
    game = Game.new(sc, 1, humans=[me])
    game.adjust("status", (0,), 1, "test")
    game.adjust("progress", (0,), 60, "test")
    screen = open_game(app, game)
    v = next(v for v in screen.options() if v.legal and r.actions[r.opt_action[v.option]].kind == Kind.PROPOSE)
    screen.set_category(v.category)
    return game, v.option, plain(detail_for(app, screen, v.option))


def test_a_proposal_shows_the_counterparts_expected_answer_and_why(app):
    game, option, html = proposal_detail(app, "tutorial", "southland")
    odds = game.odds(game.rules.actor_index("southland"), option)
    assert f"Northland's expected answer: {odds.answer} ({odds.chance * 100:.0f}%)" in html
    assert f"Why: {odds.why}." in html
    assert html.count(odds.why) == 1  # said once, not again in the notes
    # The terms are today's: the window says so, as the terminal does.
    assert f"As things stand you would ask for {odds.terms * 100:.0f} of every 100 at stake" in html
    assert "(the terms are set after this turn's military moves)" in html


def test_the_expected_answer_of_a_counterpart_whose_name_ends_in_s_is_written_right(app):
    _, _, html = proposal_detail(app, "gulf-1990", "iraq")
    assert "United States' expected answer:" in html
    assert "United States's" not in html


def test_values_that_changed_flash_in_the_top_bar_after_the_turn(app):
    sc = load("tutorial")
    me = sc.rules.actor_index("southland")
    game = Game.new(sc, 1, humans=[me])
    screen = open_game(app, game)
    screen.tutorial.skip()
    # An order that moves the role's own reputation.
    v = next(v for v in screen.options() if v.legal and ("reputation", (me,)) in v.prediction.mean)
    game.queue(me, v.option)
    click(app, "End turn")
    if "End the turn?" in texts(app):
        click(app, "End the turn")
    wait_idle(app)
    press(app, pygame.K_ESCAPE)  # the turn report
    screen = app.screen
    assert screen.top.flashing()
    changed = {b.text for b, _, _ in screen.top.changed()}
    moved = [q for q in ("leverage", "reputation", "support", "budget") if abs(game.delta(q, me)) >= 0.05]
    assert len(changed) == len(moved) > 0
    surf = app.surface
    surf.fill((0, 0, 0))
    screen.top.flash_start = __import__("time").perf_counter()
    screen.top.draw_flash(surf)
    for b in screen.top.value_buttons:
        lit = surf.get_at((b.rect.centerx, b.rect.top - 1))[:3] != (0, 0, 0)
        assert lit == (b.text in changed), b.text
    assert screen.busy()


def test_a_change_is_never_written_as_zero():
    for v in (0.001, 0.004, 0.03, 0.049, 0.05, 0.4, 0.94, 0.951, 1.4, 12.5):
        for x in (v, -v):
            assert re.search(r"[1-9]", signed(x)), (x, signed(x))
            assert arrow(x) == "" or re.search(r"[1-9]", arrow(x)), (x, arrow(x))
            assert re.search(r"[1-9]", change(x))
            assert (signed(x)[0] == "+") == (x > 0)
    assert arrow(0.049) == "" and arrow(0.05) == "▲0.1" and signed(0.0) == "+0" and change(0) == ""


def test_in_hot_seat_the_tracker_is_the_objective_of_the_role_at_the_keyboard(app):
    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    game = Game.new(sc, 3, humans=[usa, iraq])
    app.goto(PlayScreen(app, game))
    step(app)
    screen = app.screen
    assert screen.curtain is not None and "To win" not in texts(app)  # nothing of a role behind the curtain
    press(app, pygame.K_RETURN)  # Ready
    press(app, pygame.K_ESCAPE)  # the briefing
    press(app, pygame.K_o)  # unfold the tracker
    assert screen.actor == usa and "Kuwait held by Kuwait" in screen.tracker.box.html_text
    press(app, pygame.K_TAB)
    assert "To win" not in texts(app)
    press(app, pygame.K_RETURN)
    press(app, pygame.K_ESCAPE)
    assert screen.actor == iraq
    html = screen.tracker.box.html_text
    assert "Kuwait held by Iraq" in html and "Kuwait held by Kuwait" not in html
