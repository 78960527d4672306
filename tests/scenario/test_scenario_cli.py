"""The scenario commands as a user runs them: validate, schema, new, list, play.

Each test runs the real program in a subprocess (``python -m game``) from a
temporary folder, with this checkout first on the import path.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus"
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<message>.+)$")


def run(args: list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def test_validate_accepts_the_shipped_scenarios_folder(tmp_path: Path):
    res = run(["validate", str(ROOT / "scenarios")], tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stdout == ""
    assert re.search(r"(\d+) of \1 file\(s\) valid", res.stderr)


def test_validate_prints_every_error_as_file_line_col_in_file_order(tmp_path: Path):
    files = [CORPUS / "unknown-top-key.yaml", CORPUS / "personality-cycle.yaml", CORPUS / "bad-id.yaml"]
    res = run(["validate", *map(str, files)], tmp_path)
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    lines = res.stdout.splitlines()
    assert len(lines) == 5
    parsed = [LINE.match(x) for x in lines]
    assert all(parsed), lines
    order = [(files.index(Path(m["file"])), int(m["line"]), int(m["col"])) for m in parsed]
    assert order == sorted(order), "files in the order given, errors in file order"
    assert lines[0].endswith("unknown key 'trns' (hint: did you mean 'turns'?)")
    assert lines[-1].endswith(
        "'Red Army' is not a valid id (hint: use lower-case letters, digits, '-' and '_' (at most 40), starting with a "
        "letter or digit)"
    )
    assert "0 of 3 file(s) valid, 5 error(s)" in res.stderr


def test_validate_json_for_tools(tmp_path: Path):
    res = run(
        ["validate", "--format", "json", str(CORPUS / "unknown-owner.yaml"), str(ROOT / "scenarios" / "tutorial.yaml")],
        tmp_path,
    )
    assert res.returncode == 1
    doc = json.loads(res.stdout)
    assert doc["valid"] is False and doc["unreadable"] == []
    bad, good = doc["files"]
    assert good == {
        "path": str(ROOT / "scenarios" / "tutorial.yaml"),
        "kind": "scenario",
        "valid": True,
        "errors": [],
        "warnings": [],
    }
    assert bad["valid"] is False
    (error,) = bad["errors"]
    assert (error["line"], error["col"]) == (17, 12)
    assert error["message"] == "unknown actor 'bleu'" and error["hint"] == "did you mean 'blue'?"


def test_validate_a_folder_checks_every_file_in_it_as_what_it_is(tmp_path: Path):
    folder = tmp_path / "mine"
    (folder / "shared").mkdir(parents=True)
    run(["new", str(folder / "crisis.yaml")], tmp_path)
    (folder / "crisis.paths.yaml").write_text("not: [a, scenario\n", encoding="utf-8")
    (folder / "shared" / "block.yaml").write_text("actors: [{id: x}]\n", encoding="utf-8")
    (folder / "shared" / "good.yaml").write_text("actors: [{id: x, name: X}]\n", encoding="utf-8")
    res = run(["validate", str(folder)], tmp_path)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "2 of 4 file(s) valid" in res.stderr
    lines = res.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        str(folder / "crisis.paths.yaml"),
        str(folder / "shared" / "block.yaml"),
    ]
    assert "missing required key 'name'" in lines[1]  # the block's actor, not the scenario's keys
    assert "missing required key 'id'" not in res.stdout


def test_unreadable_paths_are_usage_errors_but_the_rest_is_still_checked(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "dangling.yaml").symlink_to("nowhere.yaml")
    (tmp_path / "loop-a.yaml").symlink_to("loop-b.yaml")
    (tmp_path / "loop-b.yaml").symlink_to("loop-a.yaml")
    paths = ["missing.yaml", "empty", "dangling.yaml", "loop-a.yaml", str(CORPUS / "bad-kind.yaml")]
    res = run(["validate", *paths], tmp_path)
    assert res.returncode == 2
    assert "brinkmanship validate: missing.yaml: no such file" in res.stderr
    assert "brinkmanship validate: empty: no scenario files" in res.stderr
    # A link says where it points, and a loop of links is named as one (not "no such file").
    assert "brinkmanship validate: dangling.yaml: a symbolic link to 'nowhere.yaml', which does not exist" in res.stderr
    assert "brinkmanship validate: loop-a.yaml: the path goes round in a loop of symbolic links" in res.stderr
    assert "bad-kind.yaml:14:11: error: 'country' is not allowed for 'kind'" in res.stdout
    assert "Traceback" not in res.stderr


def test_validate_without_paths_is_a_usage_error(tmp_path: Path):
    res = run(["validate"], tmp_path)
    assert res.returncode == 2
    assert "usage:" in res.stderr


def test_schema_prints_the_documented_schema(tmp_path: Path):
    res = run(["schema"], tmp_path)
    assert res.returncode == 0
    assert res.stdout == (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8")
    assert json.loads(res.stdout)["$defs"]["Condition"]["properties"]["stability"]


def test_new_writes_a_starter_that_validates_and_plays_to_the_end(tmp_path: Path):
    res = run(["new", "harbour-crisis.yaml"], tmp_path)
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "harbour-crisis.yaml").read_text(encoding="utf-8")
    assert "id: harbour-crisis" in text and text.startswith("# yaml-language-server: $schema=")
    assert run(["validate", "harbour-crisis.yaml"], tmp_path).returncode == 0
    play = run(
        ["play", "harbour-crisis.yaml", "--text", "--seed", "3"], tmp_path, "order summit league\n" + "end\n" * 10
    )
    assert play.returncode == 0, play.stderr
    assert "=== The Tern Islands Crisis ===" in play.stdout
    assert "Queued: Summit / public diplomacy → Coastal League" in play.stdout
    assert "=== The game is over (after turn 10) ===" in play.stdout
    assert "For discussion:" in play.stdout


def test_new_never_overwrites_by_accident(tmp_path: Path):
    (tmp_path / "mine.yaml").write_text("format: 1\n", encoding="utf-8")
    res = run(["new", "mine.yaml"], tmp_path)
    assert res.returncode == 2 and "already exists (use --force to overwrite)" in res.stderr
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == "format: 1\n"
    assert run(["new", "mine.yaml", "--force"], tmp_path).returncode == 0
    assert run(["validate", "mine.yaml"], tmp_path).returncode == 0
    res = run(["new", "no/such/folder/x.yaml"], tmp_path)
    assert res.returncode == 2 and "there is no folder" in res.stderr


def test_list_shows_each_shipped_scenario_id_first(tmp_path: Path):
    res = run(["list"], tmp_path)
    assert res.returncode == 0
    rows = [line.split("\t") for line in res.stdout.splitlines()]
    ids = [r[0] for r in rows]
    assert ids == sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml") if "." not in p.stem)
    tutorial = rows[ids.index("tutorial")]
    assert tutorial == [
        "tutorial",
        "Tutorial: The Harbour Crisis",
        "8 weeks",
        "roles: southland,northland,un",
        "8 turns",
    ]


def test_play_refuses_an_invalid_file_with_located_errors(tmp_path: Path):
    res = run(["play", str(CORPUS / "unknown-region-in-victory.yaml"), "--text"], tmp_path, "end\n")
    assert res.returncode == 2
    assert "unknown-region-in-victory.yaml:39:23: error: unknown region 'bordr'" in res.stderr
    assert "Traceback" not in res.stderr
    assert "turn 1" not in res.stdout


def test_a_scenario_can_be_named_by_shipped_id_or_by_path(tmp_path: Path):
    by_id = run(["play", "tutorial", "--text", "--seed", "1"], tmp_path, "quit\n")
    by_path = run(["play", str(ROOT / "scenarios" / "tutorial.yaml"), "--text", "--seed", "1"], tmp_path, "quit\n")
    assert by_id.returncode == by_path.returncode == 0
    assert by_id.stdout == by_path.stdout
    wrong = run(["play", "tutorail", "--text"], tmp_path)
    assert wrong.returncode == 2 and "did you mean 'tutorial'?" in wrong.stderr
