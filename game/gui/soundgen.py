"""Writes the game's sound cues into ``assets/sounds/``: short tones made
here with numpy (no recording, no sample from elsewhere), as 16-bit mono WAV
files. The same code always writes the same bytes.

    python -m game.gui.soundgen
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np

RATE = 22050
"""Samples per second."""

CUES = ("turn", "queued", "agreement", "strike", "crisis")
"""turn: a turn resolved; queued: an order queued; agreement: talks reached an
agreement; strike: a strike was carried out; crisis: a region fell into crisis."""


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(RATE * seconds)) / RATE


def _envelope(n: int, attack: float = 0.008, decay: float = 6.0) -> np.ndarray:
    """A quick rise and an exponential fall over ``n`` samples."""
    t = np.arange(n) / RATE
    rise = np.clip(t / attack, 0.0, 1.0)
    fall = np.exp(-decay * t / max(t[-1], 1e-9)) if n else t
    tail = np.clip((t[-1] - t) / 0.01, 0.0, 1.0) if n else t  # no click at the end
    return rise * fall * tail


def _bell(freq: float, seconds: float, decay: float = 5.0) -> np.ndarray:
    """A soft bell: a sine and two quieter overtones."""
    t = _t(seconds)
    tone = (
        np.sin(2 * np.pi * freq * t)
        + 0.35 * np.sin(2 * np.pi * 2.0 * freq * t)
        + 0.12 * np.sin(2 * np.pi * 3.0 * freq * t)
    )
    return tone / 1.47 * _envelope(len(t), decay=decay)


def _seq(*parts: tuple[float, np.ndarray]) -> np.ndarray:
    """Sounds laid over one another, each starting at its offset in seconds."""
    end = max(int(off * RATE) + len(x) for off, x in parts)
    out = np.zeros(end)
    for off, x in parts:
        k = int(off * RATE)
        out[k : k + len(x)] += x
    return out


def synth(cue: str) -> np.ndarray:
    """The cue's samples, in -1..1."""
    if cue == "turn":  # two rising notes: the turn is done
        return 0.5 * _seq((0.0, _bell(523.25, 0.35)), (0.12, _bell(783.99, 0.45)))
    if cue == "queued":  # one short click-like tick
        return 0.9 * _bell(1046.5, 0.09, decay=9.0)
    if cue == "agreement":  # a major chord, rising
        notes = (523.25, 659.25, 783.99, 1046.5)
        return 0.4 * _seq(*((k * 0.08, _bell(f, 0.7 - k * 0.08, decay=4.0)) for k, f in enumerate(notes)))
    if cue == "strike":  # a low thump with noise
        t = _t(0.45)
        freq = 110 * np.exp(-4 * t)  # a falling pitch
        body = np.sin(2 * np.pi * np.cumsum(freq) / RATE)
        noise = np.random.default_rng(7).standard_normal(len(t)) * np.exp(-14 * t)
        return 0.6 * (0.8 * body + 0.35 * noise) * _envelope(len(t), attack=0.003, decay=5.0)
    if cue == "crisis":  # two low, uneasy alternating notes
        return 0.45 * _seq(
            (0.0, _bell(311.13, 0.3, 4.0)), (0.18, _bell(293.66, 0.3, 4.0)), (0.36, _bell(311.13, 0.4, 4.0))
        )
    raise KeyError(cue)


def wav_bytes(cue: str) -> bytes:
    samples = np.clip(synth(cue), -1.0, 1.0)
    pcm = np.round(samples * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return buf.getvalue()


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for cue in CUES:
        path = folder / f"{cue}.wav"
        path.write_bytes(wav_bytes(cue))
        out.append(path)
    return out


if __name__ == "__main__":
    from game.scenario.loader import assets_dir

    for p in write(assets_dir() / "sounds"):
        print(f"wrote {p} ({p.stat().st_size} bytes)")
