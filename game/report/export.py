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

from game.report.data import ACTOR_VALUES, Debrief
from game.session.files import write_atomic

CSV_FILES = ("actors.csv", "regions.csv", "tracks.csv", "orders.csv", "reflections.csv")
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


def _when(d: Debrief) -> list[tuple[Any, str]]:
    """(turn, date) of every row of values: the start of each turn played,
    then the state after the last one, labelled ``end`` once the game is over
    (never a turn past the end of the game). A game in progress ends on the
    start of the turn being played."""
    n = len(d.dates)
    out: list[tuple[Any, str]] = []
    for t in range(n):
        if t == n - 1 and d.over and t >= 1:
            out.append(("end", d.dates[t - 1]))
        else:
            out.append((t + 1, d.dates[t]))
    return out


def csv_tables(d: Debrief) -> dict[str, str]:
    """The text of every CSV file; values are those at the start of each turn
    (the last row, turn ``end``, is the state after the last turn)."""
    when = _when(d)
    num = lambda v: f"{v:.4f}"
    team = lambda a: d.teams.get(a["id"], "")
    actors = [
        [turn, date, a["id"], a["name"], team(a), a["policy"], *(num(d.series[q][a["id"]][t]) for q in ACTOR_VALUES)]
        for t, (turn, date) in enumerate(when)
        for a in d.actors
    ]
    regions = [
        [turn, date, g["id"], num(d.series["stability"][g["id"]][t]), num(d.series["need"][g["id"]][t])]
        for t, (turn, date) in enumerate(when)
        for g in d.regions
    ]
    tracks = [
        [turn, date, tr["id"], num(d.series["progress"][tr["id"]][t]), num(d.series["tension"]["world"][t])]
        for t, (turn, date) in enumerate(when)
        for tr in d.tracks
    ]
    orders = [
        [t["turn"], t["date"], o["actor"], "ai" if not o["human"] or o.get("played_by_ai") else "human", order]
        for t in d.timeline
        for o in t["orders"]
        for order in o["orders"]
    ]
    names = {a["id"]: a["name"] for a in d.actors}
    reflections = [
        [
            x.get("turn", ""),
            x.get("actor", ""),
            names.get(x.get("actor", ""), ""),
            d.teams.get(x.get("actor", ""), ""),
            x.get("text", ""),
        ]
        for x in d.reflections
    ]
    return {
        "actors.csv": _csv(["turn", "date", "actor", "name", "team", "played_by", *ACTOR_VALUES], actors),
        "regions.csv": _csv(["turn", "date", "region", "stability", "need"], regions),
        "tracks.csv": _csv(["turn", "date", "track", "progress", "world_tension"], tracks),
        "orders.csv": _csv(["turn", "date", "actor", "played_by", "order"], orders),
        "reflections.csv": _csv(["turn", "actor", "name", "team", "answer"], reflections),
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
        "teams": d.teams,
        "reflections": d.reflections,
        "messages": d.messages,
        "origin": d.origin,
        "pacing": d.pacing,
        "facilitator_record": d.facilitator_record,
    }
    return json.dumps(data, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def write_json(d: Debrief, path: str | Path) -> Path:
    return write_atomic(Path(path), json_text(d))
