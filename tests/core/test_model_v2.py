"""The rules of model v2, one test each: consent in bargaining, stocks that
drift back, legitimacy and access, alliances that oblige. Each docstring
states the situation and the expected result (docs/rules.md)."""

from __future__ import annotations

import numpy as np
import pytest
import yaml
from helpers import BASE, opt, orders, run, scenario

from game.core.bargain import demand, margin, offer_terms, reservation
from game.core.conditions import Compare, Op, Ref
from game.core.engine import legality, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.reasons import Reason
from game.core.spec import TrackStatus
from game.core.stocks import leverage_baseline


def base() -> dict:
    return yaml.safe_load(BASE)


def open_talks(progress: float = 60, trust: float = 60, **actor_changes: dict) -> dict:
    data = base()
    data["tracks"][0].update({"status": "open", "progress": progress, "trust": trust})
    for a in data["actors"]:
        a.update(actor_changes.get(a["id"], {}))
    return {"tracks": data["tracks"], "actors": data["actors"]}


def codes(r, s, actor: str, slug: str) -> int:
    return int(legality(r, s, np.array([opt(r, actor, slug)]))[0, 0])


# ------------------------------------------------------------------ consent
def test_a_proposal_waits_for_the_counterparts_answer_and_acceptance_concludes_it():
    """Red proposes a peace accord: nothing is agreed yet, the offer is on the
    table. Next turn Blue accepts: the accord is concluded on Red's terms,
    which are recorded (the terms quantity)."""
    r = scenario(open_talks()).rules
    s = run(r, [{"red": ["propose_agreement talks"]}])
    assert s.track_status[0, 0] == TrackStatus.OPEN
    assert s.offer[0, 0] == r.actor_index("red")
    assert codes(r, s, "red", "accept_agreement talks") == Reason.OWN_OFFER
    assert codes(r, s, "blue", "accept_agreement talks") == Reason.OK
    share = float(s.offer_terms[0, 0])
    s2 = run(r, [{"blue": ["accept_agreement talks"]}], state=s)
    assert s2.track_status[0, 0] == TrackStatus.AGREED
    assert abs(s2.terms[0, 0] - 100 * share) < 1e-9  # Red is the first party


def test_a_condition_on_terms_holds_only_once_the_agreement_is_reached():
    """Before the talks end in an agreement there are no terms: "terms at
    least 40" (or at most 60) is false, whatever the stored value; once the
    agreement is concluded it reads the terms."""
    r = scenario(open_talks()).rules
    s = start_game(r, 0).state
    at_least = Compare(Ref("terms", 0), Op.GE, 40.0)
    at_most = Compare(Ref("terms", 0), Op.LE, 60.0)
    assert not at_least.evaluate(s)[0] and not at_most.evaluate(s)[0]
    s.track_status[0, 0] = TrackStatus.AGREED
    s.terms[0, 0] = 55.0
    assert at_least.evaluate(s)[0] and at_most.evaluate(s)[0]


def test_an_offer_not_accepted_lapses_as_a_refusal_with_reasons_and_sets_talks_back():
    """Blue lets Red's offer lapse. At the end of the turn after it was made
    the offer is gone, the talks lose progress, and the news says why Blue
    refused (its reasons) or that it let the offer lapse."""
    r = scenario(open_talks()).rules
    ledger = Ledger()
    s0 = start_game(r, 0, ledger=ledger).state
    s1 = resolve_turn(r, s0, orders(r, 1, red=["propose_agreement talks"]), ledger).state
    res = resolve_turn(r, s1, orders(r, 1), ledger)
    assert res.state.offer[0, 0] == -1
    assert res.state.progress[0, 0] < s1.progress[0, 0]
    assert any("offer in the Border talks" in text for _, text in res.news)


