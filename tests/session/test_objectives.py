"""The objective a seat sees (its role's victory and defeat conditions, their
values, what is slipping), which way a value is good for a role, and the odds
of an order: all from the engine's own conditions and rules."""

from __future__ import annotations

import pytest

from game.core.conditions import Compare
from game.core.spec import Kind
from game.scenario.loader import load, shipped
from game.session.game import Game, IllegalOrder
from game.session.objectives import Check, answer_words

SHIPPED = [sid for sid, _ in shipped()]


def _leaves_of(cond):
    if isinstance(cond, Compare):
        return [cond]
    items = getattr(cond, "items", None)
    if items is not None:
        return [c for x in items for c in _leaves_of(x)]
    item = getattr(cond, "item", None)
    return _leaves_of(item) if item is not None else []


@pytest.fixture(scope="module", params=SHIPPED)
def played(request) -> Game:
    """A shipped scenario played three turns by the computer."""
    game = Game.new(load(request.param), seed=7)
    for _ in range(3):
        game.end_turn()
    return game


def test_the_tracker_is_the_engines_evaluation_of_each_roles_conditions(played):
    g = played
    floor = g.rules.p("support_floor")
    for k, role in enumerate(g.rules.roles):
        o = g.objectives(role.actor)
        seen = g.view(role.actor).state
        assert o.role == k
        # Win and loss as the engine judges them, on what the seat sees.
        assert o.victory.holds == bool(role.victory.evaluate(seen)[0])
        lost = role.defeat.evaluate(seen) | (seen.support[:, role.actor] < floor)
        assert o.defeat.holds == bool(lost[0])
        # Every comparison of the scenario's conditions is listed, with the value the engine compares.
        engine = _leaves_of(role.victory) + _leaves_of(role.defeat)
        shown = [c for c in o.leaves() if c.quantity]
        assert len(shown) == len(engine) + 1  # and the support floor every role shares
        for leaf, c in zip(engine, shown):
            assert c.quantity == leaf.ref.quantity
            assert c.value == pytest.approx(float(leaf.ref.read(seen)[0]))
            assert c.holds == bool(leaf.evaluate(seen)[0])
            if c.exact:
                # What the seat sees exactly is the game's true value.
                assert c.value == pytest.approx(float(leaf.ref.read(g.state)[0]))
                assert c.holds == bool(leaf.evaluate(g.state)[0])
        assert shown[-1].quantity == "support" and shown[-1].value == pytest.approx(g.value("support", role.actor))
        assert all(c.text and c.now for c in shown)


def test_a_hidden_value_is_the_seats_estimate_and_says_so():
    g = Game.new(load("gulf-1990"), seed=3)
    usa, iraq = g.rules.actor_index("usa"), g.rules.actor_index("iraq")
    o = g.objectives(usa)
    strength = next(c for c in o.leaves() if c.quantity == "strength" and c.subject == (iraq,))
    assert not strength.exact and strength.now.startswith("≈")
    assert strength.value == pytest.approx(g.view(usa).value("strength", iraq))
    mine = next(c for c in o.leaves() if c.quantity == "reputation")
    assert mine.exact and mine.now == f"{g.value('reputation', usa):.0f}"


def test_a_condition_slipping_away_is_a_warning_with_its_value_and_its_line():
    g = Game.new(load("gulf-1990"), seed=3)
    usa = g.rules.actor_index("usa")
    assert not g.objectives(usa).warnings
    # Reputation needs 65 or more: it falls from 66 to 62 over a turn.
    g.adjust("reputation", (usa,), 66, "test")
    g.end_turn()
    g.adjust("reputation", (usa,), 62, "test")
    o = g.objectives(usa)
    rep = next(c for c in o.leaves() if c.quantity == "reputation")
    assert not rep.holds
    assert rep.warning.startswith("reputation 62, needs at least 65")
    assert rep.warning in o.warnings
    # Rising back towards the line is no warning.
    g.end_turn()
    g.adjust("reputation", (usa,), 64, "test")
    assert not next(c for c in g.objectives(usa).leaves() if c.quantity == "reputation").warning


def test_the_support_floor_warns_as_support_nears_it():
    g = Game.new(load("tutorial"), seed=1)
    me = g.rules.actor_index("southland")
    floor = g.rules.p("support_floor")
    g.adjust("support", (me,), floor + 8, "test")
    g.end_turn()
    g.adjust("support", (me,), floor + 2, "test")
    o = g.objectives(me)
    sup = [c for c in o.leaves() if c.quantity == "support"][-1]
    assert not sup.holds and "must stay at least" in sup.warning


def test_which_way_is_good_comes_from_the_role():
    g = Game.new(load("gulf-1990"), seed=1)
    r = g.rules
    usa, iraq = r.actor_index("usa"), r.actor_index("iraq")
    kuwait = next(i for i, reg in enumerate(r.regions) if reg.id == "kuwait")
    assert g.stance(usa, "leverage", (usa,)) == 1
    assert g.stance(usa, "strength", (iraq,)) == -1  # its victory needs Iraq's strength at most 65
    assert g.stance(iraq, "strength", (iraq,)) == 1
    assert g.stance(usa, "relations", (iraq, usa)) == 1
    assert g.stance(usa, "need", (kuwait,)) == -1
    assert g.stance(usa, "leverage", (iraq,)) == 0


