"""More hostile input at the command line and in the terminal mode: a huge
input line, non-ASCII digits, colliding report outputs, escape sequences in
paths, tabs in names, and saves with more orders than the rules allow."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli.main import main
from game.cli.text import MAX_LINE, TextUI
from game.scenario.loader import load
from game.session.game import Game
from game.session.save import load_game, save

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys, stdin: str = "") -> tuple[int, str, str]:
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
    return save(game, tmp_path / "a.json")


# ------------------------------------------------------------------ 1. a huge input line
def test_a_huge_input_line_is_refused_at_once_and_the_game_goes_on(tmp_path):
    script = "a" * 2_000_000 + "\n" + "order " + "x " * 600_000 + "\nstatus\nquit\n"
    out = io.StringIO()
    game = Game.new(load("tutorial"), 3, humans=[0])
    ui = TextUI(game, 0, out, save_path=tmp_path / "g.json", echo=True, inp=io.StringIO(script))
    start = time.process_time()
    assert ui.run(ui.inp) == 0
    assert time.process_time() - start < 10
    text = out.getvalue()
    assert text.count(f"Line too long (2,000,001 characters; at most {MAX_LINE:,}): ignored.") == 1
    assert text.count("Line too long") == 2
    assert "Budget" in text.split("Line too long")[-1] and "Goodbye." in text
    assert max(len(line) for line in text.splitlines()) < 1000  # the huge line is not echoed either


def test_a_huge_input_line_in_the_real_program_ends_quickly(tmp_path):
    script = "a" * 2_000_000 + "\nquit\n"
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "game.cli.main", "play", "tutorial", "--text", "--role", "southland"],
        input=script,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Line too long" in proc.stdout and "Goodbye." in proc.stdout


# ------------------------------------------------------------------ 2. fac set with non-ASCII digits
def test_facilitator_numbers_must_be_ascii_digits(tmp_path, capsys):
    script = (
        "white cell\n"
        "white cell\n"
        "facilitator\n"
        "white cell\n"
        "fac set stability harbour ٣\n"
        "fac set stability harbour ³\n"
        "fac event Boom stability harbour -٣\n"
        "fac set stability harbour 45\n"
        "quit\n"
    )
    target = tmp_path / "f.json"
    code, out, err = run(["play", "tutorial", "--text", "--facilitator", "--save", str(target)], capsys, script)
    assert code == 0, err
    assert out.count("Cannot do that: 'stability' needs 1 name(s) then a number written with the digits 0-9.") == 3
    assert "Set stability of Harbour Province: 28 → 45." in out
    values = [i["value"] for i in json.loads(target.read_text())["interventions"] if i["kind"] == "adjust"]
    assert values == [45.0]


# ------------------------------------------------------------------ 3. report outputs against each other
def test_report_checks_all_outputs_against_each_other_before_writing_any(tmp_path, capsys, game_save):
    d2 = tmp_path / "d2"
    d2.mkdir()
    code, out, err = run(
        [
            "report",
            str(game_save),
            "--out",
            str(d2 / "new.html"),
            "--json",
            str(d2 / "o.json"),
            "--csv",
            str(d2 / "o.json"),
        ],
        capsys,
    )
    assert code == 2 and "already writes there" in err and len(err.strip().splitlines()) == 1
    assert list(d2.iterdir()) == []
    # One output inside another's CSV folder, and an output that is another's backup.
    for argv in (
        ["--csv", str(d2 / "c"), "--json", str(d2 / "c" / "o.json")],
        ["--csv", str(d2 / "c"), "--out", str(d2 / "c" / "turns.csv" / "r.html")],
        ["--out", str(d2 / "r.html"), "--json", str(d2 / "r.html.bak")],
    ):
        code, out, err = run(["report", str(game_save), *argv], capsys)
        assert code == 2 and "already writes there" in err, argv
        assert list(d2.iterdir()) == []
    # Outputs side by side are fine.
    code, out, err = run(
        ["report", str(game_save), "--out", str(d2 / "r.html"), "--json", str(d2 / "r.json"), "--csv", str(d2 / "c")],
        capsys,
    )
    assert code == 0, err
    assert {p.name for p in d2.iterdir()} == {"r.html", "r.json", "c"}


@pytest.mark.parametrize("option", ["--out", "--json", "--csv"])
def test_report_refuses_an_empty_output_name(tmp_path, capsys, game_save, option, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    code, out, err = run(["report", str(game_save), option, ""], capsys)
    assert code == 2 and f"{option} needs a" in err
    assert set(tmp_path.iterdir()) == before


# ------------------------------------------------------------------ 4. escape sequences in paths
def test_paths_printed_by_report_are_cleaned(tmp_path, capsys, game_save, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "\x1b]0;PWNED\x07y.html"
    code, out, err = run(
        ["report", str(game_save), "--out", name, "--json", "\x1b[31mz.json", "--csv", "c\x9b2J"], capsys
    )
    assert code == 0, err
    assert "Wrote y.html." in out and "Wrote z.json." in out and "CSV files to c2J." in out
    assert "\x1b" not in out + err and "\x07" not in out + err and "\x9b" not in out + err
    assert (tmp_path / name).is_file()
    # And in the messages of a refused output.
    (tmp_path / "\x1b]0;PWNED\x07d").mkdir()
    code, out, err = run(["report", str(game_save), "--out", "\x1b]0;PWNED\x07d"], capsys)
    assert code == 2 and "is a folder" in err and not CONTROL.search(err.rstrip("\n"))


# ------------------------------------------------------------------ 5. tabs in untrusted names
def test_tabs_and_line_breaks_in_names_never_reach_the_terminal(tmp_path):
    text = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
    game = Game.new(load("tutorial"), 3, humans=[0])
    northland = game.rules.actors[1]
    harbour = game.rules.regions[0]
    assert northland.name in text and harbour.name in text
    text = text.replace(f"name: {northland.name}", 'name: "\\t@SUM(1)"', 1).replace(
        f"name: {harbour.name}", 'name: "Har\\nbour\\u0085x"', 1
    )
    path = tmp_path / "tabs.yaml"
    path.write_text(text, encoding="utf-8")
    scenario = load(path)
    assert any("\t" in a.name for a in scenario.rules.actors)
    out = io.StringIO()
    game = Game.new(scenario, 3, humans=[0])
    ui = TextUI(game, 0, out, save_path=tmp_path / "g.json", inp=io.StringIO("status\nregions\ntracks\nactors\nquit\n"))
    ui.run(ui.inp)
    printed = out.getvalue()
    assert "\t" not in printed and "\x85" not in printed
    assert "held by  @SUM(1)" in printed
    # The region's name stays on its line of the dashboard.
    assert re.search(r"^  Har bourx +stability", printed, re.M)
    assert not any(line.startswith("bour") for line in printed.splitlines())


# ------------------------------------------------------------------ 6. more orders than the rules allow
@pytest.mark.parametrize(
    ("actor", "orders", "count"), [("un", ["summit northland"] * 50, 50), ("southland", ["deploy harbour"] * 10, 10)]
)
def test_a_save_with_more_orders_than_the_scenario_allows_is_refused(tmp_path, capsys, game_save, actor, orders, count):
    data = json.loads(game_save.read_text())
    data["turns"][0]["orders"][actor] = orders
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    expected = f"{bad}: error: turns[0].orders.{actor}: {count} orders; this scenario allows at most 3 a turn"
    for argv in (["play", "--load", str(bad), "--text"], ["report", str(bad), "--out", str(tmp_path / "r.html")]):
        code, out, err = run(argv, capsys, "quit\n")
        assert code == 2 and err.strip() == f"brinkmanship: {expected}", argv
    assert not (tmp_path / "r.html").exists()
    assert load_game(game_save).log  # the good save still loads


# ------------------------------------------------------------------ 7. --runs in ASCII digits
@pytest.mark.parametrize("command", ["simulate", "audit"])
@pytest.mark.parametrize("runs", ["١", "²", "1_0", " ", "1e3"])
def test_runs_must_be_ascii_digits(capsys, command, runs):
    with pytest.raises(SystemExit) as exc:
        main([command, "tutorial", "--runs", runs, "--workers", "1"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--runs must be a whole number" in err


def test_runs_keeps_its_own_range_messages(capsys):
    code, out, err = run(["simulate", "tutorial", "--runs", "0", "--workers", "1"], capsys)
    assert code == 2 and "--runs must be at least 1 (got 0)" in err
    code, out, err = run(["audit", "tutorial", "--runs", "1", "--workers", "1"], capsys)
    assert code == 2 and "--runs must be at least 2 (got 1)" in err
