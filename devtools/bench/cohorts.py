"""The casebook files the bench measures: the paper's 17 cases, and paper + synthetic."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
SEED = 1


def child_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment of the app and CLI processes the bench starts: settings, default
    casebook, user data and compiled bytecode all inside the bench's folder, never the
    user's."""
    env = dict(os.environ)
    # compiled bytecode kept between starts, as an installed app has it (this machine sets
    # PYTHONDONTWRITEBYTECODE, which would compile every module of the app at every start)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    env.update(
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_DATA_HOME=str(workdir / "data"),
        DM_CASEBOOK_DB=str(workdir / "default.sqlite"),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
    )
    env.update(extra)
    return env


def fresh(path: Path) -> Path:
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            p.unlink()
    return path


def main_py(*args: str, workdir: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env=child_env(workdir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise RuntimeError(f"main.py {' '.join(args)} failed: {out.stderr.strip()}")
    return out


def paper_db(workdir: Path) -> Path:
    """A new casebook: the paper's 17 cases, as a first start makes it."""
    path = fresh(workdir / "paper.sqlite")
    main_py("--db", str(path), "cases", workdir=workdir)
    return path


def synth(workdir: Path, cases: int, name: str) -> tuple[Path, float]:
    """A new casebook of the paper's cases plus `cases` synthetic ones, and the seconds
    `main.py synth` took, from process start to exit."""
    path = fresh(workdir / f"{name}.sqlite")
    t0 = time.perf_counter()
    main_py("synth", "--cases", str(cases), "--db", str(path), "--seed", str(SEED), workdir=workdir)
    return path, time.perf_counter() - t0


def case_count(path: Path) -> int:
    from storage.db import connect

    db = connect(path, mode="readonly")
    try:
        return db.execute("SELECT count(*) FROM cases").fetchone()[0]
    finally:
        db.close()
