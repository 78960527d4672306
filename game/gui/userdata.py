"""Where the window keeps the player's data: settings and saved games.

``$BRINKMANSHIP_HOME`` if set, else ``$XDG_DATA_HOME/brinkmanship``, else
``~/.local/share/brinkmanship``. Saves go to its ``saves/`` folder: one
autosave per scenario (written after every turn), a quick save (F5/F9) and
the games saved by name from the menu.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import os
import re
import sys
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from game.session.files import FileProblem, clean_line, read_bounded, write_atomic
from game.session.game import Game
from game.session.save import MAX_SAVE_BYTES, SaveError, load_game, save

QUICKSAVE = "quicksave.json"
UI_SCALES = (0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0)
FRAME_CAPS = (30, 60, 120)
VOLUMES = tuple(range(0, 101, 10))
MAX_SETTINGS_BYTES = 64_000
LIMITS = {
    "ui_scale": (UI_SCALES[0], UI_SCALES[-1]),
    "fps": (1, 1000),
    "width": (320, 7680),
    "height": (240, 4320),
    "volume": (0, 100),
}
"""Ranges of the numeric settings: a window at most 8K, whatever the file says."""


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number in JSON")


def home() -> Path:
    env = os.environ.get("BRINKMANSHIP_HOME")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base / "brinkmanship"


def saves_dir() -> Path:
    return home() / "saves"


@dataclass
class Settings:
    ui_scale: float = 1.0
    fps: int = 60
    width: int = 1280
    height: int = 720
    fullscreen: bool = False
    report_after_turn: bool = True
    confirm_end_turn: bool = True
    highlight_changes: bool = True
    volume: int = 70
    """Loudness of the sound cues, 0–100 %."""
    muted: bool = False

    @classmethod
    def load(cls) -> "Settings":
        """The saved settings; a damaged or hostile file gives the defaults
        for the values it gets wrong, each named in one line on stderr."""
        path = home() / "settings.json"
        s = cls()
        if not path.exists():
            return s
        problems: list[str] = []
        raw: Any = None
        try:
            raw = json.loads(
                read_bounded(path, MAX_SETTINGS_BYTES, "settings file").decode("utf-8"), parse_constant=_no_constant
            )
        except (FileProblem, ValueError, RecursionError) as exc:
            problems.append(
                str(exc)
                if isinstance(exc, FileProblem)
                else f"{path}: error: not a settings file ({str(exc)[:120]}); using the defaults"
            )
        if raw is not None and not isinstance(raw, dict):
            problems.append(f"{path}: error: not a settings file (not a JSON object); using the defaults")
        elif isinstance(raw, dict):
            for f in fields(cls):
                if f.name not in raw:
                    continue
                v, default = raw[f.name], getattr(s, f.name)
                ok = (
                    isinstance(v, bool)
                    if isinstance(default, bool)
                    else (
                        isinstance(v, int | float)
                        and not isinstance(v, bool)
                        and math.isfinite(v)
                        and (isinstance(v, int) or isinstance(default, float))
                    )
                )
                if ok and f.name in LIMITS:
                    lo, hi = LIMITS[f.name]
                    ok = lo <= v <= hi
                if ok:
                    setattr(s, f.name, v)
                else:
                    problems.append(f"{path}: error: {f.name}: {str(v)[:40]} is not allowed; using {default}")
        s.ui_scale = min(max(float(s.ui_scale), UI_SCALES[0]), UI_SCALES[-1])
        s.fps = s.fps if s.fps in FRAME_CAPS else 60
        s.width, s.height = max(800, int(s.width)), max(560, int(s.height))
        for line in problems:
            print(clean_line(line), file=sys.stderr)
        return s

    def save(self) -> None:
        path = home() / "settings.json"
        try:
            write_atomic(path, json.dumps(asdict(self), indent=1, allow_nan=False) + "\n")
        except (OSError, ValueError):
            pass  # settings are a convenience; the game goes on without them


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    name: str
    scenario: str
    turn: int
    humans: tuple[str, ...]
    modified: _dt.datetime
    finished: bool = False
    """Whether every turn of the scenario has been played (``turn`` is then the last)."""
    error: str = ""
    """Why the file cannot be read as a save (empty if it can)."""

    @property
    def line(self) -> str:
        when = f"{self.modified:%d %b %H:%M}"
        if self.error:
            return f"⚠ {self.name} · cannot be read: {self.error} · {when}"
        who = ", ".join(self.humans) or "AI only"
        turn = f"finished after turn {self.turn}" if self.finished else f"turn {self.turn}"
        return f"{self.name} · {self.scenario} · {turn} · {who} · {when}"


@lru_cache(maxsize=32)
def _turn_limit(scenario_id: str) -> int | None:
    """The number of turns of a shipped scenario (None if it is not one)."""
    from game.scenario.errors import ScenarioError
    from game.scenario.loader import load, shipped

    if scenario_id not in {sid for sid, _ in shipped()}:
        return None
    try:
        return load(scenario_id).rules.turn_limit
    except ScenarioError:
        return None


def list_saves() -> list[SaveInfo]:
    """Saved games, newest first; a file that cannot be read is listed with why."""
    out = []
    folder = saves_dir()
    if not folder.is_dir():
        return []
    for p in folder.glob("*.json"):
        try:
            modified = _dt.datetime.fromtimestamp(p.stat().st_mtime)
        except OSError:
            continue  # gone since the folder was listed
        try:
            data: dict[str, Any] = json.loads(
                read_bounded(p, MAX_SAVE_BYTES, "save").decode("utf-8"), parse_constant=_no_constant
            )
            sc = str(data["scenario"]["id"])
            played = len(data.get("turns", []))
            humans = tuple(str(h) for h in data.get("humans", []))
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError, FileProblem) as exc:
            out.append(SaveInfo(p, p.stem, "", 0, (), modified, error=_why(exc)))
            continue
        limit = _turn_limit(sc)
        finished = limit is not None and played >= limit
        turn = limit if finished and limit is not None else played + 1
        out.append(SaveInfo(p, p.stem, sc, turn, humans, modified, finished))
    out.sort(key=lambda s: s.modified, reverse=True)
    return out


def _why(exc: BaseException) -> str:
    """One short line that says why a save cannot be read."""
    if isinstance(exc, KeyError):
        return f"not a save (no {exc.args[0]!s})"
    if isinstance(exc, json.JSONDecodeError):
        return f"damaged (not JSON: {exc.msg}, line {exc.lineno})"
    if isinstance(exc, UnicodeDecodeError):
        return "damaged (not text)"
    if isinstance(exc, FileProblem | OSError):
        return clean_line(str(exc).split(": error: ")[-1])[:80]
    return f"damaged ({clean_line(str(exc))[:60]})" if str(exc) else "damaged"


def autosave_path(game: Game) -> Path:
    return saves_dir() / f"autosave-{game.scenario.id}.json"


def named_path(game: Game) -> Path:
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return saves_dir() / f"{game.scenario.id}-turn{game.turn}-{stamp}.json"


def chosen_path(name: str) -> tuple[Path | None, str]:
    """The save file for a name the player typed, or None and why it cannot be one.
    Letters, digits, spaces, '-', '_' and '.' are kept; anything else becomes '-'."""
    clean = re.sub(r"[^\w .-]", "-", name.strip(), flags=re.ASCII)
    clean = re.sub(r"-{2,}", "-", clean).strip(" .-")[:60].rstrip(" .")
    if not clean:
        return None, "Type a name for the save (letters, digits, spaces, '-' or '_')."
    if clean.lower().endswith(".json"):
        clean = clean[:-5].rstrip(" .") or "save"
    return saves_dir() / f"{clean}.json", ""


def write(game: Game, path: Path) -> str:
    """Save; returns an error message, or an empty string."""
    try:
        save(game, path)
    except OSError as exc:
        return f"Could not save to {path}: {exc.strerror or exc}"
    return ""


def read(path: Path) -> tuple[Game | None, str]:
    try:
        return load_game(path), ""
    except SaveError as exc:
        return None, str(exc)
