"""The shipped scenarios, the JSON Schema and the format's documentation agree.

* every scenario in ``scenarios/`` loads, and the schema accepts it;
* ``docs/scenario.schema.json`` is exactly what ``brinkmanship schema`` prints;
* ``docs/scenario-format.md`` is exactly what ``python -m game.scenario.docs``
  writes, and it carries every field's description, every quantity, every
  default action and parameter, and the editor instructions.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from json_schema_lite import ANNOTATIONS, SUPPORTED, as_json, errors, keywords

from game.core.conditions import QUANTITIES
from game.scenario import docs
from game.scenario import schema as S
from game.scenario.loader import default_rules, load, scenario_files, scenarios_dir, shipped
from game.scenario.starter import starter_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = scenario_files(ROOT / "scenarios")
SCHEMA = S.json_schema()


def test_there_are_shipped_scenarios_and_shipped_lists_them_by_id():
    assert {p.name for p in SCENARIOS} >= {"tutorial.yaml", "gulf-1990.yaml"}
    assert [sid for sid, _ in shipped()] == [p.stem for p in scenario_files(scenarios_dir())]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_shipped_scenario_loads(path: Path):
    scenario = load(path)
    assert scenario.id == path.stem, "a shipped scenario's id is its file name"


def test_companion_files_and_include_blocks_are_not_listed_as_scenarios(tmp_path: Path):
    for name in ("alpha.yaml", "alpha.paths.yaml", "notes.txt", "beta.yml"):
        (tmp_path / name).write_text("format: 1\n", encoding="utf-8")
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "block.yaml").write_text("actors: []\n", encoding="utf-8")
    assert [p.name for p in scenario_files(tmp_path)] == ["alpha.yaml"]
    assert all((scenarios_dir() / "shared").glob("*.yaml")), "the shared blocks exist"
    assert "un-security-council" not in dict(shipped())


def test_the_schema_uses_only_keywords_the_test_validator_knows():
    assert keywords(SCHEMA) <= SUPPORTED, keywords(SCHEMA) - SUPPORTED
    assert keywords(SCHEMA) - ANNOTATIONS, "the schema constrains something"


@pytest.mark.parametrize("path", SCENARIOS + [None], ids=[p.stem for p in SCENARIOS] + ["starter"])
def test_the_schema_accepts_every_shipped_scenario_and_the_starter(path: Path | None):
    text = path.read_text(encoding="utf-8") if path else starter_text(Path("x.yaml"))
    assert errors(as_json(yaml.safe_load(text)), SCHEMA) == []


@pytest.mark.parametrize(
    "change, complaint",
    [
        ({"turns": "six"}, "is not of type"),
        ({"tension": 120}, "> 100"),
        ({"colour_scheme": "dark"}, "unknown key 'colour_scheme'"),
        (
            {"actors": [{"id": "red", "name": "Red", "strenght": 4}, {"id": "blue", "name": "Blue"}]},
            "unknown key 'strenght'",
        ),
        ({"events": [{"id": "e", "name": "E", "when": {"stabilty": "x", "below": 3}}]}, "'stabilty'"),
        (
            {"events": [{"id": "e", "name": "E", "when": {"turn": 2}, "effects": [{"need": "x", "add": "lots"}]}]},
            "is not of type",
        ),
    ],
)
def test_the_schema_rejects_what_editors_should_flag(change: dict, complaint: str):
    data = as_json(yaml.safe_load(starter_text(Path("x.yaml"))))
    data.update(change)
    found = errors(data, SCHEMA)
    assert any(complaint in e for e in found), found


def test_docs_schema_file_is_the_schema_command_output():
    assert (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8") == S.schema_text()
    assert json.loads(S.schema_text())["title"] == "Brinkmanship scenario"


def test_docs_page_is_up_to_date_with_the_code():
    """Regenerate with: python -m game.scenario.docs"""
    assert (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8") == docs.render()


PAGE = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def _descriptions() -> list[tuple[str, str, str]]:
    out = []
    for model in docs._models():
        for name, info in model.model_fields.items():
            out.append((model.__name__, name, info.description or ""))
    return out


@pytest.mark.parametrize("model, field, description", _descriptions(), ids=[f"{m}.{f}" for m, f, _ in _descriptions()])
def test_every_field_has_a_description_that_the_page_shows(model: str, field: str, description: str):
    assert description.strip(), f"{model}.{field} has no description"
    assert description.replace("|", "\\|") in PAGE


def test_the_page_lists_every_quantity_default_action_and_rule_number():
    _, rules, _ = default_rules()
    for q in QUANTITIES:
        assert f"| `{q}` |" in PAGE
    for aid, action in rules.actions.items():
        assert f"### `{aid}` — {action.name}" in PAGE
        for param in action.params:
            assert f"| `{param}` |" in PAGE
    for param in rules.params:
        assert f"| `{param}` |" in PAGE


def test_the_page_explains_editor_completion_and_embeds_the_starter():
    assert "# yaml-language-server: $schema=scenario.schema.json" in PAGE
    assert "brinkmanship schema > scenario.schema.json" in PAGE
    assert "docs/scenario.schema.json" in PAGE
    assert starter_text(Path("my-scenario.yaml")) in PAGE


def test_the_annotated_example_in_the_page_validates(tmp_path: Path):
    start = PAGE.index("## A complete example, annotated")
    block = PAGE[
        PAGE.index("```yaml\n", start) + len("```yaml\n") : PAGE.index("```\n", PAGE.index("```yaml\n", start) + 8)
    ]
    path = tmp_path / "from-the-docs.yaml"
    path.write_text(block, encoding="utf-8")
    scenario = load(path)
    assert [scenario.rules.actors[r.actor].id for r in scenario.rules.roles] == ["westmark", "ostland", "league"]
