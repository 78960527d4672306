"""The AI: personalities, legal and reproducible decisions, reasons, strength."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from game.ai import BatchPolicy, personas_for
from game.ai.batch import run_chunk, run_many
from game.ai.hard import SHORTFALL_W, HardPolicy
from game.ai.personality import PersonalityError, resolve
from game.core.engine import resolve_turn, start_game
from game.core.rng import game_seeds
from game.core.spec import TrackStatus
from game.scenario.loader import load, shipped, shipped_personalities
from game.session.game import Game

SCENARIOS = [sid for sid, _ in shipped()]


def test_personalities_inherit_with_extends_and_differ_only_in_numbers():
    table = shipped_personalities()
    realist, hawk, institutionalist = (resolve(table, n) for n in ("realist", "hawk", "institutionalist"))
    assert hawk.w("leverage") > realist.w("leverage")
    assert hawk.t("aggression") > realist.t("aggression")
    # institutionalist extends dove: what it does not set comes from dove.
    dove = resolve(table, "dove")
    assert institutionalist.w("stability_all") == dove.w("stability_all")
    assert institutionalist.w("reputation") != dove.w("reputation")
    # What hawk does not set comes from realist, what it sets replaces it.
    assert hawk.w("support") == realist.w("support") and hawk.t("temperature") == realist.t("temperature")
    assert hawk.w("reputation") == 0.3 != realist.w("reputation")


def test_personality_errors_name_the_problem():
    with pytest.raises(PersonalityError, match="extends itself"):
        resolve({"a": {"extends": "b"}, "b": {"extends": "a"}}, "a")
    with pytest.raises(PersonalityError, match="unknown weight 'levrage'"):
        resolve({"a": {"weights": {"levrage": 1}}}, "a")
    with pytest.raises(PersonalityError, match="unknown personality 'x'"):
        resolve({}, "x")


@pytest.mark.slow
@pytest.mark.parametrize("sid", SCENARIOS)
def test_ai_orders_are_never_rejected(sid):
    """The engine re-checks every AI order; over many games none is rejected."""
    sc = load(sid)
    policies = {a: "standard" for a in range(sc.rules.n_actors)}
    res = run_chunk(sc, policies, game_seeds(11, 200))
    assert res.rejected == 0
    assert res.action_counts.sum() > 0
    mixed = {a: ("random" if a % 2 else "standard") for a in range(sc.rules.n_actors)}
    assert run_chunk(sc, mixed, game_seeds(11, 100)).rejected == 0


def test_a_game_of_a_batch_decides_exactly_as_it_would_alone():
    """Same seed, same game: the AI included, whatever the batch."""
    sc = load("gulf-1990")
    policies = {a: "standard" for a in range(sc.rules.n_actors)}
    batch = run_chunk(sc, policies, game_seeds(5, 16))
    for k in (0, 7, 15):
        alone = run_chunk(sc, policies, game_seeds(5 + k, 1))
        assert np.array_equal(batch.score[k], alone.score[0])
        assert np.array_equal(batch.leverage[k], alone.leverage[0])


def test_games_grouped_with_other_policies_in_one_batch_play_as_in_a_batch_of_their_own():
    """The balance gate plays many policies' games in one batch: each game, and the
    whole course of it, is the same as when its policies are played alone."""
    sc = load("tutorial")
    r = sc.rules
    base = {a: "standard" for a in range(r.n_actors)}
    role, other = r.roles[0].actor, r.roles[1].actor
    sets = [
        base,
        base | {role: "pass"},
        base | {role: "random"},
        base | {other: "repeat:" + r.actions[0].id},
        base | {role: "only:diplomatic"},
    ]
    seeds = game_seeds(21, 6)
    groups = [(np.arange(6 * i, 6 * i + 6), pol) for i, pol in enumerate(sets)]
    together = run_chunk(sc, base, np.concatenate([seeds] * len(sets)), groups=groups)
    for rows, pol in groups:
        alone = run_chunk(sc, pol, seeds)
        assert np.array_equal(together.score[rows], alone.score)
        assert np.array_equal(together.outcome[rows], alone.outcome)
        assert np.array_equal(together.leverage[rows], alone.leverage)
        assert np.array_equal(together.stability[rows], alone.stability)


def test_simulated_game_is_reproduced_by_an_interactive_game():
    """The seed simulate reports replays the same game with 'play --watch'."""
    sc = load("tutorial")
    policies = {a: "standard" for a in range(sc.rules.n_actors)}
    res = run_many(sc, policies, 12, seed=40, workers=1)
    for k in (0, 11):
        game = Game.new(sc, int(res.seeds[k]), humans=[])
        while not game.over:
            game.end_turn()
        assert np.allclose(game.scores(), res.score[k], atol=0, rtol=0)
        assert (game.state.outcome[0] == res.outcome[k]).all()


def test_every_ai_order_comes_with_its_reasons_in_words():
    sc = load("gulf-1990")
    game = Game.new(sc, 3, humans=[0])
    rec = game.end_turn()
    ai = [a for a in rec.orders if a != 0]
    assert ai
    for a in ai:
        reasons = rec.reasons[a]
        assert len(reasons) == len(rec.orders[a])
        name = sc.rules.actors[a].name
        for why in reasons:
            assert why.startswith(f"{name}: ") and " — " in why and f"({sc.rules.actors[a].personality})" in why


def test_passive_actors_give_no_orders():
    sc = load("gulf-1990")
    china = sc.rules.actor_index("china")
    assert personas_for(sc)[china].passive
    pol = BatchPolicy(sc, sc.rules, {a: "standard" for a in range(sc.rules.n_actors)})
    state = start_game(sc.rules, seed=1, batch=20).state
    orders, _ = pol(state)
    assert (orders[:, china] < 0).all()
    assert (orders >= 0).any()


@pytest.mark.slow
def test_standard_beats_random_and_hard_beats_standard_on_the_tutorial():
    """Paired seeds, Southland's score: standard > random and hard > standard,
    each by more than the 95% confidence interval of the paired difference."""
    sc = load("tutorial")
    base = {a: "standard" for a in range(sc.rules.n_actors)}
    seeds = game_seeds(500, 100)  # a win or a loss swings the score by ~120, so 40 pairs is too few
    scores = {
        p: run_chunk(sc, base | {0: p}, seeds, hard_rollouts=128).score[:, 0] for p in ("random", "standard", "hard")
    }
    for weak, strong in (("random", "standard"), ("standard", "hard")):
        d = scores[strong] - scores[weak]
        half = 1.96 * d.std(ddof=1) / np.sqrt(len(d))
        assert d.mean() - half > 0, (weak, strong, d.mean(), half)


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=300)


def test_simulate_json_has_the_documented_fields():
    res = run_cli("simulate", "tutorial", "--runs", "50", "--seed", "3", "--json", "--workers", "1")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    for key in ("scenario", "runs", "seed", "elapsed_s", "roles"):
        assert key in data
    assert data["runs"] == 50 and data["seed"] == 3
    for role in data["roles"].values():
        total = role["win_rate"] + role["draw_rate"] + role["loss_rate"]
        assert abs(total - 1.0) < 1e-6
        assert "mean_score" in role and role["representative_seeds"]
    assert set(data["values"]) == {"leverage", "reputation", "stability", "tension"}
    # World tension, turn by turn from the tutorial's start (35).
    tension = data["values"]["tension"]["world"]
    assert tension["mean"][0] == 35.0 and len(tension["mean"]) == len(data["values"]["stability"]["harbour"]["mean"])


@pytest.mark.parametrize(
    "args, message",
    [
        (["simulate", "tutorial", "--runs", "0"], "--runs must be at least 1"),
        (["simulate", "tutorial", "--runs", "5", "--policy", "atlantis=hard"], "unknown role 'atlantis'"),
        (["simulate", "tutorial", "--runs", "5", "--policy", "southland=genius"], "unknown policy 'genius'"),
        (["simulate", "no-such-scenario", "--runs", "5"], "cannot load scenario"),
    ],
)
def test_simulate_bad_arguments_give_one_line_and_exit_2(args, message):
    res = run_cli(*args)
    assert res.returncode == 2
    assert message in res.stderr
    assert res.stderr.count("\n") == 1 and "Traceback" not in res.stderr


def test_difficulty_changes_the_players_opponents_never_their_friends():
    """Easy gives the player an action point; hard makes the roles opposing
    the player look ahead and gives every opposing AI actor an action point.
    The player's friends (allied, or relations of 30+ both ways) are untouched."""
    from game.scenario.difficulty import friends_of

    sc = load("gulf-1990")
    r = sc.rules
    usa, uk, iraq, un = (r.actor_index(x) for x in ("usa", "uk", "iraq", "un"))
    assert {uk, r.actor_index("saudi"), r.actor_index("kuwait")} <= friends_of(sc, (usa,))
    assert iraq not in friends_of(sc, (usa,))
    base = r.initial.budget
    normal = Game.new(sc, 1, [usa], difficulty="normal")
    easy = Game.new(sc, 1, [usa], difficulty="easy")
    hard = Game.new(sc, 1, [usa], difficulty="hard")
    assert easy.value("budget", usa) == normal.value("budget", usa) + 1 == base[usa] + 1
    assert easy.value("budget", iraq) == normal.value("budget", iraq) == base[iraq]
    assert hard.value("budget", iraq) == base[iraq] + 1 and hard.value("budget", uk) == base[uk]
    assert hard.controllers[iraq].name == "hard" and hard.controllers[un].name == "hard"
    assert hard.controllers[uk].name == "standard"  # a friend, and no role
    # Playing Iraq instead, the United States is the opponent that looks ahead.
    as_iraq = Game.new(sc, 1, [iraq], difficulty="hard")
    assert as_iraq.controllers[usa].name == "hard" and as_iraq.value("budget", uk) == base[uk] + 1


