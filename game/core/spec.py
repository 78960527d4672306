"""Static description of a game: the compiled scenario the engine runs.

A :class:`Rules` object is immutable. It names every actor, region, track,
alliance slot, action and event, holds the numbers of the default rules (as
tuned by the scenario), and enumerates every *option* — one concrete thing an
actor could order, such as "United States: deploy forces to Saudi Arabia".
Slugs (``id``) are kept apart from display names; the arrays of the state are
indexed by the dense integer positions of these tuples.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from types import MappingProxyType

import numpy as np

from game.core.conditions import FALSE, TRUE, Condition, Effect, Ref


class ActorKind(str, Enum):
    STATE = "state"
    ORGANISATION = "organisation"
    NONSTATE = "nonstate"


class Category(str, Enum):
    MILITARY = "military"
    DIPLOMATIC = "diplomatic"


class Target(str, Enum):
    """What an action is aimed at."""

    NONE = "none"
    REGION = "region"
    ACTOR = "actor"
    TRACK = "track"


class Kind(str, Enum):
    """The engine mechanic behind an action. The catalog's numbers live in data."""

    DEPLOY = "deploy"
    SHOW_OF_FORCE = "show_of_force"
    STRIKE = "strike"
    PEACEKEEPING = "peacekeeping"
    CRISIS_RESPONSE = "crisis_response"
    HUMANITARIAN = "humanitarian"
    RECONSTRUCTION = "reconstruction"
    INTELLIGENCE = "intelligence"
    CYBER = "cyber"
    WITHDRAW = "withdraw"
    OPEN_TALKS = "open_talks"
    NEGOTIATE = "negotiate"
    MEDIATE = "mediate"
    PROPOSE = "propose"
    ACCEPT = "accept"
    ALLIANCE = "alliance"
    LEAVE_ALLIANCE = "leave_alliance"
    SANCTIONS = "sanctions"
    LIFT_SANCTIONS = "lift_sanctions"
    RESOLUTION = "resolution"
    SUMMIT = "summit"
    ULTIMATUM = "ultimatum"
    CUSTOM = "custom"


KIND_TARGET: Mapping[Kind, Target] = MappingProxyType(
    {
        Kind.DEPLOY: Target.REGION,
        Kind.SHOW_OF_FORCE: Target.ACTOR,
        Kind.STRIKE: Target.REGION,
        Kind.PEACEKEEPING: Target.REGION,
        Kind.CRISIS_RESPONSE: Target.REGION,
        Kind.HUMANITARIAN: Target.REGION,
        Kind.RECONSTRUCTION: Target.REGION,
        Kind.INTELLIGENCE: Target.ACTOR,
        Kind.CYBER: Target.ACTOR,
        Kind.WITHDRAW: Target.REGION,
        Kind.OPEN_TALKS: Target.TRACK,
        Kind.NEGOTIATE: Target.TRACK,
        Kind.MEDIATE: Target.TRACK,
        Kind.PROPOSE: Target.TRACK,
        Kind.ACCEPT: Target.TRACK,
        Kind.ALLIANCE: Target.ACTOR,
        Kind.LEAVE_ALLIANCE: Target.NONE,
        Kind.SANCTIONS: Target.ACTOR,
        Kind.LIFT_SANCTIONS: Target.ACTOR,
        Kind.SUMMIT: Target.ACTOR,
        Kind.ULTIMATUM: Target.ACTOR,
    }
)
"""Target type of every built-in kind (resolutions and custom actions declare theirs)."""


class Resolution(str, Enum):
    CONDEMN = "condemn"
    SANCTIONS = "sanctions"
    AUTHORISE_FORCE = "authorise_force"
    PEACEKEEPING = "peacekeeping"


class Topic(str, Enum):
    CEASEFIRE = "ceasefire"
    WITHDRAWAL = "withdrawal"
    PEACE_ACCORD = "peace_accord"
    DEAL = "deal"


class TrackStatus(IntEnum):
    INACTIVE = 0
    OPEN = 1
    AGREED = 2
    BROKEN = 3


