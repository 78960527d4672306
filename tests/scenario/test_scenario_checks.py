"""Checks on the scenario as a whole, and what valid scenarios can do.

The corpus shows each mistake reported; these tests show the other side:
that what the format promises is accepted and means what the docs say.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import BASE, scenario

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_text
from game.scenario.starter import DEFAULT_ID, starter_id, starter_text


def rejected(changes: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        scenario(changes)
    return [d.format() for d in info.value.sorted()]


def custom(target: str, effects: list[dict], requires: dict | None = None) -> dict[str, Any]:
    action = {
        "name": "Test",
        "kind": "custom",
        "category": "diplomatic",
        "target": target,
        "cost": 1,
        "effects": effects,
    }
    if requires:
        action["requires"] = requires
    return {"rules": {"actions": {"test_action": action}}}


@pytest.mark.parametrize(
    "target, effects",
    [
        ("none", [{"leverage": "$self", "add": 1}]),
        ("actor", [{"relations": ["$target", "$self"], "add": 5}, {"leverage": "$target", "add": -1}]),
        ("region", [{"stability": "$region", "add": 2}, {"forces": ["$self", "$region"], "add": 1}]),
        ("track", [{"trust": "$track", "add": 3}]),
    ],
)
def test_a_custom_action_may_use_self_and_its_own_targets_placeholder(target: str, effects: list[dict]):
    r = scenario(custom(target, effects)).rules
    act = r.actions[r.action_index("test_action")]
    assert act.target.value == target and len(act.effects) == len(effects)


def test_a_custom_action_may_not_use_another_targets_placeholder():
    (line,) = rejected(custom("actor", [{"stability": "$region", "add": 2}]))
    assert "'$region' is not set in this action: it is aimed at an actor (target: actor)" in line
    assert "use '$self' or '$target'" in line


def test_a_shipped_personality_can_be_changed_without_copying_it():
    sc = scenario({"personalities": {"dove": {"weights": {"progress": 0.9}}}})
    dove = sc.personalities["dove"]
    assert dove["weights"]["progress"] == 0.9
    assert dove["weights"]["reputation"] == 1.2, "the other weights are kept"
    assert dove["extends"] == "realist"


def test_an_actor_may_use_a_personality_the_scenario_defines():
    data = yaml.safe_load(BASE)
    data["actors"][0]["personality"] = "cautious"
    data["personalities"] = {"cautious": {"extends": "hawk", "traits": {"caution": 2}}}
    sc = load_text(yaml.safe_dump(data, sort_keys=False), "mini.yaml")
    assert sc.rules.actors[0].personality == "cautious"
    assert sc.personalities["cautious"]["extends"] == "hawk"


def test_a_shipped_personality_extending_itself_gets_a_hint():
    (line,) = rejected({"personalities": {"hawk": {"extends": "hawk", "traits": {"risk": 0.9}}}})
    assert "in a circle: hawk → hawk" in line and "to change the shipped 'hawk', leave out 'extends'" in line


def test_changing_one_key_of_a_difficulty_level_keeps_the_others():
    sc = scenario({"difficulty": {"easy": {"description": "Gentler."}, "drill": {"ai_policy": "random"}}})
    assert sc.difficulty["easy"] == {
        "description": "Gentler.",
        "player_budget": 1.0,
        "ai_budget": 0.0,
        "ai_policy": "standard",
    }
    assert sc.difficulty["drill"]["ai_policy"] == "random" and sc.difficulty["drill"]["player_budget"] == 0


@pytest.mark.parametrize(
    "bad, complaint",
    [
        (True, "'tension' must be a number, not true"),
        ("3", "'tension' must be a number, not '3' (hint: write the number without quotes)"),
        (None, "'tension' has no value (hint: expected a number after 'tension:')"),
    ],
)
def test_numbers_are_never_guessed_from_other_types(bad: Any, complaint: str):
    (line,) = rejected({"tension": bad})
    assert complaint in line


def test_an_event_just_after_the_last_turn_is_allowed_but_not_later():
    """Events are checked once more after the last turn, before the result."""
    ok = scenario(
        {"events": [{"id": "late", "name": "Late", "when": {"turn": 11}, "effects": [{"tension": "world", "add": 5}]}]}
    )
    assert ok.rules.events[0].id == "late"
    (line,) = rejected(
        {
            "events": [
                {
                    "id": "late",
                    "name": "Late",
                    "when": {"all": [{"turn": {"min": 9}}, {"tension": {"above": 10}}]},
                    "delay": 3,
                }
            ]
        }
    )
    assert "event 'late' can never fire: turn 9 and 3 turns of delay comes after the last turn (10)" in line


def test_turn_conditions_that_contradict_each_other_are_reported():
    (line,) = rejected(
        {"events": [{"id": "never", "name": "Never", "when": {"all": [{"turn": {"min": 6}}, {"turn": {"max": 4}}]}}]}
    )
    assert "can never fire: it needs a turn from 6 and up to 4 at once" in line


@pytest.mark.parametrize(
    "name, expected",
    [
        ("tern-crisis.yaml", "tern-crisis"),
        ("Tern Crisis.yaml", "tern-crisis"),
        ("2031_drill.yaml", "2031_drill"),
        ("!!!.yaml", DEFAULT_ID),
        ("x" * 60 + ".yaml", "x" * 40),
        ("crisis.paths.yaml", "crisis"),
    ],
)
def test_the_starter_takes_its_id_from_the_file_name(name: str, expected: str):
    assert starter_id(Path(name)) == expected


@pytest.mark.parametrize("name", ["tern-crisis.yaml", "Tern Crisis.yaml", "!!!.yaml"])
def test_the_starter_validates_whatever_the_file_is_called(name: str):
    sc = load_text(starter_text(Path(name)), name)
    assert sc.id == starter_id(Path(name))


def test_the_starter_shows_every_part_of_the_format():
    data = yaml.safe_load(starter_text(Path("x.yaml")))
    for key in (
        "calendar",
        "turns",
        "actors",
        "regions",
        "relations",
        "council",
        "tracks",
        "flags",
        "roles",
        "events",
        "rules",
        "personalities",
        "difficulty",
        "history",
        "learning_objectives",
        "discussion",
    ):
        assert key in data, key
    events = {e["id"]: e for e in data["events"]}
    assert any(e.get("delay") for e in events.values()) and any(e.get("inject") for e in events.values())
    assert any("chance" in f for e in events.values() for f in e.get("effects", []))
    assert any(a.get("kind") == "custom" for a in data["rules"]["actions"].values())
    assert all("extends" in p for p in data["personalities"].values())
    assert all("defeat" in r or "score" in r for r in data["roles"])
