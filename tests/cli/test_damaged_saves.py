"""A corpus of damaged saves through the real command line.

Each entry damages a good save (a facilitated tutorial game of two turns) in
one way, and names a fragment of the one-line message expected for it. Every
entry goes through ``play --load`` and ``report`` via ``main(argv)``: exit
status 2, one line on stderr that names the file and (for a bad field) the
JSON path of the field, and no traceback.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

import pytest

from game.cli.main import main
from game.scenario.loader import load
from game.session.facilitator import enable, unlock
from game.session.game import Game
from game.session.save import to_dict

Mutation = Callable[[dict[str, Any]], Any]


def base_save() -> dict[str, Any]:
    game = Game.new(load("tutorial"), 2, humans=[0])
    enable(game, "white cell")
    fac = unlock(game, "white cell")
    fac.adjust("leverage", ["northland"], 30, "a shock")
    fac.pause("talk")
    fac.resume()
    game.end_turn()
    fac.inject("storm", "second storm")
    fac.custom_event("Aid convoy", "", [("need", ["harbour"], -5)], "")
    game.end_turn()
    data = to_dict(game)
    # Without the copy of the scenario a save carries (as saves made before it): the damage to the scenario's
    # reference must show. A save with the copy is tested in tests/session/test_save_embedded_scenario.py.
    del data["scenario"]["embedded"]
    return data


BASE = base_save()
ADJUST = next(k for k, i in enumerate(BASE["interventions"]) if i["kind"] == "adjust")
INJECT = next(k for k, i in enumerate(BASE["interventions"]) if i["kind"] == "inject")
CUSTOM = next(k for k, i in enumerate(BASE["interventions"]) if i["kind"] == "custom")


def adjusting(**fields: Any) -> Mutation:
    """Change the facilitator's adjustment in the save."""

    def mutate(d: dict[str, Any]) -> dict[str, Any]:
        d["interventions"][ADJUST].update(fields)
        return d

    return mutate


def setting(path: str, value: Any) -> Mutation:
    """Set (or with ... delete) the value at a dotted path with [k] indexes."""

    def mutate(d: dict[str, Any]) -> dict[str, Any]:
        keys: list[Any] = []
        for part in path.replace("[", ".[").split("."):
            keys.append(int(part[1:-1]) if part.startswith("[") else part)
        node = d
        for k in keys[:-1]:
            node = node[k]
        if value is ...:
            del node[keys[-1]]
        else:
            node[keys[-1]] = value
        return d

    return mutate


def whole(value: Any) -> Mutation:
    return lambda d: value


def raw(text: str | bytes) -> Mutation:
    return lambda d: text if isinstance(text, bytes) else text.encode("utf-8")


def turns_renumbered(n: int) -> Mutation:
    return lambda d: {**d, "turns": [dict(d["turns"][0], turn=k + 1) for k in range(n)]}


