"""`brinkmanship host` and `brinkmanship join` (in the window or --text), as a teacher and a team run them."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

from nethelpers import host, hosted_fixture  # noqa: F401 - the 'hosted' fixture

from game.net.client import run_terminal

BIN = [sys.executable, "-m", "game"]


def as_from_a_terminal() -> None:
    """In the host's process before it starts: Ctrl+C (SIGINT) stops it as it would from a terminal, even when the
    tests run in the background, where the shell starts every process with SIGINT ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run(args, **kw):
    return subprocess.run(BIN + args, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL, **kw)


def test_host_prints_the_address_and_a_code_per_team_and_serves_the_pages(tmp_path):
    phrase = tmp_path / "pass"
    phrase.write_text("class-secret\n")
    proc = subprocess.Popen(
        BIN
        + ["host", "tutorial", "--teams", "southland=Blue team", "northland=Red", "--games", "2", "--port", "0"]
        + ["--turns", "5", "--timer", "4m30s", "--reflect"]
        + ["--bind", "127.0.0.1", "--passphrase-file", str(phrase), "--save-dir", str(tmp_path / "saves")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=as_from_a_terminal,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "Press Ctrl+C" in line or not line:
                break
        text = "".join(lines)
        address = re.search(r"http://(127\.0\.0\.1:\d+)/ ", text).group(1)
        codes = re.findall(r"code ([A-Z2-9]{10})", text)
        assert len(codes) == 4 and len(set(codes)) == 4
        assert "Blue team" in text and "Group 2:" in text
        assert "2 game(s) of 5 turns (shortened from 8), turn timer 4:30" in text
        page = urllib.request.urlopen(f"http://{address}/team", timeout=10).read().decode()
        assert "Join your team" in page
        assert sorted(p.name for p in (tmp_path / "saves").iterdir()) == [
            "classroom.json",
            "tutorial-group1.save.json",
            "tutorial-group2.save.json",
        ]
        # A team joins through the terminal client and plays.
        out = io.StringIO()
        script = io.StringIO(
            "status\norder crisis_response harbour\norders\nsay all Hello class\nmessages\n"
            "end\nTo calm the harbour first\n"
        )
        assert run_terminal(address, codes[0], script, out) == 0
        shown = out.getvalue()
        assert "Queued: Crisis response → Harbour Province" in shown
        assert "Southland → everyone: Hello class" in shown
        assert "Why did you choose this?" in shown and "Orders sealed" in shown
        # The save is the classroom's: the teams' names, the shortened length and the team's answer.
        saved = json.loads((tmp_path / "saves" / "tutorial-group1.save.json").read_text())
        assert saved["teams"] == {"southland": "Blue team", "northland": "Red"}
        assert saved["pacing"] == {"turns": 5, "original": 8}
        assert saved["reflections"] == [{"turn": 1, "actor": "southland", "text": "To calm the harbour first"}]
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
    assert "the games are saved" in proc.stdout.read()


def test_host_and_join_refuse_bad_arguments_in_one_line(tmp_path):
    short = tmp_path / "short"
    short.write_text("abc\n")
    cases = [
        (["host", "tutorial", "--teams", "atlantis=Blue", "--passphrase-file", str(short)], "unknown role 'atlantis'"),
        (["host", "tutorial", "--passphrase-file", str(short)], "at least 4 characters"),
        (["host", "tutorial"], "--passphrase-file"),
        (["host", "tutorial", "--passphrase-file", str(tmp_path / "none")], "cannot read the passphrase file"),
        (["host", "no-such-scenario"], "cannot load scenario"),
        (["host", "tutorial", "--timer", "-5"], "--timer"),
        (["host", "tutorial", "--timer", "5"], "too short for a turn; for minutes write 5m"),
        (["host", "tutorial", "--timer", "soon"], "--timer is a time such as 5m"),
        (["host", "tutorial", "--turns", "1"], "--turns"),
        (["join", "127.0.0.1:1", "--code", "X", "--text"], "cannot reach the server"),
        (["join", "127.0.0.1:1", "--code", "X"], "cannot reach the server"),
    ]
    for args, expected in cases:
        r = run(args, env={**os.environ, "PYTHONWARNINGS": "ignore", "SDL_VIDEODRIVER": "dummy"})
        assert r.returncode == 2, (args, r.stderr)
        assert expected in r.stderr + r.stdout, (args, r.stderr)
        assert "Traceback" not in r.stderr


def test_join_with_a_wrong_code_says_so(hosted):
    out = io.StringIO()
    assert run_terminal(hosted.address, "WRONG-CODE", io.StringIO(""), out) == 2
    assert "no team has that code" in out.getvalue()


def test_joining_in_the_window_with_a_wrong_code_says_so_in_the_terminal(hosted):
    r = run(["join", hosted.address, "--code", "WRONG-CODE"], env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert r.returncode == 2
    assert r.stderr.strip().endswith("no team has that code") and "Traceback" not in r.stderr


def test_a_terminal_team_ends_its_turn_and_reads_the_report(hosted):
    game = hosted.game()
    game.sealed.add(1)  # Red has ended already: Blue's end resolves the turn
    out = io.StringIO()
    script = io.StringIO("order humanitarian harbour\nend\norder 1\nreport\nwhy stability harbour\nquit\n")
    assert run_terminal(hosted.address, hosted.code("southland"), script, out) == 0
    shown = out.getvalue()
    assert "=== Turn 1 resolved ===" in shown
    assert "Southland: Humanitarian operation → Harbour Province" in shown
    assert "Why stability of Harbour Province" in shown
    assert game.turn == 2


def test_a_terminal_team_sees_its_name_and_the_timer_and_a_refused_message_does_not_hang(tmp_path):
    hosted = host(tmp_path, timer=300)
    try:
        out = io.StringIO()
        script = io.StringIO("say nobody hello\nsay all Hello everyone\nquit\n")
        assert run_terminal(hosted.address, hosted.code("southland"), script, out) == 0
        shown = out.getvalue()
        # The error is the answer (the client used to wait for a seat that never came, then give up).
        assert "! no actor 'nobody'" in shown and "did not answer" not in shown
        assert shown.count("Sent.") == 1
        assert re.search(r"turn 1 southland \(Blue\) \[[45]:\d\d left\]> ", shown)
        assert [m["text"] for m in hosted.game().messages] == ["Hello everyone"]
    finally:
        hosted.stop()


def start_host(args: list[str]) -> tuple[subprocess.Popen, str]:
    """A 'host' command on loopback; the process and what it printed up to 'Press Ctrl+C'."""
    proc = subprocess.Popen(
        BIN + ["host", *args, "--port", "0", "--bind", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        stdin=subprocess.DEVNULL,
        preexec_fn=as_from_a_terminal,
    )
    lines = []
    while True:
        line = proc.stdout.readline()
        lines.append(line)
        if "Press Ctrl+C" in line or not line:
            return proc, "".join(lines) + ("" if line else proc.stderr.read())


def stop_host(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    proc.wait(30)


def test_host_resume_goes_on_with_the_saved_games_and_the_same_codes(tmp_path):
    phrase = tmp_path / "pass"
    phrase.write_text("class-secret\n")
    saves = tmp_path / "saves"
    common = ["--passphrase-file", str(phrase), "--save-dir", str(saves)]
    proc, text = start_host(["tutorial", "--teams", "southland=Blue", "northland=Red", "--games", "2", *common])
    try:
        address = re.search(r"http://(127\.0\.0\.1:\d+)/ ", text).group(1)
        codes = re.findall(r"code ([A-Z2-9]{10})", text)
        out = io.StringIO()
        script = io.StringIO("order crisis_response harbour\nend\n")
        assert run_terminal(address, codes[0], script, out) == 0
        assert "Orders sealed" in out.getvalue()
    finally:
        stop_host(proc)
    assert oct((saves / "classroom.json").stat().st_mode & 0o777) == "0o600"
    # The teacher's laptop restarted: the same games, the same codes, the sealed orders kept.
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-one\n")
    r = run(["host", "--resume", str(saves), "--passphrase-file", str(wrong), "--port", "0"])
    assert r.returncode == 2 and "wrong passphrase" in r.stderr and "Traceback" not in r.stderr
    r = run(["host", "--resume", str(tmp_path), "--passphrase-file", str(phrase), "--port", "0"])
    assert r.returncode == 2 and "no classroom games in" in r.stderr
    proc, text = start_host(["--resume", str(saves), "--passphrase-file", str(phrase), "--timer", "5m"])
    try:
        assert "Resumed 2 game(s): group 1 at turn 1, group 2 at turn 1, turn timer 5:00" in text
        assert re.findall(r"code ([A-Z2-9]{10})", text) == codes
        address = re.search(r"http://(127\.0\.0\.1:\d+)/ ", text).group(1)
        out = io.StringIO()
        assert run_terminal(address, codes[0], io.StringIO("orders\n"), out) == 0
        assert "1. Crisis response → Harbour Province" in out.getvalue()
        out = io.StringIO()
        assert run_terminal(address, codes[1], io.StringIO("end\n"), out) == 0
        assert "=== Turn 1 resolved ===" in out.getvalue()
    finally:
        stop_host(proc)


def test_a_terminal_team_waiting_at_the_prompt_sees_the_new_turn_its_status_and_the_prompt(hosted):
    """Blue has ended and waits at the prompt; when Red ends, the terminal prints the turn's report, then the new
    turn's status line and the prompt again, ready for the next command."""
    import asyncio
    import threading

    from nethelpers import Client

    read_fd, write_fd = os.pipe()
    inp = os.fdopen(read_fd, "r")
    out = io.StringIO()
    done: list[int] = []
    thread = threading.Thread(
        target=lambda: done.append(run_terminal(hosted.address, hosted.code("southland"), inp, out))
    )
    thread.start()
    os.write(write_fd, b"end\n")
    end = time.monotonic() + 30
    while "Orders sealed" not in out.getvalue() and time.monotonic() < end:
        time.sleep(0.1)
    assert "Orders sealed" in out.getvalue()

    async def red_ends() -> None:
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        await red.send({"type": "end"})
        await red.next("seat")
        await red.close()

    asyncio.run(red_ends())
    while "Turn 2 of" not in out.getvalue() and time.monotonic() < end:
        time.sleep(0.1)
    time.sleep(0.3)
    after = out.getvalue().split("=== Turn 1 resolved ===", 1)[1]
    assert re.search(r"Turn 2 of \d+ · .* · budget left \d+ · orders queued 0 of \d+", after)
    assert after.rstrip(" ").endswith("turn 2 southland (Blue)>"), after[-200:]
    os.write(write_fd, b"quit\n")
    os.close(write_fd)
    thread.join(30)
    assert done == [0]


def test_host_on_a_port_in_use_says_so_and_writes_nothing(tmp_path):
    import socket

    phrase = tmp_path / "pass"
    phrase.write_text("class-secret\n")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = taken.getsockname()[1]
        saves = tmp_path / "saves"
        r = run(
            ["host", "tutorial", "--bind", "127.0.0.1", "--port", str(port), "--passphrase-file", str(phrase)]
            + ["--save-dir", str(saves)]
        )
    finally:
        taken.close()
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in r.stderr and "another --port" in r.stderr
    assert not saves.exists(), "no save and no classroom.json with codes nobody was shown"


def test_when_a_game_ends_the_host_prints_the_commands_that_write_its_debrief(tmp_path, capsys):
    import shlex

    from nethelpers import Client

    hosted = host(tmp_path)

    async def play() -> None:
        blue = await Client.open(hosted)
        await blue.join(hosted.code("southland"))
        red = await Client.open(hosted)
        await red.join(hosted.code("northland"))
        while not hosted.game().over:
            turn = hosted.game().turn
            await blue.send({"type": "end"})
            await red.send({"type": "end"})
            while True:
                seat = await blue.next("seat")
                if seat["over"] or seat["turn"] != turn:
                    break
        await blue.close()
        await red.close()

    hosted.run(play())
    printed = capsys.readouterr().out
    assert "Group 1 (Blue, Red) is over after turn" in printed
    commands = [line.strip() for line in printed.splitlines() if line.strip().startswith("brinkmanship report")]
    assert len(commands) == 2 and "--summary" in commands[1]
    for command in commands:
        r = run(shlex.split(command)[1:])
        assert r.returncode == 0, r.stderr
    assert (tmp_path / "saves" / "tutorial-group1-debrief.html").exists()
    assert (tmp_path / "saves" / "tutorial-group1-summary.html").exists()
