"""One test per causal rule of the design (docs/rules.md), in the style of a
rulebook's test cases: the docstring states the situation and the expected
result; effects of chance are checked as directions over many seeds."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import opt, orders, run, scenario

from game.core.engine import legality, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.observe import estimate, sees
from game.core.reasons import Reason
from game.core.spec import TrackStatus

N = 1000


def idx(r, actor):
    return r.actor_index(actor)


def test_rule_1_success_raises_leverage_failure_lowers_it_and_narrows_diplomacy():
    """Rule 1. Red strikes Blueland in 1,000 games. Where the strike succeeds
    Red's leverage rises and Blue's forces there shrink most; where it fails
    Red's leverage falls and Red cannot open talks or propose an agreement
    for a while (reason: a failed operation)."""
    r = scenario().rules
    red, blue = idx(r, "red"), idx(r, "blue")
    start = start_game(r, 0, N).state
    end = run(r, [{"red": ["strike blueland"]}], batch=N)
    dlev = end.leverage[:, red] - start.leverage[:, red]
    won, lost = dlev > 0, dlev < 0
    assert won.sum() > 100 and lost.sum() > 100
    assert (won | lost).all()
    loss = start.forces[:, blue, 1] - end.forces[:, blue, 1]
    assert loss[won].mean() > 2 * loss[lost].mean()
    assert (end.setback[lost, red] > 0).all() and (end.setback[won, red] == 0).all()
    codes = legality(r, end, np.array([opt(r, "red", "open_talks talks")]))[:, 0]
    assert (codes[lost] == Reason.SETBACK).all()
    assert (codes[won] == 0).all()


def test_rule_2_deployment_raises_leverage_but_reads_as_aggression_unless_invited():
    """Rule 2. Red deploys forces into Blue's Border region (Blue regards Red
    coolly, -20). Uninvited, its leverage rises but its reputation and Blue's
    and Grey's relations to it fall. The same deployment at the host's
    invitation raises leverage and costs no reputation. Where Blue is
    hostile (-40), Red cannot deploy there at all unless the Council has
    authorised force against Blue: that would be an invasion."""
    hostile = scenario().rules
    s_h = start_game(hostile, 0).state
    assert legality(hostile, s_h, np.array([opt(hostile, "red", "deploy border")]))[0, 0] == Reason.HOSTILE_HOST
    s_h.mandate_force[0, idx(hostile, "blue")] = True
    assert legality(hostile, s_h, np.array([opt(hostile, "red", "deploy border")]))[0, 0] == Reason.OK
    r = scenario(
        {
            "relations": [
                {"between": ["red", "blue"], "value": -20},
                {"between": ["un", "red"], "value": 10},
                {"between": ["un", "blue"], "value": 10},
            ]
        }
    ).rules
    red, blue, grey = idx(r, "red"), idx(r, "blue"), idx(r, "grey")
    s0 = start_game(r, 0).state
    uninvited = run(r, [{"red": ["deploy border"]}])
    assert uninvited.leverage[0, red] > s0.leverage[0, red]
    assert uninvited.reputation[0, red] < s0.reputation[0, red]
    assert uninvited.relations[0, blue, red] < s0.relations[0, blue, red]
    assert uninvited.relations[0, grey, red] < s0.relations[0, grey, red]
    base = scenario().rules
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    data["regions"][2]["consent"] = ["red"]
    invited_rules = scenario({"regions": data["regions"]}).rules
    invited = run(invited_rules, [{"red": ["deploy border"]}])
    assert invited.leverage[0, red] > s0.leverage[0, red]
    # Reputation may only recover (fading penalties), never fall, when invited.
    assert invited.reputation[0, red] >= s0.reputation[0, red]
    assert invited.relations[0, grey, red] == s0.relations[0, grey, red]
    del base


def test_rule_3_peacekeepers_raise_stability_each_turn_and_talks_need_stability():
    """Rule 3. The UN keeps peacekeepers in the Border region (mandated) for
    three turns: its stability ends higher than in the same games without
    them, and rises on each of those turns. Talks about a region below the
    minimum stability make no progress; between it and the stability talks
    need for their full pace, a share of it."""
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    r = scenario({"mandates": {"peacekeeping": ["border"]}}).rules
    with_pk = run(r, [{"un": ["peacekeeping border"]}, {}, {}], batch=50)
    without = run(r, [{}, {}, {}], batch=50)
    assert (with_pk.stability[:, 2] > without.stability[:, 2]).all()
    ledger = Ledger()
    run(r, [{"un": ["peacekeeping border"]}, {}, {}], ledger=ledger)
    per_turn = [
        e for e in ledger.query("stability", (2,)) if e.cause.source == "peacekeeping" and e.cause.kind.value == "rule"
    ]
    assert [e.turn for e in per_turn] == [1, 2, 3] and all(e.delta > 0 for e in per_turn)
    # Talks stall below the minimum stability.
    data["regions"][2]["stability"] = 10
    data["tracks"][0]["status"] = "open"
    low = scenario({"regions": data["regions"], "tracks": data["tracks"]}).rules
    s = run(low, [{"red": ["negotiate talks"], "blue": ["negotiate talks"]}])
    assert s.progress[0, 0] == 0.0
    progress = {}
    for stability in (60, 48, 39):
        data["regions"][2]["stability"] = stability
        rules = scenario({"regions": data["regions"], "tracks": data["tracks"]}).rules
        ledger = Ledger()
        run(rules, [{"red": ["negotiate talks"], "blue": ["negotiate talks"]}], ledger=ledger)
        rounds = [e for e in ledger.query("progress", (0,)) if e.cause.source == "negotiate"]
        progress[stability] = sum(e.delta for e in rounds)
        assert all(("slowed to 50%" in e.cause.text) == (stability == 39) for e in rounds)
    # Full pace from talks_full_stability (48); halfway between it and the minimum (30), half the pace.
    assert progress[60] == progress[48] > 0.0
    assert progress[39] == pytest.approx(progress[48] / 2)


def test_rule_4_humanitarian_operation_lowers_need_and_raises_reputation_and_stability():
    """Rule 4. The UN runs a humanitarian operation in Blueland (need 30),
    whose holder Blue regards it well enough to let it in: need falls, the
    UN's reputation and Blueland's stability rise, compared with the same
    game without it. Where Blue regards the UN coolly (relations 10) and
    nothing else gives access (a mandate, its own forces), Green's operation
    is refused: no access; an impartial organisation such as the UN gets in
    wherever the holder is not unfriendly to it."""
    cool = scenario().rules
    s_cool = start_game(cool, 0).state
    code = legality(cool, s_cool, np.array([opt(cool, "green", "humanitarian blueland")]))[0, 0]
    assert code == Reason.NO_ACCESS
    assert legality(cool, s_cool, np.array([opt(cool, "un", "humanitarian blueland")]))[0, 0] == Reason.OK
    r = scenario(
        {
            "relations": [
                {"between": ["red", "blue"], "value": -40},
                {"between": ["un", "red"], "value": 10},
                {"between": ["un", "blue"], "value": 30},
            ]
        }
    ).rules
    un = idx(r, "un")
    with_op = run(r, [{"un": ["humanitarian blueland"]}])
    without = run(r, [{}])
    assert with_op.need[0, 1] < without.need[0, 1]
    assert with_op.reputation[0, un] > without.reputation[0, un]
    assert with_op.stability[0, 1] > without.stability[0, 1]


def test_rule_5_crisis_response_in_time_shows_resolve_and_opens_talks():
    """Rule 5. The Border region falls into crisis on turn 1. Blue's crisis
    response on the next turn raises its leverage more than the same response
    four turns later, and opens the talks about the Border."""
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    data["regions"][2]["stability"] = 20
    r = scenario({"regions": data["regions"]}).rules
    blue = idx(r, "blue")
    s0 = start_game(r, 0).state
    assert s0.crisis[0, 2]
    early = run(r, [{"blue": ["crisis_response border"]}])
    late = run(r, [{}, {}, {}, {}, {"blue": ["crisis_response border"]}])
    late_before = run(r, [{}, {}, {}, {}])
    gain_early = early.leverage[0, blue] - s0.leverage[0, blue]
    gain_late = late.leverage[0, blue] - late_before.leverage[0, blue]
    assert gain_early > gain_late > 0
    assert early.track_status[0, 0] == TrackStatus.OPEN
    assert late.track_status[0, 0] == TrackStatus.INACTIVE


def test_rule_6_neutral_mediation_builds_trust_speeds_talks_and_credits_the_mediator():
    """Rule 6. Red and Blue negotiate for five turns, with and without the UN
    mediating. With the mediator, trust and progress are higher; when the
    agreement is concluded the mediator's reputation rises."""
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    data["tracks"][0]["status"] = "open"
    r = scenario({"tracks": data["tracks"]}).rules
    un = idx(r, "un")
    both = {"red": ["negotiate talks"], "blue": ["negotiate talks"]}
    plain = run(r, [both] * 4)
    mediated = run(r, [{**both, "un": ["mediate talks"]}] + [both] * 3)
    assert mediated.trust[0, 0] > plain.trust[0, 0]
    assert mediated.progress[0, 0] > plain.progress[0, 0]
    assert mediated.mediator[0, 0] == un
    # The mediator is credited when the talks succeed.
    data["tracks"][0].update({"progress": 95, "trust": 90, "mediator": "un"})
    r2 = scenario({"tracks": data["tracks"]}).rules
    ledger = Ledger()
    s = run(r2, [{"red": ["propose_agreement talks"]}, {"blue": ["accept_agreement talks"]}], ledger=ledger, seed=3)
    assert s.track_status[0, 0] == TrackStatus.AGREED
    credit = [e for e in ledger.query("reputation", (un,)) if e.cause.source == "agreement"]
    assert credit and credit[0].delta > 0


