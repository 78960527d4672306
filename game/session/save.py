"""Save files: the scenario, the seed, the settings and the orders of every turn.

Loading re-simulates the game from those, so a save is also a replay and can
be branched from any turn. Writes are atomic (a temporary file renamed over
the old one) and the previous save is kept as ``NAME.bak``; a corrupted or
incompatible save gives a clear error and changes no file.

A save is untrusted input: it is read with a size cap (never from a device or
a pipe), parsed as strict JSON (no NaN, bounded nesting), checked against the
models in :mod:`game.session.saveschema`, then against its scenario (actor
ids, the number of turns, the subjects and ranges of facilitator changes).
Every problem is one line, ``FILE: error: PATH: message``, where PATH is the
JSON path of the bad field.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import difflib
import json
import math
import stat
import zlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.ai.controllers import PassController
from game.core.conditions import QUANTITIES
from game.core.engine import RULES_VERSION
from game.scenario.compile import Scenario
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, load_sources, scenarios_dir, shipped
from game.session import seal as seals
from game.session.files import FileProblem, clean_line, read_bounded, regular_file, write_atomic
from game.session.game import Game, adjust_problem
from game.session.messages import to_saved
from game.session.saveschema import MAX_EMBEDDED, MAX_SEED, SaveModel, first_problem

__all__ = [
    "SAVE_FORMAT",
    "SAVE_VERSION",
    "SaveError",
    "from_dict",
    "load_game",
    "read",
    "save",
    "to_dict",
    "write_atomic",
]

SAVE_FORMAT = "brinkmanship-save"
SAVE_VERSION = 2
"""2: the facilitator record is sealed (see game.session.seal). Version 1 saves still load."""
MAX_SAVE_BYTES = 20_000_000
MAX_SCENARIO_BYTES = 5_000_000
POLICIES = ("random", "standard", "hard", "pass")


class SaveError(Exception):
    """A save that cannot be read or does not fit its scenario."""


def _err(where: str, text: str) -> SaveError:
    return SaveError(f"{where}: error: {text}")


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
    interventions = [i for i in game.interventions if i["turn"] < last_turn or upto is None]
    data: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "version": SAVE_VERSION,
        "rules": RULES_VERSION,
        "scenario": {
            "id": game.scenario.id,
            "hash": game.scenario.content_hash,
            "path": None
            if game.scenario.id in shipped_ids and Path(game.scenario.path).stem == game.scenario.id
            else str(Path(game.scenario.path).resolve()),
            **embedded(game.scenario),
        },
        "seed": game.seed,
        "difficulty": game.difficulty,
        "humans": [r.actors[a].id for a in game.humans],
        "policies": {r.actors[a].id: p for a, p in sorted(game.policies.items())},
        "controllers": {r.actors[a].id: c.name for a, c in sorted(game.controllers.items())},
        "turns": turns,
        "interventions": interventions,
        # Hot-seat roles that have ended the turn in progress, with their sealed orders.
        "sealed": {}
        if upto is not None
        else {r.actors[a].id: [r.option_slug(o) for o in game.pending.get(a, [])] for a in sorted(game.sealed)},
        # Orders queued but not yet sealed in the turn in progress (kept so that no order is lost).
        "pending": {}
        if upto is not None
        else {
            r.actors[a].id: [r.option_slug(o) for o in game.pending.get(a, [])]
            for a in game.humans
            if a not in game.sealed and game.pending.get(a)
        },
        "facilitator": game.facilitator,
        "seal": seals.make(game.seal_key, game.facilitator, game.scenario.id, game.seed, interventions, game.record),
        # Messages between teams (game.session.messages), with the turn each was sent in.
        "messages": [m for m in to_saved(game) if upto is None or m["turn"] < last_turn],
    }
    # Classroom settings, written only when used (a save without them reads as before).
    if game.teams:
        data["teams"] = {r.actors[a].id: name for a, name in sorted(game.teams.items())}
    if game.reflections:
        data["reflections"] = [dict(x) for x in game.reflections if upto is None or int(x.get("turn", 0)) < last_turn]
    if game.played_by_ai:
        data["played_by_ai"] = [dict(x) for x in game.played_by_ai if upto is None or int(x.get("turn", 0)) < last_turn]
    if game.origin:
        data["origin"] = dict(game.origin)
    if game.pacing:
        data["pacing"] = dict(game.pacing)
    return data


def embedded(scenario: Scenario) -> dict[str, Any]:
    """``{"embedded": ...}``: the scenario's files, compressed, so that the save replays and reports after the
    file is edited or on another machine; empty when the scenario has no recorded files or is too large."""
    if not scenario.sources:
        return {}
    files = [
        {"name": name, "data": base64.b64encode(zlib.compress(raw, 9)).decode("ascii")}
        for name, raw in scenario.sources
    ]
    if sum(len(f["data"]) for f in files) > MAX_EMBEDDED:
        return {}
    return {"embedded": {"encoding": "zlib+base64", "files": files}}


def _unpack(emb: dict[str, Any], where: str) -> list[tuple[str, bytes]]:
    """The files of an embedded scenario, each decompressed with a cap (a small copy cannot unpack to gigabytes)."""
    out: list[tuple[str, bytes]] = []
    left = MAX_SCENARIO_BYTES
    for k, f in enumerate(emb["files"]):
        try:
            packed = base64.b64decode(f["data"], validate=True)
            z = zlib.decompressobj()
            raw = z.decompress(packed, left + 1)
        except (ValueError, zlib.error):
            raise _err(where, f"scenario.embedded.files[{k}]: the scenario copy is damaged") from None
        if len(raw) > left or z.unconsumed_tail:
            raise _err(where, f"scenario.embedded: the scenario copy is larger than {MAX_SCENARIO_BYTES:,} bytes")
        left -= len(raw)
        out.append((f["name"], raw))
    return out


def embedded_scenario(data: dict[str, Any], where: str = "save") -> Scenario | None:
    """The scenario as it was when the game was saved, from the copy in the save (None if it has none)."""
    emb = data["scenario"].get("embedded")
    if not emb:
        return None
    try:
        scenario = load_sources(_unpack(emb, where), f"{where} (its copy of the scenario)")
        sc = data["scenario"]
        scenario = dataclasses.replace(scenario, path=sc.get("path") or str(scenarios_dir() / f"{sc['id']}.yaml"))
    except ScenarioError as exc:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
        raise SaveError(f"{where}: error: scenario.embedded: the scenario copy cannot be loaded: {first}") from None
    if scenario.id != data["scenario"]["id"]:
        raise _err(where, "scenario.embedded: the scenario copy is of another scenario (the save is damaged)")
    saved = data["scenario"].get("hash")
    if saved and saved != scenario.content_hash:
        raise _err(where, "scenario.embedded: the scenario copy does not match the saved hash (the save is damaged)")
    return scenario


def scenario_changes(data: dict[str, Any], current: Scenario, where: str = "save", limit: int = 12) -> list[str]:
    """What changed in the scenario file since the game was saved, as lines of a unified diff (at most ``limit``)."""
    emb = data["scenario"].get("embedded")
    if not emb or not current.sources:
        return []
    before = {n: r.decode("utf-8", "replace") for n, r in _unpack(emb, where)}
    after = {n: r.decode("utf-8", "replace") for n, r in current.sources}
    lines: list[str] = []
    for name in list(before) + [n for n in after if n not in before]:
        diff = difflib.unified_diff(
            before.get(name, "").splitlines(),
            after.get(name, "").splitlines(),
            f"{name} (saved)",
            name,
            n=0,
            lineterm="",
        )
        lines += [d for d in diff if not d.startswith(("---", "+++"))]
    return lines[:limit] + ([f"... and {len(lines) - limit} more changed line(s)"] if len(lines) > limit else [])


def dumps(data: dict[str, Any]) -> str:
    """A save as text. NaN and infinity are refused: they are not JSON, and
    no value in a game may be one."""
    return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def may_overwrite(path: str | Path) -> None:
    """Refuse to write a save over a file that is not one (a scenario, a report...)."""
    path = Path(path)
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return
        with open(path, "rb") as f:
            head = f.read(200)
    except (OSError, ValueError):
        return  # write_atomic says what is wrong with the path
    if b'"' + SAVE_FORMAT.encode() + b'"' not in head:
        raise FileProblem(f"{path}: not a Brinkmanship save; will not write a save over it (choose another file)")


def save(game: Game, path: str | Path) -> Path:
    path = Path(path)
    text = dumps(to_dict(game))
    may_overwrite(path)
    write_atomic(path, text)
    return path


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number in JSON")


def _finite_float(text: str) -> float:
    v = float(text)
    if not math.isfinite(v):
        raise ValueError(f"{text[:20]} is too large a number")
    return v


def read(path: str | Path) -> dict[str, Any]:
    """The checked contents of a save file (SaveError naming the file and the field otherwise)."""
    path = Path(path)
    where = str(path)
    try:
        raw = read_bounded(path, MAX_SAVE_BYTES, "save")
    except FileProblem as exc:
        raise SaveError(f"{where}: error: {str(exc).removeprefix(where + ': ')}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _err(where, "not a save file (not UTF-8 text)") from None
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        hint = f"; the previous save is in {path.name}.bak" if path.with_name(path.name + ".bak").exists() else ""
        raise SaveError(f"{where}:{exc.lineno}:{exc.colno}: error: the save is corrupted ({exc.msg}){hint}") from None
    except RecursionError:
        # The parser checks its depth itself: deep nesting stops it, never the game.
        raise _err(where, "not a save file (lists or objects nested too deeply)") from None
    except ValueError as exc:
        raise _err(where, f"the save is corrupted ({str(exc)[:200]})") from None
    return check(data, where)


def check(data: Any, where: str = "save") -> dict[str, Any]:
    """Check a save's data against the save format (not yet against its scenario)."""
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise _err(where, "not a Brinkmanship save file")
    version = data.get("version")
    if version not in (1, SAVE_VERSION) or isinstance(version, bool):
        raise _err(
            where,
            f"save version {str(version)[:20] if isinstance(version, int) else repr(version)[:20]} "
            f"is not supported (this game reads versions 1 to {SAVE_VERSION})",
        )
    for key in ("scenario", "seed", "turns", "humans"):
        if key not in data:
            raise _err(where, f"the save is incomplete (no '{key}')")
    rules = data.get("rules", 1)
    if rules != RULES_VERSION:
        shown = str(rules)[:20] if isinstance(rules, int) and not isinstance(rules, bool) else repr(rules)[:20]
        raise _err(
            where,
            f"made with rules version {shown}; this game uses rules version {RULES_VERSION}, "
            "so the saved orders would not replay to the same game "
            "(play it with the version of Brinkmanship that saved it)",
        )
    try:
        SaveModel.model_validate(data)
    except ValidationError as exc:
        raise _err(where, first_problem(exc)) from None
    return data


