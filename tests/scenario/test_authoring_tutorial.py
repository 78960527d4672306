"""The authoring tutorial (docs/authoring.md) works as written: each step's
file goes through the real loader, and what the page quotes of the files and
of `validate` is what they hold and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli.main import main
from game.cli.validate import check_file
from game.scenario.loader import load

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGE = (DOCS / "authoring.md").read_text(encoding="utf-8")
STEPS = sorted((DOCS / "authoring").glob("step*.yaml"))


def test_there_are_three_steps_and_the_page_links_each():
    assert [p.name for p in STEPS] == ["step1.yaml", "step2.yaml", "step3.yaml"]
    for p in STEPS:
        assert f"(authoring/{p.name})" in PAGE


@pytest.mark.parametrize("step", STEPS, ids=lambda p: p.name)
def test_each_step_loads_through_the_real_loader(step):
    scenario = load(step)
    assert scenario.id == "reef"


def test_the_final_scenario_has_what_the_tutorial_adds():
    sc = load(DOCS / "authoring" / "step3.yaml")
    assert [a.id for a in sc.rules.actors] == ["marona", "tarsk", "league"]
    assert any(a.id == "fishing_ban" for a in sc.rules.actions)
    assert [e.id for e in sc.rules.events] == ["storm"]
    assert check_file(DOCS / "authoring" / "step3.yaml") == ("scenario", [])


def test_every_yaml_block_of_the_page_is_in_a_step_file():
    texts = [p.read_text(encoding="utf-8") for p in STEPS]
    blocks = re.findall(r"```yaml\n(.*?)```", PAGE, re.S)
    assert len(blocks) >= 4
    for block in blocks[1:]:  # the first is the editor line of the starter
        assert any(block in t for t in texts), block[:200]


def test_the_warning_the_page_quotes_is_what_validate_prints(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(DOCS / "authoring")
    for step in ("step1.yaml", "step2.yaml", "step3.yaml"):
        code = main(["validate", step])
        out = capsys.readouterr()
        assert code == 0
        quoted = re.search(rf"\$ brinkmanship validate {step}\n(.*?)```", PAGE, re.S).group(1)
        assert out.out + out.err == quoted


def test_the_typo_the_page_shows_is_reported_where_it_says(tmp_path):
    text = (DOCS / "authoring" / "step1.yaml").read_text(encoding="utf-8")
    text = text.replace("    neighbours: [mainland]\n", "    neighbours: [mainland]\n    stabilty: 35\n")
    path = tmp_path / "step1.yaml"
    path.write_text(text, encoding="utf-8")
    _, found = check_file(path)
    quoted = re.search(r"`step1\.yaml:(\d+):(\d+): error: (.*?)`", PAGE)
    (d,) = found
    assert (d.line, d.col) == (int(quoted.group(1)), int(quoted.group(2)))
    assert d.format().split(": error: ")[1] == quoted.group(3)


def test_the_audit_the_page_quotes_is_what_audit_prints(capsys, monkeypatch):
    """Every line the page quotes of `audit step3.yaml --runs 20` (the '...' left out) is in what it prints."""
    monkeypatch.chdir(DOCS / "authoring")
    code = main(["audit", "step3.yaml", "--runs", "20", "--workers", "1"])
    out = capsys.readouterr()
    printed = [" ".join(line.split()) for line in (out.out + out.err).splitlines()]
    assert code == 1  # the page shows a failed audit
    block = re.search(r"```text\n(marona: standard AI.*?)```", PAGE, re.S).group(1)
    quoted = [" ".join(line.split()) for line in block.splitlines() if line.strip() != "..."]
    missing = [line for line in quoted if line not in printed]
    assert not missing, missing
