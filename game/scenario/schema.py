"""The scenario format, as pydantic models.

Every field carries a description: the same text feeds the JSON Schema
(``brinkmanship schema``) and the format reference in
``docs/scenario-format.md`` (see :mod:`game.scenario.docs`), so the two cannot
drift. Conditions, effects and score terms are checked by
:mod:`game.scenario.vocab`, which knows the vocabulary; here they get a JSON
Schema for editors, built from the same list of quantities.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from game.core.conditions import BUDGET_MAX, QUANTITIES
from game.core.spec import Kind
from game.scenario import limits as L

SLUG = r"^[a-z0-9][a-z0-9_-]{0,39}$"
FORMAT_VERSION = 1
DOCS = "docs/scenario-format.md"
MAX_OUTLINE = 400
"""Points in a region's own outline."""

Number = StrictFloat
"""A number (true/false and quoted numbers are refused)."""
Whole = StrictInt
Flag = StrictBool
Share = Annotated[StrictFloat, Field(ge=0, le=100)]
Dial = Annotated[StrictFloat, Field(ge=-100, le=100)]
KindName = Literal[tuple(k.value for k in Kind)]  # type: ignore[valid-type]


def _slug(description: str, **kw: Any) -> Any:
    return Field(pattern=SLUG, description=description, **kw)


COMPARISON_WORDS = ("below", "above", "at_least", "at_most", "equals", "not_equals", "is", "is_not")
CONDITION_TEXT = (
    "A condition: a mapping with one quantity and one comparison, e.g. {stability: kuwait, below: 30}, "
    "{control: kuwait, is: iraq}, {turn: 5}, {tension: {above: 60}}; or {all: [...]}, {any: [...]}, {not: {...}}."
)
EFFECT_TEXT = (
    "An effect: one quantity and 'add' or 'set', e.g. {need: kuwait, add: 20}; optional 'chance' (0–1) and 'label' "
    "(the cause shown to players)."
)
SCORE_TEXT = "A score term: one quantity and a weight, e.g. {leverage: usa, weight: 0.5}; optional 'label'."


