"""Line charts of values over the turns so far, drawn with pygame.

Every line ends in a label with its name and last value, so lines are told
apart by words as well as colour. The player's line is drawn thicker.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.gui.theme import Theme


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]
    colour: pygame.Color
    emphasis: bool = False


def draw_chart(
    theme: Theme,
    size: tuple[int, int],
    series: list[Series],
    title: str,
    lo: float = 0.0,
    hi: float = 100.0,
    first_turn: int = 1,
) -> pygame.Surface:
    """A chart of ``series`` (index 0 is ``first_turn``) on a surface of ``size``."""
    w, h = max(size[0], 80), max(size[1], 60)
    surf = pygame.Surface((w, h))
    surf.fill(theme.colour("map_background"))
    font = theme.font("small")
    s = theme.s
    label_w = max((font.size(f"{x.name} {x.values[-1]:.0f}")[0] for x in series if x.values), default=0) + s(16)
    label_w = min(label_w, w // 3)
    plot = pygame.Rect(s(44), s(30), w - s(44) - label_w - s(8), h - s(30) - s(34))
    surf.blit(theme.font("body", bold=True).render(title, True, theme.colour("text")), (s(8), s(4)))
    n = max((len(x.values) for x in series), default=1)
    span = hi - lo or 1.0

    def pt(k: int, v: float) -> tuple[int, int]:
        x = plot.x + (plot.width * k / (n - 1) if n > 1 else plot.width / 2)
        y = plot.bottom - (min(max(v, lo), hi) - lo) / span * plot.height
        return round(x), round(y)

    for frac in (0.0, 0.25, 0.5, 0.75, 1.0):
        v = lo + span * frac
        y = round(plot.bottom - frac * plot.height)
        pygame.draw.line(surf, theme.colour("map_grid"), (plot.x, y), (plot.right, y))
        img = font.render(f"{v:.0f}", True, theme.colour("muted"))
        surf.blit(img, img.get_rect(midright=(plot.x - s(6), y)))
    ticks = max(1, n // 10 + (1 if n % 10 else 0))
    for k in range(0, n, ticks):
        x, _ = pt(k, lo)
        pygame.draw.line(surf, theme.colour("border"), (x, plot.bottom), (x, plot.bottom + s(4)))
        img = font.render(str(first_turn + k), True, theme.colour("muted"))
        surf.blit(img, img.get_rect(midtop=(x, plot.bottom + s(5))))
    cap = font.render("turn", True, theme.colour("dim"))
    surf.blit(cap, cap.get_rect(bottomright=(plot.right, h - s(2))))
    pygame.draw.rect(surf, theme.colour("border"), plot, 1)
    ends: list[tuple[int, Series]] = []
    for x in sorted(series, key=lambda x: x.emphasis):
        if not x.values:
            continue
        pts = [pt(k, v) for k, v in enumerate(x.values)]
        width = s(4) if x.emphasis else s(2)
        if len(pts) > 1:
            pygame.draw.lines(surf, x.colour, False, pts, width)
        for p in pts:
            pygame.draw.circle(surf, x.colour, p, width + 1)
        ends.append((pts[-1][1], x))
    # end labels, pushed apart so they never overlap
    lh = font.get_linesize()
    ends.sort(key=lambda e: e[0])
    placed: list[int] = []
    for y, _ in ends:
        y = max(y - lh // 2, plot.y - lh // 2)
        if placed and y < placed[-1] + lh:
            y = placed[-1] + lh
        placed.append(y)
    overflow = (placed[-1] + lh - h) if placed else 0
    if overflow > 0:
        placed = [y - overflow for y in placed]
    for (y0, x), y in zip(ends, placed):
        lx = plot.right + s(10)
        pygame.draw.line(surf, x.colour, (plot.right + 1, y0), (lx - 2, y + lh // 2))
        text = end_label(x.name, x.values[-1], font, label_w - s(12))
        img = font.render(text, True, x.colour)  # the colour of its own line
        surf.blit(img, (lx, y))
    return surf


def end_label(name: str, value: float, font: pygame.font.Font, width: int) -> str:
    """'Saudi Arabia 100', its name shortened with '…' to fit ``width``; the
    value alone if even one letter of the name does not fit."""
    number = f"{value:.0f}"
    text = f"{name} {number}"
    while font.size(text)[0] > width and name:
        name = name[:-1].rstrip()
        text = f"{name}… {number}" if name else number
    return text
