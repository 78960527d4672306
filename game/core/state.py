"""The batched game state: plain numpy arrays with a leading batch dimension.

One interactive game is a batch of one; a balance check runs thousands of
games through the same arrays. Shapes (B games, A actors, R regions,
T tracks, L alliance slots, E events, F flags, P roles):

* per actor ``[B, A]``: leverage, reputation, strength, readiness, support,
  budget, setback, penalty, mandate_force, condemned, un_sanctions
* per region ``[B, R]``: stability, need, reconstruction, control, crisis,
  crisis_since, post_conflict, mandate_pk, violence
* per actor and region ``[B, A, R]``: forces, peacekeepers, consent,
  responded (to the region's current crisis)
* per pair of actors ``[B, A, A]``: relations, sanctions, intel, ultimatum,
  warned (the turn an ultimatum from one to the other came due, -99: never),
  escalation, last_strike, last_summit
* per track ``[B, T]``: track_status, progress, trust, mediator, terms
  (of an agreement reached), offer / offer_terms / offer_turn (a proposal
  waiting for the counterpart's answer)
* per option ``[B, O]``: recent (how often the order was given lately:
  repeating one order yields less each time), and per actor and action
  ``recent_action [B, A, N]`` (the same for any target)
* ``obligation [B, A, A]``: the turn by which an ally must answer an attack
* ``membership [B, L, A]``, ``flags [B, F]``, ``fired``/``pending [B, E]``,
  ``achieved``/``defeated``/``outcome [B, P]``, ``tension``/``over`` ``[B]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

import numpy as np

from game.core.rng import game_seeds
from game.core.spec import Rules


@dataclass
class State:
    seed: np.ndarray
    turn: int
    over: np.ndarray
    end_turn: np.ndarray
    catastrophe: np.ndarray
    tension: np.ndarray
    # actors
    leverage: np.ndarray
    reputation: np.ndarray
    strength: np.ndarray
    readiness: np.ndarray
    support: np.ndarray
    budget: np.ndarray
    setback: np.ndarray
    penalty: np.ndarray
    mandate_force: np.ndarray
    condemned: np.ndarray
    un_sanctions: np.ndarray
    # regions
    stability: np.ndarray
    need: np.ndarray
    reconstruction: np.ndarray
    control: np.ndarray
    crisis: np.ndarray
    crisis_since: np.ndarray
    post_conflict: np.ndarray
    mandate_pk: np.ndarray
    violence: np.ndarray
    # actor x region
    forces: np.ndarray
    peacekeepers: np.ndarray
    consent: np.ndarray
    responded: np.ndarray
    # actor x actor
    relations: np.ndarray
    sanctions: np.ndarray
    intel: np.ndarray
    ultimatum: np.ndarray
    warned: np.ndarray
    escalation: np.ndarray
    last_strike: np.ndarray
    last_summit: np.ndarray
    obligation: np.ndarray
    # tracks, alliances, scenario
    track_status: np.ndarray
    progress: np.ndarray
    trust: np.ndarray
    mediator: np.ndarray
    terms: np.ndarray
    offer: np.ndarray
    offer_terms: np.ndarray
    offer_turn: np.ndarray
    recent: np.ndarray
    recent_action: np.ndarray
    membership: np.ndarray
    flags: np.ndarray
    fired: np.ndarray
    pending: np.ndarray
    achieved: np.ndarray
    defeated: np.ndarray
    outcome: np.ndarray

    @property
    def batch(self) -> int:
        return int(self.seed.shape[0])

    def copy(self) -> "State":
        kw = {}
        for f in fields(self):
            v = getattr(self, f.name)
            kw[f.name] = v.copy() if isinstance(v, np.ndarray) else v
        return State(**kw)

    def take(self, rows: np.ndarray | list[int]) -> "State":
        """A new state holding only the given games of the batch."""
        rows = np.asarray(rows, np.int64)
        kw = {}
        for f in fields(self):
            v = getattr(self, f.name)
            kw[f.name] = v[rows].copy() if isinstance(v, np.ndarray) else v
        return State(**kw)

    def repeat(self, n: int) -> "State":
        """A batch of ``n`` copies of a one-game state (seeds are kept)."""
        if self.batch != 1:
            raise ValueError("repeat() needs a batch of one")
        return self.take(np.zeros(n, np.int64))

    def arrays(self) -> dict[str, np.ndarray]:
        return {f.name: getattr(self, f.name) for f in fields(self) if isinstance(getattr(self, f.name), np.ndarray)}

    def alliances_of(self, b: int, actor: int) -> list[int]:
        return [int(x) for x in np.nonzero(self.membership[b, :, actor])[0]]

    def allied_matrix(self) -> np.ndarray:
        """``[B, A, A]``: whether two actors share an alliance (never with
        themselves). Cached until :meth:`alliances_changed` is called."""
        cached = self.__dict__.get("_allied")
        if cached is None:
            m = self.membership
            cached = np.zeros((m.shape[0], m.shape[2], m.shape[2]), bool)
            for k in range(m.shape[1]):
                cached |= m[:, k, :, None] & m[:, k, None, :]
            idx = np.arange(m.shape[2])
            cached[:, idx, idx] = False
            self.__dict__["_allied"] = cached
        return cached

    def alliances_changed(self) -> None:
        self.__dict__.pop("_allied", None)

    def derive(self, key: object, inputs: tuple[np.ndarray, ...], compute: Callable[[], np.ndarray]) -> np.ndarray:
        """A table computed from ``inputs`` (arrays of this state, or read from
        it) by ``compute``, kept while every input holds the same bits: the
        engine changes arrays in place during a turn, and the next call after
        a change computes the table afresh. ``key`` names the table (with
        whatever else it depends on, e.g. the rules); callers must not change
        the table returned."""
        memo = self.__dict__.setdefault("_derived", {})
        hit = memo.get(key)
        checked = self.__dict__.get("_checked")
        if hit is not None and checked is not None and key in checked:
            return hit[1]
        if hit is not None and len(hit[0]) == len(inputs) and all(map(_same_bits, hit[0], inputs)):
            if checked is not None:
                checked.add(key)
            return hit[1]
        kept = tuple(np.array(x, copy=True) for x in inputs)
        value = compute()
        memo[key] = (kept, value)
        if checked is not None:
            checked.add(key)
        return value

    @contextmanager
    def read_only(self) -> Iterator[None]:
        """While the state is only read (the AI weighing its options): a table of :meth:`derive` found or made
        once is taken as it is, its inputs not compared again."""
        outer = self.__dict__.get("_checked")
        self.__dict__["_checked"] = set() if outer is None else outer
        try:
            yield
        finally:
            if outer is None:
                self.__dict__.pop("_checked", None)


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two arrays have the same shape, type and bytes (NaNs and signed zeros included)."""
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.flags.c_contiguous and b.flags.c_contiguous and a.dtype.itemsize in (1, 2, 4, 8):
        u = np.dtype(f"u{a.dtype.itemsize}")
        return bool(np.array_equal(a.reshape(-1).view(u), b.reshape(-1).view(u)))
    return a.tobytes() == b.tobytes()