def scenario_of(data: dict[str, Any], where: str = "save", rebase: bool = False) -> Scenario:
    """The scenario a save was played under: its file when it is unchanged, else the copy the save carries.

    With ``rebase``, the scenario file as it is now, even if it has changed (to play on under the edited file)."""
    try:
        return _scenario_file(data, where, check_hash=not rebase)
    except SaveError as first:
        if rebase:
            raise
        try:
            copy_ = embedded_scenario(data, where)
        except SaveError as second:
            why = str(second).split(": error: ", 1)[-1].split("\n", 1)[0]
            raise SaveError(f"{first} (the copy of the scenario in the save cannot stand in: {why})") from None
        if copy_ is None:
            raise
        return copy_


def _scenario_file(data: dict[str, Any], where: str = "save", check_hash: bool = True) -> Scenario:
    sc = data["scenario"]
    if not isinstance(sc, dict) or not isinstance(sc.get("id"), str):
        raise _err(where, "scenario: the save names no scenario")
    name = sc.get("path") or sc["id"]
    if not sc.get("path") and sc["id"] not in {sid for sid, _ in shipped()}:
        raise _err(
            where,
            f"scenario.id: no shipped scenario '{clean_line(sc['id'])[:60]}' (and the save gives no scenario path)",
        )
    if sc.get("path"):
        # A scenario named by path is read only from a regular file of sensible size.
        try:
            st = regular_file(name, "scenario")
        except FileProblem as exc:
            raise _err(where, f"scenario.path: {exc}") from None
        if stat.S_ISREG(st.st_mode) and st.st_size > MAX_SCENARIO_BYTES:
            raise _err(where, f"scenario.path: {name}: too large for a scenario ({st.st_size:,} bytes)")
    try:
        scenario = load(name)
    except ScenarioError as exc:
        raise SaveError(f"{where}: error: scenario: its scenario '{name}' cannot be loaded:\n{exc}") from None
    except OSError as exc:
        raise _err(where, f"scenario: its scenario '{name}' cannot be read: {exc.strerror or exc}") from None
    if check_hash and sc.get("hash") and sc["hash"] != scenario.content_hash:
        raise _err(
            where,
            f"scenario.hash: the scenario '{scenario.id}' has changed since this game was saved "
            f"(saved {sc['hash']}, now {scenario.content_hash}); the game cannot be replayed exactly",
        )
    return scenario


