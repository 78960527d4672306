"""A role's objective as its seat sees it: each victory and defeat condition,
whether it holds now, its current value, and a warning when one is slipping.

The conditions are the engine's own (the role's ``victory`` and ``defeat``
trees, and the support floor below which any leadership falls), evaluated by
the engine's own :meth:`Condition.evaluate` on the seat's view of the game
(fog of war: another actor's hidden values are the seat's estimates; once
the game is over, on the game itself, every value revealed). Front
ends lay these out; they compute nothing.

Also here, for the same front ends: which way a value is good for a role
(:func:`stance`), and the chance an order succeeds (:func:`odds`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from game.core.actions.common import possessive
from game.core.conditions import QUANTITIES, All, Compare, Condition, Const, Not, Op, Ref
from game.core.conditions import Any as AnyOf
from game.core.spec import TrackStatus

if TYPE_CHECKING:
    from game.session.game import Game, PlayerView

NEAR = 5.0
"""A condition within this many points of failing (or, for a defeat, of
holding) and moving the wrong way is slipping."""

OP_WORD = {Op.GE: "at least", Op.GT: "above", Op.LE: "at most", Op.LT: "below", Op.EQ: "", Op.NE: "not"}
WORD = {"need": "humanitarian need", "tension": "world tension", "strength": "military strength"}
STATUS_WORD = {
    TrackStatus.INACTIVE: "not opened",
    TrackStatus.OPEN: "open",
    TrackStatus.AGREED: "agreed",
    TrackStatus.BROKEN: "broken off",
}


@dataclass(frozen=True)
class Check:
    """One condition of an objective: a comparison (a leaf) or all/any/none of
    several. ``holds`` is the engine's evaluation of it on the seat's view."""

    kind: str
    """'leaf', 'all' (every item), 'any' (one item is enough) or 'not'."""
    text: str
    """The condition in words: "your leverage at least 42", "one of"."""
    holds: bool
    items: tuple["Check", ...] = ()
    quantity: str = ""
    subject: tuple[int, ...] = ()
    value: float | None = None
    """The value the leaf compares, as the seat sees it (None for a group)."""
    target: float = 0.0
    op: str = ""
    now: str = ""
    """The current value in words: "38", "≈61" (an estimate), "held by Northland", "open"."""
    exact: bool = True
    """Whether the value is seen as it is (not an estimate): only then is 'why' offered."""
    warning: str = ""
    """Set when the condition is slipping: "leverage 38, needs at least 42 (▼3 last turn)"; never once the
    game is over."""

    def leaves(self) -> Iterator["Check"]:
        if self.kind == "leaf":
            yield self
        for c in self.items:
            yield from c.leaves()


@dataclass(frozen=True)
class Objectives:
    """A role's objective now: the victory it needs and the defeat it must avoid."""

    role: int
    actor: int
    victory: Check
    defeat: Check
    victory_text: str = ""
    defeat_text: str = ""
    over: bool = False
    outcome: int = 0
    warnings: tuple[str, ...] = field(default=())

    def leaves(self) -> list[Check]:
        return list(self.victory.leaves()) + list(self.defeat.leaves())


def _names(game: "Game", actor: int) -> tuple:
    r = game.rules

    def actor_name(a: int) -> str:
        return "you" if a == actor else r.actors[a].name

    return r, actor_name


def _subject(ref: Ref) -> tuple[int, ...]:
    from game.core.conditions import ARITY

    return tuple(int(k) for k in (ref.i, ref.j)[: ARITY[ref.spec.table]])


def shown(c: Compare, value: float) -> str:
    """A value as the window shows values (whole numbers), with a tenth where
    the whole number would seem to meet a line the value misses (19.6 against
    'at least 20'), or the other way round."""
    whole = f"{value:.0f}"
    w = float(whole)
    ops = {Op.GE: value >= c.value, Op.GT: value > c.value, Op.LE: value <= c.value, Op.LT: value < c.value}
    ops_whole = {Op.GE: w >= c.value, Op.GT: w > c.value, Op.LE: w <= c.value, Op.LT: w < c.value}
    if c.op in ops and ops[c.op] != ops_whole[c.op]:
        return f"{value:.1f}"
    return whole


