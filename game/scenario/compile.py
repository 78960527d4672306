"""Turn a validated scenario document into the engine's :class:`Rules`.

Checks that need the whole scenario happen here: unique ids, every
reference resolved (with suggestions for near misses), conditions and
effects parsed, impossible set-ups reported. Every problem is reported with
its file, line and column; a scenario with any error is not compiled.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from game.core.actions import NONSTATE_FORBIDDEN
from game.core.conditions import BUDGET_MAX, FALSE, TRUE, Condition
from game.core.derived import holder_by_forces
from game.core.spec import (
    KIND_TARGET,
    ActionSpec,
    ActorKind,
    ActorSpec,
    AllianceSpec,
    Calendar,
    Category,
    Council,
    EventSpec,
    Initial,
    Kind,
    Option,
    RegionSpec,
    Resolution,
    RoleSpec,
    Rules,
    ScoreTerm,
    Target,
    Topic,
    TrackSpec,
    TrackStatus,
    build_option_arrays,
)
from game.scenario import limits
from game.scenario import schema as S
from game.scenario.errors import Diagnostic, ScenarioError, one_of, suggest
from game.scenario.palette import actor_colours
from game.scenario.source import Located, Path_
from game.scenario.vocab import PLACEHOLDERS_FOR_TARGET, Names, Parser

SPARE_ALLIANCES = 2

NO_OWNER = "none"
"""A region's ``owner`` for ground nobody owns (international waters); no actor may take this id."""


@dataclass(frozen=True)
class RoleInfo:
    actor: str
    briefing: str
    victory: str
    defeat: str


@dataclass(frozen=True)
class EventInfo:
    id: str
    name: str
    date: str
    inject: bool


@dataclass(frozen=True)
class Meta:
    """What a scenario says to people (the engine does not need it)."""

    id: str
    title: str
    period: str
    summary: str
    fictional: bool
    briefing: str
    history: str
    learning_objectives: tuple[str, ...]
    discussion: tuple[str, ...]
    sources: tuple[str, ...]
    roles: tuple[RoleInfo, ...]
    events: tuple[EventInfo, ...]
    actor_descriptions: dict[str, str] = field(default_factory=dict)
    region_descriptions: dict[str, str] = field(default_factory=dict)
    map_area: tuple[float, float, float, float] | None = None
    """A real place: [west, south, east, north] in degrees (None for drawn land of the scenario's own)."""
    region_outlines: dict[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)
    """Regions' own outlines, in map coordinates (0–1 shares of the map, like ``RegionSpec.pos``)."""
    refusals: dict[str, str] = field(default_factory=dict)
    """Action id → what a player is told when the action's 'requires' does not hold (the author's words)."""


@dataclass(frozen=True, eq=False)
class Scenario:
    """A loaded scenario: the engine's rules plus everything shown to people."""

    rules: Rules
    meta: Meta
    personalities: dict[str, dict[str, Any]]
    difficulty: dict[str, dict[str, Any]]
    path: str
    content_hash: str
    sources: tuple[tuple[str, bytes], ...] = ()
    """The files it was read from, as (path relative to its folder, bytes): the scenario file first, then each
    included file in reading order. A save carries them, so that it replays after the file is edited."""

    @property
    def id(self) -> str:
        return self.rules.id


# ----------------------------------------------------------------- compile
@dataclass
class _Ctx:
    doc: Located
    errors: list[Diagnostic] = field(default_factory=list)

    def fail(self, path: Path_, message: str, hint: str = "", key: bool = False) -> None:
        self.errors.append(self.doc.error(path, message, hint, key))


def _unique(c: _Ctx, items: list[Any], path: str, what: str) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for i, it in enumerate(items):
        if it.id in seen:
            c.fail(
                (path, i, "id"),
                f"duplicate {what} id '{it.id}' (also item {seen[it.id] + 1} of '{path}')",
                "ids must be unique",
            )
        seen.setdefault(it.id, i)
        ids.append(it.id)
    return ids


def _ref(c: _Ctx, ids: list[str], value: str | None, path: Path_, what: str, key: bool = False) -> int:
    """Index of the id ``value`` among ``ids`` (-1 and an error when unknown)."""
    if value is None:
        return -1
    if value in ids:
        return ids.index(value)
    c.fail(path, f"unknown {what} '{value}'", suggest(value, ids) or one_of(ids), key)
    return -1


@dataclass
class _Ids:
    """The ids of the scenario's actors, regions and tracks, in order."""

    actors: list[str]
    regions: list[str]
    tracks: list[str]


@dataclass
class _Ground:
    """The regions and who stands where at the start."""

    regions: list[RegionSpec]
    control: np.ndarray  # [R]
    forces: np.ndarray  # [A, R]
    peacekeepers: np.ndarray  # [A, R]
    consent: np.ndarray  # [A, R]


@dataclass
class _Talks:
    """The negotiation tracks and their state at the start."""

    tracks: list[TrackSpec]
    status: np.ndarray
    progress: np.ndarray
    trust: np.ndarray
    mediator: np.ndarray


