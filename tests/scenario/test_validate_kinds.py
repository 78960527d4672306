"""`brinkmanship validate` on every kind of file: scenarios, include blocks,
paths files and saves, each told apart by its content; warnings for what can
never happen; clear words for YAML 1.1's surprises."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.cli.main import main
from game.cli.validate import check_file, kind_of
from game.scenario.loader import load
from game.session.game import Game
from game.session.save import save

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent / "authoring"
WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): warning: (?P<message>.+)$")


def validate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["validate", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_every_shipped_file_validates_with_no_error_or_warning(capsys):
    files = sorted(str(p) for p in (ROOT / "scenarios").glob("*.yaml")) + [
        str(p) for p in (ROOT / "scenarios" / "shared").glob("*.yaml")
    ]
    assert any(".paths." in f for f in files) and any("shared" in f for f in files)
    code, out, err = validate(capsys, *files)
    assert code == 0, out + err
    assert out == ""
    assert f"{len(files)} of {len(files)} file(s) valid" in err


def test_the_kind_of_each_file_comes_from_its_content(tmp_path):
    assert kind_of(ROOT / "scenarios" / "gulf-1990.yaml") == "scenario"
    assert kind_of(ROOT / "scenarios" / "gulf-1990.paths.yaml") == "paths"
    assert kind_of(ROOT / "scenarios" / "shared" / "un-security-council.yaml") == "block"
    # Not the name: a block saved under a scenario-like name is still a block.
    block = tmp_path / "council.yaml"
    shutil.copy(ROOT / "scenarios" / "shared" / "un-security-council.yaml", block)
    assert kind_of(block) == "block"
    game = Game.new(load("tutorial"), 3, humans=[0])
    game.end_turn()
    path = save(game, tmp_path / "game.yaml")
    assert kind_of(path) == "save"
    assert check_file(path) == ("save", [])


def test_a_broken_save_gets_an_error_naming_the_file(tmp_path, capsys):
    game = Game.new(load("tutorial"), 3, humans=[0])
    path = save(game, tmp_path / "g.json")
    data = json.loads(path.read_text())
    data["humans"] = ["nobody"]
    path.write_text(json.dumps(data))
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    assert out.startswith(f"{path}:1:1: error: ") and "nobody" in out


def test_an_include_block_is_checked_as_a_block_with_located_errors(tmp_path, capsys):
    block = tmp_path / "block.yaml"
    block.write_text(
        "actors:\n  - id: x\n    name: X\n    colr: '#112233'\ncouncil: {permanent: [x], pass_votes: 99}\n"
    )
    code, out, _ = validate(capsys, str(block))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        f"{block}:4:5: error: unknown key 'colr' (hint: did you mean 'colour'?)",
        f"{block}:5:39: error: 'pass_votes' must be at most 15 (got 99)",
    ]
    assert "missing required key" not in out


def test_a_broken_paths_file_is_checked_against_its_scenario(tmp_path, capsys):
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", tmp_path / "tutorial.yaml")
    paths = tmp_path / "tutorial.paths.yaml"
    paths.write_text(
        "format: 1\nscenario: tutorial\npaths:\n  p:\n    description: x\n    turns:\n      1: {nobody: [pass]}\n"
    )
    code, out, _ = validate(capsys, str(paths))
    assert code == 1
    assert out.startswith(f"{paths}:7:") and "nobody" in out


def test_warnings_for_what_can_never_happen_keep_the_exit_status_at_0(capsys):
    path = HERE / "never.yaml"
    code, out, err = validate(capsys, str(path))
    assert code == 0, out + err
    found = [WARNING.match(x) for x in out.splitlines()]
    assert all(found), out
    by_line = {int(m["line"]): m["message"] for m in found}
    # {turn: {min: 201}} in a 13-turn game (under 'any', where nothing caught it before).
    assert by_line[15].startswith("role 'a' can never win: its victory condition can never hold")
    assert "turn runs from 1 to 14" in by_line[15]
    assert by_line[16].startswith("the defeat condition of role 'a' already holds at the start")
    assert (
        by_line[19]
        == "the victory condition of role 'b' always holds, whatever happens (hint: it is the same as no condition)"
    )
    assert by_line[23].startswith("event 'late' can never fire")
    assert by_line[26].startswith("event 'never' can never fire: its chance is 0")
    assert by_line[31].startswith("no actor can ever order action 'aid_drop'")
    assert by_line[37].startswith("the end condition always holds")
    assert "1 of 1 file(s) valid, 7 warning(s)" in err


def test_validate_json_gives_each_file_its_kind_and_warnings(capsys):
    code, out, _ = validate(
        capsys,
        "--format",
        "json",
        str(HERE / "never.yaml"),
        str(ROOT / "scenarios" / "shared" / "un-security-council.yaml"),
    )
    assert code == 0
    doc = json.loads(out)
    assert [f["kind"] for f in doc["files"]] == ["scenario", "block"]
    assert doc["valid"] is True
    assert len(doc["files"][0]["warnings"]) == 7
    assert all(w["severity"] == "warning" for w in doc["files"][0]["warnings"])


BASE = """\
format: 1
id: t
title: T
calendar: {start: 2000-01-01, days_per_turn: 7}
turns: 13
actors:
  - {id: a, name: A}
  - {id: b, name: B}
