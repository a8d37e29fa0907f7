"""The review TUI (Textual). Nothing outside this package imports Textual."""
