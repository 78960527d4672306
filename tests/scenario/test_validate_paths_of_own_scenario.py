"""`validate` checks an author's paths file against the author's own scenario: the file of that id next to it, or
the scenario its name belongs to (crisis.paths.yaml → crisis.yaml), and says where it looked when neither is there."""

from __future__ import annotations

from pathlib import Path

from game.cli.main import main

STEP3 = Path(__file__).parents[2] / "docs" / "authoring" / "step3.yaml"

PATHS = """\
format: 1
scenario: reef
paths:
  historical:
    description: Talks.
    turns:
      1:
        marona: [open_talks reef-talk]
      20:
        tarsk: [open_talks reef-talks]
"""


def _validate(capsys, *paths: Path) -> tuple[int, str]:
    code = main(["validate", *map(str, paths)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_a_paths_file_named_after_its_scenario_file_is_checked_against_it(tmp_path, capsys):
    (tmp_path / "my-reef.yaml").write_text(STEP3.read_text())  # id 'reef', file name of the author's choosing
    paths = tmp_path / "my-reef.paths.yaml"
    paths.write_text(PATHS)
    code, text = _validate(capsys, paths)
    assert code == 1
    assert f"{paths}:8:18: error: 'open_talks reef-talk' is not an order marona can give" in text
    assert "did you mean 'open_talks reef-talks'?" in text
    assert f"{paths}:9:7: error: turn 20 is outside the scenario's turns 1–10" in text
    assert "no shipped scenario" not in text


def test_a_paths_file_whose_scenario_is_nowhere_says_where_it_looked(tmp_path, capsys):
    paths = tmp_path / "lost.paths.yaml"
    paths.write_text(PATHS)
    code, text = _validate(capsys, paths)
    assert code == 1
    assert f"{paths}:2:11: error: no scenario with id 'reef' next to this file" in text
    assert "'reef.yaml' or 'lost.yaml'" in text and "Traceback" not in text


def test_a_folder_is_checked_with_its_saves_but_not_the_json_schema_beside_them(tmp_path, capsys):
    import json

    from game.scenario.loader import load
    from game.session.game import Game
    from game.session.save import dumps, to_dict

    scenario = tmp_path / "reef.yaml"
    scenario.write_text(STEP3.read_text())
    game = Game.new(load(str(scenario)), 3, humans=[0])
    game.end_turn()
    (tmp_path / "reef.save.json").write_text(dumps(to_dict(game)))
    assert main(["schema"]) == 0
    (tmp_path / "scenario.schema.json").write_text(capsys.readouterr().out)
    code = main(["validate", str(tmp_path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0, doc
    kinds = {Path(f["path"]).name: f["kind"] for f in doc["files"]}
    assert kinds == {"reef.yaml": "scenario", "reef.save.json": "save"}


def test_a_block_checked_on_its_own_follows_its_includes(tmp_path, capsys):
    (tmp_path / "a.yaml").write_text("format: 1\ninclude: [b.yaml]\n")
    (tmp_path / "b.yaml").write_text("format: 1\ninclude: [a.yaml]\n")
    (tmp_path / "c.yaml").write_text("format: 1\ninclude: [nowhere.yaml]\n")
    code, text = _validate(capsys, tmp_path / "a.yaml", tmp_path / "c.yaml")
    assert code == 1
    assert f"{tmp_path / 'b.yaml'}:2:11: error: include cycle: a.yaml → b.yaml → a.yaml" in text
    assert f"{tmp_path / 'c.yaml'}:2:11: error: included file 'nowhere.yaml' does not exist" in text
