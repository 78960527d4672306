"""Safe, strict YAML reading that remembers where every value came from.

Files are composed with PyYAML's safe loader (the C one when available) into
a node tree, then turned into plain Python values by this module, which:

* accepts only the standard tags (no ``!!python/...`` or custom tags);
* refuses duplicate keys, recursive aliases and alias expansion beyond a
  small bound (the "billion laughs" attack);
* refuses files over a size limit and bytes that are not UTF-8;
* records the line and column of every key and value, so that later checks
  can point at the exact place of a problem.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import stat
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.scenario.errors import Diagnostic, ScenarioError

try:  # pragma: no cover - depends on how PyYAML was built
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with the type of each plain value remembered: working
    out whether ``40`` is a number or ``red`` a text is most of the time of
    reading a large file, and files repeat their values (keys above all)."""

    _CACHE_SIZE = 4096

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._tags: dict[str, str] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or not implicit[0]:
            return super().resolve(kind, value, implicit)
        tag = self._tags.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(self._tags) < self._CACHE_SIZE:
                self._tags[value] = tag
        return tag


MAX_BYTES = 1_000_000
MAX_NODES = 200_000
MAX_DEPTH = 64

Path_ = tuple[Any, ...]

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
}


_STR = "tag:yaml.org,2002:str"
_TAG_WORDS = {"!!bool": "true or false", "!!timestamp": "a date", "!!int": "a whole number", "!!float": "a number"}
_TAG_HINTS = {
    "!!bool": "write true or false, without the '!!bool' tag",
    "!!timestamp": "write dates as YYYY-MM-DD, without the '!!timestamp' tag",
}


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


Pos = tuple[str, int, int]
"""(file, line, column), both counted from 1."""


@dataclass
class Located:
    """A parsed document and the position of each of its parts.

    ``values`` maps the path of every value (a tuple of keys and list
    indices) to its position; ``keys`` does the same for mapping keys.
    """

    file: str
    data: Any
    values: dict[Path_, Pos] = field(default_factory=dict)
    keys: dict[Path_, Pos] = field(default_factory=dict)

    def pos(self, path: Path_, key: bool = False) -> Pos:
        """Position of the value at ``path`` (or of its key), falling back to
        the nearest enclosing value that has a position."""
        p = tuple(path)
        if key and p in self.keys:
            return self.keys[p]
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (self.file, 1, 1))

    def error(self, path: Path_, message: str, hint: str = "", key: bool = False) -> Diagnostic:
        file, line, col = self.pos(path, key)
        return Diagnostic(file, line, col, message, hint)


