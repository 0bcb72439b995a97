"""Names `make lint`'s dead-code check (vulture) cannot see used, each with the reason.

Not imported by anything: vulture reads it as if it were code that uses these names.
"""

# ruff: noqa: B018, F821
# Qt calls these by name (virtual overrides)
_.columnCount, _.headerData, _.closeEvent, _.tickValues, _.tickStrings, _.setModelData
_.redo, _.undo, _.mergeWith  # QUndoCommand
_.border  # pyqtgraph TextItem paints its .border
# migrations run through sqlite_utils.Migrations, registered by the @step decorator
m001_initial_schema, m002_audit_trail
# catalogue and field-spec metadata: read by the Sources view, codebook and data dictionary
_.loinc_status, _.association_status, _.abbreviation, _.atc, _.atc_status
_.minimum, _.maximum, _.required, _.free_text, _.codes, _.parent_key, _.ordered_by
# autouse pytest fixtures
_isolate, no_modal, _empty_clipboard
m003_case_ids_never_reused
m004_audit_hash_chain
m004_export_log
m007_saved_selections
_.pattern_loinc  # catalogue data for the coming exports
report_pages, PRESET_DPIS  # case report and export presets: listed for the dialogs to come
_.data_type  # openpyxl reads a cell's data_type when it saves (text, never a formula)
m006_what_the_sources_say
# enum members the forms and seed files reach by value (Qualitative("elevated"), ...)
_.WITHIN_LIMITS, _.ELEVATED, _.DECREASED, _.CURRENT, _.FORMER, _.NEVER
