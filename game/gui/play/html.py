"""The game screen's texts in markup: the briefing, a role's turn report and
the report every role may see after a hot-seat turn.

They only arrange what the session gives (:meth:`Game.changes`, the turn
records, :meth:`Game.news`); nothing here computes a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.core.conditions import QUANTITIES
from game.core.spec import TrackStatus
from game.gui.mapview import STATUS_WORD
from game.gui.screen import esc
from game.session.fmt import NAMED_VALUES, change, days, value_words
from game.session.game import Game

if TYPE_CHECKING:
    from game.gui.app import App


def briefing_html(app: "App", g: Game, actor: int) -> str:
    m = g.scenario.meta
    r = g.rules
    acc = app.theme.hexcolour("accent")
    out = [f"{app.theme.html_heading(f'{esc(m.title)}')}<br>"]
    k = g.role_index(actor)
    if k is not None and k < len(m.roles):
        info = m.roles[k]
        out.append(
            f"<font color='{acc}'><b>You lead "
            f"{esc(r.actors[actor].name)}</b></font><br>{esc(info.briefing.strip())}<br><br><b>Objective:</b> "
            f"{esc(info.victory)}<br>"
        )
        if info.defeat:
            out.append(f"<b>You lose if:</b> {esc(info.defeat)}<br>")
    out.append(
        f"<br>The game lasts {r.turn_limit} turns of {days(r.calendar.days_per_turn)}. Each turn you may give up "
        f"to {r.max_orders} orders within your budget; everyone's orders resolve together when the turn ends.<br>"
    )
    if m.briefing:
        out.append(f"<br><b>The situation</b><br>{esc(m.briefing)}<br>")
    out.append(
        "<br><b>How to play with the mouse</b><br>• Pick an order in the Orders tab: its cost, what it needs and "
        "its predicted effects show below it; queue it.<br>• Click any value (top bar, Region, Actor, Talks "
        "tabs) "
        "to see why it changed.<br>"
        "• End the turn with the button at the top right. F1 lists the keys."
    )
    if len(g.humans) > 1:
        out.append(
            "<br><br><b>Several teams share this computer</b><br>Ending your turn seals your orders and hides "
            "this screen behind a hand-over screen; "
            "the next team presses Ready. The turn resolves when every team has ended, and each team reads its "
            "own report after its hand-over."
        )
    return "".join(out)


def report_html(app: "App", g: Game, actor: int, turn: int) -> str:
    """What happened in ``turn``: orders, what changed and why, the others' reasons, the news."""
    r = g.rules
    th = app.theme
    acc, muted = th.hexcolour("accent"), th.hexcolour("muted")
    inc, dec = th.hexcolour("increase"), th.hexcolour("decrease")
    rec = next((x for x in g.log if x.turn == turn), None)
    if rec is None:
        return "No turn has been resolved yet."

    def delta(d: float) -> str:
        return f"<font color='{inc if d > 0 else dec}'><b>{change(d)}</b></font>"

    def merged(entries: list) -> list[tuple]:
        """Identical causes of the same value, merged: (entry, summed delta, count)."""
        groups: dict[tuple, list] = {}
        for e in entries:
            groups.setdefault((e.quantity, e.subject, e.cause.text), []).append(e)
        return [(es[-1], sum(x.delta for x in es), len(es)) for es in groups.values()]

    def times(n: int) -> str:
        return f" <font color='{muted}'>(×{n})</font>" if n > 1 else ""

    out = [f"{app.theme.html_heading(f'Turn {turn} resolved')}<br>"]
    who = f" ({esc(r.actors[actor].name)})" if len(g.humans) > 1 else ""
    out.append(f"<font color='{acc}'><b>Your orders{who}</b></font><br>")
    mine = rec.orders.get(actor, [])
    out.append(f"{esc('; '.join(r.option_label(o) for o in mine)) if mine else 'none'}<br>")
    for a, o, reason in rec.rejected:
        if a == actor:
            out.append(f"<font color='{dec}'>✕ Rejected:</font> {esc(r.option_label(o))} ({esc(reason)})<br>")
    out.append(f"<br><font color='{acc}'><b>What changed for {esc(r.actors[actor].name)}, and why</b></font><br>")
    changes = g.changes(turn)
    mine = [
        e
        for e in changes
        if QUANTITIES[e.quantity].table == "actor"
        and e.subject == (actor,)
        and e.quantity in ("leverage", "reputation", "support", "strength", "budget")
    ]
    if not mine:
        out.append(f"<font color='{muted}'>Nothing changed.</font><br>")
    for e, d, n in merged(mine):
        out.append(f"{e.quantity}: {delta(d)} → {e.value:.0f} · {esc(e.cause.text)}{times(n)}<br>")
    out.append(f"<br><font color='{acc}'><b>Regions</b></font><br>")
    for i, reg in enumerate(r.regions):
        es = [e for e in changes if e.quantity == "stability" and e.subject == (i,)]
        net = float(g.history[turn]["stability"][i] - g.history[turn - 1]["stability"][i])
        now = g.history[turn]["stability"][i]
        line = f"<b>{esc(reg.name)}</b>: stability {now:.0f}" + (
            f" ({delta(net)})" if abs(net) >= 0.05 else ", unchanged"
        )
        out.append(line + "<br>")
        big = sorted(merged(es), key=lambda x: -abs(x[1]))[:4]
        for e, d, n in big:
            if abs(d) >= 0.05:
                out.append(f"    {delta(d)} {esc(e.cause.text)}{times(n)}<br>")
    tracks = [e for e in changes if e.quantity in ("progress", "status")]
    if tracks:
        out.append(f"<br><font color='{acc}'><b>Talks</b></font><br>")
        for e, d, n in merged(tracks)[:8]:
            name = r.tracks[e.subject[0]].name
            if e.quantity == "status":
                out.append(
                    f"{esc(name)}: now {STATUS_WORD[TrackStatus(int(e.value))]} · {esc(e.cause.text)}{times(n)}<br>"
                )
            else:
                out.append(f"{esc(name)}: progress {delta(d)} → {e.value:.0f} · {esc(e.cause.text)}{times(n)}<br>")
    out.append(f"<br><font color='{acc}'><b>What the other actors did, and why</b></font><br>")
    any_other = False
    for a in range(r.n_actors):
        if a == actor:
            continue
        opts = rec.orders.get(a, [])
        reasons = rec.reasons.get(a, [])
        if not opts and not reasons:
            continue
        any_other = True
        out.append(
            f"<b>{esc(r.actors[a].name)}</b>: "
            f"{esc('; '.join(r.option_label(o) for o in opts)) if opts else 'no orders'}<br>"
        )
        for why in reasons[:3]:
            out.append(f"<font color='{muted}'>    “{esc(why)}”</font><br>")
    if not any_other:
        out.append(f"<font color='{muted}'>The other actors gave no orders.</font><br>")
    if rec.news:
        out.append(f"<br><font color='{acc}'><b>News</b></font><br>")
        out.extend(f"• {esc(t)}<br>" for t in rec.news)
    return "".join(out)


