"""The terminal's facilitator commands, behind the passphrase: see every actor,
pause, send the scenario's events or one's own, set a value, read the log."""

from __future__ import annotations

from game.cli.group import Commands
from game.core.conditions import QUANTITIES

FAC_HELP = """Facilitator commands (after 'facilitator' and the passphrase; 'lock' to hide them):
  fac view                      every actor's values, hidden ones included, and queued orders
  fac pause [NOTE] | fac resume the game cannot end a turn while paused
  fac injects                   the scenario's prepared injects and other events (those already fired marked)
  fac inject EVENT [NOTE]       send one of them now
  fac set QUANTITY NAME... VALUE [NOTE]
                                e.g. fac set stability harbour 45 "port calmer than expected"
  fac event "HEADLINE" QUANTITY NAME... AMOUNT [NOTE]
                                a news item of your own, e.g. fac event "Border riots" stability harbour -8
  fac log                       every intervention so far"""


class FacilitatorCommands(Commands):
    """The commands 'facilitator', 'lock' and 'fac ...'."""

    def cmd_facilitator(self, args: list[str]) -> None:
        from game.session.facilitator import FacilitatorError, unlock

        if not self.ui.game.facilitator:
            self.p("This game has no facilitator. Start it with --facilitator to choose a passphrase.")
            return
        self.ui.out.write("Facilitator passphrase: ")
        self.ui.out.flush()
        phrase = self.ui.secret()
        try:
            self.ui.fac = unlock(self.ui.game, phrase)
        except FacilitatorError as exc:
            self.p(f"Refused: {exc}.")
            return
        self.p("Facilitator controls unlocked ('lock' hides them again).")
        from game.session.facilitator import record_status

        status = record_status(self.ui.game)
        if status.code != "none":
            self.p(status.text)
        self.p(FAC_HELP)

    def cmd_lock(self, args: list[str]) -> None:
        self.ui.fac = None
        if len(self.ui.game.humans) > 1 and not self.ui.game.over:
            # What the facilitator saw (every team's sealed orders) leaves the screen with the controls.
            self.ui.handover.clear()
            self.p(f"--- {self.ui.game.rules.actors[self.ui.actor].name} ---")
        self.p("Facilitator controls locked.")

    def cmd_fac(self, args: list[str]) -> None:
        from game.session.facilitator import FacilitatorError

        if self.ui.fac is None:
            self.p("Facilitator controls are locked: type 'facilitator' and the passphrase.")
            return
        if not args:
            self.p(FAC_HELP)
            return
        sub, rest = args[0], args[1:]
        f = self.ui.fac
        try:
            if sub == "view":
                for row in f.overview():
                    who = "human" if row["human"] else "AI"
                    queued = "; ".join(row["queued"]) or "-"
                    values = (
                        f"lev {row['leverage']:3.0f} rep {row['reputation']:3.0f} sup {row['support']:3.0f} str "
                        f"{row['strength']:3.0f} ready {row['readiness']:3.0f} budget {row['budget']:2.0f}"
                    )
                    self.p(f"{row['name']:<22} {who:<5} {values} · queued: {queued}")
            elif sub == "pause":
                f.pause(" ".join(rest))
                self.p("Game paused.")
            elif sub == "resume":
                f.resume(" ".join(rest))
                self.p("Game resumed.")
            elif sub == "injects":
                items = f.inject_list()
                prepared = [x for x in items if x["prepared"]]
                others = [x for x in items if not x["prepared"]]
                if prepared:
                    self.p("Prepared injects (they happen only if you send them):")
                    for x in prepared:
                        self.p(f"  {x['id']:<24} {x['name']}{self._fired(x)}")
                else:
                    self.p("This scenario has no prepared injects.")
                self.p("The scenario's other events (you may also send one now):")
                for x in others:
                    self.p(f"  {x['id']:<24} {x['name']}{self._fired(x)}")
            elif sub == "inject":
                if not rest:
                    self.p("Usage: fac inject EVENT [NOTE]")
                    return
                for line in f.inject(rest[0], " ".join(rest[1:])):
                    self.p(f"  • {line}")
            elif sub == "set":
                q, names, value, note = self._fac_change(rest)
                f.adjust(q, names, value, note)
                self.p(f"{f.describe(self.ui.game.interventions[-1])}.")
            elif sub == "event":
                if not rest:
                    self.p('Usage: fac event "HEADLINE" QUANTITY NAME... AMOUNT [NOTE]')
                    return
                headline = rest[0]
                q, names, amount, note = self._fac_change(rest[1:])
                f.custom_event(headline, "", [(q, names, amount)], note)
                self.p(f"News sent: {headline}.")
            elif sub == "log":
                if not self.ui.game.interventions:
                    self.p("No interventions yet.")
                for i in self.ui.game.interventions:
                    note = f" — {i['note']}" if i.get("note") and i.get("kind") != "note" else ""
                    self.p(f"  turn {i['turn']}: {f.describe(i)}{note}")
            else:
                self.p(f"Unknown facilitator command '{sub}'.")
                self.p(FAC_HELP)
        except FacilitatorError as exc:
            self.p(f"Cannot do that: {exc}.")

    @staticmethod
    def _fired(x: dict) -> str:
        if not x["fired"]:
            return ""
        when = f" on turn {x['turn']}" if x.get("turn") else ""
        return f"  [already {'sent' if x.get('sent') else 'happened'}{when}]"

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

        status = record_status(self.ui.game)
        if status.code in ("unverifiable", "removed", "altered"):
            self.p(status.text)
