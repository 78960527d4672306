"""The map: regions, who holds them, forces, peacekeepers and the talks.

Regions are discs at their scenario position, filled by stability on a
colour-blind-safe sequential scale (cividis) with a legend, ringed in the
colour of the actor that controls them. Forces and peacekeepers are chips
beside the disc (colour *and* name *and* number). Actors sit in a strip along
the bottom; negotiation tracks are arcs between the two parties, thicker as
talks progress. The static picture is cached and redrawn only on change;
after a turn, the regions where something changed are ringed for a moment.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import pygame

from game.core.spec import TrackStatus
from game.gui.theme import Theme
from game.session.fmt import arrow
from game.session.game import Game

Hit = tuple[str, int]
FLASH_S = 0.6
"""How long the rings around the regions that changed last turn last."""
STATUS_WORD = {
    TrackStatus.INACTIVE: "not open",
    TrackStatus.OPEN: "open",
    TrackStatus.AGREED: "agreed",
    TrackStatus.BROKEN: "broken off",
}


@dataclass
class _Spot:
    kind: str
    index: int
    rect: pygame.Rect
    centre: tuple[int, int] = (0, 0)
    radius: int = 0


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
        self.cache: pygame.Surface | None = None
        self.spots: list[_Spot] = []
        self.selected: Hit | None = None
        self.centres: list[tuple[int, int]] = []
        self.radii: list[int] = []
        self.badges: list[tuple[int, int]] = []
        self.flash_regions: list[int] = []
        self.flash_start = -1.0

    # ------------------------------------------------------------ geometry
    def layout(self, rect: pygame.Rect) -> None:
        self.rect = pygame.Rect(rect)
        self.invalidate()

    def invalidate(self) -> None:
        self.cache = None

    def s(self, px: float) -> int:
        return self.theme.s(px * (0.8 if self.compact else 1.0))

    @property
    def dense(self) -> bool:
        """A small map: labels give names only and chips the counts (hover for the rest)."""
        return not self.compact and (self.rect.width < self.s(560) or self.rect.height < self.s(420))

    def _geometry(self) -> None:
        r = self.game.rules
        strip = self.s(112) if self.show_actors and not self.compact else 0
        area = pygame.Rect(0, 0, self.rect.width, self.rect.height - strip)
        mx, my = self.s(70), self.s(40)
        inner = area.inflate(-2 * mx, -2 * my)
        inner.y = my + (self.s(40) if not self.compact else 0)
        inner.height = max(10, area.height - inner.y - my)
        base = min(inner.width, inner.height)
        self.centres = [
            (inner.x + round(reg.pos[0] * inner.width), inner.y + round(reg.pos[1] * inner.height)) for reg in r.regions
        ]
        self.radii = [max(self.s(16), round(reg.radius * base * 1.15)) for reg in r.regions]
        self.badges = []
        if strip:
            n = r.n_actors
            y = self.rect.height - self.s(34)
            step = self.rect.width / n
            self.badges = [(round(step * (k + 0.5)), y) for k in range(n)]

    # ------------------------------------------------------------ drawing
    def _render(self) -> pygame.Surface:
        th, g, r = self.theme, self.game, self.game.rules
        s = g.state
        surf = pygame.Surface(self.rect.size)
        surf.fill(th.colour("map_background"))
        self._geometry()
        self.spots = []
        grid = th.colour("map_grid")
        step = self.s(48)
        for x in range(0, self.rect.width, step):
            pygame.draw.line(surf, grid, (x, 0), (x, self.rect.height))
        for y in range(0, self.rect.height, step):
            pygame.draw.line(surf, grid, (0, y), (self.rect.width, y))
        # neighbour links
        link = th.colour("link")
        for i, reg in enumerate(r.regions):
            for j in reg.neighbours:
                if j > i:
                    pygame.draw.line(surf, link, self.centres[i], self.centres[j], self.s(2))
        # regions
        small = th.font("small" if not self.compact else 12)
        bold = th.font("label" if not self.compact else 13, bold=True)
        for i in range(r.n_regions):
            cx, cy = self.centres[i]
            rad = self.radii[i]
            stab = float(s.stability[0, i])
            fill = th.stability_colour(stab)
            ctrl = int(s.control[0, i])
            ring = th.actor_colour(r.actors[ctrl].colour, ctrl)
            pygame.draw.circle(surf, ring, (cx, cy), rad + self.s(5))
            pygame.draw.circle(surf, th.colour("map_background"), (cx, cy), rad + self.s(1))
            pygame.draw.circle(surf, fill, (cx, cy), rad)
            ink = th.ink_on(fill)
            num = bold.render(f"{stab:.0f}", True, ink)
            surf.blit(num, num.get_rect(center=(cx, cy - (self.s(7) if s.crisis[0, i] else 0))))
            if s.crisis[0, i]:
                warn = small.render("⚠ crisis", True, ink)
                surf.blit(warn, warn.get_rect(center=(cx, cy + self.s(10))))
        discs = [
            pygame.Rect(c[0] - rd - self.s(5), c[1] - rd - self.s(5), 2 * (rd + self.s(5)), 2 * (rd + self.s(5)))
            for c, rd in zip(self.centres, self.radii)
        ]
        # Chips keep clear of the discs and of each other; labels keep clear of all three.
        bounds = pygame.Rect(
            0, 0, self.rect.width, (self.badges[0][1] - self.s(30)) if self.badges else self.rect.height
        )
        placed: list[pygame.Rect] = []
        chips: list[list[tuple[int, pygame.Surface, bool, pygame.Rect]]] = []
        for i in range(r.n_regions):
            chips.append(
                [] if self.compact else self._chip_layout(i, *self.centres[i], self.radii[i], discs, placed, bounds)
            )
            placed += [box for *_, box in chips[i]]
        for i, reg in enumerate(r.regions):
            cx, cy = self.centres[i]
            rad = self.radii[i]
            stab = float(s.stability[0, i])
            ctrl = int(s.control[0, i])
            ring = th.actor_colour(r.actors[ctrl].colour, ctrl)
            # labels go over every disc, so a neighbour never hides them
            # On a small map, "Srebrenica and Žepa" is labelled "Srebrenica" (the tooltip has it all).
            lines = [(reg.name.split(" and ")[0] if self.dense else reg.name, bold, th.colour("text"))]
            if not self.compact and not self.dense:
                d = g.delta("stability", i)
                sub = f"stability {stab:.0f} {arrow(d)}".rstrip()
                lines.append((sub, small, th.colour("muted")))
                if ctrl != reg.owner:
                    lines.append((f"held by {r.actors[ctrl].short or r.actors[ctrl].name}", small, ring))
            imgs = [(font.render(text, True, col)) for text, font, col in lines]
            block_w = max(img.get_width() for img in imgs) + self.s(8)
            block_h = sum(img.get_height() for img in imgs) + self.s(2)
            block = self._label_place(i, cx, cy, rad, block_w, block_h, discs, placed, surf.get_rect())
            placed.append(block)
            y = block.y + self.s(1)
            label_rect = pygame.Rect(block.centerx, y, 0, 0)
            for img in imgs:
                rr = img.get_rect(midtop=(block.centerx, y))
                bg = rr.inflate(self.s(8), self.s(2))
                pygame.draw.rect(surf, th.colour("map_background"), bg, border_radius=self.s(3))
                surf.blit(img, rr)
                label_rect = label_rect.union(bg) if label_rect.width else bg
                y += img.get_height()
            box = pygame.Rect(cx - rad, cy - rad, 2 * rad, 2 * rad).union(label_rect)
            self.spots.append(
                _Spot("region", i, box.move(self.rect.topleft), (cx + self.rect.x, cy + self.rect.y), rad)
            )
            if not self.compact:
                self._chips(surf, chips[i])
        if self.badges:
            self._actors(surf)
        if not self.compact:
            self._legend(surf)
        return surf

    def _label_place(
        self,
        i: int,
        cx: int,
        cy: int,
        rad: int,
        w: int,
        h: int,
        discs: list[pygame.Rect],
        placed: list[pygame.Rect],
        bounds: pygame.Rect,
    ) -> pygame.Rect:
        """Where a region's label covers least: below, above, right or left of its disc."""
        gap = self.s(8)
        candidates = [
            pygame.Rect(cx - w // 2, cy + rad + gap, w, h),
            pygame.Rect(cx - w // 2, cy - rad - gap - h, w, h),
            pygame.Rect(cx + rad + gap, cy - h // 2, w, h),
            pygame.Rect(cx - rad - gap - w, cy - h // 2, w, h),
        ]

        best = min(
            range(len(candidates)),
            key=lambda k: (_cover(candidates[k], i, discs, placed, bounds, own=0, other=1, outside=3), k),
        )
        return candidates[best]

    def _chip_layout(
        self,
        i: int,
        cx: int,
        cy: int,
        rad: int,
        discs: list[pygame.Rect],
        placed: list[pygame.Rect],
        bounds: pygame.Rect,
    ) -> list[tuple[int, pygame.Surface, bool, pygame.Rect]]:
        """Each force and peacekeeper chip of a region (actor, text, peacekeeping?,
        box), stacked on the side of its disc where they cover least. Where the
        stack would not fit beside the disc, one chip per kind gives the count
        (the tooltip lists them)."""
        th, r, s = self.theme, self.game.rules, self.game.state
        font = th.font("small")
        forces = [(a, float(s.forces[0, a, i])) for a in range(r.n_actors) if s.forces[0, a, i] >= 0.5]
        keepers = [(a, float(s.peacekeepers[0, a, i])) for a in range(r.n_actors) if s.peacekeepers[0, a, i] >= 0.5]
        h = font.get_linesize() + self.s(2)

        def who(a: int) -> str:
            return r.actors[a].short or r.actors[a].name

        chips = [(a, f"■ {who(a)} {f:.0f}", False) for a, f in forces]
        chips += [(a, f"◆ {who(a)} {p:.0f}", True) for a, p in keepers]
        if self.dense:
            # A small map: one neutral chip with the counts.
            text = "  ".join(t for t, n in ((f"■{len(forces)}", forces), (f"◆{len(keepers)}", keepers)) if n)
            chips = [(-1, text, False)] if text else []
        elif len(chips) * (h + self.s(2)) > max(2 * rad + self.s(40), bounds.height // 3):
            chips = []
            if forces:
                top = max(forces, key=lambda x: x[1])[0]
                chips.append(
                    (
                        top,
                        f"■ forces of {len(forces)}" if len(forces) > 1 else f"■ {who(top)} {forces[0][1]:.0f}",
                        False,
                    )
                )
            if keepers:
                top = max(keepers, key=lambda x: x[1])[0]
                chips.append(
                    (
                        top,
                        f"◆ peacekeepers of {len(keepers)}"
                        if len(keepers) > 1
                        else f"◆ {who(top)} {keepers[0][1]:.0f}",
                        True,
                    )
                )
        if not chips:
            return []
        imgs = [(a, font.render(t, True, th.ink_on(self._chip_colour(a))), pk) for a, t, pk in chips]
        width = max(img.get_width() for _, img, _ in imgs) + self.s(10)
        height = len(imgs) * (h + self.s(2))
        gap = self.s(10)
        corners = [
            (cx + rad + gap, cy - rad),  # right of the disc, from its top
            (cx - rad - gap - width, cy - rad),  # left
            (cx + rad + gap, cy - height // 2),  # right, centred
            (cx - rad - gap - width, cy - height // 2),  # left, centred
            (cx - width // 2, cy - rad - gap - height),  # above
            (cx - width // 2, cy + rad + gap),  # below
        ]

        x, y = min(
            corners,
            key=lambda c: (
                _cover(pygame.Rect(*c, width, height), i, discs, placed, bounds, own=50, other=3, outside=4),
                corners.index(c),
            ),
        )
        out = []
        for a, img, pk in imgs:
            out.append((a, img, pk, pygame.Rect(x, y, img.get_width() + self.s(10), h)))
            y += h + self.s(2)
        return out

    def _chip_colour(self, a: int) -> pygame.Color:
        th = self.theme
        return th.colour("panel") if a < 0 else th.actor_colour(self.game.rules.actors[a].colour, a)

    def _chips(self, surf: pygame.Surface, chips: list[tuple[int, pygame.Surface, bool, pygame.Rect]]) -> None:
        th = self.theme
        for a, img, pk, box in chips:
            col = self._chip_colour(a)
            pygame.draw.rect(surf, col, box, border_radius=self.s(4))
            if pk:
                pygame.draw.rect(surf, th.colour("peacekeeper"), box, self.s(2), border_radius=self.s(4))
            elif a < 0:
                pygame.draw.rect(surf, th.colour("border"), box, 1, border_radius=self.s(4))
            surf.blit(img, (box.x + self.s(5), box.y + self.s(1)))

    def _actors(self, surf: pygame.Surface) -> None:
        th, g, r = self.theme, self.game, self.game.rules
        s = g.state
        font = th.font("small")
        top = self.rect.height - self.s(112)
        pygame.draw.line(surf, th.colour("border"), (0, top), (self.rect.width, top))
        # talks as arcs between the parties
        labels: list[pygame.Rect] = []
        for k, t in enumerate(r.tracks):
            a, b = t.parties
            (x1, y1), (x2, _) = self.badges[a], self.badges[b]
            status = TrackStatus(int(s.track_status[0, k]))
            col = th.colour(
                {
                    TrackStatus.INACTIVE: "track_inactive",
                    TrackStatus.OPEN: "track_open",
                    TrackStatus.AGREED: "track_agreed",
                    TrackStatus.BROKEN: "track_broken",
                }[status]
            )
            prog = float(s.progress[0, k])
            width = max(1, self.s(2 + prog / 100 * 8))
            lift = self.s(30) + self.s(10) * (k % 3)
            pts = []
            for n in range(25):
                u = n / 24
                x = x1 + (x2 - x1) * u
                y = y1 - self.s(16) - lift * 4 * u * (1 - u)
                pts.append((x, y))
            if status in (TrackStatus.INACTIVE, TrackStatus.BROKEN):
                for n in range(0, len(pts) - 1, 2):
                    pygame.draw.line(surf, col, pts[n], pts[n + 1], width)
            else:
                pygame.draw.lines(surf, col, False, pts, width)
            mid = pts[12]
            word = {
                TrackStatus.INACTIVE: "",
                TrackStatus.OPEN: f" {prog:.0f}%",
                TrackStatus.AGREED: " ✓ agreed",
                TrackStatus.BROKEN: " ✕ broken",
            }[status]
            img = font.render(f"{t.name}{word}", True, col)
            rr = img.get_rect(midbottom=(round(mid[0]), round(mid[1]) - self.s(2)))
            rr.clamp_ip(pygame.Rect(0, top, self.rect.width, self.rect.height - top))
            for _ in range(len(labels) + 1):
                hit = next((o for o in labels if rr.colliderect(o.inflate(self.s(6), self.s(2)))), None)
                if hit is None:
                    break
                rr.x = hit.right + self.s(10)  # side by side, never on top of each other

            pygame.draw.rect(surf, th.colour("map_background"), rr.inflate(self.s(6), 0), border_radius=self.s(3))
            surf.blit(img, rr)
            labels.append(rr)
            self.spots.append(_Spot("track", k, rr.move(self.rect.topleft)))
        rad = self.s(11)
        for a, (x, y) in enumerate(self.badges):
            col = th.actor_colour(r.actors[a].colour, a)
            if a == self.player:
                pygame.draw.circle(surf, th.colour("accent"), (x, y), rad + self.s(4))
            pygame.draw.circle(surf, col, (x, y), rad)
            name = (r.actors[a].short or r.actors[a].name) + (" ★" if a == self.player else "")
            img = font.render(name, True, th.colour("accent") if a == self.player else th.colour("text"))
            rr = img.get_rect(midtop=(x, y + rad + self.s(3)))
            surf.blit(img, rr)
            mark = ""
            if s.un_sanctions[0, a]:
                mark += "$"
            if s.condemned[0, a]:
                mark += "!"
            if mark:
                m = font.render(mark, True, th.ink_on(col))
                surf.blit(m, m.get_rect(center=(x, y)))
            self.spots.append(
                _Spot(
                    "actor",
                    a,
                    pygame.Rect(
                        x - rad - self.s(6),
                        y - rad - self.s(4),
                        2 * rad + self.s(12),
                        rad * 2 + self.s(8) + img.get_height(),
                    )
                    .union(rr)
                    .move(self.rect.topleft),
                    (x + self.rect.x, y + self.rect.y),
                    rad,
                )
            )

    def _legend(self, surf: pygame.Surface) -> None:
        th = self.theme
        font = th.font("small")
        x, y = self.s(10), self.s(8)
        w, h = self.s(150), self.s(12)
        title = font.render("Stability", True, th.colour("muted"))
        surf.blit(title, (x, y))
        bx = x + title.get_width() + self.s(8)
        for k in range(w):
            pygame.draw.line(
                surf, th.stability_colour(100 * k / (w - 1)), (bx + k, y + self.s(3)), (bx + k, y + self.s(3) + h)
            )
        pygame.draw.rect(surf, th.colour("border"), (bx - 1, y + self.s(2), w + 2, h + 2), 1)
        lo, hi = font.render("0", True, th.colour("muted")), font.render("100", True, th.colour("muted"))
        surf.blit(lo, (bx, y + h + self.s(5)))
        surf.blit(hi, (bx + w - hi.get_width(), y + h + self.s(5)))
        kx = bx + w + self.s(14)
        for n, text in enumerate(
            ("ring = who holds it   ■ forces   ◆ peacekeepers", "⚠ crisis   arcs below: talks, thicker = further on")
        ):
            surf.blit(font.render(text, True, th.colour("muted")), (kx, y + n * font.get_linesize()))

    def flash(self, regions: list[int]) -> None:
        """Ring the given regions briefly: what changed in the turn just played."""
        self.flash_regions = list(regions)
        self.flash_start = time.perf_counter() if regions else -1.0

    def flashing(self) -> bool:
        return self.flash_start >= 0 and time.perf_counter() - self.flash_start < FLASH_S

    def _draw_flash(self, surface: pygame.Surface) -> None:
        t = (time.perf_counter() - self.flash_start) / FLASH_S
        if t >= 1.0:
            self.flash_start = -1.0
            return
        col = self.theme.colour("accent").lerp(self.theme.colour("map_background"), t)
        for i in self.flash_regions:
            if i >= len(self.centres):
                continue
            cx, cy = self.centres[i]
            rad = self.radii[i] + self.s(9) + round(t * self.s(14))
            pygame.draw.circle(surface, col, (cx + self.rect.x, cy + self.rect.y), rad, self.s(3))

    def draw(self, surface: pygame.Surface, hover: Hit | None = None) -> None:
        if self.cache is None or self.cache.get_size() != self.rect.size:
            self.cache = self._render()
        surface.blit(self.cache, self.rect)
        if self.flash_start >= 0:
            self._draw_flash(surface)
        for hit, col, width in (
            (self.selected, self.theme.colour("accent"), self.s(3)),
            (hover, self.theme.colour("hover"), self.s(2)),
        ):
            if hit is None:
                continue
            spot = self.spot(hit)
            if spot is None:
                continue
            if spot.radius:
                pygame.draw.circle(
                    surface, col, spot.centre, spot.radius + self.s(9 if spot.kind == "region" else 6), width
                )
            else:
                pygame.draw.rect(surface, col, spot.rect.inflate(self.s(6), self.s(4)), width, border_radius=self.s(4))

    def spot(self, hit: Hit) -> _Spot | None:
        for sp in self.spots:
            if (sp.kind, sp.index) == hit:
                return sp
        return None

    def hit(self, pos: tuple[int, int]) -> Hit | None:
        if not self.rect.collidepoint(pos):
            return None
        if self.cache is None:
            self.cache = self._render()
        best: tuple[float, Hit] | None = None
        for sp in self.spots:
            if sp.kind == "region":
                d = math.dist(pos, sp.centre)
                if d <= sp.radius + self.s(6) or sp.rect.collidepoint(pos):
                    if best is None or d < best[0]:
                        best = (d, (sp.kind, sp.index))
            elif sp.rect.collidepoint(pos):
                return (sp.kind, sp.index)
        return best[1] if best else None

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
            lines.append(
                f"Held by {r.actors[ctrl].name}"
                + ("" if ctrl == reg.owner else f" · belongs to {r.actors[reg.owner].name}")
            )
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


def _cover(
    box: pygame.Rect,
    i: int,
    discs: list[pygame.Rect],
    placed: list[pygame.Rect],
    bounds: pygame.Rect,
    own: int,
    other: int,
    outside: int,
) -> int:
    """How badly a label or chip stack at ``box`` covers the map: area over
    region ``i``'s own disc, over other discs, over things already placed
    (weight 2) and outside the map, each with its weight."""
    area = 0
    for j, d in enumerate(discs):
        c = box.clip(d)
        area += (own if j == i else other) * c.width * c.height
    for p in placed:
        c = box.clip(p)
        area += 2 * c.width * c.height
    inside = box.clip(bounds)
    return area + outside * (box.width * box.height - inside.width * inside.height)


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
