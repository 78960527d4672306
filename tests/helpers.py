"""Small scenarios for rule tests, written as YAML and read by the real loader."""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import yaml

from game.core.engine import no_orders, resolve_turn, start_game
from game.core.ledger import Ledger
from game.core.spec import Rules
from game.core.state import State
from game.scenario.compile import Scenario
from game.scenario.loader import load_text

BASE = textwrap.dedent(
    """\
    format: 1
    id: mini
    title: Rule test
    calendar: {start: 2030-01-01, days_per_turn: 7}
    turns: 10
    tension: 50
    actors:
      - {id: red, name: Red, strength: 60, budget: 12, leverage: 50, reputation: 60, support: 60}
      - {id: blue, name: Blue, strength: 40, budget: 12, leverage: 50, reputation: 60, support: 60}
      - {id: green, name: Green, strength: 40, budget: 12, leverage: 50, reputation: 60, support: 60}
      - {id: grey, name: Grey, strength: 30, budget: 12, leverage: 50, reputation: 60, support: 60}
      - {id: un, name: United Nations, kind: organisation, strength: 30, budget: 12, reputation: 80}
    regions:
      - {id: redland, name: Redland, owner: red, position: [0.2, 0.2], stability: 60, need: 10, forces: {red: 10}}
      - {id: blueland, name: Blueland, owner: blue, position: [0.8, 0.2], stability: 50, need: 30, forces: {blue: 10}}
      - {id: border, name: Border, owner: blue, position: [0.5, 0.7], stability: 40, need: 40}
    relations:
      - {between: [red, blue], value: -40}
      - {between: [un, red], value: 10}
      - {between: [un, blue], value: 10}
    council: {permanent: [green], elected: [red, blue], other_seats: 8, pass_votes: 7}
    tracks:
      - {id: talks, name: Border talks, topic: peace_accord, parties: [red, blue], region: border, trust: 40}
    roles:
      - actor: red
        briefing: Test role.
        victory: {text: Hold the border., when: {control: border, is: red}}
        score: [{leverage: red, weight: 1}]
    """
)


def scenario(changes: dict[str, Any] | None = None, text: str = BASE) -> Scenario:
    """The base test scenario with top-level keys replaced (or merged for lists by id)."""
    data = yaml.safe_load(text)
    for k, v in (changes or {}).items():
        data[k] = v
    return load_text(yaml.safe_dump(data, sort_keys=False), "mini.yaml")


def opt(rules: Rules, actor: str, slug: str) -> int:
    a = rules.actor_index(actor)
    for o in rules.options_of(a):
        if rules.option_slug(o) == slug:
            return int(o)
    raise KeyError(f"{actor}: {slug}")


def orders(rules: Rules, batch: int, **by_actor: list[str]) -> np.ndarray:
    """Orders for every game of a batch: orders(r, 100, red=['strike border'])."""
    arr = no_orders(rules, batch)
    for actor, slugs in by_actor.items():
        a = rules.actor_index(actor)
        for k, s in enumerate(slugs):
            arr[:, a, k] = opt(rules, actor, s)
    return arr


def run(
    rules: Rules,
    turns: list[dict[str, list[str]]],
    seed: int = 0,
    batch: int = 1,
    ledger: Ledger | None = None,
    state: State | None = None,
) -> State:
    s = state if state is not None else start_game(rules, seed, batch, ledger=ledger).state
    for t in turns:
        res = resolve_turn(rules, s, orders(rules, s.batch, **t), ledger)
        assert not res.rejected, [r.text for r in res.rejected]
        s = res.state
    return s