def compile_scenario(
    doc: Located,
    model: S.Scenario,
    rules_doc: Located,
    rules_model: S.RulesFile,
    personalities: dict[str, dict[str, Any]],
    path: str,
    content_hash: str,
    partial: bool = False,
) -> Scenario:
    """Check a scenario whose shape is valid and build its rules, or raise
    ScenarioError with every problem found.

    ``partial`` is for a document repaired after shape errors (see the
    loader): the checks that depend on every value being as written — forces
    against strength, each role's first move — are skipped.

    The steps run in a fixed order, which is the order problems are reported in."""
    c = _Ctx(doc)
    m = model
    ids = _ids(c, m)
    actors = _actors(c, m, personalities)
    ground = _ground(c, m, ids, partial)
    relations = _relations(c, m, ids)
    alliances, membership = _alliances(c, m, ids)
    council = _council(c, m, ids)
    talks = _tracks(c, m, ids)
    mandate_force, mandate_pk = _mandates(c, m, ids)
    sanctions = _sanctions(c, m, ids)
    condemned, un_sanctions = _council_measures(c, m, ids)
    flag_names = _flags(c, m)
    parser = Parser(doc, Names(ids.actors, ids.regions, ids.tracks, [a.id for a in alliances], flag_names))
    params = _params(c, m, rules_model)
    actions = _compile_actions(c, doc, rules_doc, rules_model, m, parser)
    _check_action_actors(c, m, ids)
    options = _options(c, m, actions, actors, talks.tracks)
    roles, role_info = _roles(c, m, ids, parser)
    events = _events(c, m, parser)
    end = parser.condition(m.end.when, ("end", "when")) if m.end else FALSE
    _check_calendar(c, m)
    _check_logic_size(c, m)
    if m.end:
        _check_turns(c, m.end.when, ("end", "when"), "the end condition", m.turns + 1_000_000, 0, "hold")

    pers = _personalities(c, m, personalities)
    actors = [replace(a, resolve=_trait(pers, a.personality, "resolve")) for a in actors]
    c.errors.extend(parser.errors)
    if c.errors:
        raise ScenarioError(c.errors)

    initial = replace(
        _initial(m, ground, relations, membership, talks, mandate_force, mandate_pk, flag_names, sanctions),
        condemned=condemned,
        un_sanctions=un_sanctions,
    )
    rules = Rules(
        id=m.id,
        title=m.title,
        actors=tuple(actors),
        regions=tuple(ground.regions),
        tracks=tuple(talks.tracks),
        alliances=tuple(alliances),
        actions=tuple(actions),
        options=tuple(options),
        events=tuple(events),
        roles=tuple(roles),
        council=council,
        calendar=Calendar(
            m.calendar.start if isinstance(m.calendar.start, dt.date) else dt.date.fromisoformat(str(m.calendar.start)),
            m.calendar.days_per_turn,
        ),
        turn_limit=m.turns,
        params=params,
        initial=initial,
        flags=tuple(flag_names),
        end_condition=end,
        end_text=m.end.text if m.end else "",
        max_orders=int(params.get("max_orders", 3)),
    )
    rules = build_option_arrays(rules)
    if not partial:
        _check_playable(c, rules, m)
    if c.errors:
        raise ScenarioError(c.errors)
    return Scenario(rules, _meta(m, role_info), pers, _difficulty(m), path, content_hash)


def _ids(c: _Ctx, m: S.Scenario) -> _Ids:
    """Every id is unique within its list."""
    actor_ids = _unique(c, list(m.actors), "actors", "actor")
    region_ids = _unique(c, list(m.regions), "regions", "region")
    track_ids = _unique(c, list(m.tracks), "tracks", "track")
    _unique(c, list(m.alliances), "alliances", "alliance")
    _unique(c, list(m.events), "events", "event")
    return _Ids(actor_ids, region_ids, track_ids)


def _actors(c: _Ctx, m: S.Scenario, personalities: dict[str, dict[str, Any]]) -> list[ActorSpec]:
    actors = []
    # Each actor's colour told apart from the others' (see game.scenario.palette).
    colours = actor_colours([a.colour for a in m.actors])
    raw_actors = c.doc.data.get("actors") if isinstance(c.doc.data, dict) else None
    for i, a in enumerate(m.actors):
        if a.id == NO_OWNER:
            c.fail(
                ("actors", i, "id"),
                f"'{NO_OWNER}' cannot be an actor's id: 'owner: {NO_OWNER}' marks a region nobody owns",
                "choose another id",
            )
        raw = (
            raw_actors[i]
            if isinstance(raw_actors, list) and i < len(raw_actors) and isinstance(raw_actors[i], dict)
            else {}
        )
        if "colour" in raw and raw["colour"] is None:
            c.fail(
                ("actors", i, "colour"),
                "'colour' has no value: in YAML, '#' starts a comment",
                'write the colour in quotes, e.g. colour: "#56B4E9"',
            )
        pers = a.personality
        known = list(personalities) + [p for p in m.personalities if p not in personalities]
        if pers not in known:
            c.fail(("actors", i, "personality"), f"unknown personality '{pers}'", suggest(pers, known) or one_of(known))
        plural = a.plural if a.plural is not None else " and " in re.sub(r"\(.*?\)", "", a.name)
        actors.append(ActorSpec(a.id, a.name, ActorKind(a.kind), a.short or a.name, colours[i], pers, plural=plural))
    return actors


def _ground(c: _Ctx, m: S.Scenario, ids: _Ids, partial: bool) -> _Ground:
    """Regions, their neighbours, and the forces, peacekeepers and consent in them."""
    A, R = len(m.actors), len(m.regions)
    regions = []
    control = np.zeros(R, np.int64)
    forces = np.zeros((A, R))
    pks = np.zeros((A, R))
    consent = np.zeros((A, R), bool)
    area = _map_area(c, m)
    for g, r in enumerate(m.regions):
        p = ("regions", g)
        at_sea = r.owner == NO_OWNER
        if at_sea:
            owner = -1
        elif r.owner in ids.actors:
            owner = ids.actors.index(r.owner)
        else:
            owner = -1
            c.fail(
                p + ("owner",),
                f"unknown actor '{r.owner}'",
                suggest(r.owner, ids.actors)
                or one_of(ids.actors)
                + f"; or '{NO_OWNER}' (in lower case) for a region nobody owns, such as international waters",
            )
        if r.control == NO_OWNER:
            ctrl = owner
            c.fail(
                p + ("control",),
                f"'control: {NO_OWNER}' is not needed",
                "leave 'control' out: a region nobody owns is held by whoever has forces there, or by no one; "
                "a region someone owns is always held by someone",
            )
        else:
            ctrl = _ref(c, ids.actors, r.control, p + ("control",), "actor") if r.control else owner
        control[g] = max(ctrl, 0)
        x, y = _to_map(m, r.position)
        if not (0 <= x <= 1 and 0 <= y <= 1):
            if m.map is None:
                c.fail(
                    p + ("position",), f"position [{x:g}, {y:g}] is off the map", "each coordinate is between 0 and 1"
                )
            elif area is not None:
                c.fail(
                    p + ("position",),
                    f"position [{r.position[0]:g}, {r.position[1]:g}] is outside the map's area {list(area)}",
                    "with a 'map' area a position is [longitude, latitude] in degrees, inside the area",
                )
        if r.outline is not None:
            _check_outline(c, m, p + ("outline",), r.outline, (x, y))
        nb = []
        for k, n in enumerate(r.neighbours):
            j = _ref(c, ids.regions, n, p + ("neighbours", k), "region")
            if j == g:
                c.fail(p + ("neighbours", k), "a region cannot neighbour itself")
            elif j >= 0:
                nb.append(j)
        for table, arr in (("forces", forces), ("peacekeepers", pks)):
            for who, amount in getattr(r, table).items():
                j = _ref(c, ids.actors, who, p + (table, who), "actor", key=True)
                if j >= 0:
                    arr[j, g] = amount
        for k, who in enumerate(r.consent):
            j = _ref(c, ids.actors, who, p + ("consent", k), "actor")
            if j >= 0:
                consent[j, g] = True
        if at_sea and not r.control:
            # Nobody owns it: whoever has forces there holds it (the rule of play), or nobody.
            control[g] = int(holder_by_forces(forces[None, :, g], np.array([-1]))[0])
        regions.append(
            RegionSpec(r.id, r.name, -1 if at_sea else max(owner, 0), (float(x), float(y)), tuple(nb), float(r.radius))
        )
    for i, a in enumerate(m.actors):
        total = forces[i].sum() + pks[i].sum()
        if total > a.strength + 1e-9 and not partial:
            c.fail(
                ("actors", i, "strength"),
                f"{a.name} has {total:g} forces deployed at the start but a strength of only {a.strength:g}",
                "raise its strength or deploy fewer forces",
            )
    return _Ground(regions, control, forces, pks, consent)