def test_near_catastrophe_the_standard_ai_steps_back_from_the_top_of_the_ladder():
    """With world tension close to the catastrophe threshold and one pair's
    ladder a rung from its top, every actor weighs a show of force (more
    tension, a higher rung) as a share of the catastrophe everyone would
    lose: it is worth far less than the same order in a calm world."""
    sc = load("bosnia-1995")
    r = sc.rules
    pol = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
    bosnia, rs = r.actor_index("bosnia"), r.actor_index("rs")
    show = next(
        i for i in r.options_of(bosnia) if r.actions[r.opt_action[i]].id == "show_of_force" and r.opt_target[i] == rs
    )
    calm = start_game(r, seed=3).state
    calm.escalation[:, bosnia, rs] = r.p("escalation_top") - 1.0
    calm.tension[:] = 50.0
    brink = calm.copy()
    brink.tension[:] = r.p("catastrophe_tension") - 3.0
    u_calm, _ = pol.standard.evaluate(calm, np.array([0]), np.array([show]))
    u_brink, _ = pol.standard.evaluate(brink, np.array([0]), np.array([show]))
    assert u_brink[0] < u_calm[0] - 20.0, (u_calm, u_brink)
    # And one pair's own de-escalation is welcome there: a summit is worth more at the brink.
    summit = next(
        i for i in r.options_of(bosnia) if r.actions[r.opt_action[i]].id == "summit" and r.opt_target[i] == rs
    )
    s_calm, _ = pol.standard.evaluate(calm, np.array([0]), np.array([summit]))
    s_brink, _ = pol.standard.evaluate(brink, np.array([0]), np.array([summit]))
    assert s_brink[0] > s_calm[0], (s_calm, s_brink)


