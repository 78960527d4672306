"""A small JSON Schema validator for the keywords the scenario schema uses.

The project does not depend on a JSON Schema library, so the tests check
documents against ``brinkmanship schema`` with this one. It knows exactly
the keywords in :data:`SUPPORTED`; a test makes sure the schema uses no
other, so nothing is silently skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

SUPPORTED = {
    "$schema", "$defs", "$ref", "title", "description", "default", "examples",
    "type", "enum", "const", "anyOf",
    "properties", "additionalProperties", "required", "minProperties", "maxProperties",
    "items", "prefixItems", "minItems", "maxItems",
    "minLength", "maxLength", "pattern", "format",
    "minimum", "maximum",
}  # fmt: skip
ANNOTATIONS = {"title", "description", "default", "examples", "$schema", "$defs", "format"}


def keywords(schema: Any, inside_properties: bool = False) -> set[str]:
    """Every keyword used anywhere in ``schema``."""
    out: set[str] = set()
    if isinstance(schema, dict):
        for k, v in schema.items():
            if not inside_properties:
                out.add(k)
            if k in ("properties", "$defs"):
                for sub in v.values():
                    out |= keywords(sub)
            elif k not in ("default", "examples", "enum", "const"):
                out |= keywords(v)
    elif isinstance(schema, list):
        for v in schema:
            out |= keywords(v)
    return out


def as_json(value: Any) -> Any:
    """YAML values as they would appear in JSON (dates become text)."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _type_ok(value: Any, name: str) -> bool:
    return {
        "string": isinstance(value, str),
        "number": isinstance(value, (int, float)) and not isinstance(value, bool),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "null": value is None,
    }[name]


def errors(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, where: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (empty when it is valid)."""
    root = root or schema
    out: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        out += errors(value, root["$defs"][name], root, where)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, t) for t in types):
            return out + [f"{where}: {value!r} is not of type {types}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "anyOf" in schema and not any(not errors(value, s, root, where) for s in schema["anyOf"]):
        out.append(f"{where}: {value!r} matches none of the alternatives")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for k in schema.get("required", []):
            if k not in value:
                out.append(f"{where}: missing {k!r}")
        if len(value) < schema.get("minProperties", 0):
            out.append(f"{where}: fewer than {schema['minProperties']} keys")
        if len(value) > schema.get("maxProperties", len(value)):
            out.append(f"{where}: more than {schema['maxProperties']} keys")
        for k, v in value.items():
            if k in props:
                out += errors(v, props[k], root, f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                out.append(f"{where}: unknown key {k!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(v, schema["additionalProperties"], root, f"{where}.{k}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            out.append(f"{where}: {len(value)} items")
        prefix = schema.get("prefixItems", [])
        for i, v in enumerate(value):
            if i < len(prefix):
                out += errors(v, prefix[i], root, f"{where}[{i}]")
            elif "items" in schema:
                out += errors(v, schema["items"], root, f"{where}[{i}]")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", len(value)):
            out.append(f"{where}: length {len(value)}")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if _type_ok(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            out.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            out.append(f"{where}: {value} > {schema['maximum']}")
    return out
