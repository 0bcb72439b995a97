"""DM Casebook's Qt window (PySide6). Only this package imports Qt."""
