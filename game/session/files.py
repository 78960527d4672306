"""Reading and writing the player's files safely.

* :func:`read_bounded` refuses anything that is not a regular file (a
  folder, a FIFO, a device such as ``/dev/zero``) before opening it, opens
  without blocking, checks again on the open file and reads at most the cap,
  so an untrusted path can neither hang the game nor fill its memory.
* :func:`write_atomic` writes a temporary file next to the target and renames
  it over the old one, keeping the previous file as ``NAME.bak``: a crash or a
  full disk never leaves half a file, and the last good copy survives.
* :func:`check_outputs` refuses an output path that is one of the inputs,
  another output, a folder, or in a folder that does not exist.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


class FileProblem(OSError):
    """A file that cannot be read or written, with the path and the reason in one line."""


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def regular_file(path: str | Path, what: str = "file") -> os.stat_result:
    """The status of ``path`` if it is an existing regular file; else FileProblem."""
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read the {what}: {_why(exc).lower()}") from None
    except ValueError:
        raise FileProblem(f"{clean_line(path)!r}: not a valid file name") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileProblem(f"{path}: is a folder, not a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise FileProblem(f"{path}: not a regular file (a device, pipe or socket cannot be a {what})")
    return st


def read_bounded(path: str | Path, cap: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``cap`` bytes."""
    path = Path(path)
    st = regular_file(path, what)
    if st.st_size > cap:
        raise FileProblem(f"{path}: too large for a {what} ({st.st_size:,} bytes; the limit is {cap:,})")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise FileProblem(f"{path}: cannot read the {what}: {_why(exc).lower()}") from None
    try:
        # The path may have been swapped between the check and the open.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FileProblem(f"{path}: not a regular file (a device, pipe or socket cannot be a {what})")
        chunks: list[bytes] = []
        total = 0
        while total <= cap:
            try:
                chunk = os.read(fd, min(1 << 20, cap + 1 - total))
            except OSError as exc:
                raise FileProblem(f"{path}: cannot read the {what}: {_why(exc).lower()}") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > cap:
            raise FileProblem(f"{path}: too large for a {what} (more than {cap:,} bytes)")
        return b"".join(chunks)
    finally:
        os.close(fd)


def write_atomic(path: str | Path, text: str, keep_backup: bool = True) -> Path:
    """Write ``text`` to ``path`` atomically, keeping the previous file as .bak.

    Raises FileProblem (one line, naming the file) when it cannot be written;
    the old file is then untouched."""
    path = Path(path)
    if "\x00" in str(path):
        raise FileProblem(f"{clean_line(path)!r}: not a valid file name")
    if path.is_dir():
        raise FileProblem(f"{path}: is a folder; name a file to write")
    if path.exists() and not path.is_file():
        raise FileProblem(f"{path}: not a regular file; will not write over it")
    tmp = ""
    bak_tmp = path.with_name(f".{path.name}.bak.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        # mkstemp creates the file private; give it the usual permissions.
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(fd, 0o666 & ~mask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if keep_backup and path.is_file():
            with open(path, "rb") as src, open(bak_tmp, "wb") as dst:
                while block := src.read(1 << 20):
                    dst.write(block)
            os.replace(bak_tmp, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except OSError as exc:
        _cleanup(tmp, bak_tmp)
        raise FileProblem(f"{path}: cannot write: {_why(exc).lower()}") from None
    except BaseException:
        _cleanup(tmp, bak_tmp)
        raise
    return path


def _cleanup(*paths: str | Path) -> None:
    for leftover in paths:
        try:
            if leftover and os.path.lexists(leftover):
                os.unlink(leftover)
        except OSError:
            pass


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name the same file (or would, once written)."""
    try:
        if os.path.exists(a) and os.path.exists(b):
            return os.path.samefile(a, b)
        return Path(os.path.realpath(a)) == Path(os.path.realpath(b))
    except (OSError, ValueError):
        return str(a) == str(b)


def check_outputs(outputs: Iterable[tuple[str, str | Path, tuple[str, ...]]], inputs: Iterable[str | Path]) -> None:
    """Refuse, before anything is written, outputs that would overwrite an
    input or each other, or that cannot be written at all.

    ``outputs`` holds (option, path, names) triples: names is () for a file,
    or the names of the files written into the folder ``path``."""
    inputs = list(inputs)
    seen: list[tuple[str, Path, tuple[str, ...]]] = []
    for option, raw, names in outputs:
        path = Path(raw)
        if "\x00" in str(path):
            raise FileProblem(f"{option}: not a valid file name")
        targets = [path / n for n in names] if names else [path]
        # What the output itself is comes first: a folder named as a file is
        # reported as such, wherever the other outputs go.
        if names:
            if path.exists() and not path.is_dir():
                raise FileProblem(f"{option} {raw}: not a folder")
            for t in targets:
                if t.is_dir() or (t.exists() and not t.is_file()):
                    raise FileProblem(f"{option} {raw}: {t} is not a regular file; will not write over it")
            parent = path
        else:
            if path.is_dir():
                raise FileProblem(f"{option} {raw}: is a folder; name a file to write")
            if path.exists() and not path.is_file():
                raise FileProblem(f"{option} {raw}: not a regular file; will not write over it")
            parent = path.parent
        for src in inputs:
            if any(same_file(t, src) for t in targets) or (names and same_file(path, src)):
                raise FileProblem(
                    f"{option} {raw}: would overwrite the input {src}; choose another {'folder' if names else 'file'}"
                )
            if any(same_file(t.with_name(t.name + ".bak"), src) for t in targets):
                raise FileProblem(
                    f"{option} {raw}: its backup would overwrite the input {src}; "
                    f"choose another {'folder' if names else 'file'}"
                )
        for other_option, other, other_names in seen:
            if _overlap(path, targets, bool(names), other, other_names):
                raise FileProblem(
                    f"{option} {raw}: {other_option} {other} already writes there "
                    "(no output may be another output, its backup, or inside its folder); "
                    f"choose another {'folder' if names else 'file'}"
                )
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            raise FileProblem(f"{option} {raw}: {parent} is not a folder")
        if not os.access(parent, os.W_OK):
            raise FileProblem(f"{option} {raw}: cannot write in {parent} (no permission, or a read-only disk)")
        seen.append((option, path, names))


def _real(path: str | Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def _inside(a: Path, b: Path) -> bool:
    """Whether a is b or lies inside the folder b."""
    return a == b or b in a.parents


def _overlap(path: Path, targets: list[Path], folder: bool, other: Path, other_names: tuple[str, ...]) -> bool:
    """Whether two outputs collide: the same file, one's backup the other, one
    inside the other's folder, or one written where the other needs a folder."""
    mine = [_real(t) for t in targets] + ([_real(path)] if folder else [])
    theirs = [_real(other / n) for n in other_names] + [_real(other)]
    backups = [t.with_name(t.name + ".bak") for t in mine]
    other_backups = [t.with_name(t.name + ".bak") for t in theirs]
    if any(b in theirs for b in backups) or any(b in mine for b in other_backups):
        return True
    return any(_inside(a, b) or _inside(b, a) for a in mine for b in theirs) or any(
        same_file(a, b) for a in mine for b in theirs
    )


_CONTROL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|"
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: object) -> str:
    """Text safe to print to a terminal: escape sequences and control
    characters removed, tabs made spaces (new lines kept, for the program's
    own layout; see :func:`clean_line` for untrusted text inside a line)."""
    return _CONTROL.sub("", str(text).replace("\t", " "))


def clean_line(text: object) -> str:
    """:func:`clean`, and on one line (new lines and tabs become spaces)."""
    return clean(str(text).replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