def _subject_schema(table: str, role: str) -> dict[str, Any]:
    """JSON Schema of the value of a quantity key (its subject)."""
    if table in ("actor", "region", "track", "flag"):
        return {"type": "string"}
    if table in ("actor_region", "pair", "alliance"):
        return {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
    if role == "condition":
        comparisons = {w: {"type": "number"} for w in COMPARISON_WORDS} | {
            "min": {"type": "number"},
            "max": {"type": "number"},
        }
        return {
            "anyOf": [
                {"type": "integer"},
                {"type": "object", "properties": comparisons, "additionalProperties": False, "minProperties": 1},
            ]
        }
    return {"type": ["string", "null"]}


def vocabulary_schemas() -> dict[str, Any]:
    """JSON Schemas of conditions, effects and score terms (``$defs`` entries)."""
    value = {"type": ["number", "boolean", "string", "null"]}
    quantities = {name: {"description": q.description} for name, q in QUANTITIES.items()}

    def leaf(role: str, extra: dict[str, Any]) -> dict[str, Any]:
        props = {name: {**quantities[name], **_subject_schema(q.table, role)} for name, q in QUANTITIES.items()}
        return {**props, **extra}

    condition_extra: dict[str, Any] = {
        "all": {
            "type": "array",
            "items": {"$ref": "#/$defs/Condition"},
            "minItems": 1,
            "description": "Every one of these conditions holds.",
        },
        "any": {
            "type": "array",
            "items": {"$ref": "#/$defs/Condition"},
            "minItems": 1,
            "description": "At least one of these conditions holds.",
        },
        "not": {"$ref": "#/$defs/Condition", "description": "This condition does not hold."},
    }
    condition_extra |= {w: {**value, "description": f"Comparison: {w.replace('_', ' ')}."} for w in COMPARISON_WORDS}
    effect_extra = {
        "add": {"type": "number", "description": "Amount added (negative to subtract)."},
        "set": {**value, "description": "New value (a number, true/false, an actor id or a track status)."},
        "chance": {
            "type": "number",
            "minimum": 0,
            "maximum": 1,
            "description": "Chance the effect happens (default 1).",
        },
        "label": {"type": "string", "description": "The cause shown to players."},
    }
    score_extra = {
        "weight": {
            "type": "number",
            "minimum": -100,
            "maximum": 100,
            "description": "Points per unit of the quantity (default 1).",
        },
        "label": {"type": "string", "description": "Shown in the score breakdown."},
    }
    return {
        "Condition": {
            "description": CONDITION_TEXT,
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": leaf("condition", condition_extra),
        },
        "Effect": {
            "description": EFFECT_TEXT,
            "type": "object",
            "minProperties": 2,
            "additionalProperties": False,
            "properties": leaf("effect", effect_extra),
        },
        "ScoreTerm": {
            "description": SCORE_TEXT,
            "type": "object",
            "minProperties": 1,
            "additionalProperties": False,
            "properties": leaf("score", score_extra),
        },
    }


_MARK = "x-vocabulary"
"""Stands for a ``$ref`` to a vocabulary schema until :func:`json_schema` adds them
(pydantic would try to resolve a real ``$ref`` while it builds the schema)."""


def _link(node: Any) -> Any:
    if isinstance(node, dict):
        if _MARK in node:
            return {"$ref": f"#/$defs/{node[_MARK]}"}
        return {k: _link(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_link(v) for v in node]
    return node


def _vocab_field(ref: str, optional: bool) -> Any:
    def fix(schema: dict[str, Any]) -> None:
        description = schema.get("description", "")
        schema.clear()
        target = {_MARK: ref}
        schema.update({"anyOf": [target, {"type": "null"}]} if optional else target)
        schema["description"] = description

    return fix


def _vocab_list(ref: str) -> Any:
    def fix(schema: dict[str, Any]) -> None:
        schema["items"] = {_MARK: ref}

    return fix


def Condition(description: str, required: bool = False) -> Any:
    """A condition field (checked by :mod:`game.scenario.vocab`)."""
    if required:
        return Field(description=description, json_schema_extra=_vocab_field("Condition", False))
    return Field(None, description=description, json_schema_extra=_vocab_field("Condition", True))


def Effects(description: str) -> Any:
    return Field(
        default_factory=list, max_length=L.MAX_EFFECTS, description=description, json_schema_extra=_vocab_list("Effect")
    )


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ActionFilter(Strict):
    """Which actions one actor may order."""

    only: list[str] | None = Field(
        None, max_length=L.MAX_ID_LIST, description="The only actions this actor may order (action ids)."
    )
    forbid: list[str] = Field(
        default_factory=list, max_length=L.MAX_ID_LIST, description="Actions this actor may not order (action ids)."
    )


class Actor(Strict):
    """A state, an organisation or a non-state group."""

    id: str = _slug("Identifier used in references: lower-case letters, digits, '-' and '_', at most 40 characters.")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players.")
    short: str = Field("", max_length=12, description="Short name for tight spaces (default: the name).")
    kind: Literal["state", "organisation", "nonstate"] = Field(
        "state", description="A state, an organisation (UN, NATO, AU) or a non-state group."
    )
    colour: str | None = Field(
        None,
        pattern=r"^#[0-9a-fA-F]{6}$",
        description=(
            'Colour wished for on the map, as "#rrggbb" in quotes: the actor gets the nearest colour of the '
            "game's palette that no earlier actor has, so actors stay distinct, also for colour-blind players "
            "(default: the palette in order)."
        ),
    )
    plural: Flag | None = Field(
        None,
        description=(
            'True if the name takes a plural verb ("the Bosnian Serbs withdraw"); default: true when the name '
            '(outside brackets) joins two parties with "and".'
        ),
    )
    leverage: Number = Field(50, ge=0, le=100, description="Bargaining power at the start, 0–100.")
    reputation: Number = Field(50, ge=0, le=100, description="International standing at the start, 0–100.")
    strength: Number = Field(
        30,
        ge=0,
        le=100,
        description=(
            "Military strength: the pool of forces it can deploy, 0–100. Forces placed in regions at the start count "
            "against it."
        ),
    )
    readiness: Number = Field(80, ge=0, le=100, description="Readiness of its forces, in percent.")
    support: Number = Field(
        60,
        ge=0,
        le=100,
        description="Domestic support for its leadership, 0–100; below the rule 'support_floor' the leadership falls.",
    )
    budget: Number = Field(6, ge=1, le=BUDGET_MAX, description="Action points per turn.")
    personality: str = Field(
        "realist",
        description=(
            "AI personality: hawk, dove, realist, institutionalist, opportunist, spoiler, passive, or one under "
            "'personalities'."
        ),
    )
    actions: ActionFilter | None = Field(None, description="Restrict which actions this actor may order.")
    description: str = Field("", description="One or two sentences about the actor, shown in the actor panel.")


class Region(Strict):
    """A theatre on the map."""

    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown on the map.")
    owner: str = Field(
        description=(
            "The actor with the sovereign claim to the region (actor id), or 'none' for a region nobody owns "
            "(international waters): nobody occupies or liberates it, anyone may operate there without consent, "
            "and whoever has forces there holds it."
        )
    )
    control: str | None = Field(
        None,
        description=(
            "The actor controlling it at the start (actor id; default: the owner, or for a region nobody owns the "
            "actor with the most forces there)."
        ),
    )
    position: tuple[Number, Number] = Field(
        description=(
            "Position on the map, [x, y], each from 0 to 1 ([0, 0] is the top left); in a scenario with a 'map' "
            "area, [longitude, latitude] in degrees, inside the area."
        )
    )
    outline: list[tuple[Number, Number]] | None = Field(
        None,
        min_length=3,
        max_length=MAX_OUTLINE,
        description=(
            f"The region's territory as a polygon (3 to {MAX_OUTLINE} points, in the same coordinates as its "
            "position, around it, its edges not crossing). Default: the part of the map nearest to its position, "
            "within the country it lies in on a real map."
        ),
    )
    radius: Number = Field(
        0.08,
        ge=0.02,
        le=0.3,
        description=(
            "The region's size as a share of the map's width: how far a region at sea reaches, and the room an "
            "invented map's land gives it."
        ),
    )
    neighbours: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_REGIONS,
        description="Adjacent regions (region ids).",
    )
    stability: Number = Field(50, ge=0, le=100, description="Stability at the start, 0–100.")
    need: Number = Field(10, ge=0, le=100, description="Humanitarian need at the start, 0–100.")
    forces: dict[str, Share] = Field(
        default_factory=dict,
        max_length=L.MAX_ACTORS,
        description="Forces present at the start: actor id → amount (0–100).",
    )
    peacekeepers: dict[str, Share] = Field(
        default_factory=dict,
        max_length=L.MAX_ACTORS,
        description="Peacekeepers present at the start: actor id → amount (0–100).",
    )
    consent: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_ACTORS,
        description="Actors the host has invited (actor ids): their forces here are not aggression.",
    )
    post_conflict: Flag = Field(
        False, description="Whether the region starts as post-conflict (reconstruction possible)."
    )
    description: str = Field("", description="A sentence about the region, shown in its panel.")