def _offset_pos(text: bytes, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


_NOT_A_FILE = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(mode: int) -> str:
    """What a file system entry is, when it is not a regular file ('' when it is)."""
    if stat.S_ISREG(mode):
        return ""
    return next((what for test, what in _NOT_A_FILE if test(mode)), "not a regular file")


def os_problem(exc: OSError) -> tuple[str, str]:
    """An operating-system error on a scenario path, in words, with a hint."""
    if exc.errno == errno.ELOOP:
        return "the path goes round in a loop of symbolic links", "point the link at a real file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long for the file system", "use a shorter name"
    if exc.errno == errno.ENOENT:
        return "no such file", ""
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: cannot read the file", "check the file's permissions"
    return f"cannot read the file: {exc.strerror or exc}", ""


class FileTooBig(ScenarioError):
    """A file over the size limit (refused before it was read in full)."""


def _too_big(file: str, size: int, limit: int) -> ScenarioError:
    what = f"{size:,} bytes" if size > limit else f"more than {limit:,} bytes"
    return FileTooBig([Diagnostic(file, 1, 1, f"file is {what}; the limit is {limit:,}", "split it with 'include:'")])


def read_file(path: str | os.PathLike[str], file: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a scenario file, read safely: anything but a regular file
    (a folder, a pipe, a device such as /dev/zero) is refused before it is
    opened, a file over ``limit`` bytes before it is read, and never more
    than ``limit`` bytes are read (a file that grows while it is read, or
    that lies about its size, is cut off and refused)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        message, hint = os_problem(exc)
        raise ScenarioError([Diagnostic(file, 1, 1, message, hint)]) from None
    except ValueError:  # a NUL byte in the name
        raise ScenarioError(
            [Diagnostic(file, 1, 1, "the file name contains a NUL byte", "use a plain file name")]
        ) from None
    kind = not_a_file(info.st_mode)
    if kind:
        hint = "name a .yaml file in it" if kind == "a folder" else "give the path of a scenario file (.yaml)"
        raise ScenarioError([Diagnostic(file, 1, 1, f"this is {kind}, not a scenario file", hint)])
    if info.st_size > limit:
        raise _too_big(file, info.st_size, limit)
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        message, hint = os_problem(exc)
        raise ScenarioError([Diagnostic(file, 1, 1, message, hint)]) from None
    try:
        kind = not_a_file(os.fstat(fd).st_mode)  # the path may have changed since it was checked
        if kind:
            raise ScenarioError(
                [
                    Diagnostic(
                        file, 1, 1, f"this is {kind}, not a scenario file", "give the path of a scenario file (.yaml)"
                    )
                ]
            )
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        message, hint = os_problem(exc)
        raise ScenarioError([Diagnostic(file, 1, 1, message, hint)]) from None
    finally:
        os.close(fd)
    if total > limit:
        raise _too_big(file, 0, limit)
    return b"".join(chunks)


def read_text(raw: bytes, file: str) -> str:
    """Decode a file's bytes, refusing oversize files and bad UTF-8 with a position."""
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            [
                Diagnostic(
                    file, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}", "split it with 'include:'"
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _offset_pos(raw, exc.start)
        raise ScenarioError(
            [
                Diagnostic(
                    file, line, col, f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8"
                )
            ]
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.out = Located(file, None)
        self.count = 0
        self.errors: list[Diagnostic] = []
        self._scalar = yaml.constructor.SafeConstructor()

    def _pos(self, node: yaml.Node) -> Pos:
        return self.file, node.start_mark.line + 1, node.start_mark.column + 1

    def _fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        _, line, col = self._pos(node)
        self.errors.append(Diagnostic(self.file, line, col, message, hint))

    def build(self, node: yaml.Node, path: Path_, stack: tuple[int, ...]) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(node, path)
        if id(node) in stack:
            self._fail(node, "recursive alias: a value contains itself", "remove the alias")
            return None
        if len(stack) > MAX_DEPTH:
            self._fail(node, f"nesting deeper than {MAX_DEPTH} levels")
            return None
        if node.tag not in _STANDARD_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._fail(node, f"tag '{tag}' is not allowed in scenario files", "only plain YAML values are accepted")
            return None
        self.out.values.setdefault(path, self._pos(node))
        stack = stack + (id(node),)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _STR:  # most values: no need for the constructor
                return node.value
            try:
                value = self._scalar.construct_object(node, deep=True)
            except yaml.YAMLError as exc:
                self._fail(node, f"bad value: {getattr(exc, 'problem', exc)}")
                return None
            except (ValueError, OverflowError) as exc:  # e.g. a date with month 13
                if node.tag == "tag:yaml.org,2002:int" and "digits" in str(exc):
                    self._fail(
                        node,
                        f"a number of {len(node.value):,} digits is too long for any key",
                        "no number in a scenario needs more than a few digits",
                    )
                    return None
                what = "date" if node.tag == "tag:yaml.org,2002:timestamp" else "value"
                self._fail(
                    node,
                    f"bad {what} '{_short(node.value)}': {exc}",
                    "write dates as YYYY-MM-DD" if what == "date" else "",
                )
                return None
            except Exception:  # noqa: BLE001 - PyYAML's constructors fail in odd ways on explicit tags (!!bool maybe)
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                self._fail(
                    node,
                    f"'{_short(str(node.value))}' is not {_TAG_WORDS.get(tag, 'a value for ' + tag)}",
                    _TAG_HINTS.get(tag, "leave out the '!!' tag"),
                )
                return None
            if isinstance(value, dt.datetime):
                return value.date()
            if isinstance(value, float) and not math.isfinite(value):
                self._fail(node, f"'{node.value}' is not a number a scenario can use", "use a finite number")
                return None
            return value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), stack) for i, item in enumerate(node.value)]
        return self._mapping(node, path, stack)

    def _mapping(self, node: yaml.MappingNode, path: Path_, stack: tuple[int, ...]) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        merged: dict[Any, Any] = {}
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for src in sources:
                    if not isinstance(src, yaml.MappingNode):
                        self._fail(src, "'<<' must merge a mapping")
                        continue
                    if id(src) in stack or src is node:
                        self._fail(
                            key_node,
                            "recursive merge: '<<' would merge a mapping into itself",
                            "merge another mapping, not the one that contains the '<<'",
                        )
                        continue
                    if len(stack) > MAX_DEPTH:
                        self._fail(src, f"nesting deeper than {MAX_DEPTH} levels")
                        continue
                    for k, v in self._mapping(src, path, stack + (id(src),)).items():
                        merged.setdefault(k, v)
                continue
            if key_node.tag not in _STANDARD_TAGS:
                self.build(key_node, path + ("<key>",), stack)  # reports the tag
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be a plain value, not a list or mapping")
                continue
            key = self.build(key_node, path + ("<key>",), stack)
            if isinstance(key, (list, dict)) or key is None and key_node.value not in ("null", "~", ""):
                self._fail(key_node, "a key must be a plain value")
                continue
            if isinstance(key, bool) and not key_node.style:
                # YAML 1.1 reads on, off, yes, no, true and false as true or false, keys too: no key of the
                # game's files is one, so the author meant the word.
                self._fail(
                    key_node,
                    f"the key '{key_node.value}' is read as {'true' if key else 'false'} (YAML 1.1 reads on, off, "
                    "yes, no, true and false as true or false)",
                    "sanctions in force name their target with 'against', e.g. {by: usa, against: iraq}"
                    if path[:1] == ("sanctions",) and key_node.value.lower() == "on"
                    else f"put it in quotes: '{key_node.value}':",
                )
                continue
            if key in seen:
                first = seen[key]
                self._fail(
                    key_node,
                    f"duplicate key '{key}' (first at line {first.start_mark.line + 1})",
                    "each key may appear once in a mapping",
                )
                continue
            seen[key] = key_node
            self.out.keys[path + (key,)] = self._pos(key_node)
            result[key] = self.build(value_node, path + (key,), stack)
        for k, v in merged.items():
            result.setdefault(k, v)
        return result


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str, str]:
    """Where a YAML syntax error really is, and what to say about it.

    PyYAML reports where it gave up, which is often not where the mistake
    is (an unclosed quote is reported at the end of the file); this picks
    the better of its two positions and words the common mistakes plainly."""
    problem, context = exc.problem or "invalid YAML", exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    at = pm or cm
    line, col = (at.line + 1, at.column + 1) if at else (1, 1)
    lines = text.split("\n")
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    char = here[col - 1] if 0 < col <= len(here) else ""
    if "quoted scalar" in context and cm is not None:
        quote = text_at(lines, cm.line, cm.column)
        return (
            cm.line + 1,
            cm.column + 1,
            "this quoted text is never closed",
            f"add the closing {quote} (or quote the text on one line)",
        )
    if "flow mapping" in context or "flow sequence" in context:
        opener, closer = ("{", "}") if "mapping" in context else ("[", "]")
        where = f" at line {cm.line + 1}, column {cm.column + 1}" if cm is not None else ""
        return (
            line,
            col,
            f"expected ',' or '{closer}' here: is the '{opener}'{where} closed?",
            f"separate items with ',' and close with '{closer}'",
        )
    if "mapping values are not allowed" in problem:
        before = here[: col - 1]
        if before.strip() and " " not in before.strip() and before[: len(before) - len(before.lstrip())] != "":
            key_col = len(before) - len(before.lstrip()) + 1
            return (
                line,
                key_col,
                "this key is indented more than the key above it",
                "keys of one mapping start in the same column",
            )
        return line, col, "a ':' inside a value", "put the value in quotes"
    if "did not find expected key" in problem or "expected <block end>" in problem or "'-' indicator" in problem:
        return (
            line,
            col,
            "this line does not line up with the lines above it",
            "keys of one mapping start in the same column, and so do the '- ' of one list",
        )
    if "expected <document start>" in problem:
        return line, col, "this line does not line up with the lines above it", "top-level keys start in column 1"
    if "tab" in problem or char == "\t":
        return line, col, "a tab character in the indentation", "indent with spaces"
    if "cannot start any token" in problem:
        return line, col, f"a value cannot start with '{char}'", "put the value in quotes"
    if "undefined alias" in problem:
        return line, col, "an alias (*name) with no anchor (&name) before it", "put text that starts with '*' in quotes"
    if "scanning an alias" in context:
        spot = (cm.line + 1, cm.column + 1) if cm is not None else (line, col)
        return spot[0], spot[1], "text that starts with '*' reads as an alias", "put it in quotes"
    if "simple key" in context and cm is not None:
        return cm.line + 1, cm.column + 1, "this line has no ':' after its key", "write 'key: value'"
    if "another document" in problem:
        return line, col, "a second document ('---') in the file", "a scenario is one document: remove the '---'"
    return line, col, problem + (f" ({context})" if context else ""), "check the indentation and the quotes"


