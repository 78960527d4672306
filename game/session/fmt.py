"""How every front end writes a number's change: one rule, so that the top
bar, the map, the reports and the terminal never disagree on a change."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.core.spec import Rules

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


SHOWN = 0.05
"""Changes smaller than this are too small to show beside a value (no arrow)."""


def magnitude(v: float) -> str:
    """The size of a change, never written as 0 when it is not 0: '3', '12',
    '0.5', '0.04', '<0.01'. Whole numbers from about one point, tenths below,
    hundredths below a twentieth."""
    a = abs(v)
    if a >= 0.95 or a == 0:
        return f"{a:.0f}"
    if a >= SHOWN:
        return f"{a:.1f}"
    return f"{a:.2f}" if a >= 0.005 else "<0.01"


def signed(v: float) -> str:
    """'+3', '-12', '+0.5', '-0.04', '+0' (none): a change with its sign (see :func:`magnitude`)."""
    if v == 0:
        return "+0"
    return ("+" if v > 0 else "-") + magnitude(v)


def arrow(d: float) -> str:
    """'▲3', '▼0.5', or '' for no change worth showing (under 0.05)."""
    if abs(d) < SHOWN:
        return ""
    return (ARROW_UP if d > 0 else ARROW_DOWN) + magnitude(d)


def change(d: float) -> str:
    """A change with both its arrow and its sign, for lists of changes: '▲ +3', '▼ -0.04' ('' for none)."""
    if d == 0:
        return ""
    return f"{ARROW_UP if d > 0 else ARROW_DOWN} {signed(d)}"


def holding(rules: "Rules", region: int, ctrl: int) -> tuple[str, str]:
    """Who holds a region and whose it is, in words, for every front end: ``(holder, claim)``, the holder's name
    (``"no one"`` for international waters nobody holds) and ``""`` when the holder owns it, else
    ``"belongs to NAME"`` or, for a region nobody owns, ``"international waters"``."""
    owner = rules.regions[region].owner
    holder = rules.actors[ctrl].name if 0 <= ctrl < rules.n_actors else "no one"
    if owner < 0:
        return holder, "international waters"
    return holder, "" if ctrl == owner else f"belongs to {rules.actors[owner].name}"


def days(n: int) -> str:
    """A number of days: '1 day', '7 days'."""
    return f"{n} day" if n == 1 else f"{n} days"


STATUS_WORDS = {0: "inactive", 1: "open", 2: "agreed", 3: "broken"}

NAMED_VALUES = frozenset({"control", "mediator", "offer", "status"})
"""Values that name something (an actor, a status): shown in words, never as a number or a difference."""


def value_words(rules: "Rules", quantity: str, v: float) -> str:
    """A value in words for every front end: an actor's name for a holder, a mediator or an offer ('no one' for
    none), a track's status in words, else the number."""
    if quantity in NAMED_VALUES - {"status"}:
        k = int(round(v))
        return rules.actors[k].name if 0 <= k < rules.n_actors else "no one"
    if quantity == "status":
        return STATUS_WORDS.get(int(round(v)), f"{v:.0f}")
    return f"{v:.0f}"
