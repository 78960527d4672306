"""Scripted order paths: a scenario's real decisions as orders, played by the engine.

A paths file sits next to its scenario (``scenarios/<id>.paths.yaml``) and
names one or more paths. Each path gives, turn by turn, the orders some
actors give; every other actor passes (or, if the path lists it under
``ai:``, is played by the AI — it passes too while no AI is installed)::

    format: 1
    scenario: gulf-1990
    paths:
      historical:
        description: What was decided in 1990-91.
        turns:
          1: {usa: [resolution_sanctions iraq, sanctions iraq]}
          9:
            usa:
              - resolution_force iraq
              - {order: propose_agreement withdrawal, when: {progress: withdrawal, at_least: 40}}
        expect:
          share: 0.7                       # in at least 70% of seeds ...
          outcomes: {usa: win, iraq: loss} # ... these role outcomes (a list allows several)
          conditions:                      # ... and these conditions, at the end
            - {control: kuwait, is: kuwait}
        contrast:                          # optional: how this path differs from another
          path: other-path
          lower: [{reputation: usa}]       # mean at the end lower here than there
          higher: [{need: kuwait}]

An order is written as the terminal mode takes it (``ACTION TARGET``); a
mapping ``{order: ..., when: CONDITION}`` gives the order only when the
condition holds at the start of that turn. Unknown actors, orders and
quantities are reported with the file, line and column. An order the engine
rejects while playing is reported with its turn, actor and reason, never
dropped silently.

Run ``python -m game.session.paths FILE [--seeds N]`` for a summary.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import Field, ValidationError

from game.ai.controllers import PassController
from game.core.conditions import Condition, Ref
from game.core.spec import Kind, Outcome
from game.scenario.compile import Scenario
from game.scenario.diagnostics import pydantic_diagnostics
from game.scenario.errors import Diagnostic, ScenarioError, one_of, suggest
from game.scenario.loader import load, scenarios_dir
from game.scenario.schema import Strict
from game.scenario.source import Located, Path_, parse_bytes
from game.scenario.vocab import Names, Parser
from game.session.game import Game

OUTCOME_NAMES: dict[str, Outcome] = {"win": Outcome.WIN, "draw": Outcome.DRAW, "loss": Outcome.LOSS}


# ----------------------------------------------------------------- file format
class OrderModel(Strict):
    order: str = Field(min_length=1, description="The order as typed in the terminal, e.g. 'strike kuwait'.")
    when: dict[str, Any] | None = Field(
        None, description="Give the order only when this condition holds at the start of the turn."
    )


class ExpectModel(Strict):
    share: float = Field(0.6, gt=0, le=1, description="Share of seeds in which every expectation must hold.")
    outcomes: dict[str, str | list[str]] = Field(
        default_factory=dict, description="Role (actor id) → expected outcome(s): win, draw or loss."
    )
    conditions: list[dict[str, Any]] = Field(
        default_factory=list, description="Conditions that hold when the game ends."
    )


class ContrastModel(Strict):
    path: str = Field(description="The path this one is compared with.")
    lower: list[dict[str, Any]] = Field(
        default_factory=list, description="Quantities whose mean at the end is lower on this path."
    )
    higher: list[dict[str, Any]] = Field(
        default_factory=list, description="Quantities whose mean at the end is higher on this path."
    )


class PathModel(Strict):
    description: str = Field(min_length=1)
    ai: list[str] = Field(
        default_factory=list, description="Actors played by the AI (they pass when no AI is installed)."
    )
    accept: list[str] = Field(
        default_factory=list,
        description=(
            "Scripted actors that accept every proposal put to them (as history records they did), "
            "the turn after it is made."
        ),
    )
    turns: dict[int, dict[str, list[str | OrderModel]]] = Field(default_factory=dict)
    expect: ExpectModel = Field(default_factory=ExpectModel)
    contrast: ContrastModel | None = None


class PathsFileModel(Strict):
    format: Literal[1]
    scenario: str = Field(min_length=1)
    paths: dict[str, PathModel] = Field(min_length=1)


# ----------------------------------------------------------------- compiled paths
@dataclass(frozen=True)
class ScriptedOrder:
    turn: int
    actor: int
    option: int
    text: str
    where: str
    """``file:line:col`` of the order in the paths file."""
    when: Condition | None = None


@dataclass(frozen=True)
class Quantity:
    """A value read at the end of a game, e.g. the reputation of the United States."""

    ref: Ref
    text: str


@dataclass(frozen=True)
class Expectation:
    share: float
    outcomes: dict[int, frozenset[Outcome]]
    """Role index → acceptable outcomes."""
    conditions: tuple[tuple[Condition, str], ...]


@dataclass(frozen=True)
class Contrast:
    path: str
    lower: tuple[Quantity, ...]
    higher: tuple[Quantity, ...]


@dataclass(frozen=True)
class ScriptedPath:
    name: str
    description: str
    orders: tuple[ScriptedOrder, ...]
    ai: tuple[int, ...]
    expect: Expectation
    contrast: Contrast | None
    accept: tuple[int, ...] = ()

    def turn_orders(self, turn: int) -> dict[int, list[ScriptedOrder]]:
        out: dict[int, list[ScriptedOrder]] = {}
        for o in self.orders:
            if o.turn == turn:
                out.setdefault(o.actor, []).append(o)
        return out


@dataclass(frozen=True)
class PathsFile:
    file: str
    scenario: Scenario
    paths: dict[str, ScriptedPath]


def paths_file_for(scenario_id: str) -> Path:
    """Where the paths of a shipped scenario live."""
    return scenarios_dir() / f"{scenario_id}.paths.yaml"


def load_paths(file: str | Path, scenario: Scenario | None = None) -> PathsFile:
    """Read and check a paths file; raise ScenarioError listing every problem."""
    path = Path(file)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Diagnostic(str(file), 1, 1, f"cannot read the file: {exc.strerror or exc}")]) from None
    doc = parse_bytes(raw, str(file))
    try:
        model = PathsFileModel.model_validate(doc.data)
    except ValidationError as exc:
        raise ScenarioError(pydantic_diagnostics(doc, exc, PathsFileModel)) from None
    if scenario is None:
        sibling = path.parent / f"{model.scenario}.yaml"
        scenario = load(sibling if sibling.exists() else model.scenario)
    if scenario.id != model.scenario:
        raise ScenarioError([doc.error(("scenario",), f"this file is for '{model.scenario}', not '{scenario.id}'")])
    return _compile(doc, model, scenario)


def _compile(doc: Located, model: PathsFileModel, scenario: Scenario) -> PathsFile:
    rules = scenario.rules
    names = Names(
        [a.id for a in rules.actors],
        [r.id for r in rules.regions],
        [t.id for t in rules.tracks],
        [a.id for a in rules.alliances],
        list(rules.flags),
    )
    parser = Parser(doc, names)
    errors: list[Diagnostic] = []
    actor_ids = [a.id for a in rules.actors]
    role_ids = [rules.actors[r.actor].id for r in rules.roles]

    def fail(p: Path_, message: str, hint: str = "", key: bool = False) -> None:
        errors.append(doc.error(p, message, hint, key))

    def actor(name: str, p: Path_, key: bool = False) -> int:
        if name not in actor_ids:
            fail(p, f"unknown actor '{name}'", suggest(name, actor_ids) or one_of(actor_ids), key)
            return -1
        return actor_ids.index(name)

    out: dict[str, ScriptedPath] = {}
    for pname, pm in model.paths.items():
        base: Path_ = ("paths", pname)
        orders: list[ScriptedOrder] = []
        for turn, by_actor in pm.turns.items():
            tp = base + ("turns", turn)
            if not 1 <= turn <= rules.turn_limit:
                fail(tp, f"turn {turn} is outside the scenario's turns 1–{rules.turn_limit}", key=True)
                continue
            for who, items in by_actor.items():
                a = actor(who, tp + (who,), key=True)
                if a < 0:
                    continue
                if len(items) > rules.max_orders:
                    fail(
                        tp + (who,),
                        f"{len(items)} orders for {who} on turn {turn}; "
                        f"an actor gives at most {rules.max_orders} a turn",
                    )
                slugs = {rules.option_slug(o): int(o) for o in rules.options_of(a)}
                for k, item in enumerate(items):
                    ip = tp + (who, k)
                    text = item if isinstance(item, str) else item.order
                    text = " ".join(text.lower().split())
                    when = None
                    if isinstance(item, OrderModel):
                        if item.when is not None:
                            when = parser.condition(item.when, ip + ("when",))
                        ip = ip + ("order",)
                    if text not in slugs:
                        acts = sorted({s.split()[0] for s in slugs})
                        word = text.split()[0] if text else ""
                        hint = suggest(text, slugs) or (
                            f"{who} has no action '{word}'; " + one_of(acts)
                            if word not in acts
                            else one_of(s for s in slugs if s.startswith(word + " "))
                        )
                        fail(ip, f"'{text}' is not an order {who} can give", hint)
                        continue
                    file, line, col = doc.pos(ip)
                    orders.append(ScriptedOrder(int(turn), a, slugs[text], text, f"{file}:{line}:{col}", when))
        ai = tuple(x for x in (actor(w, base + ("ai", k)) for k, w in enumerate(pm.ai)) if x >= 0)
        accept = tuple(x for x in (actor(w, base + ("accept", k)) for k, w in enumerate(pm.accept)) if x >= 0)
        outcomes: dict[int, frozenset[Outcome]] = {}
        for who, want in pm.expect.outcomes.items():
            if who not in role_ids:
                fail(
                    base + ("expect", "outcomes", who),
                    f"'{who}' is not a role of {scenario.id}",
                    suggest(who, role_ids) or one_of(role_ids),
                    key=True,
                )
                continue
            wanted = [want] if isinstance(want, str) else list(want)
            bad = [w for w in wanted if w not in OUTCOME_NAMES]
            for w in bad:
                fail(
                    base + ("expect", "outcomes", who),
                    f"'{w}' is not an outcome",
                    suggest(w, OUTCOME_NAMES) or one_of(OUTCOME_NAMES),
                )
            if wanted and not bad:
                outcomes[role_ids.index(who)] = frozenset(OUTCOME_NAMES[w] for w in wanted)
        conds = []
        for k, c in enumerate(pm.expect.conditions):
            conds.append((parser.condition(c, base + ("expect", "conditions", k)), _describe(c)))
        contrast = None
        if pm.contrast is not None:
            cp = base + ("contrast",)
            if pm.contrast.path not in model.paths or pm.contrast.path == pname:
                others = [n for n in model.paths if n != pname]
                fail(
                    cp + ("path",),
                    f"no other path named '{pm.contrast.path}'",
                    suggest(pm.contrast.path, others) or one_of(others),
                )
            lower = tuple(_quantities(parser, pm.contrast.lower, cp + ("lower",), fail))
            higher = tuple(_quantities(parser, pm.contrast.higher, cp + ("higher",), fail))
            if not lower and not higher:
                fail(cp, "a contrast needs at least one quantity under 'lower' or 'higher'")
            contrast = Contrast(pm.contrast.path, lower, higher)
        expect = Expectation(pm.expect.share, outcomes, tuple(conds))
        out[pname] = ScriptedPath(pname, pm.description.strip(), tuple(orders), ai, expect, contrast, accept)
    errors.extend(parser.errors)
    if errors:
        raise ScenarioError(errors)
    return PathsFile(doc.file, scenario, out)


def _quantities(parser: Parser, items: list[dict[str, Any]], p: Path_, fail: Any) -> list[Quantity]:
    from game.core.conditions import QUANTITIES

    out = []
    for k, item in enumerate(items):
        keys = [key for key in item if key in QUANTITIES]
        if len(keys) != 1 or len(item) != 1:
            fail(p + (k,), "name one quantity and its subject, e.g. {reputation: usa}", one_of(QUANTITIES))
            continue
        q = keys[0]
        ref = Ref(q) if QUANTITIES[q].table == "global" else parser.ref(q, item[q], p + (k, q))
        if ref is not None:
            out.append(Quantity(ref, _describe(item)))
    return out


def _describe(node: Any) -> str:
    """A condition or quantity as compact text: 'control kuwait is kuwait'."""
    if isinstance(node, dict):
        return ", ".join(f"{k} {_describe(v)}" for k, v in node.items())
    if isinstance(node, list):
        return "[" + ", ".join(_describe(v) for v in node) + "]"
    return str(node).lower() if isinstance(node, bool) else str(node)


# ----------------------------------------------------------------- playing
@dataclass(frozen=True)
class Rejected:
    """A scripted order the engine refused, and why."""

    turn: int
    actor: str
    order: str
    reason: str
    where: str

    def format(self) -> str:
        return f"{self.where}: turn {self.turn}: {self.actor}: '{self.order}' rejected: {self.reason}"


@dataclass
class PathRun:
    """One game played along a path."""

    seed: int
    game: Game
    rejected: list[Rejected] = field(default_factory=list)
    skipped: list[ScriptedOrder] = field(default_factory=list)
    """Conditional orders not given because their condition did not hold."""
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    conditions: list[bool] = field(default_factory=list)
    expected: bool = False

    def value(self, q: Quantity) -> float:
        return float(q.ref.read(self.game.state)[0])


def play_path(scenario: Scenario, path: ScriptedPath, seed: int) -> PathRun:
    """Play one game along ``path`` with the real engine."""
    rules = scenario.rules
    controllers = {a: PassController() for a in range(rules.n_actors) if a not in path.ai}
    game = Game.new(scenario, seed, humans=(), controllers=controllers)
    run = PathRun(seed, game)
    while not game.over:
        turn = game.turn
        extra: dict[int, list[int]] = {}
        given: dict[tuple[int, int], ScriptedOrder] = {}
        for a in path.accept:
            # Accept what is on the table from the other party (first in the actor's orders).
            offers = [
                k
                for k, tr in enumerate(rules.tracks)
                if a in tr.parties and game.state.offer[0, k] >= 0 and game.state.offer[0, k] != a
            ]
            acc = [
                o
                for o in rules.options_of(a)
                if rules.actions[rules.opt_action[o]].kind == Kind.ACCEPT and rules.opt_track[o] in offers
            ]
            extra.setdefault(a, []).extend(int(o) for o in acc)
        for a, items in path.turn_orders(turn).items():
            extra.setdefault(a, [])
            for o in items:
                if o.when is not None and not bool(o.when.evaluate(game.state)[0]):
                    run.skipped.append(o)
                    continue
                extra[a].append(o.option)
                given[(a, o.option)] = o
        record = game.end_turn(extra=extra)
        for a, option, reason in record.rejected:
            o = given.get((a, option))
            where = o.where if o else "(AI)"
            run.rejected.append(Rejected(turn, rules.actors[a].id, rules.option_slug(option), reason, where))
    run.outcomes = {k: game.outcome(k) for k in range(len(rules.roles))}
    run.conditions = [bool(c.evaluate(game.state)[0]) for c, _ in path.expect.conditions]
    run.expected = all(run.outcomes[k] in ok for k, ok in path.expect.outcomes.items()) and all(run.conditions)
    return run


@dataclass
class PathSummary:
    """Outcomes of a path over many seeds."""

    scenario: Scenario
    path: ScriptedPath
    runs: list[PathRun]

    @property
    def n(self) -> int:
        return len(self.runs)

    @property
    def expected_share(self) -> float:
        return sum(r.expected for r in self.runs) / max(self.n, 1)

    @property
    def holds(self) -> bool:
        """The path's expectations hold in at least the share it states."""
        return self.expected_share >= self.path.expect.share - 1e-9

    def outcome_share(self, role: int, outcome: Outcome) -> float:
        return sum(r.outcomes[role] == outcome for r in self.runs) / max(self.n, 1)

    def condition_share(self, k: int) -> float:
        return sum(r.conditions[k] for r in self.runs) / max(self.n, 1)

    def mean(self, q: Quantity) -> float:
        return float(np.mean([r.value(q) for r in self.runs]))

    def rejections(self) -> Counter[tuple[int, str, str, str, str]]:
        """(turn, actor, order, reason, where) → number of seeds it happened in."""
        return Counter((x.turn, x.actor, x.order, x.reason, x.where) for r in self.runs for x in r.rejected)

    def lines(self) -> list[str]:
        r = self.scenario.rules
        out = [
            f"{self.scenario.id} / {self.path.name}: {self.n} seeds; "
            f"expectations met in {self.expected_share:.0%} (needs {self.path.expect.share:.0%}) — "
            f"{'OK' if self.holds else 'NOT MET'}"
        ]
        for k, role in enumerate(r.roles):
            shares = "  ".join(f"{name} {self.outcome_share(k, o):4.0%}" for name, o in OUTCOME_NAMES.items())
            want = self.path.expect.outcomes.get(k)
            wanted = f"  (expected: {'/'.join(n for n, o in OUTCOME_NAMES.items() if o in want)})" if want else ""
            out.append(f"  {r.actors[role.actor].id:<12} {shares}{wanted}")
        for k, (_, text) in enumerate(self.path.expect.conditions):
            out.append(f"  condition {text}: {self.condition_share(k):.0%}")
        for (turn, actor, order, reason, where), n in sorted(self.rejections().items()):
            out.append(f"  {where}: turn {turn}: {actor}: '{order}' rejected in {n} seed(s): {reason}")
        skipped = Counter((o.turn, r.actors[o.actor].id, o.text) for run in self.runs for o in run.skipped)
        for (turn, actor, order), n in sorted(skipped.items()):
            out.append(f"  turn {turn}: {actor}: '{order}' not given in {n} seed(s) (its condition did not hold)")
        return out


