"""The colour-blind-safe Okabe–Ito palette, one copy for the whole game:
``assets/palette.json`` (the window's theme reads the same file)."""

from __future__ import annotations

import functools
import json


@functools.lru_cache(maxsize=1)
def okabe_ito() -> tuple[str, ...]:
    """The palette's eight colours, as "#RRGGBB"."""
    from game.scenario.loader import assets_dir  # the loader imports the compiler, which needs the palette

    doc = json.loads((assets_dir() / "palette.json").read_text(encoding="utf-8"))
    return tuple(str(c).upper() for c in doc["okabe_ito"])