CORPUS: list[tuple[str, Mutation, str]] = [
    # the shape of the turns
    ("turns-null", setting("turns", None), "turns: Input should be a valid list"),
    ("turns-int", setting("turns", 5), "turns: Input should be a valid list"),
    ("turns-str", setting("turns", "all of them"), "turns: Input should be a valid list"),
    ("turns-dict", setting("turns", {}), "turns: Input should be a valid list"),
    ("turn-not-object", setting("turns", [1]), "turns[0]: Input should be a valid dictionary"),
    ("orders-list", setting("turns[0].orders", []), "turns[0].orders: Input should be a valid dictionary"),
    (
        "orders-str",
        setting("turns[0].orders.southland", "strike"),
        "turns[0].orders.southland: Input should be a valid list",
    ),
    (
        "order-int",
        setting("turns[0].orders.southland", [5]),
        "turns[0].orders.southland[0]: Input should be a valid string",
    ),
    (
        "order-huge",
        setting("turns[0].orders.southland", ["x" * 100_000]),
        "turns[0].orders.southland[0]: String should have at most 200 characters",
    ),
    ("orders-unknown-actor", setting("turns[0].orders", {"atlantis": []}), "turns[0].orders: unknown actor 'atlantis'"),
    (
        "order-unknown",
        setting("turns[0].orders.southland", ["fly to the moon"]),
        "turns[0].orders.southland[0]: no such order",
    ),
    (
        "too-many-orders",
        setting("turns[0].orders.southland", ["summit un"] * 51),
        "turns[0].orders.southland: List should have at most 50 items",
    ),
    (
        "orders-over-max-orders",
        setting("turns[0].orders.un", ["summit northland"] * 50),
        "turns[0].orders.un: 50 orders; this scenario allows at most 3 a turn",
    ),
    (
        "orders-over-max-deploy",
        setting("turns[0].orders.southland", ["deploy harbour"] * 10),
        "turns[0].orders.southland: 10 orders; this scenario allows at most 3 a turn",
    ),
    ("turn-number", setting("turns[0].turn", 3), "turns[0].turn: expected turn 1, found 3"),
    ("turn-number-str", setting("turns[0].turn", "1"), "turns[0].turn: Input should be a valid integer"),
    ("turn-zero", setting("turns[0].turn", 0), "turns[0].turn: Input should be greater than or equal to 1"),
    ("turn-extra-field", setting("turns[0].cheat", 1), "turns[0].cheat: unknown field"),
    (
        "reasons-str",
        setting("turns[0].reasons", {"northland": "x"}),
        "turns[0].reasons.northland: Input should be a valid list",
    ),
    (
        "reason-int",
        setting("turns[0].reasons", {"northland": [5]}),
        "turns[0].reasons.northland[0]: Input should be a valid string",
    ),
    (
        "reasons-unknown-actor",
        setting("turns[0].reasons", {"atlantis": []}),
        "turns[0].reasons: unknown actor 'atlantis'",
    ),
    ("turns-repeated", lambda d: {**d, "turns": d["turns"] * 40}, "turns[2].turn: expected turn 3, found 1"),
    ("turns-100-of-8", turns_renumbered(100), "turns: 100 turns saved, but the scenario 'tutorial' has only"),
    ("turns-1001", turns_renumbered(1001), "turns: List should have at most 1000 items"),
    # the seed
    ("seed-negative", setting("seed", -1), "seed: Input should be greater than or equal to 0"),
    ("seed-huge", setting("seed", 2**70), "seed: Input should be less than or equal to 9223372036854775807"),
    ("seed-str", setting("seed", "7"), "seed: Input should be a valid integer"),
    ("seed-float", setting("seed", 1.5), "seed: Input should be a valid integer"),
    ("seed-bool", setting("seed", True), "seed: Input should be a valid integer"),
    ("seed-null", setting("seed", None), "seed: Input should be a valid integer"),
    (
        "seed-5000-digits",
        lambda d: json.dumps(d).replace('"seed": 2', '"seed": ' + "9" * 5000).encode(),
        "the save is corrupted",
    ),
    # who plays
    ("humans-str", setting("humans", "southland"), "humans: Input should be a valid list"),
    ("humans-unknown", setting("humans", ["atlantis"]), "humans[0]: unknown actor 'atlantis'"),
    ("humans-twice", setting("humans", ["southland", "southland"]), "humans: a role is listed twice"),
    ("policies-list", setting("policies", []), "policies: Input should be a valid dictionary"),
    ("policy-unknown", setting("policies", {"northland": "godlike"}), "policies.northland: unknown policy 'godlike'"),
    (
        "policy-unknown-actor",
        setting("policies", {"atlantis": "standard"}),
        "policies.atlantis: unknown actor 'atlantis'",
    ),
    (
        "controllers-unknown-actor",
        setting("controllers", {"atlantis": "pass"}),
        "controllers.atlantis: unknown actor 'atlantis'",
    ),
    ("difficulty-unknown", setting("difficulty", "nightmare"), "difficulty: unknown difficulty 'nightmare'"),
    ("difficulty-int", setting("difficulty", 3), "difficulty: Input should be a valid string"),
    # the scenario
    ("scenario-null", setting("scenario", None), "scenario: Input should be a valid dictionary"),
    ("scenario-id-int", setting("scenario.id", 5), "scenario.id: Input should be a valid string"),
    (
        "scenario-unknown",
        setting("scenario.id", "no-such-scenario"),
        "scenario.id: no shipped scenario 'no-such-scenario'",
    ),
    ("scenario-id-is-a-device", setting("scenario.id", "/dev/zero"), "scenario.id: no shipped scenario '/dev/zero'"),
    ("scenario-not-a-scenario", setting("scenario.path", __file__), "cannot be loaded"),
    ("scenario-dev-zero", setting("scenario.path", "/dev/zero"), "scenario.path: /dev/zero: not a regular file"),
    ("scenario-folder", setting("scenario.path", "/tmp"), "scenario.path: /tmp: is a folder"),
    (
        "scenario-missing-file",
        setting("scenario.path", "/nonexistent/x.yaml"),
        "scenario.path: /nonexistent/x.yaml: cannot read the scenario",
    ),
    ("scenario-changed", setting("scenario.hash", "0" * 16), "scenario.hash: the scenario 'tutorial' has changed"),
    # the facilitator's record
    ("interventions-null", setting("interventions", None), "interventions: Input should be a valid list"),
    ("intervention-int", setting("interventions", [5]), "interventions[0]: Input should be a valid dictionary"),
    (
        "intervention-unknown-kind",
        setting("interventions", [{"turn": 1, "kind": "dance"}]),
        "interventions[0]: unknown kind 'dance'",
    ),
    ("intervention-no-kind", setting("interventions", [{"turn": 1}]), "interventions[0]: needs a 'kind'"),
    (
        "intervention-turn-zero",
        setting(f"interventions[{ADJUST}].turn", 0),
        f"interventions[{ADJUST}].turn: Input should be greater than or equal to 1",
    ),
    (
        "intervention-turn-unplayed",
        setting(f"interventions[{CUSTOM}].turn", 7),
        f"interventions[{CUSTOM}].turn: turn 7 has not been played",
    ),
    (
        "interventions-out-of-order",
        lambda d: {**d, "interventions": list(reversed(d["interventions"]))},
        "].turn: interventions must be in the order of their turns",
    ),
    (
        "adjust-subject-negative",
        setting(f"interventions[{ADJUST}].subject", [-1]),
        f"interventions[{ADJUST}].subject[0]: Input should be greater than or equal to 0",
    ),
    (
        "adjust-subject-out-of-range",
        setting(f"interventions[{ADJUST}].subject", [40]),
        f"interventions[{ADJUST}].subject[0]: index 40 is out of range",
    ),
    (
        "adjust-subject-short",
        setting(f"interventions[{ADJUST}].subject", []),
        f"interventions[{ADJUST}].subject: 'leverage' needs 1 index(es)",
    ),
    (
        "adjust-value-str",
        setting(f"interventions[{ADJUST}].value", "high"),
        f"interventions[{ADJUST}].value: should be a number",
    ),
    (
        "adjust-value-huge",
        setting(f"interventions[{ADJUST}].value", 1e308),
        f"interventions[{ADJUST}].value: is out of range",
    ),
    (
        "adjust-value-out-of-range",
        setting(f"interventions[{ADJUST}].value", 500),
        f"interventions[{ADJUST}].value: leverage ranges from 0 to 100",
    ),
    (
        # A region's holder set by hand to no actor of the game (it crashed the replay) or to no one on owned ground.
        "adjust-control-to-no-actor",
        adjusting(quantity="control", subject=[0], value=50),
        f"interventions[{ADJUST}].value: control must be an actor's number, 0 to 3, not 50",
    ),
    (
        "adjust-control-to-no-one-on-owned-ground",
        adjusting(quantity="control", subject=[0], value=-1),
        f"interventions[{ADJUST}].value: control must be an actor's number, 0 to 3, not -1",
    ),
    (
        "adjust-control-to-a-fraction",
        adjusting(quantity="control", subject=[0], value=1.5),
        f"interventions[{ADJUST}].value: control must be an actor's number, 0 to 3, not 1.5",
    ),
    (
        "adjust-quantity-turn",
        setting(f"interventions[{ADJUST}].quantity", "turn"),
        f"interventions[{ADJUST}].quantity: unknown value 'turn'",
    ),
    (
        "adjust-quantity-unknown",
        setting(f"interventions[{ADJUST}].quantity", "magic"),
        f"interventions[{ADJUST}].quantity: unknown value 'magic'",
    ),
    (
        "inject-unknown-event",
        setting(f"interventions[{INJECT}].event", "apocalypse"),
        f"interventions[{INJECT}].event: unknown event 'apocalypse'",
    ),
    (
        "custom-changes-str",
        setting(f"interventions[{CUSTOM}].changes", "x"),
        f"interventions[{CUSTOM}].changes: Input should be a valid list",
    ),
    (
        "custom-headline-empty",
        setting(f"interventions[{CUSTOM}].headline", ""),
        f"interventions[{CUSTOM}].headline: String should have at least 1 character",
    ),
    (
        "custom-add-huge",
        setting(f"interventions[{CUSTOM}].changes[0].add", 1e7),
        f"interventions[{CUSTOM}].changes[0].add: is out of range",
    ),
    (
        "custom-add-too-big",
        setting(f"interventions[{CUSTOM}].changes[0].add", 5000),
        f"interventions[{CUSTOM}].changes[0].add: need ranges from",
    ),
    (
        "custom-subject-out-of-range",
        setting(f"interventions[{CUSTOM}].changes[0].subject", [99]),
        f"interventions[{CUSTOM}].changes[0].subject[0]: index 99 is out of range",
    ),
    ("facilitator-str", setting("facilitator", "yes"), "facilitator: Input should be a valid dictionary"),
    ("facilitator-salt-not-hex", setting("facilitator.salt", "zz"), "facilitator.salt: String should match pattern"),
    ("facilitator-salt-odd", setting("facilitator.salt", "abc"), "facilitator.salt: String should match pattern"),
    ("facilitator-hash-int", setting("facilitator.hash", 5), "facilitator.hash: Input should be a valid string"),
    ("seal-str", setting("seal", "x"), "seal: Input should be a valid dictionary"),
    ("seal-chain-not-hex", setting("seal.chain", ["not hex"]), "seal.chain[0]: String should match pattern"),
    ("sealed-not-human", setting("sealed", {"northland": []}), "sealed.northland: not a human role of this game"),
    ("sealed-str", setting("sealed", {"southland": "x"}), "sealed.southland: Input should be a valid list"),
    (
        "sealed-order-unknown",
        setting("sealed", {"southland": ["fly to the moon"]}),
        "sealed.southland[0]: no such order",
    ),
    (
        "pending-not-human",
        setting("pending", {"northland": []}),
        "pending.northland: not a human role still to end this turn",
    ),
    (
        "pending-order-unknown",
        setting("pending", {"southland": ["fly to the moon"]}),
        "pending.southland[0]: no such order",
    ),
    ("pending-list", setting("pending", ["summit un"]), "pending: Input should be a valid dictionary"),
    # the file as a whole
    ("format-other", setting("format", "something-else"), "not a Brinkmanship save file"),
    ("version-99", setting("version", 99), "save version 99 is not supported"),
    ("version-str", setting("version", "2"), "save version '2' is not supported"),
    ("top-level-list", whole([]), "not a Brinkmanship save file"),
    ("top-level-null", whole(None), "not a Brinkmanship save file"),
    ("no-turns", setting("turns", ...), "the save is incomplete (no 'turns')"),
    ("no-scenario", setting("scenario", ...), "the save is incomplete (no 'scenario')"),
    ("unknown-field", setting("cheat", 1), "cheat: unknown field"),
    ("truncated", lambda d: json.dumps(d).encode()[:300], "the save is corrupted"),
    ("nan", lambda d: json.dumps(d).replace('"seed": 2', '"seed": NaN').encode(), "NaN is not a number in JSON"),
    (
        "infinity",
        lambda d: json.dumps(d).replace('"value": 30.0', '"value": Infinity').encode(),
        "Infinity is not a number in JSON",
    ),
    (
        "float-overflow",
        lambda d: json.dumps(d).replace('"value": 30.0', '"value": 1e999').encode(),
        "1e999 is too large a number",
    ),
    ("nested-10000", raw("[" * 10_000 + "]" * 10_000), "nested too deeply"),
    (
        "nested-in-a-note",
        lambda d: json.dumps(d).replace('"note": "a shock"', '"note": ' + "[" * 5000 + "]" * 5000).encode(),
        "nested too deeply",
    ),
    ("not-utf8", raw(b"\xff\xfe{\x00"), "not UTF-8 text"),
    ("empty", raw(b""), "the save is corrupted"),
    ("binary", raw(bytes(range(256))), "not UTF-8 text"),
]