regions:
  - {id: r, name: R, owner: a, position: [0.5, 0.5]}
roles:
  - {actor: a, briefing: x, victory: {text: win, when: {turn: 13}}}
"""


@pytest.mark.parametrize(
    ("line", "message", "hint"),
    [
        (
            "tension: 4e1",
            "'tension' must be a number, not '4e1'",
            "YAML 1.1 reads 4e1 as text (an exponent needs a dot and a sign, as in 4.0e+1): write 40",
        ),
        (
            "tension: yes",
            "'tension' must be a number, not true",
            "YAML 1.1 reads yes, no, on, off, true and false (in any case) as true or false, never as a number",
        ),
        ("tension: '40'", "'tension' must be a number, not '40'", "write the number without quotes"),
    ],
)
def test_yaml_1_1_surprises_get_words_that_fit(tmp_path, capsys, line, message, hint):
    path = tmp_path / "s.yaml"
    path.write_text(BASE + line + "\n")
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    assert f"{path}:13:10: error: {message} (hint: {hint}" in out
    assert ("without quotes" in out) == ("'40'" in line)


def test_format_true_is_not_taken_as_format_1(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("format: 1", "format: true"))
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    assert f"{path}:1:9: error: 'format' must be the number 1, not true" in out


def test_a_key_yaml_1_1_reads_as_true_is_named_with_the_fix(tmp_path, capsys):
    path = tmp_path / "s.yaml"
    path.write_text(BASE + "sanctions:\n  - {by: a, on: b}\n")
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    # In sanctions in force, 'on' was meant as the target: quoting it would only give an unknown key.
    assert out.splitlines() == [
        f"{path}:14:13: error: the key 'on' is read as true (YAML 1.1 reads on, off, yes, no, true and false as true "
        "or false) (hint: sanctions in force name their target with 'against', e.g. {by: usa, against: iraq})"
    ]
    path.write_text(BASE + "flags: {yes: 1}\n")
    code, out, _ = validate(capsys, str(path))
    assert code == 1
    assert out.splitlines() == [
        f"{path}:13:9: error: the key 'yes' is read as true (YAML 1.1 reads on, off, yes, no, true and false as true "
        "or false) (hint: put it in quotes: 'yes':)"
    ]


def test_a_save_whose_scenario_was_edited_is_valid_with_a_warning(tmp_path, capsys):
    scenario = tmp_path / "harbour.yaml"
    scenario.write_text((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    game = Game.new(load(scenario), 3, humans=[0])
    game.end_turn()
    path = save(game, tmp_path / "g.json")
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("tension: 35", "tension: 50"), encoding="utf-8")
    code, out, _ = validate(capsys, str(path))
    assert code == 0
    assert out.startswith(
        f"{path}:1:1: warning: its scenario file has changed (or is missing) since the game was saved"
    )
    assert "--rebase" in out
