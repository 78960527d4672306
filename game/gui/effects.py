"""Predicted effects of an order, in plain words for the window.

The terminal mode packs a prediction into one short line ("lev +4, forces
Iraq +15"); the window has room to say what each number is about: "leverage
+4", "forces in Iraq +15", "stability of Kuwait +3 (0..+6)", "relations of
Iraq with you −5". The player's own values come first, then the biggest
changes.
"""

from __future__ import annotations

from game.core.conditions import QUANTITIES
from game.core.engine import Prediction
from game.session.fmt import SWITCHES, signed
from game.session.game import Game

WORD = {
    "need": "humanitarian need",
    "tension": "world tension",
    "readiness": "readiness",
    "strength": "military strength",
}


def effect_label(game: Game, actor: int, quantity: str, subject: tuple[int, ...]) -> str | None:
    """What a predicted change is about, from ``actor``'s point of view; None
    for changes the window does not list (another pair's relations, switches)."""
    if quantity in SWITCHES:
        return None
    r = game.rules
    table = QUANTITIES[quantity].table
    word = WORD.get(quantity, quantity)
    if table == "actor":
        return word if subject == (actor,) else f"{word} of {r.actors[subject[0]].name}"
    if table == "region":
        return f"{word} in {r.regions[subject[0]].name}"
    if table == "pair":
        if subject[1] != actor:
            return None
        return f"relations of {r.actors[subject[0]].name} with you"
    if table == "actor_region":
        a, i = subject
        return (
            f"{word} in {r.regions[i].name}" if a == actor else f"{word} of {r.actors[a].name} in {r.regions[i].name}"
        )
    if table == "track":
        return f"{word} of {r.tracks[subject[0]].name}"
    if table == "global":
        return word
    return None


def effect_items(
    game: Game, actor: int, p: Prediction | None, limit: int = 12
) -> tuple[list[tuple[str, int]], list[str]]:
    """The predicted changes ("forces in Iraq +15 (+10..+20)"), the actor's own
    values first, then by size, each with whether it is good (+1), bad (-1) or
    neither (0) for the actor's role (the session's :meth:`Game.stance`); and
    the prediction's notes."""
    if p is None:
        return [], []
    items: list[tuple[tuple[int, float], str, int]] = []
    for (q, subj), mean in p.mean.items():
        label = effect_label(game, actor, q, subj)
        if label is None:
            continue
        lo, hi = p.low[(q, subj)], p.high[(q, subj)]
        rng = "" if abs(hi - lo) < 0.5 else f" ({signed(lo)}..{signed(hi)})"
        own = QUANTITIES[q].table == "actor" and subj == (actor,)
        good = game.stance(actor, q, subj) * (1 if mean > 0 else -1 if mean < 0 else 0)
        items.append(((0 if own else 1, -abs(mean)), f"{label} {signed(mean)}{rng}", good))
    items.sort(key=lambda x: x[0])
    out = [(t, good) for _, t, good in items[:limit]]
    if len(items) > limit:
        out.append((f"and {len(items) - limit} more changes", 0))
    return out, list(p.notes)


def effect_lines(game: Game, actor: int, p: Prediction | None, limit: int = 12) -> tuple[list[str], list[str]]:
    """The predicted changes as lines of text (see :func:`effect_items`), and the prediction's notes."""
    items, notes = effect_items(game, actor, p, limit)
    return [t for t, _ in items], notes
