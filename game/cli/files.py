"""The terminal's commands on files: save, load (in hot-seat, the facilitator's), and
quit (which saves, or asks first)."""

from __future__ import annotations

from pathlib import Path

from game.cli.group import Commands
from game.session.files import clean_line
from game.session.save import SaveError, load_game, save


class FileCommands(Commands):
    """The commands 'save', 'load' and 'quit'."""

    def cmd_save(self, args: list[str]) -> None:
        path = Path(args[0]) if args else self.ui.save_path
        if args and len(self.ui.game.humans) > 1 and self.ui.fac is None and path != self.ui.save_path:
            # A team may save its own game, never write over another file (another group's save).
            self.p(
                f"In a hot-seat game 'save' keeps the game in {self.ui.save_path}; saving elsewhere needs the "
                "facilitator."
            )
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save(self.ui.game, path)
        except OSError as exc:
            self.p(f"Could not save: {exc}.")
            return
        self.ui.saved = self.ui.fingerprint()
        self.p(f"Saved to {path}.")

    def cmd_load(self, args: list[str]) -> None:
        path = Path(args[0]) if args else self.ui.save_path
        hot_seat = len(self.ui.game.humans) > 1 and not self.ui.game.over
        if hot_seat and self.ui.fac is None:
            if self.ui.game.facilitator:
                self.p(
                    "In a hot-seat game only the facilitator can load another game: type 'facilitator' and the "
                    "passphrase first."
                )
            else:
                self.p(
                    "A hot-seat game cannot be swapped for another in the middle: load a save from the command "
                    "line (brinkmanship play --load FILE)."
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
                    f"Not loaded: {clean_line(str(path))} has no facilitator, and a hot-seat game is only "
                    "swapped for one the facilitator controls."
                )
                return
            self.ui.out.write(f"Facilitator passphrase of {clean_line(str(path))}: ")
            self.ui.out.flush()
            try:
                controls = unlock(game, self.ui.secret())
            except FacilitatorError as exc:
                self.p(f"Not loaded: {exc}.")
                return
            where = clean_line(str(path))[:200]
            self.ui.game.interventions.append(
                {
                    "turn": self.ui.game.turn,
                    "kind": "note",
                    "note": f"the facilitator left this hot-seat game on turn {self.ui.game.turn} for {where}",
                }
            )
            game.interventions.append(
                {
                    "turn": game.turn,
                    "kind": "note",
                    "note": f"the facilitator loaded this game ({where}) in the middle of another hot-seat game"
                    f" ({clean_line(str(self.ui.autosave_path()))[:200]})",
                }
            )
        if self.ui.dirty:
            where = self.ui.autosave()
            if where:
                self.p(f"The game you were playing was saved to {where}.")
        if hot_seat:
            self.ui.fac = controls
        self.ui.game = game
        # The loaded game goes on saving where it came from, never over the game just left.
        self.ui.save_path = self.ui.autosave_to = path
        # A swap logged in the loaded game's record is a change still to be saved.
        self.ui.saved = "" if hot_seat else self.ui.fingerprint()
        waiting = game.to_end()
        if (self.ui.actor not in game.humans or self.ui.actor in game.sealed) and waiting:
            self.ui.actor = waiting[0]
        if self.ui.actor not in game.humans and game.humans:
            self.ui.actor = game.humans[0]
        self.p(f"Loaded {path}; it is saved there at every end of turn.")
        self.ui.facilitator.record_note()
        if hot_seat and not game.over and len(game.humans) > 1:
            # The loaded game goes on with its first team that has not ended the turn, after a hand-over.
            self.ui.briefed, self.ui.reported = set(), {}
            self.ui.handover.hand_over(game.seats_after(None)[0])
            return
        self.ui.info.cmd_status([])

    def cmd_quit(self, args: list[str]) -> None:
        if self.ui.dirty:
            if self.ui.inp is not None and self.ui.inp.isatty():
                self.ui.out.write(
                    f"Your progress is not saved. Save it to {self.ui.autosave_path()} before leaving? [y]es / "
                    "[n]o / [c]ancel: "
                )
                self.ui.out.flush()
                answer = (self.ui.inp.readline() or "y").strip().lower()
                if answer.startswith("c"):
                    self.p("Still playing.")
                    return
                if not answer.startswith("n") and self.ui.autosave() is None:
                    self.p(
                        "Not leaving: the game could not be saved ('save FILE' to choose another file, 'quit' "
                        "again and 'n' to leave anyway)."
                    )
                    return
            else:
                where = self.ui.autosave()
                if where:
                    self.p(f"Saved your progress to {where}.")
        self.p("Goodbye.")
        self.ui.done = True
