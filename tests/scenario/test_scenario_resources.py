"""Hostile scenario files cannot hang the game or exhaust the machine.

The worst files a stranger could hand over — a 1.5 GB sparse file, a pipe,
a device, a loop of symbolic links, an include bomb, a chain of thousands of
personalities, thousands of custom actions, a file at the size cap and a
scenario with every cap at its maximum — are run through the real command
(``validate``, and one turn of ``play --text``) in a subprocess whose
address space is capped with ``resource.setrlimit(RLIMIT_AS, ...)`` and
which must finish within a timeout. Each must end in a clean located error
(``FILE:LINE:COL: error: ...``) or a clean run, never a traceback.

The large files are written here, in tmp_path, never committed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import hostile_scenarios as hostile
import pytest

from game.scenario import limits

ROOT = Path(__file__).resolve().parents[2]
LOCATED = re.compile(r"^.+:\d+:\d+: error: .+$", re.M)
VALIDATE_MEMORY = 500 * 2**20
PLAY_MEMORY = 1024 * 2**20
TIMEOUT = 60  # a hang guard: each of these takes a few seconds at most

pytestmark = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or sys.platform != "linux", reason="needs Linux (RLIMIT_AS, FIFOs, /dev/zero)"
)


def _limit(memory: int):
    def apply() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run(args: list[str], cwd: Path, memory: int, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
        preexec_fn=_limit(memory),
    )


def validate(*paths: Path | str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(["validate", *map(str, paths)], cwd, VALIDATE_MEMORY)


def play_one_turn(path: Path | str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run(["play", str(path), "--text"], cwd, PLAY_MEMORY, stdin="end\nquit\n")


def refused(res: subprocess.CompletedProcess[str], fragment: str) -> str:
    """The run ended in a clean, located error containing ``fragment``."""
    out = res.stdout + res.stderr
    assert "Traceback" not in out and "MemoryError" not in out, out[-3000:]
    assert res.returncode in (1, 2), (res.returncode, out[-3000:])
    lines = [line for line in LOCATED.findall(out)]
    assert any(fragment in line for line in lines), f"no located error with {fragment!r} in:\n{out[-3000:]}"
    return out


def played(res: subprocess.CompletedProcess[str]) -> str:
    out = res.stdout + res.stderr
    assert res.returncode == 0 and "Traceback" not in out, out[-3000:]
    assert "turn 2" in out, out[-3000:]
    return out


def test_a_huge_sparse_file_is_refused_without_being_read(tmp_path: Path):
    path = hostile.sparse_file(tmp_path / "huge.yaml")
    refused(validate(path, cwd=tmp_path), "file is 1,500,000,000 bytes; the limit is 1,000,000")
    refused(play_one_turn(path, tmp_path), "the limit is 1,000,000")


@pytest.mark.parametrize("what", ["fifo", "dev-zero", "folder"])
def test_anything_but_a_regular_file_is_refused_before_it_is_opened(tmp_path: Path, what: str):
    if what == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # nobody ever writes to it: opening it to read would block forever
        fragment = "this is a pipe (FIFO), not a scenario file"
    elif what == "dev-zero":
        path = Path("/dev/zero")  # endless: reading it whole would take all the memory there is
        fragment = "this is a device, not a scenario file"
    else:
        path = tmp_path / "folder.yaml"
        path.mkdir()
        fragment = "this is a folder, not a scenario file"
    refused(play_one_turn(path, tmp_path), fragment)
    if what != "folder":  # validate takes a folder of scenarios
        refused(validate(path, cwd=tmp_path), fragment)


def test_a_fifo_or_a_symlink_loop_as_an_include_is_refused(tmp_path: Path):
    (tmp_path / "l1.yaml").symlink_to("l2.yaml")
    (tmp_path / "l2.yaml").symlink_to("l1.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    text = hostile.max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=3)
    (tmp_path / "s.yaml").write_text(text + "include: [l1.yaml, pipe.yaml]\n", encoding="utf-8")
    out = refused(validate(tmp_path / "s.yaml", cwd=tmp_path), "'l1.yaml' goes round in a loop of symbolic links")
    assert "'pipe.yaml' is a pipe (FIFO), not a file" in out
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    refused(play_one_turn(tmp_path / "loop.yaml", tmp_path), "the path goes round in a loop of symbolic links")


def test_an_include_bomb_stops_at_the_include_cap(tmp_path: Path):
    """Four 3 KB files each including the next 100 times: 1,010,100 includes."""
    path = hostile.include_bomb(tmp_path / "bomb")
    assert (tmp_path / "bomb" / "b1.yaml").stat().st_size > 3000
    refused(validate(path, cwd=tmp_path), f"more than {limits.MAX_INCLUDES} includes in all")


def test_the_most_includes_at_the_combined_size_cap_are_merged_quickly(tmp_path: Path):
    path = hostile.many_includes(tmp_path / "blocks")
    total = sum(p.stat().st_size for p in (tmp_path / "blocks").iterdir())
    assert limits.MAX_BYTES * 0.95 < total <= limits.MAX_BYTES
    refused(validate(path, cwd=tmp_path), f"at most {limits.MAX_TEXTS} are allowed")


def test_thousands_of_personalities_and_custom_actions_are_refused_quickly(tmp_path: Path):
    chain = tmp_path / "chain.yaml"
    chain.write_text(hostile.extends_chain(5000), encoding="utf-8")
    actions = tmp_path / "actions.yaml"
    actions.write_text(hostile.many_actions(6000), encoding="utf-8")
    assert actions.stat().st_size < limits.MAX_BYTES, "under the size cap"
    out = refused(
        validate(chain, actions, cwd=tmp_path),
        f"'personalities' has 5000 items; at most {limits.MAX_PERSONALITIES} are allowed",
    )
    assert f"'actions' has 6000 items; at most {limits.MAX_ACTIONS} are allowed" in out


def test_a_file_at_the_size_cap_with_thousands_of_mistakes_is_checked_quickly(tmp_path: Path):
    events = hostile.events_at_the_cap(tmp_path / "events.yaml")
    errors = hostile.errors_at_the_cap(tmp_path / "errors.yaml")
    for path in (events, errors):
        assert limits.MAX_BYTES * 0.95 < path.stat().st_size <= limits.MAX_BYTES
    out = refused(validate(events, errors, cwd=tmp_path), "'events' holds more than 200,000 values")
    shown = [line for line in LOCATED.findall(out) if line.startswith(str(errors))]
    assert len(shown) == limits.MAX_ERRORS and "more error(s) not shown" in shown[-1]


def test_a_scenario_with_every_cap_at_its_maximum_validates_and_plays_a_turn(tmp_path: Path):
    path = hostile.just_under_the_cap(tmp_path / "max.yaml")
    assert limits.MAX_BYTES * 0.95 < path.stat().st_size <= limits.MAX_BYTES
    res = validate(path, cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    played(play_one_turn(path, tmp_path))


def test_simulate_refuses_a_scenario_that_asks_for_a_hundred_million_orders(tmp_path: Path):
    path = tmp_path / "orders.yaml"
    text = hostile.max_scenario(actors=2, regions=1, actions=0, events=0, personalities=0, max_orders=100_000_000)
    path.write_text(text, encoding="utf-8")
    res = run(["simulate", str(path), "--runs", "2", "--workers", "1"], tmp_path, PLAY_MEMORY)
    refused(res, "rule parameter 'max_orders' must be a whole number from 1 to 10 (got 1e+08)")
