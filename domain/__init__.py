"""DM Casebook domain: pure Python (no Qt, no SQL)."""