class Relation(Strict):
    """How two actors regard each other at the start."""

    between: tuple[str, str] = Field(description="The two actors (actor ids).")
    value: Number = Field(ge=-100, le=100, description="Relations, −100 (hostile) to 100 (close).")
    one_way: Flag = Field(False, description="If true, only the first actor's view of the second is set.")


class Alliance(Strict):
    """An alliance at the start: collective defence and shared leverage."""

    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players.")
    members: list[str] = Field(
        default_factory=list, max_length=L.MAX_ACTORS, description="Member actors at the start (actor ids)."
    )


class Council(Strict):
    """The Security Council."""

    permanent: list[str] = Field(
        default_factory=list, max_length=15, description="Permanent members with a veto (actor ids)."
    )
    elected: list[str] = Field(
        default_factory=list, max_length=15, description="Elected members played in the scenario (actor ids)."
    )
    other_seats: Whole = Field(
        0,
        ge=0,
        le=15,
        description=(
            "Elected seats held by states outside the game; their votes are drawn from the parties' reputations."
        ),
    )
    pass_votes: Whole = Field(
        9, ge=1, le=15, description="Votes in favour needed to adopt a resolution (with no veto)."
    )


class Track(Strict):
    """A negotiation track between two parties."""

    id: str = _slug("Identifier used in references.")
    name: str = Field(min_length=1, max_length=60, description="Name shown to players, e.g. 'Geneva talks'.")
    topic: Literal["ceasefire", "withdrawal", "peace_accord", "deal"] = Field(
        description="What an agreement on this track does: ceasefire, withdrawal, peace_accord or deal."
    )
    parties: tuple[str, str] = Field(description="The two negotiating parties (actor ids).")
    region: str | None = Field(
        None, description="The region the talks concern; its stability gates progress (region id)."
    )
    withdrawing: str | None = Field(
        None, description="For a withdrawal: the party that withdraws its forces from the region (actor id)."
    )
    status: Literal["inactive", "open", "agreed", "broken"] = Field(
        "inactive", description="Status at the start: inactive, open, agreed or broken."
    )
    progress: Number = Field(0, ge=0, le=100, description="Progress at the start, 0–100.")
    trust: Number = Field(30, ge=0, le=100, description="Trust between the parties at the start, 0–100.")
    mediator: str | None = Field(None, description="A mediator already engaged at the start (actor id; not a party).")


