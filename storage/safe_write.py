"""Writing a file so that a failure changes nothing: temp file, fsync, check, rename.

Every export (charts, CSV) goes through replace_atomically: the new content is written
to a temporary file in the target's folder (so the rename cannot cross file systems),
flushed to the disk, checked by the caller's checker (e.g. that a PDF ends with its
%%EOF: a nearly full disk can leave a truncated file that the writer reported as fine),
and only then renamed over the target. When anything fails the old file is untouched,
the temporary file is removed and SafeWriteError says what happened in one line.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# a spreadsheet runs a cell beginning with one of these as a formula (OWASP, CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_REASON = 160


class SafeWriteError(Exception):
    """The file could not be written; the old one (if any) is as it was."""


def _reason(e: BaseException) -> str:
    if isinstance(e, OSError):
        if e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "the disk is full"
        text = e.strerror or str(e)
    else:
        text = str(e) or type(e).__name__
    text = " ".join(text.split())
    return text if len(text) <= MAX_REASON else text[: MAX_REASON - 1] + "…"


def _fsync_path(path: Path | str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_target(target: Path, no_folder: str = "{target}: no such folder {folder}",
                 error: type[Exception] = SafeWriteError) -> Path:
    """The folder `target` is to be written in; raises `error` when that folder is missing
    (message `no_folder`, formatted with target and folder) or target is a folder."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise error(no_folder.format(target=target, folder=folder))
    if target.is_dir():
        raise error(f"{target}: is a folder")
    return folder


def replace_atomically(
    target: Path | str,
    write: Callable[[str], None],
    check: Callable[[str], None] | None = None,
    mode: int = 0o600,
) -> Path:
    """Write target through write(temp_path), check(temp_path), then rename; all or nothing.

    write and check raise on failure (any exception: its text becomes the message).
    mode is the finished file's permission bits (default: readable by its owner only).
    """
    target = Path(target)
    folder = check_target(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}-", suffix=".part", dir=folder)
    except OSError as e:
        raise SafeWriteError(f"{folder}: cannot write there ({_reason(e)})") from None
    os.close(fd)
    try:
        write(tmp)
        _fsync_path(tmp)
        if os.path.getsize(tmp) == 0:
            raise SafeWriteError(f"{target}: not written (nothing was written)")
        if check is not None:
            try:
                check(tmp)
            except Exception as e:
                raise SafeWriteError(
                    f"{target}: not written, the file came out incomplete ({_reason(e)}); "
                    "is the disk full?"
                ) from None
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        _fsync_path(folder)
    except SafeWriteError:
        raise
    except Exception as e:  # any failure: the old file stays, the message is one line
        raise SafeWriteError(f"{target}: not written ({_reason(e)})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def write_bytes_atomically(target: Path | str, data: bytes, mode: int = 0o600) -> Path:
    """data to target, all or nothing (see replace_atomically)."""

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    def check(tmp: str) -> None:
        if os.path.getsize(tmp) != len(data):
            raise SafeWriteError(f"{target}: not written (the file came out short)")

    return replace_atomically(target, write, check, mode)


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run: text beginning = + - @ tab or CR gets a
    leading apostrophe (OWASP's advice). A plain number such as -3 or +5 is left as is."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]], delimiter=",") -> str:
    """The rows as CSV text, every cell through safe_cell (the app's only CSV writer)."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    w.writerow([safe_cell(c) for c in header])
    w.writerows([safe_cell(c) for c in r] for r in rows)
    return out.getvalue()


def write_csv_atomically(
    target: Path | str, header: Sequence[object], rows: Iterable[Sequence[object]]
) -> Path:
    """A CSV file (UTF-8, neutralised cells, mode 0600), all or nothing."""
    return write_bytes_atomically(target, csv_text(header, rows).encode("utf-8"), 0o600)


def write_folder_atomically(target: Path | str, write: Callable[[Path], None]) -> Path:
    """A new folder target filled by write(temp_folder), all or nothing.

    The files are written into a hidden temporary folder beside target, each flushed to
    the disk, and the folder is renamed to target only when write returned: a failure,
    a full disk or a cancel leaves no folder behind. target must not exist (or be empty).
    """
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise SafeWriteError(f"{target}: no such folder {parent}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SafeWriteError(f"{target}: already exists and is not empty; choose a new folder")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}-", suffix=".part", dir=parent))
    except OSError as e:
        raise SafeWriteError(f"{parent}: cannot write there ({_reason(e)})") from None
    try:
        write(tmp)
        for f in tmp.iterdir():  # data files readable by their owner only, as the casebook
            os.chmod(f, 0o600)
            _fsync_path(f)
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
        _fsync_path(parent)
    except SafeWriteError:
        raise
    except Exception as e:
        if getattr(e, "keep_type", False):  # e.g. a cancel: the caller handles it
            raise
        raise SafeWriteError(f"{target}: not written ({_reason(e)})") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target