def _leaf_words(game: "Game", actor: int, c: Compare, value: float, exact: bool) -> tuple[str, str]:
    """(the condition in words, the current value in words)."""
    r, who = _names(game, actor)
    q, subj, v = c.ref.quantity, _subject(c.ref), c.value
    op = OP_WORD[c.op]
    num = lambda x: f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"
    now = ("" if exact else "≈") + shown(c, value)
    if q == "control":
        region = r.regions[subj[0]].name
        holder = r.actors[int(v)].name if v >= 0 else "no one"
        text = f"{region} held by {holder}" if c.op == Op.EQ else f"{region} not held by {holder}"
        return text, f"held by {r.actors[int(value)].name}" if value >= 0 else "held by no one"
    if q == "status":
        track = r.tracks[subj[0]].name
        word = STATUS_WORD[TrackStatus(int(v))]
        text = f"{track} {word}" if c.op == Op.EQ else f"{track} not {word}"
        return text, STATUS_WORD[TrackStatus(int(value))]
    if q == "terms":
        track = r.tracks[subj[0]]
        first = who(int(track.parties[0]))
        status = int(game.value("status", subj[0]))
        now = now if status == TrackStatus.AGREED else "no agreement yet"
        share = f"{first}r share" if first == "you" else f"{possessive(first)} share"
        return f"{share} of an agreement in the {track.name} {op} {num(v)}", now
    if q == "turn":
        words = {Op.GE: f"from turn {num(v)}", Op.GT: f"after turn {num(v)}", Op.LE: f"until turn {num(v)}"}
        words |= {Op.LT: f"before turn {num(v)}", Op.EQ: f"on turn {num(v)}", Op.NE: f"not on turn {num(v)}"}
        return words[c.op], f"turn {num(value)}"
    spec = QUANTITIES[q]
    yes = _switch(c)
    if q == "flag" and yes is not None:
        name = r.flags[subj[0]].replace("_", " ") if subj and subj[0] < len(r.flags) else "flag"
        return (name if yes else f"not {name}"), ("yes" if value >= 1 else "no")
    if q == "flag":
        name = r.flags[subj[0]].replace("_", " ") if subj and subj[0] < len(r.flags) else "flag"
        return f"{name} {op or '='} {num(v)}", num(value)
    if spec.integer and spec.hi == 1 and yes is not None:
        names = [r.actors[subj[0]].name if spec.table in ("actor", "pair", "actor_region", "alliance") else ""]
        if spec.table == "region":
            names = [r.regions[subj[0]].name]
        base = {
            "condemned": "{0} condemned by the Security Council",
            "un_sanctions": "{0} under the Security Council's sanctions",
            "mandate_force": "force authorised against {0}",
            "crisis": "{0} in crisis",
            "post_conflict": "{0} post-conflict",
            "mandate_pk": "a peacekeeping mandate for {0}",
        }.get(q, "")
        if spec.table == "alliance":
            base = f"{who(subj[0])} a member of {r.alliances[subj[1]].name}"
        elif spec.table == "pair":
            base = f"{r.actors[subj[0]].name} sanctions {who(subj[1])}"
        elif q == "consent":
            base = f"consent for {who(subj[0])} in {r.regions[subj[1]].name}"
        elif base:
            base = base.format(*names)
        else:
            base = f"{spec.description} ({game.name_of(q, subj)})"
        return (base if yes else f"not: {base}"), ("yes" if value >= 1 else "no")
    word = WORD.get(q, q)
    table = spec.table
    if table == "actor":
        owner = "your" if subj[0] == actor else possessive(r.actors[subj[0]].name)
        what = f"{owner} {word}"
    elif table == "pair":
        what = f"relations of {r.actors[subj[0]].name} with {who(subj[1])}"
    elif table == "actor_region":
        owner = "your" if subj[0] == actor else possessive(r.actors[subj[0]].name)
        what = f"{owner} {word} in {r.regions[subj[1]].name}"
    elif table == "global":
        what = word
    else:
        what = f"{word} of {game.name_of(q, subj)}"
    return f"{what} {op or '='} {num(v)}", now


def _switch(c: Compare) -> bool | None:
    """For a yes-or-no value: whether the comparison asks for yes (True) or no (False); None for a number."""
    q = QUANTITIES[c.ref.quantity]
    if not (q.integer and q.hi == 1) and c.ref.quantity != "flag":
        return None
    v, op = c.value, c.op
    if (op == Op.EQ and v == 1) or (op == Op.NE and v == 0) or (op == Op.GE and v == 1) or (op == Op.GT and v == 0):
        return True
    if (op == Op.EQ and v == 0) or (op == Op.NE and v == 1) or (op == Op.LE and v == 0) or (op == Op.LT and v == 1):
        return False
    return None


def _short(game: "Game", actor: int, c: Compare) -> str:
    """The value's short name for a warning: "leverage", "Iraq's strength", "stability of Kuwait"."""
    r = game.rules
    q, subj = c.ref.quantity, _subject(c.ref)
    word = WORD.get(q, q)
    table = QUANTITIES[q].table
    if table == "actor":
        return word if subj[0] == actor else f"{possessive(r.actors[subj[0]].name)} {word}"
    if table == "global":
        return word
    return f"{word} of {game.name_of(q, subj)}"


def _delta(game: "Game", quantity: str, subject: tuple[int, ...]) -> float | None:
    if len(game.history) < 2 or quantity not in game.history[-1]:
        return None
    return game.delta(quantity, *subject)


