"""Legality of every option, with the reason an option is unavailable.

Each kind of action has a *grid* function returning reason codes for every
actor and every target at once, as a ``[B, A, X]`` array (X: regions, actors,
tracks, or 1). Working on the state's natural tensors keeps the cost of
listing every legal option of thousands of games small. Reason codes are
checked in a fixed order; the first that applies is reported (0: legal).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from game.core.actions import REASON_TEXT, Reason, binding
from game.core.ctx import Entries
from game.core.spec import ActionSpec, Kind, Resolution, Rules, Target, Topic, TrackStatus
from game.core.state import State
from game.core.stocks import occupied

__all__ = ["legality", "legal_entries", "reason_text", "Reason"]


def reason_text(code: int) -> str:
    return REASON_TEXT[Reason(int(code))]


# --------------------------------------------------------------------- static tables
@lru_cache(maxsize=64)
def _static(rules: Rules) -> dict[str, np.ndarray]:
    A, R, T = rules.n_actors, rules.n_regions, rules.n_tracks
    owners = np.array([r.owner for r in rules.regions], np.int64)
    p1 = np.array([t.parties[0] for t in rules.tracks], np.int64)
    p2 = np.array([t.parties[1] for t in rules.tracks], np.int64)
    a = np.arange(A)
    party = (p1[None, :] == a[:, None]) | (p2[None, :] == a[:, None]) if T else np.zeros((A, 0), bool)
    other = np.where(p1[None, :] == a[:, None], p2[None, :], p1[None, :]) if T else np.zeros((A, 0), np.int64)
    nb = np.zeros((R, R), bool)
    for g, reg in enumerate(rules.regions):
        for h in reg.neighbours:
            nb[g, h] = nb[h, g] = True
    return {
        "owners": owners,
        "own": owners[None, :] == a[:, None],  # [A, R]
        "eye": np.eye(A, dtype=bool),  # [A, A]
        "p1": p1,
        "p2": p2,
        "party": party,  # [A, T]
        "other": other,  # [A, T]
        "nb": nb,
    }


@lru_cache(maxsize=64)
def option_layout(rules: Rules) -> dict[int, tuple[np.ndarray, np.ndarray, int]]:
    """Per action: (option indices, flat grid positions actor*X + x, X)."""
    out: dict[int, tuple[np.ndarray, np.ndarray, int]] = {}
    for a_idx, act in enumerate(rules.actions):
        sel = np.nonzero(rules.opt_action == a_idx)[0]
        if not len(sel):
            continue
        X = _width(rules, act)
        x = _target_of(rules, act, sel)
        out[a_idx] = (sel, rules.opt_actor[sel] * X + x, X)
    return out


def _width(rules: Rules, act: ActionSpec) -> int:
    return {Target.REGION: rules.n_regions, Target.ACTOR: rules.n_actors, Target.TRACK: rules.n_tracks, Target.NONE: 1}[
        act.target
    ]


def _target_of(rules: Rules, act: ActionSpec, options: np.ndarray) -> np.ndarray:
    if act.target == Target.REGION:
        return rules.opt_region[options]
    if act.target == Target.ACTOR:
        return rules.opt_target[options]
    if act.target == Target.TRACK:
        return rules.opt_track[options]
    return np.zeros(len(options), np.int64)


# --------------------------------------------------------------------- derived tensors
class _Derived:
    """Tensors several grid functions need, computed once per call."""

    def __init__(self, rules: Rules, s: State) -> None:
        self.rules, self.s = rules, s
        self._cache: dict[str, np.ndarray] = {}

    def get(self, name: str) -> np.ndarray:
        if name not in self._cache:
            self._cache[name] = getattr(self, "_" + name)()
        return self._cache[name]

    def _allied(self) -> np.ndarray:
        return self.s.allied_matrix()

    def _available(self) -> np.ndarray:
        s = self.s
        dep = np.zeros(s.strength.shape)
        for g in range(s.forces.shape[2]):
            dep = dep + s.forces[:, :, g] + s.peacekeepers[:, :, g]
        return np.maximum(s.strength - dep, 0.0)

    def _ctrl_idx(self) -> np.ndarray:
        s = self.s
        B, A, R = s.forces.shape
        return np.broadcast_to(s.control[:, None, :], (B, A, R))

    def _allied_ctrl(self) -> np.ndarray:
        """[B, A, R]: actor is allied with the region's controller."""
        return np.take_along_axis(self.get("allied"), self.get("ctrl_idx"), axis=2)

    def _rel_from_ctrl(self) -> np.ndarray:
        """[B, A, R]: relations of the region's controller towards the actor."""
        rel_t = np.swapaxes(self.s.relations, 1, 2)
        return np.take_along_axis(rel_t, self.get("ctrl_idx"), axis=2)

    def _invited(self) -> np.ndarray:
        s = self.s
        A = s.forces.shape[1]
        a = np.arange(A)[None, :, None]
        st = _static(self.rules)
        return (s.control[:, None, :] == a) | st["own"][None] | s.consent | self.get("allied_ctrl")

    def _uninvited(self) -> np.ndarray:
        """[B, A, R]: the actor has forces in a region whose owner did not invite them."""
        s = self.s
        st = _static(self.rules)
        B, A, R = s.forces.shape
        owner_idx = np.broadcast_to(st["owners"][None, None, :], (B, A, R))
        allied_owner = np.take_along_axis(self.get("allied"), owner_idx, axis=2)
        return (s.forces >= 1.0) & ~st["own"][None] & ~s.consent & ~allied_owner

    def _occupied(self) -> np.ndarray:
        """[B, R]: the region's holder is an occupier (neither owner nor invited)."""
        return occupied(self.rules, self.s)

    def _truce(self) -> np.ndarray:
        """[B, R]: a ceasefire, peace accord or withdrawal covering the region is in force."""
        s = self.s
        out = np.zeros(s.stability.shape, bool)
        for k, tr in enumerate(self.rules.tracks):
            if tr.region >= 0 and tr.topic != Topic.DEAL:
                out[:, tr.region] |= s.track_status[:, k] == TrackStatus.AGREED
        return out

    def _consent(self) -> np.ndarray:
        """[B, A, R]: the region's lawful holder lets the actor in (its own ground,
        an invitation, an alliance, or relations warm enough); an occupier cannot."""
        lawful = ~self.get("occupied")[:, None, :]
        return self.get("invited") | (lawful & (self.get("rel_from_ctrl") >= self.rules.p("access_relations")))

    def _relief_access(self) -> np.ndarray:
        """[B, A, R]: access for relief and crisis response: as for any operation,
        and for an impartial organisation wherever the holder is not unfriendly to it."""
        org = np.array([a.kind.value == "organisation" for a in self.rules.actors], bool)[None, :, None]
        return self.get("access") | (org & (self.get("rel_from_ctrl") >= self.rules.p("relief_relations")))

    def _access(self) -> np.ndarray:
        """[B, A, R]: the actor may operate in the region: consent, a Council
        mandate (peacekeeping, or force against the holder), or its own forces there."""
        s = self.s
        ctrl = s.control
        mandated = s.mandate_pk | np.take_along_axis(s.mandate_force, ctrl, axis=1)
        present = (s.forces >= 1.0) | (s.peacekeepers > 0)
        return self.get("consent") | mandated[:, None, :] | present

    def _occupies(self) -> np.ndarray:
        """[B, A]: the actor holds forces or control where it is not owner nor invited."""
        s = self.s
        B, A, R = s.forces.shape
        own = _static(self.rules)["own"]
        out = np.zeros((B, A), bool)
        for g in range(R):
            present = (s.forces[:, :, g] >= 1.0) | (s.control[:, g, None] == np.arange(A)[None, :])
            allied_owner = self.get("allied")[:, :, _static(self.rules)["owners"][g]]
            out |= ~own[None, :, g] & present & ~s.consent[:, :, g] & ~allied_owner
        return out


