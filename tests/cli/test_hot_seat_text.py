"""Hot-seat in the terminal: one seat order (the session's), sealed orders no
other team can reach, each team's own briefing, the public report on the
hand-over screen, and a game swapped mid-turn only by the facilitator."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from game.scenario.loader import load
from game.session.game import Game


def run(args: list[str], stdin: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], input=stdin, capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_the_seat_order_starts_after_the_current_seat_and_skips_sealed_ones():
    sc = load("tutorial")
    ids = [sc.rules.actor_index(x) for x in ("southland", "northland", "un")]
    game = Game.new(sc, 1, ids)
    s, n, u = ids
    assert game.seats_after(None) == [s, n, u]
    assert game.seats_after(n) == [u, s, n]
    game.sealed.add(s)
    assert game.seats_after(s) == [n, u]
    game.sealed.add(n)
    assert game.seats_after(n) == [u]


def test_a_team_cannot_switch_seats_and_reads_its_own_briefing_after_its_hand_over(tmp_path):
    script = "\norder humanitarian harbour\nswitch northland\nend\n\norders\ncancel 1\nend\n\nquit\n"
    res = run(
        ["play", "tutorial", "--text", "--role", "southland,northland,un", "--seed", "2", "--save", "g.json"],
        script,
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Unknown command 'switch'" in out
    # Seat order: Southland, Northland, the UN.
    assert out.index("Hand the keyboard to Northland") < out.index("Hand the keyboard to United Nations")
    after = out.split("--- Northland ---", 1)[1]
    assert after.lstrip().startswith("You lead Northland.")
    # Northland sees none of Southland's sealed orders and cannot cancel them.
    mine = after.split("--- United Nations ---", 1)[0]
    assert "No orders queued." in mine and "Humanitarian operation" not in mine
    assert "You lead United Nations." in out.split("--- United Nations ---", 1)[1]


def test_after_a_turn_the_public_report_is_on_the_hand_over_screen(tmp_path):
    res = run(
        ["play", "tutorial", "--text", "--role", "southland,northland", "--seed", "2"],
        "\norder humanitarian harbour\nend\n\nend\n\nquit\n",
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    report = out.split("=== Turn 1 resolved ===", 1)[1]
    # Each team then reads its own part of the report behind its own hand-over.
    assert "Your report on turn 1:" in report.split("Hand the keyboard to Southland", 1)[1]
    assert report.index("Southland: Humanitarian operation → Harbour Province") < report.index(
        "Hand the keyboard to Southland"
    )


def test_loading_in_a_hot_seat_game_needs_the_facilitator_and_is_logged_in_both_records(tmp_path):
    other = tmp_path / "other.json"
    res = run(
        [
            "play",
            "tutorial",
            "--text",
            "--role",
            "southland,northland",
            "--facilitator",
            "--save",
            str(other),
            "--seed",
            "5",
        ],
        "secret\nsecret\n\norder humanitarian harbour\nsave\nquit\n",
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    script = (
        "secret\n"
        "secret\n"
        "\n"
        "end\n"
        "\n"
        "load other.json\n"
        "facilitator\n"
        "secret\n"
        "load other.json\n"
        "wrong\n"
        "load other.json\n"
        "secret\n"
        "\n"
        "fac view\n"
        "quit\n"
    )
    res = run(
        [
            "play",
            "tutorial",
            "--text",
            "--role",
            "southland,northland",
            "--facilitator",
            "--save",
            "left.json",
            "--seed",
            "5",
        ],
        script,
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "In a hot-seat game only the facilitator can load another game" in out
    assert "Not loaded: wrong passphrase." in out
    assert "Loaded other.json; it is saved there at every end of turn." in out
    # The loaded game goes on with its first team that has not ended, after a hand-over that locks the controls.
    after = out.split("Loaded other.json", 1)[1]
    assert "Hand the keyboard to Southland" in after
    assert "Facilitator controls are locked: type 'facilitator' and the passphrase." in after
    left = json.loads((tmp_path / "left.json").read_text())
    assert any(
        i["kind"] == "note" and "left this hot-seat game on turn 1 for other.json" in i["note"]
        for i in left["interventions"]
    )
    loaded = json.loads(other.read_text())
    assert any(
        i["kind"] == "note" and "loaded this game (other.json) in the middle of another hot-seat game" in i["note"]
        for i in loaded["interventions"]
    )
    # Both records still verify with the passphrase.
    for name in ("left.json", "other.json"):
        check = run(["report", name, "--out", name + ".html", "--facilitator"], "secret\n", tmp_path)
        assert check.returncode == 0, check.stderr
        assert "intact" in (check.stdout + check.stderr).lower(), check.stdout + check.stderr


def test_without_a_facilitator_a_hot_seat_game_is_not_swapped_mid_turn(tmp_path):
    res = run(
        ["play", "tutorial", "--text", "--role", "southland,northland", "--seed", "5"],
        "\nsave\nsave g.json\nload tutorial.save.json\nquit\n",
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    assert (
        "A hot-seat game cannot be swapped for another in the middle: load a save from the command line" in res.stdout
    )
    # A team saves its own game, in the saves folder the window lists, never over another file.
    saved = Path(os.environ["BRINKMANSHIP_HOME"]) / "saves" / "tutorial.save.json"
    assert f"Saved to {saved}." in res.stdout
    assert saved.exists() and not (tmp_path / "tutorial.save.json").exists()
    assert f"In a hot-seat game 'save' keeps the game in {saved}; saving elsewhere needs the facilitator." in res.stdout
    assert not (tmp_path / "g.json").exists()


def test_the_public_report_lists_only_orders_carried_out_in_both_front_ends():
    """A rejected order (and why) stays in its team's private report: the
    terminal's public report and the window's read the same session record."""
    import io

    from game.cli.text import TextUI
    from game.session.game import TurnRecord

    sc = load("tutorial")
    r = sc.rules
    south, north = r.actor_index("southland"), r.actor_index("northland")
    game = Game.new(sc, 1, [south, north])
    kept, refused = (int(o) for o in r.options_of(south)[:2])
    rec = TurnRecord(
        1, {south: [kept, refused], north: []}, ["Something happened."], {}, [(south, refused, "not enough budget")]
    )
    assert rec.carried_out() == {south: [kept]}
    game.log.append(rec)
    out = io.StringIO()
    TextUI(game, south, out).info.public_report(1)
    text = out.getvalue()
    assert r.option_label(kept) in text and r.option_label(refused) not in text and "not enough budget" not in text


def test_the_facilitators_controls_lock_at_every_hand_over(tmp_path):
    """Unlocked in one team's seat, the controls never pass to the next team:
    it would see every sealed order."""
    res = run(
        ["play", "tutorial", "--text", "--role", "southland,northland", "--facilitator", "--seed", "5"],
        "secret\nsecret\n\norder summit un\nfacilitator\nsecret\nend\n\nfac view\nquit\n",
        tmp_path,
    )
    assert res.returncode == 0, res.stderr
    northland = res.stdout.split("--- Northland ---", 1)[1]
    assert "Facilitator controls are locked: type 'facilitator' and the passphrase." in northland
    assert "Summit" not in northland


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_locking_the_facilitators_controls_clears_what_they_showed(tmp_path):
    """The facilitator's overview lists every team's sealed orders: in a
    hot-seat game, 'lock' clears the screen (and its scrollback) so the
    team at the keyboard cannot read them afterwards."""
    from game.cli.handover import CLEAR_ALL
    from game.cli.text import TextUI
    from game.session.facilitator import enable

    sc = load("tutorial")
    r = sc.rules
    north, south = r.actor_index("northland"), r.actor_index("southland")
    game = Game.new(sc, 5, [south, north])
    enable(game, "secret")
    sealed = next(o for o in r.options_of(south) if not game.check(south, o))
    game.queue(south, sealed)
    out = _Terminal()
    ui = TextUI(game, north, out, echo=True, inp=io.StringIO("\nfacilitator\nsecret\nfac view\nlock\nquit\n"))
    ui.briefed.update({south, north})
    ui.run(ui.inp)
    text = out.getvalue()
    assert r.option_label(sealed) in text  # the facilitator saw it ...
    after = text.rsplit(CLEAR_ALL, 1)[1]
    assert "Facilitator controls locked." in after and r.option_label(sealed) not in after  # ... the team does not
