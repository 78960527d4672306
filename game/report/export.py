"""Per-turn values for spreadsheets (CSV) and other tools (JSON).

Every file is written atomically (the previous one kept as ``.bak``). CSV
cells that a spreadsheet would read as a formula (those beginning with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return, e.g. a custom action named
``=HYPERLINK(...)``) are neutralised with a leading apostrophe; numbers are
written as numbers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from game.report.data import Debrief
from game.session.files import write_atomic

CSV_FILES = ("actors.csv", "regions.csv", "tracks.csv", "orders.csv")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    for row in rows:
        w.writerow([cell(v) for v in row])
    return buf.getvalue()


def csv_tables(d: Debrief) -> dict[str, str]:
    """The text of every CSV file; values are those at the start of each turn
    (the last row is the state after the last turn)."""
    n = len(d.dates)
    num = lambda v: f"{v:.4f}"
    actors = [
        [t + 1, d.dates[t], a["id"], *(num(d.series[q][a["id"]][t]) for q in ("leverage", "reputation", "support"))]
        for t in range(n)
        for a in d.actors
    ]
    regions = [
        [t + 1, d.dates[t], g["id"], num(d.series["stability"][g["id"]][t]), num(d.series["need"][g["id"]][t])]
        for t in range(n)
        for g in d.regions
    ]
    tracks = [
        [t + 1, d.dates[t], tr["id"], num(d.series["progress"][tr["id"]][t]), num(d.series["tension"]["world"][t])]
        for t in range(n)
        for tr in d.tracks
    ]
    orders = [
        [t["turn"], t["date"], o["actor"], "human" if o["human"] else "ai", order]
        for t in d.timeline
        for o in t["orders"]
        for order in o["orders"]
    ]
    return {
        "actors.csv": _csv(["turn", "date", "actor", "leverage", "reputation", "support"], actors),
        "regions.csv": _csv(["turn", "date", "region", "stability", "need"], regions),
        "tracks.csv": _csv(["turn", "date", "track", "progress", "world_tension"], tracks),
        "orders.csv": _csv(["turn", "date", "actor", "played_by", "order"], orders),
    }


def write_csv(d: Debrief, folder: str | Path) -> list[Path]:
    """Write one CSV per table into ``folder``."""
    folder = Path(folder)
    tables = csv_tables(d)  # all built before the first file is written
    return [write_atomic(folder / name, text) for name, text in tables.items()]


def json_text(d: Debrief) -> str:
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
        "facilitator_record": d.facilitator_record,
    }
    return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(d: Debrief, path: str | Path) -> Path:
    return write_atomic(Path(path), json_text(d))