def _relations(c: _Ctx, m: S.Scenario, ids: _Ids) -> np.ndarray:
    A = len(m.actors)
    rel = np.zeros((A, A))
    for k, r in enumerate(m.relations):
        p = ("relations", k, "between")
        x = _ref(c, ids.actors, r.between[0], p + (0,), "actor")
        y = _ref(c, ids.actors, r.between[1], p + (1,), "actor")
        if x >= 0 and x == y:
            c.fail(p, "relations need two different actors")
        if x >= 0 and y >= 0:
            rel[x, y] = r.value
            if not r.one_way:
                rel[y, x] = r.value
    return rel


def _alliances(c: _Ctx, m: S.Scenario, ids: _Ids) -> tuple[list[AllianceSpec], np.ndarray]:
    """The scenario's alliances and their members, plus spare ones for coalitions formed in play."""
    L = len(m.alliances) + SPARE_ALLIANCES
    membership = np.zeros((L, len(m.actors)), bool)
    alliances = []
    for k, al in enumerate(m.alliances):
        alliances.append(AllianceSpec(al.id, al.name))
        for j, who in enumerate(al.members):
            x = _ref(c, ids.actors, who, ("alliances", k, "members", j), "actor")
            if x >= 0:
                membership[k, x] = True
    for k in range(SPARE_ALLIANCES):
        alliances.append(AllianceSpec(f"coalition-{k + 1}", f"Coalition {k + 1}"))
    return alliances, membership


def _council(c: _Ctx, m: S.Scenario, ids: _Ids) -> Council:
    if not m.council:
        return Council()
    cm = m.council
    perm = tuple(
        x
        for x in (_ref(c, ids.actors, a, ("council", "permanent", j), "actor") for j, a in enumerate(cm.permanent))
        if x >= 0
    )
    elec = tuple(
        x
        for x in (_ref(c, ids.actors, a, ("council", "elected", j), "actor") for j, a in enumerate(cm.elected))
        if x >= 0
    )
    for j, a in enumerate(cm.elected):
        if a in cm.permanent:
            c.fail(("council", "elected", j), f"'{a}' is already a permanent member")
    seats = len(perm) + len(elec) + cm.other_seats
    if seats > 15:
        c.fail(("council",), f"the Council has {seats} seats; at most 15", "lower 'other_seats'")
    if cm.pass_votes > seats:
        c.fail(
            ("council", "pass_votes"),
            f"{cm.pass_votes} votes needed but the Council has only {seats} seats",
            "no resolution could ever pass",
        )
    return Council(perm, elec, cm.other_seats, cm.pass_votes)


def _tracks(c: _Ctx, m: S.Scenario, ids: _Ids) -> _Talks:
    tracks = []
    status = np.zeros(len(m.tracks), np.int64)
    progress = np.zeros(len(m.tracks))
    trust = np.zeros(len(m.tracks))
    mediator = np.full(len(m.tracks), -1, np.int64)
    for k, t in enumerate(m.tracks):
        p = ("tracks", k)
        a1 = _ref(c, ids.actors, t.parties[0], p + ("parties", 0), "actor")
        a2 = _ref(c, ids.actors, t.parties[1], p + ("parties", 1), "actor")
        if a1 >= 0 and a1 == a2:
            c.fail(p + ("parties",), "a track needs two different parties")
        reg = _ref(c, ids.regions, t.region, p + ("region",), "region")
        wd = _ref(c, ids.actors, t.withdrawing, p + ("withdrawing",), "actor")
        if t.topic == "withdrawal" and (t.withdrawing is None or t.region is None):
            c.fail(
                p + ("topic",), "a withdrawal track needs 'region' and 'withdrawing'", "say who withdraws from where"
            )
        if wd >= 0 and wd not in (a1, a2):
            c.fail(p + ("withdrawing",), f"'{t.withdrawing}' is not a party to this track")
        med = _ref(c, ids.actors, t.mediator, p + ("mediator",), "actor")
        if med >= 0 and med in (a1, a2):
            c.fail(p + ("mediator",), "a party cannot mediate its own talks")
        tracks.append(TrackSpec(t.id, t.name, Topic(t.topic), (max(a1, 0), max(a2, 0)), reg, wd))
        status[k] = TrackStatus[t.status.upper()]
        progress[k], trust[k], mediator[k] = t.progress, t.trust, med
    return _Talks(tracks, status, progress, trust, mediator)


