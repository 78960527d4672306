"""The debrief report as one self-contained HTML file.

No scripts, no network, no external files: styles are inline, charts are
inline SVG, and a print stylesheet lays the report out for paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path

from game.report.data import Debrief
from game.scenario.palette import okabe_ito
from game.session.fmt import signed
from game.session.game import AI_PLAYED

DASHES = ("", "6 3", "2 3", "8 3 2 3")

CSS = """
:root { --ink: #1d2330; --muted: #5b6474; --line: #d9dde5; --accent: #0072B2; --paper: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; \
color: var(--ink); background: #f4f5f8; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 32px 64px; background: var(--paper); }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.meta { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f6; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.win { color: #0b6e4f; font-weight: 700; }
.loss { color: #9c2d00; font-weight: 700; }
.draw { color: #5b6474; font-weight: 700; }
.tag { display: inline-block; padding: 0 6px; border-radius: 4px; background: #eef1f6; \
color: var(--muted); font-size: 12px; }
.turn { border-left: 4px solid var(--line); padding: 4px 0 4px 12px; margin: 12px 0; page-break-inside: avoid; }
.turn h3 { margin: 0 0 4px; }
.turn ul { margin: 4px 0; padding-left: 20px; }
.why { color: var(--muted); font-size: 13px; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.scores { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 12px; }
.turn p { margin: 2px 0; }
.turn ul.news { margin: 2px 0; color: #2d3440; font-size: 14px; }
details summary { cursor: pointer; color: var(--accent); }
details.ai { font-size: 13px; color: var(--muted); }
.intervention { background: #fff5d6; padding: 2px 6px; border-radius: 4px; }
.reflection { font-style: italic; }
.message { color: #2d3440; }
.held { color: #0b6e4f; } .missed { color: #9c2d00; }
ul.conds { margin: 0; padding-left: 0; list-style: none; }
ul.steps { padding-left: 20px; }
.summary-page h2 { margin-top: 14px; }
figure { margin: 0; page-break-inside: avoid; }
figcaption { font-weight: 600; margin: 4px 0; }
.record-warning, .record-removed, .record-altered { border: 2px solid #b3261e; padding: 6px 10px; color: #b3261e; }
svg text { font: 14px "DejaVu Sans", Arial, sans-serif; fill: #1d2330; }
ol.questions li { margin: 6px 0; }
@media print {
  body { background: none; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; }
  section { page-break-inside: auto; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
  details.ai, #ai { display: none; }
  .charts { grid-template-columns: 1fr 1fr; }
  .summary-page { font-size: 10pt; }
  .summary-page table { margin: 4px 0 8px; }
  .summary-page th, .summary-page td { padding: 3px 6px; }
}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def _luminance(colour: str) -> float:
    """The relative luminance (0 black, 1 white) of "#rrggbb", or -1 if it is not one."""
    c = colour.strip().lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    try:
        rgb = [int(c[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    except ValueError:
        return -1.0
    if len(c) != 6:
        return -1.0
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


LIGHTEST = 0.6
"""Colours lighter than this (white, pale yellow) vanish on paper: a chart draws such a series in another colour."""


def chart_colours(keys: list[str], colours: dict[str, str]) -> dict[str, str]:
    """A visible colour for every series: its own unless it is missing or too
    light to see on white, then a colour of the Okabe–Ito palette that no
    other series of the chart uses."""
    palette = [c for c in okabe_ito() if 0 <= _luminance(c) <= LIGHTEST]
    out: dict[str, str] = {}
    for key in keys:
        c = colours.get(key, "")
        if c and 0 <= _luminance(c) <= LIGHTEST:
            out[key] = c
    taken = {c.upper() for c in out.values()}
    free = [c for c in palette if c.upper() not in taken] or palette
    k = 0
    for key in keys:
        if key not in out:
            out[key] = free[k % len(free)]
            k += 1
    return {key: out[key] for key in keys}


def line_chart(
    title: str,
    series: dict[str, list[float]],
    names: dict[str, str],
    colours: dict[str, str],
    dates: list[str],
    lo: float = 0.0,
    hi: float = 100.0,
    chart_id: str = "",
    marks: dict[int, str] | None = None,
    height: int = 240,
    width: int = 900,
) -> str:
    """An inline SVG line chart, one line per series, with a legend that
    pairs each colour with a dash pattern and a name (never colour alone).
    The legend is as wide as its longest name (nothing is cut off); ``marks``
    draws a labelled vertical line at turns (0-based index), e.g. where a
    branch split from its original."""
    labels = {
        key: f"{names.get(key, key)} {vals[-1]:.0f}" if vals else names.get(key, key) for key, vals in series.items()
    }
    longest = max((len(t) for t in labels.values()), default=4)
    width = 900
    left, top, bottom = 48, 16, 34
    right = 60 + int(8.6 * longest)
    width = max(width, left + 360 + right)  # a long name widens the chart: the plot keeps 360 units
    height = max(height, top + bottom + 20 * len(series) + 8)
    pw, ph = width - left - right, height - top - bottom
    n = max((len(v) for v in series.values()), default=1)
    span = (hi - lo) or 1.0

    def x(i: int) -> float:
        return left + (pw * i / max(n - 1, 1))

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / span)

    parts = [
        f'<svg id="{e(chart_id)}" class="chart" role="img" aria-label="{e(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
    ]
    step_v = span / 4
    for k in range(5):
        tick = lo + k * step_v
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + pw}" y2="{y(tick):.1f}" '
            'stroke="#d9dde5" stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
    step = max(1, n // 8)
    for i in range(0, n, step):
        label = "end" if i == n - 1 and n > 1 else f"T{i + 1}"
        parts.append(f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle">{label}</text>')
    for i, text in sorted((marks or {}).items()):
        if 0 <= i < n:
            parts.append(
                f'<line class="split" x1="{x(i):.1f}" y1="{top}" x2="{x(i):.1f}" y2="{top + ph}" '
                'stroke="#5b6474" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
            parts.append(f'<text x="{x(i) + 4:.1f}" y="{top + 12}">{e(text)}</text>')
    shown = chart_colours(list(series), colours)
    for k, (key, vals) in enumerate(series.items()):
        colour = shown[key]
        dash = DASHES[k % len(DASHES)]
        pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline class="series" data-key="{e(key)}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr} points="{pts}"/>'
        )
        if vals:
            parts.append(f'<circle cx="{x(len(vals) - 1):.1f}" cy="{y(vals[-1]):.1f}" r="3.5" fill="{colour}"/>')
        ly = top + 14 + k * 20
        parts.append(
            f'<line x1="{left + pw + 14}" y1="{ly - 4}" x2="{left + pw + 40}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="3"{dash_attr}/>'
        )
        parts.append(f'<text class="legend" x="{left + pw + 46}" y="{ly}">{e(labels[key])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _list(items: Iterable[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


KIND_TAG = {"team": "team", "agreement": "agreement", "event": "event", "facilitator": "facilitator", "order": "AI"}


def team_of(d: Debrief, actor_id: str, name: str) -> str:
    """'Team Blue (United States)' for a named team, else the actor's name."""
    team = d.teams.get(actor_id)
    return f"{team} ({name})" if team else name


def _effects(effects: list, n: int = 4) -> str:
    return "; ".join(f"{e(k)} {signed(v)}" for k, v in effects[:n])


def _charts(d: Debrief, names: dict[str, str], colours: dict[str, str], marks: dict[int, str] | None = None) -> str:
    """One chart per quantity the roles' objectives read (its subjects as lines);
    values that are names or yes/no (who holds a region, a track's status) are
    listed as the turns they changed."""
    by_q: dict[str, list[dict]] = {}
    steps = []
    for v in d.condition_values:
        if v["integer"]:
            steps.append(v)
        else:
            by_q.setdefault(v["quantity"], []).append(v)
    out = ['<div class="charts">']
    for q, items in by_q.items():
        data = {v["key"]: v["series"] for v in items}
        labels = {v["key"]: v["label"].removeprefix(f"{q} of ") for v in items}
        keyed_colours = {v["key"]: colours.get(_actor_key(d, v), "") for v in items}
        lo = min(min(v["lo"] for v in items), min((min(s) for s in data.values() if s), default=0))
        hi = max(max(v["hi"] for v in items), max((max(s) for s in data.values() if s), default=100))
        if q == "flag":
            lo = min(0.0, min((min(s) for s in data.values() if s), default=0))
            hi = max(1.0, max((max(s) for s in data.values() if s), default=1))
        title = q.capitalize() if q != "flag" else "Flags"
        out.append(
            f"<figure><figcaption>{e(title)}</figcaption>"
            + line_chart(title, data, labels, keyed_colours, d.dates, lo, hi, f"chart-{q}", marks, 220, 600)
            + "</figure>"
        )
    out.append("</div>")
    if steps:
        out.append('<ul class="steps">')
        for v in steps:
            changes = []
            prev = None
            for t, x in enumerate(v["series"]):
                if x != prev:
                    changes.append(
                        f"{'start' if t == 0 else ('end' if t == len(v['series']) - 1 else f'T{t + 1}')}: "
                        f"{_word(d, v['quantity'], x)}"
                    )
                    prev = x
            out.append(f"<li><strong>{e(v['label'])}</strong> — {e(' · '.join(changes))}</li>")
        out.append("</ul>")
    return "".join(out)


def _actor_key(d: Debrief, v: dict) -> str:
    ids = [a["id"] for a in d.actors]
    from game.core.conditions import QUANTITIES

    table = QUANTITIES[v["quantity"]].table
    if table in ("actor", "pair", "actor_region") and v["subject"] and v["subject"][0] < len(ids):
        return ids[v["subject"][0]]
    return ""


def _word(d: Debrief, quantity: str, value: float) -> str:
    if quantity == "control" and 0 <= value < len(d.actors):
        return d.actors[int(value)]["name"]
    if quantity == "control" and value < 0:
        return "no one"
    if quantity == "status":
        return {0: "inactive", 1: "open", 2: "agreed", 3: "broken"}.get(int(value), f"{value:g}")
    if quantity in ("condemned", "mandate_force", "un_sanctions", "crisis", "post_conflict", "mandate_pk", "sanctions"):
        return "yes" if value else "no"
    return f"{value:g}"


def _head(title: str) -> list[str]:
    return [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body><main>",
    ]


def _meta(d: Debrief) -> str:
    status = f"{d.turns_played} of {d.turn_limit} turns" + ("" if d.over else " (game in progress)")
    fict = " · fictional scenario" if d.fictional else ""
    extra = ""
    if d.pacing:
        extra += f" · shortened from {d.pacing.get('original')} turns"
    if d.origin:
        extra += f" · branched from {d.origin.get('game')} at turn {d.origin.get('turn')}"
    return (
        f'<p class="meta">{e(d.period)}{fict} · seed {d.seed} · {e(status)}{e(extra)} · '
        f"{e(d.dates[0] if d.dates else '')} to {e(d.dates[-1] if d.dates else '')}</p>"
    )


def _roles_table(d: Debrief) -> str:
    h = [
        "<table><thead><tr><th>Role</th><th>Played by</th><th>Objective</th><th>Outcome</th>"
        '<th class="num">Score</th></tr></thead><tbody>'
    ]
    for r in d.roles:
        who = (d.teams.get(r.actor) or "students") if r.human else f"AI ({r.policy})"
        h.append(
            f"<tr><td>{e(r.name)}</td><td>{e(who)}</td><td>{e(r.objective)}</td>"
            f'<td class="{e(r.outcome)}">{e(r.outcome.upper())}</td><td class="num">{r.score:.1f}</td></tr>'
        )
    h.append("</tbody></table>")
    return "".join(h)


def _decisions_table(d: Debrief, n: int = 10) -> str:
    h = ['<table><thead><tr><th class="num">Turn</th><th>Who</th><th>Decision</th><th>Effects</th></tr></thead><tbody>']
    for dec in d.decisions[:n]:
        tag = KIND_TAG.get(dec.kind, dec.kind)
        aid = next((a["id"] for a in d.actors if a["name"] == dec.actor), "")
        who = team_of(d, aid, dec.actor) if dec.kind == "team" else dec.actor
        h.append(
            f'<tr class="decision-{e(dec.kind)}"><td class="num">{dec.turn}</td><td>{e(who)} '
            f'<span class="tag">{e(tag)}</span></td><td>{e(dec.what)}</td><td>{_effects(dec.effects)}</td></tr>'
        )
    h.append("</tbody></table>")
    return "".join(h)


def render(d: Debrief) -> str:
    names = {a["id"]: a["name"] for a in d.actors} | {g["id"]: g["name"] for g in d.regions}
    colours = {a["id"]: a["colour"] for a in d.actors}
    role_ids = [r.actor for r in d.roles]
    h = _head(f"Debrief — {d.title}")
    h.append('<header id="top">')
    h.append(f"<h1>Debrief: {e(d.title)}</h1>")
    h.append(_meta(d))
    rec = d.facilitator_record
    if rec.get("code") in ("removed", "altered"):
        h.append(
            f'<p class="record-warning" id="record-warning"><strong>Warning:</strong> {e(rec.get("text", ""))}</p>'
        )
    h.append("</header>")

    h.append('<section id="summary"><h2>Summary</h2>')
    if d.summary:
        h.append(f"<p>{e(d.summary)}</p>")
    h.append(_roles_table(d))
    others = [a for a in d.actors if a["id"] not in role_ids]
    if others:
        h.append(
            '<p class="why">Other actors (AI): '
            + ", ".join(f'{e(a["name"])} <span class="tag">{e(a["policy"])}</span>' for a in others)
            + "</p>"
        )
    h.append("</section>")

    h.append('<section id="objectives"><h2>Objectives at the end</h2>')
    h.append(_conditions_table(d))
    h.append("</section>")

    h.append('<section id="decisions"><h2>The decisions that mattered most</h2>')
    h.append(
        "<p>The teams' own orders, the agreements and the events that moved the values the objectives "
        "read most (and leverage, reputation, support and stability), according to the game's causal ledger.</p>"
    )
    h.append(_decisions_table(d))
    if d.ai_decisions:
        h.append('<details class="noprint"><summary>The AI actors\' orders that moved the most</summary><ul>')
        for dec in d.ai_decisions:
            h.append(f"<li>Turn {dec.turn}, {e(dec.actor)}: {e(dec.what)} — {_effects(dec.effects, 3)}</li>")
        h.append("</ul></details>")
    h.append("</section>")

    h.append('<section id="charts"><h2>The values the objectives read</h2>')
    h.append(_charts(d, names, colours))
    h.append("</section>")

    h.append('<section id="scores"><h2>Final scores</h2><div class="scores">')
    for r in d.roles:
        h.append(
            f'<table class="score"><thead><tr><th colspan="3">{e(r.name)}: {r.score:.1f} ({e(r.outcome)})</th>'
            "</tr></thead><tbody>"
        )
        for label, value, weighted in r.terms:
            h.append(
                f'<tr><td>{e(label)}</td><td class="num">{value:.1f}</td><td class="num">{weighted:+.1f}</td></tr>'
            )
        if r.bonus:
            h.append(
                f"<tr><td>{'win bonus' if r.bonus > 0 else 'loss penalty'}</td><td></td>"
                f'<td class="num">{r.bonus:+.1f}</td></tr>'
            )
        h.append("</tbody></table>")
    h.append("</div></section>")

    h.append('<section id="timeline"><h2>Timeline</h2>')
    by_turn: dict[int, list[dict]] = {}
    for i in d.interventions:
        by_turn.setdefault(int(i.get("turn", 0)), []).append(i)
    msgs: dict[int, list[dict]] = {}
    for m in d.messages:
        msgs.setdefault(int(m.get("turn", 0)), []).append(m)
    refl: dict[int, list[dict]] = {}
    for x in d.reflections:
        refl.setdefault(int(x.get("turn", 0)), []).append(x)
    for t in d.timeline:
        h.append(f'<div class="turn" id="turn-{t["turn"]}"><h3>Turn {t["turn"]} · {e(t["date"])}</h3>')
        for i in by_turn.get(t["turn"], []):
            h.append(_intervention_line(i))
        for o in t["orders"]:
            if o["human"] and o.get("played_by_ai"):
                h.append(
                    f'<p class="team stand-in"><strong>{e(team_of(d, o["actor"], o["name"]))}</strong> '
                    f"({AI_PLAYED}): "
                    f"{e('; '.join(o['orders']) or 'no orders')}</p>"
                )
            elif o["human"]:
                h.append(
                    f'<p class="team"><strong>{e(team_of(d, o["actor"], o["name"]))}</strong>: '
                    f"{e('; '.join(o['orders']) or 'no orders')}</p>"
                )
        for x in refl.get(t["turn"], []):
            aid = x.get("actor", "")
            who = team_of(d, aid, names.get(aid, aid))
            h.append(f'<p class="reflection">Why, said {e(who)}: “{e(x.get("text", ""))}”</p>')
        for m in msgs.get(t["turn"], []):
            to = m.get("to") or "everyone"
            h.append(f'<p class="message">✉ {e(m.get("from") or "")} → {e(to)}: {e(m.get("text", ""))}</p>')
        if t["news"]:
            h.append(_list(t["news"], "news"))
        ai = [o for o in t["orders"] if not o["human"]]
        if ai or t["rejected"]:
            h.append('<details class="ai"><summary>AI orders and their reasons</summary>')
            for o in ai:
                h.append(f"<p><strong>{e(o['name'])}</strong>: {e('; '.join(o['orders']))}</p>")
                if o["reasons"]:
                    h.append(_list(o["reasons"], "why"))
            for rj in t["rejected"]:
                h.append(f'<p class="why">Rejected: {e(rj["actor"])} — {e(rj["order"])} ({e(rj["reason"])})</p>')
            h.append("</details>")
        h.append("</div>")
    late = [i for k, v in by_turn.items() if k > max((t["turn"] for t in d.timeline), default=0) for i in v]
    if late:
        h.append(
            '<div class="turn"><h3>After the last turn</h3>' + "".join(_intervention_line(i) for i in late) + "</div>"
        )
    h.append("</section>")

    h.append('<section id="ai"><h2>What the AI actors said</h2>')
    if d.reasons:
        h.append(
            f"<details><summary>Every reason the AI actors gave ({sum(len(v) for v in d.reasons.values())})</summary>"
        )
        for aid, items in d.reasons.items():
            h.append(f"<h3>{e(names.get(aid, aid))}</h3><ul>")
            for turn, why in items:
                h.append(f'<li><span class="tag">turn {turn}</span> {e(why)}</li>')
            h.append("</ul>")
        h.append("</details>")
    else:
        h.append("<p>No AI actor gave orders.</p>")
    h.append("</section>")

    h.append('<section id="facilitator"><h2>Facilitator</h2>')
    if rec.get("text"):
        h.append(f'<p class="record record-{e(rec.get("code", ""))}" id="facilitator-record">{e(rec["text"])}</p>')
    if d.interventions:
        n = len([i for i in d.interventions if i.get("kind") not in ("note",)])
        h.append(f"<p>{n} intervention{'s' if n != 1 else ''}, shown in the timeline at the turn each was made.</p>")
    else:
        if rec.get("code") in ("none", "intact", None):
            h.append("<p>None: the game ran without facilitator interventions.</p>")
        elif rec.get("code") == "unchecked":
            h.append(
                "<p>None recorded. The record is sealed: the facilitator's passphrase can confirm it "
                "(<code>brinkmanship report SAVE --facilitator</code>).</p>"
            )
        else:
            h.append(
                "<p>No interventions are recorded in this save; given the state of its facilitator record, "
                "that may not be the whole story.</p>"
            )
    h.append("</section>")

    if d.reflections:
        h.append(
            '<section id="reflections"><h2>The teams\' reflections</h2><table><thead><tr>'
            '<th class="num">Turn</th><th>Team</th><th>Why did you choose this?</th></tr></thead><tbody>'
        )
        for x in d.reflections:
            aid = x.get("actor", "")
            h.append(
                f'<tr><td class="num">{e(x.get("turn", ""))}</td><td>{e(team_of(d, aid, names.get(aid, aid)))}'
                f"</td><td>{e(x.get('text', ''))}</td></tr>"
            )
        h.append("</tbody></table></section>")

    h.append('<section id="history"><h2>What actually happened</h2>')
    h.append(f"<p>{e(d.history or 'This scenario has no history notes.')}</p></section>")

    h.append('<section id="discussion"><h2>For discussion</h2>')
    if d.learning_objectives:
        h.append("<h3>Learning objectives</h3>" + _list(d.learning_objectives))
    h.append(
        '<h3>Questions</h3><ol class="questions">'
        + "".join(f"<li>{e(q)}</li>" for q in d.discussion)
        + "</ol></section>"
    )
    h.append("</main></body></html>")
    return "\n".join(h)


def _intervention_line(i: dict) -> str:
    eff = _effects(i.get("effects") or [], 4)
    note = f" — “{e(i['note'])}”" if i.get("note") else ""
    return (
        f'<p class="intervention"><span class="tag">facilitator</span> {e(i.get("text") or i.get("kind", ""))}'
        f"{note}{f' <span class=why>({eff})</span>' if eff else ''}</p>"
    )


def _conditions_table(d: Debrief) -> str:
    """Each role's objective conditions and whether each held at the end."""
    names = {a["id"]: a["name"] for a in d.actors}
    h = ['<table class="conditions"><thead><tr><th>Role</th><th>To win</th><th>Loses if</th></tr></thead><tbody>']
    for role in dict.fromkeys(c["role"] for c in d.conditions):
        cells = []
        for part in ("victory", "defeat"):
            items = []
            for c in d.conditions:
                if c["role"] != role or c["part"] != part:
                    continue
                good = c["held"] == (part == "victory")
                mark = "✔" if c["held"] else "✘"
                items.append(f'<li class="{"held" if good else "missed"}">{mark} {e(c["text"])}</li>')
            cells.append(f'<td><ul class="conds">{"".join(items)}</ul></td>')
        h.append(f"<tr><td>{e(names.get(role, role))}</td>{''.join(cells)}</tr>")
    h.append("</tbody></table>")
    h.append('<p class="why">✔ held at the end · ✘ did not hold (green: as the role needed; red: against it)</p>')
    return "".join(h)


def render_summary(d: Debrief) -> str:
    """One or two printed pages for the projector or the wall: who played, the
    outcome, the objectives, the decisions that mattered, two charts."""
    names = {a["id"]: a["name"] for a in d.actors}
    colours = {a["id"]: a["colour"] for a in d.actors}
    h = _head(f"Summary — {d.title}")
    h.append('<div class="summary-page">')
    h.append(f"<h1>{e(d.title)}</h1>")
    h.append(_meta(d))
    h.append('<section id="summary">' + _roles_table(d) + "</section>")
    h.append('<section id="decisions"><h2>Decisions that mattered most</h2>' + _decisions_table(d, 6) + "</section>")
    leading = [v for v in d.condition_values if not v["integer"] and v["quantity"] != "flag"]

    def moved(q: str) -> float:
        """How much the values of a quantity moved over the game, in shares of its range."""
        items = [v for v in leading if v["quantity"] == q]
        return sum((max(v["series"]) - min(v["series"])) / ((v["hi"] - v["lo"]) or 1) for v in items if v["series"])

    # The two quantities that moved most: a flat line says little on a projector.
    qs = sorted(dict.fromkeys(v["quantity"] for v in leading), key=lambda q: -moved(q))[:2]
    if qs:
        h.append('<section id="charts"><div class="charts two">')
        for q in qs:
            items = [v for v in leading if v["quantity"] == q]
            data = {v["key"]: v["series"] for v in items}
            labels = {v["key"]: v["label"].removeprefix(f"{q} of ") for v in items}
            cols = {v["key"]: colours.get(_actor_key(d, v), "") for v in items}
            lo = min(min(v["lo"] for v in items), 0.0)
            hi = max(max(v["hi"] for v in items), max((max(s) for s in data.values() if s), default=1.0))
            h.append(
                f"<figure><figcaption>{e(q.capitalize() if q != 'flag' else 'Flags')}</figcaption>"
                f"{line_chart(q, data, labels, cols, d.dates, lo, hi, chart_id=f'summary-{q}', height=200)}"
                "</figure>"
            )
        h.append("</div></section>")
    if d.interventions:
        h.append(
            '<section id="facilitator"><h2>Facilitator</h2>'
            + "".join(_intervention_line(i) for i in d.interventions if i.get("kind") != "note")
            + "</section>"
        )
    if d.discussion:
        h.append(
            '<section id="discussion"><h2>For discussion</h2><ol class="questions">'
            + "".join(f"<li>{e(q)}</li>" for q in d.discussion[:4])
            + "</ol></section>"
        )
    h.append("</div></main></body></html>")
    del names
    return "\n".join(h)


def describe_intervention(i: dict, names: dict[str, str]) -> str:
    kind = i.get("kind")
    if kind == "inject":
        return f"Injected event: {i.get('title') or i.get('event')}"
    if kind == "adjust":
        return f"Set {i.get('quantity')} {i.get('label', '')} to {i.get('value')}".replace("  ", " ")
    if kind == "custom":
        return f"Custom event: {i.get('headline', '')}"
    if kind in ("pause", "resume"):
        return "Paused the game" if kind == "pause" else "Resumed the game"
    return str(kind)


def game_label(d: Debrief, label: str) -> str:
    """A game's name in a comparison: its file's name and its teams' names."""
    teams = [d.teams[r.actor] for r in d.roles if r.actor in d.teams]
    return f"{label} ({', '.join(teams)})" if teams else label


def render_compare(reports: list[Debrief], labels: list[str]) -> str:
    """Several groups' games of one scenario side by side: outcomes, every
    scored value, which objective conditions held, the teams' key decisions,
    and charts of the values the objectives read, with the turn where a
    branch split from its original marked."""
    first = reports[0]
    names = {a["id"]: a["name"] for a in first.actors}
    shown = [game_label(d, lab) for d, lab in zip(reports, labels)]
    h = _head(f"Class comparison — {first.title}")
    h.append(f'<h1>Class comparison: {e(first.title)}</h1><p class="meta">{len(reports)} games · {e(first.period)}</p>')
    for label, d in zip(shown, reports):
        rec = d.facilitator_record
        if rec.get("code") in ("removed", "altered", "unverifiable"):
            cls = "record-warning" if rec["code"] != "unverifiable" else "record"
            h.append(f'<p class="{cls}"><strong>{e(label)}:</strong> {e(rec.get("text", ""))}</p>')
    # Branches: where each split from a game of this comparison.
    files = {Path(d.source).name: k for k, d in enumerate(reports)} | {lab: k for k, lab in enumerate(labels)}
    splits: dict[int, str] = {}
    notes = []
    for k, d in enumerate(reports):
        if d.origin:
            parent = files.get(str(d.origin.get("game", ""))) or files.get(Path(str(d.origin.get("game", ""))).stem)
            turn = int(d.origin.get("turn", 1))
            of = shown[parent] if parent is not None else str(d.origin.get("game"))
            notes.append(f"{shown[k]} branched from {of} at the start of turn {turn}.")
            splits[turn - 1] = f"{labels[k]} splits"
    if notes:
        h.append('<section id="branches"><h2>Branches</h2>' + _list(notes) + "</section>")
    h.append(
        '<section id="outcomes"><h2>Outcomes and scores</h2><table><thead><tr><th>Game</th>'
        '<th class="num">Seed</th><th class="num">Turns</th>'
    )
    for r in first.roles:
        h.append(f'<th>{e(r.name)}</th><th class="num">score</th>')
    h.append("</tr></thead><tbody>")
    for label, d in zip(shown, reports):
        h.append(f'<tr><td>{e(label)}</td><td class="num">{d.seed}</td><td class="num">{d.turns_played}</td>')
        for r in d.roles:
            who = "" if r.human else ' <span class="tag">AI</span>'
            h.append(f'<td class="{e(r.outcome)}">{e(r.outcome)}{who}</td><td class="num">{r.score:.1f}</td>')
        h.append("</tr>")
    h.append("</tbody></table></section>")

    h.append('<section id="scored"><h2>Every scored value</h2>')
    for k, r in enumerate(first.roles):
        h.append(f"<h3>{e(r.name)}</h3><table><thead><tr><th>Score term</th>")
        h.extend(f'<th class="num">{e(lab)}</th>' for lab in labels)
        h.append("</tr></thead><tbody>")
        for j, (term, _, _) in enumerate(r.terms):
            h.append(f"<tr><td>{e(term)}</td>")
            for d in reports:
                t = d.roles[k].terms[j] if k < len(d.roles) and j < len(d.roles[k].terms) else None
                h.append(f'<td class="num">{t[1]:.1f} ({t[2]:+.1f})</td>' if t else "<td></td>")
            h.append("</tr>")
        h.append("<tr><td>win bonus / loss penalty</td>")
        h.extend(f'<td class="num">{d.roles[k].bonus:+.1f}</td>' for d in reports)
        h.append("</tr><tr><th>Score</th>")
        h.extend(f'<th class="num">{d.roles[k].score:.1f}</th>' for d in reports)
        h.append("</tr></tbody></table>")
    h.append("</section>")

    h.append('<section id="conditions"><h2>Which objective conditions held at the end</h2>')
    h.append("<table><thead><tr><th>Role</th><th>Condition</th>")
    h.extend(f'<th class="num">{e(lab)}</th>' for lab in labels)
    h.append("</tr></thead><tbody>")
    for j, c in enumerate(first.conditions):
        part = "to win" if c["part"] == "victory" else "loses if"
        h.append(
            f"<tr><td>{e(names.get(c['role'], c['role']))} <span class=tag>{part}</span></td><td>{e(c['text'])}</td>"
        )
        for d in reports:
            x = d.conditions[j] if j < len(d.conditions) else None
            if x is None:
                h.append("<td></td>")
                continue
            good = x["held"] == (x["part"] == "victory")
            h.append(f'<td class="num {"held" if good else "missed"}">{"✔" if x["held"] else "✘"}</td>')
        h.append("</tr>")
    h.append("</tbody></table></section>")

    h.append(
        '<section id="choices"><h2>Key choices</h2><table><thead><tr><th>Game</th>'
        "<th>The teams' decisions that mattered most</th></tr></thead><tbody>"
    )
    for label, d in zip(shown, reports):
        since = int(d.origin.get("turn", 1)) if d.origin else 1
        own = [x for x in d.decisions if x.turn >= since]  # a branch's choices since it split
        items = "".join(
            f"<li>Turn {x.turn}, {e(x.actor)} <span class=tag>{e(KIND_TAG.get(x.kind, x.kind))}</span>: "
            f"{e(x.what)}</li>"
            for x in own[:5]
        )
        h.append(f"<tr><td>{e(label)}</td><td><ul>{items}</ul></td></tr>")
    h.append("</tbody></table></section>")

    h.append('<section id="charts"><h2>Charts</h2>')
    if splits:
        h.append('<p class="why">A dashed vertical line marks the turn where a branch split from its original.</p>')
    h.append('<div class="charts">')
    for v in first.condition_values:
        if v["integer"]:
            continue
        data = {}
        for lab, d in zip(labels, reports):
            match = next((x for x in d.condition_values if x["key"] == v["key"]), None)
            if match is not None:
                data[lab] = match["series"]
        if v["quantity"] == "flag":
            lo = min(0.0, min((min(x) for x in data.values() if x), default=0))
            hi = max(1.0, max((max(x) for x in data.values() if x), default=1))
        else:
            lo, hi = v["lo"], v["hi"]
        chart = line_chart(
            v["label"],
            data,
            {lab: lab for lab in labels},
            {},
            first.dates,
            lo,
            hi,
            f"compare-{v['key'].replace(':', '-').replace('.', '-')}",
            splits,
            220,
            600,
        )
        h.append(
            f"<figure><figcaption>{e(v['label'][:1].upper() + v['label'][1:])} by game</figcaption>{chart}</figure>"
        )
    h.append("</div></section>")
    h.append(
        '<section id="discussion"><h2>For discussion</h2><ol class="questions">'
        + "".join(f"<li>{e(q)}</li>" for q in first.discussion)
        + "</ol></section>"
    )
    h.append("</main></body></html>")
    return "\n".join(h)
