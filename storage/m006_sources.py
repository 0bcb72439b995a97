"""Migration m006 (issue 10), frozen: the columns as they are at this step.

Run inside the step's transaction by storage/migrations.py, after m004 (the audit hash
chain). It imports nothing of the live app, so its meaning never changes as the schema
grows.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

import sqlite_utils

# analyte -> (canonical UCUM unit, {unit as typed (casefolded): factor or None}), as
# resources/analytes.json had them when this step was written
_FACTORS = {
    "CK": ("U/L", {"iu/l": 1, "u/l": 1, "ukat/l": 60}),
    "myoglobin": ("ug/L", {"ng/ml": 1, "ug/l": 1, "ng/l": 0.001}),
    "aldolase": ("U/L", {"u/l": 1, "iu/l": 1, "ukat/l": 60, "u/ml": None}),
    "LDH": ("U/L", {"u/l": 1, "iu/l": 1, "ukat/l": 60}),
    "AST": ("U/L", {"u/l": 1, "iu/l": 1, "ukat/l": 60}),
    "ALT": ("U/L", {"u/l": 1, "iu/l": 1, "ukat/l": 60}),
    "CRP": ("mg/L", {"mg/dl": 10, "mg/l": 1}),
    "ESR": ("mm/h", {"mm/h": 1}),
    "CEA": ("ug/L", {"ng/ml": 1, "ug/l": 1}),
    "CA19-9": ("U/mL", {"u/ml": 1, "ku/l": 1}),
    "CYFRA": ("ug/L", {"ng/ml": 1, "ug/l": 1}),
    "SCC": ("ug/L", {"ng/ml": 1, "ug/l": 1}),
    "NSE": ("ug/L", {"ng/ml": 1, "ug/l": 1}),
    "ProGRP": ("ng/L", {"pg/ml": 1, "ng/l": 1}),
}
_UCUM = {"iu/l": "U/L", "iu/ml": "U/mL"}


def _backfill_units(db: sqlite_utils.Database) -> None:
    rows = db.execute("SELECT id, analyte, value, unit FROM lab_results").fetchall()
    for row_id, analyte, value, unit in rows:
        folded = unit.strip().casefold()
        canonical, factors = _FACTORS.get(analyte, (None, {}))
        f = factors.get(folded)
        converted = None if value is None or f is None else float(f"{value * f:.12g}")
        db.execute(
            "UPDATE lab_results SET unit_ucum = ?, value_canonical = ?, unit_canonical = ? "
            "WHERE id = ?",
            [_UCUM.get(folded, unit.strip()), converted,
             canonical if converted is not None else None, row_id],
        )


# what names a row in the History, as storage/audit.py named them at this step
_ROW_NAMES = {
    "lab_results": ("analyte",),
    "steroid_steps": ("drug",),
    "regimens": ("name",),
    "treatments": ("name",),
    "assessments": ("kind",),
}


# the audit hash chain as storage/audit_chain.py made it at this step (after m004): the
# SHA-256 of the canonical JSON of [previous hash, *event, [[*change], ...]]
_GENESIS = "0" * 64
_EVENT = "id, at, user_name, reason, action, case_id, case_uuid, case_label, version"
_CHANGE = "item, row_key, row_label, change, field, old_value, new_value"


def _event_hash(prev: str, event: tuple, changes: list[tuple]) -> str:
    data = [prev, *event, [list(c) for c in changes]]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _record_new_columns(db: sqlite_utils.Database, added: dict[str, list[str]]) -> None:
    """One audit event per case holding the value each new column now has, so that the
    trail alone still rebuilds every case exactly (storage/audit_replay.py). Written as
    storage/audit.py wrote a "set" change at this step, each event chained to the one
    before as storage/audit.py's record chained it; the old value is NULL: the field did
    not exist before."""
    at = datetime.now(UTC).isoformat(timespec="seconds")
    cases = db.execute("SELECT id, uuid, label, version FROM cases ORDER BY id").fetchall()
    for case_id, uuid, label, version in cases:
        changes = []
        names = ", ".join(added["cases"])
        values = db.execute(f"SELECT {names} FROM cases WHERE id = ?", [case_id]).fetchone()
        changes += [("case", "", "", f, v) for f, v in zip(added["cases"], values, strict=True)]
        for table, columns in added.items():
            if table == "cases":
                continue
            label_cols = _ROW_NAMES[table]
            rows = db.execute(
                f"SELECT {', '.join(label_cols + tuple(columns))} FROM {table} "
                "WHERE case_id = ? ORDER BY position, id",
                [case_id],
            ).fetchall()
            for n, row in enumerate(rows, 1):
                row_label = " ".join(
                    str(v) for v in row[: len(label_cols)] if v not in (None, "")
                )
                changes += [
                    (table, str(n), row_label, f, v)
                    for f, v in zip(columns, row[len(label_cols) :], strict=True)
                ]
        rows = [(item, key, rl, "set", f, None, json.dumps(v, ensure_ascii=False))
                for item, key, rl, f, v in changes]
        last = db.execute(
            "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
        event_id, prev = (last[0] + 1, last[1]) if last else (1, _GENESIS)
        event = (event_id, at, "dm-casebook", "upgrade: new fields (what the sources say); "
                 "values as stored at the upgrade", "update", case_id, uuid, label, version)
        db.execute(
            f"INSERT INTO audit_events ({_EVENT}, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*event, _event_hash(prev, event, rows)],
        )
        db.conn.executemany(
            f"INSERT INTO audit_changes (event_id, {_CHANGE}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(event_id, *r) for r in rows],
        )


def apply(db: sqlite_utils.Database) -> None:
    """Hold what case reports say, exactly (issue 10): unknown doses and tapers, bounded
    starts, the dose at follow-up, qualitative results, canonical units, chemotherapy
    schedules and cycle counts, radiotherapy site and dose, smoking status, day of death,
    metastasis sites, presenting signs, MRC side.

    Self-contained: the columns as they are at this step. A steroid step's dose may now be
    unknown, which needs its table rebuilt (SQLite cannot drop a NOT NULL); no table
    refers to steroid_steps, so this runs in the step's own transaction. Existing rows
    keep every value; the derived unit columns of the lab results already stored are
    filled from the factors as they were at this step (_FACTORS, frozen).
    """
    adds = {
        "cases": [
            "smoking_status TEXT NOT NULL DEFAULT 'not specified' CHECK (smoking_status IN "
            "('current', 'former', 'never', 'not specified'))",
            "presenting_signs TEXT NOT NULL DEFAULT '[]'",
            "tumour_metastases TEXT NOT NULL DEFAULT '[]'",
            "followup_dose REAL CHECK (followup_dose IS NULL OR followup_dose >= 0)",
            "followup_drug TEXT NOT NULL DEFAULT ''",
            "death_day INTEGER",
            "death_precision TEXT NOT NULL DEFAULT 'not specified' CHECK (death_precision IN "
            "('exact', 'approximate', 'not specified'))",
        ],
        "lab_results": [
            "qualitative TEXT NOT NULL DEFAULT '' CHECK (qualitative IN ('', 'normalized', "
            "'within normal limits', 'elevated', 'decreased', 'positive', 'negative'))",
            "unit_ucum TEXT",
            "value_canonical REAL",
            "unit_canonical TEXT",
        ],
        "regimens": [
            "schedule TEXT NOT NULL DEFAULT ''",
            "cycle_count INTEGER CHECK (cycle_count IS NULL OR cycle_count BETWEEN 1 AND 999)",
            "cycle_count_kind TEXT NOT NULL DEFAULT '' CHECK (cycle_count_kind IN "
            "('', 'exactly', 'at least'))",
        ],
        "treatments": [
            "site TEXT NOT NULL DEFAULT ''",
            "dose REAL CHECK (dose IS NULL OR dose >= 0)",
            "dose_unit TEXT NOT NULL DEFAULT ''",
        ],
        "assessments": [
            "side TEXT NOT NULL DEFAULT '' CHECK (side IN ('', 'left', 'right'))",
        ],
    }
    for table, columns in adds.items():
        for column in columns:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    # steroid_steps, rebuilt from its own stored SQL (columns added by earlier steps kept)
    # with the dose nullable, plus the bounded start and how the dose was reached
    sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'steroid_steps'"
    ).fetchone()[0]
    new_sql, n = re.subn(
        r"\bdose\s+REAL\s+NOT\s+NULL\s+CHECK\s*\(\s*dose\s*>\s*0\s*\)",
        "dose REAL CHECK (dose IS NULL OR dose > 0)",
        sql.replace("CREATE TABLE steroid_steps", "CREATE TABLE steroid_steps_m006", 1),
        count=1,
        flags=re.IGNORECASE,
    )
    if n != 1:
        raise RuntimeError("m006: steroid_steps has no 'dose REAL NOT NULL CHECK (dose > 0)'")
    indexes = [
        r[0]
        for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'steroid_steps' "
            "AND sql IS NOT NULL"
        ).fetchall()
    ]
    db.execute(new_sql)
    db.execute("INSERT INTO steroid_steps_m006 SELECT * FROM steroid_steps")
    db.execute("DROP TABLE steroid_steps")
    db.execute("ALTER TABLE steroid_steps_m006 RENAME TO steroid_steps")
    for index_sql in indexes:
        db.execute(index_sql)
    db.execute("ALTER TABLE steroid_steps ADD COLUMN from_day_latest INTEGER")
    db.execute(
        "ALTER TABLE steroid_steps ADD COLUMN onset TEXT NOT NULL DEFAULT 'step' "
        "CHECK (onset IN ('step', 'taper'))"
    )
    _backfill_units(db)
    added = {t: [c.split()[0] for c in cols] for t, cols in adds.items()}
    added["steroid_steps"] = ["from_day_latest", "onset"]
    _record_new_columns(db, added)