def _mandates(c: _Ctx, m: S.Scenario, ids: _Ids) -> tuple[np.ndarray, np.ndarray]:
    """The Council's mandates in force at the start: force against actors, peacekeeping in regions."""
    mandate_force = np.zeros(len(m.actors), bool)
    for j, who in enumerate(m.mandates.force):
        x = _ref(c, ids.actors, who, ("mandates", "force", j), "actor")
        if x >= 0:
            mandate_force[x] = True
    mandate_pk = np.zeros(len(m.regions), bool)
    for j, where in enumerate(m.mandates.peacekeeping):
        x = _ref(c, ids.regions, where, ("mandates", "peacekeeping", j), "region")
        if x >= 0:
            mandate_pk[x] = True
    return mandate_force, mandate_pk


def _council_measures(c: _Ctx, m: S.Scenario, ids: _Ids) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Security Council sanctions and condemnations in force at the start (None when the scenario gives none)."""
    out: list[np.ndarray | None] = []
    for key in ("condemned", "sanctions"):
        names = getattr(m.mandates, key)
        if not names:
            out.append(None)
            continue
        arr = np.zeros(len(m.actors), bool)
        for j, who in enumerate(names):
            x = _ref(c, ids.actors, who, ("mandates", key, j), "actor")
            if x >= 0:
                arr[x] = True
        out.append(arr)
    return out[0], out[1]


def _sanctions(c: _Ctx, m: S.Scenario, ids: _Ids) -> np.ndarray:
    """Sanctions in force at the start: ``[by, on]``."""
    out = np.zeros((len(m.actors), len(m.actors)), bool)
    for j, sn in enumerate(m.sanctions):
        p = ("sanctions", j)
        by = _ref(c, ids.actors, sn.by, p + ("by",), "actor")
        on = _ref(c, ids.actors, sn.against, p + ("against",), "actor")
        if by >= 0 and by == on:
            c.fail(p + ("against",), "an actor cannot sanction itself")
        elif by >= 0 and on >= 0:
            out[by, on] = True
    return out


def _flags(c: _Ctx, m: S.Scenario) -> list[str]:
    flag_names = list(m.flags)
    for fname in flag_names:
        if not isinstance(fname, str) or not fname.replace("_", "").replace("-", "").isalnum():
            c.fail(("flags", fname), f"'{fname}' is not a valid flag name", "use letters, digits and '_'", key=True)
    return flag_names


def _params(c: _Ctx, m: S.Scenario, rules_model: S.RulesFile) -> dict[str, float]:
    """The global rule numbers: the default rules with the scenario's changes, each within its range."""
    params = dict(rules_model.params)
    for k, v in m.rules.params.items():
        if k not in params:
            c.fail(
                ("rules", "params", k),
                f"unknown rule parameter '{k}'",
                suggest(k, params) or "see docs/rules.md",
                key=True,
            )
        elif v not in limits.rule_range(k):
            c.fail(
                ("rules", "params", k),
                f"rule parameter '{k}' must be a {limits.rule_range(k).text()} (got {v:g})",
                "see 'Reference: the rule numbers' in docs/scenario-format.md",
            )
        else:
            params[k] = float(v)
    if params.get("crisis_start", 0) >= params.get("crisis_end", 100):
        c.fail(
            ("rules", "params", "crisis_end"),
            f"crisis_end ({params['crisis_end']:g}) must be above crisis_start ({params['crisis_start']:g})",
            "a crisis starts below crisis_start and ends only above crisis_end",
        )
    return params


def _options(
    c: _Ctx, m: S.Scenario, actions: list[ActionSpec], actors: list[ActorSpec], tracks: list[TrackSpec]
) -> list[Option]:
    """Every option of every actor: each action it may order, on each target."""
    options: list[Option] = []
    for i, a in enumerate(m.actors):
        allowed = _actions_for(c, m, i, a, actions)
        for ai in allowed:
            act = actions[ai]
            for opt in _targets(act, i, actors, tracks, len(m.regions)):
                options.append(Option(len(options), i, ai, **opt))
    return options


def _roles(c: _Ctx, m: S.Scenario, ids: _Ids, parser: Parser) -> tuple[list[RoleSpec], list[RoleInfo]]:
    roles = []
    role_info = []
    seen_roles: set[str] = set()
    for k, ro in enumerate(m.roles):
        p = ("roles", k)
        x = _ref(c, ids.actors, ro.actor, p + ("actor",), "actor")
        if ro.actor in seen_roles:
            c.fail(p + ("actor",), f"'{ro.actor}' already has a role")
        seen_roles.add(ro.actor)
        victory = parser.condition(ro.victory.when, p + ("victory", "when"))
        defeat = parser.condition(ro.defeat.when, p + ("defeat", "when")) if ro.defeat else FALSE
        terms = []
        for j, t in enumerate(ro.score):
            st = parser.score_term(t, p + ("score", j))
            if st:
                terms.append(ScoreTerm(st[0], st[1], st[2]))
        roles.append(
            RoleSpec(
                max(x, 0),
                victory,
                defeat,
                tuple(terms),
                ro.win_bonus,
                ro.loss_penalty,
                ro.victory.text,
                ro.defeat.text if ro.defeat else "",
            )
        )
        role_info.append(RoleInfo(ro.actor, ro.briefing, ro.victory.text, ro.defeat.text if ro.defeat else ""))
    return roles, role_info


def _events(c: _Ctx, m: S.Scenario, parser: Parser) -> list[EventSpec]:
    events = []
    for k, ev in enumerate(m.events):
        p = ("events", k)
        if ev.when is None and not ev.inject:
            c.fail(
                p,
                f"event '{ev.id}' has no 'when' and is not an inject: it could never fire",
                "add 'when:' or 'inject: true'",
                key=True,
            )
        trig = parser.condition(ev.when, p + ("when",)) if ev.when is not None else FALSE
        if ev.when is not None and not ev.inject:
            _check_turns(c, ev.when, p + ("when",), f"event '{ev.id}'", m.turns, ev.delay)
        effs = parser.effects(ev.effects, p + ("effects",))
        events.append(EventSpec(ev.id, ev.name, ev.text, trig, ev.chance, ev.once, ev.delay, effs, ev.inject, ev.date))
    return events


