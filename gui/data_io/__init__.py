"""File > Export data... and File > Import...: the data exports and imports in the window."""
