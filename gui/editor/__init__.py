"""The case editor: one form per tab, the undo history, the save flow."""
