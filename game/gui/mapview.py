"""The map: territories, who holds them, forces, peacekeepers, the talks and the orders.

Each region is a territory (see :mod:`game.gui.geo`): on a real map, part of
its country on Natural Earth's coastlines and borders; on an invented one,
part of land drawn for the scenario. The fill is the region's stability on a
colour-blind-safe sequential scale (cividis, with a legend), the band along
its border the colour of the actor that holds it; at its centre a badge
gives the stability (⚠ in crisis), and beneath it counters give the forces
(■, in the actor's colour) and peacekeepers (◆). Actors sit in a strip along
the bottom; negotiation tracks are arcs between the two parties, thicker as
talks progress, each with its label on the arc.

The layout (every badge, counter slot and label) depends only on the
scenario and the size of the map, never on the turn, so nothing moves
between turns, and it is chosen so that no label covers another label, a
territory's centre or a counter (tested at three window sizes). Three
layers are drawn: the ground (cached), what moves (highlights, the queued
orders as arrows, last turn's moves replayed, the rings after a turn) and
the text (cached) on top, so a highlight never hides a word.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import pygame
import shapely
from shapely.geometry import Point

from game.core.spec import Category, Target, TrackStatus
from game.gui.geo import Fit, MapGeometry, geometry_of, rings
from game.gui.theme import Theme
from game.session.fmt import arrow, holding
from game.session.game import Game

Hit = tuple[str, int]
FLASH_S = 0.6
"""How long the rings around the regions that changed last turn last."""
REPLAY_S = 4.0
"""How long last turn's moves are shown on the map after the turn report."""
STATUS_WORD = {
    TrackStatus.INACTIVE: "not open",
    TrackStatus.OPEN: "open",
    TrackStatus.AGREED: "agreed",
    TrackStatus.BROKEN: "broken off",
}
TRACK_COLOUR = {
    TrackStatus.INACTIVE: "track_inactive",
    TrackStatus.OPEN: "track_open",
    TrackStatus.AGREED: "track_agreed",
    TrackStatus.BROKEN: "track_broken",
}


@dataclass
class _Spot:
    kind: str
    index: int
    rect: pygame.Rect
    centre: tuple[int, int] = (0, 0)
    radius: int = 0


@dataclass
class Layout:
    """Where everything sits on a map of one size (map coordinates, top left 0, 0)."""

    size: tuple[int, int]
    fit: Fit
    anchors: list[tuple[int, int]]
    badges: list[pygame.Rect]
    """Each region's centre: the stability badge."""
    counters: list[pygame.Rect]
    """Each region's counter slot: room for every counter it can show."""
    slots: int
    labels: list[pygame.Rect]
    """Each region's name."""
    names: list[str]
    countries: list[tuple[str, pygame.Rect]] = field(default_factory=list)
    """Names of the countries around (a real map), where they fit."""
    legend: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    clear: list[pygame.Rect] = field(default_factory=list)
    """Places kept free of names and counters: what the screen puts over the map."""
    strip_top: int = 0
    actors: list[tuple[int, int]] = field(default_factory=list)
    actor_labels: list[pygame.Rect] = field(default_factory=list)
    arcs: list[list[tuple[float, float]]] = field(default_factory=list)
    talk_labels: list[pygame.Rect] = field(default_factory=list)

    def boxes(self) -> dict[str, list[pygame.Rect]]:
        """Every placed box by kind (for the collision test)."""
        return {
            "region label": self.labels,
            "country label": [r for _, r in self.countries],
            "talk label": self.talk_labels,
            "actor label": self.actor_labels,
            "centre": self.badges,
            "counter": self.counters,
            "legend": [self.legend] if self.legend.width else [],
            "kept clear": self.clear,
        }