class Calendar(Strict):
    """How turns map to dates."""

    start: dt.date = Field(description=f"Date of turn 1, written YYYY-MM-DD (at the latest {L.LAST_START}).")
    days_per_turn: Whole = Field(ge=1, le=366, description="Days between turns (7 for weekly turns).")


class Objective(Strict):
    """A condition with its text."""

    text: str = Field(min_length=1, description="The objective in words, shown to the player.")
    when: dict[str, Any] = Condition("The condition that makes it true.", required=True)


class Role(Strict):
    """A playable role: an actor led by a player or a team."""

    actor: str = Field(description="The actor the player leads (actor id).")
    briefing: str = Field(
        min_length=1, description="What the player is told at the start: situation, aims, constraints."
    )
    victory: Objective = Field(description="What counts as a win, checked when the game ends.")
    defeat: Objective | None = Field(
        None,
        description=(
            "What counts as a defeat, checked every turn (the game then ends). A collapse of domestic support always "
            "counts."
        ),
    )
    score: list[dict[str, Any]] = Field(
        default_factory=list,
        max_length=L.MAX_EFFECTS,
        description="Score terms summed at the end (plus the win bonus or minus the loss penalty).",
        json_schema_extra=_vocab_list("ScoreTerm"),
    )
    win_bonus: Number = Field(
        100, ge=0, le=1000, description="Points added to the score for a win: the outcome outweighs the score terms."
    )
    loss_penalty: Number = Field(100, ge=0, le=1000, description="Points taken from the score for a loss.")


class Event(Strict):
    """A scripted or random event, or a facilitator's inject."""

    id: str = _slug("Identifier used in the facilitator's list and the debrief.")
    name: str = Field(min_length=1, max_length=80, description="Headline shown in the news.")
    text: str = Field("", description="The news item in full.")
    date: str = Field("", description="Historical date, for display (e.g. '6 Aug 1990').")
    when: dict[str, Any] | None = Condition(
        "When the event fires, checked at the start of every turn (not needed for an inject)."
    )
    chance: Number = Field(1.0, ge=0, le=1, description="Chance it fires, each turn the condition holds.")
    once: Flag = Field(True, description="Fire at most once per game.")
    delay: Whole = Field(
        0, ge=0, le=50, description="Turns between the trigger and the effects (the news comes with the effects)."
    )
    effects: list[dict[str, Any]] = Effects("What the event changes.")
    inject: Flag = Field(False, description="An inject: fires only when a facilitator sends it.")


