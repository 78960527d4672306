"""docs/security.md names rule numbers that cannot be 0 (divisors); each must exist and have a range above 0."""

from __future__ import annotations

import re
from pathlib import Path

from game.scenario.limits import action_range, rule_range
from game.scenario.params import ACTION_NAMES, RULES

SECURITY = Path(__file__).parents[2] / "docs" / "security.md"


def test_the_divisors_security_md_names_exist_and_cannot_be_zero():
    text = " ".join(SECURITY.read_text().split())
    m = re.search(r"divisors such as (.*?) cannot be 0", text)
    assert m, "docs/security.md no longer lists the divisors"
    names = re.findall(r"`([a-z_]+)`", m.group(1))
    assert len(names) >= 3
    for name in names:
        assert name in RULES or name in ACTION_NAMES, f"docs/security.md names '{name}', which is no rule number"
        rng = rule_range(name) if name in RULES else action_range(name)
        assert rng.lo > 0, f"'{name}' can be {rng.lo:g}: it is no divisor that cannot be 0"