def test_the_corpus_is_large_and_its_names_unique():
    names = [n for n, _, _ in CORPUS]
    assert len(names) >= 60 and len(set(names)) == len(names)


def _write(tmp_path, name: str, mutate: Mutation):
    out = mutate(json.loads(json.dumps(BASE)))
    path = tmp_path / f"{name}.json"
    path.write_bytes(out if isinstance(out, bytes) else json.dumps(out).encode("utf-8"))
    return path


def _run(argv: list[str], capsys, monkeypatch) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(argv)
    cap = capsys.readouterr()
    return code, cap.out, cap.err


@pytest.mark.parametrize("name, mutate, fragment", CORPUS, ids=[c[0] for c in CORPUS])
def test_a_damaged_save_gives_one_located_line_and_exit_2(tmp_path, capsys, monkeypatch, name, mutate, fragment):
    path = _write(tmp_path, name, mutate)
    for argv in (["play", "--load", str(path), "--text"], ["report", str(path), "--out", str(tmp_path / "r.html")]):
        code, out, err = _run(argv, capsys, monkeypatch)
        assert code == 2, (argv, out, err)
        assert "Traceback" not in err + out
        lines = err.strip().splitlines()
        assert lines and lines[0].startswith(f"brinkmanship: {path}"), err
        assert ": error: " in lines[0] and fragment in err, err
        if "cannot be loaded" not in fragment:
            assert len(lines) == 1, err
    assert not (tmp_path / "r.html").exists()


