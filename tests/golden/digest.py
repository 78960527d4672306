"""Digest of a game's state, and the script that writes the golden replays.

Run ``python tests/golden/digest.py`` to regenerate the golden files after a
deliberate change to the rules or the shipped scenarios (the golden test
then tells you the scenario changed).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
CASES = {
    # name: (scenario, seed, human roles, scripted human orders per turn)
    "tutorial-seed7": (
        "tutorial",
        7,
        ["southland"],
        {
            1: ["humanitarian harbour", "summit un"],
            2: ["open_talks harbour-talks", "strike harbour"],
            4: ["negotiate harbour-talks"],
        },
    ),
    "gulf-seed3": ("gulf-1990", 3, [], {}),
}


def digest(state) -> str:
    h = hashlib.sha256()
    for name, arr in sorted(state.arrays().items()):
        a = np.asarray(arr)
        if a.dtype.kind == "f":
            a = np.round(a, 6)
        h.update(name.encode())
        h.update(np.ascontiguousarray(a).tobytes())
    h.update(str(state.turn).encode())
    return h.hexdigest()


def play_case(name: str):
    from game.scenario.loader import load
    from game.session.game import Game, IllegalOrder

    sid, seed, humans, script = CASES[name]
    sc = load(sid)
    ids = [a.id for a in sc.rules.actors]
    game = Game.new(sc, seed, humans=[ids.index(h) for h in humans])
    while not game.over:
        for slug in script.get(game.turn, []):
            try:
                game.queue(game.humans[0], game.find_option(game.humans[0], slug))
            except IllegalOrder:
                pass
        game.end_turn()
    return game


def main() -> None:
    from game.session.save import save

    for name in CASES:
        game = play_case(name)
        save(game, HERE / f"{name}.save.json")
        (HERE / f"{name}.save.json.bak").unlink(missing_ok=True)
        expected = {
            "turn": game.turn,
            "digest": digest(game.state),
            "scores": [round(float(x), 6) for x in game.scores()],
            "outcomes": [int(x) for x in game.state.outcome[0]],
        }
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, indent=1) + "\n")
        print(f"wrote {name}: turn {game.turn}, digest {expected['digest'][:16]}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parents[1]))
    main()