def test_a_regard_the_victory_needs_is_worth_more_near_its_floor():
    """MINUSMA's UN wins only if the troop contributors' regard for it stays
    at 35 or more: each point of that regard a summit with them wins is
    worth more than the UN's taste for being liked, and far more once the
    regard has worn down near the floor."""
    sc = load("minusma")
    r = sc.rules
    pol = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
    un, tcc = r.actor_index("un"), r.actor_index("tcc")
    summit = next(i for i in r.options_of(un) if r.actions[r.opt_action[i]].id == "summit" and r.opt_target[i] == tcc)

    def per_point(regard: float) -> float:
        s = start_game(r, seed=3).state
        s.relations[:, tcc, un] = regard
        _, parts = pol.standard.evaluate(s, np.array([0]), np.array([summit]), explain=True)
        contrib, delta = next((c[0], d[0]) for _, q, c, d in parts if q == "relations")
        return contrib / delta

    liked = pol.standard.w("relations")[un]
    high, low = per_point(80.0), per_point(38.0)
    assert high > liked + 0.1, (liked, high)
    assert low > high + 1.5, (high, low)


def test_leverage_that_would_move_the_terms_the_victory_needs_is_worth_more_while_time_remains():
    """The United States wins in Iran only with a deal on terms of 42 or less
    for Iran. At the start its own proposal would give Iran more than that,
    so leverage, which moves the terms, is worth more to it early in the game
    than in its last turns, when holding out for terms would cost the deal."""
    from game.core.bargain import offer_terms

    sc = load("iran-nuclear")
    r = sc.rules
    pol = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
    usa, iran = r.actor_index("usa"), r.actor_index("iran")
    talks = [t.id for t in r.tracks].index("p5-talks")
    show = next(
        i for i in r.options_of(usa) if r.actions[r.opt_action[i]].id == "show_of_force" and r.opt_target[i] == iran
    )

    def leverage_value(turn: int) -> float:
        s = start_game(r, seed=3).state
        s.turn = turn
        assert 100.0 * offer_terms(r, s, np.array([0]), np.array([talks]), np.array([usa]))[0] < 58.0
        _, parts = pol.standard.evaluate(s, np.array([0]), np.array([show]), explain=True)
        return next(c[0] for _, q, c, _ in parts if q == "leverage")

    assert leverage_value(3) > leverage_value(r.turn_limit - 1) + 2.0


