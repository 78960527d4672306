"""Does each causal rule bite? How often its condition occurs in play, and what it does then.

Usage: python benchmarks/rule_bite.py [SCENARIO ...] [--games 200] [--seed 1]

Every actor plays the standard AI. For each shipped scenario (or those named)
it plays a batch of games with a ledger and counts, for each causal rule of
docs/rules.md (rules 1-10, talks, the Council, alliances, stocks), how often
the rule's condition occurs and what its effect was, read from the causes the
engine records (``Cause.source``: the action id, event id or rule name) and
from the state before and after each turn. It prints one Markdown table: one
row per measure, one column per scenario and a column pooled over them all
(per game: per game played; shares: over all cases of all scenarios), then
the raw counts of the rarer conditions over every game played.

Conventions: "/g" is per game; a dash means the condition never arose (no
denominator). A batch's ledger also records the rules the engine runs on games
that are already over (their state is then restored); those entries are
dropped here. The same scenario files, seed and number of games give the same
table.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import time
from collections import defaultdict

import numpy as np

import game.core.engine as engine
from game.ai import BatchPolicy
from game.core.derived import occupied
from game.core.engine import resolve_turn, start_game
from game.core.ledger import CauseKind, Ledger
from game.core.legal import codes_from_grids, legality_grids
from game.core.reasons import Reason
from game.core.rng import game_seeds
from game.core.spec import Kind, Rules, Topic, TrackStatus
from game.core.state import State
from game.scenario.loader import load, shipped

# The leverage-drift cause names the two parts of the actor's position that
# move its baseline; building those words recomputes the whole position for
# every logged change and would make a recorded batch several times slower.
# The counts below never read that text.
engine.baseline_words = lambda *args: ""

SHORT = {"bosnia-1995": "bosnia", "gulf-1990": "gulf", "iran-nuclear": "iran", "kosovo-1999": "kosovo"}
LEGIT = (
    ("without a Security Council mandate", "unilateral"),
    ("under a Security Council mandate", "mandate"),
    ("in self-defence", "self"),
)


class Tally:
    """Sums over the games of one scenario (or several): ``c[key]``, and ``n`` games."""

    def __init__(self) -> None:
        self.n = 0
        self.c: dict[str, float] = defaultdict(float)
        self.names: set[str] = set()
        self.declared: set[str] = set()

    def __iadd__(self, other: "Tally") -> "Tally":
        self.n += other.n
        for k, v in other.c.items():
            self.c[k] += v
        self.names |= other.names
        self.declared |= other.declared
        return self

    def __getitem__(self, key: str) -> float:
        return self.c.get(key, 0.0)


# --------------------------------------------------------------------- formatting
def num(x: float, signed: bool = False) -> str:
    if abs(x) >= 9.95:
        s = f"{x:+.0f}" if signed else f"{x:.0f}"
    elif abs(x) >= 0.995 or x == 0:
        s = f"{x:+.1f}" if signed else f"{x:.1f}"
    else:
        s = f"{x:+.2f}" if signed else f"{x:.2f}"
    return s.replace("-", "−")


def pg(t: Tally, k: str) -> str:
    """Per game."""
    return num(t[k] / t.n) if t.n else "–"


def pct(t: Tally, a: str, b: str) -> str:
    """Share ``a`` of ``b``."""
    if not t[b]:
        return "–"
    x = 100.0 * t[a] / t[b]
    if 0 < x < 0.05:
        return "<0.1%"
    return f"{x:.0f}%" if x >= 9.95 or x == 0 else f"{x:.1f}%"


def mean(t: Tally, a: str, b: str, signed: bool = True) -> str:
    return num(t[a] / t[b], signed) if t[b] else "–"


def per100(t: Tally, a: str, b: str) -> str:
    return num(100.0 * t[a] / t[b]) if t[b] else "–"


ROWS: list[tuple[str, str, object]] = [
    ("1", "strikes /g", lambda t: pg(t, "strike")),
    ("1", "share of strikes successful", lambda t: pct(t, "strike_ok", "strike_known")),
    (
        "1",
        "striker's leverage Δ: success / failure",
        lambda t: f"{mean(t, 'lev_ok', 'strike_ok')} / {mean(t, 'lev_fail', 'strike_fail')}",
    ),
    ("1", "actor-turns with diplomacy narrowed (setback) /g", lambda t: pg(t, "setback_turns")),
    ("2", "deployments /g (without invitation or mandate)", lambda t: f"{pg(t, 'deploy')} ({pg(t, 'deploy_unl')})"),
    ("2", "reputation Δ per uninvited deployment", lambda t: mean(t, "deploy_unl_rep", "deploy_unl")),
    ("2", "shows of force /g", lambda t: pg(t, "show_of_force")),
    ("3", "peacekeeper region-turns /g", lambda t: pg(t, "pk_turns")),
    ("3", "stability gained from peacekeepers /g", lambda t: pg(t, "pk_stab")),
    (
        "3",
        "ceasefire/accord talks: open track-turns /g (share with the region below talks_min_stability; "
        "below talks_full_stability)",
        lambda t: f"{pg(t, 'gated_open')} ({pct(t, 'gated_low', 'gated_open')}; {pct(t, 'gated_slow', 'gated_open')})",
    ),
    (
        "3",
        "negotiation/mediation rounds on those tracks /g (share stalled: region too unstable; share slowed)",
        lambda t: f"{pg(t, 'rounds')} ({pct(t, 'rounds_stalled', 'rounds')}; {pct(t, 'rounds_slowed', 'rounds')})",
    ),
    (
        "3",
        "ceasefire/accord tracks, open or not: share of track-turns with the region below talks_min_stability",
        lambda t: pct(t, "gated_any_low", "gated_any"),
    ),
    ("4", "humanitarian operations /g", lambda t: pg(t, "humanitarian")),
    ("4", "need lowered by relief /g", lambda t: pg(t, "hum_need")),
    ("4", "operations refused access (access_odds)", lambda t: pct(t, "hum_denied", "humanitarian")),
    ("5", "crises /g (at the start or begun in play)", lambda t: pg(t, "crisis")),
    (
        "5",
        "crisis responses /g: in time / late",
        lambda t: f"{pg(t, 'cr_in_time')} / {pg(t, 'cr_late')}",
    ),
    (
        "5",
        "responder's leverage Δ: in time / late",
        lambda t: f"{mean(t, 'cr_in_time_lev', 'cr_in_time')} / {mean(t, 'cr_late_lev', 'cr_late')}",
    ),
    ("6", "mediation rounds /g", lambda t: pg(t, "mediate")),
    ("6", "agreements reached with a mediator", lambda t: pct(t, "agree_med", "agree")),
    ("6", "mediator's reputation+leverage Δ per mediated agreement", lambda t: mean(t, "med_gain", "agree_med")),
    ("7", "reconstruction orders /g", lambda t: pg(t, "reconstruction")),
    (
        "7",
        "post-conflict region-turns /g (share below flare_below)",
        lambda t: f"{pg(t, 'pc')} ({pct(t, 'pc_low', 'pc')})",
    ),
    (
        "7",
        "flare-ups /g: regions with reconstruction / without",
        lambda t: f"{pg(t, 'flare_rec')} / {pg(t, 'flare_norec')}",
    ),
    (
        "7",
        "flare-ups per 100 post-conflict region-turns: with / without",
        lambda t: f"{per100(t, 'flare_rec', 'pc_rec')} / {per100(t, 'flare_norec', 'pc_norec')}",
    ),
    ("8", "intelligence / cyber operations /g", lambda t: f"{pg(t, 'intelligence')} / {pg(t, 'cyber')}"),
    ("8", "strikes with current intelligence", lambda t: pct(t, "strike_intel", "strike")),
    ("8", "cyber operations traced back", lambda t: pct(t, "cyber_traced", "cyber")),
    (
        "9",
        "strikes: mandated / self-defence / unilateral",
        lambda t: " / ".join(pct(t, f"strike_{c}", "strike_class") for c in ("mandate", "self", "unilateral")),
    ),
    (
        "9",
        "striker's reputation Δ: mandated / self-defence / unilateral",
        lambda t: " / ".join(mean(t, f"rep_{c}", f"strike_{c}") for c in ("mandate", "self", "unilateral")),
    ),
    ("9", "outrage (strike on peacekeepers or in breach) /g", lambda t: pg(t, "outrage")),
    (
        "9",
        "strikes in bad faith (target still talking, no deadline run out) /g; striker's reputation Δ each",
        lambda t: f"{pg(t, 'bad_faith')}; {mean(t, 'bad_faith_rep', 'bad_faith')}",
    ),
    ("10", "events fired /g", lambda t: pg(t, "events")),
    ("10", "scenario events that ever fire", lambda t: f"{len(t.names)} of {len(t.declared)}"),
    ("talks", "proposals /g", lambda t: pg(t, "proposals")),
    (
        "talks",
        "proposals accepted / countered / refused or lapsed / unanswered when the game ended",
        lambda t: " / ".join(pct(t, k, "proposals") for k in ("agree", "countered", "refusal", "pending_end")),
    ),
    ("talks", "agreements /g (broken /g)", lambda t: f"{pg(t, 'agree')} ({pg(t, 'broken')})"),
    (
        "talks",
        "terms for the first party: mean / mean distance from even",
        lambda t: f"{mean(t, 'terms', 'agree_end', False)} / {mean(t, 'terms_gap', 'agree_end', False)}",
    ),
    ("Council", "drafts put to the vote /g", lambda t: pg(t, "draft")),
    (
        "Council",
        "drafts adopted / vetoed",
        lambda t: f"{pct(t, 'draft_ok', 'draft')} / {pct(t, 'veto', 'draft')}",
    ),
    ("alliances", "alliances formed /g", lambda t: pg(t, "allied")),
    (
        "alliances",
        "obligations to answer an attack /g (defaulted)",
        lambda t: f"{pg(t, 'obligation')} ({pg(t, 'default')})",
    ),
    (
        "stocks",
        "occupied region-turns /g; occupier's support Δ /g",
        lambda t: f"{pg(t, 'occ_turns')}; {num(t['occ_support'] / t.n, True) if t.n else '–'}",
    ),
    ("stocks", "stability caps applied (region-turns /g)", lambda t: pg(t, "cap")),
    ("stocks", "tension floor applied (turns /g)", lambda t: pg(t, "floor")),
    (
        "stocks",
        "world tension: start / middle / end",
        lambda t: " / ".join(mean(t, f"tension_{k}", "games", False) for k in ("start", "mid", "end")),
    ),
    (
        "stocks",
        "games where tension reaches 80 / catastrophe_tension (90)",
        lambda t: f"{pct(t, 'tension80', 'games')} / {pct(t, 'tension_cat', 'games')}",
    ),
    (
        "stocks",
        "games reaching the ladder's top step / catastrophes",
        lambda t: f"{pct(t, 'esc_top', 'games')} / {pct(t, 'catastrophe', 'games')}",
    ),
    ("stocks", "mean stability at the end", lambda t: mean(t, "stab_end", "games", False)),
    ("stocks", "summits with an aggressor /g", lambda t: pg(t, "summit_aggr")),
    ("stocks", "sanctioned actor-turns /g", lambda t: pg(t, "sanctioned")),
    ("stocks", "need added by sanctions in the targets' own regions /g", lambda t: pg(t, "sanctions_need")),
    (
        "stocks",
        "ultimatums /g: complied / enforced / bluff called",
        lambda t: f"{pg(t, 'ultimatum')}: {pg(t, 'ult_complied')} / {pg(t, 'ult_enforced')} / {pg(t, 'ult_bluff')}",
    ),
]


# --------------------------------------------------------------------- measuring
class Batch:
    """The measures of one scenario's batch, turn by turn."""

    def __init__(self, sid: str, rules: Rules, games: int) -> None:
        r = self.r = rules
        self.sid = sid
        self.t = Tally()
        self.t.n = games
        self.t.c["games"] = games
        self.t.declared = {f"{sid}:{ev.id}" for ev in r.events if not ev.inject}
        self.kind_of = {a.id: a.kind for a in r.actions}
        self.opt_kind = np.array([list(Kind).index(r.actions[a].kind) for a in r.opt_action], np.int64)
        self.gated = [
            (k, tr.region)
            for k, tr in enumerate(r.tracks)
            if tr.topic in (Topic.CEASEFIRE, Topic.PEACE_ACCORD) and tr.region >= 0
        ]
        self.max_tension = np.zeros(games)
        self.max_escalation = np.zeros(games)
        self.flares: set[tuple[int, int]] = set()
        self.rounds: set[tuple[int, int, int]] = set()

    def before(self, s: State, codes: np.ndarray) -> None:
        """The state at the start of a turn (live games only)."""
        r, t, p = self.r, self.t, self.r.p
        live = ~s.over
        for k, g in self.gated:
            is_open = live & (s.track_status[:, k] == TrackStatus.OPEN)
            t.c["gated_open"] += is_open.sum()
            low = s.stability[:, g] < p("talks_min_stability")
            t.c["gated_low"] += (is_open & low).sum()
            t.c["gated_slow"] += (is_open & ~low & (s.stability[:, g] < p("talks_full_stability"))).sum()
            t.c["gated_any"] += live.sum()
            t.c["gated_any_low"] += (live & low).sum()
        # Options closed by a setback (the first reason found for them).
        closed = codes == int(Reason.SETBACK)
        if closed.any():
            b, o = np.nonzero(closed & live[:, None])
            t.c["setback_turns"] += len({(int(x), int(r.opt_actor[y])) for x, y in zip(b, o)})

    def orders(self, s: State, orders: np.ndarray, rejected: list) -> None:
        """The orders that were carried out (rejected ones removed)."""
        r, t = self.r, self.t
        o = orders.copy()
        for rej in rejected:
            o[rej.game, rej.actor, rej.slot] = -1
        o[s.over] = -1
        b, a, _ = np.nonzero(o >= 0)
        opts = o[o >= 0]
        kinds = self.opt_kind[opts]
        for i, kind in enumerate(Kind):
            t.c[kind.value] += int((kinds == i).sum())
        strike = kinds == list(Kind).index(Kind.STRIKE)
        if strike.any():
            bb, oo = b[strike], opts[strike]
            target = s.control[bb, r.opt_region[oo]]
            t.c["strike_intel"] += int((s.intel[bb, r.opt_actor[oo], target] > 0).sum())
        # Rounds of talks on ceasefire/accord tracks: those that moved show in the ledger.
        talks = np.isin(kinds, [list(Kind).index(Kind.NEGOTIATE), list(Kind).index(Kind.MEDIATE)])
        talks &= np.isin(r.opt_track[opts], [k for k, _ in self.gated])
        self.rounds = {(int(g), int(r.opt_actor[x]), int(r.opt_track[x])) for g, x in zip(b[talks], opts[talks])}
        t.c["rounds"] += len(self.rounds)

    def ledger(self, led: Ledger, live: np.ndarray) -> dict[tuple[int, int], float]:
        """Read the turn's ledger entries; returns the agreements' gains per (game, actor)."""
        t = self.t
        keys: dict[str, set] = defaultdict(set)
        strike_ok: dict[tuple, bool] = {}
        strike_legit: dict[tuple, str] = {}
        agreement_gain: dict[tuple[int, int], float] = defaultdict(float)
        for e in led.entries:
            g = e.game
            if not live[g]:
                continue
            c = e.cause
            src, text, who = c.source, c.text, c.actor
            q = e.quantity
            if q == "tension":
                self.max_tension[g] = max(self.max_tension[g], e.value)
            elif q == "escalation":
                self.max_escalation[g] = max(self.max_escalation[g], e.value)
            if c.kind == CauseKind.ACTION:
                kind = self.kind_of.get(src)
                mine = e.subject[:1] == (who,)
                if kind == Kind.STRIKE:
                    if text.startswith(("successful ", "failed ")):
                        ok, where = text.split(" ", 1)
                        strike_ok[(g, who, where)] = ok == "successful"
                        if q == "leverage" and mine:
                            t.c["lev_ok" if ok == "successful" else "lev_fail"] += e.delta
                    else:
                        for suffix, cls in LEGIT:
                            if text.endswith(suffix):
                                strike_legit[(g, who, text[: -len(suffix)])] = cls
                                if q == "reputation" and mine:
                                    t.c[f"rep_{cls}"] += e.delta
                                break
                elif kind == Kind.DEPLOY and text.endswith("without invitation or mandate"):
                    keys["deploy_unl"].add((g, who, text))
                    if q == "reputation" and mine:
                        t.c["deploy_unl_rep"] += e.delta
                elif kind == Kind.HUMANITARIAN:
                    keys["hum_in"].add((g, who, text))
                    if q == "need":
                        t.c["hum_need"] -= e.delta
                elif kind == Kind.CRISIS_RESPONSE:
                    when = "cr_in_time" if " in time " in text else "cr_late"
                    keys[when].add((g, who, text))
                    if q == "leverage" and mine:
                        t.c[f"{when}_lev"] += e.delta
                elif kind == Kind.CYBER and text.endswith("traced back"):
                    keys["cyber_traced"].add((g, who, text))
                elif kind == Kind.RESOLUTION and text.startswith("Security Council resolution"):
                    passed = not text.endswith(" not adopted")
                    draft = (g, who, src, text.removesuffix(" adopted").removesuffix(" not"))
                    keys["draft"].add(draft)
                    if passed:
                        keys["draft_ok"].add(draft)
                elif kind == Kind.NEGOTIATE or (kind == Kind.MEDIATE and q == "progress"):
                    if q in ("progress", "trust"):
                        keys["moved"].add((g, who, e.subject[0]))
                    if q == "progress" and "(slowed to " in text:
                        keys["rounds_slowed"].add((g, who, e.subject[0]))
                elif kind == Kind.SUMMIT and text.endswith(", an aggressor"):
                    keys["summit_aggr"].add((g, who, text))
            elif c.kind == CauseKind.EVENT:
                keys["events"].add((g, src))
                t.names.add(f"{self.sid}:{src}")
            else:
                region = e.subject[0] if e.subject else -1
                if src == "flare_up":
                    keys["flare"].add((g, region))
                elif src == "peacekeeping" and q == "stability":
                    t.c["pk_stab"] += e.delta
                elif src == "outrage":
                    keys["outrage"].add((g, who, text))
                elif src == "refusal":
                    keys["refusal"].add((g, text))
                elif src == "veto":
                    keys["veto"].add((g, text))
                elif src == "alliance_default":
                    keys["default"].add((g, text))
                elif src == "stability_cap":
                    t.c["cap"] += 1
                elif src == "tension_floor":
                    t.c["floor"] += 1
                elif src == "occupation_cost" and q == "support":
                    t.c["occ_support"] += e.delta
                elif src == "sanctions" and q == "support":
                    t.c["sanctioned"] += 1
                elif src == "sanctions" and q == "need":
                    t.c["sanctions_need"] += e.delta
                elif src == "bad_faith":
                    keys["bad_faith"].add((g, who, text))
                    if q == "reputation":
                        t.c["bad_faith_rep"] += e.delta
                elif src == "ultimatum":
                    end = "ult_bluff"
                    if "backs down" in text:
                        end = "ult_complied"
                    elif "enforced" in text:
                        end = "ult_enforced"
                    keys[end].add((g, text))
                elif src == "agreement" and q in ("reputation", "leverage"):
                    agreement_gain[(g, e.subject[0])] += e.delta
        t.c["rounds_stalled"] += len(self.rounds - keys.pop("moved", set()))
        self.rounds = set()
        for k, v in keys.items():
            if k == "flare":
                self.flares = v
            else:
                t.c[k] += len(v)
        for ok in strike_ok.values():
            t.c["strike_known"] += 1
            t.c["strike_ok" if ok else "strike_fail"] += 1
        for cls in strike_legit.values():
            t.c["strike_class"] += 1
            t.c[f"strike_{cls}"] += 1
        return agreement_gain

    def after(self, s: State, s2: State, live: np.ndarray, gain: dict[tuple[int, int], float]) -> None:
        """What the turn changed in the state (live games only)."""
        r, t = self.r, self.t
        L = live
        new_agreed = (s2.track_status == TrackStatus.AGREED) & (s.track_status != TrackStatus.AGREED) & L[:, None]
        t.c["agree"] += new_agreed.sum()
        for g, k in zip(*np.nonzero(new_agreed)):
            m = int(s2.mediator[g, k])
            if m >= 0:
                t.c["agree_med"] += 1
                t.c["med_gain"] += gain.get((int(g), m), 0.0)
        broken = (s2.track_status == TrackStatus.BROKEN) & (s.track_status != TrackStatus.BROKEN)
        t.c["broken"] += (broken & L[:, None]).sum()
        made = (s2.offer >= 0) & (s2.offer_turn == s.turn) & L[:, None]
        t.c["proposals"] += made.sum()
        t.c["countered"] += (made & (s.offer >= 0) & (s.offer != s2.offer)).sum()
        t.c["crisis"] += (s2.crisis & ~s.crisis & L[:, None]).sum()
        pairs = s2.allied_matrix() & ~s.allied_matrix() & L[:, None, None]
        t.c["allied"] += pairs.sum() / 2
        t.c["obligation"] += ((s2.obligation >= 0) & (s.obligation < 0) & L[:, None, None]).sum()
        t.c["pk_turns"] += ((s2.peacekeepers.sum(axis=1) > 0) & L[:, None]).sum()
        t.c["occ_turns"] += (occupied(r, s2) & L[:, None]).sum()
        # Flare-ups, and post-conflict region-turns, with and without reconstruction.
        rec = s2.reconstruction > 0
        pc = s2.post_conflict & L[:, None]
        t.c["pc_rec"] += (pc & rec).sum()
        t.c["pc_norec"] += (pc & ~rec).sum()
        t.c["pc"] += pc.sum()
        t.c["pc_low"] += (pc & (s2.stability < r.p("flare_below"))).sum()
        for g, reg in self.flares:
            t.c["flare_rec" if rec[g, reg] else "flare_norec"] += 1
            t.c["flare"] += 1
        self.flares = set()
        self.max_tension = np.maximum(self.max_tension, np.where(L, s2.tension, 0.0))

    def end(self, s: State, tension: np.ndarray) -> None:
        r, t, p = self.r, self.t, self.r.p
        self.max_tension = np.maximum(self.max_tension, tension.max(axis=1))
        t.c["tension80"] += (self.max_tension >= 80).sum()
        t.c["tension_cat"] += (self.max_tension >= p("catastrophe_tension")).sum()
        t.c["esc_top"] += (self.max_escalation >= p("escalation_top")).sum()
        t.c["catastrophe"] += s.catastrophe.sum()
        t.c["pending_end"] += (s.offer >= 0).sum()
        t.c["hum_denied"] += t["humanitarian"] - t["hum_in"]
        t.c["stab_end"] += s.stability.mean(axis=1).sum() if r.n_regions else 0.0
        T = tension.shape[1] - 1
        for name, x in (("start", 0), ("mid", T // 2), ("end", T)):
            t.c[f"tension_{name}"] += tension[:, x].sum()
        agreed = (s.track_status == TrackStatus.AGREED) | (s.track_status == TrackStatus.BROKEN)
        t.c["agree_end"] += agreed.sum()
        t.c["terms"] += s.terms[agreed].sum()
        t.c["terms_gap"] += np.abs(s.terms[agreed] - 50.0).sum()


def measure(sid: str, games: int, seed: int) -> Tally:
    sc = load(sid)
    r = sc.rules
    policy = BatchPolicy(sc, r, {a: "standard" for a in range(r.n_actors)})
    m = Batch(sid, r, games)
    led = Ledger()
    s = start_game(r, seeds=game_seeds(seed, games), ledger=led).state
    m.ledger(led, np.ones(games, bool))
    m.t.c["crisis"] += s.crisis.sum()
    led.entries.clear()
    T = r.turn_limit
    tension = np.zeros((games, T + 1))
    turn = 0
    while not s.over.all():
        tension[:, turn] = s.tension
        live = ~s.over
        grids = legality_grids(r, s)
        codes = codes_from_grids(r, s, grids)
        m.before(s, codes)
        orders, _ = policy(s, codes, grids=grids)
        res = resolve_turn(r, s, orders, led, codes)
        m.orders(s, orders, res.rejected)
        gain = m.ledger(led, live)
        led.entries.clear()
        m.after(s, res.state, live, gain)
        s = res.state
        turn += 1
    tension[:, turn:] = s.tension[:, None]
    m.end(s, tension)
    return m.t


# --------------------------------------------------------------------- output
def commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "scenarios", "game"], capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + (" with local changes to the game or scenarios" if dirty.stdout.strip() else "")


def table(results: dict[str, Tally]) -> list[str]:
    total = Tally()
    for t in results.values():
        total += t
    cols = [SHORT.get(sid, sid) for sid in results]
    many = len(results) > 1
    head = ["rule", "what is measured", *cols] + (["all"] if many else [])
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for rule, what, fn in ROWS:
        cells = [fn(t) for t in results.values()] + ([fn(total)] if many else [])  # type: ignore[operator]
        out.append("| " + " | ".join([rule, what, *cells]) + " |")
    out += ["", counts(total)]
    return out


COUNTS = (
    ("catastrophes", "catastrophe", None),
    ("games with tension at catastrophe_tension", "tension_cat", None),
    ("deployments without invitation or mandate", "deploy_unl", "deploy"),
    ("open ceasefire/accord track-turns below talks_min_stability", "gated_low", "gated_open"),
    ("rounds on them stalled by instability", "rounds_stalled", "rounds"),
    ("rounds on them slowed by instability", "rounds_slowed", "rounds"),
    ("flare-ups", "flare", None),
    ("flare-ups where reconstruction is under way", "flare_rec", None),
    ("alliance obligations defaulted", "default", "obligation"),
    ("ultimatums complied with", "ult_complied", "ultimatum"),
    ("agreements broken", "broken", "agree"),
)


def counts(t: Tally) -> str:
    """Raw counts of the rarer conditions, over every game played."""
    parts = []
    for words, a, b in COUNTS:
        parts.append(f"{words} {int(round(t[a])):,}" + (f" of {int(round(t[b])):,}" if b else ""))
    return f"Counts over all {t.n:,} games: " + "; ".join(parts) + "."


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*", help="scenario ids (default: every shipped scenario)")
    ap.add_argument("--games", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    exe = os.path.relpath(sys.executable) if not os.path.relpath(sys.executable).startswith("..") else "python"
    print(f"$ {shlex.join([exe, *sys.argv])}")
    print(f"commit {commit()}; {args.games} games per scenario, seed {args.seed}, standard AI for every actor")
    print()
    results: dict[str, Tally] = {}
    for sid in args.scenarios or [sid for sid, _ in shipped()]:
        t0 = time.perf_counter()
        results[sid] = measure(sid, args.games, args.seed)
        print(f"{sid}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