def _initial(
    m: S.Scenario,
    ground: _Ground,
    relations: np.ndarray,
    membership: np.ndarray,
    talks: _Talks,
    mandate_force: np.ndarray,
    mandate_pk: np.ndarray,
    flag_names: list[str],
    sanctions: np.ndarray | None = None,
) -> Initial:
    """Every value at the start of the scenario."""
    A = len(m.actors)
    return Initial(
        leverage=np.array([a.leverage for a in m.actors]),
        reputation=np.array([a.reputation for a in m.actors]),
        strength=np.array([a.strength for a in m.actors]),
        readiness=np.array([a.readiness for a in m.actors]),
        support=np.array([a.support for a in m.actors]),
        budget=np.array([a.budget for a in m.actors]),
        stability=np.array([r.stability for r in m.regions]),
        need=np.array([r.need for r in m.regions]),
        control=ground.control,
        post_conflict=np.array([r.post_conflict for r in m.regions], bool),
        forces=ground.forces,
        peacekeepers=ground.peacekeepers,
        consent=ground.consent,
        relations=relations,
        sanctions=np.zeros((A, A), bool) if sanctions is None else sanctions,
        membership=membership,
        track_status=talks.status,
        progress=talks.progress,
        trust=talks.trust,
        mediator=talks.mediator,
        mandate_force=mandate_force,
        mandate_pk=mandate_pk,
        tension=float(m.tension),
        flags=np.array([float(m.flags[f]) for f in flag_names]),
    )


def _map_area(c: _Ctx, m: S.Scenario) -> tuple[float, float, float, float] | None:
    """The scenario's area on Earth, if it gives one that makes sense."""
    if m.map is None:
        return None
    w, s, e, n = (float(v) for v in m.map.area)
    if not (-180 <= w < e <= 180):
        c.fail(
            ("map", "area"),
            f"the area's west {w:g} and east {e:g} are not a span of longitude",
            "west < east, each from -180 to 180",
        )
        return None
    if not (-85 <= s < n <= 85):
        c.fail(
            ("map", "area"),
            f"the area's south {s:g} and north {n:g} are not a span of latitude",
            "south < north, each from -85 to 85",
        )
        return None
    return (w, s, e, n)


def _to_map(m: S.Scenario, point: tuple[float, float]) -> tuple[float, float]:
    """A point as a share of the map's width and height (from its top left): a
    longitude and latitude in a scenario with a 'map' area, as it is otherwise."""
    x, y = float(point[0]), float(point[1])
    if m.map is None:
        return x, y
    w, s, e, n = (float(v) for v in m.map.area)
    if e <= w or n <= s:
        return x, y
    return (x - w) / (e - w), (n - y) / (n - s)