def test_intelligence_is_spent_only_on_those_the_actor_is_up_against():
    """Watching an actor is worth what it tells about a rival the actor is up
    against: in twenty standard games of Bosnia the Bosnian Serbs watch only
    the Bosnian government, whose ground they contest (they used to watch
    Croatia as often, some eight orders a game spent on what buys nothing)."""
    from game.core.engine import resolve_turn
    from game.core.legal import codes_from_grids, legality_grids

    sc = load("bosnia-1995")
    r = sc.rules
    pol = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
    rs = r.actor_index("rs")
    bystanders = set(range(r.n_actors)) - {r.actor_index("bosnia")}
    s = start_game(r, seeds=game_seeds(1, 20)).state
    watched = 0
    while not s.over.all():
        grids = legality_grids(r, s)
        orders, _ = pol(s, codes_from_grids(r, s, grids), grids=grids)
        for o in orders[~s.over, rs].reshape(-1):
            if o > 0 and r.actions[r.opt_action[o]].id == "intelligence" and r.opt_target[o] in bystanders:
                watched += 1
        s = resolve_turn(r, s, orders).state
    assert watched == 0


def test_a_scripted_setback_to_talks_the_actor_needs_makes_its_trigger_a_goal():
    """In Bosnia, Pale rejects the Dayton map (the talks go back) while the
    Bosnian Serbs' leverage is 30 or more: every actor whose victory needs the
    accord wants that leverage down; the Serbs themselves, who would rather
    have no accord, do not."""
    from game.ai.goals import goals_for

    r = load("bosnia-1995").rules
    rs = r.actor_index("rs")
    for who in ("usa", "bosnia", "un"):
        assert goals_for(r, r.actor_index(who)).lower.get(("leverage", (rs,))) == 30.0, who
    assert ("leverage", (rs,)) not in goals_for(r, rs).lower


def test_the_goal_reader_knows_a_victory_that_names_the_actor_as_mediator():
    """Russia's victory in Kosovo counts the G8 terms only if it mediates them."""
    from game.ai.goals import goals_for

    r = load("kosovo-1999").rules
    g8 = [t.id for t in r.tracks].index("g8-terms")
    assert g8 in goals_for(r, r.actor_index("russia")).mediate
    assert g8 not in goals_for(r, r.actor_index("usa")).mediate


def test_a_victory_that_accepts_an_agreement_on_good_terms_does_not_make_the_talks_a_thing_to_avoid():
    """The United States wins in the Gulf with no withdrawal agreed *or* one on
    terms of 60 or more in its favour: it wants good terms, not to wreck the
    talks (a strike is not worth it for the setback it deals them). Iraq's
    defeat, by contrast, names no such choice."""
    from game.ai.goals import goals_for

    r = load("gulf-1990").rules
    wd = [t.id for t in r.tracks].index("withdrawal")
    g = goals_for(r, r.actor_index("usa"))
    assert wd not in g.avoid
    assert g.terms[wd] == (60.0, False)


