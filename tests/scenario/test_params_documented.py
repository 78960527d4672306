"""Every number of the rules has its meaning, unit, range and effect in the
format reference, from the one table in game/scenario/params.py."""

from __future__ import annotations

from pathlib import Path

from game.scenario.docs import render
from game.scenario.loader import default_rules
from game.scenario.params import ACTION_NAMES, ACTION_OVERRIDES, RULES, action_doc, rule_doc

ROOT = Path(__file__).resolve().parents[2]


def test_every_rule_number_is_documented_with_meaning_unit_range_and_effect():
    _, model, _ = default_rules()
    missing = [k for k in model.params if rule_doc(k) is None]
    assert not missing, f"rule numbers without a doc in game/scenario/params.py: {missing}"
    for k in model.params:
        d = rule_doc(k)
        assert d.meaning and d.unit and d.range and d.effect, k


def test_every_action_number_is_documented_with_meaning_unit_range_and_effect():
    _, model, _ = default_rules()
    missing = [(a, k) for a, ad in model.actions.items() for k in ad.params if action_doc(a, k) is None]
    assert not missing, f"action numbers without a doc in game/scenario/params.py: {missing}"


def test_the_table_documents_nothing_the_rules_do_not_have():
    _, model, _ = default_rules()
    assert set(RULES) == set(model.params)
    used = {k for ad in model.actions.values() for k in ad.params}
    assert set(ACTION_NAMES) == used
    assert all(k in model.actions and n in model.actions[k].params for k, n in ACTION_OVERRIDES)


def test_the_reference_shows_the_strike_reach_numbers_and_how_the_end_works():
    page = render()
    row = next(line for line in page.splitlines() if line.startswith("| `neighbour_reach` |"))
    assert "share (0–1)" in row and "neighbouring regions" in row and "number from 0 to 1" in row
    assert "## How the end works" in page
    assert "`turns + 1`" in page


def test_the_committed_page_is_the_generated_one():
    assert (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8") == render()
