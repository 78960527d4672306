"""The terminal's information commands: the dashboard, the regions, actors, talks
and Council, the news, the turn reports, the history, why a value changed, and
the end of the game."""

from __future__ import annotations

from game.cli.group import Commands
from game.core.conditions import QUANTITIES
from game.core.spec import Outcome, TrackStatus
from game.session.files import clean_line
from game.session.fmt import NAMED_VALUES, arrow, holding, signed, value_words
from game.session.game import AI_PLAYED


class InfoCommands(Commands):
    """The commands 'status', 'briefing', 'news', 'report', 'why', 'actors', 'regions', 'tracks',
    'council' and 'history', and the end of the game's results."""

    def cmd_briefing(self, args: list[str]) -> None:
        g = self.ui.game
        k = g.role_index(self.ui.actor)
        if k is None:
            self.p(f"You lead {self.ui.me}.")
            return
        info = g.scenario.meta.roles[k]
        self.p(f"You lead {self.ui.me}.")
        self.p(info.briefing.strip())
        self.p(f"Objective: {info.victory}")
        if info.defeat:
            self.p(f"You lose if: {info.defeat}")

    def cmd_status(self, args: list[str]) -> None:
        g = self.ui.game
        r = g.rules
        a = self.ui.actor
        self.p(f"--- {r.title} · turn {min(g.turn, r.turn_limit)}/{r.turn_limit} · {g.date} ---")
        vals = []
        for q in ("leverage", "reputation", "support", "strength", "readiness"):
            vals.append(f"{q} {g.value(q, a):.0f}{arrow(g.delta(q, a))}")
        self.p(f"{self.ui.me}: " + "  ".join(vals))
        self.p(
            f"Budget {g.budget_left(a):.0f} of {g.value('budget', a):.0f} left · orders "
            f"{len(g.pending.get(a, []))}/{r.max_orders} · world tension "
            f"{g.value('tension'):.0f}{arrow(g.delta('tension'))}"
        )
        self.p("Regions:")
        for i in range(r.n_regions):
            self.p("  " + self.region_line(i))
        if r.tracks:
            self.p("Talks:")
            for k in range(r.n_tracks):
                self.p("  " + self.track_line(k))
        if g.over:
            self.show_end()

    def region_line(self, i: int) -> str:
        g = self.ui.game
        r = g.rules
        s = g.state
        stab = g.value("stability", i)
        crisis = " CRISIS" if s.crisis[0, i] else ""
        ctrl_i, owner_i = int(s.control[0, i]), r.regions[i].owner
        holder, claim = holding(r, i, ctrl_i)
        if claim and owner_i >= 0:
            claim = f"owner {r.actors[owner_i].name}"
        held = f"held by {clean_line(holder)}" + (f" ({clean_line(claim)})" if claim else "")
        forces, pks = g.presence(i)
        present = [f"{clean_line(r.actors[a].short or r.actors[a].name)} {n:.0f}" for a, n in forces]
        pk = [f"{clean_line(r.actors[a].short or r.actors[a].name)} {n:.0f}" for a, n in pks]
        extra = ""
        if present:
            extra += " · forces " + ", ".join(present)
        if pk:
            extra += " · peacekeepers " + ", ".join(pk)
        if s.mandate_pk[0, i]:
            extra += " · UN mandate"
        return (
            f"{clean_line(r.regions[i].name):<24} stability {stab:3.0f}{arrow(g.delta('stability', i)):<4}{crisis} "
            f"need {g.value('need', i):3.0f} · {held}{extra}"
        )

    def track_line(self, k: int) -> str:
        g = self.ui.game
        r = g.rules
        s = g.state
        t = r.tracks[k]
        st = TrackStatus(int(s.track_status[0, k])).name.lower()
        med = int(s.mediator[0, k])
        medt = f", mediator {clean_line(r.actors[med].name)}" if med >= 0 else ""
        return (
            f"{clean_line(t.name)} ({t.topic.value.replace('_', ' ')}, "
            f"{clean_line(r.actors[t.parties[0]].name)}–{clean_line(r.actors[t.parties[1]].name)}): {st}, progress "
            f"{s.progress[0, k]:.0f}, trust {s.trust[0, k]:.0f}{medt}"
        )

    def cmd_news(self, args: list[str]) -> None:
        news = self.ui.game.news()
        if not news:
            self.p("No news this turn.")
        for t in news:
            self.p(f"  • {t}")

    def cmd_report(self, args: list[str]) -> None:
        g = self.ui.game
        if not g.log:
            self.p("No turn has been resolved yet.")
            return
        self.report(g.log[-1].turn)

    def report(self, turn: int) -> None:
        g = self.ui.game
        r = g.rules
        rec = next((x for x in g.log if x.turn == turn), None)
        if rec is None:
            self.p("No turn has been resolved yet.")
            return
        stand_in = g.ai_played(turn)
        if self.ui.actor in stand_in:
            mine = "; ".join(r.option_label(o) for o in rec.orders.get(self.ui.actor, [])) or "no orders"
            self.p(f"Your orders this turn were {AI_PLAYED}: {mine}")
        for a, opts in sorted(rec.orders.items()):
            if a == self.ui.actor or (a in g.humans and a not in stand_in):
                continue
            if a in stand_in:
                self.p(f"{r.actors[a].name} ({AI_PLAYED}): " + "; ".join(r.option_label(o) for o in opts))
                continue
            self.p(f"{r.actors[a].name}: " + "; ".join(r.option_label(o) for o in opts))
            for why in rec.reasons.get(a, [])[:3]:
                self.p(f"    why: {why}")
        for a, o, reason in rec.rejected:
            if a == self.ui.actor:
                self.p(f"Rejected: {r.option_label(o)} ({reason})")
        changes = [
            e
            for e in g.changes(turn)
            if QUANTITIES[e.quantity].table == "actor"
            and e.subject == (self.ui.actor,)
            and e.quantity in ("leverage", "reputation", "support")
        ]
        if changes:
            self.p(f"What changed for {self.ui.me}:")
            for e in changes:
                self.p(f"  {e.quantity:<10} {signed(e.delta):>5}  {e.cause.text}")
        if rec.news:
            self.p("News:")
            for t in rec.news:
                self.p(f"  • {t}")

    def public_report(self, turn: int) -> None:
        """What every player may see after a turn: the orders carried out and the news."""
        g = self.ui.game
        r = g.rules
        rec = next((x for x in g.log if x.turn == turn), None)
        if rec is None:
            return
        stand_in = g.ai_played(turn)
        for a, opts in rec.carried_out().items():
            mark = f" ({AI_PLAYED})" if a in stand_in else ""
            self.p(f"{r.actors[a].name}{mark}: " + "; ".join(r.option_label(o) for o in opts))
        if rec.news:
            self.p("News:")
            for t in rec.news:
                self.p(f"  • {t}")

    def cmd_why(self, args: list[str]) -> None:
        g = self.ui.game
        r = g.rules
        if not args:
            self.p(
                "Usage: why QUANTITY [SUBJECT], e.g. 'why reputation', 'why stability harbour', 'why relations "
                "northland'."
            )
            self.p("Quantities: " + ", ".join(q for q in QUANTITIES if q not in ("turn", "flag")))
            return
        q = {"lev": "leverage", "rep": "reputation", "stab": "stability", "sup": "support", "rel": "relations"}.get(
            args[0], args[0]
        )
        if q not in QUANTITIES:
            import difflib

            close = difflib.get_close_matches(q, list(QUANTITIES), n=1)
            self.p(f"Unknown quantity '{args[0]}'." + (f" Did you mean '{close[0]}'?" if close else ""))
            return
        table = QUANTITIES[q].table
        subj_arg = args[1] if len(args) > 1 else None
        try:
            subjects = self._subjects(table, subj_arg)
        except KeyError as exc:
            self.p(str(exc.args[0]))
            return
        seen = g.view(self.ui.actor)
        for subj in subjects:
            name = g.name_of(q, subj)
            if not seen.exact(q, *subj):
                self.p(
                    f"{q} of {name} is hidden from you: your estimate is about {seen.value(q, *subj):.0f}. "
                    f"Intelligence on {name}, or an alliance with it, would show it and why it changed."
                )
                continue
            entries = g.why(q, *subj)
            now = g.value(q, *subj)
            words = lambda v, _q=q: clean_line(value_words(r, _q, v))
            if not entries:
                self.p(f"{q} of {name} is {words(now)}; it has not changed.")
                continue
            self.p(f"Why {q} of {name} is {words(now)} (started at {words(now - sum(e.delta for e in entries))}):")
            for e in entries:
                who = (
                    f" [{r.actors[e.cause.actor].name}]"
                    if e.cause.actor >= 0 and e.cause.kind.value == "action"
                    else ""
                )
                step = "→ " + words(e.value) if q in NAMED_VALUES else signed(e.delta)
                self.p(f"  turn {e.turn:<3} {step:>6}  {e.cause.text}{who}")

    def _subjects(self, table: str, arg: str | None) -> list[tuple[int, ...]]:
        r = self.ui.game.rules
        ids_a = [a.id for a in r.actors]
        ids_r = [x.id for x in r.regions]
        ids_t = [x.id for x in r.tracks]
        if table == "global":
            return [()]
        if table == "actor":
            if arg is None:
                return [(self.ui.actor,)]
            if arg not in ids_a:
                raise KeyError(f"Unknown actor '{arg}'; actors: {', '.join(ids_a)}")
            return [(ids_a.index(arg),)]
        if table == "region":
            if arg is None:
                return [(i,) for i in range(r.n_regions)]
            if arg not in ids_r:
                raise KeyError(f"Unknown region '{arg}'; regions: {', '.join(ids_r)}")
            return [(ids_r.index(arg),)]
        if table == "track":
            if arg is None:
                return [(i,) for i in range(r.n_tracks)]
            if arg not in ids_t:
                raise KeyError(f"Unknown track '{arg}'; tracks: {', '.join(ids_t)}")
            return [(ids_t.index(arg),)]
        if table == "pair":
            if arg is None or arg not in ids_a:
                raise KeyError(f"Name the other actor, e.g. 'why relations {ids_a[1 if self.ui.actor == 0 else 0]}'")
            o = ids_a.index(arg)
            return [(o, self.ui.actor), (self.ui.actor, o)]
        if table == "actor_region":
            if arg is None or arg not in ids_r:
                raise KeyError(f"Name the region, e.g. 'why forces {ids_r[0]}'")
            return [(self.ui.actor, ids_r.index(arg))]
        raise KeyError("Nothing to explain for that quantity.")

    def cmd_actors(self, args: list[str]) -> None:
        g = self.ui.game
        r = g.rules
        s = g.state
        seen = g.view(self.ui.actor)
        for a, spec in enumerate(r.actors):
            rel = "" if a == self.ui.actor else f" · relations to you {s.relations[0, a, self.ui.actor]:+.0f}"
            about = "" if seen.exact("strength", a) else "~"
            hidden = f"strength {about}{seen.value('strength', a):.0f} support {about}{seen.value('support', a):.0f}"
            self.p(
                f"{clean_line(spec.name):<22} {spec.kind.value:<12} leverage {s.leverage[0, a]:3.0f} reputation "
                f"{s.reputation[0, a]:3.0f} {hidden}{rel}"
            )
        self.p("(~ an estimate: intelligence on an actor, or an alliance with it, shows its hidden values exactly.)")
        allis = [
            (r.alliances[k].name, [r.actors[a].name for a in range(r.n_actors) if s.membership[0, k, a]])
            for k in range(len(r.alliances))
        ]
        for name, members in allis:
            if members:
                self.p(f"Alliance {name}: {', '.join(members)}")

    def cmd_regions(self, args: list[str]) -> None:
        for i in range(self.ui.game.rules.n_regions):
            self.p(self.region_line(i))

    def cmd_tracks(self, args: list[str]) -> None:
        if not self.ui.game.rules.tracks:
            self.p("No negotiation tracks in this scenario.")
        for k in range(self.ui.game.rules.n_tracks):
            self.p(self.track_line(k))

    def cmd_council(self, args: list[str]) -> None:
        g = self.ui.game
        c = g.rules.council
        if c.seats == 0:
            self.p("This scenario has no Security Council.")
            return
        names = lambda xs: ", ".join(g.rules.actors[a].name for a in xs) or "none"
        self.p(f"Security Council: {c.seats} seats, {c.pass_votes} votes to adopt, no veto by a permanent member.")
        self.p(f"  Permanent (veto): {names(c.permanent)}")
        self.p(f"  Elected: {names(c.elected)}" + (f" and {c.other_seats} other states" if c.other_seats else ""))
        words = {
            "condemned": "condemned",
            "sanctions": "under Council sanctions",
            "force": "force authorised against it",
        }
        actors, regions = g.council_in_force()
        for a, measures in actors:
            self.p(f"  {g.rules.actors[a].name}: {', '.join(words[m] for m in measures)}")
        for k in regions:
            self.p(f"  {g.rules.regions[k].name}: peacekeepers mandated")

    def cmd_history(self, args: list[str]) -> None:
        g = self.ui.game
        a = self.ui.actor
        self.p("turn  leverage  reputation  support  " + "  ".join(f"{reg.name[:12]:>12}" for reg in g.rules.regions))
        for t, h in enumerate(g.history):
            regs = "  ".join(f"{h['stability'][i]:12.0f}" for i in range(g.rules.n_regions))
            self.p(f"{t + 1:4d}  {h['leverage'][a]:8.0f}  {h['reputation'][a]:10.0f}  {h['support'][a]:7.0f}  {regs}")

    def show_end(self) -> None:
        g = self.ui.game
        r = g.rules
        m = g.scenario.meta
        self.p()
        self.p(f"=== The game is over (after turn {int(g.state.end_turn[0])}) ===")
        if g.state.catastrophe[0]:
            self.p("The crisis escalated out of control: every role loses.")
        sc = g.scores()
        for k, role in enumerate(r.roles):
            out = g.outcome(k)
            word = {Outcome.WIN: "WIN", Outcome.DRAW: "DRAW", Outcome.LOSS: "LOSS", Outcome.UNDECIDED: "-"}[out]
            self.p(f"{r.actors[role.actor].name:<22} {word:<5} score {sc[k]:6.1f}   objective: {role.victory_text}")
            for line in g.score_lines(k):
                self.p(f"    {line}")
        if m.history:
            self.p()
            self.p("What actually happened:")
            self.p(m.history)
        if m.discussion:
            self.p()
            self.p("For discussion:")
            for i, q in enumerate(m.discussion, 1):
                self.p(f"  {i}. {q}")