class Outcome(IntEnum):
    UNDECIDED = 0
    WIN = 1
    DRAW = 2
    LOSS = 3


@dataclass(frozen=True)
class ActorSpec:
    id: str
    name: str
    kind: ActorKind = ActorKind.STATE
    short: str = ""
    colour: str = ""
    personality: str = "realist"
    resolve: float = 0.0
    """How firmly it bargains: added to the share of the terms it demands (from its personality)."""
    plural: bool = False
    """Whether its name takes a plural verb in texts ("the Bosnian Serbs withdraw")."""


@dataclass(frozen=True)
class RegionSpec:
    id: str
    name: str
    owner: int
    pos: tuple[float, float] = (0.5, 0.5)
    neighbours: tuple[int, ...] = ()
    radius: float = 0.08


@dataclass(frozen=True)
class TrackSpec:
    id: str
    name: str
    topic: Topic
    parties: tuple[int, int]
    region: int = -1
    withdrawing: int = -1
    """For a withdrawal agreement: the actor that withdraws its forces from ``region``."""


@dataclass(frozen=True)
class AllianceSpec:
    id: str
    name: str


@dataclass(frozen=True)
class ActionSpec:
    id: str
    name: str
    kind: Kind
    category: Category
    target: Target
    cost: int
    params: Mapping[str, float] = field(default_factory=dict)
    description: str = ""
    resolution: Resolution | None = None
    requires: Condition = TRUE
    """Extra requirement (may use ``$self``, ``$target``, ``$region``, ``$track``)."""
    effects: tuple[Effect, ...] = ()
    """For custom actions: what the action does (placeholders allowed)."""
    hotkey: str = ""
    actor_kinds: tuple[str, ...] = ("state", "organisation", "nonstate")
    """Kinds of actor that may order this action."""

    def p(self, name: str) -> float:
        return float(self.params[name])


@dataclass(frozen=True)
class Option:
    """One concrete order an actor can give: an action and its target."""

    index: int
    actor: int
    action: int
    target: int = -1
    region: int = -1
    track: int = -1


@dataclass(frozen=True)
class EventSpec:
    id: str
    name: str
    text: str
    trigger: Condition = TRUE
    chance: float = 1.0
    once: bool = True
    delay: int = 0
    effects: tuple[Effect, ...] = ()
    inject: bool = False
    """An inject fires only when a facilitator sends it, never on its own."""
    date: str = ""


@dataclass(frozen=True)
class ScoreTerm:
    ref: Ref
    weight: float
    label: str = ""


@dataclass(frozen=True)
class RoleSpec:
    actor: int
    victory: Condition
    defeat: Condition
    score: tuple[ScoreTerm, ...] = ()
    win_bonus: float = 100.0
    loss_penalty: float = 100.0
    victory_text: str = ""
    defeat_text: str = ""


@dataclass(frozen=True)
class Council:
    permanent: tuple[int, ...] = ()
    elected: tuple[int, ...] = ()
    other_seats: int = 0
    """Elected seats held by states outside the game; their votes are drawn."""
    pass_votes: int = 9

    @property
    def seats(self) -> int:
        return len(self.permanent) + len(self.elected) + self.other_seats

    def members(self) -> tuple[int, ...]:
        return self.permanent + self.elected


@dataclass(frozen=True)
class Calendar:
    start: _dt.date
    days_per_turn: int

    def date_of(self, turn: int) -> _dt.date:
        return self.start + _dt.timedelta(days=self.days_per_turn * (turn - 1))


@dataclass(frozen=True, eq=False)
class Initial:
    """Start values of one game (no batch dimension); copied into every game."""

    leverage: np.ndarray
    reputation: np.ndarray
    strength: np.ndarray
    readiness: np.ndarray
    support: np.ndarray
    budget: np.ndarray
    stability: np.ndarray
    need: np.ndarray
    control: np.ndarray
    post_conflict: np.ndarray
    forces: np.ndarray
    peacekeepers: np.ndarray
    consent: np.ndarray
    relations: np.ndarray
    sanctions: np.ndarray
    membership: np.ndarray
    track_status: np.ndarray
    progress: np.ndarray
    trust: np.ndarray
    mediator: np.ndarray
    mandate_force: np.ndarray
    mandate_pk: np.ndarray
    tension: float
    flags: np.ndarray
    condemned: np.ndarray | None = None
    """Actors the Security Council has condemned before the game (None: none)."""
    un_sanctions: np.ndarray | None = None
    """Actors under Security Council sanctions before the game (None: none)."""


