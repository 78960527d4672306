"""Screenshots of the game screen of each shipped scenario, headless.

    python tools/screenshots.py OUT_DIR [--size 1280x720] [--scenario ID ...] [--turns N]

Each scenario is opened as its first role, the briefing closed, the first
legal order chosen and queued (so the orders show on the map) and the
window saved as OUT_DIR/SCENARIO.png.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("BRINKMANSHIP_HOME", "/tmp/brinkmanship-shots")

import pygame

from game.gui.app import App
from game.gui.userdata import Settings
from game.scenario.loader import load, shipped
from game.session.game import Game


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--scenario", nargs="*")
    ap.add_argument("--turns", type=int, default=0, help="turns to play (every role passing) before the picture")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    ids = args.scenario or [sid for sid, _ in shipped()]
    for sid in ids:
        sc = load(sid)
        game = Game.new(sc, 1, [sc.rules.roles[0].actor])
        for _ in range(args.turns):
            game.end_turn()
        app = App(game, settings=Settings(), size=(w, h))
        app.step([])
        scr = app.screen
        scr.close_overlay()
        views = [v for v in scr.options() if v.legal]
        if views:
            target = next((v for v in views if game.rules.options[v.option].region >= 0), views[0])
            scr.select_option(target.option)
            scr.queue_selected()
            other = next((v for v in scr.options() if v.legal and v.option != target.option), None)
            if other is not None:
                scr.select_option(other.option)
        for _ in range(3):
            app.dirty = True
            app.step([])
        pygame.image.save(app.surface, str(args.out / f"{sid}.png"))
        scr.leave()
        print(args.out / f"{sid}.png", file=sys.stderr)
    pygame.quit()


if __name__ == "__main__":
    main()
