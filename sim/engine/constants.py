"""Limits shared by the engine and its views."""

FEED_PER_WEEK = 60
"""Most feed events kept per week (a big org would otherwise flood the feed)."""
EPS = 1e-9
"""Hours below which a debt or a remainder counts as nothing (float round-off)."""
PRUNE_EVERY_WEEKS = 4
"""How often old outputs are swept from the duplication registry (memory, not results)."""
