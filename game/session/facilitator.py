"""The facilitator ("white cell") of a classroom game.

A facilitator is enabled when the game starts, with a passphrase chosen then;
only a salted hash of it is kept (in the save too). Unlocking with the
passphrase gives the controls: see every actor's state and queued orders,
pause and resume, inject one of the scenario's events or a custom one, and set
a value with a note. Every intervention is logged with its turn and note,
kept in the save (so replays include it) and shown in the debrief.

The record (the settings and the interventions) is sealed with a key derived
from the passphrase (see :mod:`game.session.seal`); unlocking checks the seal
of a loaded game, and a record found altered gets a note saying so, which the
new seal then covers. Every value a facilitator enters is checked here: it
must be a finite number within the value's range.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from game.core.conditions import QUANTITIES
from game.core.ctx import PLAY, Ctx
from game.core.ledger import Cause, CauseKind
from game.session import seal as seals
from game.session.game import Game, IllegalOrder

ITERATIONS = 200_000
MAX_NOTE = 2000


class FacilitatorError(Exception):
    """Wrong passphrase, no facilitator, or a bad intervention."""


def _digest(passphrase: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt, ITERATIONS).hex()


def enable(game: Game, passphrase: str) -> None:
    """Turn on the facilitator for this game, protected by ``passphrase``."""
    if len(passphrase) < 4:
        raise FacilitatorError("choose a passphrase of at least 4 characters")
    salt = os.urandom(16)
    game.facilitator = {"salt": salt.hex(), "hash": _digest(passphrase, salt)}
    game.seal_key = seals.seal_key(passphrase, salt)


def unlock(game: Game, passphrase: str) -> "Controls":
    if not game.facilitator:
        raise FacilitatorError("this game has no facilitator (start it with one)")
    try:
        salt = bytes.fromhex(game.facilitator["salt"])
    except (ValueError, TypeError, KeyError):
        raise FacilitatorError("this game's facilitator settings are damaged") from None
    if not hmac.compare_digest(_digest(passphrase, salt), str(game.facilitator.get("hash", ""))):
        game.wrong_passphrases += 1
        raise FacilitatorError("wrong passphrase")
    key = seals.seal_key(passphrase, salt)
    if game.wrong_passphrases:
        # Someone tried the controls: the facilitator reads it in the sealed record.
        n = game.wrong_passphrases
        game.interventions.append(
            {
                "turn": game.turn,
                "kind": "note",
                "note": f"{n} wrong passphrase{'s' if n > 1 else ''} typed before this unlock on turn {game.turn}",
            }
        )
        game.wrong_passphrases = 0
    if game.seal_key is None and game.record is not None:
        status = game.record.status(key)
        if status.trouble:
            # Say so in the record itself before the new seal covers it.
            game.interventions.append(
                {
                    "turn": game.turn,
                    "kind": "note",
                    "note": f"When the facilitator unlocked on turn {game.turn}: {status.text}",
                }
            )
    game.seal_key = key
    return Controls(game)


def record_status(game: Game) -> seals.RecordStatus:
    """What can be said now of the game's facilitator record."""
    if game.record is None:
        if game.facilitator is None and not game.interventions:
            return seals.RecordStatus(seals.NONE, "No facilitator was set for this game.")
        return seals.RecordStatus(
            seals.INTACT if game.seal_key else seals.UNCHECKED, "Facilitator record kept by this session."
        )
    return game.record.status(game.seal_key)


def check_with(game: Game, passphrase: str) -> seals.RecordStatus:
    """Check a loaded game's facilitator record with the passphrase (for the report)."""
    if not game.facilitator:
        return record_status(game)
    try:
        salt = bytes.fromhex(game.facilitator["salt"])
    except (ValueError, TypeError, KeyError):
        return seals.RecordStatus(seals.ALTERED, "Facilitator record altered: its settings are damaged.")
    if not hmac.compare_digest(_digest(passphrase, salt), str(game.facilitator.get("hash", ""))):
        return seals.RecordStatus(
            seals.ALTERED,
            "Facilitator record not confirmed: the passphrase given does not open it, "
            "so either it is not this game's passphrase or the facilitator's settings were replaced.",
        )
    game.seal_key = seals.seal_key(passphrase, salt)
    return record_status(game)