class ActionDef(Strict):
    """An action of the scenario's own, or changes to a default action."""

    name: str | None = Field(None, description="Name shown to players.")
    kind: KindName | None = Field(
        None,
        description=(
            "The engine mechanic: one of the default actions' kinds, or 'custom' for an action made of effects."
        ),
    )
    resolution: Literal["condemn", "sanctions", "authorise_force", "peacekeeping"] | None = Field(
        None,
        description="For kind 'resolution': what the draft does (condemn, sanctions, authorise_force, peacekeeping).",
    )
    category: Literal["military", "diplomatic"] | None = Field(
        None, description="Which tab and which phase the action belongs to: military or diplomatic."
    )
    target: Literal["none", "region", "actor", "track"] | None = Field(
        None, description="What a custom action is aimed at: none, region, actor or track."
    )
    cost: Whole | None = Field(None, ge=0, le=30, description="Action points it costs.")
    hotkey: str | None = Field(None, max_length=1, description="One-letter hotkey in the game window.")
    description: str | None = Field(None, description="What it does, shown with the action.")
    for_: list[Literal["state", "organisation", "nonstate"]] | None = Field(
        None, max_length=3, alias="for", description="Kinds of actor that may order it."
    )
    params: dict[str, Number] = Field(
        default_factory=dict,
        max_length=L.MAX_ID_LIST,
        description="Numbers of the mechanic (see 'Default actions' in docs/scenario-format.md).",
    )
    requires: dict[str, Any] | None = Condition(
        "A condition the order needs, checked before each order (may use $self and the target's placeholder: "
        "$target, $region or $track). On a default action it comes on top of the action's own rules."
    )
    refusal: str | None = Field(
        None,
        max_length=200,
        description=(
            "What a player is told when 'requires' does not hold, e.g. 'the fishing ban is already in force' "
            "(default: the part of the condition that failed, in words)."
        ),
    )
    effects: list[dict[str, Any]] = Effects(
        "What the action changes ($self is the actor ordering it; $target, $region or $track its target). On a "
        "default action these come after the action's own effects, each time it is ordered."
    )
    actors: list[str] | None = Field(
        None,
        max_length=L.MAX_ACTORS,
        description=(
            "The only actors that may order it (actor ids), e.g. [usa]; the others never see it. Each actor's own "
            "'actions' (only/forbid) still applies."
        ),
    )


class RulesOverride(Strict):
    """Changes to the default rules."""

    params: dict[str, Number] = Field(
        default_factory=dict,
        max_length=L.MAX_ID_LIST,
        description="New values for rule numbers (see 'Rule numbers' in docs/scenario-format.md).",
    )
    actions: dict[str, ActionDef] = Field(
        default_factory=dict,
        max_length=L.MAX_ACTIONS,
        description=(
            f"Tune default actions or add the scenario's own (action id → definition; at most {L.MAX_ACTIONS} entries)."
        ),
    )
    available: list[str] | None = Field(
        None, max_length=L.MAX_ID_LIST, description="If given, only these actions exist in the scenario (action ids)."
    )


class SanctionsInForce(Strict):
    """Sanctions one actor already imposes on another at the start."""

    by: str = Field(description="The actor imposing them (actor id).")
    against: str = Field(description="The actor they bite (actor id).")


class Mandates(Strict):
    """Security Council mandates in force at the start."""

    force: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_ACTORS,
        description="Actors against whom force is already authorised (actor ids).",
    )
    peacekeeping: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_REGIONS,
        description="Regions already under a peacekeeping mandate (region ids).",
    )
    sanctions: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_ACTORS,
        description="Actors already under Security Council sanctions (actor ids); they bite from turn 1.",
    )
    condemned: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_ACTORS,
        description="Actors the Security Council has already condemned (actor ids).",
    )


