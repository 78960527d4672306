"""How big a scenario may be, and the range of every number it may change.

A scenario file is written by anyone and run on a classroom machine, so
everything that multiplies the work of checking a file or playing a turn is
capped here, and every rule number an author may override has a range. The
checks live in the loader and :mod:`game.scenario.compile`; the reference in
``docs/scenario-format.md`` is generated from these tables, so the caps a
reader sees are the caps the checker applies.

With every cap at its maximum, ``validate`` of a file finishes in a few
seconds and a turn of play in well under one (see
``tests/scenario/test_scenario_resources.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.errors import MAX_ERRORS
from game.scenario.source import MAX_BYTES, MAX_DEPTH, MAX_NODES

# ---------------------------------------------------------------- reading files
MAX_INCLUDES = 16
"""Included files in all, each time a file is included counting once."""
MAX_INCLUDE_DEPTH = 8
"""Files including files including files ... at most this deep."""
MAX_INCLUDE_BYTES = MAX_BYTES
"""The scenario file and every file it includes, together."""
MAX_TOTAL_VALUES = MAX_NODES
"""Values (keys, numbers, texts, lists) in the scenario and its includes, together."""
MAX_INCLUDE_NAME = 255
"""Characters in an include name."""
MAX_NAME_PART = 100
"""Bytes in one folder or file name of an include name."""

# ---------------------------------------------------------------- the scenario
MAX_ACTORS = 16
MAX_REGIONS = 24
MAX_TRACKS = 16
MAX_ALLIANCES = 16
MAX_RELATIONS = 256
MAX_EVENTS = 200
MAX_EFFECTS = 32
"""Effects of one event or one custom action."""
MAX_FLAGS = 100
MAX_ACTIONS = 64
"""Entries under ``rules: actions:`` (tuned default actions and the scenario's own)."""
MAX_PERSONALITIES = 32
MAX_EXTENDS = 8
"""Length of a chain of personalities extending each other."""
MAX_DIFFICULTIES = 16
MAX_ID_LIST = 128
"""Entries of other lists and mappings of names: an actor's allowed actions,
'available', the numbers of one action, the weights and traits of a personality."""
MAX_TEXTS = 100
"""Items of 'learning_objectives', 'discussion' and 'sources'."""
MAX_LOGIC = 5_000
"""Quantities named in all the conditions, effects and score terms of a scenario together."""
MAX_ORDERS = 10
"""The largest ``max_orders`` (orders per actor per turn)."""
LAST_START = "9000-12-31"
"""The latest calendar start (later dates would run past the year 9999)."""

# ---------------------------------------------------------------- rule numbers


@dataclass(frozen=True)
class Range:
    lo: float
    hi: float
    whole: bool = False

    def __contains__(self, value: float) -> bool:
        return self.lo <= value <= self.hi and (not self.whole or float(value).is_integer())

    def text(self) -> str:
        kind = "whole number" if self.whole else "number"
        return f"{kind} from {self.lo:g} to {self.hi:g}"


AMOUNT = Range(-100, 100)
"""Any rule number not listed below: an amount added to a 0–100 value."""
SHARE = Range(0, 1)
LEVEL = Range(0, 100)

RULE_PARAMS: dict[str, Range] = {
    "max_orders": Range(1, MAX_ORDERS, True),
    "crisis_start": LEVEL,
    "crisis_end": LEVEL,
    "crisis_window": Range(0, 20, True),
    "talks_min_stability": LEVEL,
    "talks_full_stability": LEVEL,
    "peacekeeping_stability": Range(0, 50),
    "peacekeeping_reference": Range(1, 100),
    "peacekeeping_need": Range(0, 50),
    "occupation_stability": Range(0, 50),
    "occupation_need": Range(0, 50),
    "occupation_min_forces": LEVEL,
    "reconstruction_stability": Range(0, 50),
    "need_pressure_from": LEVEL,
    "need_pressure": SHARE,
    "need_growth_below": LEVEL,
    "need_growth": SHARE,
    "flare_below": LEVEL,
    "flare_chance": SHARE,
    "flare_stability": LEVEL,
    "flare_need": LEVEL,
    "liberation_leverage": LEVEL,
    "liberation_stability": LEVEL,
    "intel_strike_bonus": SHARE,
    "fog_error": LEVEL,
    "self_defence_window": Range(0, 20, True),
    "bad_faith_talking": Range(0, 10),
    "penalty_fading_share": SHARE,
    "penalty_fade": SHARE,
    "alliance_leverage_share": SHARE,
    "readiness_recovery": LEVEL,
    "support_floor": LEVEL,
    "tension_decay": Range(0, 50),
    "escalation_top": Range(1, 10),
    "catastrophe_tension": LEVEL,
    "catastrophe_reputation": LEVEL,
    "catastrophe_stability": LEVEL,
    "escalation_decay": Range(0, 10),
    "un_sanctions_weight": Range(0, 16),
    "ultimatum_deadline": Range(1, 20, True),
    "ceasefire_post_conflict": Range(0, 1, True),
    "withdrawal_post_conflict": Range(0, 1, True),
    "peace_accord_post_conflict": Range(0, 1, True),
    "deal_post_conflict": Range(0, 1, True),
    # Stocks that drift back to a baseline.
    **dict.fromkeys(
        (
            "leverage_drift",
            "reputation_drift",
            "support_drift",
            "fatigue_decay",
            "stability_cap_pull",
            "stability_drift",
        ),
        SHARE,
    ),
    **dict.fromkeys(
        (
            "leverage_forces",
            "leverage_strength",
            "leverage_reputation",
            "leverage_allies",
            "stability_need_cap",
            "stability_anchor_reconstruction",
        ),
        Range(0, 10),
    ),
    **dict.fromkeys(
        (
            "leverage_held",
            "leverage_mandate",
            "stability_occupied_cap",
            "tension_occupation",
            "tension_uninvited",
            "default_reputation",
        ),
        LEVEL,
    ),
    "fatigue_weight": Range(0, 10),
    "fatigue_action_weight": Range(0, 10),
    "stability_headroom": Range(1, 100),
    "tension_fighting": Range(0, 50),
    "obligation_window": Range(0, 20, True),
    "occupation_support": Range(-20, 0),
    "occupation_reputation": Range(-20, 0),
    "occupation_relief": SHARE,
    # Bargaining.
    **dict.fromkeys(("demand_leverage", "demand_ground", "demand_pressure"), Range(0, 5)),
    **dict.fromkeys(
        (
            "ground_neighbours",
            "ground_reach",
            "ground_holding",
            "pressure_sanctions",
            "pressure_mandate",
            "pressure_condemned",
        ),
        SHARE,
    ),
    **dict.fromkeys(
        (
            "concession_progress",
            "concession_trust",
            "concession_ground",
            "concession_struck",
            "relief_share",
            "hold_premium",
        ),
        SHARE,
    ),
    "ground_scale": Range(1, 1000),
    "offer_uncertainty": Range(0.001, 1),
    "terms_leverage": Range(0, 50),
    "withdrawal_face_support": Range(0, 50),
}
"""Rule numbers (``rules: params:``) whose range is not :data:`AMOUNT`."""

ACTION_PARAMS: dict[str, Range] = {
    **dict.fromkeys(
        (
            "access_odds",
            "attribution",
            "max_odds",
            "min_odds",
            "odds",
            "damage_share",
            "damage_share_fail",
            "own_loss_fail",
            "min_effect",
            "reach",
            "neighbour_reach",
            "vote_threshold",
        ),
        SHARE,
    ),
    **dict.fromkeys(("vote_bias", "vote_reputation", "vote_sponsor", "vote_target"), Range(-1, 1)),
    **dict.fromkeys(
        (
            "size",
            "min_available",
            "max_presence",
            "min_need",
            "min_progress",
            "min_strength",
            "min_power",
            "min_tension",
            "max_tension",
            "neutrality",
            "base_defence",
            "damage_min",
        ),
        LEVEL,
    ),
    "vote_noise": Range(0.01, 1),
    "max_stability": Range(0, 101),
    "min_relations": AMOUNT,
    "odds_slope": Range(0, 10),
    "escalation": Range(-5, 5),
    "cooldown": Range(1, 50),
    "renewal": Range(0, 50, True),
    "setback_turns": Range(0, 20, True),
    "turns": Range(0, 20, True),
}
"""Numbers of the actions (``rules: actions: ID: params:``) whose range is not
:data:`AMOUNT`; the same name has the same range in every action."""


def rule_range(name: str) -> Range:
    return RULE_PARAMS.get(name, AMOUNT)


def action_range(name: str) -> Range:
    return ACTION_PARAMS.get(name, AMOUNT)


CAPS: list[tuple[str, str]] = [
    (f"{MAX_BYTES:,} bytes", "one scenario file or included file"),
    (f"{MAX_INCLUDE_BYTES:,} bytes", "a scenario and all the files it includes, together"),
    (f"{MAX_INCLUDES}", "includes in all (each time a file is included counts)"),
    (f"{MAX_INCLUDE_DEPTH}", "files including files, deep"),
    (
        f"{MAX_INCLUDE_NAME} characters",
        "an include name (and {MAX_NAME_PART} bytes for each folder or file name in it)".replace(
            "{MAX_NAME_PART}", str(MAX_NAME_PART)
        ),
    ),
    (
        f"{MAX_NODES:,}",
        "values (keys, numbers, texts, list items) in a file, aliases expanded; and in a scenario with its includes",
    ),
    (f"{MAX_DEPTH}", "levels of nesting"),
    (f"{MAX_ACTORS}", "actors (at least 2)"),
    (f"{MAX_REGIONS}", "regions (at least 1)"),
    (f"{MAX_TRACKS}", "negotiation tracks"),
    (f"{MAX_ALLIANCES}", "alliances at the start (two more can form in play)"),
    (f"{MAX_RELATIONS}", "entries under 'relations'"),
    (f"{MAX_EVENTS}", "events"),
    (f"{MAX_EFFECTS}", "effects of one event or one custom action"),
    (f"{MAX_FLAGS}", "flags"),
    (f"{MAX_ACTIONS}", "entries under 'rules: actions' (changed default actions and new ones)"),
    (f"{MAX_ORDERS}", "orders per actor per turn (the rule number 'max_orders')"),
    (f"{MAX_PERSONALITIES}", "personalities of the scenario's own"),
    (f"{MAX_EXTENDS}", "personalities in a chain of 'extends'"),
    (f"{MAX_DIFFICULTIES}", "difficulty levels of the scenario's own"),
    (
        f"{MAX_ID_LIST}",
        "entries of any other list or mapping of names (an actor's 'only' and 'forbid', 'available', an action's or "
        "the rules' 'params', a personality's weights and traits)",
    ),
    (f"{MAX_TEXTS}", "items of 'learning_objectives', 'discussion' and 'sources'"),
    (
        f"{MAX_ACTORS} / {MAX_REGIONS}",
        "entries of a list or mapping of actors / of regions (forces, consent, members, neighbours, mandates)",
    ),
    (f"{MAX_ERRORS}", "errors reported for one file (one more line says how many more there are)"),
    (f"{MAX_LOGIC:,}", "quantities named in all conditions, effects and score terms together"),
    ("200", "turns"),
    (LAST_START, "the latest calendar start"),
]
"""Every cap, as (limit, what it limits), for the documentation."""
