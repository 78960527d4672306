"""settings.json is untrusted: bad values get the defaults, named in one line."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.gui.userdata import Settings, home


@pytest.mark.parametrize(
    "content, field",
    [
        ('{"ui_scale": NaN}', "not a settings file"),
        ('{"ui_scale": 1e999}', "ui_scale"),
        ('{"width": 200000, "height": 200000}', "width"),
        ('{"fps": true}', "fps"),
        ('{"width": "wide"}', "width"),
        ("[1, 2]", "not a JSON object"),
        ("{not json", "not a settings file"),
        ("[" * 30_000 + "]" * 30_000, "not a settings file"),
    ],
)
def test_bad_settings_fall_back_to_the_defaults_with_a_located_line(capsys, content, field):
    path = home() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content)
    s = Settings.load()
    assert (s.ui_scale, s.width, s.height, s.fps) == (1.0, 1280, 720, 60)
    err = capsys.readouterr().err
    assert str(path) in err and field in err and "Traceback" not in err


def test_a_huge_or_special_settings_file_is_not_read():
    path = home() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(" " * 100_000 + "{}")
    assert Settings.load() == Settings()
    path.unlink()
    path.symlink_to("/dev/zero")
    assert Settings.load() == Settings()


def test_settings_are_saved_atomically_with_a_backup_and_read_back():
    s = Settings(ui_scale=1.25, width=1600, height=900)
    s.save()
    Settings(width=1024).save()
    path = home() / "settings.json"
    assert json.loads(path.with_name("settings.json.bak").read_text())["width"] == 1600
    assert Settings.load().width == 1024


def test_loading_a_game_whose_facilitator_record_was_removed_says_so(app, tmp_path):
    from conftest import step

    from game.gui import routes
    from game.gui.replay import open_replay
    from game.scenario.loader import load
    from game.session.facilitator import enable, unlock
    from game.session.game import Game
    from game.session.save import save

    game = Game.new(load("tutorial"), 2, humans=[0])
    enable(game, "white cell")
    unlock(game, "white cell").adjust("leverage", ["northland"], 30, "a shock")
    game.end_turn()
    path = save(game, tmp_path / "g.json")
    data = json.loads(path.read_text())
    data["facilitator"], data["interventions"] = None, []
    path.write_text(json.dumps(data))
    screen = routes.saved_game(app, path)
    assert screen is not None
    app.goto(screen)
    step(app)
    assert "Facilitator record removed" in app.toast_text
    assert open_replay(app, path) is not None
    assert "Facilitator record removed" in app.toast_text


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    raw=st.binary(max_size=200)
    | st.builds(
        lambda d: json.dumps(d).encode(),
        st.dictionaries(
            st.sampled_from(["ui_scale", "fps", "width", "height", "fullscreen", "other"]),
            st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats() | st.text(max_size=5),
        ),
    )
)
def test_any_settings_file_gives_settings_the_window_can_use(raw):
    path = home() / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    s = Settings.load()
    assert 0.75 <= s.ui_scale <= 2.0 and s.fps in (30, 60, 120)
    assert 800 <= s.width <= 7680 and 560 <= s.height <= 4320
    assert isinstance(s.fullscreen, bool)
