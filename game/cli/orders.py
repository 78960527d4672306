"""The terminal's orders: what can be ordered (with its predicted effects), queuing
and cancelling orders, and ending the turn."""

from __future__ import annotations

from game.cli.group import Commands
from game.cli.handover import CLEAR_ALL
from game.core.conditions import QUANTITIES
from game.core.engine import Prediction
from game.core.spec import Category
from game.session.files import clean_line
from game.session.fmt import SWITCHES, signed
from game.session.game import Game, IllegalOrder

SHORT = {
    "leverage": "lev",
    "reputation": "rep",
    "stability": "stab",
    "support": "sup",
    "strength": "str",
    "readiness": "ready",
    "relations": "rel",
    "progress": "prog",
}


def whole(text: str) -> int | None:
    """A whole number typed with ASCII digits ('3'), else None ('²', '٣', '-1')."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def describe_prediction(game: Game, actor: int, p: Prediction | None, limit: int = 6) -> str:
    """'lev +4, rep −5, stab Harbour +3 (0..+3)' — the actor's own values first."""
    if p is None or not p.mean:
        return "no direct effect"
    r = game.rules
    items = []
    for (q, subj), mean in p.mean.items():
        if q in SWITCHES:
            continue
        lo, hi = p.low[(q, subj)], p.high[(q, subj)]
        table = QUANTITIES[q].table
        own = table == "actor" and subj == (actor,)
        if table == "actor" and not own:
            label = f"{SHORT.get(q, q)} {r.actors[subj[0]].short or r.actors[subj[0]].name}"
        elif table == "region":
            label = f"{SHORT.get(q, q)} {r.regions[subj[0]].name.split()[0]}"
        elif table == "pair":
            if subj[1] != actor:
                continue
            label = f"rel {r.actors[subj[0]].short or r.actors[subj[0]].name}"
        elif table == "actor_region":
            where = r.regions[subj[1]].name.split()[0]
            label = (
                f"{q} in {where}"
                if subj[0] == actor
                else f"{r.actors[subj[0]].short or r.actors[subj[0]].name} {q} in {where}"
            )
        elif table == "global":
            label = q
        elif table == "track":
            label = f"{SHORT.get(q, q)} {r.tracks[subj[0]].name}"
        else:
            label = SHORT.get(q, q)
        rng = "" if abs(hi - lo) < 0.5 else f" ({signed(lo)}..{signed(hi)})"
        rank = (0 if own else 1, -abs(mean))
        items.append((rank, f"{label} {signed(mean)}{rng}"))
    items.sort(key=lambda x: x[0])
    text = ", ".join(t for _, t in items[:limit])
    if len(items) > limit:
        text += f", +{len(items) - limit} more"
    if p.notes:
        text += "; " + "; ".join(p.notes)
    return text or "no direct effect"


