"""A save whose scenario file was edited falls back on the copy of the scenario it carries; when that copy is
damaged too, the message says what is wrong with it (its line and column), through the real command line."""

from __future__ import annotations

import base64
import json
import zlib
from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.loader import load
from game.session.game import Game
from game.session.save import dumps, to_dict

STEP3 = Path(__file__).parents[2] / "docs" / "authoring" / "step3.yaml"


def _save_then_edit(tmp_path: Path, copy: bytes | None) -> Path:
    scenario = tmp_path / "reef.yaml"
    scenario.write_text(STEP3.read_text())
    game = Game.new(load(str(scenario)), 3, humans=[0])
    game.end_turn()
    data = to_dict(game)
    if copy is not None:
        data["scenario"]["embedded"]["files"][0]["data"] = base64.b64encode(zlib.compress(copy)).decode()
    save = tmp_path / "reef.save"
    save.write_text(dumps(data))
    scenario.write_text(STEP3.read_text().replace("tension: 30", "tension: 35"))  # the author edits the file
    return save


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_an_edited_scenario_still_reports_from_the_copy_in_the_save(tmp_path, capsys):
    save = _save_then_edit(tmp_path, None)
    code, out, err = _run(["validate", str(save)], capsys)
    assert code == 0 and "warning: its scenario file has changed" in out + err
    code, out, err = _run(["report", str(save), "--out", str(tmp_path / "r.html")], capsys)
    assert code == 0, err
    assert (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "copy, fragment",
    [
        (b"format: 1\nid: [\n", ":3:1: error: YAML syntax"),
        (b"format: 1\nid: reef\n", "missing required key"),
    ],
    ids=["broken-yaml", "incomplete"],
)
def test_a_damaged_copy_of_an_edited_scenario_says_what_is_wrong_with_it(tmp_path, capsys, copy, fragment):
    save = _save_then_edit(tmp_path, copy)
    json.loads(save.read_text())  # still a readable save: only its copy of the scenario is damaged
    for argv in (["validate", str(save)], ["report", str(save), "--out", str(tmp_path / "r.html")]):
        code, out, err = _run(argv, capsys)
        text = out + err
        assert code in (1, 2), text
        assert "Traceback" not in text
        assert "the scenario copy cannot be loaded: " in text and fragment in text, text
        assert "cannot be loaded:)" not in text and "cannot be loaded:\n" not in text