def test_one_track_concludes_at_most_one_agreement_per_turn():
    """Red and Blue both propose in the same turn: one offer stands (the later,
    a counter-offer). Accepting it concludes the accord once: one agreement
    line in the news, one set of effects."""
    r = scenario(open_talks()).rules
    ledger = Ledger()
    s0 = start_game(r, 0, ledger=ledger).state
    res1 = resolve_turn(r, s0, orders(r, 1, red=["propose_agreement talks"], blue=["propose_agreement talks"]), ledger)
    s1, ledger_news = res1.state, res1.news
    assert s1.offer[0, 0] >= 0
    accepter = "blue" if s1.offer[0, 0] == r.actor_index("red") else "red"
    # The news says which proposal did not count, and whose came first.
    s1_news = [text for _, text in ledger_news]
    assert sum("did not count" in text for text in s1_news) == 1, s1_news
    res = resolve_turn(r, s1, orders(r, 1, **{accepter: ["accept_agreement talks"]}), ledger)
    assert sum("Agreement reached" in text for _, text in res.news) == 1
    stab = [e for e in ledger.entries if e.quantity == "stability" and e.cause.source == "agreement"]
    assert len(stab) == 1


def test_a_party_that_counters_and_accepts_in_one_turn_has_replaced_the_offer_it_accepted():
    """Red's offer is on the table. Blue both counters and accepts in the same
    turn: its counter replaces Red's offer, so no agreement is concluded (Blue
    cannot accept its own terms); the news says the acceptance no longer stands,
    and Red answers Blue's counter next turn."""
    r = scenario(open_talks()).rules
    ledger = Ledger()
    s0 = start_game(r, 0, ledger=ledger).state
    s1 = resolve_turn(r, s0, orders(r, 1, red=["propose_agreement talks"]), ledger).state
    res = resolve_turn(r, s1, orders(r, 1, blue=["propose_agreement talks", "accept_agreement talks"]), ledger)
    s2 = res.state
    assert s2.track_status[0, 0] == TrackStatus.OPEN
    assert s2.offer[0, 0] == r.actor_index("blue")
    assert not any("Agreement reached" in text for _, text in res.news)
    assert any("no longer stands" in text for _, text in res.news)
    s3 = run(r, [{"red": ["accept_agreement talks"]}], state=s2)
    assert s3.track_status[0, 0] == TrackStatus.AGREED


def test_the_stronger_side_gets_better_terms():
    """The same talks, with Red's leverage at 50 and at 90: stronger, Red
    demands and gets a larger share of the terms."""
    weak = scenario(open_talks()).rules
    strong = scenario(open_talks(red={"leverage": 90})).rules
    red = np.array([0])
    tr = np.array([0])
    rows = np.array([0])
    x_weak = offer_terms(weak, start_game(weak, 0).state, rows, tr, red)[0]
    x_strong = offer_terms(strong, start_game(strong, 0).state, rows, tr, red)[0]
    assert x_strong > x_weak + 0.05


def test_a_stronger_occupier_holds_out_for_more():
    """Red occupies the Border with 20 forces. Its reservation (the least it
    settles for) is higher with leverage 90 than with 50, and higher with its
    forces there than after they are gone: strength makes agreement harder."""
    data = open_talks()
    regions = base()["regions"]
    regions[2].update({"control": "red", "forces": {"red": 20}})
    weak = scenario({**data, "regions": regions}).rules
    data_strong = open_talks(red={"leverage": 90})
    strong = scenario({**data_strong, "regions": regions}).rules
    rows, tr, red = np.array([0]), np.array([0]), np.array([0])
    s_weak = start_game(weak, 0).state
    assert (
        reservation(strong, start_game(strong, 0).state, rows, tr, red)[0]
        > reservation(weak, s_weak, rows, tr, red)[0] + 0.05
    )
    gone = s_weak.copy()
    gone.forces[0, 0, 2] = 0.0
    assert demand(weak, s_weak, rows, tr, red)[0] > demand(weak, gone, rows, tr, red)[0]