def _warning(game: "Game", actor: int, c: Compare, value: float, holds: bool, defeat: bool, exact: bool) -> str:
    """Words for a slipping comparison (a number moving the wrong way near or past its line), else ''."""
    if (
        game.over
        or c.op not in (Op.GE, Op.GT, Op.LE, Op.LT)
        or not exact
        or c.ref.quantity in ("turn", "terms", "flag")
    ):
        return ""
    d = _delta(game, c.ref.quantity, _subject(c.ref))
    if d is None or abs(d) < 0.05:
        return ""
    up = c.op in (Op.GE, Op.GT)  # the comparison holds above its line
    gap = (value - c.value) if up else (c.value - value)
    from game.session.fmt import arrow

    name = _short(game, actor, c)
    if not defeat:
        worse = d < 0 if up else d > 0
        if worse and (not holds or gap <= NEAR):
            return f"{name} {value:.0f}, needs {OP_WORD[c.op]} {c.value:.0f} ({arrow(d)} last turn)"
        return ""
    # A defeat condition slips as it comes closer to holding.
    closer = d > 0 if up else d < 0
    if closer and (holds or gap >= -NEAR):
        limit = {Op.LT: "at least", Op.LE: "above", Op.GE: "below", Op.GT: "at most"}[c.op]
        return f"{name} {value:.0f}, must stay {limit} {c.value:.0f} ({arrow(d)} last turn)"
    return ""


def _check(game: "Game", pv: "PlayerView", actor: int, cond: Condition, defeat: bool) -> Check:
    st = pv.state
    holds = bool(cond.evaluate(st)[0])
    if isinstance(cond, Compare):
        subj = _subject(cond.ref)
        value = float(cond.ref.read(st)[0])
        exact = pv.exact(cond.ref.quantity, *subj) if cond.ref.quantity != "flag" else True
        text, now = _leaf_words(game, actor, cond, value, exact)
        return Check(
            "leaf",
            text,
            holds,
            quantity=cond.ref.quantity,
            subject=subj,
            value=value,
            target=float(cond.value),
            op=cond.op.value,
            now=now,
            exact=exact,
            warning=_warning(game, actor, cond, value, holds, defeat, exact),
        )
    if isinstance(cond, (All, AnyOf)):
        items = tuple(_check(game, pv, actor, c, defeat) for c in cond.items)
        if len(items) == 1:
            return items[0]
        kind = "all" if isinstance(cond, All) else "any"
        if kind == "any" and not defeat:
            # One way is enough: while one holds, only a slipping one of those that hold matters;
            # while none holds, no single way is a warning of its own.
            items = tuple(c if c.holds else _quiet(c) for c in items)
        return Check(kind, "all of" if kind == "all" else "one of", holds, items)
    if isinstance(cond, Not):
        inner = _check(game, pv, actor, cond.item, not defeat)
        return Check("not", "none of", holds, (inner,))
    if isinstance(cond, Const):
        return Check("leaf", "always" if cond.value else "never", holds)
    return Check("leaf", type(cond).__name__, holds)


def _quiet(c: Check) -> Check:
    from dataclasses import replace

    return replace(c, warning="", items=tuple(_quiet(x) for x in c.items))


def objectives(game: "Game", actor: int) -> Objectives | None:
    """The objective of the role ``actor`` plays, as its seat sees it now (None: no role)."""
    k = game.role_index(actor)
    if k is None:
        return None
    r = game.rules
    role = r.roles[k]
    pv = game.view(actor)
    if game.over:
        # The game is over: every value is revealed, and the objective is judged as the engine judged it.
        from game.session.game import PlayerView

        pv = PlayerView(actor, game.state, np.ones(r.n_actors, bool))
    victory = _check(game, pv, actor, role.victory, defeat=False)
    parts = [_check(game, pv, actor, role.defeat, defeat=True)] if role.defeat != Const(False) else []
    floor = float(r.p("support_floor"))
    if floor > 0:
        parts.append(_check(game, pv, actor, support_floor(game, actor), defeat=True))
    if len(parts) == 1:
        defeat = parts[0]
    else:
        defeat = Check("any", "one of", any(p.holds for p in parts), tuple(parts))
    warnings = tuple(c.warning for c in list(victory.leaves()) + list(defeat.leaves()) if c.warning)
    return Objectives(
        k,
        actor,
        victory,
        defeat,
        role.victory_text,
        role.defeat_text,
        game.over,
        int(game.state.outcome[0, k]),
        warnings,
    )


def support_floor(game: "Game", actor: int) -> Compare:
    """The defeat every role shares: support at home below the floor (the engine's end checks)."""
    return Compare(Ref("support", actor), Op.LT, float(game.rules.p("support_floor")))


