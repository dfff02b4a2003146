"""The Textual app: `SiloApp`, its screens, widgets and stylesheet.

Only this layer imports Textual; it shows what `game.present` and `sim` return.
"""