def _reason(codes: np.ndarray, cond: np.ndarray, reason: Reason) -> None:
    # The code is added where none was found yet: arithmetic over the whole
    # grid is faster than a masked copy, which branches at every cell.
    codes += CODE(reason) * ((codes == 0) & cond)


# --------------------------------------------------------------------- grids
Grid = Callable[[Rules, State, ActionSpec, _Derived], np.ndarray]


CODE = np.int8  # reason codes fit in a byte: less memory to move in big batches


def _new(s: State, width: int) -> np.ndarray:
    return np.zeros((s.batch, s.strength.shape[1], width), CODE)


def grid_deploy(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, d.get("available")[:, :, None] < act.p("min_available"), Reason.NO_FORCES_AVAILABLE)
    _reason(c, s.forces >= act.p("max_presence"), Reason.PRESENCE_LIMIT)
    # Ground held by a hostile force is entered only as an offensive the Council has authorised.
    mandated = np.take_along_axis(s.mandate_force, s.control, axis=1)[:, None, :]
    hostile = ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations"))
    _reason(c, hostile & ~mandated & ~_static(r)["own"][None], Reason.HOSTILE_HOST)
    return c


def grid_show_of_force(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, d.get("allied"), Reason.ALLY_TARGET)
    _reason(c, s.strength[:, :, None] < act.p("min_strength"), Reason.NO_FORCES_AVAILABLE)
    return c


