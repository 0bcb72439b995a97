"""The casebook schema, one commented step per migration (sqlite_utils.Migrations, made
lazily: see storage/migration_set.MigrationSet).

Tables are STRICT so that a REAL column never silently stores text such as '<5'.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .migration_set import _STEPS, migrations, own_transaction, step  # noqa: F401 (migrations: the set)

if TYPE_CHECKING:
    import sqlite_utils

APPLICATION_ID = 0x444D4342  # "DMCB"

_SOURCE = "source_reference TEXT, source_locator TEXT, source_quote TEXT"
_DAY = "day INTEGER, day_precision TEXT NOT NULL DEFAULT 'exact' CHECK (day_precision IN ('exact', 'approximate', 'not specified'))"


@step
def m001_initial_schema(db: sqlite_utils.Database) -> None:
    """Cases and everything in them; children cascade with their case."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            seed_key TEXT UNIQUE,
            label TEXT NOT NULL CHECK (length(trim(label)) > 0),
            reference_number TEXT NOT NULL DEFAULT '',
            citation TEXT NOT NULL DEFAULT '',
            age INTEGER CHECK (age BETWEEN 0 AND 120),
            sex TEXT NOT NULL CHECK (sex IN ('M', 'F', 'not specified')),
            cigarettes_per_day REAL,
            smoking_years REAL,
            pack_years REAL,
            occupation TEXT NOT NULL DEFAULT '',
            history TEXT NOT NULL DEFAULT '',
            day0_meaning TEXT NOT NULL DEFAULT '',
            day0_date TEXT NOT NULL DEFAULT '',
            dm_criteria TEXT NOT NULL DEFAULT '',
            dm_grade TEXT NOT NULL DEFAULT '',
            dm_findings TEXT NOT NULL DEFAULT '[]',
            tumour_type TEXT NOT NULL,
            tumour_site TEXT NOT NULL DEFAULT '',
            tumour_size_mm REAL,
            tumour_stage TEXT NOT NULL DEFAULT '',
            tumour_sampling TEXT NOT NULL DEFAULT '',
            tumour_histology TEXT NOT NULL DEFAULT '',
            initial_treatments_status TEXT NOT NULL,
            initial_treatments TEXT NOT NULL DEFAULT '[]',
            response_cutaneous TEXT NOT NULL,
            response_muscular TEXT NOT NULL,
            final_outcome TEXT NOT NULL,
            followup_day INTEGER,
            followup_precision TEXT NOT NULL DEFAULT 'not specified',
            outcome_note TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            table_order INTEGER,
            version INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE case_sources (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            reference TEXT NOT NULL,
            locator TEXT NOT NULL,
            quote TEXT NOT NULL,
            UNIQUE (case_id, field)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE lab_results (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            {_DAY},
            analyte TEXT NOT NULL,
            comparator TEXT NOT NULL DEFAULT '' CHECK (comparator IN ('', '<', '>', '<=', '>=')),
            value REAL,
            unit TEXT NOT NULL,
            ref_low REAL,
            ref_high REAL,
            flag TEXT NOT NULL DEFAULT '',
            loinc TEXT,
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE}
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE antibody_results (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            antibody TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN
                ('positive', 'negative', 'equivocal', 'not tested', 'not specified')),
            titre TEXT NOT NULL DEFAULT '',
            pattern TEXT NOT NULL DEFAULT '',
            method TEXT NOT NULL DEFAULT '',
            {_DAY},
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE},
            UNIQUE (case_id, antibody)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE steroid_steps (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            drug TEXT NOT NULL,
            dose REAL NOT NULL CHECK (dose > 0),
            unit TEXT NOT NULL,
            route TEXT NOT NULL DEFAULT '',
            from_day INTEGER,
            from_precision TEXT NOT NULL,
            to_day INTEGER,
            to_precision TEXT NOT NULL,
            pred_eq_mg_day REAL,
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE},
            CHECK (to_day IS NULL OR from_day IS NULL OR to_day >= from_day)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE regimens (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            agents TEXT NOT NULL DEFAULT '[]',
            cycle_length_days INTEGER,
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE}
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE regimen_cycles (
            id INTEGER PRIMARY KEY,
            regimen_id INTEGER NOT NULL REFERENCES regimens(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            {_DAY},
            {_SOURCE},
            UNIQUE (regimen_id, number)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE treatments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('steroid', 'chemotherapy', 'ivig',
                'immunosuppressant', 'radiotherapy', 'surgery', 'other')),
            name TEXT NOT NULL,
            start_day INTEGER,
            start_precision TEXT NOT NULL,
            end_day INTEGER,
            end_precision TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            {_SOURCE},
            CHECK (end_day IS NULL OR start_day IS NULL OR end_day >= start_day)
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            {_DAY},
            note TEXT NOT NULL DEFAULT '',
            {_SOURCE}
        ) STRICT
        """
    )
    db.execute(
        f"""
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            result TEXT NOT NULL,
            {_DAY},
            {_SOURCE}
        ) STRICT
        """
    )
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT")
    for table in (
        "lab_results",
        "antibody_results",
        "steroid_steps",
        "regimens",
        "treatments",
        "assessments",
        "findings",
        "case_sources",
    ):
        db.execute(f"CREATE INDEX idx_{table}_case ON {table}(case_id)")
    db.execute("CREATE INDEX idx_regimen_cycles_regimen ON regimen_cycles(regimen_id)")


@step
def m002_audit_trail(db: sqlite_utils.Database) -> None:
    """The append-only audit trail, and a baseline of the cases already in the file.

    audit_events: one row per create/update/delete of a case; audit_changes: one row per
    field changed (values as JSON; NULL where the row did not exist before / no longer
    exists). No foreign key to cases: the trail outlives a deleted case. Triggers make the
    database itself refuse to change or delete an entry.
    """
    db.execute(
        """
        CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_name TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
            case_id INTEGER NOT NULL,
            case_uuid TEXT NOT NULL,
            case_label TEXT NOT NULL,
            version INTEGER NOT NULL
        ) STRICT
        """
    )
    db.execute(
        """
        CREATE TABLE audit_changes (
            id INTEGER PRIMARY KEY,
            event_id INTEGER NOT NULL REFERENCES audit_events(id),
            item TEXT NOT NULL,
            row_key TEXT NOT NULL,
            row_label TEXT NOT NULL DEFAULT '',
            change TEXT NOT NULL CHECK (change IN ('add', 'set', 'remove')),
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT
        ) STRICT
        """
    )
    db.execute("CREATE INDEX idx_audit_events_case ON audit_events(case_uuid)")
    db.execute("CREATE INDEX idx_audit_changes_event ON audit_changes(event_id)")
    for table in ("audit_events", "audit_changes"):
        for op in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: "
                f"{op} is not allowed'); END"
            )
    # Cases already in the file get a "create" event holding their current content, so
    # that the trail alone rebuilds every case. Frozen here (no import of the live audit
    # or snapshot modules, whose meaning changes as the schema grows): the tables and
    # columns as they were at this step, the change rows as audit.diff(None, ...) wrote
    # them then.
    from .m002_backfill import backfill  # frozen: see that module

    backfill(db)


def _has_autoincrement(db: sqlite_utils.Database) -> bool:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name='cases'")
    return "AUTOINCREMENT" in sql.fetchone()[0].upper()


@step(transactional=False)
def m003_case_ids_never_reused(db: sqlite_utils.Database) -> None:
    """Case ids are never given again (AUTOINCREMENT), not even a deleted case's id.

    Without it SQLite gives a new case the id of the highest case just deleted, and a
    window still holding the deleted case could save over the new one. Rebuilding the
    table needs foreign keys off (a DROP would cascade to every child row), and that
    pragma cannot change inside a transaction: so this step runs its own transaction, and
    runs again harmlessly if the machine stopped before it was recorded. The table is
    rebuilt from its own stored SQL so that columns added by earlier steps are kept.
    """
    if _has_autoincrement(db):
        db.execute(f"PRAGMA user_version = {_STEPS.index('m003_case_ids_never_reused') + 1}")
        return
    with own_transaction(db, "m003_case_ids_never_reused"):
        table_sql, others = None, []
        for kind, sql in db.execute(
            "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'cases'"
        ).fetchall():
            if kind == "table":
                table_sql = sql
            elif sql is not None:  # explicit indexes and triggers (autoindexes: None)
                others.append(sql)
        new_sql, n = re.subn(
            r"\bid\s+INTEGER\s+PRIMARY\s+KEY\b",
            "id INTEGER PRIMARY KEY AUTOINCREMENT",
            table_sql.replace("CREATE TABLE cases", "CREATE TABLE cases_m003", 1),
            count=1,
            flags=re.IGNORECASE,
        )
        if n != 1:
            raise RuntimeError("m003: the cases table has no INTEGER PRIMARY KEY id")
        db.execute(new_sql)
        db.execute("INSERT INTO cases_m003 SELECT * FROM cases")
        db.execute("DROP TABLE cases")
        db.execute("ALTER TABLE cases_m003 RENAME TO cases")
        for sql in others:
            db.execute(sql)
        # ids of cases deleted before this step are in the trail: never give them again
        high = db.execute(
            "SELECT max(m) FROM (SELECT max(id) AS m FROM cases "
            "UNION ALL SELECT max(case_id) FROM audit_events)"
        ).fetchone()[0]
        db.execute("DELETE FROM sqlite_sequence WHERE name = 'cases'")
        db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('cases', ?)", [high or 0])
        broken = db.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"m003: {len(broken)} rows lost their case")


@step
def m004_export_log(db: sqlite_utils.Database) -> None:
    """The log of every data export: who, when, which profile, what, how many cases.

    Append-only like the audit trail (triggers refuse UPDATE and DELETE). Not in
    audit_events: that table records one case's create/update/delete and its action is
    checked to be one of those three; an export concerns the whole casebook.
    """
    db.execute(
        """
        CREATE TABLE export_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            user_name TEXT NOT NULL,
            profile TEXT NOT NULL CHECK (profile IN ('identified', 'limited', 'safe-harbor')),
            formats TEXT NOT NULL,
            destination TEXT NOT NULL,
            case_count INTEGER NOT NULL,
            files TEXT NOT NULL
        ) STRICT
        """
    )
    for op in ("UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER export_log_no_{op.lower()} BEFORE {op} ON export_log "
            f"BEGIN SELECT RAISE(ABORT, 'the export log is append-only: "
            f"{op} is not allowed'); END"
        )


@step
def m007_saved_selections(db: sqlite_utils.Database) -> None:
    """Named selections of cases for the cohort views: the filters, not the case ids, so
    that a selection keeps meaning "these criteria" as cases are added and edited.

    The filters are the `--where` clauses as a JSON list of strings (domain/cohort_filter).
    Numbered 7 for its place after the steps of issues 10-13; the step's version is its
    position in this list, so at a merge only the name may change.
    """
    db.execute(
        """
        CREATE TABLE saved_selections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
            filters TEXT NOT NULL,  -- checked when read (json_valid is unsafe in a CHECK
            -- with trusted_schema=OFF)
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT
        """
    )


@step(transactional=False)
def m008_audit_hash_chain(db: sqlite_utils.Database) -> None:
    """Each audit event carries a hash chained to the one before (storage/audit_chain.py),
    and a restore of a backup can be recorded as an event of its own.

    The events table is rebuilt (a CHECK cannot be altered in place), which needs foreign
    keys off for the changes that point at it: like m003, this step runs its own
    transaction, user_version set in it. If the machine stops before sqlite-utils records
    the step, or another window did it meanwhile, the step finds the hash column (under
    the write lock) and changes nothing. Named 8 to follow m007 (issue 14); its version is
    its position in this list.
    """
    with own_transaction(db, "m008_audit_hash_chain"):
        if "hash" not in db["audit_events"].columns_dict:
            from .m008_chain import chain_events  # frozen: see that module

            chain_events(db)
            if db.execute("PRAGMA foreign_key_check").fetchall():
                raise RuntimeError("m008: recorded changes lost their event")


@step
def m005_score_inputs(db: sqlite_utils.Database) -> None:
    """The inputs of the clinical instruments (Bohan & Peter, EULAR/ACR 2017, IMACS 2023
    screening, TIS): criteria facts on the case (NULL: not recorded) and the IMACS
    core-set visits (MMT-8 by group, physician / patient / extramuscular global, HAQ).

    Named 5 for issue 15's planned place; its version is its position in this list (after
    the steps already on main), so at a merge only the name may change. The columns are
    frozen in storage/m005_scores.py."""
    from .m005_scores import add_score_inputs

    add_score_inputs(db, _DAY, _SOURCE)


@step
def m006_what_the_sources_say(db: sqlite_utils.Database) -> None:
    """Hold what case reports say, exactly (issue 10): unknown doses and tapers, bounded
    starts, the dose at follow-up, qualitative results, canonical units, chemotherapy
    schedules and cycle counts, radiotherapy site and dose, smoking status, day of death,
    metastasis sites, presenting signs, MRC side. Frozen in its own module; its audit
    events are chained as m008 chains them."""
    from .m006_sources import apply  # frozen: see that module

    apply(db)


SCHEMA_VERSION = len(_STEPS)  # after the last step
