"""Modal screens, one per file; each returns its result to the main screen by dismiss()."""
