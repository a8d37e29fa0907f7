"""Verdicts in and out of the workbench: the CSV contract, JSON lines, ClaimReview."""
