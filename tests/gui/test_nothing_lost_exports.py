"""Issue 12 item 3: an export on a full disk leaves the previous file as it was.

A full disk is simulated with RLIMIT_FSIZE (writes past the limit fail with EFBIG in
every writer, Qt's PNG, SVG and PDF writers included), set only around the export.
"""

from __future__ import annotations

import contextlib
import errno
import resource
import signal
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QImage

from gui.plots.export import ExportError, export_chart
from storage.seed import paper_cases


@pytest.fixture(scope="module")
def index():
    return next(c for c in paper_cases() if c.reference_number == "Our case")


@contextlib.contextmanager
def disk_full_after(n_bytes: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (n_bytes, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)


def readable(path) -> None:
    """Read the file with another program than the one that wrote it."""
    data = path.read_bytes()
    if path.suffix == ".png":
        assert not QImage(str(path)).isNull()
    elif path.suffix == ".svg":
        ElementTree.fromstring(data)
    else:
        import subprocess

        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("ext", ["png", "svg", "pdf"])
def test_a_full_disk_leaves_the_previous_export_untouched(qtbot, index, tmp_path, ext):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / f"chart.{ext}"
    export_chart(index, target)
    before = target.read_bytes()
    readable(target)
    with disk_full_after(len(before) // 3), pytest.raises(ExportError) as e:
        export_chart(index, target, width=1900)
    message = str(e.value)
    assert "\n" not in message and str(target) in message and "not written" in message
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temp file left


def test_an_export_into_a_new_file_on_a_full_disk_leaves_nothing(qtbot, index, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "new.pdf"
    with disk_full_after(4000), pytest.raises(ExportError):
        export_chart(index, target)
    assert list(tmp_path.iterdir()) == []


def test_enospc_from_the_file_system_is_said_as_a_full_disk(qtbot, index, tmp_path, monkeypatch):
    import storage.safe_write as sw

    target = tmp_path / "chart.png"
    export_chart(index, target)
    before = target.read_bytes()

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(sw.os, "fsync", full)
    with pytest.raises(ExportError, match="the disk is full"):
        export_chart(index, target)
    assert target.read_bytes() == before
