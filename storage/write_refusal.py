"""Connections whose writes are refused, with the reason: a casebook found damaged after
it was opened (gui.backup.quick_check). storage.db.write_transaction raises StoreError
with the reason, so nothing more is written into the file."""

from __future__ import annotations

import sqlite3

# id -> (connection, reason)
_REFUSED: dict[int, tuple[sqlite3.Connection, str]] = {}


def refuse_writes(conn: sqlite3.Connection, reason: str | None) -> None:
    """From now on every write through conn is refused with reason (None: allowed again)."""
    if reason is None:
        _REFUSED.pop(id(conn), None)
    else:
        _REFUSED[id(conn)] = (conn, reason)


def refusal(conn: sqlite3.Connection) -> str | None:
    """Why writes through conn are refused, or None."""
    refused = _REFUSED.get(id(conn))
    return refused[1] if refused is not None and refused[0] is conn else None
