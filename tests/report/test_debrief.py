"""The debrief talks about the students: their decisions first, interventions
in the timeline with old and new values, every value the objectives read
charted in visible colours, a short summary, and a comparison that explains
outcomes."""

from __future__ import annotations

import csv
import io
import re

import pytest

from game.report.data import collect, from_save
from game.report.export import csv_tables
from game.report.html import LIGHTEST, _luminance, chart_colours, line_chart, render, render_compare, render_summary
from game.scenario.loader import load, shipped
from game.session.classroom import reflect, set_team
from game.session.facilitator import enable, unlock
from game.session.game import Game, IllegalOrder
from game.session.save import load_game, save

PLAN = {
    0: ["open_talks harbour-talks", "negotiate harbour-talks", "propose_agreement harbour-talks"],
    1: ["negotiate harbour-talks", "accept_agreement harbour-talks"],
}


def play(game: Game, plan: dict[int, list[str]], before_turn=None) -> Game:
    while not game.over:
        if before_turn:
            before_turn(game)
        for actor, slugs in plan.items():
            for slug in slugs:
                try:
                    game.queue(actor, game.find_option(actor, slug))
                except IllegalOrder:
                    pass  # not available this turn: the plan goes on with the next
        game.end_turn()
    return game


@pytest.fixture(scope="module")
def two_teams(tmp_path_factory):
    """The tutorial, Southland and Northland played by two named teams that
    negotiate an agreement, with a facilitator who sets a value and sends an inject."""
    tmp = tmp_path_factory.mktemp("debrief")
    game = Game.new(load("tutorial"), 6, humans=[0, 1])
    set_team(game, 0, "Team Blue")
    set_team(game, 1, "Team Red")
    enable(game, "white cell")
    controls = unlock(game, "white cell")

    def before(g: Game) -> None:
        if g.turn == 3:
            controls.adjust("stability", ["harbour"], 45.0, "port calmer than expected")
            controls.inject("storm", "for discussion")
        reflect(g, 0, f"Turn {g.turn}: talks first, because force costs reputation")

    play(game, PLAN, before)
    path = save(game, tmp / "group-a.json")
    return game, path, tmp


def test_the_decisions_that_mattered_are_the_teams_the_agreement_and_the_events(two_teams):
    game, path, _ = two_teams
    d = from_save(path)
    # The agreement that decided the game leads; no AI order is in the main list...
    assert d.decisions[0].kind == "agreement" and "Harbour talks agreed" in d.decisions[0].what
    assert all(x.kind in ("team", "agreement", "event", "facilitator") for x in d.decisions)
    assert any(x.kind == "team" for x in d.decisions)
    # ...even where an AI order moved the values more: it is listed apart.
    assert d.ai_decisions and d.ai_decisions[0].impact > min(x.impact for x in d.decisions)
    html = render(d)
    table = html[html.index('id="decisions"') : html.index('id="charts"')]
    assert "Team Blue (Southland)" in table or "Team Red (Northland)" in table


def test_interventions_are_in_the_timeline_with_old_and_new_values_and_their_effect(two_teams):
    game, path, _ = two_teams
    html = render(from_save(path))
    turn3 = html[html.index('id="turn-3"') : html.index('id="turn-4"')]
    adjust = re.search(r"Set stability of Harbour Province: ([\d.]+) → 45", turn3)
    assert adjust, turn3
    assert "port calmer than expected" in turn3
    assert "Injected event: Spring storm hits the coast" in turn3 and "for discussion" in turn3
    # Its effect: the change the ledger recorded.
    old = float(adjust.group(1))
    assert f"stability of Harbour Province {45 - old:+.0f}" in turn3.replace("−", "-")
    # The AI's reasons are folded away.
    assert "<details" in turn3 and "AI orders and their reasons" in turn3


def test_reflections_and_team_names_are_kept_and_exported(two_teams):
    game, path, _ = two_teams
    loaded = load_game(path)
    assert loaded.teams == {0: "Team Blue", 1: "Team Red"}
    assert loaded.reflections == game.reflections and len(game.reflections) == len(game.log)
    d = from_save(path)
    rows = list(csv.DictReader(io.StringIO(csv_tables(d)["reflections.csv"])))
    assert rows[0] == {
        "turn": "1",
        "actor": "southland",
        "name": "Southland",
        "team": "Team Blue",
        "answer": "Turn 1: talks first, because force costs reputation",
    }
    html = render(d)
    assert "Team Blue" in html and "Turn 2: talks first" in html


