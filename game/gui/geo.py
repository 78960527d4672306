"""The map's geometry: land, water, country borders and each region's territory.

Pure geometry (shapely, no pygame), computed once per scenario and kept. A
scenario with a ``map`` area is drawn on the real coastlines and borders of
``assets/maps/countries.geojson`` (Natural Earth); an invented one gets land
and water of its own, made from its regions' positions and its id (the same
every time). A region with its own outline keeps it; every other region's
territory is the part of its country nearest to its position (the Voronoi
cell among the regions in that country), or, at sea, the nearest stretch of
the water it lies in; on invented land, the nearest part of the land.

Coordinates are "world" units: x east, y south, equal-area-ish (longitude
scaled by the cosine of the middle latitude) on a real map, the 0–1 shares
of the map on an invented one. :meth:`MapGeometry.fit` gives the transform
to pixels of a rectangle.
"""

from __future__ import annotations

import functools
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely import affinity
from shapely.geometry import MultiPoint, Point, Polygon, box, shape

from game.scenario.compile import Scenario
from game.scenario.loader import assets_dir

COUNTRIES = "maps/countries.json"
"""The index of the country outlines: name, ISO code, box and file of each."""
DRAWN_ASPECT = 1.5
"""Width of an invented map for a height of 1."""


@functools.lru_cache(maxsize=1)
def _index() -> list[dict]:
    return json.loads((Path(assets_dir()) / COUNTRIES).read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=512)
def _outline(file: str) -> shapely.Geometry:
    path = Path(assets_dir()) / "maps" / "countries" / file
    return shape(json.loads(path.read_text(encoding="utf-8"))["geometry"])


def countries_in(west: float, south: float, east: float, north: float) -> list[tuple[str, shapely.Geometry]]:
    """The Natural Earth countries that reach into a box of longitude and latitude (each file read once)."""
    out = []
    for c in _index():
        w, s, e, n = c["bbox"]
        if w <= east and e >= west and s <= north and n >= south:
            out.append((c["name"], _outline(c["file"])))
    return out


@dataclass(frozen=True)
class Fit:
    """World → pixel transform for one rectangle: ``px = ox + k·x``, ``py = oy + k·y``."""

    k: float
    ox: float
    oy: float

    def px(self, x: float, y: float) -> tuple[int, int]:
        return round(self.ox + self.k * x), round(self.oy + self.k * y)

    def world(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.ox) / self.k, (py - self.oy) / self.k


