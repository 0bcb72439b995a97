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
# fixtures used through @pytest.mark.usefixtures
serif_default
m003_case_ids_never_reused
m004_export_log
m007_saved_selections
m008_audit_hash_chain
_.pattern_loinc  # catalogue data for the coming exports
report_pages, PRESET_DPIS  # case report and export presets: listed for the dialogs to come
_.data_type  # openpyxl reads a cell's data_type when it saves (text, never a formula)
m005_score_inputs
# score inputs: stored and read through the field spec, and read by name (getattr) by the
# calculators and the Scores tab's forms
_.weak_prox_upper, _.weak_prox_lower, _.weak_neck_flexors, _.weak_legs_prox_distal
_.weak_finger_flexors, _.gottron_papules, _.gottron_sign, _.bx_endomysial, _.bx_perimysial
_.bx_perifascicular, _.bx_rimmed_vacuoles, _.emg_myopathic, _.other_cause
_.no_treatment_response, _.skin_ulceration, _.refractory_activity, _.ild
_.physician_global, _.patient_global, _.haq, _.extramuscular_global, _.mmt_neck_flexors
_.mmt_deltoid, _.mmt_biceps, _.mmt_wrist_extensors, _.mmt_gluteus_maximus
_.mmt_gluteus_medius, _.mmt_quadriceps, _.mmt_ankle_dorsiflexors
m006_what_the_sources_say
# enum members the forms and seed files reach by value (Qualitative("elevated"), ...)
_.WITHIN_LIMITS, _.ELEVATED, _.DECREASED, _.CURRENT, _.FORMER, _.NEVER