def test_talks_the_other_side_ignores_are_worth_less_to_push():
    """Progress in the Gulf's withdrawal talks is worth less to the United
    States while Iraq takes no part in them and the two stand far apart than
    once Iraq has negotiated there, or once a deal is within reach; a
    mediator's push is not discounted."""
    from game.ai import personas_for
    from game.ai.standard import ENGAGE_FLOOR, StandardPolicy

    sc = load("gulf-1990")
    r = sc.rules
    usa, iraq, un = (r.actor_index(x) for x in ("usa", "iraq", "un"))
    wd = [t.id for t in r.tracks].index("withdrawal")
    pol = StandardPolicy(r, personas_for(sc))
    s = start_game(r, seed=1).state
    one, k = np.array([0]), np.array([wd])
    assert pol._engagement(s, one, np.array([usa]), k)[0] == pytest.approx(ENGAGE_FLOOR)
    assert pol._engagement(s, one, np.array([un]), k)[0] == 1.0
    negotiate = next(o for o in r.options_of(iraq) if r.option_slug(o) == "negotiate withdrawal")
    engaged = s.copy()
    engaged.recent[0, negotiate] = 1.0
    assert pol._engagement(engaged, one, np.array([usa]), k)[0] == 1.0
    # Talks near a deal are worth pushing even alone: Iraq's army broken, sanctions and a mandate on it, talks far on.
    near = s.copy()
    near.forces[0, iraq] = 0.0
    near.strength[0, iraq] = 10.0
    near.leverage[0, iraq] = 5.0
    near.mandate_force[0, iraq] = near.un_sanctions[0, iraq] = near.condemned[0, iraq] = True
    near.progress[0, wd] = near.trust[0, wd] = 100.0
    assert pol._engagement(near, one, np.array([usa]), k)[0] > ENGAGE_FLOOR + 0.25


def test_the_hard_ai_plays_out_what_it_believes_not_hidden_values_it_cannot_see():
    """Northland's support and strength are hidden from Southland: two games
    that differ only there, with the same estimates in Southland's eyes, get
    the same hard decision; the worlds its playouts start from keep
    Southland's own values exact and draw Northland's near its estimates."""
    from game.core.observe import belief, estimate

    sc = load("tutorial")
    r = sc.rules
    south, north = r.actor_index("southland"), r.actor_index("northland")
    a = start_game(r, seed=11).state
    b = a.copy()
    for q in ("support", "strength"):
        base = float(getattr(a, q)[0, north])
        for step in (1.0, -1.0, 2.0, -2.0):
            getattr(b, q)[0, north] = base + step
            if estimate(r, b, south, q)[0, north] == estimate(r, a, south, q)[0, north]:
                break
        assert (
            getattr(b, q)[0, north] != base and estimate(r, b, south, q)[0, north] == estimate(r, a, south, q)[0, north]
        )
    pol = BatchPolicy(sc, r, {x: ("hard" if x == south else "standard") for x in range(r.n_actors)}, hard_rollouts=64)
    orders_a, _ = pol(a)
    orders_b, _ = pol(b)
    assert (orders_a[:, south] == orders_b[:, south]).all()
    # The playouts' values themselves are the same, to the last bit.
    plans = np.stack([orders_a[:, south], np.full_like(orders_a[:, south], -1)], axis=1)
    assert (pol._hard._rollouts(a, south, plans) == pol._hard._rollouts(b, south, plans)).all()
    worlds = belief(r, a, south, np.zeros(32, np.int64), np.arange(32))
    err = r.p("fog_error")
    for q in ("support", "strength"):
        seen = estimate(r, a, south, q)[0, north]
        drawn = getattr(worlds, q)[:, north]
        assert (np.abs(drawn - seen) <= err + 1e-9).all() and len(set(drawn.tolist())) > 1
        assert (getattr(worlds, q)[:, south] == getattr(a, q)[0, south]).all()
    again = belief(r, a, south, np.zeros(32, np.int64), np.arange(32))
    assert (again.support == worlds.support).all()


