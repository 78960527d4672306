"""The seal on a game's facilitator record: tamper evidence for classrooms.

The record is the facilitator's settings (the salt and the hash of the
passphrase) and every intervention, in order. It is sealed with a chain of
HMAC-SHA256 codes keyed from the passphrase (PBKDF2 from the stored salt):
``chain[0]`` covers the settings, the scenario and the seed, ``chain[k]``
covers ``chain[k-1]`` and intervention ``k``, and ``end`` closes the chain so
that dropping the last interventions shows. Only someone who knows the
passphrase can make a seal that checks, so replacing the salt and hash with
those of another passphrase, editing or deleting an intervention, or removing
the facilitator all show when the record is checked with the passphrase.

A game branched from an earlier turn without the passphrase keeps the part of
the chain that covers its interventions, marked ``branched_at``. A save with
no facilitator says so (``{"none": true}``): one whose seal or facilitator has
gone while the other is still there reads as "removed". Saves from before the
seal existed (version 1) read as "unverifiable".
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ITERATIONS = 200_000

INTACT, UNCHECKED, NONE, UNVERIFIABLE, REMOVED, ALTERED = (
    "intact",
    "unchecked",
    "none",
    "unverifiable",
    "removed",
    "altered",
)
TROUBLE = (REMOVED, ALTERED)


@dataclass(frozen=True)
class RecordStatus:
    code: str
    text: str

    @property
    def trouble(self) -> bool:
        return self.code in TROUBLE


def seal_key(passphrase: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", passphrase.encode("utf-8"), salt + b"/record-seal", ITERATIONS)


def _numbers(obj: Any) -> Any:
    """Numbers in one form: a whole float is written as an integer (45.0 as 45),
    so that rewriting a number in an equivalent form does not read as altered."""
    if isinstance(obj, float) and obj.is_integer():
        return int(obj)
    if isinstance(obj, dict):
        return {k: _numbers(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_numbers(v) for v in obj]
    return obj


def _legacy_canon(obj: Any) -> bytes:
    """The form sealed before numbers were made canonical (still checked, so older seals verify)."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False).encode("ascii")


def _canon(obj: Any) -> bytes:
    return _legacy_canon(_numbers(obj))


def chain(
    key: bytes, settings: dict[str, Any], interventions: list[dict[str, Any]], canon: Callable[[Any], bytes] = _canon
) -> list[str]:
    mac = hmac.new(key, b"settings" + canon(settings), hashlib.sha256).digest()
    out = [mac.hex()]
    for item in interventions:
        mac = hmac.new(key, mac + canon(item), hashlib.sha256).digest()
        out.append(mac.hex())
    return out


def end_of(key: bytes, macs: list[str]) -> str:
    return hmac.new(key, b"end" + bytes.fromhex(macs[-1]) + str(len(macs)).encode(), hashlib.sha256).hexdigest()


def settings_of(facilitator: dict[str, str], scenario_id: str, seed: int) -> dict[str, Any]:
    return {"salt": facilitator["salt"], "hash": facilitator["hash"], "scenario": scenario_id, "seed": seed}


def make(
    key: bytes | None,
    facilitator: dict[str, str] | None,
    scenario_id: str,
    seed: int,
    interventions: list[dict[str, Any]],
    loaded: "Loaded | None" = None,
) -> dict[str, Any]:
    """The seal to write with a record."""
    if facilitator is None:
        if loaded is not None and loaded.seal is not None and loaded.seal.get("chain") is not None:
            return dict(loaded.seal)  # a removed facilitator stays visible as such
        return {"none": True}
    if key is not None:
        macs = chain(key, settings_of(facilitator, scenario_id, seed), interventions)
        return {"chain": macs, "end": end_of(key, macs)}
    # Without the passphrase: the loaded seal, if the record has not changed,
    # or its first part for a game branched from an earlier turn.
    if loaded is None or loaded.seal is None or loaded.seal.get("chain") is None:
        return {"chain": []}  # nothing to keep: reads as altered when checked
    if _canon(interventions) == loaded.canon and loaded.facilitator == facilitator:
        return dict(loaded.seal)
    n = len(interventions)
    if loaded.facilitator == facilitator and _canon(interventions) == _canon(loaded.interventions[:n]):
        turn = loaded.branched_at or int(loaded.interventions[n]["turn"])
        return {"chain": list(loaded.seal["chain"][: n + 1]), "branched_at": turn}
    return {"chain": []}