def check_amount(quantity: str, amount: float) -> str:
    """Why a change of ``amount`` to a value cannot be made, or ''."""
    q = QUANTITIES.get(quantity)
    if q is None:
        return f"unknown value '{quantity}'"
    if not math.isfinite(amount):
        return "the amount must be a finite number"
    span = q.hi - q.lo
    if abs(amount) > span:
        return f"{quantity} ranges from {q.lo:g} to {q.hi:g}: a change can be at most ±{span:g}"
    return ""


@dataclass
class Controls:
    game: Game

    # ------------------------------------------------------------ looking
    def overview(self) -> list[dict[str, Any]]:
        """Every actor's values (hidden ones included) and queued orders."""
        g = self.game
        r = g.rules
        s = g.state
        out = []
        for a, spec in enumerate(r.actors):
            out.append(
                {
                    "actor": spec.id,
                    "name": spec.name,
                    "human": a in g.humans,
                    **{
                        q: float(getattr(s, q)[0, a])
                        for q in ("leverage", "reputation", "support", "strength", "readiness", "budget")
                    },
                    "queued": [r.option_label(o) for o in g.pending.get(a, [])],
                }
            )
        return out

    def injects(self) -> list[tuple[str, str]]:
        """(id, name) of the scenario's events a facilitator may send: its
        prepared injects first, then its other events."""
        return [(x["id"], x["name"]) for x in self.inject_list()]

    def inject_list(self) -> list[dict[str, Any]]:
        """See :func:`inject_list`."""
        return inject_list(self.game)

    def describe(self, intervention: dict[str, Any]) -> str:
        """An intervention in words, with names and, for a change, old → new."""
        return describe(self.game, intervention)

    # ------------------------------------------------------------ acting
    def pause(self, note: str = "") -> None:
        self.game.paused = True
        self.game.interventions.append({"turn": self.game.turn, "kind": "pause", "note": note})

    def resume(self, note: str = "") -> None:
        self.game.paused = False
        self.game.interventions.append({"turn": self.game.turn, "kind": "resume", "note": note})

    def inject(self, event_id: str, note: str = "") -> list[str]:
        ids = [e.id for e in self.game.rules.events]
        if event_id not in ids:
            raise FacilitatorError(f"no event '{event_id}' in this scenario")
        news = self.game.inject(ids.index(event_id), note)
        self.game.interventions[-1]["title"] = self.game.rules.events[ids.index(event_id)].name
        return news

    def adjust(self, quantity: str, subject: list[str], value: float, note: str = "") -> None:
        idx = self.subject(quantity, subject)
        q = QUANTITIES[quantity]
        if not (math.isfinite(value) and q.lo <= value <= q.hi):
            raise FacilitatorError(f"{quantity} ranges from {q.lo:g} to {q.hi:g}")
        from game.session.game import read_value

        old = read_value(self.game.state, quantity, idx)
        try:
            self.game.adjust(quantity, idx, value, note[:MAX_NOTE])
        except IllegalOrder as exc:
            raise FacilitatorError(str(exc)) from None
        self.game.interventions[-1]["label"] = " / ".join(subject)
        self.game.interventions[-1]["old"] = old

    def custom_event(
        self, headline: str, text: str, changes: list[tuple[str, list[str], float]], note: str = ""
    ) -> None:
        """A news item of the facilitator's own, with changes (quantity, subject ids, amount added)."""
        if not headline.strip():
            raise FacilitatorError("a custom event needs a headline")
        if len(headline) > MAX_NOTE or len(text) > MAX_NOTE:
            raise FacilitatorError(f"keep the headline and the text under {MAX_NOTE} characters")
        resolved = [(q, self.subject(q, subj), float(amount)) for q, subj, amount in changes]
        for q, _, amount in resolved:
            problem = check_amount(q, amount)
            if problem:
                raise FacilitatorError(problem)
        record = {
            "turn": self.game.turn,
            "kind": "custom",
            "headline": headline,
            "text": text,
            "changes": [{"quantity": q, "subject": list(i), "add": a} for q, i, a in resolved],
            "note": note,
        }
        apply_custom(self.game, record)
        self.game.interventions.append(record)

    def subject(self, quantity: str, names: list[str]) -> tuple[int, ...]:
        r = self.game.rules
        if quantity not in QUANTITIES or quantity in ("turn", "flag"):
            raise FacilitatorError(f"unknown value '{quantity}'")
        table = QUANTITIES[quantity].table
        kinds = {
            "actor": ("actor",),
            "region": ("region",),
            "pair": ("actor", "actor"),
            "actor_region": ("actor", "region"),
            "track": ("track",),
            "global": (),
        }.get(table)
        if kinds is None:
            raise FacilitatorError(f"'{quantity}' cannot be changed by hand")
        if len(names) != len(kinds):
            raise FacilitatorError(f"'{quantity}' needs {len(kinds)} name(s): {', '.join(kinds) or 'none'}")
        out = []
        for kind, name in zip(kinds, names):
            ids = {
                "actor": [a.id for a in r.actors],
                "region": [g.id for g in r.regions],
                "track": [t.id for t in r.tracks],
            }[kind]
            if name not in ids:
                raise FacilitatorError(f"unknown {kind} '{name}' (one of: {', '.join(ids)})")
            out.append(ids.index(name))
        return tuple(out)


