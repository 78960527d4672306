"""Pydantic's validation errors, worded for people who write scenarios.

Each error becomes a :class:`Diagnostic` at the line and column of the value
it is about, with a hint where one helps (a near miss of a key, an example
of the value expected, the scale of a number).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from game.scenario import schema as S
from game.scenario.errors import MAX_ERRORS, Diagnostic, one_of, suggest
from game.scenario.source import Located


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of ``loc`` (None inside a free mapping)."""
    import typing

    current: Any = model
    for part in loc[:-1]:
        if isinstance(current, type) and issubclass(current, BaseModel):
            fld = current.model_fields.get(part)
            if fld is None:
                for name, f in current.model_fields.items():
                    if f.alias == part:
                        fld = current.model_fields[name]
                        break
            if fld is None:
                return None
            current = fld.annotation
            continue
        args = typing.get_args(current)
        origin = typing.get_origin(current)
        if origin is typing.Union or origin is getattr(__import__("types"), "UnionType", None):
            current = next((a for a in args if a is not type(None)), None)
            if isinstance(current, type) and issubclass(current, BaseModel):
                fld = current.model_fields.get(part)
                current = fld.annotation if fld else None
                continue
            args, origin = typing.get_args(current), typing.get_origin(current)
        if origin in (list, tuple, dict) and args:
            current = args[-1]
            continue
        return None
    while typing.get_origin(current) in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        current = next((a for a in typing.get_args(current) if a is not type(None)), None)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _show(value: Any) -> str:
    """A value as a person would describe it in an error message."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    text = str(value)
    return f"'{text[:40]}...'" if len(text) > 40 else f"'{text}'"


_EXPECTED = {
    "string_type": "text",
    "float_type": "a number",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping (key: value lines)",
    "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
    "date_type": "a date like 1990-08-02",
}
"""What a value of each pydantic error type should have been, for empty values."""

_TUPLE_EXAMPLES = {
    "position": "position: [0.5, 0.5]",
    "between": "between: [usa, iraq]",
    "parties": "parties: [usa, iraq]",
}


def _field_label(loc: tuple[Any, ...]) -> str:
    """'name', or 'position' item 2 for an element of a list."""
    if not loc:
        return "the document"
    if isinstance(loc[-1], int) and len(loc) > 1:
        return f"item {loc[-1] + 1} of '{loc[-2]}'"
    return f"'{loc[-1]}'"


_EXPONENT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")
"""A number with an exponent, which YAML 1.1 may read as text (``4e1``, ``1.5e3``)."""


def _yaml11_exponent(text: str) -> str:
    """``4e1`` written so that YAML 1.1 reads it as a number: ``4.0e+1``."""
    mantissa, _, exp = text.lower().partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exp[:1] not in "+-":
        exp = "+" + exp
    return f"{mantissa}e{exp}"


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_ID_EXAMPLES = {
    "actors": "northland",
    "regions": "harbour",
    "tracks": "harbour-talks",
    "alliances": "nato",
    "events": "storm",
}


def _missing_hint(name: str, loc: tuple[Any, ...]) -> str:
    if name == "id" and len(loc) > 1:
        return f"add e.g. 'id: {_ID_EXAMPLES.get(str(loc[0]), 'my-id')}'"
    examples = {
        "format": "start the file with 'format: 1'",
        "id": "add e.g. 'id: my-scenario'",
        "name": "add e.g. 'name: Northland'",
        "position": "add e.g. 'position: [0.5, 0.5]'",
        "owner": "add the id of the actor that owns the region, or 'owner: none' for a region nobody owns "
        "(international waters)",
        "calendar": "add 'calendar: {start: 2030-01-01, days_per_turn: 7}'",
        "turns": "add e.g. 'turns: 10'",
        "briefing": "add a few sentences telling the player the situation",
        "victory": "add 'victory: {text: ..., when: {...}}'",
    }
    return examples.get(name, "")


def _range_hint(name: str, loc: tuple[Any, ...]) -> str:
    if name in (
        "leverage",
        "reputation",
        "stability",
        "need",
        "support",
        "strength",
        "readiness",
        "progress",
        "trust",
        "tension",
    ):
        return f"{name} is on a 0–100 scale"
    if name == "value":
        return "relations run from -100 to 100"
    if len(loc) > 1 and loc[-2] in ("forces", "peacekeepers"):
        return f"{loc[-2]} are on a 0–100 scale"
    return ""


def pydantic_diagnostics(doc: Located, exc: ValidationError, root: type[BaseModel]) -> list[Diagnostic]:
    """Turn pydantic's errors into located, readable diagnostics."""
    out = []
    errors = exc.errors()
    if len(errors) > MAX_ERRORS:  # wording thousands of errors would take longer than reading them
        first = tuple(errors[MAX_ERRORS - 1]["loc"])
        out.append(
            doc.error(
                first,
                f"{len(errors) - MAX_ERRORS + 1:,} more error(s) not shown",
                "fix the errors shown and check again",
            )
        )
        errors = errors[: MAX_ERRORS - 1]
    misspelt = _misspelt(errors, root)
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and loc in misspelt:
            continue
        out.append(_diagnostic(doc, err, root))
    return out