class Personality(Strict):
    """An AI personality: weights on predicted changes, and a few traits."""

    extends: str | None = Field(
        None, description="The personality this one starts from; its weights and traits apply unless changed here."
    )
    description: str = Field("", description="What this personality is like.")
    weights: dict[str, Dial] = Field(
        default_factory=dict,
        max_length=L.MAX_ID_LIST,
        description=(
            "Weights the AI gives to the predicted change of each value, −100 to 100 (keys as in "
            "game/data/personalities.yaml)."
        ),
    )
    traits: dict[str, Dial] = Field(
        default_factory=dict,
        max_length=L.MAX_ID_LIST,
        description=(
            "Other dials: aggression, risk, caution, temperature, pass_threshold, mandate, passive (−100 to 100)."
        ),
    )


class Difficulty(Strict):
    """One difficulty level."""

    description: str = Field("", description="Shown when choosing the difficulty.")
    player_budget: Number = Field(0, ge=-10, le=10, description="Added to each human player's budget per turn.")
    ai_budget: Number = Field(
        0,
        ge=-10,
        le=10,
        description=(
            "Added to the budget per turn of each AI actor opposing the players; their friends (in an alliance with a "
            "player, or relations of 30 or more both ways at the start) keep theirs."
        ),
    )
    ai_policy: Literal["random", "standard", "hard"] | None = Field(
        None,
        description=(
            "AI policy at this level: random or standard for every AI actor; hard for the roles opposing the players "
            "(the others play standard)."
        ),
    )


class MapArea(Strict):
    """Where on Earth a scenario's map lies: the window draws real coastlines and borders there."""

    area: tuple[Number, Number, Number, Number] = Field(
        description=(
            "The part of the world the map shows at least, [west, south, east, north] in degrees of longitude and "
            "latitude (east and north positive)."
        )
    )


