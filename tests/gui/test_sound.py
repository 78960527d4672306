"""Sound cues: made by the project's own script, played at the set volume,
muted with F8, and silent (never an error) without an audio device."""

from __future__ import annotations

import os
import wave

import pygame
from conftest import open_first_role, press, step, wait_idle

from game.gui import soundgen
from game.gui.app import App
from game.gui.audio import Sounds
from game.gui.play.screen import turn_cue
from game.gui.theme import asset
from game.gui.userdata import Settings
from game.scenario.loader import load
from game.session.game import Game


def open_game(app: App, sid: str = "tutorial", seed: int = 7) -> Game:
    return open_first_role(app, sid, seed)


def test_the_shipped_cues_are_what_the_script_writes_short_and_small():
    for cue in soundgen.CUES:
        path = asset("sounds", f"{cue}.wav")
        assert path.read_bytes() == soundgen.wav_bytes(cue), f"{path}: run python -m game.gui.soundgen"
        with wave.open(str(path)) as w:
            seconds = w.getnframes() / w.getframerate()
        assert 0.05 < seconds <= 1.0
        assert path.stat().st_size < 64_000


def test_queuing_an_order_sounds_and_f8_mutes_it(app):
    game = open_game(app)
    me = app.screen.actor
    legal = [v for v in game.options(me) if v.legal]
    app.screen.selected_option = legal[0].option
    press(app, pygame.K_SPACE)
    assert game.pending[me] and app.sounds.last == "queued"

    app.sounds.last = None
    press(app, pygame.K_F8)
    assert app.settings.muted and Settings.load().muted  # kept for the next time
    press(app, pygame.K_BACKSPACE)
    app.screen.selected_option = legal[0].option
    press(app, pygame.K_SPACE)
    assert game.pending[me] and app.sounds.last is None  # queued, in silence

    press(app, pygame.K_F8)
    assert not app.settings.muted
    app.settings.volume = 0
    press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_SPACE)
    assert app.sounds.last is None  # volume 0 is silence too


def test_a_resolved_turn_sounds_its_cue(app):
    game = open_game(app)
    app.settings.confirm_end_turn = False
    app.settings.report_after_turn = False
    crises = {int(i) for i in game.state.crisis[0].nonzero()[0]}
    press(app, pygame.K_RETURN)
    wait_idle(app)
    assert game.turn == 2
    assert app.sounds.last == turn_cue(game, game.log[-1], crises)
    assert app.sounds.last in soundgen.CUES


def test_a_strike_carried_out_sounds_as_a_strike():
    sc = load("tutorial")
    game = Game.new(sc, 7, (sc.rules.actor_index("southland"),))
    me = game.humans[0]
    for _turn in range(4):
        opts = [v for v in game.options(me, with_predictions=False) if v.legal and v.action == "strike"]
        if opts:
            game.queue(me, opts[0].option)
            crises = {int(i) for i in game.state.crisis[0].nonzero()[0]}
            rec = game.end_turn()
            assert me in rec.carried_out()
            assert turn_cue(game, rec, crises | set(range(game.rules.n_regions))) == "strike"
            return
        game.end_turn()
    raise AssertionError("no strike could be ordered in four turns")


def test_without_an_audio_device_the_game_is_silent_and_goes_on(monkeypatch):
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-audio-device")
    s = Sounds(Settings())
    assert not s.available and s.error
    s.play("turn")  # nothing, and no error
    assert s.last is None
    a = App(settings=Settings(), size=(1280, 720))
    try:
        step(a)
        press(a, pygame.K_F8)
        press(a, pygame.K_F8)
        assert "no audio device" in a.toast_text
    finally:
        a.screen.leave()
        pygame.quit()
        os.environ["SDL_AUDIODRIVER"] = "dummy"
