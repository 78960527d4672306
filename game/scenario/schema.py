"""The scenario format, as pydantic models.

Every field carries a description: the same text feeds the JSON Schema
(``brinkmanship schema``) and the format reference in docs, so the two cannot
drift. Conditions, effects and score terms are checked by
:mod:`game.scenario.compile`, which knows the vocabulary; here they are
described for editors.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SLUG = r"^[a-z0-9][a-z0-9_-]{0,39}$"
FORMAT_VERSION = 1

Slug = Field(pattern=SLUG)


def _slug(description: str, **kw: Any) -> Any:
    return Field(pattern=SLUG, description=description, **kw)


CONDITION_SCHEMA: dict[str, Any] = {
    "description": (
        "A condition: a mapping with one quantity key and one comparison, e.g. "
        "{stability: kuwait, below: 30}, {control: kuwait, is: iraq}, {turn: 5}, "
        "{status: geneva-talks, is: agreed}; or {all: [...]}, {any: [...]}, {not: {...}}."
    ),
    "type": "object",
}
EFFECT_SCHEMA: dict[str, Any] = {
    "description": (
        "An effect: a mapping with one quantity key and 'add' or 'set', e.g. "
        "{need: kuwait, add: 20}, {consent: [usa, saudi], set: true}, {status: talks, set: open}; "
        "optional 'chance' (0-1) and 'label' (the cause shown to players)."
    ),
    "type": "object",
}
SCORE_SCHEMA: dict[str, Any] = {
    "description": "A score term: one quantity key and a weight, e.g. {leverage: usa, weight: 0.5}.",
    "type": "object",
}


def Condition(description: str, default: Any = None) -> Any:  # noqa: N802 - reads like a type
    return Field(default=default, description=description, json_schema_extra=CONDITION_SCHEMA)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ActionFilter(Strict):
    only: list[str] | None = Field(None, description="The only actions this actor may order (action ids).")
    forbid: list[str] = Field(default_factory=list, description="Actions this actor may not order (action ids).")


class Actor(Strict):
    id: str = _slug("Identifier used in references (lower case, digits, '-' and '_').")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players.")
    short: str = Field("", max_length=12, description="Short name for tight spaces (defaults to the name).")
    kind: Literal["state", "organisation", "nonstate"] = Field("state", description="A state, an organisation (UN, NATO, AU) or a non-state group.")
    colour: str | None = Field(None, pattern=r"^#[0-9a-fA-F]{6}$", description="Colour on the map, as #rrggbb (default: the Okabe–Ito palette in order).")
    leverage: float = Field(50, ge=0, le=100, description="Bargaining power, 0–100.")
    reputation: float = Field(50, ge=0, le=100, description="International standing, 0–100.")
    strength: float = Field(30, ge=0, le=100, description="Military strength: the pool of forces it can deploy, 0–100.")
    readiness: float = Field(80, ge=0, le=100, description="Readiness of its forces, in percent.")
    support: float = Field(60, ge=0, le=100, description="Domestic support for its leadership, 0–100.")
    budget: float = Field(6, ge=1, le=30, description="Action points per turn.")
    personality: str = Field("realist", description="AI personality (see 'personalities'): hawk, dove, realist, institutionalist, opportunist, spoiler, passive, or one defined in the scenario.")
    actions: ActionFilter | None = Field(None, description="Restrict which actions this actor may order.")
    description: str = Field("", description="One or two sentences about the actor, shown in the actor panel.")


class Region(Strict):
    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown on the map.")
    owner: str = Field(description="The actor with the sovereign claim to the region (actor id).")
    control: str | None = Field(None, description="The actor controlling it at the start (default: the owner).")
    position: tuple[float, float] = Field(description="Position on the map, [x, y], each 0–1 (0,0 is the top left).")
    radius: float = Field(0.08, ge=0.02, le=0.3, description="Size of the region's marker on the map (share of the map's width).")
    neighbours: list[str] = Field(default_factory=list, description="Adjacent regions (region ids), drawn as links on the map.")
    stability: float = Field(50, ge=0, le=100, description="Stability at the start, 0–100.")
    need: float = Field(10, ge=0, le=100, description="Humanitarian need at the start, 0–100.")
    forces: dict[str, float] = Field(default_factory=dict, description="Forces present at the start: actor id → amount (0–100).")
    peacekeepers: dict[str, float] = Field(default_factory=dict, description="Peacekeepers present at the start: actor id → amount (0–100).")
    consent: list[str] = Field(default_factory=list, description="Actors the host has invited: their forces here are not aggression.")
    post_conflict: bool = Field(False, description="Whether the region starts as post-conflict (reconstruction possible).")
    description: str = Field("", description="A sentence about the region, shown in its panel.")


class Relation(Strict):
    between: tuple[str, str] = Field(description="The two actors (actor ids).")
    value: float = Field(ge=-100, le=100, description="Relations, −100 (hostile) to 100 (close).")
    one_way: bool = Field(False, description="If true, only the first actor's view of the second is set.")


class Alliance(Strict):
    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players.")
    members: list[str] = Field(default_factory=list, description="Member actors at the start (actor ids).")


class Council(Strict):
    permanent: list[str] = Field(default_factory=list, description="Permanent members with a veto (actor ids).")
    elected: list[str] = Field(default_factory=list, description="Elected members played in the scenario (actor ids).")
    other_seats: int = Field(0, ge=0, le=15, description="Elected seats held by states outside the game; their votes are drawn from the parties' reputations.")
    pass_votes: int = Field(9, ge=1, le=15, description="Votes in favour needed to adopt a resolution (with no veto).")


class Track(Strict):
    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players, e.g. 'Geneva talks'.")
    topic: Literal["ceasefire", "withdrawal", "peace_accord", "deal"] = Field(description="What an agreement on this track does.")
    parties: tuple[str, str] = Field(description="The two negotiating parties (actor ids).")
    region: str | None = Field(None, description="The region the talks concern; its stability gates progress (region id).")
    withdrawing: str | None = Field(None, description="For a withdrawal: the actor that withdraws from the region.")
    status: Literal["inactive", "open", "agreed", "broken"] = Field("inactive", description="Status at the start.")
    progress: float = Field(0, ge=0, le=100, description="Progress at the start, 0–100.")
    trust: float = Field(30, ge=0, le=100, description="Trust between the parties at the start, 0–100.")
    mediator: str | None = Field(None, description="A mediator already engaged at the start (actor id).")


class Calendar(Strict):
    start: dt.date = Field(description="Date of turn 1 (YYYY-MM-DD).")
    days_per_turn: int = Field(ge=1, le=366, description="Days between turns.")


class Objective(Strict):
    text: str = Field(min_length=1, description="The objective in words, shown to the player.")
    when: dict[str, Any] = Condition("When the objective is met.")


class Role(Strict):
    actor: str = Field(description="The actor a player (or team) leads (actor id).")
    briefing: str = Field(min_length=1, description="What the player is told at the start: situation, aims, constraints.")
    victory: Objective = Field(description="What counts as a win, checked when the game ends.")
    defeat: Objective | None = Field(None, description="What counts as a defeat, checked every turn (the game then ends). A collapse of domestic support always counts.")
    score: list[dict[str, Any]] = Field(default_factory=list, description="Score terms summed at the end (plus the win bonus or loss penalty).", json_schema_extra={"items": SCORE_SCHEMA})
    win_bonus: float = Field(50, ge=0, le=1000, description="Points added to the score for a win.")
    loss_penalty: float = Field(50, ge=0, le=1000, description="Points taken from the score for a loss.")


class Event(Strict):
    id: str = _slug("Identifier used in references and the facilitator's list.")
    name: str = Field(min_length=1, max_length=80, description="Headline shown in the news.")
    text: str = Field("", description="The news item in full.")
    date: str = Field("", description="Historical date, for display (e.g. '6 Aug 1990').")
    when: dict[str, Any] | None = Condition("When the event fires (checked each turn); for an inject, ignored.")
    chance: float = Field(1.0, ge=0, le=1, description="Chance it fires when the condition holds.")
    once: bool = Field(True, description="Fire at most once per game.")
    delay: int = Field(0, ge=0, le=50, description="Turns between the trigger and the effects.")
    effects: list[dict[str, Any]] = Field(default_factory=list, description="What the event changes.", json_schema_extra={"items": EFFECT_SCHEMA})
    inject: bool = Field(False, description="An inject: fires only when a facilitator sends it.")


class ActionDef(Strict):
    """An action of the scenario's own, or overrides of a default action."""

    name: str | None = Field(None, description="Name shown to players.")
    kind: str | None = Field(None, description="Engine mechanic: one of the default kinds, or 'custom' for an action made of effects.")
    resolution: Literal["condemn", "sanctions", "authorise_force", "peacekeeping"] | None = Field(None, description="For kind 'resolution': what the draft does.")
    category: Literal["military", "diplomatic"] | None = Field(None, description="Which tab and which phase the action belongs to.")
    target: Literal["none", "region", "actor", "track"] | None = Field(None, description="What the action is aimed at (custom actions).")
    cost: int | None = Field(None, ge=0, le=30, description="Action points it costs.")
    hotkey: str | None = Field(None, max_length=1, description="One-letter hotkey in the game window.")
    description: str | None = Field(None, description="What it does, shown with the action.")
    for_: list[Literal["state", "organisation", "nonstate"]] | None = Field(None, alias="for", description="Kinds of actor that may order it.")
    params: dict[str, float] = Field(default_factory=dict, description="Numbers of the mechanic (see docs/rules.md).")
    requires: dict[str, Any] | None = Condition("Custom actions: an extra condition (may use $self, $target, $region, $track).")
    effects: list[dict[str, Any]] = Field(default_factory=list, description="Custom actions: what the action changes (may use placeholders).", json_schema_extra={"items": EFFECT_SCHEMA})


