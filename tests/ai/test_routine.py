"""Routines (``--policy ROLE=routine:...``): the same few orders every turn, as a player probing the balance
would give them."""

from __future__ import annotations

import subprocess
import sys

import pytest

from game.ai import BatchPolicy, valid_policy
from game.ai.audit import audit
from game.ai.routine import RoutineError, parse
from game.core.engine import resolve_turn, start_game
from game.core.legal import codes_from_grids, legality_grids
from game.scenario.loader import load


def _cli(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """``brinkmanship ARGS`` as a new user runs it, in its own process."""
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=timeout)


def _first_orders(sid: str, actor: str, policy: str, batch: int = 2) -> list[list[str | None]]:
    sc = load(sid)
    r = sc.rules
    a = r.actor_index(actor)
    state = start_game(r, seed=1, batch=batch).state
    grids = legality_grids(r, state)
    orders, _ = BatchPolicy(sc, r, {x: "standard" for x in range(r.n_actors)} | {a: policy})(
        state, codes_from_grids(r, state, grids), grids=grids
    )
    return [[r.option_slug(int(o)) if o >= 0 else None for o in row] for row in orders[:, a]]


def test_each_slot_gives_its_first_legal_alternative_while_the_budget_lasts():
    """On 1 May 2003 the United States (6 action points) has no offer to accept, so the first slot falls back
    to deploying in the Gulf (3 points); the second deploys to Israel (3 points); nothing is left for the
    summit of the third slot."""
    got = _first_orders("iran-nuclear", "usa", "routine:accept_agreement/deploy:gulf,deploy:israel,summit:israel")
    assert got == [["deploy gulf", "deploy israel", None]] * 2


def test_an_action_without_a_target_takes_the_targets_the_standard_ai_ranks_first():
    """``summit`` twice gives the same two summits, in the same order, as ``repeat:summit``'s first two."""
    routine = _first_orders("iran-nuclear", "usa", "routine:summit,summit")
    repeat = _first_orders("iran-nuclear", "usa", "repeat:summit")
    assert [row[:2] for row in routine] == [row[:2] for row in repeat]
    assert all(row[0] and row[1] and row[0] != row[1] for row in routine)


def test_a_routine_plays_whole_games_without_a_rejected_order():
    sc = load("gulf-1990")
    r = sc.rules
    iraq = r.actor_index("iraq")
    policy = BatchPolicy(
        sc, r, {x: "standard" for x in range(r.n_actors)} | {iraq: "routine:accept_agreement/negotiate,deploy:kuwait"}
    )
    state = start_game(r, seed=5, batch=6).state
    seen = set()
    while not state.over.all():
        grids = legality_grids(r, state)
        orders, _ = policy(state, codes_from_grids(r, state, grids), grids=grids)
        seen |= {r.option_slug(int(o)) for o in orders[:, iraq].ravel() if o >= 0}
        res = resolve_turn(r, state, orders)
        assert not res.rejected, [x.text for x in res.rejected]
        state = res.state
    assert "deploy kuwait" in seen
    assert seen <= {"deploy kuwait"} | {s for s in seen if s.split()[0] in ("accept_agreement", "negotiate")}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("routine:", "at least one action"),
        ("routine:teleport", "no action 'teleport'"),
        ("routine:enrich", "usa cannot order 'enrich' here (usa can order: deploy, show_of_force,"),
        ("routine:teleport", "(usa can order: deploy,"),
        ("routine:show_of_force:", "'show_of_force:' names no target (targets: brazil-turkey, china, iran,"),
        ("routine:summit,,deploy", "slot 2 has an empty alternative"),
        ("routine:summit/", "slot 1 has an empty alternative"),
        ("routine:deploy:moon", "'deploy:moon' is not an order of usa (targets: fordow, gulf, israel, natanz, tehran)"),
        ("routine:" + ",".join(["summit"] * 13), "at most 12 slots"),
    ],
)
def test_a_routine_that_cannot_be_read_says_what_is_wrong(text, words):
    r = load("iran-nuclear").rules
    with pytest.raises(RoutineError) as err:
        parse(r, r.actor_index("usa"), text)
    assert words in str(err.value)
    assert not valid_policy(text, r, r.actor_index("usa"))


def test_simulate_reports_a_bad_routine_as_a_usage_error():
    out = _cli("simulate", "iran-nuclear", "--runs", "5", "--policy", "usa=routine:deploy:moon")
    assert out.returncode == 2
    assert "--policy usa: 'deploy:moon' is not an order of usa" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize(
    ("policies", "words"),
    [
        (["usa=hard", "usa=pass"], "--policy usa is given twice ('hard' and 'pass')"),
        (["usa=repeat:nothing"], "--policy usa: no action 'nothing' in this scenario"),
    ],
)
def test_simulate_refuses_a_role_given_twice_and_a_repeat_of_no_action(policies, words):
    args = [x for p in policies for x in ("--policy", p)]
    out = _cli("simulate", "iran-nuclear", "--runs", "2", *args)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr


def test_simulate_plays_a_routine_and_names_it():
    out = _cli(
        "simulate", "iran-nuclear", "--runs", "20", "--workers", "1", "--policy", "usa=routine:accept_agreement,deploy"
    )
    assert out.returncode == 0, out.stderr
    assert "usa=routine:accept_agreement,deploy" in out.stdout
    # Most chosen actions: the United States gives nothing but the routine's actions (there may be no offer to
    # accept: then it deploys).
    line = next(x for x in out.stdout.splitlines() if x.startswith("  usa: ") and "%" in x)
    given = {item.split()[0] for item in line[len("  usa: ") :].split(", ")}
    assert "deploy" in given and given <= {"deploy", "accept_agreement"}


def test_the_audit_plays_a_routine_given_with_probe_as_one_more_probe():
    """``--probe usa=routine:...`` adds the routine to the United States' probes, on the same paired seeds, and
    judges it by the same margin: a routine that accepts any offer and presses Iran with Council sanctions or
    shows of force beats the standard AI here, so the audit flags it."""
    sc = load("iran-nuclear")
    r = sc.rules
    usa = r.actor_index("usa")
    probe = "routine:accept_agreement/propose_agreement,resolution_sanctions:iran/show_of_force:iran"
    (role,) = audit(sc, runs=40, workers=1, roles=["usa"], extend=0, extra={usa: [probe]})
    rows = {row.policy: row for row in role.rows}
    assert probe in rows and "repeat:summit" in rows
    assert rows[probe].games == 40
    assert rows[probe].flagged


@pytest.mark.parametrize(
    ("probe", "words"),
    [
        ("usa=routine:deploy:moon", "--probe usa: 'deploy:moon' is not an order of usa"),
        ("usa=hard", "--probe usa: 'hard' is not a probe"),
        ("atlantis=pass", "--probe: unknown role 'atlantis'"),
        ("usa", "--probe needs ROLE=POLICY"),
    ],
)
def test_the_audit_refuses_a_probe_it_cannot_play(probe, words):
    out = _cli("audit", "iran-nuclear", "--runs", "2", "--probe", probe)
    assert out.returncode == 2
    assert words in out.stderr and "Traceback" not in out.stderr
