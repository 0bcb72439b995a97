"""The History view: the audit trail of a case or of the whole casebook."""
