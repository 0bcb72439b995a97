"""A data export as one .zip file instead of a folder, and reading such a file back.

write_zip_atomically fills a hidden temporary folder beside the target (as a folder
export does), packs it into a hidden temporary .zip beside the target, flushes that to
the disk, checks it (zipfile's testzip reads every member back against its CRC, the
members are exactly the files written, and the README.txt inside is the one written),
and only then renames it to the target. A failure, a full disk or a cancel leaves
neither the temporary folder nor a .zip behind. The files are at the top of the zip, as
they are in an export folder.

extract_export unpacks a zip given to `import` into a scratch folder, refusing what an
export never holds (paths, links, more than the disk can take), and names the file
to import in it: cases.csv's folder, redcap_records.csv or the workbook.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from .safe_write import SafeWriteError, _fsync_path, _reason

README = "README.txt"
IMPORTABLE = ("cases.csv", "redcap_records.csv", "dm_casebook.xlsx")


def is_zip_target(path: Path | str) -> bool:
    """An export target naming a .zip file (case-insensitive)."""
    return Path(path).suffix.lower() == ".zip"


def _check(tmp: str, files: list[str], readme: bytes) -> None:
    with zipfile.ZipFile(tmp) as z:
        bad = z.testzip()
        if bad is not None:
            raise SafeWriteError(f"{bad} did not read back as written")
        if sorted(z.namelist()) != sorted(files):
            raise SafeWriteError("the files in it are not the files written")
        if z.read(README) != readme:
            raise SafeWriteError(f"its {README} is not the one written")


def write_zip_atomically(target: Path | str, write: Callable[[Path], None]) -> Path:
    """A new .zip target holding the files write(temp_folder) wrote, all or nothing.

    target must not exist; the folder written must hold README.txt. Exceptions with
    keep_type (a cancel) pass through as they are; any other failure becomes
    SafeWriteError in one line."""
    target = Path(target)
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise SafeWriteError(f"{target}: no such folder {parent}")
    if target.exists() or target.is_symlink():
        raise SafeWriteError(f"{target}: already exists; choose a new name")
    stem = f".{target.name[:40]}-"
    try:
        staging = Path(tempfile.mkdtemp(prefix=stem, suffix=".part", dir=parent))
    except OSError as e:
        raise SafeWriteError(f"{parent}: cannot write there ({_reason(e)})") from None
    tmp = None
    try:
        write(staging)
        files = sorted(p.name for p in staging.iterdir())
        readme = (staging / README).read_bytes()
        fd, tmp = tempfile.mkstemp(prefix=stem, suffix=".part", dir=parent)
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(
                handle, "w", zipfile.ZIP_DEFLATED) as z:
            for name in files:
                z.write(staging / name, name)
        _fsync_path(tmp)
        try:
            _check(tmp, files, readme)
        except Exception as e:
            raise SafeWriteError(f"{target}: not written, the file came out incomplete "
                                 f"({_reason(e)}); is the disk full?") from None
        os.chmod(tmp, 0o600)  # readable by its owner only, as the casebook
        if target.exists() or target.is_symlink():  # made meanwhile: never replaced
            raise SafeWriteError(f"{target}: already exists; choose a new name")
        os.replace(tmp, target)
        tmp = None
        _fsync_path(parent)
    except SafeWriteError:
        raise
    except Exception as e:
        if getattr(e, "keep_type", False):  # e.g. a cancel: the caller handles it
            raise
        raise SafeWriteError(f"{target}: not written ({_reason(e)})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
    return target


class ZipRefused(Exception):
    """The zip is not an export this app can import; one line for the user."""


def _member_path(zip_name: str, info: zipfile.ZipInfo) -> Path | None:
    """The member's place relative to the scratch folder; None for a folder entry.
    Refuses absolute paths, '..', backslashes, links and other special files."""
    name = info.filename
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise ZipRefused(f"{zip_name}: {name!r} is a link or a special file; an export "
                         "holds plain files only")
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(p in ("..", ".") for p in parts) or (
            len(parts) > 1 and ":" in parts[0]):
        raise ZipRefused(f"{zip_name}: {name!r} points outside the zip; an export holds "
                         "plain file names only")
    if info.is_dir():
        return None
    return Path(*parts)


def extract_export(path: Path, scratch: Path) -> Path:
    """Unpack the zip at path into scratch; returns what to import: the folder holding
    cases.csv, else redcap_records.csv, else the workbook dm_casebook.xlsx, at the top
    of the zip or in its one folder. ZipRefused says why when it cannot."""
    try:
        with zipfile.ZipFile(path) as z:
            members = [(info, _member_path(path.name, info)) for info in z.infolist()]
            size = sum(info.file_size for info, _ in members)
            free = shutil.disk_usage(scratch).free
            if size > free:
                raise ZipRefused(f"{path.name}: unpacked it would take {size:,} bytes, more "
                                 f"than the {free:,} free for it")
            for info, rel in members:
                if rel is None:
                    continue
                out = scratch / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                with z.open(info) as src, open(out, "wb") as dst:
                    shutil.copyfileobj(src, dst)  # checks the CRC at the end
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as e:
        raise ZipRefused(f"{path.name}: not a readable zip file ({e})") from None
    except OSError as e:
        raise ZipRefused(f"{path.name}: cannot be unpacked ({_reason(e)})") from None
    tops = list(scratch.iterdir())
    folder = tops[0] if len(tops) == 1 and tops[0].is_dir() else scratch
    for name in IMPORTABLE:
        if (folder / name).is_file():
            return folder if name == "cases.csv" else folder / name
    raise ZipRefused(f"{path.name}: holds no {', '.join(IMPORTABLE)}; give the .zip of an "
                     "export of this app")
