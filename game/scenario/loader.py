"""Finding, reading and loading scenarios (shipped ids or file paths).

Loading is all-or-nothing: :func:`load` returns a compiled
:class:`~game.scenario.compile.Scenario` or raises
:class:`~game.scenario.errors.ScenarioError` listing every problem found.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.scenario import schema as S
from game.scenario.compile import Scenario, compile_scenario, pydantic_diagnostics
from game.scenario.errors import Diagnostic, ScenarioError, one_of, suggest
from game.scenario.source import Located, parse_bytes

PACKAGE_DIR = Path(__file__).resolve().parent.parent
MAX_INCLUDE_DEPTH = 4


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
        out[name] = {"extends": p.get("extends"), "description": p.get("description", ""), "weights": dict(p.get("weights", {})), "traits": dict(p.get("traits", {}))}
    return out


def shipped() -> list[tuple[str, Path]]:
    """(id, path) of every shipped scenario, in file-name order; files under
    ``shared/`` are include blocks, not scenarios."""
    out = []
    for p in sorted(q for q in scenarios_dir().glob("*.yaml") if "." not in q.stem):
        out.append((p.stem, p))
    return out


def resolve(name: str) -> Path:
    """A path for a shipped id or an existing file; ScenarioError otherwise."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists() or "/" in name:
        if not p.exists():
            raise ScenarioError([Diagnostic(name, 1, 1, "no such file")])
        return p
    ids = {sid: path for sid, path in shipped()}
    if name in ids:
        return ids[name]
    raise ScenarioError([Diagnostic(name, 1, 1, f"no shipped scenario with id '{name}'", suggest(name, ids) or one_of(ids))])


def _read(path: Path, label: str) -> tuple[Located, bytes]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Diagnostic(label, 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    return parse_bytes(raw, label), raw


def _shift(doc: Located, key: str, n: int) -> Located:
    """``doc`` with the items of list ``key`` renumbered from ``n``."""
    if n == 0:
        return doc

    def move(table: dict) -> dict:
        out = {}
        for path, pos in table.items():
            if len(path) >= 2 and path[0] == key and isinstance(path[1], int):
                path = (key, path[1] + n) + path[2:]
            out[path] = pos
        return out

    return Located(doc.file, doc.data, move(doc.values), move(doc.keys))


def _merge(base: Located, inc: Located) -> Located:
    """Merge an included document under ``base``: lists are concatenated
    (included items first), mappings merged, and ``base`` wins on scalars."""
    data = dict(base.data)
    values = dict(base.values)
    keys = dict(base.keys)
    for k, v in inc.data.items():
        if k in ("format", "id", "include"):
            continue
        if k not in data:
            data[k] = v
            values.update({p: pos for p, pos in inc.values.items() if p[:1] == (k,)})
            keys.update({p: pos for p, pos in inc.keys.items() if p[:1] == (k,)})
        elif isinstance(v, list) and isinstance(data[k], list):
            n = len(v)
            moved = _shift(Located(base.file, None, {p: q for p, q in values.items() if p[:1] == (k,)}, {p: q for p, q in keys.items() if p[:1] == (k,)}), k, n)
            values = {p: q for p, q in values.items() if p[:1] != (k,)} | moved.values
            keys = {p: q for p, q in keys.items() if p[:1] != (k,)} | moved.keys
            values.update({p: pos for p, pos in inc.values.items() if p[:1] == (k,) and len(p) > 1})
            keys.update({p: pos for p, pos in inc.keys.items() if p[:1] == (k,) and len(p) > 1})
            data[k] = v + data[k]
        elif isinstance(v, dict) and isinstance(data[k], dict):
            merged = dict(v)
            merged.update(data[k])
            data[k] = merged
            for p, pos in inc.values.items():
                if p[:1] == (k,) and len(p) > 1 and p[1] not in base.data[k]:
                    values[p] = pos
            for p, pos in inc.keys.items():
                if p[:1] == (k,) and len(p) > 1 and p[1] not in base.data[k]:
                    keys[p] = pos
    return Located(base.file, data, values, keys)


def _with_includes(doc: Located, path: Path, root: Path, depth: int, hasher: Any) -> Located:
    inc = doc.data.get("include") if isinstance(doc.data, dict) else None
    if not inc:
        return doc
    if not isinstance(inc, list):
        raise ScenarioError([doc.error(("include",), "'include' must be a list of file names", "e.g. include: [shared/un-security-council.yaml]")])
    if depth >= MAX_INCLUDE_DEPTH:
        raise ScenarioError([doc.error(("include",), f"includes nested more than {MAX_INCLUDE_DEPTH} deep (a cycle?)")])
    errors: list[Diagnostic] = []
    merged = doc
    for i, name in enumerate(inc):
        if not isinstance(name, str) or not name:
            errors.append(doc.error(("include", i), "an include must be a file name"))
            continue
        target = (path.parent / name).resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            errors.append(doc.error(("include", i), f"'{name}' is outside the scenarios folder", "includes must stay inside the folder of the scenario"))
            continue
        if not target.is_file():
            errors.append(doc.error(("include", i), f"included file '{name}' does not exist"))
            continue
        try:
            sub, raw = _read(target, str(target))
        except ScenarioError as exc:
            errors.extend(exc.diagnostics)
            continue
        hasher.update(raw)
        if not isinstance(sub.data, dict):
            errors.append(sub.error((), "an included file must be a mapping of scenario keys"))
            continue
        sub = _with_includes(sub, target, root, depth + 1, hasher)
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
    rules_doc, rules_model, rules_hash = default_rules()
    hasher = hashlib.sha256(raw)
    hasher.update(rules_hash.encode())
    if not isinstance(doc.data, dict):
        raise ScenarioError([doc.error((), "a scenario file must be a mapping of keys (format, id, title, ...)", "run 'brinkmanship new FILE' for a starter scenario")])
    if root is None:
        shipped_root = scenarios_dir().resolve()
        root = shipped_root if path.resolve().is_relative_to(shipped_root) else path.resolve().parent
    doc = _with_includes(doc, path, root, 0, hasher)
    try:
        model = S.Scenario.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(pydantic_diagnostics(doc, exc, S.Scenario)) from None
    return compile_scenario(doc, model, rules_doc, rules_model, shipped_personalities(), str(path), hasher.hexdigest()[:16])


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