def _misspelt(errors: list[Any], root: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Required keys that an unknown key is a misspelling of: such a key is
    reported once, as the unknown key with its suggestion, not also as the
    missing key it should have been."""
    misspelt = set()
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc:
            names = _field_names(model_at(root, loc))
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            if close:
                misspelt.add(loc[:-1] + (close[0],))
    return misspelt


@dataclass(frozen=True)
class _Err:
    """One pydantic error, with what its wording needs."""

    doc: Located
    root: type[BaseModel]
    loc: tuple[Any, ...]
    typ: str
    name: str  # the key the error is about
    label: str  # how the message names it
    ctx: dict[str, Any]
    inp: Any
    msg: str

    def error(self, message: str, hint: str = "", loc: tuple[Any, ...] | None = None, key: bool = False) -> Diagnostic:
        return self.doc.error(self.loc if loc is None else loc, message, hint, key=key)


def _diagnostic(doc: Located, err: Any, root: type[BaseModel]) -> Diagnostic:
    """The diagnostic of one pydantic error."""
    loc = tuple(err["loc"])
    e = _Err(
        doc,
        root,
        loc,
        err["type"],
        str(loc[-1]) if loc else "document",
        _field_label(loc),
        err.get("ctx") or {},
        err.get("input"),
        err["msg"],
    )
    if loc and loc[-1] == "[key]":
        return e.error(
            f"'{loc[-2]}' is not a valid key here: keys are ids or names, written as text",
            "put it in quotes if it is a number",
            loc=loc[:-1],
            key=True,
        )
    if e.inp is None and e.typ in _EXPECTED:
        return _no_value(e)
    return _BY_TYPE.get(e.typ, _other)(e)


def _no_value(e: _Err) -> Diagnostic:
    expected = _EXPECTED[e.typ]
    hint = f"expected {expected} after '{e.name}:'" if not isinstance(e.loc[-1], int) else f"expected {expected}"
    if e.loc[:1] == ("regions",) and e.name == "owner":
        hint = "write the id of the actor that owns the region, or 'owner: none' for a region nobody owns"
    return e.error(f"{e.label} has no value", hint)


def _unknown_key(e: _Err) -> Diagnostic:
    names = _field_names(model_at(e.root, e.loc))
    return e.error(f"unknown key '{e.name}'", suggest(e.name, names) or one_of(names), key=True)


def _missing(e: _Err) -> Diagnostic:
    loc = e.loc
    if loc and isinstance(loc[-1], int):
        field = str(loc[-2])
        return e.error(
            f"'{field}' needs {loc[-1] + 1} values, not {loc[-1]}",
            f"e.g. {_TUPLE_EXAMPLES.get(field, field + ': [a, b]')}",
            loc=loc[:-1],
        )
    return e.error(f"missing required key '{e.name}'", _missing_hint(e.name, loc), loc=loc[:-1], key=True)


_BOUND_WORDS = {
    "less_than_equal": "at most",
    "greater_than_equal": "at least",
    "less_than": "below",
    "greater_than": "above",
}


def _out_of_range(e: _Err) -> Diagnostic:
    ctx = e.ctx
    bound = ctx.get("le", ctx.get("ge", ctx.get("lt", ctx.get("gt"))))
    word = _BOUND_WORDS[e.typ]
    return e.error(f"{e.label} must be {word} {bound:g} (got {e.inp:g})", _range_hint(e.name, e.loc))


def _pattern(e: _Err) -> Diagnostic:
    if e.ctx.get("pattern") == S.SLUG:
        return e.error(
            f"'{e.inp}' is not a valid id",
            "use lower-case letters, digits, '-' and '_' (at most 40), starting with a letter or digit",
        )
    return e.error(
        f"'{e.inp}' is not a valid {e.name}",
        'write a colour as "#rrggbb", in quotes' if e.name == "colour" else "",
    )


def _literal(e: _Err) -> Diagnostic:
    expected = str(e.ctx.get("expected", ""))
    choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
    near = suggest(str(e.inp), choices) if isinstance(e.inp, str) else ""
    problem = f"{e.label} has no value" if e.inp is None else f"{_show(e.inp)} is not allowed for {e.label}"
    return e.error(problem, (near + " " if near else "") + f"expected {expected}")


def _not_a_number(e: _Err) -> Diagnostic:
    whole = "int" in e.typ
    hint = ""
    if isinstance(e.inp, str) and _numeric(e.inp):
        hint = "write the number without quotes"
        if _EXPONENT.match(e.inp.strip()):
            hint = (
                f"YAML 1.1 reads {e.inp.strip()} as text (an exponent needs a dot and a sign, as in "
                f"{_yaml11_exponent(e.inp.strip())}): write {float(e.inp):g}"
            )
    elif isinstance(e.inp, bool):
        hint = (
            "YAML 1.1 reads yes, no, on, off, true and false (in any case) as true or false, never as a number: "
            "write the number itself"
        )
    return e.error(f"{e.label} must be {'a whole number' if whole else 'a number'}, not {_show(e.inp)}", hint)


def _not_bool(e: _Err) -> Diagnostic:
    return e.error(f"{e.label} must be true or false, not {_show(e.inp)}")


def _not_text(e: _Err) -> Diagnostic:
    return e.error(
        f"{e.label} must be text, not {_show(e.inp)}",
        "put the text in quotes" if not isinstance(e.inp, (list, dict)) else "",
    )


def _not_list(e: _Err) -> Diagnostic:
    hint = (
        f"e.g. {_TUPLE_EXAMPLES[e.name]}"
        if e.name in _TUPLE_EXAMPLES
        else "write [a, b], or one item per line starting with '- '"
    )
    return e.error(f"{e.label} must be a list, not {_show(e.inp)}", hint)


def _not_mapping(e: _Err) -> Diagnostic:
    return e.error(f"{e.label} must be a mapping (key: value lines), not {_show(e.inp)}")


def _size(e: _Err) -> Diagnostic:
    inp = e.inp
    if e.typ == "too_long" and isinstance(inp, (list, tuple)) and e.name in _TUPLE_EXAMPLES:
        return e.error(f"{e.label} needs 2 values, not {len(inp)}", f"e.g. {_TUPLE_EXAMPLES[e.name]}")
    size = len(inp) if isinstance(inp, (list, tuple, dict)) else 0
    if e.typ == "too_short":
        return e.error(f"{e.label} needs at least {e.ctx.get('min_length')} item(s), not {size}")
    return e.error(f"{e.label} has {size} items; at most {e.ctx.get('max_length')} are allowed")


def _not_date(e: _Err) -> Diagnostic:
    return e.error(f"{e.label} must be a date like 1990-08-02, not {_show(e.inp)}")


def _text_too_long(e: _Err) -> Diagnostic:
    return e.error(f"{e.label} is too long: at most {e.ctx.get('max_length')} characters")


def _text_empty(e: _Err) -> Diagnostic:
    return e.error(f"{e.label} must not be empty")


def _other(e: _Err) -> Diagnostic:
    return e.error(f"{e.label}: {e.msg}")


def _format_bool(e: _Err) -> Diagnostic:
    return e.error(
        f"{e.label} must be the number 1, not {_show(e.inp)}",
        "YAML 1.1 reads yes, no, on, off, true and false as true or false: write 'format: 1'",
    )


_BY_TYPE: dict[str, Callable[[_Err], Diagnostic]] = {
    "format_bool": _format_bool,
    "extra_forbidden": _unknown_key,
    "missing": _missing,
    **dict.fromkeys(_BOUND_WORDS, _out_of_range),
    "string_pattern_mismatch": _pattern,
    "literal_error": _literal,
    **dict.fromkeys(("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"), _not_a_number),
    **dict.fromkeys(("bool_parsing", "bool_type"), _not_bool),
    "string_type": _not_text,
    **dict.fromkeys(("list_type", "tuple_type"), _not_list),
    **dict.fromkeys(("dict_type", "model_type", "model_attributes_type"), _not_mapping),
    **dict.fromkeys(("too_short", "too_long"), _size),
    **dict.fromkeys(
        ("date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"), _not_date
    ),
    "string_too_long": _text_too_long,
    "string_too_short": _text_empty,
}
"""How each type of pydantic error is worded (any other: pydantic's own message)."""
