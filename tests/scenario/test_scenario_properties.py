"""Property tests: a mutated scenario is either accepted or rejected with
located errors — never a crash, never an error without a place.

Mutations start from valid scenarios (the tutorial, the Gulf crisis and the
starter) and work at two levels: on the values (a key dropped, renamed or
given a value of another type or size; a list item duplicated or removed)
and on the text itself (characters inserted or deleted, lines duplicated,
swapped or re-indented).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.errors import ScenarioError
from game.scenario.loader import load_text, scenarios_dir
from game.scenario.starter import starter_text

SOURCES = {
    "tutorial.yaml": (scenarios_dir() / "tutorial.yaml").read_text(encoding="utf-8"),
    "gulf-1990.yaml": (scenarios_dir() / "gulf-1990.yaml").read_text(encoding="utf-8"),
    "starter.yaml": starter_text(Path("starter.yaml")),
}
DATA = {name: yaml.safe_load(text) for name, text in SOURCES.items()}
SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


def check(text: str, name: str) -> None:
    """Load ``text``; if it is rejected, every error must point into it."""
    lines = text.split("\n")
    try:
        load_text(text, name)
    except ScenarioError as exc:
        assert exc.diagnostics, "a rejection must say why"
        for d in exc.diagnostics:
            assert d.file == name, d.format()
            assert 1 <= d.line <= len(lines) + 1, d.format()
            assert d.col >= 1, d.format()
            if d.line <= len(lines):
                assert d.col <= len(lines[d.line - 1]) + 2, d.format()
            assert d.message and "\n" not in d.format(), d.format()


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, prefix + (i,))
    return out


def get(node: Any, path: tuple) -> Any:
    for p in path:
        node = node[p]
    return node


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12),
    st.sampled_from(
        ["usa", "iraq", "kuwait", "harbour", "southland", "$self", "$target", "agreed", "custom", "world", "1990-08-02"]
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    import copy

    name = draw(st.sampled_from(sorted(DATA)))
    data = copy.deepcopy(DATA[name])
    for _ in range(draw(st.integers(1, 3))):
        all_paths = [p for p in paths(data) if p]
        path = draw(st.sampled_from(all_paths))
        parent = get(data, path[:-1])
        key = path[-1]
        kind = draw(st.sampled_from(["replace", "delete", "rename", "duplicate", "swap"]))
        if kind == "replace":
            parent[key] = draw(values)
        elif kind == "delete":
            del parent[key]
        elif kind == "rename" and isinstance(parent, dict):
            parent[str(key) + draw(st.text(min_size=1, max_size=2))] = parent.pop(key)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(key, copy.deepcopy(parent[key]))
        elif kind == "swap":
            other = draw(st.sampled_from(all_paths))
            try:
                parent[key] = copy.deepcopy(get(data, other))
            except (KeyError, IndexError, TypeError):
                pass
    return name, yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


@SETTINGS
@given(mutated())
def test_mutated_values_are_accepted_or_rejected_with_located_errors(case: tuple[str, str]):
    name, text = case
    check(text, name)


YAML_CHARS = st.sampled_from(
    list(":-[]{}#&*!|>'\"\t\n %@`,?~") + ["  ", "\n  ", ": ", "- ", "&a ", "*a", "!!str ", "\ufeff", "é", "\x00"]
)


@st.composite
def edited(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    text = SOURCES[name]
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["insert", "delete", "dup-line", "swap-lines", "indent"]))
        lines = text.split("\n")
        if kind == "insert":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.one_of(YAML_CHARS, st.text(max_size=4))) + text[at:]
        elif kind == "delete":
            at = draw(st.integers(0, max(len(text) - 1, 0)))
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "dup-line":
            i = draw(st.integers(0, len(lines) - 1))
            text = "\n".join(lines[: i + 1] + [lines[i]] + lines[i + 1 :])
        elif kind == "swap-lines":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = (
                draw(st.sampled_from(["", " ", "  ", "\t"])) + lines[i].lstrip(" ")
                if draw(st.booleans())
                else " " + lines[i]
            )
            text = "\n".join(lines)
    return name, text


@SETTINGS
@given(edited())
def test_edited_text_is_accepted_or_rejected_with_located_errors(case: tuple[str, str]):
    name, text = case
    check(text, name)