def test_a_stronger_occupier_leaves_less_room_for_a_withdrawal():
    """In withdrawal talks over the Border, which Red holds, the room for
    agreement (one less both sides' reservations) shrinks as Red's leverage
    rises: holding the ground, a strong occupier expects more from waiting,
    and the other side does not concede that expectation."""
    regions = base()["regions"]
    regions[2].update({"control": "red", "forces": {"red": 20}})
    rows, tr, red, blue = np.array([0]), np.array([0]), np.array([0]), np.array([1])
    room = {}
    for lev in (50, 90):
        data = open_talks(red={"leverage": lev})
        data["tracks"][0].update({"topic": "withdrawal", "withdrawing": "red"})
        r = scenario({**data, "regions": regions}).rules
        s = start_game(r, 0).state
        room[lev] = 1.0 - reservation(r, s, rows, tr, red)[0] - reservation(r, s, rows, tr, blue)[0]
    assert room[90] < room[50] - 0.05


def test_pressure_makes_a_side_settle_for_less():
    """Sanctions on Blue and force authorised against it lower the share Blue
    settles for: the same terms are worth more to it than its reservation by
    a wider margin."""
    r = scenario(open_talks(progress=45, trust=50)).rules
    s = start_game(r, 0).state
    rows, tr, blue = np.array([0]), np.array([0]), np.array([1])
    x = np.array([0.62])
    before = margin(r, s, rows, tr, blue, x)[0]
    s.sanctions[0, 0, 1] = s.sanctions[0, 2, 1] = True
    s.mandate_force[0, 1] = True
    after = margin(r, s, rows, tr, blue, x)[0]
    assert after > before + 0.05


def test_coercion_opens_room_for_a_deal_that_leverage_alone_does_not():
    """Red and Blue stand apart in the Border talks. Raising Red's leverage moves
    both sides' positions together and leaves the room for a deal (one less
    both reservations) as it was; Red striking Blue lately, with Blue losing on
    the ground there, lowers only what Blue settles for: the room grows, and
    Red's own demand does not change."""
    rows, tr, red, blue = np.array([0]), np.array([0]), np.array([0]), np.array([1])

    def room(r, s):
        return 1.0 - reservation(r, s, rows, tr, red)[0] - reservation(r, s, rows, tr, blue)[0]

    r = scenario(open_talks(progress=45, trust=50)).rules
    s = start_game(r, 0).state
    before = room(r, s)
    strong = start_game(r, 0).state
    strong.leverage[0, 0] = 90.0
    assert abs(room(r, strong) - before) < 0.01
    want = demand(r, s, rows, tr, red)[0]
    s.last_strike[0, 0, 1] = s.last_strike[0, 3, 1] = 1  # Red and Grey struck Blue on turn 1
    struck = room(r, s)
    assert struck == pytest.approx(before + 2 * r.p("concession_struck"))
    assert demand(r, s, rows, tr, red)[0] == want
    s.forces[0, 0, 2], s.control[0, 2] = 40.0, 0  # Red holds the Border with 40; Blue has none there
    assert room(r, s) > struck + 0.05


def test_force_against_a_side_still_talking_before_a_deadline_is_bad_faith():
    """Blue holds Red's Border and has just negotiated with Red in the Border
    talks. Red striking Blueland now costs Red reputation and support as bad
    faith (the ledger says so); had Red first given Blue an ultimatum whose
    deadline has come, the same strike carries no such cost."""
    regions = base()["regions"]
    regions[2].update({"owner": "red", "control": "blue", "forces": {"blue": 10}})
    r = scenario({**open_talks(progress=45, trust=50), "regions": regions}).rules
    red = r.actor_index("red")

    def bad_faith_entries(turns):
        ledger = Ledger()
        run(r, turns, ledger=ledger)
        return [e for e in ledger.entries if e.cause.source == "bad_faith"]

    talking = bad_faith_entries([{"blue": ["negotiate talks"]}, {"red": ["strike blueland"]}])
    assert {e.quantity for e in talking} == {"reputation", "support"}
    assert all(e.delta < 0 and e.subject == (red,) for e in talking)
    silent = bad_faith_entries([{}, {"red": ["strike blueland"]}])
    assert silent == []
    deadline = int(r.p("ultimatum_deadline"))
    warned = [{"red": ["ultimatum blue"]}] + [{"blue": ["negotiate talks"]}] * deadline
    assert bad_faith_entries([*warned, {"blue": ["negotiate talks"], "red": ["strike blueland"]}]) == []


