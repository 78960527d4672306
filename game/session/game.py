"""One game as people play it: orders by name, history, the ledger, saves.

A :class:`Game` wraps a batch of one. It keeps the orders of every turn (the
save file is the scenario, the seed, the settings and those orders), the news
and the history of every value for charts, and answers "why did this change?"
from the causal ledger. Controllers give the orders of the actors no human
plays.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from game.ai.controllers import Controller, Decision, PassController
from game.core.conditions import QUANTITIES
from game.core.engine import Prediction, legality, no_orders, predict, resolve_turn, scores, start_game
from game.core.ledger import Cause, CauseKind, Entry, Ledger
from game.core.observe import HIDDEN, sees, view
from game.core.reasons import REASON_TEXT, Reason
from game.core.spec import Category, Kind, Outcome, Rules
from game.core.state import State
from game.scenario.compile import Scenario
from game.scenario.difficulty import default_policy, rules_for

if TYPE_CHECKING:
    from game.session.objectives import Objectives, Odds

HISTORY_ACTOR = ("leverage", "reputation", "support", "strength", "readiness", "budget")
HISTORY_REGION = ("stability", "need", "control")


def adjust_problem(rules: Rules, quantity: str, subject: tuple[int, ...], value: float) -> str:
    """Why a value cannot be set by hand (a facilitator's adjustment, or one read from a save) to ``value``; ''
    when it can. A holder, a mediator or an offer is an actor's index: a region someone owns is always held by
    an actor, and a region nobody owns, a mediator and an offer may be no one (-1)."""
    q = QUANTITIES.get(quantity)
    if q is None:
        return f"unknown value '{quantity}'"
    if not (math.isfinite(value) and q.lo <= value <= q.hi):
        return f"{quantity} must be a number from {q.lo:g} to {q.hi:g}"
    if quantity in ("control", "mediator", "offer"):
        nobody = quantity != "control" or (bool(subject) and rules.regions[int(subject[0])].owner < 0)
        lo = -1 if nobody else 0
        if not (float(value).is_integer() and lo <= value < rules.n_actors):
            return (
                f"{quantity} must be an actor's number, 0 to {rules.n_actors - 1}"
                + (" (or -1: no one)" if nobody else "")
                + f", not {value:g}"
            )
    return ""


class IllegalOrder(Exception):
    """An order that cannot be given, with the reason in words."""


def read_value(state: State, quantity: str, subject: tuple[int, ...]) -> float:
    """A value of the (one-game) state: ``quantity`` of ``subject``."""
    q = QUANTITIES[quantity]
    arr = getattr(state, q.field)
    if q.table == "global":
        return float(state.turn if quantity == "turn" else arr[0])
    return float(arr[(0, *subject)])


@dataclass(frozen=True)
class PlayerView:
    """The game as one seat sees it (fog of war, rule 8): the public values
    as they are, another actor's hidden ones (support, strength, readiness,
    budget) as this seat's estimate unless it sees them exactly (itself, an
    ally, current intelligence). Front ends read other actors' hidden values
    through a view only, and offer "why" only on what the seat sees exactly."""

    viewer: int
    state: State
    """The state with the estimates in place of what the viewer cannot see."""
    exact_actors: np.ndarray
    """``[A]``: whether the viewer sees each actor's hidden values exactly."""

    def value(self, quantity: str, *subject: int) -> float:
        return read_value(self.state, quantity, subject)

    def exact(self, quantity: str, *subject: int) -> bool:
        """Whether the value is seen as it is (not an estimate)."""
        return quantity not in HIDDEN or QUANTITIES[quantity].table != "actor" or bool(self.exact_actors[subject[0]])


def _target_name(rules: Rules, option: int) -> str:
    """The lower-case name of what an option is aimed at ('' for none)."""
    o = rules.options[option]
    if o.region >= 0:
        return rules.regions[o.region].name.lower()
    if o.target >= 0:
        return rules.actors[o.target].name.lower()
    if o.track >= 0:
        return rules.tracks[o.track].name.lower()
    return ""


