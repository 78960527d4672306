"""The debrief report from the window: one HTML file next to the saves.

The same report as ``brinkmanship report SAVE``: the game's data gathered by
:func:`game.report.data.collect`, rendered by :func:`game.report.html.render`
and written atomically. It is named after the game (its save's name, or the
scenario and the seed), so writing it again later in the game replaces it.
The per-turn values can be exported too, as CSV files or JSON, into a folder
beside it.
"""

from __future__ import annotations

import subprocess
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.gui.screen import esc
from game.gui.userdata import QUICKSAVE, saves_dir
from game.report.data import Debrief, collect
from game.report.export import write_csv, write_json
from game.report.html import render
from game.session.game import Game
from game.session.save import write_atomic

if TYPE_CHECKING:
    from game.gui.screen import Overlay, Widgets


def game_name(game: Game, save_path: Path | None = None) -> str:
    """The game's name for its files: its own save's name if it has one (a
    branch, say), else the scenario and the seed (which identify a class's game)."""
    if save_path is not None and save_path.name != QUICKSAVE and not save_path.stem.startswith("autosave-"):
        return save_path.stem
    return f"{game.scenario.id}-seed{game.seed}"


def debrief_path(game: Game, save_path: Path | None = None) -> Path:
    return saves_dir() / f"{game_name(game, save_path)}-debrief.html"


def data_dir(game: Game, save_path: Path | None = None) -> Path:
    return saves_dir() / f"{game_name(game, save_path)}-data"


def _collect(game: Game, save_path: Path | None) -> Debrief:
    return collect(game, str(save_path) if save_path is not None else f"{game.scenario.id}, seed {game.seed}")


def write_debrief(game: Game, save_path: Path | None = None) -> tuple[Path, str]:
    """Write the debrief HTML; (its path, an error message or '')."""
    path = debrief_path(game, save_path)
    try:
        write_atomic(path, render(_collect(game, save_path)))
    except OSError as exc:
        return path, f"Could not write {path}: {exc.strerror or exc}"
    return path, ""


def export_csv(game: Game, save_path: Path | None = None) -> tuple[Path, str]:
    """Per-turn values of every actor, region and talks, and every order, as CSV files."""
    folder = data_dir(game, save_path)
    try:
        write_csv(_collect(game, save_path), folder)
    except OSError as exc:
        return folder, f"Could not write to {folder}: {exc.strerror or exc}"
    return folder, ""


def export_json(game: Game, save_path: Path | None = None) -> tuple[Path, str]:
    """The same values as one JSON file."""
    path = data_dir(game, save_path) / f"{game_name(game, save_path)}.json"
    try:
        write_json(_collect(game, save_path), path)
    except OSError as exc:
        return path, f"Could not write {path}: {exc.strerror or exc}"
    return path, ""


BROWSER_WAIT_S = 1.5
"""How long to wait for the command that opens a browser to say whether it failed."""


def open_in_browser(path: Path) -> bool:
    """Open the report in the system's browser; False if none could be started.
    A window nobody can see (SDL's dummy driver, in tests) opens no browser either."""
    if pygame.display.get_init() and pygame.display.get_driver() in ("dummy", "offscreen"):
        return False
    url = path.resolve().as_uri()
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False  # no browser known at all
    if isinstance(browser, webbrowser.GenericBrowser):
        # A command (xdg-open, a browser started in the background): it opened
        # something only if it is still running or ended without an error.
        cmd = [browser.name, *(a.replace("%s", url) for a in browser.args)]
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            return False
        try:
            return proc.wait(timeout=BROWSER_WAIT_S) == 0
        except subprocess.TimeoutExpired:
            return True  # the browser itself, still open
    try:
        return bool(browser.open(url))
    except webbrowser.Error:
        return False


def fill_debrief_window(
    screen: "Widgets",
    win: "Overlay",
    game: Game,
    save_path: Path | None,
    path: Path,
    message: str,
    reopen: Callable[[str], None],
) -> None:
    """The contents of the "debrief report written" window: where the file
    is, and buttons to open it and to export the values."""
    s = screen.s
    th = screen.app.theme
    cw, ch = win.get_container().get_rect().size
    muted, acc = th.hexcolour("muted"), th.hexcolour("accent")
    html = (
        f"<b>The debrief report is written to</b><br><font color='{acc}'>{esc(str(path))}</font><br><br>"
        f"<font color='{muted}'>One HTML file with nothing else needed: open it in any browser, project it or "
        "print it. It holds the outcome and scores, charts, "
        "the decisions that mattered most, the timeline, what the AI actors said, the facilitator's "
        "interventions and the discussion questions.</font>"
    )
    from game.session.facilitator import record_status

    status = record_status(game)
    if status.code != "none":
        colour = th.hexcolour("decrease") if status.trouble else muted
        html += f"<br><br><font color='{colour}'>{esc(status.text)}</font>"
    if message:
        html += f"<br><br>{esc(message)}"
    screen.textbox((0, 0, cw, ch - s(52)), html, container=win, ident="debrief_text")
    bw = (cw - 3 * s(6)) // 4

    def browse() -> None:
        reopen(
            "Opened in the browser."
            if open_in_browser(path)
            else f"No browser could be started: open the file yourself: {path}"
        )

    def csv() -> None:
        folder, err = export_csv(game, save_path)
        reopen(err or f"CSV files written to {folder}")

    def json() -> None:
        out, err = export_json(game, save_path)
        reopen(err or f"JSON written to {out}")

    specs = [
        ("Open in browser", browse, "primary"),
        ("Export CSV", csv, ""),
        ("Export JSON", json, ""),
        ("Close (Esc)", win.kill, ""),
    ]
    for k, (text, fn, cls) in enumerate(specs):
        screen.button(pygame.Rect(k * (bw + s(6)), ch - s(44), bw, s(40)), text, fn, container=win, cls=cls)