class RulesOverride(Strict):
    params: dict[str, float] = Field(default_factory=dict, description="Override global rule numbers (see docs/rules.md).")
    actions: dict[str, ActionDef] = Field(default_factory=dict, description="Tune default actions or add the scenario's own (action id → definition).")
    available: list[str] | None = Field(None, description="If given, only these actions exist in the scenario (action ids).")


class Mandates(Strict):
    force: list[str] = Field(default_factory=list, description="Actors against whom force is already authorised (actor ids).")
    peacekeeping: list[str] = Field(default_factory=list, description="Regions already under a peacekeeping mandate (region ids).")


class Personality(Strict):
    extends: str | None = Field(None, description="Personality this one starts from.")
    description: str = Field("", description="What this personality is like.")
    weights: dict[str, float] = Field(default_factory=dict, description="Weights the AI gives to predicted changes (see docs/ai.md).")
    traits: dict[str, float] = Field(default_factory=dict, description="Other dials: risk, aggression, caution, ... (see docs/ai.md).")


class Difficulty(Strict):
    description: str = Field("", description="Shown when choosing the difficulty.")
    player_budget: float = Field(0, ge=-10, le=10, description="Added to each human player's budget per turn.")
    ai_budget: float = Field(0, ge=-10, le=10, description="Added to each AI actor's budget per turn.")
    ai_policy: Literal["random", "standard", "hard"] | None = Field(None, description="AI policy used for every AI actor at this level.")


