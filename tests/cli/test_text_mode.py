"""The terminal mode as a real program, driven through its standard input."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """\
status
actions
order humanitarian harbour
order 3
orders
end
why reputation
why stability harbour
order open_talks harbour-talks
end
end
end
end
end
end
end
history
"""


def run(args: list[str], stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_scripted_game_plays_to_the_end_and_exits_cleanly(tmp_path):
    res = run(["play", "tutorial", "--text", "--seed", "4"], SCRIPT, tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "=== Tutorial: The Harbour Crisis ===" in out
    assert "Queued: Humanitarian operation → Harbour Province" in out
    assert "Why reputation of Southland" in out
    assert "humanitarian operation in Harbour Province" in out
    assert "=== The game is over (after turn 8) ===" in out
    assert "For discussion:" in out
    assert out.rstrip().endswith("End of input: leaving the game.")


def test_watching_a_game_of_ais_ends_with_its_results(tmp_path):
    """'play --watch' prints every turn's orders and news, then the end of the game as a player sees it."""
    res = run(["play", "tutorial", "--seed", "1", "--watch", "--text"], "", tmp_path)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "every actor played by the AI" in out and "--- Turn 8 " in out
    assert "=== The game is over (after turn 8) ===" in out
    assert "For discussion:" in out


def test_same_seed_and_input_print_the_same_game(tmp_path):
    a = run(["play", "tutorial", "--text", "--seed", "9"], SCRIPT, tmp_path)
    b = run(["play", "tutorial", "--text", "--seed", "9"], SCRIPT, tmp_path)
    assert a.stdout == b.stdout


def test_unknown_commands_and_bad_orders_are_explained(tmp_path):
    res = run(["play", "tutorial", "--text"], "stauts\norder negotiate harbour-talks\norder 99\nquit\n", tmp_path)
    assert res.returncode == 0
    assert "Unknown command 'stauts'. Did you mean 'status'?" in res.stdout
    assert "Cannot order that: these talks are not open." in res.stdout
    assert "No action number 99" in res.stdout
    assert "Goodbye." in res.stdout


def test_save_and_load_from_the_terminal(tmp_path):
    res = run(["play", "tutorial", "--text", "--seed", "2"], "order summit un\nend\nsave game.json\nquit\n", tmp_path)
    assert res.returncode == 0 and (tmp_path / "game.json").exists()
    res2 = run(["play", "--text", "--load", "game.json"], "status\nquit\n", tmp_path)
    assert res2.returncode == 0
    assert "turn 2/8" in res2.stdout


def test_unknown_scenario_is_a_one_line_usage_error(tmp_path):
    res = run(["play", "no-such-scenario", "--text"], "", tmp_path)
    assert res.returncode == 2
    assert "no shipped scenario with id 'no-such-scenario'" in res.stderr
    assert "Traceback" not in res.stderr


def test_with_no_display_a_bare_command_and_play_start_the_terminal_mode(tmp_path):
    """As the README says: with no display (over ssh, in CI), `brinkmanship`
    and `brinkmanship play` play in the terminal, with a one-line note why."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    for args in ([], ["play", "tutorial"]):
        res = subprocess.run(
            [sys.executable, "-m", "game", *args],
            input="status\nquit\n",
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
            env=env,
        )
        assert res.returncode == 0, (args, res.stderr)
        assert (
            res.stderr.strip()
            == "brinkmanship: no display to open a window on; playing in the terminal (brinkmanship play --text)"
        ), args
        assert "=== Tutorial: The Harbour Crisis ===" in res.stdout
        assert "You lead Southland." in res.stdout


def test_order_numbers_stay_the_same_all_turn_and_the_names_shown_are_accepted(tmp_path):
    """An option keeps its number after other orders are queued (the list
    shows gaps, never new numbers); the name shown beside it is accepted, and
    so is any start of it that fits one order only."""
    res = run(
        ["play", "tutorial", "--text", "--seed", "2"],
        "actions\norder 1\nactions\norder 15\norder negotiate harbour\norder summit\norder frobnicate\nquit\n",
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    # Listed before and after the first order under the same numbers.
    assert out.count("   15. Humanitarian operation → Harbour Province [2] (humanitarian harbour)") == 2
    assert out.count("   50. Summit / public diplomacy → United Nations [1] (summit un)") == 2
    assert "Queued: Deploy forces → Harbour Province" in out
    assert "Queued: Humanitarian operation → Harbour Province" in out
    # 'negotiate harbour' names the harbour talks (closed on turn 1), not an unknown order.
    assert "Cannot order that: these talks are not open." in out
    assert "'summit' could be 'summit northland', 'summit un', 'summit eastland': type more of the name" in out
    assert "no such order: 'frobnicate'" in out
