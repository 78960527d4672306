"""Colours, fonts and the widget theme, read from ``assets/`` and scaled.

``theme.json`` styles the pygame_gui widgets; ``palette.json`` holds the
colours the game draws itself (the map, the charts, the stability scale).
Both are data: no colour is written in the screens' code. The UI-scale
setting multiplies every font size and the few pixel sizes in the theme.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pygame

from game.scenario.loader import assets_dir

SCALED_MISC = ("list_item_height", "title_bar_height")
ELEMENTS = (
    "button",
    "label",
    "text_box",
    "text_entry_line",
    "drop_down_menu",
    "selection_list",
    "tool_tip",
    "window",
    "panel",
    "scrolling_container",
    "horizontal_slider",
    "image",
)
"""Widget types that get the default font (pygame_gui's "defaults" block sets only colours)."""

# Font sizes, in unscaled pixels, of the text the game draws itself.
SIZES = {"small": 14, "body": 15, "label": 15, "heading": 17, "title": 26, "big": 20}


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


@lru_cache(maxsize=4)
def _read_json(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def luminance(c: pygame.Color) -> float:
    """Relative luminance (WCAG) of a colour, 0 (black) to 1 (white)."""

    def ch(v: int) -> float:
        x = v / 255.0
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)


class Theme:
    """The look of the game at one UI scale."""

    def __init__(self, scale: float = 1.0) -> None:
        self.scale = float(scale)
        self.palette: dict[str, Any] = _read_json(str(asset("palette.json")))
        self._fonts: dict[tuple[int, bool, bool], pygame.font.Font] = {}
        self._scale_stops = [pygame.Color(c) for c in self.palette["stability_scale"]]

    # ------------------------------------------------------------ sizes
    def s(self, px: float) -> int:
        """A length in pixels at this UI scale."""
        return max(1, round(px * self.scale))

    # ------------------------------------------------------------ widget theme
    def ui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme with absolute font paths and scaled sizes."""
        data = copy.deepcopy(_read_json(str(asset("theme.json"))))
        default_font = data["defaults"]["font"]
        for element in ELEMENTS:
            data.setdefault(element, {})
        for name, block in data.items():
            if isinstance(block, dict) and name != "defaults" and "font" not in block:
                block["font"] = dict(default_font)
        for block in data.values():
            if not isinstance(block, dict):
                continue
            font = block.get("font")
            if isinstance(font, dict):
                if "size" in font:
                    font["size"] = str(self.s(int(font["size"])))
                for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
                    if key in font:
                        font[key] = str(asset(*font[key].split("/")))
            misc = block.get("misc")
            if isinstance(misc, dict):
                for key in SCALED_MISC:
                    if key in misc:
                        misc[key] = str(self.s(int(misc[key])))
        return data

    def font_sizes(self) -> list[int]:
        """Every font size the widget theme uses (for preloading)."""
        data = self.ui_theme()
        sizes = {
            int(b["font"]["size"])
            for b in data.values()
            if isinstance(b, dict) and isinstance(b.get("font"), dict) and "size" in b["font"]
        }
        return sorted(sizes)

    def html_heading(self, text: str, size: str = "big") -> str:
        """Markup for a heading inside a text box, scaled like everything else."""
        return f"<font face='dejavu' pixel_size={self.s(SIZES[size])}><b>{text}</b></font>"

    # ------------------------------------------------------------ colours
    def colour(self, name: str) -> pygame.Color:
        return pygame.Color(self.palette[name])

    def hexcolour(self, name: str) -> str:
        return str(self.palette[name])[:7]

    def stability_colour(self, value: float) -> pygame.Color:
        """The colour-blind-safe sequential scale (cividis), 0..100."""
        stops = self._scale_stops
        x = min(max(value, 0.0), 100.0) / 100.0 * (len(stops) - 1)
        i = min(int(x), len(stops) - 2)
        return stops[i].lerp(stops[i + 1], x - i)

    def actor_colour(self, spec_colour: str, index: int) -> pygame.Color:
        if spec_colour:
            try:
                return pygame.Color(spec_colour)
            except ValueError:
                pass
        pal = self.palette["actor_palette"]
        return pygame.Color(pal[index % len(pal)])

    def ink_on(self, bg: pygame.Color) -> pygame.Color:
        """Black or white text, whichever reads better on ``bg``."""
        return pygame.Color(0, 0, 0) if luminance(bg) > 0.22 else pygame.Color(255, 255, 255)

    def delta_colour(self, d: float) -> pygame.Color:
        return self.colour("increase") if d > 0 else self.colour("decrease")

    # ------------------------------------------------------------ fonts
    def font(self, size: str | int = "body", bold: bool = False, italic: bool = False) -> pygame.font.Font:
        px = self.s(SIZES[size] if isinstance(size, str) else size)
        key = (px, bold, italic)
        f = self._fonts.get(key)
        if f is None:
            name = (
                "DejaVuSans"
                + ("-Bold" if bold else "")
                + ("Oblique" if italic and bold else "-Oblique" if italic else "")
            )
            f = pygame.font.Font(str(asset("fonts", name + ".ttf")), px)
            self._fonts[key] = f
        return f