def striking_power_grid(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    power = s.forces + act.p("reach") * d.get("available")[:, :, None]
    nb = _static(r)["nb"]
    for g in range(r.n_regions):
        for h in np.nonzero(nb[g])[0]:
            power[:, :, g] = power[:, :, g] + act.p("neighbour_reach") * s.forces[:, :, h]
    return power


def grid_strike(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    mine = s.control[:, None, :] == np.arange(r.n_actors)[None, :, None]
    _reason(c, mine | d.get("allied_ctrl"), Reason.ALLY_TARGET)
    _reason(c, striking_power_grid(r, s, act, d) < act.p("min_power"), Reason.NO_REACH)
    return c


def grid_peacekeeping(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, _static(r)["own"][None], Reason.OWN_REGION)
    _reason(c, d.get("uninvited"), Reason.PARTY_TO_CRISIS)
    _reason(c, s.peacekeepers > 0, Reason.ALREADY_PEACEKEEPING)
    truce = d.get("truce")[:, None, :]
    _reason(c, d.get("occupied")[:, None, :] & ~truce, Reason.OCCUPIED)
    _reason(c, ~(s.mandate_pk[:, None, :] | d.get("consent") | truce), Reason.NO_MANDATE_OR_CONSENT)
    _reason(c, ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations")), Reason.HOSTILE_HOST)
    _reason(c, d.get("available")[:, :, None] < act.p("min_available"), Reason.NO_FORCES_AVAILABLE)
    return c


def grid_crisis_response(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, ~s.crisis[:, None, :], Reason.NO_CRISIS)
    _reason(c, s.responded, Reason.ALREADY_RESPONDED)
    _reason(c, d.get("uninvited"), Reason.PARTY_TO_CRISIS)
    _reason(c, ~d.get("invited") & (d.get("rel_from_ctrl") < r.p("hostile_relations")), Reason.HOSTILE_HOST)
    _reason(c, ~d.get("relief_access"), Reason.NO_ACCESS)
    return c


def grid_humanitarian(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, s.need[:, None, :] < act.p("min_need"), Reason.NO_NEED)
    _reason(c, ~d.get("relief_access"), Reason.NO_ACCESS)
    return c


def grid_reconstruction(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, ~s.post_conflict[:, None, :], Reason.NOT_POST_CONFLICT)
    return c


def grid_intelligence(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, s.intel > 1, Reason.INTEL_ACTIVE)
    return c


def grid_cyber(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, d.get("allied"), Reason.ALLY_TARGET)
    return c


def grid_withdraw(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_regions)
    _reason(c, (s.forces + s.peacekeepers) <= 0, Reason.NO_FORCES_THERE)
    return c


def _track_status(s: State) -> np.ndarray:
    return s.track_status[:, None, :]


def _rel_of_other_party(r: Rules, s: State) -> np.ndarray:
    """[B, A, T]: relations of the other party of each track towards the actor."""
    other = _static(r)["other"]  # [A, T]
    A = r.n_actors
    return s.relations[:, other, np.arange(A)[:, None]]


def grid_open_talks(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_tracks)
    st = _track_status(s)
    _reason(c, ~_static(r)["party"][None], Reason.NOT_A_PARTY)
    _reason(c, st == TrackStatus.OPEN, Reason.TALKS_ALREADY_OPEN)
    _reason(c, st == TrackStatus.AGREED, Reason.TALKS_CONCLUDED)
    _reason(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    _reason(c, _rel_of_other_party(r, s) < act.p("min_relations"), Reason.RELATIONS_TOO_LOW)
    return c


def grid_negotiate(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_tracks)
    _reason(c, ~_static(r)["party"][None], Reason.NOT_A_PARTY)
    _reason(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    return c


def grid_mediate(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_tracks)
    st = _static(r)
    A = r.n_actors
    med = s.mediator[:, None, :]
    _reason(c, st["party"][None], Reason.IS_A_PARTY)
    _reason(c, _track_status(s) == TrackStatus.AGREED, Reason.TALKS_CONCLUDED)
    _reason(c, (med >= 0) & (med != np.arange(A)[None, :, None]), Reason.OTHER_MEDIATOR)
    r1 = np.swapaxes(s.relations[:, st["p1"], :], 1, 2)  # [B, A, T]: p1's view of the actor
    r2 = np.swapaxes(s.relations[:, st["p2"], :], 1, 2)
    neutral = (np.minimum(r1, r2) >= act.p("min_relations")) & (np.abs(r1 - r2) <= act.p("neutrality"))
    _reason(c, ~neutral, Reason.NOT_NEUTRAL)
    return c


def grid_propose(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_tracks)
    A = r.n_actors
    _reason(c, ~_static(r)["party"][None], Reason.NOT_A_PARTY)
    _reason(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    _reason(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    _reason(c, s.progress[:, None, :] < act.p("min_progress"), Reason.TOO_EARLY)
    _reason(c, s.offer[:, None, :] == np.arange(A)[None, :, None], Reason.OWN_OFFER)
    return c


def grid_accept(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_tracks)
    A = r.n_actors
    offer = s.offer[:, None, :]
    _reason(c, ~_static(r)["party"][None], Reason.NOT_A_PARTY)
    _reason(c, _track_status(s) != TrackStatus.OPEN, Reason.TALKS_NOT_OPEN)
    _reason(c, offer == np.arange(A)[None, :, None], Reason.OWN_OFFER)
    _reason(c, offer < 0, Reason.NO_OFFER)
    return c


def grid_alliance(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, d.get("allied"), Reason.ALREADY_ALLIED)
    rel_t = np.swapaxes(s.relations, 1, 2)
    low = (s.relations < act.p("min_relations")) | (rel_t < act.p("min_relations"))
    # An alliance needs a threat both share (a third actor both regard as hostile) or close friendship.
    hostile = (s.relations < r.p("hostile_relations")).astype(np.float32)
    shared = np.einsum("bix,bjx->bij", hostile, hostile) > 0
    close = np.minimum(s.relations, rel_t) >= act.p("close_relations")
    # Joining the target's alliance needs good relations with all its members.
    for k in range(s.membership.shape[1]):
        mem = s.membership[:, k, :]  # [B, A]
        if not mem.any():
            continue
        worst = np.where(mem[:, None, :], np.minimum(s.relations, np.swapaxes(s.relations, 1, 2)), np.inf).min(
            axis=2
        )  # [B, A]: actor vs members
        low |= mem[:, None, :] & (worst[:, :, None] < act.p("min_relations"))
        # ... and a target outside any alliance joins the actor's: it needs them too.
        outside = ~s.membership.any(axis=1)  # [B, A]
        low |= mem[:, :, None] & outside[:, None, :] & (worst[:, None, :] < act.p("min_relations"))
    _reason(c, low, Reason.RELATIONS_TOO_LOW)
    _reason(c, ~(shared | close), Reason.NO_SHARED_THREAT)
    in_any = s.membership.any(axis=1)  # [B, A]
    has_empty = ~s.membership.any(axis=2).all(axis=1)  # [B]
    _reason(c, ~in_any[:, None, :] & ~in_any[:, :, None] & ~has_empty[:, None, None], Reason.ALLIANCE_FULL)
    return c


def grid_leave_alliance(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, 1)
    _reason(c, ~s.membership.any(axis=1)[:, :, None], Reason.NO_ALLIANCE)
    return c


def grid_sanctions(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, s.sanctions, Reason.ALREADY_SANCTIONING)
    _reason(c, d.get("allied"), Reason.ALLY_TARGET)
    return c


def grid_lift_sanctions(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, ~s.sanctions, Reason.NOT_SANCTIONING)
    return c


def grid_resolution(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    pk = act.resolution == Resolution.PEACEKEEPING
    c = _new(s, r.n_regions if pk else r.n_actors)
    if r.council.seats == 0:
        c[:] = int(Reason.NO_COUNCIL)
        return c
    members = r.council.members()
    if members:
        on_council = np.zeros(r.n_actors, bool)
        on_council[list(members)] = True
        _reason(c, ~on_council[None, :, None], Reason.NOT_ON_COUNCIL)
    if not pk:
        _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    in_force = {
        Resolution.CONDEMN: lambda: s.condemned[:, None, :],
        Resolution.SANCTIONS: lambda: s.un_sanctions[:, None, :],
        Resolution.AUTHORISE_FORCE: lambda: s.mandate_force[:, None, :],
        Resolution.PEACEKEEPING: lambda: s.mandate_pk[:, None, :],
    }[act.resolution]()
    _reason(c, in_force, Reason.ALREADY_IN_FORCE)
    _reason(c, s.tension[:, None, None] < act.p("min_tension"), Reason.TENSION_TOO_LOW)
    if pk:
        _reason(c, s.stability[:, None, :] >= act.p("max_stability"), Reason.STABLE_ENOUGH)
    return c


def grid_summit(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, np.swapaxes(s.relations, 1, 2) < act.p("min_relations"), Reason.RELATIONS_TOO_LOW)
    _reason(c, s.tension[:, None, None] > act.p("max_tension"), Reason.TENSION_TOO_HIGH)
    return c


def grid_ultimatum(r: Rules, s: State, act: ActionSpec, d: _Derived) -> np.ndarray:
    c = _new(s, r.n_actors)
    _reason(c, _static(r)["eye"][None], Reason.SELF_TARGET)
    _reason(c, s.setback[:, :, None] > 0, Reason.SETBACK)
    _reason(c, ~d.get("occupies")[:, None, :], Reason.NO_OCCUPATION)
    _reason(c, s.ultimatum >= 0, Reason.ULTIMATUM_PENDING)
    return c


GRID: dict[Kind, Grid] = {
    # The legality grid of every kind of action, in one explicit table (its resolver:
    # actions.RESOLVE); a scenario's custom actions are checked by their own conditions.
    Kind.DEPLOY: grid_deploy,
    Kind.SHOW_OF_FORCE: grid_show_of_force,
    Kind.STRIKE: grid_strike,
    Kind.PEACEKEEPING: grid_peacekeeping,
    Kind.CRISIS_RESPONSE: grid_crisis_response,
    Kind.HUMANITARIAN: grid_humanitarian,
    Kind.RECONSTRUCTION: grid_reconstruction,
    Kind.INTELLIGENCE: grid_intelligence,
    Kind.CYBER: grid_cyber,
    Kind.WITHDRAW: grid_withdraw,
    Kind.OPEN_TALKS: grid_open_talks,
    Kind.NEGOTIATE: grid_negotiate,
    Kind.MEDIATE: grid_mediate,
    Kind.PROPOSE: grid_propose,
    Kind.ACCEPT: grid_accept,
    Kind.ALLIANCE: grid_alliance,
    Kind.LEAVE_ALLIANCE: grid_leave_alliance,
    Kind.SANCTIONS: grid_sanctions,
    Kind.LIFT_SANCTIONS: grid_lift_sanctions,
    Kind.RESOLUTION: grid_resolution,
    Kind.SUMMIT: grid_summit,
    Kind.ULTIMATUM: grid_ultimatum,
}


def _custom_codes(rules: Rules, s: State, act: ActionSpec, options: np.ndarray) -> np.ndarray:
    B = s.batch
    rows = np.repeat(np.arange(B), len(options))
    e = Entries.for_options(rules, rows, np.tile(options, B))
    ok = act.requires.evaluate(s, e.rows, binding(e))
    return np.where(ok, 0, int(Reason.REQUIREMENT)).reshape(B, len(options)).astype(CODE)


# --------------------------------------------------------------------- public API
def action_codes(rules: Rules, s: State, a_idx: int, d: _Derived | None = None) -> np.ndarray:
    """Reason codes ``[B, n]`` for every option of one action."""
    act = rules.actions[a_idx]
    sel, flat, X = option_layout(rules)[a_idx]
    if act.kind == Kind.CUSTOM:
        return _custom_codes(rules, s, act, sel)
    grid = GRID[act.kind](rules, s, act, d or _Derived(rules, s))
    return grid.reshape(s.batch, -1)[:, flat]


def legality_grids(rules: Rules, s: State) -> dict[int, np.ndarray]:
    """Reason codes of every action as ``[B, A, X]`` grids (action index ->
    grid); cells that are not options of the scenario hold NOT_YOURS."""
    d = _Derived(rules, s)
    out: dict[int, np.ndarray] = {}
    for a_idx, (sel, flat, X) in option_layout(rules).items():
        act = rules.actions[a_idx]
        if act.kind == Kind.CUSTOM:
            grid = np.full((s.batch, rules.n_actors * X), int(Reason.NOT_YOURS), CODE)
            grid[:, flat] = _custom_codes(rules, s, act, sel)
            out[a_idx] = grid.reshape(s.batch, rules.n_actors, X)
        else:
            out[a_idx] = GRID[act.kind](rules, s, act, d)
    return out


def codes_from_grids(rules: Rules, s: State, grids: dict[int, np.ndarray]) -> np.ndarray:
    """Reason codes ``[B, O]`` of every option, from :func:`legality_grids`
    (budget and game over included)."""
    if option_layout(rules):
        cells = np.concatenate([grids[a_idx].reshape(s.batch, -1) for a_idx in option_layout(rules)], axis=1)
        codes = np.take(cells, _option_cells(rules), axis=1)
    else:
        codes = np.zeros((s.batch, 0), CODE)
    return _finish(rules, s, codes, np.arange(len(rules.options)), None, None)


@lru_cache(maxsize=64)
def _option_cells(rules: Rules) -> np.ndarray:
    """Each option's column in the grids of :func:`legality_grids` laid side by side."""
    cells = np.full(len(rules.options), -1, np.int64)
    start = 0
    for sel, flat, X in option_layout(rules).values():
        cells[sel] = start + flat
        start += rules.n_actors * X
    assert (cells >= 0).all(), "every option belongs to an action's grid"
    return cells


def _finish(
    rules: Rules,
    state: State,
    codes: np.ndarray,
    options: np.ndarray,
    spent: np.ndarray | None,
    queued: np.ndarray | None,
) -> np.ndarray:
    B, n = codes.shape
    actor = rules.opt_actor[options]
    cost = rules.opt_cost[options]
    left = state.budget - (spent if spent is not None else 0.0)  # [B, A]
    if spent is not None or (cost[None, :] > left.min(axis=0)[actor][None, :]).any():
        codes[(codes == 0) & (cost[None, :] > left[:, actor] + 1e-9)] = int(Reason.BUDGET)
    if queued is not None:
        dup = np.zeros((B, n), bool)
        full_slots = np.ones((B, n), bool)
        for k in range(queued.shape[2]):
            q = queued[:, actor, k]
            dup |= q == options[None, :]
            full_slots &= q >= 0
        codes[(codes == 0) & dup] = int(Reason.DUPLICATE)
        codes[(codes == 0) & full_slots] = int(Reason.TOO_MANY)
    if state.over.any():
        codes[(codes == 0) & state.over[:, None]] = int(Reason.GAME_OVER)
    return codes


def legality(
    rules: Rules,
    state: State,
    options: np.ndarray | None = None,
    spent: np.ndarray | None = None,
    queued: np.ndarray | None = None,
) -> np.ndarray:
    """Reason codes ``[B, n]`` for the given options (all by default); 0 is legal.

    ``spent`` ``[B, A]`` is the budget already committed this turn; ``queued``
    ``[B, A, K]`` the orders already queued (for duplicates and the slot limit).
    """
    B = state.batch
    all_opts = options is None
    options = np.arange(len(rules.options)) if all_opts else np.asarray(options, np.int64)
    n = len(options)
    codes = np.zeros((B, n), CODE)
    if n == 0:
        return codes
    d = _Derived(rules, state)
    layout = option_layout(rules)
    acts = rules.opt_action[options]
    for a_idx in np.unique(acts):
        sel, _, _ = layout[int(a_idx)]
        full = action_codes(rules, state, int(a_idx), d)
        if all_opts:
            codes[:, sel] = full
        else:
            cols = np.nonzero(acts == a_idx)[0]
            pos = np.searchsorted(sel, options[cols])
            codes[:, cols] = full[:, pos]
    return _finish(rules, state, codes, options, spent, queued)


def legal_entries(rules: Rules, s: State, act_idx: int, e: Entries) -> np.ndarray:
    """Reason codes for particular orders of one action (rows may repeat)."""
    full = action_codes(rules, s, act_idx)
    sel = option_layout(rules)[act_idx][0]
    return full[e.rows, np.searchsorted(sel, e.option)]
