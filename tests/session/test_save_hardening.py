"""Saves as untrusted input: bounded reading, strict JSON, range checks,
atomic writes, and the seal on the facilitator's record."""

from __future__ import annotations

import errno
import json
import math
import os
import threading

import numpy as np
import pytest

from game.scenario.loader import load
from game.session import files
from game.session.facilitator import FacilitatorError, check_with, enable, record_status, unlock
from game.session.files import FileProblem, check_outputs, clean, clean_line, read_bounded, write_atomic
from game.session.game import Game, IllegalOrder
from game.session.save import SaveError, from_dict, load_game, read, save, to_dict

PASS = "white cell"


def facilitated_game(turns: int = 2) -> Game:
    game = Game.new(load("tutorial"), 2, humans=[0])
    enable(game, PASS)
    fac = unlock(game, PASS)
    fac.adjust("leverage", ["northland"], 30, "a shock")
    game.end_turn()
    fac.inject("storm", "second storm")
    fac.custom_event("Aid convoy", "", [("need", ["harbour"], -5)], "")
    for _ in range(turns - 1):
        game.end_turn()
    return game


@pytest.fixture(scope="module")
def sealed_save(tmp_path_factory):
    path = tmp_path_factory.mktemp("sealed") / "g.json"
    save(facilitated_game(), path)
    return json.loads(path.read_text())


