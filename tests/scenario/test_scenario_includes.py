"""Includes: shared pieces merged into a scenario, never from outside its folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load, scenarios_dir

SCENARIO = textwrap.dedent(
    """\
    format: 1
    id: council-test
    title: A crisis before the Council
    calendar: {start: 2030-01-01, days_per_turn: 7}
    turns: 6
    include: [INCLUDE]
    actors:
      - {id: russia, personality: spoiler, leverage: 60}
      - {id: northland, name: Northland, strength: 40}
      - {id: southland, name: Southland}
    relations:
      - {between: [usa, russia], value: -70}
    council: {elected: [southland], other_seats: 9}
    regions:
      - {id: border, name: Border, owner: southland, control: northland, position: [0.5, 0.5], forces: {northland: 10}}
    roles:
      - actor: southland
        briefing: Get the border back, with the Council's help.
        victory: {text: Southland holds the border., when: {control: border, is: southland}}
    """
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_council_block_can_be_included_from_any_folder(tmp_path: Path):
    """The block is not next to the scenario, so it is found among the shipped blocks."""
    sc = load(write(tmp_path, "crisis.yaml", SCENARIO.replace("INCLUDE", "shared/un-security-council.yaml")))
    r = sc.rules
    ids = [a.id for a in r.actors]
    assert ids == ["usa", "russia", "china", "uk", "france", "northland", "southland"]
    assert [ids[i] for i in r.council.permanent] == ["usa", "russia", "china", "uk", "france"]
    assert [ids[i] for i in r.council.elected] == ["southland"]
    assert (r.council.other_seats, r.council.pass_votes) == (9, 9), "the scenario's keys win, the block's others stay"


def test_an_item_with_an_included_id_changes_only_the_keys_it_gives(tmp_path: Path):
    sc = load(write(tmp_path, "crisis.yaml", SCENARIO.replace("INCLUDE", "shared/un-security-council.yaml")))
    r = sc.rules
    russia = r.actor_index("russia")
    assert r.actors[russia].name == "Russia" and r.actors[russia].personality == "spoiler"
    assert r.initial.leverage[russia] == 60
    assert r.initial.strength[russia] == 70, "kept from the block"
    usa = r.actor_index("usa")
    assert r.initial.relations[usa, russia] == -70, "the scenario's relation replaces the block's"
    assert r.initial.relations[usa, r.actor_index("uk")] == 80, "the block's other relations stay"


def test_errors_in_an_override_point_into_the_scenario_and_errors_in_the_block_into_the_block(tmp_path: Path):
    write(
        tmp_path,
        "blocks/pact.yaml",
        "alliances:\n  - {id: pact, name: Pact, members: [northland, sothland]}\n"
        "actors:\n  - {id: westland, name: Westland}\n",
    )
    text = SCENARIO.replace("INCLUDE", "blocks/pact.yaml").replace(
        "{id: russia, personality: spoiler, leverage: 60}", "{id: westland, leverage: 500}"
    )
    with pytest.raises(ScenarioError) as info:
        load(write(tmp_path, "crisis.yaml", text))
    errs = [(Path(e.file).parent.name, Path(e.file).name, e.line, e.col, e.message) for e in info.value.sorted()]
    assert errs == [
        ("blocks", "pact.yaml", 2, 49, "unknown actor 'sothland'"),
        (tmp_path.name, "crisis.yaml", 8, 30, "'leverage' must be at most 100 (got 500)"),
        (tmp_path.name, "crisis.yaml", 12, 16, "unknown actor 'usa'"),
        (tmp_path.name, "crisis.yaml", 12, 21, "unknown actor 'russia'"),
    ], "without the council block its actors are unknown; all mistakes come in one report"


def test_mappings_merge_at_every_depth(tmp_path: Path):
    write(
        tmp_path,
        "blocks/rules.yaml",
        "rules:\n  params: {crisis_start: 20, crisis_end: 50}\n  actions:\n    strike: {cost: 5}\n",
    )
    text = (
        SCENARIO.replace("INCLUDE", "shared/un-security-council.yaml, blocks/rules.yaml")
        + "rules:\n  params: {crisis_end: 60}\n"
    )
    r = load(write(tmp_path, "crisis.yaml", text)).rules
    assert (r.params["crisis_start"], r.params["crisis_end"]) == (20, 60)
    assert r.actions[r.action_index("strike")].cost == 5


def test_blocks_may_include_blocks_but_not_in_a_circle(tmp_path: Path):
    write(tmp_path, "blocks/outer.yaml", "include: [inner.yaml]\n")
    write(tmp_path, "blocks/inner.yaml", "include: [../shared/p5.yaml]\n")
    write(
        tmp_path,
        "shared/p5.yaml",
        (scenarios_dir() / "shared" / "un-security-council.yaml").read_text(encoding="utf-8"),
    )
    r = load(write(tmp_path, "crisis.yaml", SCENARIO.replace("INCLUDE", "blocks/outer.yaml"))).rules
    assert r.council.permanent == (0, 1, 2, 3, 4)
    write(tmp_path, "blocks/inner.yaml", "include: [outer.yaml]\n")
    with pytest.raises(ScenarioError) as info:
        load(tmp_path / "crisis.yaml")
    (err,) = info.value.sorted()
    assert "include cycle: outer.yaml → inner.yaml → outer.yaml" in err.message
    assert err.file.endswith("blocks/inner.yaml") and (err.line, err.col) == (1, 11)


@pytest.mark.parametrize("how", ["parent", "symlink", "absolute"])
def test_an_include_cannot_reach_outside_the_scenario_folder(tmp_path: Path, how: str):
    secret = write(tmp_path, "secret.yaml", "actors:\n  - {id: spy, name: Spy}\n")
    folder = tmp_path / "scenarios"
    folder.mkdir()
    if how == "parent":
        name = "../secret.yaml"
    elif how == "symlink":
        (folder / "link.yaml").symlink_to(secret)
        name = "link.yaml"
    else:
        name = str(secret)
    with pytest.raises(ScenarioError) as info:
        load(write(folder, "crisis.yaml", SCENARIO.replace("INCLUDE", name)))
    (err,) = info.value.sorted()
    assert err.file.endswith("crisis.yaml") and (err.line, err.col) == (6, 11)
    assert "outside the scenarios folder" in err.message or "absolute path" in err.message


def test_validate_labels_included_files_like_the_scenario_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(tmp_path, "mine/blocks/bad.yaml", "actors:\n  - {id: green, name: Green, strenght: 3}\n")
    write(tmp_path, "mine/crisis.yaml", SCENARIO.replace("INCLUDE", "blocks/bad.yaml"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ScenarioError) as info:
        load("mine/crisis.yaml")
    files = {e.file for e in info.value.sorted()}
    assert "mine/blocks/bad.yaml" in files
