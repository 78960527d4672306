"""The format says what a crisis needs: sanctions in force at the start, a
default action held back by a requirement (with effects of the scenario's
own), a custom action for named actors only, and refusals that say which
requirement failed — in the author's words when there are some."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli.validate import check_file
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, load_text
from game.session.game import Game, IllegalOrder

HERE = Path(__file__).parent / "authoring"
TEXT = (HERE / "expressive.yaml").read_text(encoding="utf-8")


def game() -> Game:
    return Game.new(load(HERE / "expressive.yaml"), 1, humans=[0, 1, 2])


def actions_of(g: Game, actor: int) -> set[str]:
    r = g.rules
    return {r.actions[r.opt_action[o]].id for o in r.options_of(actor)}


def test_sanctions_in_force_at_the_start_bite_from_turn_1():
    g = game()
    assert g.state.sanctions[0, 0, 1] and not g.state.sanctions[0].sum() > 1
    support = float(g.state.support[0, 1])
    g.end_turn()
    assert float(g.state.support[0, 1]) < support  # the sanctions' domestic cost, turn by turn
    assert any("sanctions" in e.cause.text for e in g.why("support", 1))


def test_council_sanctions_and_condemnation_in_force_at_the_start():
    g = game()
    assert g.state.un_sanctions[0].tolist() == [False, True, False]
    assert g.state.condemned[0].tolist() == [False, True, False]
    # Without the keys nothing is in force (and the rules compile as before).
    plain = load_text(TEXT.replace("mandates:\n  sanctions: [iraq]\n  condemned: [iraq]\n", ""), "x.yaml")
    assert plain.rules.initial.un_sanctions is None and plain.rules.initial.condemned is None


def test_a_custom_action_limited_to_named_actors_is_theirs_alone():
    g = game()
    assert "embargo_talks" in actions_of(g, 0)
    assert "embargo_talks" not in actions_of(g, 1) | actions_of(g, 2)


def test_an_unknown_actor_in_actors_is_a_located_error():
    with pytest.raises(ScenarioError) as exc:
        load_text(TEXT.replace("actors: [usa]", "actors: [usaa]"), "x.yaml")
    (d,) = exc.value.sorted()
    assert (d.line, d.message, d.hint) == (41, "unknown actor 'usaa'", "did you mean 'usa'?")


def test_a_refusal_uses_the_authors_words():
    g = game()
    strike = g.find_option(0, "strike kuwait")
    with pytest.raises(IllegalOrder) as exc:
        g.queue(0, strike)
    assert str(exc.value) == "the coalition is not ready before turn 3"


def test_a_refusal_without_words_names_the_condition_that_failed():
    g = game()
    with pytest.raises(IllegalOrder) as exc:
        g.queue(0, g.find_option(0, "ultimatum iraq"))
    assert str(exc.value) == (
        "the scenario's requirement for this action is not met: needs the flag embargo_talks equal to 1 (it is 0)"
    )
    g.queue(0, g.find_option(0, "embargo_talks"))
    g.end_turn()
    assert g.check(0, g.find_option(0, "ultimatum iraq")) == ""  # the requirement now holds


def test_a_held_back_default_action_opens_when_its_requirement_holds_and_adds_its_effects():
    g = game()
    strike = g.find_option(0, "strike kuwait")
    g.end_turn()
    g.end_turn()
    assert g.state.turn == 3
    assert g.check(0, strike) == ""
    g.queue(0, strike)
    g.end_turn()
    assert any(e.cause.text == "the world watches the strikes" for e in g.why("tension"))


def test_refusal_without_requires_is_an_error():
    text = TEXT.replace("      requires: {turn: {at_least: 3}}\n", "")
    with pytest.raises(ScenarioError) as exc:
        load_text(text, "x.yaml")
    assert any("has a 'refusal' but no 'requires'" in d.message for d in exc.value.diagnostics)


def test_the_scenario_validates_without_warnings():
    assert check_file(HERE / "expressive.yaml") == ("scenario", [])