def _crossing(a: tuple[float, float], b: tuple[float, float], p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the segments a–b and p–q cross."""

    def side(u: tuple[float, float], v: tuple[float, float], w: tuple[float, float]) -> float:
        return (v[0] - u[0]) * (w[1] - u[1]) - (v[1] - u[1]) * (w[0] - u[0])

    d1, d2, d3, d4 = side(p, q, a), side(p, q, b), side(a, b, p), side(a, b, q)
    return ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and d1 * d2 != 0 and d3 * d4 != 0


def _inside(pt: tuple[float, float], poly: list[tuple[float, float]]) -> bool:
    """Whether a point lies inside a polygon (even-odd rule)."""
    x, y = pt
    inside = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _check_outline(
    c: _Ctx, m: S.Scenario, p: Path_, outline: list[tuple[float, float]], pos: tuple[float, float]
) -> None:
    """A region's own outline: on the map, its edges not crossing, around its position."""
    pts = [_to_map(m, q) for q in outline]
    where = "inside the map's area, [longitude, latitude]" if m.map else "each coordinate between 0 and 1"
    for k, (x, y) in enumerate(pts):
        if not (0 <= x <= 1 and 0 <= y <= 1):
            q = outline[k]
            c.fail(p + (k,), f"outline point [{q[0]:g}, {q[1]:g}] is off the map", where)
            return
    n = len(pts)
    for i in range(n):
        for j in range(i + 2, n):
            if i == 0 and j == n - 1:
                continue
            if _crossing(pts[i], pts[(i + 1) % n], pts[j], pts[(j + 1) % n]):
                c.fail(
                    p + (j,),
                    f"the outline's edge from point {j + 1} crosses its edge from point {i + 1}",
                    "list the points in order around the region",
                )
                return
    if not _inside(pos, pts):
        c.fail(p, "the region's position is outside its outline", "draw the outline around the position")


def _meta(m: S.Scenario, role_info: list[RoleInfo]) -> Meta:
    return Meta(
        id=m.id,
        title=m.title,
        period=m.period,
        summary=m.summary.strip(),
        fictional=m.fictional,
        briefing=m.briefing.strip(),
        history=m.history.strip(),
        learning_objectives=tuple(m.learning_objectives),
        discussion=tuple(m.discussion),
        sources=tuple(m.sources),
        roles=tuple(role_info),
        events=tuple(EventInfo(e.id, e.name, e.date, e.inject) for e in m.events),
        actor_descriptions={a.id: a.description for a in m.actors},
        region_descriptions={r.id: r.description for r in m.regions},
        map_area=tuple(float(v) for v in m.map.area) if m.map else None,
        region_outlines={r.id: tuple(_to_map(m, q) for q in r.outline) for r in m.regions if r.outline},
        refusals={aid: d.refusal for aid, d in m.rules.actions.items() if d.refusal},
    )


def _compile_actions(
    c: _Ctx, doc: Located, rules_doc: Located, rules_model: S.RulesFile, m: S.Scenario, parser: Parser
) -> list[ActionSpec]:
    defaults = rules_model.actions
    by_kind: dict[str, str] = {}
    for aid, d in defaults.items():
        by_kind.setdefault(str(d.kind), aid)
    merged: dict[str, tuple[S.ActionDef, Path_ | None, bool]] = {aid: (d, None, True) for aid, d in defaults.items()}
    for aid, over in m.rules.actions.items():
        p = ("rules", "actions", aid)
        for k, v in over.params.items():
            if v not in limits.action_range(k):
                c.fail(
                    p + ("params", k),
                    f"action parameter '{k}' must be a {limits.action_range(k).text()} (got {v:g})",
                    "see 'Reference: the default actions' in docs/scenario-format.md",
                )
        if not isinstance(aid, str) or not aid.replace("-", "").replace("_", "").isalnum() or aid != aid.lower():
            c.fail(p, f"'{aid}' is not a valid action id", "use lower-case letters, digits, '-' and '_'", key=True)
            continue
        if aid in merged:
            base = merged[aid][0]
            data = base.model_dump(by_alias=False)
            upd = over.model_dump(by_alias=False, exclude_unset=True)
            params = dict(base.params)
            for k, v in over.params.items():
                if k not in params:
                    c.fail(
                        p + ("params", k),
                        f"action '{aid}' has no parameter '{k}'",
                        suggest(k, params) or one_of(params),
                        key=True,
                    )
                params[k] = v
            data.update({k: v for k, v in upd.items() if k != "params"})
            data["params"] = params
            merged[aid] = (
                S.ActionDef.model_validate({("for" if k == "for_" else k): v for k, v in data.items()}),
                p,
                False,
            )
        else:
            merged[aid] = (over, p, False)
    available = m.rules.available
    if available is not None:
        for j, aid in enumerate(available):
            if aid not in merged:
                c.fail(("rules", "available", j), f"unknown action '{aid}'", suggest(aid, merged) or one_of(merged))
    out: list[ActionSpec] = []
    kinds = {k.value for k in Kind}
    for aid, (d, p, is_default) in merged.items():
        if available is not None and aid not in available:
            continue
        where = p if p is not None else ("rules", "actions", aid)
        fail = (
            c.fail
            if p is not None
            else (
                lambda path, msg, hint="", key=False: c.errors.append(
                    rules_doc.error(path[1:] if path[0] == "rules" else path, msg, hint, key)
                )
            )
        )
        if d.kind is None or d.kind not in kinds:
            fail(
                where + ("kind",),
                f"action '{aid}' needs a 'kind'" if d.kind is None else f"unknown action kind '{d.kind}'",
                suggest(str(d.kind), kinds) or one_of(kinds),
            )
            continue
        kind = Kind(d.kind)
        missing = [f for f in ("name", "category", "cost") if getattr(d, f) is None]
        if kind == Kind.CUSTOM and d.target is None:
            missing.append("target")
        if kind == Kind.RESOLUTION and d.resolution is None:
            missing.append("resolution")
        for f in missing:
            fail(
                where,
                f"action '{aid}' is missing '{f}'",
                "new actions need name, kind, category and cost (and target for custom ones)",
            )
        if missing:
            continue
        base_params: dict[str, float] = {}
        if not is_default and kind != Kind.CUSTOM and aid not in defaults:
            base_params = dict(defaults[by_kind[kind.value]].params) if kind.value in by_kind else {}
            for k in d.params:
                if base_params and k not in base_params:
                    fail(
                        where + ("params", k),
                        f"kind '{kind.value}' has no parameter '{k}'",
                        suggest(k, base_params) or one_of(base_params),
                        True,
                    )
        params = {**base_params, **d.params}
        target = (
            Target(d.target)
            if d.target
            else (
                Target.ACTOR
                if kind == Kind.RESOLUTION and d.resolution != "peacekeeping"
                else Target.REGION
                if kind == Kind.RESOLUTION
                else KIND_TARGET.get(kind, Target.NONE)
            )
        )
        requires: Condition = TRUE
        effects: tuple = ()
        if kind == Kind.CUSTOM or d.requires or d.effects:
            # A default action may take a requirement and effects of the scenario's own, on top of its rules.
            parser.names.placeholders = PLACEHOLDERS_FOR_TARGET[target.value]
            requires = parser.condition(d.requires, where + ("requires",)) if d.requires else TRUE
            effects = parser.effects(d.effects, where + ("effects",))
            parser.names.placeholders = ()
            if kind == Kind.CUSTOM and not d.effects:
                fail(where, f"custom action '{aid}' has no effects", "add 'effects:'")
        if d.refusal and not d.requires:
            fail(where + ("refusal",), f"action '{aid}' has a 'refusal' but no 'requires'", "add 'requires:'", True)
        allowed_for = tuple(d.for_) if d.for_ else ("state", "organisation", "nonstate")
        spec = ActionSpec(
            id=aid,
            name=d.name or aid,
            kind=kind,
            category=Category(d.category),
            target=target,
            cost=int(d.cost),
            params=params,
            description=(d.description or "").strip(),
            resolution=Resolution(d.resolution) if d.resolution else None,
            requires=requires,
            effects=effects,
            hotkey=d.hotkey or "",
            actor_kinds=allowed_for,
        )
        out.append(spec)
    return out


def _check_action_actors(c: _Ctx, m: S.Scenario, ids: _Ids) -> None:
    """Every actor an action is limited to ('actors: [usa]') exists."""
    for aid, d in m.rules.actions.items():
        for j, who in enumerate(d.actors or []):
            _ref(c, ids.actors, who, ("rules", "actions", aid, "actors", j), "actor")


def _actions_for(c: _Ctx, m: S.Scenario, i: int, a: S.Actor, actions: list[ActionSpec]) -> list[int]:
    ids = [x.id for x in actions]
    allowed = []
    filt = a.actions
    if filt:
        for j, aid in enumerate(filt.only or []):
            if aid not in ids:
                c.fail(("actors", i, "actions", "only", j), f"unknown action '{aid}'", suggest(aid, ids) or one_of(ids))
        for j, aid in enumerate(filt.forbid):
            if aid not in ids:
                c.fail(
                    ("actors", i, "actions", "forbid", j), f"unknown action '{aid}'", suggest(aid, ids) or one_of(ids)
                )
    named = m.rules.actions
    for k, act in enumerate(actions):
        if a.kind not in act.actor_kinds:
            continue
        only_for = named[act.id].actors if act.id in named else None
        if only_for is not None and a.id not in only_for:
            continue
        if a.kind == "nonstate" and act.kind in NONSTATE_FORBIDDEN:
            continue
        if filt and filt.only is not None and act.id not in filt.only:
            continue
        if filt and act.id in filt.forbid:
            continue
        allowed.append(k)
    return allowed


_NO_ORG_TARGET = {
    Kind.SHOW_OF_FORCE,
    Kind.CYBER,
    Kind.SANCTIONS,
    Kind.LIFT_SANCTIONS,
    Kind.ULTIMATUM,
    Kind.ALLIANCE,
    Kind.RESOLUTION,
}


def _targets(
    act: ActionSpec, actor: int, actors: list[ActorSpec], tracks: list[TrackSpec], n_regions: int
) -> list[dict[str, int]]:
    if act.target == Target.NONE:
        return [{}]
    if act.target == Target.REGION:
        return [{"region": g} for g in range(n_regions)]
    if act.target == Target.ACTOR:
        out = []
        for t, spec in enumerate(actors):
            if t == actor:
                continue
            if act.kind in _NO_ORG_TARGET and spec.kind == ActorKind.ORGANISATION:
                continue
            out.append({"target": t})
        return out
    out = []
    for k, tr in enumerate(tracks):
        party = actor in tr.parties
        if act.kind in (Kind.OPEN_TALKS, Kind.NEGOTIATE, Kind.PROPOSE, Kind.ACCEPT) and not party:
            continue
        if act.kind == Kind.MEDIATE and party:
            continue
        out.append({"track": k})
    return out


def _turn_window(node: Any, path: Path_) -> tuple[float, Path_, float, Path_]:
    """The turns on which a condition can hold, as far as its 'turn' leaves
    (alone or under 'all') say: (first, where it is set, last, where)."""
    lo, hi = -np.inf, np.inf
    lo_at: Path_ = path
    hi_at: Path_ = path
    if not isinstance(node, dict):
        return lo, lo_at, hi, hi_at
    spec = node.get("turn")
    if isinstance(spec, int) and not isinstance(spec, bool):
        return spec, path + ("turn",), spec, path + ("turn",)
    if isinstance(spec, dict):
        for k, v in spec.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                continue
            at = path + ("turn", k)
            first = {"min": v, "at_least": v, "above": np.floor(v) + 1, "equals": v, "is": v}.get(k)
            last = {"max": v, "at_most": v, "below": np.ceil(v) - 1, "equals": v, "is": v}.get(k)
            if first is not None and first > lo:
                lo, lo_at = first, at
            if last is not None and last < hi:
                hi, hi_at = last, at
    items = node.get("all")
    if isinstance(items, list):
        for i, item in enumerate(items):
            a, a_at, b, b_at = _turn_window(item, path + ("all", i))
            if a > lo:
                lo, lo_at = a, a_at
            if b < hi:
                hi, hi_at = b, b_at
    return lo, lo_at, hi, hi_at


def _check_turns(c: _Ctx, when: Any, path: Path_, what: str, turns: int, delay: int, verb: str = "fire") -> None:
    """Report a trigger whose 'turn' parts can never hold while the game lasts.

    Events are checked at the start of turns 1 to ``turns`` and once more
    after the last turn, before the result is decided."""
    lo, lo_at, hi, hi_at = _turn_window(when, path)
    if hi < 1:
        c.fail(hi_at, f"{what} can never {verb}: turns count from 1", "use a turn of 1 or more")
    elif lo > hi and lo_at[:-1] != hi_at[:-1]:  # min above max in one 'turn' is reported by the parser
        c.fail(
            hi_at,
            f"{what} can never {verb}: it needs a turn from {lo:g} and up to {hi:g} at once",
            "check the turn conditions",
        )
    elif lo + delay > turns + 1:
        after = f" and {delay} turn{'s' if delay != 1 else ''} of delay" if delay else ""
        c.fail(
            lo_at,
            f"{what} can never {verb}: turn {lo:g}{after} comes after the last turn ({turns})",
            "raise 'turns' or fire it earlier",
        )


def _check_calendar(c: _Ctx, m: S.Scenario) -> None:
    """The dates of every turn (and of the turn after the last) must exist."""
    start = m.calendar.start
    last = dt.date.fromisoformat(limits.LAST_START)
    if isinstance(start, dt.date) and start > last:
        c.fail(
            ("calendar", "start"),
            f"the calendar starts on {start.isoformat()}; the latest start is {limits.LAST_START}",
            "the dates of later turns must stay before the year 10000",
        )


def _count_quantities(node: Any, budget: int) -> int:
    """How many quantities a condition, effect or score term names (its
    mappings, nested ones included); counting stops past ``budget``."""
    count = 0
    stack = [node]
    while stack and count <= budget:
        item = stack.pop()
        if isinstance(item, dict):
            count += 1
            stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, (dict, list)))
    return count


