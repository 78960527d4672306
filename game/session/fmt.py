"""How every front end writes a number's change: one rule, so that the top
bar, the map, the reports and the terminal never disagree on a change."""

from __future__ import annotations

ARROW_UP, ARROW_DOWN = "▲", "▼"

SWITCHES = frozenset(
    {
        "escalation",
        "status",
        "control",
        "mediator",
        "consent",
        "mandate_force",
        "mandate_pk",
        "condemned",
        "un_sanctions",
        "sanctions",
        "post_conflict",
    }
)
"""Values that are switches or indices: an order's description says what it
does to them; a predicted number would not (neither front end lists them)."""


def signed(v: float) -> str:
    """'+3', '-12', '+0.5': whole numbers from about one point, tenths below."""
    return f"{v:+.0f}" if abs(v) >= 0.95 or v == 0 else f"{v:+.1f}"


def arrow(d: float) -> str:
    """'▲3', '▼0.5', or '' for no change worth showing (under 0.05)."""
    if abs(d) < 0.05:
        return ""
    return (ARROW_UP if d > 0 else ARROW_DOWN) + signed(d)[1:]
