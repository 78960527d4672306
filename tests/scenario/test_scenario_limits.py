"""What ``validate`` accepts, ``play`` runs: every rule number at the ends of its range.

Every number an author may override has a documented range; a scenario with
all of them at their lowest, or all at their highest, must validate and play
turns without an error (once, ``peacekeeping_reference: 0`` and
``max_orders: -1`` validated and then crashed the first turn).
"""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario import limits
from game.scenario.loader import default_rules, load_text, scenarios_dir
from game.session.game import Game


def test_every_default_is_inside_its_range_and_every_range_names_a_real_number():
    _, model, _ = default_rules()
    for name, value in model.params.items():
        assert value in limits.rule_range(name), (name, value)
    action_params = {k for a in model.actions.values() for k in a.params}
    for action in model.actions.values():
        for name, value in action.params.items():
            assert value in limits.action_range(name), (name, value)
    assert set(limits.RULE_PARAMS) <= set(model.params), set(limits.RULE_PARAMS) - set(model.params)
    assert set(limits.ACTION_PARAMS) <= action_params, set(limits.ACTION_PARAMS) - action_params


def test_the_format_page_lists_every_cap_and_every_range():
    page = (scenarios_dir().parent / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    for limit, what in limits.CAPS:
        assert f"| {limit} |" in page, (limit, what)
    _, model, _ = default_rules()
    for name in model.params:
        assert f"| `{name}` | {model.params[name]:g} | {limits.rule_range(name).text()} |" in page, name


def _at(bound: str) -> str:
    """The tutorial with every rule number and every action number at one end of its range."""
    _, model, _ = default_rules()

    def pick(r: limits.Range) -> float:
        return r.lo if bound == "lo" else r.hi

    params = {k: pick(limits.rule_range(k)) for k in model.params}
    params["crisis_start"], params["crisis_end"] = (0, 1) if bound == "lo" else (99, 100)
    actions = {aid: {k: pick(limits.action_range(k)) for k in a.params} for aid, a in model.actions.items()}
    text = (scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8")
    assert "\nrules:" not in text, "the tutorial has rules of its own: merge them here"
    lines = ["rules:", "  params: {" + ", ".join(f"{k}: {v:g}" for k, v in params.items()) + "}", "  actions:"]
    lines += [
        f"    {aid}:\n      params: {{" + ", ".join(f"{k}: {v:g}" for k, v in p.items()) + "}"
        for aid, p in actions.items()
        if p
    ]
    return text + "\n".join(lines) + "\n"


@pytest.mark.filterwarnings("error::RuntimeWarning")  # no division by zero, no overflow
@pytest.mark.parametrize("bound", ["lo", "hi"])
def test_a_scenario_with_every_number_at_the_end_of_its_range_validates_and_plays(bound: str):
    scenario = load_text(_at(bound), f"tutorial-{bound}.yaml")
    assert scenario.rules.max_orders == (1 if bound == "lo" else limits.MAX_ORDERS)
    game = Game.new(scenario, 3, [], {}, "normal")
    for _ in range(4):
        if game.over:
            break
        game.end_turn()
    state = game.state
    for name in ("leverage", "reputation", "stability", "need", "tension"):
        values = np.asarray(getattr(state, name), dtype=float)
        assert np.isfinite(values).all(), name