def public_report_html(app: "App", g: Game, turn: int) -> str:
    """What every role may see after a turn: the orders carried out and the news.
    Rejected orders, reasons and each role's own changes stay in its private report."""
    r = g.rules
    acc, muted = app.theme.hexcolour("accent"), app.theme.hexcolour("muted")
    rec = next((x for x in g.log if x.turn == turn), None)
    if rec is None:
        return "No turn has been resolved yet."
    carried_out = rec.carried_out()
    out = [f"<font color='{acc}'><b>Orders carried out</b></font><br>"]
    for a in range(r.n_actors):
        done = carried_out.get(a, [])
        if done:
            out.append(f"<b>{esc(r.actors[a].name)}</b>: {esc('; '.join(r.option_label(o) for o in done))}<br>")
    if len(out) == 1:
        out.append(f"<font color='{muted}'>Nobody gave an order this turn.</font><br>")
    out.append(f"<br><font color='{acc}'><b>News</b></font><br>")
    if rec.news:
        out.extend(f"• {esc(t)}<br>" for t in rec.news)
    else:
        out.append(f"<font color='{muted}'>No news.</font><br>")
    out.append(f"<br><font color='{muted}'>Each role reads what changed for it, and why, after its hand-over.</font>")
    return "".join(out)


def why_html(app: "App", g: Game, quantity: str, subject: tuple[int, ...]) -> str:
    """A value's causal ledger: what it is, what it started at, and each change, newest first, with its cause."""
    r = g.rules
    th = app.theme
    name = g.name_of(quantity, subject)
    entries = g.why(quantity, *subject)
    now = g.value(quantity, *subject)
    words = lambda v: value_words(r, quantity, v)
    if not entries:
        return (
            f"<b>{esc(quantity.capitalize())} of {esc(name)} is {esc(words(now))}.</b><br>It has not changed since "
            "the game began."
        )
    start = now - sum(e.delta for e in entries)
    inc, dec = th.hexcolour("increase"), th.hexcolour("decrease")
    muted = th.hexcolour("muted")
    rows = [
        f"<b>{esc(quantity.capitalize())} of {esc(name)} is {esc(words(now))}</b> (it started at "
        f"{esc(words(start))}). "
        "Each change, newest first:<br>"
    ]
    for e in reversed(entries):
        who = (
            f" <font color='{muted}'>[{esc(r.actors[e.cause.actor].name)}]</font>"
            if e.cause.actor >= 0 and e.cause.kind.value == "action"
            else ""
        )
        col = inc if e.delta > 0 else dec
        if quantity in NAMED_VALUES:
            rows.append(
                f"<font color='{muted}'>turn {e.turn}</font>  → <b>{esc(words(e.value))}</b>   "
                f"{esc(e.cause.text)}{who}<br>"
            )
            continue
        rows.append(
            f"<font color='{muted}'>turn {e.turn}</font>  <font color='{col}'><b>{change(e.delta)}"
            f"</b></font>  → {e.value:.0f}   {esc(e.cause.text)}{who}<br>"
        )
    return "".join(rows)