class Scenario(Strict):
    """A scenario file."""

    format: Literal[1] = Field(description="Version of the scenario format; this is format 1.")
    id: str = _slug("Identifier of the scenario (used by 'brinkmanship play ID').")
    title: str = Field(min_length=1, max_length=80, description="Title shown in the scenario browser.")
    period: str = Field("", max_length=60, description="Period, e.g. 'Aug 1990 – Apr 1991' or 'near future'.")
    summary: str = Field("", description="A paragraph for the scenario browser.")
    fictional: Flag = Field(False, description="True for an invented scenario (shown as such).")
    calendar: Calendar = Field(description="Dates of the turns.")
    turns: Whole = Field(ge=1, le=200, description="Turn limit: the game ends after this turn.")
    tension: Number = Field(30, ge=0, le=100, description="World tension at the start, 0–100.")
    actors: list[Actor] = Field(
        min_length=2,
        max_length=L.MAX_ACTORS,
        description=f"States, organisations and groups in the scenario (2 to {L.MAX_ACTORS}).",
    )
    regions: list[Region] = Field(
        min_length=1, max_length=L.MAX_REGIONS, description=f"Theatres on the map (1 to {L.MAX_REGIONS})."
    )
    map: MapArea | None = Field(
        None,
        description=(
            "A real place: the map shows the coastlines and country borders of this area, and the regions' positions "
            "and outlines are in degrees. Without it the map is drawn land of its own (for an invented place)."
        ),
    )
    relations: list[Relation] = Field(
        default_factory=list,
        max_length=L.MAX_RELATIONS,
        description=f"Relations at the start (unlisted pairs start at 0; at most {L.MAX_RELATIONS} entries).",
    )
    alliances: list[Alliance] = Field(
        default_factory=list,
        max_length=L.MAX_ALLIANCES,
        description=f"Alliances at the start (at most {L.MAX_ALLIANCES}; two more can form in play).",
    )
    council: Council | None = Field(None, description="The Security Council, if the scenario has one.")
    tracks: list[Track] = Field(
        default_factory=list, max_length=L.MAX_TRACKS, description=f"Negotiation tracks (at most {L.MAX_TRACKS})."
    )
    mandates: Mandates = Field(default_factory=Mandates, description="Council mandates already in force.")
    sanctions: list[SanctionsInForce] = Field(
        default_factory=list,
        max_length=L.MAX_RELATIONS,
        description=(
            "Sanctions already in force at the start, e.g. [{by: usa, against: iraq}]: they bite from turn 1 as if "
            "imposed before the game (lift them with the 'lift_sanctions' action)."
        ),
    )
    flags: dict[str, Annotated[StrictFloat, Field(ge=-1e9, le=1e9)]] = Field(
        default_factory=dict,
        max_length=L.MAX_FLAGS,
        description=f"Scenario counters and switches (name → start value), changed by events (at most {L.MAX_FLAGS}).",
    )
    roles: list[Role] = Field(min_length=1, max_length=L.MAX_ACTORS, description="Playable roles.")
    personalities: dict[str, Personality] = Field(
        default_factory=dict,
        max_length=L.MAX_PERSONALITIES,
        description=(
            f"AI personalities of the scenario's own, or changes to the shipped ones (at most {L.MAX_PERSONALITIES})."
        ),
    )
    difficulty: dict[str, Difficulty] = Field(
        default_factory=dict,
        max_length=L.MAX_DIFFICULTIES,
        description=(
            "Difficulty levels (name → settings), added to or changing the defaults easy, normal and hard (at most "
            f"{L.MAX_DIFFICULTIES})."
        ),
    )
    events: list[Event] = Field(
        default_factory=list,
        max_length=L.MAX_EVENTS,
        description=f"Scripted and random events, and facilitator injects (at most {L.MAX_EVENTS}).",
    )
    end: Objective | None = Field(None, description="The game ends early when this holds.")
    briefing: str = Field("", description="Background shared by all players.")
    history: str = Field("", description="What actually happened, and why (shown at the end).")
    learning_objectives: list[str] = Field(
        default_factory=list, max_length=L.MAX_TEXTS, description="What players should learn."
    )
    discussion: list[str] = Field(
        default_factory=list, max_length=L.MAX_TEXTS, description="Questions for the debrief."
    )
    sources: list[str] = Field(default_factory=list, max_length=L.MAX_TEXTS, description="Where the facts come from.")
    rules: RulesOverride = Field(default_factory=RulesOverride, description="Changes to the default rules.")

    @field_validator("format", mode="before")
    @classmethod
    def _format_is_a_number(cls, value: Any) -> Any:
        if isinstance(value, bool):  # true == 1 in Python: 'format: true' is not format 1
            raise PydanticCustomError(
                "format_bool",
                "'format' must be the number 1, not {shown}",
                {"shown": "true" if value else "false"},
            )
        return value

    include: list[str] = Field(
        default_factory=list,
        max_length=L.MAX_INCLUDES,
        description=(
            "Files merged into this one: paths relative to this file that stay inside its folder, or shipped blocks "
            "such as shared/un-security-council.yaml."
        ),
    )


class RulesFile(Strict):
    """The default rules file (game/data/rules.yaml)."""

    format: Literal[1]
    params: dict[str, Number]
    actions: dict[str, ActionDef]


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the format (what ``brinkmanship schema`` prints)."""
    schema = _link(Scenario.model_json_schema(by_alias=True))
    schema["$defs"].update(vocabulary_schemas())
    schema["$defs"] = dict(sorted(schema["$defs"].items()))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Brinkmanship scenario"
    return schema


def schema_text() -> str:
    """The JSON Schema as text: what ``brinkmanship schema`` prints and
    ``docs/scenario.schema.json`` holds."""
    return json.dumps(json_schema(), indent=1, ensure_ascii=False) + "\n"
