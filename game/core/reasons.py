"""Why an option is not available: the reason codes of legality, in words.

Codes are checked in a fixed order; the first that applies is reported (0:
legal). They are stored as bytes (``CODE`` in the action helpers).
"""

from __future__ import annotations

from enum import IntEnum


class Reason(IntEnum):
    OK = 0
    GAME_OVER = 1
    BUDGET = 2
    NOT_YOURS = 3
    DUPLICATE = 4
    TOO_MANY = 5
    SELF_TARGET = 6
    NO_FORCES_AVAILABLE = 7
    PRESENCE_LIMIT = 8
    ALLY_TARGET = 9
    OWN_REGION = 10
    NO_REACH = 11
    ALREADY_PEACEKEEPING = 12
    NO_MANDATE_OR_CONSENT = 13
    NO_CRISIS = 14
    NO_NEED = 15
    NOT_POST_CONFLICT = 16
    INTEL_ACTIVE = 17
    NO_FORCES_THERE = 18
    NOT_A_PARTY = 19
    TALKS_ALREADY_OPEN = 20
    TALKS_NOT_OPEN = 21
    SETBACK = 22
    IS_A_PARTY = 23
    NOT_NEUTRAL = 24
    OTHER_MEDIATOR = 25
    TOO_EARLY = 26
    RELATIONS_TOO_LOW = 27
    ALREADY_ALLIED = 28
    NO_ALLIANCE = 29
    ALREADY_SANCTIONING = 30
    NOT_SANCTIONING = 31
    ALREADY_IN_FORCE = 32
    TENSION_TOO_LOW = 33
    TENSION_TOO_HIGH = 34
    NO_OCCUPATION = 35
    ULTIMATUM_PENDING = 36
    REQUIREMENT = 37
    ALLIANCE_FULL = 38
    NO_COUNCIL = 39
    TALKS_CONCLUDED = 40
    STABLE_ENOUGH = 41
    HOSTILE_HOST = 42
    PARTY_TO_CRISIS = 43
    NOT_ON_COUNCIL = 44
    ALREADY_RESPONDED = 45
    NO_ACCESS = 46
    OCCUPIED = 47
    NO_SHARED_THREAT = 48
    NO_OFFER = 49
    OWN_OFFER = 50
    NOBODY_HOLDS = 51


REASON_TEXT: dict[Reason, str] = {
    Reason.OK: "",
    Reason.GAME_OVER: "the game is over",
    Reason.BUDGET: "not enough budget left this turn",
    Reason.NOT_YOURS: "not an action of this actor",
    Reason.DUPLICATE: "already ordered this turn",
    Reason.TOO_MANY: "no order slots left this turn",
    Reason.SELF_TARGET: "cannot target yourself",
    Reason.NO_FORCES_AVAILABLE: "not enough forces available (all deployed)",
    Reason.PRESENCE_LIMIT: "your forces there are at their limit",
    Reason.ALLY_TARGET: "the region is held by you or an ally",
    Reason.OWN_REGION: "peacekeepers serve in other actors' regions, not your own",
    Reason.NO_REACH: "no forces able to reach the region",
    Reason.ALREADY_PEACEKEEPING: "your peacekeepers are already there",
    Reason.NO_MANDATE_OR_CONSENT: "needs a Security Council peacekeeping mandate or the host's consent",
    Reason.NO_CRISIS: "the region is not in crisis",
    Reason.NO_NEED: "humanitarian need there is too low",
    Reason.NOT_POST_CONFLICT: "needs a post-conflict region (after a ceasefire, accord or liberation)",
    Reason.INTEL_ACTIVE: "your intelligence on them is still current",
    Reason.NO_FORCES_THERE: "you have no forces there",
    Reason.NOT_A_PARTY: "you are not a party to these talks",
    Reason.TALKS_ALREADY_OPEN: "these talks are already open",
    Reason.TALKS_NOT_OPEN: "these talks are not open",
    Reason.SETBACK: "a failed operation has narrowed your diplomatic options for now",
    Reason.IS_A_PARTY: "a party to the talks cannot mediate them",
    Reason.NOT_NEUTRAL: "not seen as neutral by both parties",
    Reason.OTHER_MEDIATOR: "another actor already mediates these talks",
    Reason.TOO_EARLY: "the talks have not progressed far enough",
    Reason.RELATIONS_TOO_LOW: "relations are too poor",
    Reason.ALREADY_ALLIED: "already allied",
    Reason.NO_ALLIANCE: "not a member of any alliance",
    Reason.ALREADY_SANCTIONING: "already sanctioning them",
    Reason.NOT_SANCTIONING: "you are not sanctioning them",
    Reason.ALREADY_IN_FORCE: "such a resolution is already in force",
    Reason.TENSION_TOO_LOW: "world tension is too low for this",
    Reason.TENSION_TOO_HIGH: "world tension is too high for this",
    Reason.NO_OCCUPATION: "they occupy no one's territory: nothing to demand",
    Reason.ULTIMATUM_PENDING: "your ultimatum to them is still running",
    Reason.REQUIREMENT: "the scenario's requirement for this action is not met",
    Reason.ALLIANCE_FULL: "no room for another alliance",
    Reason.NO_COUNCIL: "this scenario has no Security Council",
    Reason.TALKS_CONCLUDED: "these talks have already ended in an agreement",
    Reason.STABLE_ENOUGH: "the region is stable: nothing to respond to",
    Reason.HOSTILE_HOST: "the region is held by a force hostile to you: you have no access",
    Reason.PARTY_TO_CRISIS: "your own uninvited forces are there: you are a party to this crisis",
    Reason.NOT_ON_COUNCIL: "only members of the Security Council table drafts",
    Reason.ALREADY_RESPONDED: "you have already responded to this crisis",
    Reason.NO_ACCESS: (
        "no access: needs the consent of a lawful holder, a Council mandate or your own forces there"
        " (an impartial organisation: a holder not unfriendly to it)"
    ),
    Reason.OCCUPIED: (
        "the region is held by an occupying force: peacekeepers need a ceasefire or a withdrawal agreement first"
    ),
    Reason.NO_SHARED_THREAT: "no threat you share, and relations short of close friendship (60 both ways)",
    Reason.NO_OFFER: "there is no proposal on the table from the other side",
    Reason.OWN_OFFER: "your own proposal is already on the table",
    Reason.NOBODY_HOLDS: "nobody holds the region (international waters): no holder to strike or to host a mission",
}


def reason_text(code: int) -> str:
    return REASON_TEXT[Reason(int(code))]
