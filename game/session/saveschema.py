"""The save format, as pydantic models.

A save is untrusted input (it may be damaged, edited by hand, or sent by
someone else), so it is read through these models before anything in it
reaches the game: every field has its type and its bounds, and every problem
is reported with the JSON path of the bad field, e.g. ``turns[3].orders``.
Checks that need the scenario (actor ids, turn count, subjects of facilitator
changes) are made in :mod:`game.session.save` with the same kind of path.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, ValidationError, field_validator

MAX_SEED = 2**63 - 1
MAX_TURNS = 1000
MAX_TEXT = 4000
MAX_ITEMS = 10_000

Text = Annotated[StrictStr, Field(max_length=MAX_TEXT)]
Name = Annotated[StrictStr, Field(min_length=1, max_length=200)]
Hex = Annotated[StrictStr, Field(pattern=r"^([0-9a-f]{2})+$", min_length=2, max_length=256)]
Mac = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
Turn = Annotated[StrictInt, Field(ge=1, le=MAX_TURNS + 1)]
Index = Annotated[StrictInt, Field(ge=0, le=10_000)]


def _finite(v: Any) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValueError("should be a number")
    if not math.isfinite(float(v)):
        raise ValueError("should be a finite number")
    if abs(float(v)) > 1e6:
        raise ValueError("is out of range")
    return float(v)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


MAX_EMBEDDED = 8_000_000
"""Characters of the compressed scenario copy a save may carry (all its files together)."""


class EmbeddedFile(_Model):
    name: Annotated[StrictStr, Field(min_length=1, max_length=1024)]
    data: Annotated[StrictStr, Field(max_length=MAX_EMBEDDED)]


class EmbeddedScenario(_Model):
    """The scenario's files as they were when the game was saved (zlib-compressed, then base64)."""

    encoding: Literal["zlib+base64"]
    files: Annotated[list[EmbeddedFile], Field(min_length=1, max_length=65)]


class ScenarioRef(_Model):
    id: Name
    hash: Annotated[StrictStr, Field(max_length=64)] | None = None
    path: Annotated[StrictStr, Field(min_length=1, max_length=4096)] | None = None
    embedded: EmbeddedScenario | None = None


class TurnModel(_Model):
    turn: Turn
    orders: dict[Name, Annotated[list[Name], Field(max_length=50)]] = {}
    reasons: dict[Name, Annotated[list[Text], Field(max_length=200)]] = {}


class _Intervention(_Model):
    turn: Turn
    note: Text = ""


class Inject(_Intervention):
    kind: Literal["inject"]
    event: Name
    title: Text | None = None


class Adjust(_Intervention):
    kind: Literal["adjust"]
    quantity: Name
    subject: Annotated[list[Index], Field(max_length=3)]
    value: float
    label: Text | None = None
    old: float | None = None
    """The value before the change (saves made before it was kept have none)."""

    _value = field_validator("value", mode="before")(lambda v: _finite(v))
    _old = field_validator("old", mode="before")(lambda v: None if v is None else _finite(v))


class Change(_Model):
    quantity: Name
    subject: Annotated[list[Index], Field(max_length=3)]
    add: float

    _add = field_validator("add", mode="before")(lambda v: _finite(v))


class Custom(_Intervention):
    kind: Literal["custom"]
    headline: Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT)]
    text: Text = ""
    changes: Annotated[list[Change], Field(max_length=100)] = []


class Plain(_Intervention):
    kind: Literal["pause", "resume", "note"]


Intervention = Annotated[Inject | Adjust | Custom | Plain, Field(discriminator="kind")]


class FacilitatorModel(_Model):
    salt: Hex
    hash: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]


class SealModel(_Model):
    none: Literal[True] | None = None
    chain: Annotated[list[Mac], Field(max_length=MAX_ITEMS + 1)] | None = None
    end: Mac | None = None
    branched_at: Turn | None = None


class MessageModel(_Model):
    turn: Turn
    from_: Name = Field(alias="from")
    to: Name | None = None
    text: Annotated[StrictStr, Field(min_length=1, max_length=MAX_TEXT)]


class Reflection(_Model):
    turn: Turn
    actor: Name
    text: Text


class PlayedByAI(_Model):
    turn: Turn
    actor: Name


class Origin(_Model):
    game: Annotated[StrictStr, Field(min_length=1, max_length=400)]
    turn: Turn


class Pacing(_Model):
    turns: Annotated[StrictInt, Field(ge=2, le=MAX_TURNS)]
    original: Annotated[StrictInt, Field(ge=2, le=MAX_TURNS)] | None = None


TeamName = Annotated[StrictStr, Field(min_length=1, max_length=60)]


class SaveModel(_Model):
    format: Literal["brinkmanship-save"]
    version: Literal[1, 2]
    rules: Annotated[StrictInt, Field(ge=1, le=1_000)] = 1
    scenario: ScenarioRef
    seed: Annotated[StrictInt, Field(ge=0, le=MAX_SEED)]
    difficulty: Name = "normal"
    humans: Annotated[list[Name], Field(max_length=100)]
    policies: dict[Name, Name] = {}
    controllers: dict[Name, Name] = {}
    turns: Annotated[list[TurnModel], Field(max_length=MAX_TURNS)]
    interventions: Annotated[list[Intervention], Field(max_length=MAX_ITEMS)] = []
    sealed: dict[Name, Annotated[list[Name], Field(max_length=50)]] = {}
    pending: dict[Name, Annotated[list[Name], Field(max_length=50)]] = {}
    facilitator: FacilitatorModel | None = None
    seal: SealModel | None = None
    messages: Annotated[list[MessageModel], Field(max_length=MAX_ITEMS)] = []
    teams: Annotated[dict[Name, TeamName], Field(max_length=100)] = {}
    reflections: Annotated[list[Reflection], Field(max_length=MAX_ITEMS)] = []
    played_by_ai: Annotated[list[PlayedByAI], Field(max_length=MAX_ITEMS)] = []
    origin: Origin | None = None
    pacing: Pacing | None = None


def json_path(loc: tuple[Any, ...]) -> str:
    """A pydantic location as a JSON path: ('turns', 3, 'orders') → turns[3].orders."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("inject", "adjust", "custom", "pause", "resume", "note") and out.endswith("]"):
            continue  # the discriminated union's branch name is not part of the file
        elif str(part).startswith("function-"):
            continue
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def first_problem(exc: ValidationError) -> str:
    """The first validation error as 'PATH: message'."""
    err = exc.errors(include_url=False)[0]
    msg = str(err["msg"])
    msg = msg.removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown field"
    elif err["type"] == "missing":
        msg = "missing"
    elif err["type"] == "union_tag_not_found":
        msg = "needs a 'kind' (inject, adjust, custom, pause, resume or note)"
    elif err["type"] == "union_tag_invalid":
        msg = f"unknown kind {err.get('input', {}).get('kind')!r}" if isinstance(err.get("input"), dict) else msg
    msg = re.sub(r" or instance of \w+", "", msg)
    return f"{json_path(tuple(err['loc']))}: {msg[:200]}"
