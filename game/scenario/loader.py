"""Finding, reading and loading scenarios (shipped ids or file paths).

Loading is all-or-nothing: :func:`load` returns a compiled
:class:`~game.scenario.compile.Scenario` or raises
:class:`~game.scenario.errors.ScenarioError` listing every problem found.
"""

from __future__ import annotations

import copy
import dataclasses
import errno
import functools
import hashlib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.scenario import schema as S
from game.scenario.compile import Scenario, compile_scenario
from game.scenario.diagnostics import model_at, pydantic_diagnostics
from game.scenario.errors import MAX_ERRORS, Diagnostic, ScenarioError, one_of, suggest
from game.scenario.limits import (
    MAX_INCLUDE_BYTES,
    MAX_INCLUDE_DEPTH,
    MAX_INCLUDE_NAME,
    MAX_INCLUDES,
    MAX_NAME_PART,
    MAX_TOTAL_VALUES,
)
from game.scenario.source import MAX_BYTES, FileTooBig, Located, Path_, Pos, not_a_file, parse_bytes, read_file

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _first_existing(*candidates: Path) -> Path:
    for c in candidates:
        if c.is_dir():
            return c
    return candidates[-1]


def scenarios_dir() -> Path:
    """The shipped scenarios: inside the installed package, or the source tree."""
    return _first_existing(PACKAGE_DIR / "_scenarios", PACKAGE_DIR.parent / "scenarios")


def assets_dir() -> Path:
    return _first_existing(PACKAGE_DIR / "_assets", PACKAGE_DIR.parent / "assets")


def data_file(name: str) -> Path:
    return PACKAGE_DIR / "data" / name


@functools.lru_cache(maxsize=1)
def default_rules() -> tuple[Located, S.RulesFile, str]:
    path = data_file("rules.yaml")
    raw = path.read_bytes()
    doc = parse_bytes(raw, str(path))
    try:
        model = S.RulesFile.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(pydantic_diagnostics(doc, exc, S.RulesFile)) from None
    return doc, model, hashlib.sha256(raw).hexdigest()


@functools.lru_cache(maxsize=1)
def shipped_personalities() -> dict[str, dict[str, Any]]:
    path = data_file("personalities.yaml")
    doc = parse_bytes(path.read_bytes(), str(path))
    out: dict[str, dict[str, Any]] = {}
    for name, p in doc.data["personalities"].items():
        S.Personality.model_validate(p)
        out[name] = {
            "extends": p.get("extends"),
            "description": p.get("description", ""),
            "weights": dict(p.get("weights", {})),
            "traits": dict(p.get("traits", {})),
        }
    return out


def is_scenario_file(path: Path) -> bool:
    """Whether a file in a scenarios folder is a scenario: ``ID.yaml``, not
    ``ID.paths.yaml`` or other companions (whose stem contains a dot)."""
    return path.suffix == ".yaml" and "." not in path.stem and path.is_file()


def scenario_files(folder: Path) -> list[Path]:
    """The scenario files directly in ``folder`` (include blocks live in
    subfolders such as ``shared/``), in file-name order."""
    return sorted(p for p in folder.glob("*.yaml") if is_scenario_file(p))


def shipped() -> list[tuple[str, Path]]:
    """(id, path) of every shipped scenario, in file-name order."""
    return [(p.stem, p) for p in scenario_files(scenarios_dir())]


