"""What the classroom server sends: one team's seat, the projector's public
view and the teacher's overview, as plain JSON-ready dicts.

Everything here is read from the session's seat API (``Game.view``,
``Game.options``, ``Game.objectives``, the turn log's public part, the
messages a team may read); nothing computes a rule. A team's payload holds
only what its seat sees: other actors' hidden values come from its view (an
estimate, marked), other teams' queued orders and private messages never.
"""

from __future__ import annotations

from typing import Any

from game.cli.orders import describe_prediction
from game.core.spec import Outcome, TrackStatus
from game.session import messages
from game.session.files import clean_line
from game.session.fmt import arrow, holding, signed
from game.session.game import AI_PLAYED, Game

ACTOR_VALUES = ("leverage", "reputation", "support", "strength", "readiness", "budget")
OUTCOME = {Outcome.WIN: "win", Outcome.DRAW: "draw", Outcome.LOSS: "loss", Outcome.UNDECIDED: ""}


def _name(game: Game, actor: int | None) -> str:
    return "everyone" if actor is None else clean_line(game.rules.actors[actor].name)


def _message(game: Game, m: dict[str, Any]) -> dict[str, Any]:
    ids = [a.id for a in game.rules.actors]
    return {
        "turn": m["turn"],
        "from": ids[m["from"]],
        "from_name": _name(game, m["from"]),
        "to": None if m["to"] is None else ids[m["to"]],
        "to_name": _name(game, m["to"]),
        "text": m["text"],
    }


def regions(game: Game) -> list[dict[str, Any]]:
    """The regions as everyone sees them (stability, need and who holds them are public)."""
    r = game.rules
    s = game.state
    out = []
    for i, reg in enumerate(r.regions):
        forces, pks = game.presence(i)
        ctrl = int(s.control[0, i])
        out.append(
            {
                "id": reg.id,
                "name": clean_line(reg.name),
                "stability": round(game.value("stability", i)),
                "change": arrow(game.delta("stability", i)),
                "need": round(game.value("need", i)),
                "held_by": clean_line(holding(r, i, ctrl)[0]),
                "holder": r.actors[ctrl].id if ctrl >= 0 else "",
                "owner": clean_line(r.actors[reg.owner].name) if reg.owner >= 0 else "",
                "claim": clean_line(holding(r, i, int(s.control[0, i]))[1]),
                "crisis": bool(s.crisis[0, i]),
                "forces": [f"{clean_line(r.actors[a].short or r.actors[a].name)} {n:.0f}" for a, n in forces],
                "peacekeepers": [f"{clean_line(r.actors[a].short or r.actors[a].name)} {n:.0f}" for a, n in pks],
                "units": [{"actor": r.actors[a].id, "n": round(n), "pk": False} for a, n in forces]
                + [{"actor": r.actors[a].id, "n": round(n), "pk": True} for a, n in pks],
            }
        )
    return out


def tracks(game: Game) -> list[dict[str, Any]]:
    r = game.rules
    s = game.state
    return [
        {
            "name": clean_line(t.name),
            "parties": f"{clean_line(r.actors[t.parties[0]].name)} – {clean_line(r.actors[t.parties[1]].name)}",
            "status": TrackStatus(int(s.track_status[0, k])).name.lower(),
            "progress": round(float(s.progress[0, k])),
            "trust": round(float(s.trust[0, k])),
        }
        for k, t in enumerate(r.tracks)
    ]


def last_turn(game: Game) -> dict[str, Any] | None:
    """The public report of the turn just resolved: the orders carried out and its news."""
    if not game.log:
        return None
    rec = game.log[-1]
    r = game.rules
    stand_in = game.ai_played(rec.turn)
    return {
        "turn": rec.turn,
        "orders": [
            {
                "actor": clean_line(r.actors[a].name) + (f" ({AI_PLAYED})" if a in stand_in else ""),
                "orders": [clean_line(r.option_label(o)) for o in opts],
                "played_by_ai": a in stand_in,
            }
            for a, opts in rec.carried_out().items()
        ],
    }


def results(game: Game) -> list[dict[str, Any]]:
    """Each role's outcome and score, once the game is over (public)."""
    if not game.over:
        return []
    sc = game.scores()
    return [
        {
            "actor": clean_line(game.rules.actors[role.actor].name),
            "outcome": OUTCOME[game.outcome(k)],
            "score": round(float(sc[k]), 1),
        }
        for k, role in enumerate(game.rules.roles)
    ]


def common(game: Game) -> dict[str, Any]:
    """What every screen shows: the turn, the date, the news, the regions, the talks."""
    r = game.rules
    return {
        "title": clean_line(r.title),
        "turn": min(game.turn, r.turn_limit),
        "turn_limit": r.turn_limit,
        "date": game.date,
        "over": game.over,
        "paused": game.paused,
        "tension": round(game.value("tension")),
        "news": [clean_line(t) for t in game.news()],
        "regions": regions(game),
        "sides": [
            {"id": a.id, "name": clean_line(a.name), "short": clean_line(a.short or a.name), "colour": a.colour or ""}
            for a in r.actors
        ],
        "tracks": tracks(game),
        "last_turn": last_turn(game),
        "results": results(game),
    }