def test_bad_faith_names_the_striker_when_others_strike_the_same_turn():
    """Red and Grey both strike Blueland; only Grey has talks with Blue, in
    which Blue has just negotiated. The ledger charges bad faith to Grey
    alone, naming Grey, in every game of a batch."""
    regions = base()["regions"]
    regions[2].update({"owner": "grey", "control": "blue", "forces": {"blue": 10}})
    data = open_talks(progress=45, trust=50)
    data["tracks"][0]["parties"] = ["grey", "blue"]
    r = scenario({**data, "regions": regions}).rules
    ledger = Ledger()
    run(
        r,
        [{"blue": ["negotiate talks"]}, {"red": ["strike blueland"], "grey": ["strike blueland"]}],
        batch=3,
        ledger=ledger,
    )
    entries = [e for e in ledger.entries if e.cause.source == "bad_faith"]
    grey = r.actor_index("grey")
    assert {e.game for e in entries} == {0, 1, 2}
    assert all(e.cause.actor == grey and e.subject == (grey,) for e in entries)


def test_sanctions_raise_need_in_the_targets_own_regions():
    """Red and Grey sanction Blue: each turn humanitarian need rises in
    Blueland and the Border, which Blue holds, and not in Redland."""
    r = scenario().rules
    s0 = start_game(r, 0).state
    s = run(r, [{"red": ["sanctions blue"], "grey": ["sanctions blue"]}, {}, {}])
    g = {reg.id: k for k, reg in enumerate(r.regions)}
    assert s.need[0, g["blueland"]] > s0.need[0, g["blueland"]] + 2
    assert s.need[0, g["border"]] > s0.need[0, g["border"]] + 2
    assert s.need[0, g["redland"]] <= s0.need[0, g["redland"]] + 0.5


# ------------------------------------------------------------------ stocks
def test_leverage_from_a_show_of_force_fades_back_to_what_the_position_is_worth():
    """Red makes one show of force against Blue and then waits: its leverage
    jumps, then drifts back most of the way to its baseline within six turns."""
    r = scenario().rules
    red = r.actor_index("red")
    s = run(r, [{"red": ["show_of_force blue"]}])
    jump = s.leverage[0, red] - leverage_baseline(r, s)[0, red]
    assert jump > 2
    s = run(r, [{}] * 6, state=s)
    assert abs(s.leverage[0, red] - leverage_baseline(r, s)[0, red]) < 0.3 * jump


def test_a_deploy_and_withdraw_loop_gains_nothing():
    """Red deploys to Redland and withdraws again, four times over. It ends
    with no more leverage than if it had deployed once and stayed, and with
    no more support at home than if it had done nothing: forces count while
    they stay, and bringing them home from one's own ground pleases no one."""
    r = scenario().rules
    red = r.actor_index("red")
    loop = run(r, [{"red": ["deploy redland"]}, {"red": ["withdraw redland"]}] * 4)
    stay = run(r, [{"red": ["deploy redland"]}] + [{}] * 7)
    idle = run(r, [{}] * 8)
    assert loop.leverage[0, red] <= stay.leverage[0, red]
    assert loop.support[0, red] <= idle.support[0, red] + 1e-9


