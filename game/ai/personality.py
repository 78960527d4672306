"""AI personalities: weights over predicted changes, and a few traits.

Personalities are data (``game/data/personalities.yaml`` and a scenario's
``personalities:``) and inherit with ``extends:``, so that a hawk is a realist
with different numbers rather than a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WEIGHTS: dict[str, float] = {
    "leverage": 1.0,
    "reputation": 0.6,
    "support": 0.5,
    "strength": 0.3,
    "stability": 0.3,
    "stability_all": 0.05,
    "need": -0.05,
    "relations": 0.04,
    "progress": 0.25,
    "tension": -0.05,
    "rival_leverage": -0.4,
    "rival_strength": -0.2,
    "control": 12.0,
    "escalation": -3.0,
    "agreement": 8.0,
    "mandate": 4.0,
    "enemy_forces": 0.4,
    "ally_share": 0.25,
}
"""Every weight a personality may set, with the value a personality that
sets nothing starts from."""

TRAITS: dict[str, float] = {
    "aggression": 0.0,
    "risk": 0.5,
    "caution": 1.0,
    "temperature": 0.4,
    "pass_threshold": 0.5,
    "passive": 0.0,
    "mandate": 0.0,
    "horizon": 4.0,
    "resolve": 0.0,
}


class PersonalityError(ValueError):
    """An unknown personality, key or an ``extends`` cycle."""


@dataclass(frozen=True)
class Persona:
    name: str
    description: str
    weights: Mapping[str, float]
    traits: Mapping[str, float]

    def w(self, key: str) -> float:
        return float(self.weights[key])

    def t(self, key: str) -> float:
        return float(self.traits[key])

    @property
    def passive(self) -> bool:
        return self.t("passive") > 0


def resolve(table: Mapping[str, Mapping[str, Any]], name: str) -> Persona:
    """The personality ``name`` with its ``extends`` chain applied."""
    chain: list[str] = []
    cur: str | None = name
    while cur is not None:
        if cur in chain:
            raise PersonalityError(f"personality '{name}' extends itself through {' → '.join(chain + [cur])}")
        if cur not in table:
            raise PersonalityError(f"unknown personality '{cur}'")
        chain.append(cur)
        cur = table[cur].get("extends")
    weights = dict(WEIGHTS)
    traits = dict(TRAITS)
    for link in reversed(chain):
        entry = table[link]
        for k, v in (entry.get("weights") or {}).items():
            if k not in WEIGHTS:
                raise PersonalityError(f"personality '{link}': unknown weight '{k}'")
            weights[k] = float(v)
        for k, v in (entry.get("traits") or {}).items():
            if k not in TRAITS:
                raise PersonalityError(f"personality '{link}': unknown trait '{k}'")
            traits[k] = float(v)
    desc = table[name].get("description", "")
    return Persona(name, desc, weights, traits)