class MapView:
    """Draws one game's map into a rectangle and answers what lies under a point."""

    def __init__(
        self, theme: Theme, game: Game, player: int | None = None, show_actors: bool = True, compact: bool = False
    ) -> None:
        self.theme = theme
        self.game = game
        self.player = player
        self.show_actors = show_actors
        self.compact = compact
        self.rect = pygame.Rect(0, 0, 10, 10)
        self.ground: pygame.Surface | None = None
        self.text: pygame.Surface | None = None
        self.cache: pygame.Surface | None = None
        """The ground (kept for callers that test whether the map is drawn)."""
        self.lay: Layout | None = None
        self.spots: list[_Spot] = []
        self.selected: Hit | None = None
        self.targets: list[Hit] = []
        """What the order chosen in the orders list is aimed at: highlighted."""
        self.flash_regions: list[int] = []
        self.flash_start = -1.0
        self.moves: list[tuple[int, int]] = []
        """Last turn's orders carried out (actor, option), shown for a few seconds."""
        self.moves_start = -1.0
        self._px: dict[str, list] = {}
        self.clear: list[pygame.Rect] = []
        """Places on the window kept free of names and counters (the objective tracker's line over the map)."""

    # ------------------------------------------------------------ geometry
    def keep_clear(self, rects: list[pygame.Rect]) -> None:
        """Place no name or counter under ``rects`` (window coordinates) from the next layout on."""
        rects = [pygame.Rect(r) for r in rects]
        if rects != self.clear:
            self.clear = rects
            self.lay = None
            self.invalidate()

    def layout(self, rect: pygame.Rect) -> None:
        rect = pygame.Rect(rect)
        if rect.size != self.rect.size:
            self.lay = None
            self._px = {}
        self.rect = rect
        self.invalidate()

    def invalidate(self) -> None:
        self.ground = None
        self.text = None
        self.cache = None

    def s(self, px: float) -> int:
        return self.theme.s(px * (0.8 if self.compact else 1.0))

    @property
    def geo(self) -> MapGeometry:
        return geometry_of(self.game.scenario)

    @property
    def dense(self) -> bool:
        """A small map: names only (hover for the rest) and fewer counters."""
        return not self.compact and (self.rect.width < self.s(560) or self.rect.height < self.s(420))

    def strip_height(self) -> int:
        """The actors and the talks along the bottom: two rows of names, the badges, a row per talk."""
        if not self.show_actors or self.compact:
            return 0
        lh = self.theme.font("small").get_linesize()
        talks = len(self.game.rules.tracks)
        least = 2 * lh + self.s(34) + 2 * (lh + self.s(9)) + self.s(10)
        wanted = 2 * lh + self.s(34) + max(2, talks) * (lh + self.s(9)) + self.s(10)
        # Many talks share the room they have: the map keeps most of the height.
        return max(least, min(wanted, int(0.36 * self.rect.height)))

    def _fonts(self) -> tuple[pygame.font.Font, pygame.font.Font]:
        th = self.theme
        if self.compact:
            return th.font(11), th.font(12, bold=True)
        return th.font("small"), th.font("label", bold=True)

    def region_name(self, i: int) -> str:
        name = self.game.rules.regions[i].name
        # On a small map, "Srebrenica and Žepa" is labelled "Srebrenica" (the tooltip has it all).
        return name.split(" and ")[0].split(" (")[0] if (self.dense or self.compact) else name

    def get_layout(self) -> Layout:
        if self.lay is None or self.lay.size != self.rect.size:
            self.lay = self._layout()
            self._px = {}
        return self.lay

    def _layout(self) -> Layout:
        """Place everything once for this size: badges at the territories' centres,
        counter slots beside them, then names, talk labels and country names
        where they cover nothing already placed."""
        r, geo = self.game.rules, self.geo
        W, H = self.rect.size
        small, bold = self._fonts()
        strip = self.strip_height()
        map_h = H - strip
        legend = pygame.Rect(0, 0, 0, 0)
        if not self.compact:
            legend = pygame.Rect(self.s(6), self.s(4), min(W - self.s(12), self._legend_width()), self.s(36))
        top = legend.bottom if legend.width else 0
        bounds = pygame.Rect(0, 0, W, map_h)
        clear = [c.move(-self.rect.x, -self.rect.y).clip(bounds) for c in self.clear]
        clear = [c for c in clear if c.width and c.height]
        if clear and self.dense:
            # A small map has no room beside what lies over it: it is drawn below.
            top = max(top, *(c.bottom for c in clear))
        fit = geo.fit(W, map_h, margin=self.s(26 if not self.compact else 10), top=top)
        anchors = [fit.px(*p) for p in geo.sites]
        pad = self.s(4)
        bw = bold.size("⚠100")[0] + 2 * pad
        bh = bold.get_linesize() + self.s(2)
        badges = _spread([pygame.Rect(x - bw // 2, y - bh // 2, bw, bh) for x, y in anchors], bounds, self.s(2))
        placed: list[pygame.Rect] = [legend] if legend.width else []
        placed += badges
        slots = 0 if self.compact else (2 if self.dense else 4)
        cfont = self.theme.font(12)
        cw = cfont.size("◆100")[0] + self.s(6)
        ch = cfont.get_linesize()
        cols = min(2, slots)
        counters: list[pygame.Rect] = []
        for i, b in enumerate(badges):
            if not slots:
                counters.append(pygame.Rect(b.centerx, b.bottom, 0, 0))
                continue
            rows = (slots + cols - 1) // cols
            w, h = cols * cw + (cols - 1) * self.s(2), rows * ch + (rows - 1) * self.s(2)
            cands = [
                pygame.Rect(b.centerx - w // 2, b.bottom + self.s(3), w, h),
                pygame.Rect(b.right + self.s(4), b.top, w, h),
                pygame.Rect(b.left - self.s(4) - w, b.top, w, h),
                pygame.Rect(b.centerx - w // 2, b.top - self.s(3) - h, w, h),
                pygame.Rect(b.right + self.s(4), b.bottom - h, w, h),
                pygame.Rect(b.left - self.s(4) - w, b.bottom - h, w, h),
            ] + _around(b, w, h, self.s(10), self.s(10), rings=5)
            box = _best(cands, placed, bounds, others=badges[:i] + badges[i + 1 :], soft=clear)
            counters.append(box)
            placed.append(box)
        names = [self.region_name(i) for i in range(r.n_regions)]
        labels: list[pygame.Rect] = []
        for i, (b, c) in enumerate(zip(badges, counters)):
            w, h = bold.size(names[i])[0] + self.s(8), bold.get_linesize()
            core = b.union(c) if c.width else b
            cands = _around(core, w, h, self.s(3), self.s(14), rings=6)
            box = _best(cands, placed, bounds, soft=clear)
            labels.append(box)
            placed.append(box)
        lay = Layout((W, H), fit, anchors, badges, counters, slots, labels, names, legend=legend, clear=clear)
        if strip:
            self._layout_strip(lay, placed)
        if geo.real:
            self._layout_countries(lay, placed, bounds, small)
        return lay

    def _legend_width(self) -> int:
        font = self.theme.font("small")
        return self.s(10) + font.size("Stability")[0] + self.s(170) + font.size(self._legend_text()[0])[0]

    def _legend_text(self) -> tuple[str, str]:
        if self.dense:
            return ("border: who holds it", "■ forces ◆ peacekeepers")
        return ("border colour: who holds it   ■ forces   ◆ peacekeepers", "⚠ crisis   arcs below: talks")

    def _layout_strip(self, lay: Layout, placed: list[pygame.Rect]) -> None:
        r = self.game.rules
        W, H = lay.size
        font = self.theme.font("small")
        lh = font.get_linesize()
        rad = self.s(10)
        lay.strip_top = H - self.strip_height()
        y = H - 2 * lh - rad - self.s(6)
        step = W / r.n_actors
        lay.actors = [(round(step * (k + 0.5)), y) for k in range(r.n_actors)]
        names = [self._actor_name(a) for a in range(r.n_actors)]
        widths = [font.size(n)[0] for n in names]
        two_rows = any(widths[k] / 2 + widths[k + 1] / 2 + self.s(6) > step for k in range(r.n_actors - 1))
        for k, (x, _) in enumerate(lay.actors):
            row = k % 2 if two_rows else 0
            box = pygame.Rect(0, 0, widths[k], lh)
            box.midtop = (x, y + rad + self.s(2) + row * lh)
            box.clamp_ip(pygame.Rect(0, lay.strip_top, W, H - lay.strip_top))
            lay.actor_labels.append(box)
        area = pygame.Rect(0, lay.strip_top + self.s(2), W, y - rad - lay.strip_top - self.s(2))
        taken = list(lay.actor_labels) + [pygame.Rect(x - rad, yy - rad, 2 * rad, 2 * rad) for x, yy in lay.actors]
        for t in r.tracks:
            a, b = t.parties
            (x1, y1), (x2, _) = lay.actors[a], lay.actors[b]
            text = max((f"{t.name} 100%", f"{t.name} ✓ agreed", f"{t.name} ✕ broken"), key=lambda s: font.size(s)[0])
            w, h = font.size(text)[0] + self.s(8), lh
            best = None
            for lift in (0.4, 0.7, 1.0, 0.55, 0.85, 0.25):
                pts = _arc(x1, x2, y1 - rad - self.s(2), lift * (y1 - rad - area.y - h // 2))
                for u in (12, 8, 16, 5, 19, 3, 21):
                    box = pygame.Rect(0, 0, w, h)
                    box.center = (round(pts[u][0]), round(pts[u][1]))
                    # shifted to stay in the strip, the label still sits on its arc
                    box.clamp_ip(area)
                    if not box.collidepoint(pts[u]) or not area.contains(box):
                        continue
                    if box.inflate(self.s(4), self.s(2)).collidelist(taken) < 0:
                        best = (pts, box)
                        break
                if best:
                    break
            if best is None:
                pts = _arc(x1, x2, y1 - rad - self.s(2), 0.5 * (y1 - rad - area.y - h // 2))
                box = pygame.Rect(0, 0, w, h)
                box.center = (round(pts[12][0]), round(pts[12][1]))
                best = (pts, box.clamp(area))
            lay.arcs.append(best[0])
            lay.talk_labels.append(best[1])
            taken.append(best[1])

    def _layout_countries(
        self, lay: Layout, placed: list[pygame.Rect], bounds: pygame.Rect, font: pygame.font.Font
    ) -> None:
        """Names of the countries no region is in, muted, where they fit."""
        geo = self.geo
        view = geo.view(lay.fit, *bounds.size)
        held = [t for t in geo.territories if not t.is_empty]
        for name, g in geo.countries:
            part = g.intersection(view)
            if part.is_empty or any(part.intersection(t).area > 0.5 * part.area for t in held):
                continue
            w, h = font.size(name)[0] + self.s(6), font.get_linesize()
            if part.area * lay.fit.k**2 < 4 * w * h:
                continue
            pt = part.representative_point()
            box = pygame.Rect(0, 0, w, h)
            box.center = lay.fit.px(pt.x, pt.y)
            if bounds.contains(box) and box.inflate(self.s(4), self.s(2)).collidelist(placed + lay.clear) < 0:
                lay.countries.append((name, box))
                placed.append(box)

    def _actor_name(self, a: int) -> str:
        act = self.game.rules.actors[a]
        return (act.short or act.name) + (" ★" if a == self.player else "")

    # ------------------------------------------------------------ pixels
    def _polys(self) -> dict[str, list]:
        """The ground's shapes in pixels, for this size (computed once)."""
        lay, geo = self.get_layout(), self.geo  # first: a new size makes a new layout and new pixels
        if self._px:
            return self._px
        fit = lay.fit
        k = fit.k
        view = geo.view(fit, *lay.size).buffer(20 / k)

        def px(g: shapely.Geometry) -> list[tuple[list, list]]:
            g = g.intersection(view) if not g.is_empty else g
            g = g.simplify(0.6 / k)
            return [
                ([fit.px(x, y) for x, y in ext], [[fit.px(x, y) for x, y in h] for h in holes])
                for ext, holes in rings(g)
            ]

        band = self.s(4 if not self.compact else 2)
        self._px = {
            "countries": [px(g) for _, g in geo.countries],
            "land": px(geo.land) if not geo.real else [],
            "water": px(geo.water) if not geo.real else [],
            "territories": [px(t) for t in geo.territories],
            "inner": [px(t.buffer(-band / k)) if not t.is_empty else [] for t in geo.territories],
        }
        return self._px

    # ------------------------------------------------------------ drawing
    def _render_ground(self) -> pygame.Surface:
        th, g, r = self.theme, self.game, self.game.rules
        s = g.state
        surf = pygame.Surface(self.rect.size)
        surf.fill(th.colour("sea"))
        polys = self._polys()
        land, edge = th.colour("land"), th.colour("country_border")
        for shape_ in polys["countries"]:
            _fill(surf, land, shape_, th.colour("sea"))
        for shape_ in polys["land"]:
            _fill(surf, land, [shape_], th.colour("sea"))
        for shape_ in polys["water"]:
            _fill(surf, th.colour("sea"), [shape_], land)
        for shape_ in polys["countries"]:
            _outline(surf, edge, shape_, 1)
        for shape_ in polys["land"]:
            _outline(surf, th.colour("coast"), [shape_], self.s(2))
        for i in range(r.n_regions):
            if r.regions[i].owner < 0:
                # International waters: water, with no holder's band (the badge shows who holds it, if anyone).
                _fill(surf, th.colour("sea"), polys["territories"][i], th.colour("sea"))
                continue
            ctrl = int(s.control[0, i])
            holder = th.actor_colour(r.actors[ctrl].colour, ctrl)
            _fill(surf, holder, polys["territories"][i], th.colour("sea"))
            _fill(surf, th.stability_colour(float(s.stability[0, i])), polys["inner"][i], th.colour("sea"))
        for i in range(r.n_regions):
            _outline(surf, th.colour("territory_edge"), polys["territories"][i], 1)
        lay = self.get_layout()
        if lay.strip_top:
            W, H = lay.size
            pygame.draw.rect(surf, th.colour("map_background"), (0, lay.strip_top, W, H - lay.strip_top))
            pygame.draw.line(surf, th.colour("border"), (0, lay.strip_top), (W, lay.strip_top))
        return surf

    def _render_text(self) -> pygame.Surface:
        th, g, r = self.theme, self.game, self.game.rules
        s = g.state
        lay = self.get_layout()
        surf = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        small, bold = self._fonts()
        self.spots = []
        halo = th.colour("label_bg")
        for name, box in lay.countries:
            img = small.render(name, True, th.colour("dim"))
            surf.blit(img, img.get_rect(center=box.center))
        # A name that had to sit further from its centre gets a thin line to it (under every word).
        for b, lb, c in zip(lay.badges, lay.labels, lay.counters):
            if not b.inflate(self.s(40), self.s(40)).colliderect(lb):
                pygame.draw.line(surf, th.colour("muted"), _edge_point(lb, b.center), _edge_point(b, lb.center), 1)
            if c.width and not b.inflate(self.s(24), self.s(24)).colliderect(c):
                pygame.draw.line(surf, th.colour("muted"), _edge_point(c, b.center), _edge_point(b, c.center), 1)
        for i in range(r.n_regions):
            ctrl = int(s.control[0, i])
            holder = th.actor_colour(r.actors[ctrl].colour, ctrl) if ctrl >= 0 else th.colour("muted")
            b = lay.badges[i]
            pygame.draw.rect(surf, halo, b, border_radius=self.s(4))
            pygame.draw.rect(surf, holder, b, self.s(2), border_radius=self.s(4))
            stab = float(s.stability[0, i])
            text = ("⚠" if s.crisis[0, i] else "") + f"{stab:.0f}"
            img = bold.render(text, True, th.colour("decrease") if s.crisis[0, i] else th.colour("text"))
            surf.blit(img, img.get_rect(center=b.center))
            # the name
            lb = lay.labels[i]
            pygame.draw.rect(surf, halo, lb, border_radius=self.s(3))
            img = bold.render(lay.names[i], True, th.colour("text"))
            surf.blit(img, img.get_rect(center=lb.center))
            if lay.slots:
                self._counters(surf, i, lay.counters[i], lay.slots)
            # the badge, the name and the counters each answer for the region (not the space between them)
            for box in (b, lb, lay.counters[i]):
                if box.width:
                    self.spots.append(
                        _Spot("region", i, box.move(self.rect.topleft), _add(lay.anchors[i], self.rect.topleft))
                    )
        if lay.actors:
            self._strip(surf, lay)
        if lay.legend.width:
            self._legend(surf, lay.legend)
        return surf

    def _counters(self, surf: pygame.Surface, i: int, slot: pygame.Rect, slots: int) -> None:
        th, r, s = self.theme, self.game.rules, self.game.state
        font = self.theme.font(12)
        items = [(a, float(s.forces[0, a, i]), False) for a in range(r.n_actors) if s.forces[0, a, i] >= 0.5]
        items += [
            (a, float(s.peacekeepers[0, a, i]), True) for a in range(r.n_actors) if s.peacekeepers[0, a, i] >= 0.5
        ]
        items.sort(key=lambda x: (x[2], -x[1]))
        more = 0
        if len(items) > slots:
            more = len(items) - (slots - 1)
            items = items[: slots - 1]
        cols = min(2, slots)
        cw = (slot.width - (cols - 1) * self.s(2)) // cols
        rows = (slots + cols - 1) // cols
        ch = (slot.height - (rows - 1) * self.s(2)) // rows
        boxes = [
            pygame.Rect(slot.x + (k % cols) * (cw + self.s(2)), slot.y + (k // cols) * (ch + self.s(2)), cw, ch)
            for k in range(slots)
        ]
        for box, (a, amount, pk) in zip(boxes, items):
            col = th.actor_colour(r.actors[a].colour, a)
            pygame.draw.rect(surf, col, box, border_radius=self.s(3))
            if pk:
                pygame.draw.rect(surf, th.colour("peacekeeper"), box, self.s(2), border_radius=self.s(3))
            else:
                pygame.draw.rect(surf, th.colour("territory_edge"), box, 1, border_radius=self.s(3))
            img = font.render(("◆" if pk else "") + f"{amount:.0f}", True, th.ink_on(col))
            surf.blit(img, img.get_rect(center=box.center))
        if more:
            box = boxes[len(items)]
            pygame.draw.rect(surf, th.colour("panel"), box, border_radius=self.s(3))
            pygame.draw.rect(surf, th.colour("border"), box, 1, border_radius=self.s(3))
            img = font.render(f"+{more}", True, th.colour("text"))
            surf.blit(img, img.get_rect(center=box.center))

    def _strip(self, surf: pygame.Surface, lay: Layout) -> None:
        th, g, r = self.theme, self.game, self.game.rules
        s = g.state
        font = th.font("small")
        W, H = lay.size
        for k in range(len(r.tracks)):
            status = TrackStatus(int(s.track_status[0, k]))
            col = th.colour(TRACK_COLOUR[status])
            width = max(1, self.s(2 + float(s.progress[0, k]) / 100 * 6))
            pts = lay.arcs[k]
            if status in (TrackStatus.INACTIVE, TrackStatus.BROKEN):
                for n in range(0, len(pts) - 1, 2):
                    pygame.draw.line(surf, col, pts[n], pts[n + 1], width)
            else:
                pygame.draw.lines(surf, col, False, pts, width)
        # the labels after every arc, so no arc runs over another talk's words
        for k, t in enumerate(r.tracks):
            status = TrackStatus(int(s.track_status[0, k]))
            col = th.colour(TRACK_COLOUR[status])
            prog = float(s.progress[0, k])
            word = {
                TrackStatus.INACTIVE: "",
                TrackStatus.OPEN: f" {prog:.0f}%",
                TrackStatus.AGREED: " ✓ agreed",
                TrackStatus.BROKEN: " ✕ broken",
            }[status]
            box = lay.talk_labels[k]
            img = font.render(f"{t.name}{word}", True, col)
            pill = img.get_rect(center=box.center).inflate(self.s(8), 0)
            pygame.draw.rect(surf, th.colour("map_background"), pill, border_radius=self.s(3))
            pygame.draw.rect(surf, col, pill, 1, border_radius=self.s(3))
            surf.blit(img, img.get_rect(center=box.center))
            self.spots.append(_Spot("track", k, box.move(self.rect.topleft)))
        rad = self.s(10)
        for a, (x, y) in enumerate(lay.actors):
            col = th.actor_colour(r.actors[a].colour, a)
            if a == self.player:
                pygame.draw.circle(surf, th.colour("accent"), (x, y), rad + self.s(3))
            pygame.draw.circle(surf, col, (x, y), rad)
            mark = ("$" if s.un_sanctions[0, a] else "") + ("!" if s.condemned[0, a] else "")
            if mark:
                m = font.render(mark, True, th.ink_on(col))
                surf.blit(m, m.get_rect(center=(x, y)))
            box = lay.actor_labels[a]
            img = font.render(self._actor_name(a), True, th.colour("accent") if a == self.player else th.colour("text"))
            surf.blit(img, img.get_rect(center=box.center))
            hit = pygame.Rect(x - rad - self.s(4), y - rad - self.s(4), 2 * rad + self.s(8), 2 * rad + self.s(8))
            self.spots.append(
                _Spot("actor", a, hit.union(box).move(self.rect.topleft), _add((x, y), self.rect.topleft), rad)
            )

    def _legend(self, surf: pygame.Surface, box: pygame.Rect) -> None:
        th = self.theme
        font = th.font("small")
        pygame.draw.rect(surf, th.colour("label_bg"), box, border_radius=self.s(4))
        x, y = box.x + self.s(6), box.y + self.s(3)
        w, h = self.s(120), self.s(10)
        title = font.render("Stability", True, th.colour("muted"))
        surf.blit(title, (x, y))
        bx = x + title.get_width() + self.s(8)
        for k in range(w):
            pygame.draw.line(
                surf, th.stability_colour(100 * k / (w - 1)), (bx + k, y + self.s(3)), (bx + k, y + self.s(3) + h)
            )
        lo, hi = font.render("0", True, th.colour("muted")), font.render("100", True, th.colour("muted"))
        surf.blit(lo, (bx, y + h + self.s(4)))
        surf.blit(hi, (bx + w - hi.get_width(), y + h + self.s(4)))
        kx = bx + w + self.s(14)
        for n, text in enumerate(self._legend_text()):
            img = font.render(text, True, th.colour("muted"))
            if kx + img.get_width() <= box.right:
                surf.blit(img, (kx, y + n * (font.get_linesize() - self.s(1))))

    # ------------------------------------------------------------ what moves
    def flash(self, regions: list[int]) -> None:
        """Ring the given regions briefly: what changed in the turn just played."""
        self.flash_regions = list(regions)
        self.flash_start = time.perf_counter() if regions else -1.0

    def replay(self, moves: list[tuple[int, int]]) -> None:
        """Show last turn's orders (actor, option) on the map for a few seconds."""
        self.moves = list(moves)
        self.moves_start = time.perf_counter() if moves else -1.0

    def flashing(self) -> bool:
        """Whether the rings around what changed last turn are showing."""
        return self.flash_start >= 0 and time.perf_counter() - self.flash_start < FLASH_S

    def replaying(self) -> bool:
        """Whether last turn's moves are being shown."""
        return self.moves_start >= 0 and time.perf_counter() - self.moves_start < REPLAY_S

    def home(self, actor: int) -> tuple[int, int] | None:
        """Where an actor's orders start from on the map: a region it owns (or
        holds), else its badge in the strip (map coordinates)."""
        r, s = self.game.rules, self.game.state
        lay = self.get_layout()
        for i, reg in enumerate(r.regions):
            if reg.owner == actor:
                return lay.anchors[i]
        for i in range(r.n_regions):
            if int(s.control[0, i]) == actor:
                return lay.anchors[i]
        return lay.actors[actor] if lay.actors else None

    def target_of(self, option: int) -> tuple[Hit | None, tuple[int, int] | None]:
        """What an order is aimed at, and where that is on the map."""
        r = self.game.rules
        o = r.options[option]
        lay = self.get_layout()
        if o.region >= 0:
            return ("region", o.region), lay.anchors[o.region]
        if o.track >= 0:
            return ("track", o.track), (lay.talk_labels[o.track].center if lay.talk_labels else None)
        if o.target >= 0:
            return ("actor", o.target), self.home(o.target) if o.target != o.actor else None
        return None, None

    def _draw_order(
        self, surface: pygame.Surface, actor: int, option: int, col: pygame.Color, width: int, label: str = ""
    ) -> None:
        r = self.game.rules
        o = r.options[option]
        _, end = self.target_of(option)
        start = self.home(actor)
        if end is None:
            return
        ox, oy = self.rect.topleft
        end = (end[0] + ox, end[1] + oy)
        diplomatic = r.actions[o.action].category == Category.DIPLOMATIC
        if start is not None and math.dist(start, (end[0] - ox, end[1] - oy)) > self.s(20):
            start = (start[0] + ox, start[1] + oy)
            _arrow(surface, col, start, end, width, dashed=diplomatic, head=self.s(10))
        else:
            pygame.draw.circle(surface, col, end, self.s(14), width)
        if label:
            font = self.theme.font("small", bold=True)
            img = font.render(label, True, self.theme.ink_on(col))
            c = (end[0] + self.s(14), end[1] - self.s(14))
            pygame.draw.circle(surface, col, c, self.s(9))
            surface.blit(img, img.get_rect(center=c))

    def _draw_dynamic(self, surface: pygame.Surface, hover: Hit | None) -> None:
        th = self.theme
        now = time.perf_counter()
        polys = self._polys()
        ox, oy = self.rect.topleft
        # Rings around what changed last turn.
        if self.flash_start >= 0:
            t = (now - self.flash_start) / FLASH_S
            if t >= 1.0:
                self.flash_start = -1.0
            else:
                col = th.colour("accent").lerp(th.colour("sea"), t)
                for i in self.flash_regions:
                    if 0 <= i < len(polys["territories"]):
                        _outline(surface, col, polys["territories"][i], self.s(3) + round(3 * (1 - t)), (ox, oy))
        # The targets of the order chosen in the list.
        pulse = 0.5 + 0.5 * math.sin(now * 5)
        tcol = th.colour("hover").lerp(th.colour("accent"), pulse)
        for kind, i in self.targets:
            self._ring(surface, (kind, i), tcol, self.s(4))
        # Queued orders: from the acting side to the target.
        if self.player is not None:
            for n, option in enumerate(self.game.pending.get(self.player, [])):
                self._draw_order(surface, self.player, option, th.colour("accent"), self.s(3), str(n + 1))
        # Last turn's moves, every actor's, in its colour, one after another.
        if self.moves_start >= 0:
            t = now - self.moves_start
            if t >= REPLAY_S:
                self.moves_start = -1.0
            else:
                r = self.game.rules
                per = (REPLAY_S * 0.6) / max(1, len(self.moves))
                fade = min(1.0, (REPLAY_S - t) / 0.8)
                for k, (a, option) in enumerate(self.moves):
                    if t < k * per:
                        break
                    col = th.actor_colour(r.actors[a].colour, a).lerp(th.colour("sea"), 1 - fade)
                    self._draw_order(surface, a, option, col, self.s(2))
        for hit, col, width in ((self.selected, th.colour("accent"), self.s(3)), (hover, th.colour("hover"), 2)):
            if hit is not None:
                self._ring(surface, hit, col, width)

    def _ring(self, surface: pygame.Surface, hit: Hit, col: pygame.Color, width: int) -> None:
        kind, i = hit
        if kind == "region":
            polys = self._polys()
            if 0 <= i < len(polys["territories"]):
                _outline(surface, col, polys["territories"][i], width, self.rect.topleft)
            return
        spot = self.spot(hit)
        if spot is None:
            return
        if spot.radius:
            pygame.draw.circle(surface, col, spot.centre, spot.radius + self.s(6), width)
        else:
            pygame.draw.rect(surface, col, spot.rect.inflate(self.s(6), self.s(4)), width, border_radius=self.s(4))

    def draw(self, surface: pygame.Surface, hover: Hit | None = None) -> None:
        if self.ground is None or self.ground.get_size() != self.rect.size:
            self.ground = _fast(self._render_ground(), alpha=False)
            self.cache = self.ground
        if self.text is None or self.text.get_size() != self.rect.size:
            self.text = _fast(self._render_text(), alpha=True)
        surface.blit(self.ground, self.rect)
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        self._draw_dynamic(surface, hover)
        surface.blit(self.text, self.rect)
        surface.set_clip(clip)

    def animating(self) -> bool:
        """Whether something on the map moves (a pulse, an arrow, a ring)."""
        return bool(self.targets) or self.flashing() or self.replaying()

    def spot(self, hit: Hit) -> _Spot | None:
        for sp in self.spots:
            if (sp.kind, sp.index) == hit:
                return sp
        return None

    def hit(self, pos: tuple[int, int]) -> Hit | None:
        if not self.rect.collidepoint(pos):
            return None
        if self.text is None:
            self.text = self._render_text()
        for sp in self.spots:
            if sp.kind != "region" and sp.rect.collidepoint(pos):
                return (sp.kind, sp.index)
        for sp in self.spots:
            if sp.kind == "region" and sp.rect.collidepoint(pos):
                return (sp.kind, sp.index)
        lay = self.get_layout()
        if lay.strip_top and pos[1] - self.rect.y >= lay.strip_top:
            return None
        x, y = lay.fit.world(pos[0] - self.rect.x, pos[1] - self.rect.y)
        pt = Point(x, y)
        for i, t in enumerate(self.geo.territories):
            if t.contains(pt):
                return ("region", i)
        return None

    # ------------------------------------------------------------ tooltips
    def tooltip(self, hit: Hit) -> list[str]:
        g, r = self.game, self.game.rules
        s = g.state
        kind, i = hit
        if kind == "region":
            reg = r.regions[i]
            ctrl = int(s.control[0, i])
            lines = [
                reg.name,
                f"Stability {s.stability[0, i]:.0f} {arrow(g.delta('stability', i))}".rstrip()
                + (" · in crisis" if s.crisis[0, i] else ""),
                f"Humanitarian need {s.need[0, i]:.0f} {arrow(g.delta('need', i))}".rstrip(),
            ]
            holder, claim = holding(r, i, ctrl)
            lines.append(f"Held by {holder}" + (f" · {claim}" if claim else ""))
            present, keepers = g.presence(i)
            forces = [f"{r.actors[a].short or r.actors[a].name} {n:.0f}" for a, n in present]
            pks = [f"{r.actors[a].short or r.actors[a].name} {n:.0f}" for a, n in keepers]
            lines.append("Forces: " + (", ".join(forces) or "none"))
            if pks:
                lines.append("Peacekeepers: " + ", ".join(pks))
            if s.mandate_pk[0, i]:
                lines.append("Security Council peacekeeping mandate")
            if s.post_conflict[0, i]:
                lines.append(f"Post-conflict · reconstruction {s.reconstruction[0, i]:.0f}")
            lines.append("Click to select; its details are in the Region tab.")
            return lines
        if kind == "actor":
            a = r.actors[i]
            lines = [
                a.name + (" (you)" if i == self.player else ""),
                f"Leverage {s.leverage[0, i]:.0f} {arrow(g.delta('leverage', i))}".rstrip(),
                f"Reputation {s.reputation[0, i]:.0f} {arrow(g.delta('reputation', i))}".rstrip(),
            ]
            if self.player is not None and i != self.player:
                lines.append(f"Relations towards you {s.relations[0, i, self.player]:+.0f}")
            if s.condemned[0, i]:
                lines.append("! condemned by the Security Council")
            if s.un_sanctions[0, i]:
                lines.append("$ under Security Council sanctions")
            lines.append("Click for its details in the Actor tab.")
            return lines
        t = r.tracks[i]
        st = TrackStatus(int(s.track_status[0, i]))
        med = int(s.mediator[0, i])
        lines = [
            t.name,
            f"{t.topic.value.replace('_', ' ')} between {r.actors[t.parties[0]].name} and "
            f"{r.actors[t.parties[1]].name}",
            f"Status: {STATUS_WORD[st]} · progress {s.progress[0, i]:.0f} {arrow(g.delta('progress', i))} · "
            f"trust {s.trust[0, i]:.0f}".replace("  ", " "),
        ]
        if med >= 0:
            lines.append(f"Mediator: {r.actors[med].name}")
        lines.append("Click for the Talks tab.")
        return lines


def targets_of(game: Game, option: int | None) -> list[Hit]:
    """What an order is aimed at, as the map's hits (none for an order aimed at nothing on it)."""
    if option is None:
        return []
    o = game.rules.options[option]
    target = game.rules.actions[o.action].target
    if o.region >= 0 and target in (Target.REGION, Target.TRACK, Target.ACTOR):
        return [("region", o.region)]
    if o.track >= 0:
        return [("track", o.track)]
    if o.target >= 0:
        return [("actor", o.target)]
    return []


# ---------------------------------------------------------------- helpers
def _fast(surf: pygame.Surface, alpha: bool) -> pygame.Surface:
    """The surface in the display's pixel format (quicker to draw every frame), where there is a display."""
    if pygame.display.get_surface() is None:
        return surf
    return surf.convert_alpha() if alpha else surf.convert()


def _add(p: tuple[int, int], q: tuple[int, int]) -> tuple[int, int]:
    return p[0] + q[0], p[1] + q[1]


def _arc(x1: float, x2: float, y: float, lift: float) -> list[tuple[float, float]]:
    return [(x1 + (x2 - x1) * (n / 24), y - lift * 4 * (n / 24) * (1 - n / 24)) for n in range(25)]


def _spread(boxes: list[pygame.Rect], bounds: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """The boxes pushed apart, as little as will do, where two would overlap (regions close together)."""
    boxes = [b.clamp(bounds) for b in boxes]
    for _ in range(60):
        moved = False
        for i, j in [(p, q) for p in range(len(boxes)) for q in range(p + 1, len(boxes))]:
            a, b = boxes[i], boxes[j]
            if not a.inflate(gap, gap).colliderect(b):
                continue
            dx = min(a.right, b.right) - max(a.left, b.left) + gap
            dy = min(a.bottom, b.bottom) - max(a.top, b.top) + gap
            if dy <= dx:
                step = (dy + 1) // 2 + 1
                sign = -1 if a.centery <= b.centery else 1
                a.y += sign * step
                b.y -= sign * step
            else:
                step = (dx + 1) // 2 + 1
                sign = -1 if a.centerx <= b.centerx else 1
                a.x += sign * step
                b.x -= sign * step
            a.clamp_ip(bounds)
            b.clamp_ip(bounds)
            moved = True
        if not moved:
            break
    return boxes


def _around(core: pygame.Rect, w: int, h: int, gap: int, step: int, rings: int) -> list[pygame.Rect]:
    """Candidate boxes of w × h around a core box, nearest first: below, above,
    right, left, then the corners, then the same further out."""
    out = []
    for k in range(rings):
        d = gap + k * step
        cx, cy = core.center
        out += [
            pygame.Rect(cx - w // 2, core.bottom + d, w, h),
            pygame.Rect(cx - w // 2, core.top - d - h, w, h),
            pygame.Rect(core.right + d, cy - h // 2, w, h),
            pygame.Rect(core.left - d - w, cy - h // 2, w, h),
            pygame.Rect(core.right + d - w // 3, core.bottom + d, w, h),
            pygame.Rect(core.left - d - 2 * w // 3, core.bottom + d, w, h),
            pygame.Rect(core.right + d - w // 3, core.top - d - h, w, h),
            pygame.Rect(core.left - d - 2 * w // 3, core.top - d - h, w, h),
        ]
    return out


def _best(
    cands: list[pygame.Rect],
    placed: list[pygame.Rect],
    bounds: pygame.Rect,
    others: list[pygame.Rect] | None = None,
    soft: list[pygame.Rect] | None = None,
) -> pygame.Rect:
    """The first candidate inside the bounds that covers nothing placed; else the one covering least.
    ``soft`` places are avoided too, but a candidate under one of them is taken before one covering a word."""
    obstacles = placed + (others or [])
    for c in cands:
        if bounds.contains(c) and c.collidelist(obstacles) < 0 and (not soft or c.collidelist(soft) < 0):
            return c
    if soft:
        for c in cands:
            if bounds.contains(c) and c.collidelist(obstacles) < 0:
                return c

    def cost(c: pygame.Rect) -> int:
        inside = c.clip(bounds)
        over = sum(c.clip(p).width * c.clip(p).height for p in obstacles)
        return 3 * over + 4 * (c.width * c.height - inside.width * inside.height)

    best = min(cands, key=cost)
    return best.clamp(bounds)


def _edge_point(box: pygame.Rect, towards: tuple[int, int]) -> tuple[int, int]:
    """Where the line from a box's centre towards a point leaves the box."""
    cx, cy = box.center
    dx, dy = towards[0] - cx, towards[1] - cy
    if dx == 0 and dy == 0:
        return box.center
    t = min(box.width / 2 / abs(dx) if dx else 1e9, box.height / 2 / abs(dy) if dy else 1e9)
    return round(cx + dx * t), round(cy + dy * t)


def _fill(surf: pygame.Surface, col: pygame.Color, shape_: list, hole_col: pygame.Color) -> None:
    for ext, holes in shape_:
        if len(ext) >= 3:
            pygame.draw.polygon(surf, col, ext)
        for h in holes:
            if len(h) >= 3:
                pygame.draw.polygon(surf, hole_col, h)


def _outline(
    surf: pygame.Surface, col: pygame.Color, shape_: list, width: int, offset: tuple[int, int] = (0, 0)
) -> None:
    ox, oy = offset
    for ext, holes in shape_:
        for ring in [ext, *holes]:
            if len(ring) >= 2:
                pts = [(x + ox, y + oy) for x, y in ring] if offset != (0, 0) else ring
                pygame.draw.lines(surf, col, True, pts, width)


def _arrow(
    surf: pygame.Surface,
    col: pygame.Color,
    a: tuple[int, int],
    b: tuple[int, int],
    width: int,
    dashed: bool = False,
    head: int = 10,
) -> None:
    """A gently curved arrow from a to b (dashed for talk and diplomacy)."""
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    cx, cy = mx - dy * 0.18, my + dx * 0.18
    pts = []
    for n in range(21):
        u = n / 20
        pts.append(
            (
                (1 - u) ** 2 * a[0] + 2 * (1 - u) * u * cx + u**2 * b[0],
                (1 - u) ** 2 * a[1] + 2 * (1 - u) * u * cy + u**2 * b[1],
            )
        )
    # stop short of the target's centre so the badge stays readable
    cut = max(1, round(20 * min(0.5, (head * 1.6) / length)))
    body = pts[: len(pts) - cut]
    if dashed:
        for n in range(0, len(body) - 1, 2):
            pygame.draw.line(surf, col, body[n], body[n + 1], width)
    elif len(body) >= 2:
        pygame.draw.lines(surf, col, False, body, width)
    tip = body[-1]
    px, py = body[-2] if len(body) >= 2 else a
    ang = math.atan2(tip[1] - py, tip[0] - px)
    left = (tip[0] - head * math.cos(ang - 0.45), tip[1] - head * math.sin(ang - 0.45))
    right = (tip[0] - head * math.cos(ang + 0.45), tip[1] - head * math.sin(ang + 0.45))
    pygame.draw.polygon(surf, col, [tip, left, right])


def draw_tooltip(surface: pygame.Surface, theme: Theme, lines: list[str], pos: tuple[int, int]) -> None:
    """A tooltip box near ``pos``, kept inside the window."""
    if not lines:
        return
    bold, body = theme.font("body", bold=True), theme.font("small")
    imgs = [bold.render(lines[0], True, theme.colour("text"))] + [
        body.render(t, True, theme.colour("text") if k < len(lines) - 2 else theme.colour("muted"))
        for k, t in enumerate(lines[1:])
    ]
    pad = theme.s(8)
    w = max(i.get_width() for i in imgs) + 2 * pad
    h = sum(i.get_height() for i in imgs) + 2 * pad
    r = pygame.Rect(pos[0] + theme.s(16), pos[1] + theme.s(16), w, h)
    sw, sh = surface.get_size()
    if r.right > sw - 4:
        r.right = pos[0] - theme.s(12)
    if r.bottom > sh - 4:
        r.bottom = pos[1] - theme.s(8)
    r.clamp_ip(surface.get_rect())
    pygame.draw.rect(surface, theme.colour("tooltip_bg"), r, border_radius=theme.s(5))
    pygame.draw.rect(surface, theme.colour("tooltip_border"), r, 1, border_radius=theme.s(5))
    y = r.y + pad
    for img in imgs:
        surface.blit(img, (r.x + pad, y))
        y += img.get_height()
