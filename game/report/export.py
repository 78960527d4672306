"""Per-turn values for spreadsheets (CSV) and other tools (JSON)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from game.report.data import Debrief

CSV_FILES = ("actors.csv", "regions.csv", "tracks.csv", "orders.csv")


def write_csv(d: Debrief, folder: str | Path) -> list[Path]:
    """Write one CSV per table; values are those at the start of each turn
    (the last row is the state after the last turn)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n = len(d.dates)
    written = []
    path = folder / "actors.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "date", "actor", "leverage", "reputation", "support"])
        for t in range(n):
            for a in d.actors:
                aid = a["id"]
                w.writerow([t + 1, d.dates[t], aid, *(f"{d.series[q][aid][t]:.4f}" for q in ("leverage", "reputation", "support"))])
    written.append(path)
    path = folder / "regions.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "date", "region", "stability", "need"])
        for t in range(n):
            for g in d.regions:
                gid = g["id"]
                w.writerow([t + 1, d.dates[t], gid, f"{d.series['stability'][gid][t]:.4f}", f"{d.series['need'][gid][t]:.4f}"])
    written.append(path)
    path = folder / "tracks.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "date", "track", "progress", "world_tension"])
        for t in range(n):
            for tr in d.tracks:
                w.writerow([t + 1, d.dates[t], tr["id"], f"{d.series['progress'][tr['id']][t]:.4f}", f"{d.series['tension']['world'][t]:.4f}"])
    written.append(path)
    path = folder / "orders.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["turn", "date", "actor", "played_by", "order"])
        for t in d.timeline:
            for o in t["orders"]:
                for order in o["orders"]:
                    w.writerow([t["turn"], t["date"], o["actor"], "human" if o["human"] else "ai", order])
    written.append(path)
    return written


def write_json(d: Debrief, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "scenario": d.scenario_id,
        "title": d.title,
        "seed": d.seed,
        "turns_played": d.turns_played,
        "dates": d.dates,
        "series": d.series,
        "roles": [{"actor": r.actor, "outcome": r.outcome, "score": r.score, "human": r.human} for r in d.roles],
        "timeline": d.timeline,
        "interventions": d.interventions,
    }
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
