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

from game.cli.facilitator import FacilitatorCommands
from game.cli.files import FileCommands
from game.cli.handover import ALT_SCREEN_OFF, ALT_SCREEN_ON, CLEAR_ALL, HandOver
from game.cli.info import InfoCommands
from game.cli.orders import OrderCommands, whole
from game.session.classroom import TurnTimer, team_label
from game.session.facilitator import Controls
from game.session.files import clean, clean_line
from game.session.game import Game
from game.session.save import dumps, save, to_dict

MAX_LINE = 4096
"""The longest command line read (in characters); a longer one is refused whole."""
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
  save [FILE] | load FILE     save or load a game (default: <scenario>.save.json in your saves folder)
  facilitator                 unlock the facilitator's controls (passphrase)
  quit [q]                    leave the game
Hot-seat (several human roles): 'end' seals your orders and hands over to the
next role; the turn resolves when every role has ended."""


def default_save_path(game: Game) -> Path:
    """The scenario's save in the player's saves folder, the one the window saves to and lists."""
    from game.gui.userdata import saves_dir

    return saves_dir() / f"{game.scenario.id}.save.json"


class TextUI:
    """The terminal session: it reads command lines and hands each to its
    command group (orders, information, files, the facilitator, the hot-seat
    hand-over), which prints what the session returns."""

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
        self.fac: Controls | None = None
        """The facilitator's controls, while unlocked (never passed on to the next hot-seat team)."""
        self.briefed: set[int] = set()
        """Hot-seat teams that have been shown their briefing."""
        self.reported: dict[int, int] = {}
        """Hot-seat teams and the last turn whose own report they have been shown."""
        self.save_path = save_path or default_save_path(game)
        """Where 'save' and 'load' without a name go: the saves folder the window's Load screen lists."""
        self.autosave_to = save_path
        """Where the game is saved at every end of turn (None: the scenario's autosave)."""
        self.done = False
        self.saved = self.fingerprint()
        """The game as last saved (or started), to tell whether it has changed."""
        self.timer: TurnTimer | None = None
        """The hot-seat turn timer, if the game has one (restarted for each seat)."""
        self.reflect = False
        """Whether each team is asked why it chose its orders when it ends its turn."""
        self.orders = OrderCommands(self)
        self.info = InfoCommands(self)
        self.files = FileCommands(self)
        self.facilitator = FacilitatorCommands(self)
        self.handover = HandOver(self)
        self.commands: dict[str, Callable[[list[str]], None]] = {
            "help": self.cmd_help,
            "?": self.cmd_help,
            "status": self.info.cmd_status,
            "s": self.info.cmd_status,
            "actions": self.orders.cmd_actions,
            "a": self.orders.cmd_actions,
            "order": self.orders.cmd_order,
            "o": self.orders.cmd_order,
            "cancel": self.orders.cmd_cancel,
            "c": self.orders.cmd_cancel,
            "orders": self.orders.cmd_orders,
            "end": self.orders.cmd_end,
            "e": self.orders.cmd_end,
            "why": self.info.cmd_why,
            "w": self.info.cmd_why,
            "news": self.info.cmd_news,
            "n": self.info.cmd_news,
            "report": self.info.cmd_report,
            "r": self.info.cmd_report,
            "actors": self.info.cmd_actors,
            "regions": self.info.cmd_regions,
            "tracks": self.info.cmd_tracks,
            "council": self.info.cmd_council,
            "history": self.info.cmd_history,
            "h": self.info.cmd_history,
            "briefing": self.info.cmd_briefing,
            "b": self.info.cmd_briefing,
            "save": self.files.cmd_save,
            "load": self.files.cmd_load,
            "facilitator": self.facilitator.cmd_facilitator,
            "fac": self.facilitator.cmd_fac,
            "lock": self.facilitator.cmd_lock,
            "quit": self.files.cmd_quit,
            "q": self.files.cmd_quit,
            "exit": self.files.cmd_quit,
        }

    def p(self, text: str = "") -> None:
        self.out.write(clean(text) + "\n")

    @property
    def me(self) -> str:
        return clean_line(team_label(self.game, self.actor))

    def prompt(self) -> str:
        g = self.game
        if g.over:
            return "(game over)> "
        left = ""
        if self.timer is not None:
            if not self.timer.running:
                self.timer.start()
            left = f" [{self.timer.text()} left]"
        team = g.teams.get(self.actor)
        who = f"{g.rules.actors[self.actor].id} ({clean_line(team)})" if team else g.rules.actors[self.actor].id
        return f"turn {g.turn} {who}{left}> "

    def time_up(self) -> bool:
        """End the seat's turn if its timer has run out (with the orders queued so far)."""
        if self.timer is None or not self.timer.expired() or self.game.over or self.game.paused:
            return False
        self.p(f"Time is up for {self.me}: the turn ends with the orders queued so far.")
        self.orders.cmd_end([])
        return True

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
                        self.info.public_report(self.game.log[-1].turn)
                    self.info.show_end()

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
                if self.time_up():
                    continue
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
                    "An internal error stopped the game; "
                    f"{'it was saved to ' + str(where) if where else 'it could not be saved'}."
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

    def fingerprint(self) -> str:
        try:
            return dumps(to_dict(self.game))
        except Exception:  # noqa: BLE001 - a game that cannot be serialised counts as changed
            return ""

    @property
    def dirty(self) -> bool:
        """Whether the game has changed since it was last saved (or started)."""
        return self.fingerprint() != self.saved

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
        self.saved = self.fingerprint()
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
            self.info.cmd_briefing([])
            self.briefed.add(self.actor)
            self.p()
        self.p("Type 'help' for the commands, 'actions' to see what you can do.")
        self.p(f"The game is saved at every end of turn to {self.autosave_path()}.")
        self.p()
        self.facilitator.record_note()
        if self.game.sealed:
            names = ", ".join(self.game.rules.actors[a].name for a in sorted(self.game.sealed))
            self.p(f"Already ended this turn (orders sealed): {names}.")
            self.p()
        if self.game.news():
            self.p("News:")
            self.info.cmd_news([])
            self.p()
        if hot_seat:
            # Each team reads its briefing and gives its orders after a hand-over of its own.
            self.handover.hand_over(self.actor, clear=False)
            return
        self.info.cmd_status([])

    def secret(self) -> str:
        if self.inp is not None and self.inp.isatty():
            import getpass

            return getpass.getpass("")
        line = self.inp.readline() if self.inp is not None else ""
        if self.echo:
            self.out.write("********\n")
        return line.rstrip("\n")

    def cmd_help(self, args: list[str]) -> None:
        self.p(HELP)


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
    ui.info.show_end()
    return 0