def _same(macs: list[str], sealed: list[str]) -> bool:
    return len(macs) == len(sealed) and all(hmac.compare_digest(a, b) for a, b in zip(macs, sealed))


@dataclass
class Loaded:
    """The facilitator record as it was read from a save."""

    version: int
    facilitator: dict[str, str] | None
    interventions: list[dict[str, Any]]
    seal: dict[str, Any] | None
    present: bool
    """Whether the save had a 'facilitator' key at all."""
    scenario_id: str = ""
    seed: int = 0
    branched_at: int | None = None
    """The turn from which this game was branched (play --load --turn, the replay view)."""

    @property
    def canon(self) -> bytes:
        return _canon(self.interventions)

    def status(self, key: bytes | None = None) -> RecordStatus:
        """What can be said of the record; checking needs the key (from the passphrase)."""
        fac, items, seal = self.facilitator, self.interventions, self.seal
        if self.version < 2:
            if fac is None and not items:
                return RecordStatus(NONE, "No facilitator (an older save, without a seal).")
            return RecordStatus(
                UNVERIFIABLE,
                "Facilitator record unverifiable: this game was saved by an older version, before records were sealed, "
                "so its interventions cannot be checked.",
            )
        if seal is None:
            if fac is None and not items:
                return RecordStatus(
                    REMOVED,
                    "Facilitator record removed: the save's seal is missing, "
                    "so a facilitator and its interventions may have been deleted.",
                )
            return RecordStatus(
                REMOVED,
                "Facilitator record altered: its seal has been removed; "
                "the interventions shown may be incomplete or changed.",
            )
        if seal.get("none"):
            if fac is None and not items:
                return RecordStatus(NONE, "No facilitator was set for this game.")
            return RecordStatus(
                ALTERED,
                "Facilitator record altered: the save says no facilitator was set, "
                "yet it holds facilitator settings or interventions.",
            )
        if fac is None:
            return RecordStatus(
                REMOVED,
                "Facilitator record removed: this game had a facilitator, "
                "whose settings have been deleted from the save; its interventions may be missing.",
            )
        if not seal.get("chain"):
            return RecordStatus(
                ALTERED,
                "Facilitator record altered: its seal is empty "
                "or was broken when the record changed without the passphrase.",
            )
        if len(seal["chain"]) != len(items) + 1:
            return RecordStatus(
                ALTERED,
                f"Facilitator record altered: its seal covers {len(seal['chain']) - 1} intervention(s), "
                f"but the save holds {len(items)}.",
            )
        branch = (
            f" (up to turn {seal['branched_at']}, where this game was branched from an earlier one)"
            if seal.get("branched_at")
            else ""
        )
        if key is None:
            return RecordStatus(
                UNCHECKED, f"Facilitator record sealed{branch}; it can be checked with the facilitator's passphrase."
            )
        settings = settings_of(fac, self.scenario_id, self.seed)
        macs = chain(key, settings, items)
        if not _same(macs, seal["chain"]):
            macs = chain(key, settings, items, _legacy_canon)  # a seal made before numbers were canonical
        if not _same(macs, seal["chain"]):
            return RecordStatus(
                ALTERED,
                "Facilitator record altered: its interventions or settings do not match the seal "
                "made with the facilitator's passphrase.",
            )
        if seal.get("end") is None:
            if seal.get("branched_at"):
                return RecordStatus(INTACT, f"Facilitator record intact{branch}, checked with the passphrase.")
            return RecordStatus(
                ALTERED,
                "Facilitator record altered: the end of its seal is missing, so interventions may have been removed.",
            )
        if not hmac.compare_digest(end_of(key, macs), seal["end"]):
            return RecordStatus(ALTERED, "Facilitator record altered: interventions have been removed from its end.")
        return RecordStatus(INTACT, "Facilitator record intact, checked with the facilitator's passphrase.")
