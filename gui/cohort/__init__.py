"""The cohort window: the chosen cases together (filters, tables, swimmer, survival)."""