@dataclass(frozen=True, eq=False)
class Rules:
    """Everything the engine needs to run one scenario."""

    id: str
    title: str
    actors: tuple[ActorSpec, ...]
    regions: tuple[RegionSpec, ...]
    tracks: tuple[TrackSpec, ...]
    alliances: tuple[AllianceSpec, ...]
    actions: tuple[ActionSpec, ...]
    options: tuple[Option, ...]
    events: tuple[EventSpec, ...]
    roles: tuple[RoleSpec, ...]
    council: Council
    calendar: Calendar
    turn_limit: int
    params: Mapping[str, float]
    initial: Initial
    flags: tuple[str, ...] = ()
    end_condition: Condition = FALSE
    end_text: str = ""
    max_orders: int = 3
    # Option table as arrays, for vectorised legality and resolution.
    opt_actor: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    opt_action: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    opt_target: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    opt_region: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    opt_track: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    opt_cost: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    @property
    def n_regions(self) -> int:
        return len(self.regions)

    @property
    def n_tracks(self) -> int:
        return len(self.tracks)

    def p(self, name: str) -> float:
        return float(self.params[name])

    def actor_index(self, slug: str) -> int:
        for i, a in enumerate(self.actors):
            if a.id == slug:
                return i
        raise KeyError(slug)

    def region_index(self, slug: str) -> int:
        for i, r in enumerate(self.regions):
            if r.id == slug:
                return i
        raise KeyError(slug)

    def track_index(self, slug: str) -> int:
        for i, t in enumerate(self.tracks):
            if t.id == slug:
                return i
        raise KeyError(slug)

    def action_index(self, slug: str) -> int:
        for i, a in enumerate(self.actions):
            if a.id == slug:
                return i
        raise KeyError(slug)

    def role_of(self, actor: int) -> RoleSpec | None:
        for r in self.roles:
            if r.actor == actor:
                return r
        return None

    def options_of(self, actor: int) -> np.ndarray:
        """Indices of every option belonging to ``actor``."""
        return np.nonzero(self.opt_actor == actor)[0]

    def option_label(self, index: int) -> str:
        """Human-readable order, e.g. ``deploy → Saudi Arabia``."""
        o = self.options[index]
        a = self.actions[o.action]
        if o.region >= 0:
            return f"{a.name} → {self.regions[o.region].name}"
        if o.target >= 0:
            return f"{a.name} → {self.actors[o.target].name}"
        if o.track >= 0:
            return f"{a.name} → {self.tracks[o.track].name}"
        return a.name

    def option_slug(self, index: int) -> str:
        """Order as typed in the terminal: ``deploy saudi``."""
        o = self.options[index]
        a = self.actions[o.action]
        if o.region >= 0:
            return f"{a.id} {self.regions[o.region].id}"
        if o.target >= 0:
            return f"{a.id} {self.actors[o.target].id}"
        if o.track >= 0:
            return f"{a.id} {self.tracks[o.track].id}"
        return a.id


def build_option_arrays(rules: Rules) -> Rules:
    """Return ``rules`` with the option-table arrays filled in."""
    from dataclasses import replace

    opts = rules.options
    return replace(
        rules,
        opt_actor=np.array([o.actor for o in opts], np.int64),
        opt_action=np.array([o.action for o in opts], np.int64),
        opt_target=np.array([o.target for o in opts], np.int64),
        opt_region=np.array([o.region for o in opts], np.int64),
        opt_track=np.array([o.track for o in opts], np.int64),
        opt_cost=np.array([rules.actions[o.action].cost for o in opts], np.int64),
    )
