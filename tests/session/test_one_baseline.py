"""A turn's changes are computed once, against one baseline: the report's
list of changes, the dashboard's arrows and the history always agree."""

from __future__ import annotations

import pytest

from game.scenario.loader import load, shipped
from game.session.facilitator import enable, unlock
from game.session.fmt import arrow, signed
from game.session.game import Game

VALUES = (
    ("leverage", "actor"),
    ("reputation", "actor"),
    ("support", "actor"),
    ("strength", "actor"),
    ("stability", "region"),
    ("need", "region"),
)


def check_turn(g: Game, t: int) -> None:
    r = g.rules
    changes = g.changes(t)
    for q, table in VALUES:
        for i in range(r.n_actors if table == "actor" else r.n_regions):
            listed = sum(e.delta for e in changes if e.quantity == q and e.subject == (i,))
            moved = float(g.history[t][q][i] - g.history[t - 1][q][i])
            assert listed == pytest.approx(moved, abs=1e-6), (t, q, i)
            if t == len(g.history) - 1:
                assert g.delta(q, i) == pytest.approx(listed, abs=1e-6), (t, q, i)


@pytest.mark.parametrize("sid", [sid for sid, _ in shipped()])
def test_the_changes_listed_for_a_turn_add_up_to_what_the_dashboard_shows(sid):
    """Events that close a turn count in that turn, in the report as on the
    map, and are not listed again in the next."""
    g = Game.new(load(sid), 3, [])
    while not g.over and g.turn <= 5:
        g.end_turn()
        check_turn(g, g.turn - 1)
    for t in range(1, len(g.history)):
        check_turn(g, t)
    seen = [id(e) for t in range(1, len(g.history)) for e in g.changes(t)]
    assert len(seen) == len(set(seen))


def test_a_facilitator_change_between_turns_counts_in_the_turn_just_resolved():
    sc = load("tutorial")
    g = Game.new(sc, 1, [])
    enable(g, "secret")
    fac = unlock(g, "secret")
    g.end_turn()
    fac.adjust("stability", ["harbour"], 70.0, "calmer than expected")
    harbour = sc.rules.regions.index(next(x for x in sc.rules.regions if x.id == "harbour"))
    check_turn(g, 1)
    assert any(e.cause.text == "calmer than expected" for e in g.changes(1))
    g.end_turn()
    assert not any(e.cause.text == "calmer than expected" for e in g.changes(2))
    assert g.history[1]["stability"][harbour] == 70.0


def test_every_front_end_writes_a_change_the_same_way():
    assert [arrow(x) for x in (0.5, 0.2, -0.04, 3.4, -12.6, 0.96)] == ["▲0.5", "▲0.2", "", "▲3", "▼13", "▲1"]
    assert [signed(x) for x in (0.5, -0.2, 3.4, 0)] == ["+0.5", "-0.2", "+3", "+0"]


def test_the_terminal_report_lists_the_events_that_closed_the_turn_in_that_turn():
    """Dry Basin: the raid on the outpost opens turn 5, so it closes turn 4:
    the soldiers killed show in turn 4's report, when the dashboard's arrow
    moved, and not again in turn 5's."""
    import io

    from game.cli.text import TextUI

    sc = load("dry-basin")
    plains = sc.rules.actor_index("plains")
    g = Game.new(sc, 3, [plains])
    for _ in range(5):
        g.end_turn()
    assert any(e.cause.text == "soldiers killed on the islands" for e in g.changes(4))
    reports = []
    for t in (4, 5):
        out = io.StringIO()
        TextUI(g, plains, out).info.report(t)
        reports.append(out.getvalue())
    assert "soldiers killed on the islands" in reports[0]
    assert "soldiers killed on the islands" not in reports[1]


def test_the_councils_measures_in_force_come_from_the_session_for_both_front_ends():
    """Bosnia opens with Serbia under Council sanctions and peacekeepers
    mandated in the four safe areas; the window's Council tab and the
    terminal's `council` both format this one list."""
    g = Game.new(load("bosnia-1995"), 1, [0])
    r = g.rules
    actors, regions = g.council_in_force()
    assert (r.actor_index("fry"), ["sanctions"]) in actors
    assert sorted(r.regions[k].id for k in regions) == sorted(["bihac", "sarajevo", "srebrenica", "gorazde"])