def test_rule_7_reconstruction_raises_stability_slowly_and_prevents_flare_ups():
    """Rule 7. A post-conflict Border region at stability 40 may flare up.
    Over 1,000 games, reconstruction (ordered on turn 1) makes flare-ups rarer
    over the next four turns and leaves the region more stable."""
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    data["regions"][2].update({"stability": 40, "post_conflict": True, "need": 0})
    r = scenario({"regions": data["regions"]}).rules
    with_rec = run(r, [{"blue": ["reconstruction border"]}, {"blue": ["reconstruction border"]}, {}, {}], batch=N)
    without = run(r, [{}, {}, {}, {}], batch=N)
    assert with_rec.stability[:, 2].mean() > without.stability[:, 2].mean() + 5
    # Count flare-ups through the region's violence marker and stability drops.
    ledger_with, ledger_without = Ledger(), Ledger()
    run(
        r,
        [{"blue": ["reconstruction border"]}, {"blue": ["reconstruction border"]}, {}, {}],
        batch=300,
        ledger=ledger_with,
    )
    run(r, [{}, {}, {}, {}], batch=300, ledger=ledger_without)
    flares_with = len([e for e in ledger_with.entries if e.cause.source == "flare_up" and e.quantity == "stability"])
    flares_without = len(
        [e for e in ledger_without.entries if e.cause.source == "flare_up" and e.quantity == "stability"]
    )
    assert flares_with < 0.6 * flares_without