def test_the_chance_of_a_strike_is_the_one_its_prediction_weighs():
    g = Game.new(load("tutorial"), seed=1)
    r = g.rules
    me = r.actor_index("southland")
    strikes = [v for v in g.options(me) if v.legal and r.actions[r.opt_action[v.option]].kind == Kind.STRIKE]
    assert strikes
    for v in strikes:
        odds = g.odds(me, v.option)
        assert odds.kind == "strike" and 0 < odds.chance < 1
        act = r.actions[r.opt_action[v.option]]
        expected = odds.chance * act.p("leverage_success") + (1 - odds.chance) * act.p("leverage_failure")
        assert v.prediction.mean[("leverage", (me,))] == pytest.approx(expected, abs=1e-6)


def test_the_counterparts_answer_to_a_proposal_is_the_engines():
    g = Game.new(load("tutorial"), seed=1)
    r = g.rules
    me, north = r.actor_index("southland"), r.actor_index("northland")
    g.adjust("status", (0,), 1, "test")
    g.adjust("progress", (0,), 60, "test")
    v = next(v for v in g.options(me) if v.legal and r.actions[r.opt_action[v.option]].kind == Kind.PROPOSE)
    odds = g.odds(me, v.option)
    assert odds.kind == "proposal" and odds.counterpart == north
    assert odds.answer == answer_words(odds.chance)
    # The prediction's note says the same answer, with the same reasons.
    assert any(odds.answer in n and odds.why in n for n in v.prediction.notes)


def test_the_chance_of_a_draft_is_the_councils_forecast():
    g = Game.new(load("gulf-1990"), seed=1)
    usa = g.rules.actor_index("usa")
    drafts = [v for v in g.options(usa) if g.council_forecast(v.option) is not None]
    assert drafts
    for v in drafts[:5]:
        assert g.odds(usa, v.option).chance == g.council_forecast(v.option)[1]
    others = [v for v in g.options(usa) if v.action in ("deploy", "humanitarian")]
    assert others and all(g.odds(usa, v.option) is None for v in others)


def test_a_check_lists_its_leaves_in_order():
    a = Check("leaf", "a", True)
    b = Check("leaf", "b", False)
    assert list(Check("all", "all of", False, (a, Check("any", "one of", False, (b,)))).leaves()) == [a, b]


def us_proposal_note(seed: int) -> str:
    """The preview's note of the one proposal the United States can make on turn 1 of Kosovo."""
    sc = load("kosovo-1999")
    usa = sc.rules.actor_index("usa")
    game = Game.new(sc, seed, humans=[usa])
    [view] = [v for v in game.options(usa) if v.action == "propose_agreement" and v.legal]
    [note] = view.prediction.notes
    return note


def test_a_proposals_preview_says_how_the_other_side_may_answer_in_plain_words():
    """The preview of a proposal names the counterpart and its likely answer ("Yugoslavia (Serbia) may accept", never
    "is may accept"), with its reasons."""
    note = us_proposal_note(5)
    answers = ("is likely to accept", "may accept", "is likely to refuse")
    assert any(f"Yugoslavia (Serbia) {a} (" in note for a in answers), note
    assert "is may" not in note and "its leverage is" in note


def test_a_proposals_preview_gives_the_terms_as_things_stand_and_says_when_they_are_set():
    """The terms of a proposal are worked out when the talks resolve, after the turn's military moves (in Kosovo on
    turn 1 Belgrade's can raise its leverage by 18): the preview gives today's terms as such."""
    note = us_proposal_note(1)
    assert note.startswith("terms ") and "as things stand (the terms are set after this turn's military moves)" in note


def test_an_order_to_counter_an_offer_already_accepted_is_refused_when_queued():
    """Belgrade's offer is on the table in Kosovo's October talks. The United States queues its acceptance; a
    counter-proposal on the same talks is then refused at once with the reason (it would replace the offer
    accepted), and the other way round."""
    sc = load("kosovo-1999")
    r = sc.rules
    usa, fry = r.actor_index("usa"), r.actor_index("fry")
    k = r.track_index("october")
    slug = {r.option_slug(o): o for o in r.options_of(usa)}
    accept, propose = slug["accept_agreement october"], slug["propose_agreement october"]
    for first, second, words in (
        (accept, propose, "you already accept the offer in the October agreement (verification)"),
        (propose, accept, "you already counter the offer in the October agreement (verification)"),
    ):
        game = Game.new(sc, 1, humans=[usa, fry])
        s = game.state
        s.track_status[0, k], s.progress[0, k] = 1, 60
        s.offer[0, k], s.offer_terms[0, k], s.offer_turn[0, k] = fry, 0.5, 0
        game.queue(usa, first)
        assert game.check(usa, second).startswith(words)
        with pytest.raises(IllegalOrder, match="already"):
            game.queue(usa, second)
        assert game.pending[usa] == [first]
