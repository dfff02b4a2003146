"""Limits shared by the engine and its views."""

FEED_PER_WEEK = 60
"""Most feed events kept per week (a big org would otherwise flood the feed)."""