def test_an_impose_and_lift_sanctions_loop_gains_nothing():
    """Red imposes sanctions on Blue, lifts them and imposes them again, four
    times over. Each imposition after the first is no news: Blue's leverage
    ends no lower than under sanctions imposed once and kept, and Red's own
    leverage no higher; the ledger shows the shock of the announcement once."""
    r = scenario().rules
    red, blue = r.actor_index("red"), r.actor_index("blue")
    ledger = Ledger()
    loop = run(r, [{"red": ["sanctions blue"]}, {"red": ["lift_sanctions blue"]}] * 4, ledger=ledger)
    kept = run(r, [{"red": ["sanctions blue"]}] + [{}] * 7)
    assert loop.leverage[0, blue] >= kept.leverage[0, blue]
    assert loop.leverage[0, red] <= kept.leverage[0, red]
    shocks = [e for e in ledger.query("leverage", (blue,)) if e.cause.source == "sanctions" and e.delta < 0]
    assert len(shocks) == 1
    # Imposed again once the renewal window has passed, they are news again.
    wait = [{"red": ["sanctions blue"]}, {"red": ["lift_sanctions blue"]}] + [{}] * 5
    again = run(r, wait + [{"red": ["sanctions blue"]}])
    assert again.leverage[0, blue] < run(r, wait + [{}]).leverage[0, blue] - 1.0


def test_repeating_one_order_on_one_target_yields_less_each_time():
    """Red meets Grey at a summit every turn (relations made warm): the
    reputation each summit brings shrinks from one turn to the next."""
    data = base()
    data["relations"].append({"between": ["red", "grey"], "value": 20})
    r = scenario({"relations": data["relations"]}).rules
    red = r.actor_index("red")
    ledger = Ledger()
    run(r, [{"red": ["summit grey"]}] * 4, ledger=ledger)
    gains = [e.delta for e in ledger.query("reputation", (red,)) if e.cause.source == "summit"]
    assert len(gains) == 4
    assert all(b < a for a, b in zip(gains, gains[1:]))
    assert gains[-1] < 0.5 * gains[0]


def test_tension_stays_high_while_a_region_is_occupied():
    """Red occupies the Border. Even with summits between others every turn,
    world tension does not fall below its floor for occupation; once Red is
    gone it eases below it."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}})
    data["relations"].append({"between": ["green", "grey"], "value": 40})
    r = scenario({"regions": data["regions"], "relations": data["relations"], "tension": 60}).rules
    s = run(r, [{"green": ["summit grey"], "grey": ["summit green"]}] * 8)
    floor = r.p("tension_occupation")
    assert s.tension[0] >= floor - 1e-9
    s = run(r, [{"red": ["withdraw border"]}] + [{}] * 10, state=s)
    assert s.tension[0] < floor


def test_stability_is_capped_while_a_region_is_occupied():
    """Red occupies Blueland's Border region; Green's peacekeeping cannot go
    in, and stability stays at or below the cap for occupied regions however
    much humanitarian relief arrives (Red lets Green in as holder? no: an
    occupier cannot consent)."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}, "stability": 45})
    r = scenario({"regions": data["regions"]}).rules
    s = run(r, [{}] * 6)
    assert s.stability[0, 2] <= r.p("stability_occupied_cap") + 1e-6
    assert codes(r, s, "green", "peacekeeping border") == Reason.OCCUPIED