def test_rule_8_intelligence_improves_the_odds_and_reveals_hidden_values():
    """Rule 8. Over 1,000 games Red's strike on Blueland succeeds more often
    after Red gathered intelligence on Blue. Blue's strength is hidden from
    Red (an estimate) until then, and exact afterwards. A cyber operation
    costs reputation only when it is traced back."""
    r = scenario().rules
    red, blue = idx(r, "red"), idx(r, "blue")
    s0 = start_game(r, 0, N).state
    plain = run(r, [{}, {"red": ["strike blueland"]}], batch=N)
    spied = run(r, [{"red": ["intelligence blue"]}, {"red": ["strike blueland"]}], batch=N)
    base = run(r, [{}], batch=N)
    base_spied = run(r, [{"red": ["intelligence blue"]}], batch=N)
    win_plain = (plain.leverage[:, red] > base.leverage[:, red]).mean()
    win_spied = (spied.leverage[:, red] > base_spied.leverage[:, red]).mean()
    assert win_spied > win_plain + 0.05
    assert not sees(r, s0, red)[:, blue].any()
    est = estimate(r, s0, red, "strength")[:, blue]
    assert (est != s0.strength[:, blue]).mean() > 0.5
    s1 = run(r, [{"red": ["intelligence blue"]}], batch=N)
    assert sees(r, s1, red)[:, blue].all()
    assert np.array_equal(estimate(r, s1, red, "strength")[:, blue], s1.strength[:, blue])
    cyber = run(r, [{"red": ["cyber blue"]}], batch=N)
    drop = base.reputation[:, red] - cyber.reputation[:, red]
    assert 0.2 < (drop > 1).mean() < 0.6  # attribution chance 0.4
    del s0


