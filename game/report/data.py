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

from game.core.spec import Outcome, TrackStatus
from game.session.game import Game

HEADLINE = ("leverage", "reputation", "support", "stability")
OUTCOME_WORD = {Outcome.WIN: "win", Outcome.DRAW: "draw", Outcome.LOSS: "loss", Outcome.UNDECIDED: "in progress"}


@dataclass
class Decision:
    turn: int
    actor: str
    what: str
    impact: float
    effects: list[tuple[str, float]]


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
        "stability": {g.id: game.series("stability", i) for i, g in enumerate(r.regions)},
        "need": {g.id: game.series("need", i) for i, g in enumerate(r.regions)},
        "progress": {t.id: [float(h["progress"][k]) for h in game.history] for k, t in enumerate(r.tracks)},
        "tension": {"world": [float(h["tension"]) for h in game.history]},
    }
    timeline = []
    for rec in game.log:
        orders = []
        for a, opts in sorted(rec.orders.items()):
            orders.append(
                {
                    "actor": r.actors[a].id,
                    "name": r.actors[a].name,
                    "human": a in game.humans,
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
                "owner": r.actors[g.owner].id,
                "controller": r.actors[int(game.state.control[0, i])].id,
            }
            for i, g in enumerate(r.regions)
        ],
        tracks=tracks,
        roles=roles,
        series=series,
        timeline=timeline,
        decisions=decisions_that_mattered(game),
        reasons=dict(reasons),
        interventions=list(game.interventions),
        history=m.history,
        learning_objectives=list(m.learning_objectives),
        discussion=list(m.discussion),
        briefing=m.briefing,
        facilitator_record=_record(game),
    )


def _record(game: Game) -> dict[str, str]:
    from game.session.facilitator import record_status

    st = record_status(game)
    return {"code": st.code, "text": st.text}


def decisions_that_mattered(game: Game, top: int = 10) -> list[Decision]:
    """The orders that moved the headline values most, from the causal ledger.

    Changes are grouped by order: the turn, the actor and the action (an
    order's changes can carry several causes, e.g. "failed strike on X" and
    "strike on X without a mandate")."""
    r = game.rules
    acc: dict[tuple[int, int, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    texts: dict[tuple[int, int, str], list[str]] = defaultdict(list)
    for e in game.ledger.entries:
        if e.cause.kind.value != "action" or e.cause.actor < 0 or e.quantity not in HEADLINE:
            continue
        if e.quantity == "stability":
            label = f"stability of {r.regions[e.subject[0]].name}"
        else:
            who = e.subject[0]
            label = f"{e.quantity} of {r.actors[who].name}"
        key = (e.turn, e.cause.actor, e.cause.source)
        acc[key][label] += e.delta
        if e.cause.text not in texts[key]:
            texts[key].append(e.cause.text)
    out = []
    for (turn, actor, source), effects in acc.items():
        impact = sum(abs(v) for v in effects.values())
        eff = sorted(((k, v) for k, v in effects.items() if abs(v) >= 0.5), key=lambda kv: -abs(kv[1]))
        what = "; ".join(texts[(turn, actor, source)][:2])
        out.append(Decision(turn, r.actors[actor].name, what, impact, eff))
    out.sort(key=lambda d: (-d.impact, d.turn, d.actor, d.what))
    return out[:top]


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