class OrderCommands(Commands):
    """The commands 'actions', 'order', 'cancel', 'orders' and 'end'."""

    def cmd_actions(self, args: list[str]) -> None:
        g = self.ui.game
        if g.over:
            self.p("The game is over.")
            return
        show_all = bool(args) and args[0] in ("all", "*")
        cat = None
        if args and args[0].startswith("mil"):
            cat = Category.MILITARY
        elif args and args[0].startswith("dip"):
            cat = Category.DIPLOMATIC
        views = g.options(self.ui.actor)
        listed = [v for v in views if v.legal or show_all]
        left = g.budget_left(self.ui.actor)
        self.p(
            f"Budget left: {left:.0f}. Number, action, cost, the name to type, predicted effect on your values "
            "(range if uncertain):"
        )
        n = 0
        for heading, c in (("Military", Category.MILITARY), ("Diplomatic", Category.DIPLOMATIC)):
            if cat is not None and c != cat:
                continue
            rows = [v for v in listed if v.category == c]
            if not rows:
                continue
            self.p(f"  {heading}:")
            for v in rows:
                n += 1
                if v.legal:
                    self.p(
                        f"  {v.number:3d}. {v.label} [{v.cost}] ({v.slug}) — "
                        f"{describe_prediction(g, self.ui.actor, v.prediction)}"
                    )
                else:
                    self.p(f"   --  {v.label} [{v.cost}] ({v.slug}) (unavailable: {v.reason})")
        if not n:
            self.p("  Nothing you can order now. Type 'end' to end the turn.")
        elif not show_all:
            self.p(
                "Type 'order N' or 'order NAME' to queue one (the numbers stay the same all game); 'actions all' "
                "also lists the unavailable ones and why."
            )

    def cmd_order(self, args: list[str]) -> None:
        g = self.ui.game
        if not args:
            self.p("Usage: order N (from 'actions'), or order ACTION TARGET, e.g. 'order humanitarian harbour'.")
            return
        try:
            if len(args) == 1 and whole(args[0]) is not None:
                n = whole(args[0]) or 0
                try:
                    option = g.option_by_number(self.ui.actor, n)
                except IllegalOrder:
                    self.p(f"No action number {n}; type 'actions' for the list.")
                    return
            else:
                option = g.find_option(self.ui.actor, " ".join(args))
            g.queue(self.ui.actor, option)
        except IllegalOrder as exc:
            self.p(f"Cannot order that: {exc}.")
            return
        self.p(f"Queued: {g.rules.option_label(option)} (budget left {g.budget_left(self.ui.actor):.0f}).")

    def cmd_cancel(self, args: list[str]) -> None:
        k = whole(args[0]) if args else None
        if k is None:
            self.p("Usage: cancel K (see 'orders').")
            return
        try:
            o = self.ui.game.unqueue(self.ui.actor, k - 1)
        except IllegalOrder as exc:
            self.p(f"{exc}.")
            return
        self.p(f"Removed: {self.ui.game.rules.option_label(o)}.")

    def cmd_orders(self, args: list[str]) -> None:
        q = self.ui.game.pending.get(self.ui.actor, [])
        if not q:
            self.p("No orders queued.")
            return
        for k, o in enumerate(q):
            self.p(f"  {k + 1}. {self.ui.game.rules.option_label(o)} [{self.ui.game.rules.opt_cost[o]}]")

    def ask_why(self) -> None:
        """The reflection prompt, if the game asks it: one line, Enter to skip."""
        if not self.ui.reflect or self.ui.actor not in self.ui.game.humans:
            return
        from game.session.classroom import REFLECTION_PROMPT, reflect

        self.ui.out.write(f"{REFLECTION_PROMPT} (one line; Enter to skip): ")
        self.ui.out.flush()
        line = self.ui.read_line(self.ui.inp) if self.ui.inp is not None else ""
        if self.ui.echo and line:
            self.ui.out.write(clean_line(line.rstrip("\n")) + "\n")
        if line and reflect(self.ui.game, self.ui.actor, line):
            self.p("Noted.")

    def cmd_end(self, args: list[str]) -> None:
        g = self.ui.game
        if g.over:
            self.p("The game is over. Type 'quit' to leave, or 'why', 'history', 'save'.")
            return
        if g.paused:
            self.p("The facilitator has paused the game: the turn cannot end yet.")
            return
        hot_seat = len(g.humans) > 1
        self.ask_why()
        if self.ui.timer is not None:
            self.ui.timer.stop()  # the next seat's timer starts when it has the keyboard
        if hot_seat:
            g.sealed.add(self.ui.actor)
            waiting = g.seats_after(self.ui.actor)
            if waiting:
                self.p(f"Orders of {self.ui.me} sealed.")
                # Kept on disk at once, as in the window: a crash loses no team's orders.
                self.ui.autosave()
                self.ui.handover.hand_over(waiting[0])
                return
        mine = list(g.pending.get(self.ui.actor, []))
        rec = g.end_turn()
        self.ui.autosave()
        if hot_seat:
            if not g.over:
                # The public report stays on the hand-over screen, for every team to read.
                self.ui.handover.hand_over(g.seats_after(None)[0], public_turn=rec.turn)
            else:
                if self.ui.out.isatty():
                    self.ui.out.write(CLEAR_ALL)  # nothing of the last team's screen stays for the class
                self.ui.fac = None
                self.p(f"=== Turn {rec.turn} resolved ===")
                self.ui.info.public_report(rec.turn)
                self.ui.info.show_end()
            return
        self.p(f"=== Turn {rec.turn} resolved ===")
        if mine:
            self.p("Your orders: " + "; ".join(g.rules.option_label(o) for o in mine))
        self.ui.info.report(rec.turn)
        self.p()
        self.ui.info.cmd_status([])
