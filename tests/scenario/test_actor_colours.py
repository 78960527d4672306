"""Every actor of a shipped scenario has a colour told apart from every other
actor's and from the player's accent, in normal vision and under simulated
colour-vision deficiencies, and readable on the dark map and the light report."""

from __future__ import annotations

import itertools
import json

import pytest
from coloraide import Color

from game.scenario.loader import assets_dir, load, shipped
from game.scenario.palette import actor_colours, actor_palette

NORMAL = 20.0
"""Least CIEDE2000 difference between two actors in normal vision."""
DEFICIENT = 13.0
"""Least difference under simulated protanopia, deuteranopia and tritanopia."""
VISIONS = (None, "protan", "deutan", "tritan")

PALETTE = json.loads((assets_dir() / "palette.json").read_text(encoding="utf-8"))
ACCENT = PALETTE["accent"]
DARK = PALETTE["map_background"]
PAPER = "#ffffff"
"""The debrief report's charts are drawn on white."""


def seen(colour: str, vision: str | None) -> Color:
    c = Color(colour).convert("srgb")
    return c.filter(vision).convert("srgb").clip() if vision else c


def differences(a: str, b: str) -> dict[str | None, float]:
    return {v: seen(a, v).delta_e(seen(b, v), method="2000") for v in VISIONS}


def distinct(a: str, b: str) -> bool:
    d = differences(a, b)
    return d[None] >= NORMAL and all(d[v] >= DEFICIENT for v in VISIONS[1:])


def contrast(a: str, b: str) -> float:
    la, lb = Color(a).luminance(), Color(b).luminance()
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


SCENARIOS = [sid for sid, _ in shipped()]


def test_the_check_tells_apart_the_colours_that_collided():
    # Vermillion and orange (Iraq and the USSR, the Jihadists and the CMA) and
    # orange next to the accent (Northland) were too close.
    assert not distinct("#D55E00", "#E69F00")
    assert not distinct("#E69F00", ACCENT)
    assert distinct("#0072B2", "#E69F00")


def test_the_actor_palette_is_distinct_and_readable():
    pal = actor_palette()
    assert len(pal) >= max(len(load(sid).rules.actors) for sid in SCENARIOS)
    for a, b in itertools.combinations([*pal, ACCENT], 2):
        assert distinct(a, b), (a, b, differences(a, b))
    for c in pal:
        assert contrast(c, DARK) >= 3.0, f"{c} is hard to see on the map"
        assert contrast(c, PAPER) >= 1.5, f"{c} is hard to see on the report's white charts"


@pytest.mark.parametrize("sid", SCENARIOS)
def test_each_actor_of_a_shipped_scenario_has_its_own_colour(sid):
    actors = load(sid).rules.actors
    colours = [a.colour for a in actors]
    for (a, ca), (b, cb) in itertools.combinations(zip(actors, colours), 2):
        assert distinct(ca, cb), f"{sid}: {a.name} {ca} and {b.name} {cb}: {differences(ca, cb)}"
    for a, c in zip(actors, colours):
        assert distinct(c, ACCENT), f"{sid}: {a.name} {c} is too close to the player's accent"
        assert c.upper() != "#FFFFFF"


def test_a_scenario_colour_is_a_wish_met_by_the_nearest_free_colour():
    pal = actor_palette()
    got = actor_colours([pal[3], pal[3], None])
    assert got[0] == pal[3]  # asked for a palette colour: it gets it
    assert got[1] != pal[3] and len(set(got)) == 3  # asked for the same: the nearest free one
    many = actor_colours([None] * (len(pal) + 2))
    assert len(set(many[: len(pal)])) == len(pal)  # every colour once before any twice
