"""Reading scenario files safely: untrusted YAML is refused with a position."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from game.scenario import source
from game.scenario.errors import ScenarioError
from game.scenario.loader import load, load_text, scenarios_dir
from game.scenario.source import MAX_BYTES, MAX_DEPTH, parse, parse_bytes


def error_of(text: str) -> tuple[int, int, str]:
    with pytest.raises(ScenarioError) as info:
        parse(text, "f.yaml")
    (d,) = info.value.sorted()
    return d.line, d.col, d.message


def test_the_c_safe_loader_is_used_when_pyyaml_has_it():
    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(source._Loader, yaml.CSafeLoader)
    else:  # a PyYAML built without libyaml: the pure-Python safe loader
        assert issubclass(source._Loader, yaml.SafeLoader)


@pytest.mark.parametrize(
    "text, where",
    [
        ("a: !!python/object/apply:os.system ['rm -rf /']\n", (1, 4)),
        ("a:\n  - !!python/name:os.system\n", (2, 5)),
        ("? !!python/tuple [1, 2]\n: x\n", (1, 3)),
        ("a: !!binary aGVsbG8=\n", (1, 4)),
        ("a: !local thing\n", (1, 4)),
    ],
)
def test_tags_beyond_plain_yaml_are_refused_where_they_stand(text: str, where: tuple[int, int]):
    line, col, message = error_of(text)
    assert (line, col) == where
    assert "is not allowed in scenario files" in message


def test_recursive_aliases_are_refused():
    line, col, message = error_of("a: &x [1, *x]\n")
    assert "recursive alias" in message and line == 1


def test_nesting_is_bounded():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    _, _, message = error_of(deep)
    assert f"nesting deeper than {MAX_DEPTH} levels" in message


def test_files_over_the_size_limit_are_refused_before_parsing(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))
    with pytest.raises(ScenarioError) as info:
        load(path)
    (d,) = info.value.sorted()
    assert (d.line, d.col) == (1, 1) and "the limit is 1,000,000" in d.message and "include" in d.hint


def test_a_byte_order_mark_is_fine_and_merge_keys_work():
    doc = parse_bytes("\ufeffbase: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n".encode(), "f.yaml")
    assert doc.data["other"] == {"x": 1, "y": 3}


def test_every_key_and_value_keeps_its_position():
    doc = parse("actors:\n  - id: red\n    name: Red\n", "f.yaml")
    assert doc.pos(("actors", 0, "name")) == ("f.yaml", 3, 11)
    assert doc.pos(("actors", 0, "name"), key=True) == ("f.yaml", 3, 5)
    assert doc.pos(("actors", 0, "missing", "deeper")) == ("f.yaml", 2, 5), "falls back to the nearest enclosing value"


@pytest.mark.parametrize(
    "text, expected",
    [
        ('a: "open\nb: 1\n', (1, 4, "this quoted text is never closed")),
        ("a:\n  x: 1\n   y: 2\n", (3, 4, "this key is indented more than the key above it")),
        ("a:\n  x: 1\n y: 2\n", (3, 2, "does not line up")),
        ("a: {x: 1, y: 2\nb: 3\n", (2, 2, "is the '{' at line 1, column 4 closed?")),
        ("title: War: the sequel\n", (1, 11, "a ':' inside a value")),
        ("a: *nothing\n", (1, 4, "an alias (*name) with no anchor")),
        ("a: @home\n", (1, 4, "a value cannot start with '@'")),
        ("a: 1\n---\nb: 2\n", (2, 1, "a second document")),
        ("a: 1\nb\nc: 2\n", (2, 1, "this line has no ':'")),
        ("a: 'x\x07'\n", (1, 6, "control character (#x0007)")),
    ],
)
def test_yaml_mistakes_are_reported_where_they_are_in_plain_words(text: str, expected: tuple[int, int, str]):
    line, col, message = error_of(text)
    assert (line, col) == expected[:2], message
    assert expected[2] in message


def test_an_unquoted_colour_is_a_comment_and_is_reported(tmp_path: Path):
    text = (
        (scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8").replace('colour: "#56B4E9"', "colour: #56B4E9")
    )
    with pytest.raises(ScenarioError) as info:
        load_text(text, "t.yaml")
    (d,) = info.value.sorted()
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip() == "colour: #56B4E9")
    assert (d.line, d.col) == (row + 1, lines[row].index("#"))  # the empty value, just before the comment
    assert "'#' starts a comment" in d.message and 'colour: "#56B4E9"' in d.hint
