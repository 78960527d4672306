"""The terminal mode: a real interactive program, also scriptable from a file.

Type ``help`` for the commands. When standard input is not a terminal, each
command is echoed after the prompt so a transcript reads like a session; the
program ends cleanly, with status 0, at the end of its input.

Like the window, the terminal mode autosaves at every end of turn (to the
``--save`` file, else the scenario's autosave in the player's data folder,
see :mod:`game.gui.userdata`), and tries to on a crash. ``quit`` with
unsaved progress asks first (or, reading a script, saves). Everything printed
goes through :func:`game.session.files.clean`, so no name, briefing, news
item or AI reason from a scenario or a save can send escape sequences to the
terminal.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from game.core.conditions import QUANTITIES
from game.core.engine import Prediction
from game.core.spec import Category, Outcome, TrackStatus
from game.session.files import clean, clean_line
from game.session.fmt import SWITCHES, arrow, signed
from game.session.game import Game, IllegalOrder
from game.session.save import SaveError, dumps, load_game, save, to_dict

MAX_LINE = 4096
"""The longest command line read (in characters); a longer one is refused whole."""
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
HELP = """\
Commands (short forms in brackets):
  status [s]                  your dashboard, the regions and the talks
  actions [a] [all|mil|dip]   what you can order now, with cost and predicted effects
  order N | order NAME [o]    queue action N from the list, or by the name shown beside it (e.g. 'order strike harbour')
  cancel K [c]                remove your K-th queued order
  orders                      your queued orders
  end [e]                     end the turn (orders resolve together with everyone's)
  why QUANTITY [SUBJECT] [w]  why a value changed, e.g. 'why reputation',
                              'why stability harbour', 'why relations northland'
  news [n]                    the news of this turn
  report [r]                  last turn's report: changes, the AI's orders and reasons
  actors | regions | tracks   details; 'council' for the Security Council
  history [h]                 headline values turn by turn
  briefing [b]                your role's briefing and objective
  save [FILE] | load FILE     save or load a game (default file: <scenario>.save.json)
  facilitator                 unlock the facilitator's controls (passphrase)
  quit [q]                    leave the game
Hot-seat (several human roles): 'end' seals your orders and hands over to the
next role; the turn resolves when every role has ended."""
FAC_HELP = """Facilitator commands (after 'facilitator' and the passphrase; 'lock' to hide them):
  fac view                      every actor's values, hidden ones included, and queued orders
  fac pause [NOTE] | fac resume the game cannot end a turn while paused
  fac injects                   the scenario's events you can send
  fac inject EVENT [NOTE]       send one of them now
  fac set QUANTITY NAME... VALUE [NOTE]
                                e.g. fac set stability harbour 45 "port calmer than expected"
  fac event "HEADLINE" QUANTITY NAME... AMOUNT [NOTE]
                                a news item of your own, e.g. fac event "Border riots" stability harbour -8
  fac log                       every intervention so far"""


CLEAR_ALL = "\033[2J\033[3J\033[H"
"""Clear the terminal's screen and its scrollback, cursor home."""
ALT_SCREEN_ON, ALT_SCREEN_OFF = "\033[?1049h", "\033[?1049l"
"""A hot-seat game plays on the terminal's alternate screen, which keeps no scrollback."""


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


class TextUI:
    def __init__(
        self,
        game: Game,
        actor: int,
        out: TextIO,
        save_path: Path | None = None,
        echo: bool = False,
        inp: TextIO | None = None,
    ) -> None:
        self.game = game
        # A hot-seat game saved in the middle of a turn goes on with a role still to end it.
        waiting = game.to_end()
        self.actor = waiting[0] if actor in game.sealed and waiting else actor
        self.out = out
        self.echo = echo
        self.inp = inp
        self.fac = None
        self.briefed: set[int] = set()
        """Hot-seat teams that have been shown their briefing."""
        self.reported: dict[int, int] = {}
        """Hot-seat teams and the last turn whose own report they have been shown."""
        self.save_path = save_path or Path(f"{game.scenario.id}.save.json")
        self.autosave_to = save_path
        """Where the game is saved at every end of turn (None: the scenario's autosave)."""
        self.done = False
        self._saved = self._fingerprint()
        self.commands: dict[str, Callable[[list[str]], None]] = {
            "help": self.cmd_help,
            "?": self.cmd_help,
            "status": self.cmd_status,
            "s": self.cmd_status,
            "actions": self.cmd_actions,
            "a": self.cmd_actions,
            "order": self.cmd_order,
            "o": self.cmd_order,
            "cancel": self.cmd_cancel,
            "c": self.cmd_cancel,
            "orders": self.cmd_orders,
            "end": self.cmd_end,
            "e": self.cmd_end,
            "why": self.cmd_why,
            "w": self.cmd_why,
            "news": self.cmd_news,
            "n": self.cmd_news,
            "report": self.cmd_report,
            "r": self.cmd_report,
            "actors": self.cmd_actors,
            "regions": self.cmd_regions,
            "tracks": self.cmd_tracks,
            "council": self.cmd_council,
            "history": self.cmd_history,
            "h": self.cmd_history,
            "briefing": self.cmd_briefing,
            "b": self.cmd_briefing,
            "save": self.cmd_save,
            "load": self.cmd_load,
            "facilitator": self.cmd_facilitator,
            "fac": self.cmd_fac,
            "lock": self.cmd_lock,
            "quit": self.cmd_quit,
            "q": self.cmd_quit,
            "exit": self.cmd_quit,
        }

    # ------------------------------------------------------------ output
    def p(self, text: str = "") -> None:
        self.out.write(clean(text) + "\n")

    @property
    def me(self) -> str:
        return clean_line(self.game.rules.actors[self.actor].name)

    def prompt(self) -> str:
        g = self.game
        if g.over:
            return "(game over)> "
        return f"turn {g.turn} {g.rules.actors[self.actor].id}> "

    # ------------------------------------------------------------ loop
    def run(self, inp: TextIO) -> int:
        alternate = self.out.isatty() and len(self.game.humans) > 1
        if alternate:
            self.out.write(ALT_SCREEN_ON + CLEAR_ALL)
        try:
            return self._run(inp)
        finally:
            if alternate:
                self.out.write(ALT_SCREEN_OFF)
                self.out.flush()
                if self.game.over:
                    # The results are public: they stay on the screen the class goes back to.
                    if self.game.log:
                        self.p(f"=== Turn {self.game.log[-1].turn} resolved ===")
                        self.public_report(self.game.log[-1].turn)
                    self.show_end()

    def _run(self, inp: TextIO) -> int:
        self.inp = inp
        self.intro()
        while not self.done:
            try:
                self.out.write(self.prompt())
                self.out.flush()
                line = self.read_line(inp)
                if line is None:
                    continue
                if not line:
                    self.p()
                    self.p("End of input: leaving the game.")
                    break
                if self.echo:
                    self.out.write(clean(line.rstrip("\n")) + "\n")
                self.handle(line)
            except KeyboardInterrupt:
                if self.dirty:
                    where = self.autosave()
                    if where:
                        self.p(f"\nInterrupted: your game was saved to {where}.")
                raise
            except Exception:
                where = self.autosave()
                self.p(
                    f"An internal error stopped the game; {'it was saved to ' + str(where) if where else 'it could not be saved'}."
                )
                raise
        if not self.done and self.dirty:
            where = self.autosave()
            if where:
                self.p(f"Your game was saved to {where}.")
        return 0

    def read_line(self, inp: TextIO) -> str | None:
        """The next command line ('' at the end of input), or None for a line
        longer than MAX_LINE: it is read to its end in pieces, never parsed,
        and refused in one line."""
        line = inp.readline(MAX_LINE + 1)
        if len(line) <= MAX_LINE or line.endswith("\n"):
            return line
        total = len(line)
        while line and not line.endswith("\n"):
            line = inp.readline(1 << 16)
            total += len(line)
        if self.echo:
            self.out.write("…\n")
        self.p(f"Line too long ({total:,} characters; at most {MAX_LINE:,}): ignored.")
        return None

    # ------------------------------------------------------------ saving
    def _fingerprint(self) -> str:
        try:
            return dumps(to_dict(self.game))
        except Exception:  # noqa: BLE001 - a game that cannot be serialised counts as changed
            return ""

    @property
    def dirty(self) -> bool:
        """Whether the game has changed since it was last saved (or started)."""
        return self._fingerprint() != self._saved

    def autosave_path(self) -> Path:
        if self.autosave_to is not None:
            return self.autosave_to
        from game.gui.userdata import autosave_path

        return autosave_path(self.game)

    def autosave(self) -> Path | None:
        """Save where the window would (see game.gui.userdata); the path, or None (and why, printed)."""
        path = self.autosave_path()
        try:
            save(self.game, path)
        except Exception as exc:  # noqa: BLE001 - an autosave that fails must not stop the game
            self.p(f"Could not autosave to {path}: {exc}.")
            return None
        self._saved = self._fingerprint()
        return path

    def handle(self, line: str) -> None:
        if len(line) > MAX_LINE + 1:
            # Splitting a huge line would take time growing with its square.
            self.p(f"Line too long ({len(line):,} characters; at most {MAX_LINE:,}): ignored.")
            return
        line = line.strip()
        if not line or line.startswith("#"):
            return
        try:
            words = shlex.split(line)
        except ValueError:
            words = line.split()
        if not words:
            return
        cmd, args = words[0].lower(), words[1:]
        if whole(cmd) is not None:
            cmd, args = "order", [cmd]
        fn = self.commands.get(cmd)
        if fn is None:
            import difflib

            close = difflib.get_close_matches(cmd, list(self.commands), n=1)
            self.p(
                f"Unknown command '{cmd}'."
                + (f" Did you mean '{close[0]}'?" if close else "")
                + " Type 'help' for the list."
            )
            return
        fn(args)

    def intro(self) -> None:
        g = self.game
        m = g.scenario.meta
        self.p(f"=== {m.title} ===")
        if m.period:
            self.p(m.period + (" (fictional)" if m.fictional else ""))
        self.p()
        if m.briefing:
            self.p(m.briefing)
            self.p()
        hot_seat = len(g.humans) > 1 and not g.over
        if not hot_seat:
            self.cmd_briefing([])
            self.briefed.add(self.actor)
            self.p()
        self.p("Type 'help' for the commands, 'actions' to see what you can do.")
        self.p(f"The game is saved at every end of turn to {self.autosave_path()}.")
        self.p()
        self.record_note()
        if self.game.sealed:
            names = ", ".join(self.game.rules.actors[a].name for a in sorted(self.game.sealed))
            self.p(f"Already ended this turn (orders sealed): {names}.")
            self.p()
        if self.game.news():
            self.p("News:")
            self.cmd_news([])
            self.p()
        if hot_seat:
            # Each team reads its briefing and gives its orders after a hand-over of its own.
            self.hand_over(self.actor, clear=False)
            return
        self.cmd_status([])

    # ------------------------------------------------------------ commands
    def cmd_help(self, args: list[str]) -> None:
        self.p(HELP)

    def cmd_briefing(self, args: list[str]) -> None:
        g = self.game
        k = g.role_index(self.actor)
        if k is None:
            self.p(f"You lead {self.me}.")
            return
        info = g.scenario.meta.roles[k]
        self.p(f"You lead {self.me}.")
        self.p(info.briefing.strip())
        self.p(f"Objective: {info.victory}")
        if info.defeat:
            self.p(f"You lose if: {info.defeat}")

    def cmd_status(self, args: list[str]) -> None:
        g = self.game
        r = g.rules
        a = self.actor
        self.p(f"--- {r.title} · turn {min(g.turn, r.turn_limit)}/{r.turn_limit} · {g.date} ---")
        vals = []
        for q in ("leverage", "reputation", "support", "strength", "readiness"):
            vals.append(f"{q} {g.value(q, a):.0f}{arrow(g.delta(q, a))}")
        self.p(f"{self.me}: " + "  ".join(vals))
        self.p(
            f"Budget {g.budget_left(a):.0f} of {g.value('budget', a):.0f} left · orders {len(g.pending.get(a, []))}/{r.max_orders} · world tension {g.value('tension'):.0f}{arrow(g.delta('tension'))}"
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
        g = self.game
        r = g.rules
        s = g.state
        stab = g.value("stability", i)
        crisis = " CRISIS" if s.crisis[0, i] else ""
        ctrl = clean_line(r.actors[int(s.control[0, i])].name)
        owner = clean_line(r.actors[r.regions[i].owner].name)
        held = f"held by {ctrl}" + ("" if ctrl == owner else f" (owner {owner})")
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
        return f"{clean_line(r.regions[i].name):<24} stability {stab:3.0f}{arrow(g.delta('stability', i)):<4}{crisis} need {g.value('need', i):3.0f} · {held}{extra}"

    def track_line(self, k: int) -> str:
        g = self.game
        r = g.rules
        s = g.state
        t = r.tracks[k]
        st = TrackStatus(int(s.track_status[0, k])).name.lower()
        med = int(s.mediator[0, k])
        medt = f", mediator {clean_line(r.actors[med].name)}" if med >= 0 else ""
        return f"{clean_line(t.name)} ({t.topic.value.replace('_', ' ')}, {clean_line(r.actors[t.parties[0]].name)}–{clean_line(r.actors[t.parties[1]].name)}): {st}, progress {s.progress[0, k]:.0f}, trust {s.trust[0, k]:.0f}{medt}"

    def cmd_actions(self, args: list[str]) -> None:
        g = self.game
        if g.over:
            self.p("The game is over.")
            return
        show_all = bool(args) and args[0] in ("all", "*")
        cat = None
        if args and args[0].startswith("mil"):
            cat = Category.MILITARY
        elif args and args[0].startswith("dip"):
            cat = Category.DIPLOMATIC
        views = g.options(self.actor)
        listed = [v for v in views if v.legal or show_all]
        left = g.budget_left(self.actor)
        self.p(
            f"Budget left: {left:.0f}. Number, action, cost, the name to type, predicted effect on your values (range if uncertain):"
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
                        f"  {v.number:3d}. {v.label} [{v.cost}] ({v.slug}) — {describe_prediction(g, self.actor, v.prediction)}"
                    )
                else:
                    self.p(f"   --  {v.label} [{v.cost}] ({v.slug}) (unavailable: {v.reason})")
        if not n:
            self.p("  Nothing you can order now. Type 'end' to end the turn.")
        elif not show_all:
            self.p(
                "Type 'order N' or 'order NAME' to queue one (the numbers stay the same all game); 'actions all' also lists the unavailable ones and why."
            )

    def cmd_order(self, args: list[str]) -> None:
        g = self.game
        if not args:
            self.p("Usage: order N (from 'actions'), or order ACTION TARGET, e.g. 'order humanitarian harbour'.")
            return
        try:
            if len(args) == 1 and whole(args[0]) is not None:
                n = whole(args[0]) or 0
                try:
                    option = g.option_by_number(self.actor, n)
                except IllegalOrder:
                    self.p(f"No action number {n}; type 'actions' for the list.")
                    return
            else:
                option = g.find_option(self.actor, " ".join(args))
            g.queue(self.actor, option)
        except IllegalOrder as exc:
            self.p(f"Cannot order that: {exc}.")
            return
        self.p(f"Queued: {g.rules.option_label(option)} (budget left {g.budget_left(self.actor):.0f}).")

    def cmd_cancel(self, args: list[str]) -> None:
        k = whole(args[0]) if args else None
        if k is None:
            self.p("Usage: cancel K (see 'orders').")
            return
        try:
            o = self.game.unqueue(self.actor, k - 1)
        except IllegalOrder as exc:
            self.p(f"{exc}.")
            return
        self.p(f"Removed: {self.game.rules.option_label(o)}.")

    def cmd_orders(self, args: list[str]) -> None:
        q = self.game.pending.get(self.actor, [])
        if not q:
            self.p("No orders queued.")
            return
        for k, o in enumerate(q):
            self.p(f"  {k + 1}. {self.game.rules.option_label(o)} [{self.game.rules.opt_cost[o]}]")

    def cmd_end(self, args: list[str]) -> None:
        g = self.game
        if g.over:
            self.p("The game is over. Type 'quit' to leave, or 'why', 'history', 'save'.")
            return
        if g.paused:
            self.p("The facilitator has paused the game: the turn cannot end yet.")
            return
        hot_seat = len(g.humans) > 1
        if hot_seat:
            g.sealed.add(self.actor)
            waiting = g.seats_after(self.actor)
            if waiting:
                self.p(f"Orders of {self.me} sealed.")
                # Kept on disk at once, as in the window: a crash loses no team's orders.
                self.autosave()
                self.hand_over(waiting[0])
                return
        mine = list(g.pending.get(self.actor, []))
        rec = g.end_turn()
        self.autosave()
        if hot_seat:
            if not g.over:
                # The public report stays on the hand-over screen, for every team to read.
                self.hand_over(g.seats_after(None)[0], public_turn=rec.turn)
            else:
                if self.out.isatty():
                    self.out.write(CLEAR_ALL)  # nothing of the last team's screen stays for the class
                self.fac = None
                self.p(f"=== Turn {rec.turn} resolved ===")
                self.public_report(rec.turn)
                self.show_end()
            return
        self.p(f"=== Turn {rec.turn} resolved ===")
        if mine:
            self.p("Your orders: " + "; ".join(g.rules.option_label(o) for o in mine))
        self.report(rec.turn)
        self.p()
        self.cmd_status([])

    def hand_over(self, nxt: int, public_turn: int | None = None, clear: bool = True) -> None:
        """The hand-over screen between hot-seat roles: nothing private stays
        on it; after a turn resolves it shows that turn's public report.
        ``clear=False`` keeps what is on the screen (public: the game's opening)."""
        name = self.game.rules.actors[nxt].name
        if clear:
            if self.out.isatty():
                # Clear the screen and its scrollback: nothing of the last team stays.
                self.out.write(CLEAR_ALL)
            else:
                self.p("\n" * 3 + "=" * 60)
        if public_turn is not None:
            self.p(f"=== Turn {public_turn} resolved ===")
            self.public_report(public_turn)
            self.p()
        self.p(f"Hand the keyboard to {name}. Press Enter when {name} is ready.")
        self.out.write("> ")
        self.out.flush()
        line = self.inp.readline() if self.inp is not None else "\n"
        if self.echo:
            self.out.write(line if line.endswith("\n") else line + "\n")
        if self.out.isatty():
            self.out.write(CLEAR_ALL)
        # The facilitator's controls never pass to the next team.
        self.fac = None
        self.actor = nxt
        self.p(f"--- {name} ---")
        if nxt not in self.briefed:
            # Each team reads its own briefing once it has the keyboard, not over another's shoulder.
            self.briefed.add(nxt)
            self.cmd_briefing([])
            self.p()
        last = self.game.log[-1].turn if self.game.log else 0
        if last and self.reported.get(nxt, 0) < last:
            # Its own part of the last turn's report: its orders, any rejected, what changed for it.
            self.reported[nxt] = last
            self.p(f"Your report on turn {last}:")
            mine = self.game.log[-1].orders.get(nxt, [])
            self.p("Your orders: " + ("; ".join(self.game.rules.option_label(o) for o in mine) or "none"))
            self.report(last)
            self.p()
        self.cmd_status([])

    def public_report(self, turn: int) -> None:
        """What every player may see after a turn: the orders carried out and the news."""
        g = self.game
        r = g.rules
        rec = next((x for x in g.log if x.turn == turn), None)
        if rec is None:
            return
        for a, opts in rec.carried_out().items():
            self.p(f"{r.actors[a].name}: " + "; ".join(r.option_label(o) for o in opts))
        if rec.news:
            self.p("News:")
            for t in rec.news:
                self.p(f"  • {t}")

    def report(self, turn: int) -> None:
        g = self.game
        r = g.rules
        rec = next((x for x in g.log if x.turn == turn), None)
        if rec is None:
            self.p("No turn has been resolved yet.")
            return
        for a, opts in sorted(rec.orders.items()):
            if a == self.actor or a in g.humans:
                continue
            self.p(f"{r.actors[a].name}: " + "; ".join(r.option_label(o) for o in opts))
            for why in rec.reasons.get(a, [])[:3]:
                self.p(f"    why: {why}")
        for a, o, reason in rec.rejected:
            if a == self.actor:
                self.p(f"Rejected: {r.option_label(o)} ({reason})")
        changes = [
            e
            for e in g.changes(turn)
            if QUANTITIES[e.quantity].table == "actor"
            and e.subject == (self.actor,)
            and e.quantity in ("leverage", "reputation", "support")
        ]
        if changes:
            self.p(f"What changed for {self.me}:")
            for e in changes:
                self.p(f"  {e.quantity:<10} {signed(e.delta):>5}  {e.cause.text}")
        if rec.news:
            self.p("News:")
            for t in rec.news:
                self.p(f"  • {t}")

    def cmd_report(self, args: list[str]) -> None:
        g = self.game
        if not g.log:
            self.p("No turn has been resolved yet.")
            return
        self.report(g.log[-1].turn)

    def cmd_news(self, args: list[str]) -> None:
        news = self.game.news()
        if not news:
            self.p("No news this turn.")
        for t in news:
            self.p(f"  • {t}")

    def cmd_why(self, args: list[str]) -> None:
        g = self.game
        r = g.rules
        if not args:
            self.p(
                "Usage: why QUANTITY [SUBJECT], e.g. 'why reputation', 'why stability harbour', 'why relations northland'."
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
        seen = g.view(self.actor)
        for subj in subjects:
            name = g.name_of(q, subj)
            if not seen.exact(q, *subj):
                self.p(
                    f"{q} of {name} is hidden from you: your estimate is about {seen.value(q, *subj):.0f}. Intelligence on {name}, or an alliance with it, would show it and why it changed."
                )
                continue
            entries = g.why(q, *subj)
            now = g.value(q, *subj)
            if not entries:
                self.p(f"{q} of {name} is {now:.0f}; it has not changed.")
                continue
            self.p(f"Why {q} of {name} is {now:.0f} (started at {now - sum(e.delta for e in entries):.0f}):")
            for e in entries:
                who = (
                    f" [{r.actors[e.cause.actor].name}]"
                    if e.cause.actor >= 0 and e.cause.kind.value == "action"
                    else ""
                )
                self.p(f"  turn {e.turn:<3} {signed(e.delta):>6}  {e.cause.text}{who}")

    def _subjects(self, table: str, arg: str | None) -> list[tuple[int, ...]]:
        r = self.game.rules
        ids_a = [a.id for a in r.actors]
        ids_r = [x.id for x in r.regions]
        ids_t = [x.id for x in r.tracks]
        if table == "global":
            return [()]
        if table == "actor":
            if arg is None:
                return [(self.actor,)]
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
                raise KeyError(f"Name the other actor, e.g. 'why relations {ids_a[1 if self.actor == 0 else 0]}'")
            o = ids_a.index(arg)
            return [(o, self.actor), (self.actor, o)]
        if table == "actor_region":
            if arg is None or arg not in ids_r:
                raise KeyError(f"Name the region, e.g. 'why forces {ids_r[0]}'")
            return [(self.actor, ids_r.index(arg))]
        raise KeyError("Nothing to explain for that quantity.")

    def cmd_actors(self, args: list[str]) -> None:
        g = self.game
        r = g.rules
        s = g.state
        seen = g.view(self.actor)
        for a, spec in enumerate(r.actors):
            rel = "" if a == self.actor else f" · relations to you {s.relations[0, a, self.actor]:+.0f}"
            about = "" if seen.exact("strength", a) else "~"
            hidden = f"strength {about}{seen.value('strength', a):.0f} support {about}{seen.value('support', a):.0f}"
            self.p(
                f"{clean_line(spec.name):<22} {spec.kind.value:<12} leverage {s.leverage[0, a]:3.0f} reputation {s.reputation[0, a]:3.0f} {hidden}{rel}"
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
        for i in range(self.game.rules.n_regions):
            self.p(self.region_line(i))

    def cmd_tracks(self, args: list[str]) -> None:
        if not self.game.rules.tracks:
            self.p("No negotiation tracks in this scenario.")
        for k in range(self.game.rules.n_tracks):
            self.p(self.track_line(k))

    def cmd_council(self, args: list[str]) -> None:
        g = self.game
        c = g.rules.council
        if c.seats == 0:
            self.p("This scenario has no Security Council.")
            return
        names = lambda xs: ", ".join(g.rules.actors[a].name for a in xs) or "none"
        self.p(f"Security Council: {c.seats} seats, {c.pass_votes} votes to adopt, no veto by a permanent member.")
        self.p(f"  Permanent (veto): {names(c.permanent)}")
        self.p(f"  Elected: {names(c.elected)}" + (f" and {c.other_seats} other states" if c.other_seats else ""))
        s = g.state
        for a, spec in enumerate(g.rules.actors):
            marks = []
            if s.condemned[0, a]:
                marks.append("condemned")
            if s.un_sanctions[0, a]:
                marks.append("under Council sanctions")
            if s.mandate_force[0, a]:
                marks.append("force authorised against it")
            if marks:
                self.p(f"  {spec.name}: {', '.join(marks)}")

    def cmd_history(self, args: list[str]) -> None:
        g = self.game
        a = self.actor
        self.p("turn  leverage  reputation  support  " + "  ".join(f"{reg.name[:12]:>12}" for reg in g.rules.regions))
        for t, h in enumerate(g.history):
            regs = "  ".join(f"{h['stability'][i]:12.0f}" for i in range(g.rules.n_regions))
            self.p(f"{t + 1:4d}  {h['leverage'][a]:8.0f}  {h['reputation'][a]:10.0f}  {h['support'][a]:7.0f}  {regs}")

    def cmd_save(self, args: list[str]) -> None:
        path = Path(args[0]) if args else self.save_path
        if args and len(self.game.humans) > 1 and self.fac is None and path != self.save_path:
            # A team may save its own game, never write over another file (another group's save).
            self.p(
                f"In a hot-seat game 'save' keeps the game in {self.save_path}; saving elsewhere needs the facilitator."
            )
            return
        try:
            save(self.game, path)
        except OSError as exc:
            self.p(f"Could not save: {exc}.")
            return
        self._saved = self._fingerprint()
        self.p(f"Saved to {path}.")

    def cmd_load(self, args: list[str]) -> None:
        path = Path(args[0]) if args else self.save_path
        hot_seat = len(self.game.humans) > 1 and not self.game.over
        if hot_seat and self.fac is None:
            if self.game.facilitator:
                self.p(
                    "In a hot-seat game only the facilitator can load another game: type 'facilitator' and the passphrase first."
                )
            else:
                self.p(
                    "A hot-seat game cannot be swapped for another in the middle: load a save from the command line (brinkmanship play --load FILE)."
                )
            return
        try:
            game = load_game(path)
        except SaveError as exc:
            self.p(f"Could not load: {exc}")
            return
        controls = None
        if hot_seat:
            # The game that takes over must be the facilitator's too, so that the
            # swap is logged in both sealed records.
            from game.session.facilitator import FacilitatorError, unlock

            if not game.facilitator:
                self.p(
                    f"Not loaded: {clean_line(str(path))} has no facilitator, and a hot-seat game is only swapped for one the facilitator controls."
                )
                return
            self.out.write(f"Facilitator passphrase of {clean_line(str(path))}: ")
            self.out.flush()
            try:
                controls = unlock(game, self._secret())
            except FacilitatorError as exc:
                self.p(f"Not loaded: {exc}.")
                return
            where = clean_line(str(path))[:200]
            self.game.interventions.append(
                {
                    "turn": self.game.turn,
                    "kind": "note",
                    "note": f"the facilitator left this hot-seat game on turn {self.game.turn} for {where}",
                }
            )
            game.interventions.append(
                {
                    "turn": game.turn,
                    "kind": "note",
                    "note": f"the facilitator loaded this game ({where}) in the middle of another hot-seat game"
                    f" ({clean_line(str(self.autosave_path()))[:200]})",
                }
            )
        if self.dirty:
            where = self.autosave()
            if where:
                self.p(f"The game you were playing was saved to {where}.")
        if hot_seat:
            self.fac = controls
        self.game = game
        # The loaded game goes on saving where it came from, never over the game just left.
        self.save_path = self.autosave_to = path
        # A swap logged in the loaded game's record is a change still to be saved.
        self._saved = "" if hot_seat else self._fingerprint()
        waiting = game.to_end()
        if (self.actor not in game.humans or self.actor in game.sealed) and waiting:
            self.actor = waiting[0]
        if self.actor not in game.humans and game.humans:
            self.actor = game.humans[0]
        self.p(f"Loaded {path}; it is saved there at every end of turn.")
        self.record_note()
        if hot_seat and not game.over and len(game.humans) > 1:
            # The loaded game goes on with its first team that has not ended the turn, after a hand-over.
            self.briefed, self.reported = set(), {}
            self.hand_over(game.seats_after(None)[0])
            return
        self.cmd_status([])

    # ------------------------------------------------------------ facilitator
    def cmd_facilitator(self, args: list[str]) -> None:
        from game.session.facilitator import FacilitatorError, unlock

        if not self.game.facilitator:
            self.p("This game has no facilitator. Start it with --facilitator to choose a passphrase.")
            return
        self.out.write("Facilitator passphrase: ")
        self.out.flush()
        phrase = self._secret()
        try:
            self.fac = unlock(self.game, phrase)
        except FacilitatorError as exc:
            self.p(f"Refused: {exc}.")
            return
        self.p("Facilitator controls unlocked ('lock' hides them again).")
        from game.session.facilitator import record_status

        status = record_status(self.game)
        if status.code != "none":
            self.p(status.text)
        self.p(FAC_HELP)

    def _secret(self) -> str:
        if self.inp is not None and self.inp.isatty():
            import getpass

            return getpass.getpass("")
        line = self.inp.readline() if self.inp is not None else ""
        if self.echo:
            self.out.write("********\n")
        return line.rstrip("\n")

    def cmd_lock(self, args: list[str]) -> None:
        self.fac = None
        self.p("Facilitator controls locked.")

    def cmd_fac(self, args: list[str]) -> None:
        from game.session.facilitator import FacilitatorError

        if self.fac is None:
            self.p("Facilitator controls are locked: type 'facilitator' and the passphrase.")
            return
        if not args:
            self.p(FAC_HELP)
            return
        sub, rest = args[0], args[1:]
        f = self.fac
        try:
            if sub == "view":
                for row in f.overview():
                    who = "human" if row["human"] else "AI"
                    queued = "; ".join(row["queued"]) or "-"
                    values = f"lev {row['leverage']:3.0f} rep {row['reputation']:3.0f} sup {row['support']:3.0f} str {row['strength']:3.0f} ready {row['readiness']:3.0f} budget {row['budget']:2.0f}"
                    self.p(f"{row['name']:<22} {who:<5} {values} · queued: {queued}")
            elif sub == "pause":
                f.pause(" ".join(rest))
                self.p("Game paused.")
            elif sub == "resume":
                f.resume(" ".join(rest))
                self.p("Game resumed.")
            elif sub == "injects":
                for eid, name in f.injects():
                    self.p(f"  {eid:<24} {name}")
            elif sub == "inject":
                if not rest:
                    self.p("Usage: fac inject EVENT [NOTE]")
                    return
                for line in f.inject(rest[0], " ".join(rest[1:])):
                    self.p(f"  • {line}")
            elif sub == "set":
                q, names, value, note = self._fac_change(rest)
                f.adjust(q, names, value, note)
                self.p(f"Set {q} of {' / '.join(names)} to {value:g}.")
            elif sub == "event":
                if not rest:
                    self.p('Usage: fac event "HEADLINE" QUANTITY NAME... AMOUNT [NOTE]')
                    return
                headline = rest[0]
                q, names, amount, note = self._fac_change(rest[1:])
                f.custom_event(headline, "", [(q, names, amount)], note)
                self.p(f"News sent: {headline}.")
            elif sub == "log":
                if not self.game.interventions:
                    self.p("No interventions yet.")
                for i in self.game.interventions:
                    self.p(
                        f"  turn {i['turn']}: {i['kind']} {i.get('event') or i.get('headline') or i.get('quantity') or ''} {('— ' + i['note']) if i.get('note') else ''}"
                    )
            else:
                self.p(f"Unknown facilitator command '{sub}'.")
                self.p(FAC_HELP)
        except FacilitatorError as exc:
            self.p(f"Cannot do that: {exc}.")

    def _fac_change(self, rest: list[str]) -> tuple[str, list[str], float, str]:
        from game.session.facilitator import FacilitatorError

        if not rest or rest[0] not in QUANTITIES:
            raise FacilitatorError(
                f"name a value first (e.g. stability, leverage, relations), not '{rest[0] if rest else ''}'"
            )
        q = rest[0]
        table = QUANTITIES[q].table
        n = {"actor": 1, "region": 1, "track": 1, "pair": 2, "actor_region": 2, "global": 0}.get(table, 1)
        names = rest[1 : 1 + n]
        try:
            text = rest[1 + n]
            # Only ASCII digits are numbers in the terminal ('٣' and '²' are not).
            if not text.isascii():
                raise ValueError(text)
            value = float(text)
        except (IndexError, ValueError):
            raise FacilitatorError(f"'{q}' needs {n} name(s) then a number written with the digits 0-9") from None
        return q, names, value, " ".join(rest[2 + n :])

    def record_note(self) -> None:
        """Say plainly when a loaded game's facilitator record cannot be trusted."""
        from game.session.facilitator import record_status

        status = record_status(self.game)
        if status.code in ("unverifiable", "removed", "altered"):
            self.p(status.text)

    def cmd_quit(self, args: list[str]) -> None:
        if self.dirty:
            if self.inp is not None and self.inp.isatty():
                self.out.write(
                    f"Your progress is not saved. Save it to {self.autosave_path()} before leaving? [y]es / [n]o / [c]ancel: "
                )
                self.out.flush()
                answer = (self.inp.readline() or "y").strip().lower()
                if answer.startswith("c"):
                    self.p("Still playing.")
                    return
                if not answer.startswith("n") and self.autosave() is None:
                    self.p(
                        "Not leaving: the game could not be saved ('save FILE' to choose another file, 'quit' again and 'n' to leave anyway)."
                    )
                    return
            else:
                where = self.autosave()
                if where:
                    self.p(f"Saved your progress to {where}.")
        self.p("Goodbye.")
        self.done = True

    def show_end(self) -> None:
        g = self.game
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


def watch(game: Game, out: TextIO | None = None) -> int:
    """Play the whole game with AI actors only, printing every turn."""
    out = out or sys.stdout
    r = game.rules
    ui = TextUI(game, r.roles[0].actor if r.roles else 0, out)
    ui.p(f"=== {game.scenario.meta.title} — seed {game.seed}, every actor played by the AI ===")
    for line in game.news():
        ui.p(f"  • {line}")
    while not game.over:
        rec = game.end_turn()
        ui.p()
        ui.p(f"--- Turn {rec.turn} ({r.calendar.date_of(rec.turn).isoformat()}) ---")
        for a, opts in sorted(rec.orders.items()):
            ui.p(f"{r.actors[a].name}: " + "; ".join(r.option_label(o) for o in opts))
            for why in dict.fromkeys(rec.reasons.get(a, [])):
                ui.p(f"    why: {why}")
        for t in rec.news:
            ui.p(f"  • {t}")
    ui.show_end()
    return 0


def run_text(
    game: Game,
    actor: int,
    inp: TextIO | None = None,
    out: TextIO | None = None,
    save_path: Path | None = None,
    facilitator: bool = False,
) -> int:
    inp = inp or sys.stdin
    out = out or sys.stdout
    echo = not inp.isatty()
    ui = TextUI(game, actor, out, save_path, echo, inp)
    if facilitator and not game.facilitator:
        from game.session.facilitator import FacilitatorError, enable

        while True:
            out.write("Choose the facilitator's passphrase (at least 4 characters): ")
            out.flush()
            phrase = ui._secret()
            if not phrase and not inp.isatty():
                out.write("\nNo passphrase given: leaving.\n")
                return 2
            if inp.isatty():
                # Typed unseen: a typo would lock the facilitator out for the whole game.
                out.write("Again: ")
                out.flush()
                if ui._secret() != phrase:
                    out.write("The two passphrases differ.\n")
                    continue
            try:
                enable(game, phrase)
                break
            except FacilitatorError as exc:
                out.write(f"{exc}.\n")
        out.write("Facilitator enabled. Type 'facilitator' during the game to use the controls.\n")
    return ui.run(inp)