def text_at(lines: list[str], line: int, col: int) -> str:
    """The character at a 0-based position (for quoting it in a message)."""
    return lines[line][col] if 0 <= line < len(lines) and 0 <= col < len(lines[line]) else "quote"


class _TooBig(Exception):
    def __init__(self, node: yaml.Node, path: Path_) -> None:
        self.node = node
        self.path = path


def parse(text: str, file: str) -> Located:
    """Parse one YAML document into values with positions, or raise ScenarioError."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line, col, message, hint = _yaml_problem(exc, text)
        raise ScenarioError([Diagnostic(file, line, col, f"YAML syntax: {message}", hint)]) from None
    except yaml.reader.ReaderError as exc:
        # The reader stops at the first character YAML does not allow (the C
        # reader counts its position in bytes, the Python one in characters).
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        before = text[: text.find(chr(code))] if chr(code) in text else ""
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise ScenarioError(
            [Diagnostic(file, line, col, f"the file contains a control character (#x{code:04x})", "remove it")]
        ) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Diagnostic(file, 1, 1, f"YAML: {exc}")]) from None
    except ValueError as exc:  # e.g. NUL bytes rejected by the reader
        raise ScenarioError([Diagnostic(file, 1, 1, f"YAML: {exc}")]) from None
    if node is None:
        raise ScenarioError(
            [Diagnostic(file, 1, 1, "the file is empty", "run 'brinkmanship new FILE' for a starter scenario")]
        )
    b = _Builder(file)
    try:
        b.out.data = b.build(node, (), ())
    except _TooBig as big:
        top = big.path[:1]
        _, line, col = b.out.keys.get(top) or (file, big.node.start_mark.line + 1, big.node.start_mark.column + 1)
        what = f"'{top[0]}'" if top else "the document"
        raise ScenarioError(
            [
                Diagnostic(
                    file,
                    line,
                    col,
                    f"{what} holds more than {MAX_NODES:,} values (counting what aliases repeat)",
                    "a scenario needs far fewer: look for aliases of aliases, or a list that went wrong",
                )
            ]
        ) from None
    if b.errors:
        raise ScenarioError(b.errors)
    return b.out


def parse_bytes(raw: bytes, file: str) -> Located:
    return parse(read_text(raw, file), file)
