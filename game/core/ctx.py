"""Resolution context: applies changes with causes, or predicts them.

Every action resolver is written once against a :class:`Ctx`. In ``play``
mode the context draws random outcomes, changes the state (clipping every
value to its range) and writes the ledger. In the prediction modes it leaves
the state alone and records what would change:

* ``mean`` — chances are probabilities and outcomes are blended, giving the
  expected change;
* ``best`` / ``worst`` — every chance goes the actor's way, or against it,
  giving the range shown next to the expectation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.core.conditions import QUANTITIES, Ref
from game.core.ledger import Cause, CauseKind, Entry, Ledger
from game.core.rng import Stream, uniform
from game.core.spec import Rules
from game.core.state import State

CauseLike = Cause | Callable[[int], Cause]
_FATIGUED = frozenset({"leverage", "reputation", "support", "relations"})
"""Gains an order brings its actor that shrink when the order is repeated."""
PLAY, MEAN, BEST, WORST = "play", "mean", "best", "worst"


@dataclass
class Entries:
    """A set of orders (or candidate orders) being resolved together.

    Each element is one order: the game (``rows``), the ordering actor, its
    target actor / region / track, the order slot and the option index.
    """

    rows: np.ndarray
    actor: np.ndarray
    target: np.ndarray
    region: np.ndarray
    track: np.ndarray
    slot: np.ndarray
    option: np.ndarray
    idx: np.ndarray | None = None
    """Position of each order in the set first resolved (kept by :meth:`sub`)."""
    memo: dict | None = field(default=None, repr=False, compare=False)
    """Values of the set first resolved worked out once while it is resolved (shared by :meth:`sub`): each
    order's fatigue (``recent`` does not change while one action's orders resolve)."""

    def __post_init__(self) -> None:
        if self.idx is None:
            self.idx = np.arange(len(self.rows))
            if self.memo is None:
                self.memo = {"root": (self.rows, self.option)}

    def __len__(self) -> int:
        return int(self.rows.shape[0])

    def sub(self, mask: np.ndarray) -> "Entries":
        mask = np.asarray(mask)
        keep = np.flatnonzero(mask) if mask.dtype == bool else mask
        return Entries(*(getattr(self, f)[keep] for f in _FIELDS), memo=self.memo)

    def at(self, i: int) -> int:
        """Local position of the order whose original position is ``i``."""
        return int(np.searchsorted(self.idx, i))

    @staticmethod
    def for_options(rules: Rules, rows: np.ndarray, options: np.ndarray, slot: int | np.ndarray = 0) -> "Entries":
        options = np.asarray(options, np.int64)
        n = len(options)
        return Entries(
            rows=np.asarray(rows, np.int64),
            actor=rules.opt_actor[options],
            target=rules.opt_target[options],
            region=rules.opt_region[options],
            track=rules.opt_track[options],
            slot=np.broadcast_to(np.asarray(slot, np.int64), (n,)).copy(),
            option=options,
        )


_FIELDS = ("rows", "actor", "target", "region", "track", "slot", "option", "idx")


@dataclass
class Record:
    """A predicted change: quantity, subject indices per entry, delta per entry."""

    quantity: str
    subject: tuple[np.ndarray, ...]
    delta: np.ndarray
    entry: np.ndarray
    """Which entries of the prediction the deltas belong to."""
    value: np.ndarray | None = None
    """For a value that is set (control, status, ...): the new value; ``delta``
    is then weighted by the chance it happens, which ``chance`` gives."""
    chance: np.ndarray | None = None


@dataclass
class Ctx:
    rules: Rules
    state: State
    ledger: Ledger | None = None
    mode: str = PLAY
    phase: str = ""
    records: list[Record] = field(default_factory=list)
    notes: list[tuple[np.ndarray, str]] = field(default_factory=list)
    news: list[tuple[int, str]] = field(default_factory=list)
    """(game, text) lines for the turn report; kept only when recording."""
    orders: np.ndarray | None = None
    """This turn's orders ``[B, A, K]`` while resolving (coalitions need them)."""
    council_tally: dict[str, np.ndarray] | None = None
    wants_notes: bool = True
    """Whether predictions keep their remarks in words (the AI does without)."""

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def playing(self) -> bool:
        return self.mode == PLAY

    @property
    def recording(self) -> bool:
        return self.ledger is not None

    # ------------------------------------------------------------ chance
    def chance(
        self, e: Entries, p: np.ndarray | float, stream: Stream = Stream.ACTION, draw: int = 0, good: bool = True
    ) -> np.ndarray:
        """Whether something with probability ``p`` happens, per entry.

        ``good`` says whether it happening is good for the ordering actor
        (used by the best/worst predictions).
        """
        p = np.broadcast_to(np.asarray(p, np.float64), (len(e),))
        if self.mode == PLAY:
            u = uniform(self.state.seed[e.rows], self.turn, int(stream), e.actor, e.slot, draw)
            return u < p
        if self.mode == MEAN:
            return p.copy()
        if (self.mode == BEST) == good:
            return p > 0.0
        return p >= 1.0

    def draw(self, rows: np.ndarray, p: np.ndarray | float, *keys: int | np.ndarray) -> np.ndarray:
        """A rule's chance, keyed explicitly (events, regions, votes)."""
        p = np.broadcast_to(np.asarray(p, np.float64), (len(rows),))
        if self.mode == PLAY:
            return uniform(self.state.seed[rows], self.turn, *keys) < p
        if self.mode == MEAN:
            return p.copy()
        return p >= 0.5

    def seen(self, quantity: str, rows: np.ndarray, viewer: np.ndarray, subject: np.ndarray) -> np.ndarray:
        """An actor quantity of ``subject`` as ``viewer`` knows it: the true
        value in play, the viewer's estimate (fog of war) in predictions."""
        true = getattr(self.state, quantity)[rows, subject].astype(np.float64)
        if self.mode == PLAY:
            return true
        from game.core.observe import estimate_at

        return estimate_at(self.rules, self.state, rows, viewer, subject, quantity)

    @staticmethod
    def pick(ok: np.ndarray, yes: np.ndarray | float, no: np.ndarray | float) -> np.ndarray:
        """``yes`` where ``ok``, else ``no``; blended when ``ok`` is a probability."""
        if ok.dtype == bool:
            return np.where(ok, yes, no).astype(np.float64)
        return ok * yes + (1.0 - ok) * no

    @staticmethod
    def certain(ok: np.ndarray) -> np.ndarray:
        """``ok`` as booleans: for a probability, 'more likely than not'."""
        if ok.dtype == bool:
            return ok
        return ok >= 0.5

    # ------------------------------------------------------------ changes
    @staticmethod
    def _where(on: "Entries | np.ndarray") -> tuple[np.ndarray, np.ndarray]:
        if isinstance(on, Entries):
            return on.rows, np.asarray(on.idx)
        rows = np.asarray(on, np.int64)
        return rows, np.arange(len(rows))

    def add(
        self,
        quantity: str,
        on: "Entries | np.ndarray",
        subject: tuple[np.ndarray | int, ...],
        delta: np.ndarray | float,
        cause: CauseLike,
    ) -> np.ndarray:
        """Add ``delta`` to a quantity (clipped to its range); returns the real change.

        ``on`` is a set of orders (then ``cause`` is called with each order's
        original position) or plain game rows (then with the row position).
        Several changes to the same value apply one after the other, in order.
        """
        rows, entry = self._where(on)
        q = QUANTITIES[quantity]
        n = len(rows)
        arr = getattr(self.state, q.field)
        if q.table == "global":
            key = rows
            idx: tuple[np.ndarray, ...] = ()
        else:
            idx = tuple(np.full(n, k, np.int64) if np.ndim(k) == 0 else np.asarray(k, np.int64) for k in subject)
            key = _flat_index(rows, idx, arr.shape)
        if not arr.flags.c_contiguous:
            raise ValueError(f"state array {q.field} is not contiguous")
        flat = arr.reshape(-1)
        delta = np.asarray(delta, np.float64)
        if delta.ndim == 0:
            delta = np.full(n, float(delta))
        if isinstance(on, Entries) and quantity in _FATIGUED:
            delta = self._fatigued(quantity, on, idx, delta)
        old = flat[key].astype(np.float64, copy=False)
        if self.mode != PLAY:
            delta = self._headroom(quantity, old, delta)
            new = np.minimum(np.maximum(old + delta, q.lo), q.hi)
            if q.integer:
                new = np.round(new)
            d = new - old
            self.records.append(Record(quantity, idx, d, entry))
            return d
        if not _repeats(key, flat.size):
            return self._apply(q, flat, key, old, delta, rows, idx, entry, cause)
        # Same value changed more than once: apply in rounds, in order.
        order = np.argsort(key, kind="stable")
        ks = key[order]
        starts = np.r_[True, ks[1:] != ks[:-1]]
        first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
        rank = np.empty(n, np.int64)
        rank[order] = np.arange(n) - first
        out = np.zeros(n)
        for r in range(int(rank.max()) + 1):
            m = rank == r
            sel = np.nonzero(m)[0]
            out[sel] = self._apply(
                q,
                flat,
                key[sel],
                flat[key[sel]].astype(np.float64, copy=False),
                delta[sel],
                rows[sel],
                tuple(i[sel] for i in idx),
                entry[sel],
                cause,
            )
        return out

    def _fatigued(self, quantity: str, on: Entries, idx: tuple[np.ndarray, ...], delta: np.ndarray) -> np.ndarray:
        """An order's gains in standing for its actor shrink when it was given
        lately (repeating one order yields less each time)."""
        mine = idx[1] == on.actor if quantity == "relations" else idx[0] == on.actor
        m = mine & (delta > 0)
        if not m.any():
            return delta
        from game.core.stocks import fatigue

        memo = on.memo
        if memo is not None and "root" in memo:
            # Worked out once for every order of the set (each order's share depends on its game and option only).
            full = memo.get("fatigue")
            if full is None:
                rows, option = memo["root"]
                full = memo["fatigue"] = fatigue(self.rules, self.state, rows, option)
            return np.where(m, delta * full[on.idx], delta)
        if len(delta) <= 32:
            return np.where(m, delta * fatigue(self.rules, self.state, on.rows, on.option), delta)
        j = np.flatnonzero(m)
        out = delta.copy()
        out[j] = delta[j] * fatigue(self.rules, self.state, on.rows[j], on.option[j])
        return out

    def _headroom(self, quantity: str, old: np.ndarray, delta: np.ndarray) -> np.ndarray:
        """Stability gains shrink as a region nears full stability."""
        if quantity != "stability":
            return delta
        room = np.clip((100.0 - old) / self.rules.p("stability_headroom"), 0.0, 1.0)
        return np.where(delta > 0, delta * room, delta)

    def _apply(
        self,
        q: "object",
        flat: np.ndarray,
        key: np.ndarray,
        old: np.ndarray,
        delta: np.ndarray,
        rows: np.ndarray,
        idx: tuple[np.ndarray, ...],
        entry: np.ndarray,
        cause: CauseLike,
    ) -> np.ndarray:
        delta = self._headroom(q.name, old, delta)  # type: ignore[attr-defined]
        new = np.minimum(np.maximum(old + delta, q.lo), q.hi)  # type: ignore[attr-defined]
        if q.integer:  # type: ignore[attr-defined]
            new = np.round(new)
        flat[key] = new.astype(flat.dtype)
        d = new - old
        if self.ledger is not None:
            self._log(q.name, rows, idx, d, new, cause, entry)  # type: ignore[attr-defined]
        return d

    def set(
        self,
        quantity: str,
        on: "Entries | np.ndarray",
        subject: tuple[np.ndarray | int, ...],
        value: np.ndarray | float,
        cause: CauseLike,
        where: np.ndarray | None = None,
    ) -> None:
        """Set a quantity to ``value`` where ``where`` holds (a probability: weighted)."""
        rows, entry = self._where(on)
        n = len(rows)
        if where is None:
            where = np.ones(n, bool)
        q = QUANTITIES[quantity]
        idx = tuple(np.broadcast_to(np.asarray(k, np.int64), (n,)) for k in subject)
        arr = getattr(self.state, q.field)
        old = (arr[rows] if q.table == "global" else arr[(rows, *idx)]).astype(np.float64)
        value = np.broadcast_to(np.asarray(value, np.float64), (n,))
        if self.mode != PLAY:
            w = np.broadcast_to(np.asarray(where, np.float64), (n,))
            self.records.append(Record(quantity, idx, (value - old) * w, entry, np.asarray(value, np.float64), w))
            return
        m = np.asarray(where, bool)
        if not m.any():
            return
        r2 = rows[m]
        i2 = tuple(k[m] for k in idx)
        new = np.clip(value[m], q.lo, q.hi)
        if q.table == "global":
            arr[r2] = new
        else:
            arr[(r2, *i2)] = new.astype(arr.dtype)
        if quantity == "member":
            self.state.alliances_changed()
        if self.ledger is not None:
            self._log(quantity, r2, i2, new - old[m], new, cause, entry[m])

    def ref_add(
        self,
        ref: Ref,
        on: "Entries | np.ndarray",
        bind: dict[str, np.ndarray] | None,
        amount: np.ndarray | float,
        cause: CauseLike,
    ) -> np.ndarray:
        rows, _ = self._where(on)
        return self.add(ref.quantity, on, ref.indices(len(rows), bind), amount, cause)

    def ref_set(
        self,
        ref: Ref,
        on: "Entries | np.ndarray",
        bind: dict[str, np.ndarray] | None,
        value: np.ndarray | float,
        cause: CauseLike,
        where: np.ndarray | None = None,
    ) -> None:
        rows, _ = self._where(on)
        self.set(ref.quantity, on, ref.indices(len(rows), bind), value, cause, where)

    def note(self, on: "Entries", text: str, mask: np.ndarray | None = None) -> None:
        """A remark for predictions (e.g. 'opens a platform for talks'), kept where they are wanted."""
        if self.mode != PLAY and self.wants_notes:
            idx = np.asarray(on.idx) if mask is None else np.asarray(on.idx)[np.asarray(mask, bool)]
            self.notes.append((idx, text))

    def say(self, on: "Entries | np.ndarray", text: Callable[[int], str] | str, mask: np.ndarray | None = None) -> None:
        """A news line for the turn report (only when recording); ``text`` gets
        the original position, like a cause."""
        if self.ledger is None or self.mode != PLAY:
            return
        rows, entry = self._where(on)
        for i in range(len(rows)):
            if mask is not None and not mask[i]:
                continue
            self.news.append((int(rows[i]), text(int(entry[i])) if callable(text) else text))

    # ------------------------------------------------------------ internals
    def _log(
        self,
        quantity: str,
        rows: np.ndarray,
        idx: tuple[np.ndarray, ...],
        d: np.ndarray,
        new: np.ndarray,
        cause: CauseLike,
        entry: np.ndarray,
    ) -> None:
        assert self.ledger is not None
        for i in np.nonzero(np.abs(d) > 1e-9)[0]:
            c = cause if isinstance(cause, Cause) else cause(int(entry[i]))
            self.ledger.add(
                Entry(
                    game=int(rows[i]),
                    turn=self.turn,
                    phase=self.phase,
                    quantity=quantity,
                    subject=tuple(int(k[i]) for k in idx),
                    delta=float(d[i]),
                    value=float(new[i]),
                    cause=c,
                )
            )


def _flat_index(rows: np.ndarray, idx: tuple[np.ndarray, ...], shape: tuple[int, ...]) -> np.ndarray:
    """Positions in the flattened array of the elements ``[rows, *idx]`` (in range)."""
    key = rows
    for i, size in zip(idx, shape[1:]):
        key = key * size + i
    return key


def _repeats(key: np.ndarray, size: int) -> bool:
    """Whether a position occurs more than once among ``key`` (all in ``range(size)``)."""
    if len(key) < 2:
        return False
    if 64 * len(key) < size:
        # Few positions in a large table: sorting them is cheaper than marking them.
        srt = np.sort(key)
        return bool((srt[1:] == srt[:-1]).any())
    seen = np.zeros(size, bool)
    seen[key] = True
    return int(np.count_nonzero(seen)) < len(key)


def rule_cause(name: str, text: str, actor: int = -1) -> Cause:
    return Cause(CauseKind.RULE, name, text, actor)