def test_rule_9_unilateral_force_isolates_mandates_and_coalitions_spread_the_cost():
    """Rule 9. A strike without a mandate lowers reputation more than the same
    strike with one, in the mean over 1,000 seeds, and others' relations fall
    further. Two actors striking together each lose less reputation than
    one striking alone."""
    r = scenario().rules
    red, grey = idx(r, "red"), idx(r, "grey")
    s0 = start_game(r, 0, N).state
    alone = run(r, [{"red": ["strike blueland"]}], batch=N)
    mandated_rules = scenario({"mandates": {"force": ["blue"]}}).rules
    s0m = start_game(mandated_rules, 0, N).state
    mandated = run(mandated_rules, [{"red": ["strike blueland"]}], batch=N)
    rep_alone = (s0.reputation[:, red] - alone.reputation[:, red]).mean()
    rep_mandated = (s0m.reputation[:, red] - mandated.reputation[:, red]).mean()
    assert rep_alone > 2 * rep_mandated
    assert (alone.relations[:, grey, red]).mean() < (mandated.relations[:, grey, red]).mean()
    coalition = run(r, [{"red": ["strike blueland"], "grey": ["strike blueland"]}], batch=N)
    rep_coalition = (s0.reputation[:, red] - coalition.reputation[:, red]).mean()
    assert rep_coalition < rep_alone


def test_rule_10_events_fire_on_their_conditions_and_change_the_state():
    """Rule 10. A scripted event fires when its condition holds (Border
    stability below 35) and not before; a random event with chance 0.5 fires
    in about half of 1,000 games."""
    events = [
        {
            "id": "refugees",
            "name": "Refugees",
            "when": {"stability": "border", "below": 35},
            "effects": [{"need": "blueland", "add": 10}],
        },
        {
            "id": "storm",
            "name": "Storm",
            "when": {"turn": 2},
            "chance": 0.5,
            "effects": [{"need": "redland", "add": 20}],
        },
    ]
    r = scenario({"events": events}).rules
    s1 = run(r, [{}], batch=N)
    assert not s1.fired[:, 0].any()
    s2 = run(r, [{"red": ["strike border"]}], batch=N)
    fired = s2.fired[:, 0]
    assert fired.any()
    assert (fired == (s2.stability[:, 2] < 35)).all()
    share = s1.fired[:, 1].mean()
    assert 0.44 < share < 0.56
    hit = s1.fired[:, 1]
    assert s1.need[hit, 0].min() > s1.need[~hit, 0].max() + 15


