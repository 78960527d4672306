"""The corpus of broken scenarios: every mistake is reported where it is.

Each file in ``corpus/`` is a small scenario with one kind of mistake. Its
header says what is wrong and lists every error the checker must report::

    # Broken: a misspelt actor key
    # expect: 11:5: unknown key 'strenght' (hint: did you mean 'strength'?

(``# expect: blocks/x.yaml:3:5: ...`` for an error inside an included file).
The test loads the file with the real loader and requires exactly those
errors: the same number, each at its line and column, each containing its
message fragment as printed by ``brinkmanship validate``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.scenario.errors import ScenarioError
from game.scenario.loader import load, scenario_files

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(r"^# expect: (?:(?P<file>[^:]+\.yaml):)?(?P<line>\d+):(?P<col>\d+): (?P<fragment>.+)$")
FILES = scenario_files(CORPUS)


def expectations(path: Path) -> list[tuple[str, int, int, str]]:
    """(file, line, col, fragment) from the header; the file is relative to the corpus."""
    out = []
    for text in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        if not text.startswith("#"):
            break
        m = EXPECT.match(text)
        if m:
            out.append((m["file"] or path.name, int(m["line"]), int(m["col"]), m["fragment"]))
    return out


def test_the_corpus_has_over_a_hundred_broken_scenarios_each_with_expectations():
    assert len(FILES) >= 110
    for path in FILES:
        assert path.read_bytes().startswith(b"# Broken: "), path.name
        assert expectations(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_error_is_reported_at_its_line_and_column(path: Path):
    with pytest.raises(ScenarioError) as info:
        load(path)
    got = info.value.sorted()
    printed = [(Path(d.file).resolve(), d.line, d.col, d.format()) for d in got]
    wanted = expectations(path)
    for file, line, col, fragment in wanted:
        target = (CORPUS / file).resolve()
        matches = [p for p in printed if p[0] == target and p[1] == line and p[2] == col and fragment in p[3]]
        assert matches, f"expected {file}:{line}:{col}: ...{fragment}...; got:\n" + "\n".join(d.format() for d in got)
    assert len(got) == len(wanted), "unexpected extra errors:\n" + "\n".join(d.format() for d in got)


def test_errors_come_in_file_order_and_read_as_file_line_col():
    """Several mistakes in one file are all reported, sorted by position."""
    text = (CORPUS / "unknown-top-key.yaml").read_text(encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load(CORPUS / "unknown-top-key.yaml")
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert [int(x.split(":")[1]) for x in lines] == sorted(int(x.split(":")[1]) for x in lines)
    assert all(re.match(r"^.+\.yaml:\d+:\d+: error: ", x) for x in lines)
    assert "trns" in text