def write(tmp_path, data, name="g.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def status_of(tmp_path, data, passphrase=PASS):
    game = load_game(write(tmp_path, data))
    return check_with(game, passphrase) if passphrase else record_status(game)


# ------------------------------------------------------------------ the seal
def test_a_sealed_record_checks_intact_with_the_passphrase_and_unchecked_without(tmp_path, sealed_save):
    assert status_of(tmp_path, sealed_save).code == "intact"
    assert status_of(tmp_path, sealed_save, None).code == "unchecked"


def test_replacing_the_salt_and_hash_with_a_known_passphrase_is_caught(tmp_path, sealed_save):
    other = Game.new(load("tutorial"), 2, humans=[0])
    enable(other, "known to the students")
    data = json.loads(json.dumps(sealed_save))
    data["facilitator"] = other.facilitator
    st = status_of(tmp_path, data)
    assert st.code == "altered" and "passphrase given does not open it" in st.text
    # Even a seal recomputed with the known passphrase does not open with the real one.
    forged = load_game(write(tmp_path, data))
    check_with(forged, "known to the students")
    data["seal"] = to_dict(forged)["seal"]
    assert status_of(tmp_path, data, "known to the students").code == "intact"
    assert status_of(tmp_path, data).code == "altered"


def test_deleting_or_editing_interventions_is_caught(tmp_path, sealed_save):
    data = json.loads(json.dumps(sealed_save))
    data["interventions"] = data["interventions"][:1]
    assert status_of(tmp_path, data).code == "altered"
    st = status_of(tmp_path, data, None)  # a count that does not match shows without the passphrase
    assert st.code == "altered" and "covers 3 intervention(s), but the save holds 1" in st.text
    data = json.loads(json.dumps(sealed_save))
    data["interventions"][0]["note"] = "nothing to see"
    assert status_of(tmp_path, data).code == "altered"
    data = json.loads(json.dumps(sealed_save))
    data["interventions"] = []
    data["seal"]["chain"] = data["seal"]["chain"][:1]
    st = status_of(tmp_path, data)
    assert st.code == "altered" and "removed" in st.text


def test_a_number_rewritten_in_an_equivalent_form_is_not_altered(tmp_path, sealed_save):
    data = json.loads(json.dumps(sealed_save))
    adjust = next(i for i in data["interventions"] if i["kind"] == "adjust")
    assert adjust["value"] == 30 and isinstance(adjust["value"], float)
    text = json.dumps(data).replace('"value": 30.0', '"value": 30').replace('"add": -5.0', '"add": -5e0')
    assert '"value": 30,' in text
    path = tmp_path / "g.json"
    path.write_text(text)
    game = load_game(path)
    assert check_with(game, PASS).code == "intact"
    # A different number still shows.
    path.write_text(text.replace('"value": 30,', '"value": 31,'))
    assert check_with(load_game(path), PASS).code == "altered"


def test_a_seal_made_before_numbers_were_canonical_still_verifies(tmp_path, monkeypatch):
    from game.session import seal as seals

    game = facilitated_game()
    monkeypatch.setattr(seals, "_canon", seals._legacy_canon)
    monkeypatch.setattr(seals.chain, "__defaults__", (seals._legacy_canon,))
    path = save(game, tmp_path / "old.json")
    monkeypatch.undo()
    assert check_with(load_game(path), PASS).code == "intact"
    data = json.loads(path.read_text())
    data["interventions"][0]["note"] = "nothing to see"
    assert status_of(tmp_path, data).code == "altered"


def test_removing_the_facilitator_or_the_seal_is_named(tmp_path, sealed_save):
    data = json.loads(json.dumps(sealed_save))
    data["facilitator"] = None
    assert status_of(tmp_path, data, None).code == "removed"
    data = json.loads(json.dumps(sealed_save))
    del data["seal"]
    assert status_of(tmp_path, data, None).code == "removed"
    data = json.loads(json.dumps(sealed_save))
    data["facilitator"], data["interventions"] = None, []
    del data["seal"]
    assert status_of(tmp_path, data, None).code == "removed"


def test_a_game_without_a_facilitator_says_none_and_an_old_save_unverifiable(tmp_path, sealed_save):
    plain = Game.new(load("tutorial"), 2, humans=[0])
    plain.end_turn()
    data = to_dict(plain)
    assert data["seal"] == {"none": True}
    assert status_of(tmp_path, data, None).code == "none"
    old = json.loads(json.dumps(sealed_save))
    old["version"] = 1
    del old["seal"]
    st = status_of(tmp_path, old, None)
    assert st.code == "unverifiable" and "older version" in st.text


def test_a_game_saved_again_without_the_passphrase_keeps_its_seal_and_a_branch_keeps_its_part(tmp_path, sealed_save):
    game = load_game(write(tmp_path, sealed_save))
    game.end_turn()  # played on without the facilitator unlocking
    again = save(game, tmp_path / "again.json")
    assert status_of(tmp_path, json.loads(again.read_text())).code == "intact"
    branch = from_dict(sealed_save, "g.json", upto=2)
    assert [i["turn"] for i in branch.interventions] == [1, 2, 2]
    branch1 = from_dict(sealed_save, "g.json", upto=1)
    data = to_dict(branch1)
    assert data["seal"]["branched_at"] == 1 and len(data["seal"]["chain"]) == 2
    st = status_of(tmp_path, data)
    assert st.code == "intact" and "branched" in st.text


def test_unlocking_an_altered_record_notes_it_in_the_record(tmp_path, sealed_save):
    data = json.loads(json.dumps(sealed_save))
    data["interventions"][0]["note"] = "nothing to see"
    game = load_game(write(tmp_path, data))
    unlock(game, PASS)
    assert "altered" in game.interventions[-1]["note"] and game.interventions[-1]["kind"] == "note"
    resaved = json.loads(save(game, tmp_path / "resaved.json").read_text())
    assert status_of(tmp_path, resaved).code == "intact"  # the new seal covers the note saying so


# ------------------------------------------------------------------ values
def test_facilitator_values_must_be_finite_and_in_range():
    game = Game.new(load("tutorial"), 2, humans=[0])
    enable(game, PASS)
    fac = unlock(game, PASS)
    for bad in (math.nan, math.inf, -math.inf, 1e300):
        with pytest.raises(FacilitatorError):
            fac.custom_event("Boom", "", [("stability", ["harbour"], bad)])
        with pytest.raises(FacilitatorError):
            fac.adjust("stability", ["harbour"], bad)
    with pytest.raises(IllegalOrder):
        game.adjust("stability", (0,), math.nan, "")
    assert game.interventions == []
    assert all(np.isfinite(np.asarray(a, float)).all() for a in game.state.arrays().values())
    assert "NaN" not in json.dumps(to_dict(game), allow_nan=False)


@pytest.mark.parametrize(
    "change, fragment",
    [
        (
            {"kind": "adjust", "quantity": "stability", "subject": [-1], "value": 50},
            "interventions[0].subject[0]: Input should be greater than or equal to 0",
        ),
        (
            {"kind": "adjust", "quantity": "stability", "subject": [99], "value": 50},
            "interventions[0].subject[0]: index 99 is out of range",
        ),
        (
            {"kind": "adjust", "quantity": "stability", "subject": [0], "value": 500},
            "interventions[0].value: stability ranges from 0 to 100",
        ),
        (
            {"kind": "custom", "headline": "Boom", "changes": [{"quantity": "stability", "subject": [0], "add": 1e5}]},
            "interventions[0].changes[0].add",
        ),
    ],
)
def test_out_of_range_interventions_in_a_save_are_refused(tmp_path, change, fragment):
    game = Game.new(load("tutorial"), 2, humans=[0])
    data = to_dict(game)
    data["interventions"] = [{"turn": 1, "note": "", **change}]
    with pytest.raises(SaveError) as exc:
        load_game(write(tmp_path, data))
    assert fragment in str(exc.value) and str(exc.value).startswith(f"{tmp_path / 'g.json'}: error: ")


def test_more_turns_than_the_scenario_has_are_refused(tmp_path):
    game = Game.new(load("tutorial"), 2, humans=[0])
    game.end_turn()
    data = to_dict(game)
    data["turns"] = [dict(data["turns"][0], turn=k + 1) for k in range(100)]
    with pytest.raises(SaveError, match=r"turns: 100 turns saved, but the scenario 'tutorial' has only \d+"):
        load_game(write(tmp_path, data))


def test_nan_in_a_save_is_refused_and_never_written(tmp_path):
    game = Game.new(load("tutorial"), 2, humans=[0])
    path = save(game, tmp_path / "g.json")
    path.write_text(path.read_text().replace('"seed": 2', '"seed": NaN'))
    with pytest.raises(SaveError, match="NaN is not a number in JSON"):
        read(path)
    game.interventions.append({"turn": 1, "kind": "note", "note": "x", "value": math.nan})
    with pytest.raises(ValueError):
        save(game, tmp_path / "h.json")
    assert not (tmp_path / "h.json").exists()


# ------------------------------------------------------------------ files
def test_bounded_reading_refuses_folders_pipes_devices_and_large_files(tmp_path):
    with pytest.raises(FileProblem, match="is a folder"):
        read_bounded(tmp_path, 100)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    got: list[BaseException] = []
    t = threading.Thread(target=lambda: _catch(got, lambda: read_bounded(fifo, 100)), daemon=True)
    t.start()
    t.join(5)
    assert not t.is_alive() and isinstance(got[0], FileProblem) and "not a regular file" in str(got[0])
    with pytest.raises(FileProblem, match="not a regular file"):
        read_bounded("/dev/zero", 100)
    big = tmp_path / "big"
    big.write_bytes(b"x" * 101)
    with pytest.raises(FileProblem, match="too large"):
        read_bounded(big, 100)
    assert read_bounded(big, 101) == b"x" * 101
    with pytest.raises(FileProblem, match="no such file"):
        read_bounded(tmp_path / "missing", 100)


def _catch(into: list[BaseException], fn) -> None:
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - the test looks at it
        into.append(exc)


def test_write_atomic_keeps_a_backup_and_refuses_what_it_cannot_write(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert path.read_text() == "two" and (tmp_path / "out.txt.bak").read_text() == "one"
    with pytest.raises(FileProblem, match="is a folder"):
        write_atomic(tmp_path, "x")

    # A read-only disk: the error names the file, and the old file is kept.
    def read_only(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
    with pytest.raises(FileProblem, match=r"out.txt: cannot write: read-only file system"):
        write_atomic(path, "three")
    assert path.read_text() == "two"


def test_outputs_may_not_be_inputs_or_each_other(tmp_path):
    save_path = tmp_path / "team1.json"
    save_path.write_text("{}")
    with pytest.raises(FileProblem, match="would overwrite the input"):
        check_outputs([("--json", save_path, ())], [save_path])
    with pytest.raises(FileProblem, match="would overwrite the input"):
        check_outputs([("--json", tmp_path / "." / "team1.json", ())], [str(save_path)])
    with pytest.raises(FileProblem, match="already writes"):
        check_outputs([("--out", tmp_path / "a", ()), ("--json", tmp_path / "a", ())], [])
    with pytest.raises(FileProblem, match="would overwrite the input"):
        check_outputs([("--csv", tmp_path, ("team1.json",))], [save_path])
    with pytest.raises(FileProblem, match="its backup would overwrite the input"):
        check_outputs([("--out", tmp_path / "team1", ())], [tmp_path / "team1.bak"])
    check_outputs([("--out", tmp_path / "new" / "r.html", ())], [save_path])


def test_clean_strips_escape_sequences_and_control_characters():
    assert clean("\x1b[31mred\x1b[0m \x07bell\x00 \x1b]0;title\x07ok\u202e") == "red bell ok"
    # New lines are the program's own layout; a tab (from a name, say) becomes a space.
    assert clean("two\nlines\tand tab") == "two\nlines and tab"
    assert clean_line("a\tb\nc\r\nd\x85e\x9bf") == "a b c def"