# ---------------------------------------------------------------- good or bad


def stance(game: "Game", actor: int, quantity: str, subject: tuple[int, ...]) -> int:
    """Which way a change of a value is good for the role ``actor`` plays:
    +1 a rise is good, -1 a fall is good, 0 neither (or both). Read from the
    role's score terms and the comparisons of its victory (a value it needs
    above a line should rise) and defeat (the other way); failing those, the
    actor's own values, the others' regard for it and the humanitarian need
    and world tension (lower is better)."""
    k = game.role_index(actor)
    votes = 0.0
    if k is not None:
        role = game.rules.roles[k]
        for t in role.score:
            if t.ref.quantity == quantity and _subject(t.ref) == subject:
                votes += np.sign(t.weight)
        for cond, sign in ((role.victory, 1.0), (role.defeat, -1.0)):
            for leaf in compares(cond):
                if leaf.ref.quantity != quantity or _subject(leaf.ref) != subject:
                    continue
                if leaf.op in (Op.GE, Op.GT):
                    votes += sign
                elif leaf.op in (Op.LE, Op.LT):
                    votes -= sign
    if votes:
        return int(np.sign(votes))
    table = QUANTITIES[quantity].table
    if (
        table == "actor"
        and subject == (actor,)
        and quantity
        in (
            "leverage",
            "reputation",
            "support",
            "strength",
            "readiness",
            "budget",
        )
    ):
        return 1
    if table == "pair" and len(subject) == 2 and subject[1] == actor:
        return 1
    if table == "actor_region" and subject and subject[0] == actor and quantity in ("forces", "peacekeepers"):
        return 1
    if quantity in ("need", "tension"):
        return -1
    return 0


def compares(cond: Condition, negated: bool = False) -> Iterator[Compare]:
    """The comparisons of a condition, with Not flipping their direction."""
    if isinstance(cond, Compare):
        if not negated:
            yield cond
        else:
            flip = {Op.GE: Op.LT, Op.GT: Op.LE, Op.LE: Op.GT, Op.LT: Op.GE, Op.EQ: Op.NE, Op.NE: Op.EQ}
            yield Compare(cond.ref, flip[cond.op], cond.value)
    elif isinstance(cond, (All, AnyOf)):
        for c in cond.items:
            yield from compares(c, negated)
    elif isinstance(cond, Not):
        yield from compares(cond.item, not negated)


# ---------------------------------------------------------------- odds


@dataclass(frozen=True)
class Odds:
    """The chance an order does what it is for, as its actor can judge it."""

    kind: str
    """'strike', 'proposal' or 'draft'."""
    chance: float
    """Strike: the chance it succeeds; proposal: that the counterpart accepts; draft: that it is adopted."""
    answer: str = ""
    """A proposal: the counterpart's expected answer ("likely to accept", "may accept", "likely to refuse")."""
    counterpart: int = -1
    terms: float = 0.5
    """A proposal: the proposer's share of the terms it would put on the table."""
    why: str = ""
    """A proposal: why the counterpart holds out for what it does, in words (the engine's reasons)."""


def answer_words(p: float) -> str:
    """The counterpart's expected answer to a proposal accepted with chance ``p``
    (the words of the engine's own prediction notes)."""
    return "likely to accept" if p >= 0.7 else "may accept" if p >= 0.3 else "likely to refuse"


def odds(game: "Game", actor: int, option: int) -> Odds | None:
    """The chance of success of a strike, of acceptance of a proposal, of
    adoption of a Council draft, computed by the rules that play the order
    (a strike's odds with the defenders' readiness as ``actor`` knows it); None
    for any other order."""
    from game.core import bargain
    from game.core.actions.military import strike_odds
    from game.core.ctx import MEAN, Ctx, Entries
    from game.core.derived import other_of
    from game.core.spec import Kind

    r, s = game.rules, game.state
    act = r.actions[int(r.opt_action[option])]
    if act.kind == Kind.RESOLUTION:
        fc = game.council_forecast(option)
        return Odds("draft", fc[1]) if fc is not None else None
    e = Entries.for_options(r, np.zeros(1, np.int64), np.array([option], np.int64))
    if act.kind == Kind.STRIKE:
        ctx = Ctx(r, s, None, MEAN)
        p, _ = strike_odds(r, s, act, e, ctx.seen)
        return Odds("strike", float(p[0]))
    if act.kind == Kind.PROPOSE:
        x = bargain.offered(r, s, e.rows, e.track, e.actor)
        c = other_of(r, e.track, e.actor)
        p = float(bargain.acceptance(r, s, e.rows, e.track, c, x)[0])
        cp, k = int(c[0]), int(e.track[0])
        return Odds("proposal", p, answer_words(p), cp, float(x[0]), bargain.reasons(r, s, 0, k, cp))
    return None
