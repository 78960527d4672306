"""Every shipped scenario: valid, complete for a class, well laid out, and true to its history.

The historical path of each scenario (its real decisions, scripted in
``scenarios/<id>.paths.yaml``) must reach the historical outcome in most
seeds, and each contrasting path must differ from it the way the design's
causal rules say.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from game.core.conditions import All, Compare, Condition, Op
from game.scenario.loader import load, shipped
from game.session.paths import PathsFile, PathSummary, contrast_lines, load_paths, paths_file_for, summarise

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = [sid for sid, _ in shipped()]
SEEDS = range(1, 31)
MONTHS = {
    m: i + 1 for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))
}
DATE = re.compile(
    r"^(?:early |mid-|late )?(\d{1,2})(?:[–-]\d{1,2})? (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* (\d{4})$"
)


@cache
def paths(sid: str) -> PathsFile:
    return load_paths(paths_file_for(sid), load(sid))


@cache
def summary(sid: str, name: str) -> PathSummary:
    pf = paths(sid)
    return summarise(pf.scenario, pf.paths[name], SEEDS)


def test_the_shipped_scenarios_are_the_seven_of_the_design():
    assert set(SCENARIOS) >= {
        "tutorial",
        "gulf-1990",
        "bosnia-1995",
        "kosovo-1999",
        "iran-nuclear",
        "minusma",
        "dry-basin",
    }
    assert not [sid for sid in SCENARIOS if "." in sid], "paths files are not scenarios"
    for sid in SCENARIOS:
        assert paths_file_for(sid).is_file(), f"{sid} has no paths file"


@pytest.mark.parametrize("sid", SCENARIOS)
def test_scenario_is_complete_for_a_class(sid: str) -> None:
    sc = load(sid)
    r, m = sc.rules, sc.meta
    assert 4 <= r.n_actors <= 10, "4 to 10 actors"
    assert 3 <= r.n_regions <= 8, "3 to 8 regions"
    assert len(r.roles) >= 2, "at least two playable roles"
    for info, role in zip(m.roles, r.roles):
        assert len(info.briefing) > 200, f"{info.actor}: a briefing with a real dilemma"
        assert info.victory and info.defeat, f"{info.actor}: victory and defeat in words"
        assert role.score, f"{info.actor}: a score"
    dated = [e for e in r.events if e.date and not e.inject]
    assert len(dated) >= 10, "at least 10 dated events"
    assert any(e.inject for e in r.events), "injects for a facilitator"
    assert len(m.discussion) >= 5 and len(m.learning_objectives) >= 3
    assert len(m.history) > 400 and m.briefing and m.summary and m.sources
    assert all(m.actor_descriptions.values()) and all(m.region_descriptions.values())


@pytest.mark.parametrize("sid", SCENARIOS)
def test_map_regions_are_on_the_map_and_apart(sid: str) -> None:
    """Each region's position is on the map, far enough from the others for
    its name and counters (the territories themselves are drawn by the window)."""
    regions = load(sid).rules.regions
    for g in regions:
        x, y = g.pos
        assert 0.03 <= x <= 0.97 and 0.03 <= y <= 0.97, f"{g.id} is at the map's edge"
    for a, b in itertools.combinations(regions, 2):
        d = ((a.pos[0] - b.pos[0]) ** 2 + (a.pos[1] - b.pos[1]) ** 2) ** 0.5
        assert d >= 0.08, f"{a.id} and {b.id} are too close to label"


def _turn_bounds(c: Condition) -> tuple[int | None, int | None]:
    """The turn window a trigger sets directly (exact turn, min, max)."""
    lo = hi = None
    parts = c.items if isinstance(c, All) else (c,)
    for p in parts:
        if isinstance(p, Compare) and p.ref.quantity == "turn":
            v = int(p.value)
            if p.op == Op.EQ:
                lo = hi = v
            elif p.op == Op.GE:
                lo = v
            elif p.op == Op.LE:
                hi = v
        elif isinstance(p, All):
            a, b = _turn_bounds(p)
            lo, hi = a if a is not None else lo, b if b is not None else hi
    return lo, hi


@pytest.mark.parametrize("sid", SCENARIOS)
def test_dated_events_cannot_fire_before_their_date_and_exact_ones_fire_on_it(sid: str) -> None:
    """An event dated D opens the turn whose period contains D: a trigger on
    an exact turn names that turn. A trigger's minimum turn is at most the
    next one (news of a reaction to that turn's orders opens the next turn),
    and its maximum turn is never before D's."""
    r = load(sid).rules
    checked = 0
    for e in r.events:
        m = DATE.match(e.date)
        if e.inject or not m:
            continue
        day = dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
        turn = (day - r.calendar.start).days // r.calendar.days_per_turn + 1
        lo, hi = _turn_bounds(e.trigger)
        if lo is not None and lo == hi:
            assert lo == turn, f"{e.id} ({e.date}) fires on turn {lo}, but its date falls in turn {turn}"
        if lo is not None:
            assert lo <= turn + 1, f"{e.id} ({e.date}) cannot fire before turn {lo}, long after its date (turn {turn})"
        if hi is not None:
            assert hi >= turn, f"{e.id} ({e.date}) cannot fire after turn {hi}, before its date (turn {turn})"
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("sid", SCENARIOS)
def test_scenario_has_a_historical_and_a_contrasting_path(sid: str) -> None:
    pf = paths(sid)
    assert "historical" in pf.paths
    assert any(p.contrast is not None for p in pf.paths.values())
    assert pf.paths["historical"].expect.outcomes, "the historical path states each role's outcome"


@pytest.mark.parametrize("sid", SCENARIOS)
def test_historical_path_ends_close_to_history_in_most_seeds(sid: str) -> None:
    s = summary(sid, "historical")
    assert s.holds, "\n".join(s.lines())
    assert not s.rejections(), "\n".join(s.lines())


@pytest.mark.parametrize("sid", SCENARIOS)
def test_contrasting_paths_differ_the_way_the_causal_rules_say(sid: str) -> None:
    pf = paths(sid)
    contrasts = [p for p in pf.paths.values() if p.contrast is not None]
    assert contrasts
    for p in contrasts:
        s = summary(sid, p.name)
        assert s.holds, "\n".join(s.lines())
        assert not s.rejections(), "\n".join(s.lines())
        for ok, text in contrast_lines(s, summary(sid, p.contrast.path)):
            assert ok, text


@pytest.mark.parametrize("sid", SCENARIOS)
def test_scenario_plays_to_the_end_in_the_terminal(sid: str, tmp_path: Path) -> None:
    sc = load(sid)
    role = sc.rules.actors[sc.rules.roles[-1].actor].id
    script = "status\nactions\n" + "end\n" * sc.rules.turn_limit + "history\n"
    res = subprocess.run(
        [sys.executable, "-m", "game", "play", sid, "--text", "--role", role, "--seed", "3"],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    assert f"=== {sc.meta.title} ===" in res.stdout
    assert "=== The game is over" in res.stdout
    assert "For discussion:" in res.stdout