def new_state(rules: Rules, seed: int = 0, batch: int = 1, seeds: np.ndarray | None = None) -> State:
    """The start of ``batch`` games; game ``k`` gets seed ``seed + k``."""
    if seeds is None:
        seeds = game_seeds(seed, batch)
    seeds = np.asarray(seeds, np.uint64)
    b = seeds.shape[0]
    ini = rules.initial
    A, R, E, P = rules.n_actors, rules.n_regions, len(rules.events), len(rules.roles)
    T, n_options = rules.n_tracks, len(rules.options)

    def rep(x: np.ndarray, dtype: type | None = None) -> np.ndarray:
        x = np.asarray(x)
        out = np.broadcast_to(x, (b, *x.shape)).copy()
        return out.astype(dtype) if dtype is not None else out

    f64 = np.float64
    return State(
        seed=seeds.copy(),
        turn=1,
        over=np.zeros(b, bool),
        end_turn=np.zeros(b, np.int64),
        catastrophe=np.zeros(b, bool),
        tension=np.full(b, float(ini.tension)),
        leverage=rep(ini.leverage, f64),
        reputation=rep(ini.reputation, f64),
        strength=rep(ini.strength, f64),
        readiness=rep(ini.readiness, f64),
        support=rep(ini.support, f64),
        budget=rep(ini.budget, f64),
        setback=np.zeros((b, A), np.int64),
        penalty=np.zeros((b, A), f64),
        mandate_force=rep(ini.mandate_force, bool),
        condemned=np.zeros((b, A), bool) if ini.condemned is None else rep(ini.condemned, bool),
        un_sanctions=np.zeros((b, A), bool) if ini.un_sanctions is None else rep(ini.un_sanctions, bool),
        stability=rep(ini.stability, f64),
        need=rep(ini.need, f64),
        reconstruction=np.zeros((b, R), f64),
        control=rep(ini.control, np.int64),
        crisis=rep(np.asarray(ini.stability) < rules.p("crisis_start"), bool),
        crisis_since=np.where(rep(np.asarray(ini.stability) < rules.p("crisis_start"), bool), 1, -99).astype(np.int64),
        post_conflict=rep(ini.post_conflict, bool),
        mandate_pk=rep(ini.mandate_pk, bool),
        violence=np.zeros((b, R), f64),
        forces=rep(ini.forces, f64),
        peacekeepers=rep(ini.peacekeepers, f64),
        consent=rep(ini.consent, bool),
        responded=np.zeros((b, A, R), bool),
        relations=rep(ini.relations, f64),
        sanctions=rep(ini.sanctions, bool),
        intel=np.zeros((b, A, A), np.int64),
        ultimatum=np.full((b, A, A), -1, np.int64),
        warned=np.full((b, A, A), -99, np.int64),
        escalation=np.zeros((b, A, A), f64),
        last_strike=np.full((b, A, A), -99, np.int64),
        last_summit=np.full((b, A, A), -99, np.int64),
        obligation=np.full((b, A, A), -1, np.int64),
        track_status=rep(ini.track_status, np.int64),
        progress=rep(ini.progress, f64),
        trust=rep(ini.trust, f64),
        mediator=rep(ini.mediator, np.int64),
        terms=np.full((b, T), 50.0),
        offer=np.full((b, T), -1, np.int64),
        offer_terms=np.full((b, T), 50.0),
        offer_turn=np.full((b, T), -1, np.int64),
        recent=np.zeros((b, n_options), np.float32),
        recent_action=np.zeros((b, A, len(rules.actions)), np.float32),
        membership=rep(ini.membership, bool),
        flags=rep(ini.flags, f64),
        fired=np.zeros((b, E), bool),
        pending=np.full((b, E), -1, np.int64),
        achieved=np.zeros((b, P), bool),
        defeated=np.zeros((b, P), bool),
        outcome=np.zeros((b, P), np.int64),
    )
