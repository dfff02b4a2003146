"""UI-free presentation: saves, sessions, figures, lessons, reports, plots, verbs.

Nothing here imports Textual or Rich (an import-linter contract says so), so
the headless commands, the report and a notebook use it without a terminal.
"""
