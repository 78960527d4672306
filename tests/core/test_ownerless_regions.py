"""Regions nobody owns (international waters, ``owner: none``): nobody occupies
or liberates them, anyone may operate there without consent, and whoever has
forces there holds them; the AI plays a scenario with such waters without a
rejected order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from helpers import BASE, opt, orders, run

from game.ai.batch import run_chunk
from game.cli.validate import check_file
from game.core.derived import Derived, holder_by_forces, occupied, occupies
from game.core.engine import resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.reasons import Reason
from game.core.rng import game_seeds
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, load_text

QUARANTINE = Path(__file__).parent / "scenarios" / "quarantine-1962.yaml"

SEA = "{id: sea, name: Open Sea, owner: none, position: [0.5, 0.45], neighbours: [redland, blueland], need: 40}"


def with_sea(forces: str = "{red: 8}", extra: str = "") -> str:
    """The rule-test scenario with a region of international waters between Redland and Blueland."""
    text = BASE.replace(
        "  - {id: border,",
        f"  - {SEA[:-1]}, forces: {forces}{extra}}}\n  - {{id: border,",
    )
    assert "Open Sea" in text
    return text


def sea_rules(forces: str = "{red: 8}"):
    return load_text(with_sea(forces), "sea.yaml").rules


def legal(rules, s, actor: str, slug: str) -> int:
    from game.core.legal import legality

    codes = legality(rules, s)
    return int(codes[0, opt(rules, actor, slug)])


def test_a_region_nobody_owns_has_no_owner_and_is_held_by_the_forces_there():
    r = sea_rules()
    sea = r.region_index("sea")
    assert r.regions[sea].owner == -1
    assert int(r.initial.control[sea]) == r.actor_index("red")  # the only forces there
    nobody = sea_rules("{}")
    assert int(nobody.initial.control[nobody.region_index("sea")]) == -1


def test_holder_by_forces_keeps_the_holder_then_the_most_forces_then_nobody():
    forces = np.array([[5.0, 9.0, 0.0], [0.0, 9.0, 9.0], [0.0, 0.0, 0.5]])
    assert holder_by_forces(forces, np.array([0, 0, 2])).tolist() == [0, 1, -1]


def test_nobody_occupies_international_waters_and_access_needs_no_consent():
    r = sea_rules("{red: 8, blue: 5}")
    s = start_game(r, 1).state
    sea, red, blue, grey = r.region_index("sea"), r.actor_index("red"), r.actor_index("blue"), r.actor_index("grey")
    assert not occupied(r, s)[0, sea]
    assert not occupies(r, s, np.array([0]), np.array([blue]))[0]
    d = Derived(r, s)
    assert not d.get("uninvited")[0, :, sea].any()
    assert d.get("invited")[0, :, sea].all() and d.get("access")[0, :, sea].all()
    # Relief, peacekeeping and crisis response are open to everyone there, as where the holder consents.
    for actor in ("grey", "blue", "green", "un"):
        assert legal(r, s, actor, "humanitarian sea") == Reason.OK, actor
    assert legal(r, s, "grey", "peacekeeping sea") == Reason.OK
    assert grey not in (red, blue)


def test_deploying_into_international_waters_is_not_aggression():
    r = sea_rules("{}")
    green, blue = r.actor_index("green"), r.actor_index("blue")
    at_sea = run(r, [{"green": ["deploy sea"]}])
    uninvited = run(r, [{"green": ["deploy blueland"]}])
    # Entering Blueland uninvited costs Green standing and Blue's regard; the open sea costs neither.
    assert at_sea.reputation[0, green] > uninvited.reputation[0, green]
    assert at_sea.relations[0, blue, green] > uninvited.relations[0, blue, green]
    assert int(at_sea.control[0, r.region_index("sea")]) == green


def test_control_at_sea_follows_the_forces_and_can_be_nobody():
    r = sea_rules("{red: 8, blue: 5}")
    sea, red, blue = r.region_index("sea"), r.actor_index("red"), r.actor_index("blue")
    s = run(r, [{}])
    assert int(s.control[0, sea]) == red  # the holder keeps it while its forces stay
    s = run(r, [{"red": ["withdraw sea"]}], state=s)
    assert int(s.control[0, sea]) == blue  # no liberation: the next force there holds it
    assert not s.post_conflict[0, sea]
    res = resolve_turn(r, s, orders(r, 1, blue=["withdraw sea"]), Ledger())
    assert not res.rejected
    assert int(res.state.control[0, sea]) == -1
    # Nobody holds it: no one to strike there, and no host for a Council peacekeeping mandate.
    s = res.state
    res2 = resolve_turn(r, s, orders(r, 1, red=["deploy sea"]))
    assert int(res2.state.control[0, sea]) == red
    assert legal(r, s, "red", "strike sea") == Reason.NOBODY_HOLDS


def test_a_strike_at_sea_hits_the_holder():
    r = sea_rules("{red: 8, blue: 12}")
    s = start_game(r, 0).state
    assert int(s.control[0, r.region_index("sea")]) == r.actor_index("blue")
    assert legal(r, s, "red", "strike sea") == Reason.OK
    after = run(r, [{"red": ["strike sea"]}], batch=20)
    sea, blue = r.region_index("sea"), r.actor_index("blue")
    assert (after.forces[:, blue, sea] < 12.0).all()  # the holder's forces are hit, win or lose


def test_conditions_can_name_no_holder_but_effects_cannot_set_it():
    text = with_sea("{}") + (
        "events:\n"
        "  - id: empty\n    name: The sea is empty\n    when: {control: sea, is: none}\n"
        "    effects: [{flag: empty_sea, set: 1}]\n"
        "flags: {empty_sea: 0}\n"
    )
    r = load_text(text, "sea.yaml").rules
    s = run(r, [{}])
    assert s.flags[0, list(r.flags).index("empty_sea")] == 1
    bad = with_sea("{}") + "events:\n  - {id: e, name: E, when: {turn: 2}, effects: [{control: sea, set: none}]}\n"
    with pytest.raises(ScenarioError, match="cannot be set to no one"):
        load_text(bad, "sea.yaml")


def test_a_missing_owner_and_an_actor_called_none_are_located_with_a_hint():
    with pytest.raises(ScenarioError) as e:
        load_text(with_sea().replace("owner: none, ", ""), "sea.yaml")
    msg = str(e.value)
    assert "missing required key 'owner'" in msg and "owner: none" in msg
    assert "sea.yaml:" in msg
    with pytest.raises(ScenarioError, match="'none' cannot be an actor's id"):
        load_text(with_sea().replace("{id: grey,", "{id: none,").replace("grey", "none"), "sea.yaml")


def test_a_placeholder_as_a_compared_value_is_an_error_not_a_silent_never():
    text = BASE + (
        "rules:\n  actions:\n    patrol:\n      name: Patrol\n      kind: custom\n      category: military\n"
        "      target: region\n      cost: 1\n      requires: {control: $region, is: $self}\n"
        "      effects: [{leverage: $self, add: 1}]\n"
    )
    with pytest.raises(ScenarioError) as e:
        load_text(text, "mini.yaml")
    assert "'$self' cannot be the value of 'control'" in str(e.value)
    assert "mini.yaml:" in str(e.value)


def test_the_quarantine_scenario_validates_without_a_warning():
    kind, found = check_file(QUARANTINE)
    assert kind == "scenario"
    assert [d for d in found] == [], [str(d) for d in found]
    sc = load(str(QUARANTINE))
    owners = {g.id: g.owner for g in sc.rules.regions}
    assert owners["straits"] == owners["quarantine"] == -1


def test_the_standard_ai_plays_international_waters_without_a_rejected_order():
    sc = load(str(QUARANTINE))
    policies = {a: "standard" for a in range(sc.rules.n_actors)}
    res = run_chunk(sc, policies, game_seeds(5, 50))
    assert res.rejected == 0
    assert res.action_counts.sum() > 0
    assert len(res.outcome) == 50 and (res.end_turn >= 1).all()
    mixed = {a: ("random" if a % 2 else "standard") for a in range(sc.rules.n_actors)}
    assert run_chunk(sc, mixed, game_seeds(6, 20)).rejected == 0


def test_an_objective_that_nobody_holds_the_sea_is_worded_so():
    from game.session.game import Game

    text = with_sea("{}").replace(
        "victory: {text: Hold the border., when: {control: border, is: red}}",
        "victory: {text: Keep the sea empty., when: {control: sea, is: none}}",
    )
    sc = load_text(text, "sea.yaml")
    game = Game.new(sc, 1, [sc.rules.actor_index("red")])
    leaf = next(c for c in game.objectives(sc.rules.actor_index("red")).leaves() if c.quantity == "control")
    assert leaf.text == "Open Sea held by no one" and leaf.now == "held by no one" and leaf.holds


def test_the_debrief_names_no_owner_and_no_holder_for_empty_waters():
    from game.report.data import collect
    from game.report.html import render
    from game.session.game import Game

    sc = load(str(QUARANTINE))
    game = Game.new(sc, 4)
    for _ in range(3):
        game.end_turn()
    d = collect(game)
    regions = {g["id"]: g for g in d.regions}
    assert regions["quarantine"]["owner"] is None and regions["cuba"]["owner"] == "cuba"
    held = int(game.state.control[0, sc.rules.region_index("straits")])
    assert regions["straits"]["controller"] == (sc.rules.actors[held].id if held >= 0 else None)
    assert "<html" in render(d).lower()


@pytest.mark.parametrize(
    "owner, message, hint",
    [
        ("null", "'owner' has no value", "or 'owner: none' for a region nobody owns"),
        ("None", "unknown actor 'None'", "or 'none' (in lower case) for a region nobody owns"),
        ("nobody", "unknown actor 'nobody'", "or 'none' (in lower case) for a region nobody owns"),
    ],
)
def test_an_owner_that_is_almost_none_gets_a_hint_that_names_none(owner, message, hint):
    with pytest.raises(ScenarioError) as e:
        load_text(with_sea().replace("owner: none,", f"owner: {owner},"), "sea.yaml")
    text = str(e.value)
    assert message in text and hint in text and "sea.yaml:" in text


def test_control_none_is_an_error_that_says_to_leave_it_out():
    with pytest.raises(ScenarioError, match="'control: none' is not needed.*leave 'control' out"):
        load_text(with_sea().replace("owner: none,", "owner: none, control: none,"), "sea.yaml")


def test_a_facilitator_may_empty_the_sea_but_not_owned_ground_nor_name_no_actor():
    from game.session.facilitator import FacilitatorError, enable, unlock
    from game.session.game import Game

    sc = load_text(with_sea(), "sea.yaml")
    game = Game.new(sc, 1, [0])
    enable(game, "white cell")
    fac = unlock(game, "white cell")
    fac.adjust("control", ["sea"], -1, "the fleet sails home")
    assert int(game.state.control[0, sc.rules.region_index("sea")]) == -1
    for region, value in (("redland", -1), ("redland", 50), ("sea", 2.5)):
        with pytest.raises(FacilitatorError, match="control must be an actor's number"):
            fac.adjust("control", [region], value)
    game.end_turn()  # the control rule hands the sea back to the forces there
    assert int(game.state.control[0, sc.rules.region_index("sea")]) == sc.rules.actor_index("red")


def test_the_classroom_pages_name_no_owner_for_international_waters():
    """The team page and the projector read the regions from the network seat: international waters have no owner
    (not the last actor of the scenario) and say so."""
    from game.net.seat import regions
    from game.session.game import Game

    sc = load(str(QUARANTINE))
    game = Game.new(sc, 4)
    by_id = {g["id"]: g for g in regions(game)}
    sea = by_id["quarantine"]
    assert sea["owner"] == "" and sea["claim"] == "international waters"
    held = int(game.state.control[0, sc.rules.region_index("quarantine")])
    assert sea["held_by"] == (sc.rules.actors[held].name if held >= 0 else "no one")
    cuba = by_id["cuba"]
    assert cuba["owner"] == sc.rules.actors[sc.rules.actor_index("cuba")].name
