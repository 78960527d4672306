"""The scripted-path runner: located errors, rejected orders reported, conditions honoured."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.core.spec import Outcome
from game.scenario.errors import ScenarioError
from game.scenario.loader import load
from game.session.paths import contrast_lines, load_paths, main, play_path, summarise


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "tutorial.paths.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_unknown_order_actor_and_quantity_are_reported_with_line_and_column(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          bad:
            description: Every kind of mistake.
            turns:
              1:
                southland: [humanitarian harbor, summit un]
                nothland: [summit un]
              9: {un: [summit southland]}
            expect:
              outcomes: {eastland: win, southland: victory}
              conditions:
                - {stabilty: harbour, above: 40}
        """,
    )
    with pytest.raises(ScenarioError) as err:
        load_paths(p, load("tutorial"))
    text = str(err.value)
    assert (
        f"{p}:8:21: error: 'humanitarian harbor' is not an order southland can give "
        "(hint: did you mean 'humanitarian harbour'?)" in text
    )
    assert f"{p}:9:9: error: unknown actor 'nothland' (hint: did you mean 'northland'?)" in text
    assert f"{p}:10:7: error: turn 9 is outside the scenario's turns 1–8" in text
    assert "'eastland' is not a role of tutorial" in text
    assert "'victory' is not an outcome (hint: expected one of: draw, loss, win)" in text
    assert "unknown quantity 'stabilty'" in text and "did you mean 'stability'?" in text


def test_more_orders_than_an_actor_may_give_is_an_error(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          greedy:
            description: Four orders in one turn.
            turns:
              1: {southland: [summit un, humanitarian harbour, intelligence northland, summit northland]}
        """,
    )
    with pytest.raises(ScenarioError, match="4 orders for southland on turn 1; an actor gives at most 3 a turn"):
        load_paths(p, load("tutorial"))


def test_an_illegal_scripted_order_is_reported_with_turn_actor_and_reason_not_dropped(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          hasty:
            description: Proposes an agreement before any talks.
            turns:
              2: {southland: [propose_agreement harbour-talks, summit un]}
        """,
    )
    pf = load_paths(p, load("tutorial"))
    run = play_path(pf.scenario, pf.paths["hasty"], seed=3)
    assert [(r.turn, r.actor, r.order, r.reason) for r in run.rejected] == [
        (2, "southland", "propose_agreement harbour-talks", "these talks are not open")
    ]
    assert run.rejected[0].format().startswith(f"{p}:7:23: turn 2: southland:")
    # The legal order of the same turn was given.
    assert run.game.log[1].orders[0] == [
        run.game.find_option(0, "propose_agreement harbour-talks"),
        run.game.find_option(0, "summit un"),
    ]
    assert any("summit of Southland with United Nations" in e.cause.text for e in run.game.why("relations", 2, 0))


def test_conditional_orders_are_given_only_when_their_condition_holds(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          careful:
            description: Negotiates only once the talks are open.
            turns:
              1: {southland: [{order: negotiate harbour-talks, when: {status: harbour-talks, is: open}}, \
open_talks harbour-talks]}
              2: {southland: [{order: negotiate harbour-talks, when: {status: harbour-talks, is: open}}]}
            expect:
              share: 1.0
              conditions: [{status: harbour-talks, is: open}]
        """,
    )
    pf = load_paths(p, load("tutorial"))
    run = play_path(pf.scenario, pf.paths["careful"], seed=1)
    assert not run.rejected
    assert [(o.turn, o.text) for o in run.skipped] == [(1, "negotiate harbour-talks")]
    assert run.game.log[1].orders == {0: [run.game.find_option(0, "negotiate harbour-talks")]}
    assert run.expected


def test_summary_counts_outcomes_and_checks_contrasts(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          quiet:
            description: Nobody does anything.
            expect: {outcomes: {southland: loss}}
          relief:
            description: Southland sends relief every turn it can.
            turns:
              1: {southland: [humanitarian harbour]}
              3: {southland: [humanitarian harbour]}
            expect: {outcomes: {southland: loss}}
            contrast: {path: quiet, higher: [{reputation: southland}], lower: [{need: harbour}]}
        """,
    )
    pf = load_paths(p, load("tutorial"))
    quiet = summarise(pf.scenario, pf.paths["quiet"], range(1, 6))
    relief = summarise(pf.scenario, pf.paths["relief"], range(1, 6))
    assert quiet.n == 5 and quiet.holds and quiet.outcome_share(0, Outcome.LOSS) == 1.0
    checks = contrast_lines(relief, quiet)
    assert [ok for ok, _ in checks] == [True, True]
    assert any("reputation southland" in text and "expected higher" in text for _, text in checks)
    assert any("expectations met in 100%" in line for line in relief.lines())


def test_contrast_must_name_another_path(tmp_path):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          alone:
            description: Compared with itself.
            contrast: {path: alone, lower: [{reputation: southland}]}
        """,
    )
    with pytest.raises(ScenarioError, match="no other path named 'alone'"):
        load_paths(p, load("tutorial"))


def test_command_line_summary_exit_status(tmp_path, capsys):
    p = write(
        tmp_path,
        """\
        format: 1
        scenario: tutorial
        paths:
          impossible:
            description: Expects what cannot happen.
            expect: {share: 1.0, outcomes: {southland: win}}
        """,
    )
    (tmp_path / "tutorial.yaml").write_bytes(Path(load("tutorial").path).read_bytes())
    assert main([str(p), "--seeds", "2"]) == 1
    out = capsys.readouterr().out
    assert "tutorial / impossible: 2 seeds; expectations met in 0% (needs 100%) — NOT MET" in out
