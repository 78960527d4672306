"""The action registry: for every kind of action, its legality grid and its resolver.

Each family of actions lives in one module that owns, for each of its
kinds, the legality grid (``grid_<kind>``: reason codes for every actor and
target at once, see :mod:`game.core.legal`), the resolver
(``resolve_<kind>(ctx, action, entries)``: applies a set of orders through
the context, which makes it a prediction too in the context's predict
modes), and a docstring saying what the rule numbers it reads from
``game/data/rules.yaml`` mean:

* :mod:`~game.core.actions.military`: deploy, show of force, strike, withdraw;
* :mod:`~game.core.actions.peace`: peacekeeping, crisis response, humanitarian, reconstruction;
* :mod:`~game.core.actions.intel`: intelligence, cyber;
* :mod:`~game.core.actions.talks`: open talks, negotiate, mediate, propose, accept (and agreements, lapsed offers);
* :mod:`~game.core.actions.alliances`: alliance, leave alliance;
* :mod:`~game.core.actions.sanctions`: sanctions, lift sanctions;
* :mod:`~game.core.actions.council`: Security Council resolutions and votes;
* :mod:`~game.core.actions.summit`: summit, ultimatum;
* :mod:`~game.core.actions.custom`: a scenario's own actions (legality by their own conditions).

Shared helpers are in :mod:`~game.core.actions.common`; quantities that
legality and resolution both read (forces available, invitation,
occupation, striking power, ...) in :mod:`game.core.derived`.
"""

from __future__ import annotations

from typing import NamedTuple

from game.core.actions.alliances import grid_alliance, grid_leave_alliance, resolve_alliance, resolve_leave_alliance
from game.core.actions.common import Grid, Resolver
from game.core.actions.council import grid_resolution, resolve_resolution
from game.core.actions.custom import resolve_custom
from game.core.actions.intel import grid_cyber, grid_intelligence, resolve_cyber, resolve_intelligence
from game.core.actions.military import (
    grid_deploy,
    grid_show_of_force,
    grid_strike,
    grid_withdraw,
    resolve_deploy,
    resolve_show_of_force,
    resolve_strike,
    resolve_withdraw,
)
from game.core.actions.peace import (
    grid_crisis_response,
    grid_humanitarian,
    grid_peacekeeping,
    grid_reconstruction,
    resolve_crisis_response,
    resolve_humanitarian,
    resolve_peacekeeping,
    resolve_reconstruction,
)
from game.core.actions.sanctions import grid_lift_sanctions, grid_sanctions, resolve_lift_sanctions, resolve_sanctions
from game.core.actions.summit import grid_summit, grid_ultimatum, resolve_summit, resolve_ultimatum
from game.core.actions.talks import (
    grid_accept,
    grid_mediate,
    grid_negotiate,
    grid_open_talks,
    grid_propose,
    resolve_accept,
    resolve_mediate,
    resolve_negotiate,
    resolve_open_talks,
    resolve_propose,
)
from game.core.spec import Kind


class ActionRule(NamedTuple):
    grid: Grid | None  # None: a scenario's custom action, checked by its own conditions
    resolve: Resolver


REGISTRY: dict[Kind, ActionRule] = {
    Kind.DEPLOY: ActionRule(grid_deploy, resolve_deploy),
    Kind.SHOW_OF_FORCE: ActionRule(grid_show_of_force, resolve_show_of_force),
    Kind.STRIKE: ActionRule(grid_strike, resolve_strike),
    Kind.WITHDRAW: ActionRule(grid_withdraw, resolve_withdraw),
    Kind.PEACEKEEPING: ActionRule(grid_peacekeeping, resolve_peacekeeping),
    Kind.CRISIS_RESPONSE: ActionRule(grid_crisis_response, resolve_crisis_response),
    Kind.HUMANITARIAN: ActionRule(grid_humanitarian, resolve_humanitarian),
    Kind.RECONSTRUCTION: ActionRule(grid_reconstruction, resolve_reconstruction),
    Kind.INTELLIGENCE: ActionRule(grid_intelligence, resolve_intelligence),
    Kind.CYBER: ActionRule(grid_cyber, resolve_cyber),
    Kind.OPEN_TALKS: ActionRule(grid_open_talks, resolve_open_talks),
    Kind.NEGOTIATE: ActionRule(grid_negotiate, resolve_negotiate),
    Kind.MEDIATE: ActionRule(grid_mediate, resolve_mediate),
    Kind.PROPOSE: ActionRule(grid_propose, resolve_propose),
    Kind.ACCEPT: ActionRule(grid_accept, resolve_accept),
    Kind.ALLIANCE: ActionRule(grid_alliance, resolve_alliance),
    Kind.LEAVE_ALLIANCE: ActionRule(grid_leave_alliance, resolve_leave_alliance),
    Kind.SANCTIONS: ActionRule(grid_sanctions, resolve_sanctions),
    Kind.LIFT_SANCTIONS: ActionRule(grid_lift_sanctions, resolve_lift_sanctions),
    Kind.RESOLUTION: ActionRule(grid_resolution, resolve_resolution),
    Kind.SUMMIT: ActionRule(grid_summit, resolve_summit),
    Kind.ULTIMATUM: ActionRule(grid_ultimatum, resolve_ultimatum),
    Kind.CUSTOM: ActionRule(None, resolve_custom),
}
"""Every kind of action, in one explicit table (a test checks each kind is here)."""

NONSTATE_FORBIDDEN = frozenset({Kind.RESOLUTION, Kind.PEACEKEEPING, Kind.ALLIANCE})
"""Kinds a non-state group can never order (a scenario may restrict more)."""
