"""Backups and bad files: Back up now, Restore from backup..., the start-up dialog for a file that cannot be opened."""