def inject_list(game: Game) -> list[dict[str, Any]]:
    """The scenario's events a facilitator may send, each with whether it
    is a prepared inject (one that fires only when sent), whether it has
    already happened in this game and on which turn, and whether the
    facilitator sent it: prepared injects first, then the other events, each
    in the scenario's order."""
    g = game
    first: dict[str, int] = {}
    for e in g.ledger.entries:
        if e.cause.kind.value == "event":
            first.setdefault(e.cause.source, e.turn)
    for i in g.interventions:
        if i.get("kind") == "inject":
            first[i["event"]] = min(first.get(i["event"], i["turn"]), i["turn"])
    out = []
    for k, e in enumerate(g.rules.events):
        fired = bool(g.state.fired[0, k]) or e.id in first
        out.append(
            {
                "id": e.id,
                "name": e.name,
                "prepared": bool(e.inject),
                "fired": fired,
                "turn": first.get(e.id) if fired else None,
                "sent": any(i.get("kind") == "inject" and i.get("event") == e.id for i in g.interventions),
            }
        )
    return sorted(out, key=lambda x: not x["prepared"])


def _amount(quantity: str, value: float | None) -> str:
    if value is None:
        return "?"
    q = QUANTITIES.get(quantity)
    return f"{value:g}" if q is not None and q.integer else f"{round(value, 1):g}"


def describe(game: Game, i: dict[str, Any]) -> str:
    """An intervention in words, with the names of what it changed and, for a
    value set by hand, its old and new value: 'Set stability of Saudi Arabia:
    48.5 → 55'."""
    r = game.rules
    kind = i.get("kind")
    if kind == "adjust":
        quantity = str(i.get("quantity", ""))
        subject = tuple(int(k) for k in i.get("subject", []))
        try:
            what = game.name_of(quantity, subject) if subject else "the world"
        except (IndexError, KeyError):
            what = str(i.get("label") or subject)
        old = f"{_amount(quantity, i.get('old'))} → " if i.get("old") is not None else ""
        return f"Set {quantity} of {what}: {old}{_amount(quantity, i.get('value'))}"
    if kind == "inject":
        ids = [e.id for e in r.events]
        name = i.get("title") or (r.events[ids.index(i["event"])].name if i.get("event") in ids else i.get("event"))
        return f"Injected event: {name}"
    if kind == "custom":
        parts = []
        for ch in i.get("changes", []):
            subject = tuple(int(k) for k in ch.get("subject", []))
            try:
                what = game.name_of(ch["quantity"], subject) if subject else "the world"
            except (IndexError, KeyError):
                what = str(subject)
            parts.append(f"{ch['quantity']} of {what} {ch['add']:+g}")
        return f"Custom event: {i.get('headline', '')}" + (f" ({'; '.join(parts)})" if parts else "")
    if kind in ("pause", "resume"):
        return "Paused the game" if kind == "pause" else "Resumed the game"
    return f"Note: {i.get('note', '')}" if kind == "note" else str(kind)


def apply_custom(game: Game, record: dict[str, Any]) -> None:
    """Apply a custom event (also when a save is replayed)."""
    ctx = Ctx(game.rules, game.state, game.ledger, PLAY, phase="facilitator")
    cause = Cause(CauseKind.FACILITATOR, "custom", record["headline"])
    for ch in record.get("changes", []):
        ctx.add(ch["quantity"], np.array([0]), tuple(np.array([k]) for k in ch["subject"]), float(ch["add"]), cause)
    line = f"{record['headline']}: {record['text']}" if record.get("text") else record["headline"]
    if game.log:
        game.log[-1].news.append(line)
    else:
        game.opening_news.append(line)
    game._mark(new=False)