def team(game: Game, actor: int, names: dict[int, str]) -> dict[str, Any]:
    """Everything one team's seat may see, and nothing else."""
    r = game.rules
    seen = game.view(actor)
    me = {q: round(game.value(q, actor)) for q in ACTOR_VALUES}
    changes = {q: arrow(game.delta(q, actor)) for q in ACTOR_VALUES}
    others = []
    for a, spec in enumerate(r.actors):
        if a == actor:
            continue
        exact = seen.exact("strength", a)
        others.append(
            {
                "id": spec.id,
                "name": clean_line(spec.name),
                "leverage": round(seen.value("leverage", a)),
                "reputation": round(seen.value("reputation", a)),
                "strength": round(seen.value("strength", a)),
                "support": round(seen.value("support", a)),
                "exact": bool(exact),
                "relations": round(float(game.state.relations[0, a, actor])),
                "team": names.get(a, ""),
            }
        )
    ended = actor in game.sealed
    options = []
    if not game.over:
        for v in game.options(actor):
            options.append(
                {
                    "number": v.number,
                    "label": clean_line(v.label),
                    "slug": v.slug,
                    "category": v.category.value,
                    "cost": v.cost,
                    "legal": v.legal,
                    "reason": v.reason,
                    "effect": clean_line(describe_prediction(game, actor, v.prediction)) if v.legal else "",
                }
            )
    k = game.role_index(actor)
    role = {}
    if k is not None:
        info = game.scenario.meta.roles[k]
        obj = game.objectives(actor)
        role = {
            "briefing": info.briefing.strip(),
            "victory": info.victory,
            "defeat": info.defeat,
            "checks": [
                {"text": c.text, "holds": c.holds, "now": c.now, "warning": c.warning}
                for c in (obj.victory.leaves() if obj else [])
            ],
            "outcome": OUTCOME[game.outcome(k)] if game.over else "",
        }
    rejected = []
    if game.log:
        rejected = [
            {"order": clean_line(r.option_label(o)), "reason": why} for a, o, why in game.log[-1].rejected if a == actor
        ]
    return {
        "type": "seat",
        **common(game),
        "me": {"id": r.actors[actor].id, "name": clean_line(r.actors[actor].name), "team": names.get(actor, "")},
        "values": me,
        "changes": changes,
        "budget_left": round(game.budget_left(actor)),
        "max_orders": r.max_orders,
        "queued": [
            {"label": clean_line(r.option_label(o)), "cost": int(r.opt_cost[o])} for o in game.pending.get(actor, [])
        ],
        "ended": ended,
        "waiting_for": [names.get(a) or _name(game, a) for a in game.to_end()],
        "actors": others,
        "options": options,
        "role": role,
        "rejected": rejected,
        "messages": [_message(game, m) for m in messages.visible_to(game, actor)],
        # Only the other teams read messages (the actors the AI plays do not).
        "can_message": [
            {"id": r.actors[a].id, "name": _name(game, a), "team": names.get(a, "")}
            for a in sorted(game.humans)
            if a != actor
        ],
    }


def why(game: Game, actor: int, quantity: str, subject: tuple[int, ...]) -> dict[str, Any]:
    """Why a value changed, if the seat sees it exactly; else only its estimate."""
    seen = game.view(actor)
    name = clean_line(game.name_of(quantity, subject))
    if not seen.exact(quantity, *subject):
        return {
            "type": "why",
            "title": f"{quantity} of {name} is hidden from you: your estimate is about "
            f"{seen.value(quantity, *subject):.0f}",
            "lines": [],
        }
    entries = game.why(quantity, *subject)
    now = game.value(quantity, *subject)
    return {
        "type": "why",
        "title": f"Why {quantity} of {name} is {now:.0f}",
        "lines": [f"turn {e.turn}: {signed(e.delta)} {clean_line(e.cause.text)}" for e in entries[-30:]],
    }


def projector(game: Game, names: dict[int, str]) -> dict[str, Any]:
    """The public view for the room's screen: no value that any seat sees only by its own view."""
    return {
        "type": "projector",
        **common(game),
        "teams": [{"name": names.get(a) or _name(game, a), "ended": a in game.sealed} for a in game.humans],
        "messages": [_message(game, m) for m in messages.public(game)][-8:],
    }


def overview(game: Game, names: dict[int, str]) -> dict[str, Any]:
    """The teacher's view of one game: every team, whether it has ended the turn, its values and orders."""
    from game.session.facilitator import Controls, describe, inject_list

    r = game.rules
    rows = Controls(game).overview()
    for a, row in enumerate(rows):
        row["team"] = names.get(a, "")
        row["ended"] = a in game.sealed
        row["id"] = r.actors[a].id
        for q in ACTOR_VALUES:
            row[q] = round(row[q])
    return {
        **common(game),
        "actors": rows,
        "events": [
            {
                "id": e["id"],
                "name": clean_line(e["name"]),
                "prepared": e["prepared"],
                "turn": e["turn"] if e["fired"] else None,
            }
            for e in inject_list(game)
        ],
        "quantities": ["leverage", "reputation", "support", "strength", "readiness", "budget", "stability", "need"],
        "region_ids": [g.id for g in r.regions],
        "messages": [_message(game, m) for m in game.messages][-20:],
        "interventions": [
            {"turn": i["turn"], "kind": i["kind"], "text": clean_line(describe(game, i))} for i in game.interventions
        ][-10:],
        "regions_named": [{"id": g.id, "name": clean_line(g.name)} for g in r.regions],
    }
