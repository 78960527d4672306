"""The house's layers: each package imports only the ones beneath it
(core ← scenario ← ai ← session ← report, gui, cli, net), never a private name
of another package, and no module imports itself round in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "game"
BELOW = {
    "core": set(),
    "scenario": {"core"},
    "ai": {"core", "scenario"},
    "session": {"core", "scenario", "ai"},
    "report": {"core", "scenario", "ai", "session"},
    "gui": {"core", "scenario", "ai", "session", "report"},
    "cli": {"core", "scenario", "ai", "session", "report", "gui", "net"},
    "net": {"core", "scenario", "ai", "session", "report", "gui", "cli"},
    "__main__": {"cli"},
    "__init__": set(),
}


def runtime_imports(tree: ast.Module) -> list[ast.ImportFrom | ast.Import]:
    """Imports that run (those under ``if TYPE_CHECKING:`` are for type hints only)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    return [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) and id(n) not in skip]


def game_modules(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.ImportFrom):
        return [node.module] if node.module and node.level == 0 and node.module.startswith("game.") else []
    return [a.name for a in node.names if a.name.startswith("game.")]


def test_every_package_imports_only_the_layers_beneath_it():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        layer = path.relative_to(ROOT).parts[0].removesuffix(".py")
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            for mod in game_modules(node):
                target = mod.split(".")[1]
                if target != layer and target not in BELOW[layer]:
                    wrong.append(f"{path.relative_to(ROOT)} imports {mod}")
    assert not wrong, wrong


def test_no_package_imports_another_ones_private_names():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        layer = path.relative_to(ROOT).parts[0].removesuffix(".py")
        for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and game_modules(node) and node.module.split(".")[1] != layer:
                wrong += [
                    f"{path.relative_to(ROOT)} imports {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_")
                ]
    assert not wrong, wrong


def test_no_module_imports_itself_round_a_cycle_at_import_time():
    """Top-level imports between modules form no cycle (imports inside
    functions run later and may point anywhere the layers allow)."""
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        name = "game." + ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
        graph[name] = {m for n in top for m in game_modules(n)}
    state: dict[str, int] = {}

    def visit(m: str, trail: list[str]) -> None:
        if state.get(m) == 2 or m not in graph:
            return
        assert state.get(m) != 1, " → ".join(trail + [m])
        state[m] = 1
        for dep in graph[m]:
            visit(dep, trail + [m])
        state[m] = 2

    for m in graph:
        visit(m, [])


def test_the_front_ends_declare_every_attribute_in_init():
    """A screen, a part of one or a command group keeps its state in
    attributes its ``__init__`` (or a base class's) declares: none appears
    first in a method that happens to run later."""

    def assigned(fn: ast.FunctionDef) -> set[str]:
        out = set()
        for n in ast.walk(fn):
            targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AnnAssign) else []
            for t in targets:
                for e in ast.walk(t):
                    if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "self":
                        out.add(e.attr)
        return out

    classes: dict[str, tuple[list[str], set[str], dict[str, str]]] = {}
    for package in ("gui", "cli"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for c in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(c, ast.ClassDef):
                    continue
                init: set[str] = set()
                later: dict[str, str] = {}
                for f in c.body:
                    if isinstance(f, ast.FunctionDef):
                        if f.name == "__init__":
                            init |= assigned(f)
                        else:
                            later.update({x: f"{path.relative_to(ROOT)}: {c.name}.{f.name}" for x in assigned(f)})
                classes[c.name] = ([b.id for b in c.bases if isinstance(b, ast.Name)], init, later)

    def declared(name: str) -> set[str]:
        bases, init, _ = classes.get(name, ([], set(), {}))
        return init.union(*(declared(b) for b in bases))

    wrong = [f"{where} sets self.{x}" for name, (_, _, later) in classes.items() for x, where in later.items()]
    wrong = [w for w in wrong if w.rsplit("self.", 1)[1] not in declared(w.split(": ")[1].split(".")[0])]
    assert not wrong, wrong