def test_actors_csv_has_every_value_and_no_turn_past_the_end(two_teams):
    game, path, _ = two_teams
    d = from_save(path)
    rows = list(csv.DictReader(io.StringIO(csv_tables(d)["actors.csv"])))
    assert set(rows[0]) >= {"leverage", "reputation", "support", "strength", "readiness", "budget", "team"}
    turns = [r["turn"] for r in rows]
    numeric = [int(t) for t in turns if t != "end"]
    assert max(numeric) == len(game.log) <= game.rules.turn_limit
    assert turns[-1] == "end" and turns.count("end") == game.rules.n_actors
    north = [float(r["strength"]) for r in rows if r["actor"] == "northland"]
    assert north == pytest.approx(game.series("strength", 1), abs=1e-4)


def test_charts_cover_every_value_the_objectives_read(two_teams):
    game, path, _ = two_teams
    d = from_save(path)
    labels = {v["label"] for v in d.condition_values}
    for role in game.rules.roles:
        for term in role.score:
            assert any(term.ref.quantity in x for x in labels)
    html = render(d)
    for v in d.condition_values:
        if not v["integer"]:
            assert f'id="chart-{v["quantity"]}"' in html
        else:
            assert v["label"] in html  # who held a region, a track's status: as the turns they changed
    held = {c["text"]: c["held"] for c in d.conditions}
    assert held["Harbour talks agreed"] is True


@pytest.mark.parametrize("sid", [s for s, _ in shipped()])
def test_no_series_is_drawn_in_white(sid):
    sc = load(sid)
    colours = {a.id: a.colour for a in sc.rules.actors}
    chosen = chart_colours(list(colours), colours)
    for key, colour in chosen.items():
        assert 0 <= _luminance(colour) <= LIGHTEST, (key, colour)
    svg = line_chart("t", {k: [50.0, 60.0] for k in colours}, {a.id: a.name for a in sc.rules.actors}, colours, [])
    assert 'STROKE="#FFFFFF"' not in svg.upper()


def test_the_legend_is_as_wide_as_its_longest_name():
    long = "United Nations Secretary-General and the Security Council"
    svg = line_chart("t", {"un": [1.0, 2.0], "x": [3.0, 4.0]}, {"un": long}, {}, [])
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    x = float(re.search(r'<text class="legend" x="([\d.]+)"', svg).group(1))
    assert x + 8.6 * len(long + " 2") <= width  # 8.6 units a character at the legend's size, none cut off


def test_summary_is_short_and_names_the_teams(two_teams):
    game, path, _ = two_teams
    d = from_save(path)
    summary = render_summary(d)
    assert "Team Blue" in summary and "Harbour talks agreed" in summary
    assert summary.count("<svg") <= 2 and 'id="timeline"' not in summary
    assert len(summary) < len(render(d)) / 2


def test_comparison_explains_outcomes_and_marks_where_a_branch_split(two_teams, tmp_path):
    game, path, _ = two_teams
    branch = load_game(path, upto=4)
    assert branch.origin == {"game": "group-a.json", "turn": 4}
    play(branch, {0: ["humanitarian harbour"]})
    bpath = save(branch, tmp_path / "group-b.json")
    assert load_game(bpath).origin == {"game": "group-a.json", "turn": 4}
    a, b = from_save(path), from_save(bpath)
    html = render_compare([a, b], ["group-a", "group-b"])
    assert "group-a (Team Blue, Team Red)" in html
    assert "group-b (Team Blue, Team Red) branched from group-a (Team Blue, Team Red) at the start of turn 4" in html
    assert html.count('class="split"') >= 1
    # Every scored value, and which objective conditions held in each game.
    for term, _, _ in a.roles[0].terms:
        assert term.replace("×", "&#215;") in html or term in html
    cond = html[html.index('id="conditions"') : html.index('id="choices"')]
    assert cond.count("<tr>") >= len(a.conditions)
    assert "Harbour talks agreed" in cond


def test_a_game_of_ai_actors_only_lists_their_orders():
    game = Game.new(load("tutorial"), 2, humans=[])
    while not game.over:
        game.end_turn()
    d = collect(game)
    assert d.decisions and not d.ai_decisions


def test_messages_between_teams_show_in_the_timeline_when_the_game_kept_them(two_teams):
    game, path, _ = two_teams
    quiet = render(collect(game))
    assert "✉" not in quiet  # no messages kept: nothing shown
    game.messages = [
        {"turn": 2, "from": "southland", "to": "northland", "text": "Withdraw and we lift the blockade."},
        {"turn": 3, "from": "northland", "to": None, "text": "We will not be bullied."},
    ]
    try:
        d = collect(game)
        html = render(d)
    finally:
        del game.messages
    assert [m["to"] for m in d.messages] == ["Northland", None]
    turn2 = html[html.index('id="turn-2"') : html.index('id="turn-3"')]
    assert "✉ Southland → Northland: Withdraw and we lift the blockade." in turn2
    turn3 = html[html.index('id="turn-3"') : html.index('id="turn-4"')]
    assert "✉ Northland → everyone: We will not be bullied." in turn3