def from_dict(
    data: dict[str, Any], where: str = "save", upto: int | None = None, rebase: list[str] | None = None
) -> Game:
    """Rebuild a game by replaying its orders (to turn ``upto`` if given).

    ``rebase``: a list to fill with notes — the game is replayed under the
    scenario file as it is now, and an order that no longer exists there is
    left out (with a note) instead of making the save an error."""
    data = check(data, where)
    scenario = scenario_of(data, where, rebase=rebase is not None)
    pacing = data.get("pacing")
    if pacing:
        from game.session.pacing import PacingError, shorten

        if pacing.get("original") not in (None, scenario.rules.turn_limit):
            raise _err(
                where,
                f"pacing.original: the game shortened a scenario of {pacing['original']} turns, "
                f"but '{scenario.id}' has {scenario.rules.turn_limit}",
            )
        try:
            scenario = shorten(scenario, pacing["turns"])
        except PacingError as exc:
            raise _err(where, f"pacing.turns: {exc}") from None
    r = scenario.rules
    ids = [a.id for a in r.actors]

    def idx(aid: str, at: str) -> int:
        if aid not in ids:
            raise _err(where, f"{at}: unknown actor '{aid[:60]}' (this scenario's actors: {', '.join(ids)})")
        return ids.index(aid)

    seed = data["seed"]
    if not 0 <= seed <= MAX_SEED:
        raise _err(where, f"seed: must be from 0 to {MAX_SEED}")
    turns = data["turns"]
    for k, t in enumerate(turns):
        if t["turn"] != k + 1:
            raise _err(where, f"turns[{k}].turn: expected turn {k + 1}, found {t['turn']}")
    if len(turns) > r.turn_limit:
        raise _err(where, f"turns: {len(turns)} turns saved, but the scenario '{scenario.id}' has only {r.turn_limit}")
    if upto is not None and not 1 <= upto <= len(turns) + 1:
        raise _err(where, f"there is no turn {upto} to go back to (this game has turns 1 to {len(turns) + 1})")
    humans = tuple(idx(a, f"humans[{k}]") for k, a in enumerate(data["humans"]))
    if len(set(humans)) != len(humans):
        raise _err(where, "humans: a role is listed twice")
    policies = {}
    for a, p in data.get("policies", {}).items():
        if p not in POLICIES:
            raise _err(where, f"policies.{a}: unknown policy '{p[:40]}' (one of {', '.join(POLICIES)})")
        policies[idx(a, f"policies.{a}")] = p
    difficulty = data.get("difficulty", "normal")
    if difficulty not in scenario.difficulty:
        raise _err(
            where, f"difficulty: unknown difficulty '{difficulty[:40]}' (one of {', '.join(scenario.difficulty)})"
        )
    saved_ctrl = {idx(a, f"controllers.{a}"): n for a, n in data.get("controllers", {}).items()}
    game = Game.new(
        scenario,
        seed,
        humans,
        policies,
        difficulty,
        controllers={a: PassController() for a in range(r.n_actors) if a not in humans},
    )
    fac = data.get("facilitator")
    game.facilitator = dict(fac) if fac is not None else None
    interventions = list(data.get("interventions", []))
    last = 0
    for k, i in enumerate(interventions):
        if i["turn"] < last:
            raise _err(where, f"interventions[{k}].turn: interventions must be in the order of their turns")
        if i["turn"] > len(turns) + 1:
            raise _err(
                where,
                f"interventions[{k}].turn: turn {i['turn']} has not been played "
                f"(the game has turns 1 to {len(turns) + 1})",
            )
        last = i["turn"]
    applied: list[dict[str, Any]] = []
    pending = list(enumerate(interventions))
    for k, t in enumerate(turns):
        if upto is not None and t["turn"] >= upto:
            break
        if game.over:
            raise _err(where, f"turns[{k}]: the game was already over after turn {k}")
        _apply_interventions(game, pending, t["turn"], where, applied)
        orders: dict[int, list[int]] = {}
        for aid, slugs in t.get("orders", {}).items():
            a = idx(aid, f"turns[{k}].orders")
            if len(slugs) > r.max_orders:
                # The engine would play only the first ones: refuse a turn no game could have had.
                raise _err(
                    where,
                    f"turns[{k}].orders.{aid}: {len(slugs)} orders; this scenario allows at most {r.max_orders} a turn",
                )
            orders[a] = []
            for j, slug in enumerate(slugs):
                try:
                    orders[a].append(game.find_option(a, slug))
                except Exception as exc:  # noqa: BLE001 - any bad order is a damaged save
                    if rebase is None:
                        raise _err(where, f"turns[{k}].orders.{aid}[{j}]: {exc}") from None
                    rebase.append(f"turn {t['turn']}: {aid}'s order '{clean_line(slug)[:60]}' left out ({exc})")
        for a in range(r.n_actors):
            orders.setdefault(a, [])
        reasons = {idx(a, f"turns[{k}].reasons"): list(v) for a, v in t.get("reasons", {}).items()}
        game.pending = {}
        game._resolve(orders, reasons)
    _apply_interventions(game, pending, game.turn, where, applied)
    if upto is None and pending:
        k, i = pending[0]
        raise _err(where, f"interventions[{k}].turn: turn {i['turn']} has not been played")
    game.interventions = copy.deepcopy(applied)
    game.record = seals.Loaded(
        int(data["version"]),
        copy.deepcopy(fac),
        copy.deepcopy(interventions),
        copy.deepcopy(data.get("seal")),
        "facilitator" in data,
        scenario.id,
        seed,
        upto,
    )
    game.pending = {a: [] for a in game.humans}
    for k, m in enumerate(data.get("messages", [])):
        if upto is not None and m["turn"] >= upto:
            break
        if m["turn"] > game.turn:
            raise _err(where, f"messages[{k}].turn: turn {m['turn']} has not been played")
        to = None if m.get("to") is None else idx(m["to"], f"messages[{k}].to")
        game.messages.append(
            {"turn": m["turn"], "from": idx(m["from"], f"messages[{k}].from"), "to": to, "text": m["text"]}
        )
    if pacing:
        game.pacing = {"turns": r.turn_limit, "original": int(pacing.get("original") or 0) or r.turn_limit}
    for aid, name in data.get("teams", {}).items():
        a = idx(aid, f"teams.{aid}")
        if a not in humans:
            raise _err(where, f"teams.{aid}: not a human role of this game")
        game.teams[a] = name
    for k, x in enumerate(data.get("reflections", [])):
        idx(x["actor"], f"reflections[{k}].actor")
        if x["turn"] > len(turns) + 1:
            raise _err(where, f"reflections[{k}].turn: turn {x['turn']} has not been played")
        if upto is None or x["turn"] < upto:
            game.reflections.append(dict(x))
    for k, x in enumerate(data.get("played_by_ai", [])):
        a = idx(x["actor"], f"played_by_ai[{k}].actor")
        if a not in humans:
            raise _err(where, f"played_by_ai[{k}].actor: not a human role of this game")
        if x["turn"] > len(turns):
            raise _err(where, f"played_by_ai[{k}].turn: turn {x['turn']} has not been played")
        if upto is None or x["turn"] < upto:
            game.played_by_ai.append({"turn": x["turn"], "actor": x["actor"]})
    if upto is not None:
        game.origin = {"game": Path(where).name[:400] or "save", "turn": upto}
    elif data.get("origin"):
        game.origin = dict(data["origin"])
    if upto is None:
        for aid, slugs in data.get("sealed", {}).items():
            a = idx(aid, "sealed")
            if a not in game.humans:
                raise _err(where, f"sealed.{aid}: not a human role of this game")
            for j, slug in enumerate(slugs):
                try:
                    game.queue(a, game.find_option(a, slug))
                except Exception as exc:  # noqa: BLE001 - any bad order is a damaged save
                    if rebase is None:
                        raise _err(where, f"sealed.{aid}[{j}]: {exc}") from None
                    rebase.append(f"this turn: {aid}'s order '{clean_line(slug)[:60]}' left out ({exc})")
            game.sealed.add(a)
        for aid, slugs in data.get("pending", {}).items():
            a = idx(aid, "pending")
            if a not in game.humans or a in game.sealed:
                raise _err(where, f"pending.{aid}: not a human role still to end this turn")
            for j, slug in enumerate(slugs):
                try:
                    game.queue(a, game.find_option(a, slug))
                except Exception as exc:  # noqa: BLE001 - any bad order is a damaged save
                    if rebase is None:
                        raise _err(where, f"pending.{aid}[{j}]: {exc}") from None
                    rebase.append(f"this turn: {aid}'s order '{clean_line(slug)[:60]}' left out ({exc})")
    # From here on, AI actors play again with their saved policies.
    from game.scenario.difficulty import default_policy
    from game.session.game import make_controller

    for a in range(r.n_actors):
        if a in game.humans:
            continue
        name = saved_ctrl.get(a, "")
        game.controllers[a] = (
            PassController()
            if name == "pass"
            else make_controller(
                scenario, a, policies.get(a) or default_policy(scenario, game.difficulty, a, game.humans)
            )
        )
    return game


