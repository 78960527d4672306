"""A scenario's place on the map: a real area in degrees, and regions' own outlines."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from helpers import BASE, scenario

from game.scenario.errors import ScenarioError

REGIONS = yaml.safe_load(BASE)["regions"]


def regions(**changes: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**r, **changes.get(r["id"], {})} for r in REGIONS]


def rejected(changes: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        scenario(changes)
    return [d.format() for d in info.value.sorted()]


GEO = {
    "map": {"area": [10.0, 40.0, 20.0, 50.0]},
    "regions": regions(
        redland={"position": [12.0, 48.0]}, blueland={"position": [18.0, 48.0]}, border={"position": [15.0, 43.0]}
    ),
}


def test_with_a_map_area_positions_are_degrees_and_become_shares_of_the_map():
    sc = scenario(GEO)
    assert sc.meta.map_area == (10.0, 40.0, 20.0, 50.0)
    red, blue, border = (r.pos for r in sc.rules.regions)
    assert (
        red == pytest.approx((0.2, 0.2)) and blue == pytest.approx((0.8, 0.2)) and border == pytest.approx((0.5, 0.7))
    )


def test_a_position_outside_the_area_is_reported_where_it_is_written():
    (line,) = rejected({**GEO, "regions": [*GEO["regions"][:2], {**GEO["regions"][2], "position": [25.0, 43.0]}]})
    assert line.startswith("mini.yaml:")
    assert "position [25, 43] is outside the map's area [10.0, 40.0, 20.0, 50.0]" in line
    assert "[longitude, latitude]" in line


def test_an_area_upside_down_is_refused():
    lines = rejected({**GEO, "map": {"area": [10.0, 50.0, 20.0, 40.0]}})
    assert any("not a span of latitude" in x for x in lines)


def test_a_region_may_give_its_own_outline_in_map_shares_or_in_degrees():
    sq = [[0.4, 0.6], [0.6, 0.6], [0.6, 0.8], [0.4, 0.8]]
    sc = scenario({"regions": regions(border={"outline": sq})})
    assert sc.meta.region_outlines == {"border": tuple((x, y) for x, y in sq)}
    deg = [[14.0, 44.0], [16.0, 44.0], [16.0, 42.0], [14.0, 42.0]]
    sc = scenario({**GEO, "regions": [*GEO["regions"][:2], {**GEO["regions"][2], "outline": deg}]})
    flat = [v for pt in sc.meta.region_outlines["border"] for v in pt]
    assert flat == pytest.approx([0.4, 0.6, 0.6, 0.6, 0.6, 0.8, 0.4, 0.8])


@pytest.mark.parametrize(
    "outline, message",
    [
        ([[0.4, 0.6], [0.6, 0.8], [0.6, 0.6], [0.4, 0.8]], "crosses its edge"),
        ([[0.1, 0.1], [0.3, 0.1], [0.3, 0.3]], "the region's position is outside its outline"),
        ([[0.4, 0.6], [1.6, 0.6], [0.6, 0.8]], "outline point [1.6, 0.6] is off the map"),
    ],
)
def test_an_outline_that_cannot_be_drawn_is_reported_with_its_line(outline, message):
    (line,) = rejected({"regions": regions(border={"outline": outline})})
    assert message in line
    assert line.startswith("mini.yaml:")


def test_an_outline_needs_three_points():
    lines = rejected({"regions": regions(border={"outline": [[0.4, 0.6], [0.6, 0.6]]})})
    assert any("outline" in x and "at least 3" in x for x in lines), lines
