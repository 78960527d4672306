"""Counter-based randomness: every draw is a pure function of its key.

A draw is keyed by the game's seed and by *what* is being decided (turn,
stream, actor, order slot, ...). Because no draw depends on how many other
draws were made before it, nor on which other games share the batch, game
``k`` of a batch gives the same numbers as the same game run alone with the
same seed. This is the engine's only source of randomness.

The mixing function is SplitMix64's finaliser, on ``uint64`` arrays (numpy
wraps unsigned arithmetic modulo 2**64 without warnings for arrays).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_C1 = np.uint64(0xBF58476D1CE4E5B9)
_C2 = np.uint64(0x94D049BB133111EB)
_S30 = np.uint64(30)
_S27 = np.uint64(27)
_S31 = np.uint64(31)
_S11 = np.uint64(11)
_KEY_OFFSET = 1 << 20  # keys may be -1 (no target); shift them to non-negative


class Stream(IntEnum):
    """Independent streams of draws, one per kind of decision."""

    ACTION = 1
    ACTION_2 = 2
    COUNCIL = 3
    EVENT = 4
    EFFECT = 5
    REGION = 6
    OBSERVE = 7
    AI = 8
    ROLLOUT = 9


def _mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finaliser, in place."""
    x ^= x >> _S30
    x *= _C1
    x ^= x >> _S27
    x *= _C2
    x ^= x >> _S31
    return x


def hash_keys(seeds: np.ndarray, *keys: int | np.ndarray) -> np.ndarray:
    """64-bit hash of (seed, keys...) for each element; shapes broadcast.

    Keys are folded in with a multiply-xor step each, then the result is
    mixed twice with SplitMix64's finaliser.
    """
    h = np.atleast_1d(np.asarray(seeds, np.uint64)) * _GOLDEN + _C2
    for k in keys:
        kk = (np.asarray(k, np.int64) + _KEY_OFFSET).astype(np.uint64)
        if np.broadcast_shapes(h.shape, kk.shape) == h.shape:
            h ^= kk
        else:
            h = h ^ kk
        h *= _C1
    return _mix(_mix(h))


def uniform(seeds: np.ndarray, *keys: int | np.ndarray) -> np.ndarray:
    """Uniform floats in [0, 1), one per element of the broadcast keys."""
    return (hash_keys(seeds, *keys) >> _S11).astype(np.float64) * (1.0 / 9007199254740992.0)


def stable(x: np.ndarray) -> np.ndarray:
    """Round a result of exp/log/cos to 1e-9.

    Those functions may differ in the last bit between processors (numpy
    picks SIMD code by CPU); rounding keeps games identical on every machine
    (a difference survives only if it straddles a rounding boundary).
    """
    return np.round(x, 9)


def normal(seeds: np.ndarray, *keys: int | np.ndarray) -> np.ndarray:
    """Standard normal draws (Box–Muller on two keyed uniforms)."""
    u1 = uniform(seeds, *keys, 1)
    u2 = uniform(seeds, *keys, 2)
    return stable(np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2))


def game_seeds(seed: int, batch: int) -> np.ndarray:
    """Seeds of the games of a batch: game ``k`` has seed ``seed + k``."""
    return (np.uint64(seed) + np.arange(batch, dtype=np.uint64)).astype(np.uint64)
