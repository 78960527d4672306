"""The game's sound cues (turn resolved, order queued, agreement, strike,
crisis): short WAV files in ``assets/sounds/`` made by
:mod:`game.gui.soundgen`, played at the volume of the settings unless muted.

Without an audio device (or with SDL's dummy audio driver, which plays
nothing) the game stays silent and goes on; no error reaches the player.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pygame

from game.gui.soundgen import CUES
from game.gui.theme import asset
from game.gui.userdata import Settings


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep the audio library's own complaints (ALSA's, with no sound card) off the terminal."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class Sounds:
    """The cues, loaded once. ``play`` does nothing when there is no audio device."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self.last: str | None = None
        """The last cue played (and heard, unless muted or at volume 0)."""
        self.error = ""
        """Why there is no sound, if there is none."""
        try:
            with _quiet_stderr():
                if pygame.mixer.get_init() is None:
                    pygame.mixer.init(22050, -16, 1, 512)
            for cue in CUES:
                self.sounds[cue] = pygame.mixer.Sound(str(asset("sounds", f"{cue}.wav")))
        except (pygame.error, OSError, FileNotFoundError) as exc:
            self.sounds = {}
            self.error = str(exc).splitlines()[0] if str(exc) else "no audio device"

    @property
    def available(self) -> bool:
        return bool(self.sounds)

    @property
    def audible(self) -> bool:
        return self.available and not self.settings.muted and self.settings.volume > 0

    def play(self, cue: str) -> None:
        """Play ``cue`` (one of :data:`CUES`) at the set volume; nothing if muted or without sound."""
        if not self.audible:
            return
        sound = self.sounds.get(cue)
        if sound is None:
            return
        sound.set_volume(self.settings.volume / 100)
        try:
            sound.play()
        except pygame.error:
            return
        self.last = cue
