"""Save files: the scenario, the seed, the settings and the orders of every turn.

Loading re-simulates the game from those, so a save is also a replay and can
be branched from any turn. Writes are atomic (a temporary file renamed over
the old one) and the previous save is kept as ``NAME.bak``; a corrupted or
incompatible save gives a clear error and changes no file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from game.core.engine import RULES_VERSION
from game.scenario.compile import Scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, shipped
from game.session.game import Game, PassController

SAVE_FORMAT = "brinkmanship-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 20_000_000


class SaveError(Exception):
    """A save that cannot be read or does not fit its scenario."""


def to_dict(game: Game, upto: int | None = None) -> dict[str, Any]:
    r = game.rules
    shipped_ids = {sid for sid, _ in shipped()}
    turns = []
    for rec in game.log[: upto if upto is not None else None]:
        turns.append(
            {
                "turn": rec.turn,
                "orders": {r.actors[a].id: [r.option_slug(o) for o in opts] for a, opts in sorted(rec.orders.items())},
                "reasons": {r.actors[a].id: list(v) for a, v in sorted(rec.reasons.items())},
            }
        )
    last_turn = turns[-1]["turn"] + 1 if turns else 1
    return {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "rules": RULES_VERSION,
        "scenario": {
            "id": game.scenario.id,
            "hash": game.scenario.content_hash,
            "path": None if game.scenario.id in shipped_ids and Path(game.scenario.path).stem == game.scenario.id else str(Path(game.scenario.path).resolve()),
        },
        "seed": game.seed,
        "difficulty": game.difficulty,
        "humans": [r.actors[a].id for a in game.humans],
        "policies": {r.actors[a].id: p for a, p in sorted(game.policies.items())},
        "controllers": {r.actors[a].id: c.name for a, c in sorted(game.controllers.items())},
        "turns": turns,
        "interventions": [i for i in game.interventions if i["turn"] < last_turn or upto is None],
        # Hot-seat roles that have ended the turn in progress, with their sealed orders.
        "sealed": {} if upto is not None else {r.actors[a].id: [r.option_slug(o) for o in game.pending.get(a, [])] for a in sorted(game.sealed)},
        "facilitator": game.facilitator,
    }


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, keeping the previous file as .bak."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    bak_tmp = path.with_name(f".{path.name}.bak.tmp")
    try:
        # mkstemp creates the file private; give it the usual permissions.
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            shutil.copy2(path, bak_tmp)
            os.replace(bak_tmp, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        for leftover in (tmp, bak_tmp):
            if os.path.exists(leftover):
                os.unlink(leftover)
        raise


def save(game: Game, path: str | Path) -> Path:
    path = Path(path)
    write_atomic(path, json.dumps(to_dict(game), indent=1, ensure_ascii=False) + "\n")
    return path


def read(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SaveError(f"{path}: cannot read the save: {exc.strerror or exc}") from None
    if size > MAX_SAVE_BYTES:
        raise SaveError(f"{path}: not a save file (too large)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SaveError(f"{path}: not a save file (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        hint = f"; the previous save is in {path.name}.bak" if path.with_name(path.name + ".bak").exists() else ""
        raise SaveError(f"{path}:{exc.lineno}:{exc.colno}: the save is corrupted ({exc.msg}){hint}") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{path}: not a Brinkmanship save file")
    if data.get("version") != SAVE_VERSION:
        raise SaveError(f"{path}: save version {data.get('version')} is not supported (this game reads version {SAVE_VERSION})")
    for key in ("scenario", "seed", "turns", "humans"):
        if key not in data:
            raise SaveError(f"{path}: the save is incomplete (no '{key}')")
    rules = data.get("rules", 1)
    if rules != RULES_VERSION:
        raise SaveError(f"{path}: made with rules version {rules}; this game uses rules version {RULES_VERSION}, so the saved orders would not replay to the same game (play it with the version of Brinkmanship that saved it)")
    return data


def scenario_of(data: dict[str, Any], where: str = "save") -> Scenario:
    sc = data["scenario"]
    if not isinstance(sc, dict) or "id" not in sc:
        raise SaveError(f"{where}: the save names no scenario")
    name = sc.get("path") or sc["id"]
    try:
        scenario = load(name)
    except ScenarioError as exc:
        raise SaveError(f"{where}: its scenario '{name}' cannot be loaded:\n{exc}") from None
    if sc.get("hash") and sc["hash"] != scenario.content_hash:
        raise SaveError(f"{where}: the scenario '{scenario.id}' has changed since this game was saved (saved {sc['hash']}, now {scenario.content_hash}); the game cannot be replayed exactly")
    return scenario


def from_dict(data: dict[str, Any], where: str = "save", upto: int | None = None) -> Game:
    """Rebuild a game by replaying its orders (to turn ``upto`` if given)."""
    scenario = scenario_of(data, where)
    r = scenario.rules
    ids = [a.id for a in r.actors]

    def idx(aid: str) -> int:
        if aid not in ids:
            raise SaveError(f"{where}: unknown actor '{aid}' in the save")
        return ids.index(aid)

    try:
        seed = int(data["seed"])
        humans = tuple(idx(a) for a in data["humans"])
        policies = {idx(a): str(p) for a, p in data.get("policies", {}).items()}
        game = Game.new(scenario, seed, humans, policies, str(data.get("difficulty", "normal")), controllers={a: PassController() for a in range(r.n_actors) if a not in humans})
    except (TypeError, ValueError, KeyError) as exc:
        raise SaveError(f"{where}: the save is damaged ({exc})") from None
    saved_ctrl = {idx(a): n for a, n in data.get("controllers", {}).items()}
    fac = data.get("facilitator")
    if fac is not None and not (isinstance(fac, dict) and isinstance(fac.get("salt"), str) and isinstance(fac.get("hash"), str)):
        raise SaveError(f"{where}: the save is damaged (facilitator)")
    game.facilitator = fac
    interventions = list(data.get("interventions", []))
    for t in data["turns"]:
        if upto is not None and int(t["turn"]) >= upto:
            break
        _apply_interventions(game, interventions, int(t["turn"]), where)
        orders: dict[int, list[int]] = {}
        for aid, slugs in t.get("orders", {}).items():
            a = idx(aid)
            try:
                orders[a] = [game.find_option(a, s) for s in slugs]
            except Exception as exc:
                raise SaveError(f"{where}: turn {t['turn']}: {exc}") from None
        for a in range(r.n_actors):
            orders.setdefault(a, [])
        reasons = {idx(a): list(v) for a, v in t.get("reasons", {}).items()}
        game.pending = {}
        game._resolve(orders, reasons)
    _apply_interventions(game, interventions, game.turn, where)
    game.pending = {a: [] for a in game.humans}
    if upto is None:
        sealed = data.get("sealed", {})
        if not isinstance(sealed, dict):
            raise SaveError(f"{where}: the save is damaged (sealed orders)")
        for aid, slugs in sealed.items():
            a = idx(aid)
            if a not in game.humans or not isinstance(slugs, list):
                raise SaveError(f"{where}: the save is damaged (sealed orders of '{aid}')")
            try:
                for slug in slugs:
                    game.queue(a, game.find_option(a, str(slug)))
            except Exception as exc:
                raise SaveError(f"{where}: turn {game.turn}: sealed orders of '{aid}': {exc}") from None
            game.sealed.add(a)
    # From here on, AI actors play again with their saved policies.
    from game.session.game import default_policy, make_controller

    for a in range(r.n_actors):
        if a in game.humans:
            continue
        name = saved_ctrl.get(a, "")
        game.controllers[a] = PassController() if name == "pass" else make_controller(scenario, a, policies.get(a) or default_policy(scenario, game.difficulty, a, game.humans))
    return game


def _apply_interventions(game: Game, items: list[dict[str, Any]], turn: int, where: str) -> None:
    r = game.rules
    todo = [i for i in items if int(i.get("turn", -1)) == turn]
    for i in todo:
        items.remove(i)
        kind = i.get("kind")
        if kind == "inject":
            ids = [e.id for e in r.events]
            if i.get("event") not in ids:
                raise SaveError(f"{where}: unknown event '{i.get('event')}' in the facilitator log")
            game.inject(ids.index(i["event"]), i.get("note", ""))
            game.interventions[-1].update({k: v for k, v in i.items() if k not in game.interventions[-1]})
        elif kind == "adjust":
            game.adjust(i["quantity"], tuple(i["subject"]), float(i["value"]), i.get("note", ""))
            game.interventions[-1].update({k: v for k, v in i.items() if k not in game.interventions[-1]})
        elif kind == "custom":
            from game.session.facilitator import apply_custom

            apply_custom(game, i)
            game.interventions.append(dict(i))
        elif kind in ("pause", "resume"):
            game.paused = kind == "pause"
            game.interventions.append(dict(i))
        elif kind == "note":
            game.interventions.append(dict(i))
        else:
            raise SaveError(f"{where}: unknown facilitator action '{kind}'")


def load_game(path: str | Path, upto: int | None = None) -> Game:
    data = read(path)
    return from_dict(data, str(path), upto)