def test_the_good_save_itself_loads_and_reports(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, "good", lambda d: d)
    code, out, err = _run(["report", str(path), "--out", str(tmp_path / "r.html")], capsys, monkeypatch)
    assert code == 0, err
    assert "Facilitator record sealed" in out
    html = (tmp_path / "r.html").read_text()
    assert 'id="facilitator-record"' in html and 'id="record-warning"' not in html


def test_report_warns_when_the_interventions_were_deleted(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, "stripped", lambda d: {**d, "interventions": [], "facilitator": None})
    code, out, err = _run(["report", str(path), "--out", str(tmp_path / "r.html")], capsys, monkeypatch)
    assert code == 0, err
    assert "Facilitator record removed" in out
    html = (tmp_path / "r.html").read_text()
    assert 'id="record-warning"' in html and "the game ran without facilitator interventions" not in html


def test_a_class_comparison_names_the_game_whose_record_was_altered(tmp_path, capsys, monkeypatch):
    good = _write(tmp_path, "team1", lambda d: d)
    bad = _write(tmp_path, "team2", lambda d: {**d, "interventions": d["interventions"][:1]})
    code, out, err = _run(
        ["report", str(good), str(bad), "--compare", "--out", str(tmp_path / "class.html")], capsys, monkeypatch
    )
    assert code == 0, err
    html = (tmp_path / "class.html").read_text()
    assert "<strong>team2:</strong> Facilitator record altered" in html and "<strong>team1:" not in html
    assert "team2.json: Facilitator record altered" in out
