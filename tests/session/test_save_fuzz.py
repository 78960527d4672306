"""Properties over random damage: any save (changed as JSON values or as raw
bytes) and any stream of terminal commands gives a located error or a clean
run: never a traceback, a hang or a NaN. Plus the worst saves loaded under a
memory limit in a separate process, with a timeout."""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli.main import main
from game.cli.text import TextUI
from game.scenario.loader import load
from game.session.facilitator import enable, unlock
from game.session.game import Game
from game.session.save import MAX_SAVE_BYTES, to_dict

ROOT = Path(__file__).resolve().parents[2]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def _base() -> Game:
    game = Game.new(load("tutorial"), 5, humans=[0])
    enable(game, "white cell")
    fac = unlock(game, "white cell")
    fac.adjust("stability", ["harbour"], 45, "calmer")
    game.end_turn()
    fac.custom_event("Dockers strike", "The port stops.", [("need", ["harbour"], 10)], "improvised")
    game.end_turn()
    return game


BASE_GAME = _base()
BASE = to_dict(BASE_GAME)
BASE_TEXT = json.dumps(BASE, indent=1).encode("utf-8")


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = _paths(BASE)[1:]
ODD_TEXT = st.text(alphabet=st.sampled_from(list("ab z-_09²٣\x1b\x07\x00\n[]{}\"'=") + ["\u202e", "é"]), max_size=12)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | ODD_TEXT
    | st.sampled_from(["southland", "harbour", "summit un", "adjust", "custom", "storm"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(ODD_TEXT | st.sampled_from(["turn", "kind", "orders", "subject", "value"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _set(data: Any, path: tuple, value: Any, delete: bool) -> Any:
    node = data
    for k in path[:-1]:
        node = node[k]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


def _report(raw: bytes) -> tuple[int, str]:
    """`brinkmanship report` on these bytes: exit status and everything printed."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.json"
        path.write_bytes(raw)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["report", str(path), "--out", str(Path(tmp) / "r.html"), "--json", str(Path(tmp) / "v.json")])
        if code == 0:
            html = (Path(tmp) / "r.html").read_text()
            assert not re.search(r"\bnan\b|\binf\b", html, re.I), "a chart got a non-finite point"
            json.loads(
                (Path(tmp) / "v.json").read_text(), parse_constant=lambda c: (_ for _ in ()).throw(AssertionError(c))
            )
    return code, out.getvalue() + err.getvalue()


def _check(code: int, text: str) -> None:
    assert code in (0, 2), text
    assert "Traceback" not in text and "internal error" not in text, text
    if code == 2:
        assert ": error: " in text and len(text.strip().splitlines()) >= 1


@FAST
@given(path=st.sampled_from(PATHS), value=JSON_VALUES, delete=st.booleans())
def test_any_value_changed_anywhere_in_a_save_gives_a_located_error_or_a_clean_report(path, value, delete):
    data = _set(copy.deepcopy(BASE), path, value, delete and isinstance(path[-1], str))
    raw = json.dumps(data).encode("utf-8")
    _check(*_report(raw))


@FAST
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(BASE_TEXT)), st.integers(0, 8), st.binary(max_size=6)), min_size=1, max_size=4
    )
)
def test_any_bytes_changed_in_a_save_give_a_located_error_or_a_clean_report(edits):
    raw = bytearray(BASE_TEXT)
    for at, cut, insert in edits:
        raw[at : at + cut] = insert
    _check(*_report(bytes(raw)))


COMMANDS = [
    "status", "actions", "actions all", "order 1", "order 3", "order ²", "order ٣", "٣", "cancel 1", "cancel ²",
    "orders", "end", "why reputation", "why stability harbour", "why relations", "news", "report", "history",
    "briefing", "council", "load /tmp", "load", "save /tmp", "switch", "facilitator", "fac view",
    "fac set stability harbour nan", "fac event Boom stability harbour inf", "fac set leverage northland 1e400",
    "fac inject storm", "fac pause", "fac resume",
    "fac log", "lock", "help", "\x1b[31mstatus", "order \x00", '"unbalanced', "#comment",
]  # fmt: skip
LINES = st.one_of(st.sampled_from(COMMANDS), ODD_TEXT, st.tuples(st.sampled_from(COMMANDS), ODD_TEXT).map(" ".join))


@FAST
@given(lines=st.lists(LINES, max_size=10))
def test_any_stream_of_terminal_commands_runs_cleanly(lines):
    game = copy.deepcopy(BASE_GAME)
    game.on_turn = []
    # 'facilitator' asks for the passphrase on the next line.
    script = "".join(ln.replace("\n", " ") + ("\nwhite cell\n" if ln == "facilitator" else "\n") for ln in lines)
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        ui = TextUI(game, 0, out, save_path=Path(tmp) / "s.json", echo=True, inp=io.StringIO(script))
        assert ui.run(ui.inp) == 0
    text = out.getvalue()
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text.replace("\x1b[2J\x1b[H", "")), text[-500:]
    for name, arr in ui.game.state.arrays().items():
        a = np.asarray(arr)
        if a.dtype.kind == "f":
            assert np.isfinite(a).all(), name


WORST = textwrap.dedent(
    """\
    import json, os, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (__LIMIT__, __LIMIT__))
    from game.cli.main import main
    codes = {}
    for name in sorted(os.listdir(__FOLDER__)):
        codes[name] = main(["report", os.path.join(__FOLDER__, name), "--out", os.path.join(__OUT__, name + ".html")])
    print(json.dumps(codes))
    """
)


def test_the_worst_saves_are_refused_within_a_memory_limit_and_a_time_limit(tmp_path):
    folder = tmp_path / "worst"
    folder.mkdir()
    (tmp_path / "out").mkdir()

    def variant(name: str, **changes: Any) -> None:
        (folder / name).write_text(json.dumps({**BASE, **changes}))

    variant("scenario-dev-zero.json", scenario={"id": "x", "path": "/dev/zero"})
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    variant("scenario-fifo.json", scenario={"id": "x", "path": str(fifo)})
    variant("scenario-dev-urandom.json", scenario={"id": "x", "path": "/dev/urandom"})
    os.mkfifo(folder / "save-fifo.json")
    with open(folder / "over-the-cap.json", "wb") as f:
        f.truncate(MAX_SAVE_BYTES + 1)
    (folder / "one-huge-string.json").write_text(json.dumps({**BASE, "difficulty": "x" * (MAX_SAVE_BYTES - 200_000)}))
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "huge-seed.json").write_text(
        json.dumps(BASE).replace(f'"seed": {BASE["seed"]}', '"seed": ' + "9" * 100_000)
    )
    variant(
        "many-turns.json", turns=[{"turn": k + 1, "orders": {"southland": ["summit un"] * 50}} for k in range(1000)]
    )
    variant(
        "many-notes.json",
        interventions=[{"turn": 1, "kind": "note", "note": "n" * 1000}] * 10_000,
        seal={"none": True},
        facilitator=None,
    )
    variant("wide-object.json", policies={f"a{k}": "standard" for k in range(200_000)})
    limit = 1024**3
    script = (
        WORST.replace("__LIMIT__", str(limit))
        .replace("__FOLDER__", repr(str(folder)))
        .replace("__OUT__", repr(str(tmp_path / "out")))
    )
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    res = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path
    )
    assert res.returncode == 0, res.stderr[-2000:]
    codes = json.loads(res.stdout.strip().splitlines()[-1])
    refused = {k: v for k, v in codes.items() if k != "many-notes.json"}
    assert set(refused.values()) == {2}, (codes, res.stderr[-3000:])
    assert codes["many-notes.json"] == 0  # large but well-formed: it loads
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == len(refused)