def summarise(scenario: Scenario, path: ScriptedPath, seeds: Sequence[int]) -> PathSummary:
    return PathSummary(scenario, path, [play_path(scenario, path, s) for s in seeds])


def contrast_lines(a: PathSummary, b: PathSummary) -> list[tuple[bool, str]]:
    """Whether each quantity of ``a``'s contrast differs from ``b`` the stated way."""
    c = a.path.contrast
    if c is None:
        return []
    out = []
    for q in c.lower:
        x, y = a.mean(q), b.mean(q)
        out.append((x < y, f"{q.text}: {x:.1f} on {a.path.name} vs {y:.1f} on {b.path.name} (expected lower)"))
    for q in c.higher:
        x, y = a.mean(q), b.mean(q)
        out.append((x > y, f"{q.text}: {x:.1f} on {a.path.name} vs {y:.1f} on {b.path.name} (expected higher)"))
    return out


# ----------------------------------------------------------------- entry point
def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m game.session.paths",
        description="Play a scenario's scripted paths over many seeds and summarise the outcomes.",
    )
    ap.add_argument("file", help="a paths file, or a shipped scenario id")
    ap.add_argument("--seeds", type=int, default=30, help="number of seeds (1..N)")
    ap.add_argument("--path", action="append", help="only this path (repeatable)")
    args = ap.parse_args(argv)
    file = Path(args.file) if Path(args.file).exists() else paths_file_for(args.file)
    try:
        pf = load_paths(file)
    except ScenarioError as exc:
        print(exc, file=sys.stderr)
        return 1
    seeds = range(1, args.seeds + 1)
    summaries = {
        name: summarise(pf.scenario, p, seeds) for name, p in pf.paths.items() if not args.path or name in args.path
    }
    ok = True
    for s in summaries.values():
        for line in s.lines():
            print(line)
        ok &= s.holds
        c = s.path.contrast
        if c is not None and c.path in summaries:
            for good, text in contrast_lines(s, summaries[c.path]):
                print(f"  contrast {'OK' if good else 'NOT MET'}: {text}")
                ok &= good
    return 0 if ok else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