def _check_logic_size(c: _Ctx, m: S.Scenario) -> None:
    """Conditions are tested every turn, for every option: their total size is
    capped. The error points at the part that goes over the cap."""
    parts: list[tuple[Path_, Any]] = []
    for k, ro in enumerate(m.roles):
        parts += [
            (("roles", k, "victory", "when"), ro.victory.when),
            (("roles", k, "defeat", "when"), ro.defeat.when if ro.defeat else None),
            (("roles", k, "score"), ro.score),
        ]
    for k, ev in enumerate(m.events):
        parts += [(("events", k, "when"), ev.when), (("events", k, "effects"), ev.effects)]
    for aid, d in m.rules.actions.items():
        parts += [
            (("rules", "actions", aid, "requires"), d.requires),
            (("rules", "actions", aid, "effects"), d.effects),
        ]
    parts.append((("end", "when"), m.end.when if m.end else None))
    total = 0
    for path, node in parts:
        total += _count_quantities(node, limits.MAX_LOGIC - total)
        if total > limits.MAX_LOGIC:
            c.fail(
                path,
                f"the conditions, effects and score terms come to more than {limits.MAX_LOGIC:,} quantities"
                " in all (counting what aliases repeat)",
                "use fewer or simpler conditions, events and custom actions",
            )
            return


