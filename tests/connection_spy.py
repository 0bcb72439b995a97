"""Records every SQLite connection the app opens, what ran on it, and its pragmas.

spy_connections(monkeypatch) wraps sqlite3.connect; each connection keeps the SQL it ran
(trace callback) and the values of its pragmas when it closes (or when checked).
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

CHECKED = (
    "journal_mode",
    "synchronous",
    "foreign_keys",
    "busy_timeout",
    "trusted_schema",
    "query_only",
)


class ProbeConnection(sqlite3.Connection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements: list[str] = []
        self.pragmas: dict | None = None
        self.set_trace_callback(self.statements.append)

    def read_pragmas(self) -> dict:
        if self.pragmas is None:
            self.set_trace_callback(None)
            self.pragmas = {p: self.execute(f"PRAGMA {p}").fetchone()[0] for p in CHECKED}
        return self.pragmas

    def close(self) -> None:
        try:
            self.read_pragmas()
        except sqlite3.ProgrammingError:  # already closed
            pass
        super().close()


@dataclass
class Opened:
    target: str
    caller: str
    conn: ProbeConnection
    readonly: bool = field(default=False)


def spy_connections(monkeypatch) -> list[Opened]:
    opened: list[Opened] = []
    real = sqlite3.connect

    def connect(database, *args, **kwargs):
        kwargs.setdefault("factory", ProbeConnection)
        conn = real(database, *args, **kwargs)
        caller = Path(sys._getframe(1).f_code.co_filename)
        target = str(database)
        opened.append(Opened(target, str(caller), conn, "mode=ro" in target))
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)
    return opened


def first_other_statement(statements: list[str]) -> int:
    """Index of the first statement that is not a PRAGMA (len() when there is none)."""
    for i, s in enumerate(statements):
        if not s.lstrip().upper().startswith("PRAGMA"):
            return i
    return len(statements)
