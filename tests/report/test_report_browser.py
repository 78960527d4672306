"""The debrief in a real browser (headless Chromium): how tall the report is,
how many pages the summary prints on, and that no chart's legend is cut off.

CI installs Debian's chromium before the tests (see .ci/run); elsewhere these
tests are skipped when no Chromium is installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from game.report.data import from_save
from game.report.html import render, render_summary
from game.scenario.loader import load
from game.session.classroom import set_team
from game.session.facilitator import enable, unlock
from game.session.game import Game, IllegalOrder
from game.session.save import save

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None and not os.environ.get("BRINKMANSHIP_CI"):
    pytest.skip("no Chromium installed (CI installs it)", allow_module_level=True)

MEASURE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll("text.legend")) {
      const b = t.getBBox();
      if (b.x + b.width > vb.width + 0.5) out.push(t.textContent);
    }
  }
  document.body.setAttribute("data-height", document.documentElement.scrollHeight);
  document.body.setAttribute("data-cut", JSON.stringify(out));
});
</script>"""


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM, "chromium is needed (CI installs it)"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,900", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def measure(html: str, tmp_path) -> tuple[int, list[str]]:
    page = tmp_path / "measure.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"))
    dom = chromium("--dump-dom", page.as_uri()).stdout
    height = int(re.search(r'data-height="(\d+)"', dom).group(1))
    cut = re.search(r'data-cut="([^"]*)"', dom).group(1)
    return height, [] if cut in ("[]", "&quot;[]&quot;") else [cut]


def pdf_pages(html: str, tmp_path) -> int:
    page = tmp_path / "print.html"
    page.write_text(html)
    pdf = tmp_path / "print.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.fixture(scope="module")
def gulf(tmp_path_factory):
    """The Gulf crisis, 18 turns, two teams hot-seat with a facilitator."""
    tmp = tmp_path_factory.mktemp("gulf")
    game = Game.new(load("gulf-1990"), 7, humans=[0, 1])
    set_team(game, 0, "Eagles")
    set_team(game, 1, "Lions")
    enable(game, "white cell")
    controls = unlock(game, "white cell")
    while not game.over:
        for h in game.humans:
            legal = [o for o in game.options(h, with_predictions=False) if o.legal]
            for o in legal[(game.turn * 7 + h) % 5 :: 3][:2]:
                try:
                    game.queue(h, o.option)
                except IllegalOrder:
                    pass
        if game.turn == 5:
            controls.adjust("stability", ["saudi"], 55.0, "riots calmed")
            controls.inject("linkage-offer", "to test the coalition")
        game.end_turn()
    return from_save(save(game, tmp / "gulf.json"))


def test_the_full_report_is_far_shorter_and_no_legend_is_cut(gulf, tmp_path):
    height, cut = measure(render(gulf), tmp_path)
    assert height < 10_000, height  # it was about 20,000 px before the timeline was made compact
    assert not cut, cut


def test_the_summary_prints_on_two_pages_at_most(gulf, tmp_path):
    assert pdf_pages(render_summary(gulf), tmp_path) <= 2
    height, cut = measure(render_summary(gulf), tmp_path)
    assert not cut, cut
