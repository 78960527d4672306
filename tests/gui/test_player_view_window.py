"""The window's actor tab reads the seat's view: another actor's hidden
values are estimates, with no "why" into its ledger."""

from __future__ import annotations

import pygame
from conftest import press, step, texts

from game.gui.play.screen import PlayScreen
from game.scenario.loader import load
from game.session.game import Game


def test_the_actor_tab_shows_estimates_of_hidden_values_and_no_why(app):
    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    g = Game.new(sc, 1, [usa])
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    screen = app.screen
    screen.select_actor(iraq)
    step(app)
    assert screen.tab == "actor"
    seen = g.view(usa)
    shown = texts(app)
    lines = [line.strip() for line in shown.splitlines()]
    assert f"Domestic support: about {seen.value('support', iraq):.0f}" in lines
    assert f"Military strength: about {seen.value('strength', iraq):.0f}" in lines
    assert "Estimates: intelligence or an alliance shows them" in shown
    screen.open_why("support", (iraq,))
    step(app)
    assert screen.overlay is None or screen.overlay[0] != "why"
    screen.open_why("support", (usa,))
    step(app)
    assert screen.overlay is not None and screen.overlay[0] == "why"


def test_the_window_and_the_terminal_give_the_same_report_and_the_same_hot_seat_order(app):
    """Both front ends format the session's one record of a turn: every change
    the terminal lists for a seat is in the window's report with the same
    amount and cause, the public parts carry the same orders, and both pass
    the keyboard in the session's seat order."""
    import html
    import io
    import re

    from game.cli.text import TextUI
    from game.gui.play.html import public_report_html, report_html

    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    g = Game.new(sc, 3, [usa, iraq])
    for _ in range(3):
        g.end_turn()
    for turn in (1, 2, 3):
        out = io.StringIO()
        TextUI(g, usa, out).info.report(turn)
        window = html.unescape(re.sub(r"<[^>]+>", "", report_html(app, g, usa, turn)))
        lines = [
            x.strip()
            for x in out.getvalue().split(f"What changed for {sc.rules.actors[usa].name}:", 1)[-1].splitlines()
        ]
        changes = [x for x in lines if x.split(" ", 1)[0] in ("leverage", "reputation", "support")]
        assert changes
        for line in changes:
            quantity, amount, cause = line.split(None, 2)
            assert f"{quantity}: ▲ {amount}" in window or f"{quantity}: ▼ {amount}" in window, line
            assert cause in window, line
        public_text = io.StringIO()
        TextUI(g, usa, public_text).info.public_report(turn)
        public_window = html.unescape(re.sub(r"<[^>]+>", " ", public_report_html(app, g, turn)))
        for opts in g.log[turn - 1].carried_out().values():
            for o in opts:
                assert sc.rules.option_label(o) in public_text.getvalue() and sc.rules.option_label(o) in public_window
    screen = PlayScreen(app, g)
    screen.actor = usa
    assert screen.waiting() == g.seats_after(usa) == [iraq, usa]


def test_the_actor_tab_lists_the_councils_measures_the_session_reports(app):
    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    g = Game.new(sc, 1, [usa])
    g.state.condemned[0, iraq] = g.state.mandate_force[0, iraq] = True
    app.goto(PlayScreen(app, g))
    step(app)
    press(app, pygame.K_ESCAPE)
    app.screen.select_actor(iraq)
    step(app)
    assert dict(g.council_in_force()[0])[iraq] == ["condemned", "force"]
    lines = [line.strip() for line in texts(app).splitlines()]
    assert "Condemned by the Council" in lines and "Force authorised against it" in lines
