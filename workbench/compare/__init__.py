"""Comparing sessions: agreement statistics, diffs, version alignment, adjudication."""
