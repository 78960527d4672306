"""The generated JSON Schema (docs/scenario.schema.json), checked with the
jsonschema package: every shipped scenario validates against it, an include
block validates with the rule the docs write down (every key optional), and
`new` writes the editor's schema line and the schema next to the file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.cli.main import main
from game.scenario.source import parse_bytes

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"))
SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if ".paths." not in p.name)
BLOCKS = sorted((ROOT / "scenarios" / "shared").glob("*.yaml"))


def as_editor_sees(value: Any) -> Any:
    """The document as an editor's YAML server hands it to the schema (dates are text there)."""
    if isinstance(value, dict):
        return {k: as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def document(path: Path) -> Any:
    return as_editor_sees(parse_bytes(path.read_bytes(), str(path)).data)


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_shipped_scenario_validates_against_the_schema(path):
    errors = list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(document(path)))
    assert not errors, [f"{'/'.join(map(str, e.path))}: {e.message}" for e in errors[:5]]


@pytest.mark.parametrize("path", BLOCKS, ids=lambda p: p.name)
def test_an_include_block_validates_with_every_key_optional(path):
    block_schema = {**SCHEMA, "required": []}
    doc = document(path)
    errors = list(jsonschema.Draft202012Validator(block_schema).iter_errors(doc))
    assert not errors, [e.message for e in errors[:5]]
    # As the docs say, the full schema would ask a block for the scenario's own keys.
    missing = {e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)}
    assert "'id' is a required property" in missing


def test_the_schema_catches_a_misspelt_key_as_an_editor_would(tmp_path):
    doc = document(SCENARIOS[0])
    doc["tension"] = "4e1"
    doc["turnz"] = 3
    messages = [e.message for e in jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)]
    assert any("turnz" in m for m in messages) and any("'4e1' is not of type 'number'" in m for m in messages)


def test_new_writes_the_schema_line_and_the_schema_next_to_the_file(tmp_path, capsys):
    target = tmp_path / "crisis.yaml"
    assert main(["new", str(target)]) == 0
    assert target.read_text(encoding="utf-8").splitlines()[0] == "# yaml-language-server: $schema=scenario.schema.json"
    written = json.loads((tmp_path / "scenario.schema.json").read_text(encoding="utf-8"))
    assert written == SCHEMA
    assert "scenario.schema.json" in capsys.readouterr().out
    errors = list(jsonschema.Draft202012Validator(written).iter_errors(document(target)))
    assert not errors
    # A schema already there is left alone.
    (tmp_path / "scenario.schema.json").write_text("{}", encoding="utf-8")
    assert main(["new", str(tmp_path / "other.yaml")]) == 0
    assert (tmp_path / "scenario.schema.json").read_text(encoding="utf-8") == "{}"
