"""``brinkmanship validate``: every kind of file the game reads, told apart by its content.

- a **scenario** (a mapping with the scenario's own keys: ``id``, ``title``,
  ``turns``, ``roles`` or ``calendar``) is loaded as ``play`` loads it, then
  checked for what can never happen (see :mod:`game.scenario.lint`);
- an **include block** (a mapping of scenario keys without those, such as
  ``scenarios/shared/un-security-council.yaml``) is checked key by key as
  part of a scenario, every key being optional; its references are checked
  when a scenario includes it;
- a **paths file** (a mapping with ``paths:``, e.g. ``gulf-1990.paths.yaml``)
  is checked against the scenario it names;
- a **save** (JSON with ``"format": "brinkmanship-save"``) is read and replayed
  against its scenario, as ``play --load`` would.

Errors are ``FILE:LINE:COL: error: message``; warnings are
``FILE:LINE:COL: warning: message`` and leave the exit status at 0.
"""

from __future__ import annotations

import copy
import functools
import stat
from pathlib import Path
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError, create_model

from game.scenario import schema as S
from game.scenario.errors import Diagnostic, ScenarioError
from game.scenario.source import MAX_BYTES, parse_bytes, read_file

SCENARIO_KEYS = ("id", "title", "turns", "roles", "calendar")
"""Keys only a whole scenario has: a mapping with none of them is an include block."""

KINDS = ("scenario", "block", "paths", "save")


def kind_of(path: Path) -> str:
    """What a file is, from its content (not its name): scenario, block, paths or save.

    A file that cannot be read or parsed counts as a scenario, whose checks
    then say what is wrong with it."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return "scenario"  # a pipe or a device: never opened; the loader names it
        with open(path, "rb") as f:
            head = f.read(4096)
    except (OSError, ValueError):
        return "scenario"
    if head.lstrip()[:1] == b"{" and b'"brinkmanship-save"' in head:
        return "save"
    try:
        doc = parse_bytes(read_file(path, str(path)), str(path))
    except ScenarioError:
        return "scenario"
    data = doc.data
    if not isinstance(data, dict):
        return "scenario"
    if "paths" in data and not any(k in data for k in SCENARIO_KEYS if k != "id"):
        return "paths"
    if any(k in data for k in SCENARIO_KEYS):
        return "scenario"
    return "block"


@functools.lru_cache(maxsize=1)
def block_model() -> type[BaseModel]:
    """The scenario's model with every key optional and no least number of
    items (a block may bring one actor): the shape of an include block."""
    fields: dict[str, Any] = {}
    for name, info in S.Scenario.model_fields.items():
        loose = copy.copy(info)
        loose.metadata = [m for m in info.metadata if not isinstance(m, annotated_types.MinLen)]
        if info.is_required():
            loose.default = None
            fields[name] = (info.annotation | None, loose)  # type: ignore[operator]
        else:
            fields[name] = (info.annotation, loose)
    return create_model("IncludeBlock", __base__=S.Strict, **fields)


def check_block(path: Path) -> list[Diagnostic]:
    from game.scenario.diagnostics import pydantic_diagnostics
    from game.scenario.loader import check_includes

    label = str(path)
    raw = read_file(path, label, MAX_BYTES)
    doc = parse_bytes(raw, label)
    if not isinstance(doc.data, dict):
        return [doc.error((), "an include block must be a mapping of scenario keys (actors:, relations:, ...)")]
    errors: list[Diagnostic] = []
    try:
        check_includes(doc, raw, path)  # a block's own includes: missing files, cycles
    except ScenarioError as exc:
        errors.extend(exc.diagnostics)
    if isinstance(doc.data.get("format"), bool):
        errors.append(doc.error(("format",), "'format' must be the number 1, not true or false"))
    try:
        block_model().model_validate(doc.data)
    except ValidationError as exc:
        errors.extend(pydantic_diagnostics(doc, exc, block_model()))
    return errors


def check_paths(path: Path) -> list[Diagnostic]:
    """A paths file, against the scenario it names: the file of that id next to it, the scenario file its own name
    belongs to (``crisis.paths.yaml`` → ``crisis.yaml``), or a shipped scenario."""
    from game.scenario.loader import load, shipped
    from game.session.paths import load_paths

    doc = parse_bytes(read_file(path, str(path)), str(path))
    sid = doc.data.get("scenario") if isinstance(doc.data, dict) else None
    if not isinstance(sid, str) or not sid:
        load_paths(path)  # its own errors, located
        return []
    stem = path.name.removesuffix(".yaml").removesuffix(".yml").removesuffix(".paths")
    near = [path.parent / f"{sid}.yaml", path.parent / f"{stem}.yaml"]
    for candidate in near:
        if candidate.is_file() and candidate != path:
            scenario = load(candidate)
            if scenario.id == sid:
                load_paths(path, scenario)
                return []
    if sid in {s for s, _ in shipped()}:
        load_paths(path)
        return []
    looked = " or ".join(dict.fromkeys(f"'{p.name}'" for p in near))
    raise ScenarioError(
        [
            doc.error(
                ("scenario",),
                f"no scenario with id '{sid}' next to this file (looked in {looked}) nor among the shipped ones",
                "write the id of the scenario (its 'id:'), and keep the paths file in the scenario's folder",
            )
        ]
    )


def check_save(path: Path) -> list[Diagnostic]:
    from game.session.save import SaveError, load_game, scenario_changed

    try:
        load_game(path)
        changed = scenario_changed(path)
    except SaveError as exc:
        text = str(exc)
        prefix = f"{path}: error: "
        return [Diagnostic(str(path), 1, 1, text.removeprefix(prefix))]
    if changed:
        return [
            Diagnostic(
                str(path),
                1,
                1,
                "its scenario file has changed (or is missing) since the game was saved; the save replays the copy "
                "of the scenario it carries",
                "to play on under the edited file: brinkmanship play --load SAVE --rebase",
                severity="warning",
            )
        ]
    return []


def check_scenario(path: Path) -> list[Diagnostic]:
    from game.scenario.lint import warnings
    from game.scenario.loader import load_with_source

    scenario, doc, model = load_with_source(path)
    return warnings(scenario, doc, model)


CHECKS = {"scenario": check_scenario, "block": check_block, "paths": check_paths, "save": check_save}


def check_file(path: Path, kind: str | None = None) -> tuple[str, list[Diagnostic]]:
    """(the file's kind, every error and warning in it); a crash of a checker
    is reported as a located error too, so that validate never prints a traceback."""
    kind = kind or kind_of(path)
    try:
        return kind, CHECKS[kind](path)
    except ScenarioError as exc:
        return kind, exc.sorted()
    except Exception as exc:  # noqa: BLE001 - a bug in a checker must not hide the other files' results
        return kind, [
            Diagnostic(
                str(path),
                1,
                1,
                f"internal error while checking this file: {type(exc).__name__}: {exc}",
                "please report this, with the file",
            )
        ]
