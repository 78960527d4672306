"""Quantities derived from the state that legality and resolution both read.

Each quantity has one formula here. The per-order form gathers its inputs
for a set of orders (index arrays of games, actors, regions); the grid form
(:class:`Derived`, for the legality checks, each grid computed once per
call) gathers them for the whole batch and evaluates the same formula.

Rule numbers read here: ``access_relations`` (a lawful holder regarding an
actor this well lets it operate in its region), ``relief_relations`` (the
same for an impartial organisation's relief), ``talks_min_stability`` and
``talks_full_stability`` (talks about fighting in a region make no progress
below the first, full progress from the second) and, per action,
``reach``/``neighbour_reach`` (the striking power of a strike).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import numpy as np

from game.core.spec import ActionSpec, Kind, Rules, Topic, TrackStatus
from game.core.state import State

BUDGET_SLACK = 1e-9
"""An order fits the budget unless its cost exceeds what is left by more than this."""


# --------------------------------------------------------------------- static tables
def owners(rules: Rules) -> np.ndarray:
    """``[R]``: the actor that owns each region (-1: nobody, as in international waters)."""
    return np.array([g.owner for g in rules.regions], np.int64)


def ownerless(rules: Rules) -> np.ndarray:
    """``[R]``: nobody owns the region (international waters): nobody occupies it, and access needs no consent."""
    return owners(rules) < 0


def holder_by_forces(forces: np.ndarray, ctrl: np.ndarray) -> np.ndarray:
    """Who holds a region nobody owns, from the forces there (``forces`` ``[B, A]``, the holder now ``ctrl``
    ``[B]``): the holder keeps it while it has forces there; otherwise the actor with the most forces there
    (the first in the scenario's order on a tie) takes it, and with no forces there nobody holds it (-1)."""
    forces = np.asarray(forces, np.float64)
    ctrl = np.asarray(ctrl, np.int64)
    rows = np.arange(len(ctrl))
    keeps = (ctrl >= 0) & (forces[rows, np.maximum(ctrl, 0)] >= 1.0)
    best = np.argmax(forces, axis=1) if forces.shape[1] else np.zeros(len(ctrl), np.int64)
    present = forces[rows, best] >= 1.0 if forces.shape[1] else np.zeros(len(ctrl), bool)
    return np.where(keeps, ctrl, np.where(present, best, -1)).astype(np.int64)


@lru_cache(maxsize=64)
def neighbour_slots(rules: Rules) -> np.ndarray:
    """Each region's neighbours in the order its spec lists them, ``[R, D]``, padded with -1."""
    width = max((len(reg.neighbours) for reg in rules.regions), default=0)
    out = np.full((rules.n_regions, max(width, 1)), -1, np.int64)
    for g, reg in enumerate(rules.regions):
        out[g, : len(reg.neighbours)] = reg.neighbours
    return out


@lru_cache(maxsize=64)
def neighbour_matrix(rules: Rules) -> np.ndarray:
    """``[R, R]``: the two regions are neighbours."""
    nb = np.zeros((rules.n_regions, rules.n_regions), bool)
    for g, reg in enumerate(rules.regions):
        for h in reg.neighbours:
            nb[g, h] = nb[h, g] = True
    return nb


def parties(rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """``[T]`` each: the first and the second party of each track."""
    return (
        np.array([t.parties[0] for t in rules.tracks], np.int64),
        np.array([t.parties[1] for t in rules.tracks], np.int64),
    )


def other_of(rules: Rules, track: np.ndarray, actor: np.ndarray) -> np.ndarray:
    """The other party of each track."""
    p1, p2 = parties(rules)
    return np.where(p1[track] == actor, p2[track], p1[track])


def track_regions(rules: Rules) -> np.ndarray:
    """``[T]``: the region each track is about (-1: none)."""
    return np.array([t.region for t in rules.tracks], np.int64)


def withdrawing_sides(rules: Rules) -> np.ndarray:
    """``[T]``: the side that would withdraw in each withdrawal track (-1: none, or talks on another topic)."""
    return np.array([t.withdrawing if t.topic == Topic.WITHDRAWAL else -1 for t in rules.tracks], np.int64)


@lru_cache(maxsize=64)
def static(rules: Rules) -> dict[str, np.ndarray]:
    """Tables of the scenario that do not change in play."""
    A, T = rules.n_actors, rules.n_tracks
    own = owners(rules)
    p1, p2 = parties(rules)
    a = np.arange(A)
    party = (p1[None, :] == a[:, None]) | (p2[None, :] == a[:, None]) if T else np.zeros((A, 0), bool)
    other = np.where(p1[None, :] == a[:, None], p2[None, :], p1[None, :]) if T else np.zeros((A, 0), np.int64)
    return {
        "owners": own,
        "own": own[None, :] == a[:, None],  # [A, R]
        "eye": np.eye(A, dtype=bool),  # [A, A]
        "p1": p1,
        "p2": p2,
        "party": party,  # [A, T]
        "other": other,  # [A, T]
        "nb": neighbour_matrix(rules),
    }


@lru_cache(maxsize=64)
def engage_options(rules: Rules) -> tuple[np.ndarray, np.ndarray]:
    """The options by which a party takes part in talks (opens, negotiates, proposes, accepts), and for each the
    cell ``actor * T + track`` it counts in."""
    kinds = (Kind.OPEN_TALKS, Kind.NEGOTIATE, Kind.PROPOSE, Kind.ACCEPT)
    opts = [i for i, o in enumerate(rules.options) if o.track >= 0 and rules.actions[o.action].kind in kinds]
    cells = [rules.options[i].actor * rules.n_tracks + rules.options[i].track for i in opts]
    return np.array(opts, np.int64), np.array(cells, np.int64)


ALL = slice(None)
"""Every game, or every actor, as an index (for the grid form of a quantity)."""
SMALL = 32
"""A batch (or a set of games) this small is worked out the plain way: the faster way for many games costs more
calls (the results are the same, to the bit)."""


@lru_cache(maxsize=64)
def _engage_rounds(rules: Rules) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """:func:`engage_options` in rounds, each cell at most once per round: the options counting in one cell are
    added to it one round after another, in their order (the same sums, term by term, as adding them in turn)."""
    opts, cells = engage_options(rules)
    rank = np.zeros(len(cells), np.int64)
    seen: dict[int, int] = {}
    for i, c in enumerate(cells.tolist()):
        rank[i] = seen.get(c, 0)
        seen[c] = rank[i] + 1
    return tuple((opts[rank == r], cells[rank == r]) for r in range(int(rank.max()) + 1 if len(rank) else 0))


def engagement(rules: Rules, s: State, rows: np.ndarray) -> np.ndarray:
    """``[n, A, T]``: how much each actor has taken part in each track's talks lately (its recent orders there,
    which fade each turn like every order's "recently given" count)."""
    rows = np.asarray(rows, np.int64)
    n, width = len(rows), s.recent.shape[1]
    out = np.zeros((n, rules.n_actors * rules.n_tracks))
    if n <= SMALL:
        # A few games: one unbuffered addition in order is quickest (the same sums).
        opts, cells = engage_options(rules)
        if len(opts):
            np.add.at(out, (ALL, cells), s.recent[rows[:, None], opts[None, :]])
        return out.reshape(n, rules.n_actors, rules.n_tracks)
    flat = s.recent.reshape(-1)
    for opts, cells in _engage_rounds(rules):
        out[:, cells] += flat[rows[:, None] * width + opts[None, :]]
    return out.reshape(n, rules.n_actors, rules.n_tracks)


@lru_cache(maxsize=64)
def _engage_by_actor(rules: Rules) -> np.ndarray:
    """``[rounds, A, T]``: the option counting in each actor's cell of each track in each round of
    :func:`_engage_rounds` (-1: none)."""
    rounds = _engage_rounds(rules)
    out = np.full((len(rounds), rules.n_actors * rules.n_tracks), -1, np.int64)
    for r, (opts, cells) in enumerate(rounds):
        out[r, cells] = opts
    return out.reshape(len(rounds), rules.n_actors, rules.n_tracks)


def engagement_of(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    """``[n, T]``: :func:`engagement` of one actor in each game (``engagement(rules, s, rows)[arange(n), a]``,
    the same sums, without the other actors' cells)."""
    rows, a = np.asarray(rows, np.int64), np.asarray(a, np.int64)
    n, width = len(rows), s.recent.shape[1]
    out = np.zeros((n, rules.n_tracks))
    flat = s.recent.reshape(-1)
    for table in _engage_by_actor(rules):
        opt = table[a]  # [n, T]
        # Nothing counts in a cell without an option this round: adding 0.0 leaves the sum as it is (never -0.0).
        out += np.where(opt >= 0, flat[rows[:, None] * width + np.maximum(opt, 0)], 0.0)
    return out


def talking_with(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How much ``a`` has taken part lately in open talks whose other party is ``b`` (the most in any one track)."""
    T = rules.n_tracks
    if T == 0:
        return np.zeros(len(rows))
    p1, p2 = parties(rules)
    # Many orders ask about the same actor in the same game (the holder of a region struck): each once.
    A = rules.n_actors
    pairs, back = np.unique(np.asarray(rows, np.int64) * A + a, return_inverse=True)
    eng = engagement_of(rules, s, pairs // A, pairs % A)[back.reshape(-1)]  # [n, T]
    pair = ((p1[None, :] == a[:, None]) & (p2[None, :] == b[:, None])) | (
        (p2[None, :] == a[:, None]) & (p1[None, :] == b[:, None])
    )
    live = s.track_status[rows] == TrackStatus.OPEN
    return np.where(pair & live, eng, 0.0).max(axis=1)


# --------------------------------------------------------------------- per order (or broadcast)
def allied(s: State, rows: np.ndarray, a: np.ndarray | int, t: np.ndarray | int) -> np.ndarray:
    """Whether ``a`` and ``t`` share an alliance (directly: no chaining)."""
    m = s.allied_matrix()
    A = m.shape[1]
    return m.reshape(-1)[(rows * A + a) * A + t]


def deployed(s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Forces and peacekeepers the actor has out in regions (``ALL``, ``ALL``: ``[B, A]``)."""
    total = np.zeros(s.strength[rows, a].shape)
    for g in range(s.forces.shape[2]):
        total = total + s.forces[rows, a, g] + s.peacekeepers[rows, a, g]
    return total


def available(s: State, rows: np.ndarray, a: np.ndarray) -> np.ndarray:
    """The actor's strength not deployed in any region."""
    if isinstance(rows, np.ndarray) and rows.size > s.batch:
        # More orders than games: every actor of every game at once, then read (the same values).
        return available(s, ALL, ALL)[rows, a]
    return np.maximum(s.strength[rows, a] - deployed(s, rows, a), 0.0)


def invited(rules: Rules, s: State, rows: np.ndarray, a: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The actor's presence in the region is by right or by invitation: it
    holds or owns it, has the holder's consent, or is allied with the holder."""
    ctrl = s.control[rows, r]
    return _invited(ctrl, a, owners(rules)[r], s.consent[rows, a, r], allied(s, rows, a, ctrl))


def _invited(
    ctrl: np.ndarray, a: np.ndarray, owner: np.ndarray, consent: np.ndarray, allied_ctrl: np.ndarray
) -> np.ndarray:
    return (ctrl == a) | (owner == a) | consent | allied_ctrl | (owner < 0)


def occupies(rules: Rules, s: State, rows: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``t`` holds forces or control in a region owned by someone else, uninvited."""
    own = owners(rules)
    if len(rows) > s.batch and (np.asarray(t) >= 0).all():
        # More orders than games: every actor of every game at once, then read (the same booleans).
        return occupiers(rules, s).reshape(-1)[np.asarray(rows, np.int64) * s.forces.shape[1] + t]
    out = np.zeros(len(rows), bool)
    for r in range(rules.n_regions):
        out |= _occupies_in(
            own[r], t, s.forces[rows, t, r], s.control[rows, r], s.consent[rows, t, r], allied(s, rows, t, own[r])
        )
    return out


def occupiers(rules: Rules, s: State) -> np.ndarray:
    """``[B, A]``: :func:`occupies` for every actor of every game."""
    own = owners(rules)
    B, A, R = s.forces.shape
    everyone = np.arange(A)[None, :]
    table = np.zeros((B, A), bool)
    allied_m = s.allied_matrix()
    for r in range(R):
        table |= _occupies_in(
            own[r], everyone, s.forces[:, :, r], s.control[:, r, None], s.consent[:, :, r], allied_m[:, :, own[r]]
        )
    return table


def _occupies_in(
    owner: int, t: np.ndarray, forces: np.ndarray, ctrl: np.ndarray, consent: np.ndarray, allied_owner: np.ndarray
) -> np.ndarray:
    """``t`` occupies one region owned by ``owner``."""
    present = (forces >= 1.0) | (ctrl == t)
    return (owner >= 0) & (owner != t) & present & ~consent & ~allied_owner


def striking_power(
    rules: Rules, s: State, act: ActionSpec, rows: np.ndarray, a: np.ndarray, region: np.ndarray
) -> np.ndarray:
    """Forces in the region, part of those staged next door (``neighbour_reach``),
    and part of the undeployed pool (``reach``: air and missile reach)."""
    here = s.forces[rows, a, region]
    return _striking_power(rules, act, here, available(s, rows, a), lambda g: s.forces[rows, a, g], region)


def _striking_power(
    rules: Rules,
    act: ActionSpec,
    here: np.ndarray,
    pool: np.ndarray,
    forces_in: Callable[[int], np.ndarray],
    region: np.ndarray,
) -> np.ndarray:
    power = here + act.p("reach") * pool
    nb = neighbour_matrix(rules)
    for g in range(rules.n_regions):
        near = nb[region, g]
        if near.any():
            power = power + np.where(near, act.p("neighbour_reach") * forces_in(g), 0.0)
    return power


def talks_calm(rules: Rules, s: State, rows: np.ndarray, tracks: np.ndarray) -> np.ndarray:
    """Rule 3: the share of its progress a round of talks to end fighting in a
    region (a ceasefire or a peace accord) makes, 0..1: none below
    ``talks_min_stability``, all from ``talks_full_stability``, in proportion
    between. Talks between capitals (a withdrawal, a deal) do not wait for
    calm on the ground."""
    reg = track_regions(rules)[tracks]
    gated = np.array([t.topic in (Topic.CEASEFIRE, Topic.PEACE_ACCORD) for t in rules.tracks], bool)[tracks]
    lo, hi = rules.p("talks_min_stability"), rules.p("talks_full_stability")
    stab = s.stability[rows, np.maximum(reg, 0)]
    share = np.clip((stab - lo) / max(hi - lo, 1e-9), 0.0, 1.0) if hi > lo else (stab >= lo).astype(np.float64)
    return np.where((reg < 0) | ~gated, 1.0, share)


def over_budget(budget: np.ndarray, spent: np.ndarray | float, cost: np.ndarray) -> np.ndarray:
    """The order costs more than the budget the actor has left."""
    return spent + cost > budget + BUDGET_SLACK


# --------------------------------------------------------------------- whole batch
def occupied(rules: Rules, s: State) -> np.ndarray:
    """``[B, R]``: the region is held by an actor that neither owns it nor was
    invited there (by consent, or an alliance with the owner)."""
    own = owners(rules)
    ctrl = s.control
    B, A, R = s.forces.shape
    rows = np.arange(B)[:, None]
    regions = np.arange(R)[None, :]
    consent = s.consent[rows, ctrl, regions]
    allied = s.allied_matrix()[rows, ctrl, own[None, :]]
    return (own[None, :] >= 0) & (ctrl != own[None, :]) & ~consent & ~allied


def uninvited(rules: Rules, s: State) -> np.ndarray:
    """``[B, A, R]``: the actor has forces in a region whose owner did not invite them."""
    own = owners(rules)
    A = s.forces.shape[1]
    mine = own[None, :] == np.arange(A)[:, None]  # [A, R]
    allied_owner = s.allied_matrix()[:, :, own]  # [B, A, R]
    return (s.forces >= 1.0) & ~mine[None] & ~s.consent & ~allied_owner & (own >= 0)[None, None, :]


class Derived:
    """The grids legality needs, each computed once per call (``get(name)``)."""

    def __init__(self, rules: Rules, s: State) -> None:
        self.rules, self.s = rules, s
        self._cache: dict[str, np.ndarray] = {}

    def get(self, name: str) -> np.ndarray:
        if name not in self._cache:
            self._cache[name] = getattr(self, "_" + name)()
        return self._cache[name]

    def _allied(self) -> np.ndarray:
        """[B, A, A]: the two actors share an alliance."""
        return self.s.allied_matrix()

    def _available(self) -> np.ndarray:
        """[B, A]: strength not deployed in any region."""
        return available(self.s, ALL, ALL)

    def _allied_ctrl(self) -> np.ndarray:
        """[B, A, R]: actor is allied with the region's controller."""
        s = self.s
        held = (s.control >= 0)[:, None, :]
        # A region nobody holds (-1, only in international waters) reads actor 0's row; it is masked.
        allied_m, ctrl = self.get("allied"), np.maximum(s.control, 0)
        games = np.arange(s.batch)
        # Region by region: each game's row of its holder (what take_along_axis reads, faster).
        out = np.empty(s.forces.shape, bool)
        for g in range(out.shape[2]):
            out[:, :, g] = allied_m[games, :, ctrl[:, g]]
        return out & held

    def _rel_from_ctrl(self) -> np.ndarray:
        """[B, A, R]: relations of the region's controller towards the actor."""
        s = self.s
        ctrl = np.maximum(s.control, 0)  # nobody's region (-1) reads actor 0's row; callers mask it
        games = np.arange(s.batch)
        out = np.empty(s.forces.shape)
        for g in range(out.shape[2]):
            out[:, :, g] = s.relations[games, ctrl[:, g], :]
        return out

    def _invited(self) -> np.ndarray:
        """[B, A, R]: see :func:`invited`."""
        s = self.s
        a = np.arange(s.forces.shape[1])[None, :, None]
        owner = static(self.rules)["owners"][None, None, :]
        return _invited(s.control[:, None, :], a, owner, s.consent, self.get("allied_ctrl"))

    def _uninvited(self) -> np.ndarray:
        return uninvited(self.rules, self.s)

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
        mandated = s.mandate_pk | (np.take_along_axis(s.mandate_force, np.maximum(ctrl, 0), axis=1) & (ctrl >= 0))
        present = (s.forces >= 1.0) | (s.peacekeepers > 0)
        return self.get("consent") | mandated[:, None, :] | present

    def _occupies(self) -> np.ndarray:
        """[B, A]: see :func:`occupies`."""
        return occupiers(self.rules, self.s)

    def striking_power(self, act: ActionSpec) -> np.ndarray:
        """[B, A, R]: see :func:`striking_power` (per action, so not kept)."""
        s = self.s
        R = s.forces.shape[2]
        pool = self.get("available")[:, :, None]
        region = np.arange(R)[None, None, :]
        return _striking_power(self.rules, act, s.forces, pool, lambda g: s.forces[:, :, g, None], region)
