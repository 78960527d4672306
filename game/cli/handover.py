"""The hot-seat hand-over in the terminal: between two teams the screen keeps
nothing of the last one, and the next team reads its own briefing and report."""

from __future__ import annotations

from game.cli.group import Commands

CLEAR_ALL = "\033[2J\033[3J\033[H"
"""Clear the terminal's screen and its scrollback, cursor home."""
ALT_SCREEN_ON, ALT_SCREEN_OFF = "\033[?1049h", "\033[?1049l"
"""A hot-seat game plays on the terminal's alternate screen, which keeps no scrollback."""


class HandOver(Commands):
    """The hand-over between hot-seat teams."""

    def clear(self) -> None:
        """Leave nothing of what was on the screen: clear it and its scrollback
        on a terminal, push it out of sight with a rule otherwise."""
        if self.ui.out.isatty():
            self.ui.out.write(CLEAR_ALL)
        else:
            self.p("\n" * 3 + "=" * 60)

    def hand_over(self, nxt: int, public_turn: int | None = None, clear: bool = True) -> None:
        """The hand-over screen between hot-seat roles: nothing private stays
        on it; after a turn resolves it shows that turn's public report.
        ``clear=False`` keeps what is on the screen (public: the game's opening)."""
        from game.session.classroom import team_label

        name = team_label(self.ui.game, nxt)
        if clear:
            self.clear()  # nothing of the last team stays
        if public_turn is not None:
            self.p(f"=== Turn {public_turn} resolved ===")
            self.ui.info.public_report(public_turn)
            self.p()
        self.p(f"Hand the keyboard to {name}. Press Enter when {name} is ready.")
        self.ui.out.write("> ")
        self.ui.out.flush()
        line = self.ui.inp.readline() if self.ui.inp is not None else "\n"
        if self.ui.echo:
            self.ui.out.write(line if line.endswith("\n") else line + "\n")
        if self.ui.out.isatty():
            self.ui.out.write(CLEAR_ALL)
        # The facilitator's controls never pass to the next team.
        self.ui.fac = None
        self.ui.actor = nxt
        if self.ui.timer is not None:
            self.ui.timer.start()  # each seat's time runs from the moment it has the keyboard
        self.p(f"--- {name} ---")
        if nxt not in self.ui.briefed:
            # Each team reads its own briefing once it has the keyboard, not over another's shoulder.
            self.ui.briefed.add(nxt)
            self.ui.info.cmd_briefing([])
            self.p()
        last = self.ui.game.log[-1].turn if self.ui.game.log else 0
        if last and self.ui.reported.get(nxt, 0) < last:
            # Its own part of the last turn's report: its orders, any rejected, what changed for it.
            self.ui.reported[nxt] = last
            self.p(f"Your report on turn {last}:")
            mine = self.ui.game.log[-1].orders.get(nxt, [])
            self.p("Your orders: " + ("; ".join(self.ui.game.rules.option_label(o) for o in mine) or "none"))
            self.ui.info.report(last)
            self.p()
        self.ui.info.cmd_status([])