def run_text(
    game: Game,
    actor: int,
    inp: TextIO | None = None,
    out: TextIO | None = None,
    save_path: Path | None = None,
    facilitator: bool = False,
    timer: float | None = None,
    reflect: bool = False,
    clock: Callable[[], float] | None = None,
) -> int:
    """Play in the terminal. ``timer``: seconds each seat has for its turn;
    ``reflect``: ask each team why it chose its orders when it ends the turn."""
    inp = inp or sys.stdin
    out = out or sys.stdout
    echo = not inp.isatty()
    ui = TextUI(game, actor, out, save_path, echo, inp)
    ui.reflect = reflect
    if timer is not None:
        from game.session.classroom import TurnTimer

        ui.timer = TurnTimer(timer, clock) if clock is not None else TurnTimer(timer)
    if facilitator and not game.facilitator:
        from game.session.facilitator import FacilitatorError, enable

        while True:
            out.write("Choose the facilitator's passphrase (at least 4 characters): ")
            out.flush()
            phrase = ui.secret()
            if not phrase and not inp.isatty():
                out.write("\nNo passphrase given: leaving.\n")
                return 2
            # Asked twice: typed unseen, a typo would lock the facilitator out for the whole game.
            out.write("Again: ")
            out.flush()
            if ui.secret() != phrase:
                out.write("The two passphrases differ.\n")
                continue
            try:
                enable(game, phrase)
                break
            except FacilitatorError as exc:
                out.write(f"{exc}.\n")
        out.write("Facilitator enabled. Type 'facilitator' during the game to use the controls.\n")
    return ui.run(inp)
