"""docs/classroom.md against the shipped scenarios: every event or inject it
names exists (with the name it gives), every scenario it lists has the turns
it says, and the commands it shows parse."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from game.cli.main import build_parser
from game.scenario.loader import load, shipped

DOC = Path(__file__).resolve().parents[2] / "docs" / "classroom.md"
KEBAB = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


@pytest.fixture(scope="module")
def scenarios():
    return {sid: load(sid) for sid, _ in shipped()}


def test_every_event_and_inject_the_doc_names_exists(scenarios):
    text = DOC.read_text()
    events = {e.id: e for sc in scenarios.values() for e in sc.rules.events}
    named = [t for t in KEBAB.findall(text) if t not in scenarios]
    assert named, "the doc names no inject"
    for token in named:
        assert token in events, f"docs/classroom.md names `{token}`, which no shipped scenario has"
    # An id followed by its name in quotes gives the event's own name.
    for eid, name in re.findall(r'`([a-z0-9-]+)` \("([^"]+)"\)', text):
        assert events[eid].name == name, eid
    # The injects it calls prepared are prepared injects of the scenario it names.
    gulf = {e.id for e in scenarios["gulf-1990"].rules.events if e.inject}
    assert {"linkage-offer", "plo-backs-iraq", "israel-hits-back"} == gulf
    tutorial = {e.id for e in scenarios["tutorial"].rules.events if e.inject}
    assert {"ceasefire-violation", "eastland-offer"} == tutorial


def test_the_pacing_table_gives_each_scenarios_real_length(scenarios):
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (\d+) \|", DOC.read_text(), re.M)
    assert {sid for sid, _ in rows} == set(scenarios)
    for sid, turns in rows:
        assert scenarios[sid].rules.turn_limit == int(turns), sid


def test_the_commands_in_the_doc_parse():
    parser = build_parser()
    blocks = re.findall(r"```sh\n(.*?)```", DOC.read_text(), re.S)
    lines = [c.strip() for b in blocks for c in re.sub(r"\\\n\s*", " ", b).splitlines()]
    commands = [c for c in lines if c.startswith("brinkmanship ")]
    assert len(commands) >= 5
    for c in commands:
        words = [w.replace("*", "b") for w in shlex.split(c)[1:]]  # a glob stands for some file
        parser.parse_args(words)


def test_the_networked_lesson_has_its_section():
    assert "\n## A networked lesson\n" in DOC.read_text()