def _kosovo_after_racak(bombing: float):
    """A Kosovo game after Račak, with the G8 talks open under Russia's mediation and ``bombing`` nights flown."""
    from game.core.spec import TrackStatus

    sc = load("kosovo-1999")
    r = sc.rules
    s = start_game(r, seeds=game_seeds(3, 1)).state
    g8 = [t.id for t in r.tracks].index("g8-terms")
    s.flags[0, r.flags.index("racak")] = 1
    s.flags[0, r.flags.index("bombing")] = bombing
    s.track_status[0, g8] = TrackStatus.OPEN
    s.mediator[0, g8] = r.actor_index("russia")
    return sc, r, s


def test_the_standard_ai_values_the_night_of_bombing_that_belgrade_still_waits_for():
    """Belgrade refuses the G8 terms until NATO has bombed for four nights. For the United States a night of the air
    campaign is worth BLOCKER_UNIT more while the count is short of four (the refusal fires now and would not at
    four) than once it is reached; the count is worth nothing to Belgrade."""
    from game.ai.standard import BLOCKER_UNIT, StandardPolicy

    values = {}
    for nights in (3.0, 4.0):
        sc, r, s = _kosovo_after_racak(nights)
        policy = StandardPolicy(r, personas_for(sc))
        air = [o for o in r.options_of(r.actor_index("usa")) if r.actions[r.opt_action[o]].id == "air_campaign"]
        u, _ = policy.evaluate(s, np.zeros(1, np.int64), np.array(air[:1]))
        values[nights] = float(u[0])
        assert not [b for b in policy.blockers if b[0] == r.actor_index("fry") and b[1] == r.flags.index("bombing")]
    assert values[3.0] - values[4.0] == pytest.approx(BLOCKER_UNIT)


@pytest.mark.slow
def test_nato_bombs_in_kosovo_until_belgrade_talks_and_no_longer():
    """With the standard AI everywhere, the United States flies the air campaign in most games — about the four
    nights Belgrade waits for, not every turn to the end."""
    sc = load("kosovo-1999")
    r = sc.rules
    res = run_chunk(sc, {a: "standard" for a in range(r.n_actors)}, game_seeds(5, 100))
    nights = res.action_counts[r.actor_index("usa"), r.action_index("air_campaign")] / 100
    assert 3.0 <= nights <= 6.0, nights


def test_an_actor_never_counters_an_offer_it_accepts_in_the_same_turn():
    """Iran's victory needs a deal on terms of 42 or more, and the United States offers 58. Iran accepts it, and
    does not also put a counter-offer of its own on the same talks (the counter would replace the offer it
    accepts)."""
    sc = load("iran-nuclear")
    r = sc.rules
    iran, usa = r.actor_index("iran"), r.actor_index("usa")
    k = r.track_index("p5-talks")
    slug = {o: r.option_slug(o) for o in r.options_of(iran)}
    accept = next(o for o, t in slug.items() if t == "accept_agreement p5-talks")
    propose = next(o for o, t in slug.items() if t == "propose_agreement p5-talks")
    s = start_game(r, seeds=np.arange(1, 21)).state
    s.turn = 20
    s.track_status[:, k] = TrackStatus.OPEN
    s.progress[:, k] = 70
    s.offer[:, k], s.offer_terms[:, k], s.offer_turn[:, k] = usa, 0.42, 19
    orders, _ = BatchPolicy(sc, r, {iran: "standard"})(s)
    accepts = (orders[:, iran] == accept).any(axis=1)
    assert accepts.all()
    assert not (orders[:, iran] == propose).any()


def test_the_hard_ai_counts_forces_its_victory_wants_kept_even_before_the_victory_can_hold():
    """Mali wins only with its own army (5 or more) in Timbuktu, among other things: a playout that ends with
    none there is worth less to the hard AI, by the shortfall's weight per missing point, even while the
    victory as a whole is still out of reach (the Algiers accord is not yet signed)."""
    sc = load("minusma")
    r = sc.rules
    mali, timbuktu = r.actor_index("mali"), [g.id for g in r.regions].index("timbuktu")
    pol = BatchPolicy(sc, r, {x: ("hard" if x == mali else "standard") for x in range(r.n_actors)}, hard_rollouts=64)
    hard = HardPolicy(r, pol.standard, pol, 64)
    s = start_game(r, seed=1, batch=2).state
    s.forces[:, mali, timbuktu] = [0.0, 5.0]
    v = hard.shaping(s, mali)
    assert v[1] - v[0] == pytest.approx(5.0 * SHORTFALL_W)


