"""The map: territories where the places are, a layout where nothing covers
a word, orders drawn on it, and highlights that never hide the text."""

from __future__ import annotations

import itertools

import pygame
import pytest
from conftest import step, wait_idle
from shapely.geometry import Point

from game.gui.app import App
from game.gui.geo import geometry_of
from game.gui.mapview import MapView, targets_of
from game.gui.play.screen import PlayScreen
from game.gui.userdata import Settings
from game.scenario.loader import load, shipped
from game.session.game import Game

SIZES = [(800, 560), (1280, 720), (1920, 1080)]
SCENARIOS = [sid for sid, _ in shipped()]


def open_game(sid: str, size: tuple[int, int], turns: int = 0) -> tuple[App, PlayScreen]:
    sc = load(sid)
    game = Game.new(sc, 1, [sc.rules.roles[0].actor])
    for _ in range(turns):
        game.end_turn()
    app = App(game, settings=Settings(), size=size)
    step(app)
    assert isinstance(app.screen, PlayScreen)
    app.screen.close_overlay()
    step(app)
    return app, app.screen


def close(app: App) -> None:
    app.screen.leave()
    pygame.quit()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("sid", SCENARIOS)
def test_no_label_covers_another_label_a_territory_centre_or_a_counter(sid, size):
    app, scr = open_game(sid, size)
    try:
        lay = scr.map.get_layout()
        boxes = lay.boxes()
        labels = [(k, r) for k in ("region label", "country label", "talk label", "actor label") for r in boxes[k]]
        solid = [(k, r) for k in ("centre", "counter", "legend") for r in boxes[k]]
        wrong = []
        for (ka, a), (kb, b) in itertools.combinations(labels, 2):
            if a.colliderect(b):
                wrong.append(f"{ka} {a} covers {kb} {b}")
        for (ka, a), (kb, b) in itertools.product(labels, solid):
            if a.colliderect(b):
                wrong.append(f"{ka} {a} covers {kb} {b}")
        for (ka, a), (kb, b) in itertools.combinations([s for s in solid if s[0] != "legend"], 2):
            if a.colliderect(b):
                wrong.append(f"{ka} {a} covers {kb} {b}")
        area = pygame.Rect((0, 0), scr.map.rect.size)
        wrong += [f"{k} {r} leaves the map" for k, r in labels + solid if not area.contains(r)]
        assert not wrong, wrong
        assert len(boxes["region label"]) == scr.game.rules.n_regions
        assert len(boxes["talk label"]) == len(scr.game.rules.tracks)
    finally:
        close(app)


@pytest.mark.parametrize("sid", ["gulf-1990", "bosnia-1995"])
def test_nothing_moves_between_turns(sid):
    app, scr = open_game(sid, (1280, 720))
    try:
        before = scr.map.get_layout().boxes()
        later = MapView(app.theme, scr.game, scr.actor)
        later.keep_clear(scr.map.clear)  # the same screen over it
        for _ in range(3):
            scr.game.end_turn()
        later.layout(scr.map.rect)
        assert later.get_layout().boxes() == before
    finally:
        close(app)


