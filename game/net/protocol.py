"""The messages of the classroom server, as pydantic models.

Every message is one JSON object in one WebSocket text frame. What a client
sends is untrusted: it is parsed here with every field typed and bounded, and
anything else (bad JSON, an unknown type, an extra field, a long text) is
refused with one short error message, never a traceback.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr, TypeAdapter, ValidationError

from game.session.messages import MAX_MESSAGE

MAX_FRAME = 16 * 1024
"""The largest WebSocket frame the server reads (bytes); a larger one closes the connection."""
MAX_NOTE = 500
MAX_ID = 64

Id = Annotated[StrictStr, Field(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9_.-]+$")]
Note = Annotated[StrictStr, Field(max_length=MAX_NOTE)]
GameNo = Annotated[StrictInt, Field(ge=1, le=100)]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- a team
class Join(_Msg):
    type: Literal["join"]
    code: Annotated[StrictStr, Field(min_length=1, max_length=40)]


class Queue(_Msg):
    type: Literal["queue"]
    number: Annotated[StrictInt, Field(ge=1, le=10_000)]


class Cancel(_Msg):
    type: Literal["cancel"]
    index: Annotated[StrictInt, Field(ge=0, le=100)]


class End(_Msg):
    type: Literal["end"]
    why: Note = ""
    """The team's answer to "Why did you choose this?" (when the server asks it)."""


class Why(_Msg):
    type: Literal["why"]
    quantity: Id
    subject: Annotated[list[Id], Field(max_length=2)] = []


class Say(_Msg):
    type: Literal["say"]
    to: Id | None = None
    text: Annotated[StrictStr, Field(min_length=1, max_length=MAX_MESSAGE)]


class Command(_Msg):
    """A terminal command line (the terminal client's 'status', 'actions', 'why stability harbour' …)."""

    type: Literal["command"]
    line: Annotated[StrictStr, Field(max_length=200)]


class Refresh(_Msg):
    type: Literal["refresh"]


TeamMessage = Annotated[Join | Queue | Cancel | End | Why | Say | Command | Refresh, Field(discriminator="type")]


# ---------------------------------------------------------------- the teacher
class Login(_Msg):
    type: Literal["login"]
    passphrase: Annotated[StrictStr, Field(min_length=1, max_length=200)]


class Pause(_Msg):
    type: Literal["pause", "resume"]
    game: GameNo | None = None
    """None: every game."""
    note: Note = ""


class Inject(_Msg):
    type: Literal["inject"]
    games: Annotated[list[GameNo], Field(min_length=1, max_length=100)]
    event: Id
    note: Note = ""


class Custom(_Msg):
    type: Literal["custom"]
    games: Annotated[list[GameNo], Field(min_length=1, max_length=100)]
    headline: Annotated[StrictStr, Field(min_length=1, max_length=200)]
    text: Note = ""
    note: Note = ""


class Adjust(_Msg):
    type: Literal["adjust"]
    game: GameNo
    quantity: Id
    subject: Annotated[list[Id], Field(max_length=2)] = []
    value: StrictFloat | StrictInt
    note: Note = ""


class Timer(_Msg):
    type: Literal["timer"]
    game: GameNo | None = None
    seconds: Annotated[StrictInt, Field(ge=0, le=24 * 3600)]
    """0: no timer."""


TeacherMessage = Annotated[Login | Pause | Inject | Custom | Adjust | Timer | Refresh, Field(discriminator="type")]

_team = TypeAdapter(TeamMessage)
_teacher = TypeAdapter(TeacherMessage)


class BadMessage(Exception):
    """A message that is not one of the protocol's, with a short reason."""


def _parse(adapter: TypeAdapter, text: str):
    if len(text) > MAX_FRAME:
        raise BadMessage("message too large")
    try:
        return adapter.validate_json(text)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"][1:]) or "message"
        if err["type"] == "json_invalid":
            raise BadMessage("not a JSON message") from None
        raise BadMessage(f"{where}: {str(err['msg'])[:120]}") from None


def parse_team(text: str):
    """A team's message, or BadMessage."""
    return _parse(_team, text)


def parse_teacher(text: str):
    """A teacher's message, or BadMessage."""
    return _parse(_teacher, text)