def _tutorial_with_northland_leverage(tmp_path, leverage: int):
    """The tutorial, Northland (the occupier of the Harbour) starting with this leverage."""
    text = dict(shipped())["tutorial"].read_text(encoding="utf-8")
    head, sep, rest = text.partition("  - id: northland\n")
    rest = rest.replace("    leverage: 55\n", f"    leverage: {leverage}\n", 1)
    path = tmp_path / f"tutorial-{leverage}.yaml"
    path.write_text((head + sep + rest).replace("id: tutorial\n", f"id: tutorial-{leverage}\n", 1), encoding="utf-8")
    return load(str(path))


def test_a_stronger_occupier_withdraws_less_often(tmp_path):
    """The tutorial with the occupier Northland's starting leverage at 55 (as shipped) and at 90, every actor on
    the standard AI, 200 games each: strong, Northland bears the cost of holding the Harbour and keeps it (its
    victory holds by staying), so the Harbour talks end in its withdrawal far less often; at 55 its support
    runs out and it trades the Harbour for terms."""
    withdrew = {}
    for lev in (55, 90):
        sc = _tutorial_with_northland_leverage(tmp_path, lev)
        r = sc.rules
        northland = r.actor_index("northland")
        assert r.initial.leverage[northland] == lev
        policy = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
        s = start_game(r, seeds=game_seeds(1001, 200)).state
        while not s.over.all():
            orders, _ = policy(s)
            s = resolve_turn(r, s, orders).state
        k = [t.id for t in r.tracks].index("harbour-talks")
        withdrew[lev] = float((s.track_status[:, k] == TrackStatus.AGREED).mean())
        if lev == 90:
            assert (s.control[:, r.region_index("harbour")] == northland).mean() > 0.8
    assert withdrew[55] > 0.5 and withdrew[90] < withdrew[55] - 0.4, withdrew


def test_an_occupier_that_wins_by_staying_refuses_a_withdrawal_and_says_why(tmp_path):
    """Northland, at leverage 90, holds the Harbour and can bear the occupation to the end, where holding it wins:
    Southland's offer of a withdrawal has no chance in the proposer's forecast, and when it lapses the news says
    Northland refuses and why. At the shipped 55, with its support at home already worn down to 45, it would lose
    by staying: the same offer is a live one."""
    from helpers import orders

    from game.core.bargain import acceptance, staying
    from game.core.ledger import Ledger

    for lev, stays in ((90, True), (100, True), (55, False)):  # at 100 the occupation costs it nothing at all
        r = _tutorial_with_northland_leverage(tmp_path, lev).rules
        north, south = r.actor_index("northland"), r.actor_index("southland")
        k = np.array([[t.id for t in r.tracks].index("harbour-talks")])
        s = start_game(r, seed=3).state
        s = resolve_turn(r, s, orders(r, 1, southland=["open_talks harbour-talks"])).state
        s.progress[0, k[0]] = 60.0  # far enough for a proposal
        res = resolve_turn(r, s, orders(r, 1, southland=["propose_agreement harbour-talks"]))
        assert not res.rejected and res.state.offer[0, k[0]] == south
        s = res.state
        if not stays:
            s.support[0, north] = 45.0
        rows = np.zeros(1, np.int64)
        assert np.logical_and(*staying(r, s, rows, k, np.array([north])))[0] == stays
        assert not staying(r, s, rows, k, np.array([south]))[0][0]  # Southland occupies nothing
        p = acceptance(r, s, rows, k, np.array([north]), s.offer_terms[rows, k])[0]
        if stays:
            assert p == 0.0
            res = resolve_turn(r, s, orders(r, 1), Ledger())
            (line,) = [text for _, text in res.news if "offer in the Harbour talks" in text]
            assert "Northland refuses" in line and "holding it to the end wins it the game" in line, line
        else:
            assert p > 0.0
