"""What a debrief needs from a played game, as plain data.

A report is built from a save file: the game is replayed (a save is the
scenario, the seed and the orders), then its history, ledger, orders, news,
AI reasons and facilitator interventions are gathered here. HTML, CSV and
JSON outputs all read this one structure, so their numbers agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.core.conditions import QUANTITIES
from game.core.spec import Outcome, TrackStatus
from game.session.game import AI_PLAYED, Game
from game.session.objectives import compares

HEADLINE = ("leverage", "reputation", "support", "stability")
ACTOR_VALUES = ("leverage", "reputation", "support", "strength", "readiness", "budget")
"""Every value an actor has, in the order the CSV export gives them."""
OUTCOME_WORD = {Outcome.WIN: "win", Outcome.DRAW: "draw", Outcome.LOSS: "loss", Outcome.UNDECIDED: "in progress"}


@dataclass
class Decision:
    turn: int
    actor: str
    what: str
    impact: float
    effects: list[tuple[str, float]]
    kind: str = "order"
    """'team' (an order of a human team), 'agreement', 'event', 'facilitator' or 'order' (an AI actor's order)."""
    decisive: bool = False
    """Whether it moved a value that one of the roles' objectives reads."""


@dataclass
class RoleResult:
    actor: str
    name: str
    human: bool
    policy: str
    outcome: str
    score: float
    terms: list[tuple[str, float, float]]  # label, value, weighted
    bonus: float
    objective: str


@dataclass
class Debrief:
    source: str
    scenario_id: str
    title: str
    period: str
    summary: str
    fictional: bool
    seed: int
    turns_played: int
    turn_limit: int
    over: bool
    dates: list[str]
    actors: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    tracks: list[dict[str, Any]]
    roles: list[RoleResult]
    series: dict[str, dict[str, list[float]]]
    timeline: list[dict[str, Any]]
    decisions: list[Decision]
    reasons: dict[str, list[tuple[int, str]]]
    interventions: list[dict[str, Any]]
    history: str
    learning_objectives: list[str]
    discussion: list[str]
    briefing: str
    extra: dict[str, Any] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    """Team names of the human seats, by actor id."""
    condition_values: list[dict[str, Any]] = field(default_factory=list)
    """Every value the roles' objectives and scores read: key, quantity, label, range and per-turn series."""
    conditions: list[dict[str, Any]] = field(default_factory=list)
    """Each objective condition of each role and whether it held at the end."""
    ai_decisions: list[Decision] = field(default_factory=list)
    """The AI actors' orders that moved the values most (the main list is the teams')."""
    messages: list[dict[str, Any]] = field(default_factory=list)
    """Diplomatic messages between teams (turn, from, to or None for public, text), if the game kept any."""
    reflections: list[dict[str, Any]] = field(default_factory=list)
    """The teams' answers to "why did you choose this?" (turn, actor, text)."""
    origin: dict[str, Any] | None = None
    """For a branch: the game it was branched from and the turn."""
    pacing: dict[str, Any] | None = None
    """For a shortened game: the scenario's own length and the length played."""
    facilitator_record: dict[str, str] = field(default_factory=dict)
    """What can be said of the facilitator's record: code (none, intact,
    unchecked, unverifiable, removed, altered) and a sentence for people."""

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def collect(game: Game, source: str = "") -> Debrief:
    r = game.rules
    m = game.scenario.meta
    n_turns = len(game.history)
    dates = [r.calendar.date_of(t + 1).isoformat() for t in range(n_turns)]
    # Values at the start of every turn (and after the last one).
    series: dict[str, dict[str, list[float]]] = {
        "leverage": {a.id: game.series("leverage", i) for i, a in enumerate(r.actors)},
        "reputation": {a.id: game.series("reputation", i) for i, a in enumerate(r.actors)},
        "support": {a.id: game.series("support", i) for i, a in enumerate(r.actors)},
        "strength": {a.id: game.series("strength", i) for i, a in enumerate(r.actors)},
        "readiness": {a.id: game.series("readiness", i) for i, a in enumerate(r.actors)},
        "budget": {a.id: game.series("budget", i) for i, a in enumerate(r.actors)},
        "stability": {g.id: game.series("stability", i) for i, g in enumerate(r.regions)},
        "need": {g.id: game.series("need", i) for i, g in enumerate(r.regions)},
        "progress": {t.id: [float(h["progress"][k]) for h in game.history] for k, t in enumerate(r.tracks)},
        "tension": {"world": [float(h["tension"]) for h in game.history]},
    }
    timeline = []
    for rec in game.log:
        orders = []
        stand_in = game.ai_played(rec.turn)
        for a, opts in sorted(rec.orders.items()):
            orders.append(
                {
                    "actor": r.actors[a].id,
                    "name": r.actors[a].name,
                    "human": a in game.humans,
                    # The team had not ended the turn when the timer ran out: the AI gave these orders.
                    "played_by_ai": a in stand_in,
                    "orders": [r.option_label(o) for o in opts],
                    "reasons": list(dict.fromkeys(rec.reasons.get(a, []))),
                }
            )
        rejected = [{"actor": r.actors[a].id, "order": r.option_label(o), "reason": why} for a, o, why in rec.rejected]
        timeline.append(
            {
                "turn": rec.turn,
                "date": r.calendar.date_of(rec.turn).isoformat(),
                "orders": orders,
                "news": list(rec.news),
                "rejected": rejected,
            }
        )
    roles = []
    sc = game.scores()
    for k, role in enumerate(r.roles):
        terms, bonus = game.score_breakdown(k)
        out = game.outcome(k)
        ctrl = game.controllers.get(role.actor)
        human = role.actor in game.humans
        who = r.actors[role.actor]
        roles.append(
            RoleResult(
                who.id,
                who.name,
                human,
                "human" if human else getattr(ctrl, "name", "ai"),
                OUTCOME_WORD[out],
                float(sc[k]),
                terms,
                bonus,
                role.victory_text,
            )
        )
    reasons: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rec in game.log:
        for a, rs in rec.reasons.items():
            for why in dict.fromkeys(rs):
                reasons[r.actors[a].id].append((rec.turn, why))
    tracks = [
        {
            "id": t.id,
            "name": t.name,
            "topic": t.topic.value,
            "status": TrackStatus(int(game.state.track_status[0, k])).name.lower(),
            "progress": float(game.state.progress[0, k]),
        }
        for k, t in enumerate(r.tracks)
    ]
    decisions, ai_decisions = decisions_that_mattered(game)
    return Debrief(
        source=source,
        scenario_id=game.scenario.id,
        title=m.title,
        period=m.period,
        summary=m.summary,
        fictional=m.fictional,
        seed=game.seed,
        turns_played=len(game.log),
        turn_limit=r.turn_limit,
        over=game.over,
        dates=dates,
        actors=[
            {
                "id": a.id,
                "name": a.name,
                "colour": a.colour,
                "kind": a.kind.value,
                "human": i in game.humans,
                "policy": "human" if i in game.humans else getattr(game.controllers.get(i), "name", "ai"),
            }
            for i, a in enumerate(r.actors)
        ],
        regions=[
            {
                "id": g.id,
                "name": g.name,
                # None: nobody owns it (international waters), or nobody holds it.
                "owner": r.actors[g.owner].id if g.owner >= 0 else None,
                "controller": (
                    r.actors[int(game.state.control[0, i])].id if int(game.state.control[0, i]) >= 0 else None
                ),
            }
            for i, g in enumerate(r.regions)
        ],
        tracks=tracks,
        roles=roles,
        series=series,
        timeline=timeline,
        decisions=decisions,
        ai_decisions=ai_decisions,
        reasons=dict(reasons),
        interventions=interventions_described(game),
        history=m.history,
        learning_objectives=list(m.learning_objectives),
        discussion=list(m.discussion),
        briefing=m.briefing,
        facilitator_record=_record(game),
        teams={r.actors[a].id: n for a, n in getattr(game, "teams", {}).items()},
        condition_values=condition_values(game),
        conditions=conditions_held(game),
        messages=_messages(game),
        reflections=[dict(x) for x in getattr(game, "reflections", [])],
        origin=dict(game.origin) if getattr(game, "origin", None) else None,
        pacing=dict(game.pacing) if getattr(game, "pacing", None) else None,
    )


def _messages(game: Game) -> list[dict[str, Any]]:
    """Messages between teams, if the game kept any: each with its turn, the
    sender, the receiver (None: public) and the text, as actor ids or indices."""
    r = game.rules
    out = []
    for m in getattr(game, "messages", None) or []:
        get = m.get if isinstance(m, dict) else lambda k, d=None, m=m: getattr(m, k, d)
        sender, to = get("from"), get("to")

        def name(x: Any) -> str | None:
            if x is None:
                return None
            if isinstance(x, int) and 0 <= x < r.n_actors:
                return r.actors[x].name
            ids = [a.id for a in r.actors]
            return r.actors[ids.index(x)].name if x in ids else str(x)

        out.append(
            {"turn": int(get("turn", 0) or 0), "from": name(sender), "to": name(to), "text": str(get("text", ""))}
        )
    return out


def _record(game: Game) -> dict[str, str]:
    from game.session.facilitator import record_status

    st = record_status(game)
    return {"code": st.code, "text": st.text}


def objective_refs(game: Game) -> list[tuple[str, tuple[int, ...]]]:
    """Every (quantity, subject) that a role's victory, defeat or score reads,
    in the order the roles name them (the turn itself left out)."""
    from game.core.conditions import ARITY

    out: list[tuple[str, tuple[int, ...]]] = []

    def add(ref: Any) -> None:
        if ref.quantity == "turn":
            return
        idx = (ref.i, ref.j)[: ARITY[QUANTITIES[ref.quantity].table]]
        if any(not isinstance(k, int) or k < 0 for k in idx):
            return
        key = (ref.quantity, tuple(int(k) for k in idx))
        if key not in out:
            out.append(key)

    for role in game.rules.roles:
        for cond in (role.victory, role.defeat):
            for c in compares(cond):
                add(c.ref)
        for t in role.score:
            add(t.ref)
    return out


def value_label(game: Game, quantity: str, subject: tuple[int, ...]) -> str:
    """'stability of Kuwait', 'forces of Iraq in Kuwait', 'world tension'."""
    if quantity == "flag":
        flags = game.rules.flags
        return f"flag {flags[subject[0]]}" if subject and subject[0] < len(flags) else "flag"
    if QUANTITIES[quantity].table == "global":
        return f"world {quantity}"
    return f"{quantity} of {game.name_of(quantity, subject)}"


def value_series(game: Game, quantity: str, subject: tuple[int, ...]) -> list[float]:
    """A value at the start of every turn (and after the last), read from the
    ledger: the value after the last change recorded before each snapshot."""
    from game.session.game import read_value

    changes = [
        (k, e.value) for k, e in enumerate(game.ledger.entries) if e.quantity == quantity and e.subject == subject
    ]
    now = read_value(game.state, quantity, subject)
    if not changes:
        return [now] * len(game.marks)
    first = game.ledger.entries[changes[0][0]]
    start = first.value - first.delta
    out = []
    j = 0
    current = start
    for mark in game.marks:
        while j < len(changes) and changes[j][0] < mark:
            current = changes[j][1]
            j += 1
        out.append(float(current))
    return out


def condition_values(game: Game) -> list[dict[str, Any]]:
    out = []
    for quantity, subject in objective_refs(game):
        q = QUANTITIES[quantity]
        out.append(
            {
                "key": f"{quantity}:{'.'.join(map(str, subject))}",
                "quantity": quantity,
                "subject": list(subject),
                "label": value_label(game, quantity, subject),
                "lo": q.lo,
                "hi": q.hi,
                "integer": q.integer,
                "series": value_series(game, quantity, subject),
            }
        )
    return out


def conditions_held(game: Game) -> list[dict[str, Any]]:
    """Each comparison in each role's victory and defeat, and whether it holds now."""
    from game.core.conditions import ARITY

    r = game.rules
    out = []
    for role in r.roles:
        for part, cond in (("victory", role.victory), ("defeat", role.defeat)):
            for c in compares(cond):
                if c.ref.quantity == "turn":
                    continue
                held = bool(c.evaluate(game.state)[0])
                idx = tuple(int(i) for i in (c.ref.i, c.ref.j)[: ARITY[c.ref.spec.table]])
                out.append(
                    {
                        "role": r.actors[role.actor].id,
                        "part": part,
                        "text": condition_words(game, c.ref.quantity, idx, c.op.value, c.value),
                        "held": held,
                    }
                )
    return out


def condition_words(game: Game, quantity: str, subject: tuple[int, ...], op: str, value: float) -> str:
    """A comparison in words: 'Kuwait held by Iraq', 'Withdrawal talks not agreed', 'leverage of Iraq at least 60'."""
    if quantity == "control":
        neg = " not" if op == "!=" else ""
        return f"{game.name_of(quantity, subject)}{neg} held by {_shown_value(game, quantity, value)}"
    if quantity == "status" and op in ("==", "!="):
        return f"{game.name_of(quantity, subject)}{' not' if op == '!=' else ''} {_shown_value(game, quantity, value)}"
    return f"{value_label(game, quantity, subject)} {OP_WORDS.get(op, op)} {_shown_value(game, quantity, value)}"


OP_WORDS = {">=": "at least", ">": "above", "<=": "at most", "<": "below", "==": "is", "!=": "is not"}


def _shown_value(game: Game, quantity: str, value: float) -> str:
    if quantity == "control" and 0 <= value < game.rules.n_actors:
        return game.rules.actors[int(value)].name
    if quantity == "control" and value < 0:
        return "no one"
    if quantity == "status":
        return {0: "inactive", 1: "open", 2: "agreed", 3: "broken"}.get(int(value), f"{value:g}")
    return f"{round(value, 1):g}"


def _weight(quantity: str, delta: float) -> float:
    """How much a change counts: in percent of the value's range (a change of
    who holds a region, or of a track's status, counts as 50)."""
    q = QUANTITIES.get(quantity)
    if q is None or quantity == "flag":
        return 0.0
    if q.integer:
        return 50.0 if abs(delta) > 0 else 0.0
    return abs(delta) * 100.0 / (q.hi - q.lo)


def decisions_that_mattered(game: Game, top: int = 10) -> tuple[list[Decision], list[Decision]]:
    """The teams' own orders, the agreements and the events that moved the
    values the roles' objectives read (and the headline values) most, from the
    causal ledger; and, apart, the AI actors' orders that did.

    Changes are grouped by cause: the turn, the kind, the actor and the source
    (an order's changes can carry several causes, e.g. "failed strike on X" and
    "strike on X without a mandate"). A change to a value an objective reads
    counts three times."""
    r = game.rules
    decisive = set(objective_refs(game))
    acc: dict[tuple[int, str, int, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    weight: dict[tuple[int, str, int, str], float] = defaultdict(float)
    hits: set[tuple[int, str, int, str]] = set()
    texts: dict[tuple[int, str, int, str], list[str]] = defaultdict(list)
    stand_ins = {(int(x["turn"]), x["actor"]) for x in getattr(game, "played_by_ai", [])}
    ids = [a.id for a in r.actors]
    for e in game.ledger.entries:
        kind = e.cause.kind.value
        if kind == "action" and e.cause.actor >= 0:
            own = e.cause.actor in game.humans and (e.turn, ids[e.cause.actor]) not in stand_ins
            group = "team" if own else "order"
        elif kind == "rule" and e.cause.source == "agreement":
            group = "agreement"
        elif kind == "event":
            group = "event"
        elif kind == "facilitator":
            group = "facilitator"
        else:
            continue
        hit = (e.quantity, e.subject) in decisive
        if e.quantity not in HEADLINE and not hit:
            continue
        w = _weight(e.quantity, e.delta) * (3.0 if hit else 1.0)
        if w <= 0:
            continue
        key = (e.turn, group, e.cause.actor, e.cause.source)
        if e.quantity in HEADLINE or (hit and not QUANTITIES[e.quantity].integer):
            acc[key][value_label(game, e.quantity, e.subject)] += e.delta
        weight[key] += w
        if hit:
            hits.add(key)
        if e.cause.text not in texts[key]:
            texts[key].append(e.cause.text)
    teams, ai = [], []
    for key, w in weight.items():
        turn, group, actor, _ = key
        eff = sorted(((k, v) for k, v in acc[key].items() if abs(v) >= 0.5), key=lambda kv: -abs(kv[1]))
        what = "; ".join(texts[key][:2])
        who = r.actors[actor].name if actor >= 0 else {"event": "Event", "facilitator": "Facilitator"}.get(group, "")
        if group == "order" and (turn, ids[actor]) in stand_ins:
            who += f" ({AI_PLAYED})"
        dec = Decision(turn, who, what, w, eff, group, key in hits)
        (ai if group == "order" else teams).append(dec)
    order = lambda d: (-d.impact, d.turn, d.actor, d.what)
    teams.sort(key=order)
    ai.sort(key=order)
    if not game.humans:
        # A game of AI actors only: their orders are the decisions.
        teams = sorted(teams + ai, key=order)
        ai = []
    return teams[:top], ai[:5]


def interventions_described(game: Game) -> list[dict[str, Any]]:
    """The facilitator's interventions, each with its words (names, not ids),
    the old and new value of a change, and its effects from the ledger."""
    fac = [e for e in game.ledger.entries if e.phase == "facilitator"]
    used: set[int] = set()
    out = []
    for i in game.interventions:
        item = dict(i)
        effects: list[tuple[str, float]] = []
        kind = i.get("kind")
        if kind == "adjust":
            subject = tuple(i.get("subject", []))
            label = value_label(game, i["quantity"], subject)
            old = i.get("old")
            for k, e in enumerate(fac):
                if k in used or e.turn != i["turn"] or e.cause.source != "adjust":
                    continue
                if e.quantity == i["quantity"] and e.subject == subject:
                    used.add(k)
                    old = e.value - e.delta if old is None else old
                    break
            new = float(i["value"])
            old_text = f"{_shown_value(game, i['quantity'], old)} → " if old is not None else ""
            item["text"] = f"Set {label}: {old_text}{_shown_value(game, i['quantity'], new)}"
            if old is not None and abs(new - old) >= 0.05:
                effects.append((label, new - old))
            item["old"] = old
        else:
            from game.session.facilitator import describe

            item["text"] = describe(game, i)
            match = None
            if kind == "inject":
                match = lambda e: e.cause.kind.value == "event" and e.cause.source == i.get("event")
            elif kind == "custom":
                match = lambda e: e.cause.source == "custom" and e.cause.text == i.get("headline")
            if match is not None:
                acc: dict[str, float] = defaultdict(float)
                for k, e in enumerate(fac):
                    if k in used or e.turn != i["turn"] or not match(e):
                        continue
                    used.add(k)
                    if not QUANTITIES[e.quantity].integer:
                        acc[value_label(game, e.quantity, e.subject)] += e.delta
                effects = sorted(((k, v) for k, v in acc.items() if abs(v) >= 0.05), key=lambda kv: -abs(kv[1]))
        item["effects"] = effects
        out.append(item)
    return out


def from_save(path: str | Path, passphrase: str | None = None) -> Debrief:
    """The debrief of a saved game; with the facilitator's passphrase, its
    facilitator record is checked against its seal."""
    from game.session.facilitator import check_with
    from game.session.save import load_game

    game = load_game(path)
    status = check_with(game, passphrase) if passphrase is not None else None
    d = collect(game, str(path))
    if status is not None:
        d.facilitator_record = {"code": status.code, "text": status.text}
    return d