def test_an_occupation_costs_the_occupier_support_and_standing_every_turn():
    """Red holds Blue's Border by force. Each quiet turn Red's support and
    reputation fall for the occupation (the ledger names it); after Red
    withdraws they stop falling and drift back."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}})
    r = scenario({"regions": data["regions"]}).rules
    red = r.actor_index("red")
    ledger = Ledger()
    s = start_game(r, 0, ledger=ledger).state
    for _ in range(4):
        s = resolve_turn(r, s, orders(r, 1), ledger).state
    assert s.support[0, red] < 60 - 3 * abs(r.p("occupation_support")) + 1.0
    assert s.reputation[0, red] < 60
    costs = [e for e in ledger.entries if e.cause.source == "occupation_cost"]
    assert {e.quantity for e in costs} == {"support", "reputation"} and len(costs) == 8
    s = run(r, [{"red": ["withdraw border"]}], state=s)
    low = float(s.support[0, red])
    s = run(r, [{}] * 3, state=s)
    assert s.support[0, red] > low


def test_a_strong_occupier_bears_the_occupation_better():
    """Red holds Blue's Border by force, with leverage 40 and with 100. The
    weak occupier pays the whole cost of the occupation each turn
    (``occupation_support``, ``occupation_reputation``); the strong one pays
    ``occupation_relief`` less of it (all of it relieved at the default 1 —
    here set to 0.6, so 40% of the cost remains), and the ledger names the cost."""
    costs = {}
    for lev in (40, 100):
        data = base()
        data["regions"][2].update({"control": "red", "forces": {"red": 20}})
        for a in data["actors"]:
            if a["id"] == "red":
                a["leverage"] = lev
        r = scenario(
            {"regions": data["regions"], "actors": data["actors"], "rules": {"params": {"occupation_relief": 0.6}}}
        ).rules
        red = r.actor_index("red")
        ledger = Ledger()
        s = start_game(r, 0, ledger=ledger).state
        resolve_turn(r, s, orders(r, 1), ledger)
        paid = [e for e in ledger.entries if e.cause.source == "occupation_cost" and e.quantity == "support"]
        assert len(paid) == 1 and paid[0].subject[0] == red
        costs[lev] = paid[0].delta
    assert costs[40] == pytest.approx(r.p("occupation_support"))
    assert costs[100] == pytest.approx(0.4 * r.p("occupation_support"))


def test_force_against_an_occupier_on_ones_own_ground_is_self_defence():
    """Red occupies Blue's Border. Blue's strike there costs the reputation of
    self-defence, not of unilateral force; Green, coming to Blue's aid
    without a Council mandate, pays the full price of unilateral force."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}})
    data["actors"][2]["budget"] = 12
    r = scenario({"regions": data["regions"], "actors": data["actors"]}).rules
    labels = {}
    for who in ("blue", "green"):
        ledger = Ledger()
        s0 = start_game(r, 0, ledger=ledger).state
        resolve_turn(r, s0, orders(r, 1, **{who: ["strike border"]}), ledger)
        labels[who] = [
            e.cause.text for e in ledger.entries if e.quantity == "reputation" and e.cause.text.startswith("strike on")
        ]
    assert labels["blue"] and all("in self-defence" in t for t in labels["blue"])
    assert labels["green"] and all("without a Security Council mandate" in t for t in labels["green"])