def _subject(game: Game, quantity: str, subject: list[int], at: str, where: str) -> tuple[int, ...]:
    r = game.rules
    if quantity not in QUANTITIES or quantity in ("turn", "flag"):
        raise _err(where, f"{at}.quantity: unknown value '{quantity[:40]}'")
    table = QUANTITIES[quantity].table
    sizes = {
        "actor": (r.n_actors,),
        "region": (r.n_regions,),
        "track": (r.n_tracks,),
        "pair": (r.n_actors, r.n_actors),
        "actor_region": (r.n_actors, r.n_regions),
        "global": (),
    }.get(table)
    if sizes is None:
        raise _err(where, f"{at}.quantity: '{quantity}' cannot be changed by hand")
    if len(subject) != len(sizes):
        raise _err(where, f"{at}.subject: '{quantity}' needs {len(sizes)} index(es), found {len(subject)}")
    for j, (i, n) in enumerate(zip(subject, sizes)):
        if not 0 <= i < n:
            raise _err(where, f"{at}.subject[{j}]: index {i} is out of range (0 to {n - 1})")
    return tuple(subject)


def _apply_interventions(
    game: Game, pending: list[tuple[int, dict[str, Any]]], turn: int, where: str, applied: list[dict[str, Any]]
) -> None:
    r = game.rules
    while pending and pending[0][1]["turn"] == turn:
        k, i = pending.pop(0)
        at = f"interventions[{k}]"
        kind = i["kind"]
        if kind == "inject":
            ids = [e.id for e in r.events]
            if i["event"] not in ids:
                raise _err(where, f"{at}.event: unknown event '{i['event'][:60]}'")
            game.inject(ids.index(i["event"]), i.get("note", ""))
        elif kind == "adjust":
            subject = _subject(game, i["quantity"], i["subject"], at, where)
            q = QUANTITIES[i["quantity"]]
            value = float(i["value"])
            if not (math.isfinite(value) and q.lo <= value <= q.hi):
                raise _err(where, f"{at}.value: {i['quantity']} ranges from {q.lo:g} to {q.hi:g}")
            problem = adjust_problem(r, i["quantity"], tuple(subject), value)
            if problem:
                raise _err(where, f"{at}.value: {problem}")
            game.adjust(i["quantity"], subject, value, i.get("note", ""))
        elif kind == "custom":
            from game.session.facilitator import apply_custom, check_amount

            for j, ch in enumerate(i.get("changes", [])):
                _subject(game, ch["quantity"], ch["subject"], f"{at}.changes[{j}]", where)
                problem = check_amount(ch["quantity"], float(ch["add"]))
                if problem:
                    raise _err(where, f"{at}.changes[{j}].add: {problem}")
            apply_custom(game, i)
            game.interventions.append(dict(i))
        elif kind in ("pause", "resume"):
            game.paused = kind == "pause"
            game.interventions.append(dict(i))
        else:
            game.interventions.append(dict(i))
        applied.append(i)


def load_game(path: str | Path, upto: int | None = None) -> Game:
    data = read(path)
    return from_dict(data, str(path), upto)


def scenario_changed(path: str | Path) -> bool:
    """Whether the scenario file of a save has changed (or gone) since the game was saved."""
    data = read(path)
    try:
        _scenario_file(data, str(path))
    except SaveError:
        return True
    return False


def rebase_game(path: str | Path, upto: int | None = None) -> tuple[Game, list[str]]:
    """A saved game replayed under its scenario file as it is now, and notes:
    what changed in the file since the save, and the orders left out."""
    data = read(path)
    notes: list[str] = []
    game = from_dict(data, str(path), upto, rebase=notes)
    changes = scenario_changes(data, game.scenario, str(path))
    return game, (
        ["the scenario changed since the game was saved:"] + ["  " + c for c in changes] if changes else []
    ) + notes