def resolve(name: str) -> Path:
    """A path for a shipped id or an existing file; ScenarioError otherwise."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists() or "/" in name or os.sep in name:
        if p.is_dir():
            raise ScenarioError(
                [Diagnostic(name, 1, 1, "this is a folder, not a scenario file", "name a .yaml file in it")]
            )
        if not p.exists() and not p.is_symlink():  # a link that loops is named as such by the reader
            raise ScenarioError([Diagnostic(name, 1, 1, "no such file")])
        return p
    ids = {sid: path for sid, path in shipped()}
    if name in ids:
        return ids[name]
    raise ScenarioError(
        [Diagnostic(name, 1, 1, f"no shipped scenario with id '{name}'", suggest(name, ids) or one_of(ids))]
    )


def _read(path: Path, label: str, limit: int | None = None) -> tuple[Located, bytes]:
    """Parse a scenario file, reading at most ``limit`` bytes of it (see
    :func:`~game.scenario.source.read_file`: only regular files are read)."""
    raw = read_file(path, label) if limit is None else read_file(path, label, limit)
    return parse_bytes(raw, label), raw


class _Budget:
    """What a scenario and its includes may use in all: files, bytes, values."""

    def __init__(self, raw: bytes, doc: Located, name: str = "") -> None:
        self.files = 0
        self.bytes = len(raw)
        self.values = len(doc.values)
        self.sources: list[tuple[str, bytes]] = [(name, raw)]
        """Every file read, as (path relative to the scenario's folder, bytes), in reading order."""
        self.names: dict[Path, str] = {}


Group = tuple[list[tuple[Path_, Any]], list[tuple[Path_, Any]]]


def _groups(doc: Located) -> dict[Any, Group]:
    """The positions of a document grouped by top-level key (values, keys), so
    that merging touches each position once however many keys there are."""
    out: dict[Any, Group] = {}
    for t, table in enumerate((doc.values, doc.keys)):
        for path, pos in table.items():
            if path:
                out.setdefault(path[0], ([], []))[t].append((path, pos))
    return out


def _put(tables: tuple[dict, dict], group: Group | None) -> None:
    for t, items in enumerate(group or ()):
        tables[t].update(items)


def _deep_merge(under: Any, over: Any) -> Any:
    """``over`` on top of ``under``: mappings merged key by key at every depth;
    any other value of ``over`` wins."""
    if isinstance(under, dict) and isinstance(over, dict):
        out = dict(under)
        for k, v in over.items():
            out[k] = _deep_merge(under[k], v) if k in under else v
        return out
    return over


def _item_key(section: str, item: Any) -> tuple[str, str] | None:
    """What identifies an item of a top-level list: its id (a role: its actor)."""
    if not isinstance(item, dict):
        return None
    field = "actor" if section == "roles" else "id"
    value = item.get(field)
    return (field, value) if isinstance(value, str) else None


def _merge(base: Located, inc: Located) -> Located:
    """``inc`` (an included file) under ``base`` (the file that includes it).

    Top-level lists are joined, the included items first; an item of ``base``
    with the id of an included item changes that item instead (only the keys
    it gives). Mappings are merged key by key at every depth. Any other value
    of ``base`` wins. Every value keeps the position of the file it came from.
    The work is linear in the number of positions.
    """
    data: dict[Any, Any] = {}
    tables: tuple[dict, dict] = (dict(base.values), dict(base.keys))
    mine_groups, their_groups = _groups(base), _groups(inc)
    for k in list(base.data) + [k for k in inc.data if k not in base.data]:
        if k not in inc.data or k in ("format", "id", "include"):
            if k in base.data:
                data[k] = base.data[k]
            continue
        if k not in base.data:
            data[k] = inc.data[k]
            _put(tables, their_groups.get(k))
            tables[1][(k,)] = inc.keys.get((k,), inc.pos((k,)))
            continue
        mine, theirs = base.data[k], inc.data[k]
        mine_group = mine_groups.get(k, ([], []))
        their_group = their_groups.get(k, ([], []))
        for t, items in enumerate(mine_group):  # positions under k are rebuilt below
            for path, _ in items:
                if len(path) > 1:
                    tables[t].pop(path, None)
        if isinstance(mine, list) and isinstance(theirs, list):
            merged: list[Any] = []
            index: dict[tuple[str, str], int] = {}
            their_place: dict[int, int] = {}
            for i, item in enumerate(theirs):
                ident = _item_key(k, item)
                if ident is not None:
                    index.setdefault(ident, len(merged))
                their_place[i] = len(merged)
                merged.append(item)
            my_place: dict[int, tuple[int, set[Any] | None]] = {}
            for j, item in enumerate(mine):
                ident = _item_key(k, item)
                if ident is not None and ident in index:
                    n = index[ident]
                    merged[n] = _deep_merge(merged[n], item)
                    my_place[j] = (n, set(item))  # only the keys it gives
                else:
                    my_place[j] = (len(merged), None)
                    merged.append(item)
            for t, items in enumerate(their_group):
                for path, pos in items:
                    if len(path) > 1 and path[1] in their_place:
                        tables[t][(k, their_place[path[1]]) + path[2:]] = pos
            for t, items in enumerate(mine_group):
                for path, pos in items:
                    if len(path) > 1 and path[1] in my_place:
                        n, fields = my_place[path[1]]
                        if fields is None or (len(path) > 2 and path[2] in fields):
                            tables[t][(k, n) + path[2:]] = pos
            data[k] = merged
        elif isinstance(mine, dict) and isinstance(theirs, dict):
            data[k] = _deep_merge(theirs, mine)
            _put(tables, their_group)
            _put(tables, mine_group)
        else:
            data[k] = mine
            _put(tables, mine_group)
    return Located(base.file, data, tables[0], tables[1])


def _bad_name(name: str) -> tuple[str, str] | None:
    """What is wrong with an include name before the file system sees it."""
    if any(not c.isprintable() for c in name):
        return (
            "an include name cannot contain control characters (such as a NUL byte or a line break)",
            "write a plain file name",
        )
    if len(name) > MAX_INCLUDE_NAME:
        return (
            f"the include name is {len(name)} characters long; at most {MAX_INCLUDE_NAME} are allowed",
            "use a shorter path",
        )
    for part in name.replace("\\", "/").split("/"):
        if len(part.encode("utf-8")) > MAX_NAME_PART:
            return (
                f"a part of the include name is {len(part.encode('utf-8'))} bytes long;"
                f" at most {MAX_NAME_PART} are allowed",
                "use shorter folder and file names",
            )
    return None


def _where(candidate: Path) -> tuple[Path | None, str]:
    """The real path of a candidate include and whether it is a file; why not otherwise."""
    try:
        real = candidate.resolve()
        return real, not_a_file(real.stat().st_mode) if real.exists() else "missing"
    except RuntimeError:  # Python 3.11 and 3.12: "Symlink loop from ..."
        return None, "loop"
    except OSError as exc:
        return None, "loop" if exc.errno == errno.ELOOP else "unreadable"
    except ValueError:
        return None, "unreadable"


def _find_include(name: str, path: Path, root: Path) -> tuple[Path | None, str]:
    """Where an include points: inside ``root`` (the scenario's folder), or
    else a shipped block; (None, reason) when it is neither."""
    own, why = _where(path.parent / name)
    if own is None:
        return None, why
    inside = own.is_relative_to(root.resolve())
    if inside and not why:
        return own, ""
    shipped_root = scenarios_dir().resolve()
    fallback, why_not = _where(shipped_root / name)
    if fallback is not None and fallback.is_relative_to(shipped_root) and not why_not:
        return fallback, ""
    if not inside:
        return None, "outside"
    return None, why


def _label(target: Path, name: str, parent: Path, parent_label: str) -> str:
    """How an included file is named in messages: like the file including it."""
    if target.is_relative_to(parent.resolve().parent):
        return os.path.normpath(os.path.join(os.path.dirname(parent_label), name))
    try:
        rel = os.path.relpath(target)
    except ValueError:  # another drive
        return str(target)
    return str(target) if rel.startswith("..") else rel


def _with_includes(
    doc: Located, path: Path, root: Path, stack: tuple[Path, ...], hasher: Any, budget: _Budget
) -> Located:
    inc = doc.data.get("include") if isinstance(doc.data, dict) else None
    if not inc:
        return doc
    if not isinstance(inc, list):
        raise ScenarioError(
            [
                doc.error(
                    ("include",),
                    "'include' must be a list of file names",
                    "e.g. include: [shared/un-security-council.yaml]",
                )
            ]
        )
    if len(stack) > MAX_INCLUDE_DEPTH:
        raise ScenarioError(
            [
                doc.error(
                    ("include",),
                    f"includes nested more than {MAX_INCLUDE_DEPTH} deep",
                    "include the files from one place instead of through each other",
                )
            ]
        )
    errors: list[Diagnostic] = []
    merged = doc
    for i, name in enumerate(inc):
        if not isinstance(name, str) or not name.strip():
            errors.append(doc.error(("include", i), "an include must be a file name"))
            continue
        bad = _bad_name(name)
        if bad is not None:
            errors.append(doc.error(("include", i), *bad))
            continue
        if Path(name).is_absolute():
            errors.append(
                doc.error(("include", i), f"'{name}' is an absolute path", "name the file relative to this one")
            )
            continue
        target, why = _find_include(name, path, root)
        if target is None:
            if why == "outside":
                errors.append(
                    doc.error(
                        ("include", i),
                        f"'{name}' is outside the scenarios folder",
                        "an included file must be in the folder of this scenario (or below it)",
                    )
                )
            elif why == "loop":
                errors.append(
                    doc.error(
                        ("include", i),
                        f"'{name}' goes round in a loop of symbolic links",
                        "point the link at a real file",
                    )
                )
            elif why == "unreadable":
                errors.append(
                    doc.error(("include", i), f"'{name}' cannot be opened as a file name", "use a plain relative path")
                )
            elif why == "missing":
                errors.append(
                    doc.error(
                        ("include", i), f"included file '{name}' does not exist", "the path is relative to this file"
                    )
                )
            else:
                hint = "name a .yaml file in it" if why == "a folder" else "include only scenario files (.yaml)"
                errors.append(doc.error(("include", i), f"'{name}' is {why}, not a file", hint))
            continue
        if target in stack:
            chain = " → ".join(p.name for p in stack[stack.index(target) :] + (target,))
            errors.append(
                doc.error(
                    ("include", i), f"include cycle: {chain}", "a file cannot include itself, even through others"
                )
            )
            continue
        budget.files += 1
        if budget.files > MAX_INCLUDES:
            # Stop at once: the rest could be an include bomb.
            raise ScenarioError(
                errors
                + [
                    doc.error(
                        ("include", i),
                        f"more than {MAX_INCLUDES} includes in all (each time a file is included counts)",
                        "include each block once, from the scenario itself",
                    )
                ]
            )
        limit = min(MAX_BYTES, max(MAX_INCLUDE_BYTES - budget.bytes, 0))
        try:
            sub, raw = _read(target, _label(target, name, path, doc.file), limit)
        except FileTooBig as exc:
            if limit == MAX_BYTES:  # the file alone is too big
                errors.extend(exc.diagnostics)
                continue
            raise ScenarioError(
                errors
                + [
                    doc.error(
                        ("include", i),
                        f"the scenario and its includes come to more than {MAX_INCLUDE_BYTES:,} bytes",
                        "make the included blocks smaller",
                    )
                ]
            ) from None
        except ScenarioError as exc:
            errors.extend(exc.diagnostics)
            continue
        budget.bytes += len(raw)
        budget.values += len(sub.values)
        here = budget.names.get(path.resolve(), budget.sources[0][0])
        rel = os.path.normpath(os.path.join(os.path.dirname(here), name)).replace(os.sep, "/")
        budget.names[target] = rel
        budget.sources.append((rel, raw))
        if budget.values > MAX_TOTAL_VALUES:
            raise ScenarioError(
                errors
                + [
                    doc.error(
                        ("include", i),
                        f"the scenario and its includes hold more than {MAX_TOTAL_VALUES:,} values",
                        "make the included blocks smaller; do not nest aliases of aliases",
                    )
                ]
            )
        hasher.update(raw)
        if not isinstance(sub.data, dict):
            errors.append(
                sub.error(
                    (), "an included file must be a mapping of scenario keys (actors:, relations:, council:, ...)"
                )
            )
            continue
        try:
            sub = _with_includes(
                sub,
                target,
                root if target.is_relative_to(root.resolve()) else scenarios_dir().resolve(),
                stack + (target,),
                hasher,
                budget,
            )
        except ScenarioError as exc:
            errors.extend(exc.diagnostics)
            if budget.files > MAX_INCLUDES or budget.values > MAX_TOTAL_VALUES:
                raise ScenarioError(errors) from None
            continue
        merged = _merge(merged, sub)
    if errors:
        raise ScenarioError(errors)
    return merged


def load(name: str | Path, root: Path | None = None) -> Scenario:
    """Load a shipped id or a scenario file, or raise ScenarioError."""
    path = resolve(str(name))
    label = str(name) if isinstance(name, (str, Path)) and Path(str(name)).exists() else str(path)
    doc, raw = _read(path, label)
    return load_document(doc, raw, path, root)


def load_document(doc: Located, raw: bytes, path: Path, root: Path | None = None) -> Scenario:
    return load_parts(doc, raw, path, root)[0]


def load_with_source(name: str | Path) -> tuple[Scenario, Located, S.Scenario]:
    """Like :func:`load`, and also the merged document (includes applied) and
    its checked shape, for checks that point at lines (see :mod:`game.scenario.lint`)."""
    path = resolve(str(name))
    label = str(name) if isinstance(name, (str, Path)) and Path(str(name)).exists() else str(path)
    doc, raw = _read(path, label)
    return load_parts(doc, raw, path)


def check_includes(doc: Located, raw: bytes, path: Path) -> None:
    """Follow the includes of a file on its own (an include block): raise ScenarioError for a missing file, a cycle
    or a limit passed, as loading a scenario that includes it would."""
    shipped_root = scenarios_dir().resolve()
    root = shipped_root if path.resolve().is_relative_to(shipped_root) else path.resolve().parent
    _with_includes(doc, path, root, (path.resolve(),), hashlib.sha256(raw), _Budget(raw, doc, path.name))


def load_parts(doc: Located, raw: bytes, path: Path, root: Path | None = None) -> tuple[Scenario, Located, S.Scenario]:
    rules_doc, rules_model, rules_hash = default_rules()
    hasher = hashlib.sha256(raw)
    hasher.update(rules_hash.encode())
    if not isinstance(doc.data, dict):
        raise ScenarioError(
            [
                doc.error(
                    (),
                    "a scenario file must be a mapping of keys (format, id, title, ...)",
                    "run 'brinkmanship new FILE' for a starter scenario",
                )
            ]
        )
    if root is None:
        shipped_root = scenarios_dir().resolve()
        root = shipped_root if path.resolve().is_relative_to(shipped_root) else path.resolve().parent
    budget = _Budget(raw, doc, path.name)
    doc = _with_includes(doc, path, root, (path.resolve(),), hasher, budget)
    try:
        model = S.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(_shape_errors_and_more(doc, exc, rules_doc, rules_model, str(path))) from None
    scenario = compile_scenario(
        doc, model, rules_doc, rules_model, shipped_personalities(), str(path), hasher.hexdigest()[:16]
    )
    return dataclasses.replace(scenario, sources=tuple(budget.sources)), doc, model


MAX_REPAIRS = 3


def _shape_errors_and_more(
    doc: Located, exc: ValidationError, rules_doc: Located, rules_model: S.RulesFile, path: str
) -> list[Diagnostic]:
    """The shape errors (unknown keys, wrong types, values out of range), plus
    the scenario-wide errors a second pass can still find.

    So that an author sees every mistake at once rather than in two rounds,
    the document is repaired in a copy: unknown keys, and wrong values of keys
    that have a default, are taken out. If that gives a valid shape, the
    references, conditions and effects are checked too (not the checks a
    removed value could change, such as forces against strength or a role's
    first move), and errors inside a mapping that lost a value are left out,
    since the repair may have caused them. Nothing of this is ever loaded.
    """
    shape = pydantic_diagnostics(doc, exc, S.Scenario)
    if exc.error_count() > MAX_ERRORS:
        return shape  # too many to repair: these come first anyway
    data = copy.deepcopy(doc.data)
    suppressed: list[Path_] = []
    for _ in range(MAX_REPAIRS):
        for err in exc.errors():
            loc = tuple(err["loc"])
            if loc and loc[-1] == "[key]":
                loc = loc[:-1]
            if not _removable(data, loc, err["type"]):
                return shape
            if err["type"] != "extra_forbidden":
                suppressed.append(loc[:-1])
            _remove(data, loc)
        try:
            model = S.Scenario.model_validate(data)
            break
        except ValidationError as again:
            exc = again
    else:
        return shape
    try:
        compile_scenario(
            Located(doc.file, data, doc.values, doc.keys),
            model,
            rules_doc,
            rules_model,
            shipped_personalities(),
            path,
            "",
            partial=True,
        )
    except ScenarioError as more:
        hidden = _positions_under(doc, suppressed)
        return shape + [d for d in more.diagnostics if (d.file, d.line, d.col) not in hidden]
    return shape


def _removable(data: Any, loc: tuple[Any, ...], kind: str) -> bool:
    """Whether the value at ``loc`` can be taken out without shifting others:
    an unknown key, an entry of a mapping, or a key with a default."""
    if not loc or kind == "missing" or isinstance(loc[-1], int):
        return False
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(parent, dict) or loc[-1] not in parent:
        return False
    if kind == "extra_forbidden":
        return True
    owner = model_at(S.Scenario, loc)
    if owner is None:
        return True  # an entry of a free mapping, e.g. forces: {actor: amount}
    field = next((f for n, f in owner.model_fields.items() if (f.alias or n) == loc[-1]), None)
    return field is not None and not field.is_required()


def _remove(data: Any, loc: tuple[Any, ...]) -> None:
    parent = data
    for part in loc[:-1]:
        parent = parent[part]
    parent.pop(loc[-1], None)


def _positions_under(doc: Located, prefixes: list[Path_]) -> set[Pos]:
    """The positions of every value and key under any of ``prefixes`` (in one pass)."""
    wanted = {p for p in prefixes if p}
    if not wanted:
        return set()
    return {
        doc.pos(p)
        for table in (doc.values, doc.keys)
        for p in table
        if any(p[:n] in wanted for n in range(1, len(p) + 1))
    }


def load_sources(sources: list[tuple[str, bytes]], label: str) -> Scenario:
    """A scenario from the files it was read from (see ``Scenario.sources``),
    e.g. the copy a save carries: they are written to a private temporary
    folder with the same relative paths and loaded from there, so that the
    scenario and its content hash are what they were."""
    import tempfile

    if not sources:
        raise ScenarioError([Diagnostic(label, 1, 1, "no scenario text")])
    with tempfile.TemporaryDirectory(prefix="brinkmanship-") as tmp:
        root = Path(tmp).resolve()
        for rel, raw in sources:
            target = (root / rel).resolve()
            if not target.is_relative_to(root) or not rel or rel.startswith("/"):
                raise ScenarioError(
                    [Diagnostic(label, 1, 1, f"the scenario copy names a file outside it: '{rel[:80]}'")]
                )
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        main = root / sources[0][0]
        doc, raw = _read(main, label)
        scenario = load_parts(doc, raw, main, root)[0]
    return dataclasses.replace(scenario, path=label)


def load_text(text: str, file: str = "<text>") -> Scenario:
    from game.scenario.source import parse

    raw = text.encode("utf-8")
    return load_document(parse(text, file), raw, Path(file))


def check(name: str | Path) -> list[Diagnostic]:
    """Every problem in a scenario file (empty when it is valid)."""
    try:
        load(name)
    except ScenarioError as exc:
        return exc.sorted()
    return []
