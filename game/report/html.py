"""The debrief report as one self-contained HTML file.

No scripts, no network, no external files: styles are inline, charts are
inline SVG, and a print stylesheet lays the report out for paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from game.report.data import Debrief
from game.scenario.palette import okabe_ito
from game.session.fmt import signed

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
.charts { display: grid; grid-template-columns: 1fr; gap: 12px; }
figure { margin: 0; page-break-inside: avoid; }
figcaption { font-weight: 600; margin: 4px 0; }
.record-warning, .record-removed, .record-altered { border: 2px solid #b3261e; padding: 6px 10px; color: #b3261e; }
svg text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: #1d2330; }
ol.questions li { margin: 6px 0; }
@media print {
  body { background: none; font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; }
  section { page-break-inside: auto; }
  a { color: inherit; text-decoration: none; }
  .noprint { display: none; }
}
"""


def e(text: object) -> str:
    return escape(str(text), quote=True)


def line_chart(
    title: str,
    series: dict[str, list[float]],
    names: dict[str, str],
    colours: dict[str, str],
    dates: list[str],
    lo: float = 0.0,
    hi: float = 100.0,
    chart_id: str = "",
) -> str:
    """An inline SVG line chart, one line per series, with a legend that
    pairs each colour with a dash pattern and a name (never colour alone)."""
    width, height = 900, 260
    left, right, top, bottom = 48, 190, 16, 34
    pw, ph = width - left - right, height - top - bottom
    n = max((len(v) for v in series.values()), default=1)

    def x(i: int) -> float:
        return left + (pw * i / max(n - 1, 1))

    def y(v: float) -> float:
        return top + ph * (1 - (v - lo) / (hi - lo))

    parts = [
        f'<svg id="{e(chart_id)}" class="chart" role="img" aria-label="{e(title)}" '
        f'viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
    ]
    for tick in range(int(lo), int(hi) + 1, 25):
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + pw}" y2="{y(tick):.1f}" '
            'stroke="#d9dde5" stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    step = max(1, n // 8)
    for i in range(0, n, step):
        label = "end" if i == n - 1 and n > 1 else f"T{i + 1}"
        parts.append(f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle">{label}</text>')
    for k, (key, vals) in enumerate(series.items()):
        colour = colours.get(key) or okabe_ito()[k % len(okabe_ito())]
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
        last = f" {vals[-1]:.0f}" if vals else ""
        parts.append(f'<text x="{left + pw + 46}" y="{ly}">{e(names.get(key, key))}{last}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _list(items: Iterable[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>"


def render(d: Debrief) -> str:
    names = {a["id"]: a["name"] for a in d.actors} | {g["id"]: g["name"] for g in d.regions}
    colours = {a["id"]: a["colour"] for a in d.actors}
    role_ids = [r.actor for r in d.roles]
    h: list[str] = []
    h.append('<!doctype html><html lang="en"><head><meta charset="utf-8">')
    h.append(f"<title>Debrief — {e(d.title)}</title><style>{CSS}</style></head><body><main>")
    h.append('<header id="top">')
    h.append(f"<h1>Debrief: {e(d.title)}</h1>")
    status = f"{d.turns_played} of {d.turn_limit} turns" + ("" if d.over else " (game in progress)")
    fict = " · fictional scenario" if d.fictional else ""
    h.append(
        f'<p class="meta">{e(d.period)}{fict} · seed {d.seed} · {e(status)} · '
        f"{e(d.dates[0] if d.dates else '')} to {e(d.dates[-1] if d.dates else '')}</p>"
    )
    rec = d.facilitator_record
    if rec.get("code") in ("removed", "altered"):
        h.append(
            f'<p class="record-warning" id="record-warning"><strong>Warning:</strong> {e(rec.get("text", ""))}</p>'
        )
    h.append("</header>")

    h.append('<section id="summary"><h2>Summary</h2>')
    if d.summary:
        h.append(f"<p>{e(d.summary)}</p>")
    h.append(
        "<table><thead><tr><th>Role</th><th>Played by</th><th>Objective</th><th>Outcome</th>"
        '<th class="num">Score</th></tr></thead><tbody>'
    )
    for r in d.roles:
        who = "students" if r.human else f"AI ({r.policy})"
        h.append(
            f"<tr><td>{e(r.name)}</td><td>{e(who)}</td><td>{e(r.objective)}</td>"
            f'<td class="{e(r.outcome)}">{e(r.outcome.upper())}</td><td class="num">{r.score:.1f}</td></tr>'
        )
    h.append("</tbody></table>")
    others = [a for a in d.actors if a["id"] not in role_ids]
    if others:
        h.append(
            "<p>Other actors (AI): "
            + ", ".join(f'{e(a["name"])} <span class="tag">{e(a["policy"])}</span>' for a in others)
            + "</p>"
        )
    h.append("</section>")

    h.append('<section id="scores"><h2>Final scores</h2>')
    for r in d.roles:
        h.append(f"<h3>{e(r.name)}: {r.score:.1f} ({e(r.outcome)})</h3>")
        h.append('<table class="score"><tbody>')
        for label, value, weighted in r.terms:
            h.append(
                f'<tr><td>{e(label)}</td><td class="num">{value:.1f}</td><td class="num">{weighted:+.1f}</td></tr>'
            )
        if r.bonus:
            h.append(
                f"<tr><td>{'win bonus' if r.bonus > 0 else 'loss penalty'}</td><td></td>"
                f'<td class="num">{r.bonus:+.1f}</td></tr>'
            )
        h.append(f'<tr><th>Total</th><th></th><th class="num">{r.score:.1f}</th></tr></tbody></table>')
    h.append("</section>")

    h.append('<section id="charts"><h2>Charts</h2><div class="charts">')
    shown = role_ids or [a["id"] for a in d.actors[:4]]
    for q, label in (("leverage", "Leverage"), ("reputation", "Reputation")):
        data = {k: d.series[q][k] for k in shown}
        h.append(
            f"<figure><figcaption>{label} of the roles, turn by turn</figcaption>"
            f"{line_chart(label, data, names, colours, d.dates, chart_id=f'chart-{q}')}</figure>"
        )
    regions = {g["id"]: d.series["stability"][g["id"]] for g in d.regions}
    region_colours = {g["id"]: okabe_ito()[(i + 4) % len(okabe_ito())] for i, g in enumerate(d.regions)}
    h.append(
        "<figure><figcaption>Stability of the regions, turn by turn</figcaption>"
        f"{line_chart('Stability', regions, names, region_colours, d.dates, chart_id='chart-stability')}</figure>"
    )
    h.append("</div></section>")

    h.append('<section id="decisions"><h2>The decisions that mattered most</h2>')
    h.append(
        "<p>Orders ranked by how much they moved leverage, reputation, support and stability, "
        "according to the game's causal ledger.</p>"
    )
    h.append(
        '<table><thead><tr><th class="num">Turn</th><th>Actor</th><th>Decision</th><th>Effects</th></tr></thead><tbody>'
    )
    for dec in d.decisions:
        eff = "; ".join(f"{e(k)} {signed(v)}" for k, v in dec.effects[:4])
        h.append(f'<tr><td class="num">{dec.turn}</td><td>{e(dec.actor)}</td><td>{e(dec.what)}</td><td>{eff}</td></tr>')
    h.append("</tbody></table></section>")

    h.append('<section id="timeline"><h2>Timeline</h2>')
    for t in d.timeline:
        h.append(f'<div class="turn" id="turn-{t["turn"]}"><h3>Turn {t["turn"]} · {e(t["date"])}</h3>')
        for o in t["orders"]:
            tag = "students" if o["human"] else "AI"
            h.append(
                f'<p><strong>{e(o["name"])}</strong> <span class="tag">{tag}</span>: {e("; ".join(o["orders"]))}</p>'
            )
        for rj in t["rejected"]:
            h.append(f'<p class="why">Rejected: {e(rj["actor"])} — {e(rj["order"])} ({e(rj["reason"])})</p>')
        if t["news"]:
            h.append(_list(t["news"]))
        h.append("</div>")
    h.append("</section>")

    h.append('<section id="ai"><h2>What the AI actors said</h2>')
    if d.reasons:
        for aid, items in d.reasons.items():
            h.append(f"<h3>{e(names.get(aid, aid))}</h3><ul>")
            for turn, why in items:
                h.append(f'<li><span class="tag">turn {turn}</span> {e(why)}</li>')
            h.append("</ul>")
    else:
        h.append("<p>No AI actor gave orders.</p>")
    h.append("</section>")

    h.append('<section id="facilitator"><h2>Facilitator interventions</h2>')
    if rec.get("text"):
        h.append(f'<p class="record record-{e(rec.get("code", ""))}" id="facilitator-record">{e(rec["text"])}</p>')
    if d.interventions:
        h.append('<table><thead><tr><th class="num">Turn</th><th>Intervention</th><th>Note</th></tr></thead><tbody>')
        for i in d.interventions:
            h.append(
                f'<tr><td class="num">{e(i.get("turn", ""))}</td><td>{e(describe_intervention(i, names))}</td>'
                f"<td>{e(i.get('note', ''))}</td></tr>"
            )
        h.append("</tbody></table>")
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


def render_compare(reports: list[Debrief], labels: list[str]) -> str:
    """Several groups' games of one scenario side by side."""
    first = reports[0]
    names = {a["id"]: a["name"] for a in first.actors}
    h = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Class comparison — {e(first.title)}</title><style>{CSS}</style></head><body><main>",
    ]
    h.append(f'<h1>Class comparison: {e(first.title)}</h1><p class="meta">{len(reports)} games · {e(first.period)}</p>')
    for label, d in zip(labels, reports):
        rec = d.facilitator_record
        if rec.get("code") in ("removed", "altered", "unverifiable"):
            cls = "record-warning" if rec["code"] != "unverifiable" else "record"
            h.append(f'<p class="{cls}"><strong>{e(label)}:</strong> {e(rec.get("text", ""))}</p>')
    h.append(
        '<section id="outcomes"><h2>Outcomes and scores</h2><table><thead><tr><th>Group</th>'
        '<th class="num">Seed</th><th class="num">Turns</th>'
    )
    for r in first.roles:
        h.append(f'<th>{e(r.name)}</th><th class="num">score</th>')
    h.append("</tr></thead><tbody>")
    for label, d in zip(labels, reports):
        h.append(f'<tr><td>{e(label)}</td><td class="num">{d.seed}</td><td class="num">{d.turns_played}</td>')
        for r in d.roles:
            h.append(f'<td class="{e(r.outcome)}">{e(r.outcome)}</td><td class="num">{r.score:.1f}</td>')
        h.append("</tr>")
    h.append("</tbody></table></section>")
    h.append(
        '<section id="choices"><h2>Key choices</h2><table><thead><tr><th>Group</th>'
        "<th>Decisions that mattered most</th></tr></thead><tbody>"
    )
    for label, d in zip(labels, reports):
        items = "".join(f"<li>Turn {x.turn}, {e(x.actor)}: {e(x.what)}</li>" for x in d.decisions[:5])
        h.append(f"<tr><td>{e(label)}</td><td><ul>{items}</ul></td></tr>")
    h.append("</tbody></table></section>")
    h.append('<section id="charts"><h2>Charts</h2><div class="charts">')
    for r in first.roles:
        data = {lab: d.series["leverage"][r.actor] for lab, d in zip(labels, reports)}
        chart = line_chart(
            "Leverage", data, {lab: lab for lab in labels}, {}, first.dates, chart_id=f"compare-{r.actor}"
        )
        h.append(
            f"<figure><figcaption>Leverage of {e(names.get(r.actor, r.actor))} by group</figcaption>{chart}</figure>"
        )
    h.append("</div></section>")
    h.append(
        '<section id="discussion"><h2>For discussion</h2><ol class="questions">'
        + "".join(f"<li>{e(q)}</li>" for q in first.discussion)
        + "</ol></section>"
    )
    h.append("</main></body></html>")
    return "\n".join(h)
