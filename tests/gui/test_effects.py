"""Predicted effects read as full words in the window: whose value, where."""

from __future__ import annotations

from game.gui.effects import effect_lines
from game.scenario.loader import load
from game.session.game import Game


def test_deploying_forces_reads_as_forces_in_the_region():
    sc = load("gulf-1990")
    r = sc.rules
    usa, israel = r.actor_index("usa"), r.actor_index("israel")
    g = Game.new(sc, 3, [usa])
    deploy = next(v for v in g.options(usa) if v.legal and v.action == "deploy" and "Israel" in v.label)
    lines, notes = effect_lines(g, usa, deploy.prediction)
    text = "\n".join(lines)
    assert "forces in Israel +15" in text
    assert "forces Israel" not in text
    assert f"relations of {r.actors[israel].name} with you" in text
    # The player's own headline values come before anything else.
    assert lines[0].split()[0] in ("leverage", "reputation", "readiness", "support", "budget", "military")
    assert any("aggression" in n for n in notes)
    assert any("leverage while they stay" in n for n in notes)


def test_another_actors_values_name_that_actor():
    sc = load("gulf-1990")
    usa = sc.rules.actor_index("usa")
    g = Game.new(sc, 3, [usa])
    show = next(v for v in g.options(usa) if v.legal and v.action == "show_of_force" and "Iraq" in v.label)
    lines, _ = effect_lines(g, usa, show.prediction)
    assert any(line.startswith("leverage of Iraq ") for line in lines), lines
    assert any(line.startswith("world tension ") for line in lines), lines