@dataclass
class OptionView:
    option: int
    slug: str
    label: str
    action: str
    category: Category
    cost: int
    reason: str
    prediction: Prediction | None = None
    number: int = 0
    """The option's number for its actor, the same all game (1 = the first of its catalog)."""

    @property
    def legal(self) -> bool:
        return not self.reason


@dataclass
class TurnRecord:
    turn: int
    orders: dict[int, list[int]]
    news: list[str]
    reasons: dict[int, list[str]] = field(default_factory=dict)
    rejected: list[tuple[int, int, str]] = field(default_factory=list)

    def carried_out(self) -> dict[int, list[int]]:
        """The public part of the turn's orders: each actor's orders that were
        carried out (a rejected order, and why, is its actor's own business)."""
        rejected = {(a, o) for a, o, _ in self.rejected}
        out = {a: [o for o in opts if (a, o) not in rejected] for a, opts in sorted(self.orders.items())}
        return {a: opts for a, opts in out.items() if opts}


AI_PLAYED = "played by the AI: the team had not ended the turn"
"""How every front end and report marks a human seat's orders that the AI gave because its team was late."""


@dataclass
class Game:
    scenario: Scenario
    seed: int
    rules: Rules
    state: State
    ledger: Ledger
    humans: tuple[int, ...]
    controllers: dict[int, Controller]
    difficulty: str = "normal"
    policies: dict[int, str] = field(default_factory=dict)
    opening_news: list[str] = field(default_factory=list)
    log: list[TurnRecord] = field(default_factory=list)
    history: list[dict[str, np.ndarray]] = field(default_factory=list)
    marks: list[int] = field(default_factory=list)
    """The ledger's length when each snapshot of ``history`` was taken."""
    pending: dict[int, list[int]] = field(default_factory=dict)
    sealed: set[int] = field(default_factory=set)
    """Hot-seat roles that have ended this turn: their pending orders wait,
    hidden from the others, until the last role ends it (kept in saves)."""
    interventions: list[dict[str, Any]] = field(default_factory=list)
    on_turn: list[Callable[["Game", TurnRecord], None]] = field(default_factory=list)
    facilitator: dict[str, str] | None = None
    """Salted hash of the facilitator's passphrase (see game.session.facilitator)."""
    paused: bool = False
    seal_key: bytes | None = field(default=None, repr=False)
    wrong_passphrases: int = 0
    """Wrong facilitator passphrases typed since the controls were last unlocked (in this session)."""
    """The key that seals the facilitator's record, known once the facilitator
    has given the passphrase in this session (never saved)."""
    record: Any = None
    """The facilitator record as loaded from a save (game.session.seal.Loaded), if any."""
    messages: list[dict[str, Any]] = field(default_factory=list)
    """Messages between teams (see game.session.messages): turn, from, to (None: public), text."""
    teams: dict[int, str] = field(default_factory=dict)
    """Team names of human seats (shown in the window, the terminal and the reports)."""
    reflections: list[dict[str, Any]] = field(default_factory=list)
    """Answers to "why did you choose this?": turn, actor id and text (kept in the save)."""
    played_by_ai: list[dict[str, Any]] = field(default_factory=list)
    """Turns on which the AI gave a team's orders because the team had not ended the turn when the classroom
    timer ran out: turn and actor id (kept in the save; the reports mark those orders as the AI's)."""
    origin: dict[str, Any] | None = None
    """For a branch: the game it was branched from ("game": its file name) and the turn ("turn")."""
    pacing: dict[str, int] | None = None
    """For a shortened game (game.session.pacing): the turns played and the scenario's own number."""

    # ------------------------------------------------------------ creation
    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int = 0,
        humans: tuple[int, ...] | list[int] = (),
        policies: dict[int, str] | None = None,
        difficulty: str = "normal",
        controllers: dict[int, Controller] | None = None,
    ) -> "Game":
        rules = rules_for(scenario, tuple(humans), difficulty)
        ledger = Ledger()
        res = start_game(rules, seed=seed, ledger=ledger)
        policies = dict(policies or {})
        ctrls: dict[int, Controller] = {}
        for a in range(rules.n_actors):
            if a in humans:
                continue
            if controllers and a in controllers:
                ctrls[a] = controllers[a]
            else:
                ctrls[a] = make_controller(
                    scenario, a, policies.get(a) or default_policy(scenario, difficulty, a, tuple(humans))
                )
        game = cls(scenario, seed, rules, res.state, ledger, tuple(humans), ctrls, difficulty, policies)
        game.opening_news = [t for _, t in res.news]
        game._mark(new=True)
        game.pending = {a: [] for a in humans}
        return game

    # ------------------------------------------------------------ reading
    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def over(self) -> bool:
        return bool(self.state.over[0])

    @property
    def date(self) -> str:
        d = self.rules.calendar.date_of(min(self.turn, self.rules.turn_limit))
        return f"{d.day} {d.strftime('%b %Y')}"

    def news(self) -> list[str]:
        """The news that opens the current turn."""
        return self.log[-1].news if self.log else self.opening_news

    def view(self, actor: int) -> PlayerView:
        """The game as ``actor``'s seat sees it now (see :class:`PlayerView`)."""
        return PlayerView(actor, view(self.rules, self.state, actor), sees(self.rules, self.state, actor)[0])

    def value(self, quantity: str, *subject: int) -> float:
        return read_value(self.state, quantity, subject)

    def delta(self, quantity: str, *subject: int) -> float:
        """Change of a value over the last turn."""
        if len(self.history) < 2:
            return 0.0
        return float(self._hist(quantity, -1, subject) - self._hist(quantity, -2, subject))

    def to_end(self) -> list[int]:
        """Human roles that have not ended this turn (hot-seat), in seat order."""
        return [a for a in self.humans if a not in self.sealed]

    def presence(self, region: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Who has forces, and who peacekeepers, in a region (half a unit or
        more): ``(actor, amount)`` pairs, in actor order."""
        s = self.state
        forces = [
            (a, float(s.forces[0, a, region])) for a in range(self.rules.n_actors) if s.forces[0, a, region] >= 0.5
        ]
        pks = [
            (a, float(s.peacekeepers[0, a, region]))
            for a in range(self.rules.n_actors)
            if s.peacekeepers[0, a, region] >= 0.5
        ]
        return forces, pks

    def council_in_force(self) -> tuple[list[tuple[int, list[str]]], list[int]]:
        """The Security Council's measures in force, for every front end: each
        actor with its measures (``condemned``, ``sanctions``, ``force``: force
        authorised against it), and the regions where peacekeepers are mandated."""
        s = self.state
        actors = []
        for a in range(self.rules.n_actors):
            measures = [
                key
                for flag, key in (
                    (s.condemned[0, a], "condemned"),
                    (s.un_sanctions[0, a], "sanctions"),
                    (s.mandate_force[0, a], "force"),
                )
                if flag
            ]
            if measures:
                actors.append((a, measures))
        return actors, [k for k in range(self.rules.n_regions) if s.mandate_pk[0, k]]

    def seats_after(self, actor: int | None) -> list[int]:
        """The hot-seat order, one for every front end: the human roles that
        have not ended this turn, in seat order (the order the roles were
        chosen in), starting with the one after ``actor`` and wrapping round.
        A turn starts with the first seat."""
        hs = list(self.humans)
        k = hs.index(actor) if actor in hs else -1
        return [a for a in hs[k + 1 :] + hs[: k + 1] if a not in self.sealed]

    def changed_regions(self) -> list[int]:
        """Regions whose stability moved by a point or more, whose holder
        changed, or where forces or peacekeepers came or went (half a unit or
        more), over the last turn."""
        if len(self.history) < 2:
            return []
        now, before = self.history[-1], self.history[-2]
        moved = np.abs(now["stability"] - before["stability"]) >= 1.0
        moved |= now["control"] != before["control"]
        for q in ("forces", "peacekeepers"):
            moved |= (np.abs(now[q] - before[q]) >= 0.5).any(axis=0)
        return [int(i) for i in np.flatnonzero(moved)]

    def _hist(self, quantity: str, k: int, subject: tuple[int, ...]) -> float:
        h = self.history[k]
        arr = h[quantity]
        return float(arr[subject] if subject else arr)

    def series(self, quantity: str, *subject: int) -> list[float]:
        """The value at the start of every turn so far (index 0 is turn 1)."""
        return [float(h[quantity][subject] if subject else h[quantity]) for h in self.history]

    def why(self, quantity: str, *subject: int, turn: int | None = None) -> list[Entry]:
        """Every recorded change of a value, oldest first, with its cause."""
        return self.ledger.query(quantity, tuple(subject) if subject else None, turn=turn)

    def scores(self) -> np.ndarray:
        return scores(self.rules, self.state)[0]

    def name_of(self, quantity: str, subject: tuple[int, ...]) -> str:
        """What a value belongs to, in words: 'Kuwait', 'Iraq in Kuwait', 'Iraq → USA'."""
        r = self.rules
        table = QUANTITIES[quantity].table
        if table == "actor":
            return r.actors[subject[0]].name
        if table == "region":
            return r.regions[subject[0]].name
        if table == "track":
            return r.tracks[subject[0]].name
        if table == "pair":
            return f"{r.actors[subject[0]].name} → {r.actors[subject[1]].name}"
        if table == "actor_region":
            return f"{r.actors[subject[0]].name} in {r.regions[subject[1]].name}"
        return "world"

    def score_breakdown(self, role: int) -> tuple[list[tuple[str, float, float]], float]:
        """A role's score as (label, value, weighted value) terms, and the
        bonus (win) or penalty (loss) added to them."""
        spec = self.rules.roles[role]
        terms = []
        for t in spec.score:
            value = float(t.ref.read(self.state)[0])
            subject = tuple(int(i) for i in (t.ref.i, t.ref.j) if isinstance(i, int) and i >= 0)
            label = t.label or f"{t.ref.quantity} of {self.name_of(t.ref.quantity, subject)}"
            terms.append((f"{t.weight:+g} × {label}", value, t.weight * value))
        out = self.outcome(role)
        bonus = spec.win_bonus if out == Outcome.WIN else (-spec.loss_penalty if out == Outcome.LOSS else 0.0)
        return terms, bonus

    def score_lines(self, role: int) -> list[str]:
        """The score breakdown as lines of text: one per term, then the bonus."""
        terms, bonus = self.score_breakdown(role)
        lines = [f"{label} ({value:.0f}) = {weighted:+.1f}" for label, value, weighted in terms]
        if bonus:
            lines.append(f"{bonus:+.0f} for the {'win' if bonus > 0 else 'loss'}")
        return lines

    def outcome(self, role: int) -> Outcome:
        return Outcome(int(self.state.outcome[0, role]))

    def role_index(self, actor: int) -> int | None:
        for k, r in enumerate(self.rules.roles):
            if r.actor == actor:
                return k
        return None

    # ------------------------------------------------------------ orders
    def spent(self, actor: int) -> int:
        return int(sum(self.rules.opt_cost[o] for o in self.pending.get(actor, [])))

    def budget_left(self, actor: int) -> float:
        return float(self.state.budget[0, actor]) - self.spent(actor)

    def options(self, actor: int, with_predictions: bool = True) -> list[OptionView]:
        """Every option of the actor, legal or not (with the reason), in catalog order."""
        r = self.rules
        opts = r.options_of(actor)
        spent = np.zeros((1, r.n_actors))
        spent[0, actor] = self.spent(actor)
        queued = np.full((1, r.n_actors, r.max_orders), -1, np.int64)
        for k, o in enumerate(self.pending.get(actor, [])[: r.max_orders]):
            queued[0, actor, k] = o
        codes = legality(r, self.state, opts, spent, queued)[0]
        preds: dict[int, Prediction] = {}
        if with_predictions:
            legal = [int(o) for o, c in zip(opts, codes) if c == 0]
            preds = {p.option: p for p in predict(r, self.state, legal)} if legal else {}
        out = []
        for n, (o, c) in enumerate(zip(opts, codes), start=1):
            act = r.actions[r.opt_action[o]]
            out.append(
                OptionView(
                    int(o),
                    r.option_slug(o),
                    r.option_label(o),
                    act.id,
                    act.category,
                    act.cost,
                    self._reason(int(o), int(c)),
                    preds.get(int(o)),
                    n,
                )
            )
        return out

    def _reason(self, option: int, code: int) -> str:
        """Why an option is refused ('' if it is legal); a scenario's requirement names the part that failed."""
        if not code:
            return ""
        if code == int(Reason.REQUIREMENT):
            from game.session.requirement import refusal

            return refusal(self.rules, self.state, option, self.scenario.meta.refusals)
        return REASON_TEXT[Reason(code)]

    def option_by_number(self, actor: int, number: int) -> int:
        """The option an actor's order number names (see ``OptionView.number``)."""
        opts = self.rules.options_of(actor)
        if not 1 <= number <= len(opts):
            raise IllegalOrder(f"no order number {number}")
        return int(opts[number - 1])

    def find_option(self, actor: int, text: str) -> int:
        """An option of the actor from its short name ('strike harbour'), its
        label, or the start of either that fits one option only ('negotiate
        harbour' for 'negotiate harbour-talks')."""
        text = " ".join(text.lower().replace("→", " ").split())
        r = self.rules
        opts = [int(o) for o in r.options_of(actor)]
        for o in opts:
            if r.option_slug(o) == text or " ".join(r.option_label(o).lower().replace("→", " ").split()) == text:
                return o
        words = text.split()
        fits = []
        for o in opts:
            slug = r.option_slug(o).split(" ", 1)
            label = " ".join(r.option_label(o).lower().replace("→", " ").replace(":", " ").split())
            act = r.actions[r.opt_action[o]]
            if words[0] not in (slug[0], act.id.replace("_", "-")) and not label.startswith(text):
                continue
            rest = " ".join(words[1:])
            if (
                not rest
                or (len(slug) > 1 and slug[1].startswith(rest.replace(" ", "-")))
                or label.startswith(text)
                or (len(slug) > 1 and _target_name(r, o).startswith(rest))
            ):
                fits.append(o)
        if len(fits) == 1:
            return fits[0]
        if len(fits) > 1:
            names = ", ".join(f"'{r.option_slug(o)}'" for o in fits[:6])
            raise IllegalOrder(f"'{text}' could be {names}{' …' if len(fits) > 6 else ''}: type more of the name")
        raise IllegalOrder(f"no such order: '{text}' (type 'actions' for the names)")

    def check(self, actor: int, option: int) -> str:
        """Why the order cannot be queued now, or an empty string."""
        r = self.rules
        if self.over:
            return REASON_TEXT[Reason.GAME_OVER]
        if r.opt_actor[option] != actor:
            return REASON_TEXT[Reason.NOT_YOURS]
        view = [v for v in self.options(actor, with_predictions=False) if v.option == option]
        reason = view[0].reason if view else REASON_TEXT[Reason.NOT_YOURS]
        return reason or self._clash(actor, option)

    def _clash(self, actor: int, option: int) -> str:
        """Why the order cannot go with those already queued: accepting the offer on a track and countering it
        in the same turn (the counter would replace the offer accepted)."""
        r = self.rules
        kind = r.actions[r.opt_action[option]].kind
        if kind not in (Kind.ACCEPT, Kind.PROPOSE):
            return ""
        other = Kind.PROPOSE if kind == Kind.ACCEPT else Kind.ACCEPT
        k = int(r.opt_track[option])
        for o in self.pending.get(actor, []):
            if r.actions[r.opt_action[o]].kind == other and int(r.opt_track[o]) == k:
                track = r.tracks[k].name
                if kind == Kind.PROPOSE:
                    return f"you already accept the offer in the {track}: a counter-proposal would replace it"
                return f"you already counter the offer in the {track}: your proposal replaces the one you would accept"
        return ""

    def queue(self, actor: int, option: int) -> None:
        """Queue an order for the current turn; raises IllegalOrder with the reason."""
        reason = self.check(actor, option)
        if reason:
            raise IllegalOrder(reason)
        self.pending.setdefault(actor, []).append(int(option))

    def unqueue(self, actor: int, index: int) -> int:
        orders = self.pending.get(actor, [])
        if not 0 <= index < len(orders):
            raise IllegalOrder(f"no queued order number {index + 1}")
        return orders.pop(index)

    def council_forecast(self, option: int) -> tuple[dict[int, float], float] | None:
        """For a Security Council draft: each voting member's chance of voting
        yes and the chance the draft is adopted; None for any other order."""
        from game.core.actions.council import predicted_votes
        from game.core.ctx import Entries
        from game.core.spec import Kind

        r = self.rules
        act = r.actions[int(r.opt_action[option])]
        if act.kind != Kind.RESOLUTION:
            return None
        e = Entries.for_options(r, np.zeros(1, np.int64), np.array([option], np.int64))
        yes, adopted = predicted_votes(r, self.state, act, e)
        return {int(m): float(v[0]) for m, v in yes.items()}, float(adopted[0])

    def objectives(self, actor: int) -> "Objectives | None":
        """The objective of the role ``actor`` plays as its seat sees it: each
        victory and defeat condition, whether it holds, its value, and the
        ones slipping (see :mod:`game.session.objectives`); None: no role."""
        from game.session.objectives import objectives

        return objectives(self, actor)

    def stance(self, actor: int, quantity: str, subject: tuple[int, ...]) -> int:
        """+1 if a rise of the value is good for ``actor``'s role, -1 if a fall is, 0 if neither."""
        from game.session.objectives import stance

        return stance(self, actor, quantity, subject)

    def odds(self, actor: int, option: int) -> "Odds | None":
        """The chance a strike succeeds, a proposal is accepted (with the
        counterpart's expected answer and why) or a Council draft is adopted;
        None for other orders (see :func:`game.session.objectives.odds`)."""
        from game.session.objectives import odds

        return odds(self, actor, option)

    def ai_played(self, turn: int) -> set[int]:
        """The human seats whose orders of ``turn`` the AI gave (their team had not ended the turn in time)."""
        ids = [a.id for a in self.rules.actors]
        return {ids.index(x["actor"]) for x in self.played_by_ai if x["turn"] == turn and x["actor"] in ids}

    # ------------------------------------------------------------ turns
    def end_turn(self, extra: dict[int, list[int]] | None = None) -> TurnRecord:
        """Collect every controller's orders, resolve the turn and record it."""
        if self.over:
            raise IllegalOrder(REASON_TEXT[Reason.GAME_OVER])
        if self.paused:
            raise IllegalOrder("the facilitator has paused the game")
        orders: dict[int, list[int]] = {a: list(v) for a, v in self.pending.items()}
        reasons: dict[int, list[str]] = {}
        decisions: dict[int, Decision] = {}
        groups: dict[object, dict[int, Controller]] = {}
        for a, ctrl in self.controllers.items():
            if extra and a in extra:
                continue
            key = getattr(ctrl, "group_key", None)
            if key is not None and hasattr(ctrl, "decide_group"):
                groups.setdefault(key, {})[a] = ctrl
            else:
                decisions[a] = ctrl.decide(self, a)
        for members in groups.values():
            first = next(iter(members.values()))
            decisions.update(first.decide_group(self, members))  # type: ignore[attr-defined]
        for a, d in decisions.items():
            orders[a] = list(d.options)
            if d.reasons:
                reasons[a] = list(d.reasons)
        if extra:
            orders.update({a: list(v) for a, v in extra.items()})
        return self._resolve(orders, reasons)

    def _resolve(self, orders: dict[int, list[int]], reasons: dict[int, list[str]]) -> TurnRecord:
        r = self.rules
        arr = no_orders(r)
        for a, opts in orders.items():
            for k, o in enumerate(opts[: r.max_orders]):
                arr[0, a, k] = o
        turn = self.turn
        res = resolve_turn(r, self.state, arr, self.ledger)
        self.state = res.state
        rejected = [(x.actor, x.option, x.text) for x in res.rejected]
        record = TurnRecord(
            turn, {a: list(v) for a, v in orders.items() if v}, [t for _, t in res.news], reasons, rejected
        )
        self.log.append(record)
        self._mark(new=True)
        self.pending = {a: [] for a in self.humans}
        self.sealed = set()
        for hook in self.on_turn:
            hook(self, record)
        return record

    def _mark(self, new: bool) -> None:
        """Snapshot the values (a new one after a turn, or the latest one again
        after a facilitator's change) and where the ledger stands."""
        if new or not self.history:
            self.history.append(self._snapshot())
            self.marks.append(len(self.ledger.entries))
        else:
            self.history[-1] = self._snapshot()
            self.marks[-1] = len(self.ledger.entries)

    def changes(self, turn: int) -> list[Entry]:
        """Every change that took the values from the start of ``turn`` to the
        start of the next: the turn's orders and rules, the events that close
        it, and any facilitator change made before the next turn began. The
        one baseline for a turn: what its report lists adds up to the arrows
        the dashboard shows (``delta``) for the turn just resolved."""
        if not 1 <= turn < len(self.marks):
            return []
        return self.ledger.entries[self.marks[turn - 1] : self.marks[turn]]

    def _snapshot(self) -> dict[str, np.ndarray]:
        s = self.state
        snap = {q: getattr(s, q)[0].copy() for q in HISTORY_ACTOR + HISTORY_REGION}
        snap["relations"] = s.relations[0].copy()
        snap["progress"] = s.progress[0].copy()
        snap["trust"] = s.trust[0].copy()
        snap["status"] = s.track_status[0].copy()
        snap["forces"] = s.forces[0].copy()
        snap["peacekeepers"] = s.peacekeepers[0].copy()
        snap["tension"] = np.asarray(s.tension[0])
        snap["score"] = scores(self.rules, s)[0]
        return snap

    # ------------------------------------------------------------ facilitator
    def adjust(self, quantity: str, subject: tuple[int, ...], value: float, note: str) -> None:
        """Set a value by hand (facilitator), recorded with its note."""
        from game.core.ctx import PLAY, Ctx

        problem = adjust_problem(self.rules, quantity, subject, value)
        if problem:
            raise IllegalOrder(problem)
        ctx = Ctx(self.rules, self.state, self.ledger, PLAY, phase="facilitator")
        cause = Cause(CauseKind.FACILITATOR, "adjust", note or "facilitator adjustment")
        ctx.set(quantity, np.array([0]), tuple(np.array([k]) for k in subject), float(value), cause)
        self.interventions.append(
            {
                "turn": self.turn,
                "kind": "adjust",
                "quantity": quantity,
                "subject": list(subject),
                "value": float(value),
                "note": note,
            }
        )
        self._mark(new=False)

    def inject(self, event: int, note: str = "") -> list[str]:
        """Fire a scenario event now (facilitator inject)."""
        from game.core.ctx import PLAY, Ctx
        from game.core.engine import fire_event

        ctx = Ctx(self.rules, self.state, self.ledger, PLAY, phase="facilitator")
        fire_event(ctx, np.array([0]), event)
        self.interventions.append(
            {"turn": self.turn, "kind": "inject", "event": self.rules.events[event].id, "note": note}
        )
        self._mark(new=False)
        news = [t for _, t in ctx.news]
        if self.log:
            self.log[-1].news.extend(news)
        else:
            self.opening_news.extend(news)
        return news


def make_controller(scenario: Scenario, actor: int, policy: str) -> Controller:
    """The controller for an AI actor; falls back to passing when no AI exists."""
    try:
        from game.ai import controller_for
    except ImportError:
        return PassController()
    return controller_for(scenario, actor, policy)