class MapGeometry:
    """Everything drawn under the labels, in world units, for one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        m, r = scenario.meta, scenario.rules
        self.real = m.map_area is not None
        self.region_ids = [g.id for g in r.regions]
        if m.map_area is not None:
            w, s, e, n = m.map_area
            self.cos = math.cos(math.radians((s + n) / 2))
            self.area = box(*self._xy(w, n), *self._xy(e, s))
        else:
            self.cos = 1.0
            # An invented place is drawn wider than high, as most windows are.
            self.area = box(0.0, 0.0, DRAWN_ASPECT, 1.0)
        self.sites = [self.share(*g.pos) for g in r.regions]
        self.countries: list[tuple[str, shapely.Geometry]] = []
        self.water: shapely.Geometry = Polygon()
        """Lakes of an invented map."""
        self._land: shapely.Geometry | None = None
        if self.real:
            self._real_land(m.map_area)
        else:
            self._drawn_land(scenario.id, [g.radius for g in r.regions])
        own = {
            i: shapely.make_valid(Polygon([self.share(*q) for q in m.region_outlines[rid]]))
            for i, rid in enumerate(self.region_ids)
            if rid in m.region_outlines
        }
        taken = shapely.union_all(list(own.values())) if own else None
        self.territories = self._territories([g.radius for g in r.regions], own, taken)
        for t in self.territories:
            shapely.prepare(t)  # the pointer is tested against them at every move
        self.anchors = [Point(p) for p in self.sites]

    # ------------------------------------------------------------ coordinates
    def _xy(self, lon: float, lat: float) -> tuple[float, float]:
        return lon * self.cos, -lat

    def share(self, x: float, y: float) -> tuple[float, float]:
        """A point given as shares of the map's area (as regions' positions are) in world units."""
        x0, y0, x1, y1 = self.area.bounds
        return x0 + x * (x1 - x0), y0 + y * (y1 - y0)

    def fit(self, width: int, height: int, margin: int = 0, top: int = 0) -> Fit:
        """The transform that shows the whole area in a ``width`` × ``height``
        rectangle (less ``margin`` on each side and ``top`` above), centred;
        the map goes on beyond the area where the rectangle's shape leaves room."""
        x0, y0, x1, y1 = self.area.bounds
        aw, ah = max(1, width - 2 * margin), max(1, height - 2 * margin - top)
        k = min(aw / (x1 - x0), ah / (y1 - y0))
        ox = width / 2 - k * (x0 + x1) / 2
        oy = top + margin + ah / 2 - k * (y0 + y1) / 2
        return Fit(k, ox, oy)

    def view(self, fit: Fit, width: int, height: int) -> shapely.Geometry:
        """The world box a rectangle shows."""
        (a, b), (c, d) = fit.world(0, 0), fit.world(width, height)
        return box(a, b, c, d)

    # ------------------------------------------------------------ land
    def _real_land(self, area: tuple[float, float, float, float]) -> None:
        w, s, e, n = area
        # Beyond the area too, as far as a window's shape can show: a wide window shows more of the neighbourhood.
        dw, dh = (e - w) * 1.0, (n - s) * 0.8
        reach = (w - dw, max(-85, s - dh), e + dw, min(85, n + dh))
        clip = box(*self._xy(reach[0], reach[3]), *self._xy(reach[2], reach[1]))
        for name, g in countries_in(*reach):
            g = shapely.transform(g, lambda a: a * [self.cos, -1.0])
            g = g.intersection(clip) if not clip.contains(g) else g
            if not g.is_empty:
                self.countries.append((name, g if g.is_valid else shapely.make_valid(g)))

    @property
    def land(self) -> shapely.Geometry:
        """All land (on a real map, made of the countries when first asked for)."""
        if self._land is None:
            self._land = shapely.union_all([g for _, g in self.countries]) if self.countries else Polygon()
        return self._land

    def _drawn_land(self, seed: str, radii: list[float]) -> None:
        """Land of the scenario's own: one coast around its regions, wavy, the same every time."""
        rnd = random.Random(seed)
        hull = MultiPoint(self.sites).convex_hull
        core = shapely.union_all(
            [hull.buffer(0.24)] + [Point(p).buffer(max(0.26, 2.4 * r)) for p, r in zip(self.sites, radii)]
        )
        core = core.intersection(box(-0.02, -0.02, DRAWN_ASPECT + 0.02, 1.02)).buffer(0.02)
        cx, cy = core.centroid.x, core.centroid.y
        waves = [(k, rnd.uniform(0.006, 0.022) / (1 + k / 8), rnd.uniform(0, math.tau)) for k in range(3, 17)]
        ring = shapely.segmentize(core.exterior, 0.006).coords
        pts = []
        for x, y in ring:
            ang = math.atan2(y - cy, x - cx)
            d = sum(a * math.sin(k * ang + ph) for k, a, ph in waves)
            dist = math.hypot(x - cx, y - cy) or 1.0
            pts.append((x + d * (x - cx) / dist, y + d * (y - cy) / dist))
        land = shapely.make_valid(Polygon(pts)).buffer(0.004).buffer(-0.004)
        # Every region stands on land, however the coast waves.
        land = shapely.union_all([land] + [Point(p).buffer(0.05) for p in self.sites])
        # A lake or two inland, away from the regions' positions.
        lakes = []
        inner = land.buffer(-0.06)
        for _ in range(2):
            for _try in range(40):
                x, y = rnd.uniform(0.1, DRAWN_ASPECT - 0.1), rnd.uniform(0.1, 0.9)
                lake = Point(x, y).buffer(rnd.uniform(0.025, 0.045))
                lake = affinity.scale(lake, rnd.uniform(1.2, 2.0), 1.0)
                if inner.contains(lake) and min(math.dist((x, y), p) for p in self.sites) > 0.14:
                    lakes.append(lake)
                    break
        self.water = shapely.union_all(lakes) if lakes else Polygon()
        self._land = land.difference(self.water)
        # The map shows the land with a strip of sea around it.
        self.area = box(*land.buffer(0.04).bounds)

    # ------------------------------------------------------------ territories
    def _territories(
        self, radii: list[float], own: dict[int, shapely.Geometry], taken: shapely.Geometry | None
    ) -> list:
        n = len(self.sites)
        out: list[shapely.Geometry] = [Polygon()] * n
        groups: dict[object, list[int]] = {}
        for i in range(n):
            if i in own:
                continue
            pt = Point(self.sites[i])
            if self.real:
                home = next((k for k, (_, g) in enumerate(self.countries) if g.contains(pt)), None)
                groups.setdefault(home if home is not None else "sea", []).append(i)
            else:
                groups.setdefault("land", []).append(i)
        x0, y0, x1, y1 = self.area.bounds
        big = box(x0 - 10 * (x1 - x0), y0 - 10 * (y1 - y0), x1 + 10 * (x1 - x0), y1 + 10 * (y1 - y0))
        for key, members in groups.items():
            if key == "sea":
                cells = self._cells(members, big)
                for i, cell in zip(members, cells):
                    pt = Point(self.sites[i])
                    reach = pt.buffer(max(0.25, 3 * radii[i]) * (x1 - x0)).intersection(self.area)
                    near = [g.intersection(reach) for _, g in self.countries if g.intersects(reach)]
                    water = reach.difference(shapely.union_all(near)) if near else reach
                    parts = list(getattr(water, "geoms", [water]))
                    part = next((p for p in parts if p.contains(pt)), pt.buffer(0.04 * (x1 - x0)))
                    out[i] = cell.intersection(part)
                continue
            ground = self.land if key == "land" else self.countries[key][1]
            for i, cell in zip(members, self._cells(members, big)):
                out[i] = cell.intersection(ground)
        for i, g in own.items():
            out[i] = g
        if taken is not None:
            out = [g if i in own else g.difference(taken) for i, g in enumerate(out)]
        # Of a territory in several pieces, keep those of some size (a speck of island is no territory).
        return [_main_parts(shapely.make_valid(g)) for g in out]

    def _cells(self, members: list[int], big: shapely.Geometry) -> list[shapely.Geometry]:
        if len(members) == 1:
            return [big]
        pts = MultiPoint([self.sites[i] for i in members])
        cells = list(shapely.voronoi_polygons(pts, extend_to=big).geoms)
        out = []
        for i in members:
            pt = Point(self.sites[i])
            out.append(next((c for c in cells if c.contains(pt)), big).intersection(big))
        return out


def _main_parts(g: shapely.Geometry) -> shapely.Geometry:
    parts = [p for p in getattr(g, "geoms", [g]) if isinstance(p, Polygon) and not p.is_empty]
    if len(parts) <= 1:
        return parts[0] if parts else Polygon()
    biggest = max(p.area for p in parts)
    keep = [p for p in parts if p.area >= 0.02 * biggest]
    return shapely.MultiPolygon(keep) if len(keep) > 1 else keep[0]


def rings(g: shapely.Geometry) -> list[tuple[list[tuple[float, float]], list[list[tuple[float, float]]]]]:
    """Each polygon of a geometry as (exterior, holes) point lists."""
    out = []
    for p in getattr(g, "geoms", [g]):
        if isinstance(p, Polygon) and not p.is_empty:
            out.append((list(p.exterior.coords), [list(h.coords) for h in p.interiors]))
        elif hasattr(p, "geoms"):
            out.extend(rings(p))
    return out


@functools.lru_cache(maxsize=16)
def geometry_of(scenario: Scenario) -> MapGeometry:
    """The scenario's map, computed once (scenarios are immutable)."""
    return MapGeometry(scenario)
