"""Reusable widgets of the case editor (tables of rows, fields with messages)."""