def _check_playable(c: _Ctx, rules: Rules, m: S.Scenario) -> None:
    """Every role must have at least one legal action on turn 1."""
    from game.core.engine import legality, start_game

    state = start_game(rules, seed=0).state
    levels = _difficulty(m)
    for k, role in enumerate(rules.roles):
        opts = rules.options_of(role.actor)
        legal = opts[legality(rules, state, opts)[0] == 0] if len(opts) else opts
        who = rules.actors[role.actor].id
        if len(legal) == 0:
            c.fail(
                ("roles", k, "actor"),
                f"role '{who}' has no legal action on turn 1",
                "check its budget, forces and the actions it may order",
            )
            continue
        cheapest = int(rules.opt_cost[legal].min())
        budget = float(rules.initial.budget[role.actor])
        for name, level in levels.items():
            lowered = min(max(budget + float(level.get("player_budget", 0.0)), 1.0), BUDGET_MAX)
            if lowered < cheapest:
                where: Path_ = (
                    ("difficulty", name, "player_budget")
                    if name in m.difficulty and "player_budget" in m.difficulty[name].model_fields_set
                    else ("roles", k, "actor")
                )
                c.fail(
                    where,
                    f"at difficulty '{name}' role '{who}' has a budget of {lowered:g}, too little for any action"
                    f" on turn 1 (the cheapest costs {cheapest})",
                    "raise 'player_budget' or the actor's budget",
                )


def _trait(table: dict[str, dict[str, Any]], name: str, trait: str, default: float = 0.0) -> float:
    """A personality's trait, following its ``extends`` chain."""
    seen: set[str] = set()
    cur: str | None = name
    while cur is not None and cur in table and cur not in seen:
        seen.add(cur)
        traits = table[cur].get("traits") or {}
        if trait in traits:
            return float(traits[trait])
        cur = table[cur].get("extends")
    return default


def _personalities(c: _Ctx, m: S.Scenario, shipped: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The shipped personalities with the scenario's added or changed.

    A scenario entry with the name of a shipped one and no ``extends`` changes
    only the weights and traits it gives; any other entry replaces or adds a
    personality. Weight and trait names must be ones the shipped
    personalities use, and ``extends`` must not go round in a circle.
    """
    weight_keys = sorted({k for p in shipped.values() for k in p.get("weights", {})})
    trait_keys = sorted({k for p in shipped.values() for k in p.get("traits", {})})
    out = {k: dict(v) for k, v in shipped.items()}
    for name, p in m.personalities.items():
        path = ("personalities", name)
        for table, known in (("weights", weight_keys), ("traits", trait_keys)):
            for k in getattr(p, table):
                if k not in known:
                    c.fail(
                        path + (table, k),
                        f"unknown {table[:-1]} '{k}'",
                        suggest(k, known) or one_of(known, limit=20),
                        key=True,
                    )
        base = p.extends
        if base is not None and base not in out and base not in m.personalities:
            c.fail(
                path + ("extends",),
                f"unknown personality '{base}'",
                suggest(base, list(out) + list(m.personalities)) or one_of(out),
            )
        entry = {"extends": base, "description": p.description, "weights": dict(p.weights), "traits": dict(p.traits)}
        if name in out and base is None:
            merged = dict(out[name])
            merged["weights"] = {**out[name].get("weights", {}), **p.weights}
            merged["traits"] = {**out[name].get("traits", {}), **p.traits}
            if p.description:
                merged["description"] = p.description
            entry = merged
        out[name] = entry
    # Follow every 'extends' chain once (linear in the number of personalities):
    # 'depth' is the length of a chain already followed, 'cycle' marks
    # personalities on or leading into a circle.
    depth: dict[str, int] = {}
    cycle: set[str] = set()
    for name in m.personalities:
        chain: list[str] = []
        on_chain: dict[str, int] = {}
        cur: str | None = name
        while cur is not None and cur in out and cur not in depth and cur not in cycle and cur not in on_chain:
            on_chain[cur] = len(chain)
            chain.append(cur)
            cur = out[cur].get("extends")
        if cur is not None and cur in on_chain:  # a new circle
            loop = chain[on_chain[cur] :]
            for k, who in enumerate(loop):
                cycle.add(who)
                if who in m.personalities:
                    around = loop[k:] + loop[:k]
                    shown = around if len(around) <= 6 else around[:3] + ["..."] + around[-2:]
                    hint = (
                        f"to change the shipped '{who}', leave out 'extends'"
                        if len(loop) == 1 and who in shipped
                        else "one of them must not extend the others"
                    )
                    c.fail(
                        ("personalities", who, "extends"),
                        "personalities extend each other in a circle: " + " → ".join(shown + [who]),
                        hint,
                    )
            for who in chain[: on_chain[cur]]:
                cycle.add(who)
            continue
        if cur is not None and cur in cycle:
            cycle.update(chain)
            continue
        below = depth.get(cur, 0) if cur is not None else 0
        for k, who in enumerate(reversed(chain)):
            depth[who] = below + k + 1
    for name in m.personalities:
        if depth.get(name, 0) == limits.MAX_EXTENDS + 1:  # the first one too deep on its chain
            c.fail(
                ("personalities", name, "extends"),
                f"personality '{name}' starts a chain of {depth[name]} personalities extending each other;"
                f" at most {limits.MAX_EXTENDS} are allowed",
                "extend a personality nearer the top of the chain",
            )
    return out


def _difficulty(m: S.Scenario) -> dict[str, dict[str, Any]]:
    levels = {
        "easy": {
            "description": "You get one more action point per turn; the AI plays as in normal.",
            "player_budget": 1.0,
            "ai_budget": 0.0,
            "ai_policy": "standard",
        },
        "normal": {
            "description": "AI opponents play the standard policy.",
            "player_budget": 0.0,
            "ai_budget": 0.0,
            "ai_policy": "standard",
        },
        "hard": {
            "description": (
                "Your opponents look ahead with Monte Carlo rollouts and have an extra action point"
                " (your friends play as in normal)."
            ),
            "player_budget": 0.0,
            "ai_budget": 1.0,
            "ai_policy": "hard",
        },
    }
    for name, d in m.difficulty.items():
        base = levels.get(name) or {k: v for k, v in S.Difficulty().model_dump().items() if v is not None}
        levels[name] = {**base, **{k: v for k, v in d.model_dump(exclude_unset=True).items() if v is not None}}
    return levels


def with_orders_budget(rules: Rules, budget: np.ndarray) -> Rules:
    """Rules with different start budgets (difficulty levels)."""
    return replace(rules, initial=replace(rules.initial, budget=np.asarray(budget, np.float64)))
