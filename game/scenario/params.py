"""What every number of the rules means: its meaning, unit, range and effect.

One source for the reference tables of ``docs/scenario-format.md`` (rule
numbers under ``rules: params:`` and each default action's numbers under
``rules: actions: ID: params:``); the ranges come from
:mod:`game.scenario.limits`, the same ones the checker applies. A test fails
when a number of ``game/data/rules.yaml`` has no entry here.

An entry is ``(unit, meaning)``; the effect of raising the number follows
from the unit's kind (see :func:`effect`) unless the entry gives its own as a
third item.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.scenario.limits import action_range, rule_range


@dataclass(frozen=True)
class ParamDoc:
    name: str
    unit: str
    range: str
    meaning: str
    effect: str


UNITS = {
    "pts": "points (values run 0–100)",
    "rel": "relations points (−100 to 100)",
    "share": "share (0–1)",
    "chance": "chance (0–1)",
    "turns": "turns",
    "orders": "orders",
    "forces": "forces (as strength, 0–100)",
    "steps": "steps of the escalation ladder (0–5)",
    "rate": "share of a gap closed per turn (0–1)",
    "per": "points per point",
    "weight": "weight",
    "flag": "0 or 1",
}

EFFECTS = {
    "pts": "A change applied when it happens: a larger number, a larger change (negative reverses it; 0: none).",
    "rel": "A change of regard when it happens: a larger number, a larger change (negative lowers relations).",
    "share": "0 counts none of it, 1 all of it; raise it and the rule weighs more.",
    "chance": "Raise it and it happens more often (0: never, 1: always).",
    "turns": "More turns: the effect lasts, or waits, longer.",
    "orders": "More orders per turn: more can happen in one turn.",
    "forces": "More forces: a larger move or a higher bar, as the meaning says.",
    "steps": "Steps climbed (negative: descended) each time; more steps bring the top of the ladder closer.",
    "rate": "Raise it and the value returns to its anchor faster.",
    "per": "Raise it and each point of the cause weighs more.",
    "weight": "Raise it and this part of the sum weighs more.",
    "flag": "1: it happens; 0: it does not.",
}

# A threshold is a bar, not a change: its effect says which way it moves.
_MIN = "Raise it and the bar is harder to clear (the rule applies less often); lower it and it applies more often."
_MAX = "Raise it and more is allowed (the rule applies more often); lower it and it applies less often."

RULES: dict[str, tuple[str, ...]] = {
    "max_orders": ("orders", "Orders an actor may give per turn (within its action points)."),
    "crisis_start": (
        "pts",
        "A region is in crisis when its stability falls below this.",
        "Raise it and crises begin sooner.",
    ),
    "crisis_end": ("pts", "A crisis ends only when the region's stability rises above this.", _MIN),
    "crisis_window": ("turns", "Turns after a crisis begins in which a crisis response is 'in time'."),
    "talks_min_stability": ("pts", "Talks about fighting in a region make no progress below this stability.", _MIN),
    "talks_full_stability": (
        "pts",
        "Talks about fighting make full progress only from this stability (a share in between).",
        _MIN,
    ),
    "peacekeeping_stability": ("pts", "Stability a region gains per turn with a full peacekeeping presence."),
    "peacekeeping_reference": ("forces", "Peacekeepers needed in a region for the full gain of stability.", _MIN),
    "peacekeeping_need": ("pts", "Humanitarian need relieved per turn by peacekeepers."),
    "occupation_stability": ("pts", "Stability a region loses per turn under uninvited forces."),
    "occupation_need": ("pts", "Humanitarian need added per turn under uninvited forces."),
    "occupation_min_forces": ("forces", "Forces needed to take control of an emptied region.", _MIN),
    "reconstruction_stability": ("pts", "Stability gained per turn at full reconstruction progress."),
    "need_pressure_from": ("pts", "Humanitarian need above this drags the region's stability down.", _MIN),
    "need_pressure": ("per", "Stability lost per turn per point of need above 'need_pressure_from'."),
    "need_growth_below": ("pts", "Stability below this makes humanitarian need grow.", _MAX),
    "need_growth": ("per", "Need added per turn per point of stability below 'need_growth_below'."),
    "flare_below": ("pts", "Post-conflict regions below this stability may flare up.", _MAX),
    "flare_chance": ("chance", "Chance per turn of a flare-up, times (1 − reconstruction/100)."),
    "flare_stability": ("pts", "Stability a region loses when it flares up."),
    "flare_need": ("pts", "Humanitarian need added when a region flares up."),
    "liberation_leverage": ("pts", "Leverage that passes from the occupier to the owner when a region is freed."),
    "liberation_stability": ("pts", "Stability a region gains when it is freed of an occupier."),
    "hostile_relations": ("rel", "Relations below this are hostile (access to a region, votes, shared threats).", _MAX),
    "access_relations": ("rel", "A lawful holder regarding an actor this well lets it operate in its region.", _MIN),
    "relief_relations": (
        "rel",
        "An organisation's relief and crisis response go wherever the holder regards it this well.",
        _MIN,
    ),
    "intel_strike_bonus": (
        "chance",
        "Added to the odds of strikes and cyber operations against a target under current intelligence.",
    ),
    "fog_error": (
        "pts",
        "Others' hidden values are seen up to this far off.",
        "Raise it and players see others less exactly.",
    ),
    "self_defence_window": ("turns", "Turns during which answering an attack counts as self-defence."),
    "bad_faith_talking": (
        "share",
        "A side that took part in talks this much lately is 'still talking' (one order: 1, fading).",
        _MIN,
    ),
    "penalty_fading_share": ("share", "Share of a reputation penalty that fades over later turns."),
    "penalty_fade": ("rate", "Share of the outstanding penalty that fades each turn."),
    "alliance_leverage_share": ("share", "Share of allies' leverage that counts in talks."),
    "readiness_recovery": ("pts", "Readiness an actor's forces regain per turn (up to 100)."),
    "support_floor": (
        "pts",
        "Below this domestic support the leadership falls: a defeat.",
        "Raise it and leaderships fall sooner.",
    ),
    "leverage_drift": ("rate", "Share of the gap to its baseline that leverage closes each turn."),
    "leverage_forces": (
        "per",
        "Leverage baseline per point of forces deployed in regions (beyond those at the start).",
    ),
    "leverage_strength": ("per", "Leverage baseline per point of strength gained or lost since the start."),
    "leverage_reputation": ("per", "Leverage baseline per point of reputation gained or lost."),
    "leverage_held": ("pts", "Leverage baseline per region held beyond one's own (beyond those at the start)."),
    "leverage_mandate": ("pts", "Leverage baseline lost while the Council authorises force against the actor."),
    "leverage_allies": ("per", "Leverage baseline per point of allies' strength gained or lost."),
    "reputation_drift": ("rate", "Share of the gap to its starting value that reputation closes each turn."),
    "support_drift": ("rate", "Share of the gap to its starting value that domestic support closes each turn."),
    "fatigue_decay": (
        "rate",
        "How much of an order's 'recently given' count is left a turn later.",
        "Raise it and repeated orders stay tired longer.",
    ),
    "fatigue_weight": (
        "weight",
        "The gains of an order are divided by 1 + this × its 'recently given' count.",
        "Raise it and repeating the same order gains less.",
    ),
    "fatigue_action_weight": (
        "weight",
        "... plus this × the count of the same action on other targets.",
        "Raise it and repeating one action on many targets gains less.",
    ),
    "stability_occupied_cap": ("pts", "Stability of a region held by an occupier is pulled down to this.", _MAX),
    "stability_need_cap": ("per", "The cap on stability falls by this per point of humanitarian need."),
    "stability_cap_pull": ("rate", "Share of the excess over the cap lost each turn."),
    "stability_headroom": (
        "pts",
        "Stability gains shrink linearly above 100 minus this.",
        "Raise it and high stability is harder to push higher.",
    ),
    "stability_drift": ("rate", "Share of the gap to its anchor that stability closes each turn."),
    "stability_anchor_reconstruction": (
        "per",
        "The stability anchor: its starting value plus this per point of reconstruction.",
    ),
    "tension_occupation": ("pts", "World tension does not fall below this while a region is occupied.", _MAX),
    "tension_uninvited": ("pts", "World tension does not fall below this while uninvited forces stand anywhere.", _MAX),
    "tension_fighting": ("pts", "The floor of world tension rises by this per region fought over this turn."),
    "obligation_window": ("turns", "Turns within which allies must answer an attack on a member."),
    "default_reputation": ("pts", "Reputation an ally loses when it does not answer in time."),
    "default_relations": ("rel", "Each ally's regard lost by an ally that does not answer in time."),
    "tension_decay": ("pts", "World tension eases by this per turn (down to its floor)."),
    "escalation_top": (
        "steps",
        "Top step of the escalation ladder between two actors.",
        "Raise it and the top of the ladder is further away.",
    ),
    "catastrophe_tension": (
        "pts",
        "The top of the ladder reached at this world tension is a catastrophe for all.",
        _MIN,
    ),
    "catastrophe_reputation": ("pts", "Reputation every actor loses in a catastrophe."),
    "catastrophe_stability": ("pts", "Stability every region loses in a catastrophe."),
    "escalation_decay": ("steps", "Steps the ladder between two actors falls back each turn."),
    "sanctions_leverage": (
        "pts",
        "The target's leverage baseline per unit of sanctions (one sanctioner 1, n of them √n).",
    ),
    "sanctions_support": ("pts", "The target's domestic support per unit of sanctions, each turn."),
    "sanctions_strength": ("pts", "The target's strength per unit of sanctions, each turn."),
    "sanctions_need": ("pts", "Humanitarian need in the target's own regions per unit of sanctions, each turn."),
    "sanctions_cost_support": ("pts", "Each sanctioning actor's domestic support, each turn its sanctions last."),
    "un_sanctions_weight": ("weight", "Security Council sanctions count as this many sanctioners."),
    "occupation_support": ("pts", "The occupier's domestic support, each turn it occupies."),
    "occupation_reputation": ("pts", "The occupier's reputation, each turn it occupies."),
    "occupation_relief": (
        "share",
        "How much better a strong occupier bears the cost: it shrinks by up to this share as the occupier's leverage"
        " rises from 40 to 100.",
    ),
    "ultimatum_deadline": ("turns", "Turns between an ultimatum and its deadline."),
    "ultimatum_complied_issuer": ("pts", "The issuer's leverage when the target complies before the deadline."),
    "ultimatum_complied_target": ("pts", "The target's leverage when it complies."),
    "ultimatum_complied_tension": ("pts", "World tension when the target complies."),
    "ultimatum_enforced": (
        "pts",
        "The issuer's leverage when it strikes the target after the deadline (the ultimatum enforced).",
    ),
    "ultimatum_bluff_leverage": (
        "pts",
        "The issuer's leverage when the deadline passes with neither compliance nor a strike.",
    ),
    "ultimatum_bluff_reputation": ("pts", "The issuer's reputation when its bluff is called."),
    "demand_leverage": (
        "weight",
        "A side's demanded share of the terms rises by this per point of leverage lead / 100.",
    ),
    "demand_ground": ("weight", "... by this times the situation on the ground (−1 to 1)."),
    "demand_pressure": ("weight", "... and by this times the pressure on the other side."),
    "ground_neighbours": ("share", "Forces next door count this much in the balance on the ground."),
    "ground_reach": ("share", "Undeployed strength counts this much in the balance on the ground."),
    "ground_scale": (
        "forces",
        "Forces that make the balance on the ground count in full.",
        "Raise it and the ground weighs less in talks.",
    ),
    "ground_holding": ("share", "Weight of holding the region itself in the balance on the ground."),
    "pressure_sanctions": ("share", "Share of the terms a side gives up per unit of sanctions on it."),
    "pressure_mandate": ("share", "Share a side gives up while force is authorised against it."),
    "pressure_condemned": ("share", "Share a side gives up while it stands condemned."),
    "concession_ground": ("share", "Share a side gives up times how badly it is losing on the ground (0 to 1)."),
    "concession_struck": ("share", "Share a side gives up per actor that has struck it lately (up to three)."),
    "concession_progress": ("share", "Share conceded per 100 points of progress in the talks."),
    "concession_trust": ("share", "Share conceded per 100 points of trust above 50."),
    "hold_premium": (
        "share",
        "An occupier holding the ground adds up to this to its reservation as its leverage rises above 40.",
    ),
    "offer_uncertainty": (
        "share",
        "How sure a proposer is of the answer (a margin of this is 73 %).",
        "Raise it and proposers guess the answer less well.",
    ),
    "relief_share": ("share", "A side with at least this share of the terms gets sanctions on it lifted.", _MIN),
    "terms_leverage": ("pts", "Leverage each side takes from an agreement, times (2 × its share − 1)."),
    "withdrawal_face_support": ("pts", "Support of a withdrawing side, times (its share − 0.3)."),
    "mediator_reputation": ("pts", "The mediator's reputation when the talks it mediates reach an agreement."),
    "mediator_leverage": ("pts", "The mediator's leverage when the talks it mediates reach an agreement."),
    "withdrawal_leverage_withdrawing": (
        "pts",
        "Leverage of the withdrawing side, times 2 × (1 − its share of the terms).",
    ),
    "deal_sanctions_relief": ("pts", "Leverage a side freed of sanctions by a deal gains."),
    **{
        f"{topic}_{what}": (
            "flag" if what == "post_conflict" else "rel" if what == "relations" else "pts",
            f"When a {topic.replace('_', ' ')} is agreed: "
            + {
                "stability": "stability of the region it concerns.",
                "tension": "world tension.",
                "reputation": "each party's reputation.",
                "relations": "the parties' relations, both ways.",
                "post_conflict": "whether the region becomes post-conflict (reconstruction possible).",
            }[what],
        )
        for topic in ("ceasefire", "withdrawal", "peace_accord", "deal")
        for what in ("stability", "tension", "reputation", "relations", "post_conflict")
    },
}
"""Rule numbers (``rules: params:``)."""

ACTION_NAMES: dict[str, tuple[str, ...]] = {
    "access_odds": ("chance", "Chance relief gets in without open access (no invitation, a hostile holder)."),
    "aggressor_relations": ("rel", "Regard of the aggressor's victims (and their allies) towards an actor meeting it."),
    "aggressor_reputation": ("pts", "Reputation lost by meeting an aggressor."),
    "attribution": ("chance", "Chance the operation is traced back to the actor."),
    "bad_faith_reputation": (
        "pts",
        "Reputation for striking a side still talking with the striker before an ultimatum's deadline.",
    ),
    "bad_faith_support": ("pts", "Domestic support for striking a side still talking with the striker."),
    "base": ("pts", "Progress of the talks per round before leverage, trust, mediation and violence."),
    "base_defence": (
        "forces",
        "Defence a region has before the defenders' forces.",
        "Raise it and strikes succeed less often.",
    ),
    "breach_relations": (
        "rel",
        "Relations of the other party when an actor goes back into a region it agreed to leave.",
    ),
    "breach_reputation": ("pts", "Reputation lost by going back into a region one agreed to leave."),
    "close_relations": ("rel", "Relations both ways that allow an alliance without a shared threat.", _MIN),
    "cooldown": ("turns", "Turns after a summit of the same two actors before a new one has its full effect."),
    "damage_min": ("forces", "Forces the defenders lose at least, on success."),
    "damage_share": ("share", "Share of the defenders' forces destroyed on success."),
    "damage_share_fail": ("share", "Share of the defenders' forces destroyed on failure."),
    "damage_strength": ("pts", "Strength the defender loses on success."),
    "deterrence_leverage": ("pts", "Leverage an attack on an alliance costs the attacker, per ally."),
    "escalation": ("steps", "Steps climbed on the escalation ladder between the two (negative: descended)."),
    "friend_relations": (
        "rel",
        "From the target's regard this high, the show of force gains nothing (a share in between).",
        _MAX,
    ),
    "leverage": ("pts", "The acting actor's leverage, at once."),
    "leverage_backdown": ("pts", "Leverage when withdrawing while occupying or under an ultimatum (backing down)."),
    "leverage_failure": ("pts", "The actor's leverage when it fails."),
    "leverage_gap": ("weight", "Progress per round times the leverage balance between the parties / 100."),
    "leverage_in_time": ("pts", "Leverage for a response in time (within 'crisis_window')."),
    "leverage_late": ("pts", "Leverage for a late response."),
    "leverage_success": ("pts", "The attacker's leverage on success."),
    "max_odds": ("chance", "The highest odds of success.", _MAX),
    "max_presence": ("forces", "The most forces one actor keeps in a region.", _MAX),
    "max_stability": ("pts", "Only a region below this stability can be the subject.", _MAX),
    "max_tension": ("pts", "Only at world tension of at most this.", _MAX),
    "mediator_weight": ("weight", "Progress per round times the mediator's reputation / 100."),
    "min_available": ("forces", "Forces available needed to send any.", _MIN),
    "min_effect": ("share", "Share of the full effect a summit keeps right after the last one (or between friends)."),
    "min_need": ("pts", "Humanitarian need the region must have.", _MIN),
    "min_odds": ("chance", "The lowest odds of success."),
    "min_power": ("forces", "Striking power needed to strike at all.", _MIN),
    "min_progress": ("pts", "Progress the talks need before an agreement can be proposed.", _MIN),
    "min_relations": ("rel", "Relations needed (of the other party, or both ways as the action says).", _MIN),
    "min_strength": ("pts", "Strength needed.", _MIN),
    "min_tension": ("pts", "World tension needed before the draft can be tabled.", _MIN),
    "need": ("pts", "Humanitarian need in the region (see the action for added or relieved)."),
    "neighbour_reach": ("share", "Share of the actor's forces in neighbouring regions that join the strike."),
    "neutrality": ("rel", "The largest gap between the parties' regard for the mediator.", _MAX),
    "odds": ("chance", "Chance of success."),
    "odds_slope": ("weight", "Odds are 0.5 + this × the balance of striking power against defence."),
    "outrage_relations": (
        "rel",
        "Everyone's regard for a striker where others' peacekeepers serve or in breach of an agreement.",
    ),
    "outrage_reputation": ("pts", "Reputation lost for such a strike."),
    "own_loss_fail": ("share", "Share of its forces in the region the attacker loses on failure."),
    "own_strength_loss": ("pts", "Strength the attacker loses."),
    "progress": ("pts", "Progress added."),
    "progress_failure": ("pts", "Progress the talks lose when an offer is refused (lapses)."),
    "progress_reputation": ("weight", "Extra progress times the mediator's reputation / 100."),
    "reach": ("share", "Share of the actor's undeployed strength that can reach the region."),
    "readiness_cost": ("pts", "Readiness the actor's forces lose."),
    "relations": ("rel", "Relations both ways."),
    "relations_host": ("rel", "The host's regard for the actor when it enters uninvited."),
    "relations_others": ("rel", "Every other actor's regard for the actor (acting without a mandate)."),
    "relations_others_mandated": ("rel", "Every other actor's regard for the actor (acting under a mandate)."),
    "relations_owner": ("rel", "The region's owner's regard for the actor."),
    "relations_target": ("rel", "The target's regard for the actor."),
    "renewal": (
        "turns",
        "Sanctions imposed again within this many turns of the last time (lifted in between) bite while they last "
        "but bring no new shock to either side's leverage.",
    ),
    "reputation": ("pts", "The actor's reputation."),
    "reputation_attributed": ("pts", "Reputation lost when traced back (a penalty that partly fades)."),
    "reputation_consent": ("pts", "Reputation when sent with the host's consent but no Council mandate."),
    "reputation_mandated": ("pts", "Reputation when acting under a Council mandate."),
    "reputation_occupier": ("pts", "Reputation an occupier gains by leaving."),
    "reputation_self_defence": ("pts", "Reputation lost striking in self-defence (within 'self_defence_window')."),
    "reputation_unilateral": (
        "pts",
        "Reputation lost acting without invitation or mandate (a penalty that partly fades).",
    ),
    "rival_relations": ("rel", "At the target's regard this low or lower, the show of force counts in full.", _MAX),
    "setback_turns": ("turns", "Turns a failed strike narrows the attacker's diplomacy."),
    "size": ("forces", "Forces sent (at most those available)."),
    "sponsor_leverage": ("pts", "The sponsor's leverage when the draft is adopted."),
    "sponsor_leverage_fail": ("pts", "The sponsor's leverage when it is not adopted."),
    "sponsor_reputation": ("pts", "The sponsor's reputation (co-sponsors half)."),
    "stability": ("pts", "Stability of the region (see the action for gained or lost)."),
    "stability_in_time": ("pts", "Stability gained by a response in time."),
    "stability_late": ("pts", "Stability gained by a late response."),
    "stability_occupier": ("pts", "Stability the region gains when its occupier leaves."),
    "support": ("pts", "The actor's domestic support."),
    "support_failure": ("pts", "The attacker's domestic support on failure."),
    "support_success": ("pts", "The attacker's domestic support on success."),
    "talks_progress": ("pts", "Progress lost by open talks about the region or between the sides."),
    "talks_trust": ("pts", "Trust lost by those talks."),
    "target_leverage": ("pts", "The target's leverage."),
    "target_readiness": ("pts", "The target's readiness."),
    "target_reputation": ("pts", "The target's reputation when the draft is adopted."),
    "tension": ("pts", "World tension."),
    "trust": ("pts", "Trust in the talks."),
    "trust_reputation": ("weight", "Extra trust times the mediator's reputation / 100."),
    "trust_weight": ("weight", "Progress per round times trust above 50 / 100."),
    "turns": ("turns", "Turns the effect lasts."),
    "veto_relations": ("rel", "The sponsor's regard for a member that vetoes."),
    "veto_reputation": ("pts", "A vetoing member's reputation."),
    "violence_weight": ("pts", "Progress lost per round per fight in the region."),
    "vote_bias": ("weight", "Every member's inclination to vote yes before relations and reputation."),
    "vote_noise": ("share", "Randomness of each vote.", "Raise it and votes are harder to foresee."),
    "vote_reputation": ("weight", "Inclination times the target's poor reputation."),
    "vote_sponsor": ("weight", "Inclination times the member's relations with the sponsor / 100."),
    "vote_target": ("weight", "Inclination lowered by this times the member's relations with the target / 100."),
    "vote_threshold": ("share", "Inclination above this is a yes, below minus this a no (else an abstention).", _MIN),
}
"""Numbers of the default actions, by name (the same name means the same in every action)."""

ACTION_OVERRIDES: dict[tuple[str, str], tuple[str, ...]] = {
    ("strike", "stability"): ("pts", "Stability the region loses."),
    ("strike", "need"): ("pts", "Humanitarian need added in the region."),
    ("strike", "target_leverage"): ("pts", "The target's leverage on success."),
    ("strike", "relations_target"): ("rel", "The target's regard for the attacker."),
    ("strike", "reputation_unilateral"): ("pts", "Reputation lost striking without mandate or self-defence."),
    ("strike", "reputation_mandated"): ("pts", "Reputation lost striking under a Council mandate."),
    ("strike", "bad_faith_reputation"): (
        "pts",
        "Reputation for striking a side still talking with the striker (negative: lost).",
    ),
    ("crisis_response", "need"): ("pts", "Humanitarian need relieved."),
    ("crisis_response", "trust"): ("pts", "Trust gained by talks about the region (in time)."),
    ("humanitarian", "need"): ("pts", "Humanitarian need relieved."),
    ("humanitarian", "stability"): ("pts", "Stability the region gains."),
    ("peacekeeping", "stability"): ("pts", "Stability the region gains at once."),
    ("reconstruction", "progress"): ("pts", "Reconstruction progress in the region."),
    ("reconstruction", "stability"): ("pts", "Stability the region gains."),
    ("leave_alliance", "reputation"): ("pts", "Reputation lost by leaving (a penalty that partly fades)."),
    ("leave_alliance", "relations"): ("rel", "Former allies' regard for the actor."),
    ("alliance", "relations"): ("rel", "Relations both ways with each new fellow member."),
    ("summit", "relations"): (
        "rel",
        "Relations both ways (scaled down between friends and right after the last summit).",
    ),
    ("deploy", "leverage"): (
        "pts",
        "Leverage at once (forces count in leverage while they stay, see 'leverage_forces').",
    ),
    ("intelligence", "leverage"): ("pts", "Leverage at once."),
    ("cyber", "leverage"): ("pts", "The actor's leverage on success."),
    ("cyber", "target_leverage"): ("pts", "The target's leverage on success."),
    ("cyber", "target_readiness"): ("pts", "The target's readiness on success."),
    ("cyber", "relations_target"): ("rel", "The target's regard for the actor when traced back."),
    ("cyber", "tension"): ("pts", "World tension when traced back."),
    ("resolution_force", "tension"): ("pts", "World tension when force is authorised."),
    ("mediate", "min_relations"): ("rel", "Both parties' regard for the mediator needed.", _MIN),
    ("open_talks", "min_relations"): ("rel", "The other party's regard for the actor needed.", _MIN),
    ("summit", "min_relations"): ("rel", "The target's regard for the actor needed.", _MIN),
    ("alliance", "min_relations"): ("rel", "Relations both ways needed with every member.", _MIN),
}
"""Where one action's number means something more exact than the name alone says."""


def effect(entry: tuple[str, ...]) -> str:
    return entry[2] if len(entry) > 2 else EFFECTS[entry[0]]


def rule_doc(name: str) -> ParamDoc | None:
    entry = RULES.get(name)
    if entry is None:
        return None
    return ParamDoc(name, UNITS[entry[0]], rule_range(name).text(), entry[1], effect(entry))


def action_doc(action: str, name: str) -> ParamDoc | None:
    entry = ACTION_OVERRIDES.get((action, name)) or ACTION_NAMES.get(name)
    if entry is None:
        return None
    return ParamDoc(name, UNITS[entry[0]], action_range(name).text(), entry[1], effect(entry))