def test_collective_defence_applies_to_alliance_members_only_not_chained():
    """An attack on one member is an attack on all its allies, but defensive
    pacts do not chain: Blue is allied with Green, Green with Grey in another
    alliance. When Red strikes Blueland, Green's relations with Red fall like
    Blue's; Grey's fall only by the bystander amount."""
    alliances = [
        {"id": "north", "name": "North Pact", "members": ["blue", "green"]},
        {"id": "south", "name": "South Pact", "members": ["green", "grey"]},
    ]
    r = scenario({"alliances": alliances}).rules
    red, blue, green, grey = (idx(r, x) for x in ("red", "blue", "green", "grey"))
    s0 = start_game(r, 0).state
    s = run(r, [{"red": ["strike blueland"]}])
    d_blue = s.relations[0, blue, red] - s0.relations[0, blue, red]
    d_green = s.relations[0, green, red] - s0.relations[0, green, red]
    d_grey = s.relations[0, grey, red] - s0.relations[0, grey, red]
    assert d_green <= d_blue + 1e-9
    assert d_grey > d_green + 10


def test_security_council_veto_blocks_a_draft():
    """Legitimacy. Red's draft authorising force against Blue has the votes
    (three needed): with Green, friendly to Blue, an elected member it is
    adopted in most games; with Green a permanent member the same draft
    falls in every game, each time to Green's veto (its cause names Green)."""
    rel = [
        {"between": ["red", "blue"], "value": -40},
        {"between": ["green", "blue"], "value": 90},
        {"between": ["green", "red"], "value": -50},
    ]
    elected = scenario(
        {
            "relations": rel,
            "council": {"permanent": [], "elected": ["red", "blue", "green"], "other_seats": 7, "pass_votes": 3},
        }
    ).rules
    blue = idx(elected, "blue")
    s = run(elected, [{"red": ["resolution_force blue"]}], batch=200)
    assert s.mandate_force[:, blue].mean() > 0.5
    permanent = scenario(
        {
            "relations": rel,
            "council": {"permanent": ["green"], "elected": ["red", "blue"], "other_seats": 8, "pass_votes": 3},
        }
    ).rules
    ledger = Ledger()
    s = run(permanent, [{"red": ["resolution_force blue"]}], batch=200, ledger=ledger)
    assert not s.mandate_force[:, blue].any()
    vetoes = [e for e in ledger.entries if e.cause.source == "veto"]
    assert {e.game for e in vetoes} == set(range(200))
    assert {e.cause.actor for e in vetoes} == {idx(permanent, "green")}


def test_ultimatum_bluff_called_costs_the_issuer():
    """Escalation ladder. Red gives Blue an ultimatum to leave the Border,
    which Blue occupies. Blue stays; Red never enforces it: when the deadline
    passes Red loses leverage and reputation (its bluff is called)."""
    import yaml
    from helpers import BASE

    data = yaml.safe_load(BASE)
    data["regions"][0]["forces"] = {"red": 10, "blue": 10}
    r = scenario({"regions": data["regions"]}).rules
    issuer = idx(r, "red")
    ledger = Ledger()
    run(r, [{"red": ["ultimatum blue"]}, {}, {}], ledger=ledger)
    bluff = [
        e
        for e in ledger.entries
        if e.cause.source == "ultimatum" and e.cause.kind.value == "rule" and e.subject == (issuer,)
    ]
    assert {e.quantity for e in bluff} == {"leverage", "reputation"}
    assert all(e.delta < 0 for e in bluff)


def test_illegal_order_is_rejected_with_its_reason():
    """An illegal order is rejected with its reason, never silently dropped."""
    r = scenario().rules
    s = start_game(r, 0).state
    o = orders(r, 1, red=["negotiate talks", "strike redland"])
    res = resolve_turn(r, s, o)
    reasons = sorted(x.reason for x in res.rejected)
    assert reasons == sorted([Reason.TALKS_NOT_OPEN, Reason.ALLY_TARGET])
    assert all(x.text for x in res.rejected)