class Scenario(Strict):
    format: Literal[1] = Field(description="Version of the scenario format; this is format 1.")
    id: str = _slug("Identifier of the scenario (used by 'brinkmanship play ID').")
    title: str = Field(min_length=1, max_length=80, description="Title shown in the scenario browser.")
    period: str = Field("", max_length=60, description="Period, e.g. 'Aug 1990 – Apr 1991' or 'near future'.")
    summary: str = Field("", description="A paragraph for the scenario browser.")
    fictional: bool = Field(False, description="True for an invented scenario (shown as such).")
    calendar: Calendar = Field(description="Dates of the turns.")
    turns: int = Field(ge=1, le=200, description="Turn limit.")
    tension: float = Field(30, ge=0, le=100, description="World tension at the start, 0–100.")
    actors: list[Actor] = Field(min_length=2, max_length=16, description="States, organisations and groups in the scenario.")
    regions: list[Region] = Field(min_length=1, max_length=24, description="Theatres on the map.")
    relations: list[Relation] = Field(default_factory=list, description="Relations at the start (unlisted pairs start at 0).")
    alliances: list[Alliance] = Field(default_factory=list, description="Alliances at the start (two more can form in play).")
    council: Council | None = Field(None, description="The Security Council, if the scenario has one.")
    tracks: list[Track] = Field(default_factory=list, max_length=16, description="Negotiation tracks.")
    mandates: Mandates = Field(default_factory=Mandates, description="Council mandates already in force.")
    flags: dict[str, float] = Field(default_factory=dict, description="Scenario counters and switches (name → start value), for events.")
    roles: list[Role] = Field(min_length=1, description="Playable roles.")
    personalities: dict[str, Personality] = Field(default_factory=dict, description="AI personalities of the scenario's own, or changes to the shipped ones.")
    difficulty: dict[str, Difficulty] = Field(default_factory=dict, description="Difficulty levels (name → settings); defaults: easy, normal, hard.")
    events: list[Event] = Field(default_factory=list, description="Scripted and random events, and facilitator injects.")
    end: Objective | None = Field(None, description="The game ends early when this holds.")
    briefing: str = Field("", description="Background shared by all players.")
    history: str = Field("", description="What actually happened, and why (shown at the end).")
    learning_objectives: list[str] = Field(default_factory=list, description="What players should learn.")
    discussion: list[str] = Field(default_factory=list, description="Questions for the debrief.")
    sources: list[str] = Field(default_factory=list, description="Where the facts come from.")
    rules: RulesOverride = Field(default_factory=RulesOverride, description="Changes to the default rules.")
    include: list[str] = Field(default_factory=list, description="Files (inside the scenarios folder) whose lists and mappings are merged into this one.")


class RulesFile(Strict):
    """The default rules file (game/data/rules.yaml)."""

    format: Literal[1]
    params: dict[str, float]
    actions: dict[str, ActionDef]


def json_schema() -> dict[str, Any]:
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Brinkmanship scenario"
    return schema
