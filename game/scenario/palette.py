"""The game's colours for actors, one copy for the whole game:
``assets/palette.json`` (the window's theme reads the same file).

Every actor of a scenario gets a colour of the actor palette, chosen to be
told apart from the others (and from the player's accent) also by players
with a colour-vision deficiency. A scenario's own ``colour`` is a wish: the
actor gets the palette colour nearest to it (CIEDE2000) that no earlier
actor has taken.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from coloraide import Color


@functools.lru_cache(maxsize=1)
def _palette() -> dict[str, Any]:
    from game.scenario.loader import assets_dir  # the loader imports the compiler, which needs the palette

    return json.loads((assets_dir() / "palette.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def okabe_ito() -> tuple[str, ...]:
    """The Okabe–Ito palette's eight colours, as "#RRGGBB"."""
    return tuple(str(c).upper() for c in _palette()["okabe_ito"])


@functools.lru_cache(maxsize=1)
def actor_palette() -> tuple[str, ...]:
    """The colours actors are drawn in, as "#RRGGBB"."""
    return tuple(str(c).upper() for c in _palette()["actor_palette"])


def distance(a: str, b: str) -> float:
    """The perceptual difference (CIEDE2000) of two "#rrggbb" colours."""
    return float(Color(a).delta_e(Color(b), method="2000"))


def actor_colours(wanted: list[str | None]) -> list[str]:
    """A colour of the actor palette for each actor, in order: the nearest
    to the one it asks for (its place in the palette if it asks for none)
    among those no earlier actor has; past the palette's size, round again."""
    pal = actor_palette()
    out: list[str] = []
    for i, w in enumerate(wanted):
        used = out[len(out) - len(out) % len(pal) :]  # the colours taken in this round of the palette
        free = [c for c in pal if c not in used]
        if w:
            out.append(min(free, key=lambda c: distance(w, c)))
        else:
            out.append(pal[i % len(pal)] if pal[i % len(pal)] in free else free[0])
    return out
