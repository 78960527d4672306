"""One player view (fog of war, rule 8): another actor's hidden values reach a
seat only as its estimate, the same numbers the AI's estimates use."""

from __future__ import annotations

import numpy as np

from game.core.observe import estimate
from game.scenario.loader import load
from game.session.game import Game


def test_a_seat_sees_hidden_values_of_others_as_its_estimates_and_its_own_exactly():
    sc = load("gulf-1990")
    r = sc.rules
    usa, iraq, uk = (r.actor_index(x) for x in ("usa", "iraq", "uk"))
    g = Game.new(sc, 1, [usa])
    seen = g.view(usa)
    for q in ("support", "strength", "readiness", "budget"):
        assert seen.exact(q, usa) and seen.value(q, usa) == g.value(q, usa)
        assert seen.exact(q, uk)  # an ally (the coalition) is seen exactly
        assert not seen.exact(q, iraq)
        assert seen.value(q, iraq) == estimate(r, g.state, usa, q)[0, iraq]
    assert any(
        seen.value(q, a) != g.value(q, a)
        for q in ("support", "strength")
        for a in range(r.n_actors)
        if not seen.exact(q, a)
    )
    # Public values are the same for everyone.
    assert seen.exact("leverage", iraq) and seen.value("leverage", iraq) == g.value("leverage", iraq)
    assert seen.value("stability", 0) == g.value("stability", 0)


def test_intelligence_on_an_actor_shows_its_hidden_values_exactly():
    sc = load("gulf-1990")
    r = sc.rules
    usa, iraq = r.actor_index("usa"), r.actor_index("iraq")
    g = Game.new(sc, 1, [usa])
    g.queue(usa, g.find_option(usa, "intelligence iraq"))
    g.end_turn()
    seen = g.view(usa)
    assert seen.exact("strength", iraq) and seen.value("strength", iraq) == g.value("strength", iraq)
    assert np.isfinite(seen.value("support", iraq))


def test_the_terminal_never_explains_a_value_hidden_from_the_seat(tmp_path):
    import io

    from game.cli.text import TextUI

    sc = load("gulf-1990")
    usa, iraq = sc.rules.actor_index("usa"), sc.rules.actor_index("iraq")
    g = Game.new(sc, 1, [usa])
    for _ in range(2):
        g.end_turn()
    out = io.StringIO()
    ui = TextUI(g, usa, out)
    ui.handle("why support iraq")
    ui.handle("actors")
    text = out.getvalue()
    assert (
        f"support of Iraq is hidden from you: your estimate is about {g.view(usa).value('support', iraq):.0f}" in text
    )
    assert "turn 1" not in text.split("actors")[0]  # no entry of Iraq's ledger
    assert f"strength ~{g.view(usa).value('strength', iraq):.0f}" in text
