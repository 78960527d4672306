"""Located errors for scenario files: ``FILE:LINE:COL: error: message``."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_ERRORS = 100
"""Errors reported for one scenario; a file with more gets one more line saying how many."""


def _one_line(text: str) -> str:
    """Control characters (e.g. a newline inside a quoted key) shown escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in a scenario file, at a line and column counted from 1."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "error"
    """``error`` (the file cannot be used) or ``warning`` (it loads, but something in it can never happen)."""

    def format(self) -> str:
        """``FILE:LINE:COL: error: message (hint: ...)``, always on one line (``warning:`` for a warning)."""
        text = f"{self.file}:{self.line}:{self.col}: {self.severity}: {_one_line(self.message)}"
        if self.hint:
            text += f" (hint: {_one_line(self.hint)})"
        return text

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "hint": self.hint,
        }
        if self.severity != "error":
            out["severity"] = self.severity
        return out


@dataclass
class ScenarioError(Exception):
    """One or more problems in scenario files; nothing was loaded."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.sorted())

    def sorted(self) -> list[Diagnostic]:
        """The problems in file order; past :data:`MAX_ERRORS`, one line says how many more there are."""
        ordered = sorted(set(self.diagnostics), key=lambda d: (d.file, d.line, d.col, d.message))
        if len(ordered) <= MAX_ERRORS:
            return ordered
        first = ordered[MAX_ERRORS]
        more = Diagnostic(
            first.file,
            first.line,
            first.col,
            f"{len(ordered) - MAX_ERRORS:,} more error(s) from here on, not shown",
            "fix the errors shown and check again",
        )
        return ordered[:MAX_ERRORS] + [more]


def suggest(word: str, choices: Iterable[str]) -> str:
    """'did you mean ...?' for a near miss, or an empty string."""
    choices = [c for c in choices if isinstance(c, str)]
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return ""


def one_of(choices: Iterable[str], limit: int = 12) -> str:
    items = sorted({str(c) for c in choices})
    if not items:
        return ""
    shown = ", ".join(items[:limit])
    return f"expected one of: {shown}" + (", ..." if len(items) > limit else "")