# ------------------------------------------------------------------ legitimacy and access
def test_crisis_response_and_relief_need_access():
    """The Border, occupied by Red and in crisis, is closed to Green's crisis
    response and relief (no access); once the Council mandates peacekeepers
    there, Green has access."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}, "stability": 20, "need": 50})
    r = scenario({"regions": data["regions"]}).rules
    s = start_game(r, 0).state
    assert codes(r, s, "green", "crisis_response border") == Reason.NO_ACCESS
    assert codes(r, s, "green", "humanitarian border") == Reason.NO_ACCESS
    s.mandate_pk[0, 2] = True
    assert codes(r, s, "green", "crisis_response border") == Reason.OK
    assert codes(r, s, "green", "humanitarian border") == Reason.OK


def test_a_mandated_strike_is_not_outrage_whoever_sent_peacekeepers():
    """Grey's peacekeepers stand in Blueland. A strike by Red on Blueland
    without a mandate is international outrage; the same strike under a
    Council mandate against Blue is not."""
    data = base()
    data["regions"][1]["peacekeepers"] = {"grey": 5}
    r = scenario({"regions": data["regions"]}).rules
    for mandated in (False, True):
        ledger = Ledger()
        s0 = start_game(r, 0, ledger=ledger).state
        s0.mandate_force[0, r.actor_index("blue")] = mandated
        resolve_turn(r, s0, orders(r, 1, red=["strike blueland"]), ledger)
        outrage = [e for e in ledger.entries if e.cause.source == "outrage"]
        assert bool(outrage) == (not mandated)


def test_a_summit_needs_warm_relations_and_a_summit_with_an_aggressor_costs_standing():
    """Red (relations with Blue -40) cannot hold a summit with Blue. Green,
    on warm terms with Red, meets Red while Red occupies the Border: Green's
    reputation falls instead of rising, and Blue, the victim, regards Green
    worse."""
    data = base()
    data["regions"][2].update({"control": "red", "forces": {"red": 20}})
    data["relations"].append({"between": ["green", "red"], "value": 40})
    r = scenario({"regions": data["regions"], "relations": data["relations"]}).rules
    s0 = start_game(r, 0).state
    assert codes(r, s0, "red", "summit blue") == Reason.RELATIONS_TOO_LOW
    green, blue = r.actor_index("green"), r.actor_index("blue")
    s = run(r, [{"green": ["summit red"]}])
    idle = run(r, [{}])
    assert s.reputation[0, green] < idle.reputation[0, green]
    assert s.relations[0, blue, green] < idle.relations[0, blue, green]


def test_a_show_of_force_deters_a_rival_and_impresses_no_friend():
    """Red (relations with Blue -40) makes a show of force against Blue: its
    leverage rises by the action's full amount. The same show of force
    against Green, on friendly terms with Red (relations 40), gains nothing,
    and still costs Green's regard."""
    data = base()
    data["relations"].append({"between": ["green", "red"], "value": 40})
    r = scenario({"relations": data["relations"]}).rules
    act = r.actions[r.action_index("show_of_force")]
    gain = {}
    for target in ("blue", "green"):
        ledger = Ledger()
        s0 = start_game(r, 0, ledger=ledger).state
        resolve_turn(r, s0, orders(r, 1, red=[f"show_of_force {target}"]), ledger)
        mine = [e for e in ledger.entries if e.cause.source == "show_of_force" and e.quantity == "leverage"]
        gain[target] = sum(e.delta for e in mine if e.subject == (r.actor_index("red"),))
        regard = [e for e in ledger.entries if e.quantity == "relations" and e.cause.source == "show_of_force"]
        assert any(e.delta < 0 for e in regard)
    assert gain["blue"] == pytest.approx(act.p("leverage"))
    assert gain["green"] == 0.0


# ------------------------------------------------------------------ alliances
def test_an_alliance_needs_a_shared_threat_or_close_friendship():
    """Green and Grey (relations 40) cannot ally while no one threatens both;
    once both regard Red as hostile they can."""
    data = base()
    data["relations"].append({"between": ["green", "grey"], "value": 40})
    r = scenario({"relations": data["relations"]}).rules
    s = start_game(r, 0).state
    assert codes(r, s, "green", "alliance grey") == Reason.NO_SHARED_THREAT
    g, y, red = r.actor_index("green"), r.actor_index("grey"), r.actor_index("red")
    s.relations[0, g, red] = s.relations[0, y, red] = -50
    assert codes(r, s, "green", "alliance grey") == Reason.OK


def test_allies_must_answer_an_attack_and_attacking_an_alliance_costs_more():
    """Blue and Green are allies. Red strikes Blueland: Red loses more leverage
    than striking an unallied Blue would cost, and Green must answer. Green
    does nothing for three turns: it loses reputation and Blue's regard. In
    another game Green imposes sanctions on Red and keeps both."""
    alliances = [{"id": "north", "name": "North Pact", "members": ["blue", "green"]}]
    allied = scenario({"alliances": alliances}).rules
    alone = scenario().rules
    red, blue, green = (allied.actor_index(x) for x in ("red", "blue", "green"))
    hit = run(allied, [{"red": ["strike blueland"]}], batch=200)
    hit_alone = run(alone, [{"red": ["strike blueland"]}], batch=200)
    assert hit.leverage[:, red].mean() < hit_alone.leverage[:, red].mean() - 1
    assert (hit.obligation[:, green, red] >= 0).all()
    idle = run(allied, [{"red": ["strike blueland"]}, {}, {}, {}])
    answered = run(allied, [{"red": ["strike blueland"]}, {"green": ["sanctions red"]}, {}, {}])
    assert idle.reputation[0, green] < answered.reputation[0, green] - 3
    assert idle.relations[0, blue, green] < answered.relations[0, blue, green] - 5
    assert answered.obligation[0, green, red] == -1
