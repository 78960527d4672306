"""`brinkmanship preview SCENARIO --out map.png`: the starting map, drawn by
the window's map view without a window."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_preview_writes_the_starting_map_as_a_png(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert (
        main(["preview", str(ROOT / "docs" / "authoring" / "step3.yaml"), "--out", str(out), "--size", "800x500"]) == 0
    )
    assert "Wrote" in capsys.readouterr().out
    img = pygame.image.load(str(out))
    assert img.get_size() == (800, 500)
    colours = {tuple(img.get_at((x, y))) for x in range(0, 800, 20) for y in range(0, 500, 20)}
    assert len(colours) > 8  # regions, their borders, labels: a drawn map, not a blank image


def test_preview_of_a_shipped_scenario_by_id(tmp_path):
    out = tmp_path / "gulf.png"
    assert main(["preview", "gulf-1990", "--out", str(out)]) == 0
    assert pygame.image.load(str(out)).get_size() == (1280, 720)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "map.jpg"], "--out must name a .png file"),
        (["--out", "nowhere/map.png"], "there is no folder nowhere"),
        (["--out", "map.png", "--size", "big"], "--size must be WIDTHxHEIGHT"),
        (["--out", "map.png", "--size", "99999x10"], "--size must be from"),
    ],
)
def test_preview_refuses_bad_arguments_with_a_clear_message(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["preview", "tutorial", *args]) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_preview_of_a_broken_scenario_gives_its_located_errors(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\n", encoding="utf-8")
    assert main(["preview", str(bad), "--out", str(tmp_path / "m.png")]) == 2
    assert "bad.yaml:" in capsys.readouterr().err
