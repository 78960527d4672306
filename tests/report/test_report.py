"""The debrief report: every section, charts, numbers that match the game."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from game.report.data import collect
from game.report.html import render
from game.scenario.loader import load
from game.session.facilitator import enable, unlock
from game.session.game import Game, IllegalOrder
from game.session.save import save


class Parsed(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: dict[str, int] = {}
        self.external: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if "id" in a:
            self.ids.append(a["id"])
        for key in ("src", "href"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    sc = load("tutorial")
    game = Game.new(sc, 6, humans=[0])
    enable(game, "teacher")
    unlock(game, "teacher").inject("storm", "for discussion")
    plan = ["humanitarian harbour", "open_talks harbour-talks", "negotiate harbour-talks"]
    while not game.over:
        for slug in plan:
            try:
                game.queue(0, game.find_option(0, slug))
            except IllegalOrder:
                pass  # not available this turn: the plan goes on with the next
        game.end_turn()
    path = save(game, tmp / "group-a.json")
    return game, path, tmp


def test_report_is_self_contained_with_every_section(played):
    game, path, tmp = played
    html = render(collect(game, str(path)))
    p = Parsed()
    p.feed(html)
    for section in (
        "summary",
        "scores",
        "charts",
        "decisions",
        "timeline",
        "ai",
        "facilitator",
        "history",
        "discussion",
    ):
        assert section in p.ids, section
    assert p.tags.get("svg", 0) >= 3
    assert p.tags.get("polyline", 0) >= 3
    assert not p.external, p.external
    assert "@media print" in html
    assert sum(1 for i in p.ids if i.startswith("turn-")) == len(game.log)


def test_report_numbers_match_the_game(played):
    game, path, _ = played
    d = collect(game, str(path))
    text = render(d)
    for k in range(len(game.rules.roles)):
        assert f"{game.scores()[k]:.1f}" in text
        assert d.roles[k].score == pytest.approx(game.scores()[k])
    assert d.series["leverage"]["southland"] == game.series("leverage", 0)
    assert "Injected event: Spring storm hits the coast" in text and "for discussion" in text
    parsed = Parsed()
    parsed.feed(text)
    plain = "".join(parsed.text)
    for q in game.scenario.meta.discussion:
        assert q in plain
    assert game.scenario.meta.history[:60] in plain


def test_report_command_writes_html_csv_and_json_that_round_trip(played):
    game, path, tmp = played
    out = tmp / "report.html"
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "game",
            "report",
            str(path),
            "--out",
            str(out),
            "--csv",
            str(tmp / "csv"),
            "--json",
            str(tmp / "values.json"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert out.read_text().startswith("<!doctype html>")
    rows = list(csv.DictReader((tmp / "csv" / "actors.csv").open()))
    south = [float(r["leverage"]) for r in rows if r["actor"] == "southland"]
    assert south == pytest.approx(game.series("leverage", 0), abs=1e-4)
    regions = list(csv.DictReader((tmp / "csv" / "regions.csv").open()))
    assert [float(r["stability"]) for r in regions if r["region"] == "harbour"] == pytest.approx(
        game.series("stability", 0), abs=1e-4
    )
    data = json.loads((tmp / "values.json").read_text())
    assert data["series"]["reputation"]["northland"] == pytest.approx(game.series("reputation", 1))
    assert [r["score"] for r in data["roles"]] == pytest.approx(list(game.scores()))


def test_compare_puts_several_groups_side_by_side(played, tmp_path):
    game, path, _ = played
    sc = load("tutorial")
    other = Game.new(sc, 99, humans=[0])
    while not other.over:
        other.end_turn()
    path_b = save(other, tmp_path / "group-b.json")
    out = tmp_path / "class.html"
    res = subprocess.run(
        [sys.executable, "-m", "game", "report", str(path), str(path_b), "--compare", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    html = out.read_text()
    p = Parsed()
    p.feed(html)
    assert {"outcomes", "choices", "charts", "discussion"} <= set(p.ids)
    assert "group-a" in html and "group-b" in html
    assert f"{other.scores()[0]:.1f}" in html


def test_report_of_a_broken_save_is_a_one_line_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = subprocess.run([sys.executable, "-m", "game", "report", str(bad)], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert "corrupted" in res.stderr and "Traceback" not in res.stderr