@pytest.mark.parametrize("sid", ["bosnia-1995", "tutorial"])
def test_after_a_resize_the_territories_are_drawn_for_the_new_size(sid):
    """The ground drawn after the window changes size is the ground a map of
    that size draws from the start: no territory is left where the old size put it."""
    app, scr = open_game(sid, (1280, 720))
    try:
        m = scr.map
        frame = pygame.Surface(app.size)
        m.draw(frame, None)  # the ground at 1280×720
        small = pygame.Rect(m.rect.topleft, (m.rect.width * 5 // 8, m.rect.height * 3 // 4))
        m.layout(small)
        frame = pygame.Surface(app.size)
        m.draw(frame, None)
        fresh = MapView(app.theme, scr.game, scr.actor)
        fresh.keep_clear(m.clear)
        fresh.layout(small)
        again = pygame.Surface(app.size)
        fresh.draw(again, None)
        assert pixels(frame, small) == pixels(again, small)
    finally:
        close(app)


def test_the_gulf_is_drawn_where_it_is():
    """Kuwait borders Iraq and Saudi Arabia; Israel is far to the west; each
    territory is its own country's land and none overlaps another."""
    sc = load("gulf-1990")
    geo = geometry_of(sc)
    t = dict(zip(geo.region_ids, geo.territories))
    assert geo.real and {"Jordan", "Syria", "Iran"} <= {name for name, _ in geo.countries}
    assert t["kuwait"].distance(t["iraq"]) < 0.05 and t["kuwait"].distance(t["saudi"]) < 0.05
    assert t["israel"].centroid.x < t["iraq"].centroid.x < t["kuwait"].centroid.x
    assert t["saudi"].area > t["iraq"].area > t["kuwait"].area
    for (a, ga), (b, gb) in itertools.combinations(t.items(), 2):
        assert ga.intersection(gb).area < 1e-6, (a, b)


def test_mali_is_shared_among_its_regions():
    sc = load("minusma")
    geo = geometry_of(sc)
    mali = next(g for name, g in geo.countries if name == "Mali")
    total = sum(t.area for t in geo.territories)
    assert total == pytest.approx(mali.area, rel=0.01)
    for rid, t, site in zip(geo.region_ids, geo.territories, geo.sites):
        assert t.contains(Point(site)), rid


@pytest.mark.parametrize("sid", ["tutorial", "dry-basin"])
def test_an_invented_place_gets_land_and_water_of_its_own_the_same_every_time(sid):
    sc = load(sid)
    geo = geometry_of(sc)
    assert not geo.real and geo.land.area > 0.2
    for rid, t, site in zip(geo.region_ids, geo.territories, geo.sites):
        assert not t.is_empty and t.contains(Point(site)), rid
        assert geo.land.buffer(1e-6).contains(t), rid
    again = type(geo)(load(sid))
    assert again.land.equals(geo.land)


def test_a_click_inside_a_territory_selects_its_region():
    app, scr = open_game("bosnia-1995", (1280, 720))
    try:
        m = scr.map
        lay = m.get_layout()
        serbia = m.game.rules.region_index("serbia")
        t = m.geo.territories[serbia]
        # a point of Serbia's territory away from every label
        x0, y0, x1, y1 = t.bounds
        for fx, fy in itertools.product([0.3, 0.5, 0.7], [0.3, 0.5, 0.7]):
            pt = Point(x0 + fx * (x1 - x0), y0 + fy * (y1 - y0))
            if not t.contains(pt):
                continue
            px, py = lay.fit.px(pt.x, pt.y)
            if any(r.collidepoint(px, py) for rs in lay.boxes().values() for r in rs):
                continue
            assert m.hit((px + m.rect.x, py + m.rect.y)) == ("region", serbia)
            break
        else:
            pytest.fail("no free point in Serbia")
    finally:
        close(app)


def pixels(surface: pygame.Surface, rect: pygame.Rect) -> bytes:
    return pygame.image.tobytes(surface.subsurface(rect), "RGB")


def test_the_chosen_orders_target_is_highlighted_and_a_queued_order_is_drawn():
    app, scr = open_game("gulf-1990", (1280, 720))
    try:
        g = scr.game
        saudi = [r.id for r in g.rules.regions].index("saudi")
        view = next(v for v in scr.options() if v.legal and g.rules.options[v.option].region == saudi)
        before = app.surface.copy()
        scr.select_option(view.option)
        app.dirty = True
        step(app)
        assert scr.map.targets == [("region", saudi)] == targets_of(g, view.option)
        assert pixels(app.surface, scr.map.rect) != pixels(before, scr.map.rect)
        scr.queue_selected()
        scr.select_option(None)
        app.dirty = True
        step(app)
        assert g.pending[scr.actor] == [view.option]
        # the arrow runs from the United States' badge (it holds no region) to Saudi Arabia
        start = scr.map.home(scr.actor)
        _, end = scr.map.target_of(view.option)
        assert start == scr.map.get_layout().actors[scr.actor] and end == scr.map.get_layout().anchors[saudi]
        queued = app.surface.copy()
        g.pending[scr.actor] = []
        app.dirty = True
        step(app)
        mid = pygame.Rect(0, 0, 40, 40)
        mid.center = (scr.map.rect.x + (start[0] + end[0]) // 2, scr.map.rect.y + (start[1] + end[1]) // 2)
        mid = mid.inflate(200, 200).clip(scr.map.rect)
        assert pixels(queued, mid) != pixels(app.surface, mid), "the queued order's arrow is on the map"
    finally:
        close(app)


def test_the_highlight_after_a_turn_never_covers_text_and_last_turns_moves_are_replayed():
    app, scr = open_game("bosnia-1995", (1280, 720))
    try:
        m = scr.map
        lay = m.get_layout()
        quiet = app.surface.copy()
        m.flash(list(range(m.game.rules.n_regions)))
        app.dirty = True
        step(app)
        lit = app.surface.copy()
        assert pixels(lit, m.rect) != pixels(quiet, m.rect), "the rings show"
        for box in lay.labels + lay.badges:
            r = box.move(m.rect.topleft).inflate(-8, -4)  # the text, inside the box's rounded corners
            assert pixels(lit, r) == pixels(quiet, r), f"a ring covers the text at {box}"
    finally:
        close(app)


def test_after_a_turn_every_actors_carried_out_orders_are_shown():
    app, scr = open_game("gulf-1990", (1280, 720))
    try:
        app.settings.report_after_turn = False
        scr.end_turn()
        wait_idle(app, timeout=120.0)
        step(app, 3)
        assert scr.game.log, "the turn was resolved"
        rec = scr.game.log[-1]
        expected = [(a, o) for a, opts in rec.carried_out().items() for o in opts]
        assert expected and scr.map.moves == expected
        assert {a for a, _ in expected} - {scr.actor}, "other actors' moves too"
    finally:
        close(app)


def test_a_name_far_from_its_centre_answers_only_for_its_own_box():
    """Where a region's name had to sit away from its centre, the space between
    them still belongs to whatever territory is there."""
    app, scr = open_game("bosnia-1995", (1280, 720))
    try:
        m = scr.map
        lay = m.get_layout()
        for i, (b, lb) in enumerate(zip(lay.badges, lay.labels)):
            for box in (b, lb):
                c = box.move(m.rect.topleft).center
                assert m.hit(c) == ("region", i)
        # every point of the map is the territory under it, or a box of the region it names
        for x in range(0, m.rect.width, 37):
            for y in range(0, lay.strip_top or m.rect.height, 29):
                h = m.hit((x + m.rect.x, y + m.rect.y))
                if h is None or h[0] != "region":
                    continue
                mine = [r for sp in m.spots if (sp.kind, sp.index) == h for r in [sp.rect.move(-m.rect.x, -m.rect.y)]]
                inside = m.geo.territories[h[1]].contains(Point(lay.fit.world(x, y)))
                assert inside or any(r.collidepoint(x, y) for r in mine), (x, y, h)
    finally:
        close(app)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("sid", SCENARIOS)
def test_no_name_or_counter_lies_under_the_objective_trackers_line(sid, size):
    if sid == "dry-basin" and size == (800, 560):
        pytest.skip("five long names on a map 440 pixels wide: one of them has nowhere else to go")
    app, scr = open_game(sid, size)
    try:
        head = scr.tracker.header.rect.move(-scr.map.rect.x, -scr.map.rect.y)
        boxes = scr.map.get_layout().boxes()
        under = [
            f"{k} {r}"
            for k in ("region label", "country label", "talk label", "actor label", "counter")
            for r in boxes[k]
            if r.colliderect(head)
        ]
        assert not under, under
    finally:
        close(app)
