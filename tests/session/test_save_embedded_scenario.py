"""A save carries its scenario (compressed, with its hash): it replays and
reports after the scenario file is edited or gone; playing on under the
edited file is asked for with --rebase, which says what changed."""

from __future__ import annotations

import base64
import json
import shutil
import zlib
from pathlib import Path

import pytest

from game.cli.main import main
from game.scenario.loader import load
from game.session.game import Game
from game.session.save import SaveError, load_game, rebase_game, save, scenario_changed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def saved(tmp_path) -> tuple[Path, Path, Game]:
    scenario = tmp_path / "harbour.yaml"
    shutil.copy(ROOT / "scenarios" / "tutorial.yaml", scenario)
    text = scenario.read_text(encoding="utf-8").replace("id: tutorial", "id: harbour", 1)
    scenario.write_text(text, encoding="utf-8")
    game = Game.new(load(scenario), 5, humans=[0])
    game.end_turn()
    game.end_turn()
    return scenario, save(game, tmp_path / "game.json"), game


def test_the_save_embeds_the_scenario_compressed_with_its_hash(saved):
    scenario, path, game = saved
    ref = json.loads(path.read_text())["scenario"]
    assert ref["hash"] == game.scenario.content_hash
    (f,) = ref["embedded"]["files"]
    assert ref["embedded"]["encoding"] == "zlib+base64" and f["name"] == "harbour.yaml"
    assert zlib.decompress(base64.b64decode(f["data"])) == scenario.read_bytes()
    assert len(f["data"]) < scenario.stat().st_size  # compressed


def test_an_edited_scenario_still_replays_the_saved_game_exactly(saved):
    scenario, path, game = saved
    scenario.write_text(scenario.read_text().replace("tension: 35", "tension: 60"), encoding="utf-8")
    assert scenario_changed(path)
    again = load_game(path)
    assert again.scenario.content_hash == game.scenario.content_hash
    assert float(again.state.tension[0]) == float(game.state.tension[0])
    assert again.scenario.path == str(scenario.resolve())  # a new save names the file again


def test_a_save_moved_to_another_machine_replays_without_the_file(saved):
    scenario, path, game = saved
    scenario.unlink()
    again = load_game(path)
    assert again.turn == game.turn and again.scenario.id == "harbour"


def test_report_works_after_the_scenario_was_edited(saved, tmp_path, capsys):
    scenario, path, _ = saved
    scenario.write_text(scenario.read_text().replace("tension: 35", "tension: 60"), encoding="utf-8")
    out = tmp_path / "debrief.html"
    assert main(["report", str(path), "--out", str(out)]) == 0
    assert "Harbour" in out.read_text(encoding="utf-8")


def test_rebase_plays_on_under_the_edited_file_and_says_what_changed(saved):
    scenario, path, game = saved
    scenario.write_text(scenario.read_text().replace("tension: 35", "tension: 60"), encoding="utf-8")
    again, notes = rebase_game(path)
    assert again.scenario.content_hash != game.scenario.content_hash
    assert notes[0] == "the scenario changed since the game was saved:"
    assert "  -tension: 35" in notes and "  +tension: 60" in notes
    assert again.turn == game.turn


def test_rebase_leaves_out_orders_that_no_longer_exist_with_a_note(saved, tmp_path):
    scenario, _, _ = saved
    game = Game.new(load(scenario), 5, humans=[0])
    game.queue(0, game.find_option(0, "humanitarian harbour"))
    game.end_turn()
    path = save(game, tmp_path / "g2.json")
    text = scenario.read_text().replace(
        "  - id: southland\n", "  - id: southland\n    actions: {forbid: [humanitarian]}\n", 1
    )
    scenario.write_text(text, encoding="utf-8")
    # Without --rebase the copy in the save is played: the order is there as it was given.
    assert load_game(path).log[0].orders[0] == game.log[0].orders[0]
    _, notes = rebase_game(path)
    assert any("southland's order 'humanitarian harbour' left out" in n for n in notes)


def test_an_old_save_without_the_copy_loads_as_before(saved):
    scenario, path, _ = saved
    data = json.loads(path.read_text())
    del data["scenario"]["embedded"]
    path.write_text(json.dumps(data))
    assert load_game(path).scenario.id == "harbour"
    scenario.write_text(scenario.read_text().replace("tension: 35", "tension: 60"), encoding="utf-8")
    with pytest.raises(SaveError, match="has changed since this game was saved"):
        load_game(path)


@pytest.mark.parametrize(
    "data",
    [
        "not base64!",
        base64.b64encode(b"not zlib").decode(),
        base64.b64encode(zlib.compress(b"\0" * 6_000_000)).decode(),
    ],
    ids=["base64", "zlib", "bomb"],
)
def test_a_damaged_copy_is_a_clear_error(saved, data):
    scenario, path, _ = saved
    raw = json.loads(path.read_text())
    raw["scenario"]["embedded"]["files"][0]["data"] = data
    path.write_text(json.dumps(raw))
    scenario.unlink()
    with pytest.raises(SaveError, match=r"scenario\.embedded"):
        load_game(path)


def test_play_load_says_the_file_changed_and_offers_rebase(saved, capsys, monkeypatch):
    scenario, path, _ = saved
    scenario.write_text(scenario.read_text().replace("tension: 35", "tension: 60"), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("quit\n"))
    main(["play", "--load", str(path), "--text"])
    err = capsys.readouterr().err
    assert "the scenario file has changed since this game was saved" in err and "--rebase" in err


def test_a_scenario_with_includes_travels_with_every_file_it_includes(tmp_path):
    (tmp_path / "blocks").mkdir()
    (tmp_path / "blocks" / "extra.yaml").write_text(
        "relations:\n  - {between: [usa, russia], value: -20}\n", encoding="utf-8"
    )
    scenario = tmp_path / "council.yaml"
    scenario.write_text(
        "format: 1\nid: council\ntitle: Council\ncalendar: {start: 2030-01-01, days_per_turn: 7}\nturns: 4\n"
        "include: [shared/un-security-council.yaml, blocks/extra.yaml]\n"
        "regions:\n  - {id: r, name: R, owner: usa, position: [0.5, 0.5]}\n"
        "roles:\n  - {actor: usa, briefing: x, victory: {text: win, when: {tension: {below: 20}}}}\n",
        encoding="utf-8",
    )
    game = Game.new(load(scenario), 1, humans=[0])
    game.end_turn()
    path = save(game, tmp_path / "g.json")
    names = [f["name"] for f in json.loads(path.read_text())["scenario"]["embedded"]["files"]]
    assert names == ["council.yaml", "shared/un-security-council.yaml", "blocks/extra.yaml"]
    scenario.unlink()
    shutil.rmtree(tmp_path / "blocks")
    again = load_game(path)
    assert again.scenario.content_hash == game.scenario.content_hash
    assert again.turn == game.turn
