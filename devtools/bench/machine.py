"""The machine a bench ran on: CPU, cores, memory, and the versions that matter."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from importlib import metadata


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    return "unknown"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> list[tuple[str, str]]:
    """(what, value) pairs for the report."""
    from PySide6 import QtCore

    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("Memory", _memory_gb()),
        (
            "Load average at start (1/5/15 min)",
            " / ".join(f"{x:.2f}" for x in load) if load else "unknown",
        ),
        ("OS", platform.platform()),
        ("Python", sys.version.split()[0]),
        ("Qt", QtCore.qVersion()),
        ("PySide6", _version("PySide6-Essentials")),
        ("pyqtgraph", _version("pyqtgraph")),
        ("SQLite", sqlite3.sqlite_version),
        ("sqlite-utils", _version("sqlite-utils")),
        ("numpy", _version("numpy")),
        ("matplotlib", _version("matplotlib")),
        ("Qt platform", os.environ.get("QT_QPA_PLATFORM", "default")),
    ]
